"""The CLI on PostgreSQL: `store migrate --from <file>` copies a TinyDB file record for record, and
`summary` / `export` on DATABASE_URL print what they print on the file (workspaces kept apart)."""

from __future__ import annotations

import random
import shutil
import stat
from datetime import UTC, datetime, timedelta

from test_cli_terminal import run_bot

from bot.store import Followup, open_store
from bot.store.postgres import PostgresDecisionStore
from tests.store.conftest import make_record


def seed_file(path, n: int = 250) -> list:
    rng = random.Random(12)
    now = datetime.now(UTC)
    records = []
    for i in range(n):
        at = now - timedelta(days=rng.randint(0, 80), seconds=rng.randint(0, 86400))
        remind = at + timedelta(days=3) if i % 4 == 0 else None
        records.append(
            make_record(
                f"wt{i:020d}",
                at=at,
                team=rng.choice(["T1", "T2"]),
                user=f"U{rng.randint(1, 30)}",
                decision=rng.choice([None, "accepted", "replied_first", "later"]),
                decided_at=at if i % 2 else None,
                requester_name="Ana Ñúñez" if i % 5 == 0 else None,
                invite_text="=HYPERLINK(x) & <b>" if i % 7 == 0 else None,
                followup=Followup(
                    remind_at=remind,
                    reminder_sent_at=remind if i % 8 == 0 else None,
                    outcome="explained" if i % 16 == 0 else None,
                    snoozes=i % 3,
                ),
            )
        )
    with open_store(path) as store:
        store.upsert_many(records)
        store.set_prefs("T1", "U1", reminders=False)
        store.set_prefs("T2", "U7", reminders=False, note="x")
        return store.list()


def test_store_migrate_copies_a_file_record_for_record(tmp_path, pg_url):
    path = tmp_path / "data" / "invite-check.json"
    path.parent.mkdir()
    records = seed_file(path)
    out = run_bot(["store", "migrate", "--from", str(path)], "", tmp_path, DATABASE_URL=pg_url)
    assert out.returncode == 0, out.stderr
    assert "verified 250 record(s) and 2 student preference set(s)" in out.stdout
    with PostgresDecisionStore(pg_url) as db:
        assert db.list() == records  # every field of every record, updated_at included
        assert db.get_prefs("T2", "U7") == {"reminders": False, "note": "x"}
        assert db.get_prefs("T1", "U1") == {"reminders": False}

    for args in (["summary", "--days", "30"], ["summary", "--days", "0", "--team", "T2"]):
        on_file = run_bot(args, "", tmp_path, INVITE_CHECK_DB_PATH=str(path))
        on_db = run_bot(args, "", tmp_path, DATABASE_URL=pg_url)
        assert on_file.returncode == on_db.returncode == 0, on_db.stderr
        assert on_db.stdout == on_file.stdout and "Checks:" in on_db.stdout
    for team in ([], ["--team", "T1"]):
        run_bot(["export", "--csv", "file.csv", *team], "", tmp_path, INVITE_CHECK_DB_PATH=str(path))
        run_bot(["export", "--csv", "db.csv", *team], "", tmp_path, DATABASE_URL=pg_url)
        file_csv, db_csv = (tmp_path / "file.csv").read_text(), (tmp_path / "db.csv").read_text()
        assert db_csv == file_csv and file_csv.count("\n") > 50
    assert ",T2," not in (tmp_path / "db.csv").read_text()  # --team T1: no other workspace's rows


def test_a_second_migrate_brings_nothing_back(tmp_path, pg_url):
    path = tmp_path / "invite-check.json"
    records = seed_file(path, n=40)
    assert (
        run_bot(["store", "migrate", "--from", str(path)], "", tmp_path, DATABASE_URL=pg_url).returncode == 0
    )
    gone = records[0]
    changed = next(r for r in records if (r.team_id, r.user_id) != (gone.team_id, gone.user_id))
    with PostgresDecisionStore(pg_url) as db:  # meanwhile, on PostgreSQL:
        db.delete_user(gone.team_id, gone.user_id)  # a student deleted their data
        db.update(changed.id, decision="ignored")  # another changed a decision
        before = db.list()
    again = run_bot(["store", "migrate", "--from", str(path)], "", tmp_path, DATABASE_URL=pg_url)
    assert again.returncode == 1 and "Nothing copied" in again.stderr and "Traceback" not in again.stderr
    with PostgresDecisionStore(pg_url) as db:
        assert db.list() == before
        assert db.list(team_id=gone.team_id, user_id=gone.user_id) == []
        assert db.get(changed.id).decision == "ignored"


def test_store_migrate_reads_a_read_only_backup_and_changes_nothing(tmp_path, pg_url):
    """A backup taken while the bot ran (its journal not yet folded in, the last line torn by the copy)."""
    live = tmp_path / "live" / "invite-check.json"
    live.parent.mkdir()
    backup = tmp_path / "backup"
    with open_store(live) as store:
        store.upsert_many(make_record(f"wt{i:020d}", user=f"U{i}") for i in range(5))
        store.upsert_many(make_record(f"wt{i:020d}", user=f"U{i}", decision="accepted") for i in range(5, 8))
        shutil.copytree(live.parent, backup, ignore=shutil.ignore_patterns("*.lock"))
    journal = backup / "invite-check.json.journal"
    assert journal.stat().st_size > 0
    with journal.open("a") as fh:
        fh.write('{"op": "upsert", "id": "wt0000000')  # the copy caught a line half-written
    for item in [*backup.iterdir(), backup]:
        item.chmod(stat.S_IRUSR | stat.S_IXUSR if item.is_dir() else stat.S_IRUSR)
    files = {f.name: f.read_bytes() for f in backup.iterdir()}
    try:
        out = run_bot(
            ["store", "migrate", "--from", str(backup / "invite-check.json")],
            "",
            tmp_path,
            DATABASE_URL=pg_url,
        )
        assert out.returncode == 0, out.stderr
        assert "verified 8 record(s)" in out.stdout
        assert {
            f.name: f.read_bytes() for f in backup.iterdir()
        } == files  # not a byte changed, nothing added
    finally:
        for item in [backup, *backup.iterdir()]:
            item.chmod(stat.S_IRWXU)


def test_store_migrate_explains_what_is_missing(tmp_path, pg_url):
    out = run_bot(
        ["store", "migrate", "--from", str(tmp_path / "nope.json")], "", tmp_path, DATABASE_URL=pg_url
    )
    assert out.returncode == 1 and "no data file at" in out.stderr and "Traceback" not in out.stderr
    out = run_bot(["store", "migrate", "--from", "x.json"], "", tmp_path)
    assert out.returncode == 2 and "DATABASE_URL" in out.stderr
    out = run_bot(["summary"], "", tmp_path, DATABASE_URL="mysql://x")
    assert out.returncode == 2 and "DATABASE_URL" in out.stderr


def test_a_database_from_a_newer_release_is_refused(tmp_path, pg_url):
    import psycopg

    with PostgresDecisionStore(pg_url):
        pass
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO invite_check_schema (version) VALUES (99)")
    out = run_bot(["summary"], "", tmp_path, DATABASE_URL=pg_url)
    assert out.returncode == 2 and "schema version 99" in out.stderr and "Traceback" not in out.stderr


def test_an_unreachable_database_is_named_without_its_password(tmp_path):
    url = "postgresql://invite:s3cret-pw@127.0.0.1:1/campus?connect_timeout=1"
    out = run_bot(
        ["summary"],
        "",
        tmp_path,
        DATABASE_URL=url,
        INVITE_CHECK_DB_POOL_SIZE="1",
        INVITE_CHECK_DB_TIMEOUT="1",
    )
    assert (
        out.returncode == 2
        and "could not connect" in out.stderr
        and "within 1 s" in out.stderr
        and "campus on 127.0.0.1:1" in out.stderr
    )
    assert "s3cret-pw" not in out.stderr and "Traceback" not in out.stderr


def test_workspace_staff_is_set_per_workspace(tmp_path, pg_url):
    with PostgresDecisionStore(pg_url) as db:
        db.workspace_installed("T0NORTH", installer="U0INSTALL")
        db.workspace_installed("T0SOUTH", installer="U0OTHER")
    out = run_bot(
        ["workspace", "staff", "T0NORTH", "--users", "U0ANA,U0BEN", "--usergroup", "S0CAREER"],
        "",
        tmp_path,
        DATABASE_URL=pg_url,
    )
    assert out.returncode == 0, out.stderr
    assert "T0NORTH  installed  staff: U0ANA, U0BEN  user group: S0CAREER" in out.stdout
    listed = run_bot(["workspace", "list"], "", tmp_path, DATABASE_URL=pg_url)
    assert "T0SOUTH  installed  staff: U0OTHER" in listed.stdout  # the other school is untouched
    bad = run_bot(
        ["workspace", "staff", "T0NORTH", "--users", "ana@example.edu"], "", tmp_path, DATABASE_URL=pg_url
    )
    assert bad.returncode == 2 and "not Slack user IDs" in bad.stderr
    with PostgresDecisionStore(pg_url) as db:
        db.workspace_installed("T0NORTH", installer="U0AGAIN")  # a reinstall keeps the staff set meanwhile
        assert db.workspace("T0NORTH")["staff_user_ids"] == ["U0ANA", "U0BEN"]
