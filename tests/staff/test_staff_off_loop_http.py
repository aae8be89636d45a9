"""Issue 10 item 11: the CSV export and the staff summary give the event loop a turn as they go, so a
big export (0.7-0.8 s at 50,000 records, built in one go) no longer stalls every other request.

Timing is measured by benchmarks/bench_staff_loop.py; here we check the behaviour that matters: a
health check sent while the export (or summary) is being built is answered before it is finished.
The summary is counted by the store (bot.store: in SQL on PostgreSQL, on the store's own thread for
the file), so the event loop is free all along; the export is built on the loop in chunks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import payloads as p

from bot.staff import export, summary
from bot.store import DecisionRecord, Signals

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


def watch(monkeypatch, module, name: str, bot_http) -> dict:
    """Count calls of module.name; at the first one, send GET /healthz and note how many calls had
    happened by the time it was answered."""
    seen = {"calls": 0, "answered_at": None, "task": None}
    real = getattr(module, name)
    loop = asyncio.get_running_loop()

    async def health() -> None:
        status, _ = await bot_http.get("/healthz")
        assert status == 200
        seen["answered_at"] = seen["calls"]

    def wrapped(*args, **kwargs):
        seen["calls"] += 1
        if seen["task"] is None:
            try:
                asyncio.get_running_loop()
            except RuntimeError:  # counted on the store's thread (the summary): wait here for the answer,
                # which only comes if the event loop is free while the counting goes on
                seen["task"] = asyncio.run_coroutine_threadsafe(health(), loop)
                seen["task"].result(timeout=10)
            else:  # built on the event loop in chunks (the export)
                seen["task"] = loop.create_task(health())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapped)
    return seen


async def test_a_health_check_is_answered_while_the_export_is_being_built(bot_http, fake_slack, monkeypatch):
    await bot_http.store.upsert_many(many(N))
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    reply = await fake_slack.wait_for("response_url")
    monkeypatch.setattr(export, "CHUNK_ROWS", 50)  # many turns of the loop with few records
    rows = watch(monkeypatch, export, "row_for", bot_http)
    await bot_http.click(reply, "staff_export", user_id=p.STAFF)
    await bot_http.settle(timeout=20)
    assert fake_slack.last("files.completeUploadExternal").ok and rows["calls"] == N
    assert rows["answered_at"] is not None and rows["answered_at"] < N, rows


async def test_a_health_check_is_answered_while_the_summary_is_being_counted(
    bot_http, fake_slack, monkeypatch
):
    await bot_http.store.upsert_many(many(N))
    monkeypatch.setattr(summary, "CHUNK", 50)
    weeks = watch(monkeypatch, summary, "_monday", bot_http)  # called once per counted record
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    await fake_slack.wait_for("response_url")
    await bot_http.settle(timeout=20)
    assert weeks["calls"] >= N
    assert weeks["answered_at"] is not None and weeks["answered_at"] < N, weeks
