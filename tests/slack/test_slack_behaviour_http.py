"""Issue 10 items 7-10 and 12: how the bot behaves when Slack repeats, fails or sends something new."""

from __future__ import annotations

import payloads as p
import pytest
from walk import RECRUITER


@pytest.mark.parametrize("text", ["hi", "help", ""])
async def test_slack_retries_of_a_greeting_get_one_answer(bot_http, fake_slack, text):
    event = p.message_im(text, ts="1700000100.000200")
    for retry in (None, 1, 2):  # the first delivery and Slack's two retries, same event_id and ts
        status, _ = await bot_http.event(event, event_id="Ev0HELLO01", retry_num=retry)
        assert status == 200
    await bot_http.settle()
    posts = fake_slack.calls("chat.postMessage")
    assert len(posts) == 1 and posts[0].body["channel"] == p.STUDENT_DM


async def test_two_separate_greetings_both_get_an_answer(bot_http, fake_slack):
    await bot_http.event(p.message_im("hi", ts="1700000100.000300"), event_id="Ev0HELLO02")
    await bot_http.event(p.message_im("hi", ts="1700000160.000400"), event_id="Ev0HELLO03")
    await bot_http.settle()
    assert len(fake_slack.calls("chat.postMessage")) == 2


async def test_a_greeting_whose_answer_failed_is_answered_on_slacks_retry(
    bot_http, fake_slack, instant_retries
):
    fake_slack.fail("chat.postMessage", status=500, times=3)  # the first delivery and the client's retries
    event = p.message_im("hello", ts="1700000100.000500")
    await bot_http.event(event, event_id="Ev0HELLO04")
    await bot_http.settle()
    bot_http.take_errors()
    await bot_http.event(event, event_id="Ev0HELLO04", retry_num=1)
    await bot_http.settle()
    assert [c.status for c in fake_slack.calls("chat.postMessage")][-1] == 200


# -- item 8: a failed users.info is not remembered for an hour --------------------------------------

SIGNED = (
    "personal",
    "no",
    "opportunity",
    "verified",
    "yes",
)  # -> "Accept", whose message is signed with the name


async def test_a_failed_users_info_is_retried_soon_instead_of_signing_checks_for_an_hour(
    walk, bot_http, fake_slack, clock, instant_retries
):
    fake_slack.fail("users.info", status=500, times=3)  # one lookup and the client's two retries
    card = await walk.to_card(SIGNED)
    shown = walk.shown(card)
    assert "Alex Rivera" not in shown and "[your name]" not in shown and "Best," in shown  # unsigned, no gap
    clock.advance(minutes=2)
    card = await walk.to_card(SIGNED)
    assert "[your name]" not in walk.shown(card) and "Alex Rivera" in walk.shown(card)
    assert fake_slack.calls("users.info")[-1].status == 200


async def test_a_good_users_info_answer_is_reused(walk, bot_http, fake_slack, clock):
    await walk.to_card(SIGNED)
    n = len(fake_slack.calls("users.info"))
    clock.advance(minutes=10)
    card = await walk.to_card(SIGNED)
    assert "Alex Rivera" in walk.shown(card) and len(fake_slack.calls("users.info")) == n


# -- item 12: a screenshot in the DM gets an answer ---------------------------------------------------


def file_share(text: str = "", *, ts: str = "1700000200.000100") -> dict:
    """A message.im event for an uploaded screenshot, as Slack sends it (subtype file_share)."""
    event = p.message_im(text, ts=ts)
    event["subtype"] = "file_share"
    event["files"] = [
        {
            "id": "F0SHOT01",
            "name": "Screenshot 2025-03-03.png",
            "mimetype": "image/png",
            "filetype": "png",
            "user": p.STUDENT,
            "mode": "hosted",
            "size": 183202,
        }
    ]
    return event


async def test_a_screenshot_with_the_invitation_pasted_beside_it_is_checked_from_the_text(
    bot_http, fake_slack
):
    event = file_share(RECRUITER)
    for retry in (None, 1):
        await bot_http.event(event, event_id="Ev0SHOT02", retry_num=retry)
    await bot_http.settle()
    [card] = fake_slack.calls("chat.postMessage")  # one walkthrough, however often Slack delivers it
    assert card.body["channel"] == p.STUDENT_DM
    assert "can't read images" not in card.body["text"] and "Jordan Rivera" in card.body["text"]
    assert await bot_http.store.count() == 1
