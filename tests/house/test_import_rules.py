"""The house rule, checked over the import graph: only bot/slack talks to Slack, nothing below it
reaches up into it, and no two modules import each other (directly or through others)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"
SLACK_LIBS = ("slack_bolt", "slack_sdk")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def imports_of(path: Path, name: str) -> set[str]:
    """Every module `path` imports, at any depth of the file (function-level imports included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


def internal_graph() -> dict[str, set[str]]:
    mods = modules()
    return {
        name: {imp for imp in imports_of(path, name) if imp in mods and imp != name}
        for name, path in mods.items()
    }


def in_slack(name: str) -> bool:
    return name == "bot.slack" or name.startswith("bot.slack.")


def test_only_the_slack_package_imports_the_slack_libraries():
    offenders = {
        name: sorted(i for i in imports_of(path, name) if i.split(".")[0] in SLACK_LIBS)
        for name, path in modules().items()
        if not in_slack(name)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


# The entry point may start the Slack adapter; it is the one module allowed to sit above it.
ABOVE_SLACK = {"bot.__main__"}


def test_nothing_below_the_slack_package_imports_it():
    graph = internal_graph()
    offenders = {
        name: sorted(i for i in deps if in_slack(i))
        for name, deps in graph.items()
        if not in_slack(name) and name not in ABOVE_SLACK
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_storage_imports_neither_the_reports_nor_the_coaching():
    """The store keeps and counts records; what the counts mean (bot.staff) and what the answers mean
    (bot.coaching) sit above it."""
    above_storage = ("bot.staff", "bot.coaching")
    offenders = {
        name: sorted(i for i in deps if i.startswith(above_storage))
        for name, deps in internal_graph().items()
        if name == "bot.store" or name.startswith("bot.store.")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_block_kit_is_built_only_in_the_slack_package():
    """Block Kit's element types appear as string literals only under bot/slack."""
    kit_words = {"mrkdwn", "plain_text", "rich_text", "rich_text_preformatted", "static_select", "file_input"}
    offenders = {}
    for name, path in modules().items():
        if in_slack(name):
            continue
        literals = {
            node.value
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        if hits := sorted(literals & kit_words):
            offenders[name] = hits
    assert offenders == {}


def test_no_import_cycles():
    graph = internal_graph()
    # Importing a package runs its __init__, which is not an import of its sibling modules; an edge
    # from a module to its own parent package is that, not a cycle.
    graph = {n: {d for d in deps if not n.startswith(d + ".")} for n, deps in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import slack_sdk.web\n", {"slack_sdk.web"}),
        ("def f():\n    from slack_bolt.async_app import AsyncApp\n", {"slack_bolt.async_app"}),
        ("from . import kit\n", {"bot.slack.views", "bot.slack.views.kit"}),
    ],
)
def test_the_import_reader_sees_every_form(tmp_path, source, expected):
    path = tmp_path / "mod.py"
    path.write_text(source)
    assert expected <= imports_of(path, "bot.slack.views.mod")
