"""Decision store figures: write latency as the database grows, full-scan time, memory.

Targets: p99 of one decision write at 50,000 records within 1.25x of its p99 at 1,000;
a staff-summary full scan of 50,000 records under 300 ms; RSS under 150 MB at 50,000.
Plain TinyDB (JSONStorage) inserts are measured at the same sizes as the baseline.

The same figures are then taken on the PostgreSQL store (a throwaway pgserver, or DATABASE_URL
if set: it must be an empty database you can spare) and printed side by side with the file store's.

    .venv/bin/python benchmarks/bench_store.py [--samples 2000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.store import DecisionRecord, Followup, Signals, open_store, utc_now  # noqa: E402

TARGET_RATIO = 1.25
TARGET_SCAN_MS = 300.0
TARGET_RSS_MB = 150.0

INTENTS = ["recruiter", "referral", "collaboration", "networking", "sales", "unclear"]
RECOMMENDATIONS = ["accept", "reply_first", "meet_first", "ignore"]
DECISIONS = ["accepted", "replied_first", "suggested_meeting", "ignored", "later", None]
FLAGS = ["generic_note", "urgency", "off_platform", "crypto", "too_good", "no_mutuals"]
ANSWERS = {
    "know_them": ["yes", "no", "not_sure"],
    "note": ["none", "generic", "specific"],
    "goal": ["job", "internship", "learning", "unsure"],
    "profile": ["complete", "thin", "odd"],
    "mutuals": ["none", "few", "many"],
}
NAMES = ["Jordan Lee", "Priya Shah", "Alex Kim", "Sam Rivera", "Chris Okafor", "Taylor Nguyen"]
NOTE = (
    "Hi! I came across your profile and was impressed by your background. We have an exciting "
    "opportunity on our team and I'd love to connect and tell you more about it."
)


def make_record(i: int, rng: random.Random, now, *, fresh: bool = False) -> DecisionRecord:
    """A realistic record; seeded history is spread over a year, a fresh decision is now."""
    created = now if fresh else now - timedelta(seconds=rng.randint(0, 365 * 86400))
    decision = rng.choice(DECISIONS)
    remind = created + timedelta(days=3) if decision in ("replied_first", "suggested_meeting") else None
    keep_text = rng.random() < 0.25  # teams that opted into storing invite text
    return DecisionRecord(
        id=f"wt-{i:07d}-{rng.getrandbits(40):010x}",
        created_at=created,
        updated_at=created,
        team_id=rng.choice(["T01ABCDEF", "T02GHIJKL"]),
        user_id=f"U{rng.randint(0, 3000):08d}",
        source="slack" if rng.random() < 0.95 else "terminal",
        answers={step: rng.choice(options) for step, options in ANSWERS.items()},
        signals=Signals(
            intent=rng.choice(INTENTS),
            custom_message=rng.random() < 0.5,
            claims_prior_contact=rng.random() < 0.2,
            red_flags=rng.sample(FLAGS, rng.randint(0, 2)),
        ),
        recommendation=rng.choice(RECOMMENDATIONS),
        decision=decision,
        decided_at=created + timedelta(seconds=40) if decision else None,
        followup=Followup(remind_at=remind),
        requester_name=rng.choice(NAMES) if keep_text else None,
        invite_text=NOTE if keep_text else None,
    )


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_writes(store, start: int, n: int, rng: random.Random) -> list[float]:
    out = []
    for i in range(start, start + n):
        record = make_record(i, rng, utc_now(), fresh=True)
        t0 = time.perf_counter()
        store.upsert(record)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def seed(store, start: int, stop: int, rng: random.Random) -> None:
    now = utc_now()
    for lo in range(start, stop, 5000):
        store.upsert_many(make_record(i, rng, now) for i in range(lo, min(stop, lo + 5000)))


def summary(records: Iterable[DecisionRecord]) -> dict:
    """Shaped like the staff summary: counts by decision and recommendation, students."""
    decisions: Counter[str | None] = Counter()
    recommendations: Counter[str] = Counter()
    students = set()
    for r in records:
        decisions[r.decision] += 1
        recommendations[r.recommendation] += 1
        students.add(r.user_id)
    return {"decisions": decisions, "recommendations": recommendations, "students": len(students)}


def rss_mb() -> tuple[float, float]:
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def open_any(path: str):
    """The file store at `path`, or the PostgreSQL store when `path` is a postgresql:// URL."""
    if path.startswith("postgresql://"):
        from bot.store.postgres import PostgresDecisionStore

        return PostgresDecisionStore(path, max_size=2)
    return open_store(path)


def child_writes(path: str, samples: int) -> None:
    """Writes measured in a fresh process, so both sizes run under the same conditions (not
    one of them inside a process whose heap still holds the seeding's garbage)."""
    store = open_any(path)
    latencies = measure_writes(store, 10_000_000 + store.count(), samples, random.Random(samples))
    store.close()
    print(json.dumps(latencies))


def run_child(*args: str) -> object:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def child_staff_summary(path: str) -> None:
    """The staff summary as the app computes it (the store's counts: in SQL on PostgreSQL, a pass over
    the documents in memory for the file store; then ``summarize``), in a fresh process, with its RSS."""
    from bot.coaching.vocab import REASON_STEP
    from bot.staff.summary import summarize

    t0 = time.perf_counter()
    store = open_any(path)
    open_s = time.perf_counter() - t0
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        result = summarize(store.counts(team_id=None, since=None, step=REASON_STEP), now=utc_now(), days=None)
        times.append((time.perf_counter() - t0) * 1000)
    rss, hwm = rss_mb()
    store.close()
    print(
        json.dumps({"checks": result.checks, "summary_ms": times, "rss": rss, "hwm": hwm, "open_s": open_s})
    )


def server_rss_mb(pid: int) -> float:
    import psutil

    root = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 1e6


def measure_postgres(url: str, samples: int, server_pid: int | None) -> dict:
    import psycopg

    from bot.store.postgres import PostgresDecisionStore

    rng = random.Random(7)
    out: dict = {}
    with PostgresDecisionStore(url, max_size=2) as store:
        seed(store, 0, 1000, rng)
    out["small"] = run_child("--child-writes", url, "--samples", str(samples))
    out["summary_1k"] = run_child("--child-staff-summary", url)
    t0 = time.perf_counter()
    with PostgresDecisionStore(url, max_size=2) as store:
        seed(store, store.count(), 50_000, rng)
    out["seed_s"] = time.perf_counter() - t0
    out["big"] = run_child("--child-writes", url, "--samples", str(samples))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE decisions")
        out["db_mb"] = conn.execute("SELECT pg_total_relation_size('decisions')").fetchone()[0] / 1e6
    out["summary_50k"] = run_child("--child-staff-summary", url)
    out["server_rss"] = server_rss_mb(server_pid) if server_pid else None
    return out


def child_scan(path: str) -> None:
    """Runs in a fresh process so RSS reflects a server holding the store, not the seeder."""
    t0 = time.perf_counter()
    store = open_store(path)
    open_s = time.perf_counter() - t0
    rss_open, _ = rss_mb()
    since = utc_now() - timedelta(days=400)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        records = store.list(since=since)
        result = summary(records)
        times.append((time.perf_counter() - t0) * 1000)
        n = len(records)
        del records
    rss_after, hwm = rss_mb()
    t0 = time.perf_counter()
    streamed = summary(store.iter_records(since=since))
    iter_ms = (time.perf_counter() - t0) * 1000
    assert streamed["students"] == result["students"]
    store.close()
    print(
        json.dumps(
            {
                "records": n,
                "open_s": open_s,
                "scan_ms": times,
                "rss_open": rss_open,
                "rss_after_scan": rss_after,
                "hwm": hwm,
                "iter_ms": iter_ms,
            }
        )
    )


def plain_tinydb_inserts(directory: Path, size: int, samples: int, rng: random.Random) -> list[float]:
    from tinydb import TinyDB

    path = directory / f"plain-{size}.json"
    now = utc_now()
    docs = {str(i + 1): make_record(i, rng, now).model_dump(mode="json") for i in range(size)}
    path.write_text(json.dumps({"decisions": docs}))
    del docs
    out = []
    with TinyDB(path) as db:
        table = db.table("decisions")
        for i in range(samples):
            doc = make_record(size + i, rng, now).model_dump(mode="json")
            t0 = time.perf_counter()
            table.insert(doc)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--child-scan", help=argparse.SUPPRESS)
    parser.add_argument("--child-writes", help=argparse.SUPPRESS)
    parser.add_argument("--child-staff-summary", help=argparse.SUPPRESS)
    parser.add_argument("--no-postgres", action="store_true", help="the file store only")
    args = parser.parse_args()
    if args.child_staff_summary:
        child_staff_summary(args.child_staff_summary)
        return
    if args.child_scan:
        child_scan(args.child_scan)
        return
    if args.child_writes:
        child_writes(args.child_writes, args.samples)
        return

    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        directory = Path(tmp)
        path = directory / "invite-check.json"
        print(f"store: {path} (TinyDB snapshot + fsync'd journal), {args.samples} samples per size")

        store = open_store(path)
        seed(store, 0, 1000, rng)
        store.close()
        small = run_child("--child-writes", str(path), "--samples", str(args.samples))
        file_summary_1k = run_child("--child-staff-summary", str(path))
        print(
            f"write @  1,000 records: p50 {pct(small, 0.5):6.3f} ms  p99 {pct(small, 0.99):6.3f} ms  max {max(small):6.2f} ms"
        )

        t0 = time.perf_counter()
        store = open_store(path)
        seed(store, store.count(), 50_000, rng)
        store.close()
        seed_s = time.perf_counter() - t0
        big = run_child("--child-writes", str(path), "--samples", str(args.samples))
        print(
            f"write @ 50,000 records: p50 {pct(big, 0.5):6.3f} ms  p99 {pct(big, 0.99):6.3f} ms  max {max(big):6.2f} ms"
        )
        t0 = time.perf_counter()
        store = open_store(path)
        open_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.compact()
        compact_s = time.perf_counter() - t0
        n_big = store.count()
        store.close()
        size_mb = path.stat().st_size / 1e6
        print(
            f"seeding {seed_s:.1f} s; open @ {n_big:,}: {open_s:.2f} s; compaction @ {n_big:,}: {compact_s:.2f} s; file {size_mb:.1f} MB"
        )

        file_summary_50k = run_child("--child-staff-summary", str(path))
        child = run_child("--child-scan", str(path))
        scan = statistics.median(child["scan_ms"])
        print(
            f"summary scan of {child['records']:,} records (list(since=...) + aggregation): "
            f"median {scan:.0f} ms (runs: {', '.join(f'{t:.0f}' for t in child['scan_ms'])}); "
            f"streamed via iter_records {child['iter_ms']:.0f} ms"
        )
        print(
            f"RSS @ {child['records']:,} records: {child['rss_open']:.0f} MB after open, "
            f"{child['rss_after_scan']:.0f} MB after the scans; peak (VmHWM) {child['hwm']:.0f} MB; "
            f"open in a fresh process {child['open_s']:.2f} s"
        )

        plain_small = plain_tinydb_inserts(directory, 1000, 100, rng)
        plain_big = plain_tinydb_inserts(directory, 50_000, 8, rng)
        print(
            f"plain TinyDB JSONStorage insert @  1,000: p50 {pct(plain_small, 0.5):7.1f} ms  p99 {pct(plain_small, 0.99):7.1f} ms (100 samples)"
        )
        print(
            f"plain TinyDB JSONStorage insert @ 50,000: p50 {pct(plain_big, 0.5):7.1f} ms  p99 {pct(plain_big, 0.99):7.1f} ms (8 samples)"
        )

    ratio = pct(big, 0.99) / pct(small, 0.99)
    print()
    print(
        f"p99 ratio 50k/1k: {ratio:.2f}x  (target <= {TARGET_RATIO}x)  {'OK' if ratio <= TARGET_RATIO else 'MISSED'}"
    )
    print(
        f"full scan @ 50k: {scan:.0f} ms  (target < {TARGET_SCAN_MS:.0f} ms)  {'OK' if scan < TARGET_SCAN_MS else 'MISSED'}"
    )
    rss = max(child["rss_open"], child["rss_after_scan"])
    print(
        f"RSS @ 50k: {rss:.0f} MB  (target < {TARGET_RSS_MB:.0f} MB)  {'OK' if rss < TARGET_RSS_MB else 'MISSED'}"
    )
    print(
        f"ours vs plain TinyDB, p50 write: {pct(plain_small, 0.5) / pct(small, 0.5):.1f}x faster @ 1k, "
        f"{pct(plain_big, 0.5) / pct(big, 0.5):.0f}x faster @ 50k"
    )
    if args.no_postgres:
        return

    import os

    print()
    url = os.environ.get("DATABASE_URL")
    server = None
    with tempfile.TemporaryDirectory(prefix="bench-pg-") as tmp:
        if not url:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from pgtest import PgServer

            server = PgServer()
            url = server.fresh_url("bench")
        pid = server._server.get_pid() if server else None  # noqa: SLF001 - pgserver's handle, for its RSS
        print(
            f"PostgreSQL: {'a throwaway pgserver (16.2), unix socket' if server else 'DATABASE_URL'}, "
            f"{args.samples} samples per size, the same records"
        )
        try:
            pg = measure_postgres(url, args.samples, pid)
        finally:
            if server:
                server.stop()
    med = statistics.median
    rows = [
        ("write p50 @ 1k (ms)", pct(small, 0.5), pct(pg["small"], 0.5)),
        ("write p99 @ 1k (ms)", pct(small, 0.99), pct(pg["small"], 0.99)),
        ("write p50 @ 50k (ms)", pct(big, 0.5), pct(pg["big"], 0.5)),
        ("write p99 @ 50k (ms)", pct(big, 0.99), pct(pg["big"], 0.99)),
        (
            "p99 ratio 50k/1k",
            pct(big, 0.99) / pct(small, 0.99),
            pct(pg["big"], 0.99) / pct(pg["small"], 0.99),
        ),
        (
            "staff summary @ 1k (ms, median of 5)",
            med(file_summary_1k["summary_ms"]),
            med(pg["summary_1k"]["summary_ms"]),
        ),
        (
            "staff summary @ 50k (ms, median of 5)",
            med(file_summary_50k["summary_ms"]),
            med(pg["summary_50k"]["summary_ms"]),
        ),
        ("app process RSS @ 50k (MB)", file_summary_50k["rss"], pg["summary_50k"]["rss"]),
        ("open @ 50k in a fresh process (s)", file_summary_50k["open_s"], pg["summary_50k"]["open_s"]),
    ]
    print(f"{'':40} {'TinyDB file':>12} {'PostgreSQL':>12}")
    for label, a, b in rows:
        print(f"{label:40} {a:12.2f} {b:12.2f}")
    print(f"{'data on disk @ 50k (MB)':40} {size_mb:12.1f} {pg['db_mb']:12.1f}")
    if pg["server_rss"] is not None:
        print(
            f"PostgreSQL server processes RSS: {pg['server_rss']:.0f} MB (shared buffers counted once per process)"
        )
    print(
        f"records counted by the summary: file {file_summary_50k['checks']:,}, "
        f"PostgreSQL {pg['summary_50k']['checks']:,}"
    )


if __name__ == "__main__":
    main()
