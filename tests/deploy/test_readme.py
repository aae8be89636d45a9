"""The README stays true: the student's transcript is what the app shows, the configuration table is the
generator's output, the command table lists every command, and the guides it links to exist."""

import contextlib
import io
import json
import re
from pathlib import Path

import payloads as p
import pytest
from walk import one_card_click

from bot import __main__ as cli
from bot.config import README_END, README_START, Settings, config_reference, readme_with_reference

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def test_configuration_table_matches_the_settings_class():
    text = README.read_text(encoding="utf-8")
    assert text.count(README_START) == 1 and text.count(README_END) == 1
    block = text.split(README_START, 1)[1].split(README_END, 1)[0]
    assert block == "\n" + config_reference(), (
        "README.md's configuration reference is out of date: run `.venv/bin/python -m bot.config --update-readme`"
    )


def test_generator_lists_every_setting_with_its_description():
    table = config_reference()
    for name, field in Settings.model_fields.items():
        assert f"`{name.upper()}`" in table
        assert field.description, f"Settings.{name} needs a description for the README"
    assert "(not set)" in table and "`3000`" in table and "`false`" in table


def test_readme_update_replaces_only_the_marked_block():
    before = f"intro\n{README_START}\nstale\n{README_END}\noutro\n"
    assert (
        readme_with_reference(before) == f"intro\n{README_START}\n{config_reference()}{README_END}\noutro\n"
    )


def test_quick_start_is_exactly_the_two_commands():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)[1]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


@pytest.mark.parametrize(
    ("heading", "where"),
    [
        ("### Configuration reference", "README.md"),
        ("### Socket Mode or HTTP", "README.md"),
        ("## Connect Slack", "README.md"),  # the CLI's and the terminal's messages name this section
        ("### HTTP mode", "README.md"),  # app_manifest.yml names this one
        ("### Finding a member ID", "README.md"),
        ("### Retention", "README.md"),
        ("### What staff see", "README.md"),
        ("# Running with Docker", "docs/docker.md"),
        ("### Refreshing the pinned base images", "docs/docker.md"),
        ("# Backup and restore", "docs/backup.md"),
        ("## Upgrading", "docs/backup.md"),
        ("# Running on PostgreSQL", "docs/postgresql.md"),
        ("# Installs in many workspaces (OAuth)", "docs/oauth.md"),
    ],
)
def test_operator_sections_are_present(heading, where):
    lines = (ROOT / where).read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(heading) for line in lines), f"{where} has no {heading!r}"


def _links(path: Path) -> list[str]:
    """Relative link targets of a Markdown file, anchors dropped."""
    targets = re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8"))
    return [t.split("#")[0] for t in targets if not re.match(r"[a-z]+:", t) and not t.startswith("#")]


def test_every_guide_is_linked_from_the_readme_and_every_link_leads_somewhere():
    guides = sorted(DOCS.glob("*.md"))
    assert {g.name for g in guides} >= {"docker.md", "backup.md", "postgresql.md", "oauth.md"}
    linked = {(ROOT / target).resolve() for target in _links(README)}
    assert all(g.resolve() in linked for g in guides), "a guide in docs/ the README does not link to"
    for page in [README, *guides]:
        for target in _links(page):
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which does not exist"


def _help(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli.main([*argv, "--help"])
    return out.getvalue()


def test_the_command_table_lists_every_command_and_option():
    """Every sub-command of `python -m bot` (and every action of one) has a row, and each of its options
    appears in one of its rows."""
    section = README.read_text(encoding="utf-8").split("\n## Commands", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `")]
    commands = re.search(r"\{([a-z,]+)\}", _help()).group(1).split(",")
    assert len(commands) >= 7 and "| (none) |" in section
    for command in commands:
        text = _help(command)
        actions = re.search(r"\{([a-z,]+)\}", text)
        names = [f"{command} {a}" for a in actions.group(1).split(",")] if actions else [command]
        for name in names:
            assert any(row.startswith(name) for row in rows), f"README.md's command table has no `{name}`"
        helps = [text, *(_help(*name.split()) for name in names)]
        options = {o for h in helps for o in re.findall(r"(?<![\w-])--[a-z][a-z-]+", h)} - {"--help"}
        mine = " ".join(row for row in rows if row.split()[0] == command)
        assert all(option in mine for option in options), (command, options, mine)


def test_every_staff_member_id_in_the_examples_looks_like_one():
    """The member-ID instructions and the examples agree on what an ID looks like."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Finding a member ID", 1)[1].split("\n#", 1)[0]
    assert "Copy member ID" in section and "INVITE_CHECK_STAFF_USER_IDS" in section
    for value in re.findall(r"INVITE_CHECK_STAFF_USER_IDS=(\S+?)`", text):
        assert all(re.fullmatch(r"U[A-Z0-9]{8,}", uid) for uid in value.split(",")), value


# -- the transcript in "What a student sees", replayed through the app ----------------------------------
def _plain(text: str) -> str:
    """Slack mrkdwn as a reader sees it: no bold or italic marks, one space between words."""
    return " ".join(text.replace("*", "").replace("_", " ").split())


def _card_lines(blocks: list[dict]) -> list[str]:
    """What a card shows, line by line: texts, a menu's choice (or its hint) after its question in
    [brackets], buttons in [brackets], and the lines of a ready-to-send draft."""
    lines = []
    for block in blocks:
        if block["type"] in ("header", "section", "context"):
            texts = [block["text"]["text"]] if block.get("text") else []
            texts += [e.get("text", "") for e in block.get("elements", [])]
            accessory = block.get("accessory") or {}
            chosen = (accessory.get("initial_option") or accessory.get("placeholder") or {}).get("text")
            if "options" in accessory and texts:
                texts[-1] += f"   [{(chosen or {}).get('text') if isinstance(chosen, dict) else chosen}]"
            lines += [line for text in texts for line in text.split("\n")]
        elif block["type"] == "actions":
            lines.append("   ".join(f"[{e['text']['text']}]" for e in block["elements"] if "text" in e))
        elif block["type"] == "rich_text":
            lines += [e["text"] for part in block["elements"] for e in part["elements"] if "text" in e]
            lines = lines[:-1] + lines[-1].split("\n") if lines else lines
    return [_plain(line) for line in lines if line.strip()]


def _transcript() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## What a student sees", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```text\n(.*?)```", section, re.S)


async def test_the_students_transcript_is_what_the_app_shows(bot_http, fake_slack):
    invitation, card_text, advice_text = _transcript()
    await bot_http.event(p.message_im(invitation.rstrip("\n")))
    card = await fake_slack.wait_for("chat.postMessage")
    shown = _card_lines(card.body["blocks"])
    for line in card_text.splitlines():
        assert _plain(line) in shown, f"the README's card shows {line!r}; the app does not:\n" + "\n".join(
            shown
        )
    n = len(fake_slack.calls("chat.update"))
    status, _ = await bot_http.action(one_card_click(card, {"profile": "verified"}))
    assert status == 200
    advice = await fake_slack.wait_for("chat.update", count=n + 1)
    shown = _card_lines(advice.body["blocks"])
    for line in [line for line in advice_text.splitlines() if line.strip()]:
        assert _plain(line) in shown, f"the README's advice shows {line!r}; the app does not:\n" + "\n".join(
            shown
        )
    draft = next(b for b in advice.body["blocks"] if b["type"] == "rich_text")
    written = json.dumps(draft, ensure_ascii=False)
    assert "Alex Rivera" in written and "Alex Rivera" in advice_text


def test_every_csv_export_column_is_documented():
    from bot.staff.export import BASE_COLUMNS, FOLLOWUP_COLUMNS, OPTIONAL_COLUMNS

    text = README.read_text(encoding="utf-8")
    for column in (*BASE_COLUMNS, *FOLLOWUP_COLUMNS, *OPTIONAL_COLUMNS, "answer_<step>"):
        assert f"`{column}`" in text, f"README.md does not document the CSV column {column}"
