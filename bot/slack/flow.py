"""The walkthrough's Slack side: start it in the student's DM, move it on each click, record decisions.

Listeners stay thin and call these after they ack. State travels in the message's button
values (bot.slack.state); the store is written when a check starts, when the recommendation
is reached and when the student says what they did.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching import checklist
from bot.coaching.advice import Advice
from bot.coaching.analyzer import MAX_CHARS, analyze
from bot.deps import Deps
from bot.slack import blocks as bk
from bot.slack import state as st
from bot.store import DecisionRecord
from bot.store import Signals as StoredSignals

logger = logging.getLogger(__name__)

PENDING = "pending"  # recommendation of a check whose checklist isn't finished yet


def new_wid() -> str:
    return uuid.uuid4().hex


def event_wid(team_id: str, channel: str, ts: str) -> str:
    """Deterministic id for a DM, so Slack's retries of the same event map to the same check."""
    return hashlib.sha256(f"{team_id}:{channel}:{ts}".encode()).hexdigest()[:32]


class Flow:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._inflight: set[str] = set()
        self._dms: dict[str, str] = {}  # user_id -> DM channel, as chat.postMessage answered it

    @property
    def content(self):
        return self.deps.content

    # -- helpers -------------------------------------------------------------
    def dm_of(self, user_id: str) -> str | None:
        """The student's DM channel with the app, once a post there has told us (None before)."""
        return self._dms.get(user_id)

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
        """Analyze and post step 1 in the student's DM. Returns the DM channel, or None for a duplicate.

        One Slack call: chat.postMessage to the user's ID posts in the app's DM and answers with its
        channel. The state travels in the buttons, so nothing is stored before the student has seen the
        walkthrough; it is stored afterwards only when something would otherwise be lost: the id of a
        check started by a Slack event (its retries must not start it twice) or, when the operator keeps
        them, the invitation text.
        """
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
            fallback, blocks = bk.step_message(self.content, state)
            posted = await client.chat_postMessage(channel=channel or user_id, text=fallback, blocks=blocks)
            dm = posted.get("channel") or channel or user_id
            self._dms[user_id] = dm
            if replayable or self.deps.settings.invite_check_store_invite_text:
                await self.deps.store.upsert(self._record(wid=wid, team_id=team_id, user_id=user_id,
                                                          signals=signals, text=text,
                                                          requester_name=requester_name))
            return dm
        finally:
            self._inflight.discard(wid)

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
        container = body["container"]
        if not checklist.position(self.content, state.a).done:
            text, blocks = bk.step_message(self.content, state)
            await self._show(client, container, text, blocks)
            return
        advice = await self.advice(client, body["user"]["id"], state)
        await self.save_result(body, state, advice)
        followups = self.deps.followups  # bot.followups.service.Followups, or None
        extra_blocks = await followups.card_blocks(body, state, decision) if followups is not None and decision else ()
        text, blocks = bk.result_message(self.content, state, advice, decision=decision, extra_blocks=extra_blocks)
        await self._show(client, container, text, blocks)

    async def advice(self, client: AsyncWebClient, user_id: str, state: st.WalkState) -> Advice:
        return await self.deps.names.advice(self.content, client, user_id, state)

    async def save_result(self, body: dict, state: st.WalkState, advice: Advice, **fields) -> DecisionRecord:
        """One store write for the result (and, with `fields`, the decision): it sits on every click's path."""
        store = self.deps.store
        record = await store.update(state.w, answers=state.answers, recommendation=advice.recommendation, **fields)
        if record is None:  # deleted or purged meanwhile: the student is still here, so keep their result
            record = self._record(wid=state.w, team_id=_team(body), user_id=body["user"]["id"],
                                  signals=_StateSignals(state), text=None, requester_name=state.s.n)
            record = record.model_copy(update={"answers": state.answers, "recommendation": advice.recommendation,
                                               **fields})
            record = await store.upsert(record)
        return record

    async def decide(self, client: AsyncWebClient, body: dict, state: st.WalkState, decision: str) -> None:
        if decision not in self.content.templates.decisions or not checklist.position(self.content, state.a).done:
            raise st.StateError(f"unknown decision {decision!r}")
        advice = await self.advice(client, body["user"]["id"], state)
        record = await self.save_result(body, state, advice, decision=decision, decided_at=self.deps.clock())
        followups = self.deps.followups  # a later final decision cancels a reminder; the card offers one
        extra_blocks: list[dict] = []
        if followups is not None:
            record = await followups.on_decision(client, body, state, decision, record)
            extra_blocks = await followups.card_blocks(body, state, decision, record=record)
        text, blocks = bk.result_message(self.content, state, advice, decision=decision, extra_blocks=extra_blocks)
        await self._show(client, body["container"], text, blocks)


def _team(body: dict) -> str:
    return (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or "unknown"


class _StateSignals:
    """Adapts the compact state back to the analyzer's attribute names for record building."""

    def __init__(self, state: st.WalkState) -> None:
        self.intent = state.s.i
        self.custom_message = state.s.c
        self.claims_prior_contact = state.s.p
        self.red_flags = state.s.f
        self.requester_name = state.s.n
