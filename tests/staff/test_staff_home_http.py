"""The App Home for staff and for students, through the real HTTP server and the fake Slack."""

from __future__ import annotations

import json
import re

import payloads as p
import pytest
from staff_seed import ANA, BEN, CAL, DAN, EVE, seed

MENTION = re.compile(r"<@(U[A-Z0-9]+)>")


async def open_home(bot_http, fake_slack, user_id):
    n = len(fake_slack.calls("views.publish"))
    status, _ = await bot_http.event(p.app_home_opened(user_id=user_id))
    assert status == 200
    call = await fake_slack.wait_for("views.publish", count=n + 1)
    assert call.ok and call.body["user_id"] == user_id
    return call


def dump(call) -> str:
    return json.dumps(call.body["view"]["blocks"])


@pytest.mark.settings(invite_check_staff_view="named")
async def test_staff_home_shows_the_dashboard_and_recent_checks_with_a_period_selector(bot_http, fake_slack):
    await seed(bot_http.store)
    call = await open_home(bot_http, fake_slack, p.STAFF)
    view = call.body["view"]
    assert view["type"] == "home"
    text = dump(call)
    assert "*Checks*\\n5" in text and "100% of 3 final decision" in text
    assert "Checks per week" in text
    # the most recent checks of the default 30 days, newest first, as mentions
    assert MENTION.findall(text) == [ANA, BEN, ANA, BEN, CAL]
    assert EVE not in text and DAN not in text
    assert "Recommended *Checklist not finished*" in text and "decided *Suggested meeting*" in text
    assert "follow-up: Replied and explained" in text
    block, select = p.find_element(view["blocks"], "home_period")
    assert select["initial_option"]["value"] == "30d"
    p.find_element(view["blocks"], "staff_export")

    await bot_http.click(call, "home_period", value="all", user_id=p.STAFF)
    again = await fake_slack.wait_for("views.publish", count=2)
    text = dump(again)
    assert "*Checks*\\n7" in text and MENTION.findall(text).count(DAN) == 1
    assert p.find_element(again.body["view"]["blocks"], "home_period")[1]["initial_option"]["value"] == "all"
    assert p.find_element(again.body["view"]["blocks"], "staff_export")[1]["value"] == "all"
    # the choice sticks when the Home is opened again
    third = await open_home(bot_http, fake_slack, p.STAFF)
    assert "*Checks*\\n7" in dump(third)


async def test_staff_can_export_from_the_home(bot_http, fake_slack):
    await seed(bot_http.store)
    call = await open_home(bot_http, fake_slack, p.STAFF)
    await bot_http.click(call, "staff_export", user_id=p.STAFF)
    complete = await fake_slack.wait_for("files.completeUploadExternal")
    assert complete.ok
    await bot_http.settle()
    assert fake_slack.calls("response_url") == []  # a Home click has no response_url: the file is the answer


async def test_student_home_shows_only_their_own_checks(bot_http, fake_slack):
    await seed(bot_http.store)
    call = await open_home(bot_http, fake_slack, ANA)
    text = dump(call)
    assert "<@" not in text and "dashboard" not in text and "*Checks*" not in text
    blocks = call.body["view"]["blocks"]
    record_lines = [b for b in blocks if b["type"] == "section" and "Recommended:" in b["text"]["text"]]
    assert len(record_lines) == 3  # r1, r2 and the 400-day-old r7: ANA's own, nobody else's
    assert "Accept" in record_lines[0]["text"]["text"] and "Accepted" in record_lines[0]["text"]["text"]
    assert p.find_element(blocks, "ic_start")[1]["text"]["text"] == "Check an invite"
    assert p.find_element(blocks, "home_delete")[1]["confirm"]["style"] == "danger"

    other = await open_home(bot_http, fake_slack, BEN)
    lines = [
        b
        for b in other.body["view"]["blocks"]
        if b["type"] == "section" and "Recommended:" in b["text"]["text"]
    ]
    assert len(lines) == 2 and "Meet first" in json.dumps(lines) and "Accept" not in json.dumps(lines)


async def test_a_new_student_sees_an_empty_home_without_delete(bot_http, fake_slack):
    call = await open_home(bot_http, fake_slack, "U0NEWBIE1")
    assert "No checks yet" in dump(call)
    with pytest.raises(AssertionError):
        p.find_element(call.body["view"]["blocks"], "home_delete")


async def test_check_an_invite_on_the_home_opens_the_modal(bot_http, fake_slack):
    call = await open_home(bot_http, fake_slack, ANA)
    await bot_http.click(call, "ic_start", user_id=ANA)
    opened = await fake_slack.wait_for("views.open")
    assert opened.body["view"]["type"] == "modal"


async def test_delete_my_data_from_the_home_deletes_for_real_and_only_theirs(bot_http, fake_slack):
    await seed(bot_http.store)
    call = await open_home(bot_http, fake_slack, ANA)
    await bot_http.click(call, "home_delete", user_id=ANA)
    again = await fake_slack.wait_for("views.publish", count=2)
    assert "Deleted 3 check(s)" in dump(again) and "No checks yet" in dump(again)
    assert await bot_http.store.list(user_id=ANA) == []
    assert {r.id for r in await bot_http.store.list()} == {"r3", "r4", "r5", "r6", "x1"}
    await bot_http.restart()  # durable: still gone after reopening the file
    assert await bot_http.store.list(user_id=ANA) == []
    assert await bot_http.store.count() == 5


async def test_messages_tab_is_left_alone(bot_http, fake_slack):
    await bot_http.event(p.app_home_opened(user_id=ANA, tab="messages"))
    await bot_http.settle()
    assert fake_slack.calls("views.publish") == []
