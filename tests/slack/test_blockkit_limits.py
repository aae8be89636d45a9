"""The Block Kit limit checker that the fake Slack applies to every message and view."""

from __future__ import annotations

import pytest
from blockkit_limits import check_blocks, check_fallback_text, check_message, check_view


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def button(action_id: str = "go", text: str = "Go", **extra) -> dict:
    return {"type": "button", "action_id": action_id, "text": plain(text), **extra}


def option(value: str = "v", text: str = "Option") -> dict:
    return {"text": plain(text), "value": value}


def section(text: str = "Hello") -> dict:
    return {"type": "section", "text": mrkdwn(text)}


GOOD_MESSAGE = [
    {"type": "header", "text": plain("h" * 150)},
    {
        "type": "section",
        "block_id": "s1",
        "text": mrkdwn("s" * 3000),
        "accessory": {
            "type": "static_select",
            "action_id": "pick",
            "placeholder": plain("Choose"),
            "options": [option(str(i)) for i in range(100)],
            "initial_option": option("3"),
        },
    },
    {"type": "section", "fields": [mrkdwn("f" * 2000)] * 10},
    {
        "type": "context",
        "elements": [mrkdwn("c")] * 9
        + [{"type": "image", "image_url": "https://example.com/a.png", "alt_text": "a"}],
    },
    {
        "type": "actions",
        "block_id": "a1",
        "elements": [
            button(f"b{i}", "t" * 75, value="v" * 2000, accessibility_label="l" * 75, style="primary")
            for i in range(25)
        ],
    },
    {"type": "divider"},
    {
        "type": "rich_text",
        "elements": [{"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "x" * 5000}]}],
    },
    {"type": "markdown", "text": "m" * 12000},
]


def test_a_message_at_every_limit_passes():
    assert check_message(GOOD_MESSAGE, "fallback") == []


def test_fifty_blocks_pass_and_fifty_one_fail():
    assert check_blocks([section()] * 50) == []
    assert check_blocks([section()] * 51) == ["blocks: 51 blocks > 50"]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ({"type": "header", "text": plain("h" * 151)}, "blocks[0].text.text: 151 chars > 150 (header text)"),
        (
            {"type": "header", "text": mrkdwn("*h*")},
            "blocks[0].text: must be plain_text, not mrkdwn (header text)",
        ),
        (section("s" * 3001), "blocks[0].text.text: 3001 chars > 3000 (section text)"),
        ({"type": "section", "fields": [mrkdwn("f")] * 11}, "blocks[0].fields: 11 fields > 10"),
        (
            {"type": "section", "fields": [mrkdwn("f" * 2001)]},
            "blocks[0].fields[0].text: 2001 chars > 2000 (section field)",
        ),
        ({"type": "section"}, "blocks[0]: section needs text or fields"),
        (
            {"type": "context", "elements": [mrkdwn("c")] * 11},
            "blocks[0].elements: 11 elements > 10 (context)",
        ),
        (
            {"type": "actions", "elements": [button(f"b{i}") for i in range(26)]},
            "blocks[0].elements: 26 elements > 25 (actions)",
        ),
        (
            {"type": "actions", "elements": [button(text="t" * 76)]},
            "blocks[0].elements[0].text.text: 76 chars > 75 (button text)",
        ),
        (
            {"type": "actions", "elements": [button(value="v" * 2001)]},
            "blocks[0].elements[0].value: 2001 chars > 2000 (button value)",
        ),
        (
            {"type": "actions", "elements": [button(url="u" * 3001)]},
            "blocks[0].elements[0].url: 3001 chars > 3000 (button url)",
        ),
        (
            {"type": "actions", "elements": [button(accessibility_label="l" * 76)]},
            "blocks[0].elements[0].accessibility_label: 76 chars > 75 (accessibility_label)",
        ),
        (
            {"type": "actions", "elements": [button("a" * 256)]},
            "blocks[0].elements[0].action_id: 256 chars > 255 (action_id)",
        ),
        (
            {"type": "actions", "elements": [button("same"), button("same")]},
            "blocks[0].elements[1].action_id: duplicate action_id 'same' in one block (also at blocks[0].elements[0])",
        ),
        (
            {"type": "actions", "elements": [button(style="green")]},
            "blocks[0].elements[0].style: 'green' is not primary/danger",
        ),
        ({"type": "divider", "block_id": "b" * 256}, "blocks[0].block_id: 256 chars > 255 (block_id)"),
        (
            {
                "type": "actions",
                "elements": [{"type": "static_select", "action_id": "s", "options": [option("v", "t" * 76)]}],
            },
            "blocks[0].elements[0].options[0].text.text: 76 chars > 75 (option text)",
        ),
        (
            {
                "type": "actions",
                "elements": [{"type": "static_select", "action_id": "s", "options": [option("v" * 151)]}],
            },
            "blocks[0].elements[0].options[0].value: 151 chars > 150 (option value)",
        ),
        (
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "static_select",
                        "action_id": "s",
                        "options": [option(str(i)) for i in range(101)],
                    }
                ],
            },
            "blocks[0].elements[0].options: 101 options > 100",
        ),
        (
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "static_select",
                        "action_id": "s",
                        "options": [option("a")],
                        "initial_option": option("b"),
                    }
                ],
            },
            "blocks[0].elements[0].initial_option: {'text': {'type': 'plain_text', 'text': 'Option'}, 'value': 'b'} "
            "is not exactly one of the options",
        ),
        (
            {
                "type": "actions",
                "elements": [
                    {"type": "overflow", "action_id": "o", "options": [option(str(i)) for i in range(6)]}
                ],
            },
            "blocks[0].elements[0].options: 6 options > 5 (overflow)",
        ),
        (
            {
                "type": "actions",
                "elements": [
                    button(
                        confirm={
                            "title": plain("t"),
                            "text": plain("x"),
                            "confirm": plain("c" * 31),
                            "deny": plain("d"),
                        }
                    )
                ],
            },
            "blocks[0].elements[0].confirm.confirm.text: 31 chars > 30 (confirm button)",
        ),
        ({"type": "markdown", "text": "m" * 12001}, "blocks[0].text: 12001 chars > 12000 (markdown block)"),
        (
            {"type": "image", "image_url": "https://example.com/a.png"},
            "blocks[0].alt_text: missing (image alt_text)",
        ),
        ({"type": "sectoin", "text": mrkdwn("typo")}, "blocks[0]: unknown block type 'sectoin'"),
    ],
)
def test_each_limit_is_reported_where_it_is_broken(block, expected):
    assert check_blocks([block]) == [expected]


def test_block_ids_are_unique_within_a_message():
    blocks = [{"type": "divider", "block_id": "x"}, {"type": "divider", "block_id": "x"}]
    assert check_blocks(blocks) == ["blocks[1].block_id: duplicate block_id 'x' (also at blocks[0])"]


def test_action_ids_may_repeat_across_blocks():
    blocks = [
        {"type": "actions", "elements": [button("go")]},
        {"type": "actions", "elements": [button("go")]},
    ]
    assert check_blocks(blocks) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, "missing or blank"),
        ("   ", "missing or blank"),
        ("x" * 4001, "4001 chars > 4000"),
        ("x" * 40001, "40001 chars > 40000"),
    ],
)
def test_fallback_text_is_required_and_bounded(text, problem):
    (found,) = check_fallback_text(text)
    assert problem in found


def test_fallback_text_up_to_4000_chars_passes():
    assert check_fallback_text("x" * 4000) == []


def modal(**extra) -> dict:
    view = {
        "type": "modal",
        "callback_id": "paste",
        "title": plain("t" * 24),
        "submit": plain("s" * 24),
        "close": plain("c" * 24),
        "private_metadata": "p" * 3000,
        "blocks": [
            {
                "type": "input",
                "block_id": "invite",
                "label": plain("l" * 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "multiline": True,
                    "max_length": 3000,
                },
            }
        ]
        + [section()] * 99,
    }
    view.update(extra)
    return view


def test_a_modal_at_every_limit_passes():
    assert check_view(modal()) == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"title": plain("t" * 25)}, "view.title.text: 25 chars > 24 (modal title)"),
        ({"submit": plain("s" * 25)}, "view.submit.text: 25 chars > 24 (modal submit)"),
        ({"close": plain("c" * 25)}, "view.close.text: 25 chars > 24 (modal close)"),
        ({"submit": None}, "view.submit: a modal with input blocks needs a submit button"),
        ({"private_metadata": "p" * 3001}, "view.private_metadata: 3001 chars > 3000 (private_metadata)"),
        ({"callback_id": "c" * 256}, "view.callback_id: 256 chars > 255 (callback_id)"),
        ({"blocks": [section()] * 101}, "view.blocks: 101 blocks > 100"),
        ({"type": "dialog"}, "view.type: 'dialog' is not modal/home"),
        (
            {
                "blocks": [
                    {
                        "type": "input",
                        "label": plain("l"),
                        "element": {"type": "plain_text_input", "action_id": "t", "max_length": 3001},
                    }
                ]
            },
            "view.blocks[0].element.max_length: 3001 not an int in 0..3000",
        ),
        (
            {
                "blocks": [
                    {
                        "type": "input",
                        "label": plain("l" * 2001),
                        "element": {"type": "plain_text_input", "action_id": "t"},
                    }
                ]
            },
            "view.blocks[0].label.text: 2001 chars > 2000 (input label)",
        ),
    ],
)
def test_each_view_limit_is_reported(extra, expected):
    assert check_view(modal(**extra)) == [expected]


def test_a_home_tab_needs_no_title_and_takes_100_blocks():
    assert check_view({"type": "home", "blocks": [section()] * 100}) == []
    assert check_view({"type": "home", "blocks": [section()] * 101}) == ["view.blocks: 101 blocks > 100"]
