"""Student text as it comes in (a DM, a command, a shortcut, the modal, the terminal).

Slack's JSON can carry a lone UTF-16 surrogate (``"\\ud83d"``, half an emoji) or a NUL, and a terminal
reading bytes that are not UTF-8 hands Python surrogates too. Such a string cannot be written as UTF-8
(CSV exports) nor stored in PostgreSQL, so it is made valid once, where the text enters.
"""

from __future__ import annotations


def student_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD and NULs dropped; everything else as written
    (a surrogate pair split into two code points is joined back into its character)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").replace("\0", "")
