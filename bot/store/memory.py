"""The in-memory decision store; also the engine under the TinyDB file store.

Documents live in a TinyDB table backed by an in-memory Storage, in TinyDB's document shape
(``{"decisions": {"<doc_id>": {...}}}``), so the file store can snapshot them as a TinyDB
file. TinyDB's own write path (``Table._update_table``) rebuilds the whole table dict on
every insert or update, O(n) per write; writes here go straight into the table's dict, and
small indexes (id -> doc_id, user -> ids, documents ordered by created_at) keep writes and
lookups cheap and let ``list`` return records in time order without sorting per call.

Stored documents are never mutated in place, only replaced, so readers take references
under the lock and build models outside it.
"""

from __future__ import annotations

import builtins
import secrets
import threading
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from bot.store.base import StoreClosedError
from bot.store.documents import (
    ONCE,
    ONCE_NAME_MAX,
    PREFS_TABLE,
    PSEUDONYM_KEY,
    TABLE,
    check_pref_values,
    coerce_record,
    retained_prefs,
    to_doc,
    to_record,
)
from bot.store.models import (
    CountKey,
    Counts,
    DecisionRecord,
    Followup,
    as_utc,
    utc_now,
    week_of,
)

_FIELDS = frozenset(DecisionRecord.model_fields)


class LiveStorage(Storage):
    """TinyDB Storage keeping the tables in memory.

    Documents hold ``datetime`` objects (the file store writes them as ISO-8601 UTC
    strings): they are smaller than the strings, need no parsing on every read, and, being
    immutable, can be shared with the records handed out.
    """

    def __init__(self) -> None:
        self.memory: dict[str, dict[str, Any]] = {}

    def read(self) -> dict[str, dict[str, Any]]:
        return self.memory

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.memory = data


def count_key(doc: Mapping[str, Any], step: str) -> CountKey:
    """A stored document's facts the staff summary counts by (``counts``)."""
    signals = doc["signals"]
    followup = doc.get("followup") or {}
    return CountKey(
        recommendation=doc["recommendation"],
        decision=doc.get("decision") or None,
        flagged=bool(signals.get("red_flags")),
        intent=signals["intent"],
        intent_sure=signals.get("intent_sure"),
        answer=doc["answers"].get(step) or None,
        custom_message=bool(signals["custom_message"]),
        outcome=followup.get("outcome") or None,
        reminder_set=followup.get("remind_at") is not None,
        reminder_sent=followup.get("reminder_sent_at") is not None,
    )


def _order_key(doc: Mapping[str, Any]) -> tuple[datetime, str]:
    return doc["created_at"], doc["id"]


def _is_pending(doc: Mapping[str, Any]) -> bool:
    followup = doc.get("followup") or {}
    return (
        followup.get("remind_at") is not None
        and followup.get("reminder_sent_at") is None
        and followup.get("outcome") is None
    )


def _is_due(followup: Mapping[str, Any], now: datetime) -> bool:
    remind_at = followup.get("remind_at")
    return (
        remind_at is not None
        and remind_at <= now
        and followup.get("reminder_sent_at") is None
        and followup.get("outcome") is None
    )


class MemoryDecisionStore:
    """A complete DecisionStore that forgets everything on exit (tests, terminal demo)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._closed = False
        self._db = TinyDB(storage=LiveStorage)
        self._table = self._db.table(TABLE, cache_size=0)  # a cache would pin copies of results
        self._clear_state()

    def _clear_state(self) -> None:
        storage: LiveStorage = self._db.storage  # type: ignore[assignment]
        storage.memory[TABLE] = {}
        self._docs: dict[str, dict[str, Any]] = storage.memory[TABLE]
        self._doc_ids: dict[str, str] = {}  # record id -> TinyDB doc_id (as stored: str)
        self._by_user: dict[str, set[str]] = {}  # user_id -> record ids
        self._order: list[dict[str, Any]] = []  # the documents, sorted by (created_at, id)
        # Record ids with a reminder waiting: the scheduler asks every minute, and a full scan
        # at 50,000 records held the store's one thread for 45-76 ms each time.
        self._pending: set[str] = set()
        self._leases: dict[str, datetime] = {}  # record id -> end of a claim_due_reminders lease
        self._next_doc_id = 1
        storage.memory[PREFS_TABLE] = {}
        self._prefs: dict[str, dict[str, Any]] = storage.memory[PREFS_TABLE]  # doc_id -> prefs document
        self._prefs_ids: dict[tuple[str, str], str] = {}  # (team_id, user_id) -> doc_id
        self._next_prefs_id = 1
        self._meta: dict[str, Any] = {}  # the settings document (META_TABLE)

    # --- persistence hooks (no-ops here; the file store journals) ----------------------

    def _log(self, ops: list[dict[str, Any]]) -> None:
        """Make ``ops`` durable before they are applied in memory."""

    def _after_write(self) -> None:
        pass

    # --- in-memory state ----------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError("the decision store is closed")

    def _unindex(self, doc_id: str, *, keep_order: bool = False) -> None:
        doc = self._docs.pop(doc_id)
        rid = doc["id"]
        if self._doc_ids.get(rid) == doc_id:
            del self._doc_ids[rid]
        self._pending.discard(rid)
        self._leases.pop(rid, None)  # any write to a record ends its reminder lease
        ids = self._by_user.get(doc["user_id"])
        if ids is not None:
            ids.discard(rid)
            if not ids:
                del self._by_user[doc["user_id"]]
        if not keep_order:
            pos = bisect_left(self._order, _order_key(doc), key=_order_key)
            if pos < len(self._order) and self._order[pos] is doc:
                del self._order[pos]

    def _apply_put(self, doc_id: str, doc: dict[str, Any]) -> None:
        rid = doc["id"]
        old = self._doc_ids.get(rid)
        if old is not None:
            self._unindex(old)
        if doc_id in self._docs:  # only possible while replaying an old journal
            self._unindex(doc_id)
        self._docs[doc_id] = doc
        self._doc_ids[rid] = doc_id
        users = self._by_user.get(doc["user_id"])
        if users is None:
            users = self._by_user[doc["user_id"]] = set()
        users.add(rid)
        if _is_pending(doc):
            self._pending.add(rid)
        order = self._order
        if not order or _order_key(doc) >= _order_key(order[-1]):
            order.append(doc)  # the usual case: a decision made now goes last
        else:
            insort(order, doc, key=_order_key)
        self._next_doc_id = max(self._next_doc_id, int(doc_id) + 1)

    def _apply_delete(self, ids: Iterable[str]) -> None:
        doc_ids = [self._doc_ids[rid] for rid in ids if rid in self._doc_ids]
        bulk = len(doc_ids) > 32  # one O(n) rebuild beats k O(n) list deletions
        removed = [self._docs[doc_id] for doc_id in doc_ids]
        for doc_id in doc_ids:
            self._unindex(doc_id, keep_order=bulk)
        if bulk:
            gone = {id(doc) for doc in removed}  # `removed` keeps them alive: ids stay unique
            self._order = [doc for doc in self._order if id(doc) not in gone]

    def _apply_prefs(self, doc_id: str, doc: dict[str, Any] | None) -> None:
        """Put (doc) or remove (None) one student's preferences document."""
        old = self._prefs.pop(doc_id, None)
        if old is not None:
            self._prefs_ids.pop((old["team_id"], old["user_id"]), None)
        if doc is not None:
            key = (doc["team_id"], doc["user_id"])
            other = self._prefs_ids.get(key)
            if other is not None:  # only possible while replaying an old journal
                self._prefs.pop(other, None)
            self._prefs[doc_id] = doc
            self._prefs_ids[key] = doc_id
            self._next_prefs_id = max(self._next_prefs_id, int(doc_id) + 1)

    def _apply(self, op: Mapping[str, Any]) -> None:
        if op["op"] == "put":
            self._apply_put(str(op["doc_id"]), op["doc"])
        elif op["op"] == "del":
            self._apply_delete(op["ids"])
            for doc_id in op.get("prefs", ()):
                self._apply_prefs(str(doc_id), None)
        elif op["op"] == "prefs":
            self._apply_prefs(str(op["doc_id"]), op["doc"])
        elif op["op"] == "meta":
            for name, value in op["doc"].items():
                if value is None:
                    self._meta.pop(name, None)
                else:
                    self._meta[name] = value
        else:
            raise ValueError(f"unknown journal op {op['op']!r}")

    def _put_op(self, record: DecisionRecord) -> dict[str, Any]:
        doc_id = self._doc_ids.get(record.id)
        if doc_id is None:
            doc_id = str(self._next_doc_id)
            self._next_doc_id += 1
        return {"op": "put", "doc_id": doc_id, "doc": to_doc(record)}

    def _commit(self, ops: list[dict[str, Any]]) -> None:
        if not ops:
            return
        self._log(ops)
        for op in ops:
            self._apply(op)
        self._after_write()

    # --- writes -------------------------------------------------------------------------

    def upsert(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord:
        return self.upsert_many([record])[0]

    def upsert_many(self, records: Iterable[DecisionRecord | Mapping[str, Any]]) -> list[DecisionRecord]:
        """Several upserts made durable together (one fsync): imports and seeding."""
        now = utc_now()
        stored = [coerce_record(r).model_copy(update={"updated_at": now}) for r in records]
        with self._lock:
            self._check_open()
            ops: list[dict[str, Any]] = []
            pending: dict[str, str] = {}
            for rec in stored:
                op = self._put_op(rec)
                if rec.id in pending:  # the same id twice in one batch: keep one doc_id
                    op["doc_id"] = pending[rec.id]
                pending[rec.id] = op["doc_id"]
                ops.append(op)
            self._commit(ops)
        return stored

    def create(self, record: DecisionRecord | Mapping[str, Any]) -> DecisionRecord | None:
        """Insert only if no record has this id; ``None`` (and nothing written) otherwise."""
        stored = coerce_record(record).model_copy(update={"updated_at": utc_now()})
        with self._lock:
            self._check_open()
            if stored.id in self._doc_ids:
                return None
            self._commit([self._put_op(stored)])
        return stored

    def update(self, record_id: str, **fields: Any) -> DecisionRecord | None:
        unknown = set(fields) - _FIELDS
        if unknown:
            raise TypeError(f"unknown DecisionRecord field(s): {', '.join(sorted(unknown))}")
        if "id" in fields and fields["id"] != record_id:
            raise ValueError("a record's id cannot be changed")
        with self._lock:
            self._check_open()
            doc_id = self._doc_ids.get(record_id)
            if doc_id is None:
                return None
            data = to_record(self._docs[doc_id]).model_dump()
            data.update(fields)
            data["updated_at"] = utc_now()
            record = DecisionRecord.model_validate(data)
            self._commit([{"op": "put", "doc_id": doc_id, "doc": to_doc(record)}])
            return record

    def delete(self, record_id: str) -> bool:
        with self._lock:
            self._check_open()
            if record_id not in self._doc_ids:
                return False
            self._commit([{"op": "del", "ids": [record_id]}])
            return True

    def delete_user(self, team_id: str, user_id: str) -> int:
        with self._lock:
            self._check_open()
            ids = sorted(
                rid
                for rid in self._by_user.get(user_id, ())
                if self._docs[self._doc_ids[rid]]["team_id"] == team_id
            )
            prefs = self._prefs_ids.get((team_id, user_id))
            if ids or prefs:
                op: dict[str, Any] = {"op": "del", "ids": ids}
                if prefs:
                    op["prefs"] = [prefs]  # one journal line: records and preferences go together
                self._commit([op])
            return len(ids)

    def update_followup(
        self, record_id: str, *, expect: Mapping[str, Any] | None = None, **changes: Any
    ) -> DecisionRecord | None:
        """Change fields of a record's ``followup`` atomically, only if its current values equal
        ``expect`` (compare-and-set). ``None`` if the record is gone or a value differs.

        The reminder scheduler claims a reminder with this (``expect`` it unsent, set
        ``reminder_sent_at``), so two deliveries racing for one reminder cannot both win.
        """
        known = set(Followup.model_fields)
        unknown = (set(changes) | set(expect or {})) - known
        if unknown:
            raise TypeError(f"unknown Followup field(s): {', '.join(sorted(unknown))}")
        wanted = {k: as_utc(v) if isinstance(v, datetime) else v for k, v in (expect or {}).items()}
        with self._lock:
            self._check_open()
            doc_id = self._doc_ids.get(record_id)
            if doc_id is None:
                return None
            current = to_record(self._docs[doc_id])
            if any(getattr(current.followup, k) != v for k, v in wanted.items()):
                return None
            data = current.model_dump()
            data["followup"].update(changes)
            data["updated_at"] = utc_now()
            record = DecisionRecord.model_validate(data)
            self._commit([{"op": "put", "doc_id": doc_id, "doc": to_doc(record)}])
            return record

    # --- the data's own key -----------------------------------------------------------------

    def pseudonym_key(self) -> str:
        """The random key of this data's pseudonyms and DM check ids: made once, on first use, and kept
        with the data, so every process that reads the data agrees on them and nobody can compute them
        from Slack IDs."""
        with self._lock:
            self._check_open()
            key = self._meta.get(PSEUDONYM_KEY)
            if key is None:
                key = secrets.token_hex(32)
                self._commit([{"op": "meta", "doc": {PSEUDONYM_KEY: key}}])
            return key

    # --- things done once ----------------------------------------------------------------------

    def claim_once(self, name: str, at: datetime) -> bool:
        """Claim a thing to be done once for this data (a scam cluster's staff alert, one staff member's
        digest of one week), durably: True for the first claim of `name`, False ever after (until the
        retention purge drops claims older than its cutoff, or ``forget_once``)."""
        if not name or len(name) > ONCE_NAME_MAX:
            raise ValueError("a claim's name is 1 to 200 characters")
        with self._lock:
            self._check_open()
            if ONCE + name in self._meta:
                return False
            self._commit([{"op": "meta", "doc": {ONCE + name: as_utc(at).timestamp()}}])
            return True

    def forget_once(self, name: str) -> None:
        """Drop a claim whose work failed, so a later pass can claim it and try again."""
        with self._lock:
            self._check_open()
            if ONCE + name in self._meta:
                self._commit([{"op": "meta", "doc": {ONCE + name: None}}])

    # --- preferences ------------------------------------------------------------------------

    def get_prefs(self, team_id: str, user_id: str) -> dict[str, Any]:
        """One student's preferences (a fresh dict; empty when none were set)."""
        with self._lock:
            self._check_open()
            doc_id = self._prefs_ids.get((team_id, user_id))
            return dict(self._prefs[doc_id]["values"]) if doc_id is not None else {}

    def all_prefs(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every student's preferences, by (team_id, user_id) (moving the file to another store)."""
        with self._lock:
            self._check_open()
            return {(d["team_id"], d["user_id"]): dict(d["values"]) for d in self._prefs.values()}

    def set_prefs(self, team_id: str, user_id: str, **values: Any) -> dict[str, Any]:
        """Merge ``values`` into a student's preferences durably (``None`` unsets one);
        returns the preferences now stored. ``delete_user`` removes them."""
        changes = check_pref_values(values)
        with self._lock:
            self._check_open()
            doc_id = self._prefs_ids.get((team_id, user_id))
            merged = dict(self._prefs[doc_id]["values"]) if doc_id is not None else {}
            merged.update(changes)
            merged = {k: v for k, v in merged.items() if v is not None}
            if not merged:
                if doc_id is not None:
                    self._commit([{"op": "del", "ids": [], "prefs": [doc_id]}])
                return {}
            if doc_id is None:
                doc_id = str(self._next_prefs_id)
                self._next_prefs_id += 1
            doc = {"team_id": team_id, "user_id": user_id, "values": merged}
            self._commit([{"op": "prefs", "doc_id": doc_id, "doc": doc}])
            return dict(merged)

    def purge_older_than(self, cutoff: datetime) -> int:
        """Records created before ``cutoff``, and then the preferences of every student left without a
        record (a deletion time after ``cutoff`` stays: see ``retained_prefs``), in one durable write."""
        with self._lock:
            self._check_open()
            pos = bisect_left(self._order, (as_utc(cutoff), ""), key=_order_key)
            ids = [doc["id"] for doc in self._order[:pos]]
            gone = set(ids)

            def has_records(team_id: str, user_id: str) -> bool:
                return any(
                    rid not in gone and self._docs[self._doc_ids[rid]]["team_id"] == team_id
                    for rid in self._by_user.get(user_id, ())
                )

            drop: list[str] = []
            ops: list[dict[str, Any]] = []
            for doc_id, doc in self._prefs.items():
                if has_records(doc["team_id"], doc["user_id"]):
                    continue
                kept = retained_prefs(doc["values"], cutoff)
                if not kept:
                    drop.append(doc_id)
                elif kept != doc["values"]:
                    ops.append({"op": "prefs", "doc_id": doc_id, "doc": {**doc, "values": kept}})
            if ids or drop:
                ops.insert(0, {"op": "del", "ids": ids, "prefs": drop})
            stale = {
                name: None
                for name, done_at in self._meta.items()
                if name.startswith(ONCE) and done_at < as_utc(cutoff).timestamp()
            }
            if stale:
                ops.append({"op": "meta", "doc": stale})
            self._commit(ops)
            return len(ids)

    # --- reads --------------------------------------------------------------------------

    def get(self, record_id: str) -> DecisionRecord | None:
        with self._lock:
            self._check_open()
            doc_id = self._doc_ids.get(record_id)
            doc = None if doc_id is None else self._table.get(doc_id=int(doc_id))
        return None if doc is None else to_record(doc)

    def _select(
        self,
        team_id: str | None,
        user_id: str | None,
        since: datetime | None,
        limit: int | None,
        newest_first: bool,
    ) -> list[dict[str, Any]]:
        if limit is not None and limit < 0:
            raise ValueError("limit must be >= 0")
        since = None if since is None else as_utc(since)
        with self._lock:
            self._check_open()
            if user_id is not None:  # one student's history: use the user index
                docs, doc_ids = self._docs, self._doc_ids
                out = sorted(
                    (
                        doc
                        for doc in (docs[doc_ids[rid]] for rid in self._by_user.get(user_id, ()))
                        if (team_id is None or doc["team_id"] == team_id)
                        and (since is None or doc["created_at"] >= since)
                    ),
                    key=_order_key,
                    reverse=newest_first,
                )
            else:
                order = self._order
                start = 0 if since is None else bisect_left(order, (since, ""), key=_order_key)
                if team_id is None and limit is not None:  # take only what is needed
                    if newest_first:
                        start = max(start, len(order) - limit)
                    else:
                        return order[start : start + limit]
                out = order[start:]
                if newest_first:
                    out.reverse()
                if team_id is not None:
                    out = [doc for doc in out if doc["team_id"] == team_id]
        return out if limit is None else list(islice(out, limit))

    def list(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[DecisionRecord]:
        docs = self._select(team_id, user_id, since, limit, newest_first)
        return [to_record(doc) for doc in docs]

    def iter_records(
        self,
        *,
        team_id: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> Iterator[DecisionRecord]:
        docs = self._select(team_id, user_id, since, limit, newest_first)
        return (to_record(doc) for doc in docs)

    def _due(self, now: datetime) -> builtins.list[DecisionRecord]:
        now = as_utc(now)
        with self._lock:
            self._check_open()
            docs = [
                doc
                for doc in (self._docs[self._doc_ids[rid]] for rid in self._pending)
                if _is_due(doc["followup"], now)
            ]
        docs.sort(key=lambda d: (d["followup"]["remind_at"], d["id"]))
        return [to_record(doc) for doc in docs]

    def claim_due_reminders(
        self, now: datetime, *, lease: timedelta = timedelta(minutes=2), limit: int = 500
    ) -> builtins.list[DecisionRecord]:
        """Due reminders not leased to an earlier pass, leased to this one until ``now + lease``.

        One process owns this store, so the lease only keeps overlapping passes apart; it lives
        in memory (a restart forgets it, which is what a fresh pass wants). Any write to a record
        ends its lease (the pass is done with it)."""
        now = as_utc(now)
        with self._lock:
            self._check_open()
            free = [r for r in self._due(now) if self._leases.get(r.id, now) <= now][:limit]
            for r in free:
                self._leases[r.id] = now + lease
        return free

    def counts(self, *, team_id: str | None, since: datetime | None, step: str) -> Counts:
        """Counted from the stored documents (see ``count_key``)."""
        docs = self._select(team_id, None, since, None, False)
        return Counts(
            checks=Counter(count_key(doc, step) for doc in docs),
            weeks=Counter(week_of(doc["created_at"]) for doc in docs),
            students=len({(doc["team_id"], doc["user_id"]) for doc in docs}),
            red_flags=Counter(flag for doc in docs for flag in doc["signals"].get("red_flags", ())),
        )

    def count(self) -> int:
        with self._lock:
            return len(self._doc_ids)

    # --- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closed = True

    def __enter__(self) -> MemoryDecisionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} records={len(self._doc_ids)}>"
