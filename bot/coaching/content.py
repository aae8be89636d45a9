"""Loads the coaching content in prompts/ and refuses bad edits with the file and key named.

Staff edit these TOML files by hand, so every mistake must be caught at start-up, not
when a student reaches the broken step.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.coaching.drafts import MAX_DRAFT, Drafts, longest
from bot.coaching.vocab import DECISIONS, RECOMMENDATIONS, RED_FLAG_LABELS, UNSAFE_RECOMMENDATIONS

NOT_ASKED = "not_asked"  # the answer decisions.toml sees for a step that `ask_when` skipped

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=75, strip_whitespace=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    id: Id
    label: Annotated[str, StringConstraints(min_length=1, max_length=30, strip_whitespace=True)]
    reason: Text
    joggers: tuple[Annotated[str, StringConstraints(min_length=1, max_length=300)], ...] = ()


class Step(_Strict):
    id: Id
    question: Annotated[str, StringConstraints(min_length=1, max_length=150, strip_whitespace=True)]
    help: Text
    options: tuple[Option, ...] = Field(min_length=2, max_length=10)
    # Ask this step only after these answers to earlier steps (empty: always ask it).
    ask_when: dict[Id, tuple[Id, ...]] = {}

    @model_validator(mode="after")
    def _unique_options(self) -> Step:
        ids = [o.id for o in self.options]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate option id(s) {sorted(dup)} in step {self.id!r}")
        if NOT_ASKED in ids:
            raise ValueError(f"{NOT_ASKED!r} is kept for steps that were not asked; pick another option id")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def asked(self, answers: Mapping[str, str]) -> bool:
        """Whether the student is asked this step, given their earlier answers."""
        return all(answers.get(step) in allowed for step, allowed in self.ask_when.items())


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
    draft: Literal["accept", "reply", "meet", "followup"] | None = None  # a purpose in drafts.toml
    spam_action: Text | None = None


class Rule(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    when: dict[Id, tuple[Id, ...]] = {}
    recommendation: str
    because: tuple[Id, ...] = Field(min_length=1)
    summary: Text
    spam: bool = False

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(step, NOT_ASKED) in allowed for step, allowed in self.when.items())


class WarningSigns(_Strict):
    """What a flagged invitation leads to: `recommendation`, unless the answers match `vouched`."""

    recommendation: str
    vouched: dict[Id, tuple[Id, ...]] = Field(min_length=1)
    summary: Text
    reason: Text

    @field_validator("recommendation")
    @classmethod
    def _safe(cls, rec: str) -> str:
        if rec in UNSAFE_RECOMMENDATIONS:
            raise ValueError(f"{rec!r} keeps a scammer talking; a flagged invitation is ignored")
        return rec

    def vouched_by(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(step) in allowed for step, allowed in self.vouched.items())


class DecisionTable(_Strict):
    recommendations: dict[str, Recommendation]
    rules: tuple[Rule, ...] = Field(min_length=1)
    warning_signs: WarningSigns

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
        rec = self.warning_signs.recommendation
        if rec not in RECOMMENDATIONS:
            raise ValueError(f"warning_signs: unknown recommendation {rec!r}")
        return self


class Templates(_Strict):
    """prompts/templates.toml: how the decisions a student can record are worded."""

    decisions: dict[str, Label]

    @model_validator(mode="after")
    def _complete(self) -> Templates:
        if set(self.decisions) != set(DECISIONS):
            raise ValueError(f"decisions must name exactly {list(DECISIONS)}")
        return self


Line = Annotated[str, StringConstraints(min_length=1, max_length=600, strip_whitespace=True)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=150, strip_whitespace=True)]
ButtonText = Annotated[str, StringConstraints(min_length=1, max_length=30, strip_whitespace=True)]


class Listed(_Strict):
    title: Short
    items: tuple[Line, ...] = Field(min_length=1, max_length=8)


class AfterTheFact(Listed):
    summary: Line
    if_lost: Line


class LinkedInSteps(_Strict):
    title: Short
    text: Line


class Known(_Strict):
    button: ButtonText
    note: Line


class AlertWording(_Strict):
    button: ButtonText
    ask: Line
    ask_name: Line
    named_button: ButtonText
    anonymous_button: ButtonText
    send_button: ButtonText
    sent: Line


class Safety(_Strict):
    """prompts/safety.toml: the safety card, one line per warning sign, and what to do afterwards."""

    title: Short
    summary: Line
    signs: dict[str, Line]
    dont: Listed
    linkedin: LinkedInSteps
    after: AfterTheFact
    known: Known
    alert: AlertWording
    decisions: dict[str, ButtonText]

    @field_validator("signs")
    @classmethod
    def _every_sign(cls, signs: dict[str, str]) -> dict[str, str]:
        missing = sorted(set(RED_FLAG_LABELS) - set(signs))
        unknown = sorted(set(signs) - set(RED_FLAG_LABELS))
        if missing or unknown:
            raise ValueError(f"missing {missing}, unknown {unknown} (one line per warning sign)")
        return signs

    @field_validator("decisions")
    @classmethod
    def _safety_decisions(cls, decisions: dict[str, str]) -> dict[str, str]:
        wanted = {"ignored", "accepted", "replied_first"}
        if set(decisions) != wanted:
            raise ValueError(f"must name exactly {sorted(wanted)}")
        return decisions


class ContentError(Exception):
    """A problem in prompts/, phrased for the staff member who edited it."""


class Content(BaseModel):
    """Everything the coaching engine needs, validated as a whole (cross-file checks included)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    checklist: Checklist
    decisions: DecisionTable
    templates: Templates
    safety: Safety
    drafts: Drafts

    @cached_property
    def steps_by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.checklist.steps}

    def step(self, step_id: str) -> Step | None:
        return self.steps_by_id.get(step_id)

    def combinations(self) -> Iterator[tuple[tuple[str, str], ...]]:
        """Every full set of answers a student can give, skipped steps left out (used by the coverage
        and safety checks and their tests)."""

        def walk(i: int, answers: dict[str, str]) -> Iterator[tuple[tuple[str, str], ...]]:
            steps = self.checklist.steps
            if i == len(steps):
                yield tuple(answers.items())
                return
            step = steps[i]
            if not step.asked(answers):
                yield from walk(i + 1, answers)
                return
            for opt in step.options:
                yield from walk(i + 1, {**answers, step.id: opt.id})

        return walk(0, {})

    def rule_for(self, answers: Mapping[str, str]) -> Rule | None:
        return next((r for r in self.decisions.rules if r.matches(answers)), None)

    def verdict(self, answers: Mapping[str, str], *, flagged: bool) -> tuple[Rule, str, bool]:
        """(the rule the answers reach, the recommendation, whether warning signs decided it).

        With warning signs, the answers decide only when they vouch for the sender; otherwise the
        warning_signs recommendation stands, whatever the rule said."""
        rule = self.rule_for(answers)
        if rule is None:
            raise ValueError("answers are incomplete or not covered by the decision table")
        signs = self.decisions.warning_signs
        if flagged and not signs.vouched_by(answers):
            return rule, signs.recommendation, True
        return rule, rule.recommendation, False


def _unknown_options(
    steps: Mapping[str, Step], file: str, key: str, step_id: str, allowed: tuple[str, ...]
) -> list[tuple[str, str, str]]:
    """(file, key, problem) for a step or options that `key` names but the checklist lacks."""
    if step_id not in steps:
        return [(file, f"{key}.{step_id}", "no such step")]
    return [
        (file, f"{key}.{step_id}", f"step {step_id!r} has no option {opt!r}")
        for opt in allowed
        if steps[step_id].option(opt) is None
    ]


def _check_cross_references(content: Content) -> list[tuple[str, str, str]]:
    """Returns (file, key, problem) for every reference that points at nothing."""
    problems: list[tuple[str, str, str]] = []
    steps = content.steps_by_id
    order = [s.id for s in content.checklist.steps]
    for step in content.checklist.steps:
        for step_id, allowed in step.ask_when.items():
            if step_id not in steps or order.index(step_id) >= order.index(step.id):
                problems.append(("checklist.toml", f"{step.id}.ask_when.{step_id}", "not an earlier step"))
                continue
            problems.extend(
                _unknown_options(steps, "checklist.toml", f"{step.id}.ask_when", step_id, allowed)
            )
    for step_id, allowed in content.decisions.warning_signs.vouched.items():
        problems.extend(_unknown_options(steps, "decisions.toml", "warning_signs.vouched", step_id, allowed))
    for i, rule in enumerate(content.decisions.rules):
        for step_id, allowed in rule.when.items():
            if step_id not in steps:
                problems.append(
                    ("decisions.toml", f"rules[{i}].when.{step_id}", "no such step in checklist.toml")
                )
                continue
            for opt in allowed:
                if opt == NOT_ASKED and steps[step_id].ask_when:
                    continue
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
    for where, length in longest(content.drafts):
        if length > MAX_DRAFT:
            problems.append(
                ("drafts.toml", where, f"{length} characters with long details; keep it under {MAX_DRAFT}")
            )
    if problems:
        return problems
    for combo in content.combinations():
        answers = dict(combo)
        shown = ", ".join(f"{k}={v}" for k, v in answers.items())
        if content.rule_for(answers) is None:
            problems.append(("decisions.toml", "rules", f"no rule covers the answers {shown}"))
            break
        _, recommendation, _ = content.verdict(answers, flagged=True)
        if recommendation in UNSAFE_RECOMMENDATIONS and not content.decisions.warning_signs.vouched_by(
            answers
        ):
            problems.append(
                (
                    "decisions.toml",
                    "warning_signs",
                    f"a flagged invitation reaches {recommendation!r} ({shown})",
                )
            )
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
    safety = _validate(Safety, _read(base / "safety.toml"), base / "safety.toml")
    drafts = _validate(Drafts, {"languages": _read(base / "drafts.toml")}, base / "drafts.toml")
    content = Content(
        checklist=checklist, decisions=decisions, templates=templates, safety=safety, drafts=drafts
    )
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
