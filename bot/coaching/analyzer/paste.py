"""The shape of a paste: LinkedIn page chrome, the sender's card (name, headline), greeting, signature.

What is left once all of that is gone is the sender's own note. Rules, because the layouts are few and
fixed (web, mobile, e-mail) and a wrong name is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.coaching.analyzer.stock import STOCK

_I = re.IGNORECASE


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# A whole line matching this is page chrome, not part of a note.
_NOISE_LINE = re.compile(
    r"(?:accept|ignore|reply|connect|follow|following|pending|withdraw|manage|more|dismiss|close|skip|"
    r"aceptar|aceitar|ignorar|responder|conectar|enviar mensaje|enviar mensagem|ver perfil|"
    r"message|send message|message (?!me\b)\S+|see all|show all|see more|show more|show less|view profile|"
    r"view full profile|view .{1,40}'s profile|accept invitation|ignore invitation|\.\.\. ?more|… ?more|"
    r"see translation|linkedin|my network|notifications?|home|messaging|"
    r"invitations?(?: \(\d+\))?|(?:received|sent) invitations?|"
    r"(?:\d+|one|a) (?:other )?(?:shared|mutual) connections?|"
    r"[·•]? ?(?:1st|2nd|3rd\+?)(?: degree(?: connection)?)?|"
    r"\d+ ?(?:s|m|h|d|w|mo|y|yr|yrs|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?)(?: ago)?|"
    r"(?:a|an|one) (?:minute|hour|day|week|month|year) ago|yesterday|today|just now|now|"
    r"reply to .{1,60}|sent from linkedin(?: mobile)?(?: app)?|"
    r"\d+\+? ?(?:followers|connections)|\(?(?:she|he|they)/(?:her|him|them)(?:/\w+)?\)?|"
    r"people you may know|premium|online|active now|status is \w+|[·•|]+|"
    r"unsubscribe|learn why we included this|you are receiving [\w ]{1,40} e-?mails?|help center|"
    r"this e-?mail was (?:intended|sent) (?:for|to) .{1,160}|© ?\d{4} linkedin.{0,200}|linkedin corporation.{0,200}|"
    r"\d+ (?:connections?|people) in common|you have (?:\d+|an?|one)(?: new| pending)? (?:invitations?|connection requests?)|"
    r"(?:from|to|date|sent|cc): .{1,160}|(?:me|them|him|her|sender|my profile|their profile|the invite|invite|"
    r"note|message)(?: \(.{1,40}\))?:|me: .{1,160}|[\w ]{1,30}'s profile|"
    r".{0,80}\band \d+ other(?: mutual)? connections?|.{0,60}\bis a mutual connection|"
    # e-mail chrome: link lines, footers, settings
    r"(?:(?:accept|view|ignore|reply|unsubscribe|help|connect)[\w' ]{0,60}[:\-]? ?)?<?https?://\S+>?|"
    r"(?:don't want to receive|adjust your|manage your|update your) [^\n]{0,120}|"
    r"[^\n]{0,40}\b(?:email notifications?|notification settings|email preferences|privacy policy|user agreement)\b[^\n]{0,120}|"
    r"(?:accept|ignore)(?: +view (?:profile|invitation)(?: from [^\n]{1,60})?)+|view invitation from [^\n]{1,60}|"
    r"you received an invitation to connect[^\n]{0,100}|.{1,60} is waiting for your response"
    r")[.!]?",
    _I,
)
_NOISE_WORDS = _words(
    "accept ignore message reply view profile manage show see all more invitation "
    "invitations connect follow withdraw pending dismiss "
    # LinkedIn's buttons in Spanish and Portuguese
    "aceptar aceitar ignorar responder mensaje mensagem perfil conectar invitación invitaciones convite convites "
    "pendiente pendente"
)
_LETTERS = re.compile(r"[^\W\d_]+")
# LinkedIn's degree marker in English, Spanish and Portuguese: "· 2nd", "· 3er+", "· 2º" (folded to "2o").
_DEGREE = re.compile(r"\s*[·•]\s*(?:1st|2nd|3rd|1er|2do|3er|[123][ºo°])\+?(?!\w).*$", _I)
_PRONOUNS = re.compile(r"\s*\((?:she|he|they)/(?:her|him|them)(?:/\w+)?\)", _I)
_SUBJECT = re.compile(r"^(?:subject|re|fwd?|aw): ", _I)
# LinkedIn's e-mail subject names the recipient: "Ana, please add me to your LinkedIn network".
_SUBJECT_RECIPIENT = re.compile(
    r"^(.{1,60}?),? please add me to your (?:professional )?(?:linkedin )?network", _I
)

# "Jordan Lee wants to connect", "Jordan Lee, Engineer at X, sent you an invitation", "Invitation from Jordan".
_HEADER = re.compile(
    r"^(?:(?P<n1>.{1,160}?),? (?:wants to connect|would like to connect|has invited you to connect|"
    r"(?:has )?sent you an invitation(?: to connect)?|sent you a connection request|invited you to connect|"
    r"is inviting you to connect)(?: with you)?(?: on linkedin)?[.!]?(?: how would you like to respond\?)?"
    r"|invitation from (?P<n2>.{1,80}?)|(?:accept|respond to) (?P<n3>.{1,80}?)'s invitation"
    r"|(?:reminder: )?(?P<n4>.{1,80}?)'s invitation is (?:awaiting|waiting for) your response"
    r")$",
    _I,
)
_WORKS_AT = re.compile(
    r"^([^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*){0,3}) (?:works|worked|is) (?:at|with|for) [^.!?]{1,80}$"
)
_LOCATION = re.compile(
    r"(?:Greater )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:, [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}){0,2}"
    r"(?: (?:Bay )?Area| Metropolitan Area| Region)?"
)

NAME_TOKEN = r"[^\W\d_](?:[^\W\d_]|['\-](?=[^\W\d_]))*\.?"
NAME = rf"{NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}}"
_NAME_LINE = re.compile(
    rf"^(?:Dr\.? |Prof\.? )?({NAME})(?:,? (?:PhD|MBA|CPA|PMP|MD|Jr\.?|Sr\.?|II|III))?[ ,]*$"
)
PARTICLES = _words("de da del della di van von der den du la le bin al el dos das y")
NOT_NAME = _words(
    "hi hello hey dear hola bonjour greetings thanks thank best regards cheers sincerely warmly kind warm "
    "accept ignore message view profile manage show reply invitation invitations linkedin connect "
    "aceptar aceitar ignorar "
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
    "following followers premium online remote hybrid contract full part time no just only also "
    "regarding re subject fwd invite request note default headhunter connection"
)
SIGNOFF = (
    r"(?:best(?: regards| wishes)?|thanks(?: again| so much)?|thank you|many thanks|cheers|regards|"
    r"kind regards|warm regards|warmly|sincerely|all the best|talk soon|take care|thx|br|"
    r"saludos|un saludo|atentamente|cordialement|merci|bien à vous|viele grüße|grüße|obrigad[oa]|"
    r"abraços|cumprimentos)"
)
_SIG_SIGNOFF = re.compile(
    rf"(?:^|[\n.!?,] ?){SIGNOFF}[,.!]?[ \n]+(?:-+ ?)?({NAME})(?: [|] [^\n|]{{1,40}})?[ .!]*$", _I
)
_SIG_DASH = re.compile(rf"(?:^|\s)[-~—–]+ ?((?:Dr\.? )?{NAME})[ .!]*$")
_SIG_LASTLINE = re.compile(rf"\n({NAME})[ .!]*$")
_SIG_AFTER_SENTENCE = re.compile(rf"[.!?)] +({NAME_TOKEN}(?: {NAME_TOKEN})?)$")
_SELF_INTRO = re.compile(
    rf"(?:\bmy name is|\bi(?:'m| am)|\bthis is|\bit(?:'s| is)|\bsoy|\bme llamo|\bje suis|\bje m'appelle|"
    rf"\bich bin|\bsono)[ ,]+({NAME})(?=$|[\s,.!;:)(-]|'s)",
    _I,
)
_INTRO_HERE = re.compile(rf"(?:^|[-—,.!] )({NAME}) (?:from|at|with|on) [^.!?\n]{{1,50}} here\b", _I)
_SELF_INTRO_TAIL = re.compile(
    r"^(?:[,.!;:)(-]|$| (?:from|at|with|and|here|of|a|an|the|i|I'm|currently|working|"
    r"based|de|en|y|et)\b)"
)
_GREETING = re.compile(
    rf"^(?:hi|hello|hey|heya|hiya|dear|hola|bonjour|salut|hallo|ciao|ol[aá]|greetings|good (?:morning|afternoon|"
    rf"evening))\b[ ,!]*(?:(?:there|all|team|everyone)\b|({NAME})(?=[ ]*(?:[,!.:]|$)))?[ ]*[,!.:]*[ ]*",
    _I,
)
_GREETING_WORD = re.compile(
    r"^(?:hi|hello|hey|heya|hiya|dear|hola|bonjour|salut|hallo|ciao|ol[aá]|greetings|good (?:morning|afternoon|"
    r"evening))\b[ ,!]*(?:(?:there|all|team|everyone)\b)?[ ,!.:]*",
    _I,
)
_HEADLINE_WORDS = re.compile(
    r"\s(?:at|@|\|)\s|[|@]|\b(?:student|engineer|recruiter|manager|founder|ceo|analyst|consultant|developer|"
    r"designer|director|intern|partner|lead|specialist|executive|coach|investor|professor|researcher|scientist|"
    r"officer|associate|president|owner|host|creator|organi[sz]er|editor|author|teacher|advisor|adviser|agent|"
    r"broker|realtor|candidate|headhunter|talent|recruiting|hiring|sourcer)\b|"
    # the same roles in Spanish and Portuguese headlines ("Reclutadora en BBVA", "Recrutador na Natura")
    r"\b(?:reclutador|recrutador|estudiante|estudante|ingenier|engenheir|gerente|fundador|analista|consultor|"
    r"desarrollador|desenvolvedor|diseñador|designer|director|diretor|becari|estagi[aá]ri|pasante|profesor|"
    r"professor|investigador|pesquisador|talento|ejecutiv|executiv|coordinador|coordenador|especialista)\w*",
    _I,
)
_FIRST_PERSON = re.compile(r"\b(?:i'?d|i'm|we met|you|your)\b", _I)


_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "prof", "professor"))
_TITLED = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.? ([^\W\d_][\w'-]*)$")
_DR_PROF = re.compile(r"^(?:Dr|Prof)\.? ")


def name_ok(cand: str, exclude: set[str] | frozenset[str] = frozenset()) -> str | None:
    """`cand` if it reads as a person's name (capitalised tokens, no job words, no acronyms)."""
    cand = cand.strip(" .,-")
    t = _TITLED.match(cand)
    if t:  # a titled surname keeps its title
        return cand if name_ok(t.group(1), exclude) and t.group(1)[0].isupper() else None
    cand = _DR_PROF.sub("", cand, count=1)
    toks = cand.split()
    if not toks or len(toks) > 4 or len(cand) > 60:
        return None
    for i, tok in enumerate(toks):
        low = tok.lower().rstrip(".")
        if low in NOT_NAME or low.removesuffix("'s") in NOT_NAME:
            return None
        if i and low in PARTICLES:
            continue
        if tok[0].islower() or not tok[0].isalpha():
            return None
        letters = [ch for ch in tok if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):  # "HR", "CEO": acronyms
            return None
    if toks[-1].lower() in PARTICLES:
        return None
    if cand.lower() in exclude or toks[0].lower() in exclude and len(toks) == 1:
        return None
    return cand


def lead_name(cand: str) -> str:
    """Leading run of name-like tokens: "Priya Sharma and I" -> "Priya Sharma"."""
    toks = []
    words = cand.split()
    title = [words.pop(0)] if words and words[0].rstrip(".").lower() in _TITLES else []
    for t in words:
        if (t[0].islower() and t.lower() not in PARTICLES) or t.lower().rstrip(".") in NOT_NAME:
            break
        toks.append(t)
    while toks and toks[-1].lower() in PARTICLES:
        toks.pop()
    if title and len(toks) == 1:  # "Mr. Okafor", "Professor Lindqvist": a surname alone keeps its title
        return " ".join(title + toks)
    return " ".join(toks)


def greeting(line: str) -> tuple[int, str | None] | None:
    """Where a leading "Hi Sam," ends, and the greeted name as written (None when no name)."""
    g = _GREETING.match(line)
    return (g.end(), g.group(1)) if g else None


def strip_greeting(line: str) -> tuple[str, str | None]:
    """Drop a leading greeting; return the rest and the greeted person's name (the recipient)."""
    g = greeting(line)
    if not g:
        return line, None
    end, greeted = g
    if greeted:
        ok = name_ok(greeted)
        if ok:
            return line[end:], ok
    w = _GREETING_WORD.match(line)
    return (line[w.end() :] if w else line), None


def is_chrome_line(ln: str) -> bool:
    """Page chrome: a short line of LinkedIn's own words (a line of 120 characters or more is someone's
    text, even when it starts like chrome), or a line of nothing but button and menu words."""
    if len(ln) < 120 and _NOISE_LINE.fullmatch(ln):
        return True
    letters = _LETTERS.findall(ln)
    return bool(letters) and all(w.lower() in _NOISE_WORDS for w in letters)


def looks_like_headline(line: str) -> bool:
    if greeting(line) or STOCK.search(line.lower()) or len(line.split()) > 24 or line.rstrip().endswith("?"):
        return False
    if _FIRST_PERSON.search(line) and "|" not in line:
        return False
    return bool(_HEADLINE_WORDS.search(line))


@dataclass
class Paste:
    header_name: tuple[str, str] | None = None  # (name, the line it came from)
    line_name: str | None = None
    headline: str = ""
    body: list[str] = field(default_factory=list)
    header_lines: list[str] = field(default_factory=list)
    recipient: str | None = None  # named by the e-mail subject line


def strip_marks(line: str) -> str:
    """A line without LinkedIn's "· 2nd" degree marker and "(she/her)" pronoun tags."""
    return _PRONOUNS.sub("", _DEGREE.sub("", line)).strip()


def parse(norm: str) -> Paste:
    """Split a paste into the sender's card (name, headline), LinkedIn's header lines and the body."""
    p = Paste()
    lines: list[str] = []
    for raw in norm.split("\n"):
        ln = strip_marks(raw)
        if not ln or is_chrome_line(ln):
            continue
        ln = _SUBJECT.sub("", ln)
        r = _SUBJECT_RECIPIENT.match(ln)
        if r and name_ok(r.group(1)):
            p.recipient = name_ok(r.group(1))
            p.header_lines.append(ln)
            continue
        m = _HEADER.match(ln)
        if m:
            who = next((g for g in m.groups() if g), "").strip()
            head = ""
            if "," in who:
                who, head = (x.strip() for x in who.split(",", 1))
            elif " - " in who or " | " in who:
                who, head = (x.strip() for x in re.split(r" [-|] ", who, maxsplit=1))
            ok = name_ok(who)
            if (
                not ok and len(m.group(0).split()) > 8
            ):  # "Hi Sam, I came across your profile and would like to connect"
                lines.append(ln)
                continue
            if ok and not p.header_name:
                p.header_name = (ok, ln)
            if head and not p.headline:
                p.headline = head.rstrip(",")
            p.header_lines.append(ln)
            continue
        lines.append(ln)
    # A "Name" line followed by a headline line is a card. A paste may also hold the student's own card
    # (their name and headline at the top of the page): the note greets them by name.
    cards: list[tuple[int, str]] = []
    skip = -1
    for i, ln in enumerate(lines):
        m = _NAME_LINE.match(ln) if i != skip else None
        nm = name_ok(m.group(1)) if m else None
        if not nm:
            continue
        if p.header_name and nm == p.header_name[0] and not cards:
            # the name repeated under the header line: drop it, and a headline just after it
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            drop = 2 if nxt and looks_like_headline(nxt) else 1
            if drop == 2 and not p.headline:
                p.headline = nxt
            if drop == 2 and i + 2 < len(lines) and _LOCATION.fullmatch(lines[i + 2]):
                drop = 3
            lines = lines[:i] + lines[i + drop :]
            break
        if i + 1 < len(lines) and looks_like_headline(lines[i + 1]):
            cards.append((i, nm))
            skip = i + 1
    if cards:
        greeted = (p.recipient or "").split(" ")[0].lower()
        for ln in lines if not greeted else ():
            g = greeting(ln)
            if g and g[1]:
                greeted = g[1].split()[0].lower()
                break
        pick = next(((i, n) for i, n in cards if n.split()[0].lower() != greeted), cards[0])
        p.line_name = pick[1]
        if not p.headline:
            p.headline = lines[pick[0] + 1]
        drop_at: set[int] = set()
        for i, _ in cards:
            drop_at |= {i, i + 1}
            if i + 2 < len(lines) and _LOCATION.fullmatch(lines[i + 2]):
                drop_at.add(i + 2)
        lines = [ln for k, ln in enumerate(lines) if k not in drop_at]
    # "Jordan works at Deloitte" under a notification that named Jordan: a headline, not a note.
    first = (p.header_name[0] if p.header_name else p.line_name or "").split(" ")[0]
    if first:
        for i, ln in enumerate(lines):
            w = _WORKS_AT.match(ln)
            if w and w.group(1).split(" ")[0] == first:
                p.headline = p.headline or ln
                lines = lines[:i] + lines[i + 1 :]
                break
    # A headline pasted without the name above it, then the note's greeting: still the sender's headline.
    if not p.headline and len(lines) >= 2 and looks_like_headline(lines[0]) and greeting(lines[1]):
        p.headline, lines = lines[0], lines[1:]
    p.body = lines
    return p


def signature(body: str, exclude: set[str]) -> tuple[str | None, str]:
    """The name signed at the end of the note, and the signature text to drop."""
    body = body.rstrip()
    for rx in (_SIG_SIGNOFF, _SIG_DASH, _SIG_LASTLINE):
        m = rx.search(body)
        if m:
            ok = name_ok(m.group(1), exclude)
            if ok:
                return ok, m.group(0)
    m = _SIG_AFTER_SENTENCE.search(body)
    if m:
        ok = name_ok(m.group(1), exclude)
        if ok:
            return ok, m.group(1)
    return None, ""


def self_intro(text: str, exclude: set[str]) -> tuple[str | None, str]:
    """ "My name is Priya Sharma", "I'm Tom from Acme", "Sam from Stripe here"."""
    for m in _SELF_INTRO.finditer(text):
        cand = lead_name(text[m.start(1) : m.end(1)])
        if not cand or not _SELF_INTRO_TAIL.match(text[m.start(1) + len(cand) :]):
            continue
        ok = name_ok(cand, exclude)
        if ok:
            return ok, text[m.start() : m.start(1) + len(cand)]
    for m in _INTRO_HERE.finditer(text):
        cand = lead_name(m.group(1))
        ok = name_ok(cand, exclude) if cand == m.group(1) else None
        if ok:
            return ok, m.group(0).lstrip("-—,.! ")
    return None, ""
