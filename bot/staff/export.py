"""CSV export of decision records: one row per check created in the period, oldest first.

Columns (stable: tools may rely on these names and their order):

==========================  ===========================================================
id                          the check's id (walkthrough id)
created_at, updated_at      ISO-8601 UTC
team_id, user_id            Slack workspace ID; the student's Slack user ID, pseudonym or nothing
                            (INVITE_CHECK_STAFF_VIEW named / pseudonymous / totals; with totals
                            ``id`` is empty too)
source                      ``slack`` or ``terminal``
recommendation              ``accept`` | ``reply_first`` | ``meet_first`` | ``ignore`` |
                            ``pending`` (checklist not finished)
decision, decided_at        what the student said they did, and when (empty if not yet)
intent                      the analyzer's reading of the text: recruiter, referral, collaboration,
                            networking, sales, unclear (compare ``answer_reason``)
custom_message              ``true``/``false``: the invitation had a personal note
claims_prior_contact        ``true``/``false``: the sender claims they've met the student
red_flags                   red-flag codes separated by ``;``
answer_<step>               one column per checklist step (note, met, reason, value, then
                            any other step found in the records): the option id the student chose;
                            ``answer_reason`` is the student's confirmed answer to "why"
followup_outcome            ``explained`` | ``pitched`` | ``no_reply`` | empty
followup_remind_at          when the "did they reply?" reminder is/was due
followup_reminder_sent_at   when it was sent
followup_outcome_at         when the student told us the outcome
requester_name, invite_text only when at least one exported record has them
                            (``INVITE_CHECK_STORE_INVITE_TEXT=true``)
==========================  ===========================================================

Every cell is quoted, and text that a spreadsheet would run as a formula gets an apostrophe before
the formula start: at the start of a cell (``=``, ``+``, ``-``, ``@``, tab or carriage return) and
after any separator a spreadsheet may split on (``,`` ``;`` tab ``|`` or a line break, then optional
spaces), so a pasted invitation cannot smuggle one in whichever separator the reader's locale uses.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import IO, Any

from bot.coaching.intake import student_text
from bot.staff import privacy
from bot.store.base import DecisionStore
from bot.store.models import utc_iso

DEFAULT_STEPS: tuple[str, ...] = ("note", "met", "reason", "value")  # prompts/checklist.toml order
BASE_COLUMNS: tuple[str, ...] = (
    "id",
    "created_at",
    "updated_at",
    "team_id",
    "user_id",
    "source",
    "recommendation",
    "decision",
    "decided_at",
    "intent",
    "custom_message",
    "claims_prior_contact",
    "red_flags",
)
FOLLOWUP_COLUMNS: tuple[str, ...] = (
    "followup_outcome",
    "followup_remind_at",
    "followup_reminder_sent_at",
    "followup_outcome_at",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("requester_name", "invite_text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_AFTER_SEPARATOR = re.compile(r"([,;\t|\r\n][ \t]*)([=+\-@])")


def safe_cell(value: Any) -> str:
    """A CSV cell as text, defused against spreadsheet formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return utc_iso(value)
    text = _AFTER_SEPARATOR.sub(r"\1'\2", student_text(str(value)))  # also text stored before it was cleaned
    return "'" + text if text.startswith(_FORMULA_START) else text


def in_period(records: Iterable, *, now: datetime, days: int | None) -> list:
    """Records created in the last `days` days (all when `days` is None), oldest first."""
    since = now - timedelta(days=days) if days else None
    picked = [r for r in records if since is None or r.created_at >= since]
    picked.sort(key=lambda r: (r.created_at, r.id))
    return picked


def columns_for(records: Sequence, steps: Sequence[str] = DEFAULT_STEPS) -> list[str]:
    facts = _ColumnFacts()
    facts.add(records)
    return facts.columns(steps)


class _ColumnFacts:
    """What the records say about the columns (answer steps, optional text columns), gathered in parts."""

    def __init__(self) -> None:
        self.steps: set[str] = set()
        self.optional: set[str] = set()

    def add(self, records: Iterable) -> None:
        for r in records:
            self.steps.update(r.answers)
            for c in OPTIONAL_COLUMNS:
                if c not in self.optional and getattr(r, c, None):
                    self.optional.add(c)

    def columns(self, steps: Sequence[str]) -> list[str]:
        extra = sorted(self.steps - set(steps))
        cols = [*BASE_COLUMNS, *(f"answer_{s}" for s in (*steps, *extra)), *FOLLOWUP_COLUMNS]
        return cols + [c for c in OPTIONAL_COLUMNS if c in self.optional]


def row_for(
    record: Any, columns: Sequence[str], view: str = privacy.NAMED, key: str | None = None
) -> list[str]:
    s, fu = record.signals, record.followup
    values: dict[str, Any] = {
        "id": "" if view == privacy.TOTALS else record.id,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "team_id": record.team_id,
        "user_id": privacy.export_identity(view, record.team_id, record.user_id, key),
        "source": record.source,
        "recommendation": record.recommendation,
        "decision": record.decision,
        "decided_at": record.decided_at,
        "intent": s.intent,
        "custom_message": s.custom_message,
        "claims_prior_contact": s.claims_prior_contact,
        "red_flags": ";".join(s.red_flags),
        "followup_outcome": fu.outcome,
        "followup_remind_at": fu.remind_at,
        "followup_reminder_sent_at": fu.reminder_sent_at,
        "followup_outcome_at": fu.outcome_at,
        "requester_name": record.requester_name,
        "invite_text": record.invite_text,
    }
    for step, option in record.answers.items():
        values[f"answer_{step}"] = option
    return [safe_cell(values.get(c)) for c in columns]


def write_csv(
    fh: IO[str],
    records: Iterable,
    *,
    now: datetime,
    days: int | None,
    steps: Sequence[str] = DEFAULT_STEPS,
    view: str = privacy.NAMED,
    key: str | None = None,
) -> int:
    """Write the period's records as CSV (header first) to `fh`; returns the number of rows."""
    picked = in_period(records, now=now, days=days)
    columns = columns_for(picked, steps)
    writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for record in picked:
        writer.writerow(row_for(record, columns, view, key))
    return len(picked)


def csv_from_store(
    store: DecisionStore,
    *,
    team_id: str | None,
    since: datetime | None,
    steps: Sequence[str] = DEFAULT_STEPS,
    view: str = privacy.NAMED,
    key: str | None = None,
) -> tuple[bytes, int]:
    """The CSV (UTF-8) of the records created since `since` (all when None), oldest first, read from
    a DecisionStore one record at a time; returns it with the number of rows. The same bytes as
    csv_text() of those records.

    Run it on the store's thread (``AsyncDecisionStore.call``), never on the event loop: 50,000 rows
    take seconds. Records are not all held at once either: 50,000 of them (some 400,000 objects)
    set off the garbage collector's full passes, each holding the GIL, so the event loop, for
    hundreds of ms. The columns depend on the records (an answer step not in the checklist, stored
    invitation texts), so the rows are written with the checklist's columns, and once more with the
    columns the records call for when those differ."""
    columns = columns_for((), steps)
    content, rows, found = _store_rows(store, team_id, since, columns, steps, view, key)
    if found != columns:
        content, rows, _ = _store_rows(store, team_id, since, found, steps, view, key)
    return content, rows


def _store_rows(
    store: DecisionStore,
    team_id: str | None,
    since: datetime | None,
    columns: list[str],
    steps: Sequence[str],
    view: str,
    key: str | None,
) -> tuple[bytes, int, list[str]]:
    """(CSV with `columns`, rows, the columns these records call for)."""
    facts = _ColumnFacts()
    out = io.BytesIO()
    # Encoded as it is written, a few KB at a time: getvalue() of a StringIO and then encode() were
    # two copies of the whole file (~10 MB at 50,000 rows), each one long call holding the GIL.
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    rows = 0
    for record in store.iter_records(team_id=team_id, since=since, newest_first=False):
        facts.add((record,))
        writer.writerow(row_for(record, columns, view, key))
        rows += 1
    text.detach()  # flushes, and leaves `out` open
    return out.getvalue(), rows, facts.columns(steps)


def csv_text(
    records: Iterable,
    *,
    now: datetime,
    days: int | None,
    steps: Sequence[str] = DEFAULT_STEPS,
    view: str = privacy.NAMED,
    key: str | None = None,
) -> tuple[str, int]:
    buf = io.StringIO()
    n = write_csv(buf, records, now=now, days=days, steps=steps, view=view, key=key)
    return buf.getvalue(), n
