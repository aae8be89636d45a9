"""Cleaning: turn whatever a student pasted into plain text the rules and the model can trust.

A scammer can hide a word from a matcher with characters a reader never sees (zero-width spaces, soft
hyphens, bidi controls) or with letters from another script that look the same (Cyrillic "у" in
"crуpto"). Both are undone here, before any matching, so every later step sees what the student sees.
"""

from __future__ import annotations

import html
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

_SLACK_LINK = re.compile(r"<((?:https?://|mailto:)[^|>\s]+)(?:\|[^>]*)?>")
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,500}>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8}\d{0,2});")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufff0-\uffff]")
_HSPACE = re.compile(r"[^\S\n]+")


def _fold_word(m: re.Match[str]) -> str:
    word = m.group(0)
    has_latin = any("a" <= c.lower() <= "z" for c in word)
    if has_latin or all(c in _LOOKALIKE_CHARS for c in word):
        return word.translate(_FOLD)
    return word


def clean(text: str) -> str:
    """Plain, NFKC-normalised text: no markup, no invisible characters, look-alikes folded, quotes
    straightened, one space between words, no blank lines."""
    text = _SLACK_LINK.sub(r"\1", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub(" ", text)
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)
    text = _INVISIBLE_RX.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RX.sub("", text)  # NFKC can map a character onto one of them
    text = _WORD.sub(_fold_word, text)
    text = text.translate(_QUOTES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub(" ", text)
    lines = (_HSPACE.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def lower(s: str) -> str:
    """Lower-case without changing length (a few characters such as 'İ' grow), so spans stay aligned."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
