"""Answers -> recommendation, reasons in the student's own terms, and a message ready to send."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
    template_id: str | None
    template_label: str | None
    message: str | None
    safety: bool = False  # warning signs decided it: the safety card, never a draft


class _Fill(dict):
    def __missing__(self, key: str) -> str:  # pragma: no cover - placeholders are validated at load
        return "{" + key + "}"


_NAME_PART = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def first_name(full_name: str | None) -> str | None:
    """First given name from a display name like "Dr. Priya Sharma, MBA"; None if nothing usable."""
    if not full_name:
        return None
    titles = {"dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "prof", "prof."}
    for part in _NAME_PART.findall(full_name.strip()):
        if part.lower() not in titles:
            return part[:40]
    return None


def fill_template(
    content: Content,
    template_id: str,
    *,
    first_name: str | None = None,
    my_name: str | None = None,
    interest: str | None = None,
) -> str:
    fallbacks = content.templates.fallbacks
    values = _Fill(
        first_name=(first_name or "").strip() or fallbacks["first_name"],
        my_name=(my_name or "").strip() or fallbacks["my_name"],
        interest=(interest or "").strip() or fallbacks["interest"],
    )
    return string.Formatter().vformat(content.templates.templates[template_id].text, (), values)


def advise(
    content: Content,
    answers: Mapping[str, str],
    *,
    red_flags: Sequence[str] = (),
    scam: bool = False,
    requester_name: str | None = None,
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
    if rec.template:
        label = content.templates.templates[rec.template].label
        message = fill_template(
            content, rec.template, first_name=first_name(requester_name), my_name=my_name, interest=interest
        )
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
        template_id=rec.template,
        template_label=label,
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
        template_id=None,
        template_label=None,
        message=None,
        safety=True,
    )
