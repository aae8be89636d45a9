"""The TinyDB file: format, schema migration, damage handling, locking, compaction."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tinydb import TinyDB

from bot.store import (
    SCHEMA_VERSION,
    Flagged,
    StoreCorruptError,
    StoreLockedError,
    TinyDBDecisionStore,
    UnsupportedSchemaError,
    migrate,
    open_store,
)

REPO = Path(__file__).resolve().parents[2]
V0 = {
    "id": "legacy-1",
    "ts": 1700000000.5,
    "team_id": "T1",
    "user_id": "U1",
    "answers": {"know_them": "no"},
    "signals": {"intent": "sales", "custom_message": False, "claims_prior_contact": False},
    "recommendation": "ignore",
    "decision": "ignored",
}


def journal(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def test_open_store_creates_parent_dirs_and_a_tinydb_readable_file(tmp_path, record_factory):
    path = tmp_path / "a" / "b" / "invite-check.json"
    with open_store(path) as store:
        store.upsert(record_factory("x"))
        store.upsert(record_factory("y"))
        store.delete("y")
    docs = TinyDB(path).table("decisions").all()
    assert [d["id"] for d in docs] == ["x"]
    assert docs[0]["created_at"] == "2025-03-03T15:00:00.000000+00:00"
    assert journal(path).read_bytes() == b""


def test_a_flagged_checks_matching_details_and_sureness_survive_a_reopen(tmp_path, record_factory):
    path = tmp_path / "invite-check.json"
    flagged = Flagged(sender="Jane Doe", headline="HR at Globex", evidence=["Text me", "+1 (555) 201-7788"])
    record = record_factory("f", flagged=flagged)
    record.signals.intent_sure = False
    with open_store(path) as store:
        store.upsert(record)
        store.upsert(record_factory("old"))  # a record from before: neither field
        store.compact()
    with open_store(path) as store:
        assert store.get("f").flagged == flagged and store.get("f").signals.intent_sure is False
        assert store.get("old").flagged is None and store.get("old").signals.intent_sure is None
    raw = TinyDB(path).table("decisions").all()
    assert "flagged" not in next(d for d in raw if d["id"] == "old")  # nothing stored for a clean check


def test_migrate_v0_to_v1():
    upgraded = migrate(dict(V0))
    assert upgraded["schema_version"] == SCHEMA_VERSION == 1
    assert "ts" not in upgraded
    assert upgraded["created_at"] == upgraded["updated_at"] == upgraded["decided_at"]
    assert datetime.fromisoformat(upgraded["created_at"]) == datetime.fromtimestamp(1700000000.5, UTC)
    assert upgraded["followup"] == {}
    assert migrate(dict(upgraded)) == upgraded  # current records pass through


def test_v0_file_is_upgraded_on_open(tmp_path):
    path = tmp_path / "old.json"
    with TinyDB(path) as db:  # written by plain TinyDB, as an early release would have
        db.table("decisions").insert(dict(V0))
    with open_store(path) as store:
        record = store.get("legacy-1")
        assert record.created_at == datetime.fromtimestamp(1700000000.5, UTC)
        assert record.followup.remind_at is None
    assert TinyDB(path).table("decisions").all()[0]["schema_version"] == 1


def test_future_schema_version_is_refused_clearly(tmp_path):
    with pytest.raises(UnsupportedSchemaError, match="schema_version 99.*upgrade Invite Check"):
        migrate({**V0, "schema_version": 99})
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"decisions": {"1": {**V0, "schema_version": 99}}}))
    with pytest.raises(UnsupportedSchemaError, match="future.json document 1"):
        open_store(path)
    open_store(tmp_path / "other.json").close()  # the failed open released its lock
    with pytest.raises(UnsupportedSchemaError):
        open_store(path)


def test_hand_formatted_tinydb_file_loads(tmp_path, record_factory):
    path = tmp_path / "db.json"
    doc = record_factory("pretty").model_dump(mode="json")
    path.write_text(json.dumps({"decisions": {"7": doc}, "_meta": {}}, indent=2))
    with open_store(path) as store:
        assert store.get("pretty").id == "pretty"
        store.upsert(record_factory("next"))
    assert {d.doc_id for d in TinyDB(path).table("decisions").all()} == {7, 8}


def test_corrupt_snapshot_is_a_clear_error(tmp_path):
    path = tmp_path / "db.json"
    path.write_text('{"decisions": {"1": {"id": "x"')
    with pytest.raises(StoreCorruptError, match="db.json is not valid JSON"):
        open_store(path)
    path.write_text(json.dumps({"decisions": {"1": {"id": "x", "schema_version": 1}}}))
    with pytest.raises(StoreCorruptError, match="not a valid decision record"):
        open_store(path)


def _kill_without_close(store: TinyDBDecisionStore) -> None:
    """Simulate a crash: drop the lock and fds without compacting."""
    store._release()  # noqa: SLF001


def test_torn_journal_tail_is_ignored_and_not_glued_to_the_next_write(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = open_store(path)
    store.upsert(record_factory("a"))
    store.upsert(record_factory("b"))
    _kill_without_close(store)
    data = journal(path).read_bytes()
    journal(path).write_bytes(data[: len(data) - 40])  # cut the last entry mid-line
    store = open_store(path)
    assert [r.id for r in store.list()] == ["a"]
    store.upsert(record_factory("c"))
    _kill_without_close(store)
    with open_store(path) as store:
        assert sorted(r.id for r in store.list()) == ["a", "c"]


def test_damaged_last_line_is_ignored_but_damage_earlier_is_an_error(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = open_store(path)
    store.upsert(record_factory("a"))
    _kill_without_close(store)
    with journal(path).open("ab") as fh:
        fh.write(b"\0" * 30 + b"\n")  # power loss can leave zeros where the last append was
    with open_store(path) as store:
        assert store.count() == 1
    store = open_store(path)
    store.upsert(record_factory("b"))
    _kill_without_close(store)
    lines = journal(path).read_bytes().splitlines(keepends=True)
    journal(path).write_bytes(b"{garbage\n" + b"".join(lines))
    with pytest.raises(StoreCorruptError, match=r"journal line 1 is damaged"):
        open_store(path)


def test_compaction_keeps_the_journal_short(tmp_path, record_factory):
    path = tmp_path / "db.json"
    store = TinyDBDecisionStore(path, compact_min_lines=5)
    for i in range(20):  # the journal may hold max(5, record count) lines before compacting
        store.upsert(record_factory(f"r{i % 3}", decision="later" if i > 16 else None))
    assert len(journal(path).read_bytes().splitlines()) <= 6
    assert len(TinyDB(path).table("decisions").all()) == 3
    _kill_without_close(store)
    with open_store(path) as store:
        assert store.count() == 3
        assert [r.decision for r in store.list()] == ["later"] * 3


def test_stale_temp_files_from_a_crashed_compaction_are_removed(tmp_path, record_factory):
    path = tmp_path / "db.json"
    open_store(path).close()
    stale = tmp_path / ".db.json.12345.tmp"
    stale.write_text('{"decisions":{')
    with open_store(path) as store:
        assert store.count() == 0
    assert not stale.exists()


LOCK_PROBE = textwrap.dedent(
    """
    import sys
    from bot.store import StoreLockedError, open_store
    try:
        open_store(sys.argv[1]).close()
    except StoreLockedError as exc:
        print("LOCKED", exc)
    else:
        print("OPENED")
    """
)


def test_second_process_gets_a_clear_lock_error(tmp_path, record_factory):
    path = tmp_path / "db.json"

    def probe() -> str:
        out = subprocess.run(
            [sys.executable, "-c", LOCK_PROBE, str(path)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    store = open_store(path)
    message = probe()
    assert message.startswith("LOCKED")
    assert str(path) in message and "another Invite Check process" in message
    with pytest.raises(StoreLockedError):  # a second open in the same process is refused too
        open_store(path)
    store.close()
    assert probe() == "OPENED"
