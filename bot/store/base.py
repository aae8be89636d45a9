"""The storage interface the app codes against, and the errors it can raise."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.store.models import Counts, DecisionRecord, StoreError, UnsupportedSchemaError

__all__ = [
    "DecisionStore",
    "StoreClosedError",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreUnavailable",
    "UnsupportedSchemaError",
    "WorkspaceStore",
]


class StoreLockedError(StoreError):
    """Another process holds the database: two writers would silently lose each other's data."""


class StoreCorruptError(StoreError):
    """The database file is damaged somewhere other than a torn final journal line."""


class StoreReadOnlyError(StoreError):
    """A write on a store opened read-only (exports and checks of a running bot's files or a backup)."""


class StoreClosedError(StoreError):
    """The store was used after close()."""


class StoreUnavailable(StoreError):
    """The database did not answer within INVITE_CHECK_DB_TIMEOUT, or lost the connection: the call
    did not complete, and trying again in a few minutes is the remedy."""


class DecisionStore(Protocol):
    """Synchronous decision storage. Implementations serialize writes internally.

    Records handed out are fresh copies: mutating one never changes the store, only
    ``upsert``/``update`` do.
    """

    def upsert(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord:
        """Insert or replace by ``record.id``; sets ``updated_at``; returns the stored record."""
        ...

    def upsert_many(self, records: Iterable[DecisionRecord | Mapping[str, Any]]) -> list[DecisionRecord]:
        """Several upserts made durable together (one fsync): imports, seeding."""
        ...

    def get(self, record_id: str) -> DecisionRecord | None: ...

    def update(self, record_id: str, **fields: Any) -> DecisionRecord | None:
        """Change top-level fields (validated); ``None`` if the record does not exist."""
        ...

    def list(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[DecisionRecord]:
        """Records ordered by ``created_at`` (ties by id); ``since`` is inclusive."""
        ...

    def iter_records(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> Iterator[DecisionRecord]:
        """Like ``list`` but lazy, for exports that should not hold every record at once."""
        ...

    def delete_user(self, team_id: str, user_id: str) -> int:
        """Durably delete every record of one student, and their preferences; returns how many records."""
        ...

    def update_followup(
        self, record_id: str, *, expect: Mapping[str, Any] | None = None, **changes: Any
    ) -> DecisionRecord | None:
        """Compare-and-set on a record's ``followup``: apply ``changes`` only if the current values
        equal ``expect``; ``None`` if the record is missing or a value differs."""
        ...

    def get_prefs(self, team_id: str, user_id: str) -> dict[str, Any]:
        """One student's preferences (empty dict when none were set)."""
        ...

    def set_prefs(self, team_id: str, user_id: str, **values: Any) -> dict[str, Any]:
        """Durably merge preference values (JSON scalars; ``None`` unsets); returns the result."""
        ...

    def pseudonym_key(self) -> str:
        """The data's own random key for pseudonyms and DM check ids, made once and kept with the data."""
        ...

    def claim_once(self, name: str, at: datetime) -> bool:
        """Durably claim a thing done once for the data (a cluster's alert, a week's digest to one staff
        member): True for the first claim of ``name`` in any process, False after."""
        ...

    def forget_once(self, name: str) -> None:
        """Drop a claim whose work failed, so it can be claimed again."""
        ...

    def delete(self, record_id: str) -> bool: ...

    def purge_older_than(self, cutoff: datetime) -> int:
        """Delete records created strictly before ``cutoff`` (retention)."""
        ...

    def count(self) -> int: ...

    def create(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord | None:
        """Insert only if no record has this id; ``None`` when one exists (nothing changed)."""
        ...

    def claim_due_reminders(
        self, now: datetime, *, lease: timedelta = ..., limit: int = 500
    ) -> builtins.list[DecisionRecord]:
        """Due reminders that no other pass holds, leased to the caller until ``now + lease``
        (replicas split the work); sending is still claimed with ``update_followup``."""
        ...

    def counts(self, *, team_id: str | None, since: datetime | None, step: str) -> Counts:
        """The records created at or after ``since`` (None: all) counted by their facts, ``step``
        naming the checklist step whose answer is one of them (what the staff summary is made of)."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> DecisionStore: ...

    def __exit__(self, *exc: object) -> None: ...


class WorkspaceStore(Protocol):
    """The installed workspaces an install in many workspaces (OAuth) keeps: PostgreSQL only."""

    def workspace(self, team_id: str) -> dict[str, Any] | None:
        """One workspace's row (staff_user_ids, staff_usergroup, installed_at, uninstalled_at)."""
        ...

    def workspaces(self) -> list[dict[str, Any]]: ...

    def workspace_installed(self, team_id: str, *, installer: str | None = None) -> dict[str, Any]: ...

    def workspace_uninstalled(self, team_id: str) -> None: ...
