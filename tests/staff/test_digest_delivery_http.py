"""The weekly digest DM: students check invitations through signed HTTP, then the digest job's passes
(bot.slack.jobs.send_digests, what the running app repeats every few minutes) send each staff member
the digest and its chart once per ISO week, at the set hour of their Slack time zone, across restarts
(the file store) and across two app instances on one PostgreSQL database."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import payloads as p
import pytest
from digest_seed import GLOBEX, GLOBEX_AGAIN
from staff_seed import ANA, BEN
from walk import student_checks

from bot.slack import jobs
from bot.slack.app import wire
from bot.store import open_configured_async

SUNDAY = datetime(2025, 3, 2, 12, 0, tzinfo=UTC)  # ISO week 2025-W09
MONDAY = datetime(2025, 3, 3, tzinfo=UTC)  # ISO week 2025-W10
PNG = b"\x89PNG\r\n\x1a\n"


def digests(fake_slack) -> list:
    """The digest DMs Slack took."""
    return [
        c
        for c in fake_slack.calls("chat.postMessage")
        if c.ok and (c.body.get("text") or "").startswith("Invite Check digest")
    ]


async def a_pass(bot_http) -> int:
    return await jobs.send_digests(bot_http.deps, bot_http.app.client)


def assert_digest_with_chart(fake_slack, dm, uploaded) -> None:
    """The DM: attention first (the Jane Doe cluster and its warning), figures after, then the chart
    uploaded into the same DM as a PNG."""
    assert dm.ok and dm.body["channel"] == p.STAFF
    blocks = dm.body["blocks"]
    shown = json.dumps(blocks, ensure_ascii=False)
    assert shown.index("New scam clusters") < shown.index("Jane Doe") < shown.index("*Checks*")
    assert any(b["type"] == "rich_text" for b in blocks)  # the campus warning to copy
    assert "2 students, 2 checks" in shown and "*Home* tab" in shown
    done = uploaded.body["files"]
    assert uploaded.ok and uploaded.body["channel_id"] == dm.response["channel"]
    (file_id,) = [f["id"] for f in done]
    content = fake_slack.files[file_id]["content"]
    assert content.startswith(PNG) and 5_000 < len(content) < 100_000
    assert fake_slack.files[file_id]["filename"] == jobs.CHART_NAME


@pytest.mark.settings(invite_check_digest_weekday="monday", invite_check_digest_hour=9)
async def test_the_digest_goes_out_once_a_week_at_the_staff_members_hour_and_survives_restarts(
    bot_http, fake_slack, clock
):
    fake_slack.set_user(p.STAFF, tz="Europe/Berlin", tz_offset=3600)
    clock.set(SUNDAY)
    await student_checks(bot_http, fake_slack, ANA, GLOBEX)
    await student_checks(bot_http, fake_slack, BEN, GLOBEX_AGAIN)

    clock.set(MONDAY + timedelta(hours=7, minutes=30))  # 08:30 in Berlin: not yet
    assert await a_pass(bot_http) == 0
    clock.set(MONDAY + timedelta(hours=8, minutes=5))  # 09:05 in Berlin (03:05 in New York)
    assert await a_pass(bot_http) == 1
    (dm,) = digests(fake_slack)
    assert_digest_with_chart(fake_slack, dm, fake_slack.last("files.completeUploadExternal"))

    assert await a_pass(bot_http) == 0  # the next pass of the same week
    await bot_http.restart()
    assert await a_pass(bot_http) == 0  # a restart in the same week: the file remembers
    assert len(digests(fake_slack)) == 1

    # The next week the bot was down at 09:00 on Monday and starts on Wednesday: it sends that week's now.
    clock.set(MONDAY + timedelta(days=9, hours=10))
    await bot_http.restart()
    assert await a_pass(bot_http) == 1
    assert await a_pass(bot_http) == 0
    assert len(digests(fake_slack)) == 2 and len(fake_slack.calls("files.completeUploadExternal")) == 2


async def test_without_a_day_set_no_digest_is_sent(bot_http, fake_slack):
    assert bot_http.settings.invite_check_digest_weekday is None
    assert await a_pass(bot_http) == 0
    assert fake_slack.calls("chat.postMessage") == [] and fake_slack.calls("users.info") == []


@pytest.mark.settings(invite_check_digest_weekday="monday", invite_check_digest_hour=9)
async def test_a_digest_slack_refused_is_sent_at_the_next_pass(bot_http, fake_slack, clock):
    clock.set(MONDAY + timedelta(hours=15))  # 10:00 in New York, the fake's default zone
    fake_slack.fail("chat.postMessage", status=500, times=3)  # the client's two retries too
    assert await a_pass(bot_http) == 0
    assert await a_pass(bot_http) == 1
    assert len(digests(fake_slack)) == 1 and len(fake_slack.calls("files.completeUploadExternal")) == 1


@pytest.mark.settings(invite_check_digest_weekday="monday", invite_check_digest_hour=9)
async def test_a_chart_slack_refused_does_not_send_the_digest_twice(bot_http, fake_slack, clock):
    clock.set(MONDAY + timedelta(hours=15))
    fake_slack.fail("files.getUploadURLExternal", status=400, times=1)
    assert await a_pass(bot_http) == 1
    assert await a_pass(bot_http) == 0
    assert len(digests(fake_slack)) == 1 and fake_slack.calls("files.completeUploadExternal") == []


@pytest.mark.postgres
@pytest.mark.settings(invite_check_digest_weekday="monday", invite_check_digest_hour=8)
async def test_two_replicas_on_one_database_send_each_weeks_digest_once(bot_http, fake_slack, clock):
    other_store = open_configured_async(bot_http.settings)  # a second app instance: its own pool
    other = wire(bot_http.settings, other_store, clock=clock.now)
    try:
        clock.set(SUNDAY)
        await student_checks(bot_http, fake_slack, ANA, GLOBEX)
        await student_checks(bot_http, fake_slack, BEN, GLOBEX_AGAIN)
        clock.set(MONDAY + timedelta(hours=15))  # 10:00 in New York

        async def both() -> list[int]:
            return sorted(
                await asyncio.gather(
                    jobs.send_digests(bot_http.deps, bot_http.app.client),
                    jobs.send_digests(other.deps, other.app.client),
                )
            )

        assert await both() == [0, 1]
        (dm,) = digests(fake_slack)
        assert_digest_with_chart(fake_slack, dm, fake_slack.last("files.completeUploadExternal"))
        assert await both() == [0, 0]
        clock.advance(days=7)
        assert await both() == [0, 1]
        assert len(digests(fake_slack)) == 2
    finally:
        await other_store.aclose()
