"""The analyzer's text handling: a bounded amount of work for any input, the student's own characters on
everything shown back to them, and nothing dropped that Slack did not put there."""

from __future__ import annotations

import time
import unicodedata

from bot.coaching.advice import Reading, draft_for
from bot.coaching.analyzer import MAX_CHARS, analyze, read
from bot.coaching.analyzer.text import clean
from bot.coaching.content import DEFAULT_PROMPTS, load_content

# --------------------------------------------------------------------------- bounded work

# U+FDFA: one character that NFKC turns into 18, the most any character grows.
EXPANDS = "\ufdfa"


def _cpu(text: str) -> float:
    """The least CPU time of three analyses (CPU time: other load on the machine counts less)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        analyze(text)
        best = min(best, time.process_time() - t0)
    return best


def test_no_character_grows_more_under_nfkc_than_the_worst_case_used_below() -> None:
    assert len(unicodedata.normalize("NFKC", EXPANDS)) == 18


def test_text_that_grows_when_normalised_is_cut_to_the_cap_after_normalising() -> None:
    for text in (EXPANDS * MAX_CHARS, (EXPANDS + " ") * (MAX_CHARS // 2), "Hi " + EXPANDS * 400):
        rd = read(text)
        assert len(rd.unmasked) <= MAX_CHARS
    assert analyze(EXPANDS * MAX_CHARS).truncated  # the student is told the text was cut
    assert not analyze("Hi " + EXPANDS * 10).truncated


def test_the_worst_expanding_input_costs_about_what_plain_text_of_the_cap_does() -> None:
    plain = ("We met at the career fair, let's connect! " * 100)[:MAX_CHARS]
    worst = EXPANDS * MAX_CHARS
    analyze(plain)
    assert _cpu(worst) < 4 * _cpu(plain)


# --------------------------------------------------------------------------- as written


CYRILLIC_PASTE = "Роман Петров\nRecruiter at Яндекс\nРоман Петров wants to connect\nHi, I'm hiring interns for the summer, let's connect!"


def test_a_cyrillic_name_is_shown_as_written() -> None:
    s = analyze(CYRILLIC_PASTE)
    assert s.requester_name == "Роман Петров"
    assert "Pomah" not in repr(s)


def test_a_cyrillic_company_and_headline_are_shown_as_written() -> None:
    s = analyze(
        "Анна Смирнова\nTalent partner at Космос\n\nHello! We are hiring analysts at Космос, let's talk."
    )
    assert s.requester_name == "Анна Смирнова"
    assert s.details.company == "Космос"
    assert s.headline == "Talent partner at Космос"
    assert s.evidence and all("Ahha" not in e.phrase and "Kocmoc" not in e.phrase for e in s.evidence)


def test_a_description_keeps_the_senders_cyrillic_name() -> None:
    s = analyze("got a request from a recruiter named Роман, no note, never met him")
    assert s.is_description
    assert s.requester_name == "Роман"


def test_the_draft_greets_the_sender_by_the_name_as_written() -> None:
    s = analyze(CYRILLIC_PASTE)
    reading = Reading(requester_name=s.requester_name, language=s.language, details=s.details.as_dict())
    draft = draft_for(load_content(DEFAULT_PROMPTS), "reply", {"reason": "opportunity", "met": "no"}, reading)
    assert "Роман" in draft.text and "Pomah" not in draft.text


def test_folding_still_finds_a_disguised_word_and_quotes_it_as_written() -> None:
    s = analyze("Join our crуpto trading group today")  # Cyrillic у
    assert "crypto_investment" in s.red_flags
    quoted = [e.phrase for e in s.evidence if e.field == "red_flag:crypto_investment"]
    assert quoted and "crуpto" in quoted[0]


# --------------------------------------------------------------------------- only Slack's own markup


def test_words_in_angle_brackets_are_kept() -> None:
    assert clean("Acme & Co. <Hiring> I'd like to connect") == "Acme & Co. <Hiring> I'd like to connect"
    text = "Acme & Co. <Hiring> I'd like to connect"
    assert "<Hiring>" in read(text).parts.note_text
    assert analyze(text).custom_message


def test_slacks_escapes_are_undone_and_the_words_kept() -> None:
    assert (
        clean("Acme &amp; Co. &lt;Hiring&gt; I'd like to connect")
        == "Acme & Co. <Hiring> I'd like to connect"
    )


def test_slacks_own_markup_is_stripped() -> None:
    text = (
        "<!here> <@U0BOSS> hi <#C024BE7LR|general>, see <https://bit.ly/x|my page> or <mailto:a@b.co|a@b.co>"
    )
    assert clean(text) == "hi #general, see https://bit.ly/x or a@b.co"
    assert clean("<@U0BOSS|dana> says hi <!subteam^S0T|@staff>") == "@dana says hi @staff"


def test_a_slack_link_is_still_judged_by_its_address() -> None:
    assert "suspicious_link" in analyze("Verify your account at <https://bit.ly/3xYz|linkedin.com>").red_flags
