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

from bot.slack import blocks as bk

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
        assert bk.preformatted_block(text) == RichTextBlock(elements=[RichTextPreformattedElement(
            elements=[RichTextElementParts.Text(text=text)])]).to_dict()
    assert bk.divider_block() == DividerBlock().to_dict()


@pytest.mark.parametrize(("text", "value", "style", "label"), [
    ("Yes", "1{\"w\":\"abc\"}", "primary", "Answer: Yes, suggested"),
    ("No, only LinkedIn's default " * 4, None, None, None),
    ("Back", "v", "danger", "Back to the previous question " * 4),
])
def test_buttons_and_actions_match_slack_sdk(text, value, style, label):
    ours = bk.button_el(text, "ic_answer:" + "x" * 300, value, style=style, label=label)
    theirs = ButtonElement(text=bk.clip(text, bk.BUTTON_MAX), action_id=("ic_answer:" + "x" * 300)[:255], value=value,
                           style=style, accessibility_label=bk.clip(label, bk.BUTTON_MAX) if label else None)
    assert ours == theirs.to_dict()
    assert bk.actions_block("nav", [ours]) == ActionsBlock(block_id="nav", elements=[theirs]).to_dict()


def test_dicts_accepts_models_and_dicts():
    assert bk._dicts([DividerBlock(), {"type": "divider"}]) == [{"type": "divider"}, {"type": "divider"}]
