"""The DecisionStore contract, run against the memory and the TinyDB implementations."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from bot.store import (
    DecisionRecord,
    DecisionStore,
    Followup,
    MemoryDecisionStore,
    StoreClosedError,
    TinyDBDecisionStore,
    open_read_only,
)
from bot.store.base import WorkspaceStore
from bot.store.documents import to_doc, to_record
from bot.store.postgres import PostgresDecisionStore

T0 = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)


def ids(records: list[DecisionRecord]) -> list[str]:
    return [r.id for r in records]


def _declared(protocol: type) -> dict[str, inspect.Signature]:
    """The methods a Protocol declares, by name, with their signatures."""
    return {
        name: inspect.signature(member)
        for name, member in vars(protocol).items()
        if inspect.isfunction(member) and (not name.startswith("_") or name in ("__enter__", "__exit__"))
    }


def _shape(signature: inspect.Signature) -> list[tuple[str, inspect._ParameterKind, bool]]:
    """What a caller relies on: each parameter's name, how it is passed, and whether it may be left out."""
    return [(p.name, p.kind, p.default is not p.empty) for p in signature.parameters.values()]


@pytest.mark.parametrize(
    ("implementation", "protocol"),
    [
        (MemoryDecisionStore, DecisionStore),
        (TinyDBDecisionStore, DecisionStore),
        (PostgresDecisionStore, DecisionStore),
        (PostgresDecisionStore, WorkspaceStore),
    ],
)
def test_every_declared_method_is_implemented_with_its_signature(implementation, protocol):
    declared = _declared(protocol)
    assert declared
    for name, signature in declared.items():
        method = getattr(implementation, name, None)
        assert callable(method), f"{implementation.__name__} lacks {name}"
        assert _shape(inspect.signature(method)) == _shape(signature), f"{implementation.__name__}.{name}"


def test_upsert_then_get_round_trips(store, record_factory):
    record = record_factory(requester_name="Jordan", invite_text="Hi <there> & welcome")
    stored = store.upsert(record)
    assert stored.model_dump(exclude={"updated_at"}) == record.model_dump(exclude={"updated_at"})
    assert store.get("wt-1") == stored
    assert store.get("missing") is None


def test_upsert_is_idempotent_by_id(opener, record_factory):
    store = opener.open()
    store.upsert(record_factory(decision=None))
    store.upsert(record_factory(decision="accepted"))
    store.upsert(record_factory(decision="accepted"))
    assert store.count() == 1
    store = opener.reopen(store)
    assert store.count() == 1
    assert store.get("wt-1").decision == "accepted"


def test_upsert_sets_updated_at(store, record_factory):
    before = datetime.now(UTC)
    stored = store.upsert(record_factory())
    assert stored.updated_at >= before
    assert store.get("wt-1").updated_at == stored.updated_at
    assert stored.created_at == T0


def test_records_handed_out_are_copies(store, record_factory):
    record = record_factory()
    store.upsert(record)
    record.answers["note"] = "changed"
    got = store.get("wt-1")
    got.answers["extra"] = "x"
    got.signals.red_flags.append("x")
    got.followup.snoozes = 9
    got.decision = "ignored"
    listed = store.list()[0]
    listed.signals.red_flags.clear()
    again = store.get("wt-1")
    assert again.answers == {"know_them": "no", "note": "generic"}
    assert again.signals.red_flags == ["urgency"]
    assert again.followup.snoozes == 0
    assert again.decision is None


def test_upsert_revalidates_mutated_records(store, record_factory):
    record = record_factory()
    record.created_at = "not a date"  # attribute assignment is not validated by pydantic
    with pytest.raises(ValidationError):
        store.upsert(record)
    assert store.count() == 0


def test_datetimes_are_normalised_to_utc(store, record_factory):
    plus_two = timezone(timedelta(hours=2))
    store.upsert(record_factory("a", at=datetime(2025, 3, 3, 17, 0, tzinfo=plus_two)))
    store.upsert(record_factory("b", at=datetime(2025, 3, 3, 15, 0)))  # naive: taken as UTC
    a, b = store.get("a"), store.get("b")
    assert a.created_at == b.created_at == T0
    assert a.created_at.tzinfo == UTC and b.created_at.tzinfo == UTC


def test_update_changes_fields_and_persists(opener, record_factory):
    store = opener.open()
    first = store.upsert(record_factory())
    remind = T0 + timedelta(days=3)
    updated = store.update(
        "wt-1", decision="replied_first", decided_at=T0, followup=Followup(remind_at=remind)
    )
    assert updated.decision == "replied_first"
    assert updated.followup.remind_at == remind
    assert updated.updated_at >= first.updated_at
    assert updated.answers == first.answers
    store = opener.reopen(store)
    assert store.get("wt-1") == updated
    assert (
        store.update("wt-1", followup={"outcome": "explained", "outcome_at": T0}).followup.outcome
        == "explained"
    )


def test_update_rejects_bad_input(store, record_factory):
    store.upsert(record_factory())
    assert store.update("missing", decision="accepted") is None
    with pytest.raises(TypeError, match="nonsense"):
        store.update("wt-1", nonsense=1)
    with pytest.raises(ValueError, match="id"):
        store.update("wt-1", id="other")
    with pytest.raises(ValidationError):
        store.update("wt-1", decided_at="yesterday-ish")
    assert store.get("wt-1").decided_at is None


def test_list_orders_filters_and_limits(store, record_factory):
    store.upsert(record_factory("c", at=T0 + timedelta(hours=2), user="U2"))
    store.upsert(record_factory("a", at=T0))
    store.upsert(record_factory("b2", at=T0 + timedelta(hours=1)))
    store.upsert(record_factory("b1", at=T0 + timedelta(hours=1)))  # same instant: ordered by id
    store.upsert(record_factory("x", at=T0 + timedelta(hours=3), team="T2"))
    assert ids(store.list()) == ["x", "c", "b2", "b1", "a"]
    assert ids(store.list(newest_first=False)) == ["a", "b1", "b2", "c", "x"]
    assert ids(store.list(team_id="T1")) == ["c", "b2", "b1", "a"]
    assert ids(store.list(team_id="T1", limit=2)) == ["c", "b2"]
    assert ids(store.list(limit=2, newest_first=False)) == ["a", "b1"]
    assert ids(store.list(limit=2)) == ["x", "c"]
    assert ids(store.list(since=T0 + timedelta(hours=1))) == ["x", "c", "b2", "b1"]  # inclusive
    assert ids(store.list(since=T0 + timedelta(hours=1), newest_first=False, limit=1)) == ["b1"]
    assert ids(store.list(user_id="U1")) == ["x", "b2", "b1", "a"]
    assert ids(store.list(team_id="T1", user_id="U1", newest_first=False)) == ["a", "b1", "b2"]
    assert ids(store.list(user_id="U1", since=T0 + timedelta(minutes=1), limit=1)) == ["x"]
    assert store.list(user_id="nobody") == []
    assert store.list(limit=0) == []
    with pytest.raises(ValueError):
        store.list(limit=-1)
    assert ids(store.iter_records(team_id="T1", since=T0 + timedelta(hours=1))) == ["c", "b2", "b1"]


def test_list_keeps_order_when_created_at_changes(store, record_factory):
    store.upsert(record_factory("a", at=T0))
    store.upsert(record_factory("b", at=T0 + timedelta(hours=1)))
    store.update("a", created_at=T0 + timedelta(hours=2))
    assert ids(store.list()) == ["a", "b"]
    store.upsert(record_factory("b", at=T0 + timedelta(hours=3)))
    assert ids(store.list()) == ["b", "a"]


def test_delete_user_removes_only_that_student(opener, record_factory):
    store = opener.open()
    for i in range(5):
        store.upsert(record_factory(f"u1-{i}", at=T0 + timedelta(minutes=i)))
    store.upsert(record_factory("u2", user="U2"))
    store.upsert(record_factory("other-team", team="T2"))  # same user id, another workspace
    assert store.delete_user("T1", "U1") == 5
    assert store.delete_user("T1", "U1") == 0
    assert sorted(ids(store.list())) == ["other-team", "u2"]
    store = opener.reopen(store)
    assert sorted(ids(store.list())) == ["other-team", "u2"]
    assert store.list(user_id="U1", team_id="T1") == []


def test_delete(opener, record_factory):
    store = opener.open()
    store.upsert(record_factory("a"))
    store.upsert(record_factory("b"))
    assert store.delete("a") is True
    assert store.delete("a") is False
    store = opener.reopen(store)
    assert ids(store.list()) == ["b"]
    store.upsert(record_factory("a"))  # an id can come back after deletion
    store = opener.reopen(store)
    assert sorted(ids(store.list())) == ["a", "b"]


def test_purge_older_than_is_strict_and_by_created_at(opener, record_factory):
    store = opener.open()
    for i in range(40):  # enough to take the bulk-delete path
        store.upsert(record_factory(f"old-{i:02d}", at=T0 - timedelta(days=400 + i)))
    store.upsert(record_factory("edge", at=T0))
    store.upsert(record_factory("new", at=T0 + timedelta(days=1)))
    store.upsert(record_factory("one-more-old", at=T0 - timedelta(seconds=1)))
    assert store.purge_older_than(T0) == 41
    assert store.purge_older_than(T0) == 0
    store = opener.reopen(store)
    assert ids(store.list()) == ["new", "edge"]
    assert store.count() == 2


def test_purge_takes_the_preferences_of_students_left_without_records(opener, record_factory):
    """Retention goes for a student's preferences too once none of their records is left; only a
    deletion time after the cutoff stays (a checklist started before it must not store itself)."""
    store = opener.open()
    cutoff = T0 - timedelta(days=365)
    store.upsert(record_factory("gone", at=cutoff - timedelta(days=1), user="U1"))
    store.upsert(record_factory("kept", at=cutoff + timedelta(days=1), user="U2"))
    store.upsert(record_factory("other-team", at=cutoff + timedelta(days=1), user="U1", team="T2"))
    store.set_prefs("T1", "U1", reminders=False, field="nursing")  # record purged: all of it goes
    store.set_prefs("T2", "U1", reminders=False)  # same user, a workspace where a record stays
    store.set_prefs("T1", "U2", reminders=False)  # has a record left
    store.set_prefs("T1", "U3", field="law", deleted_at=int((cutoff + timedelta(days=2)).timestamp()))
    store.set_prefs("T1", "U4", deleted_at=int((cutoff - timedelta(days=2)).timestamp()))
    assert store.purge_older_than(cutoff) == 1
    store = opener.reopen(store)
    assert store.get_prefs("T1", "U1") == {}
    assert store.get_prefs("T2", "U1") == {"reminders": False}
    assert store.get_prefs("T1", "U2") == {"reminders": False}
    assert store.get_prefs("T1", "U3") == {"deleted_at": int((cutoff + timedelta(days=2)).timestamp())}
    assert store.get_prefs("T1", "U4") == {}


def test_the_pseudonym_key_is_random_made_once_and_kept_with_the_data(opener):
    store = opener.open()
    key = store.pseudonym_key()
    assert len(key) == 64 and int(key, 16) and store.pseudonym_key() == key
    if opener.kind == "memory":
        assert MemoryDecisionStore().pseudonym_key() != key  # another store, another key
        return
    store = opener.reopen(store)
    assert store.pseudonym_key() == key  # the same key after a restart, and in another process:
    other = opener.open() if opener.kind == "postgres" else open_read_only(opener.path)
    assert other.pseudonym_key() == key


def due(store, now: datetime) -> list[DecisionRecord]:
    """The due reminders as a reminder pass is handed them, leased for no time (the next look sees them too)."""
    return store.claim_due_reminders(now, lease=timedelta(0))


def test_due_reminders(store, record_factory):
    now = T0 + timedelta(days=3)
    store.upsert(record_factory("due-late", followup=Followup(remind_at=now - timedelta(hours=1))))
    store.upsert(record_factory("due-now", followup=Followup(remind_at=now)))
    store.upsert(record_factory("future", followup=Followup(remind_at=now + timedelta(seconds=1))))
    store.upsert(record_factory("sent", followup=Followup(remind_at=now, reminder_sent_at=now)))
    store.upsert(record_factory("answered", followup=Followup(remind_at=now, outcome="explained")))
    store.upsert(record_factory("no-reminder"))
    assert ids(due(store, now)) == ["due-late", "due-now"]
    store.update("due-late", followup=Followup(remind_at=now - timedelta(hours=1), reminder_sent_at=now))
    assert ids(due(store, now)) == ["due-now"]


def test_due_reminders_index_follows_every_kind_of_change(opener, record_factory):
    """Regression: the memory store reads an index of pending reminders, not a scan; it must stay exact."""
    now = T0 + timedelta(days=3)
    store = opener.open()
    store.upsert(record_factory("a", followup=Followup(remind_at=now)))
    store.upsert(record_factory("b", followup=Followup(remind_at=now)))
    store.upsert(record_factory("c"))
    store.update("c", followup=Followup(remind_at=now))  # scheduled later
    store.update("a", followup=Followup(remind_at=now, outcome="no_reply"))  # answered
    store.upsert(record_factory("b"))  # replaced without a reminder (cancelled)
    store.upsert(record_factory("d", user="U9", followup=Followup(remind_at=now)))
    store.upsert(record_factory("e", followup=Followup(remind_at=now)))
    assert store.delete_user("T1", "U9") == 1 and store.delete("e")
    assert ids(due(store, now)) == ["c"]
    store = opener.reopen(store)
    assert ids(due(store, now)) == ["c"]
    store.purge_older_than(now + timedelta(days=400))
    assert due(store, now) == []
    store.close()


def test_count_close_and_context_manager(opener, record_factory):
    with opener.open() as store:
        store.upsert(record_factory("a"))
        assert store.count() == 1
    with pytest.raises(StoreClosedError):
        store.upsert(record_factory("b"))
    with pytest.raises(StoreClosedError):
        store.list()
    store.close()  # closing twice is harmless


def test_upsert_many(opener, record_factory):
    store = opener.open()
    stored = store.upsert_many(
        [record_factory("a"), record_factory("b"), record_factory("a", decision="later")]
    )
    assert len(stored) == 3
    store = opener.reopen(store)
    assert store.count() == 2
    assert store.get("a").decision == "later"


@pytest.mark.parametrize("variant", range(7))
def test_fast_read_path_matches_validation(variant, record_factory):
    """to_record skips validation for speed; it must build exactly what validation builds."""
    at = T0 + timedelta(microseconds=variant * 123457)
    options = [
        {},
        {"decision": "accepted", "decided_at": at, "source": "terminal"},
        {
            "followup": Followup(
                remind_at=at, reminder_sent_at=at, outcome="no_reply", outcome_at=at, snoozes=2
            )
        },
        {"requester_name": "Ana Ñúñez", "invite_text": "Hi 👋 <!channel> & co"},
        {
            "answers": {},
            "signals": {"intent": "sales", "custom_message": False, "claims_prior_contact": True},
        },
        {"schema_version": 1, "followup": {"snoozes": 1}},
        {
            "signals": {
                "intent": "recruiter",
                "custom_message": True,
                "claims_prior_contact": False,
                "red_flags": ["off_platform"],
                "intent_sure": False,
            },
            "flagged": {
                "sender": "Jane Doe",
                "headline": "HR at X",
                "evidence": ["text me", "+1 555 201 7788"],
            },
        },
    ]
    record = record_factory(f"r{variant}", at=at, **options[variant])
    doc = to_doc(record)
    fast = to_record(doc)
    assert fast == DecisionRecord.model_validate(doc) == record
    assert fast.model_dump() == record.model_dump()
    assert fast.model_dump_json() == record.model_dump_json()
    copied = fast.model_copy(update={"decision": "ignored"})
    assert copied.decision == "ignored" and fast.decision == options[variant].get("decision")
    fast.decision = "later"  # assignment still works on a fast-built record
    assert fast.decision == "later"
