"""Build corpus.jsonl from the raw labelled batches in raw/, splitting by source, never by item.

    python tests/data/corpus/assemble.py          # rewrite corpus.jsonl
    python tests/data/corpus/assemble.py --stats  # counts only

Batches named fresh_*.jsonl are the held-out split, `fresh`, written and frozen
(fresh_split.sha256) before the model they score was tuned; none of their items may share a source or a
near-duplicate group with any other split's. Every other batch goes to train and dev. Each raw item carries
its provenance (a URL for a real text, `written:<batch>:<theme>` otherwise). The split of an item is decided
by its *group*: a real text's site (domain, or owner/repo on GitHub), a written text's batch and theme.
Near-duplicates (same word 3-grams, Jaccard >= 0.6) are merged into one group first, so a copied template
cannot sit in two splits. A group goes to dev when a fixed hash of its key falls in the dev window, so adding
items never moves an old one. (An older frozen `test` split, scored long ago, now trains: the dev window
holds the groups that were dev then and a quarter of those that were test, so dev keeps its share and
its earlier groups.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "corpus.jsonl"
SALT = "invite-check-corpus-v1"
# The hash windows that go to dev: [DEV_FROM, DEV_TO) for most groups, [0, LEGACY_DEV) for the legacy
# sets (written while the old rules were tuned), each a quarter of its groups.
DEV_FROM, DEV_TO, LEGACY_DEV = 0.27, 0.52, 0.25
FIELDS = (
    "id",
    "text",
    "origin",
    "source",
    "source_kind",
    "input_kind",
    "custom_message",
    "claims_prior_contact",
    "intent",
    "requester_name",
    "red_flags",
    "label_note",
)
INTENTS = ("recruiter", "referral", "collaboration", "networking", "sales", "unclear")
FLAGS = (
    "asks_for_money",
    "asks_personal_info",
    "off_platform",
    "too_good_to_be_true",
    "crypto_investment",
    "urgency",
    "suspicious_link",
)


def canonical_source(src: str) -> str:
    """`repo:owner/name/path` and `github:...` (as the search tool names files) -> a GitHub URL."""
    for prefix in ("repo:", "github:", "github.com/"):
        if src.startswith(prefix):
            owner, name, *path = src[len(prefix) :].split("/")
            return f"https://github.com/{owner}/{name}" + (f"/blob/HEAD/{'/'.join(path)}" if path else "")
    return src


def source_key(row: dict) -> str:
    src = row["source"]
    if src.startswith("written:"):
        parts = src.split(":")
        return ":".join(parts[:2]) + (
            f":{parts[2]}" if not parts[1].startswith("legacy") else f":{row['id']}"
        )
    url = urlparse(src if "//" in src else "https://" + src)
    host = url.netloc.lower().removeprefix("www.")
    if host in ("github.com", "raw.githubusercontent.com", "gist.github.com"):
        return host + "/" + "/".join(url.path.strip("/").split("/")[:2]).lower()
    return host


def shingles(text: str) -> set[str]:
    w = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(w[i : i + 3]) for i in range(max(1, len(w) - 2))}


def _groups(rows: list[dict]) -> list[int]:
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, int] = {}
    for i, r in enumerate(rows):
        k = source_key(r)
        if k in by_key:
            parent[find(i)] = find(by_key[k])
        else:
            by_key[k] = i
    sh = [shingles(r["text"]) for r in rows]
    for i in range(len(rows)):
        for j in range(i):
            a, b = sh[i], sh[j]
            if a and b:
                common = len(a & b)  # Jaccard without building the union: |a | b| = |a| + |b| - |a & b|
                if common / (len(a) + len(b) - common) >= 0.6:
                    parent[find(i)] = find(j)
    return [find(i) for i in range(len(rows))]


def _split_of(key: str, legacy: bool) -> str:
    h = int(hashlib.sha256(f"{SALT}:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if legacy:
        return "dev" if h < LEGACY_DEV else "train"
    return "dev" if DEV_FROM <= h < DEV_TO else "train"


def validate(row: dict, where: str) -> None:
    missing = [f for f in FIELDS if f not in row and f != "label_note"]
    if missing:
        raise SystemExit(f"{where}: missing {missing}")
    if row["intent"] not in INTENTS or not set(row["red_flags"]) <= set(FLAGS):
        raise SystemExit(f"{where}: bad intent or red flag")
    if row["origin"] == "real" and not re.match(r"^https?://", row["source"]):
        raise SystemExit(f"{where}: a real item needs its source URL")


def assemble() -> list[dict]:
    rows: list[dict] = []
    for path in sorted(RAW.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["source"] = canonical_source(row["source"])
                row["fresh"] = path.name.startswith("fresh_")
                validate(row, f"{path.name}:{n}")
                rows.append({f: row.get(f) for f in (*FIELDS, "fresh")})
    seen: dict[str, str] = {}
    unique = []
    for r in sorted(
        rows, key=lambda r: r["fresh"]
    ):  # exact duplicate texts: keep the first, never a held-out one
        t = " ".join(r["text"].lower().split())
        if t not in seen:
            seen[t] = r["id"]
            unique.append(r)
        elif r["fresh"]:
            raise SystemExit(f"{r['id']}: the held-out item repeats {seen[t]}")
    rows = unique
    roots = _groups(rows)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(roots):
        members[g].append(i)
    for idx in members.values():
        keys = sorted(source_key(rows[i]) for i in idx)
        fresh = {rows[i]["fresh"] for i in idx}
        if fresh == {True, False}:
            raise SystemExit(f"held-out items share a source or near-duplicate with others: {keys}")
        legacy = any(rows[i]["source"].startswith("written:legacy") for i in idx)
        split = "fresh" if fresh == {True} else _split_of(keys[0], legacy)
        for i in idx:
            rows[i]["split"] = split
            rows[i]["group"] = keys[0]
    for r in rows:
        del r["fresh"]
    return rows


def stats(rows: list[dict]) -> str:
    out = [f"{len(rows)} items; by split {dict(Counter(r['split'] for r in rows))}"]
    out.append(
        f"by origin {dict(Counter(r['origin'] for r in rows))}; by source kind "
        f"{dict(Counter(r['source_kind'] for r in rows))}; by input {dict(Counter(r['input_kind'] for r in rows))}"
    )
    out.append(f"by intent {dict(Counter(r['intent'] for r in rows))}")
    for s in ("train", "dev", "fresh"):
        part = [r for r in rows if r["split"] == s]
        out.append(
            f"  {s}: {len(part)} items, {sum(r['origin'] == 'real' for r in part)} real, "
            f"{len({r['group'] for r in part})} groups, intents {dict(Counter(r['intent'] for r in part))}"
        )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    rows = assemble()
    if not args.stats:
        OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(stats(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
