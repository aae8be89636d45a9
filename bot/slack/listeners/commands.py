"""Slash commands. `/invite-check [text | history | delete | help]`."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import faults
from bot.slack.deps import Deps
from bot.slack.listeners import followups, student
from bot.slack.markup import from_slack
from bot.slack.views import student as bk

logger = logging.getLogger(__name__)


async def invite_check(
    ack: AsyncAck,
    command: dict,
    client: AsyncWebClient,
    respond: AsyncRespond,
    deps: Deps,
    user_id: str,
    team_id: str,
) -> None:
    text = from_slack(command.get("text") or "").strip()
    word = text.lower()
    if word == "help":
        await ack(text=bk.help_text())
        return
    if word in ("history", "delete"):
        await student.subcommand(word, ack, respond, deps, team_id, user_id)
        return
    if word.split(maxsplit=1)[0:1] == ["reminders"]:  # `reminders [on|off]`
        await followups.reminders_command(" ".join(word.split()), ack, respond, deps, team_id, user_id)
        return
    if not text:
        await ack()
        await client.views_open(trigger_id=command["trigger_id"], view=bk.invite_modal())
        return
    # The pointer to the DM rides on the ack (no extra call). Typed in the app's DM itself (known from an
    # earlier post there, or any DM channel the first time), the walkthrough needs no pointer.
    channel = command.get("channel_id") or ""
    known_dm = deps.walkthrough.dm_of(user_id)
    in_dm = channel == known_dm if known_dm else channel.startswith("D")
    if in_dm:
        await ack()
    else:
        await ack(text=bk.pointer_text(), response_type="ephemeral")
    try:
        dm = await deps.walkthrough.start(client, team_id=team_id, user_id=user_id, text=text)
    except faults.SLACK_FAILURES as exc:  # 429/5xx after retries, time-out, dropped connection
        logger.exception("could not start a walkthrough (%s)", faults.describe(exc))
        await faults.tell(respond, command, bk.unreachable_text())
        return
    if in_dm and dm and dm != channel:  # a DM with someone else, the first time: point there after all
        await respond(text=bk.pointer_text(), response_type="ephemeral")
