"""`python -m bot store migrate --from data/invite-check.json`: copy a TinyDB file into PostgreSQL.

Reads the file with the normal store (so older records are upgraded and a damaged file is refused,
exactly as at start-up), writes records and preferences in batches in one go, then reads every
record back from the database and compares it field for field with the file's. Running it twice
is harmless (records are keyed by id). The file is left as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from bot.store.base import StoreReadOnlyError
from bot.store.postgres import PostgresDecisionStore
from bot.store.tinydb_store import open_store

BATCH = 1000


class MigrationMismatch(Exception):
    """A record read back from the database differs from the file's."""


def migrate_file(path: Path, url: str, *, say: Callable[[str], None] = print) -> int:
    """Copy every record and preference of the TinyDB file at ``path`` into the database at ``url``,
    then verify them; returns the number of records."""
    if not path.exists():
        raise FileNotFoundError(f"no data file at {path}")
    with open_store(path) as source, PostgresDecisionStore(url) as target:
        records = source.list(newest_first=False)
        say(f"Read {len(records)} record(s) from {path}")
        for start in range(0, len(records), BATCH):
            target.restore_many(records[start : start + BATCH])
        # The file's pseudonyms and DM check ids stay, unless the database already has a key of its own
        # (or the file, opened read-only and older than keys, has none to give).
        with contextlib.suppress(StoreReadOnlyError):
            target.adopt_pseudonym_key(source.pseudonym_key())
        prefs = source.all_prefs()
        for (team_id, user_id), values in prefs.items():
            target.set_prefs(team_id, user_id, **values)
        for record in records:
            copied = target.get(record.id)
            if copied != record:
                raise MigrationMismatch(
                    f"record {record.id} differs after the copy: "
                    f"file {record.model_dump()} database {copied and copied.model_dump()}"
                )
        for (team_id, user_id), values in prefs.items():
            if target.get_prefs(team_id, user_id) != values:
                raise MigrationMismatch(f"preferences of {team_id}/{user_id} differ after the copy")
        say(
            f"Copied and verified {len(records)} record(s) and {len(prefs)} student preference set(s) "
            f"into PostgreSQL ({target.count()} record(s) there now)"
        )
        return len(records)
