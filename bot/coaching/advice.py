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
    requester_name: str | None = None,
    my_name: str | None = None,
    interest: str | None = None,
) -> Advice:
    """The recommendation for a complete set of answers (coverage is proven at load time)."""
    rule = content.rule_for(dict(answers))
    if rule is None:
        raise ValueError("answers are incomplete or not covered by the decision table")
    recommendation, summary, spam = rule.recommendation, rule.summary, rule.spam
    reasons = []
    for step_id in rule.because:
        step = content.step(step_id)
        opt = step.option(answers.get(step_id, "")) if step else None
        if opt:
            reasons.append(opt.reason)
    red = content.decisions.red_flags
    if red_flags:
        spam = True
        if recommendation in red.replaces:
            # The warning leads; the answers' own verdict is still named, so the student sees both.
            title = content.decisions.recommendations[recommendation].title
            reasons = [red.reason, red.otherwise.format(title=title)]
            recommendation, summary, spam = red.recommendation, red.summary, red.spam or spam
    rec = content.decisions.recommendations[recommendation]
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
        summary=summary,
        reasons=tuple(reasons),
        spam=spam,
        spam_action=rec.spam_action if spam else None,
        red_flags=tuple(red_flags),
        rule=rule.name,
        template_id=rec.template,
        template_label=label,
        message=message,
    )
