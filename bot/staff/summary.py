"""Staff summary: pure aggregation over decision records, plus a plain-text rendering.

Pure so the Slack command, the App Home and the terminal all show the same figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.coaching.vocab import (
    DECISION_LABELS,
    FOLLOWS,
    INTENT_NAMES,
    OUTCOME_LABELS,
    REASON_NAMES,
    REASON_STEP,
    RECOMMENDATION_LABELS,
)

PERIODS = {"7d": 7, "30d": 30, "90d": 90, "all": None}
WEEKS_SHOWN = 12

# What each figure counts, in its label: the terminal, the Slack summary and the App Home say the same.
LABEL_CHECKS = "Checks"  # invitations checked
LABEL_STUDENTS = "Students"  # different students who checked
LABEL_FOLLOWED = "Followed the advice or ignored a flagged invitation"
LABEL_RECOMMENDATIONS = "What Invite Check recommended"
LABEL_DECISIONS = "What students said they did"
LABEL_NOTES = "Invitations with a personal note"
LABEL_FLAGGED = "Checks with warning signs"
LABEL_FLAGS = "Warning signs seen"
LABEL_WEEKLY = "Checks per week"


def reasons_label(answered: int, checks: int) -> str:
    return f"Why they reached out, as students confirmed it ({answered} of {checks} checks)"


def intents_label(s: Summary) -> str:
    shown = sum(s.intents.values())
    left_out = f"; {s.unsure_readings} shown as not sure left out" if s.unsure_readings else ""
    return f"What the text suggested: the analyzer's readings shown as sure ({shown} of {s.checks} checks{left_out})"


def followed(recommendation: str, decision: str | None, flagged: bool) -> bool:
    """A final decision that followed the advice, or kept the student safe: ignoring an invitation with
    warning signs counts whatever the advice was (the advice may have missed the scam)."""
    if not decision or decision == "later":
        return False
    return FOLLOWS.get(recommendation) == decision or (flagged and decision == "ignored")


@dataclass(frozen=True)
class Summary:
    days: int | None
    since: datetime | None
    until: datetime
    checks: int = 0
    students: int = 0
    recommendations: Counter = field(default_factory=Counter)
    decisions: Counter = field(default_factory=Counter)
    decided: int = 0  # a final decision (not "later")
    followed: int = 0  # final decisions that followed the advice or ignored a flagged invitation
    intents: Counter = field(default_factory=Counter)  # the analyzer's readings not shown as "not sure"
    unsure_readings: int = 0  # readings the student was shown as "not sure": left out of `intents`
    reasons: Counter = field(default_factory=Counter)  # the student's confirmed answer to "why"
    personal_notes: int = 0
    red_flag_cases: int = 0
    red_flags: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    reminders_pending: int = 0  # scheduled, not sent yet
    reminders_awaiting: int = 0  # sent, the student has not said how they replied yet
    weekly: tuple[tuple[str, int], ...] = ()

    @property
    def followed_rate(self) -> float | None:
        return self.followed / self.decided if self.decided else None

    @property
    def personal_note_rate(self) -> float | None:
        return self.personal_notes / self.checks if self.checks else None

    @property
    def reply_rate(self) -> float | None:
        total = sum(self.outcomes.values())
        replied = self.outcomes["explained"] + self.outcomes["pitched"]
        return replied / total if total else None


def parse_period(text: str | None, default: str = "30d") -> int | None | str:
    """'7d'/'30d'/'90d'/'all' (or '14', '14d') -> days or None; returns the string 'invalid' otherwise."""
    t = (text or "").strip().lower() or default
    if t in PERIODS:
        return PERIODS[t]
    digits = t[:-1] if t.endswith("d") else t
    if digits.isdigit() and 0 < int(digits) <= 3650:
        return int(digits)
    return "invalid"


class _Tally:
    """The running counts behind a Summary, fed one record at a time (on the store's thread)."""

    def __init__(self, *, now: datetime, days: int | None) -> None:
        self.now, self.days = now, days
        self.since = now - timedelta(days=days) if days else None
        self.students: set[tuple[str, str]] = set()
        self.recs: Counter = Counter()
        self.decisions: Counter = Counter()
        self.intents: Counter = Counter()
        self.reasons: Counter = Counter()
        self.red_flags: Counter = Counter()
        self.outcomes: Counter = Counter()
        self.weekly: Counter = Counter()  # Monday (date) -> checks created that week
        self.checks = self.decided = self.followed = self.notes = self.flagged = self.pending = (
            self.awaiting
        ) = self.unsure = 0

    def add(self, records: Iterable) -> None:
        since = self.since
        for r in records:
            if since is not None and r.created_at < since:
                continue
            self.checks += 1
            self.students.add((r.team_id, r.user_id))
            self.recs[r.recommendation] += 1
            if r.signals.intent_sure is False:
                self.unsure += 1
            else:
                self.intents[r.signals.intent] += 1
            if reason := r.answers.get(REASON_STEP):
                self.reasons[reason] += 1
            self.notes += bool(r.signals.custom_message)
            if r.signals.red_flags:
                self.flagged += 1
                self.red_flags.update(r.signals.red_flags)
            if r.decision:
                self.decisions[r.decision] += 1
                if r.decision != "later":
                    self.decided += 1
                    self.followed += followed(r.recommendation, r.decision, bool(r.signals.red_flags))
            fu = r.followup
            if fu.outcome:
                self.outcomes[fu.outcome] += 1
            elif fu.remind_at and not fu.reminder_sent_at:
                self.pending += 1
            elif fu.remind_at and fu.reminder_sent_at:
                self.awaiting += 1
            self.weekly[_monday(r.created_at)] += 1

    def result(self) -> Summary:
        return Summary(
            days=self.days,
            since=self.since,
            until=self.now,
            checks=self.checks,
            students=len(self.students),
            recommendations=self.recs,
            decisions=self.decisions,
            decided=self.decided,
            followed=self.followed,
            intents=self.intents,
            unsure_readings=self.unsure,
            reasons=self.reasons,
            personal_notes=self.notes,
            red_flag_cases=self.flagged,
            red_flags=self.red_flags,
            outcomes=self.outcomes,
            reminders_pending=self.pending,
            reminders_awaiting=self.awaiting,
            weekly=weeks_from_counts(self.weekly, now=self.now, since=self.since),
        )


def summarize(records: Iterable, *, now: datetime, days: int | None) -> Summary:
    """Count `records` (any iterable: a store's records, a test's list) into the staff summary.

    The PostgreSQL store counts the same figures in SQL (``summary``); the store contract tests
    check both give equal results."""
    tally = _Tally(now=now, days=days)
    tally.add(records)
    return tally.result()


def _monday(when: datetime) -> date:
    day = when.date()
    return day - timedelta(days=day.weekday())


def weeks_from_counts(
    counts: Counter, *, now: datetime, since: datetime | None, keep: int = WEEKS_SHOWN
) -> tuple[tuple[str, int], ...]:
    """(week label, checks) for every week from the period's (or the data's) first week to now's,
    zeros included so a quiet week shows as a gap, the last `keep` weeks only."""
    if not counts:
        return ()
    last = max(_monday(now), max(counts))
    first = _monday(since) if since is not None else min(counts)
    first = max(first, last - timedelta(weeks=keep - 1))
    weeks = []
    day = first
    while day <= last:
        weeks.append((f"wk of {day.isoformat()}", counts.get(day, 0)))
        day += timedelta(weeks=1)
    return tuple(weeks)


def period_key(days: int | None) -> str:
    """The inverse of parse_period: None -> 'all', 30 -> '30d'."""
    return "all" if days is None else f"{days}d"


def pct(part: float | None) -> str:
    return "n/a" if part is None else f"{round(part * 100)}%"


def bar(value: int, biggest: int, width: int = 20) -> str:
    if biggest <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(value / biggest * width))


def period_label(days: int | None) -> str:
    return "all time" if days is None else f"the last {days} days"


def format_text(s: Summary) -> str:
    """The summary as plain text (terminal, and the base of the Slack rendering)."""
    lines = [
        f"Invite Check summary for {period_label(s.days)}",
        f"{LABEL_CHECKS}: {s.checks}   {LABEL_STUDENTS}: {s.students}",
    ]
    if not s.checks:
        lines.append("No checks in this period yet.")
        return "\n".join(lines)

    def counts(title: str, counter: Counter, labels: dict[str, str] | None = None, total: int = 0) -> None:
        lines.append(f"{title}:")
        for key, n in counter.most_common():
            lines.append(f"  {(labels or {}).get(key, key):<24} {n:>5}  ({pct(n / (total or s.checks))})")

    counts(LABEL_RECOMMENDATIONS, s.recommendations, RECOMMENDATION_LABELS)
    counts(LABEL_DECISIONS, s.decisions, DECISION_LABELS)
    lines.append(f"{LABEL_FOLLOWED}: {pct(s.followed_rate)} of {s.decided} final decisions")
    answered = sum(s.reasons.values())
    counts(reasons_label(answered, s.checks), s.reasons, REASON_NAMES, answered)
    counts(intents_label(s), s.intents, INTENT_NAMES, sum(s.intents.values()))
    lines.append(f"{LABEL_NOTES}: {pct(s.personal_note_rate)} ({s.personal_notes} of {s.checks} checks)")
    lines.append(f"{LABEL_FLAGGED}: {s.red_flag_cases}")
    if s.outcomes or s.reminders_pending or s.reminders_awaiting:
        total = sum(s.outcomes.values())
        lines.append(
            f"Follow-ups: {total} answered, reply rate {pct(s.reply_rate)},"
            f" {s.reminders_pending} reminder(s) pending, {s.reminders_awaiting} awaiting an answer"
        )
        for key, n in s.outcomes.most_common():
            lines.append(f"  {OUTCOME_LABELS.get(key, key):<24} {n:>5}")
    lines.append(f"{LABEL_WEEKLY}:")
    biggest = max((n for _, n in s.weekly), default=0)
    for week, n in s.weekly:
        lines.append(f"  {week}  {bar(n, biggest):<20} {n}")
    return "\n".join(lines)
