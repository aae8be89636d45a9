"""Scam cluster alerts through the real HTTP server: students paste invitations into the app's DM
(signed events), and staff hear once, by DM, when two of them got one from the same scam."""

from __future__ import annotations

import json
from datetime import timedelta

import payloads as p
import pytest
from digest_seed import CRYPTO, GLOBEX, GLOBEX_AGAIN, SAME_PHONE_OTHER_NAME
from staff_seed import ANA, BEN, CAL, NOW, rec
from walk import student_checks

from bot.staff import privacy
from bot.store import Alert, Flagged

ALERT = "Scam alert"


def alerts(fake_slack) -> list:
    return [c for c in fake_slack.calls("chat.postMessage") if (c.body.get("text") or "").startswith(ALERT)]


def preformatted(blocks: list[dict]) -> list[str]:
    """The texts of the copyable (preformatted) blocks."""
    return [
        el["elements"][0]["text"]
        for block in blocks
        if block["type"] == "rich_text"
        for el in block["elements"]
        if el["type"] == "rich_text_preformatted"
    ]


async def test_two_students_with_one_senders_invitations_make_one_alert_to_staff(bot_http, fake_slack):
    await student_checks(bot_http, fake_slack, ANA, GLOBEX)
    assert alerts(fake_slack) == []  # one student is no cluster yet
    await student_checks(bot_http, fake_slack, BEN, GLOBEX_AGAIN)
    (alert,) = alerts(fake_slack)
    assert alert.body["channel"] == p.STAFF
    shown = json.dumps(alert.body["blocks"], ensure_ascii=False)
    assert "“Jane Doe” (Talent Acquisition at Globex Remote)" in shown
    assert "the sender's name" in shown and "201-7788" in shown  # the shared evidence, quoted
    assert "2 students, 2 checks" in shown
    # students by the staff view (pseudonymous by default): pseudonyms, never their Slack IDs
    key = await bot_http.store.pseudonym_key()
    assert privacy.pseudonym(p.TEAM_ID, ANA, key) in shown and privacy.pseudonym(p.TEAM_ID, BEN, key) in shown
    assert ANA not in shown and BEN not in shown
    (warning,) = preformatted(alert.body["blocks"])  # the campus warning, in a block staff can copy
    assert "Jane Doe" in warning and "201-7788" in warning and ANA not in warning

    # One alert per cluster, also after a restart: a third student's check of the same scam is no news.
    await bot_http.restart()
    await student_checks(bot_http, fake_slack, CAL, GLOBEX)
    assert len(alerts(fake_slack)) == 1


async def test_invitations_from_two_different_senders_alert_nobody(bot_http, fake_slack):
    await student_checks(bot_http, fake_slack, ANA, GLOBEX)
    await student_checks(bot_http, fake_slack, BEN, CRYPTO)
    assert alerts(fake_slack) == []
    assert [c.body["channel"] for c in fake_slack.calls("chat.postMessage")] == [
        p.dm_channel(ANA),
        p.dm_channel(BEN),
    ]


async def test_one_student_twice_is_no_cluster(bot_http, fake_slack):
    await student_checks(bot_http, fake_slack, ANA, GLOBEX)
    await student_checks(bot_http, fake_slack, ANA, GLOBEX_AGAIN)
    assert alerts(fake_slack) == []


@pytest.mark.settings(invite_check_staff_view="named")
async def test_a_shared_phone_number_links_two_names_and_the_app_home_shows_the_cluster_first(
    bot_http, fake_slack
):
    await student_checks(bot_http, fake_slack, ANA, GLOBEX)
    await student_checks(bot_http, fake_slack, BEN, SAME_PHONE_OTHER_NAME)
    (alert,) = alerts(fake_slack)
    shown = json.dumps(alert.body["blocks"], ensure_ascii=False)
    assert "Jane Doe" in shown and "Lucy Brown" in shown and "201 7788" in shown.replace("-", " ")
    assert f"<@{ANA}>" in shown and f"<@{BEN}>" in shown  # the named view names them

    status, _ = await bot_http.event(p.app_home_opened(user_id=p.STAFF))
    assert status == 200
    home = await fake_slack.wait_for("views.publish")
    blocks = home.body["view"]["blocks"]
    headers = [b["text"]["text"] for b in blocks if b["type"] == "header"]
    # the cluster first, the dashboard's figures and lists after it
    assert headers == [
        "Invite Check · career-center dashboard",
        ":rotating_light: Scams reaching several students (1)",
        "Most recent checks",
    ]
    (warning,) = preformatted(blocks)
    assert "Jane Doe" in warning and "Lucy Brown" in warning and ANA not in warning


@pytest.mark.settings(invite_check_staff_view="named")
async def test_the_staff_home_stays_within_block_kit_limits_with_many_clusters_and_alerts(
    bot_http, fake_slack
):
    """Thirty scams reaching three students each, every check alerting with the longest sender, headline
    and evidence a record keeps: clusters first, then alerts, then figures and lists, within 100 blocks
    and every text limit (the fake Slack checks each view it is sent)."""
    records = []
    for n in range(30):
        sender = f"Recruiter {n:02d} " + "X" * 60
        evidence = [f"+1 555 {n:03d} {i:04d} " + "y" * 150 for i in range(10)]
        for s in range(3):
            at = NOW - timedelta(days=n % 10, hours=s)
            records.append(
                rec(
                    f"c{n}-{s}",
                    at=at,
                    user=f"U0S{n:02d}{s}",
                    flags=("off_platform", "asks_for_money"),
                    decision="accepted",
                    flagged=Flagged(sender=sender, headline="H" * 120, evidence=evidence),
                    alert=Alert(at=at, named=True, flags=["off_platform"], sender=sender, evidence=evidence),
                )
            )
    await bot_http.store.upsert_many(records)
    status, _ = await bot_http.event(p.app_home_opened(user_id=p.STAFF))
    assert status == 200
    home = await fake_slack.wait_for("views.publish")
    assert home.ok, home.response
    blocks = home.body["view"]["blocks"]
    headers = [b["text"]["text"] for b in blocks if b["type"] == "header"]
    assert headers[:3] == [
        "Invite Check · career-center dashboard",
        ":rotating_light: Scams reaching several students (30)",
        ":rotating_light: Needs attention (90)",
    ]
    assert headers[-1] == "Most recent checks" and len(blocks) <= 100


@pytest.mark.settings(invite_check_staff_view="totals")
async def test_with_totals_only_the_alert_shows_no_student(bot_http, fake_slack):
    await student_checks(bot_http, fake_slack, ANA, GLOBEX)
    await student_checks(bot_http, fake_slack, BEN, GLOBEX_AGAIN)
    (alert,) = alerts(fake_slack)
    shown = json.dumps(alert.body["blocks"], ensure_ascii=False)
    assert "Students are not shown" in shown and "2 students, 2 checks" in shown
    assert ANA not in shown and BEN not in shown and "Student " not in shown.replace("Students are", "")
