"""A draft answers what the invitation said and what the student answered, and never asks it again."""

from __future__ import annotations

import pytest

from bot.coaching import checklist
from bot.coaching.advice import Reading, draft_for
from bot.coaching.analyzer import analyze
from bot.coaching.analyzer.cues import proposes_chat
from bot.coaching.analyzer.details import role
from bot.coaching.analyzer.paste import strip_marks
from bot.coaching.content import DEFAULT_PROMPTS, load_content

CONTENT = load_content(DEFAULT_PROMPTS)
NETWORKING = {"note": "personal", "met": "no", "reason": "networking", "value": "maybe"}
OPPORTUNITY = {
    "note": "personal",
    "met": "no",
    "reason": "opportunity",
    "profile": "unknown",
    "value": "maybe",
}
ASKING = ("what you had in mind", "what did you have in mind", "would you be up for", "would you have 15")


def _asks_again(text: str) -> bool:
    return any(q in text.lower() for q in ASKING)


@pytest.mark.parametrize(
    "text",
    [
        "would you be up for a 20-minute chat? i'd be glad to tell you about my path",
        "happy to hop on a quick call if you're interested",
        "are you open to a coffee chat next week?",
        "let me know if you want to chat",
        "¿te gustaría tener una llamada corta esta semana?",
    ],
)
def test_a_note_proposing_a_chat_is_read_as_one(text: str) -> None:
    assert proposes_chat(text)


@pytest.mark.parametrize(
    "text",
    ["i'd like to join your linkedin network", "could you refer me for the internship?", "great talk!"],
)
def test_a_note_without_a_chat_proposes_none(text: str) -> None:
    assert proposes_chat(text) is None


@pytest.mark.parametrize("purpose", ["reply", "meet"])
def test_a_proposed_chat_is_accepted_not_asked_about(purpose: str) -> None:
    signals = analyze(
        "Hi Alex, I'm Daniel Kim, a 2019 grad of State's economics program and now a product manager at"
        " Spotify. Would you be up for a 20-minute chat? I'd be glad to tell you about my path."
    )
    assert signals.proposes_chat
    reading = Reading(requester_name="Daniel Kim", details={"company": "Spotify"}, proposes_chat=True)
    text = draft_for(CONTENT, purpose, NETWORKING, reading, my_name="Alex Rivera").text
    assert not _asks_again(text), text
    assert "chat" in text or "talk" in text
    assert "next week" in text and "times" in text  # it moves on to finding a time


def test_stock_text_is_not_thanked_as_reaching_out_from_the_company() -> None:
    reading = Reading(requester_name="Ryan Chen", details={"company": "Google"})
    for purpose in ("reply", "meet"):
        text = draft_for(CONTENT, purpose, {"met": "no", "reason": "unsure"}, reading).text
        assert "from Google" not in text and "Thanks for the invitation" in text


def test_a_referral_offer_is_thanked_and_answered_with_the_team_and_a_resume() -> None:
    signals = analyze(
        "Lena Fischer\nSenior Data Engineer at Shopify\n· 3rd+\nHi Alex, I came across your Kaggle project."
        " I can refer you to my team's opening for a data engineering intern if you're interested. Lena\n"
        "Ignore Accept"
    )
    assert signals.referral == "offers"
    reading = Reading(requester_name="Lena Fischer", details=signals.details.as_dict(), offers_referral=True)
    text = draft_for(CONTENT, "reply", OPPORTUNITY, reading, my_name="Alex Rivera").text
    assert "offering to refer me" in text and "team" in text and "résumé" in text
    assert "e-mail" not in text and "link to the posting" in text
    assert "data engineering intern role at Shopify" in text  # a position, not a person


def test_a_recruiters_reply_never_points_at_nothing_or_asks_when_it_opens() -> None:
    bare = draft_for(CONTENT, "reply", OPPORTUNITY, Reading(details={"company": "Accenture"})).text
    assert "link to it" not in bare and "when it opens" not in bare and "the posting" in bare
    named = Reading(details={"company": "Accenture", "role": "Summer 2026 Technology Analyst Internship"})
    text = draft_for(CONTENT, "reply", OPPORTUNITY, named).text
    assert "Summer 2026 Technology Analyst Internship at Accenture" in text and "when it opens" not in text


def test_the_spanish_recruiter_reply_names_the_company_once() -> None:
    reading = Reading(language="es", details={"company": "Banco Santander", "role": "prácticas de verano"})
    text = draft_for(CONTENT, "reply", OPPORTUNITY, reading).text
    assert text.count("Banco Santander") == 1 and "Antes de conectar" not in text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Applications for our Summer 2026 Technology Analyst Internship open on October 1", "Summer 2026 Technology Analyst Internship"),
        ("We are hiring for the Data Science Internship this fall", "Data Science Internship"),
    ],
)  # fmt: skip
def test_a_capitalised_internship_and_its_year_are_the_role(text: str, found: str) -> None:
    assert role(text) == found


def test_the_event_reply_thanks_for_a_reminder_only_when_the_note_gave_one() -> None:
    described = analyze("a guy from the career fair added me, no note")
    reading = Reading(details=described.details.as_dict(), note_says_met=False)
    text = draft_for(CONTENT, "reply", {"note": "default", "met": "maybe", "reason": "unsure"}, reading).text
    assert "reminder" not in text and "career fair" in text
    noted = Reading(details={"event": "the career fair"}, note_says_met=True)
    text = draft_for(CONTENT, "reply", {"note": "personal", "met": "maybe", "reason": "forgot"}, noted).text
    assert "reminder that we met at the career fair" in text


def test_a_description_placing_the_sender_at_an_event_suggests_you_may_have_met() -> None:
    signals = analyze("a guy from the career fair added me, no note")
    assert checklist.suggest_answers(CONTENT, signals).get("met") == "maybe"


def test_no_note_in_a_description_is_not_quoted_as_the_note() -> None:
    signals = analyze("a guy from the career fair added me, no note")
    assert not [e for e in signals.evidence if e.field == "custom_message"]


@pytest.mark.parametrize("mark", ["· 3er+", "· 2º", "· 1er", "· 3º+", "· 2nd"])
def test_a_spanish_or_portuguese_degree_marker_is_no_part_of_a_line(mark: str) -> None:
    assert strip_marks(f"Carmen Ruiz {mark}") == "Carmen Ruiz"


def test_a_spanish_degree_line_is_not_quoted_as_the_note() -> None:
    signals = analyze(
        "Carmen Ruiz\nTalent Acquisition en Banco Santander\n· 3er+\nHola Alex, soy Carmen, del equipo de"
        " reclutamiento de Banco Santander. Estamos buscando estudiantes para prácticas de verano.\n"
        "Ignorar Aceptar"
    )
    notes = [e.phrase for e in signals.evidence if e.field == "custom_message"]
    assert notes and "3er" not in notes[0]


def test_the_ignore_steps_agree_with_the_safety_card() -> None:
    spam = CONTENT.decisions.recommendations["ignore"].spam_action or ""
    assert "after *Ignore*" in spam and "*More* and then *I don't know" not in spam
    assert "*Ignore*" in CONTENT.safety.linkedin.text and "I don't know this person" in spam
