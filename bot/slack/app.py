"""build_app(settings, store) -> AsyncApp (and wire(), which also returns its Deps): the one place the
Slack app is assembled.

Tests, benchmarks and `python -m bot serve` all call this, so what is tested is what runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching.content import Content, load_content
from bot.config import Settings
from bot.screenshot import ScreenshotReader
from bot.slack.deps import Deps
from bot.slack.faults import AUTHORIZE_TROUBLE, MAX_RETRY_AFTER, SLACK_TIMEOUT, RateLimitRetryHandler
from bot.slack.workspace import ResolveWorkspace
from bot.store import AsyncDecisionStore, utc_now

logger = logging.getLogger(__name__)


def build_client(settings: Settings) -> AsyncWebClient:
    """A Web API client that honours SLACK_API_URL and retries 429s, 5xx and dropped connections.

    A call slower than SLACK_TIMEOUT raises TimeoutError (not retried); a 429 asking for more than
    MAX_RETRY_AFTER seconds is not sat through (bot.slack.faults: the listener tells the student).
    """
    return AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=SLACK_TIMEOUT,
        retry_handlers=[
            RateLimitRetryHandler(max_retry_count=2, max_wait=MAX_RETRY_AFTER),
            AsyncServerErrorRetryHandler(max_retry_count=2),
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
        ],
    )


@dataclass
class Wired:
    """The Slack app and what its listeners share (the server runs background jobs on the same deps)."""

    app: AsyncApp
    deps: Deps


def wire(
    settings: Settings,
    store: AsyncDecisionStore,
    *,
    content: Content | None = None,
    clock: Callable[[], datetime] = utc_now,
    reader: ScreenshotReader | None = None,
) -> Wired:
    """The app and its services. `reader` reads screenshots in worker processes: one per process is
    enough, so tests that build many apps share one."""
    from bot.slack import listeners
    from bot.slack.followups import Followups
    from bot.slack.locks import WalkLocks
    from bot.slack.names import Names
    from bot.slack.result_card import ResultCards
    from bot.slack.scam_alerts import ScamAlerts
    from bot.slack.screenshots import Screenshots
    from bot.slack.staff_access import StaffDirectory
    from bot.slack.walkthrough import Walkthrough

    bolt_logger = logging.getLogger("slack_bolt.InviteCheck")
    # Bolt reads the logger's own `level` (not the effective one) to decide whether to build its debug
    # lines, per middleware and listener on every request: give it the level in force (Slack's libraries
    # never log below INFO here, bot.logs).
    bolt_logger.setLevel(max(bolt_logger.getEffectiveLevel(), logging.INFO))
    client = build_client(settings)
    oauth_settings: AsyncOAuthSettings | None = None
    authorize: AsyncInstallationStoreAuthorize | None = None
    if settings.oauth:  # installs in many workspaces: each request is answered with its workspace's token
        from bot.slack.oauth import build_authorize, build_oauth_settings

        oauth_settings = build_oauth_settings(settings, store)
        authorize = build_authorize(oauth_settings, client)
    app = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret,
        # Socket Mode needs no signature; over HTTP bot.slack.web checks it before Bolt parses the body, once.
        # (The OAuth install and redirect pages are browser GETs Slack does not sign.)
        request_verification_enabled=False,
        oauth_settings=oauth_settings,
        user_facing_authorize_error_message=AUTHORIZE_TROUBLE,
        authorize=authorize,  # type: ignore[arg-type]  # Bolt takes an AsyncAuthorize here too (typed as a function)
        # Every listener's `team_id` is the request's workspace, also for org-wide installs (bot.slack.workspace).
        before_authorize=ResolveWorkspace(),
        logger=bolt_logger,
    )
    content = content or load_content(settings.invite_check_prompts_dir)
    installations = oauth_settings.installation_store if oauth_settings is not None else None
    # In dependency order, each given only what it uses: names <- cards; cards, locks <- followups;
    # staff <- scam alerts; all of them <- walkthrough.
    names = Names(clock)
    locks = WalkLocks()
    cards = ResultCards(settings=settings, store=store, content=content, clock=clock, names=names)
    followups = Followups(
        settings=settings,
        store=store,
        content=content,
        clock=clock,
        names=names,
        cards=cards,
        locks=locks,
        installations=installations,
    )
    # Installs in many workspaces: each workspace's own staff list and user group, from the store.
    workspace = store.workspace if settings.oauth else None
    staff = StaffDirectory(settings, app.client, clock, workspace=workspace)
    scam_alerts = ScamAlerts(settings=settings, store=store, clock=clock, staff=staff)
    walkthrough = Walkthrough(
        settings=settings,
        store=store,
        content=content,
        clock=clock,
        names=names,
        cards=cards,
        locks=locks,
        followups=followups,
        staff=staff,
        scam_alerts=scam_alerts,
    )
    deps = Deps(
        settings=settings,
        store=store,
        content=content,
        clock=clock,
        names=names,
        followups=followups,
        walkthrough=walkthrough,
        locks=locks,
        staff=staff,
        screenshots=Screenshots(reader or ScreenshotReader(), walkthrough),
        installations=installations,
    )
    listeners.register(app, deps)
    return Wired(app, deps)


def build_app(
    settings: Settings,
    store: AsyncDecisionStore,
    *,
    content: Content | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> AsyncApp:
    return wire(settings, store, content=content, clock=clock).app


async def open_http_session(app: AsyncApp) -> bool:
    """One pooled HTTP session for every Web API call (Bolt hands it to each per-request client).

    Without it slack_sdk opens a session, and a TCP/TLS connection, for every single call. slack_sdk
    applies a shared session's own timeout, so it carries the client's. Returns True when this call
    opened it (the opener closes it).
    """
    if app.client.session is not None:
        return False
    app.client.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=app.client.timeout))
    return True


async def close_http_session(app: AsyncApp) -> None:
    session, app.client.session = app.client.session, None
    if session is not None:
        await session.close()
