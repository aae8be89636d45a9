"""Walkthrough state <-> a compact, versioned string carried in every button value.

Keeping the state in the message (not in process memory) is what lets the bot restart,
or run as several replicas, in the middle of a walkthrough. Anything that fails to
decode or validate is treated as an expired checklist, never as a crash.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.coaching import checklist
from bot.coaching.advice import Reading
from bot.coaching.analyzer import RED_FLAG_LABELS
from bot.coaching.content import Content
from bot.coaching.vocab import INTENT_LABELS

VERSION = "1"
MAX_VALUE = 2000  # Slack's limit for a button value
NAME_MAX = 80
DETAIL_MAX = 80
DETAIL_KEYS = frozenset({"company", "role", "event", "school", "mutual"})
HEADLINE_MAX = 120
PHRASE_MAX = 100


class StateError(ValueError):
    """The value is malformed, tampered with, or from an older version of the bot."""


# Readable names in the code; one or two letters on the wire (field aliases), since the state rides in
# every button value and Slack allows 2,000 characters there.
_WIRE = ConfigDict(
    extra="forbid", frozen=True, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
)


class WalkSignals(BaseModel):
    """The analyzer's signals, trimmed to what the walkthrough shows again on every step."""

    model_config = _WIRE
    custom_message: bool = Field(False, alias="c")
    claims_prior_contact: bool = Field(False, alias="p")
    intent: str = Field("unclear", max_length=16, alias="i")
    red_flags: tuple[str, ...] = Field((), max_length=10, alias="f")  # red flag codes
    requester_name: str | None = Field(None, max_length=NAME_MAX, alias="n")
    evidence: tuple[tuple[str, str], ...] = Field((), max_length=8, alias="e")  # (field, phrase)
    truncated: bool = Field(False, alias="t")  # the input was cut to the analyzer's limit
    intent_sure: bool = Field(True, alias="u")  # confident enough to pre-select (else "not sure")
    scam: bool = Field(False, alias="x")  # the analyzer's verdict: open on the safety card
    headline: str | None = Field(None, max_length=HEADLINE_MAX, alias="h")  # as pasted, for an alert
    details: dict[str, str] = Field({}, alias="d")  # what the drafts can name (company, role, event, ...)
    language: str = Field("en", pattern=r"^[a-z]{2}$", alias="l")
    asks_referral: bool = Field(False, alias="r")  # the sender asks the student for a referral
    offers_referral: bool = Field(False, alias="o")  # the sender offers to refer the student
    proposes_chat: bool = Field(False, alias="m")  # the note proposes a call, a chat or a coffee

    @field_validator("details")
    @classmethod
    def _details(cls, v: dict[str, str]) -> dict[str, str]:
        if set(v) - DETAIL_KEYS or any(len(x) > DETAIL_MAX for x in v.values()):
            raise ValueError("unknown or overlong detail")
        return v

    @field_validator("red_flags")
    @classmethod
    def _codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if any(len(x) > 40 for x in v):
            raise ValueError("flag code too long")
        return v


class WalkState(BaseModel):
    model_config = _WIRE
    version: str = Field(VERSION, alias="v")
    wid: str = Field(min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$", alias="w")  # the record id
    answers: dict[str, str] = Field({}, alias="a")  # answers so far, in step order
    suggested: dict[str, str] = Field({}, alias="g")  # suggested answers
    signals: WalkSignals = Field(WalkSignals(), alias="s")
    # When the walkthrough started (epoch seconds; 0: a state from before this field).
    started_at: int = Field(0, ge=0, alias="t")
    # The student said they know the sender of a flagged invitation: ask the questions after all.
    known: bool = Field(False, alias="k")

    @property
    def safety_first(self) -> bool:
        """The walkthrough opens on (and stays on) the safety card: no questions are asked."""
        return self.signals.scam and not self.known


def reading(state: WalkState) -> Reading:
    """What the drafts can use, from the state a button carried."""
    sig = state.signals
    return Reading(
        requester_name=sig.requester_name,
        intent=sig.intent,
        language=sig.language,
        details=dict(sig.details),
        asks_referral=sig.asks_referral,
        offers_referral=sig.offers_referral,
        proposes_chat=sig.proposes_chat,
        note_says_met=sig.custom_message and sig.claims_prior_contact,
    )


def finished(content: Content, state: WalkState) -> bool:
    """The walkthrough has reached its result: every question answered, or none to ask (the safety card)."""
    return state.safety_first or checklist.position(content, state.answers).done


def from_signals(
    wid: str, signals, suggested: dict[str, str], requester_name: str | None = None, *, started_at: int = 0
) -> WalkState:
    """Build the initial state from analyzer Signals (duck-typed)."""
    name = (requester_name or getattr(signals, "requester_name", None) or "").strip()[:NAME_MAX] or None
    # The warning signs and the contact points behind them first: they are what the safety card and an
    # alert quote, and encode() drops evidence from the end when a value runs long.
    found = list(getattr(signals, "evidence", ()))
    warning = [ev for ev in found if ev.field.startswith("red_flag:") or ev.field == "contact"]
    ordered = (warning + [ev for ev in found if ev not in warning])[:8]
    evidence = tuple((ev.field[:40], ev.phrase[:PHRASE_MAX]) for ev in ordered)
    found_details = getattr(signals, "details", None)
    found_details = found_details.as_dict() if found_details is not None else {}
    sig = WalkSignals(
        custom_message=signals.custom_message,
        claims_prior_contact=signals.claims_prior_contact,
        intent=signals.intent,
        red_flags=tuple(signals.red_flags)[:10],
        requester_name=name,
        evidence=evidence,
        truncated=getattr(signals, "truncated", False),
        intent_sure=getattr(signals, "intent_sure", True),
        scam=getattr(signals, "scam", False),
        headline=(getattr(signals, "headline", None) or "")[:HEADLINE_MAX] or None,
        details={k: v[:DETAIL_MAX] for k, v in found_details.items() if v},
        language=getattr(signals, "language", "en"),
        asks_referral=getattr(signals, "asks_referral", False),
        offers_referral=getattr(signals, "referral", None) == "offers",
        proposes_chat=getattr(signals, "proposes_chat", False),
    )
    return WalkState.model_validate(
        {"wid": wid, "suggested": suggested, "signals": sig, "started_at": started_at}
    )


def encode(state: WalkState) -> str:
    """Serialise compactly; drop evidence (then shorten it) rather than exceed Slack's 2000 chars."""
    value = VERSION + json.dumps(
        state.model_dump(exclude_defaults=True, exclude={"version"}),
        separators=(",", ":"),
        ensure_ascii=False,
    )
    if len(value) <= MAX_VALUE:
        return value
    evidence = state.signals.evidence
    while evidence and len(value) > MAX_VALUE:
        evidence = evidence[:-1]
        trimmed = state.model_copy(
            update={"signals": state.signals.model_copy(update={"evidence": evidence})}
        )
        value = VERSION + json.dumps(
            trimmed.model_dump(exclude_defaults=True, exclude={"version"}),
            separators=(",", ":"),
            ensure_ascii=False,
        )
    if len(value) > MAX_VALUE:  # pragma: no cover - bounded fields make this unreachable
        raise StateError("state too large")
    return value


def check_vocabulary(sig: WalkSignals) -> None:
    """A value back from Slack names only intents and red-flag codes the analyzer knows: they are
    stored and counted for staff, so a tampered button must not add its own (e.g. ``x;=1+1``)."""
    if sig.intent not in INTENT_LABELS:
        raise StateError("unknown intent")
    if any(code not in RED_FLAG_LABELS for code in sig.red_flags) or len(set(sig.red_flags)) != len(
        sig.red_flags
    ):
        raise StateError("unknown or repeated red-flag code")


def decode(value: str | None, content: Content) -> WalkState:
    """Parse and validate against the current checklist; raise StateError on anything odd."""
    if not isinstance(value, str) or not value.startswith(VERSION) or len(value) > MAX_VALUE:
        raise StateError("unknown state version")
    try:
        raw = json.loads(value[len(VERSION) :])
        if not isinstance(raw, dict):
            raise StateError("state is not an object")
        state = WalkState.model_validate(raw)
        checklist.validate_answers(content, state.answers)
        check_vocabulary(state.signals)
    except (
        ValueError,
        ValidationError,
        TypeError,
        RecursionError,
    ) as exc:  # RecursionError: "[[[[..." nesting
        raise StateError(str(exc)[:200]) from None
    return state
