"""The walkthrough's Slack side: start it in the student's DM, move it on each click, record decisions.

Listeners stay thin and call these after they ack. State travels in the message's button
values (bot.slack.state); the store is written when a check starts, when the recommendation
is reached and when the student says what they did.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching import checklist
from bot.coaching.advice import Advice, advise
from bot.coaching.analyzer import MAX_CHARS, analyze
from bot.deps import Deps
from bot.slack import blocks as bk
from bot.slack import state as st
from bot.slack.faults import SLACK_FAILURES
from bot.store import DecisionRecord
from bot.store import Signals as StoredSignals

logger = logging.getLogger(__name__)

PENDING = "pending"  # recommendation of a check whose checklist isn't finished yet
_NAME_TTL = 3600.0
_NAME_FAILED_TTL = 60.0  # seconds a failed users.info is remembered
_ANSWERED_MAX = 10_000


def new_wid() -> str:
    return uuid.uuid4().hex


def event_wid(team_id: str, channel: str, ts: str) -> str:
    """Deterministic id for a DM, so Slack's retries of the same event map to the same check."""
    return hashlib.sha256(f"{team_id}:{channel}:{ts}".encode()).hexdigest()[:32]


class Flow:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._inflight: set[str] = set()
        self._locks: dict[str, list] = {}  # wid -> [asyncio.Lock, holders and waiters]
        self._answered: OrderedDict[str, float] = OrderedDict()  # DM messages answered (no store write)
        self._names: dict[str, tuple[datetime, str | None]] = {}  # user_id -> (valid until, name)
        self._dms: dict[str, str] = {}

    def first_delivery(self, key: str) -> bool:
        """False for a message already answered within the last hour: Slack retries an event it
        thinks we missed (same event, same ts), and a greeting must not get its help text again.
        Bounded, in memory: a walkthrough start is deduplicated by its record instead."""
        now = time.monotonic()
        answered = self._answered
        while answered and (len(answered) > _ANSWERED_MAX or now - next(iter(answered.values())) > _NAME_TTL):
            answered.popitem(last=False)
        if key in answered:
            return False
        answered[key] = now
        return True

    def undo_delivery(self, key: str) -> None:
        """The answer did not go out after all: let Slack's retry try again."""
        self._answered.pop(key, None)

    @contextlib.asynccontextmanager
    async def serialised(self, wid: str) -> AsyncIterator[None]:
        """One click at a time per walkthrough, from its store write to its card update: two clicks at
        once (Slack slow to answer chat.update) could otherwise leave the card showing a decision
        other than the stored one. Locks live only while someone holds or waits for them."""
        entry = self._locks.setdefault(wid, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if not entry[1]:
                del self._locks[wid]

    @property
    def content(self):
        return self.deps.content

    # -- helpers -------------------------------------------------------------
    async def dm_channel(self, client: AsyncWebClient, user_id: str) -> str:
        if user_id not in self._dms:
            resp = await client.conversations_open(users=user_id)
            self._dms[user_id] = resp["channel"]["id"]
        return self._dms[user_id]

    async def student_name(self, client: AsyncWebClient, user_id: str) -> str | None:
        """The student's own name for signing messages (users.info), cached briefly."""
        hit = self._names.get(user_id)
        now = self.deps.clock()
        if hit and now < hit[0]:
            return hit[1]
        name = None
        try:
            user = (await client.users_info(user=user_id))["user"]
            profile = user.get("profile") or {}
            name = (profile.get("real_name") or user.get("real_name") or profile.get("display_name") or "").strip()
            name = name[:80] or None
        except (*SLACK_FAILURES, KeyError, TypeError):  # a slow or failing Slack must not cost the decision
            logger.warning("users.info failed; signing the message with a placeholder")
            # Remembered briefly: long enough to spare a struggling Slack a call per click, short
            # enough that the next checks are signed with the student's name again.
            self._names[user_id] = (now + timedelta(seconds=_NAME_FAILED_TTL), None)
            return None
        self._names[user_id] = (now + timedelta(seconds=_NAME_TTL), name)
        return name

    def _record(self, *, wid: str, team_id: str, user_id: str, signals: Any, text: str | None,
                requester_name: str | None) -> DecisionRecord:
        now = self.deps.clock()
        keep = self.deps.settings.invite_check_store_invite_text
        return DecisionRecord(
            id=wid, created_at=now, updated_at=now, team_id=team_id, user_id=user_id, source="slack",
            answers={}, recommendation=PENDING,
            signals=StoredSignals(intent=signals.intent, custom_message=signals.custom_message,
                                  claims_prior_contact=signals.claims_prior_contact,
                                  red_flags=list(signals.red_flags)),
            requester_name=(requester_name or signals.requester_name) if keep else None,
            invite_text=(text or "")[:MAX_CHARS] if keep and text else None,
        )

    # -- starting ------------------------------------------------------------
    async def start(self, client: AsyncWebClient, *, team_id: str, user_id: str, text: str,
                    requester_name: str | None = None, wid: str | None = None,
                    channel: str | None = None) -> str | None:
        """Analyze, save the check, post step 1 in the DM. Returns the DM channel, or None for a duplicate."""
        # Only an id derived from a Slack event can repeat (Slack retries events); a fresh one can't.
        replayable = wid is not None
        wid = wid or new_wid()
        if wid in self._inflight or (replayable and await self.deps.store.get(wid) is not None):
            logger.info("duplicate start ignored", extra={"wid": wid})
            return None
        self._inflight.add(wid)
        try:
            signals = analyze(text or "")
            suggested = checklist.suggest_answers(self.content, signals)
            state = st.from_signals(wid, signals, suggested, requester_name)
            await self.deps.store.upsert(self._record(wid=wid, team_id=team_id, user_id=user_id, signals=signals,
                                                      text=text, requester_name=requester_name))
            try:
                channel = channel or await self.dm_channel(client, user_id)
                fallback, blocks = bk.step_message(self.content, state)
                await client.chat_postMessage(channel=channel, text=fallback, blocks=blocks)
            except BaseException:
                # The student never saw this check: take it back, so staff don't count an unfinished
                # check nobody started (and Slack's retry of the same event may start it afresh).
                await self._forget(wid)
                raise
            logger.info("walkthrough started", extra={"wid": wid, "intent": signals.intent})
            return channel
        finally:
            self._inflight.discard(wid)

    async def _forget(self, wid: str) -> None:
        try:
            await self.deps.store.delete(wid)
        except Exception:  # the original failure is what the student and the log need to hear about
            logger.warning("could not take back the record of a walkthrough that was never shown",
                           extra={"wid": wid})

    # -- clicks ----------------------------------------------------------------
    async def _show(self, client: AsyncWebClient, container: dict, text: str, blocks: list[dict]) -> None:
        await client.chat_update(channel=container["channel_id"], ts=container["message_ts"], text=text,
                                 blocks=blocks)

    async def expired(self, client: AsyncWebClient, container: dict) -> None:
        text, blocks = bk.expired_message()
        await self._show(client, container, text, blocks)

    async def render(self, client: AsyncWebClient, body: dict, state: st.WalkState,
                     decision: str | None = None) -> None:
        """Show the step the state is at, or the recommendation card when the checklist is done."""
        async with self.serialised(state.w):
            await self._render(client, body, state, decision)

    async def _render(self, client: AsyncWebClient, body: dict, state: st.WalkState, decision: str | None) -> None:
        container = body["container"]
        if not checklist.position(self.content, state.a).done:
            text, blocks = bk.step_message(self.content, state)
            await self._show(client, container, text, blocks)
            return
        advice = await self.advice(client, body["user"]["id"], state)
        if await self.save_result(body, state, advice) is None:
            await self.gone(client, container)
            return
        followups = self.deps.followups  # bot.followups.service.Followups, or None
        extra_blocks = await followups.card_blocks(body, state, decision) if followups is not None and decision else ()
        text, blocks = bk.result_message(self.content, state, advice, decision=decision, extra_blocks=extra_blocks,
                                         staff_view=self.deps.settings.invite_check_staff_view)
        await self._show(client, container, text, blocks)

    async def advice(self, client: AsyncWebClient, user_id: str, state: st.WalkState) -> Advice:
        return advise(self.content, state.a, red_flags=state.s.f, requester_name=state.s.n,
                      my_name=await self.student_name(client, user_id))

    async def save_result(self, body: dict, state: st.WalkState, advice: Advice, **fields) -> DecisionRecord | None:
        """One store write for the result (and, with `fields`, the decision): it sits on every click's path.

        Only the clicking student's own record is written: the walkthrough id comes from a button value,
        who clicked from Slack's signed payload (`NotYours` otherwise). None when the record is gone (the
        student deleted their data, or retention purged it): nothing is re-created behind their back."""
        store = self.deps.store
        current = await store.get(state.w)
        if current is None:
            return None
        if not owns(body, current):
            raise NotYours("the walkthrough belongs to someone else")
        return await store.update(state.w, answers=state.answers, recommendation=advice.recommendation, **fields)

    async def gone(self, client: AsyncWebClient, container: dict) -> None:
        logger.info("click on a check that is no longer stored")
        text, blocks = bk.gone_message(self.deps.settings.invite_check_retention_days)
        await self._show(client, container, text, blocks)

    async def decide(self, client: AsyncWebClient, body: dict, state: st.WalkState, decision: str) -> None:
        if decision not in self.content.templates.decisions or not checklist.position(self.content, state.a).done:
            raise st.StateError(f"unknown decision {decision!r}")
        async with self.serialised(state.w):
            await self._decide(client, body, state, decision)

    async def _decide(self, client: AsyncWebClient, body: dict, state: st.WalkState, decision: str) -> None:
        advice = await self.advice(client, body["user"]["id"], state)
        record = await self.save_result(body, state, advice, decision=decision, decided_at=self.deps.clock())
        if record is None:
            await self.gone(client, body["container"])
            return
        followups = self.deps.followups  # a later final decision cancels a reminder; the card offers one
        extra_blocks: list[dict] = []
        if followups is not None:
            record = await followups.on_decision(client, body, state, decision, record)
            extra_blocks = await followups.card_blocks(body, state, decision, record=record)
        # The card shows the decision as stored (the same one, now that clicks are serialised).
        text, blocks = bk.result_message(self.content, state, advice, decision=record.decision,
                                         extra_blocks=extra_blocks,
                                         staff_view=self.deps.settings.invite_check_staff_view)
        await self._show(client, body["container"], text, blocks)


class NotYours(st.StateError):
    """A click whose walkthrough id names another student's (or workspace's) record: shown as expired."""


def owns(body: dict, record: DecisionRecord) -> bool:
    """Whether the (signed) clicker of `body` is the student the record belongs to, in the same workspace."""
    return record.user_id == (body.get("user") or {}).get("id") and record.team_id == _team(body)


def _team(body: dict) -> str:
    return (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or "unknown"
