"""What the student pasted comes back in their own letters: a Cyrillic sender stays Cyrillic on the card
and in the drafted reply, though the analyzer reads look-alike letters as Latin to match its rules.
Signed HTTP into the real app, a fake Slack recording what the student sees."""

from __future__ import annotations

import json

import payloads as p
from walk import action_ids

from bot.slack.views import student as bk

PASTE = (
    "Роман Петров\nCampus Recruiter at Космос\n· 2nd\nHi Alex, I'm hiring summer interns for our analytics"
    " team at Космос and your profile looks like a great fit. Happy to tell you more!\nAccept Ignore"
)


def _shown(call) -> str:
    return json.dumps(call.body.get("blocks") or [], ensure_ascii=False)


def _looks_right(card, **changes: str) -> dict:
    """The one card's "Looks right" click as Slack sends it: each menu at the answer the card suggested, or
    at the one given for its step."""
    blocks = card.body["blocks"]
    values = {}
    for b in blocks:
        if b.get("block_id", "").startswith(bk.ONE_BLOCK):
            step = b["block_id"][len(bk.ONE_BLOCK) :]
            chosen = changes.get(step) or (b["accessory"].get("initial_option") or {}).get("value")
            if chosen:
                values[b["block_id"]] = {
                    b["accessory"]["action_id"]: {
                        "type": "static_select",
                        "selected_option": {"value": chosen},
                    }
                }
    _, button = p.find_element(blocks, bk.A_ONE)
    message = p.bot_message(blocks, ts=card.response["ts"])
    payload = p.block_actions([p.button_action(bk.A_ONE, button["value"], block_id="one")], message=message)
    payload["state"] = {"values": values}
    return payload


async def test_a_cyrillic_sender_is_named_as_written_on_the_card_and_in_the_draft(bot_http, fake_slack):
    n = len(fake_slack.calls("chat.postMessage"))
    status, _ = await bot_http.command(text=PASTE)
    assert status == 200
    card = await fake_slack.wait_for("chat.postMessage", count=n + 1)
    assert "Pomah" not in _shown(card) and "Kocmoc" not in _shown(card)
    assert bk.A_ONE in action_ids(card)  # a sure reading: the one card
    n = len(fake_slack.calls("chat.update"))
    await bot_http.action(_looks_right(card, profile="verified"))
    result = await fake_slack.wait_for("chat.update", count=n + 1)
    shown = _shown(result)
    assert "Hi Роман" in shown
    assert "Pomah" not in shown and "Kocmoc" not in shown
