"""Events: a DM to the bot starts a walkthrough; greetings get help, a file with no text says what works."""

from __future__ import annotations

import logging
import re

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.deps import Deps
from bot.slack.markup import from_slack
from bot.slack.screenshots import image_files
from bot.slack.views import student as bk
from bot.slack.walkthrough import event_wid

logger = logging.getLogger(__name__)
# A message this long beside a picture is the invitation pasted as text: the text is read, not the picture.
PASTE_MIN = 80
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


def typed_text(event: dict) -> str:
    """What the student typed in the DM, decoded from Slack's message encoding. A message that shares
    a file (a screenshot, say) carries the text typed or pasted with it in the same `text` field; the
    files themselves are in `files`."""
    text = event.get("text")
    return from_slack(text).strip() if isinstance(text, str) else ""


async def direct_message(event: dict, body: dict, client: AsyncWebClient, deps: Deps, team_id: str) -> None:
    subtype = event.get("subtype")
    if (subtype and subtype != "file_share") or event.get("bot_id") or event.get("channel_type") != "im":
        return
    text, channel, user = event.get("text"), event.get("channel"), event.get("user")
    if not (isinstance(channel, str) and isinstance(user, str) and isinstance(text, str | None)):
        logger.info("message event without a channel, user or text ignored")
        return
    text = typed_text(event)
    wid = event_wid(
        team_id, channel, event.get("ts") or body.get("event_id", ""), await deps.store.pseudonym_key()
    )
    files = image_files(event.get("files"))
    if files and len(text) < PASTE_MIN:  # a screenshot, perhaps with a caption: read the picture
        if deps.walkthrough.first_delivery(wid):  # Slack retries events: one reading per message
            try:
                await deps.screenshots.check(
                    client, files, team_id=team_id, user_id=user, wid=wid, caption=text
                )
            except BaseException:
                deps.walkthrough.undo_delivery(wid)
                raise
        return
    if not text or _GREETING.match(text):
        await _answer_once(client, deps, channel, wid, bk.help_text())
        return
    await deps.walkthrough.start(client, team_id=team_id, user_id=user, text=text, wid=wid, channel=channel)
