"""``companion lesson [ID]``: print today's lesson (or the one named) and remember it as read."""

from __future__ import annotations

import argparse

from companion.cli.common import open_store
from companion.core.clock import clock_from_env
from companion.core.content.lessons import load_lessons
from companion.core.content.library import content_root
from companion.core.errors import InvalidInputError
from companion.programme import lessons_read, todays_lesson

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    clock = clock_from_env()
    store = open_store(args, clock)
    read = store.load_settings().lessons_read
    if args.id is None:
        lesson = todays_lesson(read, clock.now().date())
        if lesson is None:
            raise InvalidInputError("lesson", "no lessons are installed")
    else:
        lessons = {item.id: item for item in load_lessons(content_root() / "lessons", None, [])}
        lesson = lessons.get(args.id)
        if lesson is None:
            raise InvalidInputError("lesson", f"there is no lesson {args.id!r}")
    print(f"{lesson.title}\n\n{lesson.body}\n\nSources: {', '.join(lesson.sources)}")
    ids = lessons_read(read)
    if lesson.id not in ids:
        store.update_settings(lessons_read=",".join([*ids, lesson.id]))
    return 0
