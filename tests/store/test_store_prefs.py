"""Student preferences (get_prefs/set_prefs) and the follow-up compare-and-set, as a contract run
against both stores, plus the file store's durability: snapshot table, journal replay, torn tail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from bot.store import Followup, TinyDBDecisionStore, open_store

T0 = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)


def journal(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def _kill_without_close(store: TinyDBDecisionStore) -> None:
    """Simulate a crash: drop the lock and fds without compacting."""
    store._release()  # noqa: SLF001


# -- contract: both stores -------------------------------------------------------------------------
def test_prefs_are_empty_by_default_and_merge(store):
    assert store.get_prefs("T1", "U1") == {}
    assert store.set_prefs("T1", "U1", reminders=False) == {"reminders": False}
    assert store.set_prefs("T1", "U1", tone="short") == {"reminders": False, "tone": "short"}
    assert store.get_prefs("T1", "U1") == {"reminders": False, "tone": "short"}
    assert store.get_prefs("T1", "U2") == {} and store.get_prefs("T2", "U1") == {}


def test_none_unsets_a_pref_and_an_empty_set_leaves_nothing(store):
    store.set_prefs("T1", "U1", reminders=False, tone="short")
    assert store.set_prefs("T1", "U1", tone=None) == {"reminders": False}
    assert store.set_prefs("T1", "U1", reminders=None) == {}
    assert store.get_prefs("T1", "U1") == {}


def test_prefs_handed_out_are_copies(store):
    store.set_prefs("T1", "U1", reminders=False)
    got = store.get_prefs("T1", "U1")
    got["reminders"] = True
    assert store.get_prefs("T1", "U1") == {"reminders": False}


def test_prefs_survive_reopen(opener):
    store = opener.open()
    store.set_prefs("T1", "U1", reminders=False)
    store.set_prefs("T1", "U2", reminders=True)
    store.set_prefs("T1", "U2", reminders=False)
    store = opener.reopen(store)
    assert store.get_prefs("T1", "U1") == {"reminders": False}
    assert store.get_prefs("T1", "U2") == {"reminders": False}


def test_delete_user_deletes_prefs_too(opener, record_factory):
    store = opener.open()
    store.upsert(record_factory("a", user="U1"))
    store.upsert(record_factory("b", user="U2"))
    store.set_prefs("T1", "U1", reminders=False)
    store.set_prefs("T1", "U2", reminders=False)
    store.set_prefs("T2", "U1", reminders=False)  # same user id, other workspace: untouched
    assert store.delete_user("T1", "U1") == 1
    store = opener.reopen(store)
    assert store.get_prefs("T1", "U1") == {}
    assert store.get_prefs("T1", "U2") == {"reminders": False}
    assert store.get_prefs("T2", "U1") == {"reminders": False}
    assert [r.id for r in store.list()] == ["b"]


def test_delete_user_without_records_still_deletes_prefs(opener):
    store = opener.open()
    store.set_prefs("T1", "U9", reminders=False)
    assert store.delete_user("T1", "U9") == 0
    store = opener.reopen(store)
    assert store.get_prefs("T1", "U9") == {}


@pytest.mark.parametrize(
    "values", [{"reminders": {"nested": 1}}, {"x" * 41: True}, {"note": "y" * 201}, {"tags": ["a"]}]
)
def test_invalid_pref_values_are_refused(store, values):
    with pytest.raises(ValueError):
        store.set_prefs("T1", "U1", **values)
    assert store.get_prefs("T1", "U1") == {}


def test_update_followup_is_a_compare_and_set(opener, record_factory):
    store = opener.open()
    due = T0 + timedelta(days=3)
    store.upsert(record_factory("r", followup=Followup(remind_at=due)))
    claimed = store.update_followup(
        "r", expect={"remind_at": due, "reminder_sent_at": None}, reminder_sent_at=due
    )
    assert claimed is not None and claimed.followup.reminder_sent_at == due
    # a second claimer expecting it unsent loses
    assert store.update_followup("r", expect={"reminder_sent_at": None}, reminder_sent_at=due) is None
    assert store.update_followup("missing", reminder_sent_at=due) is None
    assert (
        store.update_followup(
            "r", expect={"reminder_sent_at": due}, reminder_sent_at=None, snoozes=1
        ).followup.snoozes
        == 1
    )
    store = opener.reopen(store)
    fu = store.get("r").followup
    assert fu.remind_at == due and fu.reminder_sent_at is None and fu.snoozes == 1
    with pytest.raises(TypeError):
        store.update_followup("r", bogus=1)
    with pytest.raises(TypeError):
        store.update_followup("r", expect={"bogus": 1}, snoozes=2)


# -- the file store ------------------------------------------------------------------------------
def test_prefs_are_a_tinydb_table_in_the_snapshot(tmp_path, record_factory):
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.upsert(record_factory("a"))
        store.set_prefs("T1", "U1", reminders=False)
    db = TinyDB(path)
    assert [d["id"] for d in db.table("decisions").all()] == ["a"]
    assert db.table("prefs").all() == [{"team_id": "T1", "user_id": "U1", "values": {"reminders": False}}]
    db.close()
    with open_store(path) as store:  # and the streaming loader reads both tables back
        assert store.get_prefs("T1", "U1") == {"reminders": False} and store.count() == 1


def test_prefs_without_any_record_round_trip(tmp_path):
    path = tmp_path / "db.json"
    with open_store(path) as store:
        store.set_prefs("T1", "U1", reminders=False)
    with open_store(path) as store:
        assert store.get_prefs("T1", "U1") == {"reminders": False} and store.count() == 0


def test_prefs_survive_a_crash_through_the_journal(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = open_store(path)
    store.upsert(record_factory("a"))
    store.set_prefs("T1", "U1", reminders=False)
    _kill_without_close(store)
    assert b'"op":"prefs"' in journal(path).read_bytes()
    store = open_store(path)
    assert store.get_prefs("T1", "U1") == {"reminders": False}
    store.delete_user("T1", "U1")
    _kill_without_close(store)
    with open_store(path) as store:
        assert store.get_prefs("T1", "U1") == {} and store.count() == 0


def test_torn_prefs_write_is_ignored(tmp_path):
    path = tmp_path / "db.json"
    store = open_store(path)
    store.set_prefs("T1", "U1", reminders=False)
    store.set_prefs("T1", "U2", reminders=False)
    _kill_without_close(store)
    data = journal(path).read_bytes()
    journal(path).write_bytes(data[: len(data) - 10])  # the second write was never confirmed
    with open_store(path) as store:
        assert store.get_prefs("T1", "U1") == {"reminders": False}
        assert store.get_prefs("T1", "U2") == {}


def test_compaction_keeps_prefs(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = TinyDBDecisionStore(path, compact_min_lines=3)
    store.set_prefs("T1", "U1", reminders=False)
    for i in range(10):
        store.upsert(record_factory(f"r{i}"))
    assert len(journal(path).read_bytes().splitlines()) <= 11
    _kill_without_close(store)
    with open_store(path) as store:
        assert store.get_prefs("T1", "U1") == {"reminders": False} and store.count() == 10
