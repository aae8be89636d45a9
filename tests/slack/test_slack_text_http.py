"""The same words reach the walkthrough whichever way the student sends them.

Slack encodes `&`, `<` and `>` as entities in message text and slash-command text, and writes links and
mentions as its own `<...>` markup; text typed into a modal arrives as typed. Sent by command, DM,
message shortcut and modal, one invitation is stored as the same text and shown on the same card.
"""

from __future__ import annotations

import json

import payloads as p
import pytest

from bot.slack.listeners.shortcuts import MESSAGE_SHORTCUT
from bot.slack.markup import from_slack
from bot.slack.views import student as bk

TYPED = "Acme & Co. <Hiring> I'd like to connect"
ENCODED = "Acme &amp; Co. &lt;Hiring&gt; I'd like to connect"  # as Slack sends it in messages and commands


def _without_values(blocks: list) -> str:
    """A card's blocks without its button values (they carry the check's own id and start time)."""

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "value"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(blocks), sort_keys=True)


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_command_dm_shortcut_and_modal_hand_the_walkthrough_the_same_text(bot_http, fake_slack):
    senders = {"command": "U0BYCMD", "dm": "U0BYDM", "shortcut": "U0BYSHORT", "modal": "U0BYMODAL"}
    await bot_http.command(
        text=ENCODED, user_id=senders["command"], channel_id=p.dm_channel(senders["command"])
    )
    dm = p.message_im(ENCODED, user_id=senders["dm"], channel=p.dm_channel(senders["dm"]))
    dm["blocks"][0]["elements"][0]["elements"][0]["text"] = TYPED  # rich text carries the characters as typed
    await bot_http.event(dm)
    await bot_http.message_shortcut(MESSAGE_SHORTCUT, ENCODED, user_id=senders["shortcut"])
    await bot_http.view_submission(bk.invite_modal(), {bk.B_TEXT: TYPED}, user_id=senders["modal"])
    await fake_slack.wait_for("chat.postMessage", count=4)
    await bot_http.settle()

    cards = {}
    for way, user in senders.items():
        [record] = await bot_http.store.list(team_id=p.TEAM_ID, user_id=user)
        assert record.invite_text == TYPED, way
        [card] = [
            c for c in fake_slack.calls("chat.postMessage") if c.body["channel"] in (user, p.dm_channel(user))
        ]
        cards[way] = (card.body["text"], _without_values(card.body["blocks"]))
    assert len(set(cards.values())) == 1, cards
    assert "&amp;amp;" not in cards["command"][1]  # the card escapes what it shows once, not twice


def test_slack_markup_is_read_as_the_student_would_read_it():
    assert from_slack("see <https://northwind.example/jobs>") == "see https://northwind.example/jobs"
    assert from_slack("at <http://northwind.example|northwind.example>") == "at northwind.example"
    assert (
        from_slack("mail <mailto:jo@northwind.example|jo@northwind.example>") == "mail jo@northwind.example"
    )
    # a link whose words say one place and whose address goes to another: the address counts
    assert from_slack("<https://evil.example/login|linkedin.com>") == "https://evil.example/login"
    assert from_slack("ask <@U0JORDAN> or <#C0JOBS|jobs>, <!here>") == "ask @U0JORDAN or #jobs, @here"
    # one pass: a typed "&lt;" (which Slack sends as "&amp;lt;") stays as typed; other entities were typed too
    assert from_slack("&amp;lt;b&amp;gt; &amp; &quot;") == "&lt;b&gt; & &quot;"
    assert from_slack(ENCODED) == TYPED
