"""Installs in many workspaces: the OAuth flow over HTTP (Bolt's OAuth settings, slack_sdk's
installation and state stores in PostgreSQL), per-workspace staff and data, per-workspace uninstall.

Two schools install the app through /slack/install -> /slack/oauth_redirect; each gets its own bot
token in the database. Every later request is answered with its own workspace's token, and a
staff member of one school never sees another's records, counts or export.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import payloads as p
import pytest

from bot.slack import jobs
from bot.slack.oauth import SCOPES, STATE_TTL
from bot.store import DecisionRecord, Followup, Signals

OAUTH = {
    "slack_bot_token": None,
    "slack_client_id": "1111.2222",
    "slack_client_secret": "client-secret",
    "slack_state_secret": "state-secret-for-tests-0123456789",
    "invite_check_staff_user_ids": frozenset(),
}
pytestmark = [pytest.mark.postgres, pytest.mark.settings(**OAUTH)]

SCHOOLS = {"T0NORTH": ("U0NSTAFF", "xoxb-north-token"), "T0SOUTH": ("U0SSTAFF", "xoxb-south-token")}


async def install(bot_http, fake, team: str, installer: str | None = None) -> str:
    """Install through /slack/install and /slack/oauth_redirect, by the school's staff member unless
    `installer` says who."""
    staff, token = SCHOOLS[team]
    installer = installer or staff
    fake.tokens.add(token)
    fake.set_response(
        "oauth.v2.access",
        {
            "ok": True,
            "app_id": p.API_APP_ID,
            "authed_user": {"id": installer},
            "scope": ",".join(SCOPES),
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": f"UB{team}",
            "team": {"id": team, "name": team},
            "enterprise": None,
            "is_enterprise_install": False,
        },
    )
    async with bot_http.session.get(bot_http.base_url + "/slack/install") as res:
        assert res.status == 200
        page, cookie = await res.text(), res.headers["Set-Cookie"].split(";")[0]
    authorize = (
        re.search(r'href="(https://slack.com/oauth/v2/authorize[^"]+)"', page).group(1).replace("&amp;", "&")
    )
    query = parse_qs(urlparse(authorize).query)
    assert query["client_id"] == ["1111.2222"] and set(query["scope"][0].split(",")) == set(SCOPES)
    state = query["state"][0]
    async with bot_http.session.get(
        bot_http.base_url + "/slack/oauth_redirect",
        params={"code": f"c-{team}", "state": state},
        headers={"Cookie": cookie},
    ) as res:
        assert res.status == 200, await res.text()
    exchange = fake.last("oauth.v2.access")
    assert exchange.body["code"] == f"c-{team}"
    return state


def record(n: int, team: str, now, **fields) -> DecisionRecord:
    values = dict(
        id=f"{team.lower()}check{n:012d}",
        created_at=now - timedelta(hours=n + 1),
        updated_at=now,
        team_id=team,
        user_id=f"U{team[2:]}{n:03d}",
        answers={"note": "default"},
        recommendation="accept",
        decision="accepted",
        signals=Signals(intent="recruiter", custom_message=True, claims_prior_contact=False),
    )
    values.update(fields)
    return DecisionRecord(**values)


async def command(bot_http, fake, team: str, user: str, name: str = "/invite-summary", text: str = ""):
    n = len(fake.calls("response_url"))
    status, _ = await bot_http.command(name, text, user_id=user, team_id=team)
    assert status == 200
    return await fake.wait_for("response_url", count=n + 1)


async def test_two_schools_install_and_each_staff_sees_only_their_own(bot_http, fake_slack, clock):
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)
    now = clock.now()
    await bot_http.store.upsert_many(
        [record(n, "T0NORTH", now) for n in range(5)]
        + [record(n, "T0SOUTH", now, decision="ignored", recommendation="ignore") for n in range(3)]
    )
    north_staff, south_staff = SCHOOLS["T0NORTH"][0], SCHOOLS["T0SOUTH"][0]

    north = json.dumps((await command(bot_http, fake_slack, "T0NORTH", north_staff)).body)
    south = json.dumps((await command(bot_http, fake_slack, "T0SOUTH", south_staff)).body)
    assert "*Checks*\\n5" in north and "Ignore" not in north
    assert "*Checks*\\n3" in south and "Accept: *" not in south
    # the installer is staff of their own school only
    refused = await command(bot_http, fake_slack, "T0SOUTH", north_staff)
    assert "only for career-center staff" in refused.body["text"] and "Checks" not in json.dumps(refused.body)

    # the export of one school holds its records only, and was uploaded with that school's token
    summary = fake_slack.calls("response_url")[0]
    payload = p.block_actions(
        [p.action_for(*p.find_element(summary.body["blocks"], "staff_export"))],
        user_id=north_staff,
        channel_id=p.dm_channel(north_staff),
        message=p.bot_message(summary.body["blocks"]),
    )
    payload["team"]["id"] = "T0NORTH"
    status, _ = await bot_http.action(payload)
    assert status == 200
    await bot_http.settle()
    complete = fake_slack.last("files.completeUploadExternal")
    rows = list(
        csv.DictReader(io.StringIO(fake_slack.files[complete.body["files"][0]["id"]]["content"].decode()))
    )
    assert len(rows) == 5 and {r["team_id"] for r in rows} == {"T0NORTH"}
    assert complete.headers["Authorization"] == "Bearer xoxb-north-token"


async def test_each_workspace_is_answered_with_its_own_token(bot_http, fake_slack):
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)
    for team, (_, token) in SCHOOLS.items():
        student = f"U0STUDENT{team[2:]}"
        status, _ = await bot_http.command(text="Hi, I'd like to connect", user_id=student, team_id=team)
        assert status == 200
        # one call: chat.postMessage to the student's user ID lands in the app's DM with them
        post = await fake_slack.wait_for("chat.postMessage", lambda c, s=student: c.body.get("channel") == s)
        assert post.headers["Authorization"] == f"Bearer {token}"
        assert post.response["channel"] == p.dm_channel(student)


async def test_one_school_uninstalling_stops_nothing_for_the_other(bot_http, fake_slack, clock):
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)
    deps = bot_http.deps
    event = p.event_callback({"type": "app_uninstalled"}, team_id="T0SOUTH")
    status, _ = await bot_http.event(event)
    assert status == 200
    await bot_http.settle()
    assert not deps.stop.is_set()  # the process serves on
    store = bot_http.app.oauth_flow.settings.installation_store
    assert await store.async_find_bot(enterprise_id=None, team_id="T0SOUTH") is None
    assert (await store.async_find_bot(enterprise_id=None, team_id="T0NORTH")).bot_token == "xoxb-north-token"
    assert (await bot_http.store.workspace("T0SOUTH"))["uninstalled_at"] is not None

    north = json.dumps((await command(bot_http, fake_slack, "T0NORTH", SCHOOLS["T0NORTH"][0])).body)
    assert "Invite Check summary for the last 30 days" in north  # north is still served
    # a due reminder of each school: the north one goes out with north's token, the south one ends
    now = clock.now()
    await bot_http.store.upsert_many(
        [
            record(
                1,
                team,
                now,
                decision="replied_first",
                recommendation="reply_first",
                followup=Followup(remind_at=now - timedelta(minutes=1), about="Jordan"),
            )
            for team in SCHOOLS
        ]
    )
    for team in SCHOOLS:
        fake_slack.set_user(f"U{team[2:]}001", tz="", tz_offset=0)  # Monday 15:00 UTC: working hours
    assert await jobs.deliver_due(deps, bot_http.app.client) == 1
    reminder = [
        c for c in fake_slack.calls("chat.postMessage") if (c.body.get("text") or "").startswith("Did ")
    ]
    assert len(reminder) == 1 and reminder[0].headers["Authorization"] == "Bearer xoxb-north-token"

    revoked = p.event_callback(
        {"type": "tokens_revoked", "tokens": {"bot": ["UBT0NORTH"]}}, team_id="T0NORTH"
    )
    assert (await bot_http.event(revoked)).status == 200
    await bot_http.settle()
    assert await store.async_find_bot(enterprise_id=None, team_id="T0NORTH") is None
    assert not deps.stop.is_set()


async def test_a_forged_or_replayed_state_is_refused(bot_http, fake_slack):
    state = await install(bot_http, fake_slack, "T0NORTH")
    for bad in (state, state[:-1] + ("0" if state[-1] != "0" else "1")):  # used once already / tampered
        async with bot_http.session.get(
            bot_http.base_url + "/slack/oauth_redirect",
            params={"code": "again", "state": bad},
            headers={"Cookie": f"slack-app-oauth-state={bad}"},
        ) as res:
            assert res.status >= 400
    assert len(fake_slack.calls("oauth.v2.access")) == 1


def test_scopes_match_the_manifest():
    import yaml

    manifest = yaml.safe_load((Path(__file__).resolve().parents[2] / "app_manifest.yml").read_text())
    assert set(SCOPES) == set(manifest["oauth_config"]["scopes"]["bot"])


async def test_staff_by_a_workspaces_own_user_group(bot_http, fake_slack):
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)
    fake_slack.set_usergroup("S0SOUTHCC", ["U0COUNSELOR"])
    await asyncio.to_thread(bot_http.store.store.set_workspace_staff, "T0SOUTH", usergroup="S0SOUTHCC")
    south = await command(bot_http, fake_slack, "T0SOUTH", "U0COUNSELOR")
    assert "Invite Check summary for the last 30 days" in south.body["text"]
    groups = fake_slack.calls("usergroups.users.list")
    assert groups and groups[-1].headers["Authorization"] == "Bearer xoxb-south-token"
    north = await command(bot_http, fake_slack, "T0NORTH", "U0COUNSELOR")  # not staff at the other school
    assert "only for career-center staff" in north.body["text"]


async def test_a_reinstall_by_a_student_makes_nobody_staff(bot_http, fake_slack):
    await install(bot_http, fake_slack, "T0NORTH")
    # the operator hands staff to a user group only: the workspace's ID list is empty
    fake_slack.set_usergroup("S0NORTHCC", ["U0COUNSELOR"])
    await asyncio.to_thread(
        bot_http.store.store.set_workspace_staff, "T0NORTH", user_ids=[], usergroup="S0NORTHCC"
    )
    await install(bot_http, fake_slack, "T0NORTH", installer="U0NSTUDENT")  # a student reinstalls
    refused = await command(bot_http, fake_slack, "T0NORTH", "U0NSTUDENT")
    assert "only for career-center staff" in refused.body["text"]
    assert (await bot_http.store.workspace("T0NORTH"))["staff_user_ids"] == []
    assert (
        "Invite Check summary" in (await command(bot_http, fake_slack, "T0NORTH", "U0COUNSELOR")).body["text"]
    )


@pytest.mark.settings(**OAUTH, invite_check_db_timeout=1)
async def test_a_database_outage_is_not_called_a_lost_installation(bot_http, fake_slack, pg_url):
    """The workspace's token can't be read (its table is held locked, as a stuck database would):
    the student is told to try again later, within the bound, not to reinstall the app."""
    import psycopg

    await install(bot_http, fake_slack, "T0NORTH")
    with psycopg.connect(pg_url) as conn:
        conn.execute("LOCK TABLE slack_bots IN ACCESS EXCLUSIVE MODE")
        reply = await asyncio.wait_for(
            bot_http.command(text="history", user_id="U0NSTUDENT", team_id="T0NORTH"), 10
        )
        told = await fake_slack.wait_for("response_url")
        conn.rollback()
    assert reply.status == 200
    assert "try again in a few minutes" in told.body["text"] and "reinstall" not in told.body["text"]
    assert bot_http.take_errors()  # Bolt logs the missing token as an error


async def test_install_links_nobody_used_are_cleaned_up(bot_http, fake_slack, pg_url):
    """Every GET /slack/install issues a state row; rows past their time go, looked up by index."""
    import psycopg

    def states(sql: str = "SELECT count(*) FROM slack_oauth_states") -> int:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            return conn.execute(sql).fetchone()[0]

    for _ in range(5):  # unauthenticated visitors who never come back
        async with bot_http.session.get(bot_http.base_url + "/slack/install") as res:
            assert res.status == 200
    assert await asyncio.to_thread(states) == 5
    await asyncio.to_thread(  # ... and their links' time runs out
        states,
        f"WITH aged AS (UPDATE slack_oauth_states SET expire_at = expire_at - interval '{STATE_TTL + 1} seconds' RETURNING 1) SELECT count(*) FROM aged",
    )
    await install(bot_http, fake_slack, "T0NORTH")  # the next visitor installs
    assert await asyncio.to_thread(states) == 0  # the five old links are gone, the used one too
    indexed = await asyncio.to_thread(
        states,
        "SELECT count(*) FROM pg_indexes WHERE tablename = 'slack_oauth_states'"
        " AND indexdef LIKE '%(state)%' AND schemaname = current_schema()",
    )
    assert indexed == 1


async def test_a_rate_limited_auth_test_never_holds_an_ack(bot_http, fake_slack):
    """Each workspace's token is checked with auth.test once; later requests are authorized from the
    cache, so a 429 from auth.test (Retry-After 3 s) cannot keep a request past Slack's 3 s."""
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)
    installed = len(fake_slack.calls("auth.test"))  # the OAuth flow asks once per install
    for team in SCHOOLS:  # each workspace's first request checks its token
        reply = await bot_http.command(text="help", user_id=f"U0STUDENT{team[2:]}", team_id=team)
        assert reply.status == 200
    checked = len(fake_slack.calls("auth.test"))
    assert checked == installed + len(SCHOOLS)
    fake_slack.fail("auth.test", status=429, headers={"Retry-After": "3"}, times=None)
    for team in [*SCHOOLS, *SCHOOLS]:
        reply = await bot_http.command(text="help", user_id=f"U0STUDENT{team[2:]}", team_id=team)
        assert reply.status == 200 and "invitation" in reply.text.lower(), reply.text
        assert reply.elapsed < 3.0
    assert len(fake_slack.calls("auth.test")) == checked


async def test_reminders_of_an_uninstalled_workspace_do_not_crowd_out_the_others(bot_http, fake_slack, clock):
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)
    event = p.event_callback({"type": "app_uninstalled"}, team_id="T0SOUTH")
    assert (await bot_http.event(event)).status == 200
    await bot_http.settle()
    now = clock.now()
    due = {"decision": "replied_first", "recommendation": "reply_first"}
    orphans = [  # due before north's, so each pass reaches them first
        record(n, "T0SOUTH", now, **due, followup=Followup(remind_at=now - timedelta(hours=2), about="Jo"))
        for n in range(1000)
    ]
    north = record(
        1, "T0NORTH", now, **due, followup=Followup(remind_at=now - timedelta(minutes=1), about="Jo")
    )
    await bot_http.store.upsert_many([*orphans, north])
    fake_slack.set_user("UNORTH001", tz="", tz_offset=0)  # Monday 15:00 UTC: working hours
    sent = 0
    for _ in range(3):  # three passes, a minute apart, as the reminder loop runs them
        sent += await jobs.deliver_due(bot_http.deps, bot_http.app.client)
        clock.advance(minutes=1)
    assert sent == 1
    [reminder] = [c for c in fake_slack.calls("chat.postMessage") if c.body.get("channel") == "UNORTH001"]
    assert reminder.headers["Authorization"] == "Bearer xoxb-north-token"
    left = [r for r in await bot_http.store.list(team_id="T0SOUTH") if r.followup and r.followup.remind_at]
    assert left == []  # nobody can post them any more: they ended instead of staying due


@pytest.mark.settings(**OAUTH, invite_check_staff_usergroup="S0PROVIDER")
async def test_a_failed_provider_group_lookup_in_one_school_locks_no_one_out_elsewhere(bot_http, fake_slack):
    """The provider's user group (staff in every workspace) is looked up in the workspace asking, with
    its own token, and a failure there is that workspace's alone."""
    for team in SCHOOLS:
        await install(bot_http, fake_slack, team)

    def members(call):  # the group is not visible from the south school's token
        if call.headers.get("Authorization") == "Bearer xoxb-south-token":
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": ["U0PROVIDER"]}

    fake_slack.set_response("usergroups.users.list", members)
    south = await command(bot_http, fake_slack, "T0SOUTH", "U0PROVIDER")
    assert "only for career-center staff" in south.body["text"]
    north = await command(bot_http, fake_slack, "T0NORTH", "U0PROVIDER")
    assert "Invite Check summary for the last 30 days" in north.body["text"], north.body["text"]
    lookups = fake_slack.calls("usergroups.users.list")
    assert [c.headers["Authorization"] for c in lookups] == [
        "Bearer xoxb-south-token",
        "Bearer xoxb-north-token",
    ]
