"""Asyncio front for a DecisionStore.

Every call runs on one dedicated worker thread: writes are serialized in arrival order, an
fsync or a compaction never blocks the event loop, and no two calls of the store run at once,
except the long read-only passes of `read_aside` (a staff export or summary), which run on a thread
of their own so that students' clicks don't queue behind them. Note that cancelling an awaiting
coroutine does not cancel the database work already queued; a write that was submitted still
completes.

With a ``timeout`` (PostgreSQL: INVITE_CHECK_DB_TIMEOUT) no call waits longer than that: one that
does raises StoreUnavailable, and a call still queued then is dropped, not run later.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from bot.store.base import DecisionStore, StoreClosedError, StoreUnavailable
from bot.store.models import DecisionRecord

T = TypeVar("T")
logger = logging.getLogger(__name__)


class AsyncDecisionStore:
    def __init__(self, store: DecisionStore, *, workers: int = 1, timeout: float | None = None) -> None:
        """``workers`` > 1 only for a store that is safe across threads and gains from it (PostgreSQL:
        one per pooled connection); the file store wants its one thread. ``timeout``: seconds any
        call may take (None: unbounded, the local file)."""
        self.store = store
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="invite-check-store")
        self._aside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="invite-check-store-read")
        self._closed = False

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._closed:
            raise StoreClosedError("the decision store is closed")
        loop = asyncio.get_running_loop()
        return await self._bounded(
            loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))
        )

    async def _bounded(self, work: Awaitable[T]) -> T:
        if self.timeout is None:
            return await work
        try:
            return await asyncio.wait_for(work, self.timeout)
        except TimeoutError:
            raise StoreUnavailable(f"the database did not answer within {self.timeout:g} s") from None

    async def call(self, fn: Callable[[DecisionStore], T]) -> T:
        """Run `fn(store)` on the worker thread: several reads and writes in one trip, and no other
        store call in between (calls are serialized on that thread)."""
        return await self._run(fn, self.store)

    async def read_aside(self, fn: Callable[[DecisionStore], T]) -> T:
        """Run a long read-only `fn(store)` (an export of 50,000 rows takes seconds) on its own thread,
        beside the worker, so writes don't wait for it. Safe for every store here: the memory and file
        stores hand out a snapshot taken under their lock and never change a stored document in place;
        PostgreSQL reads on a pooled connection of its own. One such pass at a time."""
        if self._closed:
            raise StoreClosedError("the decision store is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._aside, fn, self.store)

    async def upsert(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord:
        return await self._run(self.store.upsert, record)

    async def upsert_many(
        self, records: Iterable[DecisionRecord | Mapping[str, Any]]
    ) -> list[DecisionRecord]:
        return await self._run(self.store.upsert_many, list(records))

    async def get(self, record_id: str) -> DecisionRecord | None:
        return await self._run(self.store.get, record_id)

    async def update(self, record_id: str, **fields: Any) -> DecisionRecord | None:
        return await self._run(self.store.update, record_id, **fields)

    async def list(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[DecisionRecord]:
        return await self._run(
            self.store.list,
            team_id=team_id,
            user_id=user_id,
            since=since,
            limit=limit,
            newest_first=newest_first,
        )

    async def delete_user(self, team_id: str, user_id: str) -> int:
        return await self._run(self.store.delete_user, team_id, user_id)

    async def delete(self, record_id: str) -> bool:
        return await self._run(self.store.delete, record_id)

    async def purge_older_than(self, cutoff: datetime) -> int:
        return await self._run(self.store.purge_older_than, cutoff)

    async def update_followup(
        self, record_id: str, *, expect: Mapping[str, Any] | None = None, **changes: Any
    ) -> DecisionRecord | None:
        return await self._run(self.store.update_followup, record_id, expect=expect, **changes)

    async def get_prefs(self, team_id: str, user_id: str) -> dict[str, Any]:
        return await self._run(self.store.get_prefs, team_id, user_id)

    async def set_prefs(self, team_id: str, user_id: str, **values: Any) -> dict[str, Any]:
        return await self._run(self.store.set_prefs, team_id, user_id, **values)

    async def pseudonym_key(self) -> str:
        return await self._run(self.store.pseudonym_key)

    async def claim_once(self, name: str, at: datetime) -> bool:
        return await self._run(self.store.claim_once, name, at)

    async def forget_once(self, name: str) -> None:
        return await self._run(self.store.forget_once, name)

    async def due_reminders(self, now: datetime) -> list[DecisionRecord]:
        return await self._run(self.store.due_reminders, now)

    async def create(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord | None:
        return await self._run(self.store.create, record)

    async def delete_team(self, team_id: str) -> int:
        return await self._run(self.store.delete_team, team_id)

    async def claim_due_reminders(self, now: datetime, **options: Any) -> list[DecisionRecord]:
        return await self._run(self.store.claim_due_reminders, now, **options)

    async def summary(self, *, now: datetime, days: int | None, team_id: str | None = None) -> Any:
        """Counted beside the worker (`read_aside`): a second over 50,000 file records."""
        return await self._bounded(
            self.read_aside(functools.partial(_summary, now=now, days=days, team_id=team_id))
        )

    async def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers within the bound (`/healthz`). The file
        store has no server to lose: nothing to ask."""
        ping = getattr(self.store, "ping", None)
        if ping is not None:
            await self._run(ping)

    # Workspaces (PostgreSQL store only: installs in many workspaces need it).

    async def workspace(self, team_id: str) -> dict[str, Any] | None:
        return await self._run(self.store.workspace, team_id)

    async def workspaces(self) -> list[dict[str, Any]]:
        return await self._run(self.store.workspaces)

    async def workspace_installed(self, team_id: str, *, installer: str | None = None) -> dict[str, Any]:
        return await self._run(self.store.workspace_installed, team_id, installer=installer)

    async def workspace_uninstalled(self, team_id: str) -> None:
        return await self._run(self.store.workspace_uninstalled, team_id)

    async def count(self) -> int:
        return await self._run(self.store.count)

    async def aclose(self) -> None:
        """Let queued work finish, then close the store (compacting it) on the worker."""
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        self._closed = True
        if self.timeout is not None:
            # A database that stopped answering must not hold shutdown: queued work gets the bound, then
            # the store closes from a thread of its own (it hangs up on calls still stuck).
            drained = asyncio.ensure_future(asyncio.to_thread(self._drain))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(drained), self.timeout)
            await asyncio.to_thread(self.store.close)
            try:  # the calls that were stuck end once the store hangs up on them
                await asyncio.wait_for(drained, self.timeout)
            except TimeoutError:
                logger.warning("stopping with store calls still waiting for the database")
            return
        try:
            await loop.run_in_executor(self._aside, lambda: None)  # a pass under way ends before the close
            await loop.run_in_executor(self._executor, self.store.close)
        finally:
            self._executor.shutdown(wait=False)
            self._aside.shutdown(wait=False)

    def _drain(self) -> None:
        self._aside.shutdown(wait=True)
        self._executor.shutdown(wait=True)

    async def __aenter__(self) -> AsyncDecisionStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def _summary(store: DecisionStore, **options: Any) -> Any:
    return store.summary(**options)
