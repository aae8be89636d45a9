"""`python -m bot store migrate --from data/invite-check.json`: copy a TinyDB file into PostgreSQL.

Reads the file read-only (older records are upgraded in memory; nothing is written beside the file,
so a read-only backup works), writes records and preferences in one transaction, then reads every
record back from the database and compares it field for field with the file's. It copies into an
empty database only: once the bot has run on PostgreSQL, the file is out of date (students may have
deleted their data or changed a decision there), so a second run refuses and copies nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from bot.store.base import StoreReadOnlyError
from bot.store.postgres import PostgresDecisionStore, StoreNotEmpty
from bot.store.tinydb_store import open_read_only


class MigrationMismatch(Exception):
    """A record read back from the database differs from the file's."""


class MigrationRefused(Exception):
    """The database already holds data: copying the file over it would bring back what was deleted."""


def migrate_file(path: Path, url: str, *, say: Callable[[str], None] = print) -> int:
    """Copy every record and preference of the TinyDB file at ``path`` into the database at ``url``,
    then verify them; returns the number of records."""
    if not path.exists():
        raise FileNotFoundError(f"no data file at {path}")
    with open_read_only(path) as source, PostgresDecisionStore(url) as target:
        records = source.list(newest_first=False)
        prefs = source.all_prefs()
        say(f"Read {len(records)} record(s) from {path}")
        try:
            target.restore_into_empty(records, prefs)
        except StoreNotEmpty as exc:
            raise MigrationRefused(
                f"Nothing copied: {exc}. `store migrate` copies a data file into an empty database only;"
                " once the bot has run on PostgreSQL the file is out of date, and copying it again would"
                " bring back records students deleted and undo decisions they changed."
            ) from None
        # The file's pseudonyms and DM check ids stay, unless the database already has a key of its own
        # (or the file, opened read-only and older than keys, has none to give).
        with contextlib.suppress(StoreReadOnlyError):
            target.adopt_pseudonym_key(source.pseudonym_key())
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
