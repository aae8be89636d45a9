"""Write guide_8grams.txt: a hash of every 8-word run of the two coaching guides.

    python tests/data/guide_hashes.py ../shared/seeds

The tests check that no 8-word run of the guides appears in the project (ideas yes, sentences no)
without the guides' text in the repository: only these hashes are vendored.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

OUT = Path(__file__).with_name("guide_8grams.txt")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str, n: int = 8) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def digest(run: str) -> str:
    return hashlib.blake2b(run.encode(), digest_size=8).hexdigest()


def main(seeds: str) -> int:
    hashes = set()
    for f in sorted(Path(seeds).glob("*.txt")):
        hashes |= {digest(r) for r in runs(f.read_text(errors="replace"))}
    OUT.write_text("".join(h + "\n" for h in sorted(hashes)))
    print(f"wrote {len(hashes)} hashes to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds"))
