"""Structured logs: one `key=value` line per record (logfmt), one line per HTTP request with its latency.

    ts=2025-03-03T15:00:00.123Z level=info logger=bot.http msg=request kind=action id=ic_answer:personal
    status=200 ms=4.1

What never reaches the log at INFO: invitation texts, button values, tokens. The request line names the
request (kind, action_id / callback_id / command / event type), never its text or values; the
formatter redacts anything shaped like a Slack token (`xoxb-…`, `xapp-…`) wherever it appears; and
slack_sdk / slack_bolt / aiohttp stay at INFO or above even with LOG_LEVEL=DEBUG, because slack_sdk
logs every request body (the invitation text in our messages) at DEBUG.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

ACCESS_LOGGER = "bot.http"
# Third-party loggers that must never go below INFO (slack_sdk dumps request bodies at DEBUG).
QUIET_LOGGERS = ("slack_sdk", "slack_bolt", "aiohttp", "asyncio", "urllib3")
ID_MAX = 80  # characters of an action_id / callback_id kept in a request line

_TOKEN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_BEARER = re.compile(r"(Bearer\s+)\S+", re.IGNORECASE)
_BARE = re.compile(r"^[^\s=\"\\]+$")
_STANDARD = frozenset(vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None))) | {
    "message",
    "asctime",
}


def redact(text: str) -> str:
    """Slack tokens and bearer credentials replaced by a marker."""
    text = _TOKEN.sub(lambda m: f"{m.group(1)}-[redacted]", text)
    return _BEARER.sub(r"\1[redacted]", text)


def _value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "null" if value is None else "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    if not isinstance(value, str):
        value = str(value)
    if value and _BARE.match(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # quotes, and escapes newlines so a record stays one line


class LogfmtFormatter(logging.Formatter):
    """`ts=… level=… logger=… msg=… key=value…`: `extra={...}` fields become keys; a traceback is one
    escaped `exc=` value, so every record is exactly one line."""

    def format(self, record: logging.LogRecord) -> str:
        second = datetime.fromtimestamp(int(record.created), UTC).strftime("%Y-%m-%dT%H:%M:%S")
        ts = f"{second}.{record.msecs:03.0f}Z"
        parts = [
            f"ts={ts}",
            f"level={record.levelname.lower()}",
            f"logger={_value(record.name)}",
            f"msg={_value(record.getMessage())}",
        ]
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                parts.append(f"{key}={_value(value)}")
        if record.exc_info:
            parts.append(f"exc={_value(self.formatException(record.exc_info))}")
        elif record.exc_text:
            parts.append(f"exc={_value(record.exc_text)}")
        return redact(" ".join(parts))


class DropRequestBody(logging.Filter):
    """Bolt logs the whole request body (the invitation text) at INFO when a signature is wrong; keep the
    rest of that line. (bot.slack.web refuses unsigned requests before Bolt sees them; this is the backstop.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if ", body: " in message:
            record.msg, record.args = message.split(", body: ", 1)[0] + ", body: [not logged])", ()
        return True


BODY_LOGGERS = ("slack_bolt.RequestVerification", "slack_bolt.AsyncRequestVerification")


class OwnHandler(logging.StreamHandler):
    """The handler `configure` installs: its class marks it, so a second call replaces only its own."""


class _Stderr(OwnHandler):
    """Writes to whatever sys.stderr is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def configure(level: str | int = "INFO", *, stream: TextIO | None = None) -> logging.Handler:
    """Log to stderr (or `stream`) in logfmt at `level`; replaces handlers a previous call installed."""
    root = logging.getLogger()
    numeric = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    if not isinstance(numeric, int):
        numeric = logging.INFO
    for handler in list(root.handlers):
        if isinstance(handler, OwnHandler):
            root.removeHandler(handler)
    handler = OwnHandler(stream) if stream is not None else _Stderr()
    handler.setFormatter(LogfmtFormatter())
    root.addHandler(handler)
    root.setLevel(numeric)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(numeric, logging.INFO))
    for name in BODY_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, DropRequestBody) for f in target.filters):
            target.addFilter(DropRequestBody())
    return handler


def _clip(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else type(value).__name__
    return text if len(text) <= ID_MAX else text[:ID_MAX] + "…"


def request_fields(body: dict[str, Any] | None) -> dict[str, str | None]:
    """What a Slack request is, for its log line: `kind` and `id` (never text, values or user input
    beyond the identifier Slack routes on)."""
    if not isinstance(body, dict):
        return {"kind": "unknown"}
    if "command" in body:
        return {"kind": "command", "id": _clip(body.get("command"))}
    kind = body.get("type")
    if kind == "event_callback":
        event = found if isinstance(found := body.get("event"), dict) else {}
        out: dict[str, str | None] = {"kind": "event", "id": _clip(event.get("type"))}
        if isinstance(event.get("subtype"), str):
            out["subtype"] = _clip(event["subtype"])
        return out
    if kind == "block_actions":
        actions = body.get("actions")
        first = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
        return {"kind": "action", "id": _clip(first.get("action_id"))}
    if kind in ("view_submission", "view_closed"):
        view = found if isinstance(found := body.get("view"), dict) else {}
        return {"kind": "view", "id": _clip(view.get("callback_id")), "type": kind}
    if kind in ("shortcut", "message_action"):
        return {"kind": "shortcut", "id": _clip(body.get("callback_id"))}
    if "ssl_check" in body:
        return {"kind": "ssl_check"}
    return {"kind": _clip(kind) or "unknown"}
