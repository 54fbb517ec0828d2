"""The little of the content the dashboard shows, kept so a start parses none of it.

The dashboard names the next routine and today's lesson, and says whether the
screening is unfinished or due again. That takes the screening rules' version
and question ids, each routine's id, title and therapy, and the lessons' ids
and titles in course order. Reading them from the content means importing the
YAML reader and checking every file, about a tenth of the start; so, once
worked out, they are kept in a per-machine file with a *key*
(:class:`IndexKey`): the name, size, modification time and inode of every file
in the folders they come from, and of the code that reads them (its change
time too, which no copying tool can set back).

The index is used only while its key is unchanged, so it never disagrees with
the files; a key is written only once every file in it is
:data:`SETTLED_NS` old (an edit within the file system's clock tick of the
last one could otherwise keep the same key). The file is read as hostile:
bounded in size, every value checked; on any problem it is ignored and the
index is worked out again from the content.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import orjson

import companion
from companion.core.content.names import ID_PATTERN, content_root, user_content_dir
from companion.core.records import THERAPIES
from companion.core.untrusted import control_position

if TYPE_CHECKING:
    from companion.core.content.lessons import Lesson
    from companion.core.content.library import Library

__all__ = [
    "MAX_INDEX_BYTES",
    "ContentIndex",
    "IndexKey",
    "LessonEntry",
    "RoutineEntry",
    "decode_index",
    "encode_index",
    "index_key",
    "index_of",
    "lesson_of_the_day",
]

MAX_INDEX_BYTES = 1 << 20
"""A larger index file is ignored (the shipped content makes about 10 KB)."""
SETTLED_NS = 2_000_000_000
"""How old every file must be before a key naming it is written (FAT's clock ticks in 2 s)."""
_VERSION = 1
_MAX_ITEMS = 10_000
_MAX_TITLE = 500
_MAX_NUMBER = 99


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


L = TypeVar("L", bound=_HasId)


def lesson_of_the_day(lessons: Sequence[L], day: date, read: Iterable[str]) -> L | None:
    """The first lesson not read yet, in course order; once all are read, one by the date."""
    if not lessons:
        return None
    done = set(read)
    unread = [lesson for lesson in lessons if lesson.id not in done]
    if unread:
        return unread[0]
    return lessons[day.toordinal() % len(lessons)]


@dataclass(frozen=True, slots=True)
class RoutineEntry:
    """A routine as the dashboard names it."""

    id: str
    title: str
    therapy: str


@dataclass(frozen=True, slots=True)
class LessonEntry:
    """A lesson as the dashboard offers it."""

    id: str
    number: int
    title: str


@dataclass(frozen=True, slots=True)
class ContentIndex:
    """What the dashboard shows of the content (see the module)."""

    version: str
    """The screening rules' version (a screening under another is due again)."""
    question_ids: tuple[str, ...]
    """Every screening question, in order (one left out leaves a screening unfinished)."""
    routines: tuple[RoutineEntry, ...]
    """Every routine, in the library's order."""
    lessons: tuple[LessonEntry, ...]
    """Every lesson, in course order."""

    def routines_for(self, therapy: str) -> list[RoutineEntry]:
        return [routine for routine in self.routines if routine.therapy == therapy]


def index_of(library: Library, lessons: Iterable[Lesson]) -> ContentIndex:
    """The index of a loaded library and the installed lessons."""
    return ContentIndex(
        library.rules.version,
        library.rules.question_ids,
        tuple(RoutineEntry(r.id, r.title, r.therapy) for r in library.routines.values()),
        tuple(LessonEntry(lesson.id, lesson.number, lesson.title) for lesson in lessons),
    )


# -- the key ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexKey:
    """What the index was worked out from, as the file system describes it."""

    files: list[list[Any]]
    """``[folder, name, size, mtime_ns, ctime_ns, inode]`` per entry (``[folder, name]``
    if it cannot be looked at); ``[folder]`` for a missing folder."""
    settled: bool
    """Whether every entry is :data:`SETTLED_NS` old (only then is the key written)."""


def index_key(
    root: Path | None = None, user_dir: Path | None = None, *, now_ns: int | None = None
) -> IndexKey:
    """The key of the content under ``root`` and ``user_dir`` (the defaults as the
    library's) and of the code that reads it, settled if every entry is older than
    :data:`SETTLED_NS` at ``now_ns`` (the time now by default)."""
    root = content_root() if root is None else root
    user_dir = user_content_dir() if user_dir is None else user_dir
    folders = (
        root,
        root / "articles",
        root / "routines",
        root / "lessons",
        user_dir / "articles",
        user_dir / "routines",
        Path(__file__).parent,
    )
    files: list[list[Any]] = [[companion.__version__, _VERSION]]
    newest = 0
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            files.append([_text(str(folder))])
            continue
        for entry in entries:
            if entry.name != "__pycache__":  # compiled code follows its sources, listed here
                newest = max(newest, _describe(files, folder, entry.name, entry.stat))
    package = Path(companion.__file__).parent
    for code in _CODE:
        path = package / code
        newest = max(newest, _describe(files, path.parent, path.name, path.stat))
    now = time.time_ns() if now_ns is None else now_ns
    return IndexKey(files, newest <= now - SETTLED_NS)


_CODE = (
    "core/records.py",
    "core/untrusted.py",
    "core/screening/engine.py",
    "programme.py",
)
"""The code outside ``core/content`` that shapes an index (the question ids, the
therapies, the checks of a title, the lessons' folder): a checkout's version
number stays the same while it changes."""


def _describe(
    files: list[list[Any]], folder: Path, name: str, stat: Callable[[], os.stat_result]
) -> int:
    """Add an entry's ``[folder, name, size, mtime_ns, ctime_ns, inode]`` to ``files``;
    its newest time (0 if it cannot be looked at)."""
    where = [_text(str(folder)), _text(name)]
    try:
        info = stat()
    except OSError:
        files.append(where)
        return 0
    files.append([*where, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino])
    return max(info.st_mtime_ns, info.st_ctime_ns)


def _text(name: str) -> str:
    """A file name as text JSON can hold: bytes that are not UTF-8 written as ``\\xff``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


# -- the file --------------------------------------------------------------------


def encode_index(index: ContentIndex, key: IndexKey) -> bytes:
    """The index file's bytes."""
    return orjson.dumps(
        {
            "key": key.files,
            "version": index.version,
            "questions": index.question_ids,
            "routines": [[r.id, r.title, r.therapy] for r in index.routines],
            "lessons": [[item.id, item.number, item.title] for item in index.lessons],
        }
    )


class _Invalid(Exception):
    """The file is not an index this module wrote for these files."""


def decode_index(raw: bytes, key: IndexKey) -> ContentIndex | None:
    """The index in ``raw`` if it was written for ``key`` and every value is sound, else None."""
    if len(raw) > MAX_INDEX_BYTES:
        return None
    try:
        data = orjson.loads(raw)
        if not isinstance(data, dict) or data.get("key") != key.files:
            raise _Invalid
        return ContentIndex(
            _title(data.get("version")),
            tuple(_id(item) for item in _items(data.get("questions"))),
            tuple(
                RoutineEntry(_id(routine_id), _title(title), _therapy(therapy))
                for routine_id, title, therapy in map(_triple, _items(data.get("routines")))
            ),
            tuple(
                LessonEntry(_id(lesson_id), _number(number), _title(title))
                for lesson_id, number, title in map(_triple, _items(data.get("lessons")))
            ),
        )
    except (orjson.JSONDecodeError, _Invalid):
        return None


def _items(value: object) -> list[Any]:
    if not isinstance(value, list) or len(value) > _MAX_ITEMS:
        raise _Invalid
    return value


def _triple(value: object) -> list[Any]:
    if not isinstance(value, list) or len(value) != 3:
        raise _Invalid
    return value


def _id(value: object) -> str:
    if not isinstance(value, str) or len(value) > _MAX_TITLE or not ID_PATTERN.fullmatch(value):
        raise _Invalid
    return value


def _title(value: object) -> str:
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > _MAX_TITLE
        or "\n" in value
        or control_position(value, bidi=True) is not None
    ):
        raise _Invalid
    return value


def _therapy(value: object) -> str:
    if value not in THERAPIES:
        raise _Invalid
    return str(value)


def _number(value: object) -> int:
    if type(value) is not int or not 0 <= value <= _MAX_NUMBER:
        raise _Invalid
    return value
