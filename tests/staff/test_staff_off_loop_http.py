"""Issue 10 item 11: the CSV export and the staff summary are built off the event loop, so a big
export (0.7-0.8 s at 50,000 records, built in one go on the loop) no longer stalls every other request.

Timing is measured by benchmarks/bench_staff_loop.py; here we check the behaviour that matters, with
no clock: every row (every counted record) is made on a thread other than the event loop's, and at
the first one that thread waits until a health check sent then has been answered, which only happens
if the event loop is free while the export (or summary) is being built. The summary is counted by
the store (in SQL on PostgreSQL, from the records for the file); the export is written straight from
the store's records (bot.staff.export.csv_from_store). Both run beside the store's worker thread
(AsyncDecisionStore.read_aside): a student's save made at the first row is stored before the export
goes on, which only happens if the worker is not the thread building it."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

import payloads as p

from bot.staff import export
from bot.store import DecisionRecord, Signals, memory

NOW = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)  # the FakeClock's start
N = 1500


def many(n: int) -> list[DecisionRecord]:
    sig = Signals(intent="recruiter", custom_message=True, claims_prior_contact=False)
    return [
        DecisionRecord(
            id=f"many{i:06d}",
            created_at=NOW - timedelta(minutes=i),
            updated_at=NOW,
            team_id=p.TEAM_ID,
            user_id=f"U{i % 50:08d}",
            answers={"note": "no"},
            signals=sig,
            recommendation="accept",
        )
        for i in range(n)
    ]


def watch(monkeypatch, module, name: str, bot_http, *, meanwhile: str = "health check") -> dict:
    """Count calls of module.name and those made on the event loop's thread; at the first call made
    elsewhere, send GET /healthz (or store a student's record) and wait for it before going on."""
    seen = {"calls": 0, "on_loop": 0, "answered_at": None}
    real = getattr(module, name)
    loop = asyncio.get_running_loop()
    loop_thread = threading.get_ident()

    async def health() -> None:
        if meanwhile == "health check":
            status, _ = await bot_http.get("/healthz")
            assert status == 200
        else:  # a student's save: it waits for the store's worker thread
            await bot_http.store.upsert(many(N + 1)[-1])
        seen["answered_at"] = seen["calls"]

    def wrapped(*args, **kwargs):
        seen["calls"] += 1
        if threading.get_ident() == loop_thread:
            seen["on_loop"] += 1
        elif seen["answered_at"] is None:  # answered only if the loop (the worker) is free meanwhile
            asyncio.run_coroutine_threadsafe(health(), loop).result(timeout=10)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return seen


async def test_a_health_check_is_answered_while_the_export_is_being_built(bot_http, fake_slack, monkeypatch):
    await bot_http.store.upsert_many(many(N))
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    reply = await fake_slack.wait_for("response_url")
    rows = watch(monkeypatch, export, "row_for", bot_http)
    await bot_http.click(reply, "staff_export", user_id=p.STAFF)
    await bot_http.settle(timeout=20)
    assert fake_slack.last("files.completeUploadExternal").ok and rows["calls"] == N
    assert rows["on_loop"] == 0 and rows["answered_at"] == 1, rows


async def test_a_health_check_is_answered_while_the_summary_is_being_counted(
    bot_http, fake_slack, monkeypatch
):
    await bot_http.store.upsert_many(many(N))
    weeks = watch(monkeypatch, memory, "count_key", bot_http)  # called once per counted record
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    await fake_slack.wait_for("response_url")
    await bot_http.settle(timeout=20)
    assert weeks["calls"] >= N
    assert weeks["on_loop"] == 0 and weeks["answered_at"] == 1, weeks


async def test_a_students_save_is_stored_while_the_export_is_being_built(bot_http, fake_slack, monkeypatch):
    await bot_http.store.upsert_many(many(N))
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    reply = await fake_slack.wait_for("response_url")
    rows = watch(monkeypatch, export, "row_for", bot_http, meanwhile="save")
    await bot_http.click(reply, "staff_export", user_id=p.STAFF)
    await bot_http.settle(timeout=20)
    assert fake_slack.last("files.completeUploadExternal").ok and rows["calls"] == N
    assert rows["on_loop"] == 0 and rows["answered_at"] == 1, rows


async def test_a_students_save_is_stored_while_the_summary_is_being_counted(
    bot_http, fake_slack, monkeypatch
):
    await bot_http.store.upsert_many(many(N))
    weeks = watch(monkeypatch, memory, "count_key", bot_http, meanwhile="save")
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    await fake_slack.wait_for("response_url")
    await bot_http.settle(timeout=20)
    assert weeks["calls"] >= N
    assert weeks["on_loop"] == 0 and weeks["answered_at"] == 1, weeks
