"""Shortcuts: "Check an invite" (global, opens the modal) and "Check this invite" (on a message)."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import faults
from bot.slack.deps import Deps
from bot.slack.listeners.events import PASTE_MIN
from bot.slack.markup import from_slack
from bot.slack.screenshots import image_files
from bot.slack.views import student as bk

logger = logging.getLogger(__name__)
GLOBAL_SHORTCUT = "check_invite"
MESSAGE_SHORTCUT = "check_invite_message"


def message_text(message: dict) -> str:
    """The message's own text plus any attachment text (LinkedIn emails forwarded into Slack use those),
    decoded from Slack's message encoding."""
    text = message.get("text")
    parts = [text if isinstance(text, str) else ""]
    attachments = message.get("attachments")
    for att in attachments if isinstance(attachments, list) else []:
        if isinstance(att, dict):  # only text fields: anything else Slack adds is not the invitation
            parts.extend(
                att[k] for k in ("pretext", "title", "text", "fallback") if isinstance(att.get(k), str)
            )
    return from_slack("\n".join(p for p in parts if p)).strip()


async def global_shortcut(ack: AsyncAck, shortcut: dict, client: AsyncWebClient) -> None:
    await ack()
    await client.views_open(trigger_id=shortcut["trigger_id"], view=bk.invite_modal())


async def message_shortcut(
    ack: AsyncAck,
    shortcut: dict,
    client: AsyncWebClient,
    respond: AsyncRespond,
    deps: Deps,
    user_id: str,
    team_id: str,
) -> None:
    await ack()
    message = shortcut.get("message") or {}
    text = message_text(message)
    files = image_files(message.get("files"))
    if files and len(text) < PASTE_MIN:  # a shared screenshot of the invitation (a caption at most)
        await deps.screenshots.check(client, files, team_id=team_id, user_id=user_id, caption=text)
        return
    if not text:
        await client.views_open(trigger_id=shortcut["trigger_id"], view=bk.invite_modal())
        return
    try:
        dm = await deps.walkthrough.start(client, team_id=team_id, user_id=user_id, text=text)
    except faults.SLACK_FAILURES as exc:
        logger.exception("could not start a walkthrough from a message shortcut (%s)", faults.describe(exc))
        await faults.tell(respond, shortcut, bk.unreachable_text())
        return
    channel = (shortcut.get("channel") or {}).get("id")
    if dm and channel != dm and shortcut.get("response_url"):
        await respond(text=bk.pointer_text(), response_type="ephemeral", replace_original=False)
