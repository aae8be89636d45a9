"""Runs the app: HTTP on PORT (/slack/events, /healthz) or Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiohttp import web
from aiohttp.typedefs import Handler
from slack_bolt.async_app import AsyncApp

from bot.config import Settings
from bot.slack.app import close_http_session, open_http_session
from bot.store import AsyncDecisionStore

logger = logging.getLogger(__name__)


def healthz(store: AsyncDecisionStore | None) -> Handler:
    """`GET /healthz`: 200 while the store answers within its bound, 503 (and why) when it does not,
    so an orchestrator stops sending students to a replica that can't save their answers."""
    from bot.store import StoreError

    async def handler(_request: web.Request) -> web.Response:
        if store is not None:
            try:
                await store.ping()
            except StoreError as exc:
                return web.json_response({"ok": False, "store": str(exc)}, status=503)
        return web.json_response({"ok": True})

    return handler


def build_web_app(
    app: AsyncApp, signing_secret: str | None, store: AsyncDecisionStore | None = None
) -> web.Application:
    """The aiohttp application Slack talks to in HTTP mode (tests drive this very object); `store`
    (bot.store.AsyncDecisionStore) is what `/healthz` checks."""
    from bot.slack import web as middleware

    web_app = web.Application()
    web_app.router.add_post(middleware.SLACK_PATH, middleware.slack_events(app))
    web_app.router.add_get("/healthz", healthz(store))
    if app.oauth_flow is not None:  # installs in many workspaces: Bolt's OAuth flow on its two paths
        from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

        flow = app.oauth_flow

        async def install(request: web.Request) -> web.StreamResponse:
            return await to_aiohttp_response(await flow.handle_installation(await to_bolt_request(request)))

        async def oauth_redirect(request: web.Request) -> web.StreamResponse:
            return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))

        web_app.router.add_get(flow.install_path, install)
        web_app.router.add_get(flow.redirect_uri_path, oauth_redirect)
    opened: list[bool] = []

    async def _open(_web_app: web.Application) -> None:
        opened.append(await open_http_session(app))

    async def _close(_web_app: web.Application) -> None:
        if any(opened):  # `serve` owns the session when it opened it first: after-ack work still needs it
            await close_http_session(app)
        if app.oauth_flow is not None:  # the installation store's database connections
            from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore

            installations = app.oauth_flow.settings.installation_store
            if isinstance(installations, AsyncSQLAlchemyInstallationStore):
                await installations.engine.dispose()

    web_app.on_startup.append(_open)
    web_app.on_cleanup.append(_close)
    return middleware.install(web_app, signing_secret)  # request log line + signature check in front of Bolt


SHUTDOWN_TIMEOUT = 10.0  # seconds for in-flight requests, then for their after-ack work, at SIGTERM


async def drain_listeners(*, exclude: set[asyncio.Task], timeout: float = SHUTDOWN_TIMEOUT) -> None:  # noqa: ASYNC109
    """Wait for work still running for requests already answered: Bolt runs a listener's after-ack part
    (a Slack post, a recorded decision) as its own task, which closing the HTTP site does not wait for."""
    current = asyncio.current_task()
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        pending = {t for t in asyncio.all_tasks() if t is not current and t not in exclude and not t.done()}
        left = deadline - asyncio.get_running_loop().time()
        if not pending:
            return
        if left <= 0:
            logger.warning("stopping with %d task(s) still running after %.0f s", len(pending), timeout)
            return
        logger.info("waiting for %d task(s) of answered requests", len(pending))
        await asyncio.wait(pending, timeout=left)


async def stop_background(tasks: list[asyncio.Task]) -> None:
    """Cancel the long-running loops (retention, reminders, ...) and wait until each has ended."""
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


async def _serve_async(settings: Settings) -> int:
    from bot.slack.app import wire
    from bot.store import open_configured_async

    store = open_configured_async(settings)  # PostgreSQL with DATABASE_URL, else the TinyDB file
    wired = wire(settings, store)
    app, deps = wired.app, wired.deps
    stop = deps.stop  # also set by the app_uninstalled / tokens_revoked listener
    loop = asyncio.get_running_loop()
    not_ours = asyncio.all_tasks()  # whoever runs the server (a test, say): not work to wait for at shutdown
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    from bot.slack import jobs

    try:
        await jobs.purge_expired(deps)  # retention at start-up, then daily
    except Exception:  # an old record left one more day beats a bot that won't start
        logger.exception("start-up retention purge failed")
    retention = jobs.start_retention(deps, stop=stop)
    deps.background.append(retention)
    # The screenshot readers load their OCR engine now, beside the start-up, not on a student's picture.
    # Not work in flight: shutdown cancels it with the loops instead of waiting for it.
    deps.background.append(
        asyncio.create_task(deps.screenshots.reader.start(), name="invite-check-ocr-warm-up")
    )

    await open_http_session(app)  # closed last, after the after-ack work has drained
    # "Did they reply?" reminders: a pass right away (one due while the bot was down goes out now), then every minute.
    reminders = jobs.start_reminders(deps, app.client, stop=stop)
    deps.background.append(reminders)
    # The staff's weekly digest: a pass right away (one due while the bot was down goes out now), then every few minutes.
    deps.background.append(jobs.start_digests(deps, app.client, stop=stop))
    try:
        if settings.mode == "socket":
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(app, settings.slack_app_token)
            await handler.connect_async()
            logger.info("Connected to Slack in Socket Mode")
            await stop.wait()
            await handler.close_async()
        else:
            # access_log=None: bot.slack.web logs one line per request; shutdown_timeout: in-flight requests finish.
            runner = web.AppRunner(
                build_web_app(app, settings.slack_signing_secret, store),
                access_log=None,
                shutdown_timeout=SHUTDOWN_TIMEOUT,
            )
            await runner.setup()
            site = web.TCPSite(runner, port=settings.port)
            await site.start()
            logger.info("Serving Slack events on port %s at /slack/events", settings.port)
            await stop.wait()
            logger.info("Stopping: no new requests; finishing the ones in flight")
            await runner.cleanup()
    finally:
        await drain_listeners(exclude={*not_ours, *deps.background}, timeout=SHUTDOWN_TIMEOUT)
        await jobs.stop_reminders(reminders)  # lets a pass in progress finish its post first
        await stop_background(deps.background)
        await deps.screenshots.reader.close()
        await close_http_session(app)
        await store.aclose()  # flushes and compacts the data file
        logger.info("Stopped cleanly")
    return 0


def serve(settings: Settings) -> int:
    return asyncio.run(_serve_async(settings))
