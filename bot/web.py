"""aiohttp middlewares around Bolt's endpoint: a request log line with latency, and the shape gate.

`install(web_app, signing_secret)` adds, outermost first:

* `request_log`: one INFO line per request (logger `bot.http`): kind, id, status, ms, Slack retry number;
  /healthz at DEBUG so health checks don't flood the log.
* `slack_gate`: a request not signed by Slack gets 401 before anything reads it (Bolt would log its whole
  body, the invitation text, at INFO); a signed body Bolt would crash on (bot.slack.gate) gets 400. Neither
  reaches Bolt, so neither costs a 500 or a traceback. What the request is goes on its log line.
"""

from __future__ import annotations

import logging
import time

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot import logs
from bot.slack import gate

access = logging.getLogger(logs.ACCESS_LOGGER)
logger = logging.getLogger(__name__)
SLACK_PATH = "/slack/events"
# What the request is, for its log line (aiohttp >= 3.12 wants typed keys on a request).
_DESCRIBED = web.RequestKey("invite_check_described", dict) if hasattr(web, "RequestKey") else "invite_check_described"
_PARSED = web.RequestKey("invite_check_parsed", dict) if hasattr(web, "RequestKey") else "invite_check_parsed"


@web.middleware
async def request_log(request: web.Request, handler) -> web.StreamResponse:
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        fields = dict(request.get(_DESCRIBED) or {})
        retry = request.headers.get("X-Slack-Retry-Num")
        if retry:
            fields["retry"] = retry[:3]
        level = logging.DEBUG if request.path == "/healthz" else logging.INFO
        if access.isEnabledFor(level):
            access.log(level, "request", extra={"method": request.method, "path": request.path[:100], **fields,
                                                "status": status,
                                                "ms": round((time.perf_counter() - started) * 1000, 1)})


def slack_gate(signing_secret: str | None):
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    @web.middleware
    async def _gate(request: web.Request, handler) -> web.StreamResponse:
        if request.method != "POST" or request.path != SLACK_PATH:
            return await handler(request)
        raw = await request.read()  # cached: Bolt's adapter reads it again
        if verifier is not None and not _signed(verifier, raw, request):
            # Refused here, not by Bolt: Bolt would parse the unsigned body first, and log all of it
            # (the invitation text) at INFO when the signature is wrong.
            request[_DESCRIBED] = {"kind": "unsigned"}
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            body, why = None, "body is not UTF-8"
        else:
            content_type = (request.headers.get("Content-Type") or "").split(";")[0] or None
            body, why = gate.check(text, content_type)
        request[_DESCRIBED] = logs.describe(body)
        if why is None:
            request[_PARSED] = body
            return await handler(request)
        logger.warning("refused a signed request Slack would not send: %s", why)
        return web.json_response({"error": "malformed request"}, status=400)

    return _gate


def _signed(verifier: SignatureVerifier, raw: bytes, request: web.Request) -> bool:
    try:
        return verifier.is_valid(body=raw, timestamp=request.headers.get("X-Slack-Request-Timestamp", ""),
                                 signature=request.headers.get("X-Slack-Signature", ""))
    except ValueError:  # a timestamp that is not a number
        return False


class _ParsedRequest(AsyncBoltRequest):
    """Bolt's HTTP request, built from the body the gate already parsed.

    Parsing a form body costs ~160 us (urllib's parse_qsl over a 6 KB click payload); doing it once
    instead of twice was ~16% of the bot's CPU per request (benchmarks/bench_http.py). The raw body
    stays, so Bolt still verifies the signature itself.
    """

    def __init__(self, *, raw_body: str, body: dict, query: str, headers) -> None:
        super().__init__(body=body, query=query, headers=headers, mode="socket_mode")  # takes the dict as is
        self.raw_body = raw_body
        self.mode = "http"


def slack_events(bolt_app):
    """The POST /slack/events handler: Bolt's own dispatch, fed the gate's parsed body."""

    async def _handle(request: web.Request) -> web.Response:
        raw = (await request.read()).decode("utf-8")
        body = request.get(_PARSED)
        if body is None:  # no gate in front (not expected in this app): let Bolt parse
            bolt_req = AsyncBoltRequest(body=raw, query=request.query_string, headers=request.headers)
        else:
            bolt_req = _ParsedRequest(raw_body=raw, body=body, query=request.query_string, headers=request.headers)
        return await to_aiohttp_response(await bolt_app.async_dispatch(bolt_req))

    return _handle


def install(web_app: web.Application, signing_secret: str | None) -> web.Application:
    web_app.middlewares.append(request_log)
    web_app.middlewares.append(slack_gate(signing_secret))
    return web_app
