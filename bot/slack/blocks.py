"""Block Kit builders: pure functions from coaching data to Slack payloads.

Every piece of user-supplied text (pastes, names, evidence quotes) goes through
`escape` before it reaches mrkdwn, and every string is cut to Slack's limits here,
so no caller has to remember either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.coaching import checklist
from bot.coaching.advice import Advice
from bot.coaching.analyzer import MAX_CHARS, RED_FLAG_LABELS
from bot.coaching.content import Content
from bot.coaching.labels import EVIDENCE_LABELS, INTENT_LABELS
from bot.slack import state as st
from bot.staff import privacy

SECTION_MAX = 3000
HEADER_MAX = 150
BUTTON_MAX = 75

# action_id prefixes; listeners match on these.
A_ANSWER = "ic_answer:"  # + option id
A_BACK = "ic_back"
A_RESTART = "ic_restart"
A_DECIDE = "ic_decide:"  # + decision
A_CHANGE = "ic_change"
A_START = "ic_start"  # "Check an invite" button (App Home)
MODAL_CALLBACK = "ic_modal"
B_TEXT, B_NAME = "ic_text", "ic_name"

REC_EMOJI = {"accept": ":white_check_mark:", "reply_first": ":speech_balloon:",
             "meet_first": ":coffee:", "ignore": ":no_entry_sign:"}


def escape(text: str | None) -> str:
    """Neutralise mrkdwn control characters so `<!channel>` or `<http://x|y>` stay plain text."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=clip(text, SECTION_MAX))


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=_mrkdwn(text))


def _button(text: str, action_id: str, value: str | None = None, *, style: str | None = None,
            label: str | None = None) -> ButtonElement:
    return ButtonElement(text=clip(text, BUTTON_MAX), action_id=action_id[:255], value=value, style=style,
                         accessibility_label=clip(label, BUTTON_MAX) if label else None)


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=clip(text, HEADER_MAX), emoji=True))


def _dicts(blocks: Sequence[Block | dict]) -> list[dict]:
    return [b if isinstance(b, dict) else b.to_dict() for b in blocks]


# --- plain-dict builders for the messages rendered on every click --------------------------------
# slack_sdk's model classes validate and reflect on every to_dict(): 0.35 ms for a step message and
# 0.85 ms for a recommendation card, more than all the coaching logic of a request. These build the
# very same dicts (tests/slack/test_state_blocks.py compares them with the models' output) directly.
def mrkdwn_obj(text: str) -> dict:
    return {"type": "mrkdwn", "text": clip(text, SECTION_MAX)}


def section_block(text: str) -> dict:
    return {"type": "section", "text": mrkdwn_obj(text)}


def header_block(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, HEADER_MAX), "emoji": True}}


def context_block(text: str) -> dict:
    return {"type": "context", "elements": [mrkdwn_obj(text)]}


def divider_block() -> dict:
    return {"type": "divider"}


def actions_block(block_id: str, elements: list[dict]) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": elements}


def button_el(text: str, action_id: str, value: str | None = None, *, style: str | None = None,
              label: str | None = None) -> dict:
    button = {"type": "button", "text": {"type": "plain_text", "text": clip(text, BUTTON_MAX), "emoji": True},
              "action_id": action_id[:255]}
    if value is not None:
        button["value"] = value
    if style is not None:
        button["style"] = style
    if label:
        button["accessibility_label"] = clip(label, BUTTON_MAX)
    return button


def preformatted_block(text: str) -> dict:
    return {"type": "rich_text", "elements": [{"type": "rich_text_preformatted",
                                               "elements": [{"type": "text", "text": text}]}]}


def who(state: st.WalkState) -> str:
    return state.s.n or "someone you don't recognise"


def noticed_lines(state: st.WalkState) -> list[str]:
    """The analyzer's findings with the quotes behind them, escaped."""
    s = state.s
    lines = [
        f"• *Personal note:* {'yes' if s.c else 'no, only LinkedIn default text or none'}",
        f"• *Says you've met or share a contact:* {'yes' if s.p else 'no'}",
        f"• *Looks like:* {INTENT_LABELS.get(s.i, 'not clear')}",
    ]
    quotes = [f"_{EVIDENCE_LABELS.get(f, f.split(':')[-1].replace('_', ' '))}:_ “{escape(p)}”"
              for f, p in s.e if not f.startswith("red_flag")]
    if quotes:
        lines.append("• *Because of:* " + "  ".join(quotes[:4]))
    if s.t:
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
    pos = checklist.position(content, state.a)
    step = pos.step
    assert step is not None, "step_message needs an unfinished walkthrough"
    value = st.encode(state)
    blocks: list[dict] = [
        header_block(f"Invite check: {who(state)}"),
        context_block(f"Step {pos.number} of {pos.total}"),
        section_block("*What I noticed*\n" + "\n".join(noticed_lines(state))),
    ]
    if flags := red_flag_text(state.s.f):
        blocks.append(section_block(flags))
    blocks.append(divider_block())
    blocks.append(section_block(f"*{escape(step.question)}*\n{escape(step.help)}"))
    jog = checklist.joggers(content, state.a)
    if jog:
        blocks.append(section_block("*Think back:*\n" + "\n".join(f"• {escape(j)}" for j in jog)))
    suggested = state.g.get(step.id)
    buttons = []
    for opt in step.options:
        is_sug = opt.id == suggested
        text = f"{opt.label} (suggested)" if is_sug and len(opt.label) <= BUTTON_MAX - 12 else opt.label
        buttons.append(button_el(text, A_ANSWER + opt.id, value, style="primary" if is_sug else None,
                                 label=f"Answer: {opt.label}" + (", suggested" if is_sug else "")))
    blocks.append(actions_block(f"step_{step.id}", buttons))
    if suggested:
        blocks.append(context_block("_Suggested_ means it matches what I read in the invite."
                                    " You know best: pick what's true."))
    if line := answers_line(content, state.a):
        blocks.append(context_block(escape(line)))
    nav = [button_el("Start over", A_RESTART, value, label="Start the checklist over")]
    if state.a:
        nav.insert(0, button_el("Back", A_BACK, value, label="Back to the previous question"))
    blocks.append(actions_block("nav", nav))
    text = f"Invite check, step {pos.number} of {pos.total}: {step.question}"
    return text, blocks


def result_message(content: Content, state: st.WalkState, advice: Advice, *, decision: str | None = None,
                   decided_note: str | None = None, extra_blocks: Sequence[dict] = (),
                   staff_view: str = privacy.DEFAULT) -> tuple[str, list[dict]]:
    """The recommendation card; with `decision`, the recorded choice replaces the question."""
    value = st.encode(state)
    blocks: list[dict] = [
        header_block(f"{advice.title}"),
        context_block(f"{REC_EMOJI.get(advice.recommendation, '')} Invite from *{escape(who(state))}*"
                      " · checklist complete"),
        section_block(escape(advice.summary)),
        section_block("*Why*\n" + "\n".join(f"• {escape(r)}" for r in advice.reasons)),
    ]
    if flags := red_flag_text(advice.red_flags):
        blocks.append(section_block(flags))
    todo = advice.action + (f"\n{advice.spam_action}" if advice.spam_action else "")
    blocks.append(section_block(f"*What to do in LinkedIn*\n{todo}"))
    if advice.message:
        blocks.append(section_block(f"*{escape(advice.template_label)}*: copy it, edit anything in [brackets],"
                                    " and send it from LinkedIn."))
        blocks.append(preformatted_block(clip(advice.message, 2900)))
    if line := answers_line(content, state.a):
        blocks.append(context_block(escape(line)))
    blocks.append(divider_block())
    labels = content.templates.decisions
    if decision is None:
        blocks.append(section_block(f"*What did you do?* Tell me and I'll keep track"
                                    f" ({privacy.student_notice(staff_view)})."))
        blocks.append(actions_block("decide", [
            button_el(labels[d], A_DECIDE + d, value,
                      style="primary" if _follows(advice.recommendation, d) else None,
                      label=f"Record: {labels[d]}") for d in labels]))
        blocks.append(actions_block("nav", [
            button_el("Back", A_BACK, value, label="Back to the last question"),
            button_el("Start over", A_RESTART, value, label="Start the checklist over")]))
    else:
        note = f" {decided_note}" if decided_note else ""
        blocks.append(section_block(f":memo: Recorded: *{escape(labels.get(decision, decision))}*.{note}"))
    tail: list[dict] = []
    if decision is not None:
        tail.append(actions_block("changed", [
            button_el("Change what I did", A_CHANGE, value, label="Change the recorded decision")]))
    text = f"Invite check result: {advice.title}. {advice.summary}"
    return text, blocks + _dicts(extra_blocks) + tail


def _follows(recommendation: str, decision: str) -> bool:
    return {"accept": "accepted", "reply_first": "replied_first", "meet_first": "suggested_meeting",
            "ignore": "ignored"}.get(recommendation) == decision


def expired_message() -> tuple[str, list[dict]]:
    text = ("This checklist has expired or couldn't be read (the bot may have been updated). "
            "Start a fresh one with `/invite-check` or by sending me the invitation.")
    return text, [section_block(":hourglass: " + text),
                  actions_block("expired", [button_el("Check an invite", A_START, "expired")])]


def gone_message(retention_days: int) -> tuple[str, list[dict]]:
    text = ("This check is no longer stored: you deleted your data, or it is older than "
            f"{retention_days} days. Nothing was recorded. Start a fresh one with `/invite-check` "
            "or by sending me the invitation.")
    return text, [section_block(":wastebasket: " + text),
                  actions_block("gone", [button_el("Check an invite", A_START, "gone")])]


def pointer_text() -> str:
    return ("I've sent the checklist to our direct message, so your invitation stays private. "
            "Open *Invite Check* under Apps to continue.")


def unreachable_text() -> str:
    return ("Sorry, I couldn't reach Slack to start your checklist. Nothing was lost: please try again"
            " in a minute.")


def help_text() -> str:
    return ("Hi! I help you decide what to do with a LinkedIn connection request from someone you don't "
            "recognise. Paste the invitation here (or describe it, e.g. _a recruiter from Acme, no note,"
            " never met_) and I'll walk you through four quick questions.\n"
            "You can also use `/invite-check`, `/invite-check history` (your checks), `/invite-check delete`"
            " (delete them) or `/invite-check reminders off|on` (\"did they reply?\" check-ins).")


def files_text() -> str:
    return ("Thanks! I can't read images or files yet, so I can't see that screenshot. Please paste the "
            "invitation's text here (on LinkedIn, open the invitation and copy its message, with the "
            "sender's name and headline), or describe it in a few words, e.g. _a recruiter from Acme, no "
            "note, never met_.")


def invite_modal(*, initial_text: str = "") -> dict:
    view = View(
        type="modal", callback_id=MODAL_CALLBACK,
        title=PlainTextObject(text="Check an invite"),
        submit=PlainTextObject(text="Check it"), close=PlainTextObject(text="Cancel"),
        blocks=[
            _section("Paste the LinkedIn invitation, or describe it in a sentence. Only you will see the result."),
            InputBlock(block_id=B_TEXT, label=PlainTextObject(text="The invitation"),
                       element=PlainTextInputElement(action_id=B_TEXT, multiline=True, max_length=MAX_CHARS,
                                                     initial_value=clip(initial_text, MAX_CHARS) or None,
                                                     placeholder=PlainTextObject(
                                                         text="e.g. a recruiter from Acme, no note, never met"))),
            InputBlock(block_id=B_NAME, optional=True, label=PlainTextObject(text="Their name (optional)"),
                       element=PlainTextInputElement(action_id=B_NAME, max_length=st.NAME_MAX)),
        ],
    )
    return view.to_dict()
