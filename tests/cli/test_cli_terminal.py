"""`make run` without tokens: the terminal walkthrough, driven end to end through piped stdin."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_bot(args: list[str], stdin: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "INVITE_CHECK_"))}
    clean.update({"INVITE_CHECK_DB_PATH": str(tmp_path / "db.json"), "PYTHONPATH": str(ROOT), **env})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
        timeout=60,
    )


INVITE = """Jordan Rivera
Talent Acquisition Partner at Northwind | Hiring new grads
· 3rd+
Hi Sam, I came across your profile while looking for data science interns for our summer program.
Would love to tell you more about it. Best, Jordan
Accept  Ignore
"""


def test_walkthrough_with_piped_stdin_records_a_decision_that_summary_counts(tmp_path):
    # invitation, blank line; then: note=Enter (suggested), met=3 (no), reason=Enter, profile=1 (verified),
    # value=1 (yes); name, interest; decision 1 (accepted)
    answers = "\n".join(["", "3", "", "1", "1", "Sam Lee", "data science", "1"]) + "\n"
    out = run_bot(["demo"], INVITE + ".\n" + answers, tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "What I noticed" in text and "Jordan" in text
    assert "Step 1 of 4" in text and "Step 4 of 5: What does their LinkedIn profile show?" in text
    assert "Step 5 of 5" in text
    assert "My recommendation: ACCEPT THE INVITATION" in text
    assert "Hi Jordan," in text and "Sam Lee" in text and "data science" in text
    assert "Recorded." in text and "SLACK_BOT_TOKEN" in text  # says how to connect Slack
    summary = run_bot(["summary", "--days", "0"], "", tmp_path)
    assert summary.returncode == 0, summary.stderr
    assert "Checks: 1" in summary.stdout and "Accepted" in summary.stdout


def test_make_run_default_without_tokens_is_the_terminal_walkthrough(tmp_path):
    out = run_bot([], "", tmp_path)  # immediate EOF: nothing to analyze, quits politely
    assert out.returncode == 0, out.stderr
    assert "Invite Check" in out.stdout and "Nothing was recorded" in out.stdout


def test_back_start_over_and_bad_input_in_the_terminal(tmp_path):
    answers = "\n".join(["7", "x", "1", "b", "2", "s", "1", "1", "6", "3", "", "", ""]) + "\n"
    out = run_bot(["demo"], "a guy selling SEO services, no note\n\n\n" + answers, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Please type a number from 1 to 2" in out.stdout
    assert "IGNORE IT" in out.stdout
    assert "Nothing recorded." in out.stdout


def test_analyze_contract_single_and_jsonl(tmp_path):
    out = run_bot(
        ["analyze"], "I'd like to add you to my professional network on LinkedIn.\n- Dana Kim", tmp_path
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key, kind in (
        ("custom_message", bool),
        ("claims_prior_contact", bool),
        ("intent", str),
        ("red_flags", list),
        ("evidence", list),
    ):
        assert isinstance(data[key], kind), key
    assert data["custom_message"] is False
    assert data["intent"] in {"recruiter", "referral", "collaboration", "networking", "sales", "unclear"}
    lines = [
        json.dumps({"text": "We met at the career fair, great chatting!"}),
        "not json",
        json.dumps({"text": ""}),
    ]
    out = run_bot(["analyze", "--jsonl"], "\n".join(lines) + "\n", tmp_path)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(rows) == 3 and rows[0]["claims_prior_contact"] is True and "error" in rows[1]


def test_bad_configuration_names_the_variable(tmp_path):
    out = run_bot(["summary"], "", tmp_path, PORT="not-a-port")
    assert out.returncode == 2 and "PORT" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "junk", ["\x00\x01\x02 binary", "🙂" * 5000, "مرحبا، أود التواصل معك", "<b>hi</b>" * 2000]
)
def test_odd_pastes_never_crash_the_terminal(tmp_path, junk):
    out = run_bot(["demo"], junk + "\n\nq\n", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr


def test_a_scam_in_the_terminal_goes_straight_to_the_safety_advice(tmp_path):
    scam = "Hi, I'm HR at Brightline. Remote data entry, $45/hr, no interview. Text me on WhatsApp +1 555 010 4477\n"
    out = run_bot(["demo"], scam + "\n\n" + "\n" + "4\n", tmp_path)  # Enter: my advice; decision 4 (ignored)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "warning signs of a scam" in text and "Step 1" not in text
    assert "DON'T ENGAGE" in text and "What not to do" in text and "ReportFraud.ftc.gov" in text
    assert "Hi " not in text.split("My recommendation")[1]  # no draft to send them


def test_a_paste_with_blank_lines_and_a_second_invitation_in_one_run(tmp_path):
    e_mail = (
        "Subject: Priya, please add me to your LinkedIn network\n\nHi Priya,\n\nGreat meeting you at the"
        " engineering career fair on Tuesday!\n\nBest,\nLinda Okafor\n.\n"
    )
    first = (
        "\n".join(["1", "2", "1", "2", "Sam Lee", "", "4"]) + "\n"
    )  # personal, maybe, forgot, maybe; ignored
    second = "a recruiter from acme, no note\n.\n" + "\n".join(["2", "3", "2", "3", "1", "2"]) + "\n"
    out = run_bot(["demo"], e_mail + first + second + "\n\n", tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.count("What I noticed") == 2 and "Another invitation?" in text
    assert "Linda" in text and "career fair" in text
    assert text.count("Recorded. `.venv/bin/python -m bot summary`") == 2
    assert text.count("Your name, to sign the message") == 1  # asked once a run


def test_serve_names_the_missing_token(tmp_path):
    out = run_bot(["serve"], "", tmp_path, SLACK_BOT_TOKEN="xoxb-1")
    assert out.returncode == 2
    assert "SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)" in out.stderr
    out = run_bot(["serve"], "", tmp_path, SLACK_APP_TOKEN="xapp-1")
    assert out.returncode == 2 and "Socket Mode needs SLACK_BOT_TOKEN" in out.stderr
