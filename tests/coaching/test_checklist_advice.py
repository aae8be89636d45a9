"""Pure walkthrough rules and the advice they lead to."""

from types import SimpleNamespace

import pytest

from bot.coaching import checklist
from bot.coaching.advice import advise, fill_template, first_name
from bot.coaching.content import DEFAULT_PROMPTS, load_content

CONTENT = load_content(DEFAULT_PROMPTS)


def test_walkthrough_moves_forward_back_and_over():
    a = {}
    assert checklist.position(CONTENT, a).number == 1
    a = checklist.answer(CONTENT, a, "note", "default")
    a = checklist.answer(CONTENT, a, "met", "maybe")
    pos = checklist.position(CONTENT, a)
    assert (pos.step.id, pos.number, pos.total) == ("reason", 3, 4)
    assert checklist.joggers(CONTENT, a), "maybe shows memory joggers"
    assert not checklist.joggers(CONTENT, checklist.answer(CONTENT, a, "reason", "unsure")), (
        "only right after"
    )
    a = checklist.back(a)
    assert list(a) == ["note"]
    assert checklist.start_over() == {}


def test_answering_a_step_out_of_order_is_refused():
    with pytest.raises(checklist.InvalidAnswer):
        checklist.answer(CONTENT, {}, "met", "yes")
    with pytest.raises(checklist.InvalidAnswer):
        checklist.answer(CONTENT, {}, "note", "sideways")
    with pytest.raises(checklist.InvalidAnswer):
        checklist.validate_answers(CONTENT, {"met": "yes"})


def test_double_click_on_the_step_just_answered_is_harmless():
    a = checklist.answer(CONTENT, {}, "note", "personal")
    assert checklist.answer(CONTENT, a, "note", "default") == {"note": "default"}


@pytest.mark.parametrize(
    ("signals", "expected"),
    [
        (
            SimpleNamespace(custom_message=False, claims_prior_contact=False, intent="sales", red_flags=()),
            {"note": "default", "reason": "selling", "value": "no"},
        ),
        (
            SimpleNamespace(
                custom_message=True, claims_prior_contact=True, intent="networking", red_flags=()
            ),
            {"note": "personal", "met": "maybe", "reason": "forgot"},
        ),
        (
            SimpleNamespace(
                custom_message=True, claims_prior_contact=False, intent="recruiter", red_flags=("urgency",)
            ),
            {"note": "personal", "reason": "opportunity"},
        ),
        (
            SimpleNamespace(custom_message=True, claims_prior_contact=False, intent="referral", red_flags=()),
            {"note": "personal", "reason": "referral"},
        ),
    ],
)
def test_suggestions_follow_the_signals(signals, expected):
    assert checklist.suggest_answers(CONTENT, signals) == expected


def test_advice_examples_from_the_guides():
    # A stranger with a personal note offering a real opportunity: accept.
    a = advise(
        CONTENT,
        {"note": "personal", "met": "no", "reason": "opportunity", "profile": "verified", "value": "yes"},
    )
    assert a.recommendation == "accept" and a.message
    # Can't place them: reply before accepting, asking how you met.
    a = advise(CONTENT, {"note": "default", "met": "maybe", "reason": "unsure", "value": "maybe"})
    assert a.recommendation == "reply_first" and "how you came across my profile" in a.message
    # Valuable stranger: meet first.
    a = advise(CONTENT, {"note": "personal", "met": "no", "reason": "networking", "value": "yes"})
    assert a.recommendation == "meet_first" and "coffee" in a.message
    # A pitch: ignore, with the spam option.
    a = advise(CONTENT, {"note": "personal", "met": "no", "reason": "selling", "value": "maybe"})
    assert a.recommendation == "ignore" and a.spam and a.spam_action and a.message is None


def test_reasons_quote_the_students_own_answers():
    a = advise(CONTENT, {"note": "default", "met": "maybe", "reason": "unsure", "value": "maybe"})
    assert CONTENT.step("met").option("maybe").reason in a.reasons
    assert CONTENT.step("note").option("default").reason in a.reasons


def test_red_flags_turn_accept_into_the_safety_card_without_a_draft():
    a = advise(
        CONTENT,
        {"note": "personal", "met": "no", "reason": "opportunity", "profile": "verified", "value": "yes"},
        red_flags=("asks_for_money",),
    )
    assert a.recommendation == "ignore" and a.spam and a.safety and a.red_flags == ("asks_for_money",)
    assert a.message is None and a.template_id is None  # nothing that invites more contact
    assert "warning signs" in a.reasons[0]
    assert not any("Accept" in r or "Reply" in r for r in a.reasons)


def test_template_is_signed_with_the_students_name_and_falls_back_visibly():
    text = fill_template(CONTENT, "meet_first", first_name="Ana", my_name="Sam Lee", interest="UX research")
    assert text.startswith("Hi Ana,") and text.rstrip().endswith("Sam Lee") and "UX research" in text
    text = fill_template(CONTENT, "meet_first")
    assert text.startswith("Hi there,") and "[your name]" in text and "[your field]" in text


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dr. Priya Sharma, MBA", "Priya"),
        ("José Álvarez", "José"),
        ("  ", None),
        (None, None),
        ("Anne-Marie O'Brien", "Anne-Marie"),
        ("<!channel>", "channel"),
    ],
)
def test_first_name(name, first):
    assert first_name(name) == first


def test_an_unsure_intent_preselects_no_reason_but_rules_still_do():
    sure = SimpleNamespace(
        custom_message=True, claims_prior_contact=False, intent="recruiter", red_flags=(), intent_sure=True
    )
    unsure = SimpleNamespace(**{**vars(sure), "intent_sure": False})
    assert checklist.suggest_answers(CONTENT, sure)["reason"] == "opportunity"
    assert "reason" not in checklist.suggest_answers(CONTENT, unsure)
    flagged = SimpleNamespace(**{**vars(sure), "red_flags": ("off_platform",)})
    # a warning sign no longer poses as a sales pitch: the safety rule decides, whatever the reason
    assert checklist.suggest_answers(CONTENT, flagged)["reason"] == "opportunity"
