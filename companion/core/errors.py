"""Failures a user can meet, each carrying the exit code the CLI promises.

Exit codes (see the README): 1 for a runtime failure (damaged data, lock
timeout, I/O error), 2 for invalid usage or input. The CLI prints ``str(err)``
to stderr and never a traceback for these.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

__all__ = [
    "CompanionError",
    "DataError",
    "DamagedFileError",
    "InvalidInputError",
    "LockTimeoutError",
]


class CompanionError(Exception):
    """Base of every expected failure."""

    exit_code: int = 1
    """The process exit code the CLI uses for this failure."""


class InvalidInputError(CompanionError):
    """Input that breaks a rule: names the field (and the file/line when known)."""

    exit_code = 2

    def __init__(self, field: str, problem: str, *, source: str | None = None) -> None:
        self.field = field
        """The field at fault, e.g. ``pain`` or ``checkins[3].at``."""
        self.problem = problem
        """What is wrong, in plain words."""
        self.source = source
        """The file (or ``file:line``) the value came from, if any."""
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{field}: {problem}")


class DataError(CompanionError):
    """The data directory cannot be used (I/O error, newer schema, …)."""

    exit_code = 1


class DamagedFileError(DataError):
    """A data file that cannot be parsed. It is never overwritten."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        """The damaged file."""
        self.detail = detail
        """What the parser said."""
        super().__init__(self.told("companion {}".format))

    @property
    def problem(self) -> str:
        """What is wrong, without the commands that help (a screen that lists them)."""
        return f"data file {self.path} is damaged ({self.detail}); it was left untouched."

    def told(self, command: Callable[[str], str]) -> str:
        """The message, with ``command`` spelling the commands it suggests (the
        CLI and the UI add ``--data-dir`` for a directory that is not the default)."""
        return (
            f"{self.problem} Run `{command('doctor')}` to check it, "
            f"`{command('doctor --repair')}` to restore the newest good backup."
        )


class LockTimeoutError(DataError):
    """Another companion process held the data lock for too long."""

    def __init__(self, lock_path: Path, seconds: float) -> None:
        self.lock_path = lock_path
        super().__init__(
            f"another companion process is still writing to {lock_path.parent} "
            f"(waited {seconds:g} s for {lock_path.name}); nothing was saved. Try again."
        )
