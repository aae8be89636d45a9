"""No private part of a dependency is used: each breaks silently on an upgrade pyproject's ranges allow."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = re.compile(
    r"_async_listeners|slack_bolt\.request\.internals|slack_bolt\.[a-z_.]*\._[a-z]"
    r"|__pydantic_(fields_set|extra|private)__|re\._parser|sre_parse|gc\.(freeze|disable)"
    r"|\bsite\._server\b|\._server\.sockets"  # aiohttp's TCPSite: AppRunner.addresses is the public way
)


def test_no_private_api_of_a_dependency_in_app_tests_or_benchmarks():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for folder in ("bot", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != Path(__file__).resolve()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert not found, "\n".join(found)
