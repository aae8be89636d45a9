"""The walkthrough end to end: signed HTTP into the real app, a fake Slack recording every call."""

import copy
import json
import time

import payloads as p
import pytest
from walk import answer_click, step_by_step

from bot.slack.views import student as bk

RECRUITER = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns for our summer"
    " program. Would love to tell you more. Best, Jordan\nAccept Ignore"
)


def latest(fake):
    """The walkthrough message as the student sees it now (last post or update)."""
    calls = fake.calls("chat.postMessage") + fake.calls("chat.update")
    return max(calls, key=lambda c: c.time)


def mrkdwn_texts(blocks):
    out = []
    for b in blocks:
        for t in [b.get("text")] + list(b.get("elements") or []) + list(b.get("fields") or []):
            if isinstance(t, dict) and t.get("type") == "mrkdwn":
                out.append(t["text"])
    return out


async def answer(bot_http, fake, option_id):
    before = len(fake.calls("chat.update"))
    status, _ = await bot_http.click(latest(fake), **answer_click(latest(fake), option_id))
    assert status == 200
    return await fake.wait_for("chat.update", count=before + 1)


async def start_by_command(bot_http, fake, text=RECRUITER, channel_id=p.STUDENT_DM):
    """Start by command and go to the questions (a sure reading opens on the one card); returns the post."""
    status, _ = await bot_http.command(text=text, channel_id=channel_id)
    assert status == 200
    first = await fake.wait_for("chat.postMessage")
    await step_by_step(bot_http, fake, first)
    return first


async def test_slash_command_walkthrough_to_recorded_decision(bot_http, fake_slack):
    first = await start_by_command(bot_http, fake_slack)
    assert first.response["channel"] == p.STUDENT_DM  # posted to the user ID: Slack answers with the DM
    assert "Here's how I read it" in json.dumps(first.body["blocks"])  # a sure reading: the one card
    shown = json.dumps(latest(fake_slack).body["blocks"])  # "Go step by step"
    assert "Step 1 of 4" in shown and "Jordan Rivera" in shown and "What I noticed" in shown
    assert "I'd guess" in shown
    for option in ("personal", "no", "opportunity", "verified", "yes"):
        call = await answer(bot_http, fake_slack, option)
    card = json.dumps(call.body["blocks"])
    assert "Accept the invitation" in card and "What did you do?" in card
    assert "Hi Jordan," in card and "Alex Rivera" in card  # signed with the student's name from users.info
    record = (await bot_http.store.list(user_id=p.STUDENT))[0]
    assert record.recommendation == "accept" and record.answers["reason"] == "opportunity"
    assert record.invite_text is None and record.requester_name is None  # not stored by default

    await bot_http.click(call, action_id=bk.A_DECIDE + "accepted")
    done = await fake_slack.wait_for("chat.update", lambda c: "Recorded" in json.dumps(c.body["blocks"]))
    assert "I accepted" in json.dumps(done.body["blocks"])
    record = await bot_http.store.get(record.id)
    assert record.decision == "accepted" and record.decided_at is not None


async def test_double_click_on_a_decision_records_once(bot_http, fake_slack):
    await start_by_command(bot_http, fake_slack)
    for option in ("personal", "no", "opportunity", "verified", "yes"):
        card = await answer(bot_http, fake_slack, option)
    message = copy.deepcopy(card.response["message"])  # the same rendered card, clicked twice
    await bot_http.click(message, action_id=bk.A_DECIDE + "replied_first")
    await bot_http.click(message, action_id=bk.A_DECIDE + "replied_first")
    await bot_http.settle()
    records = await bot_http.store.list(user_id=p.STUDENT)
    assert len(records) == 1 and records[0].decision == "replied_first"


async def test_decision_can_be_changed(bot_http, fake_slack):
    await start_by_command(bot_http, fake_slack)
    for option in ("default", "maybe", "unsure", "maybe"):
        card = await answer(bot_http, fake_slack, option)
    await bot_http.click(card, action_id=bk.A_DECIDE + "later")
    recorded = await fake_slack.wait_for("chat.update", lambda c: "Recorded" in json.dumps(c.body["blocks"]))
    await bot_http.click(recorded, action_id=bk.A_CHANGE)
    again = await fake_slack.wait_for(
        "chat.update", lambda c: "What did you do?" in json.dumps(c.body["blocks"]), count=2
    )
    await bot_http.click(again, action_id=bk.A_DECIDE + "replied_first")
    await bot_http.settle()
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].decision == "replied_first"


async def test_ack_comes_back_before_slow_slack_work(bot_http, fake_slack):
    fake_slack.delay("chat.postMessage", 3.5, times=1)
    started = time.monotonic()
    reply = await bot_http.command(text=RECRUITER)
    assert reply.status == 200 and time.monotonic() - started < 1.5
    await fake_slack.wait_for("chat.postMessage", timeout=8)


async def test_command_in_a_channel_goes_to_dm_with_only_an_ephemeral_pointer(bot_http, fake_slack):
    reply = await bot_http.command(text=RECRUITER, channel_id=p.GENERAL)
    # The pointer rides on the ack: no response_url post (a new HTTP session), no conversations.open.
    assert reply.body["response_type"] == "ephemeral" and "direct message" in reply.body["text"]
    post = await fake_slack.wait_for("chat.postMessage")
    assert post.body["channel"] == p.STUDENT and post.response["channel"] == p.STUDENT_DM
    await bot_http.settle()
    assert [c.method for c in fake_slack.calls() if c.method != "auth.test"] == ["chat.postMessage"]


async def test_command_in_the_dm_gets_no_pointer_and_one_slack_call(bot_http, fake_slack):
    reply = await bot_http.command(text=RECRUITER, channel_id=p.STUDENT_DM)
    assert reply.status == 200 and not reply.body
    await fake_slack.wait_for("chat.postMessage")
    reply = await bot_http.command(text=RECRUITER, channel_id=p.STUDENT_DM)  # the DM is known now
    assert reply.status == 200 and not reply.body
    await fake_slack.wait_for("chat.postMessage", count=2)
    await bot_http.settle()
    assert [c.method for c in fake_slack.calls() if c.method != "auth.test"] == ["chat.postMessage"] * 2
    assert await bot_http.store.count() == 0  # nothing stored before the student has anything to keep


async def test_command_in_another_dm_points_to_the_apps_dm_after_all(bot_http, fake_slack):
    reply = await bot_http.command(text=RECRUITER, channel_id="D0SOMEONEELSE")
    assert reply.status == 200 and not reply.body  # a DM: probably the app's, not known yet
    pointer = await fake_slack.wait_for("response_url")
    assert pointer.body["response_type"] == "ephemeral" and "direct message" in pointer.body["text"]


async def test_empty_command_opens_the_modal_and_submission_starts_the_walkthrough(bot_http, fake_slack):
    status, _ = await bot_http.command(text="")
    assert status == 200
    opened = await fake_slack.wait_for("views.open")
    assert opened.body["view"]["callback_id"] == bk.MODAL_CALLBACK
    reply = await bot_http.view_submission(opened, {bk.B_TEXT: "   "})
    assert reply.status == 200 and reply.body["response_action"] == "errors"
    reply = await bot_http.view_submission(
        opened, {bk.B_TEXT: "a recruiter from Deloitte, no note, never met", bk.B_NAME: "Dana <!here> Cole"}
    )
    assert reply.status == 200
    post = await fake_slack.wait_for("chat.postMessage")
    assert post.response["channel"] == p.STUDENT_DM
    texts = " ".join(mrkdwn_texts(post.body["blocks"]))
    assert "<!here>" not in texts


async def test_direct_message_starts_walkthrough_and_a_retry_does_not_start_another(bot_http, fake_slack):
    event = p.message_im(RECRUITER)
    status, _ = await bot_http.event(event, event_id="Ev0001")
    assert status == 200
    await fake_slack.wait_for("chat.postMessage")
    status, _ = await bot_http.event(event, event_id="Ev0001", retry_num=1)
    assert status == 200
    await bot_http.settle()
    await bot_http.restart()  # even a restarted replica must not start it twice
    await bot_http.event(event, event_id="Ev0001", retry_num=2)
    await bot_http.settle()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert await bot_http.store.count() == 1


async def test_greeting_in_dm_gets_help_and_bot_echoes_are_ignored(bot_http, fake_slack):
    await bot_http.event(p.message_im("hi"))
    help_msg = await fake_slack.wait_for("chat.postMessage")
    assert "Paste the invitation" in help_msg.body["text"]
    await bot_http.event(p.bot_message_im("Invite check, step 1 of 4"))
    await bot_http.settle()
    assert len(fake_slack.calls("chat.postMessage")) == 1


async def test_global_shortcut_opens_modal(bot_http, fake_slack):
    status, _ = await bot_http.shortcut("check_invite")
    assert status == 200
    opened = await fake_slack.wait_for("views.open")
    assert opened.body["view"]["callback_id"] == bk.MODAL_CALLBACK


async def test_message_shortcut_checks_that_message_privately(bot_http, fake_slack):
    status, _ = await bot_http.message_shortcut("check_invite_message", RECRUITER)
    assert status == 200
    post = await fake_slack.wait_for("chat.postMessage")
    assert post.response["channel"] == p.STUDENT_DM and "Jordan Rivera" in json.dumps(post.body["blocks"])
    pointer = await fake_slack.wait_for("response_url")
    assert pointer.body["response_type"] == "ephemeral"


async def test_back_and_start_over(bot_http, fake_slack):
    await start_by_command(bot_http, fake_slack)
    await answer(bot_http, fake_slack, "personal")
    await answer(bot_http, fake_slack, "maybe")
    shown = json.dumps(latest(fake_slack).body["blocks"])
    assert "Step 3 of 4" in shown and "Think back" in shown  # memory joggers after "maybe"
    await bot_http.click(latest(fake_slack), action_id=bk.A_BACK)
    back = await fake_slack.wait_for("chat.update", count=4)
    assert "Step 2 of 4" in json.dumps(back.body["blocks"])
    await bot_http.click(back, action_id=bk.A_RESTART)
    over = await fake_slack.wait_for("chat.update", count=5)
    assert "Step 1 of 4" in json.dumps(over.body["blocks"])
    assert "Your answers" not in json.dumps(over.body["blocks"])


@pytest.mark.parametrize(
    ("answers", "title"),
    [
        (("personal", "yes", "networking", "yes"), "Accept the invitation"),
        (("default", "maybe", "unsure", "maybe"), "Reply before you accept"),
        (("personal", "no", "collaboration", "yes"), "Suggest meeting first"),
        (("personal", "no", "selling", "no"), "Ignore it"),
    ],
)
async def test_every_recommendation_is_reachable(bot_http, fake_slack, answers, title):
    await start_by_command(bot_http, fake_slack, text="Hello, let's connect")
    for option in answers:
        card = await answer(bot_http, fake_slack, option)
    assert card.body["blocks"][0]["text"]["text"] == title


async def test_restart_mid_walkthrough_continues(bot_http, fake_slack):
    await start_by_command(bot_http, fake_slack)
    await answer(bot_http, fake_slack, "personal")
    await bot_http.restart()
    step3 = await answer(bot_http, fake_slack, "no")
    assert "Step 3 of 4" in json.dumps(step3.body["blocks"])
    for option in ("opportunity", "verified", "yes"):
        card = await answer(bot_http, fake_slack, option)
    assert "Accept the invitation" in json.dumps(card.body["blocks"])


async def test_tampered_or_outdated_state_gets_a_friendly_expiry(bot_http, fake_slack):
    first = await start_by_command(bot_http, fake_slack)
    message = first.response["message"]
    for value in (
        "1{not json",
        "0" + json.dumps({"w": "x" * 32}),
        "1" + json.dumps({"w": "a" * 32, "a": {"met": "yes"}}),
    ):
        before = len(fake_slack.calls("chat.update"))
        reply = await bot_http.block_action(bk.A_ANSWER + "personal", value, message=message)
        assert reply.status == 200
        upd = await fake_slack.wait_for("chat.update", count=before + 1)
        assert "expired" in upd.body["text"]
    assert bot_http.take_errors() == []


async def test_unknown_button_is_answered_kindly(bot_http, fake_slack):
    reply = await bot_http.block_action("from_an_old_version", "x")
    assert reply.status == 200
    said = await fake_slack.wait_for("response_url")
    assert "no longer does anything" in said.body["text"]


async def test_pasted_mentions_and_links_never_ping_or_link(bot_http, fake_slack):
    paste = "<!channel> <!here> <@U0BOSS> hi, I'm <http://evil.example|Your Bank> & friends. Let's connect!"
    await start_by_command(bot_http, fake_slack, text=paste)
    for option in ("personal", "no", "unsure", "maybe"):
        card = await answer(bot_http, fake_slack, option)
    for call in fake_slack.calls("chat.postMessage") + fake_slack.calls("chat.update"):
        for text in mrkdwn_texts(call.body["blocks"]) + [call.body.get("text", "")]:
            for raw in ("<!channel>", "<!here>", "<@U0BOSS>", "<http://evil"):
                assert raw not in text, (raw, text)
    assert card is not None


async def test_ten_thousand_character_paste_is_truncated_with_notice(bot_http, fake_slack):
    paste = ("Hi, I'd love to connect about the data role. " * 250)[:10_000]
    first = await start_by_command(bot_http, fake_slack, text=paste)
    assert "only read the first 3,000 characters" in json.dumps(first.body["blocks"])
    for option in ("personal", "no", "opportunity", "verified", "maybe"):
        await answer(bot_http, fake_slack, option)
    assert fake_slack.violations == []


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_invite_text_is_stored_only_when_enabled(bot_http, fake_slack):
    await start_by_command(bot_http, fake_slack)
    record = (await bot_http.store.list(user_id=p.STUDENT))[0]
    assert record.invite_text.startswith("Jordan Rivera") and record.requester_name == "Jordan Rivera"
