"""The staff digest at 50,000 records, on the TinyDB file and on PostgreSQL.

Seeds the same half year of checks (tests/staff/digest_seed.py: one in seven flagged, scam campaigns,
alerts) into both stores, then, in a fresh process per store: opening the store read-only as
``python -m bot digest`` does, the digest itself (reading the records it needs with
``iter_records(since=records_since(...))`` and ``build_digest``; median of 5), the chart, the staff
summary of all records (the store's ``counts`` and ``summarize``; median of 5) and the whole CLI command
from a cold interpreter.

    .venv/bin/python benchmarks/bench_digest.py [--records 50000] [--no-postgres]

PostgreSQL: a throwaway pgserver, or DATABASE_URL if set (an empty database you can spare).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

RUNS = 5


def child(kind: str, where: str, team: str) -> None:
    """Time the digest in this (fresh) process and print the figures as JSON."""
    from bot.coaching.vocab import REASON_STEP
    from bot.staff.chart import weekly_chart
    from bot.staff.digest import build_digest, records_since
    from bot.staff.summary import summarize
    from bot.store import open_read_only
    from bot.store.postgres import PostgresDecisionStore

    t0 = time.perf_counter()
    store = PostgresDecisionStore(where) if kind == "postgres" else open_read_only(where)
    open_s = time.perf_counter() - t0
    times, digest = [], None
    with store:
        for _ in range(RUNS):
            now = datetime.now(UTC)
            t0 = time.perf_counter()
            records = store.iter_records(team_id=team, since=records_since(now))
            digest = build_digest(records, now, team_id=team, key="bench")
            times.append((time.perf_counter() - t0) * 1000)
        summary_ms = []
        for _ in range(RUNS):
            now = datetime.now(UTC)
            t0 = time.perf_counter()
            summary = summarize(store.counts(team_id=None, since=None, step=REASON_STEP), now=now, days=None)
            summary_ms.append((time.perf_counter() - t0) * 1000)
    assert digest is not None and summary.checks
    t0 = time.perf_counter()
    png = weekly_chart(digest.weekly)
    chart_ms = (time.perf_counter() - t0) * 1000
    print(
        json.dumps(
            {
                "open_s": open_s,
                "digest_ms": times,
                "chart_ms": chart_ms,
                "summary_ms": summary_ms,
                "png_bytes": len(png),
                "checks": digest.checks.now,
                "read": sum(w.checks for w in digest.weekly),
                "clusters": len(digest.clusters),
                "engaged": len(digest.engaged),
                "help": len(digest.asked_for_help),
            }
        )
    )


def run_child(kind: str, where: str, team: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, where, "--team", team],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli_seconds(env: dict[str, str], team: str) -> float:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_", "DATABASE_URL"))
    }
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "digest", "--team", team],
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--team", default="T1", help="the workspace digested (the seed has T1 and T2)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.team)
        return

    from bot.store import open_store
    from bot.store.postgres import PostgresDecisionStore
    from tests.staff.digest_seed import many_records

    records = many_records(args.records, datetime.now(UTC))
    print(
        f"{args.records:,} records over 180 days in 2 workspaces; the digest of workspace {args.team}, last 7 days"
    )
    results: dict[str, tuple[dict, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        path = Path(tmp) / "invite-check.json"
        with open_store(path) as store:
            store.upsert_many(records)
        results["TinyDB file"] = (
            run_child("file", str(path), args.team),
            cli_seconds({"INVITE_CHECK_DB_PATH": str(path)}, args.team),
        )
    if not args.no_postgres:
        server = None
        url = os.environ.get("DATABASE_URL")
        if not url:
            from pgtest import PgServer

            server = PgServer()
            url = server.fresh_url("bench")
        try:
            with PostgresDecisionStore(url) as db:
                db.upsert_many(records)
            results["PostgreSQL"] = (
                run_child("postgres", url, args.team),
                cli_seconds({"DATABASE_URL": url}, args.team),
            )
        finally:
            if server:
                server.stop()
    names = list(results)
    print(f"{'':52}" + "".join(f"{n:>14}" for n in names))
    rows = [
        ("open the store read-only (s)", lambda r, _: f"{r['open_s']:.2f}"),
        (
            f"digest: read + build (ms, median of {RUNS})",
            lambda r, _: f"{statistics.median(r['digest_ms']):.0f}",
        ),
        ("digest: slowest run (ms)", lambda r, _: f"{max(r['digest_ms']):.0f}"),
        ("chart (ms)", lambda r, _: f"{r['chart_ms']:.0f}"),
        ("chart PNG (bytes)", lambda r, _: f"{r['png_bytes']:,}"),
        (
            f"staff summary, all records (ms, median of {RUNS})",
            lambda r, _: f"{statistics.median(r['summary_ms']):.0f}",
        ),
        ("`python -m bot digest` wall time (s)", lambda _, cli: f"{cli:.2f}"),
        ("records in the 12 weeks read", lambda r, _: f"{r['read']:,}"),
        ("checks this week / new clusters", lambda r, _: f"{r['checks']:,} / {r['clusters']}"),
        ("engaged / asked for help", lambda r, _: f"{r['engaged']} / {r['help']}"),
    ]
    for label, cell in rows:
        print(f"{label:52}" + "".join(f"{cell(*results[n]):>14}" for n in names))


if __name__ == "__main__":
    main()
