"""PostgreSQL restarting or freezing under a running app, through signed HTTP and a real server
(tests/pgtest.py): the next requests after a restart are served, a frozen database makes students
hear within the configured bound that nothing was saved, `/healthz` says so, and shutdown ends.
"""

from __future__ import annotations

import asyncio

import psycopg
import pytest

pytestmark = pytest.mark.postgres


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


async def test_the_first_requests_after_a_database_restart_are_served(bot_http, fake_slack, pg_url):
    await history(bot_http, fake_slack, times=8)  # several pooled connections open
    assert await asyncio.to_thread(terminate_backends, pg_url) >= 1
    answers = await history(bot_http, fake_slack, times=10)
    assert [a.body["text"] for a in answers] == [
        "You have no stored checks. Use `/invite-check` to check an invitation."
    ] * 10
