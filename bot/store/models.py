"""The stored decision record and its schema migrations.

A record is written once per walkthrough (the walkthrough id is the idempotency key) and
updated as the student decides and follows up. Older stored shapes are upgraded by
:func:`migrate` on load, so the rest of the app only ever sees the current schema.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, NamedTuple

from pydantic import AfterValidator, BaseModel, Field

SCHEMA_VERSION = 1


class StoreError(Exception):
    """Base class for store failures that an operator may need to act on."""


class UnsupportedSchemaError(StoreError, ValueError):
    """A stored record was written by a newer Invite Check than this one."""


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC (``datetime.utcnow()`` style) rather than rejected,
    so a caller's slip costs a mislabelled zone, never a lost decision."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]


def utc_iso(value: datetime) -> str:
    """Fixed-width ISO-8601 (always microseconds, always ``+00:00``): in the database file,
    string order is time order, for anyone sorting or filtering it with other tools."""
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Signals(BaseModel):
    intent: str
    custom_message: bool
    claims_prior_contact: bool
    red_flags: list[str] = Field(default_factory=list)
    # The analyzer's reading was sure enough to be shown to the student (else they saw "not sure").
    # None: recorded before this was kept.
    intent_sure: bool | None = None

    @classmethod
    def of(cls, analysis: Any) -> Signals:
        """What a record keeps of the analyzer's reading (bot.coaching.analyzer.Analysis)."""
        return cls(
            intent=analysis.intent,
            custom_message=analysis.custom_message,
            claims_prior_contact=analysis.claims_prior_contact,
            red_flags=list(analysis.red_flags),
            intent_sure=analysis.intent_sure,
        )


class Followup(BaseModel):
    remind_at: UtcDatetime | None = None  # when a "did they reply?" reminder is due
    reminder_sent_at: UtcDatetime | None = None
    outcome: str | None = None  # "explained" | "pitched" | "no_reply" | None
    outcome_at: UtcDatetime | None = None
    snoozes: int = 0
    # Whom the reminder asks about ("Did <about> reply?"): the requester's name as the walkthrough
    # knew it. Kept only while a reminder is pending (the student asked for it), cleared once the
    # outcome is recorded or the reminder cancelled; never exported. See bot.slack.followups.
    about: str | None = Field(None, max_length=80)


class Alert(BaseModel):
    """A student's "Tell my career center" about a flagged invitation: only what staff need to warn
    others (the signs, the sender as pasted, the words behind each sign), kept with the record and
    deleted with it. `named`: the student chose to share their name with this alert."""

    at: UtcDatetime
    named: bool = False
    flags: list[str] = Field(default_factory=list)
    sender: str | None = Field(None, max_length=80)
    headline: str | None = Field(None, max_length=120)
    evidence: list[str] = Field(default_factory=list, max_length=10)


class Flagged(BaseModel):
    """What a check with warning signs keeps so staff can see one sender or contact reach several
    students (bot.staff.clusters): the sender's name and headline as pasted, and the words behind
    the warning signs with the contact points (numbers, handles, addresses, links) the invitation
    pushed. Kept whatever the invitation-text setting, only on flagged checks, and deleted with the
    record."""

    sender: str | None = Field(None, max_length=80)
    headline: str | None = Field(None, max_length=120)
    evidence: list[str] = Field(default_factory=list, max_length=10)


class DecisionRecord(BaseModel):
    id: str  # walkthrough id chosen by the caller: same id = same record
    schema_version: int = SCHEMA_VERSION
    created_at: UtcDatetime
    updated_at: UtcDatetime
    team_id: str
    user_id: str
    source: str = "slack"  # "slack" | "terminal"
    answers: dict[str, str]  # step id -> option id
    signals: Signals
    recommendation: str  # "accept" | "reply_first" | "meet_first" | "ignore"
    decision: str | None = None  # "accepted" | "replied_first" | "suggested_meeting" | "ignored" | "later"
    decided_at: UtcDatetime | None = None
    followup: Followup = Field(default_factory=Followup)
    requester_name: str | None = None  # only stored when the caller's settings allow it
    invite_text: str | None = None  # idem
    alert: Alert | None = None  # set when the student tells their career center about a flagged check
    flagged: Flagged | None = None  # set on a check with warning signs: what scam clusters match on


class CountKey(NamedTuple):
    """The raw facts of one check that the staff summary counts by; no rule of the summary applied."""

    recommendation: str
    decision: str | None
    flagged: bool  # it had warning signs
    intent: str
    intent_sure: bool | None
    answer: str | None  # the student's answer to the counted checklist step
    custom_message: bool
    outcome: str | None
    reminder_set: bool  # a "did they reply?" reminder was scheduled
    reminder_sent: bool


@dataclass(frozen=True)
class Counts:
    """What a store counts for the staff summary (``counts``): checks by their facts, checks by the week
    they were made in (its Monday, see ``week_of``), the different students among them and each warning
    sign's number of checks."""

    checks: Counter[CountKey] = field(default_factory=Counter)
    weeks: Counter[date] = field(default_factory=Counter)
    students: int = 0
    red_flags: Counter[str] = field(default_factory=Counter)


def week_of(when: datetime) -> date:
    """The Monday of ``when``'s week, in UTC."""
    day = as_utc(when).date()
    return day - timedelta(days=day.weekday())


# --- migrations -------------------------------------------------------------------------


def _v0_to_v1(raw: dict[str, Any]) -> dict[str, Any]:
    """v0 kept one ``ts`` float (epoch seconds) and had no follow-up tracking."""
    out = dict(raw)
    ts = out.pop("ts", None)
    if ts is None:
        raise ValueError(f"record {raw.get('id')!r}: schema v0 record without 'ts'")
    stamp = utc_iso(datetime.fromtimestamp(float(ts), UTC))
    out.setdefault("created_at", stamp)
    out.setdefault("updated_at", stamp)
    if out.get("decision") is not None:
        out.setdefault("decided_at", stamp)
    out.setdefault("followup", {})
    out["schema_version"] = 1
    return out


# MIGRATIONS[n] upgrades a version-n dict to version n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1}


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Upgrade a stored dict to :data:`SCHEMA_VERSION` (records without a version are v0).

    Refuses records from a newer schema instead of guessing: silently dropping fields a
    newer release wrote would lose data on the next snapshot.
    """
    version = raw.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValueError(f"record {raw.get('id')!r}: invalid schema_version {version!r}")
    if version > SCHEMA_VERSION:
        raise UnsupportedSchemaError(
            f"record {raw.get('id')!r} has schema_version {version}, but this Invite Check "
            f"only understands up to {SCHEMA_VERSION}. It was written by a newer release: "
            "upgrade Invite Check (or restore a backup made by this version)."
        )
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    return raw
