"""Cleaning: turn whatever a student pasted into plain text the rules and the model can trust.

A scammer can hide a word from a matcher with characters a reader never sees (zero-width spaces, soft
hyphens, bidi controls) or with letters from another script that look the same (Cyrillic "у" in
"crуpto"). `clean` removes the first and the markup Slack adds; its text is what the student wrote, and
what is quoted back to them. `fold` then turns look-alike letters into the Latin ones for matching only,
one character for one, so a span found in the folded text is the same span of the clean text.
"""

from __future__ import annotations

import re
import unicodedata

# Removed outright (not turned into spaces): inside a word they would split it in two.
_INVISIBLE = dict.fromkeys(
    [
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        0x061C,  # Arabic letter mark
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,  # Hangul fillers, Khmer invisible vowels
        0x180B,
        0x180C,
        0x180D,
        0x180E,  # Mongolian variation selectors and vowel separator
        *range(0x200B, 0x2010),  # zero-width space, ZWNJ, ZWJ, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
        0x3164,
        0xFEFF,
        0xFFA0,  # Hangul filler, byte-order mark, half-width filler
        *range(0xFE00, 0xFE10),  # variation selectors
    ]
)

# Letters of other scripts that look like Latin ones. Folded only inside words that hold a Latin letter
# or consist of look-alikes alone (see `_fold`), so a genuine Russian or Greek note is left as it is.
_LOOKALIKES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "һ": "h",
    "ո": "n",
    "ս": "u",
    "ց": "g",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Ԁ": "D",
    "Ԛ": "Q",
    "Ԝ": "W",
    "Һ": "H",
    # Greek
    "α": "a",
    "ο": "o",
    "ρ": "p",
    "ν": "v",
    "ι": "i",
    "κ": "k",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ε": "e",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    # Latin look-alikes outside ASCII that NFKC keeps
    "ı": "i",
    "ɡ": "g",
    "ɑ": "a",
    "ʏ": "y",
    "ᴀ": "a",
    "ʀ": "r",
}
_FOLD = str.maketrans(_LOOKALIKES)
_LOOKALIKE_CHARS = frozenset(_LOOKALIKES)
_WORD = re.compile(r"[^\W\d_]+")

# Apostrophes and quotes to ASCII, so "I’d" and "I'd" read the same.
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)

_INVISIBLE_RX = re.compile("[" + re.escape("".join(map(chr, _INVISIBLE))) + "]")

# Slack's own markup: links, user, channel and group mentions, special mentions ("<!here>"), and the
# three characters it escapes. Nothing else in angle brackets is markup: "<Hiring>" is the sender's word.
_SLACK_LINK = re.compile(r"<(?:(https?://[^|>\s]+)|(?:mailto|tel):([^|>\s]+))(?:\|[^>]*)?>")
_SLACK_MENTION = re.compile(r"<([@#])[A-Z0-9]+(?:\|([^>]*))?>")
_SLACK_SPECIAL = re.compile(r"<![^|>]*(?:\|([^>]*))?>")
_SLACK_ESCAPE = re.compile(r"&(amp|lt|gt);")
_UNESCAPE = {"amp": "&", "lt": "<", "gt": ">"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufff0-\uffff]")
_HSPACE = re.compile(r"[^\S\n]+")


def _fold_word(m: re.Match[str]) -> str:
    word = m.group(0)
    has_latin = any("a" <= c.lower() <= "z" for c in word)
    if has_latin or all(c in _LOOKALIKE_CHARS for c in word):
        return word.translate(_FOLD)
    return word


def _mention(m: re.Match[str]) -> str:
    label = (m.group(2) or "").lstrip(m.group(1))
    return m.group(1) + label if label else ""


def slack_plain(text: str) -> str:
    """Text as the student typed it in Slack: links as their address, mentions by their name, Slack's
    escapes undone."""
    text = _SLACK_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _SLACK_MENTION.sub(_mention, text)
    text = _SLACK_SPECIAL.sub(lambda m: m.group(1) or "", text)
    return _SLACK_ESCAPE.sub(lambda m: _UNESCAPE[m.group(1)], text)


def clean(text: str) -> str:
    """Plain, NFKC-normalised text as written: no Slack markup, no invisible characters, quotes
    straightened, one space between words, no blank lines."""
    text = slack_plain(text)
    text = _INVISIBLE_RX.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RX.sub("", text)  # NFKC can map a character onto one of them
    text = text.translate(_QUOTES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub(" ", text)
    lines = (_HSPACE.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def fold(text: str) -> str:
    """`text` with look-alike letters read as the Latin ones, for matching: the same length, each
    character where it was."""
    return _WORD.sub(_fold_word, text)


def lower(s: str) -> str:
    """Lower-case without changing length (a few characters such as 'İ' grow), so spans stay aligned."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
