"""``companion lesson [ID]``: print today's lesson (or the one named) and remember it as read."""

from __future__ import annotations

import argparse

from companion.cli.common import open_store
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.programme import installed_lessons, mark_lesson_read, todays_lesson

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
        lessons = {item.id: item for item in installed_lessons()}
        lesson = lessons.get(args.id)
        if lesson is None:
            raise InvalidInputError("lesson", f"there is no lesson {args.id!r}")
    print(f"{lesson.title}\n\n{lesson.body}\n\nSources: {', '.join(lesson.sources)}")
    mark_lesson_read(store, lesson.id)
    return 0
