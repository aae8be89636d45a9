"""PostgreSQL restarting or freezing under a running app, through signed HTTP and a real server
(tests/pgtest.py): the next requests after a restart are served, a frozen database makes students
hear within the configured bound that nothing was saved, `/healthz` says so, and shutdown ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import payloads as p
import psutil
import psycopg
import pytest
from aiohttp import ClientSession
from fakeslack import BotHttp
from test_shutdown import SECRET, free_port, wait_healthy
from walk import RECRUITER, Walk

from bot.slack import faults
from bot.slack.views import student as bk

pytestmark = pytest.mark.postgres
BOUND = 1  # INVITE_CHECK_DB_TIMEOUT of the tests that hold a lock
ROOT = str(Path(__file__).resolve().parents[2])


@contextlib.contextmanager
def stuck(url: str, table: str = "decisions") -> Iterator[None]:
    """The table as a stuck database leaves it: every statement on it waits (another session holds
    it locked) until the block ends."""
    with psycopg.connect(url) as conn:
        conn.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        try:
            yield
        finally:
            conn.rollback()


def terminate_backends(url: str) -> int:
    """What a server restart does to the app's pooled connections: every other session is killed."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
            " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


async def history(bot_http, fake, times: int = 1) -> list:
    """`/invite-check history` sent `times` at once (each reads the store); the replies, in order."""
    before = len(fake.calls("response_url"))
    replies = await asyncio.gather(*(bot_http.command(text="history") for _ in range(times)))
    assert all(reply.status == 200 for reply in replies)
    await fake.wait_for("response_url", count=before + times)
    return fake.calls("response_url")[before:]


@contextlib.contextmanager
def frozen(pg_server) -> Iterator[None]:
    """The whole PostgreSQL server stopped in its tracks (SIGSTOP of the postmaster and every backend):
    connections stay open and nothing answers, until the block ends."""
    postmaster = psutil.Process(int((pg_server.root / "pgdata" / "postmaster.pid").read_text().split()[0]))
    processes = [postmaster, *postmaster.children(recursive=True)]
    try:
        for process in processes:
            process.suspend()
        yield
    finally:
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.resume()


async def test_the_first_requests_after_a_database_restart_are_served(bot_http, fake_slack, pg_url):
    await history(bot_http, fake_slack, times=8)  # several pooled connections open
    assert await asyncio.to_thread(terminate_backends, pg_url) >= 1
    answers = await history(bot_http, fake_slack, times=10)
    assert [a.body["text"] for a in answers] == [
        "You have no stored checks. Use `/invite-check` to check an invitation."
    ] * 10


@pytest.mark.settings(invite_check_db_timeout=BOUND)
async def test_a_click_on_a_stuck_database_is_answered_within_the_bound(bot_http, fake_slack, pg_url):
    walk = Walk(bot_http, fake_slack)
    card = await walk.to_card()
    with stuck(pg_url):
        before = len(fake_slack.calls("response_url"))
        started = time.monotonic()
        status, _ = await bot_http.click(card, action_id=bk.A_DECIDE + "replied_first")
        assert status == 200
        told = await fake_slack.wait_for("response_url", count=before + 1)
        assert told.body["text"] == faults.STORE_TROUBLE
        assert time.monotonic() - started < BOUND + 2
        health = await bot_http.get("/healthz")
        assert health.status == 503 and health.body["ok"] is False
        await bot_http.settle()
    assert (await bot_http.get("/healthz")).status == 200
    assert (await walk.record()).decision is None  # nothing was saved
    await walk.decide(fresh=False)  # the same click, once the database answers, records the decision
    assert (await walk.record()).decision == "replied_first"


@pytest.mark.settings(invite_check_db_timeout=BOUND)
async def test_a_dm_on_a_stuck_database_is_answered(bot_http, fake_slack, pg_url):
    with stuck(pg_url):
        status, _ = await bot_http.event(p.message_im(RECRUITER))
        assert status == 200
        told = await fake_slack.wait_for("chat.postMessage")
        assert told.body["channel"] == p.STUDENT_DM and told.body["text"] == faults.STORE_TROUBLE
        await bot_http.settle()
    status, _ = await bot_http.event(p.message_im(RECRUITER))  # sent again once the database answers
    card = await fake_slack.wait_for("chat.postMessage", count=2)
    assert card.body.get("blocks") and card.body["text"] != faults.STORE_TROUBLE


async def test_a_frozen_database_fails_health_and_never_holds_shutdown(
    fake_slack, pg_server, pg_url, tmp_path
):
    """`python -m bot serve` on a database that stops answering: the student hears within the bound,
    /healthz turns 503, and SIGTERM still ends the process."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_slack.api_url,
        PORT=str(port),
        DATABASE_URL=pg_url,
        INVITE_CHECK_DB_TIMEOUT=str(BOUND),
        INVITE_CHECK_DB_POOL_SIZE="2",
        PYTHONPATH=ROOT,
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        async with ClientSession() as session:
            await wait_healthy(session, port, proc)
            client = BotHttp(fake_slack, SECRET)
            client.base_url, client.session = f"http://127.0.0.1:{port}", session
            with frozen(pg_server):
                replies = await asyncio.gather(*(client.command(text="history") for _ in range(3)))
                assert all(reply.status == 200 for reply in replies)
                told = await fake_slack.wait_for("response_url", count=3, timeout=BOUND + 4)
                assert told.body["text"] == faults.STORE_TROUBLE
                async with session.get(client.base_url + "/healthz") as res:
                    assert res.status == 503
                started = time.monotonic()
                proc.send_signal(signal.SIGTERM)
                returncode = await asyncio.wait_for(proc.wait(), timeout=15)
                assert time.monotonic() - started < 4 * BOUND + 5
        stderr = (await proc.stderr.read()).decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert returncode == 0, stderr
    assert "Stopped cleanly" in stderr and "Traceback" not in stderr
