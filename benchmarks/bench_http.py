"""HTTP figures: the bot against a bare Bolt app making the same Slack Web API calls.

One run starts, each in its own process and all on 127.0.0.1 with ephemeral ports:

* a lean fake Slack Web API (answers conversations.open, chat.postMessage, chat.update, users.info,
  auth.test; notes the arrival time of every message call and streams it to the load generator);
* the server under test, one after the other: the *baseline* (a bare Bolt ``AsyncApp`` whose
  handlers make the same Web API calls as the bot with no logic: pre-rendered messages), then the
  bot (``build_app`` + ``build_web_app``, the objects production runs) on a database seeded with
  1,000 and then 50,000 records;
* a load generator sending identical signed requests (slack_sdk ``SignatureVerifier``).

The load is a closed loop of virtual students: each sends a request, reads the ack, waits until
the fake Slack received the resulting chat.postMessage / chat.update, then sends its next one.
For every concurrency level, each student runs one whole walkthrough: ``/invite-check <text>``
(ack + conversations.open + chat.postMessage), three "next step" clicks (ack + chat.update), the
last-step click that shows the recommendation (ack + users.info + store + chat.update) and the
decision click (ack + store + chat.update), each click on the buttons the server really rendered.

Two latencies per request: *ack* (until the HTTP response; Bolt answers it while the listener
goes on, so it is mostly Bolt's 10 ms ack polling) and *end-to-end* (until the fake Slack received
the message call: what the student waits for). The targets apply to the end-to-end figures;
req/s counts requests completed end to end. The server is pinned to one CPU, the fake Slack and the
load generator share the other (the machine has 2), and "CPU ms/req" is the server process's CPU
time per request.

Targets: slash-command req/s >= 0.8x the baseline; click p99 <= 1.5x the baseline; every figure at
50,000 records within 1.25x of the same figure at 1,000.

    .venv/bin/python benchmarks/bench_http.py [--walkthroughs 200] [--rounds 5] [--concurrency 20 100]
                                              [--sizes 1000 50000] [--profile bot-50000]

The three servers run side by side and the load visits them in turn (round by round, level by
level), so drift on a shared machine hits all of them alike; each figure is the median over the
rounds, and the notes say how much CPU other processes took meanwhile. Each
server also reports its garbage-collector pauses under load. About two minutes on 2 cores; a hard
time limit (--time-limit, default 270 s) stops it regardless, and every child exits by itself.

``--profile NAME`` (baseline, bot-1000, bot-50000) runs that server under pyinstrument (installed
separately: ``.venv/bin/pip install pyinstrument``) and prints where its time went; for the store
thread as well, attach ``py-spy record --gil --pid <server pid>`` instead.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

TOKEN = "xoxb-bench-token"
SECRET = "bench-signing-secret"
TEAM = "T0BENCH01"
PATH = ["personal", "no", "opportunity", "yes"]  # the answers every virtual student gives
DECISION = "accepted"
REQUEST_TIMEOUT = 15.0
SERVER_MAX_LIFETIME = 900.0  # every child exits by itself after this, whatever happens to the parent
TARGET_RPS = 0.8
TARGET_P99 = 1.5
TARGET_SCALE = 1.25
SCENARIOS = [
    ("command", "slash command"),
    ("step", "click: next step"),
    ("last", "click: last step"),
    ("decide", "click: decision"),
]


# ---------------------------------------------------------------------------------------------
# helpers shared by the processes
# ---------------------------------------------------------------------------------------------
def pin(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > cpu:
        os.sched_setaffinity(0, {cpu})


def clean_env() -> dict[str, str]:
    """The children's environment without the operator's Slack or Invite Check settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "INVITE_CHECK_")) and k not in ("PORT", "LOG_LEVEL")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all processes on the machine spent busy (user+nice+system+irq+softirq+steal)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def stop_on_signal(stop: asyncio.Event, lifetime: float) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.call_later(lifetime, stop.set)


async def listen(web_app, stop: asyncio.Event) -> None:
    """Serve `web_app` on 127.0.0.1:<ephemeral>, print the port, wait for `stop`."""
    from aiohttp import web

    runner = web.AppRunner(web_app, shutdown_timeout=2)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the only way to read port 0
    if GC_PAUSES is not None:
        GC_PAUSES.reset()  # count what happens under load, not start-up's collections
    print(f"PORT {port}", flush=True)
    await stop.wait()
    await runner.cleanup()


# ---------------------------------------------------------------------------------------------
# the fake Slack Web API (its own process)
# ---------------------------------------------------------------------------------------------
class LeanSlack:
    """Just enough Slack for the walkthrough, as cheap as possible, streaming message arrivals."""

    def __init__(self) -> None:
        self.subscribers: list[Any] = []
        self.ids = itertools.count(1)
        self.base = int(time.time())
        self.calls: dict[str, int] = {}

    async def api(self, request):
        from aiohttp import web

        arrived = time.monotonic()
        method = request.match_info["method"]
        body: dict[str, Any] = dict(request.query)
        if request.body_exists:
            raw = await request.read()
            if "json" in request.content_type:
                body.update(json.loads(raw))
            else:
                body.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
        self.calls[method] = self.calls.get(method, 0) + 1
        if request.headers.get("Authorization") != f"Bearer {TOKEN}" and body.get("token") != TOKEN:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        answer = self.answer(method, body)
        if method in ("chat.postMessage", "chat.update") and answer.get("ok"):
            blocks = body.get("blocks")
            if isinstance(blocks, str):
                blocks = json.loads(blocks)
            note = json.dumps({"m": method, "ch": answer["channel"], "ts": answer["ts"], "t": arrived,
                               "text": body.get("text", ""), "blocks": blocks})
            for ws in list(self.subscribers):
                with contextlib.suppress(Exception):
                    await ws.send_str(note)
        return web.json_response(answer)

    def answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "conversations.open":
            user = str(body.get("users", "")).split(",")[0]
            return {"ok": True, "no_op": True, "already_open": True,
                    "channel": {"id": "D" + user[1:], "is_im": True, "user": user}}
        if method == "chat.postMessage":
            ts = f"{self.base}.{next(self.ids):06d}"
            return {"ok": True, "channel": body.get("channel"), "ts": ts,
                    "message": {"type": "message", "bot_id": "B0BENCH", "ts": ts, "text": body.get("text", "")}}
        if method == "chat.update":
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts"), "text": body.get("text", "")}
        if method == "users.info":
            user = body.get("user", "")
            return {"ok": True, "user": {"id": user, "team_id": TEAM, "name": "alex", "real_name": "Alex Rivera",
                                         "tz": "America/New_York",
                                         "profile": {"real_name": "Alex Rivera", "display_name": "alex"}}}
        if method == "auth.test":
            return {"ok": True, "url": "https://bench.slack.com/", "team": "Bench", "user": "invite_check",
                    "team_id": TEAM, "user_id": "U0BOT", "bot_id": "B0BENCH", "is_enterprise_install": False}
        return {"ok": True}

    async def events(self, request):
        from aiohttp import web

        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self.subscribers.append(ws)
        try:
            async for _ in ws:
                pass
        finally:
            self.subscribers.remove(ws)
        return ws

    async def stats(self, _request):
        from aiohttp import web

        return web.json_response(self.calls)


async def run_fake(args: argparse.Namespace) -> None:
    from aiohttp import web

    fake = LeanSlack()
    app = web.Application(client_max_size=16 * 1024 * 1024)
    app.router.add_route("*", "/api/{method}", fake.api)
    app.router.add_get("/bench/events", fake.events)
    app.router.add_get("/bench/stats", fake.stats)
    stop = asyncio.Event()
    await stop_on_signal(stop, SERVER_MAX_LIFETIME)
    await listen(app, stop)


# ---------------------------------------------------------------------------------------------
# the servers under test (their own process each)
# ---------------------------------------------------------------------------------------------
def configure_logging() -> None:
    """As `python -m bot serve` does: INFO lines on stderr (the orchestrator sends them to a file)."""
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")


async def run_bot(args: argparse.Namespace) -> None:
    from bot.app import build_app
    from bot.config import Settings
    from bot.server import build_web_app, freeze_startup_heap
    from bot.store import AsyncDecisionStore, open_store

    configure_logging()
    settings = Settings(_env_file=None, slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_api_url=args.api, invite_check_db_path=args.db)
    store = AsyncDecisionStore(open_store(settings.invite_check_db_path))
    reminders = None
    try:
        app = build_app(settings, store)  # what bot.server._serve_async does, on 127.0.0.1:<ephemeral>
        freeze_startup_heap()
        stop = asyncio.Event()
        await stop_on_signal(stop, SERVER_MAX_LIFETIME)
        with contextlib.suppress(ImportError):  # the minutely "did they reply?" pass, as in production
            from bot.followups import scheduler

            reminders = scheduler.start_reminders(app._invite_check_deps, app.client, stop=stop)  # noqa: SLF001
        await listen(build_web_app(app), stop)
    finally:
        if reminders is not None:
            await scheduler.stop_reminders(reminders)
        await store.aclose()


def baseline_messages() -> tuple[dict[str, tuple[str, list[dict], bool]], tuple[str, list[dict]]]:
    """The bot's own renderings of one walkthrough, computed once at start-up: the baseline sends
    these verbatim, so both servers send Slack messages of the same size and shape.

    Returns {button value of a message: (next text, next blocks, is last step)} and the decided card.
    """
    from bot.coaching import checklist
    from bot.coaching.advice import advise
    from bot.coaching.analyzer import analyze
    from bot.coaching.content import DEFAULT_PROMPTS, load_content
    from bot.slack import blocks as bk
    from bot.slack import state as st

    content = load_content(DEFAULT_PROMPTS)
    signals = analyze(INVITATIONS[0])
    state = st.from_signals("baseline00000000", signals, checklist.suggest_answers(content, signals))
    first = bk.step_message(content, state)
    following: dict[str, tuple[str, list[dict], bool]] = {}
    answers: dict[str, str] = {}
    for step, option in zip(content.checklist.steps, PATH, strict=True):
        value = st.encode(state)
        answers = {**answers, step.id: option}
        state = state.model_copy(update={"a": answers})
        if checklist.position(content, answers).done:
            advice = advise(content, answers, red_flags=state.s.f, requester_name=state.s.n,
                            my_name="Alex Rivera")
            following[value] = (*bk.result_message(content, state, advice), True)
            decided = bk.result_message(content, state, advice, decision=DECISION)
        else:
            following[value] = (*bk.step_message(content, state), False)
    following[""] = first + (False,)
    return following, decided


def build_baseline(api_url: str):
    """A bare Bolt app: the same Web API calls as the bot, no logic, no store."""
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    following, decided = baseline_messages()
    first_text, first_blocks, _ = following.pop("")
    app = AsyncApp(client=AsyncWebClient(token=TOKEN, base_url=api_url), signing_secret=SECRET)

    @app.command("/invite-check")
    async def command(ack, command, client):
        await ack()
        dm = (await client.conversations_open(users=command["user_id"]))["channel"]["id"]
        await client.chat_postMessage(channel=dm, text=first_text, blocks=first_blocks)

    @app.action(re.compile(r"^ic_answer:"))
    async def answer(ack, body, action, client):
        await ack()
        text, blocks, last = following[action["value"]]
        if last:
            await client.users_info(user=body["user"]["id"])
        container = body["container"]
        await client.chat_update(channel=container["channel_id"], ts=container["message_ts"], text=text,
                                 blocks=blocks)

    @app.action(re.compile(r"^ic_decide:"))
    async def decide(ack, body, client):
        await ack()
        container = body["container"]
        await client.chat_update(channel=container["channel_id"], ts=container["message_ts"], text=decided[0],
                                 blocks=decided[1])

    return app


async def run_baseline(args: argparse.Namespace) -> None:
    configure_logging()
    app = build_baseline(args.api)
    stop = asyncio.Event()
    await stop_on_signal(stop, SERVER_MAX_LIFETIME)
    await listen(app.web_app(path="/slack/events"), stop)


class GcPauses:
    """Times the cyclic garbage collector's passes in a server (they stop the event loop)."""

    def __init__(self) -> None:
        import gc

        self.started = 0.0
        self.reset()
        gc.callbacks.append(self)

    def reset(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self.started) * 1000)

    def summary(self) -> dict[str, Any]:
        return {str(g): {"n": len(p), "max_ms": max(p, default=0.0), "total_ms": sum(p)} for g, p in self.pauses.items()}


GC_PAUSES: GcPauses | None = None


def run_server(args: argparse.Namespace) -> None:
    global GC_PAUSES
    runner = run_bot if args.role == "bot" else run_baseline
    pauses = GC_PAUSES = GcPauses()
    try:
        if not args.profile_out:
            asyncio.run(runner(args))
            return
        profile_server(runner, args)
    finally:
        print("BENCH-GC " + json.dumps(pauses.summary()), file=sys.stderr, flush=True)


def profile_server(runner, args: argparse.Namespace) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    try:
        asyncio.run(runner(args))
    finally:
        profiler.stop()
        Path(args.profile_out).write_text(profiler.output_text(unicode=False, color=False, show_all=False))
        Path(args.profile_out).with_suffix(".html").write_text(profiler.output_html())


# ---------------------------------------------------------------------------------------------
# the load generator (its own process)
# ---------------------------------------------------------------------------------------------
def _load_invitations() -> list[str]:
    path = ROOT / "tests" / "data" / "corpus" / "corpus.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [t for t in texts if 40 <= len(t) <= 1500] or texts


INVITATIONS = _load_invitations()


class Load:
    def __init__(self, args: argparse.Namespace) -> None:
        from slack_sdk.signature import SignatureVerifier

        self.args = args
        self.url = args.target.rstrip("/") + "/slack/events"
        self.sign = SignatureVerifier(SECRET).generate_signature
        self.waiting: dict[tuple[str, str], asyncio.Future] = {}
        self.messages: dict[str, dict[str, Any]] = {}  # user -> the walkthrough message as last seen
        self.session = None

    # -- notifications from the fake Slack ----------------------------------------------------
    async def follow(self, ws) -> None:
        async for msg in ws:
            note = json.loads(msg.data)
            fut = self.waiting.pop((note["m"], note["ch"]), None)
            if fut is not None and not fut.done():
                fut.set_result(note)

    # -- requests --------------------------------------------------------------------------------
    async def post(self, body: str, content_type: str) -> int:
        timestamp = str(int(time.time()))
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp,
                   "X-Slack-Signature": self.sign(timestamp=timestamp, body=body),
                   "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)"}
        async with self.session.post(self.url, data=body.encode(), headers=headers) as res:
            await res.read()
            return res.status

    def command(self, user: str) -> tuple[str, str, tuple[str, str]]:
        import payloads as p

        n = int(user[-6:])
        form = p.slash_command(text=INVITATIONS[n % len(INVITATIONS)], user_id=user, channel_id="D" + user[1:],
                               response_url=f"{self.args.fake}/response_url/{user}")
        form["team_id"] = TEAM
        return urlencode(form), "application/x-www-form-urlencoded", ("chat.postMessage", "D" + user[1:])

    def click(self, user: str, action_id: str) -> tuple[str, str, tuple[str, str]]:
        import payloads as p

        seen = self.messages[user]
        block, element = p.find_element(seen["blocks"], action_id)
        message = p.bot_message(seen["blocks"], seen["text"], seen["ts"])
        payload = p.block_actions([p.action_for(block, element)], user_id=user, channel_id=seen["ch"],
                                  message=message, response_url=f"{self.args.fake}/response_url/{user}")
        payload["team"]["id"] = payload["user"]["team_id"] = TEAM
        return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", \
            ("chat.update", seen["ch"])

    # -- one closed-loop phase ---------------------------------------------------------------------
    async def phase(self, users: list[str], build, concurrency: int, deadline: float) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        acks: list[float] = []
        e2e: list[float] = []
        errors: list[str] = []
        queue = iter(users)

        async def student() -> None:
            for user in queue:
                if time.monotonic() > deadline:
                    errors.append("time limit")
                    return
                body, content_type, key = build(user)
                fut = self.waiting[key] = loop.create_future()
                started = time.monotonic()
                try:
                    status = await asyncio.wait_for(self.post(body, content_type), REQUEST_TIMEOUT)
                    acked = time.monotonic()
                    if status != 200:
                        errors.append(f"HTTP {status}")
                        self.waiting.pop(key, None)
                        continue
                    note = await asyncio.wait_for(fut, REQUEST_TIMEOUT)
                except TimeoutError:
                    errors.append("timeout")
                    self.waiting.pop(key, None)
                    continue
                acks.append((acked - started) * 1000)
                e2e.append((note["t"] - started) * 1000)
                self.messages[user] = note

        server_cpu = cpu_seconds(self.args.server_pid)
        load_cpu = time.process_time() + cpu_seconds(self.args.fake_pid)
        busy = machine_busy_seconds()
        started = time.monotonic()
        await asyncio.gather(*(student() for _ in range(concurrency)))
        wall = time.monotonic() - started
        server_cpu = cpu_seconds(self.args.server_pid) - server_cpu
        load_cpu = time.process_time() + cpu_seconds(self.args.fake_pid) - load_cpu
        foreign = max(0.0, machine_busy_seconds() - busy - server_cpu - load_cpu)
        return {"n": len(e2e), "errors": errors, "wall": wall, "ack": acks, "e2e": e2e, "server_cpu": server_cpu,
                "load_cpu": load_cpu, "foreign_cpu": foreign}

    async def run(self) -> dict[str, list[dict[str, Any]]]:
        """Warm up, then one walkthrough per virtual student: {scenario: [phase figures, ...]}."""
        import aiohttp

        args = self.args
        deadline = time.monotonic() + args.time_limit
        connector = aiohttp.TCPConnector(limit=args.level + 10)
        async with aiohttp.ClientSession(connector=connector) as self.session, \
                self.session.ws_connect(f"{args.fake}/bench/events", max_msg_size=0) as ws:
            follower = asyncio.create_task(self.follow(ws))
            try:
                # Warm-up (not measured): connections, lazily built caches, first-call imports.
                await self.walkthrough([f"U9{args.tag:03d}{i:05d}" for i in range(20)], 10, deadline)
                users = [f"U{args.tag:03d}{i:06d}" for i in range(args.walkthroughs)]
                return await self.walkthrough(users, args.level, deadline)
            finally:
                follower.cancel()

    async def walkthrough(self, users: list[str], concurrency: int, deadline: float) -> dict[str, list]:
        out: dict[str, list] = {"command": [await self.phase(users, self.command, concurrency, deadline)],
                                "step": []}
        for option in PATH[:-1]:
            out["step"].append(await self.phase(users, lambda u, o=option: self.click(u, "ic_answer:" + o),
                                                concurrency, deadline))
        out["last"] = [await self.phase(users, lambda u: self.click(u, "ic_answer:" + PATH[-1]), concurrency,
                                        deadline)]
        out["decide"] = [await self.phase(users, lambda u: self.click(u, "ic_decide:" + DECISION), concurrency,
                                          deadline)]
        return out


def run_load(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(Load(args).run())))


# ---------------------------------------------------------------------------------------------
# the orchestrator
# ---------------------------------------------------------------------------------------------
class Child:
    """A child process that prints `PORT n` once it listens; stderr goes to a log file."""

    def __init__(self, name: str, argv: list[str], log: Path, cpu: int | None) -> None:
        self.name, self.log = name, log
        self.log_handle = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([sys.executable, __file__, *argv, *(["--cpu", str(cpu)] if cpu is not None else [])],
                                     stdout=subprocess.PIPE, stderr=self.log_handle, text=True, env=clean_env(),
                                     cwd=ROOT)
        self.port = self._read_port()

    def _read_port(self, timeout: float = 120.0) -> int:
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if sel.select(timeout=max(0.0, end - time.monotonic())):
                line = self.proc.stdout.readline()
                if line.startswith("PORT "):
                    return int(line.split()[1])
                if not line:
                    break
        self.stop()
        raise RuntimeError(f"{self.name} did not start; see {self.log}:\n{self.log.read_text()[-2000:]}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log_handle.close()
        return self.proc.returncode

    def log_lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines()

    def problems(self) -> list[str]:
        return [line for line in self.log_lines() if " ERROR " in line or line.startswith("Traceback")]

    def gc_pauses(self) -> dict[str, Any]:
        found = [line for line in self.log_lines() if line.startswith("BENCH-GC ")]
        return json.loads(found[-1].split(" ", 1)[1]) if found else {}


def seed_databases(directory: Path, sizes: list[int]) -> dict[int, Path]:
    """Databases of exactly `size` records of history, made by bench_store.py's record maker; a
    reminder already due was sent (as the running bot would have), so none is pending at start."""
    import random

    from bench_store import make_record

    from bot.store import open_store, utc_now

    def history(start: int, stop: int):
        now = utc_now()
        for i in range(start, stop):
            record = make_record(i, rng, now)
            remind_at = record.followup.remind_at
            if remind_at is not None and remind_at <= now:
                record.followup = record.followup.model_copy(update={"reminder_sent_at": remind_at})
            yield record

    rng = random.Random(7)
    paths: dict[int, Path] = {}
    done = 0
    path = directory / "grow.json"
    for size in sorted(sizes):
        started = time.perf_counter()
        with open_store(path) as store:
            for lo in range(done, size, 5000):
                store.upsert_many(history(lo, min(size, lo + 5000)))
            done = store.count()
        paths[size] = directory / f"seed-{size}.json"
        shutil.copyfile(path, paths[size])
        print(f"  seeded {size:,} records ({time.perf_counter() - started:.1f} s)", flush=True)
    return paths


def load_once(server: Child, fake: Child, args: argparse.Namespace, level: int, tag: int,
              time_left: float) -> dict[str, list]:
    cmd = [sys.executable, __file__, "--role", "load", "--target", server.url, "--fake", fake.url,
           "--server-pid", str(server.proc.pid), "--fake-pid", str(fake.proc.pid),
           "--walkthroughs", str(args.walkthroughs), "--time-limit", str(max(5.0, time_left)),
           "--level", str(level), "--tag", str(tag), *(["--cpu", "1"] if args.pin else [])]
    out = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=time_left + 60)
    if out.returncode != 0:
        raise RuntimeError(f"load generator failed against {server.name}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def merge(phases: list[dict[str, Any]]) -> dict[str, Any]:
    """Pool phases (the three next-step clicks of one round) into one set of figures."""
    n = sum(p["n"] for p in phases)
    wall = sum(p["wall"] for p in phases)
    acks = [x for p in phases for x in p["ack"]]
    e2e = [x for p in phases for x in p["e2e"]]
    errors = [e for p in phases for e in p["errors"]]
    server_cpu = sum(p["server_cpu"] for p in phases)
    return {"n": n, "rps": n / wall if wall else 0.0,
            "ack_p50": percentile(acks, 0.5), "ack_p99": percentile(acks, 0.99),
            "e2e_p50": percentile(e2e, 0.5), "e2e_p99": percentile(e2e, 0.99),
            "server_cpu_ms": server_cpu * 1000 / n if n else float("nan"),
            "server_util": server_cpu / wall if wall else float("nan"),
            "load_util": sum(p["load_cpu"] for p in phases) / wall if wall else float("nan"),
            "foreign_util": sum(p.get("foreign_cpu", 0.0) for p in phases) / wall if wall else float("nan"),
            "errors": errors}


FIGURES = ("rps", "ack_p50", "ack_p99", "e2e_p50", "e2e_p99", "server_cpu_ms", "server_util", "load_util",
           "foreign_util")


def across_rounds(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over the rounds: one round disturbed by another process on a
    shared machine moves it far less than it would move pooled samples."""
    out: dict[str, Any] = {k: statistics.median(r[k] for r in rounds) for k in FIGURES}
    out["foreign_util_max"] = max(r["foreign_util"] for r in rounds)
    out["n"] = sum(r["n"] for r in rounds)
    errors = [e for r in rounds for e in r["errors"]]
    out["errors"] = (sorted(set(errors)) + [f"{len(errors)} failed"]) if errors else []
    return out


def fmt(value: float, width: int = 7, digits: int = 1) -> str:
    return f"{value:{width}.{digits}f}"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def report(results: dict[str, dict[str, Any]], args: argparse.Namespace, problems: list[str],
           gc_pauses: dict[str, dict[str, Any]]) -> bool:
    targets = list(results)
    base = targets[0]
    bots = targets[1:]
    print()
    print(f"{args.walkthroughs} walkthroughs per round, concurrency level and server; median of {args.rounds} rounds; "
          "closed loop; latencies in ms; req/s = requests completed end to end per second")
    header = (f"{'scenario':<18} {'conc':>4}  {'server':<10} {'req/s':>7} {'ack p50':>7} {'ack p99':>7} "
              f"{'e2e p50':>7} {'e2e p99':>7} {'CPU ms/req':>10}  {'vs baseline: req/s  e2e p99  ack p99':<36}")
    print(header)
    print("-" * len(header))
    verdicts: list[tuple[str, bool]] = []
    for key, label in SCENARIOS:
        for level in map(str, args.concurrency):
            for name in targets:
                f = results[name].get(level, {}).get(key)
                if f is None:
                    continue
                b = results[base][level][key]
                vs = "" if name == base else (
                    f"{ratio(f['rps'], b['rps']):>19.2f}x {ratio(f['e2e_p99'], b['e2e_p99']):>7.2f}x "
                    f"{ratio(f['ack_p99'], b['ack_p99']):>7.2f}x")
                errs = f"  errors: {', '.join(f['errors'])}" if f["errors"] else ""
                print(f"{label if name == base else '':<18} {level if name == base else '':>4}  {name:<10} "
                      f"{fmt(f['rps'])} {fmt(f['ack_p50'])} {fmt(f['ack_p99'])} {fmt(f['e2e_p50'])} "
                      f"{fmt(f['e2e_p99'])} {fmt(f['server_cpu_ms'], 10, 2)}  {vs}{errs}")
                if name == base:
                    continue
                if key == "command":
                    r = ratio(f["rps"], b["rps"])
                    verdicts.append((f"{label} @{level}, {name}: req/s {r:.2f}x baseline (>= {TARGET_RPS}x)",
                                     r >= TARGET_RPS))
                else:
                    r = ratio(f["e2e_p99"], b["e2e_p99"])
                    verdicts.append((f"{label} @{level}, {name}: e2e p99 {r:.2f}x baseline (<= {TARGET_P99}x)",
                                     r <= TARGET_P99))
    if len(bots) == 2:
        small, big = bots
        print()
        print(f"{big} / {small} (target: every figure within {TARGET_SCALE}x; req/s as {small}/{big})")
        print(f"{'scenario':<18} {'conc':>4}  {'req/s':>7} {'ack p50':>7} {'ack p99':>7} {'e2e p50':>7} {'e2e p99':>7}")
        for key, label in SCENARIOS:
            for level in map(str, args.concurrency):
                s, g = results[small].get(level, {}).get(key), results[big].get(level, {}).get(key)
                if s is None or g is None:
                    continue
                figures = {"req/s": ratio(s["rps"], g["rps"])}
                figures.update({name: ratio(g[k], s[k]) for name, k in
                                (("ack p50", "ack_p50"), ("ack p99", "ack_p99"), ("e2e p50", "e2e_p50"),
                                 ("e2e p99", "e2e_p99"))})
                print(f"{label:<18} {level:>4}  " + " ".join(f"{v:>6.2f}x" for v in figures.values()))
                worst = max(figures, key=figures.get)
                verdicts.append((f"{label} @{level}: {big} vs {small}, worst {worst} {figures[worst]:.2f}x "
                                 f"(<= {TARGET_SCALE}x)", figures[worst] <= TARGET_SCALE))
    print()
    print("Targets (on the end-to-end figures):")
    for text, ok in verdicts:
        print(f"  {'OK    ' if ok else 'MISSED'} {text}")
    for name in targets:
        for level, phases in results[name].items():
            utils = [(k, v["server_util"], v["load_util"]) for k, v in phases.items()]
            busiest = max(utils, key=lambda u: u[1])
            foreign = max(v["foreign_util_max"] for v in phases.values())
            print(f"  note: {name} @{level}: server CPU busiest in '{busiest[0]}' at {busiest[1]:.0%} of one core; "
                  f"load side (generator + fake Slack) {max(u[2] for u in utils):.0%} at most; "
                  f"other processes on the machine up to {foreign:.0%} of a core")
    for name, pauses in gc_pauses.items():
        if pauses:
            print(f"  note: {name} garbage-collector pauses: " + "; ".join(
                f"gen{g} {p['n']}x max {p['max_ms']:.1f} ms" for g, p in pauses.items()))
    if problems:
        print("\nServer logs reported problems:")
        for line in problems[:20]:
            print("  " + line)
    return all(ok for _, ok in verdicts) and not problems


def orchestrate(args: argparse.Namespace) -> int:
    started = time.monotonic()
    deadline = started + args.time_limit
    args.pin = (os.cpu_count() or 1) >= 2
    raw: dict[str, dict[str, dict[str, list]]] = {}
    problems: list[str] = []
    gc_pauses: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"bench_http: seeding databases in {tmp}", flush=True)
        seeds = seed_databases(tmp, args.sizes)
        plan = [("baseline", ["--role", "baseline"])]
        for size in args.sizes:
            db = tmp / f"run-{size}" / "invite-check.json"
            db.parent.mkdir()
            shutil.copyfile(seeds[size], db)
            plan.append((f"bot-{size}", ["--role", "bot", "--db", str(db)]))
        cpu = 0 if args.pin else None
        fake = Child("fake-slack", ["--role", "fake"], tmp / "fake.log", cpu=1 if args.pin else None)
        servers: dict[str, Child] = {}
        try:
            for name, argv in plan:
                profile = ["--profile-out", str(tmp / f"profile-{name}.txt")] if args.profile == name else []
                servers[name] = Child(name, [*argv, "--api", fake.url + "/api/", *profile], tmp / f"{name}.log", cpu)
            runs = [(r, level, name) for r in range(args.rounds) for level in args.concurrency for name, _ in plan]
            print(f"  {len(runs)} runs: {args.rounds} rounds x concurrency {args.concurrency} x {len(plan)} servers, "
                  "interleaved so that drift on a shared machine hits every server alike", flush=True)
            for i, (r, level, name) in enumerate(runs):
                left = deadline - time.monotonic()
                if left < 5:
                    problems.append(f"time limit reached after {i} of {len(runs)} runs")
                    break
                result = load_once(servers[name], fake, args, level, tag=r * 10 + args.concurrency.index(level) + 1,
                                   time_left=left)
                for key, phases in result.items():
                    raw.setdefault(name, {}).setdefault(str(level), {}).setdefault(key, []).append(merge(phases))
            print(f"  load done in {time.monotonic() - started:.0f} s", flush=True)
        finally:
            for name, server in servers.items():
                code = server.stop()
                problems += [f"{name}: {line}" for line in server.problems()]
                if code not in (0, -signal.SIGTERM):
                    problems.append(f"{name} exited with status {code}")
                gc_pauses[name] = server.gc_pauses()
            fake.stop()
        if args.profile:
            out = tmp / f"profile-{args.profile}.txt"
            if out.exists():
                kept = Path(tempfile.gettempdir()) / f"bench-http-profile-{args.profile}.html"
                shutil.copyfile(out.with_suffix(".html"), kept)
                print(f"\n--- pyinstrument profile of {args.profile} (HTML: {kept}) ---")
                print(out.read_text())
    results = {name: {level: {key: across_rounds(rounds) for key, rounds in by_key.items()}
                      for level, by_key in levels.items()}
               for name, levels in raw.items()}
    ok = report(results, args, problems, gc_pauses) if results else False
    print(f"\ntotal {time.monotonic() - started:.0f} s")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walkthroughs", type=int, default=200, help="walkthroughs per round and concurrency level")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (figures: their median)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 50_000])
    parser.add_argument("--time-limit", type=float, default=270.0, help="seconds for the whole run")
    parser.add_argument("--profile", help="baseline, bot-1000 or bot-50000: run it under pyinstrument")
    parser.add_argument("--role", choices=["fake", "bot", "baseline", "load"], help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--api", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--fake", help=argparse.SUPPRESS)
    parser.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--fake-pid", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--level", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tag", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pin(args.cpu)
    if args.role == "fake":
        asyncio.run(run_fake(args))
    elif args.role in ("bot", "baseline"):
        run_server(args)
    elif args.role == "load":
        run_load(args)
    else:
        return orchestrate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
