"""Deleting means the bytes leave the disk: "Delete my data", the retention purge and the journal copies
`store repair` keeps, checked by reading every file in the data directory while the bot runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import payloads as p
import pytest
from staff_seed import ANA, BEN, NOW, rec

from bot.slack import jobs
from bot.store import open_store
from tests.cli.test_cli_terminal import run_bot

INVITE = (
    "Hi, I'm Zebulon Quartermaine, a recruiter at Northwind. Your xylophone-repair project caught my eye;"
    " would you be open to a chat about our graduate roles?"
)
ANA_TEXT, BEN_TEXT = (
    "Ana's invitation from Ottoline Fairweather-Vane",
    "Ben's invitation from Crispin Lockyer",
)


def files_holding(directory: Path, *needles: str) -> list[str]:
    """Every file under `directory` whose bytes contain one of `needles` (as the stores write text)."""
    found = []
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(n.encode() in data for n in needles):
                found.append(path.name)
    return found


async def delete_my_data(bot_http, fake_slack, user_id: str) -> str:
    n = len(fake_slack.calls("response_url"))
    await bot_http.command("/invite-check", "delete", user_id=user_id)
    prompt = await fake_slack.wait_for("response_url", count=n + 1)
    await bot_http.click(prompt, "student_delete_confirm", user_id=user_id)
    return (await fake_slack.wait_for("response_url", count=n + 2)).body["text"]


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_delete_my_data_takes_the_invitation_off_the_disk_before_saying_so(
    bot_http, fake_slack, tmp_path
):
    await bot_http.event(p.message_im(INVITE))
    await fake_slack.wait_for("chat.postMessage")
    await bot_http.settle()
    assert files_holding(tmp_path, "Quartermaine", "xylophone-repair") == ["db.json.journal"]

    said = await delete_my_data(bot_http, fake_slack, p.STUDENT)
    assert "Nothing of yours is left" in said
    assert files_holding(tmp_path, "Quartermaine", "xylophone-repair") == []


async def test_the_retention_purge_takes_texts_and_preferences_off_the_disk(bot_http, tmp_path):
    old, fresh = NOW - timedelta(days=400), NOW - timedelta(days=2)
    await bot_http.store.upsert(rec("old", at=old, user=ANA, invite_text=ANA_TEXT, requester_name="Ottoline"))
    await bot_http.store.upsert(rec("new", at=fresh, user=BEN, invite_text=BEN_TEXT))
    await bot_http.store.set_prefs(p.TEAM_ID, ANA, reminders=False, field="marine biology")
    await bot_http.store.set_prefs(p.TEAM_ID, BEN, reminders=False)
    assert files_holding(tmp_path, "Ottoline", ANA) == ["db.json.journal"]

    assert await jobs.purge_expired(bot_http.deps) == 1
    assert files_holding(tmp_path, "Ottoline", "marine biology", ANA) == []  # record and preferences
    assert await bot_http.store.get_prefs(p.TEAM_ID, ANA) == {}
    assert await bot_http.store.get_prefs(p.TEAM_ID, BEN) == {"reminders": False}
    assert files_holding(tmp_path, BEN_TEXT) == ["db.json"]


@pytest.fixture
def repaired(tmp_path: Path) -> Path:
    """db.json after `python -m bot store repair` kept a damaged journal (ANA's and BEN's invitations
    in it, one of ANA's lines damaged) as db.json.journal.damaged-<time>. Request it before bot_http."""
    path = tmp_path / "db.json"
    store = open_store(path)
    store.upsert(rec("a1", at=NOW - timedelta(days=1), user=ANA, invite_text=ANA_TEXT))
    store.upsert(rec("b1", at=NOW - timedelta(days=10), user=BEN, invite_text=BEN_TEXT))
    store.upsert(rec("a2", at=NOW - timedelta(days=3), user=ANA, invite_text=ANA_TEXT + " again"))
    journal = store.journal_path.read_bytes()
    store.close()
    lines = journal.splitlines(keepends=True)
    lines[-1] = lines[-1].replace(b'"recommendation"', b'"recomm\xff\x00ation"')  # a2, damaged
    store.journal_path.write_bytes(b"".join(lines) + lines[0])  # not the last line: needs a repair
    repair = run_bot(["store", "repair", "--db", str(path)], "", tmp_path)
    assert repair.returncode == 0, repair.stderr
    assert files_holding(tmp_path, ANA_TEXT) == ["db.json", *(c.name for c in damaged_copies(tmp_path))]
    return path


def damaged_copies(directory: Path) -> list[Path]:
    return sorted(directory.glob("db.json.journal.damaged-*"))


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_repairs_saved_journals_lose_what_deletion_and_retention_take(repaired, bot_http, fake_slack):
    directory = repaired.parent
    [copy] = damaged_copies(directory)
    assert len(await bot_http.store.list(user_id=ANA)) == 2  # the snapshot had both

    said = await delete_my_data(bot_http, fake_slack, ANA)
    assert "Nothing of yours is left" in said
    assert files_holding(directory, ANA_TEXT) == []  # the damaged line too
    assert files_holding(directory, BEN_TEXT) == ["db.json", copy.name]  # BEN's stays until it expires

    bot_http.clock.advance(days=360)  # b1 is 370 days old
    assert await jobs.purge_expired(bot_http.deps) == 1
    assert files_holding(directory, BEN_TEXT, BEN) == []


async def test_a_saved_journal_older_than_the_retention_period_goes_whole(repaired, bot_http):
    [copy] = damaged_copies(repaired.parent)
    bot_http.clock.set(datetime.now(UTC) + timedelta(days=366))  # the copy was made over a year ago
    await jobs.purge_expired(bot_http.deps)
    assert not copy.exists() and damaged_copies(repaired.parent) == []
