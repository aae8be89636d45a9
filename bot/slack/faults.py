"""When Slack itself fails: which errors mean "Slack didn't answer", how long to wait, what to tell the student.

The Web API client retries 429s (honouring `Retry-After`, up to :data:`MAX_RETRY_AFTER` seconds), 500/503s
and dropped connections (bot.slack.app.build_client). What is still failing after that reaches the listener as
one of :data:`SLACK_FAILURES`; the listener logs it (logger.exception, for the operator) and tells the
student in plain words through the interaction's `response_url` when it has one. Decisions are written
to the store before any Slack call that shows them, so a Slack outage never loses one.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot import logs
from bot.store import StoreUnavailable

logger = logging.getLogger(__name__)

SLACK_TIMEOUT = 10  # seconds per Web API call: a hung Slack must not hold a listener forever
MAX_RETRY_AFTER = 10  # seconds: a longer rate-limit wait is better told to the student than sat through

# SlackApiError (ok: false, incl. 429/5xx after the retries) is a SlackClientError; a dropped or refused
# connection is an aiohttp.ClientError; a call slower than SLACK_TIMEOUT raises TimeoutError.
SLACK_FAILURES: tuple[type[BaseException], ...] = (SlackClientError, aiohttp.ClientError, TimeoutError)
_TRANSIENT_ERRORS = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "team_added_to_org",
    }
)

UNREACHABLE = "Slack isn't answering right now; your answers are saved, click again in a minute."
FAILED = (
    "Sorry, I couldn't update this checklist. Your answers are saved: click again, or start a fresh"
    " check with `/invite-check` if it keeps happening."
)


def _retry_after(response: HttpResponse | None) -> float | None:
    """Seconds from a Retry-After header; None when missing or not a number (e.g. an HTTP date)."""
    if response is None:
        return None
    for key, values in response.headers.items():
        if key.lower() == "retry-after":
            value = values[0] if isinstance(values, list | tuple) and values else values
            try:
                seconds = float(str(value).strip())
            except ValueError:
                return None
            return seconds if seconds >= 0 else None
    return None


class RateLimitRetryHandler(AsyncRetryHandler):
    """slack_sdk's 429 handler, but one that gives up (the error reaches the listener) when Slack asks for
    a wait longer than `max_wait`, and that tolerates a missing or malformed `Retry-After` (slack_sdk's own
    handler raises ValueError on a non-integer one)."""

    def __init__(self, max_retry_count: int = 2, max_wait: float = MAX_RETRY_AFTER) -> None:
        super().__init__(max_retry_count)
        self.max_wait = max_wait

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = _retry_after(response)
        return wait is None or wait <= self.max_wait

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        wait = _retry_after(response)
        await asyncio.sleep((1.0 if wait is None else wait) + random.random())  # jitter, like slack_sdk
        state.increment_current_attempt()


def is_transient(exc: BaseException) -> bool:
    """True when waiting a minute is likely to help (rate limit, Slack 5xx, network, time-out)."""
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200)
        error = exc.response.get("error") if hasattr(exc.response, "get") else None
        return status == 429 or status >= 500 or error in _TRANSIENT_ERRORS
    return isinstance(exc, aiohttp.ClientError | TimeoutError)


def describe(exc: BaseException) -> str:
    """A short, secret-free label for logs: `slack_error=ratelimited status=429`, `TimeoutError`."""
    if isinstance(exc, SlackApiError):
        error = exc.response.get("error") if hasattr(exc.response, "get") else None
        return f"slack_error={error} status={getattr(exc.response, 'status_code', '?')}"
    return type(exc).__name__


async def tell(respond, body: dict, text: str) -> bool:
    """Say `text` to the student privately through the interaction's response_url, if it has one.

    Never raises: this runs when Slack is already failing. Returns whether Slack took the message.
    """
    if respond is None or not isinstance(body.get("response_url"), str) or not body["response_url"]:
        return False
    try:
        resp = await respond(text=text, response_type="ephemeral", replace_original=False)
    except Exception as exc:  # the fallback itself failed: nothing else can reach the student
        logger.warning("could not tell the student either (response_url: %s)", describe(exc))
        return False
    status = getattr(resp, "status_code", 200)
    if status != 200:
        logger.warning("could not tell the student either (response_url answered %s)", status)
        return False
    return True


OOPS = "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a minute."
STORE_TROUBLE = (
    "Sorry, I'm having trouble reaching my records right now, so that wasn't saved."
    " Please try again in a few minutes."
)

# Bolt's answer when it finds no token for a workspace: in practice the database holding the tokens
# did not answer (an uninstalled workspace sends nothing), so not Bolt's "please reinstall".
AUTHORIZE_TROUBLE = "Sorry, Invite Check is having trouble right now and couldn't take that. Please try again in a few minutes."


async def tell_in_dm(client, body: dict, text: str) -> bool:
    """Say `text` in the DM a student's message came from (an event has no response_url).

    Never raises, like `tell`. Returns whether Slack took the message.
    """
    event = body.get("event")
    if not isinstance(event, dict):
        return False
    channel = event.get("channel")
    if client is None or event.get("channel_type") != "im" or not isinstance(channel, str):
        return False
    try:
        await client.chat_postMessage(channel=channel, text=text)
    except Exception as exc:
        logger.warning("could not tell the student either (chat.postMessage: %s)", describe(exc))
        return False
    return True


def guard(fn):
    """Wrap a listener where it is registered, so an exception is logged once (logger.exception), acked,
    and told to the student in plain words; Bolt never sees it.

    Bolt's own path for an exception after ack() races its ack wait (it resets the ack it is polling
    for), so Slack can get no answer for 3 s and show the student an error.
    """

    @functools.wraps(fn)  # Bolt reads the wrapped function's parameter names to inject arguments
    async def guarded(**kwargs):
        try:
            return await fn(**kwargs)
        except Exception as exc:
            body = kwargs.get("body") or kwargs.get("command") or kwargs.get("shortcut") or {}
            described = logs.request_fields(body if isinstance(body, dict) else None)
            if isinstance(exc, StoreUnavailable):  # an outage the operator sees in /healthz, not a bug
                logger.warning("listener %s: %s", getattr(fn, "__name__", "?"), exc, extra=described)
                text = STORE_TROUBLE
            else:
                logger.exception("listener %s failed", getattr(fn, "__name__", "?"), extra=described)
                text = OOPS
            ack = kwargs.get("ack")
            if ack is not None and getattr(ack, "response", True) is None:
                await ack()
            if isinstance(body, dict) and not await tell(kwargs.get("respond"), body, text):
                await tell_in_dm(kwargs.get("client"), body, text)
            return None

    return guarded


async def bolt_error(error: Exception, body: dict) -> None:
    """app.error: what fails in Bolt itself, outside any listener (listeners are guarded). Logged once,
    with what the request was and never its content; Bolt answers 500."""
    logger.error(
        "Bolt could not handle a request (%s)",
        type(error).__name__,
        exc_info=error,
        extra=logs.request_fields(body if isinstance(body, dict) else None),
    )
