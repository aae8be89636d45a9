"""Scam clusters: flagged checks by different students that share a sender or a contact point.

One scam usually reaches many students: the same name (and headline) on the invitation, or the same
phone number, chat handle, e-mail address, link or website in it. When two or more different students
of one workspace check such invitations within :data:`WINDOW` of each other, staff can warn the
others. Pure: records in, clusters and text out.

Matching reads what a flagged check keeps (``DecisionRecord.flagged``, or the student's alert on a
check from before that was kept). Names, headlines and contact points are compared after folding
case, spacing and look-alike letters, so "Jаne  DOE" (with a Cyrillic "а") is "Jane Doe"; what staff
see is quoted as the student pasted it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from bot.coaching.analyzer.cues import contact_points
from bot.coaching.analyzer.text import clean
from bot.coaching.analyzer.text import fold as fold_lookalikes
from bot.coaching.vocab import RED_FLAG_LABELS
from bot.store.models import DecisionRecord, Flagged

WINDOW = timedelta(days=14)
MAX_EVIDENCE = 10

# Hosts many unrelated senders use (link shorteners, messengers, webmail, big platforms): a shared
# link there is matched only as the whole link, never as the same website.
SHARED_HOSTS = frozenset(
    {
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
        "cutt.ly", "shorturl.at", "t.ly", "tiny.cc", "rb.gy", "lnkd.in", "linktr.ee",
        "wa.me", "whatsapp.com", "t.me", "telegram.me", "telegram.org", "signal.me", "discord.gg",
        "discord.com", "instagram.com", "facebook.com", "fb.com", "m.me", "x.com", "twitter.com",
        "linkedin.com", "google.com", "forms.gle", "calendly.com", "zoom.us", "microsoft.com",
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "outlook.com", "hotmail.com", "live.com",
        "aol.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.com", "mail.com",
        "yandex.com", "zoho.com", "qq.com", "163.com",
    }
)  # fmt: skip
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Cluster:
    """Flagged checks by two or more students, linked by a shared sender or contact point.

    `senders`: the sender's name(s) as written, most often seen first; `evidence`: the shared contact
    points as written; `signs`: the warning-sign codes seen, most often first; `quotes`: the words
    behind those signs as written, most often first (contact points aside); `formed_at`: when the
    second student's check joined (the moment it became a cluster); `key`: stable while the shared
    things stay the same (to tell a new cluster from one staff were already told about)."""

    key: str
    team_id: str
    senders: tuple[str, ...]
    headline: str | None
    shared_sender: bool
    evidence: tuple[str, ...]
    signs: tuple[str, ...]
    quotes: tuple[str, ...]
    students: int
    checks: int
    first: datetime
    last: datetime
    formed_at: datetime
    record_ids: tuple[str, ...]

    @property
    def sender(self) -> str | None:
        return self.senders[0] if self.senders else None


def flagged_details(sender: str | None, headline: str | None, evidence: Iterable[tuple[str, str]]) -> Flagged:
    """What a flagged check keeps for matching, from the analyzer's (field, phrase) evidence: the
    words behind its warning signs and the contact points it pushed, nothing else of the text."""
    kept = list(
        dict.fromkeys(
            phrase for field, phrase in evidence if field.startswith("red_flag:") or field == "contact"
        )
    )
    return Flagged(
        sender=(sender or "").strip()[:80] or None,
        headline=(headline or "").strip()[:120] or None,
        evidence=[p[:200] for p in kept[:MAX_EVIDENCE]],
    )


def fold(text: str | None) -> str:
    """Text for comparison only: look-alikes folded, case and punctuation ignored, single spaces."""
    if not text:
        return ""
    return " ".join(_NOT_WORD.sub(" ", fold_lookalikes(clean(text)).casefold()).split())


def _host(host: str) -> str:
    host = host.casefold().strip(".")
    return host[4:] if host.startswith("www.") else host


def _shared_host(host: str) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in SHARED_HOSTS for i in range(len(parts) - 1))


def contact_keys(phrase: str) -> list[tuple[str, str]]:
    """(key, the contact point as written) for each contact point in a phrase: phone numbers by their
    last ten digits, addresses and handles without case, links by host and path, and a website (a
    link's or an address's host) unless many senders share that host."""
    out: list[tuple[str, str]] = []
    for point in contact_points(clean(phrase)):
        digits = re.sub(r"\D", "", point)
        if point.startswith("@"):
            out.append(("handle:" + point[1:].casefold(), point))
        elif "@" in point:
            address = point.casefold()
            out.append(("email:" + address, point))
            host = _host(address.rsplit("@", 1)[1])
            if not _shared_host(host):
                out.append(("site:" + host, point))
        elif len(digits) >= 9 and not re.search(r"[^\d\s().+\-]", point):
            out.append(("phone:" + digits[-10:], point))
        else:
            parts = urlsplit(point if "://" in point else "//" + point)
            host = _host(parts.hostname or "")
            if not host:
                continue
            path = parts.path.rstrip("/")
            query = f"?{parts.query}" if parts.query else ""
            if path or query:
                out.append((f"link:{host}{path}{query}", point))
            if not _shared_host(host):
                out.append(("site:" + host, point))
    return out


def _details(record: DecisionRecord) -> Flagged | None:
    """What a flagged check kept for matching (its alert's copy on a check from before)."""
    if record.flagged is not None:
        return record.flagged
    alert = record.alert
    if alert is not None:
        return Flagged(sender=alert.sender, headline=alert.headline, evidence=alert.evidence)
    return None


class _Links:
    """Union-find over record positions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_clusters(records: Iterable[DecisionRecord], *, window: timedelta = WINDOW) -> list[Cluster]:
    """Clusters among the flagged checks in `records`, newest first (by their last check).

    Two checks are linked when they share a contact point, or the sender's name where the headlines
    do not disagree (one of them has none, or both are the same), and were made within `window` of
    each other; linked checks form one cluster, kept when two or more different students made them.
    Workspaces are never mixed."""
    items: list[tuple[DecisionRecord, Flagged]] = []
    for r in records:
        if r.signals.red_flags and (details := _details(r)) is not None:
            items.append((r, details))
    items.sort(key=lambda item: (item[0].created_at, item[0].id))
    links = _Links(len(items))
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)  # (team, key) -> positions, by time
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys_of: list[dict[str, str]] = []
    for i, (r, details) in enumerate(items):
        keys: dict[str, str] = {}
        for phrase in details.evidence:
            for key, written in contact_keys(phrase):
                keys.setdefault(key, written)
        keys_of.append(keys)
        for key in keys:
            chain = by_key[(r.team_id, key)]
            if chain and r.created_at - items[chain[-1]][0].created_at <= window:
                links.join(chain[-1], i)
            chain.append(i)
        name = fold(details.sender)
        if name:
            _link_sender(items, links, by_name[(r.team_id, name)], i, window)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[links.find(i)].append(i)
    clusters = [
        _cluster(items, keys_of, members)
        for members in groups.values()
        if len({items[i][0].user_id for i in members}) >= 2
    ]
    clusters.sort(key=lambda c: (c.last, c.key), reverse=True)
    return clusters


def _link_sender(
    items: Sequence[tuple[DecisionRecord, Flagged]],
    links: _Links,
    earlier: list[int],
    i: int,
    window: timedelta,
) -> None:
    """Link check `i` to the earlier checks from a sender of the same name within the window whose
    headline does not disagree. Scanning back stops at a check with the same headline: it was linked
    to everything before it that `i` could be."""
    at = items[i][0].created_at
    headline = fold(items[i][1].headline)
    for j in reversed(earlier):
        if at - items[j][0].created_at > window:
            break
        other = fold(items[j][1].headline)
        if not headline or not other or headline == other:
            links.join(j, i)
        if other == headline:
            break
    earlier.append(i)


def _cluster(
    items: Sequence[tuple[DecisionRecord, Flagged]], keys_of: Sequence[dict[str, str]], members: list[int]
) -> Cluster:
    records = [items[i][0] for i in members]
    details = [items[i][1] for i in members]
    names: Counter[str] = Counter()
    written: dict[str, str] = {}  # folded name -> as first written
    headlines: Counter[str] = Counter()
    headline_written: dict[str, str] = {}
    for d in details:
        if d.sender:
            names[fold(d.sender)] += 1
            written.setdefault(fold(d.sender), d.sender.strip())
        if d.headline:
            headlines[fold(d.headline)] += 1
            headline_written.setdefault(fold(d.headline), d.headline.strip())
    senders = tuple(written[n] for n, _ in names.most_common())
    shared_sender = any(n >= 2 for n in names.values())
    headline = headline_written[headlines.most_common(1)[0][0]] if headlines else None
    key_count: Counter[str] = Counter(k for i in members for k in keys_of[i])
    shared = sorted(k for k, n in key_count.items() if n >= 2)
    evidence: dict[str, None] = {}
    for k in shared:
        quote = next(keys_of[i][k] for i in members if k in keys_of[i])
        if not any(fold(quote) == fold(e) for e in evidence):
            evidence[quote] = None
    signs = Counter(code for r in records for code in r.signals.red_flags)
    said: Counter[str] = Counter()
    quoted: dict[str, str] = {}
    for i in members:
        for phrase in items[i][1].evidence:
            if not contact_keys(phrase):
                folded = fold(phrase)
                quoted.setdefault(folded, phrase.strip())
                said[folded] += 1
    students: set[str] = set()
    formed_at = records[-1].created_at
    for r in records:
        students.add(r.user_id)
        if len(students) == 2:
            formed_at = r.created_at
            break
    basis = [f"name:{n}" for n, c in names.items() if c >= 2] + shared
    key = hashlib.sha256("\n".join([records[0].team_id, *sorted(basis)]).encode()).hexdigest()[:16]
    return Cluster(
        key=key,
        team_id=records[0].team_id,
        senders=senders,
        headline=headline,
        shared_sender=shared_sender,
        evidence=tuple(evidence)[:MAX_EVIDENCE],
        signs=tuple(code for code, _ in signs.most_common()),
        quotes=tuple(quoted[f] for f, _ in said.most_common(4) if f),
        students=len({r.user_id for r in records}),
        checks=len(records),
        first=records[0].created_at,
        last=records[-1].created_at,
        formed_at=formed_at,
        record_ids=tuple(r.id for r in records),
    )


def campus_warning(cluster: Cluster) -> str:
    """A warning staff can copy to a campus channel or newsletter: who, what to look for, what to do.
    Plain text, names no student."""
    if cluster.senders:
        who = " or ".join(f"“{name}”" for name in cluster.senders[:3])
        if cluster.headline:
            who += f" ({cluster.headline})"
        opening = (
            f"At least {cluster.students} of our students have recently received LinkedIn invitations"
            f" from {who} that show the signs of a scam."
        )
    else:
        opening = (
            f"At least {cluster.students} of our students have recently received LinkedIn invitations"
            " that show the signs of a scam and share the same contact details."
        )
    lines = ["Heads-up: a LinkedIn scam is reaching our students", "", opening]
    if cluster.evidence:
        shown = ", ".join(cluster.evidence[:4])
        lines.append(f"They ask students to carry on the conversation at {shown}.")
    signs = [RED_FLAG_LABELS[code] for code in cluster.signs if code in RED_FLAG_LABELS][:3]
    signs = [sign[0].lower() + sign[1:] for sign in signs]
    if signs:
        lines.append("What gives it away: " + "; ".join(signs) + ".")
    lines += [
        "",
        "If you get one of these:",
        "• Don't reply, and don't move the chat to WhatsApp, Telegram, text or a personal e-mail.",
        "• Don't pay anything or send gift cards, bank details, ID or passwords, whatever they promise.",
        "• Report the profile on LinkedIn (open it, then More > Report) and ignore the invitation.",
        "• Tell the career center, especially if you already replied, paid or shared something:"
        " we are here to help, and nobody is in trouble.",
        "",
        "A real recruiter never asks for money or for your bank details to offer you a job.",
    ]
    return "\n".join(lines)
