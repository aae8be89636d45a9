"""Invitation text -> signals the coaching flow uses.

Rule-based on purpose: it must be explainable (every decision carries the phrase that caused it),
deterministic, dependency-free and fast enough to run inside a Slack ack window. Pure: no I/O.
"""

from __future__ import annotations

import html
import re
from typing import Literal

try:  # the parsed form of a regex, used only to index cue lexicons by their first word
    from re import _constants as _C  # type: ignore[attr-defined]
    from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other Pythons: every cue falls back to a full scan
    _C = None
    _sre_parse = None

from pydantic import BaseModel

MAX_CHARS = 3000
_MAX_PHRASE = 120

Intent = Literal["recruiter", "referral", "collaboration", "networking", "sales", "unclear"]

RED_FLAG_LABELS: dict[str, str] = {
    "asks_for_money": "Asks for money, fees, gift cards or bank details",
    "asks_personal_info": "Asks for personal information (ID, SSN, date of birth, logins)",
    "off_platform": "Wants to move off LinkedIn (WhatsApp, Telegram, text, personal email)",
    "too_good_to_be_true": "Offer sounds too good to be true",
    "crypto_investment": "Crypto, forex or investment offer",
    "urgency": "Pressure to act fast",
    "suspicious_link": "Shortened or suspicious link",
}


class Evidence(BaseModel, frozen=True):
    field: str
    phrase: str


class Signals(BaseModel, frozen=True):
    custom_message: bool
    claims_prior_contact: bool
    intent: Intent
    requester_name: str | None
    red_flags: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    truncated: bool
    is_description: bool


def to_contract(s: Signals) -> dict:
    """Flat JSON-able dict used by `python -m bot analyze` (evidence as "field: phrase")."""
    return {
        "custom_message": s.custom_message,
        "claims_prior_contact": s.claims_prior_contact,
        "intent": s.intent,
        "requester_name": s.requester_name,
        "red_flags": list(s.red_flags),
        "evidence": [f"{e.field}: {e.phrase}" for e in s.evidence],
        "truncated": s.truncated,
        "is_description": s.is_description,
    }


# --------------------------------------------------------------------------- cleaning

_I = re.IGNORECASE
_SLACK_LINK = re.compile(r"<((?:https?://|mailto:)[^|>\s]+)(?:\|[^>]*)?>")
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d|/tr)\b[^>]*>", _I)
_HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,500}>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8}\d{0,2});")
# Control, bidi and zero-width characters, lone surrogates: replaced by a space.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff0-\uffff\ud800-\udfff]")
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# 1:1 so that spans found in the normalised text map back onto the cleaned text.
_QMAP = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                       "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2011": "-", "\u2010": "-", "\u2012": "-",
                       "\uff0c": ",", "\u060c": ","})
_DEGREE = re.compile(r"\s*[·•]\s*(?:1st|2nd|3rd\+?)\b.*$", _I)
_PRONOUNS = re.compile(r"\s*\((?:she|he|they)/(?:her|him|them)(?:/\w+)?\)", _I)


def _clean(text: str) -> str:
    if "<" in text:
        text = _SLACK_LINK.sub(r"\1", text)
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub(" ", text)
    if "&" in text and _HTML_ENTITY.search(text):
        text = html.unescape(text)
    text = _JUNK.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_HSPACE.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


# --------------------------------------------------------------------------- lexicons


def _rx(*parts: str, flags: int = 0) -> re.Pattern[str]:
    """Alternation of cue patterns. Case-sensitive on purpose: they run on a lower-cased twin of the
    text, which is about twice as fast as IGNORECASE."""
    return re.compile("|".join(f"(?:{p})" for p in parts), flags)


def _first_words(items: list, bound: bool = False) -> set[str] | None:
    """Literal prefixes (1-3 word characters) that any match of `items` starts with, at a word start;
    None when that cannot be told. Sound by construction: it follows only literals, zero-width
    assertions and alternations of the parsed regex."""
    run = ""
    for op, av in items:
        if op is _C.LITERAL:
            ch = chr(av)
            if bound and (ch.isalnum() or ch == "_"):
                run += ch
                if len(run) == 3:
                    break
                continue
            break
        if run:
            break
        if op is _C.AT:
            if av in (_C.AT_BOUNDARY, _C.AT_BEGINNING, _C.AT_BEGINNING_STRING):
                bound = True
                continue
            return None
        if op in (_C.ASSERT, _C.ASSERT_NOT):
            continue
        if op is _C.SUBPATTERN:
            return _first_words(list(av[-1].data), bound)
        if op is _C.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                sub = _first_words(list(alt.data), bound)
                if not sub:
                    return None
                out |= sub
            return out
        return None
    return {run} if run else None


class _Words:
    """Word starts of one text, keyed by their first 1-3 characters (what _Lex indexes cues by)."""

    __slots__ = ("text", "at")

    def __init__(self, text: str) -> None:
        self.text = text
        at: dict[str, list[int]] = {}
        for m in _TOKEN.finditer(text):
            w, pos = m.group(), m.start()
            at.setdefault(w[:1], []).append(pos)
            if len(w) > 1:
                at.setdefault(w[:2], []).append(pos)
                if len(w) > 2:
                    at.setdefault(w[:3], []).append(pos)
        self.at = at


class _Lex:
    """A cue lexicon. Python's re costs roughly (characters x alternatives) per scan, so each cue is
    tried only where a word starting with its literal first word occurs (`match` at that position);
    cues without one are scanned in full, or only when one of their given substrings occurs."""

    __slots__ = ("alts", "index", "scan")

    def __init__(self, parts: tuple[str | tuple[str, tuple[str, ...]], ...]) -> None:
        self.alts: list[re.Pattern[str]] = []
        self.index: dict[str, list[int]] = {}
        self.scan: list[tuple[int, tuple[str, ...] | None]] = []
        for i, part in enumerate(parts):
            pat, gate = (part, None) if isinstance(part, str) else part
            self.alts.append(re.compile(pat))
            try:
                pre = _first_words(list(_sre_parse(pat).data)) if _sre_parse else None
            except Exception:  # parser internals changed: a full scan is always correct
                pre = None
            if pre is None:
                self.scan.append((i, gate))
            else:
                for k in pre:
                    self.index.setdefault(k, []).append(i)

    def matches(self, words: _Words) -> list[re.Match[str]]:
        text, out, seen = words.text, [], set()
        for k in words.at.keys() & self.index.keys():
            for i in self.index[k]:
                rx = self.alts[i]
                for pos in words.at[k]:
                    if (i, pos) not in seen:
                        seen.add((i, pos))
                        m = rx.match(text, pos)
                        if m:
                            out.append(m)
        for i, gate in self.scan:
            if gate is None or any(g in text for g in gate):
                out.extend(self.alts[i].finditer(text))
        if len(out) > 1:
            out.sort(key=lambda m: m.start())
        return out

    def first(self, words: _Words) -> re.Match[str] | None:
        ms = self.matches(words)
        return ms[0] if ms else None


def _lex(*parts: str | tuple[str, tuple[str, ...]]) -> _Lex:
    return _Lex(parts)


_TOKEN = re.compile(r"\w+")


def _lower(s: str) -> str:
    """Lower-case without changing length (a few characters such as 'İ' grow), so spans stay aligned."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


# Page noise: a whole line matching this is chrome, not part of a note.
_NOISE_LINE = re.compile(
    r"(?:accept|ignore|reply|connect|follow|following|pending|withdraw|manage|more|dismiss|close|skip|"
    r"message|send message|message (?!me\b)\S+|see all|show all|see more|show more|show less|view profile|"
    r"view full profile|view .{1,40}'s profile|accept invitation|ignore invitation|\.\.\. ?more|… ?more|"
    r"see translation|linkedin|my network|notifications?|home|messaging|"
    r"invitations?(?: \(\d+\))?|(?:received|sent) invitations?|"
    r"(?:\d+|one|a) (?:other )?(?:shared|mutual) connections?|.{0,80}\band \d+ other(?: mutual)? connections?|"
    r".{0,60}\bis a mutual connection|[·•]? ?(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?|"
    r"\d+ ?(?:s|m|h|d|w|mo|y|yr|yrs|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?)(?: ago)?|"
    r"(?:a|an|one) (?:minute|hour|day|week|month|year) ago|yesterday|today|just now|now|"
    r"reply to .{1,60}|sent from linkedin(?: mobile)?(?: app)?|"
    r"\d+\+? ?(?:followers|connections)|\(?(?:she|he|they)/(?:her|him|them)(?:/\w+)?\)?|"
    r"people you may know|premium|online|active now|status is \w+|[·•|]+)[.!]?",
    _I,
)
def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NOISE_WORDS = _wordset("accept ignore message reply view profile manage show see all more invitation "
                         "invitations connect follow withdraw pending dismiss")

_APOS = "'"
_D = rf"i(?:{_APOS}d| would)"
_DEFAULTS = _rx(
    rf"{_D} like to add you to my professional network(?: on linkedin)?",
    rf"{_D} like to join your (?:professional )?(?:linkedin )?network(?: on linkedin)?",
    rf"{_D} like to connect(?: with you)?(?: on linkedin)?",
    r"please accept my invitation to connect(?: with you)?(?: on linkedin)?",
    r"(?:since )?you(?: are|'re) a person i trust,? (?:and )?i (?:wanted|would like|'d like) to invite you to join my "
    r"(?:professional )?network on linkedin",
    r"(?:i(?:'m| am) )?invit\w* you to join my (?:professional )?network(?: on linkedin)?",
    r"join my (?:professional )?network on linkedin",
    r"ich möchte (?:sie|dich) (?:gerne |gern )?(?:zu )?meinem (?:beruflichen )?netzwerk (?:auf|bei) linkedin hinzufügen",
    r"me gustar[ií]a (?:agregarte|añadirte|agregarle|añadirle) a mi red (?:profesional )?(?:de|en) linkedin",
    r"j'aimerais (?:vous|t')(?: )?(?:inviter à rejoindre|ajouter à) mon réseau(?: professionnel)?(?: sur linkedin)?",
    r"gostaria de adicion[aá]-l[oa] (?:à|a) minha rede profissional no linkedin",
    r"how would you like to respond\?",
    r"^(?:[^\s.!?]{1,30} ){0,4}[^\s.!?]{1,30} (?:would like to connect|wants to connect)(?: with you)?(?: on linkedin)?",
    flags=re.MULTILINE,  # applied to lower-cased text
)

# "Jordan Lee wants to connect", "Jordan Lee, Engineer at X, sent you an invitation", "Invitation from Jordan".
_HEADER = re.compile(
    r"^(?:(?P<n1>.{1,160}?),? (?:wants to connect|would like to connect|has invited you to connect|"
    r"(?:has )?sent you an invitation(?: to connect)?|sent you a connection request|invited you to connect|"
    r"is inviting you to connect)(?: with you)?(?: on linkedin)?[.!]?(?: how would you like to respond\?)?"
    r"|invitation from (?P<n2>.{1,80}?)|(?:accept|respond to) (?P<n3>.{1,80}?)'s invitation)$",
    _I,
)

_NAME_TOKEN = r"[^\W\d_](?:[^\W\d_]|['\-](?=[^\W\d_]))*\.?"
_NAME = rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,3}}"
_NAME_LINE = re.compile(rf"^(?:Dr\.? |Prof\.? )?({_NAME})(?:,? (?:PhD|MBA|CPA|PMP|MD|Jr\.?|Sr\.?|II|III))?[ ,]*$")
_PARTICLES = _wordset("de da del della di van von der den du la le bin al el dos das y")
_NOT_NAME = _wordset(
    "hi hello hey dear hola bonjour greetings thanks thank best regards cheers sincerely warmly kind warm "
    "accept ignore message view profile manage show reply invitation invitations linkedin connect "
    "recruiter recruiting talent acquisition engineer engineering software senior junior manager director "
    "founder ceo cto coo cfo vp head lead intern student consultant analyst developer designer partner "
    "president owner sales marketing product hr team hiring university college school the a an i we you "
    "my our your he she they it this that what how why when where who would like please yes no not "
    "great nice good love happy looking congratulations congrats urgent dear sir madam candidate friend "
    "professor prof dr mr mrs ms miss sent from via at and or of for with to in on by is am are was "
    "let let's go join new grad alum alumni fellow member group inc llc ltd corp company agency startup "
    "talent people network mutual connections today yesterday week month year interested "
    "software data business account executive associate specialist coordinator officer assistant "
    "research researcher scientist professional mentor coach trader investor realtor author speaker "
    "google amazon microsoft meta apple deloitte stripe linkedin netflix tesla ibm oracle "
    "following followers premium online remote hybrid contract full part time no just only also"
)
_SIGNOFF = (r"(?:best(?: regards| wishes)?|thanks(?: again| so much)?|thank you|many thanks|cheers|regards|"
            r"kind regards|warm regards|warmly|sincerely|all the best|talk soon|take care|thx|br|"
            r"saludos|un saludo|atentamente|cordialement|merci|bien à vous|viele grüße|grüße|obrigad[oa]|"
            r"abraços|cumprimentos)")
_SIG_SIGNOFF = re.compile(rf"(?:^|[\n.!?,] ?){_SIGNOFF}[,.!]?[ \n]+(?:-+ ?)?({_NAME})[ .!]*$", _I)
_SIG_DASH = re.compile(rf"(?:^|\s)[-~]+ ?((?:Dr\.? )?{_NAME})[ .!]*$")
_SIG_LASTLINE = re.compile(rf"\n({_NAME})[ .!]*$")
_SIG_AFTER_SENTENCE = re.compile(rf"[.!?)] +({_NAME_TOKEN}(?: {_NAME_TOKEN})?)$")
_SELF_INTRO = re.compile(
    rf"(?:\bmy name is|\bi(?:'m| am)|\bthis is|\bit(?:'s| is)|\bsoy|\bme llamo|\bje suis|\bje m'appelle|"
    rf"\bich bin|\bsono)[ ,]+({_NAME})(?=$|[\s,.!;:)(-]|'s)",
    _I,
)
_INTRO_HERE = re.compile(rf"(?:^|[-—,.!] )({_NAME}) (?:from|at|with|on) [^.!?\n]{{1,50}} here\b", _I)
_SELF_INTRO_TAIL = re.compile(r"^(?:[,.!;:)(-]|$| (?:from|at|with|and|here|of|a|an|the|i|I'm|currently|working|"
                              r"based|de|en|y|et)\b)")
_GREETING = re.compile(
    rf"^(?:hi|hello|hey|heya|hiya|dear|hola|bonjour|salut|hallo|ciao|ol[aá]|greetings|good (?:morning|afternoon|"
    rf"evening))\b[ ,!]*(?:(?:there|all|team|everyone)\b|({_NAME})(?=[ ]*(?:[,!.:]|$)))?[ ]*[,!.:]*[ ]*",
    _I,
)
_DESC_NAME = re.compile(
    rf"(?:\b(?:named|called)|\b(?:invite|invitation|request|message|note|dm) from|^from|\bfrom)"
    rf" ((?:Dr\.? )?{_NAME})",
    _I,
)
_DESC_NAME_STRICT = re.compile(r"\b(?:named|called)\b|\b(?:invite|invitation|request|message|note|dm) from\b", _I)

# Description (student typing about the invite) vs a paste.
_DESC_CUES = _lex(
    r"^(?:a|an|some|random|this (?:person|guy|girl|woman|man|recruiter|dude|lady)|got|received|no|blank|someone|"
    r"somebody|person|recruiter|guy|girl)\b"
    r"(?! of (?:you|your)\b)",
    r"\b(?:he|she|they|this (?:person|guy|girl|woman|man)|the (?:person|guy|sender|recruiter))"
    r"(?:'s| is| was)? (?:says|said|claims|claimed|wrote|writes|asked|asks|wants|wanted|keeps|messaged|sent|"
    r"offered|offering|mentioned|told me)\b",
    r"\b(?:no|without an?|didn't (?:include|add|write|leave) an?|with an?|blank|empty|the|just the) ?(?:default )?"
    r"(?:note|message|msg)\b(?! (?:me|you)\b)",
    r"\bjust the default\b|\bdefault (?:message|note|text|invite|invitation|request)\b|\bblank (?:invite|invitation|request)\b",
    r"\bnever met\b|\bi don't (?:remember|know|recognize)\b|\bhave no idea\b|\bnot sure (?:who|if|how)\b",
    r"\b(?:got|received|getting|get) (?:an? )?(?:linkedin )?(?:invite|invitation|request|connection request)\b",
    r"\b(?:sent|messaged|asked|dm'd|dmed|added|invited) me\b",
    r"\b(?:his|her|their) (?:profile|headline|note|message|bio|title)\b|\bheadline(?: says| is|:)",
    r"\bnote says\b|\bnamed \w",
    r"\b(?:says|said|claims|claimed) (?:that )?(?:we|i|he|she|they)\b",
    (r"\b\d+(?:st|nd|rd|th)?\+? degree\b|\b\d+ mutual(?: connections)?,", ("degree", "mutual")),
)
_PASTE_CUES = _rx(
    r"\byour\b|\byou(?:'re|'d|'ll|'ve)?\b(?! know\b)",
    r"^(?:hi|hello|hey|dear|hola|bonjour)\b",
    rf"\n{_SIGNOFF}[,!]?\n",
)

# Custom note in a description.
_DESC_NOTE_STRONG = _lex(
    r"\b(?:with|included|includes|sent|added|wrote|left) (?:a|an|this|the) (?:short |long |personal |custom |nice )?"
    r"(?:note|message|msg)\b",
    r"\b(?:note|message|msg) (?:says|said|saying|reads|read|about|asking|that|was|is)\b",
    r"\bwrote (?:that|me|to)\b|\b(?:he|she|they) wrote\b|\bsaid in (?:his|her|their|the) note\b|\bin (?:his|her|their|the) note\b",
    r"\bmessage(?:d)? me (?:with|about|saying|asking)\b|\breached out with\b",
)
_DESC_NOTE_NONE = _lex(
    r"\bno (?:note|message|msg|text|personal(?:ized)? note)\b",
    r"\bwithout (?:a|any) (?:note|message)\b",
    r"\b(?:just|only) (?:the )?default\b|\bdefault (?:message|note|text|invite|invitation|request)\b",
    r"\bblank (?:invite|invitation|request)\b|\bempty (?:note|message|invite)\b",
    r"\bdidn't (?:include|add|write|leave|send) (?:a|any) (?:note|message)\b",
    r"\bjust (?:an? )?(?:invite|request|connection request)\b",
)
_DESC_NOTE_WEAK = _lex(
    r"\b(?:says|said|saying|claims|claimed|asked|asking|asks|offering|offered|wants|wanted|told me|mentioned|"
    r"pitched|pitching|selling|promised|invited me)\b",
)

_CLAIM = _lex(
    r"\b(?:great|nice|good|pleasure|lovely|awesome|wonderful|fun|glad|excellent|happy)(?: (?:to|that we got to|"
    r"i got to))? (?:meet|meeting|met|chatting|chat|talking|talk|speaking|speak|seeing|see|connecting|"
    r"catching up)(?: with)? you\b",
    r"\bwe (?:met|spoke|talked|chatted|connected|crossed paths|sat next to each other|worked together|"
    r"were introduced)\b",
    r"\bi met you\b|\bmet (?:you|me|u) (?:at|during|last|yesterday|on|in|earlier|briefly)\b",
    r"\b(?:i was|i'm|i am|we were) (?:your|ur) (?:lab |project |study |group )?(?:partner|classmate|teammate|roommate|"
    r"ta|tutor|neighbou?r|mentee|intern|coworker|colleague)\b",
    r"\b(?:it was|was) (?:nice|great|good|a pleasure|fun|lovely) (?:chatting|talking|speaking|meeting|to meet|"
    r"connecting|seeing)\b",
    r"\b(?:nice|great|good) (?:chatting|talking|speaking) (?:with you|to you|today|yesterday|earlier)\b",
    r"\b(?:after|following|from|per|since|re:?|about|enjoyed|loved|thanks for|thank you for) our (?:brief |quick |"
    r"short |great |recent |earlier |lovely )?(?:conversation|chat|call|talk|meeting|discussion|exchange|"
    r"interview|coffee)\b",
    r"\bfollowing up (?:on|from|after|about|regarding)\b|\bfollow(?:ing)?-up from\b",
    r"\b(?:i'm|i am|i was|we're|we are|we were|he's|she's|they're|he is|she is|he was|she was) (?:also )?in "
    r"(?:your|my|the same) [\w\s-]{0,30}?(?:class|section|lab|group|course|lecture|seminar|cohort|"
    r"team|club|recitation|tutorial|study group|discussion)\b",
    r"\bwe (?:took|take|are taking|were taking|had|have|were in|are in|both took) [^.!?\n]{0,40}"
    r"(?:together|class|course|section|lecture)\b",
    r"\b(?:took|taking) [^.!?\n]{0,30} (?:together|with you)\b",
    r"\b(?:we were|we're|we are|we used to be) (?:\w+ )?(?:classmates|teammates|lab ?mates|coworkers|"
    r"colleagues|roommates|neighbors|neighbours|co-workers)\b",
    r"\b(?:saw|heard|watched|seen|caught) (?:you|your) (?:present|presentation|speak|talk|demo|pitch|panel|"
    r"poster|keynote|session|lightning)\w*\b",
    r"\bsaw (?:you|u) (?:were |was )?(?:at|in|during)\b|\b(?:loved|enjoyed|liked|great|awesome|inspiring) your "
    r"(?:talk|presentation|keynote|panel|session|workshop|lecture|demo|pitch|question)\b|"
    r"\b(?:i|we) (?:talked|spoke|chatted|met)(?: (?:to|with))?(?: (?:him|her|them|you))? (?:at|during|after|"
    r"last|briefly|yesterday)\b|\b(?:stopping|stopped|coming|came) by (?:our|the|my) (?:booth|table|stand|office hours)\b",
    r"\bthanks (?:again )?for (?:stopping by|coming by|chatting|the chat|the great chat|the conversation|"
    r"visiting|your question|the thoughtful question|meeting)\b",
    r"\bas (?:promised|discussed|we discussed|mentioned earlier)\b|\bremember me\b|\bremember\?",
    r"\bfriend of (?:your|my|his|her) \w+|\b(?:your|my) (?:cousin|brother|sister|mom|dad|mother|father|"
    r"aunt|uncle|roommate)(?:'s)? (?:friend|coworker|colleague)\b",
    r"\bnos conocimos\b|\bconocernos\b|\bnous nous sommes rencontr|\bnous avons (?:échangé|discuté)|"
    r"\bd'avoir (?:échangé|discuté)|\bwir haben uns\b.{0,20}\bkennengelernt",
    r"\bin (?:your|our) (?:class|section|lecture|lab|cohort|course)\b",
)
_CLAIM_NEG = re.compile(r"\b(?:haven't|have not|never|didn't|did not|not|don't think we) (?:\w+ )?$", _I)

# Referral: a named or implied third party passed the student's name along.
_REFERRAL = _lex(
    r"\b(?:suggested|recommended|advised) (?:that )?(?:i|we|he|she|they|me to) (?:should )?(?:reach out|contact|connect|"
    r"get in touch|talk|speak|message|write|email|chat|ping)",
    r"\b(?:suggested|recommended) (?:i |that i )?(?:reach(?:ing)? out|contact(?:ing)?|connect(?:ing)?) (?:to |with )?you",
    r"\breferred (?:me|him|her|them) (?:to (?:you|him|her|me)|your way)\b|\b(?:was|were) referred (?:to you|by)\b",
    r"\bgave (?:me|him|her|them) (?:your|my) (?:name|contact|info|information|details|email|number|linkedin)\b",
    r"\bpass(?:ed)? (?:along|on) (?:your|my) (?:name|contact|info|information|details|profile)\b",
    r"\b(?:told|mentioned to) me (?:about you|that you|you)\b|\bmentioned (?:that )?you(?:'re|'d| are| were| have|"
    r"'ve| built| might| would| could| may| worked)\b",
    r"\basked me to (?:connect|reach out|contact|get in touch|message|talk)\b",
    r"\b(?<!\bi )(?<!\bas you )(?:said|says|told me|mentioned) (?:that )?you(?:'re| are|'d| were| would| might| could|"
    r" know| can| have|'ve)\b",
    r"\byour name came up\b|\b(?:he|she|they) (?:speaks|spoke) (?:highly|so highly|very highly) of you\b",
    r"\b(?:pointed|directed|sent) me (?:to you|your way|in your direction)\b",
    r"\b(?:our|a) mutual (?:friend|contact|colleague|acquaintance)\b",
    r"\b(?:he|she|they) (?:thought|said|says|suggested) (?:we|you two|the two of us) should (?:connect|talk|meet)\b",
    r"\bintroduced (?:me to you|us)\b",
    r"\b(?<!\bi )(?:said|says|suggested) (?:that )?(?:the two of us|you two|we two|we) should (?:connect|talk|meet|"
    r"chat|get in touch)\b",
)
_REFERRAL_NOT = re.compile(r"referral (?:link|bonus|code|program)|employee referral", _I)

_NOTE_CUES: dict[str, list[tuple[float, _Lex]]] = {
    "recruiter": [
        (3.0, _lex(r"\brecruit(?:er|ers|ing|ment|ora|ador|adora|eur|euse)\b", r"\brecrut\w+", r"\bsourc(?:er|ing)\b", r"\btalent (?:acquisition|partner|team|scout)",
                  r"\bhiring (?:manager|team|lead|partner)\b", r"\bheadhunt\w*", r"\breclut\w+",
                  r"\b(?:we(?:'re| are)|i(?:'m| am)|is|are|currently|actively|also|still) hiring\b",
                  r"\bhiring (?:for|now|a|an|\d+)\b", r"\bstaffing (?:agency|firm|company)\b",
                  r"\b(?:job|position|role|opening|vacancy|internship) (?:offer|opportunity)\b",
                  r"\b(?:we|i) (?:have|had) (?:an? )?(?:new )?(?:opening|vacancy|position|role|opportunit)")),
        (2.0, _lex(r"\b(?<!my )(?<!your )(?:internships?|co-?op|new[- ]grad|entry[- ]level|graduate (?:program|scheme|role))\b",
                  r"\b(?<!new )(?:role|position|opening|vacanc\w+|job|req) (?:on|at|in|for|with|that|i'm|we)\b",
                  r"\b(?:great|good|strong|perfect|ideal) (?:fit|match) for\b",
                  r"\byour (?:profile|background|experience|resume|résumé|skills?|portfolio) (?:matches|fits|aligns|"
                  r"stood out|caught|looks|is a|seems)",
                  r"\b(?:apply|applications?|application process|shortlisted|offer letter|interview(?:s|ing)?|"
                  r"job description|jd|salary|compensation|pay is|per hour|hourly)\b",
                  (r"/(?:hour|hr|week)\b", ("/",)),
                  r"\b(?:ambassadors?|interns?|candidates?|developers?|engineers?|analysts?|assistants?) "
                  r"(?:wanted|needed)\b|\blooking to hire\b|\blooking for (?:\w+ ){0,2}(?:ambassadors|interns|"
                  r"candidates|new grads)\b",
                  r"\bvacante|\bpuesto\b|\bprácticas\b|\boferta de (?:empleo|trabajo)|\bposte\b|\bcandidature\b|"
                  r"\bstellenangebot|\bpraktikum\b|\bvagas?\b|\bestágio|\bemprego\b|\bstage\b|\bembauche",
                  r"\b(?:building out|growing|expanding|scaling) (?:our|my|the) (?:\w+ )?team\b",
                  r"\b(?:remote|full[- ]time|part[- ]time|contract|hybrid|paid) (?:\w+ ){0,3}(?:role|position|job|opening|"
                  r"internship)s?\b",
                  r"\b(?:swe|sde|software|data|junior|senior|design|developer|engineering|analyst|marketing|"
                  r"sales|product|research) (?:intern|internship|role|position|opening|job)s?\b")),
        (1.0, _lex(r"\bopenings?\b", r"\bjobs?\b", r"\bhr\b", r"\bonboarding\b", r"\bcandidates?\b",
                  r"\b(?:booth|career fair|job fair|career expo|recruiting event)\b", r"\bcareer opportunit", r"\bjoin (?:our|my) team\b",
                  r"\bresume\b|\brésumé\b|\bcv\b", r"\bhire\b")),
    ],
    "sales": [
        (3.0, _lex(r"\bbook (?:a|an|your|some) (?:free |quick |short |\d+[- ]?min(?:ute)? )?(?:call|demo|meeting|"
                  r"consultation|session|time|slot)\b",
                  (r"\b(?:free|quick|short|\d+[- ]?min(?:ute)?s?) (?:demo|consultation|trial|audit|webinar|"
                  r"strategy (?:call|session)|discovery call)\b", ("free", "quick", "short", "min")),
                  r"\bgrow (?:your|their) (?:business|brand|revenue|sales|agency|company|income|following)\b",
                  r"\b(?:side|passive|extra|residual|additional) income\b|\bside hustle\b|\bbusiness opportunit\w+",
                  r"\bfinancial freedom\b|\bbe your own boss\b|\bbuild (?:generational )?wealth\b",
                  r"\b(?:crypto|bitcoin|btc|ethereum|usdt|tether|forex|fx signals|trading signals|nft|binary options)\b",
                  r"\binvestment (?:manager|advisor|adviser|expert|broker|account)\b|\b(?:send|get) (?:you )?a (?:free )?quote\b",
                  r"\b(?:lead gen(?:eration)?|qualified (?:leads|meetings|appointments)|appointment setting)\b",
                  (r"\b(?:% off|discount|promo code|coupon|use (?:my )?code)\b", ("%", "discount", "promo", "coupon",
                                                                                "code")),
                  r"\b(?:buy|purchase|pay for|sign up for|enroll in)\b[^.!?\n]{0,30}\b(?:package|course|program|"
                  r"product|service|membership|plan)\b",
                  r"\b(?:my|our|his|her|their) (?:\w+ )?(?:\d:\d |1-on-1 |one-on-one |coaching |mentorship |signature |online )?"
                  r"(?:coaching )?(?:program|programme|course|masterclass|bootcamp|package|membership)\b(?! (?:manager|"
                  r"coordinator|director|at|in|for students))",
                  r"\b(?:selling|sells|sales rep|salesperson|sales pitch|pitch(?:ed|ing)? me)\b",
                  r"\bschedule (?:a|an) (?:demo|call)\b|\bshow you how\b",
                  r"\baffordable (?:rates|prices|pricing)\b|\boutsourc\w+\b|\b(?:life|health|auto|car|renters) insurance\b",
                  r"\b(?:lock in|low) (?:low )?rates\b|\bfree (?:discovery )?sessions?\b",
                  r"\b(?:real estate|stock|property) investing\b|\binvest(?:ment)? opportunit\w+",
                  r"\bbusiness (?:proposal|deal|venture|offer)\b|\bmutually beneficial\b|\bbenefit (?:both|us both)\b")),
        (2.0, _lex(r"\b(?:i|we) help (?:\w+ ){0,3}(?:grow|scale|land|get|cut|save|increase|generate|build|boost|"
                  r"double|triple|win|automate|reduce|achieve|find|make)\b",
                  r"\bhelping (?:\w+ ){0,3}(?:grow|scale|book|land|get|cut|save|increase|generate|build|boost|"
                  r"double|win|automate|reduce|achieve|find|make)\b",
                  r"\b(?:i|we) (?:run|own|founded|started|launched|created|built|sell|offer|provide|specialize)\b"
                  r"[^.!?\n]{0,40}\b(?:agency|service|services|course|company|business|solution|platform|product|"
                  r"tool|app|consultancy|firm|program|brand)\b",
                  r"\b(?:our|my) (?:services|solutions?|products?|platform|agency|software|offer|offering|"
                  r"pricing|portfolio|clients)\b",
                  r"\b(?:seo|paid ads|ppc|crm|saas|webinar|web ?design|app development|marketing services)\b",
                  r"\b(?:worth a (?:chat|call|conversation|look)|open to a (?:quick )?(?:call|demo|chat about how))\b",
                  r"\b(?:on your calendar|grab (?:a|your) (?:spot|seat)|sign up (?:here|now|today)|link in (?:my )?bio|"
                  r"dm me ['\"]?\w+)",
                  r"\bpersonal brand(?:ing)?\b|\bcareer coach(?:ing)?\b|\bfinancial (?:planning|advisor|services)\b",
                  r"\bcut (?:\w+ ){0,2}costs\b|\bsave (?:\w+ ){0,2}(?:money|costs|time) (?:with|using)\b")),
        (1.5, _lex(r"\bexciting (?:\w+ )?opportunit\w+", r"\b(?:make|making|earn|earning) (?:easy |extra |real )?money\b",
                  r"\bcan i (?:share|send|show)\b", r"\bsee if (?:it'?s|we're|we are|this is) a (?:good )?fit\b",
                  r"\bclients?\b", r"\b(?:coaching|consulting) (?:services|business)\b", r"\btrader\b")),
        (1.0, _lex(r"\b(?:quick|short) call\b", r"\bdemo\b(?! day)", r"\bpricing\b", r"\bfree\b",
                  r"\b(?:ambitious|motivated|driven|entrepreneurial)(?:[- ]minded)? (?:people|individuals|students|"
                  r"professionals)\b",
                  r"\bhelp you\b")),
    ],
    "collaboration": [
        (3.0, _lex(r"\bcollaborat\w*", r"\bco-?founders?\b", r"\bteam up\b|\bteaming up\b",
                  r"\bpartner(?:ing)? with (?:you|your|student|us|local|organizations)\b|\b(?:a|potential|possible) "
                  r"partnership\b|\bpartnership (?:opportunit|with)\b",
                  r"\b(?:forming|form|build|building|putting together|looking for) (?:a |our )?(?:hackathon )?team\b",
                  r"\bhackathon team\b|\bjoin (?:our|my) (?:hackathon|project|research|study|lab)\b",
                  r"\bmentor(?:ing|ship|ed|s)?\b", r"\bstudy group\b", r"\bresearch (?:project|assistant|"
                  r"collaborat|opportunit|study|paper|group|lab)\w*", r"\bco-?author|\bco-?host\b",
                  r"\bwork(?:ing)? together\b|\bbuild (?:it|this|something) together\b|\bsplit (?:the )?revenue\b",
                  r"\bpodcast\b|\b(?:as a|be a|feature you as a) (?:guest|speaker|panelist)\b",
                  r"\bopen[- ]source\b|\bside project\b|\b(?:pay|paid) in equity\b|\bfor equity\b",
                  r"\bhelp (?:build|me build|us build|with) (?:an? |my |our |the )?(?:app|project|startup|prototype|mvp)\b",
                  r"\blooking for (?:an? |some )?(?:technical |frontend |backend |front-end |back-end )?(?:developers?|"
                  r"designers?|collaborators?|teammates?|partners?|co-?founders?|volunteers?)\b")),
        (1.5, _lex(r"\bworkshop\b|\bvolunteer\w*", r"\bco-?(?:build|create|develop|design|write|organi[sz]e)\w*",
                  r"\bequity\b", r"\blooking for (?:someone|people|a person) (?:with|who|to)\b", r"\bneed (?:an? )?(?:\w+ )?(?:dev|developer|designer)\b",
                  r"\bjoin (?:us|our (?:club|community|initiative|group))\b", r"\bfreelanc\w+")),
    ],
    "networking": [
        (2.5, _lex(r"\balum(?:ni|nus|na|nae)?\b|\bfellow\b|\bgrad(?:uated)? (?:from|of)\b|\bclass of (?:'|20)?\d\d\b",
                  r"\b(?:same|our) (?:school|program|programme|major|university|college|department|field|alma mater)\b",
                  r"\bboth (?:studying|in|at|from|work|working|attend|attended|went|study|majoring)\b",
                  r"\b(?:expand|grow|build|widen|extend)(?:ing)? (?:my|our) (?:professional )?network\b",
                  r"\bconnect with (?:other|others|fellow|more|people|professionals|students|like-minded|"
                  r"peers|folks)\b",
                  r"\b(?:stay|keep) (?:in touch|connected)\b|\bstaying (?:in touch|connected)\b",
                  r"\b(?:learn|hear|know) (?:more )?about (?:your|what you)\b|\binformational interview\b|\bpick your brain\b",
                  r"\bcoffee chat\b|\b(?:happy|glad) to (?:help|answer|share)\b|\bif you (?:ever )?have (?:any )?questions\b",
                  r"\bclassmates?\b|\b(?:in|from|at) my (?:\w+ )?(?:class|department|program|school|major|lab|cohort|"
                  r"lecture|dorm|club|team|org|organization|fraternity|sorority|chapter|church|gym)\b",
                  r"\b(?:the same|your) (?:\w+ ){0,2}(?:class|cohort|program|team|school|lecture|intern class)\b",
                  r"\b(?:share|swap|exchange) (?:experiences|notes|stories|tips)\b")),
        (1.0, _lex(r"\b(?:love|like|happy|glad|great|nice) to connect\b|\b(?:wanted|want|hoping|hope) to connect\b",
                  r"\blet'?s connect\b|\bconnecting with\b", r"\bsaw your (?:post|article|project|work|comment)\b",
                  r"\byour (?:journey|path|career path|experience)\b")),
    ],
}
_HEADLINE_CUES: dict[str, re.Pattern[str]] = {
    "recruiter": _rx(r"\brecruit\w*", r"\btalent\b", r"\bhiring\b", r"\bhr\b|\bhuman resources\b|\bpeople (?:partner|ops)\b",
                     r"\bheadhunter\b", r"\bstaffing\b", r"\bcareers?\b.{0,20}\bat\b"),
    "sales": _rx(r"\bi help\b|\bhelping\b", r"\b(?:coach|coaching|consultant for|agency|growth hacker|sales|"
                 r"account executive|business development|bdr|sdr|lead gen|founder @)\b",
                 r"\bdm me\b|\bpassive income\b|\b(?:crypto|forex|trader|investor|wealth|financial advisor|"
                 r"insurance|real estate)\b", r"\$\d"),
    "networking": _rx(r"\balum", r"\bclass of\b|\b'\d\d\b"),
}
_NOT_A_ROLE = re.compile(r"\bnot (?:reaching out|writing|contacting you|messaging|here) (?:about|for|regarding|with) "
                         r"(?:a |an )?(?:role|job|position|opening|recruit)", _I)
_NOTE_OF_CONNECT = re.compile(r"\b(?:connect|network|touch|chat|coffee|know you)\b", _I)

# --------------------------------------------------------------------------- red flags

_MONEY_AMOUNT = r"(?:[$€£]\s?\d[\d,.]*\s?k?\+?|\d[\d,.]*\s?k?\+?\s?(?:\$|usd|dollars|eur|euros?|€|£))"
_ODD_TLD_GATE = tuple(f".{t}" for t in _wordset("xyz top click loan work tk ml ga cf gq zip mov icu buzz rest cam monster "
                      "live online site club ru cn su win bid vip lol quest sbs cfd"))
_RED_FLAGS: dict[str, _Lex] = {
    "asks_for_money": _lex(
        r"\b(?:pay|send|wire|transfer|deposit|purchase|buy)\b[^.!?\n]{0,40}\b(?:fee|deposit|payment|money|"
        r"gift ?cards?|bitcoin|crypto|check|cheque|starter kit|registration|insurance)\b",
        r"\b(?:processing|registration|equipment|training|application|onboarding|refundable|upfront|up-front|"
        r"placement|admin(?:istration)?|visa|security|certification|starter kit|background check) fees?\b",
        r"\bgift ?cards?\b|\b(?:zelle|venmo|cash ?app|western union|moneygram|wire transfer)\b",
        r"\bbank (?:account )?(?:details|info|information|number)\b|\b(?:routing|account) number\b",
        r"\bdeposit (?:it|the check|the cheque|a check|a cheque)\b|\bsend (?:back|the) (?:the )?(?:extra|difference|"
        r"remaining|rest|balance)\b|\bsend (?:you|me) a (?:check|cheque)\b|\bsend a (?:check|cheque)\b",
        rf"\b(?:buy|purchase|pay for)\b[^.!?\n]{{0,40}}{_MONEY_AMOUNT}",
        rf"\bpay (?:a |an |the )?(?:small |one-time )?{_MONEY_AMOUNT}",
    ),
    "asks_personal_info": _lex(
        r"\bssn\b|\bsocial security\b|\bsocial insurance number\b|\bnational insurance number\b",
        r"\bpassport\b|\bdriver'?s'? licen[cs]e\b|\b(?:national|government|photo|state) id\b|\bid card\b|"
        r"\b(?:copy|photo|scan|picture) of your (?:id|identification)\b",
        r"\bdate of birth\b|\bd\.?o\.?b\b|\bbirth ?date\b",
        r"\b(?:home|full|mailing|residential|physical|street) address\b|\baddress,|\byour address\b",
        r"\b(?:bank(?:ing)?|account|online banking) (?:login|password|credentials|pin)\b|\byour (?:password|pin|"
        r"login details|login credentials|otp|verification code|2fa code)\b",
        r"\bverify your (?:identity|account|details|information)\b|\btax id\b|\bcredit card (?:number|details)\b",
    ),
    "off_platform": _lex(
        r"\bwhats ?app\b|\btelegram\b|\bwechat\b|\bkik\b|\bsnapchat\b|\bviber\b|\bline app\b|\bt\.me/|\bwa\.me/",
        r"\b(?:on|via|over|through|use|download) signal\b|\bsignal (?:app|me|number)\b|\bbetter on signal\b",
        r"\b(?:dm|message|contact|reach|text|add|find|follow) (?:me|us|our \w+) (?:on|via|at) (?:instagram|ig|"
        r"facebook|fb|messenger|discord|hangouts|google chat|skype)\b",
        r"\btext (?:me|us)\b|\bcall (?:me|us) (?:at|on)\b|\bsms\b",
        (r"(?<![\w.+-])[\w.+-]{1,64}(?<=[\w.+-])@(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|aol|icloud|me|proton|protonmail|gmx|"
        r"mail|yandex|zoho|qq|163)\.\w+", ("@",)),
        r"\bpersonal email\b|\b(?:email|e-mail|write to) (?:me|us) (?:at|on)\b",
    ),
    "too_good_to_be_true": _lex(
        r"\bno (?:prior |previous )?(?:experience|interview|skills?|qualifications?|degree)s? "
        r"(?:is |are )?(?:needed|required|necessary)\b",
        r"\bwithout (?:an? |any )?(?:interview|experience)\b|\bno interview\b",
        r"\byou(?:'re| are| have been| were|'ve been) hired\b|\bhired (?:on the spot|immediately|right away|"
        r"without)\b|\b(?:i|i'm|i am|they|she|he) (?:was )?hired without\b",
        r"\bstart (?:immediately|right away|today)\b|\bimmediate start\b",
        r"\bcongratulations[^.\n]{0,60}\b(?:selected|hired|chosen|approved|shortlisted)\b",
        r"\bunlimited (?:earning|income|earnings) (?:potential)?|\buncapped (?:earnings|commission|income)\b|"
        r"\beasy money\b|\bget rich\b|\bmake money (?:fast|from home|online|quickly)\b|\bquick cash\b",
        (rf"\b(?:withdraw|get back|receive|earn|make|turn it into)\s+{_MONEY_AMOUNT}\s*(?:in|within|after) \d+ "
         r"(?:days?|weeks?|hours?)\b", ("$", "€", "£", "usd", "dollar", "eur")),
        r"\bguaranteed (?:returns?|profits?|income|earnings|job|placement|offer)\b|\b(?:returns?|profits?|income) "
        r"guaranteed\b",
        (r"\b(?:earn|earns|earning|make|makes|making|made|pays?|paying|salary(?: of| is)?|pay is|income of|"
        rf"role|position|job)\W{{0,3}}(?:\w+ ){{0,2}}\(?{_MONEY_AMOUNT}\s?(?:/|per |a |an |every |last |this |"
        r"in (?:a|one) )?\s?"
        r"(?:week|weekly|wk|day|daily|month|monthly|mo)\b", ("$", "€", "£", "usd", "dollar", "eur")),
        (rf"{_MONEY_AMOUNT}\s?(?:/|per |an |a )\s?(?:hour|hr|h)\b", ("$", "€", "£", "usd", "dollar", "eur")),  # amount checked by _high_pay
        (r"\b\d+(?:-\d+)?% (?:returns?|profits?|roi|daily|weekly|monthly|(?:\w+ ){0,2}(?:per|a|every|each) "
         r"(?:day|week|month))\b|"
         r"\bearn \d+(?:-\d+)?%", ("%",)),
    ),
    "crypto_investment": _lex(
        r"\b(?:crypto(?:currency|currencies)?|bitcoin|btc|ethereum|eth|usdt|tether|nfts?|forex|fx trading|"
        r"binary options?|defi)\b",
        r"\btrading (?:signals?|bot|platform|strategy|account|group|mentor|academy)\b|\b(?:signals|trading) "
        r"group\b|\bday trad(?:ing|er)\b",
        r"\binvest(?:ment)? (?:opportunit\w+|plan|platform|scheme|returns?|club|group|program)\b|\binvest (?:in|with) "
        r"(?:us|me|our|this|bitcoin|crypto|gold|my)\b",
        r"\b(?:real estate|stock|property|crypto) investing\b|\binvestment webinar\b",
        (r"\b(?:returns?|profits?|roi) of \d+|\b\d+% (?:returns?|profits?|roi)\b|\bdouble your (?:money|investment)\b",
         ("return", "profit", "roi", "double your")),
    ),
    "urgency": _lex(
        r"\burgent(?:ly)?\b|\bact (?:now|fast|quickly|immediately|today)\b|\basap\b|\bhurry\b",
        r"\b(?:reply|respond|answer|decide|confirm|sign up|apply|register|pay)(?: back)? (?:fast|quickly|asap|now|"
        r"immediately|right away|today)\b",
        r"\b(?:reply|respond|answer|decide|confirm|sign up|pay)\b[^.!?\n]{0,20}\b(?:with)?in (?:the next )?\d+ ?"
        r"(?:hours?|hrs?|h|minutes?|mins?|days?)\b",
        r"\bwithin (?:the next )?\d+ ?(?:hours?|hrs?|h|minutes?|mins?)\b",
        r"\b(?:only|just) \d+ (?:spots?|seats?|places?|positions?|slots?|openings?)(?: (?:left|remaining|available))?\b",
        r"\b(?:spots?|seats?|places?|positions?|slots?|offer) (?:are |is )?(?:limited|filling (?:up )?fast)\b|"
        r"\blimited (?:spots?|seats?|slots?|time|positions?|offer|availability|places?)\b",
        r"\blast chance\b|\b(?:today|tonight|this week|this weekend|48 hours|24 hours) only\b|\bexpires? (?:today|"
        r"tonight|soon|in)\b|\bdon'?t miss (?:out|this)\b|\bbefore it'?s too late\b|\bnow or never\b",
        r"\bwill be (?:suspended|closed|deleted|terminated|locked|disabled|given to someone else)\b",
        r"\b(?:contact|reply|respond|call|message|text|apply|write|send)\b[^!?\n]{0,80}?\b(?:immediately|right away|"
        r"asap|urgently)\b",
        r"\b(?:for|to) (?:the )?first \d+ (?:people|students|applicants|customers|responses|persons|who)\b",
        r"\bsecure your (?:spot|seat|place|position)\b|\bfirst come,? first serve",
    ),
    "suspicious_link": _lex(
        r"\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|cutt\.ly|rb\.gy|shorturl\.at|tiny\.cc|"
        r"rebrand\.ly|s\.id|v\.gd|shorte\.st|adf\.ly|bl\.ink|t\.ly|tiny\.one|qrco\.de)/\S+",
        r"\bhttps?://\d{1,3}(?:\.\d{1,3}){3}\S*",
        (r"\b(?:https?://)?[\w.-]+\.(?:xyz|top|click|loan|work|tk|ml|ga|cf|gq|zip|mov|icu|buzz|rest|cam|monster|"
         r"live|online|site|club|ru|cn|su|win|bid|vip|lol|quest|sbs|cfd)(?:/\S*)?(?![\w.])", _ODD_TLD_GATE),
        (r"\b(?:https?://)?(?:[\w-]+\.)*(?:[\w-]*(?:linkedin|linkdin|linkedln|lnkedin|paypal|amazon|microsoft)"
         r"[\w-]*)\.(?!com\b)[a-z]{2,}\S*", ("linkedin", "linkdin", "linkedln", "lnkedin", "paypal", "amazon",
                                              "microsoft")),
        (r"\b(?:https?://)?(?:[\w-]+\.)*[\w]*-(?:linkedin|paypal|amazon|microsoft)[\w-]*\.\w+|\b(?:https?://)?"
         r"(?:[\w-]+\.)*(?:linkedin|paypal|amazon|microsoft)-[\w-]+\.\w+", ("-",)),
        r"\bxn--[\w-]+\.\w+",
        r"\b(?:tinyurl|bitly|shortened|short) link\b",
    ),
}
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d().\- ]{8,}\d(?![\w/])")
_DIGITS3 = re.compile(r"\d\d\d")
_MONEY_RX = re.compile(_MONEY_AMOUNT, _I)
_HOURLY_AMOUNT = re.compile(r"(\d[\d,.]*)")

# --------------------------------------------------------------------------- helpers

_WORDS = re.compile(r"[^\W\d_]{2,}")
_SENTENCE = re.compile(r"[^.!?\n]{2,}[.!?]?")


def _phrase(s: str) -> str:
    s = s.strip(" \n,;:-")
    if len(s) <= _MAX_PHRASE:
        return s
    cut = s[:_MAX_PHRASE]
    sp = cut.rfind(" ")
    return cut[:sp] if sp > 40 else cut


def _name_ok(cand: str, exclude: set[str]) -> str | None:
    cand = cand.strip(" .,-")
    cand = re.sub(r"^(?:Dr|Prof)\.? ", "", cand)
    toks = cand.split()
    if not toks or len(toks) > 4 or len(cand) > 60:
        return None
    for i, t in enumerate(toks):
        low = t.lower().rstrip(".")
        if low in _NOT_NAME or low.removesuffix("'s") in _NOT_NAME:
            return None
        if i and low in _PARTICLES:
            continue
        c = t[0]
        if c.islower() or not c.isalpha():
            return None
        letters = [ch for ch in t if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):  # "HR", "CEO": acronyms, not names
            return None
    if toks[-1].lower() in _PARTICLES:
        return None
    if cand.lower() in exclude or toks[0].lower() in exclude and len(toks) == 1:
        return None
    return cand


def _looks_like_headline(line: str) -> bool:
    if _GREETING.match(line) or _maybe_default(line) and _DEFAULTS.search(_lower(line)) or len(line.split()) > 24:
        return False
    low = line.lower()
    if re.search(r"\b(?:i'?d|i'm|we met|you|your)\b", low) and "|" not in line:
        return False
    return bool(re.search(r"\s(?:at|@|\|)\s|[|@]|\b(?:student|engineer|recruiter|manager|founder|ceo|analyst|"
                          r"consultant|developer|designer|director|intern|partner|lead|specialist|executive|"
                          r"coach|investor|professor|researcher|scientist|officer|associate|president|owner)\b",
                          low)) and not line.rstrip().endswith(("?",))


class _Ctx:
    """Per-call scratch: the cleaned text, its 1:1 quote-normalised twin, and collected evidence."""

    __slots__ = ("cleaned", "norm", "low", "evidence")

    def __init__(self, cleaned: str) -> None:
        self.cleaned = cleaned
        self.norm = cleaned.translate(_QMAP)
        self.low = _lower(self.norm)
        self.evidence: list[Evidence] = []

    def add(self, field: str, phrase: str) -> None:
        phrase = _phrase(phrase)
        if not phrase:
            return
        i = self.norm.find(phrase)
        if i < 0:
            i = self.low.find(_lower(phrase))
        if i >= 0:  # report the user's own characters (case, curly quotes)
            phrase = self.cleaned[i:i + len(phrase)]
        self.evidence.append(Evidence.model_construct(field=field, phrase=phrase))


# --------------------------------------------------------------------------- structure


class _Parsed:
    __slots__ = ("header_name", "line_name", "headline", "body", "default_hits", "greeting_names")

    def __init__(self) -> None:
        self.header_name: tuple[str, str] | None = None  # (name, phrase)
        self.line_name: str | None = None
        self.headline: str = ""
        self.body: list[str] = []
        self.default_hits: list[str] = []
        self.greeting_names: set[str] = set()


def _parse_paste(norm: str) -> _Parsed:
    p = _Parsed()
    lines = []
    for raw in norm.split("\n"):
        ln = _PRONOUNS.sub("", _DEGREE.sub("", raw)).strip()
        if not ln:
            continue
        if len(ln) < 120 and _NOISE_LINE.fullmatch(ln) or all(w.lower() in _NOISE_WORDS for w in re.findall(r"[^\W\d_]+", ln) or ["x"]):
            continue
        m = _HEADER.match(ln) if len(ln) < 260 else None
        if m:
            who = (m.group("n1") or m.group("n2") or m.group("n3") or "").strip()
            head = ""
            if "," in who:
                who, head = (x.strip() for x in who.split(",", 1))
            elif " - " in who or " | " in who:
                who, head = (x.strip() for x in re.split(r" [-|] ", who, maxsplit=1))
            ok = _name_ok(who, set())
            if ok and not p.header_name:
                p.header_name = (ok, ln)
            if head and not p.headline:
                p.headline = head.rstrip(",")
            p.default_hits.append(ln)
            continue
        lines.append(ln)
    # "Name" line followed by a headline line (the card layout of a paste).
    for i, ln in enumerate(lines):
        m = _NAME_LINE.match(ln)
        if m and i + 1 < len(lines) and _name_ok(m.group(1), set()) and _looks_like_headline(lines[i + 1]):
            if not p.line_name:
                p.line_name = _name_ok(m.group(1), set())
                if not p.headline:
                    p.headline = lines[i + 1]
                lines = lines[:i] + lines[i + 2:]
            break
        if (m and p.header_name and _name_ok(m.group(1), set()) == p.header_name[0]):
            # name repeated under the header line: drop it, and a headline just after it
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            drop = 2 if nxt and _looks_like_headline(nxt) else 1
            if drop == 2 and not p.headline:
                p.headline = nxt
            lines = lines[:i] + lines[i + drop:]
            break
    p.body = lines
    return p


def _strip_defaults(body: str, hits: list[str]) -> str:
    """Replace LinkedIn's default sentences by line breaks, recording them as evidence of 'no note'."""
    if not _maybe_default(body):
        return body
    out, last = [], 0
    for m in _DEFAULTS.finditer(_lower(body)):
        hits.append(body[m.start():m.end()])
        out.append(body[last:m.start()])
        out.append("\n")
        last = m.end()
    out.append(body[last:])
    return "".join(out)


def _maybe_default(text: str) -> bool:
    """Cheap pre-check: every LinkedIn default text contains one of these words."""
    low = text.lower()
    return any(w in low for w in ("connect", "network", "invit", "respond", "netzwerk", "red ", "réseau", "rede "))


def _find_signature(body: str, exclude: set[str]) -> tuple[str | None, str]:
    """Name signed at the end of the note, and the signature text to drop."""
    body = body.rstrip()
    for rx in (_SIG_SIGNOFF, _SIG_DASH, _SIG_LASTLINE):
        m = rx.search(body)
        if m:
            ok = _name_ok(m.group(1), exclude)
            if ok:
                return ok, m.group(0)
    m = _SIG_AFTER_SENTENCE.search(body)
    if m:
        ok = _name_ok(m.group(1), exclude)
        if ok:
            return ok, m.group(1)
    return None, ""


_GREETING_WORD = re.compile(
    r"^(?:hi|hello|hey|heya|hiya|dear|hola|bonjour|salut|hallo|ciao|ol[aá]|greetings|good (?:morning|afternoon|"
    r"evening))\b[ ,!]*(?:(?:there|all|team|everyone)\b)?[ ,!.:]*",
    _I,
)


def _strip_greeting(line: str) -> tuple[str, str | None]:
    """Drop a leading "Hi Sam," and return (rest, greeted name); the name is validated, since the
    case-blind regex would otherwise take "Hi! We're hiring" as a greeting to "We're hiring"."""
    g = _GREETING.match(line)
    if not g:
        return line, None
    if g.group(1):
        ok = _name_ok(g.group(1), set())
        if ok:
            return line[g.end():], ok
    w = _GREETING_WORD.match(line)
    return (line[w.end():] if w else line), None


def _lead_name(cand: str) -> str:
    """Leading run of name-like tokens: "Priya Sharma and I" -> "Priya Sharma" (regexes run case-blind)."""
    toks = []
    for t in cand.split():
        if (t[0].islower() and t.lower() not in _PARTICLES) or t.lower().rstrip(".") in _NOT_NAME:
            break
        toks.append(t)
    while toks and toks[-1].lower() in _PARTICLES:
        toks.pop()
    return " ".join(toks)


def _self_intro(text: str, exclude: set[str]) -> tuple[str | None, str]:
    for m in _SELF_INTRO.finditer(text):
        cand = _lead_name(m.group(1))
        if not cand:
            continue
        rest = text[m.start(1) + len(cand):]
        if not _SELF_INTRO_TAIL.match(rest):
            continue
        ok = _name_ok(cand, exclude)
        if ok:
            return ok, text[m.start():m.start(1) + len(cand)]
    for m in _INTRO_HERE.finditer(text):
        cand = _lead_name(m.group(1))
        ok = _name_ok(cand, exclude) if cand == m.group(1) else None
        if ok:
            return ok, m.group(0).lstrip("-—,.! ")
    return None, ""


# --------------------------------------------------------------------------- decisions


def _claim(words: _Words) -> re.Match[str] | None:
    text = words.text
    for m in _CLAIM.matches(words):
        if not _CLAIM_NEG.search(text[max(0, m.start() - 25):m.start()]):
            return m
    return None


def _referral(words: _Words) -> re.Match[str] | None:
    text = words.text
    for m in _REFERRAL.matches(words):
        if not _REFERRAL_NOT.search(text[max(0, m.start() - 15):m.end() + 15]):
            return m
    return None


def _score(words: _Words, headline: str, has_note: bool) -> tuple[dict[str, float], dict[str, str]]:
    note = words.text
    scores = {k: 0.0 for k in _NOTE_CUES}
    best: dict[str, tuple[float, str]] = {}
    for intent, groups in _NOTE_CUES.items():
        for weight, lex in groups:
            ms = lex.matches(words) if note else []
            if ms:
                distinct = {m.group(0) for m in ms}
                scores[intent] += weight * min(len(distinct), 2)
                if weight > best.get(intent, (0.0, ""))[0]:
                    best[intent] = (weight, ms[0].group(0))
    if headline:
        # A headline says who the sender is; a note says what they want, so it weighs less once there is one.
        factor = 1.2 if has_note else 3.0
        for intent, rx in _HEADLINE_CUES.items():
            m = rx.search(headline)
            if m:
                scores[intent] += factor
                if intent not in best:
                    best[intent] = (0.1, headline)
    neg = _NOT_A_ROLE.search(note)
    if neg:
        scores["recruiter"] = 0.0
        best["networking"] = (9.0, neg.group(0))
        scores["networking"] += 2.0
    return scores, {k: v[1] for k, v in best.items()}


def _decide_intent(scores: dict[str, float], referral: bool, claim: bool, has_note: bool,
                   note: str) -> tuple[Intent, str]:
    rec, sal, col, net = scores["recruiter"], scores["sales"], scores["collaboration"], scores["networking"]
    # A concrete pitch wins over everything, even when wrapped in networking or referral words; a fake
    # job offer is still "recruiter" (the red flags carry the danger), so a stronger job signal beats it.
    if sal >= 3.0 and sal >= rec and sal >= col:
        return "sales", "sales"
    # A named go-between is the most useful thing a student can check, so it beats job / collab cues.
    if referral:
        return "referral", "referral"
    ranked = sorted((("sales", sal), ("recruiter", rec), ("collaboration", col), ("networking", net)),
                    key=lambda kv: -kv[1])  # stable: ties keep this order (sales > recruiter > collab > networking)
    top, val = ranked[0]
    if val >= 1.0:
        return top, top  # type: ignore[return-value]
    if claim:
        return "networking", "claim"  # an event follow-up with no other ask
    if has_note and _NOTE_OF_CONNECT.search(note):
        return "networking", "connect"
    if val > 0:
        return top, top  # type: ignore[return-value]
    return "unclear", ""


def _red_flags(ctx: _Ctx, words: _Words) -> tuple[str, ...]:
    found: list[tuple[int, str, str]] = []
    low = ctx.low
    for code, lex in _RED_FLAGS.items():
        ms = lex.matches(words)
        if code == "off_platform" and _DIGITS3.search(low):
            phone = _PHONE.search(low)
            if phone:
                ms = sorted((*ms, phone), key=lambda x: x.start())
        for m in ms:
            if code == "too_good_to_be_true" and _MONEY_RX.search(m.group(0)) and not _high_pay(m.group(0)):
                continue
            found.append((m.start(), code, m.group(0)))
            break
    found.sort()
    for _, code, phrase in found:
        ctx.add(f"red_flag:{code}", phrase)
    return tuple(code for _, code, _ in found)


_HOURLY = re.compile(r"(?:/|per |an |a )\s?(?:hour|hr|h)$")
_PERIODIC = re.compile(r"(?:week|day|month|mo|wk)\w*$")


def _high_pay(s: str) -> bool:
    """A pay figure is a red flag only when high for its period (hourly >= 50)."""
    if _HOURLY.search(s):
        amounts = _HOURLY_AMOUNT.findall(s)
        try:
            return bool(amounts) and float(amounts[0].replace(",", "").rstrip(".")) >= 50
        except ValueError:
            return False
    if _PERIODIC.search(s):
        return _big_pay(s)
    return True


_PER = re.compile(r"(week|wk|day|daily|month|mo)", _I)


def _big_pay(s: str) -> bool:
    """High pay for the period named: weekly >= 700, daily >= 200, monthly >= 5000."""
    m = re.search(r"(\d[\d,.]*)\s?(k)?", s, _I)
    per = _PER.findall(s)
    if not m or not per:
        return False
    try:
        v = float(m.group(1).replace(",", "").rstrip("."))
    except ValueError:
        return False
    if m.group(2):
        v *= 1000
    unit = per[-1].lower()
    if unit in ("day", "daily"):
        return v >= 200
    if unit in ("week", "wk"):
        return v >= 700
    return v >= 5000 or bool(re.search(r"\bearn|\bmade\b|\bmake", s, _I)) and v >= 1500


def _analyze(text: str) -> Signals:
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS]
    ctx = _Ctx(_clean(text))
    norm = ctx.norm
    if not _WORDS.search(norm):
        return Signals(custom_message=False, claims_prior_contact=False, intent="unclear", requester_name=None,
                       red_flags=(), evidence=(), truncated=truncated, is_description=False)

    low = ctx.low
    has_default = _maybe_default(low) and _DEFAULTS.search(low) is not None
    lw = _Words(low)
    desc_hits = [m.group(0) for m in _DESC_CUES.matches(lw)]
    paste_hits = len(_PASTE_CUES.findall(low)) + has_default
    parsed = None
    if not desc_hits or paste_hits:
        parsed = _parse_paste(norm)
        if parsed.header_name or parsed.line_name or parsed.default_hits:
            paste_hits += 2
    is_desc = len(desc_hits) >= 2 and paste_hits <= len(desc_hits) or (len(desc_hits) >= 1 and paste_hits == 0)

    name: str | None = None
    if is_desc:
        note = low
        headline = ""
        strong = _DESC_NOTE_STRONG.first(lw)
        none = _DESC_NOTE_NONE.first(lw)
        weak = _DESC_NOTE_WEAK.first(lw)
        if strong:
            custom, cm_phrase = True, strong.group(0)
        elif none:
            custom, cm_phrase = False, none.group(0)
        elif weak:
            custom, cm_phrase = True, weak.group(0)
        else:
            custom, cm_phrase = False, ""
        if cm_phrase:
            ctx.add("custom_message", cm_phrase)
        pos = 0
        while (m := _DESC_NAME.search(norm, pos)) is not None:
            pos = m.start() + 1  # overlapping scan: "request from a recruiter named Sam"
            strict = _DESC_NAME_STRICT.search(m.group(0))
            cand = _lead_name(m.group(1))
            end = m.start(1) + len(cand)
            if not cand or not strict and not norm[end:].lstrip().startswith("("):
                continue
            ok = _name_ok(cand, set())
            if ok:
                name = ok
                ctx.add("requester_name", norm[m.start():end])
                break
    else:
        assert parsed is not None
        for ln in parsed.body[:1]:
            _, greeted = _strip_greeting(ln)
            if greeted:  # "Hi Sam," names the student, never the sender
                parsed.greeting_names.add(greeted.lower())
                parsed.greeting_names.add(greeted.split()[0].lower())
        exclude = parsed.greeting_names
        body = "\n".join(parsed.body)
        hits = parsed.default_hits
        rest = _strip_defaults(body, hits)
        sig_name, sig_text = _find_signature(rest, exclude)
        if sig_text:
            k = rest.rfind(sig_text)
            rest = rest[:k] + "\n" + rest[k + len(sig_text):]
        intro_name, intro_phrase = _self_intro(rest, exclude)
        # Name: the LinkedIn card is the most reliable, then a self-introduction, then the sign-off.
        if parsed.header_name:
            name = parsed.header_name[0]
            ctx.add("requester_name", parsed.header_name[1])
        elif parsed.line_name:
            name = parsed.line_name
            ctx.add("requester_name", parsed.line_name)
        elif intro_name:
            name = intro_name
            ctx.add("requester_name", intro_phrase)
        elif sig_name:
            name = sig_name
            ctx.add("requester_name", sig_text)
        if name and sig_name and name != sig_name and len(sig_name) > len(name) and sig_name.startswith(name):
            name = sig_name
        # What is left once chrome, defaults, greeting and signature are gone is the personal note.
        note_lines = []
        for ln in rest.split("\n"):
            ln = _strip_greeting(ln.strip(" .,!-"))[0].strip(" .,!-")
            if ln and (not name or ln != name):
                note_lines.append(ln)
        note = "\n".join(note_lines)
        custom = len(_WORDS.findall(note)) >= 2
        if custom:
            first = next(ln for ln in note_lines if _WORDS.search(ln))
            sent = _SENTENCE.search(first)
            ctx.add("custom_message", sent.group(0) if sent else first)
        elif hits:
            ctx.add("custom_message", hits[0])
        headline = _lower(parsed.headline)
        note = _lower(note) if custom else ""

    nw = lw if note is low else _Words(note)
    claim_m = _claim(nw)
    ref_m = _referral(nw)
    claims = bool(claim_m or ref_m)  # a referral is a claimed tie
    if claim_m:
        ctx.add("claims_prior_contact", claim_m.group(0))
    elif ref_m:
        ctx.add("claims_prior_contact", ref_m.group(0))

    scores, best = _score(nw, headline, custom)
    intent, why = _decide_intent(scores, bool(ref_m), bool(claim_m), custom, note)
    if intent != "unclear":
        phrase = {"referral": ref_m.group(0) if ref_m else "", "claim": claim_m.group(0) if claim_m else ""}.get(
            why, best.get(why, ""))
        if why == "connect":
            m = _NOTE_OF_CONNECT.search(note)
            phrase = m.group(0) if m else ""
        ctx.add("intent", phrase)

    flags = _red_flags(ctx, lw)
    # model_construct: every value is built here from known-good types; validation would double the cost.
    return Signals.model_construct(custom_message=custom, claims_prior_contact=claims, intent=intent,
                                   requester_name=name, red_flags=flags, evidence=tuple(ctx.evidence),
                                   truncated=truncated, is_description=is_desc)


def analyze(text: str) -> Signals:
    """Never raises: a coaching bot must answer even on junk input, so failures degrade to 'unclear'."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _analyze(text)
    except Exception:  # pragma: no cover - defensive; the rules above are meant to be total
        return Signals(custom_message=False, claims_prior_contact=False, intent="unclear", requester_name=None,
                       red_flags=(), evidence=(), truncated=len(text) > MAX_CHARS, is_description=False)
