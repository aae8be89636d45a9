"""Runs the app: HTTP on PORT (/slack/events, /healthz) or Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiohttp import web

from bot.config import Settings

logger = logging.getLogger(__name__)


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_web_app(app) -> web.Application:
    """The aiohttp application Slack talks to in HTTP mode (tests drive this very object)."""
    web_app = app.web_app(path="/slack/events")
    web_app.router.add_get("/healthz", healthz)
    return web_app


async def _serve_async(settings: Settings) -> int:
    from bot.app import build_app
    from bot.store import AsyncDecisionStore, open_store

    store = AsyncDecisionStore(open_store(settings.invite_check_db_path))
    app = build_app(settings, store)
    deps = app._invite_check_deps  # noqa: SLF001
    stop = deps.stop  # also set by the app_uninstalled / tokens_revoked listener
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    from bot import maintenance

    try:
        await maintenance.purge_expired(deps)  # retention at start-up, then daily
    except Exception:  # an old record left one more day beats a bot that won't start
        logger.exception("start-up retention purge failed")
    retention = maintenance.start_retention(deps, stop=stop)
    try:
        if settings.mode == "socket":
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(app, settings.slack_app_token)
            await handler.connect_async()
            logger.info("Connected to Slack in Socket Mode")
            await stop.wait()
            await handler.close_async()
        else:
            runner = web.AppRunner(build_web_app(app), shutdown_timeout=10)
            await runner.setup()
            site = web.TCPSite(runner, port=settings.port)
            await site.start()
            logger.info("Serving Slack events on port %s at /slack/events", settings.port)
            await stop.wait()
            await runner.cleanup()
    finally:
        retention.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await retention
        await store.aclose()
        logger.info("Stopped cleanly")
    return 0


def serve(settings: Settings) -> int:
    return asyncio.run(_serve_async(settings))
