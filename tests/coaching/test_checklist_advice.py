"""Pure walkthrough rules and the advice they lead to."""

from types import SimpleNamespace

import pytest

from bot.coaching import checklist
from bot.coaching.advice import Reading, advise, draft_for
from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.coaching.drafts import first_name

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
    assert a.recommendation == "reply_first" and "trying to place where we met" in a.message
    # Valuable stranger: meet first.
    a = advise(CONTENT, {"note": "personal", "met": "no", "reason": "networking", "value": "yes"})
    assert a.recommendation == "meet_first" and "15-minute call" in a.message
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
    assert a.message is None and a.draft_purpose is None  # nothing that invites more contact
    assert "warning signs" in a.reasons[0]
    assert not any("Accept" in r or "Reply" in r for r in a.reasons)


def test_a_draft_names_what_the_invitation_named_and_never_shows_a_placeholder():
    reading = Reading(
        requester_name="Priya Raman",
        intent="recruiter",
        details={"company": "Deloitte", "role": "Summer Analyst internship"},
    )
    answers = {"note": "personal", "met": "no", "reason": "opportunity", "profile": "unknown", "value": "yes"}
    draft = draft_for(CONTENT, "reply", answers, reading, my_name="Sam Lee")
    assert draft.text.startswith("Hi Priya,") and draft.text.rstrip().endswith("Sam Lee")
    assert "Summer Analyst internship at Deloitte" in draft.text and "on your careers page" in draft.text
    bare = draft_for(CONTENT, "meet", {"reason": "networking"}, Reading())
    assert bare.text.startswith("Hi,\n") and "[" not in bare.text and "{" not in bare.text
    assert "Hi there" not in bare.text and bare.text.rstrip().endswith("Best,")
    with_field = draft_for(CONTENT, "meet", {"reason": "networking"}, Reading(), interest="UX research")
    assert "UX research" in with_field.text


def test_a_spanish_invitation_gets_a_spanish_draft_and_a_referral_request_its_own():
    reading = Reading(
        requester_name="Lucía Gómez", intent="recruiter", language="es", details={"company": "BBVA"}
    )
    draft = draft_for(CONTENT, "reply", {"reason": "opportunity"}, reading, my_name="Ana")
    assert draft.text.startswith("Hola Lucía:") and "BBVA" in draft.text and draft.language == "es"
    asks = draft_for(
        CONTENT,
        "reply",
        {"reason": "networking"},
        Reading(asks_referral=True, details={"role": "SWE intern"}),
    )
    assert "Before I refer anyone" in asks.text and "SWE intern" in asks.text


def test_a_mutual_contact_is_thanked_by_name():
    reading = Reading(requester_name="Leo", intent="referral", details={"mutual": "Dana Kim"})
    draft = draft_for(CONTENT, "accept", {"met": "no", "reason": "referral"}, reading)
    assert "thanks to Dana Kim" in draft.text


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


def test_the_way_a_referral_goes_picks_the_reason():
    """Asked for a referral by a stranger is its own reason; a stranger offering one is an opening,
    never "referred by someone I know"."""
    from bot.coaching.analyzer import analyze

    offers = analyze("Hi Sam, I work at Stripe and I can refer you for the new grad SWE role. Best, Dana")
    asks = analyze("Hi Sam, could you refer me for the internship at your company? Thanks, Dana")
    assert checklist.suggest_answers(CONTENT, offers).get("reason") == "opportunity"
    assert checklist.suggest_answers(CONTENT, asks).get("reason") == "asks_referral"
