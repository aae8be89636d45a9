"""Invitation text -> signals the coaching flow uses.

Rule-based on purpose: it must be explainable (every decision carries the phrase that caused it),
deterministic, dependency-free and fast enough to run inside a Slack ack window. Pure: no I/O.
"""

from __future__ import annotations

import html
import operator
import re
from collections.abc import Callable
from typing import Any, Literal

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


_new_object = object.__new__
_set_attr = object.__setattr__


def _constructor(cls: type[BaseModel], *names: str) -> Callable[..., Any]:
    """`cls.model_construct(**dict(zip(names, values)))` as a function of the values, about three times as
    fast: it sets the same four attributes `model_construct` sets for a plain model (no defaults to fill,
    no aliases, no extra, no private attributes, no post-init). Checked against `model_construct` once,
    here; should a pydantic version do more, `model_construct` itself is used."""
    fields = frozenset(names)

    def make(*values: Any) -> Any:
        m = _new_object(cls)
        _set_attr(m, "__dict__", dict(zip(names, values, strict=True)))
        _set_attr(m, "__pydantic_fields_set__", set(fields))
        _set_attr(m, "__pydantic_extra__", None)
        _set_attr(m, "__pydantic_private__", None)
        return m

    def slow(*values: Any) -> Any:
        return cls.model_construct(**dict(zip(names, values, strict=True)))

    try:
        probe = tuple(f"v{i}" for i in range(len(names)))
        a, b = make(*probe), slow(*probe)
        same = (set(cls.model_fields) == fields and not cls.__pydantic_post_init__ and type(a) is type(b)
                and a.__dict__ == b.__dict__ and list(a.__dict__) == list(b.__dict__)
                and a.__pydantic_fields_set__ == b.__pydantic_fields_set__
                and a.__pydantic_extra__ == b.__pydantic_extra__ and a.__pydantic_private__ == b.__pydantic_private__
                and set(vars(a)) == set(vars(b)) and a == b)
    except Exception:  # pragma: no cover - a pydantic that works differently
        same = False
    return make if same else slow


_evidence = _constructor(Evidence, "field", "phrase")
_signals = _constructor(Signals, "custom_message", "claims_prior_contact", "intent", "requester_name", "red_flags",
                        "evidence", "truncated", "is_description")


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
# Runs of horizontal space become one space: only runs that are not already a single space are matched,
# so that a line without any (the usual case) comes back unchanged, with no substitution at all.
_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        # The same, without scanning: on an ASCII line the junk is the control characters (non-printable,
        # as is a tab), and the horizontal space to squeeze is a tab or two spaces in a row.
        out = []
        for ln in text.split("\n"):
            if not ln.isprintable():
                ln = _HSPACE.sub(" ", _JUNK.sub(" ", ln))
            elif "  " in ln:
                ln = _HSPACE.sub(" ", ln)
            ln = ln.strip()
            if ln:
                out.append(ln)
        return "\n".join(out)
    text = _JUNK.sub(" ", text)
    lines = (_HSPACE.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


# --------------------------------------------------------------------------- lexicons


def _rx(*parts: str, flags: int = 0) -> re.Pattern[str]:
    """Alternation of cue patterns. Case-sensitive on purpose: they run on a lower-cased twin of the
    text, which is about twice as fast as IGNORECASE."""
    return re.compile("|".join(f"(?:{p})" for p in parts), flags)


_META = frozenset("\\[](){}.*+?^$|")
_ZERO_WIDTH = re.compile(r"\\b|\^|\(\?<?[=!](?:[^()\\]|\\.)*\)")


def _structure(pat: str, i: int = 0):
    """(index, char) of each unescaped `(`, `)` or `|` outside a character class, from pat[i] on.

    Ends with (len(pat), None) when a character class is left open (an unbalanced pattern).
    """
    cls = False
    while i < len(pat):
        c = pat[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c in "()|":
            yield i, c
        i += 1
    if cls:
        yield len(pat), None


def _class_end(pat: str, i: int) -> int:
    """Index of the `]` closing the character class opened at pat[i] (len(pat) if it never closes)."""
    j = i + 1
    j += pat[j:j + 1] == "^"
    j += pat[j:j + 1] == "]"  # a leading "]" is a literal
    while j < len(pat) and pat[j] != "]":
        j += 2 if pat[j] == "\\" else 1
    return j


def _split_alts(pat: str) -> list[str] | None:
    """Top-level alternatives of a pattern (None when the brackets do not balance)."""
    out, depth, last = [], 0, 0
    for i, c in _structure(pat):
        if c is None:
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:  # "|"
            out.append(pat[last:i])
            last = i + 1
    if depth:
        return None
    out.append(pat[last:])
    return out


def _group_end(pat: str, i: int) -> int:
    """Index just past the group opening at pat[i] == "(" (-1 if unbalanced)."""
    depth = 0
    for j, c in _structure(pat, i):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


_Gate = tuple[str, bool, bool]  # (literal, a word starts with it, the match starts with it)


def _skip_quant(pat: str, i: int) -> tuple[int, bool]:
    """Skip a quantifier at pat[i]; return (next index, whether the quantified item may be absent)."""
    c = pat[i:i + 1]
    if c in ("?", "*"):
        i += 1
        optional = True
    elif c == "+":
        i += 1
        optional = False
    elif c == "{" and (m := re.match(r"\{(\d*)(?:,\d*)?\}", pat[i:])):
        i += m.end()
        optional = m.group(1) in ("", "0")
    else:
        return i, False
    if pat[i:i + 1] in ("?", "+"):  # lazy / possessive
        i += 1
    return i, optional


def _gates(pat: str, bound: bool = False) -> set[_Gate] | None:
    """Literals of which every match of `pat` contains one: the most selective such set found by a small
    reader of the regex subset the lexicons use (None when it finds none: the cue is always scanned).

    Sound by construction: only items that every match must contain become gates (optional or repeated
    items are skipped), and reading stops at the first construct it does not understand."""
    alts = _split_alts(pat)
    if alts is None:
        return None
    if len(alts) > 1:
        out: set[_Gate] = set()
        for alt in alts:
            sub = _gates(alt, bound)
            if not sub:
                return None
            out |= sub
        return out
    cands: list[set[_Gate]] = []
    i, at_start, bnd = 0, True, bound
    while i < len(pat):
        m = _ZERO_WIDTH.match(pat, i)
        if m and m.end() > i:
            bnd = bnd or m.group() in ("\\b", "^")
            i = m.end()
            continue
        c = pat[i]
        if pat.startswith("(?:", i):
            j = _group_end(pat, i)
            if j < 0:
                break
            k, optional = _skip_quant(pat, j)
            if not optional:
                sub = _gates(pat[i + 3:j - 1], bnd)
                if sub:
                    cands.append(sub if at_start and k == j else {(g, b, False) for g, b, _ in sub})
            # What follows starts a word when the group ends with a space (and, if the group may be absent,
            # when what came before it did too): "(?:\w+ ){0,2}role" -> "role" starts a word.
            ends = _ends_nonword(pat[i + 3:j - 1])
            i, at_start, bnd = k, False, ends and (bnd or not optional)
            continue
        if c in "()|" or c == "$":
            break
        if c == "[":
            j = _class_end(pat, i)
            i, _ = _skip_quant(pat, j + 1)
            at_start = bnd = False
            continue
        if c == "." or c == "\\" and pat[i + 1:i + 2].isalnum():
            esc = pat[i + 1:i + 2] if c == "\\" else ""
            i, optional = _skip_quant(pat, i + (2 if esc else 1))
            at_start, bnd = False, esc in ("s", "W") and not optional  # a non-word character: a word may start next
            continue
        run, start = [], i
        while i < len(pat):
            c = pat[i]
            if c == "\\":
                nxt = pat[i + 1:i + 2]
                if not nxt or nxt.isalnum():
                    break
                c, step = nxt, 2
            elif c in _META:
                break
            else:
                step = 1
            k, optional = _skip_quant(pat, i + step)
            if k != i + step:  # a quantified character ends the run
                if not optional:
                    run.append(c)
                i = k
                break
            run.append(c)
            i += step
        else:
            optional = False
        lit = "".join(run)
        if lit.strip():
            cands.append({(lit, bnd, at_start)})
        if i == start:
            break
        # After a literal non-word character (a space), whatever follows starts a word if it starts with one.
        at_start, bnd = False, bool(run) and not optional and not (run[-1].isalnum() or run[-1] == "_")
    if not cands:
        return None
    # Prefer gates looked up by word (nearly free), then the longest (the rarest).
    # (a gate that starts the match lets the cue be tried just there instead of scanning the text).
    # A literal of one or two letters occurs inside many words, so it is a poor gate either way.
    return max(cands, key=lambda g: (min(len(x[0]) for x in g) >= 3, all(_keyable(x) for x in g), all(x[2] for x in g),
                                     min(len(x[0]) for x in g), sum(len(x[0]) for x in g) / len(g)))


def _maxlen(pat: str) -> int | None:
    """Longest text a pattern can match (None: unbounded, or a construct this small reader does not know).
    Covers the regex subset the lexicons use; a scan may then start that far before the first gate."""
    alts = _split_alts(pat)
    if alts is None:
        return None
    if len(alts) > 1:
        lens = [_maxlen(a) for a in alts]
        return None if None in lens else max(lens)  # type: ignore[type-var]
    total, i = 0, 0
    while i < len(pat):
        c = pat[i]
        if c == "(":
            j = _group_end(pat, i)
            if j < 0:
                return None
            if pat.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                i, width = j, 0
            else:
                if pat.startswith("(?:", i):
                    body = pat[i + 3:j - 1]
                elif pat.startswith("(?P<", i):
                    body = pat[pat.index(">", i) + 1:j - 1]
                elif pat.startswith("(?", i):
                    return None  # flags, conditionals, comments
                else:
                    body = pat[i + 1:j - 1]
                w = _maxlen(body)
                if w is None:
                    return None
                i, width = j, w
        elif c == "[":
            j = _class_end(pat, i)
            if j >= len(pat):
                return None
            i, width = j + 1, 1
        elif c == "\\":
            e = pat[i + 1:i + 2]
            if e in ("b", "B", "A", "Z"):
                i, width = i + 2, 0
            elif e.isdigit() or e == "" or e in "gpPN":
                return None  # back-references, named escapes
            elif e == "x":
                i, width = i + 4, 1
            elif e == "u":
                i, width = i + 6, 1
            else:
                i, width = i + 2, 1
        elif c in "^$":
            i, width = i + 1, 0
        elif c in "*+?{)|":
            return None  # a quantifier with nothing to repeat, or unbalanced
        else:
            i, width = i + 1, 1
        q = pat[i:i + 1]
        if q in ("*", "+"):
            return None
        if q == "?":
            i += 1
        elif q == "{":
            m = re.match(r"\{(\d*)(?:(,)(\d*))?\}", pat[i:])
            if not m:
                return None
            hi = m.group(3) if m.group(2) else m.group(1)
            if not hi:
                return None
            width *= int(hi)
            i += m.end()
        if q in ("*", "+", "?", "{") and pat[i:i + 1] in ("?", "+"):
            i += 1  # lazy / possessive
        total += width
    return total


def _ends_nonword(group: str) -> bool:
    """Whether every alternative of a group body ends with a literal non-word character (a space)."""
    alts = _split_alts(group)
    if not alts:
        return False
    for alt in alts:
        if alt.endswith(("\\s", "\\W")) and not alt.endswith("\\\\s"):
            continue
        c = alt[-1:]
        if not c or c.isalnum() or c == "_" or c in _META or alt[-2:-1] == "\\" and c.isalnum():
            return False
    return True


def _keyable(gate: _Gate) -> bool:
    lit, bound, _ = gate
    return bool(bound and lit[:1].isalnum() or _WORD_AFTER_GAP.search(lit))


_LEAD_WORD = re.compile(r"\w+")
_WORD_AFTER_GAP = re.compile(r"\W(\w+)")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_COMMON = _wordset("a an the and or of to in on at for with from by is are was be been have has it this that "
                    "i i'm me my we our you your he she they his her their")


def _gate_key(lit: str, bound: bool) -> tuple[str, str]:
    """How to look a gate up: ("word", w) when the literal spells out a whole word w, ("pre", its first 3
    characters) when it only starts one, ("", "") when it starts none. Rare (long, uncommon) words first."""
    options: list[tuple[tuple[bool, int, bool], str, str]] = []
    for m in _LEAD_WORD.finditer(lit):
        s, e = m.span()
        w = m.group()
        before = lit[s - 1:s]
        if not (before and not (before.isalnum() or before == "_") or s == 0 and bound):
            continue  # not known to start a word
        if e < len(lit):
            options.append(((w not in _COMMON, len(w) + 2, True), "word", w))
        elif len(w) >= 3:
            options.append(((w not in _COMMON, len(w), False), "pre", w[:4]))
    if not options:
        return "", ""
    _, kind, key = max(options)
    return kind, key


class _Keys:
    """The words of one text, and their first three characters: what cue gates are looked up by."""

    __slots__ = ("words", "pre")

    def __init__(self, text: str) -> None:
        self.words = words = set(_TOKEN.findall(text))
        # w[:4] and w[:3] of every word (a word of three letters or fewer is its own prefix); C-level loops.
        self.pre = pre = set(map(_PRE4, words))
        pre.update(map(_PRE3, words))


_PRE4 = operator.itemgetter(slice(0, 4))
_PRE3 = operator.itemgetter(slice(0, 3))


def _word_keys(text: str) -> _Keys:
    return _Keys(text)


class _Lex:
    """A cue lexicon: one compiled regex per cue (top-level alternatives split apart), each tried only
    where one of its literal gates occurs. A gate that starts a word is looked up first by that word (a
    set intersection per lexicon): the whole word when the gate spells it out, else its first three
    characters; then `str.find` gives its positions and the cue is matched there (when the gate starts
    the match) or scanned from the start (when it comes later). Gates that start no word are found with
    `str.find` alone; cues without any gate are always scanned."""

    __slots__ = ("alts", "by_word", "words", "by_pre", "pre", "loose", "always")

    def __init__(self, parts: tuple[str | tuple[str, tuple[str, ...]], ...]) -> None:
        self.alts: list[re.Pattern[str]] = []
        by_word: dict[str, list[tuple[str, int, bool]]] = {}
        by_pre: dict[str, list[tuple[str, int, bool]]] = {}
        self.loose: list[tuple[str, int, bool]] = []  # (gate, cue, the gate starts the match)
        self.always: list[int] = []
        cues: list[tuple[str, tuple[str, ...] | None]] = []
        for part in parts:
            pat, gate = (part, None) if isinstance(part, str) else part
            split = _split_alts(pat) if gate is None else None
            cues.extend((p, None) for p in split) if split else cues.append((pat, gate))
        for i, (pat, gate) in enumerate(cues):
            self.alts.append(re.compile(pat))
            g = {(x, False, False) for x in gate} if gate else _gates(pat)
            if not g:
                self.always.append(i)
                continue
            # Where a longer gate starts the match, a shorter one that prefixes it does too: keep the shorter
            # only, so that no position is tried twice for one cue.
            starts = [x for x, _, anchored in g if anchored]
            g = {x for x in g if not x[2] or not any(o != x[0] and x[0].startswith(o) for o in starts)}
            for lit, bound, anchored in g:
                kind, key = _gate_key(lit, bound)
                entry = (lit, i, anchored)
                if kind == "word":
                    by_word.setdefault(key, []).append(entry)
                elif kind == "pre":
                    by_pre.setdefault(key, []).append(entry)
                else:
                    self.loose.append(entry)
        self.by_word = {k: tuple(v) for k, v in by_word.items()}
        self.words = frozenset(self.by_word)
        self.by_pre = {k: tuple(v) for k, v in by_pre.items()}
        self.pre = frozenset(self.by_pre)

    def matches(self, text: str, keys: _Keys | None = None) -> list[re.Match[str]]:
        if keys is None:
            keys = _Keys(text)
        cand = [e for k in self.words & keys.words for e in self.by_word[k]]
        cand += [e for k in self.pre & keys.pre for e in self.by_pre[k]]
        cand += self.loose
        full = set(self.always)
        at: list[tuple[int, str]] = []
        for lit, i, anchored in cand:
            j = text.find(lit)
            if j < 0:
                continue
            if anchored:
                at.append((i, lit))
            else:
                full.add(i)
        out: list[re.Match[str]] = []
        alts = self.alts
        if at:
            seen: set[tuple[int, int]] = set()
            for i, lit in at:
                if i in full:
                    continue
                rx = alts[i]
                j = text.find(lit)
                while j >= 0:
                    if (i, j) not in seen:
                        seen.add((i, j))
                        m = rx.match(text, j)
                        if m:
                            out.append(m)
                    j = text.find(lit, j + 1)
        for i in full:
            out.extend(alts[i].finditer(text))
        if len(out) > 1:
            out.sort(key=lambda m: m.start())
        return out

    def first(self, text: str, keys: _Keys | None = None) -> re.Match[str] | None:
        ms = self.matches(text, keys)
        return ms[0] if ms else None


class _Index:
    """Several lexicons looked up together: one set intersection, one `str.find` per distinct candidate
    gate and one dispatch per text, instead of one per lexicon (the per-call overhead dominated).
    `run` returns each lexicon's matches, as `_Lex.matches` would.

    Each gate literal carries the cues to scan in full once it is found (it comes later in the match, or it
    is one or two letters found inside many words) and the cues to try just where it occurs (it starts the
    match). Gates looked up by no word and starting no match are only checked for presence, several at once
    when they serve the same cues."""

    __slots__ = ("lexes", "lex", "by_word", "words", "by_pre", "pre", "fixed", "always", "scan")

    def __init__(self, *lexes: _Lex) -> None:
        self.lexes = lexes
        self.lex: list[tuple[int, re.Pattern[str]]] = []  # global cue -> (lexicon, regex)
        users: dict[str, list[tuple[int, bool]]] = {}  # gate literal -> (cue, the gate starts the match)
        word_of: dict[str, str] = {}
        pre_of: dict[str, str] = {}
        fixed: list[str] = []
        self.always: tuple[int, ...] = ()
        always: list[int] = []
        route: dict[str, tuple[str, str]] = {}  # gate literal -> how the index finds it
        gates_of: dict[int, list[tuple[str, bool, tuple[str, str]]]] = {}  # cue -> its gates, and their routes
        for n, lx in enumerate(lexes):
            off = len(self.lex)
            self.lex.extend((n, rx) for rx in lx.alts)
            for table, kind, dest in ((lx.by_word, "word", word_of), (lx.by_pre, "pre", pre_of),
                                      ({"": lx.loose}, "", None)):
                for k, entries in table.items():
                    for lit, i, anchored in entries:
                        if lit not in users:
                            route[lit] = (kind, k)
                            if dest is None:
                                fixed.append(lit)
                            else:
                                dest[lit] = k
                        users.setdefault(lit, []).append((i + off, anchored))
                        gates_of.setdefault(i + off, []).append((lit, anchored, (kind, k)))
            always.extend(i + off for i in lx.always)
        self.always = tuple(always)
        # A literal reached by several routes is simply found once via the first of them.
        # (The order in which cues are first added to the set of cues to scan in full decides the order of
        # the set, hence of matches that start at the same place: `run` keeps the order of the original
        # one-literal-at-a-time loop, so the evidence quoted for such ties does not change.)
        entry: dict[str, tuple[str, tuple[int, ...], tuple[int, ...]]] = {}
        for lit, u in users.items():
            at = tuple(i for i, anchored in u if anchored and len(lit) > 2)
            entry[lit] = (lit, tuple(i for i, anchored in u if not (anchored and len(lit) > 2)), at)
        by_word: dict[str, list] = {}
        by_pre: dict[str, list] = {}
        for lit, k in word_of.items():
            by_word.setdefault(k, []).append(entry[lit])
        for lit, k in pre_of.items():
            by_pre.setdefault(k, []).append(entry[lit])
        self.by_word = {k: tuple(v) for k, v in by_word.items()}
        self.words = frozenset(self.by_word)
        self.by_pre = {k: tuple(v) for k, v in by_pre.items()}
        self.pre = frozenset(self.by_pre)
        # Fixed gates: a run of consecutive ones that open the same cues, none where it occurs, is checked
        # in one go for the presence of any of its literals (the first literal stands for the run).
        runs: list[tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]] = []
        for lit in fixed:
            _, ids, at = entry[lit]
            if not at and runs and not runs[-1][2] and runs[-1][1] == ids:
                runs[-1] = (runs[-1][0] + (lit,), ids, at)
            else:
                runs.append(((lit,), ids, at))
        # A run whose literals share a first character is checked with one regex (".cn", ".tk", ...: a
        # literal prefix the regex engine scans for quickly); others literal by literal, which is faster.
        self.fixed = tuple((lits, ids, at, re.compile("|".join(map(re.escape, lits)))
                            if len(lits) > 2 and len({x[0] for x in lits}) == 1 else None) for lits, ids, at in runs)
        # per cue: (lexicon, regex, anchored at the start of the text by "^", where a scan may start).
        # Every match holds one of the cue's gates: a match starts at a gate that starts the match, or at
        # most the cue's longest match before any other gate. So a scan may start there (before the first
        # gate found) rather than at 0, and still yield the same matches. That needs each gate found the
        # way the cue itself would look it up (a literal is found by the route of its first user only).
        scan = []
        for i, (n, rx) in enumerate(self.lex):
            width = _maxlen(rx.pattern)
            back: tuple[tuple[str, int], ...] | None = tuple(
                (lit, 0 if anchored else width or 0) for lit, anchored, _ in gates_of.get(i, ()))
            if (i in always or not back or any(r != route[lit] and route[lit][0] for lit, _, r in gates_of[i])
                    or width is None and not all(a for _, a, _ in gates_of[i])):
                back = None
            scan.append((n, rx, rx.pattern.startswith("^"), back))
        self.scan = tuple(scan)

    def run(self, text: str, keys: _Keys) -> list[list[re.Match[str]]]:
        by_word, by_pre = self.by_word, self.by_pre
        cand = [e for k in self.words & keys.words for e in by_word[k]]
        cand += [e for k in self.pre & keys.pre for e in by_pre[k]]
        full = set(self.always)
        find = text.find
        later: list[tuple[int, str, int]] = []
        first: dict[str, int] = {}  # gate literal -> where it first occurs (found ones only)
        for lit, ids, at in cand:
            j = find(lit)
            if j < 0:
                continue
            first[lit] = j
            if ids:
                full.update(ids)
            for i in at:
                later.append((i, lit, j))
        for lits, ids, at, rx in self.fixed:
            if at:
                j = find(lits[0])
                if j < 0:
                    continue
                first[lits[0]] = j
                if ids:
                    full.update(ids)
                for i in at:
                    later.append((i, lits[0], j))
            elif (rx.search(text) is not None if rx else
                  lits[0] in text or len(lits) > 1 and any(map(text.__contains__, lits))):
                full.update(ids)
                for lit in lits:
                    j = find(lit)
                    if j >= 0:
                        first[lit] = j
        out: list[list[re.Match[str]]] = [[] for _ in self.lexes]
        scan = self.scan
        for i, lit, j in later:
            if i in full:
                continue
            n, rx, _, _ = scan[i]
            ms = out[n]
            match = rx.match
            while j >= 0:
                m = match(text, j)
                if m:
                    ms.append(m)
                j = find(lit, j + 1)
        get = first.get
        for i in full:
            n, rx, caret, back = scan[i]
            if caret:  # anchored at the start of the text: one attempt
                m = rx.match(text)
                if m:
                    out[n].append(m)
            elif back is None:
                out[n].extend(rx.finditer(text))
            else:
                pos = len(text)
                for lit, b in back:
                    j = get(lit)
                    if j is not None and j - b < pos:
                        pos = j - b
                out[n].extend(rx.finditer(text, pos if pos > 0 else 0))
        for ms in out:
            if len(ms) > 1:
                ms.sort(key=_start)
        return out


_start = operator.methodcaller("start")


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
_NOISE_MAIN = (
    r"accept|ignore|reply|connect|follow|following|pending|withdraw|manage|more|dismiss|close|skip|"
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
    # LinkedIn e-mail chrome, and a student's own annotations of a paste
    r"unsubscribe|learn why we included this|you are receiving [\w ]{1,40} e-?mails?|help center|"
    r"this e-?mail was (?:intended|sent) (?:for|to) .{1,160}|© ?\d{4} linkedin.{0,200}|linkedin corporation.{0,200}|"
    r"\d+ (?:connections?|people) in common|you have (?:\d+|an?|one)(?: new| pending)? (?:invitations?|connection requests?)|"
    r"(?:from|to|date|sent|cc): .{1,160}|(?:me|them|him|her|sender|my profile|their profile|the invite|invite|"
    r"note|message)(?: \(.{1,40}\))?:|me: .{1,160}|[\w ]{1,30}'s profile"
)
# The costly ones (a scan back and forth over the line), and both need the word "connection".
_NOISE_CONN = r".{0,80}\band \d+ other(?: mutual)? connections?|.{0,60}\bis a mutual connection"
_NOISE_LINE = re.compile(rf"(?:{_NOISE_MAIN}|{_NOISE_CONN})[.!]?", _I)
# The same on a lower-cased ASCII line, case-sensitive (the patterns are lower case): about twice as fast.
_NOISE_LOW = re.compile(rf"(?:{_NOISE_MAIN})[.!]?")
_NOISE_LOW_CONN = re.compile(rf"(?:{_NOISE_CONN})[.!]?")


def _is_noise_line(ln: str) -> bool:
    """`_NOISE_LINE.fullmatch(ln)`, cheaper. (Lower-casing is exact for ASCII only: a case-blind regex
    also matches e.g. 'K' (Kelvin) to 'k'.) Alternation order does not matter for a yes/no full match."""
    if not ln.isascii():
        return _NOISE_LINE.fullmatch(ln) is not None
    low = ln.lower()
    return _NOISE_LOW.fullmatch(low) is not None or "connection" in low and _NOISE_LOW_CONN.fullmatch(low) is not None


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _all_noise_words(ln: str) -> bool:
    """Every run of letters is a page-chrome word (and there is one)."""
    found = False
    for m in _LETTER_RUN.finditer(ln):
        if m.group().lower() not in _NOISE_WORDS:
            return False
        found = True
    return found


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
    r"|invitation from (?P<n2>.{1,80}?)|(?:accept|respond to) (?P<n3>.{1,80}?)'s invitation"
    r"|(?:reminder: )?(?P<n4>.{1,80}?)'s invitation is (?:awaiting|waiting for) your response)$",
    _I,
)



def _maybe_header(ln: str) -> bool:
    """Cheap pre-check for `_HEADER`: every alternative holds "connect" or "invitation" (exact on ASCII
    lines; others always go to the regex, whose case-blind matching is wider than `str.lower`)."""
    if not ln.isascii():
        return True
    low = ln.lower()
    return "connect" in low or "invitation" in low


_WORKS_AT = re.compile(r"^([^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*){0,3}) (?:works|worked|is) (?:at|with|for) [^.!?]{1,80}$")
_SUBJECT = re.compile(r"^(?:subject|re|fwd?|aw): ", _I)
_LOCATION = re.compile(r"(?:Greater )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:, [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}){0,2}"
                       r"(?: (?:Bay )?Area| Metropolitan Area| Region)?")
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
_SIG_SIGNOFF = re.compile(rf"(?:^|[\n.!?,] ?){_SIGNOFF}[,.!]?[ \n]+(?:-+ ?)?({_NAME})(?: [|] [^\n|]{{1,40}})?[ .!]*$", _I)
_SIG_DASH = re.compile(rf"(?:^|\s)[-~]+ ?((?:Dr\.? )?{_NAME})[ .!]*$")
_SIG_LASTLINE = re.compile(rf"\n({_NAME})[ .!]*$")
_SIG_AFTER_SENTENCE = re.compile(rf"[.!?)] +({_NAME_TOKEN}(?: {_NAME_TOKEN})?)$")
_SELF_INTRO = re.compile(
    rf"(?:\bmy name is|\bi(?:'m| am)|\bthis is|\bit(?:'s| is)|\bsoy|\bme llamo|\bje suis|\bje m'appelle|"
    rf"\bich bin|\bsono)[ ,]+({_NAME})(?=$|[\s,.!;:)(-]|'s)",
    _I,
)
# The same, case-sensitive, for the lower-cased twin of an ASCII text (same spans, about twice as fast).
_SELF_INTRO_LOW = re.compile(
    rf"\b(?:my name is|i(?:'m| am)|this is|it(?:'s| is)|soy|me llamo|je suis|je m'appelle|ich bin|sono)"
    rf"[ ,]+({_NAME})(?=$|[\s,.!;:)(-]|'s)"
)
_INTRO_HERE = re.compile(rf"(?:^|[-—,.!] )({_NAME}) (?:from|at|with|on) [^.!?\n]{{1,50}} here\b", _I)
_SELF_INTRO_TAIL = re.compile(r"^(?:[,.!;:)(-]|$| (?:from|at|with|and|here|of|a|an|the|i|I'm|currently|working|"
                              r"based|de|en|y|et)\b)")
_GREETING = re.compile(
    rf"^(?:hi|hello|hey|heya|hiya|dear|hola|bonjour|salut|hallo|ciao|ol[aá]|greetings|good (?:morning|afternoon|"
    rf"evening))\b[ ,!]*(?:(?:there|all|team|everyone)\b|({_NAME})(?=[ ]*(?:[,!.:]|$)))?[ ]*[,!.:]*[ ]*",
    _I,
)
# The same, case-sensitive, for a lower-cased ASCII line (see `_greeting`).
_GREETING_LOW = re.compile(_GREETING.pattern)
_DESC_NAME = re.compile(
    rf"(?:\b(?:named|called)|\b(?:invite|invitation|request|message|note|dm) from|^from|\bfrom)"
    rf" ((?:Dr\.? )?{_NAME})",
    _I,
)
_DESC_NAME_ORG = re.compile(r"\b(?:company|firm|startup|agency|app|organi[sz]ation|website|site|platform|program|"
                            r"programme|business|brand|group|school|university|place|thing) $", _I)
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
    # a call, an event the student attended, a shared seat or class, an interview
    r"\b(?:on|over) the phone\b|\b(?:our|the) (?:phone|zoom|video|teams) (?:call|chat|conversation|screen)\b",
    r"\b(?:thanks?|thank you)(?: so much| again)? for (?:attending|joining|coming to|visiting|taking the time|"
    r"your time)\b",
    r"\b(?:thanks?|thank you|great|nice|good|lovely|pleasure|enjoyed|fun)(?: so much| again)?(?: for)? "
    r"(?:connecting|chatting|speaking|talking|meeting|catching up)(?: with (?:me|us|you))? (?:at|during|after)\b",
    r"\b(?:chatted|talked|spoke|met|connected) (?:\w+ ){0,2}(?:at|during|after) (?:the|our|your|my|a|last|that)\b",
    r"\bsat (?:next to|beside|behind|near|across from|with) (?:you|u)\b",
    r"\b(?:thanks?|thank you|cheers|enjoyed|loved) (?:again )?(?:for )?(?:the|our) (?:\w+ )?(?:chat|conversation|talk|call) "
    r"(?:at|during|after|yesterday|earlier|last)\b",
    r"\b(?:great|good|excellent|interesting|thoughtful) question (?:at|during|in|after)\b",
    r"\b(?:from|in|of) (?:your|ur) (?:[\w-]+ ){0,3}(?:course|class|section|lecture|seminar|lab|tutorial|module|"
    r"workshop|recitation)\b",
    r"\binterviewed (?:with|me|you)\b|\bfor interviewing with\b",
    r"\bwe(?:'ve| have) (?:met|spoken|talked|chatted|worked together)\b",
)
_CLAIM_NEG = re.compile(r"\b(?:haven't|have not|never|didn't|did not|not|don't think(?: we)?|do not think(?: we)?|yet to|"
                        r"not sure(?: if| whether)?(?: we)?|doubt) (?:\w+ )?$", _I)

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
    r"\bpass(?:ed|es)? (?:along )?your (?:name|contact|info|details|profile|email) (?:(?:along |on )?to me|along|on)\b"
    r"(?! to (?:the|our|a|my) )",
    r"\b(?:pointed|directed|sent|forwarded) me (?:to )?your (?:profile|page|work|name|way)\b",
    r"\b(?<!\bi )(?:said|says|suggested) (?:that )?(?:the two of us|you two|we two|we) should (?:connect|talk|meet|"
    r"chat|get in touch)\b",
)
_REFERRAL_NOT = re.compile(r"referral (?:link|bonus|code|program)|employee referral", _I)

_MONEY_AMOUNT = r"(?:[$€£]\s?\d[\d,.]*\s?k?\+?|\d[\d,.]*\s?k?\+?\s?(?:\$|usd|dollars|eur|euros?|€|£))"

_NOTE_CUES: dict[str, list[tuple[float, _Lex]]] = {
    "recruiter": [
        (3.0, _lex(r"\brecruit(?:er|ers|ing|ment|ora|ador|adora|eur|euse)\b(?! (?:process|season|cycle|timeline|journey|advice|tips))", r"\brecrut\w+", r"\bsourc(?:er|ing)\b", r"\btalent (?:acquisition|partner|team|scout)",
                  r"\bhiring (?:manager|team|lead|partner)\b", r"\bheadhunt\w*", r"\breclut\w+",
                  r"\b(?:we(?:'re| are)|i(?:'m| am)|is|are|currently|actively|also|still) hiring\b",
                  r"\bhiring (?:for|now|a|an|\d+)\b", r"\bstaffing (?:agency|firm|company)\b",
                  r"\b(?:job|position|role|opening|vacancy|internship) (?:offer|opportunity)\b",
                  r"\b(?:we|i) (?:have|had) (?:an? )?(?:new )?(?:opening|vacancy|position|role|opportunit)",
                  r"\b(?:\w+'s|they're|who's|who is) hiring\b|\brecuit\w*|\brecuiter\w*",
                  r"\bhiring (?:[\w-]+ ){0,2}(?:interns?|engineers?|developers?|analysts?|grads?|graduates?|students?|"
                  r"designers?|associates?|reps?|staff|talent)\b",
                  r"\bfounding (?:engineer|designer|member|team member|hire|pm|product manager|developer|scientist)s?\b",
                  r"\b(?:looking|want|wanting|hoping|planning|need) to (?:hire|bring on|bring in|onboard|add) "
                  r"(?:a|an|some|two|three|\d+|more|another)\b",
                  r"\b(?:we're|we are|i'm|i am) (?:growing|building out|expanding|scaling) (?:our|my|the) (?:\w+ )?team\b",
                  r"\bgraduate (?:trainee|scheme|programme|program|role|position|cohort|intake)s?\b|"
                  r"\brotational (?:program|programme)\b")),
        (2.0, _lex(r"\b(?<!my )(?<!your )(?:internships?|co-?op|new[- ]grad|entry[- ]level|graduate (?:program|scheme|role))\b",
                  r"\b(?<!new )(?:role|position|opening|vacanc\w+|job|req) (?:on|at|in|for|with|that|i'm|we)\b",
                  r"\b(?:great|good|strong|perfect|ideal) (?:fit|match) for\b",
                  r"\byour (?:profile|background|experience|resume|résumé|skills?|portfolio) (?:matches|fits|aligns|"
                  r"stood out|caught|looks|is a|seems)",
                  r"\b(?:apply|applications?|application process|shortlisted|offer letter|"
                  r"job description|jd|salary|compensation|pay is|per hour|hourly)\b",
                  r"\binterview(?:s|ing|ed)?\b(?! you (?:for|about) (?:a|an|my|our|the) (?:[\w-]+ )?(?:book|chapter|"
                  r"podcast|article|blog|story|newsletter|paper|study|thesis|research|documentary|video|series))",
                  (r"/(?:hour|hr|week|day|wk|month)\b", ("/",)), r"\bper (?:hour|day|week|shift)\b",
                  r"\b(?:ambassadors?|interns?|candidates?|developers?|engineers?|analysts?|assistants?) "
                  r"(?:wanted|needed)\b|\blooking to hire\b|\blooking for (?:\w+ ){0,2}(?:ambassadors|interns|"
                  r"candidates|new grads)\b",
                  r"\bvacante|\bpuesto\b|\bprácticas\b|\boferta de (?:empleo|trabajo)|\bposte\b|\bcandidature\b|"
                  r"\bstellenangebot|\bpraktikum\b|\bvagas?\b|\bestágio|\bemprego\b|\bstage\b|\bembauche",
                  r"\b(?:building out|growing|expanding|scaling) (?:our|my|the) (?:\w+ )?team\b",
                  r"\b(?:remote|full[- ]time|part[- ]time|contract|hybrid|paid) (?:\w+ ){0,3}(?:role|position|job|opening|"
                  r"internship)s?\b",
                  r"\blooking for (?:an? )?(?:part-time|full-time|paid|summer|temporary|seasonal) (?:[\w-]+ ){0,3}"
                  r"(?:person|help|assistant|intern|hire|worker|staff)\b",
                  r"\b(?:swe|sde|software|data|junior|senior|design|developer|engineering|analyst|marketing|"
                  r"sales|product|research) (?:intern|internship|role|position|opening|job)s?\b")),
        (1.0, _lex(r"\b(?:i|we) (?:manage|lead|run) (?:the|a|an|our) (?:[\w-]+ ){0,3}team\b",
                  r"\bopenings?\b", r"\bjobs?\b", r"\bhr\b", r"\bonboarding\b", r"\bcandidates?\b",
                  r"\b(?:booth|career fair|job fair|career expo|recruiting event)\b", r"\bcareer opportunit", r"\bjoin (?:our|my) team\b",
                  r"\bresume\b|\brésumé\b|\bcv\b", r"\bhire\b")),
    ],
    "sales": [
        (3.0, _lex(r"\b(?:financial|wealth|insurance|mortgage|investment|retirement) (?:professional|advisor|adviser|"
                  r"planner|planning|agent|representative|specialist|consultant|management)\b",
                  r"\b(?:realtor|real estate agent|insurance agent|mortgage broker|loan officer)s?\b|\bno[- ]obligation\b",
                  r"\b(?:life|career|business|money|mindset|success|wealth|dating|executive|certified) coach(?:ing)?\b",
                  rf"\bpay (?:a |an |the |just |only )?{_MONEY_AMOUNT} ?(?:to|for) (?:register|join|enroll|attend|sign up|"
                  r"participate|secure|reserve)",
                  r"\b(?:for|at) (?:just|only) [$€£]\d|\b(?:my|our) (?:rates|fees|prices) (?:are|start)\b",
                  r"\b(?:disability|term|whole life|travel) insurance\b",
                  r"\bbook (?:a|an|your|some) (?:free |quick |short |\d+[- ]?min(?:ute)? )?(?:call|demo|meeting|"
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
                  r"(?<!\bin )(?<!\bfrom )(?<!\bof )(?<!\bat )\b(?:my|our|his|her|their) (?:\w+ )?(?:\d:\d |1-on-1 |one-on-one |coaching |mentorship |signature |online )?"
                  r"(?:coaching )?(?:program|programme|course|masterclass|bootcamp|package|membership)\b(?! (?:manager|"
                  r"coordinator|director|at|in|for students))",
                  r"\b(?:selling|sells|sales rep|salesperson|sales pitch|pitch(?:ed|ing)? me)\b",
                  r"\bschedule (?:a|an) (?:demo|call)\b|\bshow you how\b",
                  r"\baffordable (?:rates|prices|pricing)\b|\boutsourc\w+\b|\b(?:life|health|auto|car|renters) insurance\b",
                  r"\b(?:lock in|low) (?:low )?rates\b|\bfree (?:discovery )?sessions?\b",
                  r"\b(?:real estate|stock|property) investing\b|\binvest(?:ment)? opportunit\w+",
                  r"\bbusiness (?:proposal|deal|venture|offer)\b|\bmutually beneficial\b|\bbenefit (?:both|us both)\b")),
        (2.0, _lex(r"\b(?:i|we|he|she|they) helps? (?:[\w'-]+ ){0,6}(?:grow|scale|land|get|cut|save|increase|generate|"
                  r"build|boost|double|triple|win|automate|reduce|achieve|find|make|negotiate|protect|plan|navigate|"
                  r"reach|turn|10x|step|become|hit|buy|sell|earn|crack|ace)\b",
                  r"\bhelping (?:[\w'-]+ ){0,4}(?:grow|scale|book|land|get|cut|save|increase|generate|build|boost|"
                  r"double|win|automate|reduce|achieve|find|make|negotiate|protect|plan|reach|earn|buy|sell)\b",
                  r"\b(?:i|we) work with (?:[\w'-]+ ){0,4}(?:on|to) (?:[\w'-]+ ){0,2}(?:plan|planning|grow|build|protect|"
                  r"manage|save|invest|reach|find|land|get|their finances)\b",
                  r"\b(?:partnered|partnering|teamed up) with (?:an? |this )?(?:[\w-]+ ){0,2}(?:brand|company)\b",
                  r"\b(?:i|we) (?:run|own|founded|started|launched|created|built|sell|offer|provide|specialize)\b"
                  r"[^.!?\n]{0,40}\b(?:agency|service|services|course|company|business|solution|platform|product|"
                  r"tool|app|consultancy|firm|program|brand)\b",
                  r"\b(?:our|my) (?:services|solutions?|products?|platform|agency|software|offer|offering|"
                  r"pricing|portfolio|clients)\b",
                  r"\b(?:seo|paid ads|ppc|crm|saas|web ?design|app development|marketing services)\b",
                  r"\b(?:worth a (?:chat|call|conversation|look)|open to a (?:quick )?(?:call|demo|chat about how))\b",
                  r"\b(?:on your calendar|grab (?:a|your) (?:spot|seat)|sign up (?:here|now|today)|link in (?:my )?bio|"
                  r"dm me ['\"]\w+|dm me (?!on\b|at\b|via\b|here\b|if\b|for\b)\w+)",
                  r"\bpersonal brand(?:ing)?\b|\bcareer coach(?:ing)?\b|\bfinancial (?:planning|advisor|services)\b",
                  r"\bcut (?:\w+ ){0,2}costs\b|\bsave (?:\w+ ){0,2}(?:money|costs|time) (?:with|using)\b")),
        (1.5, _lex(r"\bexciting (?:\w+ )?opportunit\w+", r"\b(?:make|making|earn|earning) (?:easy |extra |real )?money\b",
                  r"\bcan i (?:share|send|show)\b", r"\bsee if (?:it'?s|we're|we are|this is) a (?:good )?fit\b",
                  r"\bclients?\b", r"\b(?:coaching|consulting) (?:services|business)\b", r"\btrader\b",
                  r"\b(?:work|working) from (?:your|my) (?:phone|couch|laptop)\b",
                  r"\bsend you (?:some )?(?:more )?(?:info|information|details)\b",
                  r"\b(?:intro|introductory) (?:call|meeting)\b",
                  r"\bearn (?:some )?(?:extra|more|additional)\b|\bon the side\b")),
        (1.0, _lex(r"\b(?:quick|short) call\b", r"\bdemo\b(?! day)", r"\bpricing\b", r"(?<!\bfeel )\bfree\b(?! to\b| time\b)", r"\bjoin me\b",
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
                  r"(?<!\byour )\bopen[- ]source\b|\bside project\b|\b(?:pay|paid) in equity\b|\bfor equity\b",
                  r"\bhelp (?:build|me build|us build|with) (?:an? |my |our |the )?(?:app|project|startup|prototype|mvp)\b",
                  r"\blooking for (?:an? |some )?(?:technical |frontend |backend |front-end |back-end )?(?:developers?|"
                  r"designers?|collaborators?|teammates?|partners?|co-?founders?|volunteers?)\b",
                  r"\b(?:looking for|need|want|seeking) (?:an? |some )?(?:[\w-]+ ){0,2}(?:second author|co-?author|"
                  r"collaborators?|sound designers?|illustrators?|artists?|writers?|editors?|musicians?|animators?)\b",
                  r"\b(?:second|first|joint) author\b|\binterview you (?:for|about) (?:a|an|my|our|the) (?:[\w-]+ )?"
                  r"(?:book|chapter|podcast|article|blog|story|newsletter|paper|study|thesis|research|documentary|video|series)\b",
                  r"\b(?:give|deliver|do|present) a (?:[\w-]+ )?(?:talk|presentation|workshop|keynote)\b|"
                  r"\bhave you (?:speak|present|give|join us as)\b",
                  r"\b(?:looking for|need|want|seeking|find) (?:an? |some )?(?:[\w-]+ )?(?:research|project|study|lab|"
                  r"hackathon|startup|business) (?:partners?|buddy|buddies)\b",
                  r"\b(?:rev(?:enue)?[- ]share|revenue split|equity split|split (?:the )?(?:revenue|profits?))\b",
                  r"\bwork(?:ing)? on (?:it|this|something|a project|the project) (?:together|with me|with us)\b",
                  r"\bsponsor(?:ing|ship)? (?:your|the|a) (?:hackathon|event|club|team|meetup|conference)\b")),
        (1.5, _lex(r"\bworkshop\b|\bvolunteer\w*", r"\bco-?(?:build|create|develop|design|write|organi[sz]e)\w*",
                  r"\bequity\b", r"\blooking for (?:someone|people|a person) (?:with|who|to)\b", r"\bneed (?:an? )?(?:\w+ )?(?:dev|developer|designer)\b",
                  r"\bjoin (?:us|our (?:club|community|initiative|group))\b", r"\bfreelanc\w+",
                  r"\bget(?:ting)? involved\b|\bhelp (?:out )?with (?:judging|workshops|organi[sz]ing|mentoring|the event)\b",
                  r"\b(?:writing|working on|researching|making|producing) (?:a|an|my|our) (?:[\w-]+ ){0,2}(?:book|article|"
                  r"paper|thesis|dissertation|documentary|series|study)\b")),
    ],
    "networking": [
        # recruiting as a topic to talk about outweighs the word "recruiting" as a recruiter cue
        (3.5, _lex(r"\b(?:talk|chat|questions about|question about|advice on|advice about|tips on|help with) "
                   r"(?:[\w-]+ ){0,2}recruiting\b")),
        (2.5, _lex(r"\b(?:19|20)\d\d (?:[\w-]+ ){0,2}(?:grad|graduate|alum\w*)\b|\b(?:grad|graduate|alum\w*)"
                  r" (?:of )?(?:'|19|20)\d\d\b|\(\w+ '\d\d\)|\bclass of\b|\B'\d\d here\b",
                  r"\b(?:also|both) (?:studied|study|studying|went|go|attend|attended|graduated|majored)\b",
                  r"\bsame (?:industry|field|space|line of work)\b|\b(?:misma|mismo) (?:universidad|escuela|carrera|programa)\b",
                  r"\b(?:hear|learn|know) (?:more )?(?:about )?how you\b|\bhow you got (?:into|started|to)\b",
                  r"\bfeel free to (?:reach out|ask|message|get in touch|connect)\b|\blet me know if (?:i|we) can help\b",
                  r"\b(?:see you at|join us at|come to|pop along to|attend) (?:our|the) (?:next )?(?:meetup|meet-up|event|"
                  r"mixer|social|networking)\b|\b(?:see you at|at) our next\b",
                  r"\b(?:i|we) (?:organi[sz]e|run|host|co-?organi[sz]e) (?:the|a|an|our) (?:[\w-]+ ){0,4}(?:meetup|meet-up|"
                  r"mixer|community|networking (?:event|group))\b",
                  r"\b(?:ta|professor|prof|teacher|instructor|lecturer|tutor) (?:of|for|from|in) my\b",
                  r"\balum(?:ni|nus|na|nae)?\b|\bfellow\b|\bgrad(?:uated)? (?:from|of)\b|\bclass of (?:'|20)?\d\d\b",
                  r"\b(?:same|our) (?:school|program|programme|major|university|college|department|field|alma mater)\b",
                  r"\bboth (?:studying|in|at|from|work|working|attend|attended|went|study|majoring)\b",
                  r"\b(?:expand|grow|build|widen|extend)(?:ing)? (?:my|our) (?:professional )?network\b",
                  r"\bconnect with (?:other|others|fellow|more|people|professionals|students|like-minded|"
                  r"peers|folks)\b",
                  r"\b(?:stay|keep) (?:in touch|connected)\b|\bstaying (?:in touch|connected)\b",
                  r"\b(?:learn|hear|know) (?:more )?about (?:your|what you)\b|\binformational interview\b|\bpick your brain\b",
                  r"\bcoffee chat\b|\b(?:happy|glad) to (?:help|answer|share)\b|\bif you (?:ever )?have (?:any )?questions\b",
                  r"\bclassmates?\b|\b(?:in|from|at|of) my (?:\w+ )?(?:class|department|program|school|major|lab|cohort|"
                  r"lecture|dorm|club|team|org|organization|fraternity|sorority|chapter|church|gym)\b",
                  r"\b(?:the same|your) (?:\w+ ){0,2}(?:class|cohort|program|team|school|lecture|intern class)\b",
                  r"\b(?:share|swap|exchange) (?:experiences|notes|stories|tips)\b")),
        (1.0, _lex(r"\b(?:love|like|happy|glad|great|nice) to connect\b|\b(?:wanted|want|hoping|hope) to connect\b",
                  r"\blet'?s connect\b|\bconnecting with\b", r"\bsaw your (?:post|article|project|work|comment)\b",
                  r"\byour (?:journey|path|career path|experience)\b",
                  r"\b(?:read|saw|enjoyed|loved|liked|came across|found) your (?:[\w'-]+ ){0,2}(?:post|article|write-?up|"
                  r"blog|paper|thread|newsletter|video|thesis|comment)\b|\bfollow your (?:work|journey|career|posts?)\b",
                  r"\b(?:e-meet|emeet)\b|\bvirtually meet\b|\bsay(?:ing)? hi\b|\bfound you (?:through|via|on|in)\b",
                  r"(?<!\d )\bmutual (?:connections|friends|interests?)\b|\bmeetup\b")),
    ],
}
_HEADLINE_CUES: dict[str, re.Pattern[str]] = {
    "recruiter": _rx(r"\brecruit\w*", r"\btalent\b", r"\bhiring\b", r"\bhr\b|\bhuman resources\b|\bpeople (?:partner|ops)\b",
                     r"\bheadhunter\b", r"\bstaffing\b", r"\bcareers?\b.{0,20}\bat\b"),
    "sales": _rx(r"\bi help\b|\bhelping\b", r"\b(?:coach|coaching|consultant for|agency|growth hacker|"
                 r"lead gen|founder @)\b",
                 r"\bdm me\b|\bpassive income\b|\b(?:crypto|forex|trader|investor|wealth|financial advisor|"
                 r"insurance|real estate)\b", r"\$\d"),
    "networking": _rx(r"\balum", r"\bclass of\b|\b'\d\d\b"),
}
_NOT_A_ROLE = re.compile(r"\bnot (?:reaching out|writing|contacting you|messaging|here) (?:about|for|regarding|with) "
                         r"(?:a |an )?(?:role|job|position|opening|recruit)", _I)
_NOTE_OF_CONNECT = re.compile(r"\b(?:conn?ect|connet|conectar|network|touch|chat|coffee|get to know you)\b", _I)
# The sender is the one looking for a job (asks the student for help or a referral): not a recruiter.
_SEEKER = re.compile(r"\b(?:i am|i'm|im) (?:currently |actively )?(?:seeking|looking) (?:for )?(?:a |an )?(?:new )?(?:job|"
                     r"internship|role|position|opportunit)\w*|\bseeking (?:for )?(?:a |an )?job\b|\b(?:can|could) you "
                     r"(?:please )?refer me\b|\brefer me (?:please|for|to)\b|\b(?:i am|i'm) (?:a )?job seeker\b|"
                     r"\bopen to work\b")


def _not_a_role(note: str) -> re.Match[str] | None:
    # needs "not " (a case-blind regex: the pre-check is exact on ASCII text only)
    return _NOT_A_ROLE.search(note) if "not " in note or not note.isascii() else None


def _seeker(note: str) -> re.Match[str] | None:
    # every alternative holds one of these (case-sensitive regex on the lower-cased note)
    if "seek" in note or "looking" in note or "refer me" in note or "open to work" in note:
        return _SEEKER.search(note)
    return None


# --------------------------------------------------------------------------- red flags

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
        r"remaining|rest|balance)\b|\b(?:send|mail|give|post) (?:you|me) a (?:check|cheque)\b|\bsend a (?:check|cheque)\b",
        rf"\b(?:buy|purchase|pay for)\b[^.!?\n]{{0,40}}{_MONEY_AMOUNT}",
        rf"\bpay (?:a |an |the )?(?:small |one-time )?{_MONEY_AMOUNT}",
    ),
    "asks_personal_info": _lex(
        r"\bssn\b|\bsocial security\b|\bsocial insurance number\b|\bnational insurance number\b",
        r"\bpassport\b|\bdriver'?s'? licen[cs]e\b|\b(?:national|government|photo|state) id\b|\bid card\b|"
        r"\b(?:copy|photo|scan|picture) of your (?:id|identification)\b",
        r"\bdate of birth\b|\b(?:dob|d\.o\.b)\b|\bbirth ?date\b",
        r"\b(?:home|full|mailing|residential|physical|street) address\b|\baddress,|\byour address\b",
        r"\b(?:bank(?:ing)?|account|online banking) (?:login|password|credentials|pin)\b|\byour (?:password|pin|"
        r"login details|login credentials|otp|verification code|2fa code)\b",
        r"\b(?:verify|confirm|validate|update|re-?enter) your (?:identity|account|details|information|login|"
        r"credentials|password)\b|\btax id\b|\bcredit card (?:number|details)\b",
    ),
    "off_platform": _lex(
        r"\bwhats ?app\b|\btelegram\b|\bwechat\b|\bkik\b|\bsnapchat\b|\bviber\b|\bline app\b|\bt\.me/|\bwa\.me/",
        r"\b(?:on|via|over|through|use|download) signal\b|\bsignal (?:app|me|number)\b|\bbetter on signal\b",
        r"\b(?:dm|message|contact|reach|text|add|find|follow|write|chat with|talk to) (?:me|us|our \w+) (?:on|via|at|"
        r"through) (?:instagram|ig|facebook|fb|messenger|discord|hangouts|google chat|google hangouts|skype|kakao\w*)\b",
        r"\btext (?:me|us)\b|\bcall (?:me|us) (?:at|on)\b|\bsms\b",
        (r"(?<![\w.+-])[\w.+-]{1,64}(?<=[\w.+-])@(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|aol|icloud|me|proton|protonmail|gmx|"
        r"mail|yandex|zoho|qq|163)\.\w+", ("@",)),
        r"\b(?:personal|private) (?:email|e-mail|mail|number|phone)\b|\b(?:email|e-mail|write to) (?:me|us) (?:at|on)\b",
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
        r"\b(?:grew|gained|returned|made|up|earned) (?:by )?\d+(?:\.\d+)?% (?:in|within|after|over) (?:\d+|a|one|two|three|"
        r"four|five|six|a few) (?:days?|weeks?|months?|hours?)\b",
        r"\b(?:you(?:'ve| have)|your (?:profile|resume|cv|application) (?:has|have)) been (?:selected|chosen|hand-?picked|"
        r"approved|accepted) for\b",
        rf"\b(?:data entry|reship\w*|package (?:forwarding|handling)|mystery shopp\w+|product review\w*|liking posts|"
        rf"envelope stuffing)\b[^.!?\n]{{0,60}}{_MONEY_AMOUNT}",
        rf"{_MONEY_AMOUNT}[^.!?\n]{{0,40}}\b(?:data entry|reship\w*|mystery shopp\w+|liking posts|product review\w*)\b",
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
        r"(?:us|me|our|this|bitcoin|crypto|gold|my(?! future| career| education| growth| development| studies))\b",
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
        r"\bwill be (?:suspended|closed|deleted|terminated|locked|disabled|given to someone else|restricted|limited|"
        r"blocked|deactivated|removed)\b",
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
        (r"\b(?![\w.-]*@)(?:https?://)?(?:[\w-]+\.)*(?:[\w-]*(?:linkedin|linkdin|linkedln|lnkedin|paypal|amazon|microsoft)"
         r"[\w-]*)\.(?!com\b)[a-z]{2,}\S*", ("linkedin", "linkdin", "linkedln", "lnkedin", "paypal", "amazon",
                                              "microsoft")),
        (r"\b(?:https?://)?(?:[\w-]+\.)*[\w]*-(?:linkedin|paypal|amazon|microsoft)[\w-]*\.\w+|\b(?:https?://)?"
         r"(?:[\w-]+\.)*(?:linkedin|paypal|amazon|microsoft)-[\w-]+\.\w+", ("linkedin", "paypal", "amazon", "microsoft")),
        r"\bxn--[\w-]+\.\w+",
        r"\b(?:tinyurl|bitly|shortened|short) link\b",
    ),
}
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d().\- ]{8,}\d(?![\w/])")
_DIGITS3 = re.compile(r"\d\d\d")
_MONEY_RX = re.compile(_MONEY_AMOUNT, _I)
_HOURLY_AMOUNT = re.compile(r"(\d[\d,.]*)")

# Two passes per invitation: the whole text (description cues, red flags), then the personal note.
_LOW_INDEX = _Index(_DESC_CUES, _DESC_NOTE_STRONG, _DESC_NOTE_NONE, _DESC_NOTE_WEAK, *_RED_FLAGS.values())
_NOTE_CUE_KEYS = [(intent, weight) for intent, groups in _NOTE_CUES.items() for weight, _ in groups]
_NOTE_INDEX = _Index(_CLAIM, _REFERRAL, *(lex for groups in _NOTE_CUES.values() for _, lex in groups))


def _first(ms: list[re.Match[str]]) -> re.Match[str] | None:
    return ms[0] if ms else None


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
    if _greeting(line) or _maybe_default(line) and _DEFAULTS.search(_lower(line)) or len(line.split()) > 24:
        return False
    low = line.lower()
    if re.search(r"\b(?:i'?d|i'm|we met|you|your)\b", low) and "|" not in line:
        return False
    return bool(re.search(r"\s(?:at|@|\|)\s|[|@]|\b(?:student|engineer|recruiter|manager|founder|ceo|analyst|"
                          r"consultant|developer|designer|director|intern|partner|lead|specialist|executive|"
                          r"coach|investor|professor|researcher|scientist|officer|associate|president|owner|host|creator|"
                          r"organi[sz]er|editor|author|teacher|advisor|adviser|agent|broker|realtor|candidate)\b",
                          low)) and not line.rstrip().endswith(("?",))


class _Ctx:
    """Per-call scratch: the cleaned text, its 1:1 quote-normalised twin, and collected evidence."""

    __slots__ = ("cleaned", "norm", "low", "evidence")

    def __init__(self, cleaned: str) -> None:
        self.cleaned = cleaned
        # ASCII text only ever changes by "`" (the rest of the map is non-ASCII)
        self.norm = cleaned.translate(_QMAP) if "`" in cleaned or not cleaned.isascii() else cleaned
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
        self.evidence.append(_evidence(field, phrase))


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
        ln = raw
        if "·" in ln or "•" in ln:  # both regexes need these characters: skip them when absent
            ln = _DEGREE.sub("", ln)
        if "(" in ln:
            ln = _PRONOUNS.sub("", ln)
        ln = ln.strip()
        if not ln:
            continue
        if len(ln) < 120 and _is_noise_line(ln) or _all_noise_words(ln):
            continue
        ln = _SUBJECT.sub("", ln)
        m = _HEADER.match(ln) if len(ln) < 260 and _maybe_header(ln) else None
        if m:
            who = (m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or "").strip()
            raw_who = who
            head = ""
            if "," in who:
                who, head = (x.strip() for x in who.split(",", 1))
            elif " - " in who or " | " in who:
                who, head = (x.strip() for x in re.split(r" [-|] ", who, maxsplit=1))
            ok = _name_ok(who, set())
            if not ok and len(raw_who.split()) > 4:  # "Hi Sam, I came across your profile and would like to connect"
                lines.append(ln)
                continue
            if ok and not p.header_name:
                p.header_name = (ok, ln)
            if head and not p.headline:
                p.headline = head.rstrip(",")
            p.default_hits.append(ln)
            continue
        lines.append(ln)
    # "Name" line followed by a headline line (the card layout of a paste). A paste may also hold the
    # student's own card (their name and headline at the top of the page): the note greets them by name.
    cards: list[tuple[int, str]] = []
    skip = -1
    for i, ln in enumerate(lines):
        # at most five spaces before the trailing "[ ,]*" of a name line (a cheap pre-check)
        m = _NAME_LINE.match(ln) if i != skip and ln.rstrip(" ,").count(" ") <= 5 else None
        nm = _name_ok(m.group(1), set()) if m else None
        if not nm:
            continue
        if p.header_name and nm == p.header_name[0] and not cards:
            # name repeated under the header line: drop it, and a headline just after it
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            drop = 2 if nxt and _looks_like_headline(nxt) else 1
            if drop == 2 and not p.headline:
                p.headline = nxt
            if drop == 2 and i + 2 < len(lines) and _LOCATION.fullmatch(lines[i + 2]):
                drop = 3
            lines = lines[:i] + lines[i + drop:]
            break
        if i + 1 < len(lines) and _looks_like_headline(lines[i + 1]):
            cards.append((i, nm))
            skip = i + 1
    if cards:
        greeted = ""
        for ln in lines:
            g = _greeting(ln)
            if g and g[1]:
                greeted = g[1].split()[0].lower()
                break
        pick = next(((i, n) for i, n in cards if n.split()[0].lower() != greeted), cards[0])
        p.line_name = pick[1]
        if not p.headline:
            p.headline = lines[pick[0] + 1]
        drop_at = set()
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
                lines = lines[:i] + lines[i + 1:]
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


# One word that each alternative of _SIGNOFF holds ("thank" covers "thanks", "thank you", "many thanks").
_SIGNOFF_WORDS = ("best", "thank", "cheers", "regards", "warmly", "sincerely", "talk soon", "take care", "thx", "br",
                  "saludo", "atentamente", "cordialement", "merci", "bien", "grüße", "obrigad", "abraços", "cumprimentos")


def _maybe_signoff(body: str) -> bool:
    """Cheap pre-check for `_SIG_SIGNOFF`: some sign-off word occurs (exact on ASCII text; otherwise the
    case-blind regex, wider than `str.lower`, decides)."""
    if not body.isascii():
        return True
    low = body.lower()
    return any(w in low for w in _SIGNOFF_WORDS)


# What the end of a match of _SIG_DASH, _SIG_LASTLINE or _SIG_AFTER_SENTENCE is made of, after its first
# character, on ASCII text: the letters of a name, "'", "-", ".", "!", "~" and spaces.
_SIG_TAIL = "".join(map(chr, range(ord("a"), ord("z") + 1))) + "".join(map(chr, range(ord("A"), ord("Z") + 1))) + "'-.!~ "


def _find_signature(body: str, exclude: set[str]) -> tuple[str | None, str]:
    """Name signed at the end of the note, and the signature text to drop."""
    body = body.rstrip()
    # These regexes end at the end of the text: on ASCII text, a match starts no earlier than the last
    # character that cannot be part of its tail, so the search may start there (same match, less scanning).
    k = len(body.rstrip(_SIG_TAIL)) - 1 if body.isascii() else 0
    if k < 0:
        k = 0
    for rx in (_SIG_SIGNOFF, _SIG_DASH, _SIG_LASTLINE):
        if rx is _SIG_SIGNOFF:
            if not _maybe_signoff(body):
                continue  # the regex needs a sign-off word
            m = rx.search(body)
        elif rx is _SIG_DASH:
            if "-" not in body and "~" not in body:
                continue
            m = rx.search(body, k)
        else:
            m = rx.search(body, k) if "\n" in body else None
        if m:
            ok = _name_ok(m.group(1), exclude)
            if ok:
                return ok, m.group(0)
    m = _SIG_AFTER_SENTENCE.search(body, k)
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


# The first two letters of every greeting _GREETING knows.
_GREETING_START = frozenset(("hi", "he", "de", "ho", "bo", "sa", "ha", "ci", "ol", "gr", "go"))


def _greeting(line: str) -> tuple[int, str | None] | None:
    """`_GREETING.match(line)` as (its end, the greeted name as written or None). Skipped when the line
    cannot start with a greeting, and on ASCII run case-sensitively on the lower-cased line (same spans;
    exact for ASCII only: the case-blind regex also matches e.g. 'ı' to 'i')."""
    two = line[:2]
    if two.isascii() and two.lower() not in _GREETING_START:
        return None
    if line.isascii():
        g = _GREETING_LOW.match(line.lower())
        if not g:
            return None
        return g.end(), line[g.start(1):g.end(1)] if g.start(1) >= 0 else None
    g = _GREETING.match(line)
    return (g.end(), g.group(1)) if g else None


def _strip_greeting(line: str) -> tuple[str, str | None]:
    """Drop a leading "Hi Sam," and return (rest, greeted name); the name is validated, since the
    case-blind regex would otherwise take "Hi! We're hiring" as a greeting to "We're hiring"."""
    g = _greeting(line)
    if not g:
        return line, None
    end, greeted = g
    if greeted:
        ok = _name_ok(greeted, set())
        if ok:
            return line[end:], ok
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


_INTRO_WORDS = ("name", "i'm", "i am", "this is", "it's", "it is", "soy", "llamo", "je ", "ich bin", "sono")


def _self_intro(text: str, exclude: set[str]) -> tuple[str | None, str]:
    low = text.lower()
    if not any(w in low for w in _INTRO_WORDS):  # every self-introduction holds one of these (cheap pre-check)
        return (_intro_here(text, exclude) if " here" in low else (None, ""))
    # on an ASCII text, lower-casing is exact and the spans are the same: names are read from `text`
    for m in _SELF_INTRO_LOW.finditer(low) if text.isascii() else _SELF_INTRO.finditer(text):
        cand = _lead_name(text[m.start(1):m.end(1)])
        if not cand:
            continue
        rest = text[m.start(1) + len(cand):]
        if not _SELF_INTRO_TAIL.match(rest):
            continue
        ok = _name_ok(cand, exclude)
        if ok:
            return ok, text[m.start():m.start(1) + len(cand)]
    return _intro_here(text, exclude) if " here" in low else (None, "")


def _intro_here(text: str, exclude: set[str]) -> tuple[str | None, str]:
    for m in _INTRO_HERE.finditer(text):
        cand = _lead_name(m.group(1))
        ok = _name_ok(cand, exclude) if cand == m.group(1) else None
        if ok:
            return ok, m.group(0).lstrip("-—,.! ")
    return None, ""


# --------------------------------------------------------------------------- decisions


def _claim(text: str, ms: list[re.Match[str]]) -> re.Match[str] | None:
    for m in ms:
        if not _CLAIM_NEG.search(text[max(0, m.start() - 25):m.start()]):
            return m
    return None


def _referral(text: str, ms: list[re.Match[str]]) -> re.Match[str] | None:
    for m in ms:
        if not _REFERRAL_NOT.search(text[max(0, m.start() - 15):m.end() + 15]):
            return m
    return None


def _score(note: str, found: list[list[re.Match[str]]], headline: str,
           has_note: bool) -> tuple[dict[str, float], dict[str, str]]:
    scores = {k: 0.0 for k in _NOTE_CUES}
    best: dict[str, tuple[float, str]] = {}
    for (intent, weight), ms in zip(_NOTE_CUE_KEYS, found, strict=True):
        if ms and note:
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
    neg = _not_a_role(note) or _seeker(note)
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


def _red_flags(ctx: _Ctx, flag_ms: list[list[re.Match[str]]]) -> tuple[str, ...]:
    found: list[tuple[int, str, str]] = []
    low = ctx.low
    for code, ms in zip(_RED_FLAGS, flag_ms, strict=True):
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
    lkeys = _Keys(low)
    low_ms = _LOW_INDEX.run(low, lkeys)
    desc_hits = [m.group(0) for m in low_ms[0]]
    parsed = None
    if not desc_hits:  # no description cue: a paste, whatever the paste cues say (so they are not counted)
        parsed = _parse_paste(norm)
        is_desc = False
    else:
        has_default = _maybe_default(low) and _DEFAULTS.search(low) is not None
        paste_hits = len(_PASTE_CUES.findall(low)) + has_default
        if paste_hits:
            parsed = _parse_paste(norm)
            if parsed.header_name or parsed.line_name or parsed.default_hits:
                paste_hits += 2
        is_desc = len(desc_hits) >= 2 and paste_hits <= len(desc_hits) or paste_hits == 0

    name: str | None = None
    if is_desc:
        note = low
        headline = ""
        strong = _first(low_ms[1])
        none = _first(low_ms[2])
        weak = _first(low_ms[3])
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
            if _DESC_NAME_ORG.search(norm, max(0, m.start() - 16), m.start()):
                continue  # "a company called Nexus Global" names a company, not the sender
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
        for longer in (parsed.line_name, intro_name, sig_name):
            if name and longer and longer != name and longer.split()[0] == name.split()[0] and len(longer) > len(name):
                name = longer
                break
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

    # The words of the whole text are a superset of the note's: a sound (if looser) key set for it.
    note_ms = _NOTE_INDEX.run(note, lkeys) if note else [[] for _ in _NOTE_INDEX.lexes]
    claim_m = _claim(note, note_ms[0])
    ref_m = _referral(note, note_ms[1])
    claims = bool(claim_m or ref_m)  # a referral is a claimed tie
    if claim_m:
        ctx.add("claims_prior_contact", claim_m.group(0))
    elif ref_m:
        ctx.add("claims_prior_contact", ref_m.group(0))

    scores, best = _score(note, note_ms[2:], headline, custom)
    intent, why = _decide_intent(scores, bool(ref_m), bool(claim_m), custom, note)
    if intent != "unclear":
        phrase = {"referral": ref_m.group(0) if ref_m else "", "claim": claim_m.group(0) if claim_m else ""}.get(
            why, best.get(why, ""))
        if why == "connect":
            m = _NOTE_OF_CONNECT.search(note)
            phrase = m.group(0) if m else ""
        ctx.add("intent", phrase)

    flags = _red_flags(ctx, low_ms[4:])
    # model_construct (or its equivalent): every value is built here from known-good types; validation
    # would double the cost.
    return _signals(custom, claims, intent, name, flags, tuple(ctx.evidence), truncated, is_desc)


def analyze(text: str) -> Signals:
    """Never raises: a coaching bot must answer even on junk input, so failures degrade to 'unclear'."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _analyze(text)
    except Exception:  # pragma: no cover - defensive; the rules above are meant to be total
        return Signals(custom_message=False, claims_prior_contact=False, intent="unclear", requester_name=None,
                       red_flags=(), evidence=(), truncated=len(text) > MAX_CHARS, is_description=False)
