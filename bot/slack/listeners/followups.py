"""Follow-up buttons: the reminder offer on the result card, and the answers to a "did they reply?" DM.

Registered before `actions` (whose catch-all would swallow them). Every click acks first; a value
that fails to decode is treated as an expired message, never as a crash. The record is only
touched when it belongs to the clicking student (checked against Slack's signed payload).
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.deps import Deps
from bot.slack.faults import SLACK_FAILURES
from bot.slack.views import codec as st
from bot.slack.views import followups as fb

logger = logging.getLogger(__name__)


def _finished(value: str | None, deps: Deps) -> st.WalkState:
    """The state on a result card: decoded, and with the checklist done (a forged value may not be)."""
    state = st.decode(value, deps.content)
    if not st.finished(deps.content, state):
        raise st.StateError("the checklist is not finished")
    return state


async def followup_click(
    ack: AsyncAck,
    body: dict,
    action: dict,
    client: AsyncWebClient,
    deps: Deps,
    user_id: str | None,
    team_id: str,
) -> None:
    """`user_id` and `team_id` are Bolt's context, read from Slack's signed payload: who clicked."""
    await ack()
    container = body.get("container") or {}
    if not user_id or not container.get("message_ts") or not container.get("channel_id"):
        logger.info("follow-up click without a user or a message ignored")
        return
    service = deps.followups
    who = {"team_id": team_id, "user_id": user_id}
    action_id: str = action.get("action_id", "")
    value = action.get("value")
    try:
        if action_id.startswith(fb.A_REMIND):
            days = action_id[len(fb.A_REMIND) :]
            await service.offer_clicked(client, container, _finished(value, deps), days, **who)
        elif action_id == fb.A_NO_THANKS:
            await service.offer_clicked(client, container, _finished(value, deps), "no_thanks", **who)
        elif action_id == fb.A_CANCEL:
            await service.offer_clicked(client, container, _finished(value, deps), "cancel", **who)
        elif action_id.startswith(fb.A_OUTCOME):
            outcome = action_id[len(fb.A_OUTCOME) :]
            await service.outcome_clicked(client, container, fb.decode_ref(value), outcome, **who)
        elif action_id == fb.A_SNOOZE:
            await service.snooze_clicked(client, container, fb.decode_ref(value), **who)
        elif action_id == fb.A_OFF:
            await service.off_clicked(client, container, fb.decode_ref(value), **who)
        else:
            raise fb.RefError("unknown follow-up action")
    except (st.StateError, fb.RefError) as exc:
        logger.info("stale or invalid follow-up click: %s", type(exc).__name__)
        await deps.walkthrough.expired(client, container)
    except SLACK_FAILURES as exc:  # what the student chose is stored; only showing it failed
        logger.warning("follow-up click: could not update the message (%s)", type(exc).__name__)


async def reminders_command(
    word: str, ack: AsyncAck, respond: AsyncRespond, deps: Deps, team_id: str, user_id: str
) -> None:
    """`/invite-check reminders [on|off]` (called by commands.py)."""
    await ack()
    service = deps.followups
    arg = word.split(maxsplit=1)[1].strip() if " " in word else ""
    if arg in ("on", "off"):
        await service.set_reminders(team_id, user_id, arg == "on")
    elif arg:
        await respond(
            text="Usage: `/invite-check reminders on` or `/invite-check reminders off`.",
            response_type="ephemeral",
        )
        return
    on = await service.reminders_on(team_id, user_id)
    await respond(text=fb.reminders_status_text(on), response_type="ephemeral")
