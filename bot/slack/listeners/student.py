"""A student's own data: `/invite-check history`, `/invite-check delete` and its confirm buttons.

Every query is filtered by the requesting user's workspace and ID, taken from Slack's signed payload
(never from a button value), so one student cannot see or delete another's records. Deletion is
durable and immediate (the store fsyncs it before answering).
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncRespond

from bot.slack.deps import Deps
from bot.slack.views import student_pages as pages

logger = logging.getLogger(__name__)


async def history(ack: AsyncAck, respond: AsyncRespond, deps: Deps, team_id: str, user_id: str) -> None:
    await ack()
    records = await deps.store.list(team_id=team_id, user_id=user_id)
    text, blocks = pages.history_message(records, len(records))
    await respond(text=text, blocks=blocks, response_type="ephemeral")


async def delete_prompt(ack: AsyncAck, respond: AsyncRespond, deps: Deps, team_id: str, user_id: str) -> None:
    await ack()
    total = len(await deps.store.list(team_id=team_id, user_id=user_id))
    text, blocks = pages.delete_prompt(total)
    await respond(text=text, blocks=blocks, response_type="ephemeral")


async def delete_confirmed(
    ack: AsyncAck, body: dict, respond: AsyncRespond, deps: Deps, team_id: str, user_id: str
) -> None:
    await ack()
    removed = await deps.walkthrough.forget_student(team_id, user_id)
    logger.info("student deleted their data", extra={"records": removed})
    if body.get("response_url"):  # the confirm buttons sit in an ephemeral message, which always has one
        await respond(text=pages.deleted_text(removed), replace_original=True, response_type="ephemeral")


async def delete_cancelled(ack: AsyncAck, body: dict, respond: AsyncRespond) -> None:
    await ack()
    if body.get("response_url"):
        await respond(text="Okay, nothing was deleted.", replace_original=True, response_type="ephemeral")


async def subcommand(
    word: str, ack: AsyncAck, respond: AsyncRespond, deps: Deps, team_id: str, user_id: str
) -> None:
    """Entry point for `/invite-check history|delete` (called by commands.py)."""
    if word == "history":
        await history(ack, respond, deps, team_id, user_id)
    else:
        await delete_prompt(ack, respond, deps, team_id, user_id)
