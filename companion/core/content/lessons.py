"""Short lessons, one a day: loading, validating and choosing today's.

A lesson is ``content/lessons/NN-slug.md``: YAML front matter with ``id`` (the
slug), ``title``, ``topic`` (one of :data:`TOPICS`) and ``sources`` (ids from
``content/sources.yaml``), then a Markdown body of fewer than
:data:`MAX_WORDS` words. ``NN`` (01–99) orders them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from companion.core.content.fields import ContentProblem, FieldReader, Ref, require_mapping
from companion.core.content.index import lesson_of_the_day
from companion.core.content.parse import split_front_matter

__all__ = [
    "MAX_WORDS",
    "TOPICS",
    "Lesson",
    "lesson_of_the_day",
    "load_lessons",
    "parse_lesson",
]

TOPICS = (
    "sciatica",
    "movement",
    "pacing",
    "sleep",
    "flares",
    "sitting",
    "work",
    "red-flags",
    "evidence",
    "medication",
    "mood",
)
"""What a lesson may be about."""

MAX_WORDS = 150
"""A lesson's body has fewer words than this."""

MAX_BYTES = 16_384
"""A lesson file larger than this is refused unread."""

_NAME = re.compile(r"^([0-9]{2})-([a-z0-9][a-z0-9-]*)\.md$")
_FIELDS = ("id", "title", "topic", "sources")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters other than newline and tab (one search, not a loop per character:
the dashboard reads every lesson before its first frame)."""


@dataclass(frozen=True, slots=True)
class Lesson:
    """One lesson."""

    id: str
    number: int
    """Its place in the course, from the file name's ``NN``."""
    title: str
    topic: str
    sources: tuple[str, ...]
    body: str
    path: str

    @property
    def words(self) -> int:
        return len(self.body.split())


def parse_lesson(
    text: str, path: str, problems: list[ContentProblem], known_sources: Iterable[str] | None
) -> Lesson | None:
    """A lesson from its file's text; problems are added as ``file:line: message``.

    ``known_sources`` ``None`` skips checking that the sources exist (for showing
    a lesson; ``companion content check`` always checks).
    """
    count = len(problems)
    name = _NAME.match(Path(path).name)
    if name is None:
        problems.append(ContentProblem(path, 1, "file name must look like 07-slug.md (01-99)"))
        return None
    split = split_front_matter(text, path, problems)
    if split is None:
        return None
    data, body, body_line = split
    if not require_mapping(data, path, problems, "front matter"):
        return None
    read = FieldReader(data, path, problems, "")
    read.only(_FIELDS)
    lesson_id = read.ident("id")
    title = read.text("title")
    topic = read.choice("topic", TOPICS)
    refs: list[Ref] = []
    sources = read.refs("sources", "source", refs)
    if lesson_id and lesson_id != name.group(2):
        read.problem("id", f"must match the file name's slug {name.group(2)!r}")
    known = None if known_sources is None else set(known_sources)
    for ref in refs:
        if known is not None and ref.target not in known:
            problems.append(
                ContentProblem(path, ref.line, f"sources: unknown source {ref.target!r}")
            )
    if not sources:
        read.problem("sources", "needs at least one source")
    words = len(body.split())
    if words == 0:
        problems.append(ContentProblem(path, body_line, "the lesson has no text"))
    elif words >= MAX_WORDS:
        problems.append(
            ContentProblem(path, body_line, f"{words} words: a lesson is under {MAX_WORDS} words")
        )
    if _CONTROL.search(text):
        problems.append(ContentProblem(path, 1, "contains control characters"))
    if len(problems) > count:
        return None
    return Lesson(lesson_id, int(name.group(1)), title, topic, sources, body.strip(), path)


def load_lessons(
    folder: Path, known_sources: Iterable[str] | None, problems: list[ContentProblem]
) -> list[Lesson]:
    """Every valid lesson in ``folder``, in course order; problems added for the rest."""
    known = None if known_sources is None else set(known_sources)
    lessons: list[Lesson] = []
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == ".md")
    except FileNotFoundError:
        return []
    except OSError as err:
        problems.append(ContentProblem(str(folder), 1, f"cannot be read ({err.strerror})"))
        return []
    seen: dict[str, str] = {}
    numbers: dict[int, str] = {}
    for path in files:
        try:
            if path.stat().st_size > MAX_BYTES:
                problems.append(ContentProblem(str(path), 1, f"larger than {MAX_BYTES} bytes"))
                continue
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(ContentProblem(str(path), 1, f"cannot be read ({err})"))
            continue
        lesson = parse_lesson(text, str(path), problems, known)
        if lesson is None:
            continue
        if lesson.id in seen or lesson.number in numbers:
            other = seen.get(lesson.id) or numbers[lesson.number]
            problems.append(ContentProblem(str(path), 1, f"repeats the id or number of {other}"))
            continue
        seen[lesson.id] = numbers[lesson.number] = str(path)
        lessons.append(lesson)
    return sorted(lessons, key=lambda lesson: lesson.number)
