"""Pseudonyms and DM check ids are keyed with the data's own random key: the App Home, the Slack export
and `python -m bot export` (with no Slack secret in its environment) agree, and nobody can compute
either from Slack IDs."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import hmac
import io
import re

import payloads as p
from postgres_scenarios import on_postgres
from staff_seed import ANA, BEN, seed
from test_staff_view_http import export_rows, staff_home, summary_text

from tests.cli.test_cli_terminal import run_bot

PSEUDONYM = re.compile(r"Student [0-9a-f]{8}")
INVITE = "Hi! I'm a recruiter at Northwind and I'd like to tell you about our graduate program."


def guessable(team_id: str, user_id: str) -> str:
    """A pseudonym anyone could compute: the HMAC under a key that is no secret."""
    digest = hmac.new(b"invite-check", f"{team_id}:{user_id}".encode(), hashlib.sha256)
    return "Student " + digest.hexdigest()[:8]


async def cli_export(bot_http, tmp_path) -> list[dict]:
    """`python -m bot export` on the bot's data, beside the running bot, without any SLACK_* setting."""
    settings = bot_http.settings
    where = (
        {"DATABASE_URL": settings.database_url}
        if settings.database_url
        else {"INVITE_CHECK_DB_PATH": str(settings.invite_check_db_path)}
    )
    out = await asyncio.to_thread(run_bot, ["export", "--csv", "cli.csv"], "", tmp_path, **where)
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO((tmp_path / "cli.csv").read_text(encoding="utf-8"))))


async def test_the_cli_export_shows_the_app_homes_pseudonyms_which_no_one_can_compute(
    bot_http, fake_slack, tmp_path
):
    await seed(bot_http.store)
    on_home = set(PSEUDONYM.findall(await staff_home(bot_http, fake_slack)))
    _, call = await summary_text(bot_http, fake_slack)
    in_slack_export = {r["id"]: r["user_id"] for r in (await export_rows(bot_http, fake_slack, call))[0]}
    in_cli_export = {
        r["id"]: r["user_id"] for r in await cli_export(bot_http, tmp_path) if r["team_id"] == p.TEAM_ID
    }

    assert in_cli_export == in_slack_export
    assert in_cli_export["r1"] == in_cli_export["r2"] != in_cli_export["r3"]  # ANA, ANA, BEN
    assert {in_cli_export["r1"], in_cli_export["r3"]} <= on_home
    assert not {guessable(p.TEAM_ID, u) for u in (ANA, BEN)} & set(in_cli_export.values())


test_the_cli_export_shows_the_app_homes_pseudonyms_on_postgres = on_postgres(
    test_the_cli_export_shows_the_app_homes_pseudonyms_which_no_one_can_compute
)


async def test_a_dm_checks_id_cannot_be_computed_from_the_dm(bot_http, fake_slack, tmp_path):
    """The id a DM's check gets (and the export shows) depends on the data's key, not only on the workspace,
    the DM channel and the message's time, which anyone who can see the DM knows."""
    event = p.message_im(INVITE, ts="1741014000.000100")
    await bot_http.event(event)
    await fake_slack.wait_for("chat.postMessage")
    await bot_http.settle()
    [first] = await bot_http.store.list()
    unkeyed = hashlib.sha256(f"{p.TEAM_ID}:{p.STUDENT_DM}:{event['ts']}".encode()).hexdigest()[:32]
    assert first.id != unkeyed
    assert [r["id"] for r in await cli_export(bot_http, tmp_path)] == [first.id]

    await bot_http.restart(invite_check_db_path=tmp_path / "another.json")  # other data, another key
    await bot_http.event(event)
    await fake_slack.wait_for("chat.postMessage", count=2)
    await bot_http.settle()
    [second] = await bot_http.store.list()
    assert second.id != first.id


async def test_an_export_from_a_file_without_a_key_is_refused(tmp_path):
    """A data file from before the key (never opened by this bot since) has no key to pseudonymise with:
    the CLI says so instead of writing pseudonyms anyone could compute."""
    path = tmp_path / "old.json"
    path.write_text('{"decisions":{}}')
    out = await asyncio.to_thread(
        run_bot, ["export", "--csv", "x.csv"], "", tmp_path, INVITE_CHECK_DB_PATH=str(path)
    )
    assert out.returncode == 2 and "no pseudonym key" in out.stderr
    assert not (tmp_path / "x.csv").exists()
    named = await asyncio.to_thread(
        run_bot,
        ["export", "--csv", "x.csv"],
        "",
        tmp_path,
        INVITE_CHECK_DB_PATH=str(path),
        INVITE_CHECK_STAFF_VIEW="named",
    )
    assert named.returncode == 0, named.stderr
