"""Half an emoji (a lone UTF-16 surrogate, which Slack's JSON can carry as "\\ud83d") or a NUL in a DM:
the check is answered and stored on either store, and no export breaks on it, even on a record stored
before such text was cleaned where it enters."""

from __future__ import annotations

import asyncio
import csv
import io

import payloads as p
import pytest
from postgres_scenarios import on_postgres
from staff_seed import NOW, rec
from test_staff_view_http import export_rows, summary_text

from bot.coaching.intake import student_text
from tests.cli.test_cli_terminal import run_bot

BROKEN = "Hi \ud83d I'm a recruiter at Northwind\x00 and I'd like to connect about a graduate role \U0001f600"


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_a_dm_with_half_an_emoji_is_answered_stored_and_exported(bot_http, fake_slack):
    await bot_http.event(p.message_im(BROKEN))
    answer = await fake_slack.wait_for("chat.postMessage")
    assert answer.body["channel"] == p.STUDENT_DM
    await bot_http.settle()
    [record] = await bot_http.store.list()
    assert (
        record.invite_text
        == "Hi \ufffd I'm a recruiter at Northwind and I'd like to connect about a graduate role \U0001f600"
    )

    _, call = await summary_text(bot_http, fake_slack)
    rows, _ = await export_rows(bot_http, fake_slack, call)
    assert [r["invite_text"] for r in rows] == [record.invite_text]


test_a_dm_with_half_an_emoji_on_postgres = on_postgres(
    test_a_dm_with_half_an_emoji_is_answered_stored_and_exported
)


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_text_stored_before_it_was_cleaned_does_not_break_the_exports(bot_http, fake_slack, tmp_path):
    await bot_http.store.upsert(
        rec("old", at=NOW, invite_text="Hi \ud83d there", requester_name="Ana \udcff")
    )
    await bot_http.store.upsert(rec("fine", at=NOW, invite_text="Hello"))

    _, call = await summary_text(bot_http, fake_slack)
    rows, _ = await export_rows(bot_http, fake_slack, call)
    assert [(r["id"], r["invite_text"], r["requester_name"]) for r in rows] == [
        ("fine", "Hello", ""),
        ("old", "Hi \ufffd there", "Ana \ufffd"),
    ]

    out = await asyncio.to_thread(run_bot, ["export", "--csv", "cli.csv"], "", tmp_path)
    assert out.returncode == 0, out.stderr
    cli_rows = list(csv.DictReader(io.StringIO((tmp_path / "cli.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], r["invite_text"]) for r in cli_rows] == [("fine", "Hello"), ("old", "Hi \ufffd there")]


def test_student_text_keeps_what_is_valid_and_mends_the_rest():
    assert student_text("Renée 🙂 <b>&amp;") == "Renée 🙂 <b>&amp;"
    assert student_text("a\ud83db\udcff") == "a\ufffdb\ufffd"
    assert student_text("\ud83d\ude00") == "\U0001f600"  # a pair split in two code points, joined
    assert student_text("x\x00y") == "xy"
    assert student_text("\ud800" * 3).encode("utf-8") == "\ufffd".encode() * 3  # always encodable
