"""The intent model: a linear classifier over word and character n-grams and the rule signals.

Why learned: the purpose of a note is said in too many ways for hand-written lexicons (they learned the
project's own examples, not invitations). Why linear: it is plain arithmetic at run time (no numpy, no
model server), deterministic, explainable (each n-gram's weight is in the file by name, so the evidence
shown to a student is the phrase that weighed most) and fast. The file keys weights by feature name (a
vocabulary, not hashed buckets): one dict lookup per feature and no collisions. Trained by `make train`
(train.py) into intent_model.json, which is committed and loaded once. The confidence is calibrated: the
scores are divided by the file's `temperature` (fitted on dev) before the softmax, so a confidence of 0.9
is right about nine times in ten, and the pre-selection threshold is a confidence that means something.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("intent_model.json")
FORMAT = 3
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?")
_CHARS = 5


def feature_groups(note: str, headline: str = "", rules: tuple[str, ...] = ()) -> dict[float, list[str]]:
    """The features by value: the note's words and the headline's words (one unit-length group),
    character 5-grams within words (another, so typos and word forms still match), and the rule signals
    at 1. `note` and `headline` are lower-cased clean text. (Word pairs and word prefixes were dropped:
    in grouped cross-validation on train + dev they added nothing and cost a third of the features.)"""
    words = set(_TOKEN.findall(note))
    text = {"w:" + t for t in words}
    text.update("h:" + t for t in _TOKEN.findall(headline))
    grams: set[str] = set()
    for t in words:
        padded = f" {t} "
        grams.update("c:" + padded[i : i + _CHARS] for i in range(len(padded) - _CHARS + 1))
    out: dict[float, list[str]] = {}
    for group in (text, grams):
        if group:
            out.setdefault(1.0 / math.sqrt(len(group)), []).extend(group)
    if rules:
        out.setdefault(1.0, []).extend("r:" + r for r in rules)
    return out


def features(note: str, headline: str = "", rules: tuple[str, ...] = ()) -> dict[str, float]:
    """Feature name -> value (what training reads)."""
    return {name: value for value, names in feature_groups(note, headline, rules).items() for name in names}


@dataclass(frozen=True, slots=True)
class Prediction:
    intent: str
    confidence: float
    top_features: tuple[str, ...]  # the features that pushed hardest toward `intent`, strongest first


@dataclass(frozen=True, slots=True)
class IntentModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    # feature name -> (its weight for each class, its lead for each class: how far it puts that class
    # ahead of the classes' average, n * w[c] - sum(w), worked out once here for the evidence)
    weights: dict[str, tuple[tuple[float, ...], tuple[float, ...]]]
    preselect_threshold: float
    temperature: float = 1.0  # the scores are divided by it before the softmax (calibrated on dev)

    @classmethod
    def from_json(cls, data: dict) -> IntentModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"intent model: format {data.get('format')} is not {FORMAT}; run `make train`")
        classes = tuple(data["classes"])
        n = len(classes)
        if any(len(v) != n for v in data["weights"].values()) or len(data["intercept"]) != n:
            raise ValueError("intent model: weight rows do not match the classes; run `make train`")
        weights = {
            name: (tuple(row), tuple(n * w - sum(row) for w in row)) for name, row in data["weights"].items()
        }
        return cls(
            classes,
            tuple(data["intercept"]),
            weights,
            float(data["preselect_threshold"]),
            float(data["temperature"]),
        )

    def predict(self, groups: dict[float, list[str]]) -> Prediction:
        """The intent for `feature_groups(...)`: each group's rows summed column by column (zip and sum run
        in C), then scaled once, instead of a Python loop per weight."""
        get = self.weights.get
        scores = list(self.intercept)
        found: list[tuple[float, list[tuple[str, tuple[tuple[float, ...], tuple[float, ...]]]]]] = []
        for value, names in groups.items():
            rows = [(name, row) for name in names if (row := get(name)) is not None]
            if rows:
                found.append((value, rows))
                for i, col in enumerate(zip(*(row[0] for _, row in rows), strict=True)):
                    scores[i] += value * sum(col)
        top = max(range(len(scores)), key=scores.__getitem__)
        m = scores[top]
        confidence = 1.0 / sum(math.exp((s - m) / self.temperature) for s in scores)
        # The features that pushed the winner furthest ahead: the evidence to quote, strongest first.
        pushes = sorted(
            [(value * row[1][top], name) for value, rows in found for name, row in rows], reverse=True
        )[:8]
        return Prediction(self.classes[top], confidence, tuple(name for push, name in pushes if push > 0))


@cache
def load(path: Path = MODEL_PATH) -> IntentModel:
    """Loaded once per process; a missing or stale file fails loudly at start-up, not on a student."""
    return IntentModel.from_json(json.loads(path.read_text(encoding="utf-8")))
