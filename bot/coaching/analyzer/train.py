"""Train the intent model from the labelled corpus: `make train` (needs the dev extras: scikit-learn).

    python -m bot.coaching.analyzer.train            # write intent_model.json
    python -m bot.coaching.analyzer.train --check    # retrain in memory; exit 1 if the file differs
    python -m bot.coaching.analyzer.train --search   # dev-split scores for a few C values (no write)

The model is fitted on the train split, its pre-selection threshold chosen on the dev split (the lowest
confidence at which dev accuracy of the pre-selected cases stays >= TARGET_PRECISION), then refitted on
train + dev. The test split is never read here: it is scored once, by benchmarks/bench_analyzer.py.
Deterministic: same corpus and library versions -> same file (lbfgs, no random state involved).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.coaching.analyzer import INTENTS, read
from bot.coaching.analyzer.model import FORMAT, MODEL_PATH, features

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "corpus" / "corpus.jsonl"
C = 8.0
REAL_WEIGHT = 2.0  # a quoted real invitation counts twice: the analyzer is judged on real ones
_PRUNE = 0.005
TARGET_PRECISION = 0.9
_DECIMALS = 3


def load_split(name: str, corpus: Path = CORPUS) -> list[dict]:
    rows = (json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    return [r for r in rows if r["split"] == name]


def _vectors(rows: list[dict], columns: dict[str, int] | None = None):
    """Sparse matrix of the rows the model decides (stock-only invitations are settled by rule), over
    the features that occur (`columns`: feature name -> column; built from these rows when None), with
    each row's label and training weight."""
    from scipy.sparse import csr_matrix

    build = columns is None
    columns = {} if columns is None else columns
    data, cols, ptr, labels, weights = [], [], [0], [], []
    for row in rows:
        inputs = read(row["text"]).model_input()
        if inputs is None:
            continue
        feats = features(*inputs)
        for name in sorted(feats):
            if build and name not in columns:
                columns[name] = len(columns)
            if name in columns:
                cols.append(columns[name])
                data.append(feats[name])
        ptr.append(len(cols))
        labels.append(row["intent"])
        weights.append(REAL_WEIGHT if row["origin"] == "real" else 1.0)
    return csr_matrix((data, cols, ptr), shape=(len(labels), max(len(columns), 1))), labels, columns, weights


def _fit(rows: list[dict], c: float = C):
    """The fitted classifier and its feature name -> column map."""
    from sklearn.linear_model import LogisticRegression

    x, y, columns, weights = _vectors(rows)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, tol=1e-5)
    clf.fit(x, y, sample_weight=weights)
    return clf, columns


def _threshold(fit, dev: list[dict]) -> tuple[float, float, float]:
    """The lowest confidence whose pre-selected dev cases are >= TARGET_PRECISION right."""
    clf, columns = fit
    x, y, _, _ = _vectors(dev, columns)
    proba = clf.predict_proba(x)
    pairs = sorted(
        ((p.max(), clf.classes_[p.argmax()] == want) for p, want in zip(proba, y, strict=True)), reverse=True
    )
    best = (1.0, 0.0, 1.0)
    right = 0
    for k, (conf, ok) in enumerate(pairs, 1):
        right += ok
        if right / k >= TARGET_PRECISION:
            best = (round(float(conf), 2), k / len(pairs), right / k)
    return best


def build(corpus: Path = CORPUS) -> dict:
    train, dev = load_split("train", corpus), load_split("dev", corpus)
    threshold, _, _ = _threshold(_fit(train), dev)
    clf, columns = _fit(train + dev)
    name_of = {col: name for name, col in columns.items()}
    classes = [str(c) for c in clf.classes_]
    if sorted(classes) != sorted(INTENTS):
        raise SystemExit(f"the corpus must hold every intent; it holds {classes}")
    weights = {}
    for col in range(clf.coef_.shape[1]):
        row = [round(float(w), _DECIMALS) for w in clf.coef_[:, col]]
        if max(map(abs, row)) >= _PRUNE:
            weights[name_of[col]] = row
    return {
        "format": FORMAT,
        "classes": classes,
        "intercept": [round(float(w), _DECIMALS) for w in clf.intercept_],
        "weights": weights,
        "preselect_threshold": threshold,
        "trained_on": {"train": len(train), "dev": len(dev), "C": C, "real_weight": REAL_WEIGHT},
    }


def same(a: dict, b: dict, tol: float = 2e-3) -> bool:
    """Equal up to float noise between BLAS builds: same classes, threshold, and weights within tol."""
    if (a["classes"], a["format"], a["trained_on"]) != (b["classes"], b["format"], b["trained_on"]):
        return False
    if abs(a["preselect_threshold"] - b["preselect_threshold"]) > 0.011:
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

    train, dev = load_split("train", corpus), load_split("dev", corpus)
    for c in (0.5, 1, 2, 4, 8, 16, 32):
        fit = _fit(train, c)
        xd, yd, _, _ = _vectors(dev, fit[1])
        pred = fit[0].predict(xd)
        acc = sum(p == t for p, t in zip(pred, yd, strict=True)) / len(yd)
        print(
            f"C={c:<5} dev (model-decided {len(yd)}): accuracy {acc:.3f} "
            f"macro-F1 {f1_score(yd, pred, average='macro'):.3f}  threshold/coverage/precision "
            f"{_threshold(fit, dev)}"
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
        f"wrote {MODEL_PATH.name}: {len(model['weights'])} weight rows, threshold {model['preselect_threshold']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
