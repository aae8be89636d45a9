"""Is the intent confidence honest? Reliability tables for the model's confidence, and what pre-selection
covers and gets right.

    .venv/bin/python benchmarks/bench_calibration.py               # dev (fit on train) + the fresh split
    .venv/bin/python benchmarks/bench_calibration.py --split dev   # the committed model on dev (it trained on it)

Part 1 refits the model on train, as `make train` does before it calibrates, and shows dev's reliability
with the raw softmax (T = 1) and with the temperature training picks; part 2 scores the committed model
(trained on train + dev, calibrated) through `analyze` on a held-out split. A row per confidence bin: how
many items fall in it, their mean confidence and how many of them are right. Calibrated means the last
two columns agree. Items the rules settle (confidence 1) are counted in pre-selection, not in the bins.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_analyzer import rows  # noqa: E402

from bot.coaching.analyzer import analyze, read  # noqa: E402
from bot.coaching.analyzer import train as tr  # noqa: E402
from bot.coaching.analyzer.model import load  # noqa: E402

BINS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def reliability(points: list[tuple[float, bool]]) -> list[str]:
    """points: (confidence, right) for the items the model decided."""
    lines = [f"  {'confidence':<11} {'n':>4} {'mean conf':>9} {'accuracy':>8}"]
    gap = 0.0
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        part = [(c, ok) for c, ok in points if lo <= c < hi]
        if not part:
            continue
        mean = sum(c for c, _ in part) / len(part)
        acc = sum(ok for _, ok in part) / len(part)
        gap += len(part) * abs(mean - acc)
        lines.append(f"  {lo:.2f}-{min(hi, 1.0):.2f}   {len(part):>4} {mean:>9.3f} {acc:>8.3f}")
    lines.append(f"  expected calibration error {gap / max(len(points), 1):.3f} over {len(points)} items")
    return lines


def preselection(decided: list[tuple[str, float, bool]], wanted: list[str], cut: float) -> str:
    sure = [(g == w) for (g, c, rule), w in zip(decided, wanted, strict=True) if rule or c >= cut]
    return (
        f"  pre-selected at {cut:.2f}: {len(sure)}/{len(wanted)} ({len(sure) / len(wanted):.0%}), "
        f"right {sum(sure) / max(len(sure), 1):.3f}"
    )


def dev_part() -> list[str]:
    train_items, dev_items = tr.items(tr.load_split("train")), tr.items(tr.load_split("dev"))
    model = tr.fit(train_items)
    temp = tr.temperature(model, dev_items)
    wanted = [it.row["intent"] for it in dev_items]
    out = [f"Dev split ({len(dev_items)} items), model fitted on train"]
    for label, t in (("raw softmax, T = 1", 1.0), (f"calibrated, T = {temp}", temp)):
        decided = tr.decide(model, dev_items, t)
        cut, coverage, precision = tr.threshold(decided, wanted)
        out.append(f" {label}")
        out += reliability([(c, g == w) for (g, c, rule), w in zip(decided, wanted, strict=True) if not rule])
        out.append(
            f"  threshold for >= {tr.TARGET_PRECISION:.0%} right: {cut:.2f}, coverage {coverage:.0%}, "
            f"right {precision:.3f}"
        )
        for other in (0.5, 0.6, 0.7):
            out.append(preselection(decided, wanted, other))
    return out


def held_out_part(split: str) -> list[str]:
    data = rows(split)
    model = load()
    decided = []
    for r in data:
        s = analyze(r["text"])
        decided.append((s.intent, s.intent_confidence, read(r["text"]).model_input() is None))
    wanted = [r["intent"] for r in data]
    out = [
        "",
        f"{split} split ({len(data)} items), the committed model (T = {model.temperature}, "
        f"threshold {model.preselect_threshold})",
    ]
    out += reliability([(c, g == w) for (g, c, rule), w in zip(decided, wanted, strict=True) if not rule])
    out.append(preselection(decided, wanted, model.preselect_threshold))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="fresh", choices=("dev", "fresh"))
    ap.add_argument("--no-dev", action="store_true", help="skip the refit on train (part 1)")
    args = ap.parse_args()
    lines = [] if args.no_dev else dev_part()
    print("\n".join(lines + held_out_part(args.split)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
