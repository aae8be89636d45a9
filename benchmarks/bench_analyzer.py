"""The analyzer's speed on one core, and its quality on a split of the labelled corpus.

    .venv/bin/python benchmarks/bench_analyzer.py                 # speed: p50/p99 per call
    .venv/bin/python benchmarks/bench_analyzer.py --accuracy dev  # quality on the dev split
    .venv/bin/python benchmarks/bench_analyzer.py --accuracy fresh --by  # the frozen held-out split (score
                                                                  # it once), broken down by input kind,
                                                                  # language and intent

Times are CPU time of this process (time.process_time), so other load on a shared machine inflates them
less than wall time. Speed targets (issue 9): p99 under 5 ms for a typical invitation, under 50 ms at 3,000 characters.
Quality: accuracy per field, intent macro-F1 and per-intent F1, and the walkthrough's pre-selection
(how often the analyzer is sure enough to pre-select the "why" answer, and how often it is then right).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.coaching.analyzer import INTENTS, MAX_CHARS, analyze, paste  # noqa: E402
from bot.coaching.analyzer.details import language  # noqa: E402
from bot.coaching.analyzer.text import clean  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus" / "corpus.jsonl"
FIELDS = ("custom_message", "claims_prior_contact", "intent", "requester_name", "red_flags")


def rows(split: str) -> list[dict]:
    out = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in out if r["split"] == split]


def f1(pairs: list[tuple[str, str]], label: str) -> float:
    tp = sum(g == label and w == label for g, w in pairs)
    fp = sum(g == label and w != label for g, w in pairs)
    fn = sum(g != label and w == label for g, w in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def kind(row: dict) -> str:
    """description / paste (the sender's card, LinkedIn's lines or an e-mail header around it) / note."""
    if row["input_kind"] == "description":
        return "description"
    p = paste.parse(clean(row["text"]))
    return "paste" if p.header_name or p.headline or p.header_lines or p.recipient else "note"


def breakdown(data: list[dict]) -> str:
    """Each field's accuracy, intent macro-F1 and pre-selection by input kind and by language, then
    precision / recall / F1 per intent."""
    got = [analyze(r["text"]) for r in data]
    slices: dict[str, dict[str, list[int]]] = {"kind": {}, "language": {}}
    for k, r in enumerate(data):
        slices["kind"].setdefault(kind(r), []).append(k)
        slices["language"].setdefault(language(r["text"]), []).append(k)
    short = {
        "custom_message": "custom",
        "claims_prior_contact": "claims",
        "requester_name": "name",
        "red_flags": "flags",
        "intent": "intent",
    }
    head = (
        f"{'':<14} {'n':>4} "
        + " ".join(f"{short[f]:>7}" for f in FIELDS)
        + f" {'int.F1':>7} {'presel.':>8} {'right':>6}"
    )
    lines = []
    for title, groups in slices.items():
        lines += ["", f"by {title}", head]
        for key, idx in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            accs = []
            for f in FIELDS:
                ok = 0
                for k in idx:
                    value = set(got[k].red_flags) if f == "red_flags" else getattr(got[k], f)
                    ok += value == (set(data[k][f]) if f == "red_flags" else data[k][f])
                accs.append(ok / len(idx))
            pairs = [(got[k].intent, data[k]["intent"]) for k in idx]
            present = sorted({w for _, w in pairs})
            macro = sum(f1(pairs, i) for i in present) / len(present)
            sure = [k for k in idx if got[k].intent_sure]
            right = sum(got[k].intent == data[k]["intent"] for k in sure) / max(len(sure), 1)
            lines.append(
                f"{key:<14} {len(idx):>4} "
                + " ".join(f"{a:>7.3f}" for a in accs)
                + f" {macro:>7.3f} {len(sure) / len(idx):>8.0%} {right:>6.3f}"
            )
    pairs = [(s.intent, r["intent"]) for s, r in zip(got, data, strict=True)]
    lines += ["", f"{'intent':<14} {'n':>4} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for i in INTENTS:
        n = sum(w == i for _, w in pairs)
        tp = sum(g == w == i for g, w in pairs)
        called = sum(g == i for g, _ in pairs)
        lines.append(
            f"{i:<14} {n:>4} {tp / max(called, 1):>9.3f} {tp / max(n, 1):>7.3f} {f1(pairs, i):>6.3f}"
        )
    return "\n".join(lines)


def quality(data: list[dict], show_errors: bool = False) -> str:
    hits: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []
    sure = sure_right = 0
    errors = []
    for row in data:
        s = analyze(row["text"])
        got = {
            "custom_message": s.custom_message,
            "claims_prior_contact": s.claims_prior_contact,
            "intent": s.intent,
            "requester_name": s.requester_name,
            "red_flags": set(s.red_flags),
        }
        for f in FIELDS:
            want = set(row[f]) if f == "red_flags" else row[f]
            hits[f] += got[f] == want
            if got[f] != want:
                errors.append((f, row["id"], got[f], want, row["text"][:300].replace("\n", " / ")))
        pairs.append((s.intent, row["intent"]))
        if s.intent_sure:
            sure += 1
            sure_right += s.intent == row["intent"]
    n = len(data)
    lines = [f"{n} items ({sum(r['origin'] == 'real' for r in data)} real)"]
    lines += [f"  {f:<22} accuracy {hits[f] / n:.3f}" for f in FIELDS]
    per = {i: f1(pairs, i) for i in INTENTS}
    lines.append(f"  intent macro-F1        {sum(per.values()) / len(per):.3f}")
    lines.append("  per-intent F1          " + ", ".join(f"{i} {v:.2f}" for i, v in per.items()))
    lines.append(
        f"  pre-selected           {sure}/{n} ({sure / n:.0%}), right {sure_right / max(sure, 1):.3f}"
    )
    real = [r for r in data if r["origin"] == "real"]
    if real and len(real) < n:
        got = [(analyze(r["text"]).intent, r["intent"]) for r in real]
        lines.append(
            f"  real items only: intent accuracy {sum(g == w for g, w in got) / len(got):.3f}, "
            f"macro-F1 {sum(f1(got, i) for i in INTENTS) / len(INTENTS):.3f}"
        )
    if show_errors:
        lines += [f"    {f} {i}: got {g!r} want {w!r} | {t}" for f, i, g, w, t in errors]
    return "\n".join(lines)


def _times(texts: list[str], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        for t in texts:
            t0 = time.process_time()
            analyze(t)
            out.append(time.process_time() - t0)
    return out


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000


def speed() -> str:
    typical = [r["text"] for r in rows("train") + rows("dev")]
    dense = "\n".join(typical)
    worst = {
        "dense cues (the corpus glued)": (dense * (MAX_CHARS // len(dense) + 1))[:MAX_CHARS],
        "short capitalised words": ("Aa " * MAX_CHARS)[:MAX_CHARS],
        "one long token": "x" * MAX_CHARS,
        "html soup": ("<p>Hi &amp; <b>we met</b> at the fair, WhatsApp me $900/week</p>" * 60)[:MAX_CHARS],
        "invisible characters": ("Te\u200blegram cr\u0443pto \u00ad" * 300)[:MAX_CHARS],
        "a character NFKC makes 18": "\ufdfa" * MAX_CHARS,
        "Slack markup": ("<@U0BOSS> &lt;Hiring&gt; <https://x.co|y> &amp; we met " * 60)[:MAX_CHARS],
    }
    analyze(typical[0])  # load the model
    short = [x for x in typical if len(x) <= 300]  # LinkedIn caps a connection note at 300 characters
    ts = _times(short, 5)
    t = _times(typical, 5)
    lines = [
        f"typical invitations ({len(typical)} texts x 5): p50 {_pct(t, 0.5):.3f} ms, p99 {_pct(t, 0.99):.3f} ms "
        f"(target p99 < 5 ms), mean {statistics.mean(t) * 1e6:.0f} us"
    ]
    lines.append(
        f"note-sized invitations (<= 300 chars, {len(short)} texts x 5): p50 {_pct(ts, 0.5):.3f} ms, "
        f"p99 {_pct(ts, 0.99):.3f} ms"
    )
    for name, text in worst.items():
        w = _times([text], 30)
        lines.append(
            f"3,000 chars, {name}: p50 {_pct(w, 0.5):.2f} ms, p99 {_pct(w, 0.99):.2f} ms (target p99 < 50 ms)"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--accuracy", choices=("train", "dev", "fresh"))
    ap.add_argument(
        "--errors", action="store_true", help="list the wrong fields (never with a held-out split)"
    )
    ap.add_argument(
        "--by", action="store_true", help="break the figures down by input kind, language, intent"
    )
    ap.add_argument(
        "--batch", help="only the items of one raw batch, by id prefix (e.g. f2: raw/fresh_f2.jsonl)"
    )
    args = ap.parse_args()
    if args.accuracy:
        held_out = args.accuracy == "fresh"
        items = [r for r in rows(args.accuracy) if not args.batch or r["id"].startswith(args.batch + "-")]
        name = args.accuracy + (f" (batch {args.batch})" if args.batch else "")
        print(f"{name} split: " + quality(items, args.errors and not held_out))
        if args.by:
            print(breakdown(items))
    else:
        print(speed())
    return 0


if __name__ == "__main__":
    sys.exit(main())
