"""Issue 10 item 15: after "Delete my data", clicks on the student's old cards store nothing and say so
(they used to re-create the deleted check with today's date)."""

from __future__ import annotations

import payloads as p
import pytest
from walk import answer_click, shown, step_by_step

from bot.slack.views import followups as fb
from bot.slack.views import student as bk


async def delete_from_home(bot_http, fake_slack) -> None:
    n = len(fake_slack.calls("views.publish"))
    await bot_http.event(p.app_home_opened(user_id=p.STUDENT))
    home = await fake_slack.wait_for("views.publish", count=n + 1)
    await bot_http.click(home, "home_delete")
    done = await fake_slack.wait_for("views.publish", count=n + 2)
    assert "Deleted 1 check(s)" in shown(done) or "Deleted 1 check(s)" in str(done.body)


async def delete_by_command(bot_http, fake_slack) -> None:
    n = len(fake_slack.calls("response_url"))
    await bot_http.command(text="delete")
    prompt = await fake_slack.wait_for("response_url", count=n + 1)
    await bot_http.click(prompt, "student_delete_confirm")
    done = await fake_slack.wait_for("response_url", count=n + 2)
    assert "Deleted 1 check(s)" in done.body["text"]


@pytest.mark.parametrize("delete", [delete_from_home, delete_by_command], ids=["home", "command"])
async def test_a_decision_on_an_old_card_after_deletion_stores_nothing_and_says_so(
    walk, bot_http, fake_slack, clock, delete
):
    card = await walk.to_card()
    await delete(bot_http, fake_slack)
    assert await bot_http.store.count() == 0
    clock.advance(days=3)
    n = len(fake_slack.calls("chat.update"))
    await bot_http.click(card, action_id=bk.A_DECIDE + "accepted")
    said = await fake_slack.wait_for("chat.update", count=n + 1)
    await bot_http.settle()
    assert await bot_http.store.count() == 0
    assert "no longer stored" in shown(said) and "Recorded" not in shown(said)
    await bot_http.restart()
    assert await bot_http.store.count() == 0


async def test_finishing_an_old_checklist_after_deletion_stores_nothing(walk, bot_http, fake_slack, clock):
    await walk.decide()  # one stored check to delete
    clock.advance(minutes=1)
    await walk.start()  # and one in progress, not stored yet: its state is in the buttons
    first = walk.card
    clock.advance(minutes=1)
    await delete_by_command(bot_http, fake_slack)
    walk.card = await step_by_step(bot_http, fake_slack, first)
    for option in ("default", "maybe", "unsure"):
        await walk.click_card(**answer_click(walk.card, option))
    last = await walk.click_card(**answer_click(walk.card, "maybe"))  # the last answer would save the result
    await bot_http.settle()
    assert await bot_http.store.count() == 0 and "no longer stored" in shown(last)


async def test_a_reminder_offer_on_an_old_card_after_deletion_schedules_nothing(walk, bot_http, fake_slack):
    card = await walk.decide("replied_first")
    await delete_by_command(bot_http, fake_slack)
    await bot_http.click(card, action_id=f"{fb.A_REMIND}3")
    await bot_http.settle()
    assert await bot_http.store.count() == 0
