"""Finding articles: library order, the kind filter, word search and excerpts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from companion.core.content.catalogue import (
    excerpt,
    find_articles,
    library_order,
    next_kind,
    web_address,
)
from companion.core.content.library import Article, load_library


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return list(load_library().articles.values())


def ids(matches) -> list[str]:
    return [match.article.id for match in matches]


def test_library_order_therapies_then_exercises_then_yours(articles):
    mine = replace(articles[0], id="aaa-mine", title="A walk", kind="exercise", source="user")
    ordered = [a.id for a in library_order([mine, *reversed(articles)])]
    assert ordered == [
        "inversion",
        "decompression",
        "massage",
        "stretching",
        "knee-to-opposite-shoulder",
        "piriformis-figure-4",
        "aaa-mine",
    ]


def test_kind_filter_cycles():
    assert [next_kind(k) for k in ("all", "therapy", "exercise", "lesson")] == [
        "therapy",
        "exercise",
        "lesson",
        "all",
    ]
    assert next_kind("nonsense") == "all"


def test_empty_search_lists_everything_of_the_kind(articles):
    assert len(find_articles(articles)) == len(articles)
    assert ids(find_articles(articles, "  ", "exercise")) == [
        "knee-to-opposite-shoulder",
        "piriformis-figure-4",
    ]


def test_title_matches_come_first_and_words_match_their_starts(articles):
    found = find_articles(articles, "stretch")
    assert ids(found)[:2] == ["stretching", "piriformis-figure-4"]
    assert all(match.in_title for match in found[:2])
    assert not any(match.in_title for match in found[2:])
    assert "inversion" in ids(found)  # "gently stretches the spine" in its summary


def test_every_word_must_be_found_in_any_case(articles):
    assert ids(find_articles(articles, "GLAUCOMA")) == ["inversion"]
    assert ids(find_articles(articles, "glaucoma massage")) == []
    assert find_articles(articles, "xyzzy") == []


def test_a_text_match_carries_an_excerpt_without_markup(articles):
    (match,) = find_articles(articles, "glaucoma")
    assert not match.in_title
    assert "glaucoma" in match.excerpt
    assert len(match.excerpt) <= 80
    # Link syntax is read as the words a reader sees.
    linked = find_articles(articles, "figure", "therapy")
    assert ids(linked) == ["stretching"]
    assert "](" not in linked[0].excerpt and "[" not in linked[0].excerpt


def test_excerpt_trims_at_word_boundaries():
    text = " ".join(f"word{i}" for i in range(60)) + " needle " + "tail " * 30
    found = excerpt(text, ["needle"], width=40)
    assert found.startswith("…") and found.endswith("…")
    assert "needle" in found
    assert excerpt("nothing here", ["needle"]) == ""
    # The words together beat the first word alone.
    text = "Blood pressure went up. " + "filler " * 20 + "Eye pressure doubled."
    assert "Eye pressure doubled" in excerpt(text, ["eye", "pressure"], width=30)
    assert excerpt("needle first", ["needle"]) == "needle first"


def test_web_addresses():
    assert web_address("https://www.nice.org.uk/guidance/ng59")
    assert web_address(" HTTP://example.org")
    assert not web_address("article:stretching")
    assert not web_address("#dose")


def test_find_lessons_by_title_then_text_and_only_for_their_kind():
    from companion.core.content.catalogue import find_lessons
    from companion.programme import installed_lessons

    lessons = installed_lessons()
    found = find_lessons(lessons, "sleep")
    assert found[0].lesson.id == "sleep-positions" and found[0].in_title
    assert any(not match.in_title and "sleep" in match.excerpt.casefold() for match in found)
    assert [m.lesson.id for m in find_lessons(lessons, "good day trap", "lesson")] == [
        "the-good-day-trap"
    ]
    assert find_lessons(lessons, "", "therapy") == []
    assert len(find_lessons(lessons, "", "all")) == len(lessons)
