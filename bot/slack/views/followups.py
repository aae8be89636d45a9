"""Block Kit for follow-ups: pure builders, user text escaped and clipped through bot.slack.views.kit.

Dates are Slack date tokens (`<!date^...>`), so each student reads them in their own time zone.
"""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.coaching.followup import MAX_SNOOZES, REMIND_DAYS
from bot.slack.views.kit import (
    actions_block,
    button_el,
    clip,
    context_block,
    divider_block,
    escape,
    preformatted_block,
    section_block,
    when,
)

# action_ids (the fu_ prefix keeps them apart from the walkthrough's ic_ ones)
A_REMIND = "fu_remind:"  # + days; value: the walkthrough state (bot.slack.views.codec)
A_NO_THANKS = "fu_nothanks"  # value: the walkthrough state
A_CANCEL = "fu_cancel"  # value: the walkthrough state
A_OUTCOME = "fu_outcome:"  # + outcome; value: ReminderRef
A_SNOOZE = "fu_snooze"  # value: ReminderRef
A_OFF = "fu_off"  # value: ReminderRef
ACTION_PATTERN = r"^fu_"
B_OFFER = "fu_offer"

REF_VERSION = "r1"
NAME_MAX = 80

OUTCOME_BUTTONS = {"explained": "Yes, and explained", "pitched": "Yes, with a pitch", "no_reply": "No reply"}
OUTCOME_RECORDED = {
    "explained": "replied and explained",
    "pitched": "replied with a pitch",
    "no_reply": "no reply",
}
REMINDERS_OFF = (
    "Reminders are off, so I won't ask about replies. Turn them back on with `/invite-check reminders on`."
)


class RefError(ValueError):
    """A reminder button value that is malformed or forged."""


class ReminderRef(BaseModel):
    """What a reminder's buttons carry: the record id and whom it is about (the store may not keep names)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    w: str = Field(min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
    n: str | None = Field(None, max_length=NAME_MAX)


def encode_ref(ref: ReminderRef) -> str:
    return REF_VERSION + json.dumps(
        ref.model_dump(exclude_none=True), separators=(",", ":"), ensure_ascii=False
    )


def decode_ref(value: str | None) -> ReminderRef:
    if not isinstance(value, str) or not value.startswith(REF_VERSION) or len(value) > 400:
        raise RefError("unknown reminder value")
    try:
        raw = json.loads(value[len(REF_VERSION) :])
        if not isinstance(raw, dict):
            raise RefError("reminder value is not an object")
        return ReminderRef.model_validate(raw)
    except (ValueError, ValidationError, TypeError) as exc:
        raise RefError(str(exc)[:200]) from None


def _their(name: str | None) -> str:
    return f"*{escape(name)}*'s" if name else "Their"


# -- on the result card -----------------------------------------------------------------------------
def offer_blocks(state_value: str, name: str | None) -> list[dict]:
    """The offer shown under "Recorded: ...": remind me in 3 / 7 / 14 days, or no thanks."""
    buttons = [
        button_el(
            f"Remind me in {d} days",
            f"{A_REMIND}{d}",
            state_value,
            style="primary" if d == 7 else None,
            label=f"Remind me in {d} days to check for a reply",
        )
        for d in REMIND_DAYS
    ]
    buttons.append(button_el("No thanks", A_NO_THANKS, state_value, label="No reminder"))
    return list(
        [
            section_block(
                f":alarm_clock: *Want me to check back?* {_their(name)} reply is your verdict: a real"
                " contact explains, a spammer stays silent or pitches. I'll ask you in your working hours."
            ),
            actions_block(B_OFFER, buttons),
        ]
    )


def scheduled_blocks(state_value: str, due: datetime, name: str | None, *, now: datetime) -> list[dict]:
    """The reminder as set. Working hours are applied when it is sent, in the student's own zone, so the
    card names the day count, not a clock time that may fall at night."""
    who = escape(name) if name else "they"
    days = max(1, round((due - now).total_seconds() / 86400))
    return list(
        [
            section_block(
                f":alarm_clock: Reminder set: in {days} day{'s' if days != 1 else ''}, during your working"
                f" hours (weekdays, 9:00 to 18:00 your time), I'll ask whether {who} answered."
            ),
            actions_block(
                B_OFFER,
                [button_el("Cancel reminder", A_CANCEL, state_value, label="Cancel the reply reminder")],
            ),
        ]
    )


def note_blocks(text: str) -> list[dict]:
    return list([context_block(text)])


# -- the reminder DM --------------------------------------------------------------------------------
# What a reminder asks, by what the student did: after a question, whether they explained; after an offer to
# talk, whether they took it up. The answers are the same three outcomes either way.
QUESTIONS = {
    "suggested_meeting": ("Did {who} answer your offer to talk?", {"explained": "Yes, we're talking"}),
    "replied_first": ("Did {who} answer your question?", {}),
}


def reminder_message(
    ref: ReminderRef,
    *,
    checked_at: datetime,
    decision_label: str,
    snoozes: int,
    allow_snooze: bool = True,
    decision: str | None = None,
) -> tuple[str, list[dict]]:
    value = encode_ref(ref)
    asked, labels = QUESTIONS.get(decision or "", ("Did {who} reply?", {}))
    question = asked.format(who=escape(ref.n) if ref.n else "they")
    question = question[0].upper() + question[1:]
    buttons = [
        button_el(
            labels.get(key, text),
            A_OUTCOME + key,
            value,
            label=f"They {OUTCOME_RECORDED[key]}" if key != "no_reply" else "No reply yet",
        )
        for key, text in OUTCOME_BUTTONS.items()
    ]
    if allow_snooze and snoozes < MAX_SNOOZES:
        buttons.append(button_el("Remind me later", A_SNOOZE, value, label="Ask me again in a few days"))
    blocks: list[dict] = [
        section_block(
            f":wave: *{question}*\nAbout the LinkedIn invitation you checked {when(checked_at, pretty=True)}:"
            f" you told me _{escape(decision_label)}_. Their answer tells you what to do."
        ),
        actions_block("fu_reminder", buttons),
    ]
    if allow_snooze:
        blocks.append(
            actions_block(
                "fu_prefs", [button_el("Turn off reminders", A_OFF, value, label="Stop all reply reminders")]
            )
        )
    else:
        blocks.append(context_block(REMINDERS_OFF))
    fallback = f"{question} Tell me and I'll say what to do next."
    return fallback, list(blocks)


def outcome_message(
    outcome: str,
    ref: ReminderRef,
    *,
    thanks: str | None = None,
    thanks_label: str | None = None,
    spam_action: str | None = None,
) -> tuple[str, list[dict]]:
    """What to do now that the student knows how they answered; `thanks` is the filled followup_thanks."""
    who = escape(ref.n) if ref.n else "they"
    blocks: list[dict] = []
    if outcome == "explained":
        title = "Accept the invitation"
        blocks.append(
            section_block(
                f":white_check_mark: *Accept the invitation.* A real contact explains, and {who}"
                " did. In LinkedIn, tap *Accept*, then send a short thanks:"
            )
        )
        if thanks:
            if thanks_label:
                blocks.append(section_block(f"*{escape(thanks_label)}*: copy it and send it from LinkedIn."))
            blocks.append(preformatted_block(clip(thanks, 2900)))
    elif outcome == "pitched":
        title = "Ignore it"
        text = (
            f":no_entry_sign: *Ignore it.* A reply that sells something instead of explaining is your answer:"
            f" {who} wanted a customer, not a contact. In LinkedIn, tap *Ignore*."
        )
        blocks.append(section_block(text + (f"\n{spam_action}" if spam_action else "")))
    else:
        title = "Ignore it"
        blocks.append(
            section_block(
                ":no_entry_sign: *Ignore it.* No answer to a friendly question means they were most"
                " likely collecting connections. In LinkedIn, tap *Ignore*: they are not told, and"
                " you can still connect later if they write back."
            )
        )
    blocks.append(divider_block())
    blocks.append(
        context_block(
            f":memo: Recorded: *{OUTCOME_RECORDED.get(outcome, outcome)}*."
            " Thanks, this helps your career center."
        )
    )
    return f"{title}. Recorded: {OUTCOME_RECORDED.get(outcome, outcome)}.", list(blocks)


def snoozed_message(ref: ReminderRef, due: datetime) -> tuple[str, list[dict]]:
    who = escape(ref.n) if ref.n else "they"
    text = f":zzz: Okay, I'll ask again around {when(due, pretty=True)} whether {who} replied."
    return "Okay, I'll ask again in a few days.", list([section_block(text)])


def gone_message(reason: str) -> tuple[str, list[dict]]:
    return reason, list([section_block(f":information_source: {escape(reason)}")])


def reminders_status_text(on: bool) -> str:
    if on:
        return (
            ":alarm_clock: Reply reminders are *on*: after you reply first or suggest a meeting, I can ask"
            " you later whether they answered. `/invite-check reminders off` turns them off."
        )
    return ":no_bell: Reply reminders are *off*. " + REMINDERS_OFF.split(". ", 1)[1]
