"""Which workspace a request comes from: the one definition every listener's `team_id` rests on.

Bolt reads the workspace from the payload (for events, from ``authorizations[0]``). For an app installed
org-wide on Enterprise Grid, that authorization carries ``team_id: null`` and interactivity payloads
may carry ``team: null``, yet the student's own workspace is still in the body: the user's ``team_id``,
the view's ``team_id``, the event's ``team``. `ResolveWorkspace` runs before Bolt's authorization and
puts that workspace in the context, so records, staff lists and tokens are always one workspace's. A
request that names no workspace at all is refused with a log line, rather than filed under a made-up
one. (The manifest does not enable org-wide deployment; this keeps the app correct if an organisation
installs it anyway.)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

# Requests that concern the app or an installation rather than a student's workspace: passed on as they are.
_NOT_PER_WORKSPACE = frozenset({"url_verification", "app_uninstalled", "tokens_revoked"})
REFUSED_TEXT = (
    "Sorry, I couldn't tell which workspace this came from, so I didn't act on it. "
    "Please try again from your school's Slack workspace."
)


def _team(value: Any) -> str | None:
    """A workspace ID (T...) from a string or an object with an ``id``; never an organisation's (E...)."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and value.startswith("T") else None


def workspace_of(body: dict[str, Any]) -> str | None:
    """The workspace a payload names, wherever Slack put it for this kind of request."""
    event = found if isinstance(found := body.get("event"), dict) else {}
    user = found if isinstance(found := body.get("user"), dict) else {}
    view = found if isinstance(found := body.get("view"), dict) else {}
    event_view = found if isinstance(found := event.get("view"), dict) else {}
    for candidate in (
        body.get("team"),  # interactivity: {"id": ...}, null in org-wide installs
        user.get("team_id"),  # interactivity: the user's own workspace
        view.get("team_id"),  # view_submission / view_closed
        body.get("team_id"),  # slash commands, and the Events API envelope
        event.get("team"),  # message events
        event_view.get("team_id"),  # app_home_opened
    ):
        team = _team(candidate)
        if team:
            return team
    return None


def _kind(body: dict[str, Any]) -> str:
    event = body.get("event")
    return str(event.get("type") if isinstance(event, dict) else body.get("type") or "")


class ResolveWorkspace(AsyncMiddleware):
    """Before authorization: the context's `team_id` is the request's workspace, or the request is refused."""

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],  # noqa: A002 - Bolt's name
    ) -> BoltResponse:
        if _team(req.context.team_id):  # Bolt found it (for an org-wide view it may hold the E... ID)
            return await next()
        team = workspace_of(req.body)
        if team:
            req.context["team_id"] = team
            return await next()
        if _kind(req.body) in _NOT_PER_WORKSPACE:
            return await next()
        logger.warning("refused a %s request that names no workspace", _kind(req.body)[:40] or "Slack")
        if "command" in req.body:  # a slash command shows the answer to whoever typed it
            return BoltResponse(status=200, body=REFUSED_TEXT)
        return BoltResponse(status=200, body="")
