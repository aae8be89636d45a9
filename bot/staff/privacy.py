"""Who staff see: INVITE_CHECK_STAFF_VIEW, enforced in one place for the App Home, the summary and the
export, and described in the same words to students (result card, App Home) and staff.

* ``named``: staff see each check with the student's Slack name; the export carries Slack user IDs.
* ``pseudonymous`` (the default): each student appears as a stable pseudonym (``Student 3f9a2c1d``),
  the same one in the App Home and the export, so staff can see that one student keeps meeting
  scams without learning who; the export's ``user_id`` column carries the pseudonym.
* ``totals``: no per-student view at all: the App Home shows the dashboard only, the export leaves
  ``id`` and ``user_id`` empty.

The summary never names anyone in any mode. Pseudonyms are an HMAC of workspace and user ID keyed
with the data's own random key (``DecisionStore.pseudonym_key``, kept in the data file or database),
so nobody can recompute them from user IDs, and the App Home, the Slack export and the CLI export,
reading the same data, always agree. A pseudonym needs that key: there is no fallback.
"""

from __future__ import annotations

import hashlib
import hmac

NAMED, PSEUDONYMOUS, TOTALS = "named", "pseudonymous", "totals"
VIEWS = (NAMED, PSEUDONYMOUS, TOTALS)
DEFAULT = PSEUDONYMOUS


def keyed_hash(key: str | None, text: str) -> str:
    """HMAC-SHA256 of ``text`` under the data's key, in hex; refuses to run without the key."""
    if not key:
        raise ValueError("a pseudonym needs the data's key (DecisionStore.pseudonym_key)")
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


def pseudonym(team_id: str, user_id: str, key: str | None) -> str:
    return "Student " + keyed_hash(key, f"{team_id}:{user_id}")[:8]


def export_identity(view: str, team_id: str, user_id: str, key: str | None) -> str:
    """What the export's user_id column holds for this student."""
    if view == NAMED:
        return user_id
    if view == PSEUDONYMOUS:
        return pseudonym(team_id, user_id, key)
    return ""


def student_notice(view: str) -> str:
    """One sentence for students: what career-center staff can see of their checks."""
    if view == NAMED:
        return (
            "career-center staff see your checks with your name (the kind of invite, the advice and what"
            " you decided), never your messages"
        )
    if view == PSEUDONYMOUS:
        return (
            "career-center staff see totals and your checks under a pseudonym, not your name, and never"
            " your messages"
        )
    return "career-center staff see only totals, never your name or your messages"


def shown_as(
    view: str, team_id: str, user_id: str, key: str | None, *, shared_name: bool = False
) -> str | None:
    """How staff see one student in a list: the Slack user ID (named view, or the student chose to
    share their name, as with an alert), the pseudonym, or None (totals only)."""
    if view == NAMED or shared_name:
        return user_id
    if view == PSEUDONYMOUS:
        return pseudonym(team_id, user_id, key)
    return None
