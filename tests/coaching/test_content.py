"""The coaching content in prompts/ loads, covers every answer combination, and rejects bad edits."""

import shutil
from pathlib import Path

import pytest

from bot.coaching.advice import advise
from bot.coaching.content import DEFAULT_PROMPTS, RECOMMENDATIONS, ContentError, load_content


@pytest.fixture()
def prompts(tmp_path: Path) -> Path:
    dst = tmp_path / "prompts"
    shutil.copytree(DEFAULT_PROMPTS, dst)
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_shipped_content_loads_with_the_four_questions_and_the_profile_check():
    content = load_content(DEFAULT_PROMPTS)
    assert [s.id for s in content.checklist.steps] == ["note", "met", "reason", "profile", "value"]
    assert content.step("profile").ask_when == {"met": ("no", "maybe"), "reason": ("opportunity",)}
    met = content.step("met")
    assert [o.id for o in met.options] == ["yes", "maybe", "no"]
    assert met.option("maybe").joggers, "'maybe we met' must come with memory joggers"
    assert len(content.step("reason").options) == 8


def test_every_combination_of_answers_yields_a_recommendation():
    content = load_content(DEFAULT_PROMPTS)
    seen = set()
    combos = list(content.combinations())
    # the profile step (3 options) is asked only after met = no/maybe and reason = opportunity
    assert len(combos) == 2 * 3 * 8 * 3 + 2 * 2 * 1 * 3 * 2
    for combo in combos:
        advice = advise(content, dict(combo))
        assert advice.recommendation in RECOMMENDATIONS
        assert advice.reasons, f"no reasons for {combo}"
        seen.add(advice.recommendation)
    assert seen == set(RECOMMENDATIONS), "every recommendation should be reachable"


def test_unknown_key_is_rejected_naming_file_and_key(prompts: Path):
    edit(prompts / "checklist.toml", 'id = "note"\n', 'id = "note"\ncolour = "red"\n')
    with pytest.raises(ContentError) as err:
        load_content(prompts)
    assert "checklist.toml" in str(err.value) and "colour" in str(err.value)


def test_missing_draft_purpose_is_rejected(prompts: Path):
    edit(prompts / "decisions.toml", 'draft = "meet"', 'draft = "coffee_invite"')
    with pytest.raises(ContentError, match=r"decisions.toml: recommendations.meet_first.draft"):
        load_content(prompts)


def test_uncovered_combination_is_rejected(prompts: Path):
    edit(
        prompts / "decisions.toml",
        'when = { met = ["maybe"] }',
        'when = { met = ["maybe"], value = ["yes"] }',
    )
    with pytest.raises(ContentError, match=r"no rule covers the answers note=\w+, met=maybe"):
        load_content(prompts)


def test_rule_naming_an_unknown_option_is_rejected(prompts: Path):
    edit(prompts / "decisions.toml", 'reason = ["selling"]', 'reason = ["spam"]')
    with pytest.raises(ContentError, match=r"rules\[0\]\.when\.reason.*no option 'spam'"):
        load_content(prompts)


def test_unknown_slot_in_a_draft_is_rejected(prompts: Path):
    edit(prompts / "drafts.toml", "Thanks for connecting!\n", "Thanks for {colour}!\n")
    with pytest.raises(
        ContentError, match=r"drafts.toml: languages.en.*general.accept: unknown slot.*colour"
    ):
        load_content(prompts)


def test_a_language_must_have_every_general_draft(prompts: Path):
    text = (prompts / "drafts.toml").read_text()
    start = text.index("[es.general]")
    end = text.index("[es.recruiter]")
    (prompts / "drafts.toml").write_text(text[:start] + text[end:])
    with pytest.raises(ContentError, match=r"drafts.toml: languages.es.general"):
        load_content(prompts)


def test_broken_toml_names_the_file(prompts: Path):
    (prompts / "templates.toml").write_text("[decisions\n")
    with pytest.raises(ContentError, match="templates.toml: not valid TOML"):
        load_content(prompts)


def test_over_long_button_label_is_rejected(prompts: Path):
    edit(prompts / "checklist.toml", 'label = "Yes, a personal note"', f'label = "{"x" * 80}"')
    with pytest.raises(ContentError, match=r"steps\.0\.options\.0\.label"):
        load_content(prompts)


def test_nothing_in_the_project_copies_the_guides():
    """Ideas from the guides, not their sentences: no 8-word run of theirs appears in any tracked text
    file (prompts, code, docs, the corpus). The guides are not in the repository, only hashes of their
    8-word runs (tests/data/guide_hashes.py writes them)."""
    import subprocess
    import sys

    data = Path(__file__).resolve().parents[1] / "data"
    sys.path.insert(0, str(data))
    from guide_hashes import digest, runs

    hashes = set((data / "guide_8grams.txt").read_text().split())
    assert len(hashes) > 1000
    root = Path(__file__).resolve().parents[2]
    listed = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True).stdout.split()
    files = [root / f for f in listed] or list(DEFAULT_PROMPTS.glob("*.toml"))
    checked = 0
    for f in files:
        if (
            f.suffix not in {".py", ".yml", ".yaml", ".md", ".txt", ".json", ".jsonl", ".toml"}
            or not f.is_file()
        ):
            continue
        if f.name == "guide_8grams.txt":
            continue
        copied = [r for r in runs(f.read_text(errors="replace")) if digest(r) in hashes]
        assert not copied, f"{f.relative_to(root)} repeats a guide: {copied[:3]}"
        checked += 1
    assert checked >= 3


def test_a_warning_sign_rule_that_keeps_a_scammer_talking_is_refused(prompts: Path):
    edit(
        prompts / "decisions.toml",
        'recommendation = "ignore"\nvouched',
        'recommendation = "reply_first"\nvouched',
    )
    with pytest.raises(ContentError, match=r"decisions.toml: warning_signs.*keeps a scammer talking"):
        load_content(prompts)


def test_vouching_must_name_real_answers_and_cannot_be_empty(prompts: Path):
    edit(prompts / "decisions.toml", 'vouched = { met = ["yes"] }', 'vouched = { met = ["sure"] }')
    with pytest.raises(ContentError, match=r"warning_signs.vouched.met: step 'met' has no option 'sure'"):
        load_content(prompts)
    edit(prompts / "decisions.toml", 'vouched = { met = ["sure"] }', "vouched = {}")
    with pytest.raises(ContentError, match=r"warning_signs.vouched"):
        load_content(prompts)


def test_no_answers_lead_a_flagged_invitation_to_accept_reply_or_meet_unless_vouched():
    content = load_content(DEFAULT_PROMPTS)
    for combo in content.combinations():
        answers = dict(combo)
        advice = advise(content, answers, red_flags=("off_platform",))
        if answers["met"] != "yes":
            assert advice.recommendation == "ignore" and advice.safety and advice.message is None, combo
    scam = advise(content, {}, red_flags=("asks_for_money",), scam=True)
    assert scam.safety and scam.recommendation == "ignore" and scam.message is None


def test_every_warning_sign_has_its_line_on_the_safety_card(prompts: Path):
    edit(prompts / "safety.toml", "urgency = ", "hurry = ")
    with pytest.raises(ContentError, match=r"safety.toml: signs: .*missing \['urgency'\]"):
        load_content(prompts)


def test_a_conditional_step_may_only_depend_on_earlier_answers(prompts: Path):
    edit(prompts / "checklist.toml", 'ask_when = { met = ["no", "maybe"]', 'ask_when = { value = ["no"]')
    with pytest.raises(ContentError, match=r"checklist.toml: profile.ask_when.value: not an earlier step"):
        load_content(prompts)
