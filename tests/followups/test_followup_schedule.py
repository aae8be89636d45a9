"""Pure follow-up rules: working hours in the student's zone, the delivery plan, button values, builders."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from blockkit_limits import check_message

from bot.coaching.followup import (
    in_working_hours,
    next_working_time,
    plan,
    remind_at,
    zone,
)
from bot.slack.views import followups as fb

NY = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
LA = ZoneInfo("America/Los_Angeles")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("when", "tz", "inside"),
    [
        (utc(2025, 3, 3, 14, 0), NY, True),  # Mon 09:00 EST: the first working minute
        (utc(2025, 3, 3, 13, 59), NY, False),  # Mon 08:59
        (utc(2025, 3, 3, 22, 59), NY, True),  # Mon 17:59
        (utc(2025, 3, 3, 23, 0), NY, False),  # Mon 18:00: closed
        (utc(2025, 3, 8, 15, 0), NY, False),  # Saturday
        (utc(2025, 3, 7, 16, 0), TOKYO, False),  # Fri 16:00 UTC is Sat 01:00 in Tokyo
        (utc(2025, 3, 7, 16, 0), LA, False),  # ... and Fri 08:00 in Los Angeles
        (utc(2025, 3, 7, 17, 0), LA, True),
        (utc(2025, 3, 6, 1, 0), TOKYO, True),  # Thu 10:00 JST
    ],
)
def test_in_working_hours(when, tz, inside):
    assert in_working_hours(when, tz) is inside


@pytest.mark.parametrize(
    ("when", "tz", "slot"),
    [
        (utc(2025, 3, 4, 15, 30), NY, utc(2025, 3, 4, 15, 30)),  # inside: unchanged
        (utc(2025, 3, 4, 11, 0), NY, utc(2025, 3, 4, 14, 0)),  # 06:00 -> 09:00 the same day
        (utc(2025, 3, 4, 23, 30), NY, utc(2025, 3, 5, 14, 0)),  # 18:30 -> next morning
        (utc(2025, 3, 5, 4, 59), NY, utc(2025, 3, 5, 14, 0)),  # 23:59 -> next morning (the next date)
        (utc(2025, 3, 7, 23, 0), NY, utc(2025, 3, 10, 13, 0)),  # Fri 18:00 -> Mon 09:00, now EDT (UTC-4)
        (utc(2025, 3, 8, 11, 0), TOKYO, utc(2025, 3, 10, 0, 0)),  # Sat 20:00 JST -> Mon 09:00 JST
        (utc(2025, 3, 8, 11, 0), LA, utc(2025, 3, 10, 16, 0)),  # Sat 03:00 PST -> Mon 09:00 PDT
        (utc(2025, 3, 7, 16, 0), TOKYO, utc(2025, 3, 10, 0, 0)),  # Sat 01:00 JST (Fri in UTC) -> Monday
        (utc(2025, 3, 6, 11, 0), LA, utc(2025, 3, 6, 17, 0)),  # 03:00 -> 09:00 the same day
        (utc(2025, 3, 6, 11, 0), TOKYO, utc(2025, 3, 7, 0, 0)),  # Thu 20:00 JST -> Fri 09:00 JST
        (utc(2025, 3, 9, 12, 0), UTC, utc(2025, 3, 10, 9, 0)),  # Sunday in UTC
    ],
)
def test_next_working_time(when, tz, slot):
    got = next_working_time(when, tz)
    assert got == slot and got.tzinfo == UTC
    assert in_working_hours(got, tz)


def test_next_working_time_is_never_earlier_and_always_inside():
    start = utc(2025, 3, 1, 0, 0)
    for tz in (NY, TOKYO, LA, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago"), UTC):
        for hour in range(0, 24 * 10, 5):
            when = start + timedelta(hours=hour, minutes=17)
            slot = next_working_time(when, tz)
            assert slot >= when and in_working_hours(slot, tz)
            assert slot - when < timedelta(days=3, hours=16)  # Fri 18:00 -> Mon 09:00 at most


def test_next_working_time_needs_an_aware_datetime():
    with pytest.raises(ValueError):
        next_working_time(datetime(2025, 3, 3, 12, 0), NY)  # noqa: DTZ001


def test_zone_from_users_info():
    assert zone("Asia/Tokyo", 32400) == TOKYO
    assert zone("Not/A_Zone", 3600) == timezone(timedelta(hours=1))
    assert zone(None, -18000) == timezone(timedelta(hours=-5))
    assert zone("", None) == UTC
    assert zone("../etc/passwd", None) == UTC


def test_remind_at():
    now = utc(2025, 3, 3, 15, 0)
    assert remind_at(now, 7) == utc(2025, 3, 10, 15, 0)
    with pytest.raises(ValueError):
        remind_at(now, 365)


def test_plan():
    fri_night = utc(2025, 3, 8, 2, 0)  # Fri 21:00 in New York
    assert plan("replied_first", reminders_on=True, now=utc(2025, 3, 4, 15, 0), tz=NY).action == "send"
    assert plan("suggested_meeting", reminders_on=True, now=utc(2025, 3, 4, 15, 0), tz=NY).action == "send"
    later = plan("replied_first", reminders_on=True, now=fri_night, tz=NY)
    assert later.action == "postpone" and later.at == utc(2025, 3, 10, 13, 0)
    assert plan("accepted", reminders_on=True, now=fri_night, tz=NY).action == "cancel"
    assert plan("ignored", reminders_on=True, now=fri_night, tz=NY).action == "cancel"
    assert plan("replied_first", reminders_on=False, now=fri_night, tz=NY).action == "cancel"


# -- button values and builders ------------------------------------------------------------------------
def test_reminder_ref_round_trip_and_rejects_forgeries():
    ref = fb.ReminderRef(w="a" * 32, n="Jordan <Rivera>")
    assert fb.decode_ref(fb.encode_ref(ref)) == ref
    assert fb.decode_ref(fb.encode_ref(fb.ReminderRef(w="b" * 32))).n is None
    for bad in (
        None,
        "",
        "x{}",
        "r1{",
        "r1[]",
        'r1{"w":"../etc"}',
        'r1{"w":"' + "a" * 32 + '","z":1}',
        'r1{"w":"' + "a" * 32 + '","n":"' + "x" * 81 + '"}',
        "r1" + "[" * 399,
    ):
        with pytest.raises(fb.RefError):
            fb.decode_ref(bad)


def _mrkdwn(blocks):
    return " ".join(json.dumps(b.get("text")) + json.dumps(b.get("elements")) for b in blocks)


def test_builders_escape_names_and_stay_within_limits():
    name = "<!channel> & <http://x|y>" + "n" * 60
    ref = fb.ReminderRef(w="a" * 32, n=name[:80])
    at = utc(2025, 3, 6, 15, 0)
    messages = [
        ("offer", fb.offer_blocks("1" + "{}" * 900, name[:80])),
        ("scheduled", fb.scheduled_blocks("1{}", at, name[:80], now=at)),
        ("reminder", fb.reminder_message(ref, checked_at=at, decision_label="I replied first", snoozes=0)[1]),
        ("snoozed", fb.snoozed_message(ref, at)[1]),
    ]
    for outcome in ("explained", "pitched", "no_reply"):
        messages.append(
            (
                outcome,
                fb.outcome_message(
                    outcome,
                    ref,
                    thanks="Hi <b>,\n" + "t" * 4000,
                    thanks_label="Thanks",
                    spam_action="Report it.",
                )[1],
            )
        )
    for what, blocks in messages:
        assert check_message(blocks, "fallback") == [], what
        shown = " ".join(b["text"]["text"] for b in blocks if b["type"] == "section")
        assert "<!channel>" not in shown and "<http://x|y>" not in shown, what
    text, _ = fb.reminder_message(ref, checked_at=at, decision_label="x", snoozes=0)
    assert "<!channel>" not in text


def test_reminder_offers_snooze_until_the_limit_and_not_when_off():
    ref = fb.ReminderRef(w="a" * 32, n="Jordan")
    at = utc(2025, 3, 6, 15, 0)

    def ids(blocks):
        return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]

    assert fb.A_SNOOZE in ids(fb.reminder_message(ref, checked_at=at, decision_label="x", snoozes=2)[1])
    assert fb.A_SNOOZE not in ids(fb.reminder_message(ref, checked_at=at, decision_label="x", snoozes=3)[1])
    off = fb.reminder_message(ref, checked_at=at, decision_label="x", snoozes=0, allow_snooze=False)[1]
    assert fb.A_SNOOZE not in ids(off) and fb.A_OFF not in ids(off)
    assert fb.reminder_message(ref, checked_at=at, decision_label="x", snoozes=0)[0].startswith(
        "Did Jordan reply?"
    )
    assert fb.reminder_message(fb.ReminderRef(w="a" * 32), checked_at=at, decision_label="x", snoozes=0)[
        0
    ].startswith("Did they reply?")
