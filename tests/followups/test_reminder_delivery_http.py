"""Issue 5 through the real HTTP path: reminder delivery (once, across restarts, in the student's working
hours), snooze, failed posts, the three outcomes and the staff summary's follow-up figures."""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import UTC, datetime, timedelta

import payloads as p
import pytest
from walk import answer_click, step_by_step

from bot.slack import jobs
from bot.slack.followups import Followups
from bot.slack.views import followups as fb


def separate_followups(deps) -> Followups:
    """Another Followups service on the same store and settings (what a second replica runs)."""
    return Followups(
        settings=deps.settings,
        store=deps.store,
        content=deps.content,
        clock=deps.clock,
        names=deps.names,
        cards=deps.followups.cards,
        locks=deps.locks,
        installations=deps.installations,
    )


async def test_due_reminder_is_delivered_once(walk, bot_http, fake_slack, clock):
    await walk.decide("replied_first")
    await walk.remind(3)
    clock.advance(days=2, hours=23)
    assert await walk.deliver() == 0  # not due yet
    clock.advance(hours=1)
    assert await walk.deliver() == 1
    [dm] = walk.reminders()
    assert dm.response["channel"] == p.STUDENT_DM
    assert dm.body["text"].startswith("Did Jordan Rivera answer your question?")
    assert [a for a in walk.action_ids(dm) if a.startswith("fu_")] == [
        f"{fb.A_OUTCOME}explained",
        f"{fb.A_OUTCOME}pitched",
        f"{fb.A_OUTCOME}no_reply",
        fb.A_SNOOZE,
        fb.A_OFF,
    ]
    assert "I replied first" in walk.shown(dm)
    fu = (await walk.record()).followup
    assert fu.reminder_sent_at == clock.now()
    for _ in range(3):  # later passes, a day later too: never again
        clock.advance(hours=8)
        assert await walk.deliver() == 0
    assert len(walk.reminders()) == 1


async def test_restart_between_scheduling_and_delivery(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(7)
    await bot_http.restart()  # the reminder lives in the database, not in the process
    clock.advance(days=7)
    assert await walk.deliver() == 1
    await bot_http.restart()
    assert await walk.deliver() == 0
    clock.advance(days=1)
    assert await walk.deliver() == 0
    assert len(walk.reminders()) == 1
    # and the reminder's buttons still work after yet another restart
    await bot_http.restart()
    answered = await walk.answer(walk.reminders()[0], f"{fb.A_OUTCOME}explained")
    assert "Accept the invitation" in walk.shown(answered)


async def test_reminder_due_while_down_goes_out_soon_after_start(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    await bot_http.restart()
    clock.advance(days=10)  # the bot was "down" well past the due time
    stop = asyncio.Event()
    task = jobs.start_reminders(walk.deps, bot_http.app.client, interval=0.02, stop=stop)
    try:
        dm = await fake_slack.wait_for(
            "chat.postMessage", lambda c: (c.body.get("text") or "").startswith("Did ")
        )
        await asyncio.sleep(0.1)  # several more passes
    finally:
        stop.set()
        await jobs.stop_reminders(task)
    assert dm.ok and len(walk.reminders()) == 1
    assert task.done() and not task.cancelled()  # it ended on `stop`, not by being cancelled


async def test_snooze_asks_again_three_days_later(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    assert await walk.deliver() == 1
    snoozed = await walk.answer(walk.reminders()[0], fb.A_SNOOZE)
    assert "ask again" in walk.shown(snoozed)
    fu = (await walk.record()).followup
    assert fu.snoozes == 1 and fu.reminder_sent_at is None and fu.remind_at == clock.now() + timedelta(days=3)
    assert await walk.deliver() == 0
    clock.advance(days=3)  # Sunday: the student's weekend, so it waits for Monday 09:00 New York time
    assert await walk.deliver() == 0
    assert (await walk.record()).followup.remind_at == datetime(2025, 3, 10, 13, 0, tzinfo=UTC)
    assert await walk.deliver_when_due(clock) == 1
    assert len(walk.reminders()) == 2
    assert (
        walk.reminders()[1].body["text"].startswith("Did Jordan Rivera answer your question?")
    )  # the name survived
    await walk.answer(walk.reminders()[1], f"{fb.A_OUTCOME}pitched")
    fu = (await walk.record()).followup
    assert fu.outcome == "pitched" and fu.snoozes == 1 and fu.about is None


async def test_snooze_is_offered_a_limited_number_of_times(walk, clock):
    await walk.decide()
    await walk.remind(3)
    for _ in range(3):
        assert await walk.deliver_when_due(clock) == 1
        await walk.answer(walk.reminders()[-1], fb.A_SNOOZE)
    assert await walk.deliver_when_due(clock) == 1
    last = walk.reminders()[-1]
    assert fb.A_SNOOZE not in walk.action_ids(last) and (await walk.record()).followup.snoozes == 3


# -- time zones and working hours -------------------------------------------------------------------
TOKYO = ("Asia/Tokyo", 9 * 3600)
LOS_ANGELES = ("America/Los_Angeles", -8 * 3600)


@pytest.mark.parametrize(
    ("zone", "due", "delivered"),
    [
        # Sat 11:00 UTC: 20:00 Saturday in Tokyo -> Monday 09:00 JST
        (TOKYO, datetime(2025, 3, 8, 11, 0, tzinfo=UTC), datetime(2025, 3, 10, 0, 0, tzinfo=UTC)),
        # ... and 03:00 Saturday in Los Angeles -> Monday 09:00, already PDT (DST began Sunday)
        (LOS_ANGELES, datetime(2025, 3, 8, 11, 0, tzinfo=UTC), datetime(2025, 3, 10, 16, 0, tzinfo=UTC)),
        # Fri 16:00 UTC: 01:00 Saturday in Tokyo (across midnight) -> Monday 09:00 JST
        (TOKYO, datetime(2025, 3, 7, 16, 0, tzinfo=UTC), datetime(2025, 3, 10, 0, 0, tzinfo=UTC)),
        # ... and 08:00 Friday in Los Angeles -> the same day at 09:00 PST
        (LOS_ANGELES, datetime(2025, 3, 7, 16, 0, tzinfo=UTC), datetime(2025, 3, 7, 17, 0, tzinfo=UTC)),
        # Thu 11:00 UTC: 03:00 in Los Angeles -> 09:00 PST; 20:00 in Tokyo -> Friday 09:00 JST
        (LOS_ANGELES, datetime(2025, 3, 6, 11, 0, tzinfo=UTC), datetime(2025, 3, 6, 17, 0, tzinfo=UTC)),
        (TOKYO, datetime(2025, 3, 6, 11, 0, tzinfo=UTC), datetime(2025, 3, 7, 0, 0, tzinfo=UTC)),
        # within working hours in Tokyo (Thu 10:00 JST): right away
        (TOKYO, datetime(2025, 3, 6, 1, 0, tzinfo=UTC), datetime(2025, 3, 6, 1, 0, tzinfo=UTC)),
    ],
)
async def test_delivery_waits_for_the_students_next_working_slot(
    walk, bot_http, fake_slack, clock, zone, due, delivered
):
    fake_slack.set_user(p.STUDENT, tz=zone[0], tz_offset=zone[1])
    clock.set(due - timedelta(days=3))
    await walk.decide()
    await walk.remind(3)
    clock.set(due)
    sent_now = await walk.deliver()
    if delivered == due:
        assert sent_now == 1
        return
    assert sent_now == 0 and walk.reminders() == []
    assert (await walk.record()).followup.remind_at == delivered  # pushed, stored (survives restarts)
    await bot_http.restart()
    clock.set(delivered - timedelta(minutes=1))
    assert await walk.deliver() == 0
    clock.set(delivered)
    assert await walk.deliver() == 1
    assert len(walk.reminders()) == 1


async def test_unknown_time_zone_falls_back_to_the_offset(walk, fake_slack, clock):
    fake_slack.set_user(p.STUDENT, tz="Mars/Olympus_Mons", tz_offset=9 * 3600)
    clock.set(datetime(2025, 3, 3, 11, 0, tzinfo=UTC))
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)  # Thu 11:00 UTC = 20:00 at +09:00
    assert await walk.deliver() == 0
    assert (await walk.record()).followup.remind_at == datetime(2025, 3, 7, 0, 0, tzinfo=UTC)


# -- reliability -------------------------------------------------------------------------------------
async def test_failed_post_is_retried_and_never_sent_twice(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    fake_slack.fail("chat.postMessage", status=200, error="fatal_error", times=1)
    assert await walk.deliver() == 0
    failed = fake_slack.last("chat.postMessage")
    assert not failed.ok and failed.body["text"].startswith("Did ")
    assert (await walk.record()).followup.reminder_sent_at is None  # un-claimed: still due
    assert walk.reminders() == []
    clock.advance(minutes=1)  # a passing failure backs off (issue 10 item 10)
    assert await walk.deliver() == 1
    assert await walk.deliver() == 0
    assert len(walk.reminders()) == 1


async def test_slack_unreachable_for_a_while_then_delivered_once(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    fake_slack.fail("chat.postMessage", status=200, error="fatal_error", times=2)
    assert await walk.deliver() == 0
    clock.advance(minutes=1)
    assert await walk.deliver() == 0
    clock.advance(minutes=2)  # the back-off doubles (issue 10 item 10)
    assert await walk.deliver() == 1
    assert len(walk.reminders()) == 1


async def test_two_replicas_racing_send_one_reminder(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    fake_slack.delay("chat.postMessage", 0.05)
    one, two = separate_followups(walk.deps), separate_followups(walk.deps)  # separate services, one database
    sent = await asyncio.gather(one.deliver_due(bot_http.app.client), two.deliver_due(bot_http.app.client))
    await bot_http.settle()
    assert sorted(sent) == [0, 1] and len(walk.reminders()) == 1


async def test_a_reminder_about_a_deleted_check_says_so(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    assert await walk.deliver() == 1
    await bot_http.store.call(lambda s: s.delete_user(p.TEAM_ID, p.STUDENT))
    answered = await walk.answer(walk.reminders()[0], f"{fb.A_OUTCOME}explained")
    assert "deleted" in walk.shown(answered)
    assert await walk.record() is None


async def test_someone_else_cannot_answer_a_reminder(walk, bot_http, fake_slack, clock):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    await walk.deliver()
    await walk.answer(walk.reminders()[0], f"{fb.A_OUTCOME}explained", user_id="U0INTRUDER")
    assert (await walk.record()).followup.outcome is None


# -- outcomes and the staff summary ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("outcome", "expect"),
    [
        (
            "explained",
            ["Accept the invitation", "Thanks for getting back to me", "Hi Jordan,", "Alex Rivera"],
        ),
        ("pitched", ["Ignore it", "I don't know this person"]),
        ("no_reply", ["Ignore it", "collecting connections"]),
    ],
)
async def test_each_outcome_is_stored_and_answered(walk, bot_http, fake_slack, clock, outcome, expect):
    await walk.decide()
    await walk.remind(3)
    clock.advance(days=3)
    await walk.deliver()
    reminder = walk.reminders()[0]
    as_sent = copy.deepcopy(reminder.response["message"])  # the fake updates its message in place
    answered = await walk.answer(reminder, f"{fb.A_OUTCOME}{outcome}")
    assert answered.body["ts"] == reminder.response["ts"]  # the reminder itself is updated
    for text in expect:
        assert text in walk.shown(answered), text
    assert not [a for a in walk.action_ids(answered) if a.startswith("fu_")]
    fu = (await walk.record()).followup
    assert fu.outcome == outcome and fu.outcome_at == clock.now() and fu.about is None
    # a second click (or a retried request) keeps the first answer
    clock.advance(hours=1)
    await walk.answer(
        as_sent, f"{fb.A_OUTCOME}no_reply" if outcome != "no_reply" else f"{fb.A_OUTCOME}pitched"
    )
    again = (await walk.record()).followup
    assert again.outcome == outcome and again.outcome_at == fu.outcome_at


async def test_names_in_reminders_are_escaped(walk, bot_http, fake_slack, clock):
    # A hostile requester name, typed into the modal's "their name" field.
    await bot_http.command(text="")
    opened = await fake_slack.wait_for("views.open")
    await bot_http.view_submission(
        opened, {"ic_text": "a recruiter, no note, never met", "ic_name": "<!channel> Eve"}
    )
    walk.card = await fake_slack.wait_for("chat.postMessage")
    walk.wid = json.loads(walk.card.body["blocks"][-1]["elements"][0]["value"][1:])["w"]
    walk.card = await step_by_step(bot_http, fake_slack, walk.card)
    for option in ("default", "maybe", "unsure", "maybe"):
        walk.card = await walk.click_card(**answer_click(walk.card, option))
    await walk.decide(fresh=False)
    await walk.remind(3)
    clock.advance(days=3)
    assert await walk.deliver() == 1
    dm = walk.reminders()[0]
    texts = " ".join(b["text"]["text"] for b in dm.body["blocks"] if b["type"] == "section")
    assert "<!channel>" not in texts and "&lt;!channel&gt; Eve" in texts
    assert "<!channel>" not in dm.body["text"]  # the notification text is mrkdwn too


async def test_staff_summary_shows_outcomes_and_reply_rate(walk, bot_http, fake_slack, clock):
    for _ in range(3):  # three answered below
        await walk.decide()
        await walk.remind(3)
    await walk.decide()  # a fourth, whose reminder goes out but is not answered
    await walk.remind(3)
    await walk.decide()  # a fifth, still pending
    await walk.remind(14)
    clock.advance(days=3)
    assert await walk.deliver() == 4
    for reminder, outcome in zip(walk.reminders(), ("explained", "pitched", "no_reply"), strict=False):
        await walk.answer(reminder, f"{fb.A_OUTCOME}{outcome}")

    await bot_http.command("/invite-summary", text="30d", user_id=p.STAFF)
    summary = await fake_slack.wait_for("response_url")
    text = json.dumps(summary.body["blocks"])
    assert "*Follow-up reply rate*\\n67% of 3 answered" in text
    assert "reply rate 67%, 1 reminder(s) pending, 1 awaiting an answer" in text
    for label in ("Replied and explained: *1*", "Replied with a pitch: *1*", "No reply: *1*"):
        assert label in text

    from bot.coaching.vocab import REASON_STEP
    from bot.staff.summary import format_text, period_start, summarize

    now = clock.now()
    counts = await bot_http.store.counts(team_id=None, since=period_start(now, 30), step=REASON_STEP)
    s = summarize(counts, now=now, days=30)
    assert dict(s.outcomes) == {"explained": 1, "pitched": 1, "no_reply": 1}
    assert s.reply_rate == pytest.approx(2 / 3) and s.reminders_pending == 1 and s.reminders_awaiting == 1
    assert "reply rate 67%" in format_text(s)


async def test_after_suggesting_a_meeting_the_reminder_asks_whether_they_took_it_up(walk, clock):
    card = await walk.decide("suggested_meeting")
    assert "working hours" in walk.shown(await walk.remind(3)) and "in 3 days" in walk.shown(walk.card)
    assert "AM" not in walk.shown(walk.card) and "PM" not in walk.shown(
        walk.card
    )  # no clock time that may be at night
    assert card is not None
    assert await walk.deliver_when_due(clock) == 1
    dm = walk.reminders()[-1]
    assert dm.body["text"].startswith("Did Jordan Rivera answer your offer to talk?")
    assert "Yes, we're talking" in walk.shown(dm)
    assert not [e for b in dm.body["blocks"] for e in b.get("elements") or [] if e.get("style") == "primary"]
