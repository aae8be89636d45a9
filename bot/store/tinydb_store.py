"""The durable decision store: a TinyDB-format snapshot plus an fsync'd append-only journal.

Why not TinyDB's JSONStorage: it rewrites the whole file on every write (566 ms per insert at
50,000 records) and a crash mid-rewrite leaves a truncated file. Here:

* ``<path>`` is a snapshot in TinyDB's JSON format (``{"decisions": {"1": {...}}}``), so
  ``TinyDB(path)`` can read a cleanly closed database, e.g. for a one-off script.
* Every write appends one JSON line per operation to ``<path>.journal`` and fdatasync()s it
  before returning: a decision confirmed to the student survives kill -9 or power loss.
  A write costs one small append, whatever the size of the database.
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
  (lines naming the student, or created before the retention cutoff, are removed; a
  copy made before the cutoff goes whole).
* ``<path>.lock`` is flock()ed for the store's lifetime: a second process fails fast with
  StoreLockedError instead of two writers overwriting each other's snapshots.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from bot.store.base import StoreCorruptError, StoreLockedError, StoreReadOnlyError
from bot.store.memory import (
    META_TABLE,
    PREFS_TABLE,
    PSEUDONYM_KEY,
    TABLE,
    MemoryDecisionStore,
    check_meta_doc,
    check_prefs_doc,
    to_doc,
)
from bot.store.models import DecisionRecord, UnsupportedSchemaError, as_utc, migrate, utc_iso

logger = logging.getLogger(__name__)


def _encode_default(value: object) -> str:
    if isinstance(value, datetime):
        return utc_iso(value)
    raise TypeError(f"cannot store {type(value).__name__} in the database")


_dumps = json.JSONEncoder(separators=(",", ":"), default=_encode_default).encode
_fdatasync = getattr(os, "fdatasync", os.fsync)
# Snapshot layout: valid TinyDB JSON, one document per line (see _stream_entries).
_SNAPSHOT_HEAD = b'{"%s":{\n' % TABLE.encode()
_SNAPSHOT_TAIL = b"}}\n"
_PREFS_HEAD = b'},"%s":{\n' % PREFS_TABLE.encode()  # between two tables, on its own line
_META_HEAD = b'},"%s":{\n' % META_TABLE.encode()


class JournalDamage(NamedTuple):
    """One complete journal line that could not be replayed."""

    line: int
    reason: str
    raw: bytes
    last: bool = False  # the last complete line (where power loss can leave zeros)

    @property
    def ids(self) -> list[str]:
        """Check ids still legible in the damaged text (for the operator's report)."""
        return sorted(set(_ID_IN_LINE.findall(self.raw.decode("utf-8", "replace"))))[:10]


_ID_IN_LINE = re.compile(r'"id":"([A-Za-z0-9_-]{1,64})"')
_CREATED_IN_LINE = re.compile(rb'"created_at":"([0-9T:.+-]{32})"')
_DAMAGED_STAMP = "%Y%m%dT%H%M%S"


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


class _NotStreamable(Exception):
    """The snapshot is valid-looking JSON but not in our line layout (e.g. hand-edited)."""


def _fsync_dir(directory: Path) -> None:
    """A rename or a new file is only durable once its directory entry is."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
        self._journal_fd = -1
        self._journal_size = 0
        self._journal_lines = 0
        self._compact_failed_at = 0
        self._lock_fd = -1
        if mode == "read":
            self._open_read_only()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _acquire_lock(self.path)
        try:
            self._remove_stale_temp_files()
            if not self.path.exists():
                if self.journal_path.exists() and mode != "repair":
                    raise StoreCorruptError(self._missing_snapshot_message())
                self._write_snapshot()  # a new database: the snapshot exists before any journal does
            migrated = self._load_snapshot()
            with open(self.journal_path, "a+b") as handle:  # created if missing; read from the start
                handle.seek(0)
                replayed = self._replay_journal(handle)
            self._judge_damage()
            self._journal_fd = os.open(self.journal_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            _fsync_dir(self.path.parent)
            self._journal_size = os.fstat(self._journal_fd).st_size
            self.pseudonym_key()  # made now if missing, so readers of the file find it
            if migrated or replayed or self._journal_size:
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
                raise StoreCorruptError(self._missing_snapshot_message())
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
            self.preserved = self._preserve_journal()  # whatever happens next, the journal as it was is kept
        if not self.damage:
            return
        artefact = (
            len(self.damage) == 1 and self.damage[0].last and not self.damage[0].raw.strip(b"\0 \t\r\n")
        )
        if self.mode != "repair" and not artefact:
            first = self.damage[0]
            more = f" (and {len(self.damage) - 1} more damaged line(s))" if len(self.damage) > 1 else ""
            raise StoreCorruptError(
                f"{self.journal_path} line {first.line} is damaged ({first.reason}){more}. Nothing was changed "
                "and nothing is lost yet. With the bot stopped, `python -m bot store check` lists what is "
                "damaged and `python -m bot store repair` keeps every readable entry, saves the journal as it "
                "is now beside it (.damaged-<time>) and rebuilds the database."
            )
        self.preserved = self.preserved or self._preserve_journal()
        logger.warning(
            "%s: skipped %d damaged line(s) (%s); the journal as it was is saved as %s",
            self.journal_path,
            len(self.damage),
            "power-loss artefact" if artefact else "repair",
            self.preserved,
        )

    def _preserve_journal(self) -> Path:
        """A durable copy of the journal, so no damaged entry is ever truncated away unseen."""
        stamp = datetime.now(UTC).strftime(_DAMAGED_STAMP)
        target = self.journal_path.with_name(f"{self.journal_path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.journal_path.with_name(f"{self.journal_path.name}.damaged-{stamp}-{n}")
        shutil.copyfile(self.journal_path, target)
        fd = os.open(target, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _fsync_dir(self.path.parent)
        return target

    # --- loading ------------------------------------------------------------------------

    def _remove_stale_temp_files(self) -> None:
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()

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
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed below, streamed line by line
        except FileNotFoundError:
            return False
        with handle:
            if handle.readline() == _SNAPSHOT_HEAD:
                prefs: list[tuple[str, Any]] = []
                meta: list[tuple[str, Any]] = []
                try:
                    migrated = self._load_entries(
                        self._stream_entries(handle, {_PREFS_HEAD: prefs, _META_HEAD: meta})
                    )
                    self._load_prefs(prefs)
                    self._load_meta(meta)
                    return migrated
                except _NotStreamable:
                    self._clear_state()
            handle.seek(0)
            text = handle.read()
        if not text.strip() and self.mode == "repair":
            logger.warning("%s is empty: rebuilding the database from its journal alone", self.path)
            return False
        if not text.strip():
            # Our snapshots are never empty (even an empty database has its table): this one was
            # truncated or replaced outside Invite Check. Opening it as empty would then overwrite it.
            raise StoreCorruptError(
                f"{self.path} is empty ({len(text)} bytes) where a database snapshot should be. Restore it "
                "from a backup (keep its journal beside it). Only if this is a new installation with no "
                "data yet, delete the empty file and start again."
            )
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StoreCorruptError(
                f"{self.path} is not valid JSON ({exc}). Snapshots are replaced atomically, so "
                "this file was changed outside Invite Check: restore it from a backup."
            ) from None
        del text
        if not isinstance(data, dict) or not isinstance(data.get(TABLE, {}), dict):
            raise StoreCorruptError(f'{self.path} is not a TinyDB file with a "{TABLE}" table')
        ignored = sorted(set(data) - {TABLE, PREFS_TABLE, META_TABLE})
        if ignored:
            logger.warning("%s: ignoring unknown tables %s", self.path, ", ".join(ignored))
        if not isinstance(data.get(PREFS_TABLE, {}), dict):
            raise StoreCorruptError(f'{self.path}: the "{PREFS_TABLE}" table is not an object')
        if not isinstance(data.get(META_TABLE, {}), dict):
            raise StoreCorruptError(f'{self.path}: the "{META_TABLE}" table is not an object')
        migrated = self._load_entries(data.get(TABLE, {}).items())
        self._load_prefs(data.get(PREFS_TABLE, {}).items())
        self._load_meta(data.get(META_TABLE, {}).items())
        return migrated

    def _missing_snapshot_message(self) -> str:
        with open(self.journal_path, "rb") as fh:
            changes = sum(1 for _ in fh)
        return (
            f"{self.path} is missing, but its journal {self.journal_path} is there ({changes} change(s) "
            "since the last snapshot): the snapshot was moved or deleted, and opening the journal alone "
            "would lose every record the snapshot held. Put the snapshot back from a backup, next to the "
            "journal. With no backup, `python -m bot store repair` rebuilds the database from the journal "
            "alone (keeping a copy of it). Only for a new installation with no data, delete the journal."
        )

    def _load_prefs(self, entries: Iterable[tuple[str, Any]]) -> None:
        for doc_id, raw in entries:
            if not str(doc_id).isdigit():
                raise StoreCorruptError(f"{self.path}: preferences id {doc_id!r} is not a number")
            try:
                doc = check_prefs_doc(raw)
            except ValueError as exc:
                raise StoreCorruptError(f"{self.path} preferences {doc_id}: {exc}") from None
            self._apply_prefs(str(int(doc_id)), doc)

    def _load_meta(self, entries: Iterable[tuple[str, Any]]) -> None:
        for doc_id, raw in entries:
            try:
                self._apply({"op": "meta", "doc": check_meta_doc(raw)})
            except ValueError as exc:
                raise StoreCorruptError(f"{self.path} {META_TABLE} {doc_id}: {exc}") from None

    @staticmethod
    def _stream_entries(handle: Any, tables: dict[bytes, list[tuple[str, Any]]]) -> Iterator[tuple[str, Any]]:
        """Our own snapshots hold one document per line; parsing them one at a time keeps the
        peak memory of opening a 50,000-record database near its steady state (parsing the
        whole file at once briefly needs three times as much). Entries of the (small) tables
        that may follow, each after its head line, are appended to the list ``tables`` gives it."""
        sink: list[tuple[str, Any]] | None = None
        for line in handle:
            if line == _SNAPSHOT_TAIL:
                return
            if line in tables:
                sink = tables.pop(line)  # each table once, in the order written
                continue
            try:
                (entry,) = json.loads(b"{" + line.rstrip(b",\n") + b"}").items()
            except (ValueError, UnicodeDecodeError):
                raise _NotStreamable from None
            if sink is None:
                yield entry
            else:
                sink.append(entry)
        raise _NotStreamable  # no closing line: let the full parser report the damage

    def _load_entries(self, entries: Iterable[tuple[str, Any]]) -> bool:
        migrated = False
        for doc_id, raw in entries:
            if not str(doc_id).isdigit():
                raise StoreCorruptError(f"{self.path}: document id {doc_id!r} is not a number")
            doc, changed = self._load_doc(raw, f"{self.path} document {doc_id}")
            migrated |= changed
            self._apply_put(str(int(doc_id)), doc)
        return migrated

    def _replay_journal(self, handle: Any) -> bool:
        """Apply every readable line; unreadable complete lines go to ``self.damage`` (the caller
        decides), a torn final line (an append the crash interrupted, never confirmed) is ignored."""
        seen_any = False
        for number, line in enumerate(handle, start=1):
            seen_any = True
            if not line.endswith(b"\n"):
                logger.warning("%s: ignoring a torn final entry (%d bytes)", self.journal_path, len(line))
                self.torn_tail = len(line)
                break
            try:
                op = json.loads(line)
                if op["op"] == "put":
                    doc, _ = self._load_doc(op["doc"], f"{self.journal_path} line {number}")
                    op = {"op": "put", "doc_id": str(int(op["doc_id"])), "doc": doc}
                elif op["op"] == "prefs":
                    op = {"op": "prefs", "doc_id": str(int(op["doc_id"])), "doc": check_prefs_doc(op["doc"])}
                elif op["op"] == "meta":
                    op = {"op": "meta", "doc": check_meta_doc(op["doc"])}
                self._apply(op)
            except UnsupportedSchemaError:
                raise
            except (ValueError, KeyError, TypeError, StoreCorruptError) as exc:
                self.damage.append(JournalDamage(number, _reason(exc), line))
        if self.damage:
            last = self.damage[-1]
            self.damage[-1] = last._replace(last=last.line == number and not self.torn_tail)
        return seen_any

    # --- writing ------------------------------------------------------------------------

    def _log(self, ops: list[dict[str, Any]]) -> None:
        if self.mode == "read":
            raise StoreReadOnlyError(f"{self.path} is open read-only")
        data = "".join(_dumps(op) + "\n" for op in ops).encode("ascii")
        try:
            written = os.write(self._journal_fd, data)
            while written < len(data):
                written += os.write(self._journal_fd, data[written:])
            _fdatasync(self._journal_fd)
        except BaseException:
            # Never leave half a line for the next append to be glued onto.
            with contextlib.suppress(OSError):
                os.ftruncate(self._journal_fd, self._journal_size)
            raise
        self._journal_size += len(data)
        self._journal_lines += len(ops)

    def _after_write(self) -> None:
        threshold = max(self._compact_min_lines, len(self._doc_ids), self._compact_failed_at)
        if self._journal_lines > threshold:
            try:
                self._compact()
            except OSError:
                # The write itself is safe in the journal; retry after as many writes again.
                logger.exception("compacting %s failed; will retry later", self.path)
                self._compact_failed_at = self._journal_lines * 2

    def _compact(self) -> None:
        self._write_snapshot()
        os.ftruncate(self._journal_fd, 0)
        os.fsync(self._journal_fd)
        self._journal_size = 0
        self._journal_lines = 0
        self._compact_failed_at = 0

    def _write_snapshot(self) -> None:
        """Write every document to a temp file, fsync it, replace the snapshot, fsync the directory."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as out:
                out.write(_SNAPSHOT_HEAD)
                batch: list[str] = []
                first = True
                # Per-document encoding in batches (not one json.dumps of everything) lets
                # other threads, the event loop included, run while a big snapshot is built.
                # Time order, not doc_id order: the next load then allocates documents in the
                # order list() walks them, and a full scan takes far fewer cache misses.
                doc_ids = self._doc_ids
                for doc in self._order:
                    batch.append(f'"{doc_ids[doc["id"]]}":{_dumps(doc)}')
                    if len(batch) == 1000:
                        out.write((("" if first else ",\n") + ",\n".join(batch)).encode("ascii"))
                        first, batch = False, []
                if batch:
                    out.write((("" if first else ",\n") + ",\n".join(batch)).encode("ascii"))
                if self._prefs:
                    out.write(b"\n" + _PREFS_HEAD)
                    out.write(
                        ",\n".join(f'"{doc_id}":{_dumps(doc)}' for doc_id, doc in self._prefs.items()).encode(
                            "ascii"
                        )
                    )
                if self._meta:
                    out.write(b"\n" + _META_HEAD + b'"1":' + _dumps(self._meta).encode("ascii"))
                out.write(b"\n" + _SNAPSHOT_TAIL)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(self.path.parent)

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
            self._erase(_names(b"user_id", user_id))
            return removed

    def purge_older_than(self, cutoff: datetime) -> int:
        with self._lock:
            removed = super().purge_older_than(cutoff)
            self._erase(_created_before(cutoff), older_than=cutoff)
            return removed

    def _erase(self, drop: Callable[[bytes], bool], *, older_than: datetime | None = None) -> None:
        """Make a deletion reach the disk before it is reported done: a new snapshot without the deleted
        documents replaces the old one and the journal that still held them is emptied; then the saved
        damaged journals lose the lines the deletion covers (``older_than``: whole copies made before it)."""
        if self.mode == "read":
            return
        if self._journal_size:
            self._compact()
        for copy in sorted(self.path.parent.glob(f"{self.journal_path.name}.damaged-*")):
            if older_than is not None and _made_before(copy, older_than):
                copy.unlink()
                _fsync_dir(self.path.parent)
                continue
            self._scrub(copy, drop)

    def _scrub(self, copy: Path, drop: Callable[[bytes], bool]) -> None:
        """Rewrite one saved journal without the lines ``drop`` picks (atomically, like a snapshot)."""
        with open(copy, "rb") as handle:
            lines = handle.readlines()
        kept = [line for line in lines if not drop(line)]
        if len(kept) == len(lines):
            return
        if not kept:
            copy.unlink()
            _fsync_dir(self.path.parent)
            return
        tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as out:
                out.writelines(kept)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, copy)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(self.path.parent)

    def compact(self) -> None:
        """Fold the journal into the snapshot now (e.g. before copying the file as a backup)."""
        with self._lock:
            self._check_open()
            self._compact()

    # --- lifecycle ----------------------------------------------------------------------

    def _release(self) -> None:
        if self._journal_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._journal_fd)
            self._journal_fd = -1
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
                if self._journal_size:
                    self._compact()
            except OSError:
                logger.exception("final compaction of %s failed; the journal keeps every change", self.path)
            finally:
                self._release()

    def __enter__(self) -> TinyDBDecisionStore:
        return self

    def __repr__(self) -> str:
        return f"<TinyDBDecisionStore {self.path} records={len(self._doc_ids)}>"


def _names(field: bytes, value: str) -> Callable[[bytes], bool]:
    """Lines that name this student, legible even where the rest of the line is damaged."""
    needle = b'"%s":%s' % (field, _dumps(value).encode("ascii"))
    return lambda line: needle in line


def _created_before(cutoff: datetime) -> Callable[[bytes], bool]:
    """Lines of a record created before ``cutoff`` (the stored times are fixed-width: bytes sort as time)."""
    limit = utc_iso(cutoff).encode("ascii")

    def drop(line: bytes) -> bool:
        found = _CREATED_IN_LINE.search(line)
        return found is not None and found.group(1) < limit

    return drop


def _made_before(copy: Path, cutoff: datetime) -> bool:
    """A copy saved before ``cutoff`` holds only records created before it."""
    stamp = copy.name.rsplit(".damaged-", 1)[1][: len("YYYYmmddTHHMMSS")]
    try:
        made = datetime.strptime(stamp, _DAMAGED_STAMP).replace(tzinfo=UTC)
    except ValueError:
        return False
    return made < as_utc(cutoff)


def open_store(path: str | os.PathLike[str], **options: Any) -> TinyDBDecisionStore:
    """Open (creating parent directories and the file if needed) the database at ``path``."""
    return TinyDBDecisionStore(path, **options)


def open_read_only(path: str | os.PathLike[str]) -> TinyDBDecisionStore:
    """The database at ``path`` as it is now, without locking or writing anything: safe beside a running
    bot and on a read-only backup. Writes raise StoreReadOnlyError."""
    return TinyDBDecisionStore(path, mode="read")
