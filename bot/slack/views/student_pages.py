"""Block Kit for the student's own pages: their App Home, `/invite-check history` and `delete`.

Pure builders (bot.slack.views.kit); everything shown comes from a query already filtered by the student's
workspace and user ID.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.coaching.vocab import DECISION_LABELS, INTENT_NAMES, RECOMMENDATION_LABELS
from bot.slack.views.kit import (
    actions_block,
    button_el,
    confirm_obj,
    context_block,
    divider_block,
    escape,
    header_block,
    home_view,
    section_block,
    when,
)
from bot.slack.views.staff import MAX_VIEW_BLOCKS, label, record_sections
from bot.slack.views.student import A_FIELD, A_START
from bot.staff import privacy
from bot.store import DecisionRecord

A_HOME_DELETE = "home_delete"  # student Home, with a confirm dialog
A_DELETE_CONFIRM = "student_delete_confirm"
A_DELETE_CANCEL = "student_delete_cancel"
RECENT_STUDENT = 20
HISTORY_MAX = 10


def student_record_line(record: DecisionRecord) -> str:
    decision = label(DECISION_LABELS, record.decision, "not recorded")
    return (
        f"*{when(record.created_at)}* · looked like {label(INTENT_NAMES, record.signals.intent).lower()}"
        f"\nRecommended: *{label(RECOMMENDATION_LABELS, record.recommendation)}* · you: *{decision}*"
        + (" · :warning: red flags" if record.signals.red_flags else "")
    )


def student_home(
    records: Sequence,
    *,
    total: int | None = None,
    notice: str | None = None,
    retention_days: int | None = None,
    keeps_text: bool = False,
    staff_view: str = privacy.DEFAULT,
    field: str | None = None,
) -> dict:
    """A student's App Home: start a check, their field for drafts, their own recent checks, delete their
    data."""
    total = len(records) if total is None else total
    blocks: list[dict] = [header_block("Invite Check")]
    if notice:
        blocks.append(section_block(escape(notice)))
    blocks.append(
        section_block(
            "Got a LinkedIn connection request from someone you don't recognise? I'll help you "
            "decide in under a minute, and give you the words to send."
        )
    )
    blocks.append(
        actions_block(
            "home_start",
            [
                button_el(
                    "Check an invite", A_START, "home", style="primary", label="Check a LinkedIn invitation"
                )
            ],
        )
    )
    said = f"*{escape(field)}*" if field else "_not set: drafts leave that sentence out_"
    blocks.append(
        section_block(
            f"*Your field or goal, for drafts:* {said}",
            accessory=button_el(
                "Edit" if field else "Add", A_FIELD, "home", label="Edit your field for drafts"
            ),
        )
    )
    blocks.append(divider_block())
    blocks.append(header_block("Your recent checks"))
    tail: list[dict] = [divider_block(), *_your_data(total, retention_days, keeps_text, staff_view)]
    if records:
        budget = min(RECENT_STUDENT, MAX_VIEW_BLOCKS - len(blocks) - len(tail))
        lines = [student_record_line(r) for r in records]
        blocks.extend(record_sections(lines, budget))
        if total > len(records) and len(records) <= budget:
            blocks.append(context_block(f"Showing your {len(records)} most recent of {total}."))
    else:
        blocks.append(
            section_block("No checks yet. When you check an invite, it shows up here (only you see it).")
        )
    blocks.extend(tail)
    return home_view("home_student", blocks, MAX_VIEW_BLOCKS)


def _your_data(total: int, retention_days: int | None, keeps_text: bool, staff_view: str) -> list[dict]:
    kept = f"after {retention_days} days" if retention_days else "after the retention period"
    pasted = " the invitation you pasted and its sender's name," if keeps_text else ""
    text = (
        "*Your data*\nInvite Check keeps your answers, what kind of invite it looked like,"
        f"{pasted} and what you decided. When you tell your career center about a possible scam, that"
        " alert also keeps the warning signs, the sender's name and headline and the words behind each sign."
        f" {privacy.student_notice(staff_view).capitalize()}. Checks are deleted automatically {kept}."
    )
    if not total:
        return [section_block(text)]
    confirm = confirm_obj(
        title="Delete all your data?",
        text=f"This permanently deletes all {total} of your checks. It can't be undone.",
        confirm="Delete everything",
        deny="Keep my data",
        style="danger",
    )
    button = button_el(
        "Delete my data",
        A_HOME_DELETE,
        "all",
        style="danger",
        label="Delete all my Invite Check data",
        confirm=confirm,
    )
    return [section_block(text + f"\nYou have *{total}* stored check(s).", accessory=button)]


# -- slash command messages for students ---------------------------------------------------------------
def history_message(records: Sequence, total: int) -> tuple[str, list[dict]]:
    if not records:
        text = "You have no stored checks. Use `/invite-check` to check an invitation."
        return text, list([section_block(text)])
    shown = records[:HISTORY_MAX]
    blocks: list[dict] = [
        section_block(f"*Your recent checks* (only you can see this): {len(shown)} of {total}")
    ]
    blocks.extend(section_block(student_record_line(r)) for r in shown)
    blocks.append(context_block("To delete all of them: `/invite-check delete`."))
    return f"Your recent checks: {len(shown)} of {total}", list(blocks)


def delete_prompt(total: int) -> tuple[str, list[dict]]:
    if not total:
        text = "You have no stored checks: there is nothing to delete."
        return text, list([section_block(text)])
    text = (
        f"This permanently deletes all *{total}* of your checks from Invite Check, right away."
        " It can't be undone."
    )
    return text.replace("*", ""), list(
        [
            section_block(text),
            actions_block(
                "student_delete",
                [
                    button_el(
                        "Delete everything",
                        A_DELETE_CONFIRM,
                        "all",
                        style="danger",
                        label="Delete all my checks",
                    ),
                    button_el("Cancel", A_DELETE_CANCEL, "cancel", label="Keep my checks"),
                ],
            ),
        ]
    )


def deleted_text(count: int) -> str:
    return f":wastebasket: Deleted {count} check(s). Nothing of yours is left in Invite Check."
