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
        # A seller's headline says who they are, not why they wrote (LABELS.md, headlines).
        "Omar Haddad\nWealth Manager | I help young professionals grow their savings\n"
        "I'd like to add you to my professional network on LinkedIn.",
        "Lena Brandt\nFounder | Helping grads land offers in 30 days\n· 3rd+\nIgnore Accept",
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


# --------------------------------------------------------------------------- rule signals the intent model reads


def _signals(text: str) -> tuple[str, ...]:
    inputs = read(text).model_input()
    assert inputs is not None, text
    return inputs[2]


@pytest.mark.parametrize(
    "text",
    [
        "Hi Ana! Our team is hiring two data interns for the spring, would you like the details?",
        "Buenos días Pablo, desde el área de talento de Grupo Sol buscamos perfiles para prácticas de verano.",
        "Olá Bia, sou do time de recrutamento da Fintechy e temos vagas de estágio em dados abertas.",
    ],
)
def test_a_role_offered_in_english_spanish_or_portuguese_is_a_job_signal(text: str) -> None:
    assert "job" in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hey Theo, want to team up for the climate hackathon in March? We need a designer.",
        "Hola Lucía, busco un cofundador técnico para una app de reciclaje, ¿trabajamos juntos?",
        "Oi Caio, topa uma parceria num projeto de visão computacional para o TCC?",
    ],
)
def test_a_project_proposed_is_a_project_signal(text: str) -> None:
    assert "project" in _signals(text)


def test_a_note_with_no_role_or_project_carries_neither_signal() -> None:
    signals = _signals("Hi Rosa, I enjoyed your article on urban gardens and would love to follow your work.")
    assert "job" not in signals and "project" not in signals


@pytest.mark.parametrize(
    "headline, role",
    [
        ("Senior Account Executive at Cloudly", "hcue:seller"),
        ("Business Development Lead | SaaS", "hcue:seller"),
        ("Co-Founder & CEO at Tinyco", "hcue:founder"),
        ("CS Student at Lakeside University | Seeking summer internships", "hcue:student"),
        ("Assistant Professor of Chemistry | Research on catalysts", "hcue:academic"),
        ("Technical Sourcer at Meta", "hcue:recruiter"),
    ],
)
def test_a_headline_role_is_a_signal(headline: str, role: str) -> None:
    text = f"Jordan Reyes\n{headline}\nHi Sam, I saw your robotics project and had a question about the arm you built."
    assert role in _signals(text)


@pytest.mark.parametrize(
    "text, direction",
    [
        (
            "Hi Lee, my team has an opening and I'll pass your name along to the manager if you want.",
            "offers",
        ),
        ("Hey, could you help me with a referral for the analyst opening at your bank?", "asks"),
        ("a guy from my robotics club said he'd put in a good word for me at Initech", "offers"),
        ("una compañera de clase me pidió que la refiera para el puesto en mi empresa", "asks"),
    ],
)
def test_a_referrals_direction_is_read_and_given_to_the_model(text: str, direction: str) -> None:
    s = analyze(text)
    assert s.referral == direction
    assert f"ref:{direction}" in _signals(text)


def test_a_description_of_someone_the_student_knows_is_a_signal() -> None:
    text = "a girl I went to high school with sent a request, no note"
    s = analyze(text)
    assert s.is_description and s.knows_sender
    assert "known" in _signals(text)


@pytest.mark.parametrize(
    "text, signal",
    [
        ("a recruiter from an airline sent a request saying she has a role for me", "desc_recruiter"),
        ("una reclutadora de un banco me agregó y dice que tiene prácticas para mí", "desc_recruiter"),
        ("some guy selling website templates added me, says we should grab coffee", "desc_seller"),
        (
            "he wants me to join his team and sign up for his starter course, says I'd be my own boss",
            "desc_seller",
        ),
    ],
)
def test_what_a_description_says_of_the_sender_is_a_signal(text: str, signal: str) -> None:
    assert read(text).parts.is_description  # type: ignore[union-attr]
    assert signal in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hola, somos una agencia de marketing digital y ayudamos a marcas como la tuya. ¿Te paso nuestro portafolio?",
        "Oi! Sou uma consultora de RH e ajudamos empresas a contratar mais rápido. Posso mandar um orçamento?",
    ],
)
def test_a_spanish_or_portuguese_vendor_opener_is_a_vendor_signal(text: str) -> None:
    assert "vendor" in _signals(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi! Marta said I should connect with you about the data science club.",
        "Oi Rafa, a professora Lúcia sugeriu que eu te procurasse sobre o laboratório.",
    ],
)
def test_a_named_go_between_is_a_tie(text: str) -> None:
    assert "tie" in _signals(text)
    assert analyze(text).claims_prior_contact


# --------------------------------------------------------------------------- descriptions in a student's voice


@pytest.mark.parametrize(
    "text",
    [
        "only the usual 'join your network' thing",
        'nothing but the standard "I\'d like to add you to my professional network"',
    ],
)
def test_a_quoted_stock_line_does_not_make_a_description_look_like_a_paste(text: str) -> None:
    s = analyze(text)
    assert s.is_description and s.custom_message is False


@pytest.mark.parametrize(
    "text",
    [
        "he tell me he is manager at a hotel and want give me job",
        "she say she can help me find internship",
        "my neighbour's son offered to refer me at his bank",
    ],
)
def test_a_description_in_non_native_english_or_reporting_an_offer_is_a_description(text: str) -> None:
    s = analyze(text)
    assert s.is_description and s.custom_message is True


def test_a_recruiting_headline_over_lets_connect_with_an_emoticon_is_a_recruiter() -> None:
    s = analyze("Dana Ruiz\nUniversity Recruiter at Acme | We're hiring\nHello, let's connect :-)")
    assert (s.intent, s.intent_confidence) == ("recruiter", 1.0)


@pytest.mark.parametrize(
    "text", ["Hi Jo, would be great to connect 🙂", "Hello! It would be nice to connect."]
)
def test_a_wish_to_connect_and_nothing_else_is_unclear(text: str) -> None:
    s = analyze(text)
    assert (s.intent, s.intent_confidence) == ("unclear", 1.0)


def test_a_sender_who_hopes_you_might_refer_them_asks() -> None:
    s = analyze(
        "Hi Kim, I'm applying to your company. Would you be open to a call or maybe referring me? Thanks!"
    )
    assert s.referral == "asks"


def test_a_texting_style_collab_is_a_project() -> None:
    assert "project" in _signals("yo lets colab on a podcast about startups, u interested?")


@pytest.mark.parametrize(
    "text",
    [
        "Hello Priya, I'm a technical recruiter at Brightline and we're building our intern class.",
        "Hey! Acme is hiring backend engineers this fall, thought of you.",
    ],
)
def test_a_recruiter_introducing_themselves_or_a_team_hiring_is_a_job_signal(text: str) -> None:
    assert "job" in _signals(text)


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Ana Souza\nRecrutadora na Natura\nOlá Pedro, temos vagas de estágio em marketing. Vamos conversar?"
            "\nIgnorar\nAceitar",
            "Ana Souza",
        ),
        (
            "Carlos Ruiz\nReclutador en BBVA\n· 3er+\nHola Ana, tenemos prácticas en Madrid.\nIgnorar Aceptar",
            "Carlos Ruiz",
        ),
    ],
)
def test_spanish_and_portuguese_pages_are_read_as_linkedin_cards(text: str, name: str) -> None:
    """LinkedIn's buttons in the student's language are page chrome, and a headline in it is a headline:
    the sender is the name on the card, never "Ignorar Aceptar"."""
    s = analyze(text)
    assert s.requester_name == name
    assert (s.intent, s.custom_message) == ("recruiter", True)
