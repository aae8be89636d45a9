"""Block Kit limits as a pure checker: what Slack would reject (or silently truncate), as readable strings.

Slack answers `invalid_blocks` / `invalid_arguments` for these, usually in production only, when a long
paste or a long name first pushes a field over its limit. The fake Slack Web API (fakeslack.py) runs
every message and view it receives through this module, so every scenario test checks limits for free.

    from blockkit_limits import check_message, check_view

    assert check_message(blocks, text) == []
    assert check_view(view) == []

Each violation names where it is, e.g. ``blocks[2].elements[0].text: 80 chars > 75 (button text)``.
Limits follow Slack's Block Kit reference (docs.slack.dev/reference/block-kit) as of 2025.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_FALLBACK_TEXT = 40_000  # Slack truncates beyond this
ADVISED_FALLBACK_TEXT = 4_000  # Slack advises splitting longer messages; notifications cut earlier
MAX_TEXT_OBJECT = 3_000  # any text object without a tighter limit
MAX_MARKDOWN_BLOCK = 12_000  # markdown blocks, cumulative per payload

KNOWN_BLOCK_TYPES = frozenset(
    {
        "actions",
        "context",
        "context_actions",
        "divider",
        "file",
        "header",
        "image",
        "input",
        "markdown",
        "rich_text",
        "section",
        "table",
        "video",
    }
)
SELECTS_WITH_OPTIONS = frozenset({"static_select", "multi_static_select"})
OPTION_LISTS = {"checkboxes": 10, "radio_buttons": 10, "overflow": 5}
TEXT_INPUTS = frozenset({"plain_text_input", "email_text_input", "url_text_input", "number_input"})
PLACEHOLDER_ELEMENTS = frozenset(
    {
        "static_select",
        "multi_static_select",
        "external_select",
        "multi_external_select",
        "users_select",
        "multi_users_select",
        "conversations_select",
        "multi_conversations_select",
        "channels_select",
        "multi_channels_select",
        "datepicker",
        "timepicker",
        "plain_text_input",
        "email_text_input",
        "url_text_input",
        "number_input",
        "rich_text_input",
    }
)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.block_ids: dict[str, str] = {}
        self.markdown_chars = 0
        self.markdown_blocks = 0

    def add(self, where: str, problem: str) -> None:
        self.problems.append(f"{where}: {problem}")

    def length(self, where: str, value: Any, limit: int, what: str, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.add(where, f"missing ({what})")
            return
        if not isinstance(value, str):
            self.add(where, f"must be a string ({what}), got {type(value).__name__}")
        elif len(value) > limit:
            self.add(where, f"{len(value)} chars > {limit} ({what})")
        elif required and not value:
            self.add(where, f"empty ({what})")

    def text(
        self,
        where: str,
        obj: Any,
        limit: int = MAX_TEXT_OBJECT,
        what: str = "text",
        *,
        plain_only: bool = False,
        required: bool = True,
    ) -> None:
        """A composition text object: {"type": "plain_text"|"mrkdwn", "text": ...}."""
        if obj is None:
            if required:
                self.add(where, f"missing ({what})")
            return
        if not isinstance(obj, dict):
            self.add(where, f"must be a text object ({what}), got {type(obj).__name__}")
            return
        kind = obj.get("type")
        if kind not in ("plain_text", "mrkdwn"):
            self.add(where, f"text object type {kind!r} is not plain_text/mrkdwn ({what})")
        elif plain_only and kind != "plain_text":
            self.add(where, f"must be plain_text, not {kind} ({what})")
        self.length(f"{where}.text", obj.get("text"), limit, what, required=True)

    def block_id(self, where: str, block: dict) -> None:
        bid = block.get("block_id")
        if bid is None:
            return
        self.length(f"{where}.block_id", bid, 255, "block_id")
        if bid in self.block_ids:
            self.add(f"{where}.block_id", f"duplicate block_id {bid!r} (also at {self.block_ids[bid]})")
        else:
            self.block_ids[bid] = where

    # -- blocks ---------------------------------------------------------------------------------
    def blocks(self, blocks: Any, limit: int, where: str = "blocks") -> None:
        if blocks is None:
            return
        if not isinstance(blocks, list):
            self.add(where, f"must be a list of blocks, got {type(blocks).__name__}")
            return
        if len(blocks) > limit:
            self.add(where, f"{len(blocks)} blocks > {limit}")
        for i, block in enumerate(blocks):
            self.block(f"{where}[{i}]", block)
        if self.markdown_blocks > 1 and self.markdown_chars > MAX_MARKDOWN_BLOCK:
            self.add(where, f"markdown blocks total {self.markdown_chars} chars > {MAX_MARKDOWN_BLOCK}")

    def block(self, where: str, block: Any) -> None:
        if not isinstance(block, dict):
            self.add(where, f"block must be an object, got {type(block).__name__}")
            return
        kind = block.get("type")
        if kind not in KNOWN_BLOCK_TYPES:
            self.add(where, f"unknown block type {kind!r}")
            return
        self.block_id(where, block)
        if kind == "section":
            self.section(where, block)
        elif kind == "header":
            self.text(f"{where}.text", block.get("text"), 150, "header text", plain_only=True)
        elif kind == "context":
            elements = block.get("elements") or []
            if not elements:
                self.add(f"{where}.elements", "context needs at least 1 element")
            if len(elements) > 10:
                self.add(f"{where}.elements", f"{len(elements)} elements > 10 (context)")
            for j, el in enumerate(elements):
                w = f"{where}.elements[{j}]"
                if isinstance(el, dict) and el.get("type") == "image":
                    self.image(w, el)
                else:
                    self.text(w, el, what="context text")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not elements:
                self.add(f"{where}.elements", "actions needs at least 1 element")
            if len(elements) > 25:
                self.add(f"{where}.elements", f"{len(elements)} elements > 25 (actions)")
            self.elements(f"{where}.elements", elements)
        elif kind == "image":
            self.image(where, block)
            self.text(
                f"{where}.title", block.get("title"), 2000, "image title", plain_only=True, required=False
            )
        elif kind == "input":
            self.text(f"{where}.label", block.get("label"), 2000, "input label", plain_only=True)
            self.text(f"{where}.hint", block.get("hint"), 2000, "input hint", plain_only=True, required=False)
            element = block.get("element")
            if element is None:
                self.add(where, "input block needs an element")
            else:
                self.elements(f"{where}", [element], single="element")
        elif kind == "markdown":
            text = block.get("text")
            self.length(f"{where}.text", text, MAX_MARKDOWN_BLOCK, "markdown block", required=True)
            if isinstance(text, str):
                self.markdown_chars += len(text)
                self.markdown_blocks += 1

    def section(self, where: str, block: dict) -> None:
        text, fields = block.get("text"), block.get("fields")
        if text is None and not fields:
            self.add(where, "section needs text or fields")
        self.text(f"{where}.text", text, 3000, "section text", required=False)
        if fields is not None:
            if len(fields) > 10:
                self.add(f"{where}.fields", f"{len(fields)} fields > 10")
            for j, field in enumerate(fields):
                self.text(f"{where}.fields[{j}]", field, 2000, "section field")
        accessory = block.get("accessory")
        if accessory is not None:
            self.elements(where, [accessory], single="accessory")

    def image(self, where: str, obj: dict) -> None:
        self.length(f"{where}.alt_text", obj.get("alt_text"), 2000, "image alt_text", required=True)
        if obj.get("image_url") is not None:
            self.length(f"{where}.image_url", obj.get("image_url"), 3000, "image_url")
        elif obj.get("slack_file") is None:
            self.add(where, "image needs image_url or slack_file")

    # -- elements -------------------------------------------------------------------------------
    def elements(self, where: str, elements: Iterable[Any], single: str | None = None) -> None:
        action_ids: dict[str, str] = {}
        for j, el in enumerate(elements):
            w = f"{where}.{single}" if single else f"{where}[{j}]"
            if not isinstance(el, dict):
                self.add(w, f"element must be an object, got {type(el).__name__}")
                continue
            aid = el.get("action_id")
            if aid is not None:
                self.length(f"{w}.action_id", aid, 255, "action_id")
                if aid in action_ids:
                    self.add(
                        f"{w}.action_id",
                        f"duplicate action_id {aid!r} in one block (also at {action_ids[aid]})",
                    )
                action_ids[aid] = w
            self.element(w, el)

    def element(self, where: str, el: dict) -> None:
        kind = el.get("type")
        if kind in PLACEHOLDER_ELEMENTS:
            self.text(
                f"{where}.placeholder",
                el.get("placeholder"),
                150,
                "placeholder",
                plain_only=True,
                required=False,
            )
        if el.get("confirm") is not None:
            self.confirm(f"{where}.confirm", el["confirm"])
        if kind in ("button", "workflow_button"):
            self.text(f"{where}.text", el.get("text"), 75, "button text", plain_only=True)
            self.length(f"{where}.value", el.get("value"), 2000, "button value")
            self.length(f"{where}.url", el.get("url"), 3000, "button url")
            self.length(
                f"{where}.accessibility_label", el.get("accessibility_label"), 75, "accessibility_label"
            )
            if el.get("style") not in (None, "primary", "danger"):
                self.add(f"{where}.style", f"{el['style']!r} is not primary/danger")
        elif kind in SELECTS_WITH_OPTIONS:
            self.select(where, el)
        elif kind in OPTION_LISTS:
            options = el.get("options") or []
            limit = OPTION_LISTS[kind]
            if len(options) > limit:
                self.add(f"{where}.options", f"{len(options)} options > {limit} ({kind})")
            self.options(f"{where}.options", options, plain_only=kind == "overflow")
            self.initial(where, el, options)
        elif kind in TEXT_INPUTS:
            for key in ("max_length", "min_length"):
                n = el.get(key)
                if n is not None and not (isinstance(n, int) and 0 <= n <= 3000):
                    self.add(f"{where}.{key}", f"{n!r} not an int in 0..3000")
            lo, hi = el.get("min_length"), el.get("max_length")
            if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
                self.add(where, f"min_length {lo} > max_length {hi}")
            initial = el.get("initial_value")
            if isinstance(initial, str) and isinstance(hi, int) and len(initial) > hi:
                self.add(f"{where}.initial_value", f"{len(initial)} chars > max_length {hi}")
        elif kind == "image":
            self.image(where, el)

    def confirm(self, where: str, obj: dict) -> None:
        self.text(f"{where}.title", obj.get("title"), 100, "confirm title", plain_only=True)
        self.text(f"{where}.text", obj.get("text"), 300, "confirm text")
        self.text(f"{where}.confirm", obj.get("confirm"), 30, "confirm button", plain_only=True)
        self.text(f"{where}.deny", obj.get("deny"), 30, "deny button", plain_only=True)

    def select(self, where: str, el: dict) -> None:
        options, groups = el.get("options"), el.get("option_groups")
        if options is None and groups is None:
            self.add(where, "static select needs options or option_groups")
        all_options = list(options or [])
        if options is not None:
            if len(options) > 100:
                self.add(f"{where}.options", f"{len(options)} options > 100")
            self.options(f"{where}.options", options, plain_only=True)
        if groups is not None:
            if len(groups) > 100:
                self.add(f"{where}.option_groups", f"{len(groups)} groups > 100")
            for g, group in enumerate(groups):
                gw = f"{where}.option_groups[{g}]"
                self.text(f"{gw}.label", group.get("label"), 75, "option group label", plain_only=True)
                group_options = group.get("options") or []
                if len(group_options) > 100:
                    self.add(f"{gw}.options", f"{len(group_options)} options > 100")
                self.options(f"{gw}.options", group_options, plain_only=True)
                all_options.extend(group_options)
        self.initial(where, el, all_options)

    def options(self, where: str, options: list, *, plain_only: bool) -> None:
        values: set[str] = set()
        for k, opt in enumerate(options):
            w = f"{where}[{k}]"
            if not isinstance(opt, dict):
                self.add(w, "option must be an object")
                continue
            self.text(f"{w}.text", opt.get("text"), 75, "option text", plain_only=plain_only)
            self.length(f"{w}.value", opt.get("value"), 150, "option value")
            self.text(f"{w}.description", opt.get("description"), 75, "option description", required=False)
            self.length(f"{w}.url", opt.get("url"), 3000, "option url")
            value = opt.get("value")
            if value in values:
                self.add(f"{w}.value", f"duplicate option value {value!r}")
            if isinstance(value, str):
                values.add(value)

    def initial(self, where: str, el: dict, options: list) -> None:
        """Slack rejects an initial option that is not exactly one of the options."""
        chosen = [el["initial_option"]] if el.get("initial_option") else list(el.get("initial_options") or [])
        for opt in chosen:
            if opt not in options:
                self.add(f"{where}.initial_option", f"{opt!r} is not exactly one of the options")


def check_blocks(blocks: Any, limit: int = MAX_MESSAGE_BLOCKS) -> list[str]:
    """Violations in a list of blocks (the block-count limit is `limit`)."""
    checker = _Checker()
    checker.blocks(blocks, limit)
    return checker.problems


def check_fallback_text(text: Any) -> list[str]:
    """The top-level `text`: notifications, screen readers and old clients show only this."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return ["text: missing or blank fallback text (notifications and screen readers show only this)"]
    if not isinstance(text, str):
        return [f"text: must be a string, got {type(text).__name__}"]
    if len(text) > MAX_FALLBACK_TEXT:
        return [f"text: {len(text)} chars > {MAX_FALLBACK_TEXT} (Slack truncates)"]
    if len(text) > ADVISED_FALLBACK_TEXT:
        return [f"text: {len(text)} chars > {ADVISED_FALLBACK_TEXT} (Slack advises splitting the message)"]
    return []


def check_message(blocks: Any, text: Any) -> list[str]:
    """Violations in a chat.postMessage / chat.update / chat.postEphemeral / response_url body."""
    return check_blocks(blocks, MAX_MESSAGE_BLOCKS) + check_fallback_text(text)


def check_view(view: Any) -> list[str]:
    """Violations in a views.open / views.update / views.push / views.publish view."""
    if not isinstance(view, dict):
        return [f"view: must be an object, got {type(view).__name__}"]
    checker = _Checker()
    kind = view.get("type")
    if kind not in ("modal", "home"):
        checker.add("view.type", f"{kind!r} is not modal/home")
    if kind == "modal":
        checker.text("view.title", view.get("title"), 24, "modal title", plain_only=True)
        checker.text("view.close", view.get("close"), 24, "modal close", plain_only=True, required=False)
        checker.text("view.submit", view.get("submit"), 24, "modal submit", plain_only=True, required=False)
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
        if has_input and view.get("submit") is None:
            checker.add("view.submit", "a modal with input blocks needs a submit button")
    checker.length("view.private_metadata", view.get("private_metadata"), 3000, "private_metadata")
    checker.length("view.callback_id", view.get("callback_id"), 255, "callback_id")
    checker.length("view.external_id", view.get("external_id"), 255, "external_id")
    if view.get("blocks") is None:
        checker.add("view.blocks", "missing")
    checker.blocks(view.get("blocks"), MAX_VIEW_BLOCKS, "view.blocks")
    return checker.problems
