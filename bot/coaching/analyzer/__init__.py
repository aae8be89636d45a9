"""Invitation text -> the signals the coaching flow uses, each with the phrase behind it.

Labels follow LABELS.md (the policy independent reviewers use). The pieces, one concern per module:
text.py cleans (Slack's markup, invisible characters) and folds look-alike letters for matching,
paste.py reads the page's shape (card, greeting, signature), stock.py knows LinkedIn's own texts, cues.py
holds the precise rules (claimed contact, description cues, a referral's direction, red flags), scam.py
reads disguised scams, details.py the details a reply names, and model.py the learned intent classifier.
The rules match the folded text; names, details and quoted phrases are the student's own characters.
Pure: no I/O beyond loading the model file once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from bot.coaching.analyzer import cues, details, paste, scam, stock
from bot.coaching.analyzer.details import Details
from bot.coaching.analyzer.model import feature_groups
from bot.coaching.analyzer.model import load as load_model
from bot.coaching.analyzer.scam_model import features as scam_features
from bot.coaching.analyzer.scam_model import load as load_scam_model
from bot.coaching.analyzer.text import clean, fold, lower
from bot.coaching.vocab import (  # noqa: F401 - re-exported (train, tests, bench, the Slack views)
    INTENTS,
    RED_FLAG_LABELS,
    Intent,
)

MAX_CHARS = 3000
_MAX_PHRASE = 120


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str
    phrase: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """What `analyze` read in one invitation: the contract's fields and what the walkthrough uses besides."""

    custom_message: bool
    claims_prior_contact: bool
    intent: Intent
    requester_name: str | None
    red_flags: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    truncated: bool
    is_description: bool
    intent_confidence: float = 1.0
    intent_sure: bool = True  # confident enough to pre-select an answer for the student
    scam: bool = False  # warning signs strong enough to skip the questions: the safety card
    headline: str | None = None  # the sender's headline as pasted, when the paste has one
    details: Details = Details()  # what a reply can name: company, role, event, school, mutual
    language: str = "en"  # ISO 639-1 code of the note (of the description, for a description)
    referral: str | None = None  # "asks": the sender asks the student for a referral; "offers": offers one
    knows_sender: bool = False  # the student's description places the sender ("my old lab partner")
    proposes_chat: bool = False  # the note proposes a call, a chat or a coffee

    @property
    def asks_referral(self) -> bool:
        """The sender asks the student for a referral (the student would vouch for them)."""
        return self.referral == "asks"


def to_contract(s: Analysis) -> dict:
    """The JSON of `python -m bot analyze` (evidence as "field: phrase")."""
    return {
        "custom_message": s.custom_message,
        "claims_prior_contact": s.claims_prior_contact,
        "scam": s.scam,
        "details": {**s.details.as_dict(), "referral": s.referral},
        "language": s.language,
        "intent": s.intent,
        "intent_confidence": round(s.intent_confidence, 3),
        "requester_name": s.requester_name,
        "red_flags": list(s.red_flags),
        "evidence": [f"{e.field}: {e.phrase}" for e in s.evidence],
        "truncated": s.truncated,
        "is_description": s.is_description,
    }


_WORDS = re.compile(r"[^\W\d_]{2,}")
_SENTENCE = re.compile(r"[^.!?\n]{2,}[.!?]?")


class _Quotes:
    """Collects (field, phrase) pairs. The rules match the folded text (text.fold); what is shown to the
    student is the same span of the clean text, in the characters they pasted."""

    def __init__(self, shown: str, folded: str) -> None:
        self.text = shown
        self.folded = folded
        self.low = lower(folded)
        self.items: list[Evidence] = []

    def as_written(self, found: str | None) -> str | None:
        """A span the rules found in the folded text, as the clean text writes it."""
        if not found:
            return found
        i = self.folded.find(found)
        if i >= 0:
            return self.text[i : i + len(found)]
        m = re.search(r"\s+".join(map(re.escape, found.split())), self.folded)  # lines joined by the rules
        return " ".join(self.text[m.start() : m.end()].split()) if m else found

    def add(self, field: str, phrase: str) -> None:
        phrase = phrase.strip(" \n,;:-.!?")
        if len(phrase) > _MAX_PHRASE:
            cut = phrase[:_MAX_PHRASE]
            sp = cut.rfind(" ")
            phrase = cut[:sp] if sp > 40 else cut
        if not phrase:
            return
        i = self.low.find(lower(phrase))
        if i >= 0:
            phrase = self.text[i : i + len(phrase)]
        self.items.append(Evidence(field, phrase))


@dataclass(slots=True)
class _Parts:
    """The invitation taken apart: who sent it, their headline, their own words, LinkedIn's stock lines."""

    is_description: bool
    custom: bool
    note: str  # lower-cased: the sender's own words (a paste) or the whole description
    headline: str  # lower-cased
    name: str | None
    stock_hits: list[str]
    ties: list[str]  # LinkedIn relationship lines
    headline_text: str = ""  # the headline as written
    note_text: str = ""  # the sender's words (a paste) or the whole description, as written


def _read_description(
    norm: str, low: str, ev: _Quotes, request: tuple[str, str | None] | None = None
) -> _Parts:
    """A student's words: what they report of the note and who they say sent it. For the student's own
    request for a message ("I already accepted Dana's request, help me write a thank-you") there is no
    note to report, and the sender is the person they name."""
    if request:
        ok = paste.name_ok(request[1] or "")
        if ok:
            ev.add("requester_name", ok)
        return _Parts(True, False, low, "", ok, [], [], "", norm)
    custom, phrase = cues.described_note(low)
    if phrase and (custom or stock.STOCK.search(phrase)):  # "no note" is no quote of a note
        ev.add("custom_message", phrase)
    name = None
    for rx in _DESC_NAMES:
        for m in rx.finditer(norm):
            ok = paste.name_ok(paste.lead_name(m.group(1)))
            if ok and not _DESC_NAME_ORG.search(norm, max(0, m.start() - 16), m.start()):
                ev.add("requester_name", ok)
                return _Parts(True, custom, low, "", ok, [], [], "", norm)
    pos = 0
    while (named := _DESC_NAME.search(norm, pos)) is not None:
        pos = named.start() + 1  # overlapping scan: "request from a recruiter named Sam"
        cand = paste.lead_name(named.group(1))
        end = named.start(1) + len(cand)
        strict = _DESC_NAME_STRICT.search(named.group(0))
        if not cand or not strict and not norm[end:].lstrip().startswith("("):
            continue
        if _DESC_NAME_ORG.search(norm, max(0, named.start() - 16), named.start()):
            continue  # "a company called Nexus Global" names a company, not the sender
        ok = paste.name_ok(cand)
        if ok:
            name = ok
            ev.add("requester_name", norm[named.start() : end])
            break
    for note in cues.quoted(norm) if name is None else ():
        intro, phrase = paste.self_intro(note, set())  # the note quoted: "message says 'hi, it's Leah...'"
        if intro:
            name = intro
            ev.add("requester_name", phrase)
            break
    return _Parts(True, custom, low, "", name, [], [], "", norm)


def _read_paste(norm: str, ev: _Quotes) -> _Parts:
    p = paste.parse(norm)
    exclude: set[str] = {p.recipient.lower(), p.recipient.split()[0].lower()} if p.recipient else set()
    for ln in p.body[:1]:
        _, greeted = paste.strip_greeting(ln)
        if greeted:  # "Hi Sam," names the student, never the sender
            exclude |= {greeted.lower(), greeted.split()[0].lower()}
    body = "\n".join(p.body)
    rest, hits, ties = stock.strip_stock(body, lower(body))
    hits = p.header_lines + hits
    tie_name = next((n for ln in p.body if (n := stock.relationship_sender(ln))), None)
    sig_name, sig_text = paste.signature(rest, exclude)
    if sig_text:
        k = rest.rfind(sig_text)
        rest = rest[:k] + "\n" + rest[k + len(sig_text) :]
    intro_name, intro_phrase = paste.self_intro(rest, exclude)
    # The name: the LinkedIn card is the most reliable, then a self-introduction, then the sign-off.
    name = None
    for cand, phrase in (
        (p.header_name[0] if p.header_name else None, p.header_name[1] if p.header_name else ""),
        (p.line_name, p.line_name or ""),
        (paste.name_ok(tie_name or "", exclude), tie_name or ""),
        (intro_name, intro_phrase),
        (sig_name, sig_text),
    ):
        if cand:
            name = cand
            ev.add("requester_name", phrase)
            break
    for longer in (p.line_name, intro_name, sig_name):
        if (
            name
            and longer
            and longer != name
            and longer.split()[0] == name.split()[0]
            and len(longer) > len(name)
        ):
            name = longer
            break
    note_lines = []
    for ln in rest.split("\n"):
        ln = paste.strip_greeting(ln.strip(" .,!-"))[0].strip(" .,!-")
        if ln and ln != name and ln != tie_name:
            note_lines.append(ln)
    note = "\n".join(note_lines)
    custom = len(_WORDS.findall(note)) >= 2
    if custom:
        first = next(ln for ln in note_lines if _WORDS.search(ln))
        sent = _SENTENCE.search(first)
        ev.add("custom_message", sent.group(0) if sent else first)
    elif hits or ties:
        ev.add("custom_message", (hits or ties)[0])
    return _Parts(
        False,
        custom,
        lower(note) if custom else "",
        lower(p.headline),
        name,
        hits,
        ties,
        p.headline,
        note if custom else "",
    )


_DESC_NAME = re.compile(
    rf"(?:\b(?:named|called)|\b(?:invite|invitation|request|message|note|dm) from|^from|\bfrom)"
    rf" ((?:Dr\.? )?{paste.NAME})",
    re.I,
)
_PERSON = (
    r"(?:friend|coworker|co-worker|classmate|colleague|manager|boss|supervisor|teammate|roommate|neighbou?r|"
    r"cousin|buddy|partner|TA|professor|prof|mentor|recruiter|guy|girl|woman|man|lady|dude|someone|person|"
    r"alum|alumnus|alumna|lady|founder|ceo|engineer|student|senior|junior|sophomore|freshman)"
)
_DESC_NAMES = (
    re.compile(rf"\(((?:Prof(?:essor)?\.? |Dr\.? |Mr\.? |Ms\.? |Mrs\.? )?{paste.NAME})\)"),
    re.compile(
        rf"\b{_PERSON}(?: (?:from|at|in|of) [^,.()\n]{{1,60}})?,? ({paste.NAME})(?=,| who\b| sent\b| added\b| wants\b|"
        rf" is\b| says\b| said\b| messaged\b| asked\b| just\b| reached\b| wrote\b| \(|[.!]|$)",
        re.I,
    ),
    re.compile(
        rf"(?:^|[.!?] )((?:Prof(?:essor)?\.? |Dr\.? |Mr\.? |Ms\.? |Mrs\.? )?{paste.NAME}) (?:who|sent|added|wants|"
        rf"messaged|asked|says|said|just|reached|wrote|from)\b"
    ),
    re.compile(rf"\b((?:Professor|Prof\.?|Dr\.?|Mr\.?|Ms\.?|Mrs\.?) {paste.NAME_TOKEN})"),
)
_DESC_NAME_ORG = re.compile(
    r"\b(?:company|firm|startup|agency|app|organi[sz]ation|website|site|platform|program|"
    r"programme|business|brand|group|school|university|place|thing) $",
    re.I,
)
_DESC_NAME_STRICT = re.compile(
    r"\b(?:named|called)\b|\b(?:invite|invitation|request|message|note|dm) from\b", re.I
)


def _is_description(norm: str, low: str) -> bool:
    """A student's own words about the invitation rather than the invitation itself. What a description
    quotes of the note ("only the usual 'join your network'") is the sender's wording, not a sign of a paste."""
    desc_hits = cues.description_cues(low)
    if not desc_hits:
        return False
    unquoted = cues.unquoted(low)
    paste_hits = cues.paste_cues(unquoted) + (stock.STOCK.search(unquoted) is not None)
    if paste_hits:
        p = paste.parse(norm)
        if p.header_name or p.line_name or p.header_lines:
            paste_hits += 2
    return len(desc_hits) >= 2 and paste_hits <= len(desc_hits) or paste_hits == 0


def _quote(note_text: str, feature: str) -> str:
    """The clause of the note holding a text feature: a word ("w:hiring") or a character 5-gram ("c:refer",
    padded with spaces at a word's ends)."""
    kind, needle = feature[:2], feature[2:].strip()
    whole = kind == "w:"  # a word must stand alone; a character n-gram sits inside one
    i = note_text.find(needle)
    while (
        i >= 0
        and whole
        and (
            i > 0 and note_text[i - 1].isalnum() or note_text[i + len(needle) : i + len(needle) + 1].isalnum()
        )
    ):
        i = note_text.find(needle, i + 1)
    if i < 0:
        return ""
    start = max(note_text.rfind(c, 0, i) for c in _CLAUSE_ENDS) + 1
    ends = [k for c in _CLAUSE_ENDS if (k := note_text.find(c, i)) >= 0]
    return note_text[start : min(ends, default=len(note_text))]


_CLAUSE_ENDS = ".!?;\n"


@dataclass(slots=True)
class Findings:
    """Everything the rules found, before the model: what training and `analyze` share."""

    parts: _Parts | None
    evidence: _Quotes | None
    claim: str | None = None
    tie: str | None = None
    flags: tuple[tuple[str, str], ...] = ()
    truncated: bool = False
    unmasked: str = ""  # the lower-cased text with its disguises undone (scam.unmask), for matching
    hidden_app: bool = False  # a chat app named in disguise (scam.hides_app)

    def rule_intent(self) -> str | None:
        """The intent when the rules settle it (LABELS.md): a paste whose note states no purpose (none, or
        a bare "let's connect") has the purpose its headline states, or none; a description that reports no
        note and names the sender a recruiter is a recruiter's."""
        r = self.parts
        if r is None:
            return "unclear"
        if not r.is_description and (not r.custom or cues.BARE_CONNECT.fullmatch(r.note)):
            return cues.headline_intent(r.headline) or "unclear"
        if r.is_description and not r.custom and cues.described_recruiter(r.note):
            return "recruiter"
        return None

    def model_input(self) -> tuple[str, str, tuple[str, ...]] | None:
        """(note, headline, rule features) for the intent model, or None when the rules settle it."""
        r = self.parts
        if r is None or self.rule_intent() is not None:
            return None
        rules = tuple(
            n
            for n, on in (
                ("desc", r.is_description),
                ("note", r.custom),
                ("claim", bool(self.claim)),
                ("tie", bool(self.tie or r.ties)),
                ("stock", bool(r.stock_hits)),
                ("headline", bool(r.headline)),
                ("flag", bool(self.flags)),
            )
            if on
        )
        rules += tuple(f"flag:{c}" for c, _ in self.flags) + tuple(
            cues.intent_cues(r.note, r.headline, r.is_description)
        )
        return r.note, r.headline, rules


def warning_signs(low: str, unmasked: str) -> tuple[tuple[str, str], ...]:
    """(code, phrase) per warning sign: the rules on the text as written and on the text with its
    disguises undone (scam.unmask), and the further scam cues on the latter."""
    found: dict[str, str] = {}
    for code, phrase in (*cues.red_flags(low), *cues.red_flags(unmasked), *scam.cues(unmasked)):
        if not scam.denied(unmasked, phrase):
            found.setdefault(code, phrase)
    order = {code: i for i, code in enumerate(RED_FLAG_LABELS)}
    return tuple(sorted(found.items(), key=lambda item: order[item[0]]))


def read(text: str) -> Findings:
    """Apply the rules: cleaning, page shape, stock texts, claims, red flags."""
    shown = clean(text[:MAX_CHARS])
    truncated = len(text) > MAX_CHARS or len(shown) > MAX_CHARS  # normalising can lengthen a text
    shown = shown[:MAX_CHARS].rstrip()
    norm = fold(shown)
    if not _WORDS.search(norm):
        return Findings(None, None, truncated=truncated)
    low = lower(norm)
    ev = _Quotes(shown, norm)
    request = cues.student_request(norm)
    described = request is not None or _is_description(norm, low)
    r = _read_description(norm, low, ev, request) if described else _read_paste(norm, ev)
    claim = cues.claim(r.note, described=r.is_description) if r.note else None
    if not claim and r.is_description and r.custom:
        claim = cues.known_sender(r.note)
    tie = cues.tie(r.note) if r.note else None
    if claim:
        ev.add("claims_prior_contact", claim)
    elif tie:
        ev.add("claims_prior_contact", tie)
    elif r.ties:
        ev.add("claims_prior_contact", r.ties[0])
    unmasked = scam.unmask(low)
    flags = warning_signs(low, unmasked)
    for code, phrase in flags:
        if lower(phrase) in low:  # a sign found only once disguises were undone has no words to quote
            ev.add(f"red_flag:{code}", phrase)
    if flags:
        for point in cues.contact_points(norm):
            ev.add("contact", point)
    return Findings(r, ev, claim, tie, flags, truncated, unmasked, scam.hides_app(low))


def _scam_verdict(rd: Findings, codes: tuple[str, ...], rules_say: bool) -> tuple[bool, tuple[str, ...]]:
    """The scam verdict and its signs. The rules' verdict stands unless the model finds the text unlike
    any scam it learned (below its `veto` threshold); the model alone calls a scam from its `scam`
    threshold up. The signs are the rules' when they found any; otherwise the ones the model is sure of
    (at least its likeliest one, so the safety card can name a sign)."""
    model = load_scam_model()
    p = model.probabilities(scam_features(rd.unmasked, codes))
    if not ((rules_say and p["scam"] >= model.thresholds["veto"]) or p["scam"] >= model.thresholds["scam"]):
        return False, codes
    if codes:  # the rules name the signs, with the words behind them
        return True, codes
    signs = [c for c in RED_FLAG_LABELS if p[c] >= model.thresholds[c]] or [
        max(RED_FLAG_LABELS, key=p.__getitem__)
    ]
    order = list(RED_FLAG_LABELS)
    return True, tuple(sorted((*codes, *signs), key=order.index))


def rules_verdict(text: str) -> bool:
    """The rules' scam verdict for a text, before the scam model has a say (what training combines)."""
    rd = read(text)
    if rd.parts is None:
        return False
    inputs = rd.model_input()
    if inputs is None:
        intent, sure = rd.rule_intent() or "unclear", True
    else:
        model = load_model()
        pred = model.predict(feature_groups(*inputs))
        intent, sure = pred.intent, pred.confidence >= model.preselect_threshold
    return rules_say_scam(rd, intent, sure)


def rules_say_scam(rd: Findings, intent: str, sure: bool) -> bool:
    """The rules' scam verdict (cues.is_scam) for a reading, given the intent read."""
    return cues.is_scam(
        rd.flags,
        intent if sure else "unclear",
        scam.JOB_TALK.search(rd.unmasked) is not None,
        scam.CRYPTO_EMPLOYER.search(rd.unmasked) is not None and not scam.INVESTING.search(rd.unmasked),
        rd.hidden_app,
    )


def analyze(text: str) -> Analysis:
    """Read one invitation (a paste or a student's description). Total on any string."""
    rd = read(text)
    r, ev = rd.parts, rd.evidence
    if r is None or ev is None:
        return Analysis(False, False, "unclear", None, (), (), rd.truncated, False)
    codes = tuple(code for code, _ in rd.flags)
    inputs = rd.model_input()
    if inputs is None:
        intent, confidence, sure = rd.rule_intent() or "unclear", 1.0, True
        if intent != "unclear":
            ev.add("intent", r.headline or cues.described_recruiter(r.note) or "")
    else:
        model = load_model()
        pred = model.predict(feature_groups(*inputs))
        intent, confidence = pred.intent, pred.confidence
        sure = confidence >= model.preselect_threshold
        for f in pred.top_features:
            if f[:2] in ("w:", "c:"):
                phrase = _quote(r.note, f)
                if phrase:
                    ev.add("intent", phrase)
                    break
            elif f.startswith("h:"):
                ev.add("intent", r.headline)
                break
    is_scam, codes = _scam_verdict(rd, codes, rules_say_scam(rd, intent, sure))
    found = details.extract(
        note=r.note_text, headline=r.headline_text, description=r.is_description, sender=r.name
    )
    return Analysis(
        r.custom,
        bool(rd.claim or rd.tie or r.ties),
        cast(Intent, intent),
        ev.as_written(r.name),
        codes,
        tuple(ev.items),
        rd.truncated,
        r.is_description,
        confidence,
        sure,
        is_scam,
        (ev.as_written(r.headline_text) or "").strip()[:120] or None,
        details.Details(**{k: ev.as_written(v) for k, v in found.as_dict().items()}),
        details.language(r.note_text or r.headline_text),
        cues.referral_direction(r.note, r.is_description),
        r.is_description and cues.known_sender(r.note) is not None,
        r.custom and cues.proposes_chat(r.note) is not None,
    )
