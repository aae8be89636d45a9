"""The intent model: a linear classifier over hashed word n-grams and the rule signals.

Why learned: the purpose of a note is said in too many ways for hand-written lexicons (they learned the
project's own examples, not invitations). Why linear and hashed: it is plain arithmetic at run time
(no numpy, no model server), deterministic, explainable (each n-gram's weight is visible, so the
evidence shown to a student is the phrase that weighed most) and fast. Trained by `make train`
(train.py) into intent_model.json, which is committed and loaded once.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("intent_model.json")
FORMAT = 1
BUCKETS = 1 << 20
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W\d_]+)?")
_PREFIX = 5
_CHARS = 4


def features(note: str, headline: str = "", rules: tuple[str, ...] = ()) -> dict[str, float]:
    """Feature name -> value: words, word pairs, word prefixes and the headline's words (one unit-length
    group), character 4-grams within words (another, so typos and word forms still match), and the rule
    signals at 1. `note` and `headline` are lower-cased clean text."""
    toks = _TOKEN.findall(note)
    text: set[str] = set()
    grams: set[str] = set()
    for t in toks:
        text.add("w:" + t)
        if len(t) > _PREFIX + 1 and not t.isdigit():
            text.add("p:" + t[:_PREFIX])
        padded = f" {t} "
        grams.update("c:" + padded[i : i + _CHARS] for i in range(len(padded) - _CHARS + 1))
    for a, b in zip(toks, toks[1:], strict=False):
        text.add(f"b:{a} {b}")
    for t in _TOKEN.findall(headline):
        text.add("h:" + t)
    out: dict[str, float] = {}
    for group in (text, grams):
        if group:
            out.update(dict.fromkeys(group, 1.0 / math.sqrt(len(group))))
    for r in rules:
        out["r:" + r] = 1.0
    return out


def bucket(name: str) -> int:
    """A stable hash (crc32, not Python's per-process `hash`), so a model file means the same everywhere."""
    return zlib.crc32(name.encode("utf-8")) & (BUCKETS - 1)


@dataclass(frozen=True, slots=True)
class Prediction:
    intent: str
    confidence: float
    top_features: tuple[str, ...]  # the features that pushed hardest toward `intent`, strongest first


@dataclass(frozen=True, slots=True)
class IntentModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[int, tuple[float, ...]]
    preselect_threshold: float

    @classmethod
    def from_json(cls, data: dict) -> IntentModel:
        if data.get("format") != FORMAT or data.get("buckets") != BUCKETS:
            raise ValueError(
                f"intent model: format {data.get('format')}/{data.get('buckets')} is not "
                f"{FORMAT}/{BUCKETS}; run `make train`"
            )
        classes = tuple(data["classes"])
        weights = {int(k): tuple(v) for k, v in data["weights"].items()}
        if any(len(v) != len(classes) for v in weights.values()) or len(data["intercept"]) != len(classes):
            raise ValueError("intent model: weight rows do not match the classes; run `make train`")
        return cls(classes, tuple(data["intercept"]), weights, float(data["preselect_threshold"]))

    def predict(self, feats: dict[str, float]) -> Prediction:
        # Features come in a few groups of equal value (model.features): sum each group's rows column by
        # column (zip and sum run in C), then scale once, instead of a Python loop per weight.
        get = self.weights.get
        groups: dict[float, list[tuple[float, ...]]] = {}
        hits: list[tuple[str, float, tuple[float, ...]]] = []
        for name, value in feats.items():
            row = get(bucket(name))
            if row is not None:
                groups.setdefault(value, []).append(row)
                hits.append((name, value, row))
        scores = list(self.intercept)
        for value, rows in groups.items():
            for i, col in enumerate(zip(*rows, strict=True)):
                scores[i] += value * sum(col)
        top = max(range(len(scores)), key=scores.__getitem__)
        m = scores[top]
        confidence = 1.0 / sum(math.exp(s - m) for s in scores)
        # How far each feature pushed the winner ahead of the classes' average: the evidence to quote.
        n = len(scores)
        pushes = heapq.nlargest(8, ((value * (n * row[top] - sum(row)), name) for name, value, row in hits))
        return Prediction(self.classes[top], confidence, tuple(name for push, name in pushes if push > 0))


@cache
def load(path: Path = MODEL_PATH) -> IntentModel:
    """Loaded once per process; a missing or stale file fails loudly at start-up, not on a student."""
    return IntentModel.from_json(json.loads(path.read_text(encoding="utf-8")))
