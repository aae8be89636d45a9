"""The shared decision store: PostgreSQL, for several replicas (and workspaces) on one database.

Chosen by ``DATABASE_URL`` (``postgresql://...``); without it the app keeps its TinyDB file.

* One row per record in ``decisions``, with the fields the staff summary counts as columns, so
  the summary's counts are a ``GROUP BY`` in the database (:meth:`counts`), not 50,000 rows
  shipped to Python.
* Every write is one statement or one short transaction: ``update`` locks the row it merges into
  (``SELECT ... FOR UPDATE``), ``update_followup`` is a single compare-and-set ``UPDATE ... WHERE``,
  so a decision or a reminder claim racing on two replicas lands once.
* Reminders are handed out to replicas with ``FOR UPDATE SKIP LOCKED`` and a short lease
  (:meth:`claim_due_reminders`): a pass on one replica never works on the rows another is on.
* The schema is versioned (``bot.store.postgres_schema``): what is missing is applied at start-up.
* The installed workspaces (installs through OAuth) are kept on the same database
  (``bot.store.postgres_workspaces``).

Synchronous psycopg 3 with its connection pool: the app reaches it through
:class:`bot.store.AsyncDecisionStore` with as many worker threads as pooled connections (psycopg
releases the GIL while it waits on the server), and the CLI commands use it directly.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import secrets
import socket
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row, tuple_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.store.base import StoreClosedError, StoreError, StoreUnavailable
from bot.store.documents import DELETED_AT, ONCE_NAME_MAX, PSEUDONYM_KEY, check_pref_values, coerce_record
from bot.store.models import CountKey, Counts, DecisionRecord, Followup, as_utc, utc_now
from bot.store.postgres_schema import migrate_schema
from bot.store.postgres_workspaces import PostgresWorkspaces

logger = logging.getLogger(__name__)

_FIELDS = frozenset(DecisionRecord.model_fields)
_FOLLOWUP = tuple(Followup.model_fields)  # remind_at, reminder_sent_at, outcome, outcome_at, snoozes, about
PAGE = 1000  # rows per page when iterating (keyset pagination: no connection held between pages)

_PURGE_PREFS = """
UPDATE prefs p SET "values" = CASE
    WHEN jsonb_typeof(p."values" -> %(name)s) <> 'number' THEN '{}'::jsonb
    WHEN (p."values" ->> %(name)s)::float8 >= %(cutoff)s THEN jsonb_build_object(%(name)s, p."values" -> %(name)s)
    ELSE '{}'::jsonb END
WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.team_id = p.team_id AND d.user_id = p.user_id)
"""

_COLUMNS = (
    "id", "schema_version", "created_at", "updated_at", "team_id", "user_id", "source", "answers",
    "intent", "custom_message", "claims_prior_contact", "red_flags", "recommendation", "decision",
    "decided_at", "remind_at", "reminder_sent_at", "outcome", "outcome_at", "snoozes", "about",
    "requester_name", "invite_text", "alert", "flagged", "intent_sure",
)  # fmt: skip
_SELECT = "SELECT " + ", ".join(_COLUMNS) + " FROM decisions"
_INSERT = (
    f"INSERT INTO decisions ({', '.join(_COLUMNS)}) VALUES ({', '.join('%s' for _ in _COLUMNS)}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS if c != "id")
    + ", reminder_lease_until = NULL"
)
_DUE = "remind_at IS NOT NULL AND remind_at <= %s AND reminder_sent_at IS NULL AND outcome IS NULL"


class StoreNotEmpty(StoreError):
    """The database already holds records or preferences (``restore_into_empty``)."""

    def __init__(self, records: int, prefs: int) -> None:
        super().__init__(f"the database already holds {records} record(s) and {prefs} preference set(s)")
        self.records, self.prefs = records, prefs


def to_row(record: DecisionRecord) -> tuple[Any, ...]:
    s, f = record.signals, record.followup
    return (
        record.id, record.schema_version, record.created_at, record.updated_at, record.team_id,
        record.user_id, record.source, Jsonb(record.answers), s.intent, s.custom_message,
        s.claims_prior_contact, list(s.red_flags), record.recommendation, record.decision,
        record.decided_at, f.remind_at, f.reminder_sent_at, f.outcome, f.outcome_at, f.snoozes, f.about,
        record.requester_name, record.invite_text,
        Jsonb(record.alert.model_dump(mode="json")) if record.alert else None,
        Jsonb(record.flagged.model_dump(mode="json")) if record.flagged else None, s.intent_sure,
    )  # fmt: skip


def from_row(row: Mapping[str, Any]) -> DecisionRecord:
    return DecisionRecord.model_validate(
        {
            "id": row["id"], "schema_version": row["schema_version"], "created_at": row["created_at"],
            "updated_at": row["updated_at"], "team_id": row["team_id"], "user_id": row["user_id"],
            "source": row["source"], "answers": row["answers"],
            "signals": {"intent": row["intent"], "custom_message": row["custom_message"],
                        "claims_prior_contact": row["claims_prior_contact"], "red_flags": row["red_flags"],
                        "intent_sure": row["intent_sure"]},
            "recommendation": row["recommendation"], "decision": row["decision"],
            "decided_at": row["decided_at"],
            "followup": {name: row[name] for name in _FOLLOWUP},
            "requester_name": row["requester_name"], "invite_text": row["invite_text"],
            "alert": row["alert"], "flagged": row["flagged"],
        }
    )  # fmt: skip


class PostgresDecisionStore(PostgresWorkspaces):
    """DecisionStore on PostgreSQL; any number of processes may share one database."""

    def __init__(
        self, url: str, *, min_size: int = 1, max_size: int = 8, migrate: bool = True, timeout: float = 5.0
    ) -> None:
        """``timeout`` bounds connecting, waiting for a pooled connection and every statement (the
        server cancels a longer one), so a stuck database turns into StoreUnavailable, not a hang."""
        self.max_size = max_size
        self.timeout = timeout
        self._closed = False
        self._busy: set[psycopg.Connection[Any]] = set()  # handed out now: close() hangs up on them if stuck
        self._busy_lock = threading.Lock()
        self._key: str | None = None
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            timeout=timeout,
            kwargs={"row_factory": dict_row, **connect_bounds(url, timeout)},
            # A connection the server dropped (a restart, a fail-over) is replaced before it is handed out.
            check=self._check,
            open=False,
            name="invite-check",
        )
        try:
            try:
                self._pool.open(wait=True, timeout=timeout)
            except PoolTimeout:
                raise StoreError(
                    f"could not connect to the PostgreSQL database {_safe(url)} within {timeout:.0f} s: "
                    "check DATABASE_URL (host, port, database, user, password) and that the server is up"
                ) from None
            if migrate:
                with self._pool.connection() as conn:
                    migrate_schema(conn)
        except BaseException:
            self._pool.close()
            raise

    # --- plumbing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _in_use(self, conn: psycopg.Connection[Any]) -> Iterator[None]:
        with self._busy_lock:
            self._busy.add(conn)
        try:
            yield
        finally:
            with self._busy_lock:
                self._busy.discard(conn)

    def _check(self, conn: psycopg.Connection[Any]) -> None:
        with self._in_use(conn):
            ConnectionPool.check_connection(conn)

    @contextlib.contextmanager
    def _conn(self) -> Iterator[Any]:  # a psycopg Connection with dict rows
        """A pooled connection; a database that is down, stuck or dropped the connection raises
        StoreUnavailable (what the statement was doing did not complete)."""
        if self._closed:
            raise StoreClosedError("the decision store is closed")
        try:
            with self._pool.connection() as conn, self._in_use(conn):
                yield conn
        except psycopg.OperationalError as exc:
            if self._closed:
                raise StoreClosedError("the decision store is closed") from exc
            raise StoreUnavailable(
                f"the PostgreSQL database did not answer within {self.timeout:g} s or dropped the "
                f"connection ({type(exc).__name__})"
            ) from exc

    def ping(self) -> None:
        """Raise StoreUnavailable unless the decisions table can be read within the bound."""
        with self._conn() as conn:
            conn.execute("SELECT 1 FROM decisions LIMIT 1")

    # --- writes -------------------------------------------------------------------------

    def upsert(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord:
        return self.upsert_many([record])[0]

    def upsert_many(self, records: Iterable[DecisionRecord | Mapping[str, Any]]) -> list[DecisionRecord]:
        now = utc_now()
        stored = [coerce_record(r).model_copy(update={"updated_at": now}) for r in records]
        with self._conn() as conn, conn.cursor() as cur:
            cur.executemany(_INSERT, [to_row(r) for r in stored])
        return stored

    def restore_into_empty(
        self, records: Iterable[DecisionRecord], prefs: Mapping[tuple[str, str], Mapping[str, Any]]
    ) -> None:
        """Write a file store's records exactly as given (``updated_at`` included) and its students'
        preferences, all in one transaction, into a database holding neither yet; StoreNotEmpty
        otherwise. Copied over existing rows, an old file would bring back what students deleted
        here and undo the decisions they changed since."""
        rows = [to_row(coerce_record(r)) for r in records]
        pref_rows = [(team, user, Jsonb(dict(values))) for (team, user), values in prefs.items() if values]
        with self._conn() as conn, conn.transaction():
            conn.execute("LOCK TABLE decisions, prefs IN SHARE ROW EXCLUSIVE MODE")  # no writer meanwhile
            held = conn.execute(
                "SELECT (SELECT count(*) FROM decisions) AS records, (SELECT count(*) FROM prefs) AS prefs"
            ).fetchone()
            if held["records"] or held["prefs"]:
                raise StoreNotEmpty(held["records"], held["prefs"])
            with conn.cursor() as cur:
                cur.executemany(_INSERT, rows)
                cur.executemany(
                    'INSERT INTO prefs (team_id, user_id, "values") VALUES (%s, %s, %s)', pref_rows
                )

    def create(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord | None:
        """Insert only if no record has this id (``None`` otherwise): the one writer of a
        walkthrough's first record, even when Slack's retry of an event lands on another replica."""
        stored = coerce_record(record).model_copy(update={"updated_at": utc_now()})
        sql = _INSERT.split(" ON CONFLICT")[0] + " ON CONFLICT (id) DO NOTHING"
        with self._conn() as conn:
            cur = conn.execute(sql, to_row(stored))
            return stored if cur.rowcount == 1 else None

    def update(self, record_id: str, **fields: Any) -> DecisionRecord | None:
        unknown = set(fields) - _FIELDS
        if unknown:
            raise TypeError(f"unknown DecisionRecord field(s): {', '.join(sorted(unknown))}")
        if "id" in fields and fields["id"] != record_id:
            raise ValueError("a record's id cannot be changed")
        with self._conn() as conn, conn.transaction():
            row = conn.execute(_SELECT + " WHERE id = %s FOR UPDATE", (record_id,)).fetchone()
            if row is None:
                return None
            data = from_row(row).model_dump()
            data.update(fields)
            data["updated_at"] = utc_now()
            record = DecisionRecord.model_validate(data)  # a bad value raises before anything is written
            conn.execute(_INSERT, to_row(record))
            return record

    def update_followup(
        self, record_id: str, *, expect: Mapping[str, Any] | None = None, **changes: Any
    ) -> DecisionRecord | None:
        """Compare-and-set on the follow-up columns in one ``UPDATE ... WHERE``: of two replicas
        claiming the same reminder, exactly one gets a row back."""
        known = set(_FOLLOWUP)
        unknown = (set(changes) | set(expect or {})) - known
        if unknown:
            raise TypeError(f"unknown Followup field(s): {', '.join(sorted(unknown))}")
        checked = Followup.model_validate(changes)  # types and limits of the new values
        values = {name: getattr(checked, name) for name in changes}
        wanted = {k: as_utc(v) if isinstance(v, datetime) else v for k, v in (expect or {}).items()}
        sets = [f"{name} = %s" for name in values] + ["updated_at = %s", "reminder_lease_until = NULL"]
        where = ["id = %s"] + [f"{name} IS NOT DISTINCT FROM %s" for name in wanted]
        sql = f"UPDATE decisions SET {', '.join(sets)} WHERE {' AND '.join(where)} RETURNING " + ", ".join(
            _COLUMNS
        )
        params = [*values.values(), utc_now(), record_id, *wanted.values()]
        with self._conn() as conn:
            row = conn.execute(sql, params).fetchone()
        return None if row is None else from_row(row)

    def delete(self, record_id: str) -> bool:
        with self._conn() as conn:
            return conn.execute("DELETE FROM decisions WHERE id = %s", (record_id,)).rowcount > 0

    def delete_user(self, team_id: str, user_id: str) -> int:
        with self._conn() as conn, conn.transaction():
            n = conn.execute(
                "DELETE FROM decisions WHERE team_id = %s AND user_id = %s", (team_id, user_id)
            ).rowcount
            conn.execute("DELETE FROM prefs WHERE team_id = %s AND user_id = %s", (team_id, user_id))
            return n

    def purge_older_than(self, cutoff: datetime) -> int:
        """Records created before ``cutoff``, then the preferences of students left without one (as
        ``bot.store.documents.retained_prefs``: only a deletion time after ``cutoff`` stays)."""
        with self._conn() as conn, conn.transaction():
            n = conn.execute("DELETE FROM decisions WHERE created_at < %s", (as_utc(cutoff),)).rowcount
            conn.execute(_PURGE_PREFS, {"name": DELETED_AT, "cutoff": as_utc(cutoff).timestamp()})
            conn.execute("""DELETE FROM prefs WHERE "values" = '{}'::jsonb""")
            conn.execute("DELETE FROM invite_check_once WHERE done_at < %s", (as_utc(cutoff),))
            return n

    def pseudonym_key(self) -> str:
        """The data's random key (``MemoryDecisionStore.pseudonym_key``), made by whichever replica asks
        first; it never changes, so it is read from the database once per process."""
        if self._key is None:
            self._key = self.adopt_pseudonym_key(secrets.token_hex(32))
        return self._key

    def adopt_pseudonym_key(self, key: str) -> str:
        """Keep ``key`` as the data's key unless the database has one already; returns the key it has."""
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO invite_check_meta (name, value) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                (PSEUDONYM_KEY, key),
            )
            row = conn.execute("SELECT value FROM invite_check_meta WHERE name = %s", (PSEUDONYM_KEY,))
            return row.fetchone()["value"]

    # --- things done once ----------------------------------------------------------------

    def claim_once(self, name: str, at: datetime) -> bool:
        """``MemoryDecisionStore.claim_once``: one INSERT, so of replicas claiming at once one wins."""
        if not name or len(name) > ONCE_NAME_MAX:
            raise ValueError("a claim's name is 1 to 200 characters")
        with self._conn() as conn:
            cur = conn.execute(
                "INSERT INTO invite_check_once (name, done_at) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                (name, as_utc(at)),
            )
            return cur.rowcount == 1

    def forget_once(self, name: str) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM invite_check_once WHERE name = %s", (name,))

    # --- preferences --------------------------------------------------------------------

    def get_prefs(self, team_id: str, user_id: str) -> dict[str, Any]:
        with self._conn() as conn:
            row = conn.execute(
                'SELECT "values" FROM prefs WHERE team_id = %s AND user_id = %s', (team_id, user_id)
            ).fetchone()
        return dict(row["values"]) if row else {}

    def set_prefs(self, team_id: str, user_id: str, **values: Any) -> dict[str, Any]:
        changes = check_pref_values(values)
        with self._conn() as conn, conn.transaction():
            row = conn.execute(
                'INSERT INTO prefs (team_id, user_id, "values") VALUES (%s, %s, jsonb_strip_nulls(%s)) '
                'ON CONFLICT (team_id, user_id) DO UPDATE SET "values" = jsonb_strip_nulls(prefs."values" || %s) '
                'RETURNING "values"',
                (team_id, user_id, Jsonb(changes), Jsonb(changes)),
            ).fetchone()
            merged = dict(row["values"])
            if not merged:
                conn.execute("DELETE FROM prefs WHERE team_id = %s AND user_id = %s", (team_id, user_id))
        return merged

    # --- reads --------------------------------------------------------------------------

    def get(self, record_id: str) -> DecisionRecord | None:
        with self._conn() as conn:
            row = conn.execute(_SELECT + " WHERE id = %s", (record_id,)).fetchone()
        return None if row is None else from_row(row)

    @staticmethod
    def _where(
        team_id: str | None, user_id: str | None, since: datetime | None
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if team_id is not None:
            where.append("team_id = %s")
            params.append(team_id)
        if user_id is not None:
            where.append("user_id = %s")
            params.append(user_id)
        if since is not None:
            where.append("created_at >= %s")
            params.append(as_utc(since))
        return where, params

    def iter_records(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> Iterator[DecisionRecord]:
        if limit is not None and limit < 0:
            raise ValueError("limit must be >= 0")
        if self._closed:
            raise StoreClosedError("the decision store is closed")
        return self._pages(team_id, user_id, since, limit, newest_first)

    def _pages(
        self,
        team_id: str | None,
        user_id: str | None,
        since: datetime | None,
        limit: int | None,
        newest_first: bool,
    ) -> Iterator[DecisionRecord]:
        order = "DESC" if newest_first else "ASC"
        cmp = "<" if newest_first else ">"
        left = limit
        after: tuple[datetime, str] | None = None
        while left is None or left > 0:
            where, params = self._where(team_id, user_id, since)
            if after is not None:
                where.append(f"(created_at, id) {cmp} (%s, %s)")
                params.extend(after)
            size = PAGE if left is None else min(PAGE, left)
            sql = (
                _SELECT
                + (" WHERE " + " AND ".join(where) if where else "")
                + f" ORDER BY created_at {order}, id {order} LIMIT {size}"
            )
            with self._conn() as conn:
                rows = conn.execute(sql, params).fetchall()
            for row in rows:
                yield from_row(row)
            if len(rows) < size:
                return
            after = (rows[-1]["created_at"], rows[-1]["id"])
            if left is not None:
                left -= len(rows)

    def list(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[DecisionRecord]:
        return list(
            self.iter_records(
                team_id=team_id, user_id=user_id, since=since, limit=limit, newest_first=newest_first
            )
        )

    def claim_due_reminders(
        self, now: datetime, *, lease: timedelta = timedelta(minutes=2), limit: int = 500
    ) -> builtins.list[DecisionRecord]:
        """Due reminders no other pass holds, leased to this caller until ``now + lease``.

        ``FOR UPDATE SKIP LOCKED`` lets two replicas' passes split the due rows between them
        instead of queueing on each other; the lease keeps a row out of the next pass while this
        one works on it. Sending is still claimed by ``update_followup``'s compare-and-set.
        """
        now = as_utc(now)
        sql = (
            "UPDATE decisions SET reminder_lease_until = %s WHERE id IN ("
            f" SELECT id FROM decisions WHERE {_DUE}"
            " AND (reminder_lease_until IS NULL OR reminder_lease_until <= %s)"
            " ORDER BY remind_at, id LIMIT %s FOR UPDATE SKIP LOCKED)"
            " RETURNING " + ", ".join(_COLUMNS)
        )
        with self._conn() as conn:
            rows = conn.execute(sql, (now + lease, now, now, limit)).fetchall()
        records = [from_row(row) for row in rows]
        records.sort(key=lambda r: (r.followup.remind_at, r.id))
        return records

    def count(self) -> int:
        with self._conn() as conn:
            return int(conn.execute("SELECT count(*) AS n FROM decisions").fetchone()["n"])

    def counts(self, *, team_id: str | None, since: datetime | None, step: str) -> Counts:
        """Counted in the database, in one snapshot: a GROUP BY over the facts (a few thousand groups at
        most, not a row per record shipped to Python), the weeks, the different students, the warning
        signs."""
        where, params = self._where(team_id, None, since)
        filtered = "FROM decisions" + (" WHERE " + " AND ".join(where) if where else "")
        facts = f"""
        SELECT recommendation, NULLIF(decision, ''), cardinality(red_flags) > 0, intent, intent_sure,
               NULLIF(answers ->> %s, ''), custom_message, NULLIF(outcome, ''),
               remind_at IS NOT NULL, reminder_sent_at IS NOT NULL, count(*)
        {filtered} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"""
        weeks = f"SELECT (date_trunc('week', created_at AT TIME ZONE 'UTC'))::date, count(*) {filtered} GROUP BY 1"
        students = f"SELECT count(*) FROM (SELECT DISTINCT team_id, user_id {filtered}) s"
        flagged = filtered.replace("FROM decisions", "FROM decisions, unnest(red_flags) f", 1)
        flags = f"SELECT f, count(*) {flagged} GROUP BY f"
        with self._conn() as conn, conn.transaction(), conn.cursor(row_factory=tuple_row) as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            checks = Counter({CountKey(*row[:-1]): row[-1] for row in cur.execute(facts, [step, *params])})
            by_week = Counter({week: n for week, n in cur.execute(weeks, params)})
            (n,) = cur.execute(students, params).fetchone() or (0,)
            red_flags = Counter({flag: k for flag, k in cur.execute(flags, params)})
        return Counts(checks=checks, weeks=by_week, students=n, red_flags=red_flags)

    # --- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Close the pool within the bound; a call still waiting on a server that stopped answering has
        its connection hung up, so its thread ends and the process can exit."""
        if self._closed:
            return
        self._closed = True
        self._pool.close(timeout=self.timeout)
        with self._busy_lock:
            stuck = list(self._busy)
        for conn in stuck:
            _hang_up(conn)

    def __enter__(self) -> PostgresDecisionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PostgresDecisionStore pool={self.max_size}>"


def connect_bounds(url: str, timeout: float) -> dict[str, Any]:
    """Connection parameters that bound connecting and every statement (the server cancels one that
    runs longer) by ``timeout`` seconds, keeping the URL's own ``options`` and ``connect_timeout``."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    options = f"{info.get('options') or ''} -c statement_timeout={round(timeout * 1000)}".strip()
    return {"options": options, "connect_timeout": info.get("connect_timeout") or max(2, round(timeout))}


def _hang_up(conn: psycopg.Connection[Any]) -> None:
    """Shut the connection's socket down (not close it: its thread still owns it), which wakes a wait
    on it with an error."""
    with contextlib.suppress(OSError, psycopg.Error), socket.socket(fileno=os.dup(conn.fileno())) as sock:
        sock.shutdown(socket.SHUT_RDWR)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    where = info.get("host") or "localhost"
    return f"{info.get('dbname') or '(default)'} on {where}:{info.get('port') or 5432} as {info.get('user') or '(default)'}"


__all__ = [
    "PostgresDecisionStore",
    "StoreNotEmpty",
    "connect_bounds",
    "from_row",
    "to_row",
]
