"""The walkthrough's Slack side: start it in the student's DM, move it on each click, record decisions.

Listeners stay thin and call these after they ack. State travels in the message's button
values (bot.slack.views.codec); the store is written when the recommendation is reached and when the
student says what they did, not before the student has seen the walkthrough (a DM's check, which
Slack may deliver twice, is only claimed by id before the post: Walkthrough.start).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching import checklist
from bot.coaching.advice import Advice, Reading, advise, draft_for
from bot.coaching.analyzer import MAX_CHARS, Evidence, analyze
from bot.coaching.analyzer.cues import student_request
from bot.coaching.content import Content
from bot.coaching.intake import student_text
from bot.coaching.vocab import PENDING
from bot.config import Settings
from bot.slack.locks import WalkLocks
from bot.slack.names import Names
from bot.slack.result_card import ResultCards, alert_status
from bot.slack.scam_alerts import tell_staff
from bot.slack.views import codec as st
from bot.slack.views import student as bk
from bot.slack.views.staff import alert_message as staff_alert_message
from bot.staff.clusters import flagged_details
from bot.staff.privacy import keyed_hash
from bot.store import DELETED_AT, Alert, AsyncDecisionStore, DecisionRecord, DecisionStore, StoreClosedError
from bot.store import Signals as StoredSignals

if TYPE_CHECKING:
    from bot.slack.followups import Followups
    from bot.slack.scam_alerts import ScamAlerts
    from bot.slack.staff_access import StaffDirectory

logger = logging.getLogger(__name__)

_ANSWERED_TTL = 3600.0  # seconds a DM message counts as answered (Slack retries within minutes)
_ANSWERED_MAX = 10_000


def new_wid() -> str:
    return uuid.uuid4().hex


def event_wid(team_id: str, channel: str, ts: str, key: str) -> str:
    """Deterministic id for a DM, so Slack's retries of the same event map to the same check; keyed with
    the data's key, so the id (in exports) says nothing about the DM channel or the message's time."""
    return keyed_hash(key, f"{team_id}:{channel}:{ts}")[:32]


class Walkthrough:
    """The walkthrough. Built by bot.slack.app.wire after what it uses (names, locks, followups), none of
    which knows it: a decision calls into the follow-ups, never the other way round."""

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
        followups: Followups | None = None,  # None: no reminder offers on the result card
        staff: StaffDirectory | None = None,  # whom a student's alert goes to (None: no DMs)
        scam_alerts: ScamAlerts | None = None,  # staff hear of scam clusters (None: not told)
    ) -> None:
        self.settings = settings
        self.store = store
        self.content = content
        self.clock = clock
        self.names = names
        self.cards = cards
        self.locks = locks
        self.followups = followups
        self.staff = staff
        self.scam_alerts = scam_alerts
        self._inflight: set[str] = set()
        self._answered: OrderedDict[str, float] = OrderedDict()  # DM messages answered (no store write)
        self._dms: dict[str, str] = {}  # user_id -> DM channel, as chat.postMessage answered it

    def first_delivery(self, key: str) -> bool:
        """False for a message already answered within the last hour: Slack retries an event it
        thinks we missed (same event, same ts), and a greeting must not get its help text again.
        Bounded, in memory: a walkthrough start is deduplicated by its record instead."""
        now = time.monotonic()
        answered = self._answered
        while answered and (
            len(answered) > _ANSWERED_MAX or now - next(iter(answered.values())) > _ANSWERED_TTL
        ):
            answered.popitem(last=False)
        if key in answered:
            return False
        answered[key] = now
        return True

    def undo_delivery(self, key: str) -> None:
        """The answer did not go out after all: let Slack's retry try again."""
        self._answered.pop(key, None)

    # -- helpers -------------------------------------------------------------
    def dm_of(self, user_id: str) -> str | None:
        """The student's DM channel with the app, once a post there has told us (None before)."""
        return self._dms.get(user_id)

    def _record(
        self,
        *,
        wid: str,
        team_id: str,
        user_id: str,
        signals: Any,
        text: str | None,
        requester_name: str | None,
        created_at: datetime | None = None,
    ) -> DecisionRecord:
        now = created_at or self.clock()
        keep = self.settings.invite_check_store_invite_text
        sender = requester_name or signals.requester_name
        flagged = (
            flagged_details(sender, signals.headline, [(e.field, e.phrase) for e in signals.evidence])
            if signals.red_flags
            else None
        )
        return DecisionRecord(
            id=wid,
            created_at=now,
            updated_at=now,
            team_id=team_id,
            user_id=user_id,
            source="slack",
            answers={},
            recommendation=PENDING,
            signals=StoredSignals.of(signals),
            requester_name=sender if keep else None,
            invite_text=(text or "")[:MAX_CHARS] if keep and text else None,
            flagged=flagged,
        )

    # -- starting ------------------------------------------------------------
    async def start(
        self,
        client: AsyncWebClient,
        *,
        team_id: str,
        user_id: str,
        text: str,
        requester_name: str | None = None,
        wid: str | None = None,
        channel: str | None = None,
    ) -> str | None:
        """Analyze and post step 1 in the student's DM. Returns the DM channel, or None for a duplicate.

        One Slack call: chat.postMessage to the user's ID posts in the app's DM and answers with its
        channel. The state travels in the buttons, so a check started by a command, a shortcut or a
        button (a fresh id: nothing can repeat it) is stored only after the student has seen it, and
        only when something would otherwise be lost (the operator keeps invitation texts).

        A check started by a Slack event (a DM: its id derives from the event, and Slack retries events)
        is claimed first with the store's insert-if-absent ``create``: a retry that lands on another
        replica while this one is still posting then starts nothing. When the post fails the claim is
        dropped again, so Slack's next retry can start it (and staff never count a check nobody saw).
        """
        # Only an id derived from a Slack event can repeat (Slack retries events); a fresh one can't.
        replayable = wid is not None
        wid = wid or new_wid()
        if wid in self._inflight:
            logger.info("duplicate start ignored", extra={"wid": wid})
            return None
        self._inflight.add(wid)
        text = student_text(text or "")
        requester_name = requester_name and student_text(requester_name)
        try:
            request = student_request(text)
            if request is not None:  # the student's own request for a message: no check to store
                return await self.send_request_draft(client, user_id, text, request, channel)
            signals = analyze(text or "")
            suggested = checklist.suggest_answers(self.content, signals)
            state = st.from_signals(
                wid, signals, suggested, requester_name, started_at=int(self.clock().timestamp())
            )
            keep_text = self.settings.invite_check_store_invite_text
            # A record is built only when it is stored now: a claim, or the text the operator keeps.
            record = (
                self._record(
                    wid=wid,
                    team_id=team_id,
                    user_id=user_id,
                    signals=signals,
                    text=text,
                    requester_name=requester_name,
                )
                if replayable or keep_text
                else None
            )
            if record is not None and replayable and await self.store.create(record) is None:
                logger.info("duplicate start ignored", extra={"wid": wid})  # claimed by an earlier delivery
                return None
            fallback, blocks = self.first_card(state, signals)
            try:
                posted = await client.chat_postMessage(
                    channel=channel or user_id, text=fallback, blocks=blocks
                )
            except Exception:
                if replayable:  # the student never saw it: free the id for Slack's retry
                    await self.store.delete(wid)
                raise
            dm = posted.get("channel") or channel or user_id
            self._dms[user_id] = dm
            if record is not None and not replayable and keep_text:
                await self.store.upsert(record)
            if record is not None:
                await self._watch_clusters(client, record)
            return dm
        finally:
            self._inflight.discard(wid)

    async def send_request_draft(
        self,
        client: AsyncWebClient,
        user_id: str,
        text: str,
        request: tuple[str, str | None],
        channel: str | None,
    ) -> str:
        """Answer "I already accepted X, help me write a thank-you" with that message, at once."""
        kind, name = request
        signals = analyze(text)
        reading = Reading(requester_name=name, language=signals.language, details=signals.details.as_dict())
        purpose = "accept" if kind == "accepted" else "followup"
        draft = draft_for(
            self.content, purpose, {"met": "yes"}, reading, my_name=await self.names.name(client, user_id)
        )
        fallback, blocks = bk.request_message(draft.label, draft.text, name)
        posted = await client.chat_postMessage(channel=channel or user_id, text=fallback, blocks=blocks)
        dm = posted.get("channel") or channel or user_id
        self._dms[user_id] = dm
        return dm

    def first_card(self, state: st.WalkState, signals: object = None) -> tuple[str, list[dict]]:
        """The safety card straight away when the invitation is a scam (no question before the student
        learns not to engage); the reading on one card when it is sure (one click to the advice); else
        step 1."""
        if state.safety_first:
            advice = advise(self.content, {}, red_flags=state.signals.red_flags, scam=True)
            return bk.result_message(
                self.content, state, advice, staff_view=self.settings.invite_check_staff_view
            )
        reading = checklist.reading_answers(self.content, signals) if not state.signals.red_flags else None
        if reading:
            return bk.one_card_message(self.content, state, reading)
        return bk.step_message(self.content, state)

    async def forget_student(self, team_id: str, user_id: str) -> int:
        """Delete the student's records ("Delete my data"), and remember when: a walkthrough they started
        before, not stored yet (its state is in the buttons), must not store itself when finished."""
        at = int(self.clock().timestamp())

        def forget(store: DecisionStore) -> int:
            removed = store.delete_user(team_id, user_id)
            store.set_prefs(team_id, user_id, **{DELETED_AT: at})
            return removed

        return await self.store.call(forget)

    # -- clicks ----------------------------------------------------------------
    async def _show(self, client: AsyncWebClient, container: dict, text: str, blocks: list[dict]) -> None:
        await client.chat_update(
            channel=container["channel_id"], ts=container["message_ts"], text=text, blocks=blocks
        )

    async def expired(self, client: AsyncWebClient, container: dict) -> None:
        text, blocks = bk.expired_message()
        await self._show(client, container, text, blocks)

    async def render(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        *,
        team_id: str,
        user_id: str,
    ) -> None:
        """Show the step the state is at, or the recommendation card when the checklist is done.

        `team_id` and `user_id` are who clicked (Bolt's context, from Slack's signed payload); the
        `container` is the message to update."""
        async with self.locks.serialised(state.wid):
            await self._render(client, container, state, team_id, user_id)

    async def _render(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        team_id: str,
        user_id: str,
    ) -> None:
        if not st.finished(self.content, state):
            text, blocks = bk.step_message(self.content, state)
            await self._show(client, container, text, blocks)
            return
        field = await self.cards.field_of(team_id, user_id)
        advice = await self.cards.advice(client, user_id, state, field)
        record = await self.save_result(client, state, advice, team_id=team_id, user_id=user_id)
        if record is None:
            await self.gone(client, container)
            return
        text, blocks = self.cards.message(
            state, advice, decision=None, field=field, alert=alert_status(record)
        )
        await self._show(client, container, text, blocks)

    async def save_result(
        self,
        client: AsyncWebClient,
        state: st.WalkState,
        advice: Advice,
        *,
        team_id: str,
        user_id: str,
        **fields,
    ) -> DecisionRecord | None:
        """One trip to the store for the result (and, with `fields`, the decision): it sits on every click's path.

        A check is first stored here (nothing is stored before the student has seen it: its state travels
        in the buttons). Only the clicking student's own record is written: the walkthrough id comes from a
        button value, who clicked (`team_id`, `user_id`) from Slack's signed payload, by way of Bolt's
        context (`NotYours` otherwise). None when the check
        is gone: the student deleted their data after starting it, or it is past retention; nothing is
        re-created behind their back."""
        now = self.clock()
        oldest = now - timedelta(days=self.settings.invite_check_retention_days)

        def save(
            store: DecisionStore,
        ) -> tuple[DecisionRecord | None, bool]:  # on the store's thread: read, checks, write
            current = store.get(state.wid)
            if current is not None:
                if current.user_id != user_id or current.team_id != team_id:
                    raise NotYours("the walkthrough belongs to someone else")
                if (
                    not fields
                    and current.answers == state.answers
                    and current.recommendation == advice.recommendation
                ):
                    return current, False  # the card shown again ("Change what I did"): nothing new to keep
                updated = store.update(
                    state.wid, answers=state.answers, recommendation=advice.recommendation, **fields
                )
                return updated, False
            started = state.started_at
            deleted_at = store.get_prefs(team_id, user_id).get(DELETED_AT)
            if (isinstance(deleted_at, int | float) and started <= deleted_at) or (
                started and started < oldest.timestamp()
            ):
                return None, False
            record = self._record(
                wid=state.wid,
                team_id=team_id,
                user_id=user_id,
                signals=_StateSignals(state),
                text=None,
                requester_name=state.signals.requester_name,
                created_at=_at(started, now),
            )
            stored = store.upsert(
                record.model_copy(
                    update={"answers": state.answers, "recommendation": advice.recommendation, **fields}
                )
            )
            return stored, True

        record, created = await self.store.call(save)
        if record is not None and created:
            await self._watch_clusters(client, record)
        return record

    async def _watch_clusters(self, client: AsyncWebClient, record: DecisionRecord) -> None:
        """A check was first stored: staff hear of it if it makes a scam cluster. Never costs the
        student their card (the App Home shows the cluster anyway)."""
        if self.scam_alerts is None or record.flagged is None:
            return
        try:
            await self.scam_alerts.recorded(client, record)
        except StoreClosedError:
            raise
        except Exception:  # the student's card matters more than the alert; the traceback is logged
            logger.warning("could not check for a scam cluster", exc_info=True)

    async def gone(self, client: AsyncWebClient, container: dict) -> None:
        logger.info("click on a check that is no longer stored")
        text, blocks = bk.gone_message(self.settings.invite_check_retention_days)
        await self._show(client, container, text, blocks)

    async def decide(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        decision: str,
        *,
        team_id: str,
        user_id: str,
    ) -> None:
        if decision not in self.content.templates.decisions or not st.finished(self.content, state):
            raise st.StateError(f"unknown decision {decision!r}")
        async with self.locks.serialised(state.wid):
            await self._decide(client, container, state, decision, team_id, user_id)

    async def _decide(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        decision: str,
        team_id: str,
        user_id: str,
    ) -> None:
        student = await self.cards.student(team_id, user_id)
        advice = await self.cards.advice(client, user_id, state, student.field)
        record = await self.save_result(
            client,
            state,
            advice,
            team_id=team_id,
            user_id=user_id,
            decision=decision,
            decided_at=self.clock(),
        )
        if record is None:
            await self.gone(client, container)
            return
        if self.followups is not None:  # a later final decision cancels a reminder
            record = await self.followups.on_decision(state, decision, record)
            extra_blocks = await self.cards.followup_blocks(state, advice, record, student)
        else:
            extra_blocks = []
        # The card shows the decision as stored (the same one, now that clicks are serialised).
        text, blocks = self.cards.message(
            state,
            advice,
            decision=record.decision,
            field=student.field,
            extra_blocks=extra_blocks,
            alert=alert_status(record),
        )
        await self._show(client, container, text, blocks)

    # -- telling the career center ----------------------------------------------------------------
    async def alert(
        self,
        client: AsyncWebClient,
        container: dict,
        state: st.WalkState,
        step: str,
        *,
        team_id: str,
        user_id: str,
    ) -> None:
        """ "Tell my career center" on a flagged result: `step` is "ask" (how: with or without my name),
        "cancel", or bk.ALERT_NAMED / bk.ALERT_ANONYMOUS (send it). Sending stores the alert on the
        check, then DMs each staff member; the card says it went."""
        if not state.signals.red_flags or not st.finished(self.content, state):
            raise st.StateError("an alert needs a flagged, finished check")
        if step not in ("ask", "cancel", bk.ALERT_NAMED, bk.ALERT_ANONYMOUS):
            raise st.StateError(f"unknown alert step {step!r}")
        async with self.locks.serialised(state.wid):
            student = await self.cards.student(team_id, user_id)
            advice = await self.cards.advice(client, user_id, state, student.field)
            fields: dict[str, Any] = {}
            if step in (bk.ALERT_NAMED, bk.ALERT_ANONYMOUS):
                fields["alert"] = _alert(state, named=step == bk.ALERT_NAMED, at=self.clock())
            record = await self.save_result(client, state, advice, team_id=team_id, user_id=user_id, **fields)
            if record is None:
                await self.gone(client, container)
                return
            if fields:
                await self._tell_staff(client, record)
            status = "ask" if step == "ask" and record.alert is None else alert_status(record)
            extra_blocks = (
                await self.cards.followup_blocks(state, advice, record, student)
                if self.followups is not None
                else []
            )
            text, blocks = self.cards.message(
                state,
                advice,
                decision=record.decision,
                field=student.field,
                extra_blocks=extra_blocks,
                alert=status,
            )
            await self._show(client, container, text, blocks)

    async def _tell_staff(self, client: AsyncWebClient, record: DecisionRecord) -> None:
        """DM the alert to each staff member of the workspace; one failed DM does not stop the others
        (the alert is stored, and the App Home lists it)."""
        if self.staff is None:
            return
        view = self.settings.invite_check_staff_view
        text, blocks = staff_alert_message(record, view, await self.store.pseudonym_key())
        _, members = await tell_staff(self.staff, client, record.team_id, text, blocks)
        if not members:
            logger.warning("an alert was stored but no staff member is configured to receive it")


class NotYours(st.StateError):
    """A click whose walkthrough id names another student's (or workspace's) record: shown as expired."""


def _at(started: int, now: datetime) -> datetime:
    """When the walkthrough started (its state says), or now for a state from before it did."""
    return datetime.fromtimestamp(started, UTC) if 0 < started <= now.timestamp() else now


def _alert(state: st.WalkState, *, named: bool, at: datetime) -> Alert:
    """What an alert keeps: the signs, the sender as pasted, the words behind each sign."""
    sig = state.signals
    return Alert(
        at=at,
        named=named,
        flags=list(sig.red_flags),
        sender=sig.requester_name,
        headline=sig.headline,
        evidence=[p for field, p in sig.evidence if field.startswith("red_flag:") or field == "contact"][:10],
    )


class _StateSignals:
    """Adapts the compact state back to the analyzer's attribute names for record building."""

    def __init__(self, state: st.WalkState) -> None:
        sig = state.signals
        self.intent = sig.intent
        self.custom_message = sig.custom_message
        self.claims_prior_contact = sig.claims_prior_contact
        self.red_flags = sig.red_flags
        self.requester_name = sig.requester_name
        self.intent_sure = sig.intent_sure
        self.headline = sig.headline
        self.evidence = tuple(Evidence(field, phrase) for field, phrase in sig.evidence)
