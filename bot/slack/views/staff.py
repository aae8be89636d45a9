"""Block Kit for the staff summary and the staff App Home: pure builders (the student's: bot.slack.views.student_pages).

Values read from the store (intents, red-flag codes, option ids) are escaped like any user text:
a record is data, and data can come from an older release or a hand-edited file. Student IDs are
rendered as real mentions only when they look like Slack user IDs. Every list is capped so the
Home tab stays within 100 blocks and every text within its limit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.coaching.analyzer import RED_FLAG_LABELS
from bot.coaching.vocab import (
    DECISION_LABELS,
    INTENT_NAMES,
    OUTCOME_LABELS,
    REASON_NAMES,
    REASON_STEP,
    RECOMMENDATION_LABELS,
)
from bot.slack.views.kit import (
    actions_block,
    button_el,
    context_block,
    divider_block,
    escape,
    fields_block,
    header_block,
    home_view,
    option_obj,
    preformatted_block,
    section_block,
    select_el,
    when,
)
from bot.slack.views.student import A_START
from bot.staff import digest as dg
from bot.staff import privacy
from bot.staff import summary as sm
from bot.staff.clusters import Cluster, campus_warning
from bot.staff.summary import (
    Summary,
    bar,
    pct,
    period_key,
    period_label,
)
from bot.store import DecisionRecord

# action_ids (prefixes keep them apart from the walkthrough's ic_ ones)
A_EXPORT = "staff_export"  # value: period key ("30d", "all", ...)
A_PERIOD = "home_period"  # static_select on the staff Home

MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_BLOCKS = 50
LIST_MAX = 10  # entries per counted list
RECENT_STAFF = 25
ATTENTION_BLOCKS = 12  # the App Home's "Needs attention" list: a header and up to 11 checks
ATTENTION_DAYS = 30
CLUSTER_BLOCKS = 8  # the App Home's scam clusters: a header and up to three clusters of two blocks each
STUDENTS_LISTED = 10  # students named or pseudonymised per cluster
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")

PERIOD_OPTIONS = (
    ("7d", "Last 7 days"),
    ("30d", "Last 30 days"),
    ("90d", "Last 90 days"),
    ("all", "All time"),
)


# -- small text helpers ----------------------------------------------------------------------------
def mention(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id and _USER_ID.match(user_id) else escape(user_id or "unknown")


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


def followup_text(record: DecisionRecord) -> str:
    fu = record.followup
    if fu.outcome:
        return label(OUTCOME_LABELS, fu.outcome)
    if fu.reminder_sent_at:
        return "asked, no answer yet"
    if fu.remind_at:
        return f"reminder due {when(fu.remind_at)}"
    return "—"


# -- summary ------------------------------------------------------------------------------------------
def summary_body(s: Summary) -> list[dict]:
    """The dashboard's figures (no header, no buttons): shared by the message and the Home tab."""
    if not s.checks:
        return [
            section_block(
                f"No checks in {period_label(s.days)} yet. Figures appear here as students use "
                "`/invite-check`."
            )
        ]
    outcomes_total = sum(s.outcomes.values())
    fields = [
        f"*{sm.LABEL_CHECKS}*\n{s.checks}",
        f"*{sm.LABEL_STUDENTS}*\n{s.students}",
        f"*{sm.LABEL_FOLLOWED}*\n{pct(s.followed_rate)} of {s.decided} final decision(s)",
        f"*{sm.LABEL_NOTES}*\n{pct(s.personal_note_rate)} ({s.personal_notes} of {s.checks})",
        f"*{sm.LABEL_FLAGGED}*\n{s.red_flag_cases} ({pct(s.red_flag_cases / s.checks)})",
        f"*Follow-up reply rate*\n{pct(s.reply_rate)} of {outcomes_total} answered",
    ]
    blocks: list[dict] = [fields_block(fields)]
    blocks.append(
        fields_block(
            [
                _counted(sm.LABEL_RECOMMENDATIONS, s.recommendations, s.checks, RECOMMENDATION_LABELS),
                _counted(sm.LABEL_DECISIONS, s.decisions, s.checks, DECISION_LABELS),
            ]
        )
    )
    answered = sum(s.reasons.values())
    blocks.append(
        fields_block(
            [
                _counted(sm.reasons_label(answered, s.checks), s.reasons, answered, REASON_NAMES),
                _counted(sm.intents_label(s), s.intents, sum(s.intents.values()), INTENT_NAMES),
            ]
        )
    )
    if s.red_flag_cases:
        blocks.append(
            section_block(
                _counted(
                    f"{sm.LABEL_FLAGS} ({s.red_flag_cases} check(s))",
                    s.red_flags,
                    s.red_flag_cases,
                    RED_FLAG_LABELS,
                )
            )
        )
    follow = [
        f"*Follow-ups* — {outcomes_total} answered, reply rate {pct(s.reply_rate)},"
        f" {s.reminders_pending} reminder(s) pending, {s.reminders_awaiting} awaiting an answer"
    ]
    for key, n in s.outcomes.most_common()[:LIST_MAX]:
        follow.append(f"• {label(OUTCOME_LABELS, key)}: *{n}*")
    blocks.append(section_block("\n".join(follow)))
    if s.weekly:
        biggest = max(n for _, n in s.weekly)
        rows = [f"{week:<17} {bar(n, biggest):<20} {n:>4}" for week, n in s.weekly]
        blocks.append(section_block(f"*{sm.LABEL_WEEKLY}*\n```" + "\n".join(rows) + "```"))
    return blocks


def export_button(days: int | None) -> dict:
    return button_el(
        "Export CSV", A_EXPORT, period_key(days), label=f"Export {period_label(days)} as CSV to your DM"
    )


def summary_message(s: Summary) -> tuple[str, list[dict]]:
    """`/invite-summary`'s private answer: (fallback text, blocks)."""
    blocks: list[dict] = [
        header_block(f"Invite Check summary: {period_label(s.days)}"),
        context_block(_range(s) + " · only you can see this"),
        *summary_body(s),
    ]
    if s.checks:
        blocks.append(actions_block("staff_summary", [export_button(s.days)]))
    text = f"Invite Check summary for {period_label(s.days)}: {s.checks} checks by {s.students} students"
    return text, list(blocks)


def _range(s: Summary) -> str:
    start = f"{s.since:%Y-%m-%d}" if s.since else "the first check"
    return f"From {start} to {s.until:%Y-%m-%d} (UTC)"


def not_staff_text() -> str:
    return (
        "Sorry, the Invite Check summary is only for career-center staff. If you work there, ask your "
        "Slack admin to add you to the staff list or user group. To check an invitation yourself, use "
        "`/invite-check`."
    )


def usage_text() -> str:
    return (
        "Usage: `/invite-summary [7d | 30d | 90d | all]` (default: last 30 days). "
        "For example `/invite-summary 90d`."
    )


# -- records ------------------------------------------------------------------------------------------
def _why(record: DecisionRecord) -> str:
    """The student's own answer to "why", with the analyzer's reading beside it, each named for what it is."""
    reading = f"text suggested {label(INTENT_NAMES, record.signals.intent).lower()}"
    reason = record.answers.get(REASON_STEP)
    return f"student says {label(REASON_NAMES, reason).lower()} ({reading})" if reason else reading


def staff_record_line(record: DecisionRecord, view: str = privacy.NAMED, key: str | None = None) -> str:
    flags = " · :warning: red flags" if record.signals.red_flags else ""
    who = (
        mention(record.user_id)
        if view == privacy.NAMED
        else privacy.pseudonym(record.team_id, record.user_id, key)
    )
    return (
        f"{who} · {when(record.created_at)} · {_why(record)}"
        f"\nRecommended *{label(RECOMMENDATION_LABELS, record.recommendation)}* · decided"
        f" *{label(DECISION_LABELS, record.decision, 'not yet')}* · follow-up: {followup_text(record)}{flags}"
    )


def needs_attention(record: DecisionRecord) -> bool:
    """A check staff should look at: the student sent an alert, or engaged with a flagged invitation."""
    return record.alert is not None or (
        bool(record.signals.red_flags) and record.decision in ("accepted", "replied_first")
    )


def alert_student(record: DecisionRecord, view: str, key: str | None) -> str:
    """Who sent an alert: named when they chose to share their name (or staff see names anyway)."""
    if (record.alert is not None and record.alert.named) or view == privacy.NAMED:
        return mention(record.user_id)
    if view == privacy.PSEUDONYMOUS:
        return privacy.pseudonym(record.team_id, record.user_id, key)
    return "A student (name not shared)"


def alert_lines(record: DecisionRecord, view: str, key: str | None) -> list[str]:
    """What staff are told about a flagged check: signs, sender as pasted, the words behind each sign."""
    alert = record.alert
    flags = alert.flags if alert is not None else record.signals.red_flags
    signs = ", ".join(RED_FLAG_LABELS.get(f, f) for f in flags) or "warning signs"
    lines = [f"*{alert_student(record, view, key)}* · {when(alert.at if alert else record.created_at)}"]
    if alert is not None and (alert.sender or alert.headline):
        sender = " · ".join(escape(x) for x in (alert.sender, alert.headline) if x)
        lines.append(f"*Sender:* {sender}")
    lines.append(f"*Warning signs:* {signs}")
    if alert is not None and alert.evidence:
        lines.append("*Their words:* " + "  ".join(f"“{escape(e)}”" for e in alert.evidence[:6]))
    decided = label(DECISION_LABELS, record.decision, "not recorded yet")
    lines.append(f"*What the student did:* {decided}")
    if record.alert is None:
        lines.append(
            "_The student did not send an alert; shown because they engaged with a flagged invitation._"
        )
    return lines


def alert_message(record: DecisionRecord, view: str, key: str | None) -> tuple[str, list[dict]]:
    """The DM each staff member gets when a student taps "Tell my career center"."""
    text = "A student reported a possible scam on LinkedIn"
    blocks = [
        header_block(":rotating_light: Possible scam reported by a student"),
        section_block("\n".join(alert_lines(record, view, key))),
        context_block(
            "You may want to warn other students about this sender. The student was told to ignore and"
            " report it; open the App Home for everything that needs attention."
        ),
    ]
    return text, blocks


# -- scam clusters ------------------------------------------------------------------------------------
def cluster_lines(c: Cluster) -> list[str]:
    """Who sent it, what the students' checks share, what it says, how many students and when."""
    if c.senders:
        sender = " / ".join(f"“{escape(name)}”" for name in c.senders[:3])
        if c.headline:
            sender += f" ({escape(c.headline)})"
    else:
        sender = "no name in common; the checks share contact details"
    shared = (["the sender's name"] if c.shared_sender else []) + [f"`{escape(e)}`" for e in c.evidence]
    lines = [f"*Sender:* {sender}", f"*What their checks share:* {', '.join(shared)}"]
    if c.quotes:
        lines.append("*Their words:* " + "  ".join(f"“{escape(q)}”" for q in c.quotes))
    if c.signs:
        lines.append("*Warning signs:* " + ", ".join(escape(RED_FLAG_LABELS.get(x, x)) for x in c.signs))
    lines.append(f"*Reach:* {c.students} students, {c.checks} checks, from {when(c.first)} to {when(c.last)}")
    return lines


def cluster_students(records: Sequence, view: str, key: str | None) -> str:
    """The cluster's students as the staff view shows them (named when they shared their name with an
    alert), each with when they checked."""
    if view == privacy.TOTALS and not any(r.alert is not None and r.alert.named for r in records):
        return "_Students are not shown (INVITE_CHECK_STAFF_VIEW=totals)._"
    lines = ["*Students:*"]
    for r in records[:STUDENTS_LISTED]:
        shared = r.alert is not None and r.alert.named
        who = privacy.shown_as(view, r.team_id, r.user_id, key, shared_name=shared)
        shown = mention(who) if who == r.user_id else escape(who or "A student (name not shared)")
        lines.append(f"• {shown} · checked {when(r.created_at)}")
    if len(records) > STUDENTS_LISTED:
        lines.append(f"• … and {len(records) - STUDENTS_LISTED} more check(s)")
    return "\n".join(lines)


WARNING_INTRO = (
    "*A campus warning, ready to copy* into a channel, an e-mail or the newsletter (the bot posts"
    " nothing to students on its own):"
)


def cluster_blocks(c: Cluster, records: Sequence, view: str, key: str | None) -> list[dict]:
    """One cluster in two blocks: what staff need to know, then the warning to copy."""
    summary = [*cluster_lines(c), cluster_students(records, view, key), "", WARNING_INTRO]
    return [section_block("\n".join(summary)), preformatted_block(campus_warning(c))]


def cluster_alert_message(
    c: Cluster, records: Sequence, view: str, key: str | None
) -> tuple[str, list[dict]]:
    """The DM each staff member gets once when flagged checks by two or more students share a sender
    or a contact point."""
    sender = f" from “{c.sender}”" if c.sender else ""
    text = f"Scam alert: invitations{sender} reached {c.students} students in the last 14 days"
    blocks = [
        header_block(":rotating_light: One scam is reaching several students"),
        *cluster_blocks(c, records, view, key),
        context_block(
            "Alerted once per cluster. The App Home lists the scams reaching students now, then the"
            " checks that need you."
        ),
    ]
    return text, blocks


def clusters_home_blocks(
    clusters: Sequence[tuple[Cluster, Sequence]], view: str, key: str | None, budget: int = CLUSTER_BLOCKS
) -> list[dict]:
    """The top of the staff App Home: scams reaching several students now, newest first, within
    `budget` blocks (a header, two blocks per cluster, a line for those left out)."""
    if not clusters:
        return []
    room = max((budget - 2) // 2, 0)
    blocks = [header_block(f":rotating_light: Scams reaching several students ({len(clusters)})")]
    for c, records in clusters[:room]:
        blocks.extend(cluster_blocks(c, records, view, key))
    if len(clusters) > room:
        blocks.append(context_block(f"… and {len(clusters) - room} older cluster(s) not shown here."))
    return blocks


def attention_blocks(records: Sequence, view: str, key: str | None, budget: int) -> list[dict]:
    """The top of the staff App Home: alerts and students who engaged with a flagged invitation."""
    if not records:
        return []
    blocks = [header_block(f":rotating_light: Needs attention ({len(records)})")]
    lines = ["\n".join(alert_lines(r, view, key)) for r in records]
    return blocks + record_sections(lines, budget - 1)


def record_sections(lines: Sequence[str], budget: int) -> list[dict]:
    """One section per record, within `budget` blocks (the last one notes what was left out)."""
    if budget <= 0:
        return []
    if len(lines) <= budget:
        return [section_block(line) for line in lines]
    shown = max(budget - 1, 0)
    return [section_block(line) for line in lines[:shown]] + [
        context_block(f"… and {len(lines) - shown} older check(s) not shown here.")
    ]


# -- the weekly digest ----------------------------------------------------------------------------------
DIGEST_CLUSTERS = 3  # clusters shown in full in the digest DM (two blocks each)
DIGEST_LIST_MAX = 10  # checks listed per heading


def _change(c: dg.Change, days: int) -> str:
    return f"*{c.now}* ({c.delta:+d} on the {days} days before, when it was {c.before})"


def _attention_line(a: dg.Attention) -> str:
    who = mention(a.student) if a.named else escape(a.student or "A student (name not shared)")
    parts = [who, when(a.at)]
    if a.decision:
        parts.append(label(DECISION_LABELS, a.decision).lower())
    if a.sender:
        parts.append(f"from “{escape(a.sender)}”")
    if a.signs:
        parts.append(", ".join(escape(RED_FLAG_LABELS.get(x, x)) for x in a.signs))
    return "• " + " · ".join(parts)


def _attention_section(title: str, items: Sequence[dg.Attention]) -> dict:
    lines = [f"*{title}:* {len(items)}"]
    lines.extend(_attention_line(a) for a in items[:DIGEST_LIST_MAX])
    if len(items) > DIGEST_LIST_MAX:
        lines.append(f"• … and {len(items) - DIGEST_LIST_MAX} more in the App Home")
    return section_block("\n".join(lines))


def digest_message(d: dg.Digest) -> tuple[str, list[dict]]:
    """The weekly digest DM: what needs staff first (new scam clusters with a warning to copy, flagged
    invitations students engaged with, students who asked for help), then the week's figures against the
    week before, what students faced, and where the rest is. The chart follows as an image."""
    blocks: list[dict] = [
        header_block(f"Invite Check · your digest of the last {d.days} days"),
        context_block(
            f"From {d.since:%Y-%m-%d} to {d.until:%Y-%m-%d} (UTC) · sent to career-center staff only"
        ),
        section_block(f"*{dg.LABEL_CLUSTERS}:* {len(d.clusters)}"),
    ]
    for c in d.clusters[:DIGEST_CLUSTERS]:
        summary = [*cluster_lines(c), "", WARNING_INTRO]
        blocks += [section_block("\n".join(summary)), preformatted_block(campus_warning(c))]
    if len(d.clusters) > DIGEST_CLUSTERS:
        blocks.append(context_block(f"… and {len(d.clusters) - DIGEST_CLUSTERS} more in the App Home."))
    blocks.append(_attention_section(dg.LABEL_ENGAGED, d.engaged))
    blocks.append(_attention_section(dg.LABEL_HELP, d.asked_for_help))
    blocks.append(divider_block())
    blocks.append(
        fields_block(
            [
                f"*Checks*\n{_change(d.checks, d.days)}",
                f"*Students who checked*\n{_change(d.students, d.days)}",
                f"*Checks with warning signs*\n{_change(d.flagged, d.days)}",
            ]
        )
    )
    answered = sum(d.reasons.values())
    blocks.append(
        fields_block(
            [
                _counted(f"{dg.LABEL_REASONS} ({answered} of {d.checks.now} checks answered)", d.reasons,
                         answered, REASON_NAMES),
                _counted(f"{dg.LABEL_SIGNS} ({d.flagged.now} flagged checks)", d.signs, d.flagged.now,
                         RED_FLAG_LABELS),
            ]
        )
    )  # fmt: skip
    blocks.append(
        context_block(
            f"Below: {dg.LABEL_WEEKLY.lower()}, the last {len(d.weekly)} weeks. Everything else (every"
            " check, the figures of any period, the CSV export) is in the *Home* tab of Invite Check."
        )
    )
    text = (
        f"Invite Check digest: {d.checks.now} checks ({d.checks.delta:+d}), {len(d.clusters)} new scam"
        f" cluster(s), {len(d.engaged)} flagged invitation(s) engaged with, {len(d.asked_for_help)} call(s)"
        " for help"
    )
    return text, blocks


# -- App Home -----------------------------------------------------------------------------------------
def period_select(days: int | None) -> dict:
    options = [option_obj(key, text) for key, text in PERIOD_OPTIONS]
    key = period_key(days)
    initial = next((o for o in options if o["value"] == key), options[1])
    return select_el(A_PERIOD, options, initial=initial, placeholder="Period")


def staff_home(
    s: Summary,
    recent: Sequence,
    *,
    notice: str | None = None,
    view: str = privacy.NAMED,
    key: str | None = None,
    attention: Sequence = (),
    clusters: Sequence[tuple[Cluster, Sequence]] = (),
) -> dict:
    """The staff App Home: what needs attention first (scams reaching several students, then alerts and
    students who engaged with a flagged invitation), then the dashboard for the period, export, and the
    period's most recent checks (by name or pseudonym as INVITE_CHECK_STAFF_VIEW says; none with `totals`)."""
    blocks: list[dict] = [header_block("Invite Check · career-center dashboard")]
    if notice:
        blocks.append(context_block(escape(notice)))
    blocks.extend(clusters_home_blocks(clusters, view, key))
    blocks.extend(attention_blocks(attention, view, key, ATTENTION_BLOCKS))
    controls = [period_select(s.days)]
    if s.checks:
        controls.append(export_button(s.days))
    controls.append(
        button_el("Check an invite", A_START, "home", label="Check a LinkedIn invitation yourself")
    )
    blocks.append(actions_block("home_controls", controls))
    blocks.append(context_block(_range(s) + " · visible to staff only"))
    blocks.extend(summary_body(s))
    blocks.append(divider_block())
    if view == privacy.TOTALS:
        blocks.append(
            context_block(
                "Per-student lists are off in this workspace (INVITE_CHECK_STAFF_VIEW=totals): figures only."
            )
        )
        return home_view("home_staff", blocks, MAX_VIEW_BLOCKS)
    blocks.append(header_block("Most recent checks"))
    if view == privacy.PSEUDONYMOUS:
        blocks.append(
            context_block(
                "Students appear under pseudonyms, the same ones as in the"
                " export (INVITE_CHECK_STAFF_VIEW=pseudonymous)."
            )
        )
    if recent:
        budget = min(RECENT_STAFF, MAX_VIEW_BLOCKS - len(blocks))
        blocks.extend(record_sections([staff_record_line(r, view, key) for r in recent], budget))
    else:
        blocks.append(section_block("No checks in this period."))
    return home_view("home_staff", blocks, MAX_VIEW_BLOCKS)
