"""The staff digest: what needs staff this week, without opening a dashboard.

Pure: records in, a :class:`Digest` and its plain text out (the CLI prints it; the Slack layer sends
it as a DM with the chart from bot.staff.chart). Attention first (new scam clusters, students who
engaged with a flagged invitation, students who asked for help), then the period's figures against
the one before, what students faced, and twelve weeks of checks and flagged checks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from bot.coaching.vocab import DECISION_LABELS, REASON_NAMES, REASON_STEP, RED_FLAG_LABELS
from bot.staff import privacy
from bot.staff.clusters import WINDOW, Cluster, campus_warning, find_clusters
from bot.store.models import DecisionRecord, as_utc

WEEKS = 12
LIST_MAX = 20  # checks listed per heading in the text; the Digest keeps them all
# What a student did with a flagged invitation that may have put them in touch with a scammer.
ENGAGED = ("accepted", "replied_first", "suggested_meeting")

LABEL_CLUSTERS = "New scam clusters (two or more students, one sender or contact point, within 14 days)"
LABEL_ENGAGED = "Flagged invitations a student accepted, replied to or offered to meet"
LABEL_HELP = "Students who asked the career center for help (alerts)"
LABEL_REASONS = "What students faced, as they confirmed it"
LABEL_SIGNS = "Warning signs in the flagged checks"
LABEL_WEEKLY = "Checks and flagged checks per week"


@dataclass(frozen=True)
class Change:
    """A count in the period and in the period of the same length before it."""

    now: int
    before: int

    @property
    def delta(self) -> int:
        return self.now - self.before


@dataclass(frozen=True)
class Attention:
    """One check staff should look at. `student`: as the staff view shows them (a Slack user ID when
    `named`, a pseudonym, or None when staff see totals only)."""

    record_id: str
    team_id: str
    at: datetime
    student: str | None
    named: bool
    sender: str | None
    signs: tuple[str, ...]
    decision: str | None


@dataclass(frozen=True)
class Week:
    start: date  # Monday (UTC)
    checks: int
    flagged: int


@dataclass(frozen=True)
class Digest:
    team_id: str | None
    days: int
    since: datetime
    until: datetime
    checks: Change
    students: Change
    flagged: Change
    clusters: tuple[Cluster, ...] = ()  # became clusters in the period
    engaged: tuple[Attention, ...] = ()
    asked_for_help: tuple[Attention, ...] = ()
    reasons: Counter = field(default_factory=Counter)  # confirmed reason -> checks, in the period
    signs: Counter = field(default_factory=Counter)  # warning sign -> flagged checks, in the period
    weekly: tuple[Week, ...] = ()


def monday(when: datetime) -> date:
    day = as_utc(when).date()
    return day - timedelta(days=day.weekday())


def due_week(now: datetime, tz: tzinfo, weekday: int, hour: int) -> str | None:
    """The ISO week ("2025-W10", in `tz`) whose digest is due at `now` for a reader in `tz`: from
    `weekday` (Monday = 0) at `hour` local time to the end of that week. None before it. A bot that was
    down at that hour still finds the week due later in it."""
    local = as_utc(now).astimezone(tz)
    monday_local = local.date() - timedelta(days=local.weekday())
    day = monday_local + timedelta(days=weekday)
    due = datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    if local < due:
        return None
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def records_since(now: datetime, days: int = 7) -> datetime:
    """The oldest record a digest reads: twelve weeks for the chart, or the period before this one and
    the cluster window before that, whichever reaches further back."""
    first_week = monday(now) - timedelta(weeks=WEEKS - 1)
    chart = datetime(first_week.year, first_week.month, first_week.day, tzinfo=as_utc(now).tzinfo)
    return min(chart, as_utc(now) - timedelta(days=2 * days) - WINDOW)


def build_digest(
    records: Iterable[DecisionRecord],
    now: datetime,
    days: int = 7,
    *,
    team_id: str | None = None,
    view: str = privacy.DEFAULT,
    key: str | None = None,
) -> Digest:
    """The digest of the `days` up to `now` (one workspace with `team_id`, else all of them)."""
    if days <= 0:
        raise ValueError("a digest covers at least one day")
    now = as_utc(now)
    since = now - timedelta(days=days)
    before = since - timedelta(days=days)
    oldest = records_since(now, days)
    first_week = monday(now) - timedelta(weeks=WEEKS - 1)
    checks = [0, 0]
    flagged = [0, 0]
    students: list[set[tuple[str, str]]] = [set(), set()]
    reasons: Counter = Counter()
    signs: Counter = Counter()
    weekly: Counter = Counter()
    weekly_flagged: Counter = Counter()
    candidates: list[DecisionRecord] = []  # flagged checks recent enough to tell new clusters from old
    engaged: list[DecisionRecord] = []
    helped: list[tuple[datetime, DecisionRecord]] = []  # (when the alert was sent, its check)

    def shown(r: DecisionRecord, at: datetime) -> Attention:
        shared = r.alert is not None and r.alert.named
        student = privacy.shown_as(view, r.team_id, r.user_id, key, shared_name=shared)
        sender = (r.flagged.sender if r.flagged else None) or (r.alert.sender if r.alert else None)
        return Attention(
            record_id=r.id,
            team_id=r.team_id,
            at=at,
            student=student,
            named=student == r.user_id,
            sender=sender,
            signs=tuple(r.signals.red_flags),
            decision=r.decision,
        )

    for r in records:
        at = r.created_at
        if (team_id is not None and r.team_id != team_id) or at > now or at < oldest:
            continue
        is_flagged = bool(r.signals.red_flags)
        week = monday(at)
        if week >= first_week:
            weekly[week] += 1
            weekly_flagged[week] += is_flagged
        if is_flagged and at >= before - WINDOW:
            candidates.append(r)
        if r.alert is not None and since < r.alert.at <= now:
            helped.append((r.alert.at, r))
        if is_flagged and r.decision in ENGAGED and since < (r.decided_at or at) <= now:
            engaged.append(r)
        if at > since:
            period = 0
            if answer := r.answers.get(REASON_STEP):
                reasons[answer] += 1
            signs.update(r.signals.red_flags)
        elif at > before:
            period = 1
        else:
            continue
        checks[period] += 1
        flagged[period] += is_flagged
        students[period].add((r.team_id, r.user_id))

    clusters = tuple(c for c in find_clusters(candidates) if since < c.formed_at <= now)
    weeks = []
    day = first_week
    while day <= monday(now):
        weeks.append(Week(day, weekly[day], weekly_flagged[day]))
        day += timedelta(weeks=1)
    return Digest(
        team_id=team_id,
        days=days,
        since=since,
        until=now,
        checks=Change(checks[0], checks[1]),
        students=Change(len(students[0]), len(students[1])),
        flagged=Change(flagged[0], flagged[1]),
        clusters=clusters,
        engaged=tuple(
            shown(r, r.decided_at or r.created_at)
            for r in sorted(engaged, key=lambda r: r.decided_at or r.created_at, reverse=True)
        ),
        asked_for_help=tuple(shown(r, at) for at, r in sorted(helped, key=lambda h: h[0], reverse=True)),
        reasons=reasons,
        signs=signs,
        weekly=tuple(weeks),
    )


# -- text -----------------------------------------------------------------------------------------------
def change_text(c: Change, days: int) -> str:
    return f"{c.now} ({c.delta:+d} on the {days} days before, when it was {c.before})"


def _day(when: datetime) -> str:
    return f"{as_utc(when):%Y-%m-%d}"


def attention_line(a: Attention) -> str:
    who = a.student or "A student"
    parts = [who, _day(a.at)]
    if a.decision:
        parts.append(DECISION_LABELS.get(a.decision, a.decision).lower())
    if a.sender:
        parts.append(f"from “{a.sender}”")
    if a.signs:
        parts.append("signs: " + ", ".join(RED_FLAG_LABELS.get(s, s) for s in a.signs))
    return " · ".join(parts)


def cluster_lines(c: Cluster) -> list[str]:
    who = " / ".join(f"“{s}”" for s in c.senders) or "Unnamed sender"
    if c.headline:
        who += f" ({c.headline})"
    lines = [f"{who}: {c.students} students, {c.checks} checks, {_day(c.first)} to {_day(c.last)}"]
    shared = (["the sender's name"] if c.shared_sender else []) + list(c.evidence)
    lines.append("  shared: " + ", ".join(shared))
    if c.quotes:
        lines.append("  their words: " + "  ".join(f"“{q}”" for q in c.quotes))
    if c.signs:
        lines.append("  warning signs: " + ", ".join(RED_FLAG_LABELS.get(s, s) for s in c.signs))
    lines.append("  campus warning to copy:")
    lines.extend(f"    | {ln}" if ln else "    |" for ln in campus_warning(c).splitlines())
    return lines


def digest_text(d: Digest) -> str:
    """The digest as plain text (the CLI, and the DM's fallback)."""
    scope = f" for workspace {d.team_id}" if d.team_id else ""
    lines = [
        f"Invite Check digest{scope}: the last {d.days} days ({_day(d.since)} to {_day(d.until)}, UTC)",
        "",
        f"{LABEL_CLUSTERS}: {len(d.clusters)}",
    ]
    for c in d.clusters:
        lines.extend("  " + ln for ln in cluster_lines(c))
    for label, items in ((LABEL_ENGAGED, d.engaged), (LABEL_HELP, d.asked_for_help)):
        lines.append(f"{label}: {len(items)}")
        lines.extend("  " + attention_line(a) for a in items[:LIST_MAX])
        if len(items) > LIST_MAX:
            lines.append(f"  ... and {len(items) - LIST_MAX} more (the App Home lists them all)")
    lines += [
        "",
        f"Checks: {change_text(d.checks, d.days)}",
        f"Students who checked: {change_text(d.students, d.days)}",
        f"Checks with warning signs: {change_text(d.flagged, d.days)}",
        "",
        f"{LABEL_REASONS} ({sum(d.reasons.values())} of {d.checks.now} checks answered):",
    ]
    lines.extend(f"  {REASON_NAMES.get(k, k):<32} {n:>5}" for k, n in d.reasons.most_common())
    if not d.reasons:
        lines.append("  none this period")
    lines.append(f"{LABEL_SIGNS} ({d.flagged.now} flagged checks):")
    lines.extend(f"  {RED_FLAG_LABELS.get(k, k):<72} {n:>5}" for k, n in d.signs.most_common())
    if not d.signs:
        lines.append("  none this period")
    lines.append(f"{LABEL_WEEKLY} (last {len(d.weekly)} weeks, weeks start on Monday, UTC):")
    lines.append(f"  {'week of':<12} {'checks':>7} {'flagged':>8}")
    lines.extend(f"  {w.start.isoformat():<12} {w.checks:>7} {w.flagged:>8}" for w in d.weekly)
    lines += ["", "Everything else: the Invite Check App Home in Slack, or `python -m bot summary`."]
    return "\n".join(lines)
