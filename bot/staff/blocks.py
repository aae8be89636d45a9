"""Block Kit for the staff summary and the App Home (staff dashboard, student page): pure builders.

Values read from the store (intents, red-flag codes, option ids) are escaped like any user text:
a record is data, and data can come from an older release or a hand-edited file. Student IDs are
rendered as real mentions only when they look like Slack user IDs. Every list is capped so the
Home tab stays within 100 blocks and every text within its limit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.coaching.analyzer import RED_FLAG_LABELS
from bot.slack.blocks import A_START, _button, _dicts, _header, _mrkdwn, _section, clip, escape
from bot.staff import privacy
from bot.staff.summary import (
    DECISION_LABELS,
    OUTCOME_LABELS,
    REC_LABELS,
    Summary,
    bar,
    pct,
    period_key,
    period_label,
)

# action_ids (prefixes keep them apart from the walkthrough's ic_ ones)
A_EXPORT = "staff_export"  # value: period key ("30d", "all", ...)
A_PERIOD = "home_period"  # static_select on the staff Home
A_HOME_DELETE = "home_delete"  # student Home, with a confirm dialog
A_DELETE_CONFIRM = "student_delete_confirm"
A_DELETE_CANCEL = "student_delete_cancel"

MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_BLOCKS = 50
FIELD_MAX = 2000
LIST_MAX = 10  # entries per counted list
RECENT_STAFF = 25
RECENT_STUDENT = 20
HISTORY_MAX = 10
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")

PERIOD_OPTIONS = (("7d", "Last 7 days"), ("30d", "Last 30 days"), ("90d", "Last 90 days"), ("all", "All time"))
INTENT_NAMES = {"recruiter": "Recruiter", "referral": "Referral", "collaboration": "Collaboration",
                "networking": "Networking", "sales": "Sales pitch", "unclear": "Unclear"}


# -- small text helpers ----------------------------------------------------------------------------
def mention(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id and _USER_ID.match(user_id) else escape(user_id or "unknown")


def when(value: datetime | None) -> str:
    """A Slack date token (shown in the reader's time zone) with a UTC fallback."""
    if value is None:
        return "—"
    return f"<!date^{int(value.timestamp())}^{{date_short}} {{time}}|{value:%Y-%m-%d %H:%M} UTC>"


def label(mapping: dict[str, str], key: str | None, default: str = "—") -> str:
    if not key:
        return default
    return escape(mapping.get(key) or key.replace("_", " "))


def _counted(title: str, counter: Counter, total: int, names: dict[str, str]) -> str:
    lines = [f"*{title}*"]
    items = counter.most_common()
    for key, n in items[:LIST_MAX]:
        share = f" ({pct(n / total)})" if total else ""
        lines.append(f"• {label(names, key)}: *{n}*{share}")
    if len(items) > LIST_MAX:
        lines.append(f"• … and {len(items) - LIST_MAX} more")
    if not items:
        lines.append("• none yet")
    return "\n".join(lines)


def followup_text(record) -> str:
    fu = record.followup
    if fu.outcome:
        return label(OUTCOME_LABELS, fu.outcome)
    if fu.reminder_sent_at:
        return "asked, no answer yet"
    if fu.remind_at:
        return f"reminder due {when(fu.remind_at)}"
    return "—"


# -- summary ------------------------------------------------------------------------------------------
def summary_body(s: Summary) -> list[Block]:
    """The dashboard's figures (no header, no buttons): shared by the message and the Home tab."""
    if not s.checks:
        return [_section(f"No checks in {period_label(s.days)} yet. Figures appear here as students use "
                         "`/invite-check`.")]
    outcomes_total = sum(s.outcomes.values())
    fields = [
        f"*Checks*\n{s.checks}",
        f"*Students*\n{s.students}",
        f"*Followed the advice*\n{pct(s.followed_rate)} of {s.decided} final decision(s)",
        f"*With a personal note*\n{pct(s.personal_note_rate)} ({s.personal_notes} of {s.checks})",
        f"*Red-flag cases*\n{s.red_flag_cases} ({pct(s.red_flag_cases / s.checks)})",
        f"*Follow-up reply rate*\n{pct(s.reply_rate)} of {outcomes_total} answered",
    ]
    blocks: list[Block] = [SectionBlock(fields=[MarkdownTextObject(text=clip(f, FIELD_MAX)) for f in fields])]
    blocks.append(SectionBlock(fields=[
        _mrkdwn(clip(_counted("Recommendations", s.recommendations, s.checks, REC_LABELS), FIELD_MAX)),
        _mrkdwn(clip(_counted("Decisions", s.decisions, s.checks, DECISION_LABELS), FIELD_MAX)),
    ]))
    blocks.append(_section(_counted("Intents", s.intents, s.checks, INTENT_NAMES)))
    if s.red_flag_cases:
        blocks.append(_section(_counted(f"Red flags ({s.red_flag_cases} case(s))", s.red_flags, s.red_flag_cases,
                                        RED_FLAG_LABELS)))
    follow = [f"*Follow-ups* — {outcomes_total} answered, reply rate {pct(s.reply_rate)},"
              f" {s.reminders_pending} reminder(s) pending, {s.reminders_awaiting} awaiting an answer"]
    for key, n in s.outcomes.most_common()[:LIST_MAX]:
        follow.append(f"• {label(OUTCOME_LABELS, key)}: *{n}*")
    blocks.append(_section("\n".join(follow)))
    if s.weekly:
        biggest = max(n for _, n in s.weekly)
        rows = [f"{week:<17} {bar(n, biggest):<20} {n:>4}" for week, n in s.weekly]
        blocks.append(_section("*Week by week*\n```" + "\n".join(rows) + "```"))
    return blocks


def export_button(days: int | None) -> Block:
    return _button("Export CSV", A_EXPORT, period_key(days),
                   label=f"Export {period_label(days)} as CSV to your DM")


def summary_message(s: Summary) -> tuple[str, list[dict]]:
    """`/invite-summary`'s private answer: (fallback text, blocks)."""
    blocks: list[Block] = [
        _header(f"Invite Check summary: {period_label(s.days)}"),
        ContextBlock(elements=[_mrkdwn(_range(s) + " · only you can see this")]),
        *summary_body(s),
    ]
    if s.checks:
        blocks.append(ActionsBlock(block_id="staff_summary", elements=[export_button(s.days)]))
    text = f"Invite Check summary for {period_label(s.days)}: {s.checks} checks by {s.students} students"
    return text, _dicts(blocks)


def _range(s: Summary) -> str:
    start = f"{s.since:%Y-%m-%d}" if s.since else "the first check"
    return f"From {start} to {s.until:%Y-%m-%d} (UTC)"


def not_staff_text() -> str:
    return ("Sorry, the Invite Check summary is only for career-center staff. If you work there, ask your "
            "Slack admin to add you to the staff list or user group. To check an invitation yourself, use "
            "`/invite-check`.")


def usage_text() -> str:
    return ("Usage: `/invite-summary [7d | 30d | 90d | all]` (default: last 30 days). "
            "For example `/invite-summary 90d`.")


# -- records ------------------------------------------------------------------------------------------
def staff_record_line(record, view: str = privacy.NAMED, key: str | None = None) -> str:
    flags = " · :warning: red flags" if record.signals.red_flags else ""
    who = mention(record.user_id) if view == privacy.NAMED else privacy.pseudonym(record.team_id, record.user_id, key)
    return (f"{who} · {when(record.created_at)} · {label(INTENT_NAMES, record.signals.intent)}"
            f"\nRecommended *{label(REC_LABELS, record.recommendation)}* · decided"
            f" *{label(DECISION_LABELS, record.decision, 'not yet')}* · follow-up: {followup_text(record)}{flags}")


def student_record_line(record) -> str:
    decision = label(DECISION_LABELS, record.decision, "not recorded")
    return (f"*{when(record.created_at)}* · looked like {label(INTENT_NAMES, record.signals.intent).lower()}"
            f"\nRecommended: *{label(REC_LABELS, record.recommendation)}* · you: *{decision}*"
            + (" · :warning: red flags" if record.signals.red_flags else ""))


def _record_sections(lines: Sequence[str], budget: int) -> list[Block]:
    """One section per record, within `budget` blocks (the last one notes what was left out)."""
    if budget <= 0:
        return []
    if len(lines) <= budget:
        return [_section(line) for line in lines]
    shown = max(budget - 1, 0)
    return [_section(line) for line in lines[:shown]] + [
        ContextBlock(elements=[_mrkdwn(f"… and {len(lines) - shown} older check(s) not shown here.")])]


# -- App Home -----------------------------------------------------------------------------------------
def period_select(days: int | None) -> StaticSelectElement:
    options = [Option(value=key, text=PlainTextObject(text=text)) for key, text in PERIOD_OPTIONS]
    key = period_key(days)
    initial = next((o for o in options if o.value == key), options[1])
    return StaticSelectElement(action_id=A_PERIOD, options=options, initial_option=initial,
                               placeholder=PlainTextObject(text="Period"))


def staff_home(s: Summary, recent: Sequence, *, notice: str | None = None, view: str = privacy.NAMED,
               key: str | None = None) -> dict:
    """The staff App Home: dashboard for the period, export, and the period's most recent checks
    (by name or pseudonym as INVITE_CHECK_STAFF_VIEW says; none with `totals`)."""
    blocks: list[Block] = [_header("Invite Check · career-center dashboard")]
    if notice:
        blocks.append(ContextBlock(elements=[_mrkdwn(escape(notice))]))
    controls = [period_select(s.days)]
    if s.checks:
        controls.append(export_button(s.days))
    controls.append(_button("Check an invite", A_START, "home", label="Check a LinkedIn invitation yourself"))
    blocks.append(ActionsBlock(block_id="home_controls", elements=controls))
    blocks.append(ContextBlock(elements=[_mrkdwn(_range(s) + " · visible to staff only")]))
    blocks.extend(summary_body(s))
    blocks.append(DividerBlock())
    if view == privacy.TOTALS:
        blocks.append(ContextBlock(elements=[_mrkdwn(
            "Per-student lists are off in this workspace (INVITE_CHECK_STAFF_VIEW=totals): figures only.")]))
        return View(type="home", callback_id="home_staff", blocks=blocks[:MAX_VIEW_BLOCKS]).to_dict()
    blocks.append(_header("Most recent checks"))
    if view == privacy.PSEUDONYMOUS:
        blocks.append(ContextBlock(elements=[_mrkdwn("Students appear under pseudonyms, the same ones as in the"
                                                     " export (INVITE_CHECK_STAFF_VIEW=pseudonymous).")]))
    if recent:
        budget = min(RECENT_STAFF, MAX_VIEW_BLOCKS - len(blocks))
        blocks.extend(_record_sections([staff_record_line(r, view, key) for r in recent], budget))
    else:
        blocks.append(_section("No checks in this period."))
    return View(type="home", callback_id="home_staff", blocks=blocks[:MAX_VIEW_BLOCKS]).to_dict()


def student_home(records: Sequence, *, total: int | None = None, notice: str | None = None,
                 retention_days: int | None = None, keeps_text: bool = False,
                 staff_view: str = privacy.DEFAULT) -> dict:
    """A student's App Home: start a check, their own recent checks, delete their data."""
    total = len(records) if total is None else total
    blocks: list[Block] = [_header("Invite Check")]
    if notice:
        blocks.append(_section(escape(notice)))
    blocks.append(_section("Got a LinkedIn connection request from someone you don't recognise? I'll help you "
                           "decide in under a minute, and give you the words to send."))
    blocks.append(ActionsBlock(block_id="home_start", elements=[
        _button("Check an invite", A_START, "home", style="primary", label="Check a LinkedIn invitation")]))
    blocks.append(DividerBlock())
    blocks.append(_header("Your recent checks"))
    tail: list[Block] = [DividerBlock(), *_your_data(total, retention_days, keeps_text, staff_view)]
    if records:
        budget = min(RECENT_STUDENT, MAX_VIEW_BLOCKS - len(blocks) - len(tail))
        lines = [student_record_line(r) for r in records]
        blocks.extend(_record_sections(lines, budget))
        if total > len(records) and len(records) <= budget:
            blocks.append(ContextBlock(elements=[_mrkdwn(f"Showing your {len(records)} most recent of {total}.")]))
    else:
        blocks.append(_section("No checks yet. When you check an invite, it shows up here (only you see it)."))
    blocks.extend(tail)
    return View(type="home", callback_id="home_student", blocks=blocks[:MAX_VIEW_BLOCKS]).to_dict()


def _your_data(total: int, retention_days: int | None, keeps_text: bool, staff_view: str) -> list[Block]:
    kept = f"after {retention_days} days" if retention_days else "after the retention period"
    pasted = " the invitation you pasted and its sender's name," if keeps_text else ""
    text = ("*Your data*\nInvite Check keeps your answers, what kind of invite it looked like,"
            f"{pasted} and what you decided."
            f" {privacy.student_notice(staff_view).capitalize()}. Checks are deleted automatically {kept}.")
    if not total:
        return [_section(text)]
    confirm = ConfirmObject(title="Delete all your data?",
                            text=f"This permanently deletes all {total} of your checks. It can't be undone.",
                            confirm="Delete everything", deny="Keep my data", style="danger")
    button = _button("Delete my data", A_HOME_DELETE, "all", style="danger", label="Delete all my Invite Check data")
    button.confirm = confirm
    return [SectionBlock(text=_mrkdwn(text + f"\nYou have *{total}* stored check(s)."), accessory=button)]


# -- slash command messages for students ---------------------------------------------------------------
def history_message(records: Sequence, total: int) -> tuple[str, list[dict]]:
    if not records:
        text = "You have no stored checks. Use `/invite-check` to check an invitation."
        return text, _dicts([_section(text)])
    shown = records[:HISTORY_MAX]
    blocks: list[Block] = [_section(f"*Your recent checks* (only you can see this): {len(shown)} of {total}")]
    blocks.extend(_section(student_record_line(r)) for r in shown)
    blocks.append(ContextBlock(elements=[_mrkdwn("To delete all of them: `/invite-check delete`.")]))
    return f"Your recent checks: {len(shown)} of {total}", _dicts(blocks)


def delete_prompt(total: int) -> tuple[str, list[dict]]:
    if not total:
        text = "You have no stored checks: there is nothing to delete."
        return text, _dicts([_section(text)])
    text = (f"This permanently deletes all *{total}* of your checks from Invite Check, right away."
            " It can't be undone.")
    return text.replace("*", ""), _dicts([
        _section(text),
        ActionsBlock(block_id="student_delete", elements=[
            _button("Delete everything", A_DELETE_CONFIRM, "all", style="danger", label="Delete all my checks"),
            _button("Cancel", A_DELETE_CANCEL, "cancel", label="Keep my checks"),
        ]),
    ])


def deleted_text(count: int) -> str:
    return f":wastebasket: Deleted {count} check(s). Nothing of yours is left in Invite Check."
