"""Pure parts of the staff side: summary figures, CSV export, Block Kit builders, staff directory."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections import Counter
from datetime import date, timedelta

import pytest
from blockkit_limits import check_blocks, check_view
from slack_sdk.errors import SlackApiError
from staff_seed import ANA, BEN, CAL, NOW, rec, seed_records, summary_of

from bot.config import Settings
from bot.slack.staff_access import StaffDirectory
from bot.slack.views import staff as sb
from bot.slack.views import student_pages as pages
from bot.staff.export import BASE_COLUMNS, FOLLOWUP_COLUMNS, safe_cell, write_csv
from bot.staff.summary import format_text, parse_period, period_key, summarize
from bot.store.models import CountKey, Counts

T0001 = "T0001"


def team_records(team: str = T0001):
    return [r for r in seed_records() if r.team_id == team]


# -- summary ----------------------------------------------------------------------------------------
def test_summary_figures_for_the_last_30_days():
    s = summary_of(team_records(), now=NOW, days=30)
    assert (s.checks, s.students) == (5, 3)
    assert dict(s.recommendations) == {
        "accept": 1,
        "reply_first": 1,
        "meet_first": 1,
        "ignore": 1,
        "pending": 1,
    }
    assert dict(s.decisions) == {"accepted": 1, "ignored": 1, "suggested_meeting": 1, "later": 1}
    # r2 ignored a flagged invitation the advice said to reply to: it kept the student safe
    assert (s.decided, s.followed) == (3, 3)
    assert dict(s.intents) == {"recruiter": 2, "sales": 1, "networking": 1, "unclear": 1}
    assert (s.personal_notes, s.personal_note_rate) == (2, 0.4)
    assert s.red_flag_cases == 2 and dict(s.red_flags) == {
        "asks_for_money": 1,
        "off_platform": 1,
        "urgency": 1,
    }
    assert dict(s.outcomes) == {"explained": 1} and s.reply_rate == 1.0


def test_summary_periods_include_older_checks_and_all_time():
    assert summary_of(team_records(), now=NOW, days=90).checks == 6
    s = summary_of(team_records(), now=NOW, days=None)
    assert (s.checks, s.students) == (7, 4)
    assert dict(s.outcomes) == {"explained": 1, "no_reply": 1} and s.reply_rate == 0.5


def test_weekly_trend_fills_quiet_weeks_with_zero_and_keeps_twelve():
    s = summary_of(team_records(), now=NOW, days=30)
    weeks = dict(s.weekly)
    # Monday 2025-03-03 (now's week): r1 (Mar 2 is Sunday -> previous week) ...
    assert list(weeks)[-1] == "wk of 2025-03-03"
    assert list(weeks)[0] == "wk of 2025-01-27"  # the week holding Feb 1 (30 days back)
    assert sum(weeks.values()) == 5
    assert 0 in weeks.values()  # the quiet week of Feb 3 shows as a gap
    assert len(summary_of(team_records(), now=NOW, days=None).weekly) == 12
    text = format_text(s)
    assert "wk of 2025-02-24" in text and "█" in text


def test_ignoring_a_flagged_invitation_counts_as_followed_whatever_the_advice():
    at = NOW - timedelta(days=1)
    records = [
        rec("f1", at=at, recommendation="reply_first", decision="ignored", flags=("crypto_investment",)),
        rec("f2", at=at, recommendation="reply_first", decision="ignored"),  # no warning sign: not followed
        rec("f3", at=at, recommendation="ignore", decision="accepted", flags=("urgency",)),
        rec("f4", at=at, recommendation="accept", decision="later", flags=("urgency",)),  # not final
    ]
    s = summary_of(records, now=NOW, days=7)
    assert (s.decided, s.followed) == (3, 1)
    assert "Followed the advice or ignored a flagged invitation: 33% of 3 final decisions" in format_text(s)


def test_the_analyzers_counts_leave_out_readings_shown_as_not_sure_and_say_so():
    at = NOW - timedelta(days=1)
    sure = rec("s1", at=at, intent="networking")
    sure.signals.intent_sure = True
    unsure = rec("s2", at=at, intent="networking")
    unsure.signals.intent_sure = False
    older = rec("s3", at=at, intent="recruiter")  # from before sureness was kept: counted as it was
    s = summary_of([sure, unsure, older], now=NOW, days=7)
    assert dict(s.intents) == {"networking": 1, "recruiter": 1} and s.unsure_readings == 1
    text = format_text(s)
    assert "readings shown as sure (2 of 3 checks; 1 shown as not sure left out)" in text
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("Networking"))
    assert line.split() == ["Networking", "1", "(50%)"]  # a share of the sure readings, not of all checks


def test_the_rules_weigh_each_group_of_counted_checks_by_its_number():
    """summarize applies the rules to a store's counts: a group of n alike checks counts n times."""
    key = CountKey(
        recommendation="ignore",
        decision="ignored",
        flagged=True,
        intent="sales",
        intent_sure=False,
        answer="job",
        custom_message=True,
        outcome=None,
        reminder_set=True,
        reminder_sent=True,
    )
    later = key._replace(decision="later", intent_sure=None, reminder_sent=False, answer=None)
    counts = Counts(
        checks=Counter({key: 3, later: 2}),
        weeks=Counter({date(2025, 3, 3): 5}),
        students=2,
        red_flags=Counter({"urgency": 5}),
    )
    s = summarize(counts, now=NOW, days=7)
    assert (s.checks, s.students, s.decided, s.followed) == (5, 2, 3, 3)
    assert s.unsure_readings == 3 and dict(s.intents) == {"sales": 2}
    assert (s.reminders_awaiting, s.reminders_pending) == (3, 2)
    assert dict(s.reasons) == {"job": 3} and s.personal_notes == 5 and s.red_flag_cases == 5
    assert dict(s.weekly)["wk of 2025-03-03"] == 5 and dict(s.red_flags) == {"urgency": 5}


def test_parse_period_and_period_key():
    assert [parse_period(x) for x in ("", "7d", "30d", "90d", "all")] == [30, 7, 30, 90, None]
    with pytest.raises(ValueError):
        parse_period("yesterday")
    assert [period_key(d) for d in (7, 30, None)] == ["7d", "30d", "all"]


# -- export -------------------------------------------------------------------------------------------
def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_columns_are_stable_and_rows_are_the_period_oldest_first():
    buf = io.StringIO()
    n = write_csv(buf, team_records(), now=NOW, days=30)
    assert n == 5
    header = next(csv.reader(io.StringIO(buf.getvalue())))
    assert header == [
        *BASE_COLUMNS,
        "answer_note",
        "answer_met",
        "answer_reason",
        "answer_value",
        *FOLLOWUP_COLUMNS,
    ]
    rows = read_csv(buf.getvalue())
    assert [r["id"] for r in rows] == ["r4", "r3", "r2", "r5", "r1"]
    r3 = rows[1]
    assert r3["user_id"] == BEN and r3["recommendation"] == "meet_first"
    assert r3["decision"] == "suggested_meeting" and r3["custom_message"] == "true"
    assert r3["claims_prior_contact"] == "false" and r3["intent"] == "networking"
    assert r3["created_at"] == "2025-02-21T15:00:00.000000+00:00"
    assert r3["answer_reason"] == "job" and r3["followup_outcome"] == "explained"
    assert r3["followup_outcome_at"].startswith("2025-02-22")
    assert rows[0]["red_flags"] == "off_platform;urgency"
    assert (
        rows[3]["recommendation"] == "pending" and rows[3]["answer_note"] == "" and rows[3]["decision"] == ""
    )


def test_csv_all_time_and_empty_period():
    buf = io.StringIO()
    assert write_csv(buf, team_records(), now=NOW, days=None) == 7
    buf = io.StringIO()
    assert write_csv(buf, [], now=NOW, days=7) == 0
    assert buf.getvalue().startswith('"id","created_at",')  # every cell quoted (issue 10 item 6)


def test_csv_defuses_formulas_and_adds_name_and_text_only_when_stored():
    evil = rec(
        "=cmd",
        at=NOW - timedelta(hours=1),
        requester_name='=HYPERLINK("http://x","hi")',
        invite_text="+1 555 0100\nsee @me",
        answers={"note": "-1", "extra_step": "@x"},
    )
    plain = rec("p1", at=NOW - timedelta(hours=2))
    buf = io.StringIO()
    write_csv(buf, [evil, plain], now=NOW, days=7)
    rows = read_csv(buf.getvalue())
    assert list(rows[0])[-3:] == ["followup_outcome_at", "requester_name", "invite_text"]
    assert "answer_extra_step" in rows[0]
    e = rows[1]
    assert e["id"] == "'=cmd"
    assert e["requester_name"] == '\'=HYPERLINK("http://x","hi")'
    assert e["invite_text"] == "'+1 555 0100\nsee @me"
    assert e["answer_note"] == "'-1" and e["answer_extra_step"] == "'@x"
    assert rows[0]["requester_name"] == ""
    buf = io.StringIO()
    write_csv(buf, [plain], now=NOW, days=7)
    assert "requester_name" not in buf.getvalue() and "invite_text" not in buf.getvalue()


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_formula_starts(cell):
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("plain =1") == "plain =1"
    assert (safe_cell(None), safe_cell(True), safe_cell(False)) == ("", "true", "false")


# -- blocks -------------------------------------------------------------------------------------------
def texts(blocks: list[dict]) -> str:
    return json.dumps(blocks)


def test_summary_message_shows_every_figure_and_an_export_button_for_the_period():
    text, blocks = sb.summary_message(summary_of(team_records(), now=NOW, days=30))
    assert check_blocks(blocks) == []
    dump = texts(blocks)
    for needle in (
        "*Checks*\\n5",
        "*Students*\\n3",
        "*Followed the advice or ignored a flagged invitation*\\n100% of 3 final decision",
        "40% (2 of 5)",
        "*Checks with warning signs*\\n2",
        "100% of 1 answered",
        "Reply first",
        "Suggested meeting",
        "Checklist not finished",
        "Networking",
        "Asks for money",
        "Checks per week",
        "```",
    ):
        assert needle in dump, needle
    button = [b for b in blocks if b["type"] == "actions"][0]["elements"][0]
    assert (button["action_id"], button["value"]) == ("staff_export", "30d")
    assert "5 checks by 3 students" in text


def test_empty_summary_has_no_export_button():
    _, blocks = sb.summary_message(summary_of([], now=NOW, days=7))
    assert "No checks in the last 7 days" in texts(blocks)
    assert not [b for b in blocks if b["type"] == "actions"]


def test_stored_values_are_escaped_and_user_ids_only_mentioned_when_they_look_like_ids():
    odd = rec(
        "o1",
        at=NOW - timedelta(hours=1),
        user="<!channel>",
        intent="<!here|x>",
        flags=("<http://evil|click>",),
        decision="<b>",
    )
    s = summary_of([odd], now=NOW, days=7)
    dump = texts(sb.summary_message(s)[1]) + texts(sb.staff_home(s, [odd])["blocks"])
    assert "<!channel>" not in dump and "<!here" not in dump and "<http://evil" not in dump
    assert "&lt;!channel&gt;" in dump
    assert sb.mention(ANA) == f"<@{ANA}>"


def test_staff_home_stays_within_limits_with_many_checks_and_many_kinds():
    many = [
        rec(
            f"m{i}",
            at=NOW - timedelta(minutes=i),
            user=f"U0X{i:05d}",
            intent=f"intent_{i % 40}",
            flags=tuple(f"flag_{j}" for j in range(i % 30)),
            decision="accepted",
        )
        for i in range(300)
    ]
    s = summary_of(many, now=NOW, days=None)
    view = sb.staff_home(s, many, notice="x" * 5000)
    assert check_view(view) == []
    assert len(view["blocks"]) <= 100
    dump = texts(view["blocks"])
    assert "older check(s) not shown" in dump
    select = [
        e
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "home_period"
    ][0]
    assert [o["value"] for o in select["options"]] == ["7d", "30d", "90d", "all"]
    assert select["initial_option"]["value"] == "all"


def test_student_home_lists_only_what_it_is_given_with_start_and_delete_buttons():
    mine = [r for r in team_records() if r.user_id == ANA]
    view = pages.student_home(mine, retention_days=365)
    assert check_view(view) == []
    dump = texts(view["blocks"])
    assert "<@" not in dump  # a student's page mentions no one
    ids = [
        e["action_id"]
        for b in view["blocks"]
        for e in ([b.get("accessory")] if b.get("accessory") else []) + b.get("elements", [])
        if isinstance(e, dict) and "action_id" in e
    ]
    assert "ic_start" in ids and "home_delete" in ids
    delete = next(
        b["accessory"] for b in view["blocks"] if (b.get("accessory") or {}).get("action_id") == "home_delete"
    )
    assert delete["confirm"]["style"] == "danger" and "3 of your checks" in delete["confirm"]["text"]["text"]
    assert "365 days" in dump
    empty = pages.student_home([])
    assert "home_delete" not in texts(empty["blocks"]) and "No checks yet" in texts(empty["blocks"])


def test_student_home_caps_long_histories():
    lots = [rec(f"s{i}", at=NOW - timedelta(hours=i)) for i in range(150)]
    view = pages.student_home(lots[:20], total=150)
    assert check_view(view) == [] and "20 most recent of 150" in texts(view["blocks"])


def test_history_and_delete_messages_fit_a_message():
    lots = [rec(f"s{i}", at=NOW - timedelta(hours=i)) for i in range(80)]
    _, blocks = pages.history_message(lots, 80)
    assert check_blocks(blocks) == [] and "10 of 80" in texts(blocks)
    _, blocks = pages.delete_prompt(80)
    assert {e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]} == {
        "student_delete_confirm",
        "student_delete_cancel",
    }
    assert "nothing to delete" in pages.delete_prompt(0)[0]


# -- staff directory ----------------------------------------------------------------------------------
class StubClient:
    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = 0

    async def api_call(self, method, *, http_verb="POST", data=None):
        assert method == "usergroups.users.list" and data == {"usergroup": "S0CAREERS"}
        self.calls += 1
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, BaseException):
            raise answer
        if answer == "slow":
            await asyncio.sleep(1)
        return {"ok": True, "users": answer}


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


def directory(client, clock=None, **settings):
    values = {
        "invite_check_staff_user_ids": frozenset({"U0STAFF"}),
        "invite_check_staff_usergroup": "S0CAREERS",
    }
    values.update(settings)
    return StaffDirectory(Settings(**values), lambda: client, clock or Clock(), timeout=0.05)


async def test_directory_explicit_ids_and_group_members_cached_five_minutes():
    clock = Clock()
    client = StubClient([[BEN], [CAL]])
    d = directory(client, clock)
    assert await d.is_staff("U0STAFF") and client.calls == 0  # explicit IDs need no lookup
    assert await d.is_staff(BEN) and not await d.is_staff(ANA)
    assert client.calls == 1
    clock.now += timedelta(minutes=4)
    assert await d.is_staff(BEN) and client.calls == 1
    clock.now += timedelta(minutes=2)
    assert not await d.is_staff(BEN) and await d.is_staff(CAL) and client.calls == 2
    assert not await d.is_staff(None) and not await d.is_staff("")


def api_error(error: str) -> SlackApiError:
    return SlackApiError(error, {"ok": False, "error": error})


@pytest.mark.parametrize("failure", [api_error("missing_scope"), OSError("down"), "slow"])
async def test_directory_failure_falls_back_to_explicit_ids_and_never_grants(failure, caplog):
    clock = Clock()
    client = StubClient([[BEN], failure])
    d = directory(client, clock)
    assert await d.is_staff(BEN)
    clock.now += timedelta(minutes=6)
    with caplog.at_level("WARNING", logger="bot.slack.staff_access"):
        assert not await d.is_staff(BEN)  # the stale member list is not trusted after a failure
    assert await d.is_staff("U0STAFF")
    assert any("usergroups.users.list failed" in r.getMessage() for r in caplog.records)
    calls = client.calls
    assert not await d.is_staff(BEN) and client.calls == calls  # a failure is remembered briefly...
    clock.now += timedelta(seconds=31)
    assert not await d.is_staff(BEN) and client.calls == calls + 1  # ...then Slack is asked again


async def test_directory_without_a_group_never_calls_slack():
    client = StubClient([[BEN]])
    d = directory(client, invite_check_staff_usergroup=None)
    assert not await d.is_staff(BEN) and client.calls == 0
