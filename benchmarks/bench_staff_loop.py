"""Event-loop stalls while staff export CSV and read the summary, at 50,000 records (issue 10 item 11).

One process, everything on 127.0.0.1: the fake Slack of the tests, and the bot (``build_app`` +
``build_web_app``) on an in-memory store seeded with N records. While a staff member clicks
"Export CSV" (or runs ``/invite-summary all``), a probe asks ``GET /healthz`` every 5 ms; the
figure is the longest a health check waited, counted from when it was due (counted from its send,
a stall of the loop that fell in the probe's 5 ms sleep went unseen). After an uncounted warm-up,
three phases, each repeated ``--rounds`` times:

* idle: no staff work (the baseline of this run);
* inline: the export/summary built in one go on the event loop, as before the fix (the listener's
  ``period_csv`` and ``period_summary`` replaced by the one-go ``csv_text`` of the records listed by
  the store and the store's ``counts`` called on the loop, in this process only);
* shipped: the code as it ships (the export: written on the store's thread straight from its
  records, ``csv_from_store``; the summary: counted by the store, on its thread here, in SQL on
  PostgreSQL).

    .venv/bin/python benchmarks/bench_staff_loop.py [--records 50000] [--rounds 3]

Prints max and p99 /healthz latency per phase and their ratio to the idle baseline. ~2 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import payloads as p  # noqa: E402
from aiohttp import ClientSession, web  # noqa: E402
from fakeslack import FakeSlack  # noqa: E402
from slack_sdk.signature import SignatureVerifier  # noqa: E402

from bot.coaching.vocab import REASON_STEP  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.slack.app import build_app  # noqa: E402
from bot.slack.listeners import staff as staff_listener  # noqa: E402
from bot.slack.server import build_web_app  # noqa: E402
from bot.staff import privacy  # noqa: E402
from bot.staff.export import csv_text  # noqa: E402
from bot.staff.summary import period_start, summarize  # noqa: E402
from bot.store import AsyncDecisionStore, DecisionRecord, MemoryDecisionStore, Signals  # noqa: E402

SECRET = "bench-secret"
PROBE_EVERY = 0.005  # seconds between health checks
NOW = datetime.now(UTC)


def records(n: int):
    intents = ("recruiter", "networking", "sales", "unclear")
    for i in range(n):
        at = NOW - timedelta(minutes=i)
        yield DecisionRecord(
            id=f"bench{i:08d}",
            created_at=at,
            updated_at=at,
            team_id=p.TEAM_ID,
            user_id=f"U{i % 900:08d}",
            answers={"note": "no", "met": "no", "reason": "job", "value": "yes"},
            recommendation="accept",
            decision="accepted" if i % 2 else None,
            signals=Signals(
                intent=intents[i % 4],
                custom_message=bool(i % 3),
                claims_prior_contact=False,
                red_flags=["urgency"] if i % 7 == 0 else [],
            ),
        )


def signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
        "Content-Type": "application/x-www-form-urlencoded",
    }


async def probe(session: ClientSession, base: str, stop: asyncio.Event) -> list[float]:
    """A health check every 5 ms; each wait counts from when it was due, not from when this
    in-process client got to send it: a checker outside the process would have sent it on time,
    and a loop blocked before the send would otherwise go unmeasured."""
    waits = []
    due = time.perf_counter()
    while not stop.is_set():
        async with session.get(base + "/healthz") as res:
            await res.read()
        waits.append(time.perf_counter() - due)
        due = time.perf_counter() + PROBE_EVERY
        await asyncio.sleep(PROBE_EVERY)
    return waits


async def staff_job(session: ClientSession, base: str, fake: FakeSlack, kind: str) -> None:
    if kind == "export":
        before = len(fake.calls("files.completeUploadExternal"))
        payload = p.block_actions([p.button_action("staff_export", "all")], user_id=p.STAFF)
        payload["response_url"] = fake.response_url()
        body = urlencode({"payload": json.dumps(payload)})
        async with session.post(base + "/slack/events", data=body, headers=signed(body)) as res:
            assert res.status == 200
        await fake.wait_for("files.completeUploadExternal", count=before + 1, timeout=60)
    else:
        before = len(fake.calls("response_url"))
        body = urlencode(
            p.slash_command("/invite-summary", "all", user_id=p.STAFF, response_url=fake.response_url())
        )
        async with session.post(base + "/slack/events", data=body, headers=signed(body)) as res:
            assert res.status == 200
        await fake.wait_for("response_url", count=before + 1, timeout=60)


async def phase(session, base, fake, kind: str | None) -> list[float]:
    stop = asyncio.Event()
    task = asyncio.create_task(probe(session, base, stop))
    if kind is None:
        await asyncio.sleep(1.0)
    else:
        await asyncio.sleep(0.1)
        await staff_job(session, base, fake, kind)
        await asyncio.sleep(0.1)
    stop.set()
    return await task


async def main_async(args: argparse.Namespace) -> None:
    fake = await FakeSlack(token="xoxb-bench").start()
    store = MemoryDecisionStore()
    started = time.perf_counter()
    store.upsert_many(records(args.records))
    print(f"seeded {args.records} records in {time.perf_counter() - started:.1f} s")
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
        invite_check_staff_user_ids=frozenset({p.STAFF}),
    )
    app = build_app(settings, AsyncDecisionStore(store))
    runner = web.AppRunner(build_web_app(app, settings.slack_signing_secret), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    shipped = staff_listener.period_csv, staff_listener.period_summary

    async def csv_inline(deps, team_id, days, now):
        since = None if days is None else now - timedelta(days=days)
        records = await deps.store.list(team_id=team_id, since=since)
        content, rows = csv_text(
            records,
            now=now,
            days=days,
            steps=[s.id for s in deps.content.checklist.steps],
            view=deps.settings.invite_check_staff_view,
            key=privacy.key_of(deps.settings),
        )
        return content.encode(), rows

    async def summary_inline(deps, team_id, days):
        now = deps.clock()
        counts = deps.store.store.counts(team_id=team_id, since=period_start(now, days), step=REASON_STEP)
        return summarize(counts, now=now, days=days)

    results: dict[str, list[float]] = {}
    async with ClientSession() as session:
        await phase(session, base, fake, None)  # warm-up (connection, first requests): not counted
        for _ in range(args.rounds):
            results.setdefault("idle", []).extend(await phase(session, base, fake, None))
            for kind in ("export", "summary"):
                staff_listener.period_csv, staff_listener.period_summary = csv_inline, summary_inline
                try:
                    results.setdefault(f"{kind} inline", []).extend(await phase(session, base, fake, kind))
                finally:
                    staff_listener.period_csv, staff_listener.period_summary = shipped
                results.setdefault(f"{kind} shipped", []).extend(await phase(session, base, fake, kind))
    await runner.cleanup()
    await fake.stop()

    idle_max = max(results["idle"])
    print(f"\n/healthz latency at {args.records} records, {args.rounds} round(s) (ratio: max vs idle max)")
    print(f"{'phase':<20} {'probes':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'ratio':>7}")
    for name, waits in results.items():
        waits = sorted(waits)
        p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
        print(
            f"{name:<20} {len(waits):>7} {statistics.median(waits) * 1000:>8.1f} {p99 * 1000:>8.1f}"
            f" {max(waits) * 1000:>8.1f} {max(waits) / idle_max:>7.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main_async(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
