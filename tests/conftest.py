"""Shared fixtures: an isolated environment, a fake Slack, and the real app behind a real HTTP server.

Fixtures
    (autouse)      SLACK_*, INVITE_CHECK_*, PORT, LOG_LEVEL, DATABASE_URL cleared; cwd is tmp_path (no .env, no data/)
    pg_server      (session) a throwaway PostgreSQL server (tests/pgtest.py), started on first use
    pg_url         a DATABASE_URL onto a fresh, empty schema of that server
    clock          FakeClock: .now() (aware UTC, starts Mon 2025-03-03 15:00), .advance(timedelta|**kw), .set()
    instant_retries  slack_sdk's retry back-offs don't sleep; the list holds the seconds they asked for
    fake_slack     fakeslack.FakeSlack on an ephemeral port; fails the test on Block Kit violations
    make_settings  make_settings(**overrides) -> bot.config.Settings pointed at fake_slack and tmp_path
    bot_http       fakeslack.BotHttp: the app from build_app() behind build_web_app() on 127.0.0.1:<port 0>,
                   with the store on tmp_path/"db.json"; fails the test if the app logged an ERROR
                   (collect expected ones with bot_http.take_errors()) or was still busy 5 s after it.
    walk           walk.Walk on bot_http: start a check, answer, decide, remind, deliver (tests/walk.py)

Settings per test: ``@pytest.mark.settings(invite_check_store_invite_text=True)``; ``@pytest.mark.postgres``
puts bot_http on PostgreSQL; ``await
bot_http.restart(**overrides)`` restarts app, server and store on the same db file and fake Slack.

    async def test_walkthrough_survives_restart(bot_http, fake_slack, clock):
        await bot_http.command(text="Hi! Let's connect")
        first = await fake_slack.wait_for("chat.postMessage")
        await bot_http.restart()
        clock.advance(days=2)
        await bot_http.click(first, text="Yes")
        await fake_slack.wait_for("chat.update")

Helper modules live next to this file under names that cannot shadow installed packages
(fakeslack, blockkit_limits, payloads); this file puts tests/ on sys.path so test files import them.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import ClientSession, web

# pytest-xdist already runs one test process per core. Numerical libraries size their own thread pools to
# the machine too, and those pools spin against the other worker's: one thread each, for the whole run and
# the processes it starts. Set before anything imports numpy, scipy or scikit-learn.
for _pool in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_pool, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import payloads as p  # noqa: E402
from fakeslack import BotHttp, FakeSlack  # noqa: E402
from walk import Walk  # noqa: E402

SIGNING_SECRET = "test-secret"
BOT_TOKEN = "xoxb-test"
ENV_PREFIXES = ("SLACK_", "INVITE_CHECK_")
ENV_NAMES = ("PORT", "LOG_LEVEL", "DATABASE_URL")
CAPTURED_LOGGERS = ("bot", "slack_bolt", "slack_sdk", "aiohttp.server", "aiohttp.web")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "settings(**overrides): bot.config.Settings overrides for bot_http")
    config.addinivalue_line(
        "markers", "postgres: bot_http runs on PostgreSQL (a fresh schema) instead of the file"
    )


class FakeClock:
    """A controllable clock for build_app(clock=...): time moves only when the test says so."""

    def __init__(self, start: datetime = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """advance(timedelta(hours=1)) or advance(days=2)."""
        self._now += (delta or timedelta()) + timedelta(**kwargs)
        return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = when


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES) or name in ENV_NAMES:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the whole session (started on first use)."""
    from pgtest import PgServer

    server = PgServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A DATABASE_URL onto a fresh, empty schema of the session's server."""
    return pg_server.fresh_url()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def instant_retries(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """slack_sdk's retry handlers sleep for real (Retry-After + up to 1 s jitter); record the
    requested durations instead, only inside those modules (and the app's own handler in bot.slack.faults)."""
    from types import SimpleNamespace

    from slack_sdk.http_retry import async_handler, builtin_async_handlers

    from bot.slack import faults

    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await real_sleep(0)

    for module in (async_handler, builtin_async_handlers, faults):
        monkeypatch.setattr(module, "asyncio", SimpleNamespace(sleep=sleep))
    return slept


@pytest.fixture
async def fake_slack():
    fake = await FakeSlack(token=BOT_TOKEN).start()
    try:
        yield fake
    finally:
        await fake.stop()
    if fake.violations:
        pytest.fail("Slack would reject or degrade these messages/views:\n  " + "\n  ".join(fake.violations))


@pytest.fixture
def make_settings(fake_slack: FakeSlack, tmp_path: Path):
    """make_settings(**overrides) -> Settings for the app under test (staff: payloads.STAFF)."""
    from bot.config import Settings

    def make(**overrides):
        values = {
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake_slack.api_url,
            "invite_check_db_path": tmp_path / "db.json",
            "invite_check_staff_user_ids": frozenset({p.STAFF}),
            # The weekly digest DMs staff on its own schedule; tests of it turn it on with a marker.
            "invite_check_digest_weekday": "",
        }
        values.update(overrides)
        return Settings(**values)

    return make


class _ErrorLogs(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


_READER: list = []


def shared_reader():
    """One screenshot reader for the whole run: its worker processes load the OCR engine once."""
    from bot.screenshot import ScreenshotReader

    if not _READER:
        _READER.append(ScreenshotReader(workers=1))
    return _READER[0]


@pytest.fixture(scope="session", autouse=True)
def _close_shared_reader():
    yield
    if _READER:
        asyncio.run(_READER.pop().close())


class _RunningApp:
    """build_app + build_web_app + a TCP site + the store; restartable on the same db file."""

    def __init__(self, client: BotHttp, make_settings, clock: FakeClock, overrides: dict) -> None:
        self.client, self.make_settings, self.clock, self.overrides = client, make_settings, clock, overrides
        self.runner: web.AppRunner | None = None

    async def start(self) -> None:
        from bot.slack.app import wire
        from bot.slack.server import build_web_app
        from bot.store import open_configured_async

        settings = self.make_settings(**self.overrides)
        store = open_configured_async(settings)  # the TinyDB file, or PostgreSQL with database_url
        try:
            wired = wire(settings, store, clock=self.clock.now, reader=shared_reader())
            self.runner = web.AppRunner(
                build_web_app(wired.app, settings.slack_signing_secret, store),
                access_log=None,
                shutdown_timeout=1,
            )
            await self.runner.setup()
            site = web.TCPSite(self.runner, "127.0.0.1", 0)
            await site.start()
        except BaseException:
            await store.aclose()
            raise
        port = self.runner.addresses[0][1]  # the ephemeral port the OS chose
        c = self.client
        c.base_url, c.app, c.deps, c.store = f"http://127.0.0.1:{port}", wired.app, wired.deps, store
        c.settings, c.clock = settings, self.clock
        c.mark_started()

    async def stop(self) -> None:
        try:
            await self.client.settle()
        finally:
            if self.runner is not None:
                await self.runner.cleanup()
                self.runner = None
            if self.client.store is not None:
                await self.client.store.aclose()
                self.client.store = None

    async def restart(self, **overrides) -> None:
        await self.stop()
        self.overrides = {**self.overrides, **overrides}
        await self.start()


@pytest.fixture
async def bot_http(fake_slack: FakeSlack, make_settings, clock: FakeClock, request: pytest.FixtureRequest):
    marker = request.node.get_closest_marker("settings")
    overrides = dict(marker.kwargs) if marker else {}
    if request.node.get_closest_marker("postgres"):
        overrides.setdefault("database_url", request.getfixturevalue("pg_url"))
    client = BotHttp(fake_slack, SIGNING_SECRET)
    running = _RunningApp(client, make_settings, clock, overrides)
    client._restart = running.restart  # noqa: SLF001
    handler = _ErrorLogs(client.errors)
    for name in CAPTURED_LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        await running.start()
        async with ClientSession() as session:
            client.session = session
            yield client
            client.session = None
        await running.stop()
    finally:
        if running.runner is not None:  # a failure above: still free the port and the db file
            await running.runner.cleanup()
        if client.store is not None:
            await client.store.aclose()
        for name in CAPTURED_LOGGERS:
            logging.getLogger(name).removeHandler(handler)
    errors = client.take_errors()
    if errors:
        pytest.fail(
            "the app logged errors (collect expected ones with bot_http.take_errors()):\n  "
            + "\n  ".join(errors)
        )


@pytest.fixture
def walk(bot_http, fake_slack) -> Walk:
    return Walk(bot_http, fake_slack)
