"""Where the intent model's gain is: a learning curve and an error breakdown, both on the dev split.

    .venv/bin/python benchmarks/learning_curve.py               # curve + breakdown
    .venv/bin/python benchmarks/learning_curve.py --errors      # also list dev's wrong intents

Curve: the model is fitted on a growing share of the train split's source groups (whole groups, so a
site's or a batch theme's items come in together, as new data would) and scored end to end on dev
(rule-settled items included), for several group orders; the figures are their means. If dev accuracy
still climbs between the last points and train accuracy stays far above it, more data should help.
Breakdown: the model fitted on all of train (never on dev, unlike the committed file) on dev, by input
kind (a description; a paste with LinkedIn's page or e-mail around it; a bare note), language and intent.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_analyzer import f1, kind  # noqa: E402

from bot.coaching.analyzer import INTENTS  # noqa: E402
from bot.coaching.analyzer import train as tr  # noqa: E402
from bot.coaching.analyzer.details import language  # noqa: E402

SHARES = (0.125, 0.25, 0.5, 0.75, 1.0)
ORDERS = 3


def acc_f1(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    if not pairs:
        return float("nan"), float("nan")
    present = sorted({w for _, w in pairs})
    return sum(g == w for g, w in pairs) / len(pairs), sum(f1(pairs, i) for i in present) / len(present)


def groups_of(data: list[tr.Item]) -> dict[str, list[tr.Item]]:
    out: dict[str, list[tr.Item]] = defaultdict(list)
    for it in data:
        out[it.row["group"]].append(it)
    return out


def curve(train_items: list[tr.Item], dev_items: list[tr.Item]) -> str:
    want = [it.row["intent"] for it in dev_items]
    slices = {
        "all": [True] * len(dev_items),
        "real": [it.row["origin"] == "real" for it in dev_items],
        "written": [it.row["origin"] != "real" for it in dev_items],
        "descr.": [it.row["input_kind"] == "description" for it in dev_items],
        "paste": [it.row["input_kind"] != "description" for it in dev_items],
    }
    by_group = groups_of(train_items)
    keys = sorted(by_group)
    head = f"{'share':>6} {'items':>6} {'train acc':>9} " + " ".join(f"{s:>15}" for s in slices)
    lines = [
        f"Learning curve: dev accuracy / macro-F1 by source group (dev {len(dev_items)} items; mean of "
        f"{ORDERS} group orders)",
        head,
    ]
    for share in SHARES:
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        n_items = train_acc = 0.0
        for seed in range(ORDERS):
            order = keys[:]
            random.Random(seed).shuffle(order)
            chosen = [it for k in order[: max(1, round(share * len(order)))] for it in by_group[k]]
            model = tr.fit(chosen)
            got = [g for g, _, _ in tr.decide(model, dev_items)]
            seen = [g for g, _, _ in tr.decide(model, chosen)]
            train_acc += sum(g == it.row["intent"] for g, it in zip(seen, chosen, strict=True)) / len(chosen)
            n_items += len(chosen)
            for name, mask in slices.items():
                a, m = acc_f1([(g, w) for g, w, on in zip(got, want, mask, strict=True) if on])
                sums[name][0] += a
                sums[name][1] += m
        lines.append(
            f"{share:>6.3f} {n_items / ORDERS:>6.0f} {train_acc / ORDERS:>9.3f} "
            + " ".join(f"{sums[s][0] / ORDERS:>7.3f}/{sums[s][1] / ORDERS:<7.3f}" for s in slices)
        )
    counts = {s: sum(m) for s, m in slices.items()}
    lines.append("  dev items per column: " + ", ".join(f"{s} {n}" for s, n in counts.items()))
    return "\n".join(lines)


def table(title: str, keyed: dict[str, list[tuple[str, str]]]) -> list[str]:
    lines = [
        f"{title:<14} {'n':>4} {'right':>6} {'acc':>6} {'macro-F1':>8}  most frequent misreads (want->got)"
    ]
    for key in sorted(keyed, key=lambda k: -len(keyed[k])):
        pairs = keyed[key]
        a, m = acc_f1(pairs)
        confusions = Counter(f"{w}->{g}" for g, w in pairs if g != w).most_common(3)
        lines.append(
            f"{key:<14} {len(pairs):>4} {sum(g == w for g, w in pairs):>6} {a:>6.3f} {m:>8.3f}  "
            + ", ".join(f"{c} x{n}" for c, n in confusions)
        )
    return lines


def breakdown(train_items: list[tr.Item], dev_items: list[tr.Item], show: bool) -> str:
    model = tr.fit(train_items)
    decided = tr.decide(model, dev_items)
    rows = [it.row for it in dev_items]
    pairs = [(g, r["intent"]) for (g, _, _), r in zip(decided, rows, strict=True)]
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_decider: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (g, _, rule), r in zip(decided, rows, strict=True):
        by_kind[kind(r)].append((g, r["intent"]))
        by_lang[language(r["text"])].append((g, r["intent"]))
        by_source["real" if r["origin"] == "real" else "written"].append((g, r["intent"]))
        by_decider["rules" if rule else "model"].append((g, r["intent"]))
    lines = ["", f"Error breakdown on dev, model fitted on train only ({len(rows)} items)"]
    lines += table("input kind", by_kind) + [""]
    lines += table("language", by_lang) + [""]
    lines += table("origin", by_source) + [""]
    lines += table("decided by", by_decider) + [""]
    lines.append(f"{'intent (gold)':<14} {'n':>4} {'recall':>7} {'precision':>9} {'F1':>6}  read as")
    for i in INTENTS:
        n = sum(w == i for _, w in pairs)
        tp = sum(g == i == w for g, w in pairs)
        called = sum(g == i for g, _ in pairs)
        as_ = Counter(g for g, w in pairs if w == i and g != i).most_common(3)
        lines.append(
            f"{i:<14} {n:>4} {tp / max(n, 1):>7.3f} {tp / max(called, 1):>9.3f} {f1(pairs, i):>6.3f}  "
            + ", ".join(f"{g} x{k}" for g, k in as_)
        )
    a, m = acc_f1(pairs)
    lines.append(f"{'all':<14} {len(pairs):>4} accuracy {a:.3f}, macro-F1 {m:.3f}")
    if show:
        lines.append("")
        for (g, conf, _), r in zip(decided, rows, strict=True):
            if g != r["intent"]:
                text = r["text"][:160].replace("\n", " / ")
                lines.append(
                    f"  {r['id']:<10} want {r['intent']:<13} got {g:<13} {conf:.2f} [{kind(r)}] {text}"
                )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list dev's misread intents")
    args = ap.parse_args()
    train_items = tr.items(tr.load_split("train"))
    dev_items = tr.items(tr.load_split("dev"))
    print(curve(train_items, dev_items))
    print(breakdown(train_items, dev_items, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
