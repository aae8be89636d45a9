"""Issue 10 item 14: what staff see of each student is a setting (INVITE_CHECK_STAFF_VIEW, default
pseudonymous), enforced alike in the App Home, the summary and the CSV export, and what students are
told on the result card and their App Home matches it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import payloads as p
import pytest
import yaml
from staff_seed import ANA, BEN, CAL, seed
from walk import shown

from bot.staff import privacy

ROOT = Path(__file__).resolve().parents[2]
MENTION = re.compile(r"<@(U[A-Z0-9]+)>")
PSEUDONYM = re.compile(r"Student [0-9a-f]{8}")


async def staff_home(bot_http, fake_slack) -> str:
    n = len(fake_slack.calls("views.publish"))
    await bot_http.event(p.app_home_opened(user_id=p.STAFF))
    return json.dumps((await fake_slack.wait_for("views.publish", count=n + 1)).body["view"])


async def student_home(bot_http, fake_slack, user_id=ANA) -> str:
    n = len(fake_slack.calls("views.publish"))
    await bot_http.event(p.app_home_opened(user_id=user_id))
    return json.dumps((await fake_slack.wait_for("views.publish", count=n + 1)).body["view"])


async def summary_text(bot_http, fake_slack) -> tuple[str, object]:
    n = len(fake_slack.calls("response_url"))
    await bot_http.command("/invite-summary", "all", user_id=p.STAFF)
    call = await fake_slack.wait_for("response_url", count=n + 1)
    return json.dumps(call.body), call


async def export_rows(bot_http, fake_slack, summary_call) -> tuple[list[dict], str]:
    await bot_http.click(summary_call, "staff_export", user_id=p.STAFF)
    await bot_http.settle()
    complete = fake_slack.last("files.completeUploadExternal")
    record = fake_slack.files[complete.body["files"][0]["id"]]
    return list(csv.DictReader(io.StringIO(record["content"].decode()))), record["initial_comment"]


def no_student_ids(text: str) -> bool:
    return not any(u in text for u in (ANA, BEN, CAL))


async def test_by_default_staff_see_pseudonyms_never_slack_names_or_ids(bot_http, fake_slack, walk):
    assert bot_http.settings.invite_check_staff_view == "pseudonymous"
    await seed(bot_http.store)
    home = await staff_home(bot_http, fake_slack)
    assert MENTION.findall(home) == [] and no_student_ids(home)
    names = PSEUDONYM.findall(home)
    assert len(names) == 5 and len(set(names)) == 3  # ANA twice, BEN twice, CAL once: stable per student
    text, call = await summary_text(bot_http, fake_slack)
    assert no_student_ids(text) and MENTION.findall(text) == []
    rows, comment = await export_rows(bot_http, fake_slack, call)
    assert no_student_ids(json.dumps(rows)) and "pseudonym" in comment
    assert all(PSEUDONYM.fullmatch(r["user_id"]) for r in rows)
    ana = privacy.pseudonym(p.TEAM_ID, ANA, await bot_http.store.pseudonym_key())
    assert ana in names and [r["user_id"] for r in rows].count(ana) == 3  # the same pseudonym in both
    # What students are told says the same.
    card = await walk.to_card()
    assert "under a pseudonym, not your name" in shown(card) and "see totals, never" not in shown(card)
    assert "under a pseudonym, not your name" in await student_home(bot_http, fake_slack)


@pytest.mark.settings(invite_check_staff_view="named")
async def test_named_shows_students_by_name_and_says_so(bot_http, fake_slack, walk):
    await seed(bot_http.store)
    home = await staff_home(bot_http, fake_slack)
    assert set(MENTION.findall(home)) == {ANA, BEN, CAL} and not PSEUDONYM.findall(home)
    _, call = await summary_text(bot_http, fake_slack)
    rows, comment = await export_rows(bot_http, fake_slack, call)
    assert ANA in {r["user_id"] for r in rows} and "Slack ID" in comment
    card = await walk.to_card()
    assert "see your checks with your name" in shown(card)
    assert "with your name" in await student_home(bot_http, fake_slack)


@pytest.mark.settings(invite_check_staff_view="totals")
async def test_totals_shows_figures_only_everywhere(bot_http, fake_slack, walk):
    await seed(bot_http.store)
    home = await staff_home(bot_http, fake_slack)
    assert "*Checks*\\n5" in home
    assert MENTION.findall(home) == [] and not PSEUDONYM.findall(home) and no_student_ids(home)
    assert "Recommended *" not in home  # no per-check list at all
    text, call = await summary_text(bot_http, fake_slack)
    assert no_student_ids(text)
    rows, comment = await export_rows(bot_http, fake_slack, call)
    assert {r["user_id"] for r in rows} == {""} and {r["id"] for r in rows} == {""}
    assert no_student_ids(json.dumps(rows)) and "no student IDs" in comment
    card = await walk.to_card()
    assert "see only totals" in shown(card)
    assert "only totals" in await student_home(bot_http, fake_slack)


def test_a_bad_staff_view_stops_start_up_with_the_variable_named(monkeypatch):
    from bot.config import ConfigError, load_settings

    monkeypatch.setenv("INVITE_CHECK_STAFF_VIEW", "everyone")
    with pytest.raises(ConfigError, match="INVITE_CHECK_STAFF_VIEW"):
        load_settings()


def test_the_manifest_and_readme_promise_nothing_the_setting_can_break():
    manifest = yaml.safe_load((ROOT / "app_manifest.yml").read_text())
    long = manifest["display_information"]["long_description"]
    assert "anonymous totals" not in long and "INVITE_CHECK_STAFF_VIEW" not in long
    assert "pseudonym" in long and "by name" in long
    readme = (ROOT / "README.md").read_text()
    assert "INVITE_CHECK_STAFF_VIEW" in readme and "`pseudonymous`" in readme
