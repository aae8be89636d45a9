"""The walkthrough's messages: pure functions from coaching data to Slack payloads (built with bot.slack.views.kit).

Every piece of user-supplied text (pastes, names, evidence quotes) goes through
`escape` before it reaches mrkdwn, and every string is cut to Slack's limits by the kit,
so no caller has to remember either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.coaching import checklist
from bot.coaching.advice import Advice
from bot.coaching.analyzer import MAX_CHARS, RED_FLAG_LABELS
from bot.coaching.content import Content, Step
from bot.coaching.labels import EVIDENCE_LABELS, purpose_label
from bot.coaching.vocab import RECOMMENDATION_EMOJI
from bot.slack.views import codec as st
from bot.slack.views.kit import (  # noqa: F401 - re-exported: the walkthrough's builders, bk.escape & co.
    BUTTON_MAX,
    HEADER_MAX,
    SECTION_MAX,
    actions_block,
    button_el,
    clip,
    context_block,
    divider_block,
    escape,
    file_input_el,
    header_block,
    input_block,
    modal_view,
    mrkdwn_obj,
    option_obj,
    preformatted_block,
    section_block,
    select_el,
    text_input_el,
)
from bot.staff import privacy

# The picture formats the screenshot reader opens, as Slack names file types.
SCREENSHOT_TYPES = ("png", "jpg", "jpeg", "webp", "gif", "bmp")

# action_id prefixes; listeners match on these.
A_ANSWER = "ic_answer:"  # + option id
A_BACK = "ic_back"
A_RESTART = "ic_restart"
A_DECIDE = "ic_decide:"  # + decision
A_CHANGE = "ic_change"
A_START = "ic_start"  # "Check an invite" button (App Home)
A_ONE = "ic_one"  # "Looks right: get my advice" (or "continue") on the one card
A_STEPS = "ic_steps"  # "Go step by step" instead
A_SELECT = "ic_sel:"  # + step id: a menu on the one card (read when A_ONE is clicked)
A_PICK = "ic_pick:"  # + step id: a step's menu when it has more answers than buttons fit
ONE_BLOCK = "one_"
A_FIELD = "ic_field"  # "Add your field to the drafts" (result card, App Home): opens FIELD_CALLBACK
FIELD_CALLBACK = "ic_field_modal"
B_FIELD = "ic_field_text"
FIELD_MAX = 60
FIELD_PREF = "field"  # the student's field or goal, in their preferences; drafts use it  # + step id: the one card's block of that step
A_KNOWN = "ic_known"  # a flagged invitation from someone the student knows: ask the questions
A_ALERT = "ic_alert"  # "Tell my career center": ask whether to share the student's name
A_ALERT_SEND = "ic_alert_send:"  # + named | anonymous
A_ALERT_CANCEL = "ic_alert_cancel"
ALERT_NAMED, ALERT_ANONYMOUS = "named", "anonymous"
SAFETY_DECISIONS = ("ignored", "accepted", "replied_first")  # what the safety card asks the student
ENGAGED = frozenset({"accepted", "replied_first"})  # decisions after which a scam needs the "after" steps
# Walkthrough clicks (bot.slack.listeners registers this pattern).
WALK_ACTIONS = r"^ic_(answer:|decide:|alert_send:|pick:|sel:)|^ic_(back|restart|change|known|alert|alert_cancel|one|steps)$"
MODAL_CALLBACK = "ic_modal"
B_TEXT, B_NAME, B_FILE = "ic_text", "ic_name", "ic_file"

REC_EMOJI = RECOMMENDATION_EMOJI


def who(state: st.WalkState) -> str:
    return state.signals.requester_name or "someone you don't recognise"


def looks_like(s: st.WalkSignals) -> str:
    """The purpose as the card names it; a referral with its direction, which the rules read surely."""
    if s.asks_referral:
        return "someone asking you to refer them"
    if s.offers_referral:
        return "someone offering to refer you"
    return purpose_label(s.intent, s.intent_sure)


def noticed_lines(state: st.WalkState) -> list[str]:
    """The analyzer's findings with the quotes behind them, escaped."""
    s = state.signals
    lines = [
        f"• *Personal note:* {'yes' if s.custom_message else 'no, only LinkedIn default text or none'}",
        f"• *Says you've met or share a contact:* {'yes' if s.claims_prior_contact else 'no'}",
        "• *Looks like:* " + looks_like(s),
    ]
    # One quote per phrase: a note's sentence that is both the note and its purpose is shown once.
    labels: dict[str, list[str]] = {}
    for f, p in s.evidence:
        if not f.startswith("red_flag") and f != "contact":
            labels.setdefault(p, []).append(EVIDENCE_LABELS.get(f, f.split(":")[-1].replace("_", " ")))
    quotes = [f"_{' and '.join(names)}:_ “{escape(p)}”" for p, names in labels.items()]
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


UNREAD_STEPS = frozenset({"profile"})  # only the student can look: shown on the one card without a preset
MAX_BUTTONS = 5  # per step: more choices than this are a menu, not a row of buttons


def _step_options(step: Step) -> list[dict]:
    return [option_obj(o.id, o.label) for o in step.options]


def step_message(content: Content, state: st.WalkState) -> tuple[str, list[dict]]:
    """The walkthrough message at the current step: (fallback text, blocks). What the bot noticed is on
    the first step only; a guess is named in words, never styled as the button to press."""
    pos = checklist.position(content, state.answers)
    step = pos.step
    assert step is not None, "step_message needs an unfinished walkthrough"
    value = st.encode(state)
    blocks: list[dict] = [
        header_block(f"Invite check: {who(state)}"),
        context_block(f"Step {pos.number} of {pos.total}"),
    ]
    if not state.answers:
        blocks.append(section_block("*What I noticed*\n" + "\n".join(noticed_lines(state))))
    if flags := red_flag_text(state.signals.red_flags):
        blocks.append(section_block(flags))
    if state.known:
        blocks.append(context_block(escape(content.safety.known.note)))
    blocks.append(divider_block())
    question = f"*{escape(step.question)}*\n{escape(step.help)}"
    many = len(step.options) > MAX_BUTTONS
    if many:
        blocks.append(
            section_block(
                question,
                accessory=select_el(
                    A_PICK + step.id, _step_options(step), placeholder="Pick the closest fit"
                ),
            )
        )
    else:
        blocks.append(section_block(question))
    jog = checklist.joggers(content, state.answers)
    if jog:
        blocks.append(section_block("*Think back:*\n" + "\n".join(f"• {escape(j)}" for j in jog)))
    suggested = step.option(state.suggested.get(step.id, ""))
    if not many:
        buttons = [
            button_el(opt.label, A_ANSWER + opt.id, value, label=f"Answer: {opt.label}")
            for opt in step.options
        ]
        blocks.append(actions_block(f"step_{step.id}", buttons))
    if suggested:
        blocks.append(
            context_block(
                f"From the text I'd guess *{escape(suggested.label)}*, but you know best: pick what's true."
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


def one_card_message(
    content: Content, state: st.WalkState, answers: Mapping[str, str]
) -> tuple[str, list[dict]]:
    """A sure reading on one card: each answer as the bot read it, changeable in place, and one button to
    the advice. `answers` is the reading (checklist.reading_answers)."""
    value = st.encode(state)
    blocks: list[dict] = [
        header_block(f"Invite check: {who(state)}"),
        section_block("*What I noticed*\n" + "\n".join(noticed_lines(state))),
        divider_block(),
        section_block("*Here's how I read it.* Change anything that isn't right, then get your advice."),
    ]
    unread = False
    for step in content.checklist.steps:
        if step.id not in answers:
            continue
        picked = step.option(answers[step.id]) if step.id not in UNREAD_STEPS else None
        unread = unread or picked is None
        menu = select_el(
            A_SELECT + step.id,
            _step_options(step),
            initial=option_obj(picked.id, picked.label) if picked else None,
            placeholder=None if picked else "Check their profile first",
        )
        blocks.append(
            {
                **section_block(f"*{escape(step.question)}*"),
                "block_id": ONE_BLOCK + step.id,
                "accessory": menu,
            }
        )
    blocks.append(
        actions_block(
            "one",
            [
                # An answer only the student can give (their look at the profile) may still be open.
                button_el(
                    "Looks right: continue", A_ONE, value, style="primary", label="Continue to my advice"
                )
                if unread
                else button_el(
                    "Looks right: get my advice", A_ONE, value, style="primary", label="Get my advice"
                ),
                button_el("Go step by step", A_STEPS, value, label="Answer the questions one by one"),
            ],
        )
    )
    return f"Invite check: {who(state)}. Here's how I read it.", blocks


def request_message(draft_label: str, draft_text: str, name: str | None) -> tuple[str, list[dict]]:
    """The student asked for a message after acting (not an invitation to check): the draft, at once."""
    whom = escape(name) if name else "them"
    blocks = [
        header_block(f"A message for {name}" if name else "A message to send"),
        section_block(f"*{escape(draft_label)}*, ready to send to {whom} as it is (or make it yours):"),
        preformatted_block(clip(draft_text, 2900)),
        context_block(
            "To check an invitation instead, paste it here (or describe it) and I'll walk you through it."
        ),
        actions_block("request", [button_el("Check an invite", A_START, "request")]),
    ]
    return f"{draft_label}: {draft_text}", blocks


def picks(values: Mapping[str, Mapping[str, dict]]) -> dict[str, str]:
    """Step id -> option id from a block_actions payload's `state.values` (the one card's menus)."""
    out = {}
    for block_id, actions in values.items():
        if not block_id.startswith(ONE_BLOCK):
            continue
        for action in actions.values():
            selected = (action or {}).get("selected_option") or {}
            if isinstance(selected.get("value"), str):
                out[block_id[len(ONE_BLOCK) :]] = selected["value"]
    return out


def result_message(
    content: Content,
    state: st.WalkState,
    advice: Advice,
    *,
    decision: str | None = None,
    decided_note: str | None = None,
    extra_blocks: Sequence[dict] = (),
    staff_view: str = privacy.DEFAULT,
    alert: str | None = None,
    field: str | None = None,
) -> tuple[str, list[dict]]:
    """The recommendation card; with `decision`, the recorded choice replaces the question. `alert`:
    "ask" while the student chooses how to tell their career center, "sent" once they have. Without the
    student's `field`, the draft leaves that sentence out and the card offers to add it."""
    if advice.safety:
        return safety_message(
            content,
            state,
            advice,
            decision=decision,
            extra_blocks=extra_blocks,
            staff_view=staff_view,
            alert=alert,
        )
    value = st.encode(state)
    name = state.signals.requester_name
    from_whom = f"Invite from *{escape(name)}*" if name else "Your invite"
    blocks: list[dict] = [
        header_block(f"{advice.title}"),
        context_block(f"{REC_EMOJI.get(advice.recommendation, '')} {from_whom} · checklist complete"),
        section_block(escape(advice.summary)),
        section_block("*Why*\n" + "\n".join(f"• {escape(r)}" for r in advice.reasons)),
    ]
    if flags := red_flag_text(advice.red_flags):
        blocks.append(section_block(flags))
    todo = advice.action + (f"\n{advice.spam_action}" if advice.spam_action else "")
    blocks.append(section_block(f"*What to do in LinkedIn*\n{todo}"))
    if advice.message:
        blocks.append(
            section_block(f"*{escape(advice.draft_label)}*, ready to send as it is (or make it yours):")
        )
        blocks.append(preformatted_block(clip(advice.message, 2900)))
        if not field:
            blocks.append(
                actions_block(
                    "field",
                    [
                        button_el(
                            "Add my field to drafts", A_FIELD, value, label="Add your field or goal to drafts"
                        )
                    ],
                )
            )
    if line := answers_line(content, state.answers):
        blocks.append(context_block(escape(line)))
    blocks.append(divider_block())
    labels = content.templates.decisions
    flagged = bool(state.signals.red_flags)
    if alert == "ask":
        blocks.extend(alert_ask_blocks(content, value, staff_view))
        return f"Invite check result: {advice.title}. {advice.summary}", blocks
    if alert == "sent":
        blocks.append(section_block(f":white_check_mark: {escape(content.safety.alert.sent)}"))
    elif flagged:
        blocks.append(
            actions_block(
                "alert",
                [button_el(content.safety.alert.button, A_ALERT, value, label=content.safety.alert.button)],
            )
        )
    if decision is None:
        blocks.append(
            section_block(
                f"*What did you do?* Tell me and I'll keep track ({privacy.student_notice(staff_view)})."
            )
        )
        # What they did is theirs to report: no answer is styled as the expected one.
        blocks.append(decision_buttons(labels, list(labels), value, primary=None))
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


def decision_buttons(
    labels: Mapping[str, str], decisions: Sequence[str], value: str, *, primary: str | None
) -> dict:
    """The "what did you do?" buttons; `primary` is the one that follows the advice."""
    return actions_block(
        "decide",
        [
            button_el(
                labels[d],
                A_DECIDE + d,
                value,
                style="primary" if d == primary else None,
                label=f"Record: {labels[d]}",
            )
            for d in decisions
        ],
    )


def sender_line(state: st.WalkState) -> str:
    """Who sent it, as the student pasted it: name and headline, escaped."""
    sig = state.signals
    parts = [f"*{escape(sig.requester_name)}*" if sig.requester_name else "someone you don't know"]
    if sig.headline:
        parts.append(escape(sig.headline))
    return " · ".join(parts)


def sign_lines(content: Content, state: st.WalkState, codes: Sequence[str]) -> list[str]:
    """Each warning sign in one plain line, with the words behind it quoted from the invitation."""
    quotes = {f.split(":", 1)[1]: p for f, p in state.signals.evidence if f.startswith("red_flag:")}
    lines = []
    for code in codes:
        line = f"• {content.safety.signs.get(code, RED_FLAG_LABELS.get(code, code))}"
        if code in quotes:
            line += f" _They wrote:_ “{escape(quotes[code])}”"
        lines.append(line)
    quoted = set(quotes.values())
    contacts = [p for f, p in state.signals.evidence if f == "contact" and p not in quoted]
    if contacts:
        lines.append("• *Details to report:* " + ", ".join(f"“{escape(c)}”" for c in contacts))
    return lines


def after_text(content: Content) -> str:
    after = content.safety.after
    items = "\n".join(f"• {i}" for i in after.items)
    return f"*What to do now*\n{items}\n{after.if_lost}"


def safety_message(
    content: Content,
    state: st.WalkState,
    advice: Advice,
    *,
    decision: str | None = None,
    extra_blocks: Sequence[dict] = (),
    staff_view: str = privacy.DEFAULT,
    alert: str | None = None,
) -> tuple[str, list[dict]]:
    """The safety card: what the warning signs mean, what not to do, how to report, and Ignore as the
    easy choice; after "I already accepted / replied", what to do now. `alert` is "ask" while the
    student chooses how to tell their career center, "sent" once they have."""
    safety = content.safety
    value = st.encode(state)
    engaged = decision in ENGAGED  # they already replied or accepted: what to do now, not "ignore it"
    blocks: list[dict] = [
        header_block(f":warning: {safety.after.title}" if engaged else f":no_entry_sign: {advice.title}"),
        context_block(f"Invite from {sender_line(state)}"),
        section_block(escape(safety.after.summary if engaged else advice.summary)),
        section_block("*Warning signs*\n" + "\n".join(sign_lines(content, state, advice.red_flags))),
    ]
    if advice.reasons and not engaged:
        blocks.append(section_block("*Why*\n" + "\n".join(f"• {escape(r)}" for r in advice.reasons)))
    if engaged:
        blocks.append(section_block(after_text(content)))
    else:
        dont = "\n".join(f"• {i}" for i in safety.dont.items)
        blocks.append(section_block(f"*{safety.dont.title}*\n{dont}"))
        blocks.append(section_block(f"*{safety.linkedin.title}*\n{safety.linkedin.text}"))
    if line := answers_line(content, state.answers):
        blocks.append(context_block(escape(line)))
    blocks.append(divider_block())
    labels = safety_labels(content)
    if alert == "ask":
        blocks.extend(alert_ask_blocks(content, value, staff_view))
    elif decision is None:
        blocks.append(
            section_block(
                "*Already replied or accepted?* That happens: tell me and I'll show you what to do now"
                f" ({privacy.student_notice(staff_view)})."
            )
        )
        blocks.append(decision_buttons(labels, SAFETY_DECISIONS, value, primary="ignored"))
    else:
        blocks.append(section_block(f":memo: Recorded: *{escape(labels.get(decision, decision))}*."))
    if alert == "sent":
        blocks.append(section_block(f":white_check_mark: {escape(safety.alert.sent)}"))
    if alert != "ask":
        more = []
        if alert != "sent":
            more.append(button_el(safety.alert.button, A_ALERT, value, label=safety.alert.button))
        if decision is None and state.safety_first:
            more.append(button_el(safety.known.button, A_KNOWN, value, label=safety.known.button))
        elif decision is None and state.answers:
            more.append(button_el("Back", A_BACK, value, label="Back to the last question"))
        if decision is not None:
            more.append(button_el("Change what I did", A_CHANGE, value, label="Change the recorded decision"))
        if more:
            blocks.append(actions_block("safety", more))
    text = f"Invite check: {advice.title}. {advice.summary}"
    return text, blocks + list(extra_blocks)


def safety_labels(content: Content) -> dict[str, str]:
    """The decisions as the safety card words them ("I already accepted")."""
    return {**content.templates.decisions, **content.safety.decisions}


def alert_ask_blocks(content: Content, value: str, staff_view: str) -> list[dict]:
    """Ask how to tell the career center: with or without the student's name (where staff would not
    see it anyway), or one Send button where staff see names already."""
    wording = content.safety.alert
    if staff_view == privacy.NAMED:
        text = f"{wording.ask}\nStaff here see names with every check, so the alert will name you."
        buttons = [
            button_el(wording.send_button, A_ALERT_SEND + ALERT_NAMED, value, style="primary"),
        ]
    else:
        text = f"{wording.ask}\n{wording.ask_name}"
        buttons = [
            button_el(wording.named_button, A_ALERT_SEND + ALERT_NAMED, value, style="primary"),
            button_el(wording.anonymous_button, A_ALERT_SEND + ALERT_ANONYMOUS, value),
        ]
    buttons.append(button_el("Cancel", A_ALERT_CANCEL, value))
    return [section_block(f":rotating_light: {escape(text)}"), actions_block("alert", buttons)]


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
        " never met_), or send a screenshot of it, and I'll walk you through it: one card when I can read it, a few"
        " quick questions when I can't.\n"
        "You can also use `/invite-check`, `/invite-check history` (your checks), `/invite-check delete`"
        ' (delete them) or `/invite-check reminders off|on` ("did they reply?" check-ins).'
    )


def reading_screenshot_text() -> str:
    return ":mag: Reading your screenshot... this takes a few seconds."


SCREENSHOT_SHOWN = 600  # characters of what was read shown back; the walkthrough reads it all

_SCREENSHOT_PROBLEMS = {
    "too_big": "That file is over 10 MB, more than a screenshot needs.",
    "not_image": "That file isn't a picture I can read (PNG, JPEG, WebP, GIF or BMP work).",
    "too_many_pixels": "That picture is far larger than a screen, so I didn't open it.",
    "corrupt": "I couldn't open that picture: the file seems damaged or cut short.",
    "timeout": "Reading that picture took too long, so I stopped.",
    "download": "I couldn't fetch that file from Slack just now.",
    "empty": "I couldn't find any writing in that picture.",
}


def screenshot_problem_text(code: str) -> str:
    """Why a shared file could not be read, and what works instead: nothing the student sent is lost."""
    why = _SCREENSHOT_PROBLEMS.get(code, "I couldn't read that picture.")
    return (
        f"{why} You can send another screenshot of the invitation, or paste its text here (the sender's"
        " name, headline and message), or describe it in a few words, e.g. _a recruiter from Acme, no"
        " note, never met_."
    )


def screenshot_read_message(read: str, *, cut_off: bool, more: bool) -> tuple[str, list[dict]]:
    """What the OCR read, shown back short so the student can spot a misreading and paste instead."""
    shown = read if len(read) <= SCREENSHOT_SHOWN else read[: SCREENSHOT_SHOWN - 1].rstrip() + "…"
    notes = ["If I misread something, paste the invitation's text here and I'll start again from that."]
    if cut_off:
        notes.insert(
            0,
            'The message is cut off in the screenshot ("...see more"), so I only read its start. For the'
            " whole of it, tap *see more* on LinkedIn and send a new screenshot, or paste the message.",
        )
    if more:
        notes.append("You sent several pictures; I read the first. Send the others one at a time.")
    blocks = [
        section_block(":frame_with_picture: *From your screenshot I read:*"),
        preformatted_block(shown),
        context_block("\n".join(notes)),
    ]
    return "From your screenshot I read: " + shown[:200], blocks


def field_modal(*, current: str | None, metadata: str = "") -> dict:
    """Ask the student's field or goal once; drafts mention it from then on."""
    view = modal_view(
        FIELD_CALLBACK,
        title="Your field",
        submit="Save",
        close="Cancel",
        blocks=[
            section_block(
                "What are you focusing on? Drafts will mention it, e.g. _data science_ or _a marketing internship_."
                " You can change it any time in the App Home."
            ),
            input_block(
                B_FIELD,
                "Your field or goal",
                text_input_el(B_FIELD, max_length=FIELD_MAX, initial_value=current or None),
            ),
        ],
    )
    view["private_metadata"] = metadata[:3000]
    return view


def invite_modal(*, initial_text: str = "") -> dict:
    return modal_view(
        MODAL_CALLBACK,
        title="Check an invite",
        submit="Check it",
        close="Cancel",
        blocks=[
            section_block(
                "Paste the LinkedIn invitation, describe it in a sentence, or add a screenshot of it."
                " Only you will see the result."
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
                optional=True,
            ),
            input_block(
                B_FILE, "Or a screenshot of it", file_input_el(B_FILE, SCREENSHOT_TYPES), optional=True
            ),
            input_block(
                B_NAME, "Their name (optional)", text_input_el(B_NAME, max_length=st.NAME_MAX), optional=True
            ),
        ],
    )
