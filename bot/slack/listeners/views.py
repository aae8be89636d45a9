"""The "Check an invite" modal."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import Deps
from bot.slack import blocks as bk


def _value(view: dict, block_id: str) -> str:
    values = (view.get("state") or {}).get("values") or {}
    block = values.get(block_id) if isinstance(values, dict) else None
    element = block.get(block_id) if isinstance(block, dict) else None
    value = element.get("value") if isinstance(element, dict) else None
    return value.strip() if isinstance(value, str) else ""


async def modal_submitted(
    ack: AsyncAck, view: dict, client: AsyncWebClient, deps: Deps, user_id: str, team_id: str | None
) -> None:
    text = _value(view, bk.B_TEXT)
    if not text:
        await ack(
            response_action="errors",
            errors={bk.B_TEXT: "Paste the invitation, or describe it in a few words."},
        )
        return
    await ack()
    await deps.flow.start(
        client,
        team_id=team_id or "unknown",
        user_id=user_id,
        text=text,
        requester_name=_value(view, bk.B_NAME) or None,
    )
