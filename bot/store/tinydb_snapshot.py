"""The file store's snapshot: every document in TinyDB's JSON format, one per line, replaced atomically.

``<path>`` is valid TinyDB JSON (``{"decisions": {"1": {...}}}``), so ``TinyDB(path)`` can read a cleanly
closed database, e.g. for a one-off script. A new snapshot is written to a temp file, fsynced,
``os.replace``d over the old one, and its directory fsynced: a crash leaves the old file or the new one.
Student preferences (``prefs``) and the data's settings (``meta``) follow the decisions in the same file,
each table after its own head line, only when there are any.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from bot.store.base import StoreCorruptError
from bot.store.documents import META_TABLE, PREFS_TABLE, TABLE, dumps

logger = logging.getLogger(__name__)

_SNAPSHOT_HEAD = b'{"%s":{\n' % TABLE.encode()
_SNAPSHOT_TAIL = b"}}\n"
_PREFS_HEAD = b'},"%s":{\n' % PREFS_TABLE.encode()  # between two tables, on its own line
_META_HEAD = b'},"%s":{\n' % META_TABLE.encode()


class _NotStreamable(Exception):
    """The snapshot is valid-looking JSON but not in our line layout (e.g. hand-edited)."""


def fsync_dir(directory: Path) -> None:
    """A rename or a new file is only durable once its directory entry is."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_atomically(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write ``target`` anew through a temp file beside it: fsynced, renamed over it, directory fsynced."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def remove_stale_temp_files(path: Path) -> None:
    """Temp files a crash left behind while writing the snapshot at ``path``."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_snapshot(
    path: Path,
    docs: Iterable[tuple[str, Mapping[str, Any]]],
    prefs: Mapping[str, Mapping[str, Any]],
    meta: Mapping[str, Any],
) -> None:
    """Replace the snapshot with ``docs`` ((doc_id, document), in the order given), ``prefs`` (doc_id ->
    document) and ``meta`` (the settings document)."""

    def write(out: IO[bytes]) -> None:
        out.write(_SNAPSHOT_HEAD)
        batch: list[str] = []
        first = True
        # Per-document encoding in batches (not one json.dumps of everything) lets other threads, the
        # event loop included, run while a big snapshot is built.
        for doc_id, doc in docs:
            batch.append(f'"{doc_id}":{dumps(doc)}')
            if len(batch) == 1000:
                out.write((("" if first else ",\n") + ",\n".join(batch)).encode("ascii"))
                first, batch = False, []
        if batch:
            out.write((("" if first else ",\n") + ",\n".join(batch)).encode("ascii"))
        if prefs:
            out.write(b"\n" + _PREFS_HEAD)
            out.write(",\n".join(f'"{doc_id}":{dumps(doc)}' for doc_id, doc in prefs.items()).encode("ascii"))
        if meta:
            out.write(b"\n" + _META_HEAD + b'"1":' + dumps(meta).encode("ascii"))
        out.write(b"\n" + _SNAPSHOT_TAIL)

    replace_atomically(path, write)


def read_snapshot(
    path: Path, *, restart: Callable[[], None], empty_ok: bool = False
) -> Iterator[tuple[str, str, Any]]:
    """(table, doc_id, document) of every entry of the snapshot at ``path``: the decisions, then the
    preferences and the settings. FileNotFoundError if there is none.

    Our own snapshots are read a line at a time, which keeps the peak memory of opening a 50,000-record
    database near its steady state (parsing the whole file at once briefly needs three times as much).
    Any other TinyDB file is parsed whole, after ``restart()`` undid what the line-by-line pass gave. An
    empty file gives nothing when ``empty_ok`` (rebuilding from the journal alone), else it is damage.
    """
    with open(path, "rb") as handle:
        if handle.readline() == _SNAPSHOT_HEAD:
            try:
                yield from _stream_entries(handle)
                return
            except _NotStreamable:
                restart()
        handle.seek(0)
        text = handle.read()
    if not text.strip() and empty_ok:
        logger.warning("%s is empty: rebuilding the database from its journal alone", path)
        return
    if not text.strip():
        # Our snapshots are never empty (even an empty database has its table): this one was
        # truncated or replaced outside Invite Check. Opening it as empty would then overwrite it.
        raise StoreCorruptError(
            f"{path} is empty ({len(text)} bytes) where a database snapshot should be. Restore it "
            "from a backup (keep its journal beside it). Only if this is a new installation with no "
            "data yet, delete the empty file and start again."
        )
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StoreCorruptError(
            f"{path} is not valid JSON ({exc}). Snapshots are replaced atomically, so "
            "this file was changed outside Invite Check: restore it from a backup."
        ) from None
    del text
    if not isinstance(data, dict) or not isinstance(data.get(TABLE, {}), dict):
        raise StoreCorruptError(f'{path} is not a TinyDB file with a "{TABLE}" table')
    ignored = sorted(set(data) - {TABLE, PREFS_TABLE, META_TABLE})
    if ignored:
        logger.warning("%s: ignoring unknown tables %s", path, ", ".join(ignored))
    if not isinstance(data.get(PREFS_TABLE, {}), dict):
        raise StoreCorruptError(f'{path}: the "{PREFS_TABLE}" table is not an object')
    if not isinstance(data.get(META_TABLE, {}), dict):
        raise StoreCorruptError(f'{path}: the "{META_TABLE}" table is not an object')
    for table in (TABLE, PREFS_TABLE, META_TABLE):
        for doc_id, raw in data.get(table, {}).items():
            yield table, doc_id, raw


def _stream_entries(handle: IO[bytes]) -> Iterator[tuple[str, str, Any]]:
    """The entries of our own line layout, each table's after its head line."""
    table = TABLE
    heads = {_PREFS_HEAD: PREFS_TABLE, _META_HEAD: META_TABLE}
    for line in handle:
        if line == _SNAPSHOT_TAIL:
            return
        if line in heads:
            table = heads.pop(line)  # each table once, in the order written
            continue
        try:
            ((doc_id, raw),) = json.loads(b"{" + line.rstrip(b",\n") + b"}").items()
        except (ValueError, UnicodeDecodeError):
            raise _NotStreamable from None
        yield table, doc_id, raw
    raise _NotStreamable  # no closing line: let the full parser report the damage
