"""Events: a DM to the bot starts a walkthrough; greetings get help."""

from __future__ import annotations

import logging
import re

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.deps import Deps
from bot.slack.views import student as bk
from bot.slack.walkthrough import event_wid

logger = logging.getLogger(__name__)
_GREETING = re.compile(r"^\s*(hi|hello|hey|help|\?|start|yo|hiya)[\s!.?]*$", re.IGNORECASE)


async def _answer_once(client: AsyncWebClient, deps: Deps, channel: str, key: str, text: str) -> None:
    """Post `text` unless this message was already answered (Slack's retries carry the same ts)."""
    flow = deps.walkthrough
    if flow.first_delivery(key):
        try:
            await client.chat_postMessage(channel=channel, text=text)
        except BaseException:
            flow.undo_delivery(key)
            raise


async def direct_message(event: dict, body: dict, client: AsyncWebClient, deps: Deps, team_id: str) -> None:
    subtype = event.get("subtype")
    if (subtype and subtype != "file_share") or event.get("bot_id") or event.get("channel_type") != "im":
        return
    text, channel, user = event.get("text"), event.get("channel"), event.get("user")
    if not (isinstance(channel, str) and isinstance(user, str) and isinstance(text, str | None)):
        logger.info("message event without a channel, user or text ignored")
        return
    text = (text or "").strip()
    wid = event_wid(
        team_id, channel, event.get("ts") or body.get("event_id", ""), await deps.store.pseudonym_key()
    )
    if subtype == "file_share":  # a screenshot of the invitation: say what works instead of staying silent
        await _answer_once(client, deps, channel, wid, bk.files_text())
        return
    if not text or _GREETING.match(text):
        await _answer_once(client, deps, channel, wid, bk.help_text())
        return
    await deps.walkthrough.start(client, team_id=team_id, user_id=user, text=text, wid=wid, channel=channel)
