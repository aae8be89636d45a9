"""AsyncDecisionStore: one worker thread, serialized writes, drained on aclose()."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.store import AsyncDecisionStore, Followup, StoreClosedError, open_store

T0 = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)


async def test_200_concurrent_upserts_leave_200_records(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = AsyncDecisionStore(open_store(path))
    results = await asyncio.gather(
        *(store.upsert(record_factory(f"wt-{i}", at=T0 + timedelta(seconds=i))) for i in range(200))
    )
    assert len({r.id for r in results}) == 200
    assert await store.count() == 200
    await store.aclose()
    with open_store(path) as reopened:
        assert reopened.count() == 200


async def test_same_id_upserted_concurrently_leaves_one(tmp_path, record_factory):
    path = tmp_path / "db.json"
    async with AsyncDecisionStore(open_store(path)) as store:
        await asyncio.gather(*(store.upsert(record_factory("same")) for _ in range(50)))
        assert await store.count() == 1
    with open_store(path) as reopened:
        assert reopened.count() == 1


async def test_all_methods_run_on_one_worker_thread(tmp_path, record_factory):
    store = AsyncDecisionStore(open_store(tmp_path / "db.json"))
    threads: set[str] = set()
    real_upsert = store.store.upsert

    def spy(record):
        threads.add(threading.current_thread().name)
        return real_upsert(record)

    store.store.upsert = spy
    await asyncio.gather(*(store.upsert(record_factory(f"r{i}")) for i in range(20)))
    assert len(threads) == 1 and threading.current_thread().name not in threads
    await store.call(lambda s: s.update("r1", followup=Followup(remind_at=T0)))
    assert [r.id for r in await store.claim_due_reminders(T0)] == ["r1"]
    assert (await store.get("r1")).followup.remind_at == T0
    assert len(await store.list(team_id="T1", limit=5)) == 5
    assert await store.delete("r2") is True
    assert await store.call(lambda s: s.delete_user("T1", "U1")) == 19
    assert await store.purge_older_than(T0) == 0
    await store.aclose()


async def test_aclose_drains_queued_writes_then_refuses_more(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = AsyncDecisionStore(open_store(path))
    pending = [asyncio.ensure_future(store.upsert(record_factory(f"r{i}"))) for i in range(30)]
    await asyncio.sleep(0)
    await store.aclose()
    await asyncio.gather(*pending)
    with pytest.raises(StoreClosedError):
        await store.count()
    await store.aclose()  # idempotent
    with open_store(path) as reopened:
        assert reopened.count() == 30
