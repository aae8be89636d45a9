"""What the Slack listeners need, gathered once so build_app can wire tests and production alike."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.coaching.content import Content
from bot.config import Settings


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    settings: Settings
    store: object  # bot.store.AsyncDecisionStore
    content: Content
    clock: Callable[[], datetime] = utc_now
    extras: dict = field(default_factory=dict)  # room for services added later (staff directory, scheduler)
    # bot.followups.service.Followups: the reminder offer on result cards, cancellation, delivery.
    followups: Any = None
    # Set when the app must stop (app_uninstalled / tokens_revoked); bot.server waits on it with SIGTERM.
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    # Long-running background tasks (retention, reminders): bot.server cancels each at shutdown, after
    # in-flight requests have finished and before the store is closed. Append yours when you start it.
    background: list[asyncio.Task] = field(default_factory=list)
