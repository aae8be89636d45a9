"""The shape check in front of Bolt: a request body Slack would never send is refused with 400, not a 500.

Bolt parses the body before it checks the signature and then dereferences it freely (`body["actions"][0]`,
`"id" in body["user"]`, `re.match(pattern, action["action_id"])`), so a payload with an empty `actions`
list, a number where an object belongs, or a `payload=` that is not JSON ends in a 500 and an ERROR
with a traceback, even unsigned. :func:`check` parses the body the way Bolt does and answers with what is
wrong, or None; the server's middleware refuses the request (401 when it is not signed by Slack either)
before Bolt sees it. Only the fields Bolt and our listeners rely on are checked, each against the type
Slack's documentation gives it, so a new field or event type from Slack still passes.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.request.internals import parse_body

_NONE = type(None)
# Objects Bolt and the listeners look inside (top level, and inside `event`).
_OBJECTS = ("event", "view", "container", "message", "previous_message", "item", "assistant_thread",
            "function_data", "state", "workflow_step")
# Either an ID string or an object with an "id" (Slack uses both shapes).
_ID_OR_OBJECT = ("user", "team", "enterprise", "channel")
_STRINGS = ("type", "command", "callback_id", "trigger_id", "response_url", "user_id", "team_id", "channel_id",
            "enterprise_id", "action_id", "api_app_id", "subtype", "channel_type", "ts", "thread_ts", "tab")
_REQUIRED_USER = ("block_actions", "view_submission", "view_closed", "shortcut", "message_action")
_REQUIRED_TRIGGER = ("block_actions", "shortcut", "message_action")


class Malformed(ValueError):
    """The body is not a Slack request."""


def parse(raw: str, content_type: str | None) -> dict[str, Any]:
    """The body as Bolt will see it (same parser), or Malformed."""
    try:
        body = parse_body(raw, content_type)
    except (ValueError, RecursionError) as exc:  # json.JSONDecodeError is a ValueError
        raise Malformed(f"body does not parse ({type(exc).__name__})") from None
    if not isinstance(body, dict):
        raise Malformed(f"body is a JSON {type(body).__name__}, not an object")
    return body


def _types(obj: dict[str, Any], where: str) -> str | None:
    for key in _OBJECTS:
        if not isinstance(obj.get(key), dict | _NONE):
            return f"{where}{key} is not an object"
    for key in _ID_OR_OBJECT:
        value = obj.get(key)
        if not isinstance(value, str | dict | _NONE):
            return f"{where}{key} is neither an ID nor an object"
        if isinstance(value, dict):
            for sub in ("id", "team_id"):
                if not isinstance(value.get(sub), str | _NONE):
                    return f"{where}{key}.{sub} is not a string"
    for key in _STRINGS:
        if not isinstance(obj.get(key), str | _NONE):
            return f"{where}{key} is not a string"
    for key in ("authorizations", "actions"):
        value = obj.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(x, dict) for x in value)):
            return f"{where}{key} is not a list of objects"
    return None


def problem(body: dict[str, Any]) -> str | None:
    """What makes `body` unlike anything Slack sends (None when it looks fine)."""
    found = _types(body, "")
    if found:
        return found
    kind = body.get("type")
    for auth in body.get("authorizations") or ():
        if found := _types(auth, "authorizations[]."):
            return found
    event = body.get("event")
    if event is not None:
        if not isinstance(event.get("type"), str):
            return "event.type is not a string"
        if found := _types(event, "event."):
            return found
        for key in ("message", "previous_message"):
            if event.get(key) is not None and (found := _types(event[key], f"event.{key}.")):
                return found
    elif kind == "event_callback":
        return "event_callback without an event"
    if "command" in body:
        for key in ("user_id", "trigger_id", "response_url"):  # Slack sends all three with every command
            if not isinstance(body.get(key), str):
                return f"slash command without {key}"
    if kind in _REQUIRED_TRIGGER and not isinstance(body.get("trigger_id"), str):
        return f"{kind} without trigger_id"
    if kind in _REQUIRED_USER:
        user = body.get("user")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            return f"{kind} without user.id"
    url = body.get("response_url")
    if url is not None and not url.startswith(("https://", "http://")):
        return "response_url is not a URL"
    if kind in ("block_actions", "interactive_message") and not body.get("actions"):
        return f"{kind} without actions"  # Bolt reads actions[0]
    if kind == "block_actions":
        actions = body["actions"]
        container = body.get("container")
        if not isinstance(container, dict) or not isinstance(container.get("type"), str):
            return "block_actions without a container"
        if container["type"] == "message" and not (
                isinstance(container.get("channel_id"), str) and isinstance(container.get("message_ts"), str)):
            return "message container without channel_id and message_ts"
        for action in actions:
            if not isinstance(action.get("action_id"), str):
                return "actions[].action_id is not a string"
            if found := _types(action, "actions[]."):
                return found
            if not isinstance(action.get("selected_option"), dict | _NONE):
                return "actions[].selected_option is not an object"
    if kind in ("view_submission", "view_closed") or "view" in body:
        view = body.get("view")
        if kind in ("view_submission", "view_closed") and not isinstance(view, dict):
            return f"{kind} without a view"
        if isinstance(view, dict):
            if found := _types(view, "view."):
                return found
            if kind in ("view_submission", "view_closed") and not (
                    isinstance(view.get("type"), str) and isinstance(view.get("callback_id"), str)):
                return f"{kind} without view.type and view.callback_id"
            if not isinstance(view.get("id"), str | _NONE):
                return "view.id is not a string"
            if not isinstance(view.get("private_metadata"), str | _NONE):
                return "view.private_metadata is not a string"
            values = (view.get("state") or {}).get("values")
            if values is not None and not (isinstance(values, dict) and all(
                    isinstance(b, dict) and all(isinstance(a, dict) for a in b.values()) for b in values.values())):
                return "view.state.values is not {block_id: {action_id: object}}"
    # Bolt's (deprecated) workflow-step support reads these without checking.
    if kind == "workflow_step_edit" and not isinstance(body.get("workflow_step"), dict):
        return "workflow_step_edit without a workflow_step"
    if isinstance(body.get("view"), dict) and body["view"].get("type") == "workflow_step" \
            and not isinstance(body.get("workflow_step"), dict):
        return "workflow_step view without a workflow_step"
    if isinstance(event, dict) and event.get("type") == "workflow_step_execute" \
            and not isinstance(event.get("workflow_step"), dict):
        return "workflow_step_execute without a workflow_step"
    if kind in ("shortcut", "message_action") and not isinstance(body.get("callback_id"), str):
        return f"{kind} without callback_id"
    if kind == "message_action" and not isinstance(body.get("message"), dict):
        return "message_action without a message"
    return None


def check(raw: str, content_type: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """(parsed body, None) when Bolt may have it; (None or body, why) when it must be refused."""
    try:
        body = parse(raw, content_type)
    except Malformed as exc:
        return None, str(exc)
    return body, problem(body)

