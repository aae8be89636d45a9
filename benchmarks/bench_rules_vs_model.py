"""Would a linear model over hashed n-grams read the rule-decided fields as well as the rules do?

    .venv/bin/python benchmarks/bench_rules_vs_model.py      # needs the dev extras (scikit-learn)

Issue 11 asked to measure rather than guess whether "a linear model over hashed n-grams can be both
simpler and faster than regex lexicons". Intent already is such a model (model.py). For the other yes/no
fields (a note of the sender's own, a claimed meeting, any red flag) this fits a logistic regression over
hashed word 1-2-grams and character 3-5-grams of the clean text on the train split, picks C on 5-fold
cross-validation within train, and scores both it and the rules on the dev split (the fresh split is
never read here). It prints accuracy and F1 of the "yes" class for both, and what one such model costs at
run time (the intent model's share of the analyzer). Caveat: the rules were written with train and dev
in view, so dev flatters them; the frozen fresh split (bench_analyzer.py) is their clean score.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.coaching.analyzer import MAX_CHARS, analyze, read  # noqa: E402
from bot.coaching.analyzer.model import feature_groups  # noqa: E402
from bot.coaching.analyzer.model import load as load_model  # noqa: E402
from bot.coaching.analyzer.text import clean, lower  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus" / "corpus.jsonl"
FIELDS = {
    "custom_message": lambda row: row["custom_message"],
    "claims_prior_contact": lambda row: row["claims_prior_contact"],
    "any red flag": lambda row: bool(row["red_flags"]),
}
RULE = {
    "custom_message": lambda s: s.custom_message,
    "claims_prior_contact": lambda s: s.claims_prior_contact,
    "any red flag": lambda s: bool(s.red_flags),
}


def split(name: str) -> list[dict]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == name]


def scores(want: list[bool], got: list[bool]) -> tuple[float, float]:
    tp = sum(w and g for w, g in zip(want, got, strict=True))
    fp = sum(g and not w for w, g in zip(want, got, strict=True))
    fn = sum(w and not g for w, g in zip(want, got, strict=True))
    acc = sum(w == g for w, g in zip(want, got, strict=True)) / len(want)
    return acc, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def cpu_us(fn, items: list, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for x in items:
            fn(x)
        best = min(best, (time.process_time() - started) / len(items) * 1e6)
    return best


def main() -> int:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV

    train, dev = split("train"), split("dev")
    prep = lambda row: lower(clean(row["text"][:MAX_CHARS]))  # noqa: E731 - the model's input
    words = HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False, norm="l2")
    chars = HashingVectorizer(
        n_features=2**18, analyzer="char_wb", ngram_range=(3, 5), alternate_sign=False, norm="l2"
    )

    def vec(texts: list[str]):
        return hstack([words.transform(texts), chars.transform(texts)]).tocsr()

    xt, xd = vec([prep(r) for r in train]), vec([prep(r) for r in dev])
    signals = [analyze(r["text"]) for r in dev]
    print(f"train {len(train)} items, dev {len(dev)} items (fresh split not read)\n")
    print(f"{'field':<22} {'reader':<8} {'dev acc':>8} {'F1(yes)':>8}   C")
    for field, label in FIELDS.items():
        yt, yd = [label(r) for r in train], [label(r) for r in dev]
        search = GridSearchCV(
            LogisticRegression(class_weight="balanced", max_iter=3000),
            {"C": [0.5, 2, 8, 32]},
            cv=5,
            scoring="accuracy",
        )
        search.fit(xt, yt)
        model = [bool(p) for p in search.predict(xd)]
        rules = [bool(RULE[field](s)) for s in signals]
        for who, got, extra in (("rules", rules, ""), ("model", model, search.best_params_["C"])):
            acc, f1 = scores(yd, got)
            print(f"{field:<22} {who:<8} {acc:8.3f} {f1:8.3f}   {extra}")
    # What one more linear model would cost at run time: the intent model's own share of the analyzer.
    inputs = [i for r in dev if (i := read(r["text"]).model_input()) is not None]
    model = load_model()
    print(
        f"\nCPU per dev invitation: the whole analyzer {cpu_us(analyze, [r['text'] for r in dev]):.0f} us; "
        f"the intent model alone (features + prediction, one field) "
        f"{cpu_us(lambda i: model.predict(feature_groups(*i)), inputs):.0f} us"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
