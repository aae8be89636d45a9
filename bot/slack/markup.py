"""Text as the student typed it, from the places where Slack encodes it.

In message text (DMs, the message a shortcut was used on) and slash-command text, Slack writes
``&``, ``<`` and ``>`` as ``&amp;``, ``&lt;`` and ``&gt;``, and uses real angle brackets only for its
own markup: links (``<https://x.com|x.com>``), mentions (``<@U123>``, ``<#C123|general>``) and
special words (``<!here>``). Text typed into a modal's input arrives exactly as typed, so it is not
passed through here. Decoding only where Slack encoded means the analyzer reads the same text
whichever way the student sent it.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"<([^<>]*)>")  # Slack's markup: nothing inside it is a raw angle bracket
_ENTITY = re.compile(r"&(amp|lt|gt);")
_CHARS = {"amp": "&", "lt": "<", "gt": ">"}


def _unescape(text: str) -> str:
    """Slack's three entities, in one pass (so a typed "&amp;lt;" stays "&lt;"); nothing else."""
    return _ENTITY.sub(lambda m: _CHARS[m.group(1)], text)


def _shown(markup: str) -> str:
    """What one piece of Slack markup stands for, as the student would read it."""
    target, _, label = markup.partition("|")
    target, label = _unescape(target), _unescape(label)
    if target.startswith(("@", "#")):  # a user or channel mention: its name when Slack sent one
        return target[0] + (label.lstrip("@#") or target[1:])
    if target.startswith("!"):  # <!here>, <!subteam^S1|@team>, <!date^...|fallback>
        return label or "@" + target[1:].split("^", 1)[0]
    if label and not target.endswith(label):  # a link whose words hide where it goes: keep the address
        return target
    return label or target  # a link Slack made of what was typed ("x.com" -> <http://x.com|x.com>)


def from_slack(text: str) -> str:
    """Message or command text with Slack's encoding undone: its markup shown as plain words, its
    entities back to the characters typed."""
    parts = _CONTROL.split(text)  # even: text between markup; odd: the markup's insides
    return "".join(_shown(part) if i % 2 else _unescape(part) for i, part in enumerate(parts))
