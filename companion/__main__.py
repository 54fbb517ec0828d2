"""The command line: ``companion [--data-dir DIR] [--no-mouse] [--ascii] [SCREEN]`` and more.

Parses the arguments and dispatches: the script-friendly commands live in
:mod:`companion.cli` and never import Textual; the UI (``companion``, a
SCREEN, ``timer``, ``demo``) is imported here, lazily, only when asked for.
The README lists every command; they are a promise to scripts and users.

Exit codes: 0 success; 1 a runtime failure (damaged data, lock timeout, I/O
error); 2 invalid usage or input; 3 only from ``today``. Expected failures
print ``companion: <message>`` to stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from companion import __version__
from companion.core.clock import Clock, clock_from_env
from companion.core.collection import pause_collection
from companion.core.errors import CompanionError, DamagedFileError

__all__ = ["SCREENS", "build_parser", "main"]

SCREENS = ("dashboard", "checkin", "journal", "library", "screening", "timers", "trends")
"""Screens the UI can open on (``companion journal``)."""

DEMO_DAYS = 120
"""Days of sample data in ``companion demo``."""

Handler = Callable[[argparse.Namespace], int]

_ASCII_HELP = "draw only ASCII symbols in the UI (automatic on TERM=linux)"


# -- the UI, loaded only when asked for -------------------------------------------


def _start_ui(
    args: argparse.Namespace,
    data_dir: Path,
    *,
    screen: str | None,
    timer_routine: str | None = None,
    clock: Clock | None = None,
) -> int:
    """The UI, with the cycle collector paused until its first frame is out:
    importing Textual and building the first screen make objects by the hundred
    thousand, and collecting among them took a sixth of start-up (see
    :mod:`companion.core.collection`)."""
    resume = pause_collection()
    try:
        from companion.app import run_app

        return run_app(
            data_dir=data_dir,
            screen=screen,
            mouse=not args.no_mouse,
            timer_routine=timer_routine,
            clock=clock or clock_from_env(),
            ascii=args.ascii,
            after_first_frame=resume,
        )
    finally:
        resume()


def _run_screen(args: argparse.Namespace) -> int:
    from companion.cli.common import data_dir_of

    return _start_ui(args, data_dir_of(args), screen=args.screen)


def _run_timer(args: argparse.Namespace) -> int:
    from companion.cli.common import data_dir_of, warn
    from companion.core.content.library import ContentError, scan_content

    if args.routine is not None:  # checked before the UI starts: a typo gets a plain answer
        library, problems = scan_content()
        if library is None:
            raise ContentError(problems)
        if args.routine not in library.routines:
            known = ", ".join(sorted(library.routines)) or "none"
            warn(f"there is no routine {args.routine!r}; the routines are: {known}")
            return 2

    return _start_ui(args, data_dir_of(args), screen="timers", timer_routine=args.routine)


def _run_demo(args: argparse.Namespace) -> int:
    from companion.cli.common import lock_timeout
    from companion.core.demo import demo_records
    from companion.core.demo_programme import demo_settings
    from companion.store import Store

    clock = clock_from_env()
    demo_dir = Path(tempfile.mkdtemp(prefix="companion-demo-"))
    try:
        store = Store.open(demo_dir, clock, lock_timeout=lock_timeout())
        store.import_records(**demo_records(clock, days=DEMO_DAYS))
        # The demo person has used the app for months: no first-run notice.
        store.update_settings(first_run_seen=True, screening_offered=True, **demo_settings())
        return _start_ui(args, demo_dir, screen=None, clock=clock)
    finally:
        shutil.rmtree(demo_dir, ignore_errors=True)


# -- the script-friendly commands, each in its own module ---------------------------


def _command(module: str, function: str = "run") -> Handler:
    """A handler that imports ``companion.cli.<module>`` only when its command runs."""

    def handler(args: argparse.Namespace) -> int:
        from importlib import import_module

        run: Handler = getattr(import_module(f"companion.cli.{module}"), function)
        return run(args)

    return handler


def _global_parser() -> argparse.ArgumentParser:
    """The command line without its screens and commands: the options that come first."""
    parser = argparse.ArgumentParser(
        prog="companion",
        description="A self-care companion for sciatica and low back pain: "
        "check-ins, screening, therapy library and stretch timers.",
        epilog="Exit codes: 0 ok, 1 runtime failure, 2 invalid usage or input, "
        "3 no check-in today (today only). Data directory: --data-dir, else "
        "$COMPANION_DATA_DIR, else ~/.local/share/companion.",
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="where the journal is kept")
    parser.add_argument("--no-mouse", action="store_true", help="ignore the mouse in the UI")
    parser.add_argument("--ascii", action="store_true", help=_ASCII_HELP)
    parser.set_defaults(handler=_run_screen, screen=None)
    return parser


_UI_FLAGS = frozenset({"--no-mouse", "--ascii"})
"""Options of the plain UI start that take no value."""


def _plain_start(arguments: Sequence[str]) -> bool:
    """Whether ``arguments`` only start the UI on the dashboard (``--data-dir DIR``,
    ``--no-mouse``, ``--ascii``, spelled out in full), which the options that come
    first parse alone: building the parser of every command took a tenth of the
    time to the first frame."""
    rest = iter(arguments)
    for argument in rest:
        if argument in _UI_FLAGS or argument.startswith("--data-dir="):
            continue
        if argument != "--data-dir":
            return False
        value = next(rest, None)
        if value is None or value.startswith("-"):
            return False
    return True


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    from companion.cli import arguments

    # Subcommands repeat --data-dir/--no-mouse so they work after the command too;
    # SUPPRESS keeps a value given before the command.
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the journal is kept"
    )
    ui = argparse.ArgumentParser(add_help=False)
    ui.add_argument(
        "--no-mouse", action="store_true", default=argparse.SUPPRESS, help="ignore the mouse"
    )
    ui.add_argument("--ascii", action="store_true", default=argparse.SUPPRESS, help=_ASCII_HELP)

    parser = _global_parser()
    commands = parser.add_subparsers(title="screens and commands", metavar="SCREEN | COMMAND")

    for screen in SCREENS:
        sub = commands.add_parser(screen, parents=[data_dir, ui], help=f"open the UI on {screen}")
        sub.set_defaults(handler=_run_screen, screen=screen)

    sub = commands.add_parser("log", parents=[data_dir], help="save a check-in, print its id")
    arguments.log(sub)
    sub.set_defaults(handler=_command("log"))

    sub = commands.add_parser("med", help="your medicines and the doses you take")
    arguments.med(sub, data_dir)
    sub.set_defaults(handler=_command("med"))

    sub = commands.add_parser("flare", help="log a flare, end it, or see its day")
    arguments.flare(sub, data_dir)
    sub.set_defaults(handler=_command("flare"))

    sub = commands.add_parser("goals", help="personal goals (PSFS): set, score, see changes")
    arguments.goals(sub, data_dir)
    sub.set_defaults(handler=_command("goals"))

    sub = commands.add_parser(
        "lesson", parents=[data_dir], help="print today's lesson (or LESSON_ID) and mark it read"
    )
    sub.add_argument("id", nargs="?", metavar="LESSON_ID")
    sub.set_defaults(handler=_command("lesson"))

    sub = commands.add_parser(
        "remind", parents=[data_dir], help="for cron: silent when today is done, else remind"
    )
    arguments.remind(sub)
    sub.set_defaults(handler=_command("remind"))

    sub = commands.add_parser(
        "today", parents=[data_dir], help="one line about today; exit 3 if no check-in yet"
    )
    sub.set_defaults(handler=_command("today"))

    sub = commands.add_parser(
        "export", parents=[data_dir], help="export as json, csv or an html report"
    )
    arguments.export(sub)
    sub.set_defaults(handler=_command("export"))

    sub = commands.add_parser("import", parents=[data_dir], help="import a json or csv export")
    arguments.importing(sub)
    sub.set_defaults(handler=_command("importing"))

    sub = commands.add_parser("timer", parents=[data_dir, ui], help="run a routine's timer")
    sub.add_argument("routine", nargs="?", metavar="ROUTINE_ID", help="e.g. sciatica-basics")
    sub.set_defaults(handler=_run_timer)

    content = commands.add_parser("content", help="check articles, routines, screening rules")
    content_commands = content.add_subparsers(metavar="check", required=True)
    check = content_commands.add_parser("check", help="validate content; file:line errors")
    check.add_argument("dir", nargs="?", metavar="DIR", help="a content folder to check")
    check.set_defaults(handler=_command("content"))

    sub = commands.add_parser("doctor", parents=[data_dir], help="check the data directory")
    arguments.doctor(sub)
    sub.set_defaults(handler=_command("doctor"))

    sub = commands.add_parser(
        "backup", parents=[data_dir], help="write an encrypted backup of the whole journal"
    )
    arguments.backup(sub)
    sub.set_defaults(handler=_command("backup", "run_backup"))

    sub = commands.add_parser(
        "restore", parents=[data_dir], help="bring a backup back into an empty data directory"
    )
    arguments.restore(sub)
    sub.set_defaults(handler=_command("backup", "run_restore"))

    sync = commands.add_parser("sync", help="keep this journal in step with other devices")
    engines = sync.add_subparsers(metavar="git", required=True)
    sub = engines.add_parser(
        "git", parents=[data_dir], help="commit this device's changes, pull, push"
    )
    arguments.sync_git(sub)
    sub.set_defaults(handler=_command("sync"))

    sub = commands.add_parser("demo", parents=[ui], help="the UI on throwaway sample data")
    sub.set_defaults(handler=_run_demo)
    return parser


def _not_utf8(arguments: Sequence[str]) -> int | None:
    """The 1-based position of the first argument that was not valid UTF-8, if any
    (Python keeps such bytes as lone surrogates, which nothing can encode)."""
    for position, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            return position
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    position = _not_utf8(arguments)
    if position is not None:
        from companion.cli.common import warn

        warn(f"argument {position} is not valid UTF-8 text")
        return 2
    try:
        parser = _global_parser() if _plain_start(arguments) else build_parser()
        args = parser.parse_args(arguments)
    except SystemExit as stop:  # --help, --version and usage errors (exit 2)
        return stop.code if isinstance(stop.code, int) else 2
    try:
        handler: Handler = args.handler
        return handler(args)
    except CompanionError as err:
        from companion.cli.common import data_dir_of, warn

        if isinstance(err, DamagedFileError):
            from companion.store import command_for

            warn(err.told(partial(command_for, data_dir_of(args))))
        else:
            warn(str(err))
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `companion export | head`: the reader left early
        from companion.cli.common import silence_stdout

        silence_stdout()  # so the final flush at exit cannot fail again
        return 1
    except OSError as err:  # stdout or stderr gone or full while printing
        from companion.cli.common import silence_stdout, warn

        silence_stdout()
        warn(f"cannot write the output: {err.strerror or err}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
