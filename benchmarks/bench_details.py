"""How often the analyzer's details are right, and how often a draft names the sender and a detail; the
intent and the sender's name on the same items, by form (paste, note, description).

    python benchmarks/bench_details.py                                   # the frozen held-out set
    python benchmarks/bench_details.py tests/data/details/dev.jsonl --errors

A detail is right when it matches the labelled span (case and surrounding articles and punctuation
ignored), or both are absent. For the drafts, each invitation gets the reply the walkthrough would
draft with the suggested answers (and "never met" where nothing is suggested).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from bot.coaching import checklist
from bot.coaching.advice import Reading, draft_for
from bot.coaching.analyzer import analyze
from bot.coaching.content import DEFAULT_PROMPTS, load_content
from bot.coaching.drafts import first_name

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests/data/details/heldout.jsonl"
FIELDS = ("company", "role", "event", "school", "mutual")


def norm(value: str | None) -> str:
    value = re.sub(r"^(?:the|a|an|la|el|o|a|los|las)\s+", "", (value or "").strip().lower())
    return value.strip(" .,;:!?'\"")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(HELDOUT))
    ap.add_argument("--errors", action="store_true", help="list the misses (not on the held-out set)")
    args = ap.parse_args()
    content = load_content(DEFAULT_PROMPTS)
    items = [json.loads(line) for line in Path(args.path).read_text(encoding="utf-8").splitlines() if line]
    right: Counter = Counter()
    present: Counter = Counter()
    found: Counter = Counter()
    greets = names_detail = with_name = with_detail = 0
    seen: Counter = Counter()
    intent_right: Counter = Counter()
    name_right: Counter = Counter()
    errors = []
    for item in items:
        s = analyze(item["text"])
        got = s.details.as_dict()
        for f in FIELDS:
            want = item["details"].get(f)
            ok = norm(got[f]) == norm(want)
            right[f] += ok
            present[f] += want is not None
            found[f] += want is not None and ok
            if not ok:
                errors.append((item["id"], f, want, got[f]))
        right["language"] += s.language == item["language"]
        for key in ("all", item["form"]):
            seen[key] += 1
            intent_right[key] += s.intent == item["intent"]
            name_right[key] += s.requester_name == item["requester_name"]
        if args.errors and s.intent != item["intent"]:
            errors.append((item["id"], "intent", item["intent"], s.intent))
        answers = dict(checklist.suggest_answers(content, s))
        answers.setdefault("met", "no")
        reading = Reading(s.requester_name, s.intent, s.language, got, s.asks_referral)
        text = draft_for(content, "reply", answers, reading, my_name="Sam Student").text
        if item.get("requester_name"):
            with_name += 1
            greets += (
                bool(first_name(item["requester_name"]))
                and text.split("\n", 1)[0].find(first_name(item["requester_name"]) or "\0") >= 0
            )
        wanted = [v for v in item["details"].values() if v]
        if wanted:
            with_detail += 1
            names_detail += any(v.lower() in text.lower() for v in wanted)
    n = len(items)
    print(f"{args.path}: {n} invitations")
    print(f"{'field':10} {'right':>7} {'found when present':>20}")
    for f in FIELDS:
        print(f"{f:10} {right[f] / n:7.3f} {found[f] / max(present[f], 1):14.3f} ({present[f]})")
    print(f"{'language':10} {right['language'] / n:7.3f}")
    print(
        f"drafts greeting the sender by first name: {greets / max(with_name, 1):.3f} of {with_name} with a name"
    )
    print(
        f"drafts naming a detail the invitation gave: {names_detail / max(with_detail, 1):.3f} of {with_detail}"
    )
    for key in sorted(seen, key=lambda k: k != "all"):
        print(
            f"intent {key:12} {intent_right[key] / seen[key]:.3f}   requester_name {name_right[key] / seen[key]:.3f}"
            f"   ({seen[key]})"
        )
    if args.errors:
        for wid, f, want, got in errors:
            print(f"{wid} {f}: want {want!r} got {got!r}")


if __name__ == "__main__":
    main()
