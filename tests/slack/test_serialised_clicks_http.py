"""Issue 10 item 4: two different decisions clicked at once on one card, with Slack slow to answer
chat.update, leave the card showing exactly the decision that is stored."""

from __future__ import annotations

import asyncio
import copy
import json

from bot.slack.views import followups as fb
from bot.slack.views import student as bk

LABELS = {"accepted": "I accepted", "ignored": "I ignored it", "replied_first": "I replied first"}


async def test_two_decisions_at_once_leave_the_card_showing_what_was_stored(walk, bot_http, fake_slack):
    await walk.to_card()
    message = copy.deepcopy(walk.card.response["message"])  # the fake updates its messages in place
    channel, ts = walk.card.response["channel"], walk.card.response["ts"]
    for first, second in [
        ("accepted", "ignored"),
        ("ignored", "accepted"),
        ("replied_first", "accepted"),
    ] * 3:
        fake_slack.delay("chat.update", 0.4, times=1)  # the first click's card update is slow to answer

        async def click(decision: str, after: float) -> None:
            await asyncio.sleep(after)
            status, _ = await bot_http.click(message, action_id=bk.A_DECIDE + decision)
            assert status == 200

        await asyncio.gather(click(first, 0), click(second, 0.1))
        await bot_http.settle()
        stored = (await walk.record()).decision
        card = fake_slack.message(channel, ts)["blocks"]
        assert LABELS[stored] in json.dumps(card) and "Recorded" in json.dumps(card), (first, second, stored)
        others = [label for d, label in LABELS.items() if d != stored]
        assert not any(f"*{label}*" in json.dumps(card) for label in others)


async def test_a_reminder_click_racing_a_decision_does_not_show_a_stale_card(walk, bot_http, fake_slack):
    card = await walk.decide("replied_first")
    message = copy.deepcopy(card.response["message"])
    channel, ts = card.response["channel"], card.response["ts"]
    fake_slack.delay("chat.update", 0.4, times=1)

    async def remind() -> None:
        await bot_http.click(message, action_id=f"{fb.A_REMIND}3")

    async def change() -> None:
        await asyncio.sleep(0.1)
        await bot_http.click(message, action_id=bk.A_CHANGE)

    await asyncio.gather(remind(), change())
    await bot_http.settle()
    shown = json.dumps(fake_slack.message(channel, ts)["blocks"])
    assert (await walk.record()).followup.remind_at is not None
    assert "What did you do?" in shown  # the later click's card is the one left showing
