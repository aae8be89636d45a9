"""Warning signs win: a flagged invitation ends on the safety card, never on a friendly reply, and a student
who already engaged (or wants to warn others) gets help. Signed HTTP into the real app, a fake Slack."""

from __future__ import annotations

import json

import payloads as p
import pytest
from walk import answer_click, step_by_step

from bot.slack.views import followups as fb
from bot.slack.views import student as bk
from bot.staff import privacy

CRYPTO_MENTOR = (
    "Mia Chen\nCrypto mentor | Financial freedom coach\n· 3rd+\n"
    "Hi! I mentor students who want financial freedom through crypto trading. Limited spots this month,"
    " reply today and I'll send you the signup: bit.ly/fin-free-2026"
)
WHATSAPP_JOB = (
    "Hello, I am HR at Brightline Staffing. We have remote data entry work, $45/hr, flexible hours."
    " Message me on WhatsApp +1 555 010 4477 to start."
)
DEADLINE = (  # one weak sign (pressure) from someone networking: the questions are asked
    "Priya Nair\nPhD student at State U\nHi! I'm organising the spring robotics meetup. Seats are limited, sign up"
    " today if you want to come along. Would be great to connect."
)
RECRUITER = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns for our summer"
    " program. Would love to tell you more. Best, Jordan\nAccept Ignore"
)


def shown(call) -> str:
    return json.dumps(call.body.get("blocks") or [], ensure_ascii=False)


def buttons(call) -> dict[str, dict]:
    return {
        el["action_id"]: el for _, el in p.iter_elements(call.body.get("blocks") or []) if "action_id" in el
    }


async def start(bot_http, fake_slack, text: str):
    n = len(fake_slack.calls("chat.postMessage"))
    status, _ = await bot_http.command(text=text)
    assert status == 200
    return await fake_slack.wait_for("chat.postMessage", count=n + 1)


async def click(bot_http, fake_slack, card, action_id: str):
    n = len(fake_slack.calls("chat.update"))
    how = answer_click(card, action_id[len(bk.A_ANSWER) :]) if action_id.startswith(bk.A_ANSWER) else {}
    status, _ = await bot_http.click(card, **(how or {"action_id": action_id}))
    assert status == 200
    return await fake_slack.wait_for("chat.update", count=n + 1)


def assert_safety_card(card) -> None:
    text = shown(card)
    assert (
        "this looks like a scam" in text and "What not to do" in text and "I don't know this person" in text
    )
    assert "```" not in text and "rich_text_preformatted" not in text  # no draft to send them
    found = buttons(card)
    assert found[bk.A_DECIDE + "ignored"].get("style") == "primary"  # the safe choice is the easy one
    assert not any(el.get("style") == "primary" for a, el in found.items() if a != bk.A_DECIDE + "ignored")
    assert not any(a.startswith(bk.A_DECIDE) and a[len(bk.A_DECIDE) :] == "suggested_meeting" for a in found)


async def test_a_crypto_mentor_opens_on_the_safety_card_with_each_sign_explained(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, CRYPTO_MENTOR)
    assert_safety_card(card)
    text = shown(card)
    assert "Step 1" not in text  # no question stands between the student and the warning
    assert "Mia Chen" in text and "Crypto mentor" in text
    for sign in (
        "Crypto, trading or investment talk",
        "Pressure to act fast",
        "shortened or look-alike link",
    ):
        assert sign in text
    assert "bit.ly/fin-free-2026" in text  # the words behind the sign, quoted
    assert {bk.A_ALERT, bk.A_KNOWN} <= set(buttons(card))

    done = await click(bot_http, fake_slack, card, bk.A_DECIDE + "ignored")
    assert "Recorded: *I ignored it*" in shown(done)
    record = (await bot_http.store.list(user_id=p.STUDENT))[0]
    assert (record.recommendation, record.decision) == ("ignore", "ignored")
    assert "crypto_investment" in record.signals.red_flags


async def test_a_trusting_student_who_knows_the_sender_still_cannot_reach_a_friendly_reply(
    bot_http, fake_slack
):
    card = await start(bot_http, fake_slack, CRYPTO_MENTOR)
    step = await click(bot_http, fake_slack, card, bk.A_KNOWN)
    text = shown(step)
    assert (
        "Step 1 of" in text and "Warning signs of a scam" in text and "You said you know this person" in text
    )
    for option in ("personal", "no", "collaboration", "maybe"):  # ...but then says they never met
        step = await click(bot_http, fake_slack, step, bk.A_ANSWER + option)
    assert_safety_card(step)
    assert "Reply before you accept" not in shown(step) and "Happy to connect" not in shown(step)
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].recommendation == "ignore"


async def test_someone_the_student_knows_takes_the_normal_path_with_the_warning_kept(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, WHATSAPP_JOB)
    assert_safety_card(card)
    step = await click(bot_http, fake_slack, card, bk.A_KNOWN)
    assert buttons(step)[bk.A_ANSWER + "personal"]  # step 1
    for option in ("personal", "yes", "opportunity", "yes"):
        step = await click(bot_http, fake_slack, step, bk.A_ANSWER + option)
        assert "Warning signs of a scam" in shown(step)  # on every card
    assert "Accept the invitation" in shown(step)
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].recommendation == "accept"


async def test_a_whatsapp_job_offer_with_a_maybe_never_ends_on_reply_first(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, WHATSAPP_JOB)
    assert_safety_card(card)
    text = shown(card)
    assert "A move off LinkedIn" in text and "+1 555 010 4477" in text


async def test_a_single_weak_sign_asks_the_questions_and_still_ends_safe(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, DEADLINE)
    assert "Step 1 of 4" in shown(card) and "Pressure to act fast" in shown(card)
    for option in ("personal", "no", "networking", "yes"):
        card = await click(bot_http, fake_slack, card, bk.A_ANSWER + option)
    assert_safety_card(card)
    assert "The warning signs outweigh everything else" in shown(card)
    assert bk.A_BACK in buttons(card) and bk.A_KNOWN not in buttons(card)


async def test_i_already_accepted_shows_what_to_do_now_and_offers_no_check_in(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, WHATSAPP_JOB)
    done = await click(bot_http, fake_slack, card, bk.A_DECIDE + "accepted")
    text = shown(done)
    assert "Recorded: *I already accepted*" in text
    assert "If you already replied or accepted" in text and "Remove the connection" in text
    assert "ReportFraud.ftc.gov" in text and "ic3.gov" in text
    assert "did they reply" not in text.lower() and "Remind me" not in text
    assert bk.A_ALERT in buttons(done)  # the career center is one tap away
    replied = await click(
        bot_http,
        fake_slack,
        await click(bot_http, fake_slack, done, bk.A_CHANGE),
        bk.A_DECIDE + "replied_first",
    )
    assert "Stop replying" in shown(replied)
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].decision == "replied_first"


async def test_telling_the_career_center_without_a_name_dms_staff_the_evidence(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, WHATSAPP_JOB)
    ask = await click(bot_http, fake_slack, card, bk.A_ALERT)
    assert "Share your name" in shown(ask)
    assert {bk.A_ALERT_SEND + bk.ALERT_NAMED, bk.A_ALERT_SEND + bk.ALERT_ANONYMOUS} <= set(buttons(ask))
    posts = len(fake_slack.calls("chat.postMessage"))
    sent = await click(bot_http, fake_slack, ask, bk.A_ALERT_SEND + bk.ALERT_ANONYMOUS)
    assert "Sent to your career center" in shown(sent) and bk.A_ALERT not in buttons(sent)
    dm = await fake_slack.wait_for("chat.postMessage", lambda c: c.body.get("channel") == p.STAFF, count=1)
    assert len(fake_slack.calls("chat.postMessage")) == posts + 1
    text = shown(dm)
    assert "Possible scam reported" in text and "+1 555 010 4477" in text and "WhatsApp" in text
    assert p.STUDENT not in text  # not named: the pseudonymous view shows a pseudonym
    record = (await bot_http.store.list(user_id=p.STUDENT))[0]
    assert record.alert is not None and record.alert.named is False and "off_platform" in record.alert.flags
    assert privacy.pseudonym(p.TEAM_ID, p.STUDENT, await bot_http.store.pseudonym_key()) in text
    assert record.invite_text is None  # only what the alert needs is kept

    n = len(fake_slack.calls("views.publish"))
    await bot_http.event(p.app_home_opened(user_id=p.STAFF))
    home = await fake_slack.wait_for("views.publish", count=n + 1)
    blocks = home.body["view"]["blocks"]
    first_header = next(b for b in blocks[1:] if b["type"] == "header")
    assert "Needs attention (1)" in first_header["text"]["text"]  # before every figure and list
    assert "+1 555 010 4477" in json.dumps(blocks)


async def test_a_student_who_shares_their_name_is_named_in_the_alert(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, CRYPTO_MENTOR)
    ask = await click(bot_http, fake_slack, card, bk.A_ALERT)
    await click(bot_http, fake_slack, ask, bk.A_ALERT_SEND + bk.ALERT_NAMED)
    dm = await fake_slack.wait_for("chat.postMessage", lambda c: c.body.get("channel") == p.STAFF)
    assert f"<@{p.STUDENT}>" in shown(dm) and "bit.ly/fin-free-2026" in shown(dm)


@pytest.mark.settings(invite_check_staff_view="named")
async def test_where_staff_see_names_anyway_the_alert_says_so_and_has_one_send_button(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, CRYPTO_MENTOR)
    ask = await click(bot_http, fake_slack, card, bk.A_ALERT)
    assert "will name you" in shown(ask)
    assert bk.A_ALERT_SEND + bk.ALERT_ANONYMOUS not in buttons(ask)
    back = await click(bot_http, fake_slack, ask, bk.A_ALERT_CANCEL)
    assert_safety_card(back)


async def test_a_forged_alert_on_an_unflagged_check_is_treated_as_expired(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, RECRUITER)
    value = buttons(card)[bk.A_ONE]["value"]  # a genuine state, with no warning sign in it
    message = p.bot_message(card.body["blocks"], ts=card.response["ts"])
    status, _ = await bot_http.action(p.block_actions([p.button_action(bk.A_ALERT, value)], message=message))
    assert status == 200
    answered = await fake_slack.wait_for("chat.update")
    assert "expired" in shown(answered)
    assert not [c for c in fake_slack.calls("chat.postMessage") if c.body.get("channel") == p.STAFF]


async def test_a_recruiter_stranger_is_asked_to_check_the_profile_and_the_answer_counts(bot_http, fake_slack):
    card = await step_by_step(bot_http, fake_slack, await start(bot_http, fake_slack, RECRUITER))
    for option in ("personal", "no", "opportunity"):
        card = await click(bot_http, fake_slack, card, bk.A_ANSWER + option)
    text = shown(card)
    assert "What does their LinkedIn profile show?" in text and "About this profile" in text
    card = await click(bot_http, fake_slack, card, bk.A_ANSWER + "unverified")
    card = await click(bot_http, fake_slack, card, bk.A_ANSWER + "yes")
    text = shown(card)
    assert "Ignore it" in text and "new or shows no verified workplace" in text
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].answers["profile"] == "unverified"


async def test_a_stock_text_is_not_called_suspicious(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, "Sam Lee\nData analyst\nI'd like to join your LinkedIn network.")
    card = await step_by_step(bot_http, fake_slack, card)
    for option in ("default", "no", "networking", "maybe"):
        card = await click(bot_http, fake_slack, card, bk.A_ANSWER + option)
    text = shown(card)
    assert "free accounts get only a few notes a month" in text
    assert "mystery" not in text and "suspicious" not in text.lower()


async def test_a_reminder_click_keeps_the_card_saying_the_career_center_was_told(bot_http, fake_slack):
    """A student who knows the sender of a flagged invitation gets advice and a reminder offer; once they
    told their career center, setting a reminder must not bring the "tell" button back."""
    card = await start(bot_http, fake_slack, DEADLINE)
    for option in ("personal", "yes", "networking", "yes"):
        card = await click(bot_http, fake_slack, card, bk.A_ANSWER + option)
    decided = await click(bot_http, fake_slack, card, bk.A_DECIDE + "replied_first")
    assert bk.A_ALERT in buttons(decided) and f"{fb.A_REMIND}3" in buttons(decided)
    ask = await click(bot_http, fake_slack, decided, bk.A_ALERT)
    sent = await click(bot_http, fake_slack, ask, bk.A_ALERT_SEND + bk.ALERT_ANONYMOUS)
    assert "Sent to your career center" in shown(sent) and f"{fb.A_REMIND}3" in buttons(sent)
    reminded = await click(bot_http, fake_slack, sent, f"{fb.A_REMIND}3")
    assert "Recorded" in shown(reminded) and f"{fb.A_REMIND}3" not in buttons(reminded)
    assert "Sent to your career center" in shown(reminded) and bk.A_ALERT not in buttons(reminded)
