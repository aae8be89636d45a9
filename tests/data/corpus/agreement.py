"""Agreement between a batch's labels (raw/<batch>.jsonl) and its second, blind labelling
(relabel/<batch>.jsonl: the same ids, the label fields only, written from the texts alone).

    python tests/data/corpus/agreement.py fresh_f1 late_l4
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("custom_message", "claims_prior_contact", "intent", "requester_name", "red_flags")


def _load(path: Path) -> dict[str, dict]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: r for r in rows}


def compare(batch: str) -> list[str]:
    first, second = _load(HERE / "raw" / f"{batch}.jsonl"), _load(HERE / "relabel" / f"{batch}.jsonl")
    ids = sorted(set(first) & set(second))
    lines = [f"{batch}: {len(ids)} items labelled twice ({len(first)} in the batch)"]
    differ = []
    for f in FIELDS:
        same = 0
        for i in ids:
            a, b = first[i][f], second[i][f]
            if f == "red_flags":
                a, b = sorted(a), sorted(b)
            same += a == b
            if a != b:
                differ.append(f"  {i} {f}: {a!r} / {b!r}")
        lines.append(f"  {f:<22} {same}/{len(ids)} = {same / max(len(ids), 1):.3f}")
    return lines + differ


def main(argv: list[str]) -> int:
    for batch in argv or ["fresh_f1"]:
        print("\n".join(compare(batch)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
