"""The layout rebuild on OCR boxes, no OCR: boxes recorded from the rendered screenshots (boxes.json, made by
tests/data/screenshots/record_boxes.py) and small hand-placed ones for single rules."""

from __future__ import annotations

import json
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from bot.coaching.analyzer import analyze
from bot.screenshot import Box, rebuild
from bot.screenshot.layout import fix_capital_i

SET = Path(__file__).resolve().parents[1] / "data" / "screenshots"
TRUTH = {row["image"]: row for row in map(json.loads, (SET / "truth.jsonl").read_text("utf-8").splitlines())}
RECORDED = json.loads((SET / "boxes.json").read_text("utf-8"))
# Lines a screen shows that a paste of the invitation never holds, and phrases from around the card.
CHROME_LINES = {
    "accept",
    "ignore",
    "9:41",
    "5g 87%",
    "search",
    "home",
    "my network",
    "post",
    "notifications",
    "jobs",
    "manage",
    "received",
    "sent",
    "show all",
    "view profile",
    "2h",
    "2h ago",
    "inbox 3",
}
CHROME_PHRASES = (
    "people you may know",
    "riverside college",
    "unsubscribe",
    "via linkedin",
    "see more",
    "wants to connect",
    "invitations (2)",
    "@linkedin.com",
)


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def squeeze(s: str) -> str:
    return "".join(fold(s).split()).lower()


@pytest.mark.parametrize("image", sorted(RECORDED))
def test_a_recorded_screenshot_rebuilds_as_its_paste(image: str) -> None:
    truth = TRUTH[image]
    boxes = [Box(*b) for b in RECORDED[image]]
    got = rebuild(boxes)
    lines = got.text.split("\n")
    assert fold(lines[0]) == fold(truth["name"])  # the card's name first, spaced as a name
    assert squeeze(lines[1]) == squeeze(truth["headline"])
    if truth["mutual"]:
        assert fold(lines[2]) == fold(truth["mutual"])  # one line, spaced so the analyzer knows it
    if truth["note"]:  # the wrapped note is one paragraph again, read closely
        assert SequenceMatcher(None, squeeze(lines[-1]), squeeze(truth["note"])).ratio() > 0.97
    assert not CHROME_LINES & {ln.lower() for ln in lines}
    assert not any(c in got.text.lower() for c in CHROME_PHRASES)
    assert got.cut_off is truth["cut_off"]
    assert analyze(got.text).intent == analyze(truth["text"]).intent


def box(text: str, x0: float, y0: float, x1: float, h: float = 20) -> Box:
    return Box(text, x0, y0, x1, y0 + h)


def test_lines_the_screen_wrapped_join_and_a_short_last_line_ends_the_paragraph() -> None:
    boxes = [
        box("Jordan Lee", 100, 100, 220, 26),
        box("Recruiter at Acme", 100, 130, 260),
        box("Hello! We are hiring analysts in Denver and your", 100, 180, 600),
        box("profile stood out.", 100, 204, 280),
        box("Open to a chat?", 100, 250, 260),
    ]
    assert rebuild(boxes).text == (
        "Jordan Lee\nRecruiter at Acme\nHello! We are hiring analysts in Denver and your profile stood out.\n"
        "Open to a chat?"
    )


def test_a_side_column_beside_the_invitation_is_dropped() -> None:
    boxes = [
        box("Groups", 10, 100, 80),
        box("Jordan Lee", 300, 100, 420),
        box("Recruiter at Acme", 300, 124, 480),
        box("Grow your skills with our course", 800, 110, 1100),
        box("3 mutual connections", 300, 148, 500),
        box("We met at the Denver career fair and I would love to stay in touch", 300, 190, 760),
    ]
    assert rebuild(boxes).text.split("\n") == [
        "Jordan Lee",
        "Recruiter at Acme",
        "3 mutual connections",
        "We met at the Denver career fair and I would love to stay in touch",
    ]


def test_see_more_marks_the_note_cut_off_and_is_not_part_of_it() -> None:
    got = rebuild(
        [box("Jordan Lee", 100, 100, 220), box("I came across your post and ...see more", 100, 150, 500)]
    )
    assert (got.text, got.cut_off) == ("Jordan Lee\nI came across your post and", True)
    assert (
        rebuild([box("Jordan Lee", 100, 100, 220), box("Loved your talk!", 100, 150, 300)]).cut_off is False
    )


def test_the_email_footer_and_everything_after_it_is_dropped() -> None:
    got = rebuild(
        [
            box("Jordan Lee", 100, 100, 220),
            box("Let's connect!", 100, 150, 260),
            box("You are receiving Invitation emails. Unsubscribe", 100, 220, 600, 14),
            box("This email was intended for Sam Park (Student)", 100, 240, 560, 14),
        ]
    )
    assert got.text == "Jordan Lee\nLet's connect!"


def test_the_mutual_line_and_a_name_read_without_spaces_get_them_back() -> None:
    got = rebuild(
        [
            box("JordanLee", 100, 100, 200),
            box("Recruiter at Acme", 100, 124, 280),
            box("AvaThompsonand9othermutual connections", 100, 148, 480),
        ]
    )
    assert got.text == "Jordan Lee\nRecruiter at Acme\nAva Thompson and 9 other mutual connections"


@pytest.mark.parametrize(
    "read, meant",
    [
        ("Yasmine ldrissi", "Yasmine Idrissi"),
        ("lsabel Llorente", "Isabel Llorente"),
        ("Hi, l'm Sam and l'd like to connect", "Hi, I'm Sam and I'd like to connect"),
        ("Yesterday l met your team", "Yesterday I met your team"),
        ("Hi! 1 help students. heard.1 am", "Hi! I help students. heard.I am"),
        ("1 mutual connection, 1st, $1 million", "1 mutual connection, 1st, $1 million"),
        ("I'd like to join your Linkedln network.", "I'd like to join your LinkedIn network."),
        ("Hello, lately I have been learning", "Hello, lately I have been learning"),
        ("Llama farm logistics lead", "Llama farm logistics lead"),
    ],
)
def test_a_capital_i_read_as_l_is_restored_only_where_no_word_starts_so(read: str, meant: str) -> None:
    assert fix_capital_i(read) == meant


def test_a_note_that_mentions_a_mutual_friend_is_still_one_paragraph() -> None:
    got = rebuild(
        [
            box("Jordan Lee", 100, 100, 220, 26),
            box("I am reaching out because our", 100, 150, 690),
            box("mutual friend Dana suggested it.", 100, 174, 420),
        ]
    )
    assert got.text == "Jordan Lee\nI am reaching out because our mutual friend Dana suggested it."


def test_nothing_but_chrome_reads_as_no_text() -> None:
    got = rebuild([box("9:41", 20, 10, 80), box("Home", 20, 800, 80), box("Accept", 300, 400, 380)])
    assert (got.text, got.cut_off) == ("", False)
    assert rebuild([]).text == ""
    assert rebuild([Box("Jordan", 100, 100, 200, 100), box("Lee", 100, 104, 160)]).text == "Lee"  # no area
