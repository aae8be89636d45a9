"""Background jobs: the retention purge (at start-up, then daily) and reminder delivery (every minute).

`purge_expired` runs one purge and can be called directly (tests, start-up); `retention_loop`
repeats it every `interval` seconds until its stop event is set. Times come from `deps.clock`,
so a fake clock decides what "older than INVITE_CHECK_RETENTION_DAYS" means in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.deps import Deps
from bot.store import StoreClosedError

logger = logging.getLogger(__name__)

DAY = 24 * 60 * 60.0


async def purge_expired(deps: Deps) -> int:
    """Delete records created more than INVITE_CHECK_RETENTION_DAYS ago; returns how many."""
    days = deps.settings.invite_check_retention_days
    cutoff = deps.clock() - timedelta(days=days)
    removed = await deps.store.purge_older_than(cutoff)
    if removed:
        logger.info("retention: purged %d record(s) older than %d days", removed, days)
    return removed


async def every(
    interval: float,
    job: Callable[[], Awaitable[object]],
    *,
    what: str,
    run_first: bool = True,
    stop: asyncio.Event | None = None,
) -> None:
    """Run `job` now (unless `run_first` is false), then every `interval` seconds until `stop` is set.

    The shared shape of the background loops: a failed run is logged and retried at the next
    interval, so upkeep never takes the bot down; a closed store means shutdown.
    """
    stop = stop or asyncio.Event()
    first = run_first
    while not stop.is_set():
        if not first:
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
                return  # stop was set
            except TimeoutError:
                pass
        first = False
        try:
            await job()
        except StoreClosedError:
            return  # shutting down
        except Exception:  # a background loop must outlive one bad run; the traceback is logged
            logger.exception("%s failed; will retry in %.0f s", what, interval)


async def retention_loop(
    deps: Deps,
    *,
    interval: float = DAY,
    run_first: bool = True,
    stop: asyncio.Event | None = None,
    purge: Callable[[Deps], Awaitable[int]] = purge_expired,
) -> None:
    """Purge now (unless `run_first` is false), then every `interval` seconds until `stop` is set."""
    await every(interval, lambda: purge(deps), what="retention purge", run_first=run_first, stop=stop)


def start_retention(
    deps: Deps, *, interval: float = DAY, run_first: bool = False, stop: asyncio.Event | None = None
) -> asyncio.Task:
    """Start the daily loop as a task (cancel it, or set `stop`, to end it)."""
    return asyncio.create_task(
        retention_loop(deps, interval=interval, run_first=run_first, stop=stop), name="invite-check-retention"
    )


REMINDER_INTERVAL = 60.0  # seconds between passes: a reminder is at most this late


async def deliver_due(deps: Deps, client: AsyncWebClient) -> int:
    """Send every reminder that is due now; returns how many were sent."""
    return await deps.followups.deliver_due(client)


async def reminder_loop(
    deps: Deps,
    client: AsyncWebClient,
    *,
    interval: float = REMINDER_INTERVAL,
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
    interval: float = REMINDER_INTERVAL,
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
    reminder marked as sent without knowing whether it arrived (see bot.slack.followups)."""
    if not task.done():
        await asyncio.wait({task}, timeout=grace)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
