"""How the benchmark starts each program, and the text that shows each is drawn.

Both apps are started the same way, ``python -m <package>`` from the
repository root, so the comparison is like for like. ``python -m companion``
behaves as the ``companion`` console script (see the interface brief).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from bench.bare_app import MARKER as BARE_MARKER

__all__ = [
    "BARE_MARKER",
    "DASHBOARD_MARKER",
    "JOURNAL_MARKER",
    "ROOT",
    "TIMEOUT",
    "BenchError",
    "bare_argv",
    "clean_env",
    "companion_argv",
    "timer_marker",
]

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (the working directory of every child)."""
PYCACHE = ROOT / "bench" / ".cache" / "pycache"
"""Where children keep compiled bytecode (``PYTHONPYCACHEPREFIX``), as an installed app would."""
TIMEOUT = 20.0
"""Seconds any one measurement may take before it counts as a failure."""
DASHBOARD_MARKER = "Pain, last 30 days"
"""The dashboard's trend title: drawn once the dashboard has its data."""
JOURNAL_MARKER = "newest first"
"""In the journal's status line once the first page of the table is loaded."""


class BenchError(Exception):
    """A measurement could not be taken (timeout, crash, wrong output)."""

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        """The program's exit code, if it ended on its own."""


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment minus what would change how a program starts or draws.

    Bytecode caching is always on, in :data:`PYCACHE`: a user's installed app
    has its ``.pyc`` files, so compiling sources on every start (as
    ``PYTHONDONTWRITEBYTECODE=1`` in a developer's shell would) is not measured.
    """
    dropped = ("COLUMNS", "LINES", "NO_COLOR", "COMPANION_NOW", "COMPANION_DATA_DIR")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in dropped and not key.startswith(("TEXTUAL", "PYTHON"))
    }
    env["TERM"] = "xterm-256color"
    env.setdefault("LANG", "C.UTF-8")
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.update(extra or {})
    return env


def bare_argv() -> list[str]:
    """The reference app."""
    return [sys.executable, "-m", "bench.bare_app"]


def companion_argv(data_dir: Path, *args: str) -> list[str]:
    """The companion on ``data_dir`` with ``args`` (none: the UI on the dashboard)."""
    return [sys.executable, "-m", "companion", "--data-dir", str(data_dir), *args]


def timer_marker(routine: str = "sciatica-basics") -> str:
    """The routine's title from its content file, which the timer screen shows."""
    path = ROOT / "content" / "routines" / f"{routine}.yaml"
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("title:"):
                return line.split(":", 1)[1].strip().strip("\"'")
    except OSError:
        pass
    return "Sciatica basics"
