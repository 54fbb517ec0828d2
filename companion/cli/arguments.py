"""The grammar of the script-friendly commands: their options, and nothing else.

Kept apart from the commands themselves so that parsing a command line
imports no store, exchange or report code: the UI starts without paying for
``export`` and ``doctor``, and each command loads only what it runs.
"""

from __future__ import annotations

import argparse

__all__ = ["EXPORT_FORMATS", "doctor", "export", "importing", "log"]

EXPORT_FORMATS = ("json", "csv", "html")
"""What ``companion export --format`` accepts."""


def log(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion log``."""
    parser.add_argument("--pain", required=True, metavar="N", help="pain now, 0-10")
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
    parser.add_argument("--since", metavar="DATE", help="from this day (YYYY-MM-DD) or instant")
    parser.add_argument("--until", metavar="DATE", help="up to and including this day")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (otherwise refused)"
    )


def importing(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``companion import``."""
    parser.add_argument("file", metavar="FILE", help="a json or csv export")


def doctor(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion doctor``."""
    parser.add_argument(
        "--repair",
        action="store_true",
        help="restore the newest good backup of each damaged file (the damaged one is kept)",
    )
