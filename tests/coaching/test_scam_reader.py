"""The scam reader: disguises undone, the 2024-2026 patterns in three languages, hard negatives left alone,
and the scam model the file holds is what its training data gives."""

from __future__ import annotations

import json

import pytest

from bot.coaching.analyzer import analyze, scam, to_contract
from bot.coaching.analyzer.scam import unmask


@pytest.mark.parametrize(
    ("masked", "plain"),
    [
        ("contact me on w h a t s a p p", "whatsapp"),
        ("add me on tele-gram", "telegram"),
        ("ping me on wh@tsapp", "whatsapp"),
        ("me chama no zap", "whatsapp"),
        ("message me on the green app", "whatsapp"),
        ("my number is five five five, zero one zero, four four seven seven", "5550104477"),
    ],
)
def test_disguises_are_undone_for_matching(masked: str, plain: str) -> None:
    assert plain in unmask(masked).replace(" ", "")


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "ella dice que primero tengo que pagar la inscripción de 30 dólares para el trabajo",
            "asks_for_money",
        ),
        ("she asked me to share my resume on her personal gmail", "off_platform"),
        ("message me on the green app", "off_platform"),
        ("contact me on W h a t s A p p", "off_platform"),
        ("clone his repo and run npm install for the coding test", "install_or_run"),
        (
            "Oi! Vaga de assistente: você recebe transferências de clientes e faz o repasse no mesmo dia.",
            "asks_for_money",
        ),
        (
            "Before the interview please install our MeetSecure plug-in and grant it screen access.",
            "install_or_run",
        ),
        (
            "Our recruiter will reach you from hr@micros0ft-careers.co with the offer letter.",
            "suspicious_link",
        ),
        ("she tell me she is HR and want offer me job, first i pay 50$ for the training", "asks_for_money"),
    ],
)
def test_common_scam_forms_take_the_safety_path(text: str, sign: str) -> None:
    s = analyze(text)
    assert s.scam, text
    assert sign in s.red_flags, (text, s.red_flags)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Maya, I'm a recruiter at Northwind. Our summer data internship pays $28/hr; the posting is on our"
        " careers page. Happy to answer questions!",
        "Hi! I'm a PhD student in the HCI lab recruiting for a 30-minute interview study. Participants receive a"
        " $20 Amazon gift card. IRB approved.",
        "hey it's Leo from stats, text me so we can plan the group project",
        "Hi Sam, we're a blockchain infrastructure startup hiring backend interns in Austin. Interviews are on"
        " Zoom with our CTO.",
        "Jordan Rivera\nTalent Acquisition at Northwind\nGreat meeting you at the fair! Call my office at"
        " (312) 555-0147 if you have questions about the role.",
        "Hi Ana, I run a paid resume review service for new grads, $60 per review. Let me know if it helps!",
    ],
)
def test_hard_negatives_are_not_called_scams(text: str) -> None:
    assert not analyze(text).scam, text


def test_the_json_contract_says_whether_the_walkthrough_takes_the_safety_path() -> None:
    out = to_contract(analyze("Remote data entry, $45/hr, no interview needed. Text me on WhatsApp."))
    assert out["scam"] is True and out["red_flags"]
    assert json.dumps(out)
    assert to_contract(analyze("I'd like to join your LinkedIn network."))["scam"] is False


def test_scam_model_file_is_what_training_on_its_data_produces() -> None:
    from bot.coaching.analyzer import train_scam
    from bot.coaching.analyzer.scam_model import MODEL_PATH

    committed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    built = train_scam.build(thresholds=(committed["thresholds"]["veto"], committed["thresholds"]["scam"]))
    assert train_scam.same(built, committed), "scam_model.json is stale: run `make train`"


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("contact me on w h a t s a p p", True),
        ("add me on wh@tsapp for the offer", True),
        ("my t3l3gram is @bob", True),
        ("message me on the green app", True),
        ("hablemos por el app verde", True),
        ("me manda no zap que a gente combina", False),  # everyday Brazilian short form
        ("text me on whatsapp so we can plan the group project", False),
        ("my email is bob99@gmail.com", False),
    ],
)
def test_a_chat_app_is_hidden_only_when_its_name_is_disguised(text: str, hidden: bool) -> None:
    assert scam.hides_app(text) is hidden


def test_a_classmate_naming_whatsapp_is_asked_the_questions_but_a_disguised_name_is_a_scam() -> None:
    plain = analyze("Hola! Soy Vale, de la clase de macro. Escríbeme por WhatsApp para la presentación")
    disguised = analyze(
        "Hola! Soy Vale, de la clase de macro. Escríbeme por W.h.a.t.s.A.p.p para la presentación"
    )
    assert "off_platform" in plain.red_flags and not plain.scam
    assert "off_platform" in disguised.red_flags and disguised.scam


@pytest.mark.parametrize(
    "text",
    [
        "for the details write me on T e l e g r a m",
        "my agent will explain, reach her on w.h.a.t.s.a.p.p",
    ],
)
def test_a_chat_app_spelled_out_letter_by_letter_is_enough_on_its_own(text: str) -> None:
    s = analyze(text)
    assert s.scam and "off_platform" in s.red_flags


def test_a_classmates_plain_text_me_is_still_only_a_warning() -> None:
    s = analyze("hey it's Noor from the design studio, text me so we can split the poster work")
    assert "off_platform" in s.red_flags and not s.scam


def test_looking_for_a_hidden_app_name_is_linear_in_the_length_of_a_word() -> None:
    """The disguise check must not backtrack over one long token (the longest text the analyzer reads):
    the whole analysis of such a text has a budget the student can feel."""
    import time

    started = time.process_time()
    for _ in range(5):
        scam.hides_app("x" * 3000)
    assert (time.process_time() - started) / 5 < 0.01
