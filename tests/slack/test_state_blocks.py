"""Pure Slack pieces: the state carried in buttons, and the Block Kit builders."""

import json
from types import SimpleNamespace

import pytest
from blockkit_limits import check_message

from bot.coaching import checklist
from bot.coaching.advice import Reading, advise
from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.slack.views import codec as st
from bot.slack.views import student as bk

CONTENT = load_content(DEFAULT_PROMPTS)


def signals(**kw):
    base = dict(
        custom_message=True,
        claims_prior_contact=False,
        intent="recruiter",
        requester_name="Priya Sharma",
        red_flags=(),
        evidence=(),
        truncated=False,
    )
    base.update(kw)
    return SimpleNamespace(**base)


def ev(field, phrase):
    return SimpleNamespace(field=field, phrase=phrase)


def test_state_round_trips_and_stays_under_slack_limit():
    s = st.from_signals(
        "a" * 32,
        signals(
            evidence=tuple(ev("intent", "é" * 500) for _ in range(8)),
            requester_name="N" * 300,
            red_flags=("urgency", "off_platform"),
        ),
        {"note": "personal"},
    )
    s = s.model_copy(update={"answers": {"note": "personal", "met": "no"}})
    value = st.encode(s)
    assert len(value) <= 2000
    back = st.decode(value, CONTENT)
    assert back.answers == {"note": "personal", "met": "no"} and back.signals.red_flags == (
        "urgency",
        "off_platform",
    )
    assert len(back.signals.requester_name) == st.NAME_MAX


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "garbage",
        "0{}",
        "1{",
        "1[]",
        "1" + json.dumps({"w": "x"}),
        "1" + json.dumps({"w": "a" * 32, "a": {"met": "yes"}}),  # skips a step
        "1" + json.dumps({"w": "a" * 32, "a": {"note": "maybe"}}),  # unknown option
        "1" + json.dumps({"w": "a" * 32, "zz": 1}),  # unknown key
        "1" + json.dumps({"w": "a" * 32}) + "x" * 2000,  # too long
    ],
)
def test_bad_state_is_a_state_error_not_a_crash(value):
    with pytest.raises(st.StateError):
        st.decode(value, CONTENT)


def test_escape_neutralises_mentions_and_links():
    assert bk.escape("<!channel> & <http://evil|bank>") == "&lt;!channel&gt; &amp; &lt;http://evil|bank&gt;"


def _all_text(blocks) -> str:
    return json.dumps(blocks)


def test_step_message_escapes_user_text_and_respects_limits():
    s = st.from_signals(
        "b" * 32,
        signals(
            requester_name="<!channel> " + "N" * 300,
            evidence=(ev("intent", "<@U123> <http://evil|bank> " * 10),),
            red_flags=("asks_for_money",),
        ),
        {"note": "personal"},
    )
    for answers in (
        {},
        {"note": "personal"},
        {"note": "personal", "met": "maybe"},
        {"note": "personal", "met": "maybe", "reason": "unsure"},
    ):
        text, blocks = bk.step_message(CONTENT, s.model_copy(update={"answers": answers}))
        assert check_message(blocks, text) == []
        dumped = _all_text(blocks)
        # mrkdwn sections must never carry a raw control sequence from user text
        for b in blocks:
            t = b.get("text") or {}
            if t.get("type") == "mrkdwn":
                assert (
                    "<!channel>" not in t["text"]
                    and "<@U123>" not in t["text"]
                    and "<http://evil" not in t["text"]
                )
        assert "Step" in dumped


def test_step_message_names_the_guess_in_words_and_shows_navigation():
    s = st.from_signals("c" * 32, signals(), {"note": "personal"})
    _, blocks = bk.step_message(CONTENT, s)
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert not [b for b in buttons if b.get("style") == "primary"]  # a guess is never the button to press
    assert "I'd guess *Yes, a personal note*" in json.dumps(blocks)
    assert all(len(b["text"]["text"]) <= 30 for b in buttons) and len(buttons) <= bk.MAX_BUTTONS + 1
    ids = {b["action_id"] for b in buttons}
    assert bk.A_RESTART in ids and bk.A_BACK not in ids  # nothing to go back to on step 1


def test_result_card_for_every_combination_fits_slack():
    for combo in CONTENT.combinations():
        answers = dict(combo)
        s = st.from_signals("d" * 32, signals(requester_name="Z" * 300, red_flags=("urgency",)), {})
        s = s.model_copy(update={"answers": answers})
        assert checklist.position(CONTENT, answers).done
        adv = advise(
            CONTENT,
            answers,
            red_flags=s.signals.red_flags,
            reading=st.reading(s),
            my_name="M" * 80,
        )
        for decision in (None, "replied_first"):
            text, blocks = bk.result_message(CONTENT, s, adv, decision=decision)
            assert check_message(blocks, text) == [], answers


def test_message_template_is_in_a_copyable_preformatted_block():
    s = st.from_signals("e" * 32, signals(), {}).model_copy(
        update={"answers": {"note": "default", "met": "maybe", "reason": "unsure", "value": "maybe"}}
    )
    adv = advise(CONTENT, s.answers, reading=Reading(requester_name="Priya Sharma"), my_name="Sam")
    _, blocks = bk.result_message(CONTENT, s, adv)
    pre = [b for b in blocks if b["type"] == "rich_text"]
    assert pre and pre[0]["elements"][0]["type"] == "rich_text_preformatted"
    assert pre[0]["elements"][0]["elements"][0]["text"].startswith("Hi Priya,")


def test_the_card_says_not_sure_rather_than_a_weak_guess():
    from bot.slack.views import codec as state
    from bot.slack.views import student as blocks

    sure = state.WalkState(
        wid="abcdefgh12", signals=state.WalkSignals(custom_message=True, intent="sales", intent_sure=True)
    )
    unsure = state.WalkState(
        wid="abcdefgh12", signals=state.WalkSignals(custom_message=True, intent="sales", intent_sure=False)
    )
    assert "a sales pitch" in "\n".join(blocks.noticed_lines(sure))
    text = "\n".join(blocks.noticed_lines(unsure))
    assert "not sure" in text and "sales pitch" not in text
    assert state.decode(state.encode(unsure), CONTENT).signals.intent_sure is False
