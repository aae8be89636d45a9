"""`python -m bot store check|repair`: what an operator runs when the data file will not open.

`check` reads the files without locking or changing anything (safe beside a running bot, on a backup)
and says what is readable and what is damaged. `repair` (bot stopped: it takes the lock) keeps every
readable journal entry, saves the journal exactly as it was beside it (``.journal.damaged-<time>``),
and rebuilds the snapshot, so evidence is never truncated away and nothing readable is dropped.
"""

from __future__ import annotations

import os

from bot.store.base import StoreCorruptError
from bot.store.tinydb_journal import JournalDamage
from bot.store.tinydb_store import TinyDBDecisionStore, open_read_only


def _damage_lines(damage: list[JournalDamage]) -> list[str]:
    out = []
    for d in damage[:20]:
        ids = f"; mentions check id(s) {', '.join(d.ids)}" if d.ids else ""
        out.append(f"  line {d.line}: {d.reason}{ids}")
    if len(damage) > 20:
        out.append(f"  ... and {len(damage) - 20} more")
    return out


def check(path: str | os.PathLike[str]) -> tuple[bool, str]:
    """(healthy, report) for the database at `path`; changes nothing."""
    try:
        store = open_read_only(path)
    except StoreCorruptError as exc:
        return False, f"DAMAGED: {exc}"
    with store:
        lines = [
            f"Snapshot {store.path}: readable.",
            f"Records after replaying the journal: {store.count()}.",
        ]
        if store.torn_tail:
            lines.append(
                f"Journal {store.journal_path}: an interrupted last append ({store.torn_tail} bytes) "
                "is ignored; it was never confirmed to anyone."
            )
        if not store.damage:
            lines.append(f"Journal {store.journal_path}: every complete line is readable.")
            lines.append("OK")
            return True, "\n".join(lines)
        lines.append(
            f"Journal {store.journal_path}: {len(store.damage)} damaged line(s), skipped in the count above:"
        )
        lines += _damage_lines(store.damage)
        lines.append(
            "DAMAGED: stop the bot, then run `python -m bot store repair` to keep every readable "
            "entry (the journal as it is now is saved beside it first)."
        )
        return False, "\n".join(lines)


def repair(path: str | os.PathLike[str]) -> str:
    """Rebuild the database from every readable entry; returns what was done (raises StoreError)."""
    store = TinyDBDecisionStore(path, mode="repair")
    with store:
        lines = [f"Repaired {store.path}: {store.count()} record(s) kept."]
        if store.preserved is not None:
            lines.append(f"The journal as it was is saved as {store.preserved} (keep it until you are sure).")
        if store.damage:
            lines.append(f"{len(store.damage)} damaged journal line(s) could not be read and were left out:")
            lines += _damage_lines(store.damage)
        else:
            lines.append("No damaged journal lines.")
        return "\n".join(lines)
