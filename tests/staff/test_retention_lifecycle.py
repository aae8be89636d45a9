"""Retention (start-up and daily purge) and stopping cleanly on app_uninstalled / tokens_revoked."""

from __future__ import annotations

import asyncio
import json
import socket
from datetime import UTC, datetime, timedelta

import aiohttp
import payloads as p
import pytest
from slack_sdk.signature import SignatureVerifier
from staff_seed import NOW, rec, seed

from bot.slack import jobs


def deps_of(bot_http):
    return bot_http.deps


async def test_purge_expired_removes_only_records_past_retention(bot_http):
    await seed(bot_http.store)
    assert await jobs.purge_expired(deps_of(bot_http)) == 1  # r7, 400 days old
    assert await bot_http.store.get("r7") is None and await bot_http.store.count() == 7
    bot_http.clock.advance(days=330)  # r6 (40 days old) is now 370 days old
    assert await jobs.purge_expired(deps_of(bot_http)) == 1
    assert await bot_http.store.get("r6") is None


@pytest.mark.settings(invite_check_retention_days=30)
async def test_retention_days_come_from_settings(bot_http):
    await seed(bot_http.store)
    assert await jobs.purge_expired(deps_of(bot_http)) == 2  # r6 (40 days) and r7 (400 days)


async def test_retention_loop_purges_at_start_and_again_every_interval(bot_http):
    await seed(bot_http.store)
    deps = deps_of(bot_http)
    stop = asyncio.Event()
    task = asyncio.create_task(jobs.retention_loop(deps, interval=0.02, stop=stop))
    for _ in range(200):
        if await bot_http.store.get("r7") is None:
            break
        await asyncio.sleep(0.01)
    assert await bot_http.store.get("r7") is None  # the first run happens at once
    await bot_http.store.upsert(rec("late", at=NOW - timedelta(days=500)))
    for _ in range(200):
        if await bot_http.store.get("late") is None:
            break
        await asyncio.sleep(0.01)
    assert await bot_http.store.get("late") is None  # and again on the next tick
    stop.set()
    await asyncio.wait_for(task, 1)
    assert await bot_http.store.count() == 7


async def test_retention_loop_survives_a_failed_run(caplog):
    runs = []
    third = asyncio.Event()

    async def flaky(_deps):
        runs.append(1)
        if len(runs) == 3:
            third.set()
        if len(runs) == 1:
            raise OSError("disk hiccup")
        return 0

    stop = asyncio.Event()
    task = asyncio.create_task(jobs.retention_loop(None, interval=0.01, stop=stop, purge=flaky))
    await asyncio.wait_for(third.wait(), 2)  # kept going after the failure
    stop.set()
    await asyncio.wait_for(task, 1)
    assert any("retention purge failed" in r.getMessage() for r in caplog.records)


async def test_app_uninstalled_sets_the_stop_event(bot_http, caplog):
    deps = deps_of(bot_http)
    assert not deps.stop.is_set()
    with caplog.at_level("WARNING", logger="bot.slack.listeners.lifecycle"):
        status, _ = await bot_http.event({"type": "app_uninstalled"})
        await bot_http.settle()
    assert status == 200 and deps.stop.is_set()
    assert any("uninstalled" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)


async def test_bot_token_revoked_sets_the_stop_event(bot_http):
    await bot_http.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [p.BOT_USER_ID]}})
    await bot_http.settle()
    assert deps_of(bot_http).stop.is_set()


async def test_only_user_tokens_revoked_keeps_running(bot_http):
    await bot_http.event({"type": "tokens_revoked", "tokens": {"oauth": ["U0SOMEONE"]}})
    await bot_http.settle()
    assert not deps_of(bot_http).stop.is_set()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_serve_purges_at_start_up_and_stops_cleanly_when_uninstalled(make_settings, tmp_path):
    """The real `python -m bot serve` path: start-up purge, then app_uninstalled ends it with status 0."""
    from bot.slack.server import _serve_async
    from bot.store import open_store

    now = datetime.now(UTC)
    with open_store(tmp_path / "db.json") as store:
        store.upsert(rec("old", at=now - timedelta(days=366)))
        store.upsert(rec("new", at=now - timedelta(days=364)))
    settings = make_settings(port=free_port())
    task = asyncio.create_task(_serve_async(settings))
    base = f"http://127.0.0.1:{settings.port}"
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            assert not task.done(), task
            try:
                async with session.get(base + "/healthz") as res:
                    if res.status == 200:
                        break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.01)
        body = json.dumps(p.event_callback({"type": "app_uninstalled"}))
        ts = str(int(datetime.now(UTC).timestamp()))
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(settings.slack_signing_secret).generate_signature(
                timestamp=ts, body=body
            ),
        }
        async with session.post(base + "/slack/events", data=body, headers=headers) as res:
            assert res.status == 200
    assert await asyncio.wait_for(task, 5) == 0
    with open_store(tmp_path / "db.json") as store:  # closed and unlocked: reopens fine
        assert [r.id for r in store.list()] == ["new"]
