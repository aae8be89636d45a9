"""Pure scheduling rules for "did they reply?" reminders: no Slack, no store, no clock of their own.

Reminders are only delivered in the student's working hours (Mon-Fri, 09:00-18:00 in the time zone
Slack's users.info reports for them); one that falls due outside them waits for the next working
slot, i.e. the next weekday 09:00 local time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.coaching.vocab import OFFER_DECISIONS

WORK_START = time(9, 0)
WORK_END = time(18, 0)  # exclusive
WORKDAYS = frozenset(range(5))  # Monday..Friday
REMIND_DAYS = (3, 7, 14)  # the choices offered on the result card
SNOOZE_DAYS = 3
MAX_SNOOZES = 3  # after that the reminder no longer offers "remind me later"
PREF_REMINDERS = "reminders"  # the student's preference: False once they turned reminders off


def reminders_on(prefs: Mapping[str, object]) -> bool:
    """Reminders are on unless the student turned them off."""
    return prefs.get(PREF_REMINDERS) is not False


def zone(name: str | None, offset_seconds: float | None = None) -> tzinfo:
    """The student's zone from users.info: the IANA `tz` name, else the fixed `tz_offset`, else UTC."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if isinstance(offset_seconds, int | float) and abs(offset_seconds) < 24 * 3600:
        return timezone(timedelta(seconds=int(offset_seconds)))
    return UTC


def in_working_hours(when: datetime, tz: tzinfo) -> bool:
    local = when.astimezone(tz)
    return local.weekday() in WORKDAYS and WORK_START <= local.time() < WORK_END


def next_working_time(when: datetime, tz: tzinfo) -> datetime:
    """`when` itself if it is within working hours in `tz`, else the next weekday 09:00 there (UTC)."""
    if when.tzinfo is None:
        raise ValueError("next_working_time needs an aware datetime")
    if in_working_hours(when, tz):
        return when
    local = when.astimezone(tz)
    day = local.date()
    if not (local.weekday() in WORKDAYS and local.time() < WORK_START):
        day += timedelta(days=1)  # after hours, or a weekend day: not today
    while day.weekday() not in WORKDAYS:
        day += timedelta(days=1)
    # 09:00 is never inside a DST gap (those are at night), so the wall time always exists.
    return datetime.combine(day, WORK_START, tzinfo=tz).astimezone(UTC)


def remind_at(now: datetime, days: int) -> datetime:
    """When a reminder chosen now for `days` days falls due (working hours are applied at delivery)."""
    if days not in REMIND_DAYS and days != SNOOZE_DAYS:
        raise ValueError(f"unsupported reminder delay {days!r}")
    return now + timedelta(days=days)


@dataclass(frozen=True)
class Plan:
    """What to do with one due reminder: "send" now, "cancel" it, or "postpone" it to `at`."""

    action: str
    at: datetime | None = None
    reason: str = ""


def plan(decision: str | None, *, reminders_on: bool, now: datetime, tz: tzinfo) -> Plan:
    """Decide about a due, unsent reminder of a record with `decision`."""
    if decision not in OFFER_DECISIONS:
        return Plan("cancel", reason="a later decision replaced the one the reminder was for")
    if not reminders_on:
        return Plan("cancel", reason="the student turned reminders off")
    slot = next_working_time(now, tz)
    if slot > now:
        return Plan("postpone", at=slot, reason="outside the student's working hours")
    return Plan("send")
