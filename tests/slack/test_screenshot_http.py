"""A screenshot of the invitation, shared the three ways a student can: in the bot's DM, through the
"Check this invite" shortcut on a message carrying it, and in the modal's file input. The fake Slack
serves the file at its private URL only with the bot's token; the real OCR reads it."""

from __future__ import annotations

import json
from pathlib import Path

import payloads as p
import pytest

from bot.slack.listeners.shortcuts import MESSAGE_SHORTCUT
from bot.slack.screenshots import slack_file_url
from bot.slack.views import student as bk

SHOTS = Path(__file__).resolve().parents[1] / "data" / "screenshots" / "images"
PHONE = SHOTS / "05-mobile-light-priya.png"
OCR_WAIT = 60.0  # the first read starts the shared worker and loads its engine


def shown(call) -> str:
    return json.dumps(call.body.get("blocks") or []) + call.body.get("text", "")


def dm_with_files(files: list[dict], text: str = "", ts: str | None = None) -> dict:
    event = p.message_im(text, ts=ts)
    event.update(subtype="file_share", files=files)
    return event


async def read_back(fake):
    """The "Reading..." message, then what it became."""
    reading = await fake.wait_for("chat.postMessage", lambda c: "Reading your screenshot" in c.body["text"])
    update = await fake.wait_for("chat.update", timeout=OCR_WAIT)
    assert update.body["ts"] == reading.response["ts"]  # the same message, turned into the answer
    return reading, update


async def test_a_screenshot_in_the_dm_is_read_and_walked_through(bot_http, fake_slack):
    file = fake_slack.add_file(PHONE.read_bytes())
    status, _ = await bot_http.event(dm_with_files([file]))
    assert status == 200
    _, update = await read_back(fake_slack)
    text = shown(update)
    assert "From your screenshot I read" in text and "Priya" in text
    card = await fake_slack.wait_for("chat.postMessage", lambda c: "Priya" in shown(c), timeout=OCR_WAIT)
    assert "Here's how I read it" in shown(card) or "Step 1" in shown(card)
    assert fake_slack.downloads and all(token == "xoxb-test" for _, token in fake_slack.downloads)
    await bot_http.settle()


async def test_a_retried_event_reads_the_picture_once(bot_http, fake_slack):
    file = fake_slack.add_file(PHONE.read_bytes())
    event = dm_with_files([file], ts="1700000100.000100")
    await bot_http.event(event, event_id="Ev0SHOT")
    await bot_http.event(event, event_id="Ev0SHOT", retry_num=1)
    await read_back(fake_slack)
    await bot_http.settle()
    readings = [
        c for c in fake_slack.calls("chat.postMessage") if "Reading your screenshot" in c.body["text"]
    ]
    assert len(readings) == 1 and len(fake_slack.downloads) == 1


@pytest.mark.parametrize(
    "data, mimetype, size, says",
    [
        (b"%PDF-1.7 not a picture", "application/pdf", None, "isn't a picture"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20, "image/png", None, "damaged"),
        (b"\x89PNG\r\n\x1a\n", "image/png", 11 * 1024 * 1024, "over 10 MB"),
    ],
)
async def test_a_file_that_cannot_be_read_gets_a_plain_answer(
    bot_http, fake_slack, data, mimetype, size, says
):
    file = fake_slack.add_file(data, mimetype=mimetype, size=size, name="invite")
    await bot_http.event(dm_with_files([file]))
    _, update = await read_back(fake_slack)
    assert says in update.body["text"] and "paste its text" in update.body["text"]
    await bot_http.settle()
    assert not [c for c in fake_slack.calls("chat.postMessage") if "Here's how I read it" in shown(c)]


async def test_a_file_slack_will_not_serve_is_a_download_problem_not_a_crash(bot_http, fake_slack):
    file = fake_slack.add_file(PHONE.read_bytes(), served=False)  # Slack's sign-in page instead
    await bot_http.event(dm_with_files([file]))
    _, update = await read_back(fake_slack)
    assert "couldn't fetch that file" in update.body["text"]
    await bot_http.settle()


async def test_a_pasted_invitation_beside_a_picture_is_read_as_text(bot_http, fake_slack):
    file = fake_slack.add_file(PHONE.read_bytes())
    paste = "Jordan Rivera\nTechnical Recruiter at Acme\nHi, I'm hiring for a data internship and your profile fits."
    await bot_http.event(dm_with_files([file], text=paste))
    card = await fake_slack.wait_for("chat.postMessage", lambda c: "Jordan" in shown(c))
    await bot_http.settle()
    assert fake_slack.downloads == [] and "Reading your screenshot" not in shown(card)


async def test_the_message_shortcut_reads_a_message_that_carries_a_screenshot(bot_http, fake_slack):
    file = fake_slack.add_file(PHONE.read_bytes())
    payload = p.message_shortcut(MESSAGE_SHORTCUT, "")
    payload["message"]["files"] = [file]
    status, _ = await bot_http.action(payload)
    assert status == 200
    _, update = await read_back(fake_slack)
    assert "Priya" in shown(update)
    await fake_slack.wait_for("chat.postMessage", lambda c: "Priya" in shown(c) and "Reading" not in shown(c))
    await bot_http.settle()


async def test_the_modal_takes_a_screenshot_instead_of_text(bot_http, fake_slack):
    await bot_http.shortcut("check_invite")
    opened = await fake_slack.wait_for("views.open")
    file = fake_slack.add_file(PHONE.read_bytes())
    view = opened.body["view"]
    values = {bk.B_FILE: {bk.B_FILE: {"type": "file_input", "files": [file]}}}
    status, _ = await bot_http.view_submission(opened, values)
    assert status == 200
    _, update = await read_back(fake_slack)
    assert "Priya" in shown(update)
    await bot_http.settle()
    assert any(b.get("block_id") == bk.B_FILE for b in view["blocks"])


async def test_the_modal_asks_for_something_when_nothing_was_given(bot_http, fake_slack):
    await bot_http.shortcut("check_invite")
    opened = await fake_slack.wait_for("views.open")
    status, body = await bot_http.view_submission(opened, {bk.B_TEXT: ""})
    assert status == 200 and "screenshot" in json.dumps(body)


async def test_the_bot_token_goes_only_to_slacks_own_hosts(bot_http, fake_slack):
    file = fake_slack.add_file(PHONE.read_bytes())
    file["url_private"] = file["url_private_download"] = "https://files.example.org/shot.png"
    await bot_http.event(dm_with_files([file]))
    _, update = await read_back(fake_slack)
    await bot_http.settle()
    assert "couldn't open that picture" in update.body["text"] and fake_slack.downloads == []


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://files.slack.com/files-pri/T1-F1/shot.png", True),
        ("https://slack.com/files-pri/T1-F1/shot.png", True),
        ("http://files.slack.com/files-pri/T1-F1/shot.png", False),
        ("https://files.slack.com.example.org/shot.png", False),
        ("https://evilslack.com/shot.png", False),
    ],
)
def test_slack_file_urls(url, ok):
    assert slack_file_url(url, "https://slack.com/api/") is ok
