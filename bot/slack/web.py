"""aiohttp around Bolt's endpoint: the signature check before anything reads the body, and one log line.

* `request_log`: one INFO line per request (logger `bot.http`): kind, id, status, ms, Slack retry number;
  /healthz at DEBUG so health checks don't flood the log.
* `slack_gate`: a request not signed by Slack gets 401 before anything parses it. Bolt would parse it
  first and, when the signature is wrong, log the whole body (the invitation text) at INFO. This is the
  app's only signature check (build_app turns Bolt's off: it would be a second HMAC over the same body).
* `slack_events`: the request handed to Bolt through its own aiohttp adapter. A signed body is Slack's,
  so it is not second-guessed; one Bolt cannot even parse is answered 400 rather than a traceback.
"""

from __future__ import annotations

import logging
import time

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from bot import logs

access = logging.getLogger(logs.ACCESS_LOGGER)
logger = logging.getLogger(__name__)
SLACK_PATH = "/slack/events"
# What the request is, for its log line (aiohttp >= 3.12 wants typed keys on a request).
_DESCRIBED = (
    web.RequestKey("invite_check_described", dict) if hasattr(web, "RequestKey") else "invite_check_described"
)


@web.middleware
async def request_log(request: web.Request, handler: Handler) -> web.StreamResponse:
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
        level = logging.DEBUG if request.path == "/healthz" else logging.INFO
        if access.isEnabledFor(level):
            fields = request.get(_DESCRIBED) or {}
            retry = request.headers.get("X-Slack-Retry-Num")
            if retry:
                fields = {**fields, "retry": retry[:3]}
            access.log(
                level,
                "request",
                extra={
                    "method": request.method,
                    "path": request.path[:100],
                    **fields,
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )


def slack_gate(signing_secret: str | None) -> Middleware:
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    @web.middleware
    async def _gate(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method != "POST" or request.path != SLACK_PATH:
            return await handler(request)
        raw = await request.read()  # cached: Bolt's adapter reads it again without copying the socket
        if verifier is None or not _signed(verifier, raw, request):  # no secret: nothing can be trusted
            request[_DESCRIBED] = {"kind": "unsigned"}
            return web.json_response({"error": "invalid request"}, status=401)
        return await handler(request)

    return _gate


def _signed(verifier: SignatureVerifier, raw: bytes, request: web.Request) -> bool:
    try:
        return verifier.is_valid(
            body=raw,
            timestamp=request.headers.get("X-Slack-Request-Timestamp", ""),
            signature=request.headers.get("X-Slack-Signature", ""),
        )
    except ValueError:  # a timestamp that is not a number
        return False


def slack_events(bolt_app: AsyncApp) -> Handler:
    """The POST /slack/events handler: Bolt's own aiohttp adapter and dispatch."""

    async def _handle(request: web.Request) -> web.Response:
        try:
            bolt_req = await to_bolt_request(request)
        except (
            ValueError,
            TypeError,
            AttributeError,
            RecursionError,
        ) as exc:  # not UTF-8, not JSON, not an object
            request[_DESCRIBED] = {"kind": "unknown"}
            logger.warning("refused a body Bolt cannot parse (%s)", type(exc).__name__)
            return web.json_response({"error": "malformed request"}, status=400)
        request[_DESCRIBED] = described = logs.request_fields(bolt_req.body)
        try:
            response = await bolt_app.async_dispatch(bolt_req)
        except Exception as exc:  # Bolt failed before its own error handling (e.g. building its context)
            logger.error(
                "Bolt could not handle a request (%s)", type(exc).__name__, exc_info=exc, extra=described
            )
            return web.json_response({"error": "internal error"}, status=500)
        return await to_aiohttp_response(response)

    return _handle


def install(web_app: web.Application, signing_secret: str | None) -> web.Application:
    web_app.middlewares.append(request_log)
    web_app.middlewares.append(slack_gate(signing_secret))
    return web_app
