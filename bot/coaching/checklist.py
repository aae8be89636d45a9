"""The walkthrough as pure data: which step is next, answering, going back, starting over.

Answers are an ordered mapping step id -> option id, in the checklist's step order, with the steps
that `ask_when` skips left out. Keeping it that small is what lets Slack carry it in a button value
and the terminal reuse the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.coaching.content import Content, Step

Answers = dict[str, str]

# Analyzer intent -> the checklist's "why might they be reaching out?" option.
_INTENT_TO_REASON = {
    "recruiter": "opportunity",
    "referral": "referral",
    "collaboration": "collaboration",
    "networking": "networking",
    "sales": "selling",
    "unclear": "unsure",
}


class InvalidAnswer(ValueError):
    """An answer that does not fit the checklist (stale or tampered click)."""


@dataclass(frozen=True)
class Position:
    step: Step | None  # None when every step is answered
    number: int  # 1-based number of the current step (N+1 when done)
    total: int

    @property
    def done(self) -> bool:
        return self.step is None


def _next_step(content: Content, answers: Mapping[str, str]) -> Step | None:
    """The first step after the answered ones that the student is asked."""
    steps = content.checklist.steps
    last = max((i for i, s in enumerate(steps) if s.id in answers), default=-1)
    return next((s for s in steps[last + 1 :] if s.asked(answers)), None)


def validate_answers(content: Content, answers: Mapping[str, str]) -> Answers:
    """Return answers if the student could have given them in this order, else raise InvalidAnswer."""
    so_far: Answers = {}
    for step_id, option_id in answers.items():
        step = _next_step(content, so_far)
        if step is None:
            raise InvalidAnswer("more answers than steps")
        if step.id != step_id:
            raise InvalidAnswer(f"expected an answer to {step.id!r}, got {step_id!r}")
        if step.option(option_id) is None:
            raise InvalidAnswer(f"step {step_id!r} has no option {option_id!r}")
        so_far[step_id] = option_id
    return so_far


def position(content: Content, answers: Mapping[str, str]) -> Position:
    """Where the student is. The total counts the steps they will be asked as far as their answers
    tell (a step asked only after some answers is counted once those answers are given)."""
    step = _next_step(content, answers)
    later = [s for s in content.checklist.steps if s.id not in answers and not s.ask_when]
    total = len(answers) + len(later) + (1 if step is not None and step.ask_when else 0)
    return Position(step=step, number=len(answers) + 1, total=total)


def answer(content: Content, answers: Mapping[str, str], step_id: str, option_id: str) -> Answers:
    """Record an answer to the current step; re-answering the latest step replaces it."""
    current = validate_answers(content, answers)
    pos = position(content, current)
    if pos.step is None or pos.step.id != step_id:
        # A click on the step just answered (double click) is harmless: treat as a change of mind.
        if current and list(current)[-1] == step_id:
            current.pop(step_id)
        else:
            raise InvalidAnswer(f"step {step_id!r} is not the current step")
        pos = position(content, current)
    assert pos.step is not None
    if pos.step.option(option_id) is None:
        raise InvalidAnswer(f"step {step_id!r} has no option {option_id!r}")
    current[step_id] = option_id
    return current


def back(answers: Mapping[str, str]) -> Answers:
    items = list(answers.items())
    return dict(items[:-1])


def start_over() -> Answers:
    return {}


def suggest_answers(content: Content, signals: object) -> Answers:
    """Pre-select answers from the analyzer's signals; the student always confirms them.

    `signals` is duck-typed (custom_message, claims_prior_contact, intent, red_flags) so the
    terminal, Slack state and tests can all pass what they have.
    """
    suggested: Answers = {}
    custom = getattr(signals, "custom_message", None)
    if custom is not None:
        suggested["note"] = "personal" if custom else "default"
    if getattr(signals, "claims_prior_contact", False):
        suggested["met"] = "maybe"
    if getattr(signals, "is_description", False) and getattr(
        getattr(signals, "details", None), "event", None
    ):
        suggested["met"] = (
            "maybe"  # "a guy from the career fair added me": the student may have met them there
        )
    # The "why" answer comes from the intent model: pre-selected only when it is confident. Red flags and
    # a claimed meeting are rules, precise enough to pre-select on their own.
    if getattr(signals, "knows_sender", False):
        suggested["met"] = "yes"
    intent = getattr(signals, "intent", None) if getattr(signals, "intent_sure", True) else None
    reason = _INTENT_TO_REASON.get(intent or "")
    direction = getattr(signals, "referral", None)
    if direction == "asks" or getattr(signals, "asks_referral", False):
        reason = "asks_referral"
    elif direction == "offers":  # a stranger offering to refer the student: an opening, not a mutual friend
        reason = "opportunity"
    if getattr(signals, "claims_prior_contact", False) and reason in (None, "unsure", "networking"):
        reason = "forgot"
    if reason:
        suggested["reason"] = reason
    if reason == "selling":
        suggested["value"] = "no"
    # Only keep suggestions that name real steps/options (staff may have edited the checklist).
    return {k: v for k, v in suggested.items() if (s := content.step(k)) is not None and s.option(v)}


# Where the text cannot tell, the one-card reading starts from the cautious answer: a stranger (the
# invitation is from someone the student doesn't recognise), value unknown, profile not checked.
_DEFAULTS = {"met": "no", "value": "maybe", "profile": "unknown"}


def reading_answers(content: Content, signals: object) -> Answers | None:
    """The full set of answers the analyzer's reading gives, for the one-card walkthrough, or None when
    the reading is unsure (no confident purpose) and the questions should be asked one by one."""
    if not getattr(signals, "intent_sure", False):
        return None
    suggested = suggest_answers(content, signals)
    answers: Answers = {}
    for step in content.checklist.steps:
        if not step.asked(answers):
            continue
        pick = suggested.get(step.id) or _DEFAULTS.get(step.id)
        if pick is None or step.option(pick) is None:
            return None
        answers[step.id] = pick
    return answers


def from_picks(content: Content, picks: Mapping[str, str]) -> Answers:
    """The answers a student confirmed on the one card (step id -> option id), in step order, as far as
    they go: a step that is asked but has no pick (or an unknown one) ends them there."""
    answers: Answers = {}
    for step in content.checklist.steps:
        if not step.asked(answers):
            continue
        pick = picks.get(step.id)
        if pick is None or step.option(pick) is None:
            break
        answers[step.id] = pick
    return answers


def joggers(content: Content, answers: Mapping[str, str]) -> tuple[str, ...]:
    """Memory joggers of the answer just given (e.g. "maybe we met"), shown on the next step only."""
    if not answers:
        return ()
    step_id, option_id = list(answers.items())[-1]
    step = content.step(step_id)
    opt = step.option(option_id) if step else None
    return opt.joggers if opt else ()
