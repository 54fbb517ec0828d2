"""Building the app for UI tests and screenshots: a real store in a temporary
directory, a fixed clock, and optional demo data."""

from __future__ import annotations

from pathlib import Path

from companion.app import CompanionApp
from companion.core.clock import FakeClock
from companion.core.demo import demo_records
from companion.store import Store

__all__ = ["build_app"]


def build_app(
    data_dir: Path,
    clock: FakeClock,
    *,
    demo: bool = False,
    first_run: bool = False,
    initial: str = "dashboard",
) -> CompanionApp:
    """A companion app on a fresh store at ``data_dir``."""
    store = Store.open(data_dir, clock)
    if demo:
        store.import_records(**demo_records(clock))
    if not first_run:
        store.update_settings(first_run_seen=True)
    app = CompanionApp(store, clock, initial=initial)
    app.background_delay = 0  # background work right after the first frame: deterministic
    return app
