"""`/invite-summary` and "Export CSV" through the real HTTP server, with the fake Slack Web API."""

from __future__ import annotations

import csv
import io
import json

import payloads as p
import pytest
from staff_seed import ANA, BEN, EVE, seed

GROUP = "S0CAREERS"
GROUPIE = "U0GROUPIE"


def reply_text(call) -> str:
    return json.dumps(call.body)


async def summary_for(bot_http, fake_slack, user_id=p.STAFF, text=""):
    n = len(fake_slack.calls("response_url"))
    status, body = await bot_http.command("/invite-summary", text, user_id=user_id)
    assert status == 200
    return body, await fake_slack.wait_for("response_url", count=n + 1)


async def test_staff_get_the_30_day_summary_privately_with_every_figure(bot_http, fake_slack):
    await seed(bot_http.store)
    _, call = await summary_for(bot_http, fake_slack)
    assert call.body["response_type"] == "ephemeral"
    dump = reply_text(call)
    for needle in (
        "last 30 days",
        "*Checks*\\n5",
        "*Students*\\n3",
        "*Followed the advice or ignored a flagged invitation*\\n100% of 3 final decision",
        "40% (2 of 5)",
        "*Checks with warning signs*\\n2",
        "100% of 1 answered",
        "Checks per week",
        "Accept: *1*",
        "Checklist not finished: *1*",
        "Recruiter: *2*",
    ):
        assert needle in dump, needle
    assert EVE not in dump and "Sales pitch: *1*" in dump  # the other workspace's sales check isn't counted


@pytest.mark.parametrize(("arg", "checks"), [("7d", 3), ("90d", 6), ("all", 7), ("ALL", 7)])
async def test_summary_periods(bot_http, fake_slack, arg, checks):
    await seed(bot_http.store)
    _, call = await summary_for(bot_http, fake_slack, text=arg)
    assert f"*Checks*\\n{checks}" in reply_text(call)


async def test_unknown_period_gets_a_usage_hint_and_no_data(bot_http, fake_slack):
    await seed(bot_http.store)
    reply = await bot_http.command("/invite-summary", "last week", user_id=p.STAFF)
    assert reply.status == 200 and "Usage: `/invite-summary [7d | 30d | 90d | all]`" in reply.text
    await bot_http.settle()
    assert fake_slack.calls("response_url") == []


async def test_non_staff_get_a_polite_refusal_and_no_figures(bot_http, fake_slack):
    await seed(bot_http.store)
    _, call = await summary_for(bot_http, fake_slack, user_id=ANA)
    assert "only for career-center staff" in call.body["text"]
    assert "blocks" not in call.body and "Checks" not in reply_text(call)


@pytest.mark.settings(invite_check_staff_usergroup=GROUP)
async def test_user_group_members_are_staff_and_the_lookup_is_cached(bot_http, fake_slack):
    fake_slack.set_usergroup(GROUP, [GROUPIE])
    await seed(bot_http.store)
    _, call = await summary_for(bot_http, fake_slack, user_id=GROUPIE)
    assert "*Checks*\\n5" in reply_text(call)
    _, call = await summary_for(bot_http, fake_slack, user_id=ANA)
    assert "only for career-center staff" in call.body["text"]
    assert len(fake_slack.calls("usergroups.users.list")) == 1
    assert fake_slack.last("usergroups.users.list").body["usergroup"] == GROUP
    bot_http.clock.advance(minutes=6)
    fake_slack.set_usergroup(GROUP, [])  # removed from the group: loses access once the cache expires
    _, call = await summary_for(bot_http, fake_slack, user_id=GROUPIE)
    assert "only for career-center staff" in call.body["text"]
    assert len(fake_slack.calls("usergroups.users.list")) == 2


@pytest.mark.settings(invite_check_staff_usergroup=GROUP)
async def test_user_group_lookup_failing_falls_back_to_explicit_staff_ids(bot_http, fake_slack, caplog):
    fake_slack.set_response("usergroups.users.list", {"ok": False, "error": "missing_scope"})
    await seed(bot_http.store)
    with caplog.at_level("WARNING", logger="bot.slack.staff_access"):
        _, call = await summary_for(bot_http, fake_slack, user_id=GROUPIE)
    assert "only for career-center staff" in call.body["text"]
    assert any("missing_scope" in r.getMessage() for r in caplog.records)
    _, call = await summary_for(bot_http, fake_slack, user_id=p.STAFF)  # explicit staff still served
    assert "*Checks*\\n5" in reply_text(call)


async def export_from_summary(bot_http, fake_slack, text="", user_id=p.STAFF):
    _, summary = await summary_for(bot_http, fake_slack, text=text)
    status, _ = await bot_http.click(summary, "staff_export", user_id=user_id)
    assert status == 200
    await bot_http.settle()


def uploaded_csv(fake_slack) -> tuple[dict, list[dict]]:
    complete = fake_slack.last("files.completeUploadExternal")
    assert complete.ok
    file_id = complete.body["files"][0]["id"]
    record = fake_slack.files[file_id]
    return record, list(csv.DictReader(io.StringIO(record["content"].decode("utf-8"))))


@pytest.mark.settings(invite_check_staff_view="named")
async def test_export_csv_uploads_the_periods_records_to_the_staff_dm(bot_http, fake_slack):
    await seed(bot_http.store)
    await export_from_summary(bot_http, fake_slack)
    assert fake_slack.last("conversations.open").body["users"] == p.STAFF
    record, rows = uploaded_csv(fake_slack)
    assert record["channel_id"] == fake_slack.last("conversations.open").response["channel"]["id"], (
        fake_slack.summary()
    )
    assert record["filename"] == "invite-check-30d-20250303.csv"
    assert "5 check(s) from the last 30 days" in record["initial_comment"]
    assert [r["id"] for r in rows] == ["r4", "r3", "r2", "r5", "r1"]
    assert list(rows[0]) == [
        "id",
        "created_at",
        "updated_at",
        "team_id",
        "user_id",
        "source",
        "recommendation",
        "decision",
        "decided_at",
        "intent",
        "custom_message",
        "claims_prior_contact",
        "red_flags",
        "answer_note",
        "answer_met",
        "answer_reason",
        "answer_profile",
        "answer_value",
        "followup_outcome",
        "followup_remind_at",
        "followup_reminder_sent_at",
        "followup_outcome_at",
    ]
    r1 = rows[-1]
    assert (r1["user_id"], r1["recommendation"], r1["decision"], r1["custom_message"]) == (
        ANA,
        "accept",
        "accepted",
        "true",
    )
    assert rows[1]["user_id"] == BEN and rows[1]["followup_outcome"] == "explained"
    assert {r["team_id"] for r in rows} == {p.TEAM_ID}
    confirm = fake_slack.last("response_url")
    assert (
        "invite-check-30d-20250303.csv" in confirm.body["text"] and confirm.body["replace_original"] is False
    )


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_export_all_time_with_stored_text_defuses_formulas(bot_http, fake_slack):
    from datetime import timedelta

    from staff_seed import NOW, rec

    await seed(bot_http.store)
    await bot_http.store.upsert(
        rec("evil", at=NOW - timedelta(hours=1), requester_name="=2+5", invite_text="@SUM(1)")
    )
    await export_from_summary(bot_http, fake_slack, text="all")
    record, rows = uploaded_csv(fake_slack)
    assert record["filename"] == "invite-check-all-20250303.csv" and len(rows) == 8
    evil = rows[-1]
    assert (evil["requester_name"], evil["invite_text"]) == ("'=2+5", "'@SUM(1)")


async def test_export_rechecks_staff_on_the_click(bot_http, fake_slack):
    await seed(bot_http.store)
    await export_from_summary(bot_http, fake_slack, user_id=ANA)  # a student replays the staff button
    assert fake_slack.calls("files.getUploadURLExternal") == []
    assert fake_slack.files == {}
    assert "only for career-center staff" in fake_slack.last("response_url").body["text"]


async def test_forged_export_button_from_a_non_staff_user_gets_nothing(bot_http, fake_slack):
    await seed(bot_http.store)
    await bot_http.block_action("staff_export", "all", user_id=ANA)
    await bot_http.settle()
    assert (
        fake_slack.calls("files.getUploadURLExternal") == []
        and fake_slack.calls("files.completeUploadExternal") == []
    )
