"""``companion content check [DIR]``: validate articles, routines and screening rules.

Without DIR it checks the built-in content plus the user's own files (their
config directory). With DIR it checks that folder: as a complete content
root if it has a ``screening.yaml``, otherwise as a folder of the user's own
``articles/`` and ``routines/`` checked against the built-in content.

Each problem is printed to stdout as ``file:line: message``, then one summary
line. Exit 0 when all is well, 1 when there is any problem, 2 for a DIR that
does not exist. Must not import Textual: it runs in scripts and CI.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from companion.cli.common import say, warn
from companion.core.content.lessons import load_lessons
from companion.core.content.library import content_root, scan_content, user_content_dir
from companion.core.words import count_of

__all__ = ["run"]


def _shown(path: str) -> str:
    """A path relative to the working directory when it is below it (shorter to read)."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def run(args: argparse.Namespace) -> int:
    """Check the content; print problems and a summary; return the exit code."""
    directory = getattr(args, "dir", None)
    lessons_dir = content_root() / "lessons"
    if directory is None:
        library, problems = scan_content(content_root(), user_content_dir())
    else:
        folder = Path(directory).expanduser()
        if not folder.is_dir():
            warn(f"content check: {directory}: no such directory")
            return 2
        if (folder / "screening.yaml").is_file():
            library, problems = scan_content(folder, include_user=False)
            lessons_dir = folder / "lessons"
        else:
            library, problems = scan_content(content_root(), folder)

    lessons = load_lessons(lessons_dir, library.sources if library else None, problems)
    for problem in problems:
        say(f"{_shown(problem.path)}:{problem.line}: {problem.message}")
    if problems or library is None:
        files = len({problem.path for problem in problems})
        count = len(problems)
        say(f"content check failed: {count_of(count, 'problem')} in {count_of(files, 'file')}")
        return 1
    users = sum(1 for a in library.articles.values() if a.source == "user")
    users += sum(1 for r in library.routines.values() if r.source == "user")
    yours = f"; {users} of them yours" if users else ""
    print(
        f"content ok: {len(library.articles)} articles, {len(library.routines)} routines, "
        f"{len(library.rules.questions)} screening questions "
        f"(rules {library.rules.version}), {count_of(len(lessons), 'lesson')}{yours}"
    )
    return 0
