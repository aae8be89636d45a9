"""The "Check an invite" modal."""

from __future__ import annotations

import json

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching.intake import student_text
from bot.slack.deps import Deps
from bot.slack.listeners.home import publish_home
from bot.slack.screenshots import image_files
from bot.slack.views import codec as st
from bot.slack.views import student as bk


def _value(view: dict, block_id: str) -> str:
    values = (view.get("state") or {}).get("values") or {}
    block = values.get(block_id) if isinstance(values, dict) else None
    element = block.get(block_id) if isinstance(block, dict) else None
    value = element.get("value") if isinstance(element, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _files(view: dict, block_id: str) -> list[dict]:
    values = (view.get("state") or {}).get("values") or {}
    block = values.get(block_id) if isinstance(values, dict) else None
    element = block.get(block_id) if isinstance(block, dict) else None
    return image_files(element.get("files") if isinstance(element, dict) else None)


async def modal_submitted(
    ack: AsyncAck, view: dict, client: AsyncWebClient, deps: Deps, user_id: str, team_id: str
) -> None:
    text = _value(view, bk.B_TEXT)
    files = _files(view, bk.B_FILE)
    if not text and not files:
        await ack(
            response_action="errors",
            errors={bk.B_TEXT: "Paste the invitation, describe it in a few words, or add a screenshot."},
        )
        return
    await ack()
    if files and not text:
        await deps.screenshots.check(client, files, team_id=team_id, user_id=user_id)
        return
    await deps.walkthrough.start(
        client,
        team_id=team_id,
        user_id=user_id,
        text=text,
        requester_name=_value(view, bk.B_NAME) or None,
    )


async def field_submitted(
    ack: AsyncAck, view: dict, client: AsyncWebClient, deps: Deps, user_id: str, team_id: str
) -> None:
    """Save the student's field for drafts, then redraw the card (or the App Home) it was asked from."""
    await ack()
    field = student_text(_value(view, bk.B_FIELD))[: bk.FIELD_MAX]
    await deps.store.set_prefs(team_id, user_id, **{bk.FIELD_PREF: field or None})
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    if isinstance(meta, dict) and meta.get("c") and meta.get("t"):
        try:
            state = st.decode(meta.get("v"), deps.content)
        except st.StateError:
            return  # the card is from an older bot: the field is saved for the next draft
        container = {"channel_id": meta["c"], "message_ts": meta["t"]}
        await deps.walkthrough.render(client, container, state, team_id=team_id, user_id=user_id)
        return
    await publish_home(client, deps, team_id=team_id, user_id=user_id)
