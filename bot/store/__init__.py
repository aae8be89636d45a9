"""Decision storage: the DecisionStore interface and its implementations.

``open_store(path)`` gives the durable TinyDB-format store the app runs on;
``MemoryDecisionStore`` is the same engine without a file, for tests and the terminal demo;
``PostgresDecisionStore`` (``bot.store.postgres``) is the shared store for replicas;
``open_configured(settings)`` picks one from ``DATABASE_URL``; ``AsyncDecisionStore`` wraps
any of them for asyncio code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.store.aio import AsyncDecisionStore
from bot.store.base import (
    DecisionStore,
    StoreClosedError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreUnavailable,
    UnsupportedSchemaError,
)
from bot.store.documents import DELETED_AT
from bot.store.memory import MemoryDecisionStore
from bot.store.models import (
    SCHEMA_VERSION,
    Alert,
    DecisionRecord,
    Flagged,
    Followup,
    Signals,
    migrate,
    utc_now,
)
from bot.store.tinydb_journal import JournalDamage
from bot.store.tinydb_store import TinyDBDecisionStore, open_read_only, open_store

if TYPE_CHECKING:
    from bot.config import Settings

__all__ = [
    "DELETED_AT",
    "SCHEMA_VERSION",
    "AsyncDecisionStore",
    "Alert",
    "DecisionRecord",
    "DecisionStore",
    "Flagged",
    "Followup",
    "MemoryDecisionStore",
    "Signals",
    "StoreClosedError",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "StoreUnavailable",
    "JournalDamage",
    "TinyDBDecisionStore",
    "UnsupportedSchemaError",
    "migrate",
    "open_configured",
    "open_configured_async",
    "open_read_only",
    "open_store",
    "utc_now",
]


def open_configured(settings: Settings) -> DecisionStore:
    """The store the settings ask for: PostgreSQL with ``DATABASE_URL``, else the TinyDB file."""
    if settings.database_url:
        from bot.store.postgres import PostgresDecisionStore

        return PostgresDecisionStore(
            settings.database_url,
            max_size=settings.invite_check_db_pool_size,
            timeout=settings.invite_check_db_timeout,
        )
    return open_store(settings.invite_check_db_path)


def open_configured_async(settings: Settings) -> AsyncDecisionStore:
    """``open_configured`` for the app: one worker thread per pooled connection for PostgreSQL,
    the one thread the file store wants otherwise."""
    store = open_configured(settings)
    if settings.database_url:
        return AsyncDecisionStore(
            store, workers=settings.invite_check_db_pool_size, timeout=settings.invite_check_db_timeout
        )
    return AsyncDecisionStore(store)
