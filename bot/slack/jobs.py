"""Background jobs: the retention purge (at start-up, then daily), reminder delivery (every minute) and
the staff's weekly digest (a pass every few minutes).

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
from bot.slack.faults import SLACK_FAILURES, describe
from bot.slack.views.staff import digest_message
from bot.staff.digest import Digest, build_digest, due_week, records_since
from bot.store import DecisionStore, StoreClosedError

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


# -- the weekly digest -----------------------------------------------------------------------------------
DIGEST_INTERVAL = 300.0  # seconds between passes: a digest goes out at most this long after its hour
DIGEST_DAYS = 7
CHART_NAME = "invite-check-weeks.png"


async def _teams(deps: Deps, client: AsyncWebClient) -> list[tuple[str, AsyncWebClient]]:
    """The workspaces to send digests in, each with a client that posts there: every installed workspace
    with installs in many workspaces, else the one the bot token belongs to."""
    if deps.installations is None:
        team_id = (await client.auth_test()).get("team_id")
        return [(team_id, client)] if isinstance(team_id, str) and team_id else []
    from bot.slack.oauth import team_client

    teams = []
    for row in await deps.store.workspaces():
        if row.get("uninstalled_at") is None:
            posting = await team_client(deps.installations, client, row["team_id"])
            if posting is not None:
                teams.append((row["team_id"], posting))
    return teams


async def send_digests(deps: Deps, client: AsyncWebClient) -> int:
    """One pass: DM the weekly digest to each staff member whose set day and hour (their Slack time zone)
    have come this week and who has not had it yet. Returns how many went out.

    Each (workspace, staff member, ISO week) is claimed in the store before it is sent, so of replicas
    and restarts only one sends it; a claim whose DM failed is dropped again for the next pass."""
    weekday = deps.settings.digest_weekday
    if weekday is None:
        return 0
    hour = deps.settings.invite_check_digest_hour
    sent = 0
    for team_id, posting in await _teams(deps, client):
        digest: Digest | None = None
        chart: bytes | None = None
        for member in sorted(await deps.staff.members(team_id, posting)):
            now = deps.clock()
            week = due_week(now, await deps.followups.user_zone(posting, member), weekday, hour)
            if week is None:
                continue
            name = f"digest:{team_id}:{member}:{week}"
            if not await deps.store.claim_once(name, now):
                continue
            try:
                if digest is None or chart is None:
                    # matplotlib takes a second to import: only a pass that sends a digest pays for it
                    from bot.staff.chart import weekly_chart

                    digest = await team_digest(deps, team_id)
                    chart = await asyncio.to_thread(weekly_chart, digest.weekly)
                await send_digest(posting, member, digest, chart)
            except SLACK_FAILURES as exc:
                await deps.store.forget_once(name)
                logger.warning("could not send the weekly digest to a staff member (%s)", describe(exc))
                continue
            except BaseException:
                await deps.store.forget_once(name)
                raise
            sent += 1
            logger.info("weekly digest sent", extra={"week": week})
    return sent


async def team_digest(deps: Deps, team_id: str) -> Digest:
    """The workspace's digest of the last DIGEST_DAYS, read beside the store's worker."""
    now = deps.clock()
    view = deps.settings.invite_check_staff_view
    key = await deps.store.pseudonym_key()

    def build(store: DecisionStore) -> Digest:
        records = store.iter_records(
            team_id=team_id, since=records_since(now, DIGEST_DAYS), newest_first=False
        )
        return build_digest(records, now, DIGEST_DAYS, team_id=team_id, view=view, key=key)

    return await deps.store.read_aside(build)


async def send_digest(client: AsyncWebClient, member: str, digest: Digest, chart: bytes) -> None:
    """The digest as a DM, then its chart uploaded into the same DM. Once the DM is posted the digest
    counts as sent: a failed upload is logged, not retried with a second copy of the digest."""
    text, blocks = digest_message(digest)
    posted = await client.chat_postMessage(channel=member, text=text, blocks=blocks)
    try:
        await client.files_upload_v2(
            channel=posted["channel"],
            file=chart,
            filename=CHART_NAME,
            title="Checks and flagged checks per week, last 12 weeks",
        )
    except SLACK_FAILURES as exc:
        logger.warning("the weekly digest went out without its chart (%s)", describe(exc))


def start_digests(
    deps: Deps,
    client: AsyncWebClient,
    *,
    interval: float = DIGEST_INTERVAL,
    run_first: bool = True,
    stop: asyncio.Event | None = None,
) -> asyncio.Task:
    """A pass now (a bot started after this week's hour still sends that week's digest), then every
    `interval` seconds until `stop` is set."""
    return asyncio.create_task(
        every(
            interval, lambda: send_digests(deps, client), what="digest pass", run_first=run_first, stop=stop
        ),
        name="invite-check-digests",
    )
