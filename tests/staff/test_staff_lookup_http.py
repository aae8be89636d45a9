"""Issue 10 item 9: with a staff user group configured and usergroups.users.list hanging, App Home
opens at the same moment share one lookup (they used to queue: 10 opens, the last at 20 s), and the
failure is remembered briefly instead of every open waiting out the time-out again."""

from __future__ import annotations

import asyncio
import time

import payloads as p
import pytest

GROUP = "S0CAREERS"
STUDENTS = [f"U0KID{n:04d}" for n in range(10)]


@pytest.mark.settings(invite_check_staff_usergroup=GROUP)
async def test_simultaneous_home_opens_share_one_hanging_lookup(bot_http, fake_slack, clock):
    fake_slack.set_usergroup(GROUP, [p.STAFF])
    fake_slack.delay("usergroups.users.list", 3, times=1)  # longer than the 2 s the bot waits for it
    started = time.monotonic()
    replies = await asyncio.gather(*(bot_http.event(p.app_home_opened(user_id=u)) for u in STUDENTS))
    assert {r.status for r in replies} == {200}
    await fake_slack.wait_for("views.publish", count=len(STUDENTS), timeout=15)
    took = time.monotonic() - started
    assert took < 5, f"the last Home was published after {took:.1f} s"
    assert len(fake_slack.calls("usergroups.users.list")) == 1
    published = {c.body["user_id"] for c in fake_slack.calls("views.publish")}
    assert published == set(STUDENTS)

    # Within the next half minute another open does not wait out the time-out again...
    again = time.monotonic()
    await bot_http.event(p.app_home_opened(user_id=STUDENTS[0]))
    await fake_slack.wait_for("views.publish", count=len(STUDENTS) + 1)
    assert time.monotonic() - again < 1.5 and len(fake_slack.calls("usergroups.users.list")) == 1
    # ...and after it Slack is asked again.
    clock.advance(minutes=1)
    await bot_http.event(p.app_home_opened(user_id=STUDENTS[1]))
    await fake_slack.wait_for("views.publish", count=len(STUDENTS) + 2, timeout=10)
    assert len(fake_slack.calls("usergroups.users.list")) == 2
    await bot_http.settle(timeout=10)
