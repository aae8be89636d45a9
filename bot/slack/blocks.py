"""The walkthrough's messages: pure functions from coaching data to Slack payloads (built with bot.slack.kit).

Every piece of user-supplied text (pastes, names, evidence quotes) goes through
`escape` before it reaches mrkdwn, and every string is cut to Slack's limits by the kit,
so no caller has to remember either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.coaching import checklist
from bot.coaching.advice import Advice
from bot.coaching.analyzer import MAX_CHARS, RED_FLAG_LABELS
from bot.coaching.content import Content
from bot.coaching.labels import EVIDENCE_LABELS, purpose_label
from bot.coaching.vocab import FOLLOWS, RECOMMENDATION_EMOJI
from bot.slack import state as st
from bot.slack.kit import (  # noqa: F401 - re-exported: the walkthrough's builders, bk.escape & co.
    BUTTON_MAX,
    HEADER_MAX,
    SECTION_MAX,
    actions_block,
    button_el,
    clip,
    context_block,
    divider_block,
    escape,
    header_block,
    input_block,
    modal_view,
    mrkdwn_obj,
    preformatted_block,
    section_block,
    text_input_el,
)
from bot.staff import privacy

# action_id prefixes; listeners match on these.
A_ANSWER = "ic_answer:"  # + option id
A_BACK = "ic_back"
A_RESTART = "ic_restart"
A_DECIDE = "ic_decide:"  # + decision
A_CHANGE = "ic_change"
A_START = "ic_start"  # "Check an invite" button (App Home)
MODAL_CALLBACK = "ic_modal"
B_TEXT, B_NAME = "ic_text", "ic_name"

REC_EMOJI = RECOMMENDATION_EMOJI


def who(state: st.WalkState) -> str:
    return state.signals.requester_name or "someone you don't recognise"


def noticed_lines(state: st.WalkState) -> list[str]:
    """The analyzer's findings with the quotes behind them, escaped."""
    s = state.signals
    lines = [
        f"• *Personal note:* {'yes' if s.custom_message else 'no, only LinkedIn default text or none'}",
        f"• *Says you've met or share a contact:* {'yes' if s.claims_prior_contact else 'no'}",
        f"• *Looks like:* {purpose_label(s.intent, s.intent_sure)}",
    ]
    quotes = [
        f"_{EVIDENCE_LABELS.get(f, f.split(':')[-1].replace('_', ' '))}:_ “{escape(p)}”"
        for f, p in s.evidence
        if not f.startswith("red_flag")
    ]
    if quotes:
        lines.append("• *Because of:* " + "  ".join(quotes[:4]))
    if s.truncated:
        lines.append(f"• Your paste was long, so I only read the first {MAX_CHARS:,} characters.")
    return lines


def red_flag_text(codes: Sequence[str]) -> str | None:
    if not codes:
        return None
    items = "\n".join(f"• {escape(RED_FLAG_LABELS.get(c, c.replace('_', ' ')))}" for c in codes)
    return f":warning: *Warning signs of a scam*\n{items}\nNever send money, ID documents or bank details."


def answers_line(content: Content, answers: Mapping[str, str]) -> str | None:
    parts = []
    for step_id, option_id in answers.items():
        step = content.step(step_id)
        opt = step.option(option_id) if step else None
        if step and opt:
            parts.append(f"{step_id.capitalize()}: {opt.label}")
    return "Your answers: " + " · ".join(parts) if parts else None


def step_message(content: Content, state: st.WalkState) -> tuple[str, list[dict]]:
    """The walkthrough message at the current step: (fallback text, blocks)."""
    pos = checklist.position(content, state.answers)
    step = pos.step
    assert step is not None, "step_message needs an unfinished walkthrough"
    value = st.encode(state)
    blocks: list[dict] = [
        header_block(f"Invite check: {who(state)}"),
        context_block(f"Step {pos.number} of {pos.total}"),
        section_block("*What I noticed*\n" + "\n".join(noticed_lines(state))),
    ]
    if flags := red_flag_text(state.signals.red_flags):
        blocks.append(section_block(flags))
    blocks.append(divider_block())
    blocks.append(section_block(f"*{escape(step.question)}*\n{escape(step.help)}"))
    jog = checklist.joggers(content, state.answers)
    if jog:
        blocks.append(section_block("*Think back:*\n" + "\n".join(f"• {escape(j)}" for j in jog)))
    suggested = state.suggested.get(step.id)
    buttons = []
    for opt in step.options:
        is_sug = opt.id == suggested
        text = f"{opt.label} (suggested)" if is_sug and len(opt.label) <= BUTTON_MAX - 12 else opt.label
        buttons.append(
            button_el(
                text,
                A_ANSWER + opt.id,
                value,
                style="primary" if is_sug else None,
                label=f"Answer: {opt.label}" + (", suggested" if is_sug else ""),
            )
        )
    blocks.append(actions_block(f"step_{step.id}", buttons))
    if suggested:
        blocks.append(
            context_block(
                "_Suggested_ means it matches what I read in the invite. You know best: pick what's true."
            )
        )
    if line := answers_line(content, state.answers):
        blocks.append(context_block(escape(line)))
    nav = [button_el("Start over", A_RESTART, value, label="Start the checklist over")]
    if state.answers:
        nav.insert(0, button_el("Back", A_BACK, value, label="Back to the previous question"))
    blocks.append(actions_block("nav", nav))
    text = f"Invite check, step {pos.number} of {pos.total}: {step.question}"
    return text, blocks


def result_message(
    content: Content,
    state: st.WalkState,
    advice: Advice,
    *,
    decision: str | None = None,
    decided_note: str | None = None,
    extra_blocks: Sequence[dict] = (),
    staff_view: str = privacy.DEFAULT,
) -> tuple[str, list[dict]]:
    """The recommendation card; with `decision`, the recorded choice replaces the question."""
    value = st.encode(state)
    blocks: list[dict] = [
        header_block(f"{advice.title}"),
        context_block(
            f"{REC_EMOJI.get(advice.recommendation, '')} Invite from *{escape(who(state))}*"
            " · checklist complete"
        ),
        section_block(escape(advice.summary)),
        section_block("*Why*\n" + "\n".join(f"• {escape(r)}" for r in advice.reasons)),
    ]
    if flags := red_flag_text(advice.red_flags):
        blocks.append(section_block(flags))
    todo = advice.action + (f"\n{advice.spam_action}" if advice.spam_action else "")
    blocks.append(section_block(f"*What to do in LinkedIn*\n{todo}"))
    if advice.message:
        blocks.append(
            section_block(
                f"*{escape(advice.template_label)}*: copy it, edit anything in [brackets],"
                " and send it from LinkedIn."
            )
        )
        blocks.append(preformatted_block(clip(advice.message, 2900)))
    if line := answers_line(content, state.answers):
        blocks.append(context_block(escape(line)))
    blocks.append(divider_block())
    labels = content.templates.decisions
    if decision is None:
        blocks.append(
            section_block(
                f"*What did you do?* Tell me and I'll keep track ({privacy.student_notice(staff_view)})."
            )
        )
        blocks.append(
            actions_block(
                "decide",
                [
                    button_el(
                        labels[d],
                        A_DECIDE + d,
                        value,
                        style="primary" if _follows(advice.recommendation, d) else None,
                        label=f"Record: {labels[d]}",
                    )
                    for d in labels
                ],
            )
        )
        blocks.append(
            actions_block(
                "nav",
                [
                    button_el("Back", A_BACK, value, label="Back to the last question"),
                    button_el("Start over", A_RESTART, value, label="Start the checklist over"),
                ],
            )
        )
    else:
        note = f" {decided_note}" if decided_note else ""
        blocks.append(section_block(f":memo: Recorded: *{escape(labels.get(decision, decision))}*.{note}"))
    tail: list[dict] = []
    if decision is not None:
        tail.append(
            actions_block(
                "changed",
                [button_el("Change what I did", A_CHANGE, value, label="Change the recorded decision")],
            )
        )
    text = f"Invite check result: {advice.title}. {advice.summary}"
    return text, blocks + list(extra_blocks) + tail


def _follows(recommendation: str, decision: str) -> bool:
    return FOLLOWS.get(recommendation) == decision


def expired_message() -> tuple[str, list[dict]]:
    text = (
        "This checklist has expired or couldn't be read (the bot may have been updated). "
        "Start a fresh one with `/invite-check` or by sending me the invitation."
    )
    return text, [
        section_block(":hourglass: " + text),
        actions_block("expired", [button_el("Check an invite", A_START, "expired")]),
    ]


def gone_message(retention_days: int) -> tuple[str, list[dict]]:
    text = (
        "This check is no longer stored: you deleted your data, or it is older than "
        f"{retention_days} days. Nothing was recorded. Start a fresh one with `/invite-check` "
        "or by sending me the invitation."
    )
    return text, [
        section_block(":wastebasket: " + text),
        actions_block("gone", [button_el("Check an invite", A_START, "gone")]),
    ]


def pointer_text() -> str:
    return (
        "I've sent the checklist to our direct message, so your invitation stays private. "
        "Open *Invite Check* under Apps to continue."
    )


def unreachable_text() -> str:
    return (
        "Sorry, I couldn't reach Slack to start your checklist. Nothing was lost: please try again"
        " in a minute."
    )


def help_text() -> str:
    return (
        "Hi! I help you decide what to do with a LinkedIn connection request from someone you don't "
        "recognise. Paste the invitation here (or describe it, e.g. _a recruiter from Acme, no note,"
        " never met_) and I'll walk you through four quick questions.\n"
        "You can also use `/invite-check`, `/invite-check history` (your checks), `/invite-check delete`"
        ' (delete them) or `/invite-check reminders off|on` ("did they reply?" check-ins).'
    )


def files_text() -> str:
    return (
        "Thanks! I can't read images or files yet, so I can't see that screenshot. Please paste the "
        "invitation's text here (on LinkedIn, open the invitation and copy its message, with the "
        "sender's name and headline), or describe it in a few words, e.g. _a recruiter from Acme, no "
        "note, never met_."
    )


def invite_modal(*, initial_text: str = "") -> dict:
    return modal_view(
        MODAL_CALLBACK,
        title="Check an invite",
        submit="Check it",
        close="Cancel",
        blocks=[
            section_block(
                "Paste the LinkedIn invitation, or describe it in a sentence. Only you will see the result."
            ),
            input_block(
                B_TEXT,
                "The invitation",
                text_input_el(
                    B_TEXT,
                    multiline=True,
                    max_length=MAX_CHARS,
                    initial_value=clip(initial_text, MAX_CHARS) or None,
                    placeholder="e.g. a recruiter from Acme, no note, never met",
                ),
            ),
            input_block(
                B_NAME, "Their name (optional)", text_input_el(B_NAME, max_length=st.NAME_MAX), optional=True
            ),
        ],
    )
