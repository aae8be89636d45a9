"""The file store's journal: one JSON line per change, appended and fdatasync()ed before a write returns.

A decision confirmed to the student survives kill -9 or power loss, and a write costs one small append
whatever the size of the database. Replaying it at open applies every readable line; a torn last line
(an append the crash interrupted, never confirmed) is ignored, and complete lines that cannot be read
are reported as JournalDamage for the store to judge.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NamedTuple

from bot.store.base import StoreCorruptError
from bot.store.documents import check_meta_doc, check_prefs_doc, dumps
from bot.store.models import UnsupportedSchemaError

logger = logging.getLogger(__name__)

_fdatasync = getattr(os, "fdatasync", os.fsync)
_ID_IN_LINE = re.compile(r'"id":"([A-Za-z0-9_-]{1,64})"')


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


class Replay(NamedTuple):
    """What replaying a journal found."""

    seen_any: bool  # it held at least one line
    damage: list[JournalDamage]
    torn_tail: int  # bytes of an interrupted last append, ignored


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def replay(
    handle: IO[bytes],
    path: Path,
    *,
    load_doc: Callable[[Any, str], dict[str, Any]],
    apply: Callable[[dict[str, Any]], None],
) -> Replay:
    """Apply every readable line of the journal read from ``handle`` (``load_doc`` checks a record's
    document and upgrades it, ``apply`` carries out one change); UnsupportedSchemaError stops it."""
    damage: list[JournalDamage] = []
    torn_tail = 0
    seen_any = False
    number = 0
    for number, line in enumerate(handle, start=1):
        seen_any = True
        if not line.endswith(b"\n"):
            logger.warning("%s: ignoring a torn final entry (%d bytes)", path, len(line))
            torn_tail = len(line)
            break
        try:
            op = json.loads(line)
            if op["op"] == "put":
                doc = load_doc(op["doc"], f"{path} line {number}")
                op = {"op": "put", "doc_id": str(int(op["doc_id"])), "doc": doc}
            elif op["op"] == "prefs":
                op = {"op": "prefs", "doc_id": str(int(op["doc_id"])), "doc": check_prefs_doc(op["doc"])}
            elif op["op"] == "meta":
                op = {"op": "meta", "doc": check_meta_doc(op["doc"])}
            apply(op)
        except UnsupportedSchemaError:
            raise
        except (ValueError, KeyError, TypeError, StoreCorruptError) as exc:
            damage.append(JournalDamage(number, _reason(exc), line))
    if damage:
        damage[-1] = damage[-1]._replace(last=damage[-1].line == number and not torn_tail)
    return Replay(seen_any, damage, torn_tail)


class Journal:
    """The journal open for appending: each append durable before it returns, emptied once a snapshot
    holds every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1
        self.size = 0  # bytes in the file
        self.lines = 0  # changes appended since it was last emptied

    def open(self) -> None:
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.size = os.fstat(self.fd).st_size

    def append(self, ops: list[dict[str, Any]]) -> None:
        data = "".join(dumps(op) + "\n" for op in ops).encode("ascii")
        try:
            written = os.write(self.fd, data)
            while written < len(data):
                written += os.write(self.fd, data[written:])
            _fdatasync(self.fd)
        except BaseException:
            # Never leave half a line for the next append to be glued onto.
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)
            raise
        self.size += len(data)
        self.lines += len(ops)

    def empty(self) -> None:
        os.ftruncate(self.fd, 0)
        os.fsync(self.fd)
        self.size = 0
        self.lines = 0

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
