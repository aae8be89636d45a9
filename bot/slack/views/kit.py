"""Block Kit builders, the app's one family: pure functions returning the plain dicts Slack takes.

Every string is cut to Slack's limits here, and `escape` neutralises mrkdwn in user-supplied text,
so no caller has to remember either. Plain dicts rather than slack_sdk's model classes: those
validate and reflect on every to_dict() (0.35 ms for a step message, 0.85 ms for a result card,
more than all the coaching logic of a click); tests/slack/test_blocks_dicts.py checks that these
build the very dicts the models build.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

SECTION_MAX = 3000
HEADER_MAX = 150
BUTTON_MAX = 75
FIELD_MAX = 2000
OPTION_MAX = 75
TITLE_MAX = 24


def escape(text: str | None) -> str:
    """Neutralise mrkdwn control characters so `<!channel>` or `<http://x|y>` stay plain text."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mrkdwn_obj(text: str, limit: int = SECTION_MAX) -> dict:
    return {"type": "mrkdwn", "text": clip(text, limit)}


def plain_obj(text: str, limit: int = SECTION_MAX, *, emoji: bool | None = None) -> dict:
    obj: dict[str, Any] = {"type": "plain_text", "text": clip(text, limit)}
    if emoji is not None:
        obj["emoji"] = emoji
    return obj


def section_block(text: str, *, accessory: dict | None = None) -> dict:
    block = {"type": "section", "text": mrkdwn_obj(text)}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def fields_block(fields: list[str]) -> dict:
    """A section of side-by-side mrkdwn fields (Slack allows 10, 2,000 characters each)."""
    return {"type": "section", "fields": [mrkdwn_obj(f, FIELD_MAX) for f in fields[:10]]}


def header_block(text: str) -> dict:
    return {"type": "header", "text": plain_obj(text, HEADER_MAX, emoji=True)}


def context_block(text: str) -> dict:
    return {"type": "context", "elements": [mrkdwn_obj(text)]}


def divider_block() -> dict:
    return {"type": "divider"}


def actions_block(block_id: str, elements: list[dict]) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": elements}


def button_el(
    text: str,
    action_id: str,
    value: str | None = None,
    *,
    style: str | None = None,
    label: str | None = None,
    confirm: dict | None = None,
) -> dict:
    button = {"type": "button", "text": plain_obj(text, BUTTON_MAX, emoji=True), "action_id": action_id[:255]}
    if value is not None:
        button["value"] = value
    if style is not None:
        button["style"] = style
    if label:
        button["accessibility_label"] = clip(label, BUTTON_MAX)
    if confirm is not None:
        button["confirm"] = confirm
    return button


def confirm_obj(*, title: str, text: str, confirm: str, deny: str, style: str | None = None) -> dict:
    obj = {
        "title": plain_obj(title, 100, emoji=True),
        "text": mrkdwn_obj(text, 300),
        "confirm": plain_obj(confirm, 30, emoji=True),
        "deny": plain_obj(deny, 30, emoji=True),
    }
    if style is not None:
        obj["style"] = style
    return obj


def option_obj(value: str, text: str) -> dict:
    return {"text": plain_obj(text, OPTION_MAX), "value": value[:150]}


def select_el(
    action_id: str, options: list[dict], *, initial: dict | None = None, placeholder: str | None = None
) -> dict:
    select: dict[str, Any] = {"type": "static_select", "action_id": action_id[:255], "options": options}
    if initial is not None:
        select["initial_option"] = initial
    if placeholder:
        select["placeholder"] = plain_obj(placeholder, 150)
    return select


def preformatted_block(text: str) -> dict:
    return {
        "type": "rich_text",
        "elements": [{"type": "rich_text_preformatted", "elements": [{"type": "text", "text": text}]}],
    }


def text_input_el(
    action_id: str,
    *,
    multiline: bool = False,
    max_length: int | None = None,
    initial_value: str | None = None,
    placeholder: str | None = None,
) -> dict:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": action_id[:255]}
    if multiline:
        element["multiline"] = True
    if max_length is not None:
        element["max_length"] = max_length
    if initial_value:
        element["initial_value"] = initial_value
    if placeholder:
        element["placeholder"] = plain_obj(placeholder, 150)
    return element


def input_block(block_id: str, label: str, element: dict, *, optional: bool = False) -> dict:
    block = {"type": "input", "block_id": block_id, "label": plain_obj(label, 2000), "element": element}
    if optional:
        block["optional"] = True
    return block


def home_view(callback_id: str, blocks: list[dict], max_blocks: int = 100) -> dict:
    return {"type": "home", "callback_id": callback_id, "blocks": blocks[:max_blocks]}


def modal_view(callback_id: str, *, title: str, submit: str, close: str, blocks: list[dict]) -> dict:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain_obj(title, TITLE_MAX),
        "submit": plain_obj(submit, TITLE_MAX),
        "close": plain_obj(close, TITLE_MAX),
        "blocks": blocks,
    }


def when(value: datetime | None, *, pretty: bool = False) -> str:
    """A Slack date token, shown in the reader's own time zone, with a UTC fallback: short
    ("Mar 6, 2025 10:00") for lists, or pretty ("Thursday, March 6th at 10:00 AM") in a sentence."""
    if value is None:
        return "—"
    shown = "{date_long_pretty} at {time}" if pretty else "{date_short} {time}"
    return f"<!date^{int(value.timestamp())}^{shown}|{value:%Y-%m-%d %H:%M} UTC>"
