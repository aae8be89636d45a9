"""SIGTERM on `python -m bot serve` (HTTP mode): in-flight work finishes, the store is flushed and closed,
the process exits 0. The real process, pointed at the fake Slack through SLACK_API_URL."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

import payloads as p
from aiohttp import ClientError, ClientSession
from fakeslack import BotHttp

from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.slack.views import codec as st
from bot.slack.views import student as bk
from bot.store import DecisionRecord, Signals, open_store

SECRET = "test-secret"
WID = "shutdown0test0wid0000000000000001"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_bot(fake_slack, tmp_path: Path, port: int) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_slack.api_url,
        PORT=str(port),
        INVITE_CHECK_DB_PATH=str(tmp_path / "db.json"),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def wait_healthy(session: ClientSession, port: int, proc) -> None:
    for _ in range(200):
        if proc.returncode is not None:
            raise AssertionError(f"the bot exited early: {(await proc.stderr.read()).decode()}")
        try:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as res:
                if res.status == 200:
                    return
        except ClientError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError("the bot never answered /healthz")


def decide_click() -> dict:
    """A "What did you do?" click on a finished checklist, as Slack sends it."""
    content = load_content(DEFAULT_PROMPTS)
    answers = dict(next(iter(content.combinations())))
    value = st.encode(st.WalkState(w=WID, a=answers, s=st.WalkSignals(i="recruiter", n="Jordan Rivera")))
    action = p.button_action(bk.A_DECIDE + "accepted", value, block_id="decide")
    return p.block_actions([action], message=p.bot_message(ts="1700000000.000100"))


def started_check(wid: str) -> DecisionRecord:
    """The record the walkthrough's start wrote (a decision only updates a stored check)."""
    now = datetime.now(UTC)
    return DecisionRecord(
        id=wid,
        created_at=now,
        updated_at=now,
        team_id=p.TEAM_ID,
        user_id=p.STUDENT,
        answers={},
        recommendation="pending",
        signals=Signals(intent="recruiter", custom_message=False, claims_prior_contact=False),
    )


async def test_sigterm_lets_in_flight_work_finish_and_closes_the_store(fake_slack, tmp_path):
    with open_store(tmp_path / "db.json") as store:
        store.upsert(started_check(WID))
    port = free_port()
    proc = await start_bot(fake_slack, tmp_path, port)
    try:
        async with ClientSession() as session:
            await wait_healthy(session, port, proc)
            client = BotHttp(fake_slack, SECRET)
            client.base_url, client.session = f"http://127.0.0.1:{port}", session
            # The decision click: acked at once, then users.info (slow here), the store, then chat.update.
            fake_slack.delay("users.info", 1.5)
            reply = await client.action(decide_click())
            assert reply.status == 200 and reply.elapsed < 1.5
            for _ in range(100):
                if fake_slack.calls("users.info"):
                    break
                await asyncio.sleep(0.02)
            assert fake_slack.in_flight, "the click's Slack call should be in flight"
            proc.send_signal(signal.SIGTERM)
            returncode = await asyncio.wait_for(proc.wait(), timeout=20)
        stderr = (await proc.stderr.read()).decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()

    assert returncode == 0, stderr
    # The in-flight work finished: Slack's answer arrived, the card was updated, the decision is stored.
    assert [c.status for c in fake_slack.calls("users.info")] == [200]
    update = fake_slack.last("chat.update")
    assert update.ok and "Recorded" in json.dumps(update.body["blocks"])
    with open_store(tmp_path / "db.json") as store:  # the data file loads, with the decision in it
        record = store.get(WID)
        assert record is not None and record.decision == "accepted"
    assert "Traceback" not in stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("ts=") for ln in lines), stderr  # one logfmt line per record
    assert any("Stopped cleanly" in ln for ln in lines)
    assert any("kind=action" in ln and "status=200" in ln for ln in lines)  # the request line
    assert "xoxb-test" not in stderr


async def test_sigterm_when_idle_exits_zero_fast(fake_slack, tmp_path):
    port = free_port()
    proc = await start_bot(fake_slack, tmp_path, port)
    try:
        async with ClientSession() as session:
            await wait_healthy(session, port, proc)
        started = asyncio.get_running_loop().time()
        proc.send_signal(signal.SIGTERM)
        returncode = await asyncio.wait_for(proc.wait(), timeout=20)
        assert asyncio.get_running_loop().time() - started < 5
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert returncode == 0, (await proc.stderr.read()).decode()
    with open_store(tmp_path / "db.json") as store:
        assert store.count() == 0
