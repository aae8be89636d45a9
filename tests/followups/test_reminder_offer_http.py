"""Issue 5 through the real HTTP path: the reminder offer on the result card, choosing it, cancelling it,
and turning reminders off."""

from __future__ import annotations

from datetime import timedelta

import payloads as p
import pytest

from bot.slack.views import followups as fb
from bot.slack.views import student as bk

OFFER = [f"{fb.A_REMIND}3", f"{fb.A_REMIND}7", f"{fb.A_REMIND}14", fb.A_NO_THANKS]


@pytest.mark.parametrize("decision", ["replied_first", "suggested_meeting"])
async def test_reply_first_or_meeting_offers_reminders_and_the_choice_is_confirmed_in_place(
    walk, bot_http, fake_slack, clock, decision
):
    card = await walk.decide(decision)
    assert [a for a in walk.action_ids(card) if a.startswith("fu_")] == OFFER
    assert "Want me to check back?" in walk.shown(card) and "Jordan Rivera" in walk.shown(card)
    ts = card.body["ts"]

    confirmed = await walk.remind(7)
    assert confirmed.body["ts"] == ts  # the same message, updated in place
    assert "Reminder set" in walk.shown(confirmed) and "Recorded" in walk.shown(confirmed)
    assert fb.A_CANCEL in walk.action_ids(confirmed) and not set(OFFER) & set(walk.action_ids(confirmed))
    assert bk.A_CHANGE in walk.action_ids(confirmed)
    fu = (await walk.record()).followup
    assert fu.remind_at == clock.now() + timedelta(days=7)
    assert fu.reminder_sent_at is None and fu.outcome is None and fu.about == "Jordan Rivera"
    assert len(fake_slack.calls("chat.postMessage")) == 1  # only the walkthrough itself: nothing sent yet


@pytest.mark.parametrize("days", [3, 14])
async def test_each_delay_is_stored(walk, clock, days):
    await walk.decide()
    await walk.remind(days)
    assert (await walk.record()).followup.remind_at == clock.now() + timedelta(days=days)


@pytest.mark.parametrize("decision", ["accepted", "ignored", "later"])
async def test_other_decisions_offer_no_reminder(walk, decision):
    card = await walk.decide(decision)
    assert not [a for a in walk.action_ids(card) if a.startswith("fu_")]
    assert (await walk.record()).followup.remind_at is None


async def test_no_thanks_schedules_nothing(walk, clock):
    await walk.decide()
    card = await walk.click_card(fb.A_NO_THANKS)
    assert "no reminder" in walk.shown(card) and not [a for a in walk.action_ids(card) if a.startswith("fu_")]
    assert (await walk.record()).followup.remind_at is None
    clock.advance(days=30)
    assert await walk.deliver() == 0


async def test_cancel_reminder_from_the_card(walk, clock):
    await walk.decide()
    await walk.remind(3)
    card = await walk.click_card(fb.A_CANCEL)
    assert [a for a in walk.action_ids(card) if a.startswith("fu_")] == OFFER  # offered again
    assert (await walk.record()).followup.remind_at is None
    clock.advance(days=4)
    assert await walk.deliver() == 0 and walk.reminders() == []


async def test_a_later_accepted_decision_cancels_the_reminder(walk, clock):
    await walk.decide("replied_first")
    await walk.remind(3)
    clock.advance(days=1)
    card = await walk.change("accepted")
    assert not [a for a in walk.action_ids(card) if a.startswith("fu_")]
    record = await walk.record()
    assert (
        record.decision == "accepted" and record.followup.remind_at is None and record.followup.about is None
    )
    clock.advance(days=5)
    assert await walk.deliver() == 0 and walk.reminders() == []


async def test_changing_between_reply_and_meeting_keeps_the_reminder(walk, clock):
    await walk.decide("replied_first")
    await walk.remind(3)
    card = await walk.change("suggested_meeting")
    assert "Reminder set" in walk.shown(card)
    clock.advance(days=3)
    assert await walk.deliver() == 1


async def test_deleting_the_students_data_cancels_the_reminder(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    await bot_http.command(text="delete")
    prompt = await fake_slack.wait_for("response_url")
    await bot_http.click(prompt, action_id="student_delete_confirm")
    await fake_slack.wait_for("response_url", lambda c: "Deleted" in (c.body.get("text") or ""))
    assert await walk.record() is None
    clock.advance(days=3)
    assert await walk.deliver() == 0 and walk.reminders() == []


async def test_a_forged_offer_click_cannot_schedule_for_someone_else(walk, bot_http, fake_slack):
    card = await walk.decide()
    status, _ = await bot_http.click(card, action_id=f"{fb.A_REMIND}3", user_id="U0INTRUDER")
    assert status == 200
    await bot_http.settle()
    assert (await walk.record()).followup.remind_at is None


async def test_garbage_offer_value_shows_the_expired_message(walk, bot_http, fake_slack):
    msg = p.bot_message(
        [
            {
                "type": "actions",
                "block_id": "fu_offer",
                "elements": [
                    {
                        "type": "button",
                        "action_id": f"{fb.A_REMIND}3",
                        "value": "1{not json",
                        "text": {"type": "plain_text", "text": "Remind me in 3 days"},
                    }
                ],
            }
        ]
    )
    await bot_http.click(msg, action_id=f"{fb.A_REMIND}3")
    expired = await fake_slack.wait_for("chat.update")
    assert "expired" in walk.shown(expired)


# -- opting out ----------------------------------------------------------------------------------
async def test_reminders_off_command_drops_pending_reminders_and_stops_offering(
    walk, bot_http, fake_slack, clock
):
    await walk.decide()
    await walk.remind(3)
    await bot_http.command(text="reminders off")
    reply = await fake_slack.wait_for("response_url")
    assert "off" in reply.body["text"] and reply.body["response_type"] == "ephemeral"
    assert await bot_http.store.get_prefs(p.TEAM_ID, p.STUDENT) == {"reminders": False}
    assert (await walk.record()).followup.remind_at is None  # dropped, not only skipped
    clock.advance(days=3)
    assert await walk.deliver() == 0 and walk.reminders() == []

    card = await walk.decide()  # a new check: no reminder buttons while off
    assert not [a for a in walk.action_ids(card) if a.startswith("fu_")]
    assert "Reminders are off" in walk.shown(card)

    await bot_http.command(text="reminders on")
    on = await fake_slack.wait_for("response_url", lambda c: "*on*" in (c.body.get("text") or ""))
    assert on.body["response_type"] == "ephemeral"
    card = await walk.decide()
    assert [a for a in walk.action_ids(card) if a.startswith("fu_")] == OFFER


async def test_reminders_status_and_bad_argument(bot_http, fake_slack):
    await bot_http.command(text="reminders")
    status = await fake_slack.wait_for("response_url")
    assert "*on*" in status.body["text"]
    await bot_http.command(text="reminders maybe")
    usage = await fake_slack.wait_for("response_url", count=2)
    assert "Usage" in usage.body["text"]


async def test_a_due_reminder_of_a_student_who_opted_out_is_dropped_at_delivery(walk, bot_http, clock):
    await walk.decide()
    await walk.remind(3)
    # opted out by another replica / an older release that didn't cancel pending ones
    await bot_http.store.set_prefs(p.TEAM_ID, p.STUDENT, reminders=False)
    clock.advance(days=3)
    assert await walk.deliver() == 0 and walk.reminders() == []
    assert (await walk.record()).followup.remind_at is None


async def test_turn_off_button_on_a_reminder(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    first = walk.wid
    await walk.decide()  # a second check with its own reminder, due later
    await walk.remind(7)
    second = walk.wid
    clock.advance(days=3)
    assert await walk.deliver() == 1
    reminder = walk.reminders()[0]
    updated = await walk.answer(reminder, fb.A_OFF)
    assert "Reminders are off" in walk.shown(updated)
    assert fb.A_SNOOZE not in walk.action_ids(updated) and fb.A_OFF not in walk.action_ids(updated)
    assert f"{fb.A_OUTCOME}explained" in walk.action_ids(updated)  # this one can still be answered
    assert await bot_http.store.get_prefs(p.TEAM_ID, p.STUDENT) == {"reminders": False}
    assert (await bot_http.store.get(second)).followup.remind_at is None
    clock.advance(days=7)
    assert await walk.deliver() == 0 and len(walk.reminders()) == 1
    await walk.answer(updated, f"{fb.A_OUTCOME}no_reply")
    assert (await bot_http.store.get(first)).followup.outcome == "no_reply"


async def test_deleting_data_also_deletes_the_opt_out(walk, bot_http, fake_slack):
    await walk.decide()
    await bot_http.command(text="reminders off")
    await fake_slack.wait_for("response_url")
    await bot_http.command(text="delete")
    prompt = await fake_slack.wait_for("response_url", count=2)
    await bot_http.click(prompt, action_id="student_delete_confirm")
    await fake_slack.wait_for("response_url", lambda c: "Deleted" in (c.body.get("text") or ""))
    # Only when it happened is kept: a walkthrough started before (not stored yet) must not store itself.
    assert await bot_http.store.get_prefs(p.TEAM_ID, p.STUDENT) == {
        "deleted_at": int(bot_http.clock.now().timestamp())
    }
