"""No private part of a dependency is used: each breaks silently on an upgrade pyproject's ranges allow."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = re.compile(
    r"_async_listeners|slack_bolt\.request\.internals|slack_bolt\.[a-z_.]*\._[a-z]"
    r"|__pydantic_(fields_set|extra|private)__|re\._parser|sre_parse|gc\.(freeze|disable)"
)
# The analyzer is being rewritten by the lead (issue 9); it is checked once that lands.
NOT_YET = {ROOT / "bot" / "coaching" / "analyzer.py"}


def test_no_private_api_of_a_dependency_in_the_app():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if path not in NOT_YET
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert not found, "\n".join(found)
