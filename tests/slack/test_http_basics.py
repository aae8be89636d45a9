"""What the HTTP server and the harness guarantee, independent of the walkthrough listeners."""

from __future__ import annotations

import json

import aiohttp
import payloads as p
import pytest
from fakeslack import FakeSlack


# -- the app's HTTP endpoint ---------------------------------------------------------------------
async def test_healthz_answers_200(bot_http):
    status, body = await bot_http.get("/healthz")
    assert (status, body) == (200, {"ok": True})


@pytest.mark.parametrize("sign", ["none", "bad", "stale"])
async def test_requests_not_signed_by_slack_are_refused(bot_http, fake_slack, sign):
    status, _ = await bot_http.command(text="hello", sign=sign)
    assert status == 401
    await bot_http.settle()
    assert fake_slack.calls() == []  # refused before any work, not even auth.test


async def test_url_verification_echoes_the_challenge(bot_http):
    status, body = await bot_http.event(p.url_verification("challenge-123"))
    assert status == 200
    assert body == {"challenge": "challenge-123"}


async def test_signed_command_reaches_bolt_which_asks_the_fake_who_it_is(bot_http, fake_slack):
    status, _ = await bot_http.command(text="Hi, I'd like to connect")
    assert status in (200, 404)  # 404 until a /invite-check listener is registered
    auth = await fake_slack.wait_for("auth.test")
    assert auth.ok
    assert auth.headers["Authorization"] == "Bearer xoxb-test"
    bot_http.take_errors()  # placeholder listeners may complain; walkthrough tests check behaviour


async def test_restart_serves_again_on_the_same_db_file(bot_http):
    db_path = bot_http.settings.invite_check_db_path
    await bot_http.restart()
    status, _ = await bot_http.get("/healthz")
    assert status == 200
    assert bot_http.settings.invite_check_db_path == db_path
    assert await bot_http.store.count() == 0  # reopened, not locked by the first instance


async def test_settle_waits_for_work_after_the_ack(bot_http, fake_slack):
    fake_slack.delay("auth.test", 0.2)
    await bot_http.command(text="hello")
    await bot_http.settle()
    assert fake_slack.in_flight == 0
    assert fake_slack.last("auth.test").done
    bot_http.take_errors()


# -- the fake Slack Web API ----------------------------------------------------------------------
async def post(
    fake: FakeSlack,
    method: str,
    *,
    form: dict | None = None,
    json_body: dict | None = None,
    token: str = "xoxb-test",
) -> tuple[int, dict]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            fake.api_url + method,
            data=form,
            json=json_body,
            headers={"Authorization": f"Bearer {token}"},
        ) as res,
    ):
        return res.status, await res.json()


async def test_fake_records_json_and_form_bodies_with_json_fields_decoded(fake_slack):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hi*"}}]
    _, answer = await post(
        fake_slack,
        "chat.postMessage",
        form={"channel": "U0STUDENT", "text": "Hi", "blocks": json.dumps(blocks)},
    )
    assert answer["ok"] and answer["channel"] == "D0STUDENT"  # the app's DM with U0STUDENT
    assert fake_slack.last("chat.postMessage").body["blocks"] == blocks
    _, second = await post(fake_slack, "chat.postMessage", json_body={"channel": "C1", "text": "x"})
    assert float(second["ts"]) > float(answer["ts"])
    assert [c.method for c in fake_slack.calls()] == ["chat.postMessage", "chat.postMessage"]
    assert fake_slack.message("C1", second["ts"])["text"] == "x"


async def test_fake_rejects_wrong_tokens_and_unknown_methods(fake_slack):
    assert (await post(fake_slack, "auth.test", token="xoxb-other"))[1]["error"] == "invalid_auth"
    assert (await post(fake_slack, "no.such.method"))[1] == {
        "ok": False,
        "error": "unknown_method",
        "req_method": "no.such.method",
    }
    assert fake_slack.last("no.such.method").status == 200


async def test_fake_answers_like_slack_on_block_kit_violations_and_fails_the_test(fake_slack):
    too_long = {"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}
    _, answer = await post(fake_slack, "chat.postMessage", json_body={"channel": "C1", "blocks": [too_long]})
    assert answer["error"] == "invalid_blocks"
    assert any("header text" in v for v in fake_slack.violations)
    assert any("fallback" in v for v in fake_slack.violations)  # no `text`
    fake_slack.violations.clear()  # expected here; otherwise the fixture fails the test


async def test_scripted_failures_apply_the_given_number_of_times(fake_slack):
    fake_slack.fail("users.info", status=500, times=2)
    fake_slack.set_user("U1", tz="Europe/Berlin", tz_offset=3600, first_name="Ana")
    results = [await post(fake_slack, "users.info", form={"user": "U1"}) for _ in range(3)]
    assert [status for status, _ in results] == [500, 500, 200]
    user = results[2][1]["user"]
    assert (user["tz"], user["tz_offset"], user["profile"]["first_name"]) == ("Europe/Berlin", 3600, "Ana")


async def test_wait_for_times_out_with_the_calls_it_saw(fake_slack):
    await post(fake_slack, "auth.test")
    with pytest.raises(AssertionError, match="auth.test"):
        await fake_slack.wait_for("chat.postMessage", timeout=0.05)


async def test_the_apps_client_retries_a_429_after_retry_after(make_settings, fake_slack, instant_retries):
    from bot.slack.app import build_client

    fake_slack.fail("chat.postMessage", status=429, headers={"Retry-After": "1"}, times=1)
    client = build_client(make_settings())
    response = await client.chat_postMessage(channel="C0GENERAL", text="hello")
    assert response["ok"]
    assert [c.status for c in fake_slack.calls("chat.postMessage")] == [429, 200]
    assert instant_retries and 1 <= instant_retries[0] < 2  # Retry-After honoured (plus jitter)


async def test_the_apps_client_retries_5xx_and_dropped_connections(
    make_settings, fake_slack, instant_retries
):
    from bot.slack.app import build_client

    fake_slack.fail("chat.update", status=503, times=1)
    fake_slack.drop("chat.update", times=1)
    client = build_client(make_settings())
    response = await client.chat_update(channel="C0GENERAL", ts="1.000001", text="edited")
    assert response["ok"]
    assert [c.status for c in fake_slack.calls("chat.update")] == [0, 503, 200]


async def test_files_upload_v2_round_trip(make_settings, fake_slack):
    from bot.slack.app import build_client

    client = build_client(make_settings())
    response = await client.files_upload_v2(
        channel="D0STAFF",
        filename="export.csv",
        content="a,b\n1,2\n",
        title="Export",
        initial_comment="Your export",
    )
    assert response["ok"]
    (record,) = fake_slack.files.values()
    assert record["content"] == b"a,b\n1,2\n"
    assert (record["channel_id"], record["title"]) == ("D0STAFF", "Export")
    assert fake_slack.last("upload").status == 200


async def test_response_url_is_recorded_and_limited_to_five_posts(fake_slack):
    url = fake_slack.response_url()
    async with aiohttp.ClientSession() as session:
        statuses = []
        for _ in range(6):
            async with session.post(url, json={"text": "ok", "replace_original": True}) as res:
                statuses.append(res.status)
    assert statuses == [200] * 5 + [404]
    assert len(fake_slack.calls("response_url")) == 6
