"""Memory of ``companion import`` on a file at the size limit: the tracemalloc peak.

An import file is hostile, so it is read only up to ``--max-size`` MB
(:data:`companion.cli.importing.DEFAULT_MAX_MB`), and everything done with it
(reading, parsing, validating, writing the shards) keeps memory in proportion
to that size. :data:`PEAK_RATIO` states the bound: the peak of Python
allocations while importing stays under that many times the file's size.

:func:`traced_import` is the measurement; ``make bench`` runs it in a child
process on a real export just under the default limit, and a unit test runs it
on a small file under a small limit (the peak for a given file is the same on
every run, so the test cannot flake).
"""

from __future__ import annotations

import sys
import tracemalloc
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path

from bench.cli_runs import run
from bench.dataset import build_records
from bench.report import Row
from companion.cli.importing import DEFAULT_MAX_MB, read_bounded
from companion.core.clock import SystemClock
from companion.core.exchange import export_json, parse_import
from companion.core.records import CheckIn, StretchSession
from companion.store import Store

__all__ = ["DEFAULT_LIMIT", "PEAK_RATIO", "limit_file", "memory_rows", "traced_import"]

DEFAULT_LIMIT = DEFAULT_MAX_MB * 1_000_000
"""The default import limit, in bytes."""
PEAK_RATIO = 20
"""The tracemalloc peak of an import stays under this many times the file's size
(parsed JSON and the validated records take about 15 bytes per byte read)."""


def _records(count: int, today: date) -> tuple[list[CheckIn], list[StretchSession]]:
    """``count`` check-ins and as many sessions: the bench's data set, repeated
    under other seeds (so other ids) as often as needed."""
    checkins: list[CheckIn] = []
    sessions: list[StretchSession] = []
    seed = 20261121
    while len(checkins) < count:
        more_checkins, more_sessions, _ = build_records(today, seed=seed)
        checkins += more_checkins
        sessions += more_sessions
        seed += 1
    return checkins[:count], sessions[:count]


def limit_file(path: Path, limit_bytes: int, today: date | None = None) -> int:
    """Write a real JSON export of just under ``limit_bytes`` to ``path``; its size."""
    today = today or date.today()
    exported_at = SystemClock().now()

    def export(count: int) -> bytes:
        checkins, sessions = _records(count, today)
        return export_json(
            checkins=checkins, sessions=sessions, screenings=(), exported_at=exported_at
        )

    sample = 2_000
    per_pair = len(export(sample)) / sample
    count = int(limit_bytes * 0.99 / per_pair)
    data = export(count)
    while len(data) > limit_bytes:
        count = int(count * 0.98)
        data = export(count)
    path.write_bytes(data)
    return len(data)


def traced_import(data_dir: Path, path: Path, limit_bytes: int, now: datetime) -> tuple[int, int]:
    """Import ``path`` as ``companion import`` does; (entries added, tracemalloc peak in bytes)."""
    tracemalloc.start()
    try:
        data = read_bounded(path, limit_bytes, path.name)
        bundle = parse_import(data, str(path), now=now)
        del data
        store = Store.open(data_dir, SystemClock())
        result = store.import_records(**{f.name: getattr(bundle, f.name) for f in fields(bundle)})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result.added, peak


def memory_rows(work: Path) -> list[Row]:
    """Import an export just under the default limit in a child process (so only
    the import is traced); one row against the stated bound."""
    path = work / "at-the-limit.json"
    size = limit_file(path, DEFAULT_LIMIT)
    argv = [sys.executable, "-m", "bench.import_memory", str(work / "limit-import"), str(path)]
    ran = run([*argv, str(DEFAULT_LIMIT)], timeout=900)
    added, peak = (int(word) for word in ran.stdout.split())
    bound = PEAK_RATIO * size
    passed = peak <= bound
    return [
        Row(
            f"`companion import` of a {size / 1e6:.1f} MB export (limit {DEFAULT_MAX_MB} MB), "
            "tracemalloc peak",
            f"{peak / 1e6:.0f} MB ({peak / size:.1f}× the file)",
            target=f"≤ {PEAK_RATIO}× the file ({bound / 1e6:.0f} MB)",
            passed=passed,
            problem="" if passed else f"peak {peak / 1e6:.0f} MB, over {bound / 1e6:.0f} MB",
            samples=[f"{added} entries added in {ran.seconds:.0f} s (traced)"],
        )
    ]


def main(argv: list[str]) -> int:
    """``python -m bench.import_memory DATA_DIR FILE LIMIT_BYTES``: prints ``added peak``."""
    data_dir, path, limit = Path(argv[0]), Path(argv[1]), int(argv[2])
    added, peak = traced_import(data_dir, path, limit, SystemClock().now())
    print(added, peak)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
