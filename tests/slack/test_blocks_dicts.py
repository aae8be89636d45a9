"""The plain-dict Block Kit builders (the hot path) emit exactly what slack_sdk's models would."""

import pytest
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    RichTextBlock,
    SectionBlock,
)
from slack_sdk.models.blocks.block_elements import RichTextElementParts, RichTextPreformattedElement

from bot.slack.views import student as bk

TEXTS = ["plain", "emoji :wave: & <!channel> <http://x|y>", "é" * 4000, "x" * 76]


@pytest.mark.parametrize("text", TEXTS)
def test_text_blocks_match_slack_sdk(text):
    clipped = bk.clip(text, bk.SECTION_MAX)
    assert bk.mrkdwn_obj(text) == MarkdownTextObject(text=clipped).to_dict()
    assert bk.section_block(text) == SectionBlock(text=MarkdownTextObject(text=clipped)).to_dict()
    assert bk.context_block(text) == ContextBlock(elements=[MarkdownTextObject(text=clipped)]).to_dict()
    if text:
        header = bk.clip(text, bk.HEADER_MAX)
        assert bk.header_block(text) == HeaderBlock(text=PlainTextObject(text=header, emoji=True)).to_dict()
        assert (
            bk.preformatted_block(text)
            == RichTextBlock(
                elements=[RichTextPreformattedElement(elements=[RichTextElementParts.Text(text=text)])]
            ).to_dict()
        )
    assert bk.divider_block() == DividerBlock().to_dict()


@pytest.mark.parametrize(
    ("text", "value", "style", "label"),
    [
        ("Yes", '1{"w":"abc"}', "primary", "Answer: Yes, suggested"),
        ("No, only LinkedIn's default " * 4, None, None, None),
        ("Back", "v", "danger", "Back to the previous question " * 4),
    ],
)
def test_buttons_and_actions_match_slack_sdk(text, value, style, label):
    ours = bk.button_el(text, "ic_answer:" + "x" * 300, value, style=style, label=label)
    theirs = ButtonElement(
        text=bk.clip(text, bk.BUTTON_MAX),
        action_id=("ic_answer:" + "x" * 300)[:255],
        value=value,
        style=style,
        accessibility_label=bk.clip(label, bk.BUTTON_MAX) if label else None,
    )
    assert ours == theirs.to_dict()
    assert bk.actions_block("nav", [ours]) == ActionsBlock(block_id="nav", elements=[theirs]).to_dict()


def test_the_other_kit_builders_match_slack_sdks_models():
    """The staff, follow-up and modal builders joined the same family: the same dicts as the models."""
    from slack_sdk.models.blocks import (
        ConfirmObject,
        InputBlock,
        Option,
        PlainTextInputElement,
        SectionBlock,
        StaticSelectElement,
    )
    from slack_sdk.models.views import View

    from bot.slack.views import kit

    confirm = ConfirmObject(
        title="Delete?", text="It can't be undone.", confirm="Yes", deny="No", style="danger"
    )
    assert (
        kit.confirm_obj(title="Delete?", text="It can't be undone.", confirm="Yes", deny="No", style="danger")
        == confirm.to_dict()
    )
    options = [
        Option(value="7d", text=PlainTextObject(text="Last 7 days")),
        Option(value="all", text=PlainTextObject(text="All time")),
    ]
    ours = [kit.option_obj("7d", "Last 7 days"), kit.option_obj("all", "All time")]
    assert ours == [o.to_dict() for o in options]
    assert (
        kit.select_el("p", ours, initial=ours[1], placeholder="Period")
        == StaticSelectElement(
            action_id="p",
            options=options,
            initial_option=options[1],
            placeholder=PlainTextObject(text="Period"),
        ).to_dict()
    )
    assert (
        kit.fields_block(["*a*", "b"])
        == SectionBlock(fields=[MarkdownTextObject(text="*a*"), MarkdownTextObject(text="b")]).to_dict()
    )
    button = bk.button_el(
        "Delete",
        "x",
        "all",
        style="danger",
        confirm=kit.confirm_obj(
            title="Delete?", text="It can't be undone.", confirm="Yes", deny="No", style="danger"
        ),
    )
    theirs = ButtonElement(text="Delete", action_id="x", value="all", style="danger", confirm=confirm)
    assert (
        kit.section_block("t", accessory=button)
        == SectionBlock(text=MarkdownTextObject(text="t"), accessory=theirs).to_dict()
    )
    element = PlainTextInputElement(
        action_id="t", multiline=True, max_length=9, placeholder=PlainTextObject(text="e.g.")
    )
    block = InputBlock(block_id="t", label=PlainTextObject(text="Text"), element=element, optional=True)
    ours_input = kit.input_block(
        "t", "Text", kit.text_input_el("t", multiline=True, max_length=9, placeholder="e.g."), optional=True
    )
    assert ours_input == block.to_dict()
    assert (
        kit.modal_view("m", title="Check", submit="Go", close="No", blocks=[ours_input])
        == View(
            type="modal",
            callback_id="m",
            title=PlainTextObject(text="Check"),
            submit=PlainTextObject(text="Go"),
            close=PlainTextObject(text="No"),
            blocks=[block],
        ).to_dict()
    )
    assert (
        kit.home_view("h", [bk.divider_block()])
        == View(type="home", callback_id="h", blocks=[DividerBlock()]).to_dict()
    )
