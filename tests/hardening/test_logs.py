"""Logs: one structured line per request with its latency; no tokens or invitation texts at INFO."""

from __future__ import annotations

import io
import json
import logging

import payloads as p
import pytest
from walk import answer_click

from bot import logs
from bot.slack.views import student as bk

MARKER = "QUOKKA-7731-UNIQUE-MARKER"
FAKE_TOKEN = "xoxb-2718281828-3141592653-ZmFrZXRva2VuZm9ydGVzdHM"
PASTE = (
    f"Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\nHi Sam, {MARKER} here. Use my key "
    f"{FAKE_TOKEN} to sign up, then send a $50 gift card on WhatsApp. Best, Jordan"
)
SECRETS = (MARKER, FAKE_TOKEN, "xoxb-test", "2718281828", "gift card")


def rendered(records: list[logging.LogRecord]) -> list[str]:
    """Each record as the app would write it, plus its raw message and extras (belt and braces)."""
    formatter = logs.LogfmtFormatter()
    out = []
    for r in records:
        out.append(formatter.format(r))
        out.append(r.getMessage())
        out.append(json.dumps({k: str(v) for k, v in vars(r).items()}, ensure_ascii=False))
    return out


async def walkthrough(bot_http, fake_slack) -> int:
    """The whole student path (a flagged invitation from someone the student says they know, so every
    kind of click is made); returns how many requests were sent."""
    await bot_http.command(text=PASTE)
    latest = await fake_slack.wait_for("chat.postMessage")
    await bot_http.click(latest, action_id=bk.A_KNOWN)
    latest = await fake_slack.wait_for("chat.update", lambda c: c.ok)
    for n, option in enumerate(("personal", "no", "opportunity", "verified", "no"), 2):
        await bot_http.click(latest, **answer_click(latest, option))
        latest = await fake_slack.wait_for("chat.update", lambda c: c.ok, count=n)
    await bot_http.click(latest, action_id=bk.A_DECIDE + "ignored")
    await fake_slack.wait_for("chat.update", lambda c: "Recorded" in json.dumps(c.body["blocks"]))
    await bot_http.event(p.message_im(f"another one {MARKER} {FAKE_TOKEN}"))
    await fake_slack.wait_for("chat.postMessage", count=2)
    await bot_http.settle()
    return 9


@pytest.mark.settings(invite_check_store_invite_text=True)  # even when the operator keeps the texts
async def test_no_invitation_text_or_token_in_logs_at_info(bot_http, fake_slack, caplog, instant_retries):
    caplog.set_level(logging.INFO)  # root: every logger, bot's, Bolt's, slack_sdk's, aiohttp's
    fake_slack.fail(
        "chat.update", status=429, headers={"Retry-After": "1"}, times=1
    )  # slack_sdk logs a retry
    await walkthrough(bot_http, fake_slack)
    assert (await bot_http.store.list(user_id=p.STUDENT))[0].invite_text  # the text did reach the store
    assert any(r.name.startswith("slack_sdk") for r in caplog.records)  # its INFO retry line was captured
    for line in rendered([r for r in caplog.records if r.levelno >= logging.INFO]):
        for secret in SECRETS:
            assert secret not in line, (secret, line)


async def test_one_line_per_request_with_kind_id_status_and_latency(bot_http, fake_slack, caplog):
    caplog.set_level(logging.INFO)
    sent = await walkthrough(bot_http, fake_slack)
    await bot_http.get("/healthz")  # DEBUG only: health checks would flood the log
    lines = [r for r in caplog.records if r.name == logs.ACCESS_LOGGER]
    assert len(lines) == sent
    kinds = [(r.kind, r.id) for r in lines]
    assert kinds[0] == ("command", "/invite-check")
    assert ("action", bk.A_ANSWER + "personal") in kinds and ("action", bk.A_DECIDE + "ignored") in kinds
    assert kinds[-1] == ("event", "message")
    for r in lines:
        assert r.status == 200 and isinstance(r.ms, float) and 0 <= r.ms < 3000
        line = logs.LogfmtFormatter().format(r)
        assert "\n" not in line and line.startswith("ts=") and " level=info " in line
        assert " status=200 " in line and " ms=" in line and " kind=" in line


async def test_refused_and_malformed_requests_are_logged_too(bot_http, caplog):
    caplog.set_level(logging.INFO)
    await bot_http.command(text=PASTE, sign="bad")
    await bot_http.form({"payload": "[1, 2]"})
    lines = [r for r in caplog.records if r.name == logs.ACCESS_LOGGER]
    assert [(r.kind, r.status) for r in lines] == [("unsigned", 401), ("unknown", 400)]
    assert all(MARKER not in line for line in rendered(caplog.records))


def test_formatter_makes_one_escaped_line_and_redacts_tokens():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.LogfmtFormatter())
    log = logging.getLogger("bot.test.formatter")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning('two\nlines "quoted" and %s', "xoxb-123-456-abc", extra={"wid": "w1", "n": 3, "ok": True})
        try:
            raise RuntimeError("boom with xapp-1-A0-123-abcdef and Bearer xoxp-9-9")
        except RuntimeError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    first, second = stream.getvalue().splitlines()
    assert first.startswith("ts=") and " level=warning logger=bot.test.formatter " in first
    assert 'msg="two\\nlines \\"quoted\\" and xoxb-[redacted]"' in first
    assert " wid=w1 n=3 ok=true" in first
    assert second.count("\n") == 0 and "exc=" in second and "RuntimeError" in second
    assert "xapp-[redacted]" in second and "xoxp-9" not in second and "Bearer [redacted]" in second


@pytest.mark.parametrize("level", ["DEBUG", "INFO", "WARNING"])
def test_slack_libraries_never_log_below_info(level):
    root = logging.getLogger()
    before = (root.level, list(root.handlers), {n: logging.getLogger(n).level for n in logs.QUIET_LOGGERS})
    try:
        logs.configure(level, stream=io.StringIO())
        for name in ("slack_sdk", "slack_sdk.web.async_base_client", "slack_bolt", "aiohttp.access"):
            assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name
        assert logging.getLogger("bot").isEnabledFor(logging.DEBUG) is (level == "DEBUG")
        handlers = [h for h in root.handlers if isinstance(h, logs.OwnHandler)]
        logs.configure(level, stream=io.StringIO())
        assert len([h for h in root.handlers if isinstance(h, logs.OwnHandler)]) == len(handlers) == 1
    finally:
        for h in list(root.handlers):
            if h not in before[1]:
                root.removeHandler(h)
        root.setLevel(before[0])
        for name, lvl in before[2].items():
            logging.getLogger(name).setLevel(lvl)


def test_describe_never_returns_text_or_values():
    body = p.block_actions([p.button_action(bk.A_ANSWER + "yes", value=f'1{{"n":"{MARKER}"}}')])
    assert logs.request_fields(body) == {"kind": "action", "id": bk.A_ANSWER + "yes"}
    cmd = p.slash_command(text=MARKER)
    assert logs.request_fields(cmd) == {"kind": "command", "id": "/invite-check"}
    event = p.event_callback(p.message_im(MARKER))
    assert logs.request_fields(event) == {"kind": "event", "id": "message"}
    assert len(logs.request_fields({"type": "shortcut", "callback_id": "x" * 5000})["id"]) <= logs.ID_MAX + 1
    assert logs.request_fields(None) == {"kind": "unknown"} and logs.request_fields({"type": 5}) == {
        "kind": "int"
    }


def test_bolts_invalid_signature_line_loses_the_body():
    record = logging.LogRecord(
        "slack_bolt.RequestVerification",
        logging.INFO,
        __file__,
        1,
        "Invalid request signature detected (signature: v0=ab, timestamp: 1, body: %s)",
        (f"text={MARKER}",),
        None,
    )
    assert logs.DropRequestBody().filter(record)
    assert MARKER not in record.getMessage() and "signature: v0=ab" in record.getMessage()
