"""Property-based tests (hypothesis): the analyzer, the button-value state encoding and the content loader
hold their promises on any input, not just the examples we thought of.

Budgets are small (the whole file runs in a few seconds); `deadline=None` because the first call of the
analyzer compiles its lexicons.
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import hypothesis.strategies as hs
import pytest
from hypothesis import HealthCheck, given, settings

from bot.coaching import analyzer as an
from bot.coaching import checklist
from bot.coaching.analyzer import MAX_CHARS, analyze, to_contract
from bot.coaching.analyzer.paste import strip_marks
from bot.coaching.analyzer.text import clean
from bot.coaching.content import DEFAULT_PROMPTS, Content, ContentError, load_content
from bot.slack.views import codec as st

CONTENT = load_content(DEFAULT_PROMPTS)
INTENTS = {"recruiter", "referral", "collaboration", "networking", "sales", "unclear"}
ROWS = [json.loads(line) for line in (Path(__file__).parents[1] / "data" / "corpus" / "corpus.jsonl").open()]
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- the analyzer --------------------------------------------------------------------------------------------
unicode_text = hs.text(hs.characters(exclude_categories=["Cs"]), max_size=400)
binaryish = hs.binary(max_size=400).map(lambda b: b.decode("latin-1"))
cue_words = hs.sampled_from(
    [
        "Hi",
        "Sam",
        ",",
        "\n",
        "WhatsApp",
        "$500/week",
        "we met",
        "- Jo",
        "I'd like to",
        "recruiter",
        "no note",
        "<b>",
        "&amp;",
        "&#0;",
        "bit.ly/x",
        "🙂",
        "  ",
        "Best,",
        "Jordan Rivera",
        "· 3rd+",
        "Accept",
        "Ignore",
        "referred by",
        "<!channel>",
        "<http://x|y>",
        "İ",
        "ß",
        "\u200b",
        "\r\n",
        "\t",
        "Dr.",
        "(she/her)",
        "’",
    ]
)
soup = hs.lists(cue_words, max_size=60).map(" ".join)
real_with_noise = hs.tuples(hs.sampled_from(ROWS), unicode_text, hs.integers(0, 10_000)).map(
    lambda t: (
        t[0]["text"][: t[2] % (len(t[0]["text"]) + 1)] + t[1] + t[0]["text"][t[2] % (len(t[0]["text"]) + 1) :]
    )
)
huge = hs.tuples(hs.one_of(soup, hs.sampled_from([r["text"] for r in ROWS])), hs.integers(1, 400)).map(
    lambda t: (t[0] or "x") * t[1]
)
any_text = hs.one_of(unicode_text, binaryish, soup, real_with_noise, huge)


def _norm(text: str, *, paste_lines: bool = False) -> str:
    """What "appears in the input" means: after the analyzer's own clean-up (Slack's markup and escapes,
    junk characters, curly quotes), modulo whitespace and case. With `paste_lines`, also as the paste parser
    reads each line: without "(she/her)" tags and "· 2nd" degree markers."""
    cleaned = clean(text)
    if paste_lines:
        cleaned = "\n".join(strip_marks(ln) for ln in cleaned.split("\n"))
    return " ".join(cleaned.split()).casefold()


@FAST
@given(any_text)
def test_analyzer_never_raises_and_keeps_its_contract(text: str) -> None:
    signals = analyze(text)
    assert signals == analyze(text)  # deterministic
    assert signals.intent in INTENTS
    assert signals.truncated is (len(text) > MAX_CHARS or len(clean(text[:MAX_CHARS])) > MAX_CHARS)
    assert len(set(signals.red_flags)) == len(signals.red_flags)
    assert set(signals.red_flags) <= set(an.RED_FLAG_LABELS)
    sources = (_norm(text[:MAX_CHARS]), _norm(text[:MAX_CHARS], paste_lines=True))
    for ev in signals.evidence:
        assert 0 < len(ev.phrase) <= 120
        assert any(_norm(ev.phrase) in source for source in sources), (ev, text)
    contract = to_contract(signals)
    assert json.loads(json.dumps(contract)) == contract
    assert {
        "custom_message",
        "claims_prior_contact",
        "intent",
        "requester_name",
        "red_flags",
        "evidence",
    } <= contract.keys()


def test_analyzer_on_a_megabyte() -> None:
    big = analyze("Hi, let's connect about the data role. " * 30_000)
    assert big.truncated and big.intent in INTENTS


# -- the state carried in button values ----------------------------------------------------------------------
ident = hs.from_regex(r"\A[a-z][a-z0-9_]{0,23}\Z")
any_str = hs.text(max_size=120)  # lone surrogates included: Slack sends what it gets


@hs.composite
def answers(draw) -> dict[str, str]:
    """A prefix of answers a student could give (steps that `ask_when` skips left out)."""
    full = draw(hs.sampled_from(COMBOS))
    return dict(full[: draw(hs.integers(0, len(full)))])


COMBOS = list(CONTENT.combinations())
signals = hs.builds(
    st.WalkSignals,
    c=hs.booleans(),
    p=hs.booleans(),
    t=hs.booleans(),
    i=hs.sampled_from(sorted(INTENTS)),
    f=hs.lists(hs.sampled_from(sorted(an.RED_FLAG_LABELS)), max_size=10, unique=True).map(tuple),
    n=hs.none() | hs.text(min_size=1, max_size=st.NAME_MAX),
    e=hs.lists(hs.tuples(hs.text(max_size=40), hs.text(max_size=st.PHRASE_MAX)), max_size=8).map(tuple),
)
states = hs.builds(
    st.WalkState,
    w=hs.from_regex(r"\A[A-Za-z0-9_-]{8,40}\Z"),
    a=answers(),
    g=hs.dictionaries(hs.sampled_from([s.id for s in CONTENT.checklist.steps]), ident, max_size=4),
    s=signals,
)


@FAST
@given(states)
def test_state_round_trips_within_slacks_2000_characters(state: st.WalkState) -> None:
    value = st.encode(state)
    assert len(value) <= st.MAX_VALUE
    back = st.decode(value, CONTENT)
    # Evidence quotes are the one thing encode may drop (then shorten) to fit; everything else survives.
    assert back.model_copy(
        update={"signals": back.signals.model_copy(update={"evidence": ()})}
    ) == state.model_copy(update={"signals": state.signals.model_copy(update={"evidence": ()})})
    assert state.signals.evidence[: len(back.signals.evidence)] == back.signals.evidence


@FAST
@given(
    hs.builds(lambda wid, t: (wid, t), hs.from_regex(r"\A[A-Za-z0-9]{8,40}\Z"), any_text),
    hs.none() | hs.text(max_size=200),
)
def test_state_from_any_analysis_fits_and_round_trips(wid_text, requester_name) -> None:
    wid, text = wid_text
    signals_ = analyze(text)
    state = st.from_signals(wid, signals_, checklist.suggest_answers(CONTENT, signals_), requester_name)
    value = st.encode(state)
    assert len(value) <= st.MAX_VALUE
    assert st.decode(value, CONTENT).wid == wid


loose_states = hs.builds(  # anything the model itself accepts, not only what the app builds
    st.WalkState,
    w=hs.from_regex(r"\A[A-Za-z0-9_-]{8,40}\Z"),
    a=hs.dictionaries(hs.text(max_size=30), hs.text(max_size=30), max_size=12),
    g=hs.dictionaries(hs.text(max_size=30), hs.text(max_size=30), max_size=12),
    s=hs.builds(
        st.WalkSignals,
        c=hs.booleans(),
        p=hs.booleans(),
        t=hs.booleans(),
        i=hs.text(max_size=16),
        f=hs.lists(hs.text(max_size=40), max_size=10).map(tuple),
        n=hs.none() | hs.text(max_size=st.NAME_MAX),
        e=hs.lists(hs.tuples(any_str, any_str), max_size=8).map(tuple),
    ),
)


@FAST
@given(loose_states)
def test_encode_never_returns_more_than_2000_characters(state: st.WalkState) -> None:
    try:
        value = st.encode(state)
    except st.StateError:
        return
    assert len(value) <= st.MAX_VALUE


garbage = hs.one_of(
    hs.text(max_size=300),
    hs.text(max_size=300).map(lambda s: "1" + s),
    hs.recursive(
        hs.none() | hs.booleans() | hs.integers() | hs.floats() | hs.text(max_size=20),
        lambda kids: hs.lists(kids, max_size=4) | hs.dictionaries(hs.text(max_size=5), kids, max_size=4),
        max_leaves=20,
    ).map(lambda v: "1" + json.dumps(v)),
    hs.integers(1, 2500).map(lambda n: "1" + "[" * n),
    hs.integers(900, 1999).map(lambda n: "1" + "[" * n),  # deeper than json's recursion limit
    hs.integers(1, 700).map(lambda n: "1" + '{"w":' * n),
    states.map(st.encode).flatmap(lambda v: hs.integers(0, len(v)).map(lambda i: v[:i] + "}" + v[i + 1 :])),
    states.map(lambda s: "1" + json.dumps({**json.loads(st.encode(s)[1:]), "x": 1})),
    hs.sampled_from([None, 1, b"1{}", ["1"], {"w": "x"}]),
)


@settings(max_examples=300, deadline=None)
@given(garbage)
def test_decoding_anything_raises_only_state_error(value: Any) -> None:
    try:
        state = st.decode(value, CONTENT)
    except st.StateError:
        return
    assert isinstance(state, st.WalkState)
    checklist.validate_answers(CONTENT, state.answers)


# -- the coaching content loader -----------------------------------------------------------------------------
FILES = ("checklist.toml", "decisions.toml", "templates.toml", "safety.toml", "drafts.toml")
ORIGINAL = {name: tomllib.loads((DEFAULT_PROMPTS / name).read_text(encoding="utf-8")) for name in FILES}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_str(key)


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(v: Any) -> str:
    """A tiny TOML writer (inline tables and arrays only) for what the mutations produce."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else "nan"
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def to_toml(doc: dict) -> str:
    return "\n".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in doc.items()) + "\n"


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every (container path, key or index) in a parsed TOML document."""
    out = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for k, child in items:
        out.append((path, k))
        out.extend(_paths(child, (*path, k)))
    return out


def _at(doc: Any, path: tuple) -> Any:
    for k in path:
        doc = doc[k]
    return doc


scalars = hs.one_of(
    hs.text(max_size=30),
    hs.sampled_from(
        ["", "x", "yes", "accept", "note", "met", "{oops}", "{first_name}", "followup_thanks", "Z" * 3000]
    ),
    hs.integers(-5, 5),
    hs.booleans(),
    hs.floats(allow_nan=False),
)
new_values = hs.one_of(
    scalars, hs.lists(scalars, max_size=3), hs.dictionaries(hs.text(max_size=8), scalars, max_size=3)
)


@hs.composite
def mutated_content(draw) -> dict[str, dict]:
    docs = copy.deepcopy(ORIGINAL)
    for _ in range(draw(hs.integers(1, 3))):
        name = draw(hs.sampled_from(FILES))
        spots = _paths(docs[name])
        if not spots:
            continue
        path, key = draw(hs.sampled_from(spots))
        parent = _at(docs[name], path)
        kind = draw(hs.sampled_from(["delete", "replace", "add_key", "duplicate", "rename_id"]))
        if kind == "delete":
            del parent[key]
        elif kind == "replace":
            parent[key] = draw(new_values)
        elif kind == "add_key" and isinstance(parent, dict):
            parent[draw(hs.text(min_size=1, max_size=12))] = draw(new_values)
        elif kind == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif kind == "rename_id":
            target = parent[key]
            if isinstance(target, dict) and "id" in target:
                others = [
                    v
                    for p_, k in _paths(docs[name])
                    if k == "id" and isinstance(v := _at(docs[name], p_)[k], str)
                ]
                target["id"] = draw(hs.sampled_from(others) | ident | hs.text(max_size=30))
    return docs


def _write(base: Path, docs: dict[str, dict]) -> None:
    for name in FILES:
        (base / name).write_text(to_toml(docs[name]), encoding="utf-8")


def test_the_tiny_toml_writer_round_trips_the_shipped_content() -> None:
    for name in FILES:
        assert tomllib.loads(to_toml(ORIGINAL[name])) == ORIGINAL[name]
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), ORIGINAL)
        assert isinstance(load_content(tmp), Content)


@settings(max_examples=200, deadline=None)
@given(mutated_content())
def test_mutated_content_loads_or_raises_content_error(docs: dict[str, dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), docs)
        try:
            content = load_content(tmp)
        except ContentError as exc:
            assert str(exc).strip()
            return
    assert isinstance(content, Content)
    assert all(content.rule_for(dict(combo)) is not None for combo in content.combinations())


@FAST
@given(hs.sampled_from(FILES), hs.integers(0, 10_000), hs.integers(0, 200), hs.text(max_size=20))
def test_hand_edit_accidents_load_or_raise_content_error(name: str, at: int, cut: int, typed: str) -> None:
    """Raw text edits: a deleted span, stray characters typed in (broken TOML included)."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for other in FILES:
            (base / other).write_text((DEFAULT_PROMPTS / other).read_text(encoding="utf-8"), encoding="utf-8")
        text = (DEFAULT_PROMPTS / name).read_text(encoding="utf-8")
        at %= len(text) + 1
        (base / name).write_text(text[:at] + typed + text[at + cut :], encoding="utf-8")
        with contextlib.suppress(ContentError):  # loading, or a ContentError, is all that may happen
            load_content(base)


def test_deeply_nested_state_value_is_a_state_error() -> None:
    """Regression: json.loads raised RecursionError (not a ValueError) past ~1000 nested brackets."""
    with pytest.raises(st.StateError):
        st.decode("1" + "[" * 1999, CONTENT)


@pytest.mark.parametrize("name", FILES)
def test_a_missing_or_undecodable_file_is_a_content_error(name: str, tmp_path: Path) -> None:
    _write(tmp_path, ORIGINAL)
    (tmp_path / name).write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(ContentError):
        load_content(tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(ContentError, match="missing"):
        load_content(tmp_path)
