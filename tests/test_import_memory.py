"""The import's memory bound (bench/import_memory.py states it): importing a file
at the size limit peaks under PEAK_RATIO times the file's size. The peak of a
given file is the same on every run, so a small file under a small limit
checks the bound here; ``make bench`` measures it at the default limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.import_memory import PEAK_RATIO, limit_file, traced_import
from companion.core.clock import FakeClock
from companion.core.errors import InvalidInputError

LIMIT = 1_000_000
"""A 1 MB limit: the bound is a ratio, so a small file checks it in seconds."""


def test_an_import_at_the_size_limit_stays_under_the_memory_bound(
    tmp_path: Path, clock: FakeClock
) -> None:
    export = tmp_path / "export.json"
    size = limit_file(export, LIMIT, clock.today())
    assert 0.9 * LIMIT < size <= LIMIT
    added, peak = traced_import(tmp_path / "data", export, LIMIT, clock.now())
    assert added > 2_000
    assert peak <= PEAK_RATIO * size, f"peak {peak / size:.1f}× the file"


def test_one_byte_over_the_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, clock: FakeClock
) -> None:
    export = tmp_path / "export.json"
    size = limit_file(export, LIMIT, clock.today())
    with pytest.raises(InvalidInputError, match="--max-size"):
        traced_import(tmp_path / "data", export, size - 1, clock.now())
    assert not (tmp_path / "data").exists()
