"""Issue 10 item 10: a reminder Slack can never deliver ends (it was retried every minute, forever,
with a WARNING each time); one that fails for a passing reason backs off before the next try."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest


async def due_reminder(walk, clock) -> None:
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)


@pytest.mark.parametrize(
    ("method", "error"),
    [
        ("chat.postMessage", "account_inactive"),
        ("chat.postMessage", "channel_not_found"),
        ("chat.postMessage", "user_disabled"),
    ],
)
async def test_a_reminder_that_can_never_be_delivered_ends(
    walk, bot_http, fake_slack, clock, caplog, method, error
):
    await due_reminder(walk, clock)
    fake_slack.set_response(method, {"ok": False, "error": error})
    with caplog.at_level(logging.WARNING, logger="bot.slack.followups"):
        assert await walk.deliver() == 0
        tried = len(fake_slack.calls(method))
        for _ in range(5):  # a day of scheduler passes
            clock.advance(hours=5)
            assert await walk.deliver() == 0
    assert len(fake_slack.calls(method)) == tried  # never tried again
    fu = (await walk.record()).followup
    assert fu.remind_at is None and fu.about is None  # no longer pending: staff don't count it as waiting
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and "reminder" in r.getMessage()]
    assert len(warnings) == 1 and error in warnings[0].getMessage()


async def test_a_passing_failure_backs_off_then_delivers_once(
    walk, bot_http, fake_slack, clock, instant_retries
):
    await due_reminder(walk, clock)
    fake_slack.fail("chat.postMessage", status=500, times=6)  # two passes' worth (each retried twice)
    assert await walk.deliver() == 0
    first_retry = (await walk.record()).followup.remind_at
    assert first_retry > clock.now()
    calls = len(fake_slack.calls("chat.postMessage"))
    assert await walk.deliver() == 0 and len(fake_slack.calls("chat.postMessage")) == calls  # not due yet
    clock.set(first_retry)
    assert await walk.deliver() == 0
    second_retry = (await walk.record()).followup.remind_at
    assert second_retry - clock.now() >= timedelta(minutes=2)  # waits longer each time
    assert await walk.deliver_when_due(clock) == 1
    assert len(walk.reminders()) == 1
