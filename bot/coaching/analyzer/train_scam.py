"""Train the scam model (`make train`; needs the dev extras: scikit-learn).

    python -m bot.coaching.analyzer.train_scam            # write scam_model.json
    python -m bot.coaching.analyzer.train_scam --check    # retrain in memory; exit 1 if the file differs
    python -m bot.coaching.analyzer.train_scam --cv       # out-of-fold figures on the training data

Learns from tests/data/scams/train*.jsonl (scams and hard negatives, each scam with its signs) and the
corpus's train and dev invitations (ordinary ones as negatives; those with red flags for the sign columns
only). Never reads tests/data/scams/heldout.jsonl, which benchmarks/bench_scams.py scores once.
The verdict's threshold is chosen on out-of-fold predictions (five folds by id): the lowest probability at
which at most MAX_FALSE_ALARMS of the hard negatives are called scams. Deterministic (lbfgs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from bot.coaching.analyzer import rules_verdict, warning_signs
from bot.coaching.analyzer.scam import unmask
from bot.coaching.analyzer.scam_model import FORMAT, MODEL_PATH, features
from bot.coaching.analyzer.text import clean, lower
from bot.coaching.analyzer.train import weights_close
from bot.coaching.vocab import RED_FLAG_LABELS

ROOT = Path(__file__).resolve().parents[3]
SCAMS = tuple(ROOT / "tests" / "data" / "scams" / f"{name}.jsonl" for name in ("train", "train2", "train3"))
CORPUS = ROOT / "tests" / "data" / "corpus" / "corpus.jsonl"
COLUMNS = ("scam", *RED_FLAG_LABELS)
C = 4.0
MAX_FALSE_ALARMS = 0.10  # of the hard negatives, out of fold: the product's bound, safety before margin
SIGN_THRESHOLD = 0.7  # a sign the rules missed is added only when the model is this sure
_PRUNE = 0.005
_DECIMALS = 3
FOLDS = 5


def _rows() -> list[dict]:
    """Each row: id, text, and its label per column (None: unknown, left out of that column)."""
    out = []
    for line in (line for path in SCAMS for line in path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            item = json.loads(line)
            flags = set(item.get("flags") or ())
            labels: dict[str, bool | None] = {
                "scam": bool(item["scam"]),
                **{c: c in flags for c in RED_FLAG_LABELS},
            }
            out.append({"id": item["id"], "text": item["text"], "labels": labels, "hard": not item["scam"]})
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if item["split"] not in ("train", "dev"):
                continue
            flags = set(item.get("red_flags") or ())
            labels = {c: c in flags for c in RED_FLAG_LABELS}
            labels["scam"] = False if not flags else None
            out.append({"id": item["id"], "text": item["text"], "labels": labels, "hard": False})
    return out


def _features(text: str) -> dict[str, float]:
    low = lower(clean(text))
    unmasked = unmask(low)
    return features(unmasked, tuple(code for code, _ in warning_signs(low, unmasked)))


def _fit(rows: list[dict], feats: list[dict[str, float]]):
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    columns: dict[str, int] = {}
    for f in feats:
        for name in sorted(f):
            columns.setdefault(name, len(columns))
    models = {}
    for col in COLUMNS:
        data, cols, ptr, y = [], [], [0], []
        for row, f in zip(rows, feats, strict=True):
            label = row["labels"][col]
            if label is None:
                continue
            for name, value in sorted(f.items()):
                cols.append(columns[name])
                data.append(value)
            ptr.append(len(cols))
            y.append(int(label))
        x = csr_matrix((data, cols, ptr), shape=(len(y), len(columns)))
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, tol=1e-6)
        clf.fit(x, y)
        models[col] = clf
    return models, columns


def _predict(models, columns: dict[str, int], f: dict[str, float]) -> dict[str, float]:
    from scipy.sparse import csr_matrix

    known = sorted((columns[n], v) for n, v in f.items() if n in columns)
    x = csr_matrix(([v for _, v in known], [c for c, _ in known], [0, len(known)]), shape=(1, len(columns)))
    return {col: float(m.predict_proba(x)[0, 1]) for col, m in models.items()}


def _fold(row_id: str) -> int:
    return int(hashlib.sha256(row_id.encode()).hexdigest(), 16) % FOLDS


def out_of_fold(rows: list[dict], feats: list[dict[str, float]]) -> list[dict[str, float]]:
    probs: list[dict[str, float] | None] = [None] * len(rows)
    for k in range(FOLDS):
        fit_idx = [i for i, r in enumerate(rows) if _fold(r["id"]) != k]
        models, columns = _fit([rows[i] for i in fit_idx], [feats[i] for i in fit_idx])
        for i, r in enumerate(rows):
            if _fold(r["id"]) == k:
                probs[i] = _predict(models, columns, feats[i])
    return [p for p in probs if p is not None]


def _thresholds(rows: list[dict], probs: list[dict[str, float]], rules: list[bool]) -> tuple[float, float]:
    """(veto, scam): the pair that flags the most training scams out of fold while calling at most
    MAX_FALSE_ALARMS of the hard negatives scams. A text is a scam when the rules say so and the model's
    probability reaches `veto`, or when the probability alone reaches `scam`."""
    best = (0.0, 0.0, 0.5, 0.9)
    for veto in (0.1, 0.2, 0.3, 0.4, 0.5):
        for alone in (0.5, 0.6, 0.7, 0.8, 0.9):
            said = [
                (ru and p["scam"] >= veto) or p["scam"] >= alone for ru, p in zip(rules, probs, strict=True)
            ]
            scams = [s for s, r in zip(said, rows, strict=True) if r["labels"]["scam"]]
            hard = [s for s, r in zip(said, rows, strict=True) if r["hard"]]
            recall, alarms = sum(scams) / len(scams), sum(hard) / len(hard)
            if alarms <= MAX_FALSE_ALARMS and (recall, -alarms) > best[:2]:
                best = (recall, -alarms, veto, alone)
    return best[2], best[3]


def build(thresholds: tuple[float, float] | None = None) -> dict:
    """The model as scam_model.json holds it. `thresholds` (veto, scam): skip the five out-of-fold fits
    that choose them (a check of the weights against committed thresholds)."""
    rows = _rows()
    feats = [_features(r["text"]) for r in rows]
    if thresholds is None:
        thresholds = _thresholds(rows, out_of_fold(rows, feats), [rules_verdict(r["text"]) for r in rows])
    veto, threshold = thresholds
    models, columns = _fit(rows, feats)
    name_of = {c: n for n, c in columns.items()}
    coef = {col: m.coef_[0] for col, m in models.items()}
    weights = {}
    for c in range(len(columns)):
        row = [round(float(coef[col][c]), _DECIMALS) for col in COLUMNS]
        if max(map(abs, row)) >= _PRUNE:
            weights[name_of[c]] = row
    return {
        "format": FORMAT,
        "columns": list(COLUMNS),
        "intercept": [round(float(models[col].intercept_[0]), _DECIMALS) for col in COLUMNS],
        "weights": weights,
        "thresholds": {"veto": veto, "scam": threshold, **{c: SIGN_THRESHOLD for c in RED_FLAG_LABELS}},
        "trained_on": {"rows": len(rows), "C": C, "max_false_alarms": MAX_FALSE_ALARMS},
    }


def same(a: dict, b: dict, tol: float = 2e-3) -> bool:
    """Equal up to float noise between BLAS builds."""
    if (a["columns"], a["format"], a["trained_on"]) != (b["columns"], b["format"], b["trained_on"]):
        return False
    if any(abs(a["thresholds"][k] - b["thresholds"][k]) > 0.011 for k in a["thresholds"]):
        return False
    return weights_close(a, b, len(a["columns"]), tol)


def _cv() -> None:
    rows = _rows()
    feats = [_features(r["text"]) for r in rows]
    probs = out_of_fold(rows, feats)
    rules = [rules_verdict(r["text"]) for r in rows]
    veto, alone = _thresholds(rows, probs, rules)
    said = [(ru and p["scam"] >= veto) or p["scam"] >= alone for ru, p in zip(rules, probs, strict=True)]
    groups = {
        "scams flagged": [s for s, r in zip(said, rows, strict=True) if r["labels"]["scam"]],
        "hard negatives called scam": [s for s, r in zip(said, rows, strict=True) if r["hard"]],
        "ordinary invitations called scam": [
            s for s, r in zip(said, rows, strict=True) if r["labels"]["scam"] is False and not r["hard"]
        ],
    }
    print(
        f"out of fold, veto {veto}, scam {alone}: "
        + ", ".join(f"{k} {sum(v) / len(v):.3f} ({len(v)})" for k, v in groups.items())
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cv", action="store_true")
    args = ap.parse_args(argv)
    if args.cv:
        _cv()
        return 0
    if args.check:
        committed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        ok = same(build(), committed)
        print("scam model matches its data" if ok else "scam model is stale: run `make train`")
        return 0 if ok else 1
    model = build()
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"wrote {MODEL_PATH.name}: {len(model['weights'])} weight rows, threshold {model['thresholds']['scam']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
