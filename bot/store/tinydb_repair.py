"""What the file store does about damage: refusing to serve on a damaged journal, keeping a copy of it
(``<journal>.damaged-<time>``) before compaction empties it, and carrying deletions into those copies.

A deletion (a student's "Delete my data", the retention purge) removes from every saved copy the lines
naming the student or created before the retention cutoff; a copy made before the cutoff goes whole.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from bot.store.base import StoreCorruptError
from bot.store.documents import dumps
from bot.store.models import as_utc, utc_iso
from bot.store.tinydb_journal import JournalDamage
from bot.store.tinydb_snapshot import fsync_dir, replace_atomically

_CREATED_IN_LINE = re.compile(rb'"created_at":"([0-9T:.+-]{32})"')
_DAMAGED_STAMP = "%Y%m%dT%H%M%S"


def is_power_loss_artefact(damage: list[JournalDamage]) -> bool:
    """One unreadable last line of nothing but zeros or blanks: what power loss can leave behind."""
    return len(damage) == 1 and damage[0].last and not damage[0].raw.strip(b"\0 \t\r\n")


def refuse(damage: list[JournalDamage], journal: Path) -> StoreCorruptError:
    """The error that stops the store from serving on a damaged journal, saying what to do."""
    first = damage[0]
    more = f" (and {len(damage) - 1} more damaged line(s))" if len(damage) > 1 else ""
    return StoreCorruptError(
        f"{journal} line {first.line} is damaged ({first.reason}){more}. Nothing was changed "
        "and nothing is lost yet. With the bot stopped, `python -m bot store check` lists what is "
        "damaged and `python -m bot store repair` keeps every readable entry, saves the journal as it "
        "is now beside it (.damaged-<time>) and rebuilds the database."
    )


def missing_snapshot_message(path: Path, journal: Path) -> str:
    with open(journal, "rb") as fh:
        changes = sum(1 for _ in fh)
    return (
        f"{path} is missing, but its journal {journal} is there ({changes} change(s) "
        "since the last snapshot): the snapshot was moved or deleted, and opening the journal alone "
        "would lose every record the snapshot held. Put the snapshot back from a backup, next to the "
        "journal. With no backup, `python -m bot store repair` rebuilds the database from the journal "
        "alone (keeping a copy of it). Only for a new installation with no data, delete the journal."
    )


def preserve(journal: Path) -> Path:
    """A durable copy of the journal, so no damaged entry is ever truncated away unseen."""
    stamp = datetime.now(UTC).strftime(_DAMAGED_STAMP)
    target = journal.with_name(f"{journal.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = journal.with_name(f"{journal.name}.damaged-{stamp}-{n}")
    shutil.copyfile(journal, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(journal.parent)
    return target


def scrub_copies(journal: Path, drop: Callable[[bytes], bool], *, older_than: datetime | None = None) -> None:
    """Remove the lines ``drop`` picks from every saved copy of ``journal`` (``older_than``: whole copies
    made before it go)."""
    for copy in sorted(journal.parent.glob(f"{journal.name}.damaged-*")):
        if older_than is not None and _made_before(copy, older_than):
            copy.unlink()
            fsync_dir(journal.parent)
            continue
        _scrub(copy, drop)


def _scrub(copy: Path, drop: Callable[[bytes], bool]) -> None:
    """Rewrite one saved journal without the lines ``drop`` picks (atomically, like a snapshot)."""
    with open(copy, "rb") as handle:
        lines = handle.readlines()
    kept = [line for line in lines if not drop(line)]
    if len(kept) == len(lines):
        return
    if not kept:
        copy.unlink()
        fsync_dir(copy.parent)
        return

    def write(out: IO[bytes]) -> None:
        out.writelines(kept)

    replace_atomically(copy, write)


def naming(field: bytes, value: str) -> Callable[[bytes], bool]:
    """Lines that name this student, legible even where the rest of the line is damaged."""
    needle = b'"%s":%s' % (field, dumps(value).encode("ascii"))
    return lambda line: needle in line


def created_before(cutoff: datetime) -> Callable[[bytes], bool]:
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
