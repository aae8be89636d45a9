"""Staff summary: pure aggregation over decision records, plus a plain-text rendering.

Pure so the Slack command, the App Home and the terminal all show the same figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.coaching.vocab import DECISION_LABELS, FOLLOWS, OUTCOME_LABELS, RECOMMENDATION_LABELS

PERIODS = {"7d": 7, "30d": 30, "90d": 90, "all": None}
WEEKS_SHOWN = 12


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
    followed: int = 0
    intents: Counter = field(default_factory=Counter)
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


def summarize(records: Iterable, *, now: datetime, days: int | None) -> Summary:
    """Count `records` (any iterable: a store's records, a test's list) into the staff summary.

    The PostgreSQL store counts the same figures in SQL (``summary``); the store contract tests
    check both give equal results."""
    since = now - timedelta(days=days) if days else None
    students: set[tuple[str, str]] = set()
    recs: Counter = Counter()
    decisions: Counter = Counter()
    intents: Counter = Counter()
    red_flags: Counter = Counter()
    outcomes: Counter = Counter()
    weekly: Counter = Counter()  # Monday (date) -> checks created that week
    checks = decided = followed = notes = flagged = pending = awaiting = 0
    for r in records:
        if since is not None and r.created_at < since:
            continue
        checks += 1
        students.add((r.team_id, r.user_id))
        recs[r.recommendation] += 1
        intents[r.signals.intent] += 1
        notes += bool(r.signals.custom_message)
        if r.signals.red_flags:
            flagged += 1
            red_flags.update(r.signals.red_flags)
        if r.decision:
            decisions[r.decision] += 1
            if r.decision != "later":
                decided += 1
                followed += FOLLOWS.get(r.recommendation) == r.decision
        fu = r.followup
        if fu.outcome:
            outcomes[fu.outcome] += 1
        elif fu.remind_at and not fu.reminder_sent_at:
            pending += 1
        elif fu.remind_at and fu.reminder_sent_at:
            awaiting += 1
        weekly[_monday(r.created_at)] += 1
    return Summary(
        days=days, since=since, until=now, checks=checks, students=len(students), recommendations=recs,
        decisions=decisions, decided=decided, followed=followed, intents=intents, personal_notes=notes,
        red_flag_cases=flagged, red_flags=red_flags, outcomes=outcomes, reminders_pending=pending,
        reminders_awaiting=awaiting,
        weekly=weeks_from_counts(weekly, now=now, since=since),
    )


def _monday(when: datetime) -> date:
    day = when.date()
    return day - timedelta(days=day.weekday())


def weeks_from_counts(counts: Counter, *, now: datetime, since: datetime | None, keep: int = WEEKS_SHOWN
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
    lines = [f"Invite Check summary for {period_label(s.days)}",
             f"Checks: {s.checks}   Students: {s.students}"]
    if not s.checks:
        lines.append("No checks in this period yet.")
        return "\n".join(lines)

    def counts(title: str, counter: Counter, labels: dict[str, str] | None = None) -> None:
        lines.append(f"{title}:")
        for key, n in counter.most_common():
            lines.append(f"  {(labels or {}).get(key, key):<24} {n:>5}  ({pct(n / s.checks)})")

    counts("Recommendations", s.recommendations, RECOMMENDATION_LABELS)
    counts("Decisions", s.decisions, DECISION_LABELS)
    lines.append(f"Followed the advice: {pct(s.followed_rate)} of {s.decided} final decisions")
    counts("Intents", s.intents)
    lines.append(f"With a personal note: {pct(s.personal_note_rate)}")
    lines.append(f"Red-flag cases: {s.red_flag_cases}")
    if s.outcomes or s.reminders_pending or s.reminders_awaiting:
        total = sum(s.outcomes.values())
        lines.append(f"Follow-ups: {total} answered, reply rate {pct(s.reply_rate)},"
                     f" {s.reminders_pending} reminder(s) pending, {s.reminders_awaiting} awaiting an answer")
        for key, n in s.outcomes.most_common():
            lines.append(f"  {OUTCOME_LABELS.get(key, key):<24} {n:>5}")
    lines.append("Week by week:")
    biggest = max((n for _, n in s.weekly), default=0)
    for week, n in s.weekly:
        lines.append(f"  {week}  {bar(n, biggest):<20} {n}")
    return "\n".join(lines)
