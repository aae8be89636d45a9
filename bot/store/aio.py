"""Asyncio front for a DecisionStore.

Every call runs on one dedicated worker thread: writes are serialized in arrival order, an
fsync or a compaction never blocks the event loop, and no two calls of the store run at once,
except the long read-only passes of `read_aside` (a staff export, the summary's counts), which run on a thread
of their own so that students' clicks don't queue behind them. Note that cancelling an awaiting
coroutine does not cancel the database work already queued; a write that was submitted still
completes.

With a ``timeout`` (PostgreSQL: INVITE_CHECK_DB_TIMEOUT) no call waits longer than that: one that
does raises StoreUnavailable, and a call still queued then is dropped, not run later.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from bot.store.base import DecisionStore, StoreClosedError, StoreUnavailable, WorkspaceStore
from bot.store.models import DecisionRecord

P = ParamSpec("P")
T = TypeVar("T")
logger = logging.getLogger(__name__)


class _Forward(Generic[P, T]):
    """An async method of AsyncDecisionStore that runs the store's method of the same name on the
    worker thread, with the signature its Protocol declares (one declaration of each method).
    ``aside``: a long read-only pass, run beside the worker (`read_aside`) within the bound."""

    def __init__(self, declared: Callable[Concatenate[Any, P], T], *, aside: bool = False) -> None:
        self.name = declared.__name__
        self.aside = aside

    def __set_name__(self, owner: type, name: str) -> None:
        if name != self.name:
            raise TypeError(f"{owner.__name__}.{name} forwards to a method called {self.name}")

    @overload
    def __get__(self, front: None, owner: type) -> Self: ...

    @overload
    def __get__(
        self, front: AsyncDecisionStore, owner: type | None = None
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...

    def __get__(
        self, front: AsyncDecisionStore | None, owner: type | None = None
    ) -> Self | Callable[P, Coroutine[Any, Any, T]]:
        if front is None:  # looked up on the class (help(), inspect)
            return self
        name = self.name
        if self.aside:

            async def aside(*args: P.args, **kwargs: P.kwargs) -> T:
                return await front._bounded(
                    front.read_aside(lambda store: getattr(store, name)(*args, **kwargs))
                )

            return aside

        async def forward(*args: P.args, **kwargs: P.kwargs) -> T:
            return await front._run(getattr(front.store, name), *args, **kwargs)

        return forward


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
        self._key: str | None = None

    async def _run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
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

    upsert = _Forward(DecisionStore.upsert)
    get = _Forward(DecisionStore.get)
    list = _Forward(DecisionStore.list)
    create = _Forward(DecisionStore.create)
    delete = _Forward(DecisionStore.delete)
    purge_older_than = _Forward(DecisionStore.purge_older_than)
    update_followup = _Forward(DecisionStore.update_followup)
    get_prefs = _Forward(DecisionStore.get_prefs)
    set_prefs = _Forward(DecisionStore.set_prefs)

    async def pseudonym_key(self) -> str:
        """The data's key, read once: it is made with the data and never changes, and every DM, staff
        page and alert needs it."""
        if self._key is None:
            self._key = await self._run(self.store.pseudonym_key)
        return self._key

    claim_once = _Forward(DecisionStore.claim_once)
    forget_once = _Forward(DecisionStore.forget_once)
    claim_due_reminders = _Forward(DecisionStore.claim_due_reminders)
    count = _Forward(DecisionStore.count)
    # Counted beside the worker: a pass over every record of the period for the file store.
    counts = _Forward(DecisionStore.counts, aside=True)

    # Installs in many workspaces (PostgreSQL only; the other stores raise AttributeError).
    workspace = _Forward(WorkspaceStore.workspace)
    workspaces = _Forward(WorkspaceStore.workspaces)
    workspace_installed = _Forward(WorkspaceStore.workspace_installed)
    workspace_uninstalled = _Forward(WorkspaceStore.workspace_uninstalled)

    async def upsert_many(
        self, records: Iterable[DecisionRecord | Mapping[str, Any]]
    ) -> builtins.list[DecisionRecord]:
        """The records are taken from ``records`` here, on the caller's side of the thread."""
        return await self._run(self.store.upsert_many, builtins.list(records))

    async def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers within the bound (`/healthz`). The file
        store has no server to lose: nothing to ask."""
        ping = getattr(self.store, "ping", None)
        if ping is not None:
            await self._run(ping)

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
