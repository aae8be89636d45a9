"""Realistic Slack request payloads, shaped like Slack's documented examples (docs.slack.dev).

Module-level constants name the workspace every test runs in; small builders return the dicts Slack
sends. Builders never sign or send anything: `bot_http` (conftest.py) does that.

    import payloads as p

    form = p.slash_command(text="Hi, I'm a recruiter")          # dict of form fields
    body = p.block_actions([p.button_action("answer", "yes")])  # the `payload=` JSON object
    env = p.event_callback(p.message_im("hello"))               # Events API envelope

`find_element(blocks, action_id=..., text=...)` locates a button/select in blocks the app really sent,
and `state_values(view, {action_id: value})` fills a modal's `view.state.values` the way Slack would,
so tests click what the app rendered instead of hand-copying ids.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

TEAM_ID = "T0001"
TEAM_DOMAIN = "invitecheck-test"
API_APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "B0001"
VERIFICATION_TOKEN = "legacy-verification-token"  # deprecated by Slack, still sent in payloads
STUDENT = "U0STUDENT"
STAFF = "U0STAFF"
STUDENT_DM = "D0STUDENT"  # == dm_channel(STUDENT)
GENERAL = "C0GENERAL"

_ids = itertools.count(1)


def _next(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


def trigger_id() -> str:
    return f"{next(_ids)}.{TEAM_ID[1:]}.{int(time.time())}0f0e0d0c0b0a"


def user(user_id: str = STUDENT) -> dict[str, str]:
    name = user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": TEAM_ID}


def dm_channel(user_id: str) -> str:
    """The id of the app's DM with a user, as conversations.open returns it (U0STUDENT -> D0STUDENT)."""
    return "D" + user_id[1:]


def channel_name(channel_id: str) -> str:
    return "directmessage" if channel_id.startswith("D") else channel_id.lower()


# -- slash commands (application/x-www-form-urlencoded) ------------------------------------------
def slash_command(
    command: str = "/invite-check",
    text: str = "",
    *,
    user_id: str = STUDENT,
    channel_id: str = STUDENT_DM,
    response_url: str = "https://hooks.slack.com/commands/T0001/1/x",
    **extra: str,
) -> dict[str, str]:
    form = {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name(channel_id),
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id(),
    }
    form.update(extra)
    return form


# -- interactivity (form field `payload=` holding this JSON) --------------------------------------
def button_action(
    action_id: str, value: str | None = None, *, block_id: str = "actions", text: str = "Button"
) -> dict[str, Any]:
    action = {
        "type": "button",
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_ts": f"{time.time():.6f}",
    }
    if value is not None:
        action["value"] = value
    return action


def select_action(
    action_id: str, option: dict[str, Any], *, block_id: str = "actions", kind: str = "static_select"
) -> dict[str, Any]:
    return {
        "type": kind,
        "action_id": action_id,
        "block_id": block_id,
        "selected_option": option,
        "action_ts": f"{time.time():.6f}",
    }


def bot_message(
    blocks: list | None = None, text: str = "message", ts: str = "1700000000.000100"
) -> dict[str, Any]:
    """A message as the app posted it (what Slack echoes back in block_actions payloads)."""
    return {
        "type": "message",
        "subtype": "bot_message",
        "text": text,
        "ts": ts,
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "app_id": API_APP_ID,
        "team": TEAM_ID,
        "blocks": blocks or [],
    }


def block_actions(
    actions: list[dict[str, Any]],
    *,
    user_id: str = STUDENT,
    channel_id: str = STUDENT_DM,
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    response_url: str = "https://hooks.slack.com/actions/T0001/1/x",
) -> dict[str, Any]:
    """A block_actions payload from a message (default) or, with `view=`, from a modal/Home tab."""
    body: dict[str, Any] = {
        "type": "block_actions",
        "user": user(user_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id(),
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": actions,
    }
    if view is not None:
        full = _full_view(view, user_id)
        body["container"] = {"type": "view", "view_id": full["id"]}
        body["view"] = full
        return body
    message = message or bot_message(
        blocks=[{"type": "actions", "block_id": actions[0].get("block_id", "actions"), "elements": []}]
    )
    body["container"] = {
        "type": "message",
        "message_ts": message["ts"],
        "channel_id": channel_id,
        "is_ephemeral": False,
    }
    body["channel"] = {"id": channel_id, "name": channel_name(channel_id)}
    body["message"] = message
    body["state"] = {"values": {}}
    body["response_url"] = response_url
    return body


def _full_view(view: dict[str, Any], user_id: str) -> dict[str, Any]:
    """The view as Slack sends it back: the app's view plus ids, hash and state."""
    full = {
        "id": _next("V"),
        "team_id": TEAM_ID,
        "type": "modal",
        "private_metadata": "",
        "callback_id": "",
        "state": {"values": {}},
        "hash": f"{int(time.time())}.abcdef12",
        "clear_on_close": False,
        "notify_on_close": False,
        "root_view_id": None,
        "previous_view_id": None,
        "app_id": API_APP_ID,
        "external_id": "",
        "app_installed_team_id": TEAM_ID,
        "bot_id": BOT_ID,
        "blocks": [],
    }
    full.update(view)
    full["root_view_id"] = full["root_view_id"] or full["id"]
    return full


def view_submission(
    view: dict[str, Any], values: dict[str, Any] | None = None, *, user_id: str = STUDENT
) -> dict[str, Any]:
    """A view_submission payload; `view` is the view the app opened (ids are filled in if missing).

    `values` are {action_id: value} (see `state_values`) or Slack's own {block_id: {action_id: state}}.
    """
    full = _full_view(view, user_id)
    full["state"] = {"values": state_values(full, values or {})}
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": user(user_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id(),
        "view": full,
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def view_closed(view: dict[str, Any], *, user_id: str = STUDENT) -> dict[str, Any]:
    return {
        "type": "view_closed",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": user(user_id),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "view": _full_view(view, user_id),
        "is_cleared": False,
        "is_enterprise_install": False,
        "enterprise": None,
    }


def global_shortcut(callback_id: str, *, user_id: str = STUDENT) -> dict[str, Any]:
    return {
        "type": "shortcut",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": user(user_id),
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id(),
    }


def message_shortcut(
    callback_id: str,
    message_text: str,
    *,
    user_id: str = STUDENT,
    channel_id: str = GENERAL,
    message_user: str = "U0OTHER",
    message_ts: str = "1700000000.000200",
    response_url: str = "https://hooks.slack.com/app/T0001/1/x",
) -> dict[str, Any]:
    """A message shortcut (type message_action) on someone's message, e.g. a pasted invitation."""
    return {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "user": user(user_id),
        "channel": {"id": channel_id, "name": channel_name(channel_id)},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id(),
        "response_url": response_url,
        "message_ts": message_ts,
        "message": {
            "type": "message",
            "user": message_user,
            "ts": message_ts,
            "text": message_text,
            "team": TEAM_ID,
            "client_msg_id": "6a3e7f0c-5f43-4b7e-9d7c-6f2f0a1b2c3d",
        },
    }


# -- Events API (application/json) -------------------------------------------------------------
def event_callback(
    event: dict[str, Any],
    *,
    event_id: str | None = None,
    event_time: int | None = None,
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """As Slack sends it: the workspace is named three times (team_id, context_team_id, authorizations)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": API_APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or _next("Ev"),
        "event_time": event_time or int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + _next("ctx"),
    }


def message_im(
    text: str,
    *,
    user_id: str = STUDENT,
    channel: str = STUDENT_DM,
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """A message.im event: a student writes (or pastes an invitation) in the app's DM."""
    ts = ts or f"{time.time():.6f}"
    event = {
        "type": "message",
        "channel": channel,
        "user": user_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
        "team": TEAM_ID,
        "client_msg_id": "0d0f5f3e-1c2b-4a5d-8e9f-" + ts.replace(".", "")[-12:].rjust(12, "0"),
        "blocks": [
            {
                "type": "rich_text",
                "block_id": "rt1",
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
            }
        ],
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def bot_message_im(text: str, *, channel: str = STUDENT_DM) -> dict[str, Any]:
    """The echo of the app's own DM message (subtype bot_message): the app must ignore it."""
    ts = f"{time.time():.6f}"
    return {
        "type": "message",
        "subtype": "bot_message",
        "channel": channel,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "bot_id": BOT_ID,
        "channel_type": "im",
    }


def app_home_opened(*, user_id: str = STUDENT, tab: str = "home", view: dict | None = None) -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": dm_channel(user_id),
        "tab": tab,
        "event_ts": f"{time.time():.6f}",
        **({"view": view} if view else {}),
    }


def url_verification(
    challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
) -> dict[str, str]:
    return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}


# -- reading what the app rendered ---------------------------------------------------------------
def iter_elements(blocks: list[dict[str, Any]]):
    """(block, element) for every interactive element in blocks (actions, section accessory, input)."""
    for block in blocks or []:
        if block.get("type") == "actions":
            for el in block.get("elements", []):
                yield block, el
        elif block.get("type") == "section" and block.get("accessory"):
            yield block, block["accessory"]
        elif block.get("type") == "input" and block.get("element"):
            yield block, block["element"]


def element_text(el: dict[str, Any]) -> str:
    text = el.get("text")
    return text.get("text", "") if isinstance(text, dict) else ""


def find_element(
    blocks: list[dict[str, Any]], action_id: str | None = None, *, text: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The (block, element) whose action_id is `action_id` and/or whose label contains `text`."""
    found = [
        (b, e)
        for b, e in iter_elements(blocks)
        if (action_id is None or e.get("action_id") == action_id)
        and (text is None or text.lower() in element_text(e).lower())
    ]
    if len(found) != 1:
        labels = [(e.get("action_id"), element_text(e)) for _, e in iter_elements(blocks)]
        raise AssertionError(
            f"{len(found)} elements match action_id={action_id!r} text={text!r}; elements are {labels}"
        )
    return found[0]


def action_for(block: dict[str, Any], element: dict[str, Any], value: Any = None) -> dict[str, Any]:
    """The `actions[0]` Slack sends when a user uses `element` (for selects, `value` picks the option)."""
    kind = element.get("type")
    base = {
        "action_id": element.get("action_id"),
        "block_id": block.get("block_id", ""),
        "type": kind,
        "action_ts": f"{time.time():.6f}",
    }
    if kind == "button":
        base["text"] = element.get("text")
        if "value" in element:
            base["value"] = element["value"]
        return base
    if kind in ("static_select", "overflow", "radio_buttons"):
        base["selected_option"] = _option(element, value)
        return base
    if kind == "checkboxes":
        base["selected_options"] = [_option(element, v) for v in (value or [])]
        return base
    base["value"] = value
    return base


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    opts = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        opts.extend(group.get("options") or [])
    return opts


def _option(element: dict[str, Any], value: Any) -> dict[str, Any]:
    for opt in _options(element):
        if opt.get("value") == value:
            return opt
    raise AssertionError(
        f"{element.get('action_id')!r} has no option with value {value!r}; "
        f"values are {[o.get('value') for o in _options(element)]}"
    )


def state_values(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """view.state.values for a modal: {action_id: user input} -> {block_id: {action_id: state}}.

    Values already keyed by block_id (Slack's own shape) pass through unchanged.
    """
    if values and all(
        isinstance(v, dict) and all(isinstance(s, dict) for s in v.values()) for v in values.values()
    ):
        return values
    by_action = {e.get("action_id"): (b, e) for b, e in iter_elements(view.get("blocks", []))}
    state: dict[str, Any] = {}
    for action_id, value in values.items():
        if action_id not in by_action:
            raise AssertionError(
                f"view has no input with action_id {action_id!r}; has {sorted(map(str, by_action))}"
            )
        block, element = by_action[action_id]
        kind = element.get("type")
        if kind in ("static_select", "radio_buttons"):
            entry = {"type": kind, "selected_option": _option(element, value)}
        elif kind in ("checkboxes", "multi_static_select"):
            entry = {"type": kind, "selected_options": [_option(element, v) for v in value]}
        else:
            entry = {"type": kind, "value": value}
        state.setdefault(block.get("block_id", ""), {})[action_id] = entry
    return state
