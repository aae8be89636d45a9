"""Followups: the follow-up side of a check, shared by the walkthrough, the listeners and the scheduler.

State lives in the store only (the record's ``followup`` and the student's prefs), never in this
object, so a restart or a second replica loses nothing; this object only caches time zones.

Delivery is at most once. A due reminder is *claimed* first (compare-and-set ``reminder_sent_at``
on the record, expecting it unsent), then posted; if the post fails, the claim is undone so the
next pass retries it. Two passes (the loop and a manual run, or two replicas on one file) cannot
both claim the same reminder, so none is sent twice. The trade-off: if the process dies between
the claim and Slack's answer (a window of one HTTP call), that reminder stays marked as sent and
is not retried; the alternative, claiming after posting, could send it twice, which is worse
for a student than one missing nudge. The staff view shows it as "asked, no answer yet".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching import drafts
from bot.coaching.content import Content
from bot.coaching.followup import (
    MAX_SNOOZES,
    PREF_REMINDERS,
    REMIND_DAYS,
    SNOOZE_DAYS,
    plan,
    remind_at,
    reminders_on,
    zone,
)
from bot.coaching.vocab import OFFER_DECISIONS, OUTCOMES
from bot.config import Settings
from bot.slack.faults import SLACK_FAILURES
from bot.slack.locks import WalkLocks
from bot.slack.names import Names
from bot.slack.result_card import ResultCards, alert_status
from bot.slack.views import codec as st
from bot.slack.views import followups as fb
from bot.slack.views import student as bk
from bot.store import AsyncDecisionStore, DecisionRecord, StoreClosedError

if TYPE_CHECKING:
    from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

logger = logging.getLogger(__name__)

# Slack did not answer (after the client's own retries), or answered with an error.
ZONE_TTL = timedelta(hours=6)  # users.info time zones, cached briefly (students do travel)
# Slack errors no retry can fix for this student's reminder: it ends instead of being retried forever.
PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "channel_not_found",
        "user_not_found",
        "user_disabled",
        "user_not_visible",
        "cannot_dm_bot",
        "is_archived",
        "not_in_channel",
    }
)
RETRY_FIRST = timedelta(minutes=1)  # back-off after a passing failure, doubling up to RETRY_MAX
RETRY_MAX = timedelta(hours=6)


def _slack_error(exc: BaseException) -> str | None:
    """The `error` code of a Web API answer (None for time-outs and dropped connections)."""
    data = getattr(getattr(exc, "response", None), "data", None)
    return str(data.get("error")) if isinstance(data, dict) and data.get("error") else None


def _unsent(record: DecisionRecord) -> dict[str, Any]:
    """`expect` for a compare-and-set on a pending, unsent, unanswered reminder."""
    return {"remind_at": record.followup.remind_at, "reminder_sent_at": None, "outcome": None}


class Followups:
    """Built by bot.slack.app.wire before the walkthrough (bot.slack.walkthrough), which calls it; it knows nothing
    of the walkthrough. `installations` is Bolt's installation store with installs in many workspaces
    (OAuth), where a reminder finds its workspace's bot token; None with one bot token."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: AsyncDecisionStore,
        content: Content,
        clock: Callable[[], datetime],
        names: Names,
        cards: ResultCards,
        locks: WalkLocks,
        installations: AsyncInstallationStore | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.content = content
        self.clock = clock
        self.names = names
        self.cards = cards
        self.locks = locks
        self.installations = installations
        self._zones: dict[str, tuple[datetime, tzinfo]] = {}
        self._delivering = asyncio.Lock()
        self._failures: dict[str, int] = {}  # record id -> delivery failures in a row (this process)

    # -- preferences ------------------------------------------------------------------------------
    async def reminders_on(self, team_id: str, user_id: str) -> bool:
        return reminders_on(await self.store.get_prefs(team_id, user_id))

    async def set_reminders(self, team_id: str, user_id: str, on: bool) -> int:
        """Turn a student's reminders on or off; off also cancels their pending ones (returns how many)."""
        await self.store.set_prefs(
            team_id, user_id, **{PREF_REMINDERS: None if on else False}
        )  # on = default
        if on:
            return 0
        cancelled = 0
        for record in await self.store.list(team_id=team_id, user_id=user_id):
            cancelled += await self.cancel(record)
        logger.info("reminders turned off", extra={"cancelled": cancelled})
        return cancelled

    # -- scheduling and cancelling ------------------------------------------------------------------
    async def cancel(self, record: DecisionRecord | None) -> int:
        """Cancel the record's reminder if it is still pending (not sent, not answered)."""
        fu = record.followup if record else None
        if record is None or fu is None or fu.remind_at is None or fu.reminder_sent_at or fu.outcome:
            return 0
        done = await self.store.update_followup(record.id, expect=_unsent(record), remind_at=None, about=None)
        return int(done is not None)

    async def schedule(self, record: DecisionRecord, days: int, name: str | None) -> DecisionRecord | None:
        due = remind_at(self.clock(), days)
        return await self.store.update_followup(
            record.id, expect={"outcome": None}, remind_at=due, reminder_sent_at=None, about=name
        )

    async def on_decision(self, state: st.WalkState, decision: str, record: DecisionRecord) -> DecisionRecord:
        """Called by the walkthrough with the record it just stored: a later final decision cancels a reminder."""
        if decision not in OFFER_DECISIONS and await self.cancel(record):
            logger.info("reminder cancelled by a later decision", extra={"wid": state.wid})
            return await self.store.get(state.wid) or record
        return record

    # -- the result card ----------------------------------------------------------------------------
    async def show_card(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        record: DecisionRecord,
        extra: list[dict] | None = None,
        *,
        team_id: str,
        user_id: str,
    ) -> None:
        """Re-render the result card of `record` in place (same message), with `extra` or the current
        follow-up blocks."""
        student = await self.cards.student(team_id, user_id)
        advice = await self.cards.advice(client, user_id, state, student.field)
        if extra is None:
            extra = await self.cards.followup_blocks(state, advice, record, student)
        text, blocks = self.cards.message(
            state,
            advice,
            decision=record.decision,
            field=student.field,
            extra_blocks=extra,
            alert=alert_status(record),
        )
        await client.chat_update(
            channel=container["channel_id"], ts=container["message_ts"], text=text, blocks=blocks
        )

    async def own_record(self, wid: str, *, team_id: str, user_id: str) -> DecisionRecord | None:
        """The record, only if it belongs to the clicking student (a button value can be forged; who
        clicked, `team_id` and `user_id`, comes from Slack's signed payload by way of Bolt's context)."""
        record = await self.store.get(wid)
        if record is None or record.user_id != user_id or record.team_id != team_id:
            return None
        return record

    async def offer_clicked(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        choice: str,
        *,
        team_id: str,
        user_id: str,
    ) -> None:
        """ "Remind me in N days" (choice = "3"/"7"/"14"), "no thanks" or "cancel" on the result card.

        Serialised with the walkthrough's own clicks on this card (self.locks), so a decision
        changed meanwhile is never overwritten on the card by this click's older view of it."""
        async with self.locks.serialised(state.wid):
            await self._offer_clicked(client, container, state, choice, team_id, user_id)

    async def _offer_clicked(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        choice: str,
        team_id: str,
        user_id: str,
    ) -> None:
        record = await self.own_record(state.wid, team_id=team_id, user_id=user_id)
        if record is None:
            await self._show(client, container, *bk.expired_message())
            return
        decision = record.decision
        extra: list[dict] | None = None
        if decision in OFFER_DECISIONS and choice.isdigit() and int(choice) in REMIND_DAYS:
            if await self.reminders_on(record.team_id, record.user_id):
                await self.schedule(record, int(choice), state.signals.requester_name)
                logger.info("reminder scheduled", extra={"wid": record.id, "days": int(choice)})
        elif choice == "no_thanks":
            await self.cancel(record)
            extra = fb.note_blocks(":ok_hand: Okay, no reminder.")
        elif choice == "cancel":
            await self.cancel(record)
        record = await self.store.get(record.id) or record  # as this click left it
        await self.show_card(client, container, state, record, extra, team_id=team_id, user_id=user_id)

    # -- delivery -----------------------------------------------------------------------------------
    async def user_zone(self, client: AsyncWebClient, user_id: str) -> tzinfo:
        now = self.clock()
        hit = self._zones.get(user_id)
        if hit and now - hit[0] < ZONE_TTL:
            return hit[1]
        try:
            user = (await client.users_info(user=user_id))["user"]
            tz = zone(user.get("tz"), user.get("tz_offset"))
        except SLACK_FAILURES + (KeyError, TypeError):
            logger.warning("users.info failed; using the last known (or UTC) time zone for a reminder")
            return hit[1] if hit else UTC
        self._zones[user_id] = (now, tz)
        return tz

    async def _team_client(self, client: AsyncWebClient, team_id: str) -> AsyncWebClient | None:
        """The client to post as in `team_id`: `client` with one bot token; its installation's token with
        installs in many workspaces (None when it has none any more)."""
        if self.installations is None:
            return client
        from bot.slack.oauth import team_client

        return await team_client(self.installations, client, team_id)

    async def deliver_due(self, client: AsyncWebClient) -> int:
        """One pass: send every reminder due now (in its student's working hours). Returns how many were sent."""
        async with self._delivering:
            now = self.clock()
            sent = dropped = 0
            clients: dict[str, AsyncWebClient | None] = {}  # each workspace's token, looked up once a pass
            # Leased to this pass: a replica running its own pass at the same time gets other records.
            for record in await self.store.claim_due_reminders(now):
                try:
                    if record.team_id not in clients:
                        clients[record.team_id] = await self._team_client(client, record.team_id)
                    team_client = clients[record.team_id]
                    if team_client is None:
                        dropped += await self._orphaned(record)
                        continue
                    sent += await self._deliver(team_client, record, now)
                except StoreClosedError:
                    raise
                except Exception:  # one bad record must not block the others; the traceback is logged
                    logger.exception("reminder delivery failed", extra={"wid": record.id})
            if dropped:
                logger.info("%d due reminder(s) dropped: their workspace uninstalled the app", dropped)
            return sent

    async def _orphaned(self, record: DecisionRecord) -> int:
        """The workspace uninstalled the app: nobody can post the reminder, so it ends here. Left due, it
        would come back every pass ahead of other workspaces' reminders and crowd them out."""
        ended = await self.store.update_followup(
            record.id, expect=_unsent(record), remind_at=None, about=None
        )
        return int(ended is not None)

    async def _deliver(self, client: AsyncWebClient, record: DecisionRecord, now: datetime) -> int:
        on = await self.reminders_on(record.team_id, record.user_id)
        tz = (
            await self.user_zone(client, record.user_id) if on and record.decision in OFFER_DECISIONS else UTC
        )
        step = plan(record.decision, reminders_on=on, now=now, tz=tz)
        if step.action == "cancel":
            await self.store.update_followup(record.id, expect=_unsent(record), remind_at=None, about=None)
            logger.info("due reminder dropped: %s", step.reason, extra={"wid": record.id})
            return 0
        if step.action == "postpone":
            await self.store.update_followup(record.id, expect=_unsent(record), remind_at=step.at)
            return 0
        claimed = await self.store.update_followup(record.id, expect=_unsent(record), reminder_sent_at=now)
        if claimed is None:
            return 0  # answered, cancelled, deleted or claimed by someone else meanwhile
        fu = claimed.followup
        ref = fb.ReminderRef(w=record.id, n=(fu.about or record.requester_name or None))
        label = self.content.templates.decisions.get(record.decision or "", record.decision or "")
        text, blocks = fb.reminder_message(
            ref,
            checked_at=record.created_at,
            decision_label=label,
            snoozes=fu.snoozes,
            decision=record.decision,
        )
        try:
            await client.chat_postMessage(channel=record.user_id, text=text, blocks=blocks)  # the app's DM
        except SLACK_FAILURES as exc:
            await self._not_delivered(record, now, exc)
            return 0
        self._failures.pop(record.id, None)
        logger.info("reminder sent", extra={"wid": record.id})
        return 1

    async def _not_delivered(self, record: DecisionRecord, now: datetime, exc: BaseException) -> None:
        """Only a claim we still hold is undone. An error that retrying cannot fix (the student's
        account is gone, no DM is possible) ends the reminder; any other error backs off, doubling."""
        held = {"reminder_sent_at": now, "outcome": None}
        error = _slack_error(exc)
        if error in PERMANENT_ERRORS:
            self._failures.pop(record.id, None)
            await self.store.update_followup(
                record.id, expect=held, reminder_sent_at=None, remind_at=None, about=None
            )
            logger.warning(
                "reminder dropped: Slack answered %s, which retrying cannot fix",
                error,
                extra={"wid": record.id},
            )
            return
        failures = self._failures[record.id] = self._failures.get(record.id, 0) + 1
        wait = min(RETRY_FIRST * 2 ** (failures - 1), RETRY_MAX)
        await self.store.update_followup(record.id, expect=held, reminder_sent_at=None, remind_at=now + wait)
        log = logger.warning if failures == 1 else logger.info  # one warning per outage, not one a minute
        log(
            "reminder not delivered (%s); retrying in %d min",
            error or type(exc).__name__,
            wait.total_seconds() // 60,
            extra={"wid": record.id, "failures": failures},
        )

    # -- answers to a reminder ----------------------------------------------------------------------
    async def _show(self, client: AsyncWebClient, container: dict, text: str, blocks: list[dict]) -> None:
        await client.chat_update(
            channel=container["channel_id"], ts=container["message_ts"], text=text, blocks=blocks
        )

    async def _gone(self, client: AsyncWebClient, container: dict) -> None:
        text, blocks = fb.gone_message(
            "This check was deleted, so there is nothing left to follow up on."
            " Start a fresh one with /invite-check."
        )
        await self._show(client, container, text, blocks)

    async def outcome_clicked(
        self,
        client: AsyncWebClient,
        container: dict,
        ref: fb.ReminderRef,
        outcome: str,
        *,
        team_id: str,
        user_id: str,
    ) -> None:
        if outcome not in OUTCOMES:
            raise fb.RefError(f"unknown outcome {outcome!r}")
        record = await self.own_record(ref.w, team_id=team_id, user_id=user_id)
        if record is None:
            await self._gone(client, container)
            return
        recorded = record.followup.outcome
        if recorded is None:
            updated = await self.store.update_followup(
                record.id, expect={"outcome": None}, outcome=outcome, outcome_at=self.clock(), about=None
            )
            recorded = outcome if updated else ((await self.store.get(record.id)) or record).followup.outcome
            if updated:
                logger.info("follow-up outcome recorded", extra={"wid": record.id, "outcome": outcome})
        recorded = recorded or outcome
        content = self.content
        thanks = label = None
        if recorded == "explained":
            my_name = await self.names.name(client, user_id)
            draft = drafts.compose(
                content.drafts,
                purpose="followup",
                slots={"first_name": drafts.first_name(ref.n), "my_name": my_name},
            )
            thanks, label = draft.text, draft.label
        spam = (
            content.decisions.recommendations["ignore"].spam_action
            if "ignore" in content.decisions.recommendations
            else None
        )
        text, blocks = fb.outcome_message(recorded, ref, thanks=thanks, thanks_label=label, spam_action=spam)
        await self._show(client, container, text, blocks)

    async def snooze_clicked(
        self, client: AsyncWebClient, container: dict, ref: fb.ReminderRef, *, team_id: str, user_id: str
    ) -> None:
        record = await self.own_record(ref.w, team_id=team_id, user_id=user_id)
        if record is None:
            await self._gone(client, container)
            return
        fu = record.followup
        if fu.outcome:
            await self.outcome_clicked(client, container, ref, fu.outcome, team_id=team_id, user_id=user_id)
            return
        if fu.snoozes >= MAX_SNOOZES:
            await self._show(client, container, *self._reminder(record, ref, allow_snooze=True))
            return
        due = remind_at(self.clock(), SNOOZE_DAYS)
        updated = await self.store.update_followup(
            record.id,
            expect={"outcome": None, "snoozes": fu.snoozes},
            remind_at=due,
            reminder_sent_at=None,
            snoozes=fu.snoozes + 1,
            about=ref.n or fu.about,
        )
        if updated is None:  # a double click: the first one already snoozed it
            updated = await self.store.get(record.id) or record
        await self._show(client, container, *fb.snoozed_message(ref, updated.followup.remind_at or due))

    async def off_clicked(
        self, client: AsyncWebClient, container: dict, ref: fb.ReminderRef, *, team_id: str, user_id: str
    ) -> None:
        await self.set_reminders(team_id, user_id, False)
        record = await self.own_record(ref.w, team_id=team_id, user_id=user_id)
        if record is None or record.followup.outcome:
            text, blocks = fb.gone_message(fb.REMINDERS_OFF.replace("`", ""))
        else:
            text, blocks = self._reminder(record, ref, allow_snooze=False)
        await self._show(client, container, text, blocks)

    def _reminder(
        self, record: DecisionRecord, ref: fb.ReminderRef, *, allow_snooze: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        label = self.content.templates.decisions.get(record.decision or "", record.decision or "")
        return fb.reminder_message(
            ref,
            checked_at=record.created_at,
            decision_label=label,
            snoozes=record.followup.snoozes,
            allow_snooze=allow_snooze,
            decision=record.decision,
        )
