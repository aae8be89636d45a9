"""App Home: staff get the dashboard for a period plus the most recent checks; students get their own
checks, a "Check an invite" button and "Delete my data".

The role is decided on every publish (staff lists can change); a student's Home is built from a query
filtered by their own workspace and user ID, so it cannot show anyone else's records.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import timedelta

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.deps import Deps
from bot.slack.listeners.staff import parse_period, period_records, period_summary
from bot.slack.scam_alerts import active_clusters
from bot.slack.views import staff as sb
from bot.slack.views import student_pages as pages
from bot.staff.clusters import WINDOW
from bot.store import DecisionRecord, DecisionStore

logger = logging.getLogger(__name__)
DEFAULT_DAYS = 30


async def student_view(deps: Deps, team_id: str, user_id: str, *, notice: str | None = None) -> dict:
    records = await deps.store.list(team_id=team_id, user_id=user_id)
    settings = deps.settings
    return pages.student_home(
        records[: pages.RECENT_STUDENT],
        total=len(records),
        notice=notice,
        retention_days=settings.invite_check_retention_days,
        keeps_text=settings.invite_check_store_invite_text,
        staff_view=settings.invite_check_staff_view,
        field=await deps.walkthrough.cards.field_of(team_id, user_id),
    )


async def staff_view(deps: Deps, team_id: str, days: int | None) -> dict:
    summary = await period_summary(deps, team_id, days)
    attention, clusters = await needs_staff(deps, team_id)
    return sb.staff_home(
        summary,
        await period_records(deps, team_id, days, limit=sb.RECENT_STAFF),
        view=deps.settings.invite_check_staff_view,
        key=await deps.store.pseudonym_key(),
        attention=attention,
        clusters=clusters,
    )


async def needs_staff(deps: Deps, team_id: str) -> tuple[list, list]:
    """The workspace's checks of the last ATTENTION_DAYS that need staff (newest first), and the scam
    clusters still active among its flagged checks, in one pass over those days."""
    now = deps.clock()
    since = now - max(timedelta(days=sb.ATTENTION_DAYS), 2 * WINDOW)

    def find(store: DecisionStore) -> tuple[list[DecisionRecord], list[DecisionRecord]]:
        attention: list[DecisionRecord] = []
        flagged: list[DecisionRecord] = []
        for r in store.iter_records(team_id=team_id, since=since):
            if sb.needs_attention(r):
                attention.append(r)
            if r.signals.red_flags:
                flagged.append(r)
        return attention, flagged

    attention, flagged = await deps.store.read_aside(find)
    return attention, active_clusters(flagged, now)


async def publish_home(
    client: AsyncWebClient, deps: Deps, *, team_id: str, user_id: str, notice: str | None = None
) -> None:
    if await deps.staff.is_staff(user_id, client, team_id):
        view = await staff_view(deps, team_id, deps.home_periods.get(user_id, DEFAULT_DAYS))
    else:
        view = await student_view(deps, team_id, user_id, notice=notice)
    await client.views_publish(user_id=user_id, view=view)


async def home_opened(event: dict, client: AsyncWebClient, deps: Deps, team_id: str) -> None:
    if event.get("tab", "home") != "home" or not isinstance(event.get("user"), str):
        return  # the Messages tab (or an event without its user)
    await publish_home(client, deps, team_id=team_id, user_id=event["user"])


async def period_selected(
    ack: AsyncAck, action: dict, client: AsyncWebClient, deps: Deps, user_id: str, team_id: str
) -> None:
    await ack()
    with contextlib.suppress(ValueError):  # an unknown option keeps the period shown
        deps.home_periods[user_id] = parse_period((action.get("selected_option") or {}).get("value"))
    await publish_home(client, deps, team_id=team_id, user_id=user_id)


async def delete_my_data(
    ack: AsyncAck, client: AsyncWebClient, deps: Deps, user_id: str, team_id: str
) -> None:
    await ack()
    removed = await deps.walkthrough.forget_student(team_id, user_id)
    logger.info("student deleted their data from the App Home", extra={"records": removed})
    await client.views_publish(
        user_id=user_id, view=await student_view(deps, team_id, user_id, notice=pages.deleted_text(removed))
    )
