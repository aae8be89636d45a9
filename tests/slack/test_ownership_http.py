"""Issue 10 item 1: a click carrying another student's walkthrough id reads and writes nothing of theirs.

Slack signs the payload, so `user.id` and `team.id` are who clicked; the button value is only what a
message carried. Every read or write of a record by a student checks both against the record.
"""

from __future__ import annotations

import json

import payloads as p
from walk import shown

from bot.slack.views import followups as fb
from bot.slack.views import student as bk

MALLORY = "U0MALLORY"
MALLORY_DM = p.dm_channel(MALLORY)


def forged_click(card, action_id: str, *, user_id: str = MALLORY, team_id: str = p.TEAM_ID) -> dict:
    """`action_id` on the victim's card, clicked in the attacker's own DM (their own message ts)."""
    block, element = p.find_element(card.response["message"]["blocks"], action_id)
    message = p.bot_message(card.response["message"]["blocks"], ts="1700000000.999999")
    payload = p.block_actions(
        [p.action_for(block, element)], user_id=user_id, channel_id=p.dm_channel(user_id), message=message
    )
    payload["team"]["id"] = team_id
    payload["user"]["team_id"] = team_id
    return payload


async def test_a_decision_click_on_another_students_check_changes_nothing_of_theirs(
    walk, bot_http, fake_slack
):
    await walk.decide("replied_first")
    card = await walk.remind(7)  # the victim's card: "Reminder set", with Change and Cancel buttons
    again = await walk.click_card(bk.A_CHANGE)  # back to "What did you do?" (still the victim's own)
    before = await walk.record()
    assert before.followup.remind_at is not None and before.decision == "replied_first"

    n = len(fake_slack.calls("chat.update"))
    status, _ = await bot_http.action(forged_click(again, bk.A_DECIDE + "ignored"))
    assert status == 200
    shown_to_mallory = await fake_slack.wait_for("chat.update", count=n + 1)
    await bot_http.settle()

    after = await walk.record()
    assert after.decision == "replied_first" and after.answers == before.answers
    assert after.recommendation == before.recommendation and after.user_id == p.STUDENT
    assert after.followup.remind_at == before.followup.remind_at  # the reminder was not cancelled
    assert shown_to_mallory.body["channel"] == MALLORY_DM
    text = shown(shown_to_mallory)
    assert "Recorded" not in text and "Reminder set" not in text and "Jordan" not in text
    assert await bot_http.store.list(user_id=MALLORY) == []
    assert "Reminder set" in shown(card)


async def test_an_answer_click_on_another_students_check_does_not_rewrite_their_answers(
    walk, bot_http, fake_slack
):
    card = await walk.decide("accepted")
    before = await walk.record()
    status, _ = await bot_http.action(forged_click(card, bk.A_CHANGE))  # re-renders and re-saves the result
    assert status == 200
    await bot_http.settle()
    after = await walk.record()
    assert after.model_dump() == before.model_dump()
    assert await bot_http.store.list(user_id=MALLORY) == []


async def test_the_same_user_id_in_another_workspace_is_someone_else(walk, bot_http, fake_slack):
    await walk.to_card()
    card = walk.card
    status, _ = await bot_http.action(
        forged_click(card, bk.A_DECIDE + "accepted", user_id=p.STUDENT, team_id="T0OTHER")
    )
    assert status == 200
    await bot_http.settle()
    record = await walk.record()
    assert record.decision is None and record.team_id == p.TEAM_ID


async def test_a_reminder_offer_click_on_another_students_card_schedules_nothing(walk, bot_http, fake_slack):
    card = await walk.decide("replied_first")
    status, _ = await bot_http.action(forged_click(card, f"{fb.A_REMIND}3"))
    assert status == 200
    await bot_http.settle()
    assert (await walk.record()).followup.remind_at is None
    last = fake_slack.calls("chat.update")[-1]
    assert last.body["channel"] == MALLORY_DM and "Reminder set" not in json.dumps(last.body)
