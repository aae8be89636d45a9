"""Staff summary: the figures made from a store's counts of the records, plus a plain-text rendering.

Pure so the Slack command, the App Home and the terminal all show the same figures; every store counts
the same raw facts (``DecisionStore.counts``), and the rules that turn them into figures live only here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.coaching.vocab import (
    DECISION_LABELS,
    FOLLOWS,
    INTENT_NAMES,
    OUTCOME_LABELS,
    REASON_NAMES,
    RECOMMENDATION_LABELS,
)
from bot.store.models import Counts, week_of

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


def parse_period(text: str | None, default: str = "30d") -> int | None:
    """'7d'/'30d'/'90d'/'all' (or '14', '14d') -> days, or None for all time; ValueError otherwise."""
    t = (text or "").strip().lower() or default
    if t in PERIODS:
        return PERIODS[t]
    digits = t[:-1] if t.endswith("d") else t
    if digits.isdigit() and 0 < int(digits) <= 3650:
        return int(digits)
    raise ValueError(f"not a period: {t!r}")


def period_start(now: datetime, days: int | None) -> datetime | None:
    """Where the last ``days`` (None: all time) begin: what a store counts the summary from."""
    return now - timedelta(days=days) if days else None


def summarize(counts: Counts, *, now: datetime, days: int | None) -> Summary:
    """The staff summary of a store's ``counts`` for the period (``since=period_start(now, days)``,
    ``step=REASON_STEP``): every rule of the figures (followed, decided, pending and awaiting
    reminders, readings shown as not sure left out, the weeks) is applied here, for every store."""
    checks = decided = followed_advice = notes = flagged = pending = awaiting = unsure = 0
    recs: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    intents: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for key, n in counts.checks.items():
        checks += n
        recs[key.recommendation] += n
        if key.intent_sure is False:
            unsure += n
        else:
            intents[key.intent] += n
        if key.answer:
            reasons[key.answer] += n
        if key.custom_message:
            notes += n
        if key.flagged:
            flagged += n
        if key.decision:
            decisions[key.decision] += n
            if key.decision != "later":
                decided += n
                if followed(key.recommendation, key.decision, key.flagged):
                    followed_advice += n
        if key.outcome:
            outcomes[key.outcome] += n
        elif key.reminder_set and not key.reminder_sent:
            pending += n
        elif key.reminder_set:
            awaiting += n
    since = period_start(now, days)
    return Summary(
        days=days,
        since=since,
        until=now,
        checks=checks,
        students=counts.students,
        recommendations=recs,
        decisions=decisions,
        decided=decided,
        followed=followed_advice,
        intents=intents,
        unsure_readings=unsure,
        reasons=reasons,
        personal_notes=notes,
        red_flag_cases=flagged,
        red_flags=Counter(counts.red_flags),
        outcomes=outcomes,
        reminders_pending=pending,
        reminders_awaiting=awaiting,
        weekly=weeks_from_counts(counts.weeks, now=now, since=since),
    )


def weeks_from_counts(
    counts: Counter, *, now: datetime, since: datetime | None, keep: int = WEEKS_SHOWN
) -> tuple[tuple[str, int], ...]:
    """(week label, checks) for every week from the period's (or the data's) first week to now's,
    zeros included so a quiet week shows as a gap, the last `keep` weeks only."""
    if not counts:
        return ()
    last = max(week_of(now), max(counts))
    first = week_of(since) if since is not None else min(counts)
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
