"""A coach, not a form: one card when the reading is sure, drafts that can be sent as they are, the paths
students really take. Signed HTTP into the real app, a fake Slack recording what the student sees."""

from __future__ import annotations

import json
import re

import payloads as p
from walk import action_ids, answer_click, one_card_click, step_by_step

from bot.slack.views import student as bk

RECRUITER = (
    "Priya Raman\nUniversity Recruiter at Deloitte\n· 3rd+\nHi Jordan, I'm the campus recruiter for Deloitte's"
    " Risk Advisory practice. We're opening applications for the Summer Analyst internship next week and"
    " your accounting background would be a great fit. Happy to answer any questions!\nAccept Ignore"
)
REFERRAL_ASK = (
    "Hi! I saw you work at Stripe. I'm applying for the Software Engineer Intern role there; could you refer me?"
    " Happy to send my resume. - Daniel Osei"
)
SPANISH = (
    "Hola Ana, soy Lucía Gómez, del equipo de reclutamiento de BBVA. Tenemos una vacante de analista de riesgos"
    " en Madrid y tu perfil encaja muy bien. ¿Te interesa conversar?"
)


def shown(call) -> str:
    return json.dumps(call.body.get("blocks") or [], ensure_ascii=False)


def draft(call) -> str:
    pre = [b for b in call.body.get("blocks") or [] if b["type"] == "rich_text"]
    return pre[0]["elements"][0]["elements"][0]["text"] if pre else ""


async def start(bot_http, fake_slack, text: str):
    n = len(fake_slack.calls("chat.postMessage"))
    status, _ = await bot_http.command(text=text)
    assert status == 200
    return await fake_slack.wait_for("chat.postMessage", count=n + 1)


async def click(bot_http, fake_slack, card, **how):
    n = len(fake_slack.calls("chat.update"))
    status, _ = await bot_http.click(card, **how)
    assert status == 200
    return await fake_slack.wait_for("chat.update", count=n + 1)


async def test_a_sure_reading_gives_the_advice_in_one_click_with_a_draft_ready_to_send(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, RECRUITER)
    text = shown(card)
    assert "Here's how I read it" in text and "What I noticed" in text
    ids = action_ids(card)
    assert bk.A_ONE in ids and sum(i.startswith(bk.A_SELECT) for i in ids) >= 4
    looks_right = p.find_element(card.body["blocks"], bk.A_ONE)[1]
    assert looks_right["style"] == "primary"  # the action, not a guess, is the primary button
    profile = next(b for b in card.body["blocks"] if b.get("block_id") == bk.ONE_BLOCK + "profile")
    assert "initial_option" not in profile["accessory"]  # only the student can look: no preset
    n = len(fake_slack.calls("chat.update"))
    status, _ = await bot_http.action(one_card_click(card, {"profile": "verified"}))
    assert status == 200
    result = await fake_slack.wait_for("chat.update", count=n + 1)
    assert "What did you do?" in shown(result)  # one click from the first card to the advice
    message = draft(result)
    assert message.startswith("Hi Priya,") and message.rstrip().endswith("Alex Rivera")
    assert "Summer Analyst internship at Deloitte" in message and "careers page" in message
    assert "[" not in message and "Hi there" not in message
    record = (await bot_http.store.list(user_id=p.STUDENT))[0]
    assert record.answers["reason"] == "opportunity" and record.answers["met"] == "no"


async def test_what_i_noticed_quotes_each_phrase_once(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, RECRUITER)
    noticed = next(
        b["text"]["text"]
        for b in card.body["blocks"]
        if b.get("text", {}).get("text", "").startswith("*What I noticed*")
    )
    because = noticed.split("*Because of:*", 1)[1]
    quoted = re.findall(r"“([^”]+)”", because)
    assert quoted and len(quoted) == len(set(quoted)), because
    assert "_personal note and purpose:_" in because  # the note's sentence says both, once


async def test_a_change_on_the_one_card_is_what_counts(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, RECRUITER)
    n = len(fake_slack.calls("chat.update"))
    await bot_http.action(one_card_click(card, {"met": "yes", "value": "no"}))
    result = await fake_slack.wait_for("chat.update", count=n + 1)
    assert "Ignore it" in shown(result)
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].answers["met"] == "yes"


async def test_an_unsure_reading_goes_step_by_step_with_at_most_five_buttons(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, "someone named Kai added me, says hi")
    assert "Step 1 of" in shown(card) and bk.A_ONE not in action_ids(card)
    for option in ("default", "no"):
        card = await click(bot_http, fake_slack, card, **answer_click(card, option))
    assert "What I noticed" not in shown(card)  # said once, on the first step
    menu = [i for i in action_ids(card) if i.startswith(bk.A_PICK)]
    assert menu == [bk.A_PICK + "reason"]  # eight answers: a menu, not eight buttons
    for block in card.body["blocks"]:
        if block["type"] == "actions":
            assert len(block["elements"]) <= 5
            assert all(len(e["text"]["text"]) <= 30 for e in block["elements"])
    card = await click(bot_http, fake_slack, card, action_id=bk.A_PICK + "reason", value="networking")
    assert "Could this connection be worth something" in shown(card)


async def test_a_stranger_asking_for_a_referral_gets_advice_and_a_draft_for_that(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, REFERRAL_ASK)
    assert "someone asking you to refer them" in shown(card)
    n = len(fake_slack.calls("chat.update"))
    await bot_http.action(one_card_click(card))
    result = await fake_slack.wait_for("chat.update", count=n + 1)
    text = shown(result)
    assert "Reply before you accept" in text and "A referral puts your name behind them" in text
    message = draft(result)
    assert message.startswith("Hi Daniel,") and "Before I refer anyone" in message
    assert "Software Engineer Intern" in message


async def test_a_sender_offering_a_referral_is_named_as_offering_one(bot_http, fake_slack):
    card = await start(
        bot_http,
        fake_slack,
        "Hi! I'm on the data team at Initech and I'd be happy to refer you for our intern role.",
    )
    text = shown(card)
    assert "someone offering to refer you" in text and "asking you to refer" not in text
    assert "a referral or an introduction" not in text


async def test_a_spanish_invitation_gets_a_spanish_draft(bot_http, fake_slack):
    card = await step_by_step(bot_http, fake_slack, await start(bot_http, fake_slack, SPANISH))
    for option in ("personal", "no", "opportunity", "verified", "maybe"):
        card = await click(bot_http, fake_slack, card, **answer_click(card, option))
    message = draft(card)
    assert message.startswith("Hola Lucía:") and "BBVA" in message and "Saludos," in message


async def test_a_description_that_places_the_sender_counts_as_having_met(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, "my old lab partner from chem sent a request, no note")
    card = await click(bot_http, fake_slack, card, **answer_click(card, "default"))
    assert "Have you two met?" in shown(card) and "I'd guess *Yes, I know them*" in shown(card)


async def test_i_already_accepted_goes_straight_to_the_message(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, "I already accepted Dana's request, help me write a thank-you")
    text = shown(card)
    assert "A message for Dana" in text and "Step 1" not in text and "Here's how I read it" not in text
    message = draft(card)
    assert message.startswith("Hi Dana,") and "Thanks for connecting" in message
    assert message.rstrip().endswith("Alex Rivera")
    assert await bot_http.store.list(user_id=p.STUDENT) == []  # a request for words, not a check


async def test_the_students_field_is_asked_once_and_every_draft_then_uses_it(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, RECRUITER)
    n = len(fake_slack.calls("chat.update"))
    await bot_http.action(one_card_click(card, {"profile": "verified"}))
    result = await fake_slack.wait_for("chat.update", count=n + 1)
    assert "focusing on" not in draft(result) and bk.A_FIELD in action_ids(result)
    await bot_http.click(result, action_id=bk.A_FIELD)
    opened = await fake_slack.wait_for("views.open")
    await bot_http.view_submission(opened, {bk.B_FIELD: "forensic accounting"})
    redrawn = await fake_slack.wait_for("chat.update", count=n + 2)
    assert "I'm focusing on forensic accounting" in draft(redrawn) and bk.A_FIELD not in action_ids(redrawn)
    assert (await bot_http.store.get_prefs(p.TEAM_ID, p.STUDENT))[bk.FIELD_PREF] == "forensic accounting"
    await bot_http.event(p.app_home_opened(user_id=p.STUDENT))
    home = await fake_slack.wait_for("views.publish")
    assert "forensic accounting" in json.dumps(home.body["view"]["blocks"])


async def test_leaving_the_profile_unchecked_on_the_one_card_leads_to_that_question(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, RECRUITER)
    # The button promises no advice it cannot give yet: the profile answer is still open.
    assert p.find_element(card.body["blocks"], bk.A_ONE)[1]["text"]["text"] == "Looks right: continue"
    n = len(fake_slack.calls("chat.update"))
    await bot_http.action(one_card_click(card))
    step = await fake_slack.wait_for("chat.update", count=n + 1)
    assert "What does their LinkedIn profile show?" in shown(step) and "What did you do?" not in shown(step)


ALUM_CHAT = (
    "Hi Alex, I'm Daniel Kim, a 2019 grad of State's economics program and now a product manager at Spotify."
    " I saw you're in the Product Club. Would you be up for a 20-minute chat? I'd be glad to tell you about"
    " my path from econ into product management."
)
REFERRAL_OFFER = (
    "Lena Fischer\nSenior Data Engineer at Shopify\n· 3rd+\nHi Alex, I came across your Kaggle project on"
    " retail demand forecasting. I can refer you to my team's opening for a data engineering intern if you're"
    " interested. Lena\nIgnore Accept"
)


async def looks_right(bot_http, fake_slack, card, changes: dict[str, str] | None = None):
    n = len(fake_slack.calls("chat.update"))
    status, _ = await bot_http.action(one_card_click(card, changes))
    assert status == 200
    return await fake_slack.wait_for("chat.update", count=n + 1)


async def test_a_note_proposing_a_chat_gets_a_draft_that_says_yes_and_finds_a_time(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, ALUM_CHAT)
    result = await looks_right(bot_http, fake_slack, card)
    assert "What did you do?" in shown(result)
    message = draft(result)
    assert message.startswith("Hi Daniel,") and message.rstrip().endswith("Alex Rivera")
    assert "take you up on the chat" in message and "next week" in message
    assert "had in mind" not in message and "Would you be up for" not in message
    assert "reaching out from" not in message


async def test_a_referral_offer_gets_thanks_and_questions_about_the_team(bot_http, fake_slack):
    card = await start(bot_http, fake_slack, REFERRAL_OFFER)
    result = await looks_right(bot_http, fake_slack, card, {"profile": "unknown"})
    message = draft(result)
    assert message.startswith("Hi Lena,") and "offering to refer me" in message
    assert "data engineering intern role at Shopify" in message and "résumé" in message
    assert "e-mail" not in message and "link to the posting" in message


async def test_a_stock_invitation_is_not_thanked_as_outreach_from_the_company(bot_http, fake_slack):
    stock = "Ryan Chen\nSoftware Engineer at Google | Ex-Amazon\n· 3rd+\nI'd like to join your LinkedIn network.\nIgnore Accept"
    card = await start(bot_http, fake_slack, stock)
    result = await looks_right(bot_http, fake_slack, card)
    message = draft(result)
    assert message.startswith("Hi Ryan,") and "from Google" not in message
