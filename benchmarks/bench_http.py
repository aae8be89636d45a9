"""Per-request server CPU of the bot against the limit for this stack, measured side by side in one run.

Processes, all on 127.0.0.1 with ephemeral ports:

* a fake Slack Web API (auth.test, chat.postMessage, chat.update, users.info, conversations.open and
  response_url posts) that counts every call per server (each server has its own token);
* the bot: ``bot.slack.app.wire`` + ``bot.slack.server.build_web_app``, what ``python -m bot serve`` runs, logging
  its one request line per request at INFO (to /dev/null);
* the *limit*: a bare Bolt ``AsyncApp`` served by Bolt's own ``web_app()``, with a pooled HTTP
  session, that shows the student the same messages (pre-rendered from the bot's) with the fewest
  Slack calls and no logic: one chat.postMessage to the user's ID per command, the channel pointer
  in the ack, one chat.update per click;
* this process, the load: signed requests (slack_sdk ``SignatureVerifier``), one at a time; after
  each ack it waits until the fake Slack has received the message call the request leads to, so the
  work after the ack is inside the measurement.

Both servers are pinned to CPU 0 (they never run at once), the fake Slack and the load to the other
CPU. A server's CPU per request is the growth of its utime+stime (/proc/PID/stat, every thread) over
a batch, divided by the batch size. Batches alternate between the two servers, scenario by scenario,
round by round, so drift on a shared machine hits both alike; each CPU figure is the median over the
rounds, each ratio the median of the rounds' own ratios (with their range: on a busy machine a single
round can be off by 30%). Every click is one the bot really rendered (the buttons of its own messages),
by several virtual students at once, each one request at a time.

Targets (issue 11): a command <= 2.0x the limit, a click <= 1.4x.

    .venv/bin/python benchmarks/bench_http.py [--requests 300] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
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
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

SECRET = "bench-signing-secret"
TOKENS = {"bot": "xoxb-bench-bot", "limit": "xoxb-bench-limit"}
TEAM = "T0BENCH01"
PATH = ["personal", "no", "opportunity", "yes"]  # the answers the student gives
DECISION = "accepted"
MESSAGE_CALLS = ("chat.postMessage", "chat.update")
LIFETIME = 900.0  # every child exits by itself after this, whatever happens to the parent
TARGETS = {"command": 2.0, "click": 1.4}
INVITE = (
    "Jordan Rivera\nTalent Acquisition Partner at Northwind\n· 3rd+\n"
    "Hi Sam, I came across your profile while looking for data science interns. Best, Jordan"
)


def pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > cpu:
        os.sched_setaffinity(0, {cpu})


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, all its threads, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def serve(web_app, lifetime: float = LIFETIME) -> None:
    """Serve on 127.0.0.1:<ephemeral>, print the port, run until SIGTERM (or `lifetime`)."""
    from aiohttp import web

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.call_later(lifetime, stop.set)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(f"PORT {runner.addresses[0][1]}", flush=True)
    await stop.wait()
    await runner.cleanup()


# ---------------------------------------------------------------------------------------------------------
# the fake Slack
# ---------------------------------------------------------------------------------------------------------
class FakeSlack:
    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {name: {} for name in TOKENS}
        self.last: dict[str, dict[str, Any]] = {name: {} for name in TOKENS}
        self.changed = asyncio.Condition()
        self.ts = 0

    def _note(self, server: str, method: str, body: dict[str, Any]) -> None:
        counts = self.counts[server]
        counts[method] = counts.get(method, 0) + 1
        self.last[server][method] = body

    async def api(self, request):
        from aiohttp import web

        method = request.match_info["method"]
        raw = await request.read()
        if "json" in request.content_type:
            body = json.loads(raw or b"{}")
        else:
            body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ") or body.get("token")
        server = next((name for name, t in TOKENS.items() if t == token), None)
        if server is None:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if isinstance(body.get("blocks"), str):
            body["blocks"] = json.loads(body["blocks"])
        answer = self.answer(method, body)
        async with self.changed:
            self._note(server, method, {**body, "_response": answer})
            self.changed.notify_all()
        return web.json_response(answer)

    def answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://bench.slack.com/",
                "team": "Bench",
                "user": "invitecheck",
                "team_id": TEAM,
                "user_id": "U0BOT",
                "bot_id": "B0BOT",
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            self.ts += 1
            channel = str(body.get("channel", ""))
            channel = "D" + channel[1:] if channel.startswith("U") else channel  # the app's DM with the user
            return {
                "ok": True,
                "channel": channel,
                "ts": f"1700000000.{self.ts:06d}",
                "message": {"type": "message", "text": body.get("text", "")},
            }
        if method == "chat.update":
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": body.get("ts"),
                "text": body.get("text", ""),
            }
        if method == "users.info":
            return {
                "ok": True,
                "user": {
                    "id": body.get("user"),
                    "real_name": "Sam Student",
                    "tz": "UTC",
                    "tz_offset": 0,
                    "profile": {"real_name": "Sam Student"},
                },
            }
        if method == "conversations.open":
            user = str(body.get("users", "")).split(",")[0]
            return {"ok": True, "channel": {"id": "D" + user[1:]}}
        return {"ok": False, "error": "unknown_method"}

    async def respond(self, request):  # a response_url
        from aiohttp import web

        server = request.match_info["server"]
        async with self.changed:
            self._note(server, "response_url", json.loads(await request.read() or b"{}"))
            self.changed.notify_all()
        return web.json_response({"ok": True})

    async def stats(self, request):
        from aiohttp import web

        server = request.query["server"]
        wanted = int(request.query.get("messages", "0"))
        async with self.changed:  # long poll: until `wanted` message calls have arrived (or 10 s)
            with_timeout = asyncio.wait_for(
                self.changed.wait_for(
                    lambda: sum(self.counts[server].get(m, 0) for m in MESSAGE_CALLS) >= wanted
                ),
                10,
            )
            with contextlib.suppress(TimeoutError):
                await with_timeout
        return web.json_response({"counts": self.counts[server], "last": self.last[server]})

    def web_app(self):
        from aiohttp import web

        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_post("/api/{method}", self.api)
        app.router.add_post("/response/{server}", self.respond)
        app.router.add_get("/stats", self.stats)
        return app


# ---------------------------------------------------------------------------------------------------------
# the two servers
# ---------------------------------------------------------------------------------------------------------
async def run_bot(fake: str, db: str) -> None:
    from bot import logs
    from bot.config import Settings
    from bot.slack.app import open_http_session, wire
    from bot.slack.server import build_web_app
    from bot.store import AsyncDecisionStore, open_store

    logs.configure("INFO", stream=open(os.devnull, "w"))  # noqa: SIM115, ASYNC230 - start-up, kept open
    settings = Settings(
        _env_file=None,
        slack_bot_token=TOKENS["bot"],
        slack_signing_secret=SECRET,
        slack_api_url=f"{fake}/api/",
        invite_check_db_path=db,
    )
    store = AsyncDecisionStore(open_store(settings.invite_check_db_path))
    wired = wire(settings, store)
    await open_http_session(wired.app)
    try:
        await serve(build_web_app(wired.app, settings.slack_signing_secret))
    finally:
        await store.aclose()


async def run_limit(fake: str, messages_file: str) -> None:
    """The fewest Slack calls that show the student the same messages, and no logic."""
    import logging

    import aiohttp
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    logging.basicConfig(level=logging.WARNING, stream=open(os.devnull, "w"))  # noqa: SIM115, ASYNC230
    messages = json.loads(Path(messages_file).read_text())  # noqa: ASYNC240 - start-up
    app = AsyncApp(
        client=AsyncWebClient(token=TOKENS["limit"], base_url=f"{fake}/api/"), signing_secret=SECRET
    )
    app.client.session = aiohttp.ClientSession()
    pointer = messages["pointer"]

    async def command(ack, command, client):
        if command["channel_id"].startswith("D"):
            await ack()
        else:
            await ack(text=pointer, response_type="ephemeral")
        await client.chat_postMessage(channel=command["user_id"], **messages["command"])

    async def click(ack, body, action, client):
        await ack()
        container = body["container"]
        await client.chat_update(
            channel=container["channel_id"], ts=container["message_ts"], **messages[action["action_id"]]
        )

    app.command("/invite-check")(command)
    app.action(re.compile("^ic_"))(click)
    await serve(app.web_app())


# ---------------------------------------------------------------------------------------------------------
# the load
# ---------------------------------------------------------------------------------------------------------
class Child:
    def __init__(self, name: str, args: list[str], cpu: int) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, __file__, *args, "--cpu", str(cpu)], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"{name} did not start: {line!r}")
        self.url = f"http://127.0.0.1:{line.split()[1]}"

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Load:
    def __init__(self, session, fake: str) -> None:
        from slack_sdk.signature import SignatureVerifier

        self.session, self.fake = session, fake
        self.verifier = SignatureVerifier(SECRET)

    async def post(self, server: Child, body: str) -> dict | str | None:
        ts = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": self.verifier.generate_signature(timestamp=ts, body=body),
        }
        async with self.session.post(
            f"{server.url}/slack/events", data=body.encode(), headers=headers
        ) as res:
            if res.status != 200:
                raise RuntimeError(f"{server.name}: HTTP {res.status}: {(await res.text())[:300]}")
            text = await res.text()
        return json.loads(text) if text.startswith("{") else text or None

    async def stats(self, server: str, messages: int = 0) -> dict:
        async with self.session.get(
            f"{self.fake}/stats", params={"server": server, "messages": messages}
        ) as res:
            return await res.json()

    async def delivered(self, server: str, at_least: int = 0) -> int:
        counts = (await self.stats(server, at_least))["counts"]
        return sum(counts.get(m, 0) for m in MESSAGE_CALLS)

    def command(self, server: str, student: str, channel: str) -> str:
        import payloads as p

        return urlencode(
            p.slash_command(
                text=INVITE,
                user_id=student,
                channel_id=channel,
                team_id=TEAM,
                response_url=f"{self.fake}/response/{server}",
            )
        )

    def click(self, server: str, student: str, message: dict, action_id: str, wid: str | None = None) -> str:
        """A click on a button of `message`; with `wid`, its state names another walkthrough (a fresh one)."""
        import payloads as p

        block, element = p.find_element(message["blocks"], action_id)
        action = p.action_for(block, element)
        if wid is not None:
            state = json.loads(action["value"][1:])
            action["value"] = action["value"][0] + json.dumps(
                {**state, "w": wid}, separators=(",", ":"), ensure_ascii=False
            )
        payload = p.block_actions(
            [action],
            user_id=student,
            channel_id=message["channel"],
            message={
                "type": "message",
                "user": "U0BOT",
                "bot_id": "B0BOT",
                "ts": message["ts"],
                "text": message["text"],
                "blocks": message["blocks"],
            },
            response_url=f"{self.fake}/response/{server}",
        )
        payload["team"] = {"id": TEAM, "domain": "bench"}
        payload["user"]["team_id"] = TEAM
        return urlencode({"payload": json.dumps(payload)})


def scenarios() -> list[tuple[str, str, str, str]]:
    """(label, kind, action_id or the channel kind, the message clicked) for every request kind measured."""
    from bot.slack.views import student as bk

    return [
        ("command from a channel", "command", "channel", ""),
        ("command in the DM", "command", "dm", ""),
        ("click: answer", "click", bk.A_ANSWER + PATH[0], "step1"),
        ("click: back", "click", bk.A_BACK, "step2"),
        ("click: start over", "click", bk.A_RESTART, "step2"),
        ("click: last answer", "click", bk.A_ANSWER + PATH[-1], "last"),
        ("click: decision", "click", bk.A_DECIDE + DECISION, "card"),
        ("click: change decision", "click", bk.A_CHANGE, "decided"),
    ]


async def walk_bot(load: Load, bot: Child, student: str) -> tuple[dict[str, dict], dict]:
    """One real walkthrough on the bot: the messages it rendered (by step), and the ack of its command."""
    from bot.slack.views import student as bk

    async def shown(method: str, ts: str | None = None) -> dict:
        body = (await load.stats("bot"))["last"][method]
        return {
            "text": body.get("text", ""),
            "blocks": body["blocks"],
            "ts": ts or body["_response"]["ts"],
            "channel": body["_response"]["channel"],
        }

    before = await load.delivered("bot")
    ack = await load.post(bot, load.command("bot", student, "C0BENCHGEN"))
    await load.stats("bot", before + 1)
    step1 = await shown("chat.postMessage")
    walk = {"step1": step1}
    message = step1
    for n, option in enumerate(PATH):
        before = await load.delivered("bot")
        await load.post(bot, load.click("bot", student, message, bk.A_ANSWER + option))
        await load.stats("bot", before + 1)
        message = await shown("chat.update", step1["ts"])
        walk.setdefault({0: "step2", len(PATH) - 2: "last"}.get(n, f"after {option}"), message)
    walk["card"] = message
    before = await load.delivered("bot")
    await load.post(bot, load.click("bot", student, message, bk.A_DECIDE + DECISION))
    await load.stats("bot", before + 1)
    walk["decided"] = await shown("chat.update", step1["ts"])
    return walk, ack if isinstance(ack, dict) else {}


def _shown(message: dict) -> dict:
    return {"text": message["text"], "blocks": message["blocks"]}


async def measure(args: argparse.Namespace) -> int:
    import aiohttp

    from bot.slack.views import student as bk

    pin(1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-http-"))
    fake = Child("fake", ["--role", "fake"], 1)
    servers: dict[str, Child] = {}
    students = [f"U0BENCH{i:03d}" for i in range(args.students)]
    try:
        servers["bot"] = Child("bot", ["--role", "bot", "--fake", fake.url, "--db", str(tmp / "db.json")], 0)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=args.students)) as session:
            load = Load(session, fake.url)
            walks, ack = {}, {}
            for (
                student
            ) in students:  # each virtual student's own walkthrough, on the buttons the bot rendered
                walks[student], ack = await walk_bot(load, servers["bot"], student)
            # The limit shows what the bot showed, pre-built: the same message sizes on the wire.
            walk = walks[students[0]]
            shown = {
                "pointer": ack.get("text", ""),
                "command": _shown(walk["step1"]),
                bk.A_ANSWER + PATH[0]: _shown(walk["step2"]),
                bk.A_BACK: _shown(walk["step1"]),
                bk.A_RESTART: _shown(walk["step1"]),
                bk.A_ANSWER + PATH[-1]: _shown(walk["card"]),
                bk.A_DECIDE + DECISION: _shown(walk["decided"]),
                bk.A_CHANGE: _shown(walk["card"]),
            }
            (tmp / "messages.json").write_text(json.dumps(shown))
            servers["limit"] = Child(
                "limit", ["--role", "limit", "--fake", fake.url, "--messages", str(tmp / "messages.json")], 0
            )
            for (
                student
            ) in students:  # the limit's first command per student (and its auth.test) before timing
                await load.post(servers["limit"], load.command("limit", student, "C0BENCHGEN"))
            cpu: dict[tuple[str, str], list[float]] = {}
            calls: dict[tuple[str, str], dict[str, float]] = {}
            per_student = max(1, args.requests // len(students))
            total = per_student * len(students)
            print(
                f"{total} requests per batch ({len(students)} virtual students, {per_student} each, one at a time"
                f" per student); {args.rounds} rounds; servers on CPU 0, fake Slack and load on CPU 1",
                flush=True,
            )
            for _ in range(args.rounds):
                for label, kind, what, source in scenarios():
                    if args.only and args.only not in label:
                        continue
                    for name, server in servers.items():
                        # Each student's requests; a last answer is a walkthrough's first store write, so
                        # each one carries a fresh walkthrough id (a repeat would find its record stored).
                        bodies = [
                            [
                                load.click(
                                    name, s, walks[s][source], what, f"{s}r{n:06d}{time.time_ns() % 10**9}"
                                )
                                for n in range(per_student)
                            ]
                            if label == "click: last answer"
                            else [
                                load.command(
                                    name, s, walks[s]["step1"]["channel"] if what == "dm" else "C0BENCHGEN"
                                )
                                if kind == "command"
                                else load.click(name, s, walks[s][source], what)
                            ]
                            * per_student
                            for s in students
                        ]
                        before_calls = (await load.stats(name))["counts"]
                        delivered = await load.delivered(name)
                        before = cpu_seconds(server.proc.pid)

                        async def student_loop(mine: list[str], server: Child = server) -> None:
                            for body in mine:
                                await load.post(server, body)

                        await asyncio.gather(*(student_loop(body) for body in bodies))
                        await load.delivered(name, delivered + total)  # every message reached Slack
                        cpu.setdefault((label, name), []).append(
                            (cpu_seconds(server.proc.pid) - before) / total
                        )
                        after_calls = (await load.stats(name))["counts"]
                        calls[(label, name)] = {
                            m: (after_calls.get(m, 0) - before_calls.get(m, 0)) / total
                            for m in after_calls
                            if after_calls.get(m, 0) != before_calls.get(m, 0)
                        }
            code = report(cpu, calls)
            print("\nPieces of the bot's own work (CPU per call, measured in the load's process):")
            for line in await parts():
                print(f"  {line}")
            return code
    finally:
        for child in (*servers.values(), fake):
            child.stop()


async def parts() -> list[str]:
    """CPU of the pieces of the bot's own work, measured in this process (CPU 1), for reading the ratios."""
    import tempfile as tf
    from datetime import UTC, datetime

    from bot.coaching.analyzer import analyze
    from bot.store import AsyncDecisionStore, DecisionRecord, Signals, open_store

    def per_call(fn, n: int) -> float:
        fn()
        started = time.process_time()
        for _ in range(n):
            fn()
        return (time.process_time() - started) / n * 1e6

    lines = [f"analyzer, one invitation: {per_call(lambda: analyze(INVITE), 300):.0f} us"]
    with tf.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "db.json"))
        now = datetime.now(UTC)
        store.upsert(
            DecisionRecord(
                id="b" * 32,
                created_at=now,
                updated_at=now,
                team_id=TEAM,
                user_id="U0X",
                source="slack",
                answers={},
                recommendation="pending",
                signals=Signals(
                    intent="recruiter", custom_message=True, claims_prior_contact=False, red_flags=[]
                ),
            )
        )
        update = per_call(
            lambda: store.update(
                "b" * 32,
                answers={"note": "personal"},
                recommendation="accept",
                decision="accepted",
                decided_at=now,
            ),
            300,
        )
        lines.append(f"one durable store write (journal line + fdatasync): {update:.0f} us")
        front = AsyncDecisionStore(store)

        async def hops(n: int) -> float:
            await front.get("b" * 32)
            started = time.process_time()
            for _ in range(n):
                await front.get("b" * 32)
            return (time.process_time() - started) / n * 1e6

        lines.append(f"one trip to the store's thread (a read): {await hops(300):.0f} us")
        store.close()
    return lines


def report(cpu, calls) -> int:
    """Each round pairs a bot batch with the limit's batch right after it: the ratio is the median of the
    rounds' ratios (drift between rounds cancels out), with their range."""
    print(
        f"\n{'request':<24} {'bot ms':>7} {'limit ms':>8} {'ratio':>6} {'(range)':>13} {'target':>6}  "
        "Slack calls per request (bot | limit)"
    )
    misses = []
    for label, kind, _, _ in scenarios():
        if (label, "bot") not in cpu:
            continue
        bot, limit = cpu[(label, "bot")], cpu[(label, "limit")]
        ratios = [b / lim for b, lim in zip(bot, limit, strict=True) if lim]
        ratio = statistics.median(ratios) if ratios else float("inf")
        target = TARGETS[kind]
        if ratio > target:
            misses.append(label)

        def said(name: str, label: str = label) -> str:
            found = calls.get((label, name)) or {}
            return ", ".join(f"{m} {n:.2f}" for m, n in sorted(found.items())) or "none"

        spread = f"{min(ratios):.2f}-{max(ratios):.2f}" if ratios else "-"
        print(
            f"{label:<24} {statistics.median(bot) * 1000:7.3f} {statistics.median(limit) * 1000:8.3f} "
            f"{ratio:5.2f}x {spread:>13} {target:5.1f}x  {said('bot')} | {said('limit')}"
        )
    print("\nCPU: server utime+stime per request, after-ack work included, median over the rounds.")
    print("all within target" if not misses else f"over target: {', '.join(misses)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per batch")
    parser.add_argument(
        "--students", type=int, default=10, help="virtual students, each one request at a time"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="measure only the requests whose label contains this")
    parser.add_argument("--role", choices=["load", "fake", "bot", "limit"], default="load")
    parser.add_argument("--cpu", type=int, default=None)
    parser.add_argument("--fake")
    parser.add_argument("--db")
    parser.add_argument("--messages")
    args = parser.parse_args()
    if args.cpu is not None:
        pin(args.cpu)
    if args.role == "fake":
        asyncio.run(serve(FakeSlack().web_app()))
        return 0
    if args.role in ("bot", "limit"):
        server = run_bot(args.fake, args.db) if args.role == "bot" else run_limit(args.fake, args.messages)
        profile_to = os.environ.get("BENCH_PROFILE")  # a folder: where each server's cProfile stats go
        if profile_to:
            import cProfile

            with cProfile.Profile() as profiler:
                asyncio.run(server)
            profiler.dump_stats(Path(profile_to) / f"{args.role}.prof")
        else:
            asyncio.run(server)
        return 0
    return asyncio.run(measure(args))


if __name__ == "__main__":
    sys.exit(main())
