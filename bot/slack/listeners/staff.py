"""Staff views: `/invite-summary [7d|30d|90d|all]` and the "Export CSV" button.

Both ack first, then check staff (which may call usergroups.users.list), then answer privately:
the summary through the command's response_url (ephemeral), the CSV as a file in the staff
member's DM. Non-staff get a polite refusal and no figures. Staff see their own workspace only.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching.vocab import REASON_STEP
from bot.slack.deps import Deps
from bot.slack.staff_access import slack_error
from bot.slack.views import staff as sb
from bot.staff import privacy
from bot.staff.export import csv_from_store
from bot.staff.summary import Summary, parse_period, period_key, period_label, period_start, summarize

logger = logging.getLogger(__name__)
EXPORT_NOTE = {
    privacy.NAMED: "It names students by Slack ID: keep it within the career center.",
    privacy.PSEUDONYMOUS: "Students appear under pseudonyms (user_id), not their Slack IDs.",
    privacy.TOTALS: "It carries no student IDs (INVITE_CHECK_STAFF_VIEW=totals).",
}


async def period_summary(deps: Deps, team_id: str, days: int | None) -> Summary:
    """The period's summary of one workspace, from the store's counts (made in SQL on PostgreSQL)."""
    now = deps.clock()
    counts = await deps.store.counts(team_id=team_id, since=period_start(now, days), step=REASON_STEP)
    return summarize(counts, now=now, days=days)


async def period_csv(deps: Deps, team_id: str, days: int | None, now: datetime) -> tuple[bytes, int]:
    """One workspace's CSV export of the `days` before `now` (UTF-8) and its row count, built straight
    from the store's records on a thread beside the store's worker: neither the event loop (health
    checks, every click) nor students' saves wait while 50,000 rows are written."""
    build = functools.partial(
        csv_from_store,
        team_id=team_id,
        since=period_start(now, days),
        steps=[s.id for s in deps.content.checklist.steps],
        view=deps.settings.invite_check_staff_view,
        key=await deps.store.pseudonym_key(),
    )
    return await deps.store.read_aside(build)


async def period_records(deps: Deps, team_id: str, days: int | None, *, limit: int | None = None) -> list:
    """One workspace's records of the period, newest first (never another workspace's)."""
    since = period_start(deps.clock(), days)
    return await deps.store.list(team_id=team_id, since=since, limit=limit)


async def invite_summary(
    ack: AsyncAck,
    command: dict,
    respond: AsyncRespond,
    client: AsyncWebClient,
    deps: Deps,
    user_id: str,
    team_id: str,
) -> None:
    try:
        days = parse_period(command.get("text"))
    except ValueError:
        await ack(text=sb.usage_text())
        return
    await ack()
    if not await deps.staff.is_staff(user_id, client, team_id):
        logger.info("staff summary refused for a non-staff user")
        await respond(text=sb.not_staff_text(), response_type="ephemeral")
        return
    summary = await period_summary(deps, team_id, days)
    text, blocks = sb.summary_message(summary)
    await respond(text=text, blocks=blocks, response_type="ephemeral")


async def export_csv(
    ack: AsyncAck,
    body: dict,
    action: dict,
    client: AsyncWebClient,
    respond: AsyncRespond,
    deps: Deps,
    user_id: str,
    team_id: str,
) -> None:
    await ack()
    can_reply = bool(body.get("response_url"))
    if not await deps.staff.is_staff(user_id, client, team_id):  # re-checked on every click
        logger.info("CSV export refused for a non-staff user")
        if can_reply:
            await respond(text=sb.not_staff_text(), response_type="ephemeral", replace_original=False)
        return
    try:
        days = parse_period(action.get("value"))
    except ValueError:
        days = 30
    now = deps.clock()
    content, rows = await period_csv(deps, team_id, days, now)
    dm = (await client.conversations_open(users=user_id))["channel"]["id"]
    filename = f"invite-check-{period_key(days)}-{now:%Y%m%d}.csv"
    try:
        await client.files_upload_v2(
            channel=dm,
            filename=filename,
            title=f"Invite Check export ({period_label(days)})",
            content=content,
            initial_comment=f"Invite Check export: {rows} check(s) from {period_label(days)}. "
            + EXPORT_NOTE[deps.settings.invite_check_staff_view],
        )
    except SlackApiError as exc:
        logger.warning("CSV upload failed: %s", slack_error(exc))
        if can_reply:
            await respond(
                text="Sorry, I couldn't upload the CSV just now. Please try again in a minute.",
                response_type="ephemeral",
                replace_original=False,
            )
        return
    logger.info("CSV export sent", extra={"rows": rows})
    if can_reply:
        await respond(
            text=f":inbox_tray: Sent {rows} check(s) as `{filename}` to our direct message.",
            response_type="ephemeral",
            replace_original=False,
        )
