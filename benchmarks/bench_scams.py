"""How well the analyzer's `scam` verdict separates scams from hard negatives, on a labelled set.

    python benchmarks/bench_scams.py                       # the frozen held-out set (never tuned on)
    python benchmarks/bench_scams.py tests/data/scams/train.jsonl --errors

Prints the share of scams flagged (`scam` true) and of hard negatives called a scam, overall and per
kind, language and form; --errors lists the misses (use it on the training set only).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from bot.coaching.analyzer import analyze

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests/data/scams/heldout.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(HELDOUT))
    ap.add_argument("--errors", action="store_true", help="list the misses (not on the held-out set)")
    args = ap.parse_args()
    items = [json.loads(line) for line in Path(args.path).read_text(encoding="utf-8").splitlines() if line]
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name -> [hits, n]
    errors = []
    for item in items:
        s = analyze(item["text"])
        right = s.scam == item["scam"]
        side = "scam" if item["scam"] else "negative"
        for name in (
            side,
            f"{side} kind={item['kind']}",
            f"{side} lang={item['lang']}",
            f"{side} form={item['form']}",
        ):
            groups[name][0] += s.scam
            groups[name][1] += 1
        groups[f"{side} any warning sign"][0] += bool(s.red_flags)
        groups[f"{side} any warning sign"][1] += 1
        if not right:
            errors.append((item["id"], item["kind"], s.red_flags, item["text"]))
    print(f"{args.path}: {len(items)} items")
    print(f"{'group':44} {'called scam':>12} {'n':>5}")
    for name in sorted(groups, key=lambda n: (not n.startswith("scam"), n.count("="), n)):
        hits, n = groups[name]
        print(f"{name:44} {hits / n:12.3f} {n:5d}")
    if args.errors:
        for wid, kind, flags, text in errors:
            print(f"\n{wid} {kind} {list(flags)}\n  {text[:400]}")


if __name__ == "__main__":
    main()
