"""Decision storage: the DecisionStore interface and its implementations.

``open_store(path)`` gives the durable TinyDB-format store the app runs on;
``MemoryDecisionStore`` is the same engine without a file, for tests and the terminal demo;
``AsyncDecisionStore`` wraps either for asyncio code.
"""

from bot.store.aio import AsyncDecisionStore
from bot.store.base import (
    DecisionStore,
    StoreClosedError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    UnsupportedSchemaError,
)
from bot.store.memory import MemoryDecisionStore
from bot.store.models import (
    SCHEMA_VERSION,
    DecisionRecord,
    Followup,
    Signals,
    migrate,
    utc_now,
)
from bot.store.tinydb_store import JournalDamage, TinyDBDecisionStore, open_read_only, open_store

__all__ = [
    "SCHEMA_VERSION",
    "AsyncDecisionStore",
    "DecisionRecord",
    "DecisionStore",
    "Followup",
    "MemoryDecisionStore",
    "Signals",
    "StoreClosedError",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "JournalDamage",
    "TinyDBDecisionStore",
    "UnsupportedSchemaError",
    "migrate",
    "open_read_only",
    "open_store",
    "utc_now",
]
