"""Issue 10 item 2: `python -m bot serve` on a blank or missing snapshot refuses to start, says which
file and what to do, and leaves every file as it found it (no silent "empty database")."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import T0, make_record

from bot.store import StoreCorruptError, open_store

REPO = Path(__file__).resolve().parents[2]


def journal(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, timeout: float = 60.0) -> subprocess.CompletedProcess:
    """The real `python -m bot serve` (HTTP mode) on `db`; a bot that starts anyway is killed and fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_"))}
    env.update(
        PYTHONPATH=str(REPO),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="secret",
        SLACK_API_URL="http://127.0.0.1:9/api/",
        PORT=str(free_port()),
        INVITE_CHECK_DB_PATH=str(db),
    )
    try:
        return subprocess.run(
            [sys.executable, "-m", "bot", "serve"],
            capture_output=True,
            text=True,
            cwd=db.parent,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the bot started on {db} instead of refusing")


def files(db: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.exists() else None) for p in (db, journal(db))}


def crash(store) -> None:
    store._release()  # noqa: SLF001 - drop lock and fds without compacting, like kill -9


def make_db(db: Path, compacted: int, in_journal: int = 0) -> None:
    with open_store(db) as store:
        store.upsert_many(make_record(f"r{i}", at=T0 + timedelta(minutes=i)) for i in range(compacted))
    if in_journal:
        store = open_store(db)
        for i in range(in_journal):
            store.upsert(make_record(f"j{i}", at=T0 + timedelta(hours=1, minutes=i)))
        crash(store)


@pytest.mark.parametrize("blank", [b"", b"  \n\n \t\n"])
def test_a_blank_snapshot_refuses_to_start_and_names_the_file(tmp_path, blank):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=12)
    db.write_bytes(blank)  # e.g. a restore that copied an empty file, or a full disk outside the bot
    before = files(db)
    out = serve(db)
    assert out.returncode == 2, out.stderr
    assert str(db) in out.stderr and "empty" in out.stderr and "backup" in out.stderr
    assert "Traceback" not in out.stderr
    assert files(db) == before  # nothing rewritten: the operator still has everything there was


def test_a_missing_snapshot_beside_a_journal_refuses_to_start(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=12, in_journal=3)
    db.unlink()  # 12 records in the snapshot, 3 more in the journal: opening on the journal alone keeps 3
    before = files(db)
    out = serve(db)
    assert out.returncode == 2, out.stderr
    assert str(db) in out.stderr and "missing" in out.stderr and str(journal(db)) in out.stderr
    assert "Traceback" not in out.stderr
    assert files(db) == before and not db.exists()


def test_a_missing_snapshot_beside_an_empty_journal_is_refused_too(tmp_path):
    """After a clean stop the journal is empty and the snapshot holds everything: losing the snapshot
    is losing the database, not a fresh start."""
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=5)
    assert journal(db).read_bytes() == b""
    db.unlink()
    with pytest.raises(StoreCorruptError, match="missing"):
        open_store(db)
    assert not db.exists()


def test_a_new_database_still_starts_empty_and_has_a_snapshot_before_any_journal(tmp_path):
    db = tmp_path / "new" / "invite-check.json"
    with open_store(db) as store:
        assert store.count() == 0
    assert db.exists() and journal(db).exists()
    with open_store(db) as store:  # and reopens
        assert store.count() == 0


# -- Issue 10 item 3: a damaged journal keeps what can be kept, and never loses the evidence ------------


def bot_cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_"))}
    env.update(PYTHONPATH=str(REPO), INVITE_CHECK_DB_PATH=str(db))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=db.parent,
        env=env,
        timeout=60,
    )


def damage_line(db: Path, number: int) -> bytes:
    """Flip one byte in the middle of journal line `number` (1-based); returns the damaged journal."""
    lines = journal(db).read_bytes().splitlines(keepends=True)
    line = bytearray(lines[number - 1])
    at = line.index(b'"doc":') + 2
    line[at] = ord("#")  # "doc" -> "#oc": valid bytes, no longer a journal entry
    lines[number - 1] = bytes(line)
    journal(db).write_bytes(b"".join(lines))
    return journal(db).read_bytes()


def damaged_copies(db: Path) -> list[Path]:
    return sorted(db.parent.glob(db.name + ".journal.damaged-*"))


def test_one_damaged_byte_mid_journal_refuses_and_repair_keeps_every_readable_entry(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=10, in_journal=5)
    damaged = damage_line(db, 3)  # j2's line
    before = files(db)

    out = serve(db)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "line 3 is damaged" in out.stderr and "python -m bot store repair" in out.stderr
    assert "Move the journal aside" not in out.stderr
    assert files(db) == before

    report = bot_cli("store", "check", db=db)
    assert report.returncode == 1, report.stderr
    assert (
        "line 3" in report.stdout
        and "j2" in report.stdout
        and "Records after replaying the journal: 14" in (report.stdout)
    )
    assert files(db) == before  # check changes nothing

    fixed = bot_cli("store", "repair", db=db)
    assert fixed.returncode == 0, fixed.stderr
    assert "14 record(s) kept" in fixed.stdout
    [copy] = damaged_copies(db)
    assert copy.read_bytes() == damaged and str(copy) in fixed.stdout
    with open_store(db) as store:
        assert sorted(r.id for r in store.list()) == sorted(
            [f"r{i}" for i in range(10)] + ["j0", "j1", "j3", "j4"]
        )
    assert bot_cli("store", "check", db=db).returncode == 0


def test_a_damaged_last_complete_line_is_not_dropped_and_truncated_at_start(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=10, in_journal=3)
    damaged = damage_line(db, 3)  # a confirmed, fsynced decision: not a crash artefact
    before = files(db)
    out = serve(db)
    assert out.returncode == 2 and "line 3 is damaged" in out.stderr
    assert files(db) == before  # the journal was not truncated: the entry can still be recovered by hand
    assert bot_cli("store", "repair", db=db).returncode == 0
    [copy] = damaged_copies(db)
    assert copy.read_bytes() == damaged
    with open_store(db) as store:
        assert store.count() == 12


def test_power_loss_zeros_on_the_last_line_still_open_and_the_journal_is_kept(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=4, in_journal=2)
    with journal(db).open("ab") as fh:
        fh.write(b"\0" * 40 + b"\n")  # an unsynced append that power loss turned into zeros
    kept = journal(db).read_bytes()
    with open_store(db) as store:
        assert store.count() == 6
    [copy] = damaged_copies(db)
    assert copy.read_bytes() == kept  # compaction emptied the journal, but only after keeping it


def test_store_check_reads_a_running_bots_files_without_the_lock(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=3)
    with open_store(db) as running:
        running.upsert(make_record("live", at=T0 + timedelta(days=1)))  # still only in the journal
        before = files(db)
        report = bot_cli("store", "check", db=db)
        assert report.returncode == 0, report.stdout + report.stderr
        assert "Records after replaying the journal: 4" in report.stdout and "OK" in report.stdout
        assert files(db) == before


# -- Issue 10 item 13: export and summary read a running or backed-up store, changing nothing ----------


def test_export_and_summary_read_a_running_bots_store_without_touching_it(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=4)
    with open_store(db) as running:  # the bot: holds the lock, one decision only in the journal so far
        running.upsert(make_record("live", at=T0 + timedelta(days=1)))
        before = files(db)
        out_csv = tmp_path / "out.csv"
        export = bot_cli("export", "--csv", str(out_csv), db=db)
        assert export.returncode == 0, export.stderr
        assert "Wrote 5 record(s)" in export.stdout and "live" in out_csv.read_text()
        summary = bot_cli("summary", "--days", "0", db=db)
        assert summary.returncode == 0, summary.stderr
        assert "Checks: 5" in summary.stdout
        assert files(db) == before  # the journal was not folded into the snapshot behind the bot's back
        running.upsert(make_record("after", at=T0 + timedelta(days=2)))  # and the bot carries on
    with open_store(db) as store:
        assert store.count() == 6


def test_export_of_a_backup_copy_writes_nothing_beside_it(tmp_path):
    source = tmp_path / "live" / "invite-check.json"
    make_db(source, compacted=3, in_journal=2)  # a copy taken while running: changes still in the journal
    backup = tmp_path / "backup"
    backup.mkdir()
    for f in (source, journal(source)):
        (backup / f.name).write_bytes(f.read_bytes())
    db = backup / source.name
    before = sorted(p.name for p in backup.iterdir())
    snapshot = files(db)
    export = bot_cli("export", "--csv", str(tmp_path / "out.csv"), db=db)
    assert export.returncode == 0, export.stderr
    assert "Wrote 5 record(s)" in export.stdout
    assert sorted(p.name for p in backup.iterdir()) == before  # no lock file, no temp file
    assert files(db) == snapshot


def test_repair_rebuilds_from_the_journal_alone_when_there_is_no_backup(tmp_path):
    db = tmp_path / "invite-check.json"
    make_db(db, compacted=4, in_journal=3)
    db.unlink()
    kept = journal(db).read_bytes()
    fixed = bot_cli("store", "repair", db=db)
    assert fixed.returncode == 0, fixed.stderr
    assert "3 record(s) kept" in fixed.stdout
    [copy] = damaged_copies(db)
    assert copy.read_bytes() == kept
    with open_store(db) as store:
        assert sorted(r.id for r in store.list()) == ["j0", "j1", "j2"]
