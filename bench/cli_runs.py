"""Wall times of the command-line subcommands (no terminal): ``log``, ``export``, ``import``."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.programs import ROOT, TIMEOUT, BenchError, clean_env, companion_argv
from companion.core.clock import SystemClock
from companion.store import Store

__all__ = ["Ran", "import_times", "log_times", "run"]


@dataclass(frozen=True)
class Ran:
    """One finished command."""

    seconds: float
    stdout: str
    stderr: str


def run(argv: Sequence[str], timeout: float = TIMEOUT) -> Ran:
    """Run ``argv`` to the end; :class:`BenchError` on a non-zero exit or a timeout."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(argv),
            cwd=ROOT,
            env=clean_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:  # subprocess.run kills the child before raising
        raise BenchError(f"{' '.join(argv[2:5])}… still running after {timeout:.0f} s") from None
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip())[-300:]
        raise BenchError(f"{' '.join(argv[2:])} exited {done.returncode}: {message}")
    return Ran(seconds, done.stdout, done.stderr)


def log_times(data_dir: Path, runs: int) -> list[float]:
    """``companion log --pain 5`` on ``data_dir``, ``runs`` times after one warm-up.

    The warm-up also takes the day's backup, so the timed runs are everyday saves.
    """
    argv = companion_argv(data_dir, "log", "--pain", "5")
    run(argv)
    return [run(argv).seconds for _ in range(runs)]


def _count_stored(data_dir: Path) -> tuple[int, int]:
    """Live check-ins and sessions in ``data_dir``, read back through the store."""
    store = Store.open(data_dir, SystemClock())
    return sum(1 for _ in store.checkins.iter_all()), sum(1 for _ in store.sessions.iter_all())


def import_times(
    source_dir: Path, work: Path, runs: int, expected: tuple[int, int]
) -> tuple[list[float], str]:
    """Export ``source_dir`` to JSON, then time importing it into ``runs`` empty directories.

    The first import is read back: it must hold ``expected`` (check-ins, sessions),
    so an import that drops entries cannot pass. Returns the times and what
    the first import printed.
    """
    export = work / "export.json"
    run(companion_argv(source_dir, "export", "-o", str(export)))
    if not export.is_file() or export.stat().st_size == 0:
        raise BenchError(f"companion export -o {export} wrote nothing")
    times: list[float] = []
    said = ""
    for index in range(runs):
        target = work / f"imported-{index}"
        ran = run(companion_argv(target, "import", str(export)))
        times.append(ran.seconds)
        if index == 0:
            said = ran.stdout.strip()
            stored = _count_stored(target)
            if stored != expected:
                raise BenchError(f"import stored {stored} (check-ins, sessions), not {expected}")
    return times, said
