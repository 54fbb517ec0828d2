"""The grammar of the script-friendly commands: their options, and nothing else.

Kept apart from the commands themselves so that parsing a command line
imports no store, exchange or report code: the UI starts without paying for
``export`` and ``doctor``, and each command loads only what it runs.
"""

from __future__ import annotations

import argparse

__all__ = [
    "EXPORT_FORMATS",
    "backup",
    "doctor",
    "export",
    "flare",
    "goals",
    "importing",
    "log",
    "med",
    "remind",
    "restore",
    "sync_git",
]

EXPORT_FORMATS = ("json", "csv", "html")
"""What ``companion export --format`` accepts."""

CSV_KINDS = ("checkins", "doses", "walks", "flares")
"""What ``companion export --format csv --what`` accepts."""


def log(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion log``."""
    parser.add_argument("--pain", metavar="N", help="pain now, 0-10 (required unless --walked)")
    parser.add_argument(
        "--walked", metavar="MINUTES", help="minutes walked today, for the walking plan"
    )
    parser.add_argument("--leg", metavar="N", help="leg pain, 0-10")
    parser.add_argument("--back", metavar="N", help="back pain, 0-10")
    parser.add_argument(
        "--where", metavar="AREA[,AREA...]", help='where it hurts, e.g. "left buttock,left calf"'
    )
    parser.add_argument(
        "--symptom",
        "--symptoms",
        dest="symptoms",
        metavar="S[,S...]",
        help="numbness, tingling, weakness",
    )
    parser.add_argument(
        "--trigger",
        "--triggers",
        dest="triggers",
        metavar="T[,T...]",
        help="what set it off, e.g. sitting",
    )
    parser.add_argument("--medication", metavar="M[,M...]", help="medication taken")
    parser.add_argument(
        "--feels",
        dest="descriptors",
        metavar="D[,D...]",
        help='what the pain feels like: burning, shooting, electric, aching, "pins and needles"',
    )
    parser.add_argument(
        "--sleep",
        dest="sleep_interference",
        metavar="N",
        help="how much pain got in the way of last night's sleep, 0 (not at all) to 10",
    )
    parser.add_argument(
        "--sitting",
        dest="sitting_minutes",
        metavar="MINUTES",
        help="minutes you can sit before pain makes you get up",
    )
    parser.add_argument("--note", metavar="TEXT", help="free text")
    parser.add_argument(
        "--for-clinician", action="store_true", help="show the note in the clinician report"
    )
    parser.add_argument(
        "--at", metavar="ISO-8601", help="when (default now); without an offset it is local time"
    )


def export(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion export``."""
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="default json; html is a one-page report for a clinician (last 90 days by default)",
    )
    parser.add_argument(
        "--what",
        choices=CSV_KINDS,
        default="checkins",
        help="with --format csv: which journal to write (default checkins)",
    )
    parser.add_argument("--since", metavar="DATE", help="from this day (YYYY-MM-DD) or instant")
    parser.add_argument("--until", metavar="DATE", help="up to and including this day")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (otherwise refused)"
    )


def importing(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``companion import``."""
    parser.add_argument("file", metavar="FILE", help="a json or csv export")
    parser.add_argument(
        "--max-size",
        metavar="MB",
        type=_megabytes,
        default=32,
        help="the largest file read, in MB (default 32)",
    )


def _megabytes(text: str) -> float:
    """A positive size in MB for ``--max-size``."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 100_000:
        raise argparse.ArgumentTypeError(f"must be a size in MB from 0 to 100000, not {text!r}")
    return value


def doctor(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion doctor``."""
    parser.add_argument(
        "--repair",
        action="store_true",
        help="restore the newest good backup of each damaged file (the damaged one is kept)",
    )


def backup(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion backup``."""
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the encrypted archive to write"
    )
    parser.add_argument(
        "--to",
        required=True,
        metavar="RECIPIENT",
        help="an age public key (age1...) or SSH public key, or a file holding one",
    )


def restore(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``companion restore``."""
    parser.add_argument("file", metavar="FILE", help="a backup written by `companion backup`")
    parser.add_argument(
        "--identity",
        required=True,
        metavar="KEYFILE",
        help="the private key: an age identity file or an SSH private key",
    )


def sync_git(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion sync git``."""
    parser.add_argument(
        "--remote", default="origin", metavar="NAME", help="the git remote (default origin)"
    )


def med(parser: argparse.ArgumentParser, data_dir: argparse.ArgumentParser) -> None:
    """The grammar of ``companion med``."""
    commands = parser.add_subparsers(dest="med_command", metavar="add | list | dose", required=True)
    add = commands.add_parser("add", parents=[data_dir], help="add a medicine to your list")
    add.add_argument("name", metavar="NAME", help="e.g. ibuprofen")
    add.add_argument("--strength", metavar="S", default="", help="of one unit, e.g. 400")
    add.add_argument("--unit", metavar="U", default="", help="e.g. mg")
    add.add_argument(
        "--limit", metavar="N", help="the most you mean to take in a day (warns when reached)"
    )
    commands.add_parser("list", parents=[data_dir], help="your medicines, numbered")
    dose = commands.add_parser("dose", parents=[data_dir], help="log a dose; print its id")
    dose.add_argument("medicine", metavar="MEDICINE", help="its number in `med list`, or its name")
    dose.add_argument("--amount", metavar="N", default="1", help="units taken (default 1)")
    dose.add_argument("--scheduled", action="store_true", help="taken on a schedule")
    dose.add_argument("--at", metavar="ISO-8601", help="when (default now)")


def flare(parser: argparse.ArgumentParser, data_dir: argparse.ArgumentParser) -> None:
    """The grammar of ``companion flare``."""
    commands = parser.add_subparsers(dest="flare_command", metavar="start | end")
    start = commands.add_parser("start", parents=[data_dir], help="log a flare; print its id")
    start.add_argument("--pain", required=True, metavar="N", help="pain now, 0-10")
    start.add_argument("--at", metavar="ISO-8601", help="when it started (default now)")
    end = commands.add_parser("end", parents=[data_dir], help="say the flare is over")
    end.add_argument("--at", metavar="ISO-8601", help="when it ended (default now)")


def goals(parser: argparse.ArgumentParser, data_dir: argparse.ArgumentParser) -> None:
    """The grammar of ``companion goals``."""
    commands = parser.add_subparsers(dest="goals_command", metavar="set | score")
    chosen = commands.add_parser("set", parents=[data_dir], help="name up to 3 activities")
    chosen.add_argument("activities", nargs="+", metavar="ACTIVITY")
    score = commands.add_parser("score", parents=[data_dir], help="score each activity 0-10")
    score.add_argument("scores", nargs="+", metavar="N")
    score.add_argument("--at", metavar="ISO-8601", help="when (default now)")


def remind(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion remind``."""
    parser.add_argument(
        "--stretches", action="store_true", help="also remind until the day's stretches are done"
    )
    parser.add_argument(
        "--command",
        metavar="CMD",
        help="run CMD (no shell) with the message in $COMPANION_MESSAGE instead of printing it",
    )
