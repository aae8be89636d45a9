"""Slack misbehaving: 429 with Retry-After, 500s, time-outs and dropped connections, through the real HTTP path.

The bot retries where slack_sdk's handlers allow, tells the student plainly when Slack stays
unreachable, never shows a stack trace, and never loses a recorded decision (the store is written
before the Slack call that shows it). `instant_retries` keeps the back-offs from sleeping for real.
"""

from __future__ import annotations

import json

import payloads as p
import pytest
from walk import action_ids, answer_click, step_by_step

from bot.slack import faults
from bot.slack.app import close_http_session, open_http_session
from bot.slack.views import student as bk

PASTE = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns for our summer"
    " program. Would love to tell you more. Best, Jordan\nAccept Ignore"
)
ANSWERS = ("personal", "no", "opportunity", "verified", "yes")
TRACE_MARKERS = ("Traceback", 'File "', "SlackApiError", "Exception", "aiohttp", "Error:")


def latest(fake):
    calls = [c for c in fake.calls("chat.postMessage") + fake.calls("chat.update") if c.ok]
    return max(calls, key=lambda c: c.time)


async def start(bot_http, fake):
    status, _ = await bot_http.command(text=PASTE)
    assert status == 200
    return await fake.wait_for("chat.postMessage", lambda c: c.ok)


def first_click(fake) -> str:
    """A click on the first card: an answer on step 1, or "Go step by step" on the one card."""
    return bk.A_STEPS if bk.A_STEPS in action_ids(latest(fake)) else bk.A_ANSWER + "personal"


async def answer(bot_http, fake, option_id):
    if bk.A_STEPS in action_ids(latest(fake)):
        await step_by_step(bot_http, fake, latest(fake))
    before = len([c for c in fake.calls("chat.update") if c.ok])
    status, _ = await bot_http.click(latest(fake), **answer_click(latest(fake), option_id))
    assert status == 200
    return await fake.wait_for("chat.update", lambda c: c.ok, count=before + 1)


async def to_the_card(bot_http, fake):
    await start(bot_http, fake)
    for option in ANSWERS:
        card = await answer(bot_http, fake, option)
    return card


def no_trace(text: str) -> None:
    for marker in TRACE_MARKERS:
        assert marker not in text, (marker, text)


async def test_a_429_is_retried_after_retry_after(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    await step_by_step(bot_http, fake_slack, latest(fake_slack))
    fake_slack.fail("chat.update", status=429, headers={"Retry-After": "2"}, times=1)
    step2 = await answer(bot_http, fake_slack, "personal")
    assert "Step 2 of 4" in json.dumps(step2.body["blocks"])
    assert [c.status for c in fake_slack.calls("chat.update")] == [200, 429, 200]
    assert len(instant_retries) == 1 and 2 <= instant_retries[0] < 3  # Retry-After honoured, plus jitter
    await bot_http.settle()
    assert fake_slack.calls("response_url") == []  # recovered: nothing to apologise for


async def test_500s_and_dropped_connections_are_retried(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    await step_by_step(bot_http, fake_slack, latest(fake_slack))
    fake_slack.fail("chat.update", status=500, times=1)
    fake_slack.drop("chat.update", times=1)
    await answer(bot_http, fake_slack, "personal")
    assert [c.status for c in fake_slack.calls("chat.update")] == [200, 0, 500, 200]
    await bot_http.settle()
    assert bot_http.take_errors() == []


async def test_start_retries_a_rate_limited_post(bot_http, fake_slack, instant_retries):
    fake_slack.fail("chat.postMessage", status=429, headers={"Retry-After": "1"}, times=2)
    await start(bot_http, fake_slack)
    assert [c.status for c in fake_slack.calls("chat.postMessage")] == [429, 429, 200]


async def test_a_long_retry_after_is_not_sat_through(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    fake_slack.fail("chat.update", status=429, headers={"Retry-After": "120"}, times=1)
    await bot_http.click(latest(fake_slack), action_id=first_click(fake_slack))
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == faults.UNREACHABLE
    assert instant_retries == [] and len(fake_slack.calls("chat.update")) == 1
    await bot_http.settle()
    assert len(bot_http.take_errors()) == 1


async def test_a_malformed_retry_after_still_retries(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    fake_slack.fail(
        "chat.update", status=429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, times=1
    )
    await answer(bot_http, fake_slack, "personal")  # slack_sdk's own handler raised ValueError here
    assert len(instant_retries) == 1 and 1 <= instant_retries[0] < 2


async def test_decision_survives_chat_update_failing_for_good(bot_http, fake_slack, instant_retries):
    card = await to_the_card(bot_http, fake_slack)
    fake_slack.fail("chat.update", status=500, times=None)
    status, body = await bot_http.click(card, action_id=bk.A_DECIDE + "accepted")
    assert status == 200 and not body  # acked at once, nothing in the ack
    said = await fake_slack.wait_for("response_url")
    await bot_http.settle()
    assert said.body["text"] == faults.UNREACHABLE and said.body["response_type"] == "ephemeral"
    assert said.body.get("replace_original") in (False, "false", None)  # the card itself stays
    failed = [c for c in fake_slack.calls("chat.update") if c.status == 500]
    assert len(failed) == 3  # the first try and slack_sdk's two retries
    record = (await bot_http.store.list(user_id=p.STUDENT))[0]
    assert record.decision == "accepted" and record.decided_at is not None
    await bot_http.restart()  # and durably so
    assert (await bot_http.store.get(record.id)).decision == "accepted"
    errors = bot_http.take_errors()
    assert len(errors) == 1 and errors[0].startswith("bot.slack.listeners.actions:")
    assert "internal_error" in errors[0]
    bot_http.errors.clear()
    for call in fake_slack.calls():
        no_trace(json.dumps(call.body))


async def test_error_is_logged_with_its_traceback_for_the_operator(bot_http, fake_slack, instant_retries):
    card = await to_the_card(bot_http, fake_slack)
    fake_slack.fail("chat.update", status=503, times=None)
    await bot_http.click(card, action_id=bk.A_DECIDE + "ignored")
    await fake_slack.wait_for("response_url")
    await bot_http.settle()
    (record,) = bot_http.errors
    assert record.levelname == "ERROR" and record.exc_info is not None  # logger.exception
    assert "status=503" in record.getMessage()
    bot_http.take_errors()


async def test_a_hung_slack_times_out_and_the_student_is_told(bot_http, fake_slack):
    card = await to_the_card(bot_http, fake_slack)
    bot_http.app.client.timeout = 0.3  # Bolt copies it into every request's client...
    await close_http_session(bot_http.app)  # ...and the pooled session carries it
    await open_http_session(bot_http.app)
    fake_slack.delay("chat.update", 1.0, times=None)
    await bot_http.click(card, action_id=bk.A_DECIDE + "later")
    said = await fake_slack.wait_for("response_url", timeout=3)
    assert said.body["text"] == faults.UNREACHABLE
    await bot_http.settle()
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].decision == "later"
    (error,) = bot_http.take_errors()
    assert "TimeoutError" in error


async def test_dropped_connections_for_good_tell_the_student(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    fake_slack.drop("chat.update", times=None)
    await bot_http.click(latest(fake_slack), action_id=first_click(fake_slack))
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == faults.UNREACHABLE
    await bot_http.settle()
    assert [c.status for c in fake_slack.calls("chat.update")] == [0, 0, 0]
    assert len(bot_http.take_errors()) == 1


async def test_a_permanent_slack_error_gets_a_plain_apology(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    fake_slack.set_response("chat.update", {"ok": False, "error": "message_not_found"})
    await bot_http.click(latest(fake_slack), action_id=first_click(fake_slack))
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == faults.FAILED
    no_trace(said.body["text"])
    await bot_http.settle()
    assert len(fake_slack.calls("chat.update")) == 1  # not retried: waiting would not help
    assert len(bot_http.take_errors()) == 1


async def test_users_info_down_still_records_the_decision(bot_http, fake_slack, instant_retries):
    await start(bot_http, fake_slack)
    fake_slack.drop("users.info", times=None)
    for option in ANSWERS:
        card = await answer(bot_http, fake_slack, option)
    assert "[Your name]" in json.dumps(card.body["blocks"]) or "Hi Jordan" in json.dumps(card.body["blocks"])
    await bot_http.click(card, action_id=bk.A_DECIDE + "accepted")
    await fake_slack.wait_for("chat.update", lambda c: "Recorded" in json.dumps(c.body["blocks"]))
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].decision == "accepted"
    assert bot_http.take_errors() == []


async def test_slash_command_when_slack_is_down_answers_through_response_url(
    bot_http, fake_slack, instant_retries
):
    fake_slack.fail("chat.postMessage", status=500, times=None)
    status, _ = await bot_http.command(text=PASTE)
    assert status == 200
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == bk.unreachable_text() and said.body["response_type"] == "ephemeral"
    no_trace(said.body["text"])
    await bot_http.settle()
    assert len(bot_http.take_errors()) == 1


async def test_message_shortcut_when_slack_is_down_says_so(bot_http, fake_slack, instant_retries):
    fake_slack.drop("chat.postMessage", times=None)
    status, _ = await bot_http.message_shortcut("check_invite_message", PASTE)
    assert status == 200
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == bk.unreachable_text()
    await bot_http.settle()
    assert len(bot_http.take_errors()) == 1


@pytest.mark.parametrize("failure", ["500", "drop"])
async def test_when_the_fallback_fails_too_nothing_crashes(bot_http, fake_slack, instant_retries, failure):
    card = await to_the_card(bot_http, fake_slack)
    if failure == "500":
        fake_slack.fail("chat.update", status=500, times=None)
    else:
        fake_slack.drop("chat.update", times=None)
    payload = p.block_actions(
        [p.action_for(*p.find_element(card.response["message"]["blocks"], bk.A_DECIDE + "replied_first"))],
        message=card.response["message"],
        response_url="http://127.0.0.1:9/unreachable",
    )  # nothing listens there
    status, _ = await bot_http.action(payload)
    assert status == 200
    await bot_http.settle()
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].decision == "replied_first"
    assert len(bot_http.take_errors()) == 1  # the failed update; the failed fallback is a warning
    status, _ = await bot_http.get("/healthz")
    assert status == 200


async def test_a_bug_after_the_ack_is_answered_fast_and_plainly(bot_http, fake_slack, monkeypatch):
    """Bolt's own path for a listener exception after ack() can leave Slack waiting 3 s for an answer;
    every listener is wrapped where it is registered (faults.guard) so the student gets a plain sorry instead."""
    await start(bot_http, fake_slack)
    flow = bot_http.deps.walkthrough

    async def boom(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(flow, "render", boom)
    reply = await bot_http.click(latest(fake_slack), action_id=first_click(fake_slack))
    assert reply.status == 200 and reply.elapsed < 1.0
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == faults.OOPS
    await bot_http.settle()
    (error,) = bot_http.errors
    assert error.exc_info and error.name == "bot.slack.faults" and error.kind == "action"
    bot_http.take_errors()


async def test_a_bug_before_the_ack_still_acks(bot_http, fake_slack, monkeypatch):
    def boom() -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(bk, "help_text", boom)
    reply = await bot_http.command(text="help")
    assert reply.status == 200 and reply.elapsed < 1.0 and "Traceback" not in reply.text
    said = await fake_slack.wait_for("response_url")
    assert said.body["text"] == faults.OOPS
    await bot_http.settle()
    assert len(bot_http.take_errors()) == 1
