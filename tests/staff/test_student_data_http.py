"""`/invite-check history` and `/invite-check delete`: a student's own records, through the HTTP path."""

from __future__ import annotations

import json

from staff_seed import ANA, BEN, EVE, seed


async def command(bot_http, fake_slack, text, user_id):
    n = len(fake_slack.calls("response_url"))
    status, _ = await bot_http.command("/invite-check", text, user_id=user_id)
    assert status == 200
    return await fake_slack.wait_for("response_url", count=n + 1)


async def test_history_lists_only_the_students_own_checks_privately(bot_http, fake_slack):
    await seed(bot_http.store)
    call = await command(bot_http, fake_slack, "history", ANA)
    assert call.body["response_type"] == "ephemeral"
    assert "3 of 3" in call.body["text"]
    blocks = call.body["blocks"]
    lines = [
        b["text"]["text"] for b in blocks if b["type"] == "section" and "Recommended:" in b["text"]["text"]
    ]
    assert len(lines) == 3 and "<@" not in json.dumps(blocks)

    ben = await command(bot_http, fake_slack, "History", BEN)
    assert "2 of 2" in ben.body["text"]
    assert "Meet first" in json.dumps(ben.body["blocks"]) and "Accepted" not in json.dumps(ben.body["blocks"])


async def test_history_without_checks(bot_http, fake_slack):
    call = await command(bot_http, fake_slack, "history", "U0NOBODY1")
    assert "no stored checks" in call.body["text"]


async def test_delete_asks_first_then_deletes_everything_of_theirs_for_good(bot_http, fake_slack):
    await seed(bot_http.store)
    prompt = await command(bot_http, fake_slack, "delete", ANA)
    assert "all 3 of your checks" in prompt.body["text"]
    assert await bot_http.store.count() == 8  # nothing deleted before the confirmation
    await bot_http.click(prompt, "student_delete_confirm", user_id=ANA)
    done = await fake_slack.wait_for("response_url", count=2)
    assert done.body["replace_original"] is True and "Deleted 3 check(s)" in done.body["text"]
    assert await bot_http.store.list(user_id=ANA) == []
    remaining = {r.id for r in await bot_http.store.list()}
    assert remaining == {"r3", "r4", "r5", "r6", "x1"}
    history = await command(bot_http, fake_slack, "history", ANA)
    assert "no stored checks" in history.body["text"]
    await bot_http.restart()  # really gone from the file, not just from memory
    assert await bot_http.store.list(user_id=ANA) == []
    assert {r.id for r in await bot_http.store.list()} == remaining


async def test_cancel_keeps_everything(bot_http, fake_slack):
    await seed(bot_http.store)
    prompt = await command(bot_http, fake_slack, "delete", BEN)
    await bot_http.click(prompt, "student_delete_cancel", user_id=BEN)
    done = await fake_slack.wait_for("response_url", count=2)
    assert "nothing was deleted" in done.body["text"] and done.body["replace_original"] is True
    assert await bot_http.store.count() == 8


async def test_a_delete_button_clicked_by_someone_else_deletes_only_the_clickers_records(
    bot_http, fake_slack
):
    await seed(bot_http.store)
    prompt = await command(bot_http, fake_slack, "delete", ANA)
    await bot_http.click(prompt, "student_delete_confirm", user_id=BEN)  # a replayed/forwarded payload
    done = await fake_slack.wait_for("response_url", count=2)
    assert "Deleted 2 check(s)" in done.body["text"]
    assert len(await bot_http.store.list(user_id=ANA)) == 3
    assert await bot_http.store.list(user_id=BEN) == []
    assert [r.id for r in await bot_http.store.list(user_id=EVE)] == ["x1"]


async def test_delete_with_nothing_stored_offers_no_button(bot_http, fake_slack):
    call = await command(bot_http, fake_slack, "delete", "U0NOBODY1")
    assert "nothing to delete" in call.body["text"]
    assert not [b for b in call.body["blocks"] if b["type"] == "actions"]
