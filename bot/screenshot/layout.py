"""OCR boxes -> the text a paste of the same invitation would give.

The phone app, the web invitation manager and the invitation e-mail all show the sender's card (name,
headline, mutual connections) above the note, inside app chrome: a status bar, tab or navigation bars,
buttons, side columns, an e-mail client's folders and footer. The rebuild keeps the card and the note in
reading order, joins lines the screen wrapped, and drops the chrome. What counts as LinkedIn page chrome is
the analyzer's (paste.is_chrome_line); this module adds only what a screen shows and a paste never holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.coaching.analyzer.paste import is_chrome_line, name_ok

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Box:
    """One piece of text the OCR found, with its axis-aligned bounds in pixels."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True)
class Layout:
    """The rebuilt text of one screenshot."""

    text: str  # one line per card line or note paragraph
    cut_off: bool  # the note ends in "...see more": only its start is on the screen


@dataclass(frozen=True, slots=True)
class ScreenshotText:
    """What a screenshot says, for the walkthrough."""

    text: str  # as a paste would give it: the card's lines, then the note; "" when nothing was read
    cut_off: bool  # the note is cut off on the screen ("...see more"): the student may paste the rest
    seconds: float  # time spent decoding and reading


# What a screen shows around an invitation and a paste never holds: phone status bar, app tabs and
# navigation, the web page's side columns, an e-mail client's chrome and LinkedIn's e-mail footer.
# Written with plain spaces; each space may be missing, as the recogniser sometimes drops them.
_SCREEN_CHROME_WORDS = (
    r"(?:(?:(?:\d{1,2}[:.]\d{2}(?: [ap]m)?|\d{1,3} %|[345]g\+?|lte|wi-?fi|e|h\+?)\s*)+|search|post|jobs|home|"
    r"me|work|my network|notifications?|messaging|for business|try premium.*|"
    r"manage(?: my network| invitations)?|received|sent|all|people|newsletters?|events?|groups?|pages?|"
    r"connections? \d+|contacts?|following (?:&|and) followers|invitations? \(\d+\)|catch up|grow|ad|"
    r"promoted|about|accessibility|help center|privacy (?:&|and) terms|ad choices|advertising|"
    r"business services|get the (?:linked[il]n )?app|more|inbox(?: \d+)?|starred|snoozed|drafts|spam|trash|"
    r"compose|to me.*|.{1,80} via linked[il1|]{1,2}n.*|<?[\w.+-]+@[\w-]+\.[\w.]+>?|\d{1,2}:\d{2} [ap]m.*|"
    r"reply to .{1,60}|view profile|see all|show all|accept|ignore|message|connect|follow|"
    r"\d+ (?:s|m|h|d|w|mo|y|yr)(?: ago)?|\d+ (?:minutes?|hours?|days?|weeks?|months?) ago"
    r")[.!]?\s*"
)
# Where LinkedIn's e-mail footer or the page's next section begins: nothing after it is the invitation.
_END_WORDS = (
    r"^(?:people you may know|you are receiving|you're receiving|unsubscribe|this e-?mail was intended|"
    r"learn why we included|[©@] ?\d{4}|\(c\) ?\d{4}|linked[il]n corporation)"
)
_SCREEN_CHROME = re.compile("(?:" + _SCREEN_CHROME_WORDS.replace(" ", r"\s?") + ")+", _I)
_END = re.compile(_END_WORDS.replace(" ", r"\s?"), _I)
# LinkedIn's own mutual-connections line, whole or wrapped ("Ava Lee and 4 other mutual" / "connections").
_MUTUAL = re.compile(r"mutual ?connections?\b|other ?mutual$|\d ?mutual\b|connections? ?in ?common", _I)
_MUTUAL_LINE = re.compile(r"^(?:(.{1,60}?) ?and ?(\d+) ?other|(\d+)) ?mutual ?(connections?)$", _I)
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
_DEGREE = re.compile(r"\s*[·•.,\-]?\s*\b(?:1st|2nd|3rd\+?)$")
_SEE_MORE = re.compile(r"\s*(?:(?:\.{2,}|…)\s*(?:see |show )?more|(?:see|show) more)$", _I)
_HEADER = re.compile(
    r"^(.{1,80}?) ?(?:wants ?to ?connect|sent ?you ?an ?invitation.*|would ?like ?to ?connect|wants ?to)$", _I
)
# The recogniser reads a capital I as a lower-case l: "ldrissi", "l'm", a lone "l".
_L_FOR_I = re.compile(r"\bl(?=[bcdfghjkmnpqrstvwxz][a-z]|['’](?:m|d|ve|ll)\b|\b(?![.'’-]))")
# ... or as a "1" opening a sentence: "Hi! 1 help", "heard.1 am".
_ONE_FOR_I = re.compile(r"(?<=[.!?])( ?)1(?= ?[a-z])")
_LINKEDIN = re.compile(r"\bLinked[lI1|]{1,2}n\b")


def fix_capital_i(text: str) -> str:
    """Restore a capital I read as "l" or "1" where no word could start so, and in "LinkedIn"."""
    return _LINKEDIN.sub("LinkedIn", _ONE_FOR_I.sub(r"\1I", _L_FOR_I.sub("I", text)))


def _respace(line: str, first: bool) -> str:
    """Put back the spaces the recogniser dropped where the words are known: the mutual-connections line,
    and the sender's name on the card's first line ("PriyaRaman")."""
    if m := _MUTUAL_LINE.match(line):
        who, n_other, n, noun = m.groups()
        who = _CAMEL.sub(" ", who) if who else who
        return f"{who} and {n_other} other mutual {noun}" if who else f"{n} mutual {noun}"
    if first and " " not in line and _CAMEL.search(line) and name_ok(split := _CAMEL.sub(" ", line)):
        return split
    return line


def _squeeze(text: str) -> str:
    return "".join(text.split()).lower()


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.6 * min(a.h, b.h)


def _segments(boxes: list[Box]) -> list[Box]:
    """Boxes side by side on one row -> one segment; a wide gap starts another (columns, buttons)."""
    out: list[Box] = []
    for b in sorted(boxes, key=lambda b: b.x0):
        for i, s in enumerate(out):
            if _same_row(s, b) and -0.5 * b.h < b.x0 - s.x1 < 1.5 * min(s.h, b.h):
                out[i] = Box(f"{s.text} {b.text}", s.x0, min(s.y0, b.y0), b.x1, max(s.y1, b.y1))
                break
        else:
            out.append(b)
    return sorted(out, key=lambda b: (b.y0, b.x0))


def _is_chrome(text: str) -> bool:
    if _MUTUAL.search(text):
        return False
    return bool(_SCREEN_CHROME.fullmatch(text) or is_chrome_line(text))


def _similar_size(a: Box, b: Box) -> bool:
    return 0.7 < b.h / a.h < 1.43


def _wraps_into(a: Box, b: Box, right: float) -> bool:
    """`b` continues the line `a`: same left edge and size, just below, and its first word did not fit."""
    if abs(a.x0 - b.x0) > 1.5 * a.h or not _similar_size(a, b):
        return False
    if _MUTUAL.search(b.text) or (name_ok(_DEGREE.sub("", a.text)) and not _MUTUAL.search(a.text)):
        return False  # the name and the mutual-connections line are lines of their own
    if not 0 <= b.y0 - a.y1 < 0.9 * a.h and not (b.y0 < a.y1 and b.y0 > a.y0 + 0.5 * a.h):
        return False
    char = (a.x1 - a.x0) / max(len(a.text), 1)
    first = b.text.split(" ", 1)[0]
    return a.x1 + char * (len(first) + 1) > right


def _column_chars(s: Box, content: list[Box]) -> int:
    return sum(len(c.text) for c in content if c.x1 > s.x0 and c.x0 < s.x1)


def rebuild(boxes: list[Box]) -> Layout:
    """The invitation's text from OCR boxes of a screenshot, and whether its note is cut off."""
    boxes = [b for b in boxes if b.text.strip() and b.y1 > b.y0 and b.x1 > b.x0]
    segs = [replace(s, text=" ".join(s.text.split())) for s in _segments(boxes)]
    for i, s in enumerate(segs):
        if _END.match(s.text):
            segs = segs[:i]
            break
    content = [s for s in segs if not _is_chrome(s.text)]
    if not content:
        return Layout("", False)
    # The column with the card's mutual-connections line, else the one holding the most text, is the
    # invitation's; side columns do not overlap it.
    mutual = [s for s in content if _MUTUAL.search(s.text)]
    main = mutual[0] if mutual else max(content, key=lambda s: (_column_chars(s, content), len(s.text)))
    left, right = main.x0 - main.h, main.x1 + main.h
    content = [s for s in content if s.x1 > left and s.x0 < right]
    # Join the lines the screen wrapped back into the lines of a paste.
    lines: list[str] = []
    prev: Box | None = None
    for s in content:
        group_right = max(
            (c.x1 for c in content if abs(c.x0 - s.x0) < 1.5 * s.h and _similar_size(c, s)), default=s.x1
        )
        if prev and _wraps_into(prev, s, group_right):
            lines[-1] = f"{lines[-1]} {s.text}"
        else:
            lines.append(s.text)
        prev = s
    cut_off = False
    texts: list[str] = []
    for ln in lines:
        t = fix_capital_i(_DEGREE.sub("", ln))
        if _SEE_MORE.search(t):
            cut_off = True
            t = _SEE_MORE.sub("", t)
        if t and not _is_chrome(t):
            texts.append(t)
    # The e-mail's subject names the sender again just above the card: keep the card's line.
    squeezed = [_squeeze(t) for t in texts]
    if texts and (m := _HEADER.match(texts[0])) and _squeeze(m.group(1)) in squeezed[1:]:
        texts = texts[1:]
    return Layout("\n".join(_respace(t, first=i == 0) for i, t in enumerate(texts)), cut_off)
