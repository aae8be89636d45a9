"""The README's operator sections stay true: the configuration table is the generator's output."""

import re
from pathlib import Path

from bot.config import README_END, README_START, Settings, config_reference, readme_with_reference

README = Path(__file__).resolve().parents[2] / "README.md"


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


def test_operator_sections_are_present():
    text = README.read_text(encoding="utf-8")
    for heading in (
        "### Configuration reference",
        "### Socket Mode or HTTP",
        "### Running with Docker",
        "### Backup and restore",
        "### Upgrading",
        "### Retention",
        "### What staff see",
    ):
        assert heading in text


def test_every_csv_export_column_is_documented():
    from bot.staff.export import BASE_COLUMNS, FOLLOWUP_COLUMNS, OPTIONAL_COLUMNS

    text = README.read_text(encoding="utf-8")
    for column in (*BASE_COLUMNS, *FOLLOWUP_COLUMNS, *OPTIONAL_COLUMNS, "answer_<step>"):
        assert f"`{column}`" in text, f"README.md does not document the CSV column {column}"
