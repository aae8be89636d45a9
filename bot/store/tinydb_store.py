"""The durable decision store: a TinyDB-format snapshot plus an fsync'd append-only journal.

Why not TinyDB's JSONStorage: it rewrites the whole file on every write (566 ms per insert at
50,000 records) and a crash mid-rewrite leaves a truncated file. Here:

* ``<path>`` is a snapshot in TinyDB's JSON format (``bot.store.tinydb_snapshot``), so
  ``TinyDB(path)`` can read a cleanly closed database, e.g. for a one-off script.
* Every write appends one JSON line per operation to ``<path>.journal`` and fdatasync()s it
  before returning (``bot.store.tinydb_journal``): a decision confirmed to the student survives
  kill -9 or power loss. A write costs one small append, whatever the size of the database.
* Opening loads the snapshot, replays the journal (a torn last line, the only damage a crash
  can do, is ignored) and compacts.
* Compaction writes a new snapshot to a temp file, fsyncs it, ``os.replace``s it over the old
  one, fsyncs the directory, then truncates the journal. A crash at any point leaves either
  the old snapshot + full journal or the new snapshot + a journal whose replay is a no-op
  (puts carry whole documents and their doc_id; deletes name ids).
* Compaction runs at open, at close, and when the journal exceeds
  ``max(compact_min_lines, record count)`` lines. Trade-off: the write that crosses the
  threshold pays for a full snapshot (~0.6 s at 50,000 records on a small VM) so that replay at start-up
  stays bounded; with the threshold tied to the record count that is at most one slow write
  per N writes, and a real deployment mostly compacts at restart.
* Student preferences (``get_prefs``/``set_prefs``, e.g. reminders off) live in a second TinyDB
  table, ``prefs``, in the same snapshot (written after ``decisions``, only when there are any)
  and the same journal (``prefs`` ops; ``delete_user`` removes records and preferences in one
  ``del`` line), so they get the same durability and crash guarantees. A third table, ``meta``,
  holds the data's random pseudonym key (``meta`` ops), made when the file is first opened for writing,
  and the claims of things done once (``claim_once``: a cluster's alert, a week's digest), each a
  ``meta`` op under the store's lock, so a restart finds them.
* Deleting (a student's "Delete my data", the retention purge) compacts at once: until
  then the journal's earlier lines and the old snapshot would still hold the deleted invitations on
  disk. The same deletions are applied to the ``.journal.damaged-*`` copies ``store repair`` keeps
  (``bot.store.tinydb_repair``).
* ``<path>.lock`` is flock()ed for the store's lifetime: a second process fails fast with
  StoreLockedError instead of two writers overwriting each other's snapshots.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.store.base import StoreCorruptError, StoreLockedError, StoreReadOnlyError
from bot.store.documents import (
    META_TABLE,
    PREFS_TABLE,
    PSEUDONYM_KEY,
    TABLE,
    check_meta_doc,
    check_prefs_doc,
    to_doc,
)
from bot.store.memory import MemoryDecisionStore
from bot.store.models import DecisionRecord, UnsupportedSchemaError, migrate
from bot.store.tinydb_journal import Journal, JournalDamage, replay
from bot.store.tinydb_repair import (
    created_before,
    is_power_loss_artefact,
    missing_snapshot_message,
    naming,
    preserve,
    refuse,
    scrub_copies,
)
from bot.store.tinydb_snapshot import fsync_dir, read_snapshot, remove_stale_temp_files, write_snapshot

logger = logging.getLogger(__name__)


def _acquire_lock(path: Path) -> int:
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreLockedError(
            f"The decision database {path} is in use by another Invite Check process "
            f"(lock file {lock_path}). Stop that process first, or set INVITE_CHECK_DB_PATH "
            "to a different file."
        ) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


class TinyDBDecisionStore(MemoryDecisionStore):
    """DecisionStore persisted as a TinyDB JSON file; one process per file."""

    def __init__(
        self, path: str | os.PathLike[str], *, compact_min_lines: int = 10_000, mode: str = "write"
    ) -> None:
        """``mode``: ``"write"`` (the app: locks the files, compacts), ``"read"`` (no lock, no writes at all:
        a running bot's files or a backup, even on a read-only disk), or ``"repair"`` (locks; keeps every
        readable journal entry, saves the damaged journal beside it, then compacts)."""
        if mode not in ("write", "read", "repair"):
            raise ValueError(f"unknown store mode {mode!r}")
        super().__init__()
        self.path = Path(path).absolute()
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.mode = mode
        self.damage: list[JournalDamage] = []  # journal lines that could not be replayed (read/repair)
        self.torn_tail = 0  # bytes of an interrupted last append, ignored
        self.preserved: Path | None = None  # where the damaged journal was saved before compacting
        self._compact_min_lines = compact_min_lines
        self._journal = Journal(self.journal_path)
        self._compact_failed_at = 0
        self._lock_fd = -1
        if mode == "read":
            self._open_read_only()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _acquire_lock(self.path)
        try:
            remove_stale_temp_files(self.path)
            if not self.path.exists():
                if self.journal_path.exists() and mode != "repair":
                    raise StoreCorruptError(missing_snapshot_message(self.path, self.journal_path))
                self._write_snapshot()  # a new database: the snapshot exists before any journal does
            migrated = self._load_snapshot()
            with open(self.journal_path, "a+b") as handle:  # created if missing; read from the start
                handle.seek(0)
                replayed = self._replay_journal(handle)
            self._judge_damage()
            self._journal.open()
            fsync_dir(self.path.parent)
            self.pseudonym_key()  # made now if missing, so readers of the file find it
            if migrated or replayed or self._journal.size:
                self._compact()  # also drops a torn tail before anything is appended to it
        except BaseException:
            self._release()
            raise

    def _open_read_only(self) -> None:
        """Journal first, then the snapshot (the order the README gives for a live backup): if the bot
        compacts in between, the newer snapshot already holds what the journal copy says."""
        try:
            journal = self.journal_path.read_bytes()
        except FileNotFoundError:
            journal = b""
        if not self.path.exists():
            if journal or self.journal_path.exists():
                raise StoreCorruptError(missing_snapshot_message(self.path, self.journal_path))
            raise StoreCorruptError(f"there is no Invite Check database at {self.path}")
        self._load_snapshot()
        self._replay_journal(io.BytesIO(journal))
        if self.damage:
            logger.warning(
                "%s: %d damaged line(s) skipped (read-only: nothing changed)",
                self.journal_path,
                len(self.damage),
            )
        self._closed = False

    def _judge_damage(self) -> None:
        """Refuse to serve on a damaged journal unless repairing or the damage is a power-loss artefact;
        in both of those cases keep the journal as it is before compaction empties it."""
        if self.mode == "repair" and self.journal_path.stat().st_size:
            self.preserved = preserve(
                self.journal_path
            )  # whatever happens next, the journal as it was is kept
        if not self.damage:
            return
        artefact = is_power_loss_artefact(self.damage)
        if self.mode != "repair" and not artefact:
            raise refuse(self.damage, self.journal_path)
        self.preserved = self.preserved or preserve(self.journal_path)
        logger.warning(
            "%s: skipped %d damaged line(s) (%s); the journal as it was is saved as %s",
            self.journal_path,
            len(self.damage),
            "power-loss artefact" if artefact else "repair",
            self.preserved,
        )

    # --- loading ------------------------------------------------------------------------

    def _load_doc(self, raw: Any, where: str) -> tuple[dict[str, Any], bool]:
        if not isinstance(raw, dict):
            raise StoreCorruptError(f"{where}: expected a JSON object, got {type(raw).__name__}")
        version = raw.get("schema_version", 0)
        try:
            record = DecisionRecord.model_validate(migrate(raw))
        except UnsupportedSchemaError as exc:
            raise UnsupportedSchemaError(f"{where}: {exc}") from None
        except (ValidationError, ValueError, TypeError) as exc:
            raise StoreCorruptError(f"{where}: not a valid decision record: {exc}") from exc
        return to_doc(record), version != record.schema_version

    def _load_snapshot(self) -> bool:
        """Load the snapshot's tables; True if a record in it had to be upgraded to the current schema."""
        migrated = False

        def restart() -> None:
            nonlocal migrated
            migrated = False
            self._clear_state()

        try:
            entries = read_snapshot(self.path, restart=restart, empty_ok=self.mode == "repair")
            for table, doc_id, raw in entries:
                if table == TABLE:
                    migrated |= self._load_record(doc_id, raw)
                elif table == PREFS_TABLE:
                    self._load_prefs(doc_id, raw)
                else:
                    self._load_meta(doc_id, raw)
        except FileNotFoundError:
            return False
        return migrated

    def _load_record(self, doc_id: str, raw: Any) -> bool:
        if not str(doc_id).isdigit():
            raise StoreCorruptError(f"{self.path}: document id {doc_id!r} is not a number")
        doc, changed = self._load_doc(raw, f"{self.path} document {doc_id}")
        self._apply_put(str(int(doc_id)), doc)
        return changed

    def _load_prefs(self, doc_id: str, raw: Any) -> None:
        if not str(doc_id).isdigit():
            raise StoreCorruptError(f"{self.path}: preferences id {doc_id!r} is not a number")
        try:
            doc = check_prefs_doc(raw)
        except ValueError as exc:
            raise StoreCorruptError(f"{self.path} preferences {doc_id}: {exc}") from None
        self._apply_prefs(str(int(doc_id)), doc)

    def _load_meta(self, doc_id: str, raw: Any) -> None:
        try:
            self._apply({"op": "meta", "doc": check_meta_doc(raw)})
        except ValueError as exc:
            raise StoreCorruptError(f"{self.path} {META_TABLE} {doc_id}: {exc}") from None

    def _replay_journal(self, handle: Any) -> bool:
        """Apply every readable line; unreadable complete lines go to ``self.damage`` (the caller
        decides), a torn final line (an append the crash interrupted, never confirmed) is ignored."""
        result = replay(
            handle,
            self.journal_path,
            load_doc=lambda raw, where: self._load_doc(raw, where)[0],
            apply=self._apply,
        )
        self.damage += result.damage
        self.torn_tail = result.torn_tail or self.torn_tail
        return result.seen_any

    # --- writing ------------------------------------------------------------------------

    def _log(self, ops: list[dict[str, Any]]) -> None:
        if self.mode == "read":
            raise StoreReadOnlyError(f"{self.path} is open read-only")
        self._journal.append(ops)

    def _after_write(self) -> None:
        threshold = max(self._compact_min_lines, len(self._doc_ids), self._compact_failed_at)
        if self._journal.lines > threshold:
            try:
                self._compact()
            except OSError:
                # The write itself is safe in the journal; retry after as many writes again.
                logger.exception("compacting %s failed; will retry later", self.path)
                self._compact_failed_at = self._journal.lines * 2

    def _compact(self) -> None:
        self._write_snapshot()
        self._journal.empty()
        self._compact_failed_at = 0

    def _write_snapshot(self) -> None:
        # Time order, not doc_id order: the next load then allocates documents in the order list() walks
        # them, and a full scan takes far fewer cache misses.
        doc_ids = self._doc_ids
        write_snapshot(self.path, ((doc_ids[doc["id"]], doc) for doc in self._order), self._prefs, self._meta)

    def pseudonym_key(self) -> str:
        if self.mode == "read" and PSEUDONYM_KEY not in self._meta:
            raise StoreReadOnlyError(
                f"{self.path} has no pseudonym key yet (a file from before pseudonym keys): start the bot "
                "on it once, which adds one, then export again."
            )
        return super().pseudonym_key()

    # --- deleting for good ------------------------------------------------------------------

    def delete_user(self, team_id: str, user_id: str) -> int:
        with self._lock:
            removed = super().delete_user(team_id, user_id)
            self._erase(naming(b"user_id", user_id))
            return removed

    def purge_older_than(self, cutoff: datetime) -> int:
        with self._lock:
            removed = super().purge_older_than(cutoff)
            self._erase(created_before(cutoff), older_than=cutoff)
            return removed

    def _erase(self, drop: Callable[[bytes], bool], *, older_than: datetime | None = None) -> None:
        """Make a deletion reach the disk before it is reported done: a new snapshot without the deleted
        documents replaces the old one and the journal that still held them is emptied; then the saved
        damaged journals lose the lines the deletion covers (``older_than``: whole copies made before it)."""
        if self.mode == "read":
            return
        if self._journal.size:
            self._compact()
        scrub_copies(self.journal_path, drop, older_than=older_than)

    def compact(self) -> None:
        """Fold the journal into the snapshot now (e.g. before copying the file as a backup)."""
        with self._lock:
            self._check_open()
            self._compact()

    # --- lifecycle ----------------------------------------------------------------------

    def _release(self) -> None:
        self._journal.close()
        if self._lock_fd >= 0:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = -1

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                if self._journal.size:
                    self._compact()
            except OSError:
                logger.exception("final compaction of %s failed; the journal keeps every change", self.path)
            finally:
                self._release()

    def __enter__(self) -> TinyDBDecisionStore:
        return self

    def __repr__(self) -> str:
        return f"<TinyDBDecisionStore {self.path} records={len(self._doc_ids)}>"


def open_store(path: str | os.PathLike[str], **options: Any) -> TinyDBDecisionStore:
    """Open (creating parent directories and the file if needed) the database at ``path``."""
    return TinyDBDecisionStore(path, **options)


def open_read_only(path: str | os.PathLike[str]) -> TinyDBDecisionStore:
    """The database at ``path`` as it is now, without locking or writing anything: safe beside a running
    bot and on a read-only backup. Writes raise StoreReadOnlyError."""
    return TinyDBDecisionStore(path, mode="read")
