"""Reminder delivery in the background, following bot.maintenance's pattern.

`deliver_due` runs one pass and can be called directly (tests, start-up); `reminder_loop` runs it
at start (so a reminder that fell due while the bot was down goes out right away, in working
hours) and then every `interval` seconds until its stop event is set. Times come from
`deps.clock`, so a fake clock can move a week ahead between two passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import Deps
from bot.maintenance import every

logger = logging.getLogger(__name__)

INTERVAL = 60.0  # seconds between passes: a reminder is at most this late


async def deliver_due(deps: Deps, client: AsyncWebClient) -> int:
    """Send every reminder that is due now; returns how many were sent."""
    return await deps.followups.deliver_due(client)


async def reminder_loop(
    deps: Deps,
    client: AsyncWebClient,
    *,
    interval: float = INTERVAL,
    run_first: bool = True,
    stop: asyncio.Event | None = None,
    deliver: Callable[[Deps, AsyncWebClient], Awaitable[int]] = deliver_due,
) -> None:
    """Deliver now (unless `run_first` is false), then every `interval` seconds until `stop` is set."""
    await every(interval, lambda: deliver(deps, client), what="reminder pass", run_first=run_first, stop=stop)


def start_reminders(
    deps: Deps,
    client: AsyncWebClient,
    *,
    interval: float = INTERVAL,
    run_first: bool = True,
    stop: asyncio.Event | None = None,
) -> asyncio.Task:
    """Start the loop as a task (cancel it, or set `stop`, to end it)."""
    return asyncio.create_task(
        reminder_loop(deps, client, interval=interval, run_first=run_first, stop=stop),
        name="invite-check-reminders",
    )


async def stop_reminders(task: asyncio.Task, *, grace: float = 5.0) -> None:
    """End the loop at shutdown (call after setting its stop event). A pass that is posting a reminder
    gets `grace` seconds to finish: cancelling between the claim and Slack's answer would leave that
    reminder marked as sent without knowing whether it arrived (see bot.followups.service)."""
    if not task.done():
        await asyncio.wait({task}, timeout=grace)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
