"""The result card, assembled in one place for every click that shows it.

The walkthrough (a finished check, a decision, an alert) and the follow-ups (a reminder offer) all
re-render the same message; each must show the advice in the student's own name and field, the decision
as stored and whether the career center was told, so they all ask this one service for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching.advice import Advice
from bot.coaching.content import Content
from bot.coaching.followup import reminders_on
from bot.coaching.vocab import OFFER_DECISIONS
from bot.config import Settings
from bot.slack.names import Names
from bot.slack.views import codec as st
from bot.slack.views import followups as fb
from bot.slack.views import student as bk
from bot.slack.views.kit import when
from bot.store import AsyncDecisionStore, DecisionRecord


@dataclass(frozen=True, slots=True)
class StudentPrefs:
    field: str | None  # their field or goal, which drafts mention
    reminders: bool  # "did they reply?" reminders on


class ResultCards:
    def __init__(
        self,
        *,
        settings: Settings,
        store: AsyncDecisionStore,
        content: Content,
        clock: Callable[[], datetime],
        names: Names,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.store = store
        self.content = content
        self.names = names

    async def student(self, team_id: str, user_id: str) -> StudentPrefs:
        """What the card needs of the student's preferences, in one read."""
        prefs = await self.store.get_prefs(team_id, user_id)
        field = prefs.get(bk.FIELD_PREF)
        return StudentPrefs(
            field=field if isinstance(field, str) and field.strip() else None, reminders=reminders_on(prefs)
        )

    async def field_of(self, team_id: str, user_id: str) -> str | None:
        """The student's field or goal from their preferences (drafts mention it), or None."""
        return (await self.student(team_id, user_id)).field

    async def advice(
        self, client: AsyncWebClient, user_id: str, state: st.WalkState, field: str | None
    ) -> Advice:
        """The advice with the draft signed in the student's name and mentioning their field."""
        return await self.names.advice(self.content, client, user_id, state, interest=field)

    async def followup_blocks(
        self,
        state: st.WalkState,
        advice: Advice,
        record: DecisionRecord,
        student: StudentPrefs,
    ) -> list[dict]:
        """The follow-up part of the card under "Recorded: ...": the reminder offer, the one scheduled, or
        the reply already reported. None after a scam (the advice is to stop talking to them).
        `student` is the student looking at the card."""
        if advice.safety or record.decision not in OFFER_DECISIONS:
            return []
        if not student.reminders:
            return fb.note_blocks(fb.REMINDERS_OFF)
        fu = record.followup
        if fu.outcome:
            return fb.note_blocks(f":memo: Their reply: *{fb.OUTCOME_RECORDED.get(fu.outcome, fu.outcome)}*.")
        if fu.remind_at and fu.reminder_sent_at:
            return fb.note_blocks(
                f":wave: I asked you {when(fu.reminder_sent_at, pretty=True)} whether they replied:"
                " answer in that message."
            )
        value = st.encode(state)
        if fu.remind_at:
            return fb.scheduled_blocks(value, fu.remind_at, state.signals.requester_name, now=self.clock())
        return fb.offer_blocks(value, state.signals.requester_name)

    def message(
        self,
        state: st.WalkState,
        advice: Advice,
        *,
        decision: str | None,
        field: str | None,
        extra_blocks: Sequence[dict] = (),
        alert: str | None = None,
    ) -> tuple[str, list[dict]]:
        """The card; `alert` is "ask" while the student chooses how to tell their career center and
        "sent" once they have (`alert_status` of the stored record)."""
        return bk.result_message(
            self.content,
            state,
            advice,
            decision=decision,
            extra_blocks=extra_blocks,
            staff_view=self.settings.invite_check_staff_view,
            alert=alert,
            field=field,
        )


def alert_status(record: DecisionRecord) -> str | None:
    return "sent" if record.alert is not None else None
