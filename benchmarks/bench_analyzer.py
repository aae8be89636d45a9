"""Throughput of bot.coaching.analyzer.analyze on one core.

Run: .venv/bin/python benchmarks/bench_analyzer.py [--seconds 2.5] [--runs 5] [--accuracy]
Prints invitations/second over the labelled set, over the blind set, and for 3,000-character worst cases
(the analyzer truncates longer input, so 3,000 characters bounds the cost of one call). With --accuracy,
also per-field accuracy on each split of the labelled set and on the blind set.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.coaching.analyzer import MAX_CHARS, analyze  # noqa: E402

DATA = ROOT / "tests" / "data" / "invitations.jsonl"
BLIND = ROOT / "tests" / "data" / "invitations_blind.jsonl"
FIELDS = ("custom_message", "claims_prior_contact", "intent", "requester_name", "red_flags")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _accuracy(rows: list[dict]) -> str:
    hits = dict.fromkeys(FIELDS, 0)
    for row in rows:
        s = analyze(row["text"])
        got = {"custom_message": s.custom_message, "claims_prior_contact": s.claims_prior_contact,
               "intent": s.intent, "requester_name": s.requester_name, "red_flags": set(s.red_flags)}
        for f in FIELDS:
            hits[f] += got[f] == (set(row[f]) if f == "red_flags" else row[f])
    return ", ".join(f"{f}={hits[f] / len(rows):.3f}" for f in FIELDS)


def _worst_cases(texts: list[str]) -> dict[str, str]:
    """3,000-char inputs that stress the regexes: dense cue words, many short words, one long token."""
    dense = "\n".join(texts)
    return {
        "dense cues (labelled set glued)": (dense * (MAX_CHARS // len(dense) + 1))[:MAX_CHARS],
        "short capitalised words": ("Aa " * MAX_CHARS)[:MAX_CHARS],
        "one long token": "x" * MAX_CHARS,
        "html soup": ("<p>Hi &amp; <b>we met</b> at the fair, WhatsApp me $900/week</p>" * 60)[:MAX_CHARS],
    }


def _run(texts: list[str], seconds: float, runs: int) -> tuple[float, list[float], float]:
    """Return (mean invitations/s over runs, per-run rates, p99 per-call microseconds)."""
    for t in texts:  # warm up
        analyze(t)
    per_run = seconds / runs
    rates: list[float] = []
    samples: list[int] = []
    clock = time.perf_counter_ns
    for _ in range(runs):
        n = 0
        start = clock()
        deadline = start + int(per_run * 1e9)
        while clock() < deadline:
            for t in texts:
                t0 = clock()
                analyze(t)
                samples.append(clock() - t0)
            n += len(texts)
        rates.append(n / ((clock() - start) / 1e9))
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] / 1000
    return statistics.fmean(rates), rates, p99


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=2.5, help="total timed seconds for the labelled set")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--accuracy", action="store_true", help="also print per-field accuracy per split")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):  # one core, as the target is stated per core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    rows = _rows(DATA)
    blind = _rows(BLIND) if BLIND.exists() else []
    if args.accuracy:
        for split in ("dev", "test"):
            part = [r for r in rows if r["split"] == split]
            print(f"accuracy {split} ({len(part)}): {_accuracy(part)}")
        if blind:
            print(f"accuracy blind ({len(blind)}): {_accuracy(blind)}")
    texts = [r["text"] for r in rows]
    avg_len = statistics.fmean(len(t) for t in texts)
    mean, rates, p99 = _run(texts, args.seconds, args.runs)
    print(f"analyzer: {mean:,.0f} invitations/s (mean over {args.runs} runs; min {min(rates):,.0f}, "
          f"max {max(rates):,.0f}), p99 {p99:,.0f} µs per invite "
          f"[{len(texts)} labelled invitations, mean {avg_len:.0f} chars]")
    if blind:
        bmean, _, bp99 = _run([r["text"] for r in blind], max(0.5, args.seconds / 2), args.runs)
        print(f"blind set: {bmean:,.0f} invitations/s, p99 {bp99:,.0f} µs per invite [{len(blind)} invitations]")
    for label, text in _worst_cases(texts).items():
        wmean, _, wp99 = _run([text], max(0.5, args.seconds / 4), 2)
        print(f"worst case {len(text):,}-char ({label}): {wmean:,.0f} invitations/s, "
              f"p99 {wp99:,.0f} µs per invite")


if __name__ == "__main__":
    main()
