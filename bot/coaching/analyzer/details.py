"""The details a reply names: the sender's company, the role, where they met, a shared school, a mutual.

Rules, because each detail is a span copied from the text (the draft greets "the Summer Analyst
internship at Deloitte", so the words must be the sender's own), and because the shapes are few: "X at
Company" in a headline, "the ROLE role/internship", "at the EVENT fair", "fellow SCHOOL alum", "NAME
suggested I reach out". Spanish and Portuguese forms sit beside the English ones. The language is
py3langid's (its model ships in the package), limited to languages a note is likely to be in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# A capitalised name of an organisation, school or person, as written: "Deloitte", "JP Morgan Chase",
# "Banco Santander", "McKinsey & Company", "Ernst & Young", "the University of Michigan" is handled apart.
_CAP = r"(?:[A-Z][\w'’.\-]*[\w]|[A-Z]{2,}|[A-Z])"
_ORG = rf"{_CAP}(?:(?: |-)(?:&|and|de|do|da|del|of|y|e) (?:{_CAP})|(?: |-){_CAP}){{0,3}}"
_STOP_ORG = {
    "I", "Hi", "Hello", "Hey", "Hola", "Oi", "Olá", "Dear", "We", "Our", "The", "A", "An", "LinkedIn", "Accept",
    "Ignore", "Message", "Best", "Thanks", "Regards", "Cheers", "My", "You", "Your", "Please", "Happy", "Great",
    "Nice", "Sent", "View", "Connect", "Follow", "Looking", "Hiring", "Recruiter", "Recruiting", "Talent",
    "Acquisition", "Campus", "University", "Senior", "Junior", "Lead", "Head", "Manager", "Intern",
    "Student", "PhD", "MBA", "Alum", "Alumni", "Founder", "CEO", "CTO", "Engineer", "Analyst", "Team",
}  # fmt: skip

_ROLE_WORDS = (
    r"intern(?:ship)?s?|analyst|engineer|developer|scientist|designer|associate|consultant|manager|coordinator|"
    r"specialist|researcher|assistant|representative|rep|architect|co-?op|fellow(?:ship)?|trainee|apprentice(?:ship)?|"
    r"program(?:me)?|position|role|opening|becari[oa]s?|pasant[ií]a|estagi[aá]ri[oa]"
)
_ROLE = re.compile(
    rf"\b(?:for|about|on|as|into|to|in|the|our|a|an|an open|para|como|la|el|una|um|uma)\s+"
    rf"((?:(?:summer|fall|spring|winter|junior|senior|entry-level|graduate|new grad|full-time|part-time|remote|"
    rf"(?:19|20)\d\d|[A-Z][\w&+#/-]*|[a-z][\w+#/-]*)\s+){{0,5}}(?i:{_ROLE_WORDS}))\b",
)
_ROLE_ES_PT = re.compile(
    r"\b(?:vacante|vaga|puesto|posici[oó]n|cargo)\s+(?:de|em|en|para)\s+"
    r"((?:(?:pr[aá]cticas|est[aá]gio|programa)\s+(?:de|em|en)\s+)?(?:[\wáéíóúãõç&+#/-]+\s+){0,3}?"
    r"[\wáéíóúãõç&+#/-]+)(?=[.,;!?\n]| en | na | no | em | at | in |$)"
    r"|\b((?:pr[aá]cticas|est[aá]gio|programa)\s+(?:de|em|en)\s+(?:[\wáéíóúãõç&+#/-]+\s+){0,3}?"
    r"[\wáéíóúãõç&+#/-]+)(?=[.,;!?\n]| en | na | no | em | at | in |$)",
    re.I,
)
_ROLE_NOT = re.compile(
    r"^(?:the|our|a|an|this|that|your|my|new|open|many|some|several|great|de|la|el|una|um|uma)?\s*"
    r"(?:role|position|opening|program(?:me)?|opportunit\w+|vaga|vacante|puesto)$",
    re.I,
)

_EVENT_WORDS = (
    r"career fair|job fair|fair|expo|conference|summit|meetup|meet-up|hackathon|info session|information session|"
    r"workshop|webinar|panel|talk|keynote|symposium|networking event|mixer|bootcamp|competition|case competition|"
    r"open house|recruiting event|event|class|lecture|seminar|course|section|feria|congreso|evento|charla|"
    r"clase|curso|palestra|aula|feira|confer[eê]ncia"
)
_EVENT = re.compile(
    rf"\b(?:at|during|from|after|in|en|na|no|durante|del|de la|da)\s+((?:the|la|el|a|o|our|your|last week's|"
    rf"yesterday's|today's)\s+(?:[\w'’&+#.-]+\s+){{0,5}}?(?:{_EVENT_WORDS}))\b",
    re.I,
)
_EVENT_NAMED = re.compile(
    r"\b(?:at|during|from|en|na|no)\s+((?:[A-Z][\w'’&+#.-]*\s?){1,4}(?:\d{2,4})?)(?=\s*(?:[,.!?;]|last|this|on|in|"
    r"yesterday|$))"
)
_COURSE = re.compile(r"\b([A-Z]{2,5}\s?\d{2,4}[A-Z]?)\b")
_MET_CONTEXT = re.compile(
    r"\b(?:met|meeting|meet|chat|chatting|talk|talking|spoke|saw|see you|seeing|enjoyed|stopping by|visit|"
    r"attended|booth|conocimos|conocerte|conhecer|vimos|encontramos)\b",
    re.I,
)

_SCHOOL = re.compile(
    r"\b((?:University|Universidad|Universidade|Universit[àé]|College|Institute|Instituto|Escuela|Escola|School)"
    r" (?:of|de|do|da|del|for|at)(?: [A-Z][\w'’.&-]*){1,4}|(?:[A-Z][\w'’.&-]*\s){1,3}(?:University|College|"
    r"Institute of Technology|Business School|School of \w+|Tech)|(?:MIT|UCLA|USC|NYU|CMU|UCSD|UIUC|UT Austin|"
    r"Georgia Tech|Virginia Tech|Penn|Wharton|Stanford|Harvard|Berkeley|Yale|Princeton|Columbia|Cornell|Duke|"
    r"Northwestern|Purdue|Rice|Caltech|USP|UNAM|ITAM|Tec de Monterrey|UBA|PUC(?:-\w+)?|UNICAMP|UFRJ|UFMG|"
    r"UC \w+))\b"
)
_SCHOOL_ALUM = re.compile(
    r"\b(?:fellow|proud|another|as an?|both)\s+((?:[A-Z][\w'’.&-]*\s?){1,3}?)\s+(?:alum(?:na|nus|ni|s)?|"
    r"grad(?:uate)?s?|students?|exalumn[oa]s?|ex-alun[oa]s?)\b|\b((?:[A-Z][\w'’.&-]*\s?){1,3}?)\s+"
    r"(?:alum(?:na|nus|ni|s)?|class of)\b"
)
_KNOWN_SCHOOL = (
    r"(?:MIT|UCLA|USC|NYU|CMU|UCSD|UIUC|UVA|RISD|UT Austin|Georgia Tech|Virginia Tech|Penn|Wharton|Stanford|"
    r"Harvard|Berkeley|Yale|Princeton|Columbia|Cornell|Duke|Northwestern|Northeastern|Purdue|Rice|Caltech|Rutgers|"
    r"Johns Hopkins|Carnegie Mellon|Michigan|Brown|Dartmouth|Vanderbilt|Emory|Tufts|Georgetown|Boston University|"
    r"USP|UNAM|ITAM|Tec de Monterrey|UBA|UNICAMP|UFRJ|UFMG|UC [A-Z][a-z]+)"
)
_KNOWN_SCHOOL_RX = re.compile(rf"\b{_KNOWN_SCHOOL}\b")
_KNOWN_SCHOOL_ANY_CASE = re.compile(rf"\b{_KNOWN_SCHOOL}\b", re.I)

_PERSON = r"[A-Z][a-záéíóúñãõçü'’-]+(?: [A-Z][a-záéíóúñãõçü'’-]+)?"
_MUTUAL = re.compile(
    rf"\b({_PERSON})\s+(?:from [\w ]{{1,30}}?\s+)?(?:suggested|recommended|mentioned|told me|gave me|passed along|"
    rf"pointed me|thought|said|speaks|spoke|introduced|me sugiri[oó]|me recomend[oó]|me recomendou|me sugeriu|"
    rf"me habl[oó]|me falou|me pas[oó]|me passou)\b"
    rf"|\b(?:our mutual (?:friend|contact|colleague)|mutual friend|introduced by|referred by|through|via|"
    rf"nuestr[oa] amig[oa] en com[uú]n|noss[oa] amig[oa] em comum|por recomendaci[oó]n de|por indica[cç][aã]o d[eao])"
    rf",?\s+({_PERSON})\b"
)
_MUTUAL_DESC = re.compile(
    r"\b(?:from|through|via|by) (?:my|our) (?:advisor|professor|prof|manager|friend|coworker|colleague|mentor|ta|"
    r"classmate|cousin|roommate),? ([a-z][a-z'-]+ [a-z][a-z'-]+)\b|\b([a-z][a-z'-]+ [a-z][a-z'-]+) (?:suggested|"
    r"recommended|introduced)\b"
)
_NOT_PERSON = {
    "I", "We", "They", "He", "She", "You", "Someone", "LinkedIn", "Hi", "Hello", "Hola", "Oi", "It", "This", "That",
    "Recruiter", "Professor", "My", "Our", "Your", "Google", "Amazon", "Thanks", "Hey",
}  # fmt: skip

_HEADLINE_COMPANY = re.compile(rf"(?:\bat|@|\ben|\bna|\bno|\bem|\bchez|\bbei|\|)\s*({_ORG})")
_COMPANY_PATTERNS = (
    re.compile(rf"(?:\bat|@|\bchez|\bbei)\s+(?:the\s+)?({_ORG})"),
    re.compile(rf"\b(?:with|from|for|on behalf of|here at|join|joining|of the)\s+({_ORG})(?:'s|’s)?\b"),
    re.compile(
        rf"\b(?:equipo|time|equipe|reclutamiento|recrutamento|talento|rrhh|rh|soy|sou|trabajo|trabalho|"
        rf"recrutador[a]?|reclutador[a]?)(?: [\w]+){{0,3}} (?:de|do|da|en|na|no|em) ({_ORG})"
    ),
    re.compile(rf"\b({_ORG})(?:'s|’s)?\s+(?:is hiring|are hiring|team|recruiting team|talent team|hiring team|"
               rf"campus team|university recruiting|engineers?|recruiters?|booth)\b"),
)  # fmt: skip
_COMPANY_DESC = re.compile(
    r"\b(?:recruiter|recruiting|hr|hiring manager|engineer|analyst|someone|person|guy|girl|lady|woman|man|"
    r"manager|founder|ceo|intern|reclutador[a]?|recrutador[a]?|works|working|company|startup|agency|firm)\s+"
    r"(?:from|at|@|de|da|do|called|named)\s+(?:(?:a|an|some)\s+[\w -]{0,25}?\s+(?:called|named)\s+)?"
    r"([\w&.'-]+(?: [\w&.'-]+)?)"
    r"(?=[,.;!?()]|\s+(?:no|with|sent|added|wants|asking|for|about|who|and|said|says|keeps|messaged|\()|\s*$)",
    re.I,
)
# The student's own employer ("you're interning at Snowflake"), not the sender's.
_NOT_THEIRS = re.compile(
    r"\b(?:you(?:'re| are)? (?:now )?(?:work(?:ing)?|intern(?:ing)?)|your (?:team|company))\s+$", re.I
)
_SCHOOL_AFTER = re.compile(r"\s*(?:University|College|alum\w*|students?|grads?\b|High\b)", re.I)
# "— Ryan Patel, CareerLaunch Pro" / "Lena Fischer, Founder, Studyly": the organisation after a signature.
_SIGNED_ORG = re.compile(rf"[A-Z][\w'’-]+ [A-Z][\w'’-]+,(?: [\w &]+,)? ({_ORG})\s*$")
_RELATIONSHIP_ORG = re.compile(rf"\b(?:from|at)\s+({_ORG}):?\s*$", re.M)


@dataclass(frozen=True, slots=True)
class Details:
    company: str | None = None
    role: str | None = None
    event: str | None = None
    school: str | None = None
    mutual: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "company": self.company,
            "role": self.role,
            "event": self.event,
            "school": self.school,
            "mutual": self.mutual,
        }


def _org(candidate: str) -> str | None:
    candidate = re.split(r" (?:and|&) I\b", candidate)[0]
    candidate = re.sub(r"(?:'s|’s)$", "", candidate.strip(" .,;:-"))
    words = candidate.strip(" .,;:-'’").split()
    while words and words[0] in _STOP_ORG:
        words = words[1:]
    while words and words[-1] in _STOP_ORG | {"&", "and", "de", "of", "y", "e", "do", "da", "del"}:
        words = words[:-1]
    name = " ".join(words)
    if not name or _SCHOOL.fullmatch(name) or _KNOWN_SCHOOL_RX.fullmatch(name) or len(name) > 60:
        return None
    return name


def company(headline: str, note: str, description: bool) -> str | None:
    """The sender's organisation: from the headline first ("Recruiter at Deloitte"), then the note."""
    m = _HEADLINE_COMPANY.search(headline) if headline else None
    if m and (found := _org(m.group(1))):
        return found
    for text in (headline, note):
        if not text:
            continue
        for rx in _COMPANY_PATTERNS:
            for m in rx.finditer(text):
                before = text[max(0, m.start() - 30) : m.start() + 4]
                after = text[m.end() : m.end() + 25]
                if _MET_CONTEXT.search(before) or _NOT_THEIRS.search(
                    text[max(0, m.start() - 40) : m.start() + 1]
                ):
                    continue  # an event they met at, or the student's own employer
                if _SCHOOL_AFTER.match(after):
                    continue
                found = _org(m.group(1))
                if found:
                    return found
    for rx in (_SIGNED_ORG, _RELATIONSHIP_ORG):
        m = rx.search(note)
        if m and (found := _org(m.group(1))):
            return found
    if description:
        m = _COMPANY_DESC.search(note)
        if m and m.group(1).lower() not in ("a", "an", "the", "my", "linkedin", "school", "class", "some"):
            return m.group(1).strip(" .,'")
    return None


_FUNCTION = {
    "the", "our", "a", "an", "this", "that", "your", "new", "open", "my", "for", "about", "abt", "as", "into", "to",
    "any", "on", "in", "of", "with", "at", "their", "his", "her", "some", "one", "two", "few", "several", "since",
    "referral", "refer", "talk", "chat", "hiring",
}  # fmt: skip
_GENERIC_TAIL = {"role", "roles", "position", "positions", "opening", "openings", "candidates", "opportunity"}
_NOT_A_ROLE = re.compile(
    r"\b(?:hiring manager|recruit\w*|talent|manager of|cofounder|co-founder|while)\b", re.I
)
_SELF = re.compile(r"\b(?:i'?m|i am|i work as|i was)\s+(?:a |an |the )?(?:\w+ )?$", re.I)


def role(text: str) -> str | None:
    """The position offered or asked about, as the text names it (not the sender's own title)."""
    for rx in (_ROLE, _ROLE_ES_PT):
        for m in rx.finditer(text):
            found = (m.group(1) or m.group(m.lastindex or 1) or "").strip(" .,")
            if _SELF.search(text[max(0, m.start() - 20) : m.start(1) if m.group(1) else m.start()]):
                continue
            words = found.split()
            cut = max((i + 1 for i, w in enumerate(words[:-1]) if w.lower() in _FUNCTION), default=0)
            words = words[cut:]
            if len(words) > 1 and words[-1].lower() in _GENERIC_TAIL:
                words = words[:-1]
            if len(words) > 1 and words[-1] in ("program", "programme") and words[0][:1].islower():
                words = words[:-1]
            if words and words[0].lower() in ("remote", "paid", "exciting", "great"):
                words = words[1:]
            found = " ".join(words)
            if found and not _ROLE_NOT.match(found) and not _NOT_A_ROLE.search(found) and len(found) <= 80:
                return found
    return None


_INNER = re.compile(r".*\b(?:during|at|in|from|en|na|no)\s+((?:the|la|el|a|o)\s+.*)$", re.I)
_COURSE_CONTEXT = re.compile(
    r"\b(?:in|from|for|of|my|our|your|same|took|taking|tomamos|fizemos)\s+(?:the\s+)?(?:same\s+)?$", re.I
)


def event(text: str) -> str | None:
    """Where they met or will meet: a fair, a class, a conference, as the text names it."""
    for course in _COURSE.finditer(text):
        if _COURSE_CONTEXT.search(text[max(0, course.start() - 20) : course.start()]):
            return course.group(1)
    m = _EVENT.search(text)
    if m:
        found = m.group(1).strip(" .,")
        inner = _INNER.match(found)
        return (inner.group(1) if inner else found).strip(" .,")
    for m in _EVENT_NAMED.finditer(text):
        found = m.group(1).strip(" .,")
        if (
            (
                _MET_CONTEXT.search(text[max(0, m.start() - 30) : m.start()])
                and found.split()[0] not in _STOP_ORG
            )
            and not _SCHOOL.fullmatch(found)
            and not _KNOWN_SCHOOL_RX.fullmatch(found)
        ):
            return found
    return None


def school(headline: str, note: str, description: bool = False) -> str | None:
    """A school named as the sender's, the student's or a shared one."""
    for text in (note, headline):
        if not text:
            continue
        m = _SCHOOL_ALUM.search(text)
        if m:
            found = (m.group(1) or m.group(2) or "").strip()
            if found and found.split()[0] not in _STOP_ORG:
                return found
        m = _SCHOOL.search(text)
        if m:
            return m.group(1).strip()
        m = (_KNOWN_SCHOOL_ANY_CASE if description else _KNOWN_SCHOOL_RX).search(text)
        if m:
            return m.group(0)
    return None


def mutual(text: str, sender: str | None, description: bool = False) -> str | None:
    """A third person both know, named in the text (never the sender)."""
    if description:
        m = _MUTUAL_DESC.search(text)
        if m:
            return (m.group(1) or m.group(2)).strip()
    for m in _MUTUAL.finditer(text):
        found = (m.group(1) or m.group(2) or "").strip()
        first = found.split()[0] if found else ""
        if found and first not in _NOT_PERSON and (not sender or first not in sender.split()):
            return found
    return None


def extract(*, note: str, headline: str, description: bool, sender: str | None) -> Details:
    """The details of one invitation. `note` is the sender's words as written (a paste's note) or the
    student's whole description; `headline` the sender's headline as written."""
    return Details(
        company=company(headline, note, description),
        role=role(note) or role(headline),
        event=event(note),
        school=school(headline, note, description),
        mutual=mutual(note, sender, description),
    )


_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "nl")
_SURE = 0.6


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(_LANGUAGES))
    return ident


def language(text: str) -> str:
    """ISO 639-1 code of the text; English when the text is too short or the model unsure."""
    if len(re.findall(r"[^\W\d_]{2,}", text)) < 3:
        return "en"
    code, prob = _identifier().classify(text)
    return str(code) if prob >= _SURE else "en"
