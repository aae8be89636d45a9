"""Button clicks in the walkthrough. Every click acks first, then decodes the state it carries."""

from __future__ import annotations

import json
import logging

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.coaching import checklist
from bot.slack import faults
from bot.slack.deps import Deps
from bot.slack.views import codec as st
from bot.slack.views import student as bk

logger = logging.getLogger(__name__)


async def walkthrough_click(
    ack: AsyncAck,
    body: dict,
    action: dict,
    client: AsyncWebClient,
    deps: Deps,
    respond: AsyncRespond,
    user_id: str | None,
    team_id: str,
) -> None:
    """`user_id` and `team_id` are Bolt's context, read from Slack's signed payload: who clicked."""
    await ack()
    try:
        await _apply_click(body, action, client, deps, user_id, team_id)
    except faults.SLACK_FAILURES as exc:  # the answer is saved; only showing it failed
        logger.exception("walkthrough click: could not show the result (%s)", faults.describe(exc))
        await faults.tell(respond, body, faults.UNREACHABLE if faults.is_transient(exc) else faults.FAILED)


async def _apply_click(
    body: dict, action: dict, client: AsyncWebClient, deps: Deps, user_id: str | None, team_id: str
) -> None:
    flow = deps.walkthrough
    container = body.get("container") or {}
    if not (container.get("channel_id") and container.get("message_ts")):  # e.g. a forged click from a view
        logger.info("walkthrough click outside a message ignored")
        return
    if not user_id:  # Slack always says who clicked; without it there is no one to record for
        logger.info("walkthrough click without a user ignored")
        return
    content = deps.content
    action_id: str = action.get("action_id", "")
    if action_id.startswith(bk.A_SELECT):
        return  # a menu on the one card: read when "Looks right" is clicked
    try:
        value = action.get("value") if not action_id.startswith(bk.A_PICK) else message_state(body)
        state = st.decode(value, content)
        answers = state.answers
        if action_id.startswith(bk.A_PICK):
            step_id = action_id[len(bk.A_PICK) :]
            option_id = (action.get("selected_option") or {}).get("value")
            if not isinstance(option_id, str):
                raise st.StateError("a menu click without a choice")
            answers = checklist.answer(content, answers, step_id, option_id)
        elif action_id == bk.A_ONE:
            answers = checklist.from_picks(content, bk.picks((body.get("state") or {}).get("values") or {}))
        elif action_id == bk.A_STEPS:
            answers = checklist.start_over()
        elif action_id.startswith(bk.A_ANSWER):
            step = checklist.position(content, answers).step
            option_id = action_id[len(bk.A_ANSWER) :]
            if step is None or step.option(option_id) is None:
                raise st.StateError("answer does not fit the current step")
            answers = checklist.answer(content, answers, step.id, option_id)
        elif action_id == bk.A_BACK:
            answers = checklist.back(answers)
        elif action_id == bk.A_RESTART:
            answers = checklist.start_over()
        elif action_id.startswith(bk.A_DECIDE):
            decision = action_id[len(bk.A_DECIDE) :]
            await flow.decide(client, container, state, decision, team_id=team_id, user_id=user_id)
            return
        elif action_id in (bk.A_ALERT, bk.A_ALERT_CANCEL) or action_id.startswith(bk.A_ALERT_SEND):
            alert_step = {bk.A_ALERT: "ask", bk.A_ALERT_CANCEL: "cancel"}.get(action_id) or action_id[
                len(bk.A_ALERT_SEND) :
            ]
            await flow.alert(client, container, state, alert_step, team_id=team_id, user_id=user_id)
            return
        elif action_id == bk.A_KNOWN:
            if not state.safety_first:
                raise st.StateError("only a flagged walkthrough opens on the safety card")
            state = state.model_copy(update={"known": True, "suggested": {**state.suggested, "met": "yes"}})
        elif action_id != bk.A_CHANGE:
            raise st.StateError("unknown walkthrough action")
        state = state.model_copy(update={"answers": answers})
        await flow.render(client, container, state, team_id=team_id, user_id=user_id)
    except (st.StateError, checklist.InvalidAnswer) as exc:
        logger.info("stale or invalid walkthrough click: %s", type(exc).__name__)
        await flow.expired(client, container)


def message_state(body: dict) -> str | None:
    """The walkthrough state from the clicked message's buttons (a menu's options cannot carry it)."""
    for block in (body.get("message") or {}).get("blocks") or []:
        for element in block.get("elements") or []:
            value = element.get("value") if isinstance(element, dict) else None
            if isinstance(value, str) and value.startswith(st.VERSION):
                return value
    return None


async def field_button(
    ack: AsyncAck,
    body: dict,
    action: dict,
    client: AsyncWebClient,
    deps: Deps,
    user_id: str,
    team_id: str,
) -> None:
    """Open the "your field" modal; from a result card, remember which card to redraw once saved."""
    await ack()
    container = body.get("container") or {}
    metadata = ""
    if container.get("channel_id") and container.get("message_ts") and action.get("value") != "home":
        metadata = json.dumps(
            {"c": container["channel_id"], "t": container["message_ts"], "v": action.get("value") or ""}
        )
    current = await deps.walkthrough.cards.field_of(team_id, user_id)
    await client.views_open(
        trigger_id=body["trigger_id"], view=bk.field_modal(current=current, metadata=metadata)
    )


async def start_button(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
    await ack()
    await client.views_open(trigger_id=body["trigger_id"], view=bk.invite_modal())


async def unknown_action(ack: AsyncAck, body: dict, respond: AsyncRespond) -> None:
    """Buttons from an older version of the bot, or forged ones: say so kindly."""
    await ack()
    logger.info("unknown action ignored")
    if body.get("response_url"):
        await respond(
            text="That button no longer does anything. Start a fresh check with `/invite-check`.",
            response_type="ephemeral",
            replace_original=False,
        )
