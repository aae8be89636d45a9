"""App Home: staff get the dashboard for a period plus the most recent checks; students get their own
checks, a "Check an invite" button and "Delete my data".

The role is decided on every publish (staff lists can change); a student's Home is built from a query
filtered by their own workspace and user ID, so it cannot show anyone else's records.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import Deps
from bot.slack.listeners.staff import directory, parse_period, period_summary
from bot.staff import blocks as sb
from bot.staff import privacy

logger = logging.getLogger(__name__)
PERIODS_KEY = "home_periods"  # deps.extras: user_id -> days last picked in the selector
DEFAULT_DAYS = 30


def _team(body: dict) -> str:
    return (body.get("team_id") or (body.get("team") or {}).get("id")
            or (body.get("user") or {}).get("team_id") or "unknown")


async def student_view(deps: Deps, team_id: str, user_id: str, *, notice: str | None = None) -> dict:
    records = await deps.store.list(team_id=team_id, user_id=user_id)
    settings = deps.settings
    return sb.student_home(records[:sb.RECENT_STUDENT], total=len(records), notice=notice,
                           retention_days=settings.invite_check_retention_days,
                           keeps_text=settings.invite_check_store_invite_text,
                           staff_view=settings.invite_check_staff_view)


async def staff_view(deps: Deps, team_id: str, days: int | None) -> dict:
    summary, records = await period_summary(deps, team_id, days)  # newest first
    return sb.staff_home(summary, records[:sb.RECENT_STAFF], view=deps.settings.invite_check_staff_view,
                         key=privacy.key_of(deps.settings))


async def publish_home(client: AsyncWebClient, deps: Deps, *, team_id: str, user_id: str,
                       notice: str | None = None) -> None:
    periods: dict = deps.extras.setdefault(PERIODS_KEY, {})
    if await directory(None, deps).is_staff(user_id, client):
        view = await staff_view(deps, team_id, periods.get(user_id, DEFAULT_DAYS))
    else:
        view = await student_view(deps, team_id, user_id, notice=notice)
    await client.views_publish(user_id=user_id, view=view)


async def home_opened(event: dict, body: dict, client: AsyncWebClient, deps: Deps) -> None:
    if event.get("tab", "home") != "home" or not isinstance(event.get("user"), str):
        return  # the Messages tab (or an event without its user)
    await publish_home(client, deps, team_id=_team(body), user_id=event["user"])


async def period_selected(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient, deps: Deps) -> None:
    await ack()
    days = parse_period((action.get("selected_option") or {}).get("value"))
    user_id = body["user"]["id"]
    if days != "invalid":
        deps.extras.setdefault(PERIODS_KEY, {})[user_id] = days
    await publish_home(client, deps, team_id=_team(body), user_id=user_id)


async def delete_my_data(ack: AsyncAck, body: dict, client: AsyncWebClient, deps: Deps) -> None:
    await ack()
    user_id, team_id = body["user"]["id"], _team(body)
    removed = await deps.store.delete_user(team_id, user_id)
    logger.info("student deleted their data from the App Home", extra={"records": removed})
    await client.views_publish(user_id=user_id, view=await student_view(
        deps, team_id, user_id, notice=sb.deleted_text(removed)))


def register(app: AsyncApp, deps: Deps) -> None:
    directory(app, deps)

    async def _opened(event: dict, body: dict, client: AsyncWebClient) -> None:
        await home_opened(event, body, client, deps)

    async def _period(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        await period_selected(ack, body, action, client, deps)

    async def _delete(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await delete_my_data(ack, body, client, deps)

    app.event("app_home_opened")(_opened)
    app.action(sb.A_PERIOD)(_period)
    app.action(sb.A_HOME_DELETE)(_delete)
