"""The analyzer: LABELS.md's rules on made-up examples, disguised text, the model file and the corpus.

Quality on the corpus's frozen fresh split is not asserted here: that split is scored once, by
benchmarks/bench_analyzer.py --accuracy fresh, never tuned against. The gates below run on train + dev.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.coaching.analyzer import INTENTS, MAX_CHARS, RED_FLAG_LABELS, analyze, to_contract
from bot.coaching.analyzer.model import MODEL_PATH, IntentModel, load
from bot.coaching.analyzer.text import clean

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "corpus"
sys.path.insert(0, str(CORPUS_DIR))
import assemble  # noqa: E402

ROWS = [json.loads(line) for line in (CORPUS_DIR / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
TUNED = [r for r in ROWS if r["split"] in ("train", "dev")]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- LABELS.md, rule by rule

STOCK = [
    "I'd like to add you to my professional network on LinkedIn.",
    "I would like to add you to my LinkedIn network",
    "Id like to add you to my network on LinkedIn.",
    "I'd like to join your LinkedIn network",
    "I’d like to connect with you on LinkedIn",
    "Please connect with me on LinkedIn",
    "Join my network on LinkedIn",
    "Since you are a person I trust, I wanted to invite you to join my network on LinkedIn.",
    "Hi Sam,\nI'd like to join your LinkedIn network.\n- Priya Raman",
    "Priya Raman\nData Analyst at Stripe\n· 2nd\n12 mutual connections\nI'd like to join your LinkedIn network.\nIgnore\nAccept",
    "Subject: Ana, please add me to your LinkedIn network\nBogdan Ionescu\nQA Engineer at Endava\nI'd like to add you "
    "to my professional network on LinkedIn.\nAccept",
]


@pytest.mark.parametrize("text", STOCK)
def test_linkedins_stock_texts_are_not_a_note_and_state_no_purpose(text: str) -> None:
    s = analyze(text)
    assert s.custom_message is False
    assert s.intent == "unclear"
    assert s.claims_prior_contact is False


def test_any_words_of_the_senders_own_are_a_note() -> None:
    assert analyze("Let's connect!").custom_message is True
    assert analyze("Hi Sam, I'd like to join your network. Loved your talk on Rust!").custom_message is True


def test_a_headline_that_says_recruiter_is_recruiter_even_without_a_note() -> None:
    s = analyze(
        "Derek O'Connell\nTalent Acquisition Partner at Deloitte\n3 mutual connections\nI'd like to join your "
        "LinkedIn network.\nIgnore Accept"
    )
    assert (s.custom_message, s.intent, s.requester_name) == (False, "recruiter", "Derek O'Connell")
    assert (
        analyze("Marcus Webb\nHR Associate at Acme\nI'd like to join your LinkedIn network.").intent
        == "unclear"
    )


@pytest.mark.parametrize(
    "line, claims",
    [
        (
            "Jordan Lee has indicated you are a Friend:\nI'd like to add you to my professional network on LinkedIn.",
            True,
        ),
        (
            "We've done business together at Accenture.\nI'd like to add you to my professional network on LinkedIn.",
            True,
        ),
        (
            "Bogdan Ionescu has indicated you are a fellow group member of Agile Coaches:\nI'd like to add you to my "
            "professional network on LinkedIn.",
            False,
        ),
    ],
)
def test_relationship_lines_are_stock_and_claim_only_a_real_tie(line: str, claims: bool) -> None:
    s = analyze(line)
    assert s.custom_message is False and s.intent == "unclear"
    assert s.claims_prior_contact is claims


@pytest.mark.parametrize(
    "text, claims",
    [
        ("Great meeting you at the career fair yesterday!", True),
        ("Dana Whitfield suggested I reach out to you.", True),
        ("I saw your poster at the undergrad research symposium and loved it.", True),
        ("We have 30 connections in common, thought we should connect.", True),
        ("Hi! We haven't met, but I'm also a fellow alum of State.", False),
        ("Fellow robotics club member here, would love to connect.", False),
        ("Looking forward to meeting you at next week's conference!", False),
        ("Hope you're doing well. I read your post on pricing.", False),
        ("my old manager sent a request, no note", False),
        ("some guy says we met at the career fair but i dont remember him", True),
    ],
)
def test_prior_contact_is_the_claim_not_its_truth(text: str, claims: bool) -> None:
    assert analyze(text).claims_prior_contact is claims


def test_the_issues_examples_read_right() -> None:
    assert (
        analyze("For a client in Rotterdam we are looking for a Medior Python Engineer.").intent
        == "recruiter"
    )
    assert analyze("We have an amazing new tool I would love to show you").intent == "sales"
    assert analyze("I would like to add you to my LinkedIn network").custom_message is False


def test_the_requester_is_never_the_greeted_recipient() -> None:
    s = analyze(
        "Hi Priya, great chatting at the Goldman info session! Let me know if you ever want to chat. — Sarah Kim"
    )
    assert s.requester_name == "Sarah Kim"
    assert (
        analyze(
            "Subject: Noah, please add me to your LinkedIn network\nTanisha Brooks\nMechanical Engineer at GE"
            "\nHi Noah, would love to connect."
        ).requester_name
        == "Tanisha Brooks"
    )


def test_red_flags_carry_the_phrase_that_raised_them() -> None:
    s = analyze(
        "Congratulations, you're hired! No interview needed. Pay the $150 onboarding fee and message me on "
        "WhatsApp today, spots are limited."
    )
    assert s.intent == "recruiter"
    assert {"asks_for_money", "off_platform", "too_good_to_be_true", "urgency"} <= set(s.red_flags)
    quoted = {
        e.field.removeprefix("red_flag:"): e.phrase for e in s.evidence if e.field.startswith("red_flag:")
    }
    assert "WhatsApp" in quoted["off_platform"]


def test_intent_evidence_quotes_the_note_and_confidence_is_a_probability() -> None:
    s = analyze("Hi Sam, could you refer me for the data analyst opening on your team? Thanks, Jo")
    assert s.intent == "referral"
    assert 0 < s.intent_confidence <= 1
    intent_quotes = [e.phrase for e in s.evidence if e.field == "intent"]
    assert intent_quotes and all(
        q in clean(s_text)
        for q in intent_quotes
        for s_text in ["Hi Sam, could you refer me for the data analyst opening on your team? Thanks, Jo"]
    )


def test_contract_json_has_every_field_other_tools_read() -> None:
    c = to_contract(analyze("Hi! I'm hiring interns for my agency, want to chat? - Brianna"))
    assert {
        "custom_message",
        "claims_prior_contact",
        "intent",
        "requester_name",
        "red_flags",
        "evidence",
        "intent_confidence",
    } <= c.keys()
    assert c["intent"] in INTENTS and 0 <= c["intent_confidence"] <= 1
    assert json.loads(json.dumps(c)) == c


def test_over_long_input_is_truncated_and_said_so() -> None:
    s = analyze("We met at the fair! " * 400)
    assert s.truncated and len("We met at the fair! " * 400) > MAX_CHARS


# --------------------------------------------------------------------------- text that cannot hide

INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u00ad",
    "\ufeff",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u180e",
]
LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і"}
SCAMS = [
    "Message me on Telegram for the job details, we pay $900 per week.",
    "Invest in crypto with me, guaranteed returns of 30% monthly. WhatsApp +1 646 555 0172",
    "Pay the onboarding fee first and send your bank details. Reply within 24 hours.",
    "Check bit.ly/3xYz to verify your account",
]


@FAST
@given(
    st.sampled_from(SCAMS),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(INVISIBLE)), max_size=12),
)
def test_invisible_characters_hide_nothing(text: str, inserts: list[tuple[int, str]]) -> None:
    disguised = text
    for pos, ch in inserts:
        k = pos % (len(disguised) + 1)
        disguised = disguised[:k] + ch + disguised[k:]
    assert analyze(disguised) == analyze(text)


@FAST
@given(st.sampled_from(SCAMS), st.sets(st.integers(0, 200), max_size=20), st.booleans())
def test_look_alike_letters_and_full_width_hide_nothing(text: str, where: set[int], wide: bool) -> None:
    chars = list(text)
    for i in where:
        if i < len(chars) and chars[i] in LOOKALIKE:
            chars[i] = LOOKALIKE[chars[i]]
    disguised = "".join(chars)
    if wide:  # full-width forms, which NFKC folds back
        disguised = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in disguised)
    original, seen = analyze(text), analyze(disguised)
    assert seen.red_flags == original.red_flags
    assert seen.intent == original.intent


def test_the_issues_disguises_still_raise_their_flags() -> None:
    assert "off_platform" in analyze("Contact me on Te\u200blegram for the role").red_flags
    assert "crypto_investment" in analyze("Join our crуpto trading group").red_flags  # Cyrillic у
    assert "off_platform" in analyze("Write me on Tele\u00adgram").red_flags


def test_a_genuine_russian_note_is_not_folded() -> None:
    assert clean("Привет, давай дружить") == "Привет, давай дружить"


# --------------------------------------------------------------------------- the model and the corpus


def test_model_file_loads_and_knows_every_intent() -> None:
    model = load()
    assert isinstance(model, IntentModel)
    assert sorted(model.classes) == sorted(INTENTS)
    assert 0 < model.preselect_threshold < 1


def test_model_file_is_what_training_on_the_corpus_produces() -> None:
    from bot.coaching.analyzer import train

    committed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert train.same(train.build(), committed), "intent_model.json is stale: run `make train`"


def test_corpus_is_what_assemble_builds_from_the_raw_batches() -> None:
    assert assemble.assemble() == ROWS


def test_corpus_size_sources_and_intents() -> None:
    assert len(ROWS) >= 400
    real = [r for r in ROWS if r["origin"] == "real"]
    assert len(real) >= 200 and all(r["source"].startswith(("https://", "http://")) for r in real)
    by_intent = Counter(r["intent"] for r in ROWS)
    assert all(by_intent[i] >= 40 for i in INTENTS), by_intent
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    assert all(set(r["red_flags"]) <= set(RED_FLAG_LABELS) for r in ROWS)


def test_held_out_split_is_frozen() -> None:
    import hashlib

    held = sorted((r for r in ROWS if r["split"] == "fresh"), key=lambda r: r["id"])
    assert len(held) >= 80
    keys = ("id", "text", "custom_message", "claims_prior_contact", "intent", "requester_name", "red_flags")
    blob = json.dumps([[r[k] for k in keys] for r in held], ensure_ascii=False, sort_keys=True)
    frozen = (CORPUS_DIR / "fresh_split.sha256").read_text().split()[0]
    assert hashlib.sha256(blob.encode()).hexdigest() == frozen, "the frozen fresh split changed"


def test_no_source_or_near_duplicate_crosses_splits() -> None:
    split_of: dict[str, str] = {}
    for r in ROWS:
        assert split_of.setdefault(assemble.source_key(r), r["split"]) == r["split"], r["id"]
    assert not any(r["source"].startswith("written:legacy") for r in ROWS if r["split"] == "fresh")
    shingles = [(r["split"], assemble.shingles(r["text"])) for r in ROWS]
    for i, (si, a) in enumerate(shingles):
        for sj, b in shingles[:i]:
            if si != sj and a and b:
                common = len(a & b)  # the Jaccard index, the union counted from the two sizes
                assert common / (len(a) + len(b) - common) < 0.6


@pytest.fixture(scope="module")
def tuned_readings() -> list:
    """Each train + dev row with what analyze() answers for its text, read once for every field's gate."""
    return [(r, analyze(r["text"])) for r in TUNED]


@pytest.mark.parametrize(
    "field, floor",
    [("custom_message", 0.95), ("claims_prior_contact", 0.9), ("requester_name", 0.9), ("red_flags", 0.88)],
)
def test_rule_fields_on_the_tuned_splits(field: str, floor: float, tuned_readings: list) -> None:
    """Regression gates for the rules (train + dev: the splits the rules were developed on)."""
    hits = 0
    for r, s in tuned_readings:
        got = set(s.red_flags) if field == "red_flags" else getattr(s, field)
        hits += got == (set(r[field]) if field == "red_flags" else r[field])
    assert hits / len(TUNED) >= floor
