"""The staff digest's figures and text (bot.staff.digest), from records made the way the app makes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from digest_seed import CRYPTO, GLOBEX, GLOBEX_AGAIN
from staff_seed import ANA, BEN, CAL, DAN, EVE, NOW, OTHER_TEAM, rec
from test_clusters import check

from bot.config import ConfigError, load_settings
from bot.staff import privacy
from bot.staff.digest import Change, build_digest, digest_text, due_week, records_since
from bot.store import Alert

KEY = "signing-secret"


def history():
    """This week (the 7 days to NOW): 4 checks by 3 students, 3 of them flagged; a Jane Doe cluster
    (ANA, BEN); BEN accepted a flagged one; CAL asked for help with their name; ANA's "later" is no
    engagement. The week before: 2 checks by 2 students, none flagged. Older: one check 10 weeks ago."""
    days = lambda n: NOW - timedelta(days=n)  # noqa: E731
    accepted = check("b1", GLOBEX_AGAIN, user=BEN, days_ago=1)
    accepted = accepted.model_copy(update={"decision": "accepted", "decided_at": days(0.5)})
    helped = check("c1", CRYPTO, user=CAL, days_ago=2).model_copy(
        update={"decision": "ignored", "alert": Alert(at=days(1.9), named=True, flags=["crypto_investment"])}
    )
    return [
        check("a1", GLOBEX, user=ANA, days_ago=3).model_copy(update={"decision": "later"}),
        accepted,
        helped,
        rec("a2", at=days(4), user=ANA, answers={"reason": "opportunity"}),
        rec("d1", at=days(9), user=DAN, answers={"reason": "networking"}),
        rec("b0", at=days(10), user=BEN, answers={"reason": "opportunity"}),
        rec("old", at=days(70), user=DAN),
        rec("x1", at=days(1), user=EVE, team=OTHER_TEAM),
        rec("future", at=NOW + timedelta(hours=1), user=ANA),
    ]


def test_the_digest_counts_this_period_against_the_one_before():
    d = build_digest(history(), NOW, team_id="T0001", key=KEY)
    assert d.checks == Change(4, 2) and d.checks.delta == 2
    assert d.students == Change(3, 2)
    assert d.flagged == Change(3, 0)
    assert dict(d.reasons) == {"opportunity": 1}  # only the confirmed answers of this period
    assert d.signs["off_platform"] == 3 and d.signs["crypto_investment"] == 1


def test_the_digest_lists_new_clusters_engaged_students_and_calls_for_help():
    d = build_digest(history(), NOW, team_id="T0001", key=KEY)
    (cluster,) = d.clusters
    assert cluster.senders == ("Jane Doe",) and cluster.record_ids == ("a1", "b1")
    (engaged,) = d.engaged
    assert (engaged.record_id, engaged.decision, engaged.sender) == ("b1", "accepted", "Jane Doe")
    assert engaged.student == privacy.pseudonym("T0001", BEN, KEY) and not engaged.named
    (helped,) = d.asked_for_help
    assert (helped.record_id, helped.student, helped.named) == ("c1", CAL, True)  # they shared their name


def test_a_cluster_formed_in_an_earlier_period_is_not_new():
    d = build_digest(history(), NOW + timedelta(days=7), team_id="T0001", key=KEY)
    assert d.clusters == () and d.checks == Change(1, 4)  # "future" falls in that week


@pytest.mark.parametrize(
    ("view", "expected"), [(privacy.NAMED, BEN), (privacy.TOTALS, None)], ids=["named", "totals"]
)
def test_students_are_shown_by_the_staff_view(view, expected):
    (engaged,) = build_digest(history(), NOW, view=view, key=KEY).engaged
    assert engaged.student == expected


def test_every_workspace_without_a_team_and_never_mixed_into_one():
    d = build_digest(history(), NOW, key=KEY)
    assert d.checks.now == 5 and d.students.now == 4  # EVE's check in the other workspace counts
    assert len(d.clusters) == 1


def test_twelve_weeks_of_checks_and_flagged_checks_ending_with_this_week():
    d = build_digest(history(), NOW, team_id="T0001", key=KEY)
    assert len(d.weekly) == 12
    assert d.weekly[-1].start.isoformat() == "2025-03-03" and d.weekly[0].start.isoformat() == "2024-12-16"
    by_week = {w.start.isoformat(): (w.checks, w.flagged) for w in d.weekly}
    assert by_week["2025-02-24"] == (4, 3)  # Feb 27 to Mar 2
    assert by_week["2025-02-17"] == (2, 0)
    assert by_week["2024-12-23"] == (1, 0)  # 70 days before NOW
    assert sum(w.checks for w in d.weekly) == 7


def test_records_since_reaches_back_for_the_chart_and_the_previous_period():
    assert records_since(NOW, 7).date().isoformat() == "2024-12-16"
    assert records_since(NOW, 90) == NOW - timedelta(days=194)


def test_the_text_puts_attention_first_and_labels_every_figure():
    text = digest_text(build_digest(history(), NOW, team_id="T0001", key=KEY))
    assert text.index("New scam clusters") < text.index("Checks:")
    for needle in (
        "New scam clusters (two or more students, one sender or contact point, within 14 days): 1",
        "“Jane Doe” (Talent Acquisition at Globex Remote): 2 students, 2 checks, 2025-02-28 to 2025-03-02",
        "shared: the sender's name, +1 (555) 201-7788",
        "| Heads-up: a LinkedIn scam is reaching our students",
        "Flagged invitations a student accepted, replied to or offered to meet: 1",
        "Students who asked the career center for help (alerts): 1",
        f"  {CAL} · 2025-03-01 · ignored · from “Mark Stone” · signs: Wants to move off LinkedIn",
        "Checks: 4 (+2 on the 7 days before, when it was 2)",
        "Students who checked: 3 (+1 on the 7 days before, when it was 2)",
        "Checks with warning signs: 3 (+3 on the 7 days before, when it was 0)",
        "What students faced, as they confirmed it (1 of 4 checks answered):",
        "Checks and flagged checks per week (last 12 weeks",
    ):
        assert needle in text, needle
    assert BEN not in text  # pseudonymous: only the student who shared their name is named


def test_an_empty_digest_says_so_in_every_figure():
    d = build_digest([], NOW)
    assert (d.checks, d.students, d.flagged) == (Change(0, 0), Change(0, 0), Change(0, 0))
    text = digest_text(d)
    assert "New scam clusters (two or more students, one sender or contact point, within 14 days): 0" in text
    assert "Checks: 0 (+0 on the 7 days before, when it was 0)" in text
    assert len(d.weekly) == 12 and not any(w.checks for w in d.weekly)


def test_a_digest_needs_a_period():
    with pytest.raises(ValueError):
        build_digest([], NOW, days=0)


def test_the_text_lists_twenty_checks_per_heading_and_counts_the_rest():
    many = [
        check(f"e{i}", GLOBEX, user=f"U0S{i:06d}", days_ago=1).model_copy(
            update={"decision": "replied_first"}
        )
        for i in range(25)
    ]
    d = build_digest(many, NOW, key=KEY)
    assert len(d.engaged) == 25
    text = digest_text(d)
    assert "meet: 25\n" in text and "... and 5 more (the App Home lists them all)" in text
    assert text.count("replied first · from “Jane Doe”") == 20


@pytest.mark.parametrize(
    ("now", "zone", "due"),
    [
        ("2025-03-03T07:59", "Europe/Berlin", None),  # Monday 08:59 in Berlin: before the hour
        ("2025-03-03T08:00", "Europe/Berlin", "2025-W10"),  # Monday 09:00 in Berlin
        ("2025-03-03T08:00", "America/New_York", None),  # still 03:00 on Monday there
        ("2025-03-05T20:00", "America/New_York", "2025-W10"),  # later in the week: still that week's
        ("2025-03-09T22:59", "Europe/Berlin", "2025-W10"),  # Sunday 23:59 in Berlin
        ("2025-03-09T23:00", "Europe/Berlin", None),  # Monday 00:00 in Berlin: next week, not yet 09:00
        ("2025-03-03T00:30", "Asia/Tokyo", "2025-W10"),  # 09:30 on Monday in Tokyo, still Monday 00:30 UTC
    ],
)
def test_a_weeks_digest_is_due_from_the_set_day_and_hour_in_the_readers_zone(now, zone, due):
    at = datetime.fromisoformat(now).replace(tzinfo=UTC)
    assert due_week(at, ZoneInfo(zone), weekday=0, hour=9) == due


def test_the_digest_day_is_a_day_name_or_empty():
    assert load_settings(invite_check_digest_weekday=" Monday ").digest_weekday == 0
    assert load_settings(invite_check_digest_weekday="").digest_weekday is None
    with pytest.raises(ConfigError, match="INVITE_CHECK_DIGEST_WEEKDAY"):
        load_settings(invite_check_digest_weekday="mon")
    with pytest.raises(ConfigError, match="INVITE_CHECK_DIGEST_HOUR"):
        load_settings(invite_check_digest_hour=24)
