"""Shared fixtures: every test runs hermetically.

Each test gets its own data and config directory (never the user's real
one), a fixed clock, and an environment without variables that would leak in.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.core.clock import FakeClock
from companion.core.glyphs import set_mode

FIXED_NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
"""The "now" every test starts from (a Saturday morning)."""


@pytest.fixture(autouse=True)
def hermetic_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point data and config at temporary directories; drop leaking variables."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("COMPANION_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("TERM", "xterm-256color")  # TERM=linux would choose the ASCII glyphs
    for name in ("COMPANION_NOW", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "COMPANION_GLYPHS"):
        monkeypatch.delenv(name, raising=False)
    set_mode("unicode")  # an app in ASCII mode sets it for the process; tests start afresh


@pytest.fixture
def clock() -> FakeClock:
    """A clock fixed at :data:`FIXED_NOW` that tests advance by hand."""
    return FakeClock(current=FIXED_NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory path that does not exist yet."""
    return tmp_path / "data"
