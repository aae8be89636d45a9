"""One click at a time per walkthrough, shared by the walkthrough (bot.slack.walkthrough) and the follow-ups."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


class WalkLocks:
    def __init__(self) -> None:
        self._locks: dict[str, list] = {}  # wid -> [asyncio.Lock, holders and waiters]

    @contextlib.asynccontextmanager
    async def serialised(self, wid: str) -> AsyncIterator[None]:
        """From a click's store write to its card update: two clicks at once (Slack slow to answer
        chat.update) could otherwise leave the card showing a decision other than the stored one.
        Locks live only while someone holds or waits for them."""
        entry = self._locks.setdefault(wid, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if not entry[1]:
                del self._locks[wid]
