"""Finding articles and lessons in the library: the order they are listed in,
the kind filter, and word search over titles and text.

Pure functions over :class:`~companion.core.content.Article` and
:class:`~companion.core.content.lessons.Lesson`; the library screen shows what
they return. No I/O, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from companion.core.content.lessons import Lesson
from companion.core.content.parse import Article
from companion.core.glyphs import glyph
from companion.core.records import THERAPIES

__all__ = [
    "KIND_FILTERS",
    "LessonMatch",
    "Match",
    "excerpt",
    "find_articles",
    "find_lessons",
    "library_order",
    "next_kind",
    "web_address",
]

KIND_FILTERS = ("all", "therapy", "exercise", "lesson")
"""What the kind filter cycles through, in order."""

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*`]|^\s*(?:#+|>)\s*", re.MULTILINE)
_WEB = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Match:
    """One article found by a search, and where the words were found."""

    article: Article
    in_title: bool
    """Every search word is in the title (these are listed first)."""
    excerpt: str = ""
    """For a match in the text: the words around the first search word found."""


@dataclass(frozen=True, slots=True)
class LessonMatch:
    """One lesson found by a search, and where the words were found."""

    lesson: Lesson
    in_title: bool
    """Every search word is in the title."""
    excerpt: str = ""
    """For a match in the text: the words around the first search word found."""


def next_kind(kind: str) -> str:
    """The kind filter after ``kind`` (wrapping round)."""
    index = KIND_FILTERS.index(kind) if kind in KIND_FILTERS else -1
    return KIND_FILTERS[(index + 1) % len(KIND_FILTERS)]


def library_order(articles: Iterable[Article]) -> list[Article]:
    """Therapies in the usual order, then exercises by title; the user's own after built-ins."""

    def key(article: Article) -> tuple[int, int, int, str]:
        therapy_rank = THERAPIES.index(article.therapy) if article.therapy in THERAPIES else 99
        return (
            0 if article.source == "built-in" else 1,
            0 if article.kind == "therapy" else 1,
            therapy_rank if article.kind == "therapy" else 0,
            article.title.casefold(),
        )

    return sorted(articles, key=key)


def _plain(text: str) -> str:
    """Markdown as the words a reader sees, on one line."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split())


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(_plain(text))}


def _searchable(article: Article) -> str:
    evidence = article.evidence
    return " ".join(
        (
            article.title,
            article.summary,
            article.body,
            evidence.label,
            evidence.guidelines,
            evidence.trials,
            evidence.claims,
        )
    )


def _contains(words: set[str], wanted: str) -> bool:
    """A search word matches a word that starts with it ("stretch" finds "stretching")."""
    return any(word.startswith(wanted) for word in words)


def find_articles(articles: Iterable[Article], query: str = "", kind: str = "all") -> list[Match]:
    """Articles of ``kind`` (``all``, ``therapy`` or ``exercise``) containing every word of
    ``query`` in their title or text; title matches first, each group in library order."""
    wanted = [word.casefold() for word in _WORD.findall(query)]
    title_matches: list[Match] = []
    text_matches: list[Match] = []
    for article in library_order(articles):
        if kind != "all" and article.kind != kind:
            continue
        title_words = _words(article.title)
        if all(_contains(title_words, word) for word in wanted):
            title_matches.append(Match(article, in_title=True))
            continue
        text = _searchable(article)
        if all(_contains(_words(text), word) for word in wanted):
            text_matches.append(Match(article, False, excerpt(text, wanted)))
    return title_matches + text_matches


def find_lessons(
    lessons: Iterable[Lesson], query: str = "", kind: str = "all"
) -> list[LessonMatch]:
    """Lessons (for kind ``all`` or ``lesson``) containing every word of ``query`` in their
    title, topic or text; title matches first, each group in course order."""
    if kind not in ("all", "lesson"):
        return []
    wanted = [word.casefold() for word in _WORD.findall(query)]
    title_matches: list[LessonMatch] = []
    text_matches: list[LessonMatch] = []
    for lesson in sorted(lessons, key=lambda item: item.number):
        if all(_contains(_words(lesson.title), word) for word in wanted):
            title_matches.append(LessonMatch(lesson, in_title=True))
            continue
        text = f"{lesson.title} {lesson.topic} {lesson.body}"
        if all(_contains(_words(text), word) for word in wanted):
            text_matches.append(LessonMatch(lesson, False, excerpt(text, wanted)))
    return title_matches + text_matches


def excerpt(text: str, words: list[str], width: int = 76) -> str:
    """About ``width`` characters of ``text`` around the first of ``words`` found in it."""
    plain = _plain(text)
    phrase = r"\W+".join(re.escape(word) for word in words)
    hit = re.search(rf"\b{phrase}", plain, re.IGNORECASE) if words else None
    found = [hit.start()] if hit else []
    if not found:
        found = [
            hit.start()
            for word in words
            if (hit := re.search(rf"\b{re.escape(word)}", plain, re.IGNORECASE)) is not None
        ]
    if not found:
        return ""
    start = max(0, min(found) - width // 3)
    if start:
        start = plain.find(" ", start) + 1
    end = start + width
    if end < len(plain):
        end = plain.rfind(" ", start, end)
    more = glyph("ellipsis")
    return (more if start else "") + plain[start:end] + (more if end < len(plain) else "")


def web_address(href: str) -> bool:
    """Whether a link points to the web (shown and copied, never opened)."""
    return bool(_WEB.match(href.strip()))
