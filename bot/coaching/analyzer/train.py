"""Train the intent model from the labelled corpus: `make train` (needs the dev extras: scikit-learn).

    python -m bot.coaching.analyzer.train            # write intent_model.json
    python -m bot.coaching.analyzer.train --check    # retrain in memory; exit 1 if the file differs
    python -m bot.coaching.analyzer.train --search   # dev-split scores for a few C values (no write)

The model is fitted on the train split and calibrated on the dev split, then refitted on train + dev.
Calibration is temperature scaling: one number T that divides the model's scores before the softmax,
chosen to make dev's confidences honest (least log-loss), so that "0.9 sure" is right about nine times
in ten. It sharpens or softens every confidence alike and never changes which intent wins. The
pre-selection threshold is then the lowest calibrated confidence at which the dev cases the app would
pre-select (those the rules settle and those the model is that sure of) stay >= TARGET_PRECISION right.
The held-out fresh split is never read here: it is scored once, by benchmarks/bench_analyzer.py.
Deterministic: same corpus and library versions -> same file (lbfgs, no random state involved).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.coaching.analyzer import INTENTS, read
from bot.coaching.analyzer.model import FORMAT, MODEL_PATH, features

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "corpus" / "corpus.jsonl"
C = 8.0
REAL_WEIGHT = 2.0  # a quoted real invitation counts twice: the analyzer is judged on real ones
_PRUNE = 0.005
TARGET_PRECISION = 0.95
_DECIMALS = 3
# Temperatures tried: a fixed grid (0.25 .. 4, log-spaced) keeps the choice deterministic and plain.
_TEMPERATURES = tuple(round(math.exp(math.log(0.25) + k * math.log(16) / 120), 4) for k in range(121))


def load_split(name: str, corpus: Path = CORPUS) -> list[dict]:
    rows = (json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    return [r for r in rows if r["split"] == name]


@dataclass(frozen=True, slots=True)
class Item:
    """One corpus row as training sees it: the model's features, or the intent the rules settle."""

    row: dict
    feats: dict[str, float] | None  # None when the rules settle the intent (a stock-only paste)
    rule_intent: str | None


def items(rows: list[dict]) -> list[Item]:
    out = []
    for row in rows:
        rd = read(row["text"])
        inputs = rd.model_input()
        if inputs is None:
            out.append(Item(row, None, rd.rule_intent() or "unclear"))
        else:
            out.append(Item(row, features(*inputs), None))
    return out


def _vectors(data_items: list[Item], columns: dict[str, int] | None = None):
    """Sparse matrix of the items the model decides, over the features that occur (`columns`: feature
    name -> column; built from these items when None), with each row's label and training weight."""
    from scipy.sparse import csr_matrix

    build = columns is None
    columns = {} if columns is None else columns
    data, cols, ptr, labels, weights = [], [], [0], [], []
    for it in data_items:
        if it.feats is None:
            continue
        for name in sorted(it.feats):
            if build and name not in columns:
                columns[name] = len(columns)
            if name in columns:
                cols.append(columns[name])
                data.append(it.feats[name])
        ptr.append(len(cols))
        labels.append(it.row["intent"])
        weights.append(REAL_WEIGHT if it.row["origin"] == "real" else 1.0)
    return csr_matrix((data, cols, ptr), shape=(len(labels), max(len(columns), 1))), labels, columns, weights


@dataclass(frozen=True, slots=True)
class Fit:
    clf: object  # sklearn LogisticRegression
    columns: dict[str, int]

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.clf.classes_]  # type: ignore[attr-defined]


def fit(train_items: list[Item], c: float = C) -> Fit:
    from sklearn.linear_model import LogisticRegression

    x, y, columns, weights = _vectors(train_items)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, tol=1e-5)
    clf.fit(x, y, sample_weight=weights)
    return Fit(clf, columns)


def scores(model: Fit, data_items: list[Item]) -> list[list[float] | None]:
    """Per item, the model's raw score per class (its `classes` order), or None when the rules decide."""
    x, _, _, _ = _vectors(data_items, model.columns)
    raw = iter(model.clf.decision_function(x).tolist())  # type: ignore[attr-defined]
    return [None if it.feats is None else next(raw) for it in data_items]


def softmax(row: list[float], temperature: float = 1.0) -> list[float]:
    m = max(row)
    e = [math.exp((s - m) / temperature) for s in row]
    total = sum(e)
    return [v / total for v in e]


def decide(model: Fit, data_items: list[Item], temperature: float = 1.0) -> list[tuple[str, float, bool]]:
    """Per item: (intent, confidence, decided by the rules), as `analyze` would answer with this fit."""
    out = []
    for it, row in zip(data_items, scores(model, data_items), strict=True):
        if row is None:
            out.append((it.rule_intent or "unclear", 1.0, True))
        else:
            p = softmax(row, temperature)
            k = max(range(len(p)), key=p.__getitem__)
            out.append((model.classes[k], p[k], False))
    return out


def temperature(model: Fit, dev_items: list[Item]) -> float:
    """The T (from a fixed grid) with the least log-loss on the dev items the model decides."""
    rows = [
        (r, model.classes.index(it.row["intent"]))
        for it, r in zip(dev_items, scores(model, dev_items), strict=True)
        if r is not None
    ]

    def nll(t: float) -> float:
        return -sum(math.log(max(softmax(r, t)[k], 1e-12)) for r, k in rows)

    return min(_TEMPERATURES, key=nll)


def threshold(decided: list[tuple[str, float, bool]], wanted: list[str]) -> tuple[float, float, float]:
    """(threshold, coverage, precision): the lowest model confidence at which the cases pre-selected
    (rule-settled ones always, model ones from the threshold up) are >= TARGET_PRECISION right."""
    ruled = [got == want for (got, _, rule), want in zip(decided, wanted, strict=True) if rule]
    pairs = sorted(
        ((conf, got == want) for (got, conf, rule), want in zip(decided, wanted, strict=True) if not rule),
        reverse=True,
    )
    n = len(decided)
    right, k = sum(ruled), len(ruled)
    best = (1.0, k / n, right / max(k, 1))
    for conf, ok in pairs:
        right += ok
        k += 1
        if right / k >= TARGET_PRECISION:
            best = (round(float(conf), 2), k / n, right / k)
    return best


def build(corpus: Path = CORPUS) -> dict:
    train_rows, dev_rows = load_split("train", corpus), load_split("dev", corpus)
    train_items, dev_items = items(train_rows), items(dev_rows)
    first = fit(train_items)
    temp = temperature(first, dev_items)
    cut, _, _ = threshold(decide(first, dev_items, temp), [r["intent"] for r in dev_rows])
    final = fit(train_items + dev_items)
    clf = final.clf
    name_of = {col: name for name, col in final.columns.items()}
    classes = final.classes
    if sorted(classes) != sorted(INTENTS):
        raise SystemExit(f"the corpus must hold every intent; it holds {classes}")
    weights = {}
    for col in range(clf.coef_.shape[1]):  # type: ignore[attr-defined]
        row = [round(float(w), _DECIMALS) for w in clf.coef_[:, col]]  # type: ignore[attr-defined]
        if max(map(abs, row)) >= _PRUNE:
            weights[name_of[col]] = row
    return {
        "format": FORMAT,
        "classes": classes,
        "intercept": [round(float(w), _DECIMALS) for w in clf.intercept_],  # type: ignore[attr-defined]
        "weights": weights,
        "temperature": temp,
        "preselect_threshold": cut,
        "trained_on": {"train": len(train_rows), "dev": len(dev_rows), "C": C, "real_weight": REAL_WEIGHT},
    }


def same(a: dict, b: dict, tol: float = 2e-3) -> bool:
    """Equal up to float noise between BLAS builds: same classes, calibration, threshold, and weights within
    tol."""
    if (a["classes"], a["format"], a["trained_on"]) != (b["classes"], b["format"], b["trained_on"]):
        return False
    if abs(a["preselect_threshold"] - b["preselect_threshold"]) > 0.011:
        return False
    if abs(a["temperature"] - b["temperature"]) > 0.05 * a["temperature"]:
        return False
    return weights_close(a, b, len(a["classes"]), tol)


def weights_close(a: dict, b: dict, width: int, tol: float) -> bool:
    """Two model files' intercepts and weight rows (by feature name, absent = 0) agree within `tol`."""
    zero = [0.0] * width
    pairs = [(a["intercept"], b["intercept"])]
    pairs += [
        (a["weights"].get(k, zero), b["weights"].get(k, zero)) for k in set(a["weights"]) | set(b["weights"])
    ]
    return all(abs(x - y) <= tol for ra, rb in pairs for x, y in zip(ra, rb, strict=True))


def _search(corpus: Path) -> None:
    from sklearn.metrics import f1_score

    train_items, dev_items = items(load_split("train", corpus)), items(load_split("dev", corpus))
    wanted = [it.row["intent"] for it in dev_items]
    for c in (0.5, 1, 2, 4, 8, 16, 32):
        model = fit(train_items, c)
        temp = temperature(model, dev_items)
        decided = decide(model, dev_items, temp)
        got = [g for g, _, _ in decided]
        acc = sum(g == w for g, w in zip(got, wanted, strict=True)) / len(wanted)
        print(
            f"C={c:<5} dev ({len(wanted)}): accuracy {acc:.3f} macro-F1 "
            f"{f1_score(wanted, got, average='macro'):.3f}  T {temp:.2f}  threshold/coverage/precision "
            f"{threshold(decided, wanted)}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--search", action="store_true")
    args = ap.parse_args(argv)
    if args.search:
        _search(CORPUS)
        return 0
    model = build()
    if args.check:
        committed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        ok = same(model, committed)
        print("intent model matches the corpus" if ok else "intent model is stale: run `make train`")
        return 0 if ok else 1
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"wrote {MODEL_PATH.name}: {len(model['weights'])} weight rows, temperature {model['temperature']}, "
        f"threshold {model['preselect_threshold']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
