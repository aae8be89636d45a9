"""Issue 10 item 6: values that come back from Slack (button values) are checked against the known
vocabularies before anything is stored or counted; CSV exports quote every text cell and defuse a
formula start after any separator, not only at a cell's start."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import payloads as p
import pytest

from bot.coaching.analyzer import analyze
from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.slack.views import codec as st
from bot.slack.views import student as bk
from bot.store import DecisionRecord, Signals

CONTENT = load_content(DEFAULT_PROMPTS)
ANSWERS = {"note": "default", "met": "maybe", "reason": "unsure", "value": "maybe"}
NOW = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)  # the FakeClock's start


def forged_value(**sig) -> str:
    """A finished walkthrough's state with its signals replaced (what a tampered button would carry)."""
    state = st.from_signals("forged000000000000000001", analyze("Hi, let's connect."), {})
    signals = st.WalkSignals.model_validate({**state.signals.model_dump(), **sig})  # wire names: i=, f=, ...
    state = state.model_copy(update={"answers": ANSWERS, "signals": signals})
    return st.encode(state)


@pytest.mark.parametrize(
    "sig",
    [
        {"i": "x;=1+1"},
        {"f": ("made_up_flag",)},
        {"f": ("urgency", "=cmd|' /C calc'!A0")},
    ],
    ids=["intent", "red_flag", "formula_flag"],
)
async def test_a_tampered_state_is_refused_and_nothing_reaches_store_or_summary(bot_http, fake_slack, sig):
    await bot_http.block_action(bk.A_DECIDE + "replied_first", forged_value(**sig))
    shown = await fake_slack.wait_for("chat.update")
    await bot_http.settle()
    assert "expired" in json.dumps(shown.body["blocks"])
    assert await bot_http.store.count() == 0
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    summary = await fake_slack.wait_for("response_url")
    text = json.dumps(summary.body)
    assert "x;=1+1" not in text and "made_up" not in text and "calc" not in text


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_csv_export_quotes_every_text_cell_and_defuses_formulas_after_separators(bot_http, fake_slack):
    at = NOW - timedelta(hours=1)
    signals = Signals(intent="recruiter", custom_message=True, claims_prior_contact=False)
    await bot_http.store.upsert(
        DecisionRecord(
            id="evil",
            created_at=at,
            updated_at=at,
            team_id=p.TEAM_ID,
            user_id=p.STUDENT,
            answers=ANSWERS,
            signals=signals,
            recommendation="reply_first",
            requester_name="Ann;=HYPERLINK(1)",
            invite_text="hello,=1+1\tthen\n@SUM(2) and -3 | +4",
        )
    )
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    summary = await fake_slack.wait_for("response_url")
    await bot_http.click(summary, "staff_export", user_id=p.STAFF)
    await bot_http.settle()
    complete = fake_slack.last("files.completeUploadExternal")
    content = fake_slack.files[complete.body["files"][0]["id"]]["content"].decode("utf-8")
    for line in content.split("\r\n")[:2]:  # header and the row (invite_text's newline stays inside quotes)
        assert line.startswith('"')
    (row,) = list(csv.DictReader(io.StringIO(content)))
    assert row["requester_name"] == "Ann;'=HYPERLINK(1)"
    assert row["invite_text"] == "hello,'=1+1\tthen\n'@SUM(2) and -3 | '+4"
    # Split the way a spreadsheet with ';' (or ',', tab, '|') as separator would: no piece is a formula.
    for sep in (";", ",", "\t", "|", "\n"):
        for value in row.values():
            for piece in value.split(sep):
                assert not piece.lstrip().startswith(("=", "+", "-", "@")), (sep, piece)
