"""Slash commands. `/invite-check [text | history | delete | help]`."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import Deps
from bot.slack import blocks as bk
from bot.slack import faults
from bot.slack.listeners import followups, student

logger = logging.getLogger(__name__)
SUBCOMMANDS = ("history", "delete", "help", "reminders")


async def invite_check(ack: AsyncAck, command: dict, client: AsyncWebClient, respond: AsyncRespond,
                       deps: Deps) -> None:
    text = (command.get("text") or "").strip()
    word = text.lower()
    user_id, team_id = command["user_id"], command.get("team_id") or "unknown"
    if word == "help":
        await ack(text=bk.help_text())
        return
    if word in ("history", "delete"):
        await student.subcommand(word, ack, command, respond, deps)
        return
    if word.split(maxsplit=1)[0:1] == ["reminders"]:  # `reminders [on|off]`
        await followups.reminders_command(" ".join(word.split()), ack, command, respond, deps)
        return
    if not text:
        await ack()
        await client.views_open(trigger_id=command["trigger_id"], view=bk.invite_modal())
        return
    await ack()
    try:
        dm = await deps.extras["flow"].start(client, team_id=team_id, user_id=user_id, text=text)
    except faults.SLACK_FAILURES as exc:  # 429/5xx after retries, time-out, dropped connection
        logger.exception("could not start a walkthrough (%s)", faults.describe(exc))
        await faults.tell(respond, command, bk.unreachable_text())
        return
    if dm and dm != command.get("channel_id"):
        await respond(text=bk.pointer_text(), response_type="ephemeral")


def register(app: AsyncApp, deps: Deps) -> None:
    async def _invite_check(ack: AsyncAck, command: dict, client: AsyncWebClient, respond: AsyncRespond) -> None:
        await invite_check(ack, command, client, respond, deps)

    app.command("/invite-check")(_invite_check)
