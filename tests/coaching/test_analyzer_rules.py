"""Rules where rules are right: which way a referral goes, what a description reports of the note, what a
headline says when the note says nothing, and the student's own request. Examples written for these
tests (LABELS.md decides each expected answer)."""

from __future__ import annotations

import pytest

from bot.coaching.analyzer import analyze, read, to_contract
from bot.coaching.analyzer.cues import student_request

# --------------------------------------------------------------------------- the direction of a referral

ASKS = [
    "Could you refer me for the internship at your company?",
    "Hi Sam, would you be open to referring me to your team's new grad opening? I applied last week.",
    "Hey! I saw you work at Initech. Can you please refer me for the data analyst role?",
    "Hola, ¿me podrías referir para la pasantía de verano en tu empresa?",
    "random guy from my school added me and wants me to refer him to my company",
    "a senior I barely know sent a request asking if I could refer her for the Globex internship",
    "he sent a note saying 'could you refer me to your team?' and nothing else",
]
OFFERS = [
    "Hi! I can refer you for the analyst role at Stripe if you're interested.",
    "I work on the payments team and I'd be happy to refer you once you apply.",
    "Te puedo referir para la vacante de analista si te interesa.",
    "a senior from my club sent a request, she offered to refer me for the Deloitte internship",
    "an alum at Acme messaged me, says he can refer me for the summer program",
]
NEITHER = [
    "We met at the career fair yesterday, let's connect!",
    "Dana suggested I reach out, she thought we should talk about the robotics club",
    "got a request from a recruiter at Globex, no note",
]


@pytest.mark.parametrize("text", ASKS)
def test_a_sender_asking_for_a_referral_is_marked_asks(text: str) -> None:
    s = analyze(text)
    assert s.referral == "asks" and s.asks_referral
    assert to_contract(s)["details"]["referral"] == "asks"


@pytest.mark.parametrize("text", OFFERS)
def test_a_sender_offering_a_referral_is_marked_offers(text: str) -> None:
    s = analyze(text)
    assert s.referral == "offers" and not s.asks_referral
    assert to_contract(s)["details"]["referral"] == "offers"


@pytest.mark.parametrize("text", NEITHER)
def test_no_referral_talk_means_no_direction(text: str) -> None:
    assert to_contract(analyze(text))["details"]["referral"] is None


def test_the_direction_adds_a_detail_and_changes_no_contract_field() -> None:
    c = to_contract(analyze(ASKS[0]))
    assert set(c["details"]) == {"company", "role", "event", "school", "mutual", "referral"}
    assert c["intent"] == "referral"


# --------------------------------------------------------------------------- a description's report of the note


@pytest.mark.parametrize(
    "text",
    [
        "got a request from someone, only the usual 'join your network' thing",
        "a girl from my dorm added me, the note was just 'I'd like to join your LinkedIn network'",
        "a headhunter added me, default text",
    ],
)
def test_a_description_reporting_linkedins_own_text_reports_no_note(text: str) -> None:
    s = analyze(text)
    assert s.is_description
    assert s.custom_message is False


@pytest.mark.parametrize(
    "text, claims",
    [
        ("a guy from my stats class sent a request, note says we met at the fair", True),
        ("someone I don't recognize added me with 'long time no see'", True),
        ('a woman from a bank sent a request with "loved your question at the panel"', True),
        ("some founder added me, his note says 'I have an idea you might like'", False),
    ],
)
def test_a_description_quoting_the_senders_own_words_reports_a_note(text: str, claims: bool) -> None:
    s = analyze(text)
    assert s.is_description
    assert s.custom_message is True
    assert s.claims_prior_contact is claims


def test_a_quoted_headline_is_not_the_note() -> None:
    s = analyze("someone whose headline says 'Talent Partner at Globex' added me, nothing else")
    assert s.is_description and s.custom_message is False


def test_a_description_names_the_sender_from_the_quoted_note() -> None:
    s = analyze("my classmate sent a request, message says 'hi, it's Priya from CHEM 101!'")
    assert s.requester_name == "Priya"


def test_a_description_of_a_recruiter_with_no_note_is_a_recruiter() -> None:
    s = analyze("a headhunter added me, default text")
    assert (s.intent, s.intent_sure) == ("recruiter", True)
    assert any(e.field == "intent" and "headhunter" in e.phrase for e in s.evidence)
    assert analyze("a recruiter from a bank sent a request, no note").intent == "recruiter"


def test_a_description_of_someone_who_is_not_a_recruiter_is_not_made_one() -> None:
    assert read("a guy who is not a recruiter added me, no note").rule_intent() is None


# --------------------------------------------------------------------------- headlines over a note with no purpose


@pytest.mark.parametrize(
    "text",
    [
        "Jordan Lee\nCampus Recruiter at Acme | Hiring interns\nHi, let's connect!",
        "Campus Recruiter at Acme | Hiring interns\nHi, let's connect!",
        "Maya Chen · 2nd\nTalent Acquisition Partner at Globex\nHello Sam! Happy to connect.\nAccept Ignore",
    ],
)
def test_a_recruiting_headline_over_a_bare_lets_connect_is_a_recruiter(text: str) -> None:
    s = analyze(text)
    assert (s.intent, s.intent_sure, s.intent_confidence) == ("recruiter", True, 1.0)
    assert s.custom_message  # "let's connect" is still a note of the sender's own
    assert s.headline and "Recruit" in s.headline or "Talent" in (s.headline or "")


@pytest.mark.parametrize(
    "text",
    [
        "Founder & CEO at Tinyco\nHi, let's connect!",
        "Jordan Lee\nSenior Account Executive at Globex\nHi Sam! Let's connect.",
        "Priya Raman\nData Analyst at Stripe\nLet's connect on LinkedIn!",
    ],
)
def test_a_headline_that_states_no_purpose_leaves_a_bare_lets_connect_unclear(text: str) -> None:
    s = analyze(text)
    assert (s.intent, s.intent_sure) == ("unclear", True)


def test_a_note_with_a_purpose_is_read_for_it_whatever_the_headline() -> None:
    text = "Maya Chen\nTalent Partner at Initech\nHi Sam, I'm starting a study group for the AWS exam, want to join?"
    assert read(text).rule_intent() is None


# --------------------------------------------------------------------------- the student's own request


@pytest.mark.parametrize(
    "text, name",
    [
        ("I already accepted Dana's request, help me write a thank-you", "Dana"),
        ("I just replied to Marco's invite, what should I say next?", "Marco"),
    ],
)
def test_the_students_own_request_is_not_the_invitations_note(text: str, name: str) -> None:
    s = analyze(text)
    assert s.is_description
    assert s.custom_message is False
    assert s.claims_prior_contact is False
    assert s.requester_name == name
    assert not any(e.field == "custom_message" for e in s.evidence)


def test_a_sender_who_accepted_a_new_job_is_not_a_student_asking_for_help() -> None:
    text = "I just accepted a new role at Acme and would love to help students with interview prep, let's connect"
    assert student_request(text) is None
    s = analyze(text)
    assert s.custom_message is True and not s.is_description
