"""The content library: the shipped content, its validator, user content and the check command."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.cli.content import run as content_check
from companion.core.content.library import (
    ContentError,
    check_content,
    content_root,
    load_library,
    user_content_dir,
)
from companion.core.content.routine import Routine
from companion.core.records import THERAPIES

REPO = Path(__file__).resolve().parent.parent
SEED_OVERLAP = REPO.parent / "shared" / "tools" / "seed_overlap.py"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the shipped content to damage."""
    copy = tmp_path / "content"
    shutil.copytree(content_root(), copy)
    return copy


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    """The user's config directory (conftest points COMPANION_CONFIG_DIR here)."""
    folder = tmp_path / "config"
    (folder / "articles").mkdir(parents=True)
    (folder / "routines").mkdir()
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_number(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


USER_ARTICLE = """---
id: my-walk
title: My evening walk
kind: exercise
therapy: stretching
summary: A slow twenty-minute walk my physio suggested.
evidence:
  label: recommended by guidelines
  guidelines: NICE NG59 recommends staying active and exercise.
  trials: Exercise probably reduces pain and limitation (Hayden 2021).
  claims: None that I know of.
routine: sciatica-basics
related: [stretching]
sources: [nice-ng59]
---

## Who it may help

Me.

## How to do it

1. Walk slowly.

## Dose

Twenty minutes.

## Stop if

Pain spreads down my leg.
"""


# --- The shipped content -------------------------------------------------------


def test_shipped_content_has_no_problems() -> None:
    assert check_content(content_root(), include_user=False) == []


def test_shipped_library_has_every_therapy_and_the_basic_routine() -> None:
    library = load_library()
    assert [a.id for a in library.therapy_articles()] == list(THERAPIES)
    assert {"piriformis-figure-4", "knee-to-opposite-shoulder"} <= set(library.articles)
    assert all(a.source == "built-in" for a in library.articles.values())
    assert library.rules.version
    assert {"nice-ng59", "cochrane-traction", "cochrane-massage"} <= set(library.sources)
    inversion = library.article("inversion")
    assert inversion.evidence.label == "little or no evidence"
    assert "herniated" in dict(inversion.sections())["Where sources disagree"].lower()
    assert "NON-surgical" in library.article("decompression").body


def test_a_source_names_its_authors_as_text(content: Path) -> None:
    library = load_library(content)
    assert library.sources["bandy-1994"].author == "Bandy WD, Irion JM"
    sources = content / "sources.yaml"
    edit(sources, 'author: "Bandy WD, Irion JM"', "author: [Bandy WD, Irion JM]")
    found = messages(check_content(content, include_user=False))
    assert any("author: must be text" in message for message in found), found


def test_routines_parse_into_routine_dataclasses() -> None:
    routines = load_library().routines
    basics = routines["sciatica-basics"]
    assert isinstance(basics, Routine) and basics.therapy == "stretching"
    assert [(s.exercise, s.side) for s in basics.steps] == [
        ("piriformis-figure-4", "left"),
        ("piriformis-figure-4", "right"),
        ("knee-to-opposite-shoulder", "left"),
        ("knee-to-opposite-shoulder", "right"),
    ]
    assert {(s.hold_seconds, s.reps, s.rest_seconds) for s in basics.steps} == {(30, 3, 15)}
    inversion = routines["inversion-session"]
    assert inversion.therapy == "inversion"
    assert {s.side for s in inversion.steps} == {"none"}
    head_down = sum(s.hold_seconds * s.reps for s in inversion.steps[1:-1])
    assert 60 <= head_down <= 120  # 1–2 minutes for a beginner (facts sheet §4)


def test_content_root_and_user_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (content_root() / "screening.yaml").is_file()
    monkeypatch.setenv("COMPANION_CONFIG_DIR", str(tmp_path / "elsewhere"))
    assert user_content_dir() == tmp_path / "elsewhere"


def test_seed_overlap_is_zero() -> None:
    if not SEED_OVERLAP.is_file():
        pytest.skip("../shared/tools/seed_overlap.py is not available here")
    result = subprocess.run(
        [sys.executable, str(SEED_OVERLAP), "content"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "0 passage(s)" in result.stdout


def test_content_modules_never_import_textual() -> None:
    code = (
        "import sys, companion.core.content.library, companion.cli.content; "
        "assert 'textual' not in sys.modules, 'textual was imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


# --- Damaged files --------------------------------------------------------------


def test_damaged_front_matter_is_reported_with_file_and_line(content: Path) -> None:
    article = content / "articles" / "massage.md"
    edit(article, "title: Massage\n", "title: [Massage\n")
    problems = check_content(content, include_user=False)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == str(article)
    assert 1 < problem.line <= line_number(article, "evidence:")
    assert str(problem).startswith(f"{article}:{problem.line}: front matter: YAML syntax error")
    with pytest.raises(ContentError) as raised:
        load_library(content)
    assert raised.value.exit_code == 1
    assert "massage.md" in str(raised.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("---\nid: massage", "id: massage", "missing front matter"),
        (
            "sources:\n  - nice-ng59\n  - cochrane-massage\n  - seed-massage\n---\n",
            "sources: [nice-ng59]\n",
            "never closed",
        ),
        ("kind: therapy\n", "kind: essay\n", "kind: 'essay' must be one of"),
        ("label: some evidence", "label: miraculous", "evidence.label"),
        ("## Stop if\n", "## Watch out\n", "missing section '## Stop if'"),
        ("summary: >-", "colour: blue\nsummary: >-", "colour: unknown field"),
    ],
)
def test_schema_problems_are_reported(content: Path, old: str, new: str, expected: str) -> None:
    article = content / "articles" / "massage.md"
    edit(article, old, new)
    found = messages(check_content(content, include_user=False))
    assert any(expected in message and "massage.md:" in message for message in found), found


def test_broken_yaml_in_the_screening_rules_names_the_line(content: Path) -> None:
    rules = content / "screening.yaml"
    line = line_number(rules, "id: ce-bowel")
    edit(rules, "  - id: ce-bowel\n", "  - id: ce-bowel\n    group: [oops\n")
    (problem,) = check_content(content, include_user=False)
    assert problem.path == str(rules)
    assert line <= problem.line <= line + 3
    assert "YAML syntax error" in problem.message


def test_screening_rule_mistakes(content: Path) -> None:
    rules = content / "screening.yaml"
    edit(rules, "verdicts: {massage: avoid}", "verdicts: {massage: never}")
    edit(rules, "urgency: emergency, advice", "urgency: soon, advice")
    found = messages(check_content(content, include_user=False))
    assert any("'never' must be avoid or caution" in m for m in found), found
    assert any("urgency: 'soon' must be one of: emergency, prompt" in m for m in found), found


def test_red_flags_must_come_first(content: Path) -> None:
    rules = content / "screening.yaml"
    text = rules.read_text("utf-8")
    start = text.index("  - id: ce-bladder")
    end = text.index("  - id: ce-saddle-numbness")
    block = text[start:end]
    text = text[:start] + text[end:]
    text = text.rstrip("\n") + "\n\n" + block
    rules.write_text(text, "utf-8")
    found = messages(check_content(content, include_user=False))
    assert any("'ce-bladder' must come earlier" in m for m in found), found


# --- Cross-references and ids -------------------------------------------------------


def test_bad_cross_references_point_at_their_line(content: Path) -> None:
    article = content / "articles" / "inversion.md"
    edit(article, "routine: inversion-session", "routine: upside-down")
    edit(article, "  - hernia\n", "  - hiccups\n")
    edit(article, "(article:decompression)", "(article:traction)")
    routine = content / "routines" / "sciatica-basics.yaml"
    edit(routine, "exercise: knee-to-opposite-shoulder", "exercise: knee-hug")
    found = messages(check_content(content, include_user=False))
    expected = [
        f"{article}:{line_number(article, 'routine: upside-down')}: routine: unknown routine "
        "'upside-down'",
        f"{article}:{line_number(article, '- hiccups')}: contraindications: unknown screening "
        "question 'hiccups'",
        f"{article}:{line_number(article, '(article:traction)')}: link: unknown article 'traction'",
        f"{routine}:{line_number(routine, 'knee-hug')}: steps[2].exercise: unknown article "
        "'knee-hug'",
    ]
    for message in expected:
        assert message in found, found


def test_a_therapy_article_must_list_every_screening_question_for_it(content: Path) -> None:
    edit(content / "articles" / "massage.md", "  - blood-clot\n", "")
    found = messages(check_content(content, include_user=False))
    assert any("contraindications: missing 'blood-clot'" in m for m in found), found


def test_id_must_match_the_file_name(content: Path) -> None:
    shutil.copy(content / "articles" / "massage.md", content / "articles" / "rubdown.md")
    found = messages(check_content(content, include_user=False))
    assert any("rubdown.md:1: id 'massage' must match the file name" in m for m in found), found


def test_a_user_file_cannot_replace_a_built_in_one(content: Path, user_dir: Path) -> None:
    shutil.copy(content / "articles" / "inversion.md", user_dir / "articles" / "inversion.md")
    shutil.copy(
        content / "routines" / "sciatica-basics.yaml",
        user_dir / "routines" / "sciatica-basics.yaml",
    )
    found = messages(check_content(content, user_dir))
    assert any(
        "config/articles/inversion.md:1: duplicate id 'inversion'" in m
        and "not replace a built-in" in m
        for m in found
    ), found
    assert any("config/routines/sciatica-basics.yaml:1: duplicate id" in m for m in found), found


# --- User content ---------------------------------------------------------------


def test_user_content_is_loaded_and_marked(user_dir: Path) -> None:
    (user_dir / "articles" / "my-walk.md").write_text(USER_ARTICLE, "utf-8")
    (user_dir / "routines" / "my-walk-routine.yaml").write_text(
        "id: my-walk-routine\ntitle: Walk\ntherapy: stretching\nsummary: A walk.\nsteps:\n"
        "  - {exercise: my-walk, side: none, hold: 600, reps: 1, rest: 0, cue: Walk slowly.}\n",
        "utf-8",
    )
    library = load_library()  # the user's dir comes from COMPANION_CONFIG_DIR
    walk = library.article("my-walk")
    assert walk.source == "user" and walk.path.endswith("my-walk.md")
    assert library.routines["my-walk-routine"].source == "user"
    assert library.article("inversion").source == "built-in"
    assert "my-walk" in [a.id for a in library.exercises()]


def test_damaged_user_article_is_reported_not_raised_as_a_traceback(user_dir: Path) -> None:
    broken = user_dir / "articles" / "my-walk.md"
    broken.write_text(USER_ARTICLE.replace("kind: exercise", "kind: exercise: twice"), "utf-8")
    (problem,) = check_content()
    assert problem.path == str(broken) and problem.line == 4
    with pytest.raises(ContentError, match="my-walk.md:4"):
        load_library()


# --- `companion content check` ----------------------------------------------------


def test_check_command_passes_on_the_shipped_content(capsys: pytest.CaptureFixture) -> None:
    assert content_check(argparse.Namespace(dir=None)) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("content ok: 6 articles, 2 routines, ")
    assert "screening questions (rules " in out[0]


def test_check_command_reports_problems_and_exits_1(
    content: Path, capsys: pytest.CaptureFixture
) -> None:
    article = content / "articles" / "stretching.md"
    edit(article, "routine: sciatica-basics", "routine: nope")
    assert content_check(argparse.Namespace(dir=str(content))) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    expected_line = line_number(article, "routine: nope")
    assert lines[0].endswith(f"stretching.md:{expected_line}: routine: unknown routine 'nope'")
    assert lines[-1] == "content check failed: 1 problem in 1 file"


def test_check_command_on_a_user_folder(user_dir: Path, capsys: pytest.CaptureFixture) -> None:
    (user_dir / "articles" / "my-walk.md").write_text(USER_ARTICLE, "utf-8")
    assert content_check(argparse.Namespace(dir=str(user_dir))) == 0
    assert "7 articles" in capsys.readouterr().out


def test_check_command_with_a_missing_folder(capsys: pytest.CaptureFixture) -> None:
    assert content_check(argparse.Namespace(dir="/no/such/folder")) == 2
    captured = capsys.readouterr()
    assert "no such directory" in captured.err and captured.out == ""


def test_a_source_without_author_year_or_title_fails_the_check(content: Path) -> None:
    sources = content / "sources.yaml"
    edit(sources, '    author: "Friberg TR, Weinreb RN"\n', "")
    edit(sources, "    year: 2013\n", "")
    edit(sources, "    title: Massage for low-back pain\n", "")
    found = messages(check_content(content, include_user=False))
    assert any("author: is required" in m for m in found), found
    assert any("year: is required" in m for m in found), found
    assert any("title: is required" in m for m in found), found


def test_a_screening_rule_with_an_empty_source_list_fails_the_check(content: Path) -> None:
    rules = content / "screening.yaml"
    edit(rules, "sources: [teeter-safety, friberg-1985]", "sources: []")
    found = messages(check_content(content, include_user=False))
    assert any("must name at least one source" in m for m in found), found
