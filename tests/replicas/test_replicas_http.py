"""Replicas: real `python -m bot serve` processes in HTTP mode on one PostgreSQL database.

Each replica is its own process with its own connection pool, talking to the same fake Slack; the
test plays Slack's load balancer, sending each signed request to whichever replica it likes. What
must hold: a walkthrough continues on any replica (its state travels in the message), a decision
delivered to two replicas at once is recorded once, a replica killed mid-walkthrough loses nothing,
and a reminder due while several replicas run goes out exactly once.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import payloads as p
import pytest
from aiohttp import ClientSession
from fakeslack import BotHttp
from walk import answer_click, step_by_step

from bot.coaching.followup import WORK_END, WORK_START, WORKDAYS
from bot.coaching.vocab import REASON_STEP
from bot.slack.views import student as bk
from bot.staff.summary import summarize
from bot.store import DecisionRecord, Followup, Signals
from bot.store.postgres import PostgresDecisionStore

ROOT = Path(__file__).resolve().parents[2]
BOT_TOKEN, SIGNING_SECRET = "xoxb-test", "test-secret"  # as in tests/conftest.py
RECRUITER = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns for our summer"
    " program. Would love to tell you more. Best, Jordan\nAccept Ignore"
)
REPLY_FIRST = ("default", "maybe", "unsure", "maybe")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Replica:
    def __init__(self, n: int, env: dict[str, str], log: Path) -> None:
        self.n, self.port, self.log = n, free_port(), log
        self._log_fh = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=log.parent,
            env={**env, "PORT": str(self.port)},
            stdout=self._log_fh,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self._terminated = False

    async def wait_ready(self, session: ClientSession, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"replica {self.n} exited {self.proc.returncode}:\n{self.log.read_text()}"
                )
            try:
                async with session.get(self.url + "/healthz") as res:
                    if res.status == 200:
                        return
            except OSError:
                pass
            await asyncio.sleep(0.1)
        raise AssertionError(f"replica {self.n} not ready after {timeout}s:\n{self.log.read_text()}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self) -> None:
        """One SIGTERM (a second one during the clean shutdown would end it with the default action)."""
        if self.proc.poll() is None and not self._terminated:
            self._terminated = True
            self.proc.send_signal(signal.SIGTERM)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log_fh.close()
        return self.proc.returncode


class Cluster:
    """N replicas on one database, and a signed-request client per replica."""

    def __init__(self, fake, url: str, tmp_path: Path) -> None:
        self.fake, self.url, self.tmp_path = fake, url, tmp_path
        self.replicas: list[Replica] = []
        self.clients: list[BotHttp] = []
        self.session: ClientSession | None = None
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_"))}
        self.env.update(
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": fake.api_url,
                "DATABASE_URL": url,
                "PYTHONPATH": str(ROOT),
                "INVITE_CHECK_STAFF_USER_IDS": p.STAFF,
                "INVITE_CHECK_DB_POOL_SIZE": "4",
                "INVITE_CHECK_DIGEST_WEEKDAY": "",  # on its own schedule; the digest test sets it
                "LOG_LEVEL": "INFO",
            }
        )

    async def start(self, n: int) -> Cluster:
        self.session = self.session or ClientSession()
        new = [
            Replica(len(self.replicas) + i, self.env, self.tmp_path / f"replica-{len(self.replicas) + i}.log")
            for i in range(n)
        ]
        await asyncio.gather(*(r.wait_ready(self.session) for r in new))
        for r in new:
            client = BotHttp(self.fake, SIGNING_SECRET)
            client.base_url, client.session = r.url, self.session
            self.replicas.append(r)
            self.clients.append(client)
        return self

    def store(self) -> PostgresDecisionStore:
        return PostgresDecisionStore(self.url, max_size=2)

    async def close(self) -> list[int]:
        for r in self.replicas:
            r.terminate()  # all at once; then wait for each
        codes = [r.stop() for r in self.replicas]
        if self.session is not None:
            await self.session.close()
        return codes

    def logs(self) -> str:
        return "\n".join(f"--- replica {r.n}\n{r.log.read_text()}" for r in self.replicas)


@pytest.fixture
async def cluster(fake_slack, pg_url, tmp_path):
    c = Cluster(fake_slack, pg_url, tmp_path)
    try:
        yield c
    finally:
        codes = await c.close()
    killed = -signal.SIGKILL
    assert all(code in (0, killed) for code in codes), f"exit codes {codes}\n{c.logs()}"
    assert "Traceback" not in c.logs(), c.logs()


async def updated(fake, client: BotHttp, source, **click):
    before = len(fake.calls("chat.update"))
    status, _ = await client.click(source, **click)
    assert status == 200
    return await fake.wait_for("chat.update", count=before + 1, timeout=15)


async def start_walkthrough(fake, client: BotHttp, user: str = p.STUDENT):
    before = len(fake.calls("chat.postMessage"))
    status, _ = await client.command(text=RECRUITER, user_id=user, channel_id=p.dm_channel(user))
    assert status == 200
    card = await fake.wait_for("chat.postMessage", count=before + 1, timeout=15)
    wid = json.loads(card.body["blocks"][-1]["elements"][0]["value"][1:])["w"]
    return await step_by_step(client, fake, card), wid


async def test_each_click_of_a_walkthrough_on_another_replica(cluster, fake_slack):
    await cluster.start(3)
    clients = cluster.clients
    card, wid = await start_walkthrough(fake_slack, clients[0])
    for i, option in enumerate(REPLY_FIRST, start=1):
        card = await updated(fake_slack, clients[i % 3], card, **answer_click(card, option))
    card = await updated(fake_slack, clients[2], card, action_id=bk.A_DECIDE + "replied_first")
    assert "Recorded" in json.dumps(card.body["blocks"])
    with cluster.store() as store:
        record = store.get(wid)
        assert record.decision == "replied_first" and record.recommendation == "reply_first"
        assert record.answers and store.count() == 1


async def test_a_decision_delivered_to_two_replicas_at_once_is_recorded_once(cluster, fake_slack):
    await cluster.start(2)
    a, b = cluster.clients
    cards = []
    for n in range(10):
        user = f"U{n:08d}"
        card, wid = await start_walkthrough(fake_slack, a if n % 2 else b, user)
        for option in REPLY_FIRST:
            card = await updated(fake_slack, a, card, **answer_click(card, option), user_id=user)
        cards.append((card, wid, user))
    started = time.monotonic()
    before = len(fake_slack.calls("chat.update"))
    replies = await asyncio.gather(
        *(
            client.click(card, action_id=bk.A_DECIDE + "suggested_meeting", user_id=user)
            for card, _, user in cards
            for client in (a, b)
        )
    )
    assert {r.status for r in replies} == {200}
    await fake_slack.wait_for("chat.update", count=before + 20, timeout=20)
    print(
        f"20 decision deliveries (10 decisions x 2 replicas) answered in {time.monotonic() - started:.2f} s"
    )
    with cluster.store() as store:
        records = store.list()
        assert len(records) == 10
        assert {r.id for r in records} == {wid for _, wid, _ in cards}
        assert {r.decision for r in records} == {"suggested_meeting"}
        assert all(r.decided_at is not None for r in records)
        now = datetime.now(UTC)
        summary = summarize(store.counts(team_id=p.TEAM_ID, since=None, step=REASON_STEP), now=now, days=None)
        assert summary.checks == 10 and summary.decisions == {"suggested_meeting": 10}


async def test_a_replica_killed_mid_walkthrough_loses_nothing(cluster, fake_slack):
    await cluster.start(2)
    a, b = cluster.clients
    card, wid = await start_walkthrough(fake_slack, a)
    card = await updated(fake_slack, a, card, **answer_click(card, REPLY_FIRST[0]))
    cluster.replicas[0].kill()  # SIGKILL: no clean shutdown, its connections just drop
    for option in REPLY_FIRST[1:]:
        card = await updated(fake_slack, b, card, **answer_click(card, option))
    card = await updated(fake_slack, b, card, action_id=bk.A_DECIDE + "replied_first")
    with cluster.store() as store:
        assert store.get(wid).decision == "replied_first"
        assert store.count() == 1
    await cluster.start(1)  # a replacement joins and serves the same data
    status, _ = await cluster.clients[2].command(text="history", user_id=p.STUDENT)
    assert status == 200


def unsent(store, at: datetime) -> list:
    """Reminders due by `at` that no replica has sent (or been answered) yet."""
    return [
        r
        for r in store.list()
        if r.followup.remind_at is not None
        and r.followup.remind_at <= at
        and r.followup.reminder_sent_at is None
        and r.followup.outcome is None
    ]


def _working_offset(now: datetime) -> int | None:
    """A fixed UTC offset (seconds, |offset| < 24 h, as users.info's tz_offset may be) at which `now`
    is inside reminder working hours, or None (Saturday evening to Sunday morning UTC)."""
    for hours in [*range(0, 24), *range(-1, -24, -1)]:
        local = now + timedelta(hours=hours)
        if local.weekday() in WORKDAYS and WORK_START.hour + 1 <= local.hour < WORK_END.hour - 1:
            return hours * 3600
    return None


async def test_a_reminder_due_while_three_replicas_run_is_sent_exactly_once(cluster, fake_slack):
    now = datetime.now(UTC)
    offset = _working_offset(now)
    users = [f"U{n:08d}" for n in range(30)]
    # users.info gives a fixed offset (no tz name), so delivery hours don't depend on today's date
    for user in users:
        fake_slack.set_user(user, tz="", tz_offset=offset if offset is not None else 0)
    due = now - timedelta(minutes=5)
    with cluster.store() as store:
        store.upsert_many(
            [
                DecisionRecord(
                    id=f"reminderdue{n:011d}",
                    created_at=now - timedelta(days=3),
                    updated_at=now,
                    team_id=p.TEAM_ID,
                    user_id=user,
                    answers={"note": "default"},
                    recommendation="reply_first",
                    decision="replied_first",
                    decided_at=now - timedelta(days=3),
                    signals=Signals(intent="recruiter", custom_message=True, claims_prior_contact=False),
                    followup=Followup(remind_at=due, about="Jordan Rivera"),
                )
                for n, user in enumerate(users)
            ]
        )
    await cluster.start(3)  # each replica runs a reminder pass as it starts: three passes at once
    with cluster.store() as store:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and unsent(store, now + timedelta(days=5)):  # noqa: ASYNC110 - polls the database
            await asyncio.sleep(0.1)
        records = store.list()
    if offset is None:  # no working hours anywhere right now: every reminder is postponed, once, none sent
        assert all(r.followup.remind_at > now and r.followup.reminder_sent_at is None for r in records)
        return
    assert all(r.followup.reminder_sent_at is not None for r in records), cluster.logs()
    await cluster.close()  # every pass has ended: a late duplicate would have been sent by now
    sent = [
        c
        for c in fake_slack.calls("chat.postMessage")
        if c.ok and (c.body.get("text") or "").startswith("Did ")
    ]
    assert sorted(c.body["channel"] for c in sent) == sorted(users)  # posted to the user ID: the app's DM
    per_replica = [r.log.read_text().count("reminder sent") for r in cluster.replicas]
    print(f"30 due reminders, 3 replicas: sent {len(sent)}, per replica {per_replica}")
    assert sum(per_replica) == 30


async def test_a_dm_retried_on_another_replica_while_the_first_still_posts_starts_one_check(
    cluster, fake_slack
):
    """Slack retries an event it thinks was missed; the retry may land on another replica while the
    first is still waiting for chat.postMessage. The check is claimed by its event-derived id first
    (insert-if-absent in the shared store), so only one walkthrough is posted."""
    await cluster.start(2)
    a, b = cluster.clients
    fake_slack.delay("chat.postMessage", 1.0, times=1)  # the first delivery is slow to post
    event = p.message_im(RECRUITER)
    first = asyncio.ensure_future(a.event(event, event_id="Ev0REPLICA1"))
    await asyncio.sleep(0.3)
    retried = await b.event(event, event_id="Ev0REPLICA1", retry_num=1)
    assert retried.status == 200
    assert (await first).status == 200
    await fake_slack.wait_for("chat.postMessage", timeout=15)
    await cluster.close()  # each replica finishes its answered requests: a second walkthrough would be posted
    assert len(fake_slack.calls("chat.postMessage")) == 1
    with cluster.store() as store:
        assert store.count() == 1


async def test_the_weekly_digest_goes_out_once_from_replicas_started_after_its_hour(cluster, fake_slack):
    """Two replicas start on one database after this week's digest hour (today, from 00:00 in the staff
    member's zone): the first pass of each runs at start-up, one of them claims the week and sends the
    digest with its chart; a third replica started later in the week sends nothing more."""
    today = datetime.now(UTC)
    cluster.env["INVITE_CHECK_DIGEST_WEEKDAY"] = today.strftime("%A").lower()
    cluster.env["INVITE_CHECK_DIGEST_HOUR"] = "0"
    fake_slack.set_user(p.STAFF, tz="UTC", tz_offset=0)
    await cluster.start(2)
    await fake_slack.wait_for("files.completeUploadExternal", timeout=60)
    await fake_slack.wait_for("users.info", count=2, timeout=60)  # both replicas ran a pass
    await cluster.start(1)
    await fake_slack.wait_for("users.info", count=3, timeout=60)
    year, week, _ = today.isocalendar()
    with cluster.store() as store:
        assert store.claim_once(f"digest:{p.TEAM_ID}:{p.STAFF}:{year}-W{week:02d}", today) is False
    await cluster.close()  # every pass has ended: nothing can go out after this
    digests = [
        c
        for c in fake_slack.calls("chat.postMessage")
        if c.ok and (c.body.get("text") or "").startswith("Invite Check digest")
    ]
    assert [c.body["channel"] for c in digests] == [p.STAFF]
    (upload,) = fake_slack.calls("files.completeUploadExternal")
    assert upload.ok and upload.body["channel_id"] == p.dm_channel(p.STAFF)
