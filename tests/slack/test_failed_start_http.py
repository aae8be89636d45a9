"""Issue 10 item 5: a walkthrough the student never saw (Slack refused or never answered the post)
leaves no unfinished check behind for staff to count."""

from __future__ import annotations

import payloads as p
import pytest
from walk import RECRUITER


async def staff_summary_text(bot_http, fake_slack) -> str:
    n = len(fake_slack.calls("response_url"))
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    call = await fake_slack.wait_for("response_url", count=n + 1)
    return str(call.body)


@pytest.mark.parametrize("how", ["500", "drop", "invalid"])
async def test_a_start_slack_never_showed_stores_nothing(bot_http, fake_slack, instant_retries, how):
    if how == "500":
        fake_slack.fail("chat.postMessage", status=500, times=None)
    elif how == "drop":
        fake_slack.drop("chat.postMessage", times=None)
    else:
        fake_slack.set_response("chat.postMessage", {"ok": False, "error": "channel_not_found"})
    await bot_http.command(text=RECRUITER)
    await fake_slack.wait_for("response_url")  # the student is told it did not work
    await bot_http.settle()
    bot_http.take_errors()
    assert await bot_http.store.count() == 0
    assert "Checks*\\n0" in await staff_summary_text(bot_http, fake_slack) or "No checks" in (
        await staff_summary_text(bot_http, fake_slack)
    )


async def test_a_dm_start_that_failed_is_tried_again_on_slacks_retry(bot_http, fake_slack, instant_retries):
    fake_slack.fail("chat.postMessage", status=500, times=3)  # the first delivery and its client retries
    event = p.message_im(RECRUITER)
    await bot_http.event(event, event_id="Ev0RETRY01")
    await bot_http.settle()
    bot_http.take_errors()
    assert await bot_http.store.count() == 0
    await bot_http.event(event, event_id="Ev0RETRY01", retry_num=1)  # Slack redelivers the same event
    post = await fake_slack.wait_for("chat.postMessage", lambda c: c.ok)
    await bot_http.settle()
    assert post.response["channel"] == p.STUDENT_DM
    assert await bot_http.store.count() == 1  # a check started by an event is stored once shown
