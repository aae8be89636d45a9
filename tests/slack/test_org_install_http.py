"""An app installed org-wide on Enterprise Grid: the payloads name no workspace where Bolt looks
(`authorizations[0].team_id` null, `team` null), yet each check is filed under the student's own
workspace, taken from the body; a payload that names none is refused, not filed under a made-up one.

The payloads are shaped like those in Slack's own SDK tests for org-wide installs.
"""

from __future__ import annotations

import logging

import payloads as p
import pytest
from walk import one_card_click

from bot.slack.views import student as bk
from bot.slack.workspace import REFUSED_TEXT

ENTERPRISE = "E0000GRID"
INVITE = "Hi Sam, I'm a recruiter at Northwind hiring data science interns. Let's connect!"


def org_wide(envelope: dict) -> dict:
    """An Events API envelope as an org-wide install receives it."""
    envelope["enterprise_id"] = ENTERPRISE
    envelope["context_enterprise_id"] = ENTERPRISE
    envelope["authorizations"] = [
        {
            "enterprise_id": ENTERPRISE,
            "team_id": None,
            "user_id": p.BOT_USER_ID,
            "is_bot": True,
            "is_enterprise_install": True,
        }
    ]
    return envelope


def org_interaction(payload: dict) -> dict:
    """An interactivity payload as an org-wide install receives it: no `team`, the user's own team."""
    payload["team"] = None
    payload["enterprise"] = {"id": ENTERPRISE, "name": "Grid University"}
    payload["is_enterprise_install"] = True
    payload["user"] = {**payload["user"], "team_id": p.TEAM_ID}
    if "view" in payload:  # the organisation holds the install; the view still names its workspace
        payload["view"] = {**payload["view"], "team_id": p.TEAM_ID, "app_installed_team_id": ENTERPRISE}
    return payload


@pytest.fixture
def bolt_warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING, logger="slack_bolt")
    return caplog


def _not_valid_argument(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "is not a valid argument" in r.getMessage()]


async def test_a_dm_and_its_clicks_are_filed_under_the_students_workspace(
    bot_http, fake_slack, bolt_warnings
):
    status, _ = await bot_http.event(org_wide(p.event_callback(p.message_im(INVITE))))
    assert status == 200
    card = await fake_slack.wait_for("chat.postMessage")
    await bot_http.settle()
    [record] = await bot_http.store.list(team_id=p.TEAM_ID)
    assert record.user_id == p.STUDENT
    assert await bot_http.store.list(team_id="unknown") == []

    # "Looks right" on that card, from the same org-wide install, moves the same check on
    payload = one_card_click(card)
    assert (await bot_http.action(org_interaction(payload))).status == 200
    await bot_http.settle()
    assert fake_slack.last("chat.update").body["text"].startswith("Invite check, step")  # not "expired"
    assert await bot_http.store.list(team_id="unknown") == []
    assert _not_valid_argument(bolt_warnings) == []


@pytest.mark.settings(invite_check_store_invite_text=True)
async def test_the_modal_from_an_org_wide_install_is_filed_under_the_views_workspace(
    bot_http, fake_slack, bolt_warnings
):
    payload = org_interaction(p.view_submission(bk.invite_modal(), {bk.B_TEXT: INVITE}))
    assert (await bot_http.action(payload)).status == 200
    await fake_slack.wait_for("chat.postMessage")
    await bot_http.settle()
    [record] = await bot_http.store.list(team_id=p.TEAM_ID)
    assert record.user_id == p.STUDENT
    assert await bot_http.store.list(team_id="unknown") == []
    assert await bot_http.store.list(team_id=ENTERPRISE) == []
    assert _not_valid_argument(bolt_warnings) == []


async def test_an_org_wide_payload_that_names_no_workspace_is_refused(bot_http, fake_slack, caplog):
    caplog.set_level(logging.WARNING, logger="bot.slack.workspace")
    payload = org_interaction(p.global_shortcut("check_invite"))
    del payload["user"]["team_id"]
    reply = await bot_http.action(payload)
    assert reply.status == 200
    await bot_http.settle()
    assert fake_slack.calls("views.open") == []  # nothing done on behalf of an unknown workspace
    assert any("names no workspace" in r.getMessage() for r in caplog.records)

    command = p.slash_command(text=INVITE, response_url=fake_slack.response_url())
    command.update(team_id="", is_enterprise_install="true", enterprise_id=ENTERPRISE)
    reply = await bot_http.form(command)
    assert reply.status == 200 and reply.text == REFUSED_TEXT
    await bot_http.settle()
    assert fake_slack.calls("chat.postMessage") == []
    assert await bot_http.store.list(team_id="unknown") == []
