"""Loads the coaching content in prompts/ and refuses bad edits with the file and key named.

Staff edit these TOML files by hand, so every mistake must be caught at start-up, not
when a student reaches the broken step.
"""

from __future__ import annotations

import itertools
import string
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from bot.coaching.vocab import DECISIONS, RECOMMENDATIONS

PLACEHOLDERS = frozenset({"first_name", "my_name", "interest"})

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=75, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    id: Id
    label: Label
    reason: Text
    joggers: tuple[Annotated[str, StringConstraints(min_length=1, max_length=300)], ...] = ()


class Step(_Strict):
    id: Id
    question: Annotated[str, StringConstraints(min_length=1, max_length=150, strip_whitespace=True)]
    help: Text
    options: tuple[Option, ...] = Field(min_length=2, max_length=10)

    @model_validator(mode="after")
    def _unique_options(self) -> Step:
        ids = [o.id for o in self.options]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate option id(s) {sorted(dup)} in step {self.id!r}")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Checklist(_Strict):
    steps: tuple[Step, ...] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _unique_steps(self) -> Checklist:
        ids = [s.id for s in self.steps]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate step id(s) {sorted(dup)}")
        return self


class Recommendation(_Strict):
    title: Annotated[str, StringConstraints(min_length=1, max_length=150)]
    action: Text
    template: Id | None = None
    spam_action: Text | None = None


class Rule(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    when: dict[Id, tuple[Id, ...]] = {}
    recommendation: str
    because: tuple[Id, ...] = Field(min_length=1)
    summary: Text
    spam: bool = False

    def matches(self, answers: dict[str, str]) -> bool:
        return all(answers.get(step) in allowed for step, allowed in self.when.items())


class RedFlagRule(_Strict):
    replaces: tuple[str, ...]
    recommendation: str
    summary: Text
    reason: Text
    otherwise: Text
    spam: bool = True

    @model_validator(mode="after")
    def _otherwise_placeholder(self) -> RedFlagRule:
        fields = {name for _, name, _, _ in string.Formatter().parse(self.otherwise) if name is not None}
        if fields - {"title"}:
            raise ValueError(f"otherwise: only {{title}} can be filled in, not {sorted(fields - {'title'})}")
        return self


class DecisionTable(_Strict):
    recommendations: dict[str, Recommendation]
    rules: tuple[Rule, ...] = Field(min_length=1)
    red_flags: RedFlagRule

    @model_validator(mode="after")
    def _known_recommendations(self) -> DecisionTable:
        missing = set(RECOMMENDATIONS) - set(self.recommendations)
        extra = set(self.recommendations) - set(RECOMMENDATIONS)
        if missing or extra:
            raise ValueError(
                f"recommendations must be exactly {list(RECOMMENDATIONS)}"
                f" (missing {sorted(missing)}, unknown {sorted(extra)})"
            )
        for i, rule in enumerate(self.rules):
            if rule.recommendation not in RECOMMENDATIONS:
                raise ValueError(
                    f"rules[{i}] ({rule.name!r}): unknown recommendation {rule.recommendation!r}"
                )
        for rec in (*self.red_flags.replaces, self.red_flags.recommendation):
            if rec not in RECOMMENDATIONS:
                raise ValueError(f"red_flags: unknown recommendation {rec!r}")
        return self


class Template(_Strict):
    label: Label
    text: Annotated[str, StringConstraints(min_length=1, max_length=1500)]

    @model_validator(mode="after")
    def _known_placeholders(self) -> Template:
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(self.text) if name is not None}
        except ValueError as exc:
            raise ValueError(f"bad braces in template text: {exc}") from None
        unknown = fields - PLACEHOLDERS
        if unknown:
            raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; use {sorted(PLACEHOLDERS)}")
        return self


class Templates(_Strict):
    fallbacks: dict[str, Annotated[str, StringConstraints(max_length=60)]]
    templates: dict[Id, Template]
    decisions: dict[str, Label]

    @model_validator(mode="after")
    def _complete(self) -> Templates:
        if set(self.fallbacks) != PLACEHOLDERS:
            raise ValueError(f"fallbacks must name exactly {sorted(PLACEHOLDERS)}")
        if set(self.decisions) != set(DECISIONS):
            raise ValueError(f"decisions must name exactly {list(DECISIONS)}")
        if "followup_thanks" not in self.templates:
            raise ValueError(
                "missing template 'followup_thanks' (used after a requester explains themselves)"
            )
        return self


class ContentError(Exception):
    """A problem in prompts/, phrased for the staff member who edited it."""


class Content(BaseModel):
    """Everything the coaching engine needs, validated as a whole (cross-file checks included)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    checklist: Checklist
    decisions: DecisionTable
    templates: Templates

    @cached_property
    def steps_by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.checklist.steps}

    def step(self, step_id: str) -> Step | None:
        return self.steps_by_id.get(step_id)

    def combinations(self) -> itertools.product:
        """Every possible full set of answers (used by the coverage check and its test)."""
        return itertools.product(*[[(s.id, o.id) for o in s.options] for s in self.checklist.steps])

    def rule_for(self, answers: dict[str, str]) -> Rule | None:
        return next((r for r in self.decisions.rules if r.matches(answers)), None)


def _check_cross_references(content: Content) -> list[tuple[str, str, str]]:
    """Returns (file, key, problem) for every reference that points at nothing."""
    problems: list[tuple[str, str, str]] = []
    steps = content.steps_by_id
    for i, rule in enumerate(content.decisions.rules):
        for step_id, allowed in rule.when.items():
            if step_id not in steps:
                problems.append(
                    ("decisions.toml", f"rules[{i}].when.{step_id}", "no such step in checklist.toml")
                )
                continue
            for opt in allowed:
                if steps[step_id].option(opt) is None:
                    problems.append(
                        (
                            "decisions.toml",
                            f"rules[{i}].when.{step_id}",
                            f"step {step_id!r} has no option {opt!r}",
                        )
                    )
        for j, step_id in enumerate(rule.because):
            if step_id not in steps:
                problems.append(("decisions.toml", f"rules[{i}].because[{j}]", f"no step {step_id!r}"))
    for name, rec in content.decisions.recommendations.items():
        if rec.template and rec.template not in content.templates.templates:
            problems.append(
                (
                    "decisions.toml",
                    f"recommendations.{name}.template",
                    f"templates.toml has no template {rec.template!r}",
                )
            )
    if problems:
        return problems
    for combo in content.combinations():
        answers = dict(combo)
        if content.rule_for(answers) is None:
            shown = ", ".join(f"{k}={v}" for k, v in answers.items())
            problems.append(("decisions.toml", "rules", f"no rule covers the answers {shown}"))
            break
    return problems


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{path}: file is missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from None


def _validate(model: type[BaseModel], data: dict, path: Path) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"{path.name}: {key}: {err['msg']}")
        raise ContentError(f"Invalid coaching content in {path.parent}:\n  " + "\n  ".join(lines)) from None


def load_content(prompts_dir: Path | str) -> Content:
    """Load and validate prompts/; raise ContentError listing every problem found."""
    base = Path(prompts_dir)
    checklist = _validate(Checklist, _read(base / "checklist.toml"), base / "checklist.toml")
    decisions = _validate(DecisionTable, _read(base / "decisions.toml"), base / "decisions.toml")
    templates = _validate(Templates, _read(base / "templates.toml"), base / "templates.toml")
    content = Content(checklist=checklist, decisions=decisions, templates=templates)
    problems = _check_cross_references(content)
    if problems:
        raise ContentError(
            f"Invalid coaching content in {base}:\n  " + "\n  ".join(f"{f}: {k}: {p}" for f, k, p in problems)
        )
    return content


PROMPTS_ENV = "INVITE_CHECK_PROMPTS_DIR"


def default_prompts_dir() -> Path:
    """Where the coaching content is when INVITE_CHECK_PROMPTS_DIR is not set.

    From a source checkout (make run, tests, an editable install): the repository's prompts/. From
    an installed package, whose code lives in site-packages without prompts/ beside it (the Docker
    image): prompts/ in the working directory. Settings checks the folder exists and names
    INVITE_CHECK_PROMPTS_DIR when it does not.
    """
    source_tree = Path(__file__).resolve().parents[2] / "prompts"
    if (source_tree / "checklist.toml").is_file():
        return source_tree
    return Path.cwd() / "prompts"


DEFAULT_PROMPTS = default_prompts_dir()
