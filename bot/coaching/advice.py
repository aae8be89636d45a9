"""Answers -> recommendation, reasons in the student's own terms, and a message ready to send."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.coaching import drafts
from bot.coaching.content import Content


@dataclass(frozen=True)
class Advice:
    recommendation: str  # accept | reply_first | meet_first | ignore
    title: str
    action: str
    summary: str
    reasons: tuple[str, ...]
    spam: bool
    spam_action: str | None
    red_flags: tuple[str, ...]
    rule: str
    draft_purpose: str | None  # accept | reply | meet (prompts/drafts.toml)
    draft_label: str | None
    message: str | None
    safety: bool = False  # warning signs decided it: the safety card, never a draft


@dataclass(frozen=True)
class Reading:
    """What the drafts can use from the invitation: who wrote, in which language, what it named."""

    requester_name: str | None = None
    intent: str | None = None
    language: str | None = None
    details: Mapping[str, str | None] = field(default_factory=dict)
    asks_referral: bool = False  # the sender asks the student for a referral (not offers one)
    offers_referral: bool = False  # the sender offers to refer the student
    proposes_chat: bool = False  # the note proposes a call, a chat or a coffee
    note_says_met: bool = False  # the note itself says they met (not only the student's description)


def draft_for(
    content: Content,
    purpose: str,
    answers: Mapping[str, str],
    reading: Reading,
    *,
    my_name: str | None = None,
    interest: str | None = None,
) -> drafts.Draft:
    """The draft for a purpose, shaped by the student's answers and what the invitation named."""
    where = drafts.situation(
        reason=answers.get("reason"),
        intent=reading.intent,
        details=reading.details,
        asks_referral=reading.asks_referral,
        met=answers.get("met"),
        offers_referral=reading.offers_referral,
        proposes_chat=reading.proposes_chat,
    )
    slots = {
        **reading.details,
        "noted_event": reading.details.get("event") if reading.note_says_met else None,
        "first_name": drafts.first_name(reading.requester_name),
        "my_name": my_name,
        "field": interest,
    }
    return drafts.compose(
        content.drafts, purpose=purpose, situation=where, language=reading.language, slots=slots
    )


def advise(
    content: Content,
    answers: Mapping[str, str],
    *,
    red_flags: Sequence[str] = (),
    scam: bool = False,
    reading: Reading | None = None,
    my_name: str | None = None,
    interest: str | None = None,
) -> Advice:
    """The recommendation for a complete set of answers (coverage is proven at load time).

    With warning signs and answers that do not vouch for the sender, the result is the safety
    verdict: no draft (nothing that invites more contact), the warning first among the reasons.
    A `scam` (the analyzer is sure enough to skip the questions) with no answers gets that verdict
    straight away."""
    signs = content.decisions.warning_signs
    flagged = bool(red_flags) or scam
    if flagged and not answers:
        return _safety_advice(content, red_flags, rule="warning signs")
    rule, recommendation, by_signs = content.verdict(answers, flagged=flagged)
    if by_signs:
        reasons = [signs.reason] + _reasons(content, rule.because, answers)[:1]
        return _safety_advice(content, red_flags, rule=rule.name, reasons=tuple(reasons))
    rec = content.decisions.recommendations[recommendation]
    spam = rule.spam or flagged
    message = label = None
    if rec.draft:
        draft = draft_for(
            content, rec.draft, answers, reading or Reading(), my_name=my_name, interest=interest
        )
        label, message = draft.label, draft.text
    return Advice(
        recommendation=recommendation,
        title=rec.title,
        action=rec.action,
        summary=rule.summary,
        reasons=tuple(_reasons(content, rule.because, answers)),
        spam=spam,
        spam_action=rec.spam_action if spam else None,
        red_flags=tuple(red_flags),
        rule=rule.name,
        draft_purpose=rec.draft,
        draft_label=label,
        message=message,
    )


def _reasons(content: Content, because: Sequence[str], answers: Mapping[str, str]) -> list[str]:
    reasons = []
    for step_id in because:
        step = content.step(step_id)
        opt = step.option(answers.get(step_id, "")) if step else None
        if opt:
            reasons.append(opt.reason)
    return reasons


def _safety_advice(
    content: Content, red_flags: Sequence[str], *, rule: str, reasons: tuple[str, ...] = ()
) -> Advice:
    """The safety verdict: ignore and report, each warning sign explained on the card, no draft."""
    signs = content.decisions.warning_signs
    rec = content.decisions.recommendations[signs.recommendation]
    return Advice(
        recommendation=signs.recommendation,
        title=content.safety.title,
        action=rec.action,
        summary=content.safety.summary if not reasons else signs.summary,
        reasons=reasons,
        spam=True,
        spam_action=rec.spam_action,
        red_flags=tuple(red_flags),
        rule=rule,
        draft_purpose=None,
        draft_label=None,
        message=None,
        safety=True,
    )
