"""Drafts ready to send: the situation, the language and the details decide the words.

A draft must be sendable as it is: it names what the invitation named (the role, the company, the fair,
the mutual contact), greets the sender by first name (or just "Hi,"), is signed with the student's name,
and never shows a bracket or a gap. prompts/drafts.toml writes each line with alternatives; the first
whose slots are all known is used, and a line with none is left out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator, model_validator

SLOTS = frozenset(
    {"first_name", "my_name", "field", "company", "role", "event", "noted_event", "school", "mutual"}
)
PURPOSES = ("accept", "reply", "meet", "followup")
SITUATIONS = (
    "general",
    "recruiter",
    "referral_offer",
    "event",
    "alum",
    "collaboration",
    "intro",
    "referral_ask",
    "chat",
)
ALTERNATIVE = " || "
DEFAULT_LANGUAGE = "en"
MAX_DRAFT = 1200  # characters, with every slot at its longest: Slack shows it whole, a student reads it whole

Line = Annotated[str, StringConstraints(min_length=1, max_length=1500)]


def slots_of(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(_Strict):
    """One language's drafts: greeting, sign-off, purpose labels and per-situation texts."""

    greeting: Line
    signoff: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    labels: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=60)]]
    general: dict[str, Line]
    recruiter: dict[str, Line] = {}
    event: dict[str, Line] = {}
    alum: dict[str, Line] = {}
    collaboration: dict[str, Line] = {}
    intro: dict[str, Line] = {}
    referral_ask: dict[str, Line] = {}
    referral_offer: dict[str, Line] = {}
    chat: dict[str, Line] = {}

    @field_validator("labels")
    @classmethod
    def _every_label(cls, labels: dict[str, str]) -> dict[str, str]:
        if set(labels) != set(PURPOSES):
            raise ValueError(f"must name exactly {list(PURPOSES)}")
        return labels

    @field_validator("general")
    @classmethod
    def _every_purpose(cls, general: dict[str, str]) -> dict[str, str]:
        if set(general) != set(PURPOSES):
            raise ValueError(f"must hold a draft for each of {list(PURPOSES)}")
        return general

    @model_validator(mode="after")
    def _known(self) -> Language:
        for situation in SITUATIONS:
            for purpose, text in getattr(self, situation).items():
                if purpose not in PURPOSES:
                    raise ValueError(f"{situation}.{purpose}: unknown purpose; use {list(PURPOSES)}")
                try:
                    unknown = slots_of(text) - SLOTS
                except ValueError as exc:
                    raise ValueError(f"{situation}.{purpose}: bad braces: {exc}") from None
                if unknown:
                    raise ValueError(
                        f"{situation}.{purpose}: unknown slot(s) {sorted(unknown)}; use {sorted(SLOTS)}"
                    )
        if slots_of(self.greeting) - {"first_name"}:
            raise ValueError("greeting: only {first_name} can be filled in")
        return self

    def text(self, situation: str, purpose: str) -> str:
        return getattr(self, situation).get(purpose) or self.general[purpose]


class Drafts(_Strict):
    languages: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], Language]

    @field_validator("languages")
    @classmethod
    def _english(cls, languages: dict[str, Language]) -> dict[str, Language]:
        if DEFAULT_LANGUAGE not in languages:
            raise ValueError(f"[{DEFAULT_LANGUAGE}] is required: it is used for every other language")
        return languages

    def language(self, code: str | None) -> Language:
        return self.languages.get(code or DEFAULT_LANGUAGE) or self.languages[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Draft:
    label: str
    text: str
    language: str


def _pick(line: str, values: Mapping[str, str]) -> str | None:
    """The first alternative of a line whose slots are all known, filled in; None when none is."""
    for alternative in line.split(ALTERNATIVE):
        alternative = alternative.strip()
        if alternative and slots_of(alternative) <= values.keys():
            return alternative.format_map(values)
    return None


def _clean(value: str | None) -> str | None:
    value = re.sub(r"\s+", " ", value or "").strip(" .,;:")
    return value[:80] or None


def compose(
    drafts: Drafts,
    *,
    purpose: str,
    situation: str = "general",
    language: str | None = None,
    slots: Mapping[str, str | None] = (),  # type: ignore[assignment]
) -> Draft:
    """The draft for this purpose and situation, in the invitation's language (English when the
    language has no drafts), with what is known filled in and what is not left out."""
    code = language if language in drafts.languages else DEFAULT_LANGUAGE
    lang = drafts.languages[code]
    values = {k: v for k, raw in dict(slots).items() if k in SLOTS and (v := _clean(raw))}
    if code == "en" and "role" in values:
        values["role"] = as_position(values["role"])
    body = [p for line in lang.text(situation, purpose).strip().splitlines() if (p := _pick(line, values))]
    greeting = _pick(lang.greeting, values) or ""
    signed = lang.signoff + (f"\n{values['my_name']}" if "my_name" in values else "")
    return Draft(lang.labels[purpose], f"{greeting}\n\n{' '.join(body)}\n\n{signed}", code)


_POSITION_NOUNS = frozenset(
    {"internship", "internships", "program", "programme", "position", "role", "opening", "fellowship",
     "apprenticeship", "co-op", "coop", "job", "placement", "traineeship", "rotation"}
)  # fmt: skip


def as_position(role: str) -> str:
    """An English role named by the person who holds it ("data engineering intern") as the position
    ("data engineering intern role"), so "the ... at Shopify" never reads as someone's name."""
    last = role.split()[-1].lower()
    return role if last in _POSITION_NOUNS else f"{role} role"


def longest(drafts: Drafts) -> list[tuple[str, int]]:
    """(where, length) of every draft with every slot at its longest: what validation bounds."""
    long = dict.fromkeys(SLOTS, "x" * 80)
    out = []
    for code in drafts.languages:
        for situation in SITUATIONS:
            for purpose in PURPOSES:
                text = compose(drafts, purpose=purpose, situation=situation, language=code, slots=long).text
                out.append((f"{code}.{situation}.{purpose}", len(text)))
    return out


def situation(
    *,
    reason: str | None,
    intent: str | None,
    details: Mapping[str, str | None],
    asks_referral: bool,
    met: str | None,
    offers_referral: bool = False,
    proposes_chat: bool = False,
) -> str:
    """Which drafts fit: the student's own answers first, the invitation's details next. What the note
    already asked for (a referral offered, a chat proposed) is answered rather than asked about again."""
    if asks_referral or reason == "asks_referral":
        return "referral_ask"
    if offers_referral and reason in (None, "opportunity", "referral", "networking", "unsure"):
        return "referral_offer"
    if details.get("mutual") and reason in (None, "referral", "networking", "unsure", "forgot"):
        return "intro"
    if proposes_chat and reason in (None, "networking", "referral", "collaboration", "unsure", "forgot"):
        return "chat"
    if reason == "opportunity" or (reason is None and intent == "recruiter"):
        return "recruiter"
    if reason == "collaboration" or (reason is None and intent == "collaboration"):
        return "collaboration"
    if (details.get("event") and met in ("yes", "maybe")) or met == "maybe" or reason == "forgot":
        return "event"
    if details.get("school"):
        return "alum"
    return "general"


def first_name(full_name: str | None) -> str | None:
    """First given name from a display name like "Dr. Priya Sharma, MBA"; None if nothing usable."""
    if not full_name:
        return None
    titles = {"dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "prof", "prof."}
    for part in re.findall(r"[^\W\d_][\w'’.-]*", full_name.strip()):
        if part.lower() not in titles:
            return part.rstrip(".")[:40]
    return None
