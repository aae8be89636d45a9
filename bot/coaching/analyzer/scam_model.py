"""The scam model: linear classifiers over character n-grams of the unmasked text and the rules' signs.

Why learned, beside the rules: scams are paraphrased on purpose ("cover your onboarding kit"), so no
lexicon keeps up; character 4-grams inside words still match word forms, typos and other languages.
Why the rules stay: they say *which* sign it is, with the phrase to quote. One column is "scam" (the
verdict); one per warning sign names a sign the rules missed. Plain arithmetic at run time, weights by
feature name in scam_model.json (trained by `make train`, train_scam.py), loaded once.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("scam_model.json")
FORMAT = 1
_TOKEN = re.compile(r"[^\W_]+")
_CHARS = 4


def features(unmasked: str, signs: tuple[str, ...] = ()) -> dict[str, float]:
    """Feature name -> value: the words and the character 4-grams within words (each group scaled to unit
    length), and each warning sign the rules found at 1. `unmasked` is scam.unmask's lower-cased text."""
    words = set(_TOKEN.findall(unmasked))
    grams: set[str] = set()
    for t in words:
        padded = f" {t} "
        grams.update(padded[i : i + _CHARS] for i in range(len(padded) - _CHARS + 1))
    out: dict[str, float] = {}
    for prefix, group in (("w:", words), ("c:", grams)):
        if group:
            value = 1.0 / math.sqrt(len(group))
            out.update((prefix + name, value) for name in group)
    out.update((f"r:{code}", 1.0) for code in signs)
    return out


@dataclass(frozen=True, slots=True)
class ScamModel:
    columns: tuple[str, ...]  # "scam", then the warning-sign codes
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    thresholds: dict[str, float]  # per column: the probability from which it counts

    @classmethod
    def from_json(cls, data: dict) -> ScamModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"scam model: format {data.get('format')} is not {FORMAT}; run `make train`")
        columns = tuple(data["columns"])
        if len(data["intercept"]) != len(columns) or any(
            len(r) != len(columns) for r in data["weights"].values()
        ):
            raise ValueError("scam model: weight rows do not match the columns; run `make train`")
        weights = {name: tuple(row) for name, row in data["weights"].items()}
        return cls(columns, tuple(data["intercept"]), weights, dict(data["thresholds"]))

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in feats.items():
            row = self.weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    scores[i] += value * w
        return {
            col: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s))))
            for col, s in zip(self.columns, scores, strict=True)
        }


@cache
def load(path: Path = MODEL_PATH) -> ScamModel:
    """Loaded once per process; a missing or stale file fails loudly at start-up, not on a student."""
    return ScamModel.from_json(json.loads(path.read_text(encoding="utf-8")))
