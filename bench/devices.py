"""One device against three: start-up and save cost when a journal is synced.

The three-device directory is the big one (:mod:`bench.dataset`) plus the
files of two more devices, each with its own 20 years of 25,000 check-ins
and 25,000 sessions (other seeds), as a sync tool would have delivered them.
Each measurement alternates the one- and three-device directories so machine
load hits both alike; the targets: three devices within
:data:`DEVICES_RATIO` × one device.

``python -m bench.devices`` runs these rows alone.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from statistics import median

from bench import cli_runs, rows, tui
from bench.dataset import build_records, cached_data_dir, copy_data_dir
from bench.programs import DASHBOARD_MARKER, companion_argv
from bench.report import Row
from bench.saves import save_costs
from companion.core.clock import FakeClock
from companion.store import Store

__all__ = ["DEVICES_RATIO", "device_rows", "three_devices"]

DEVICES_RATIO = 1.2
"""Three devices of 20 years each may cost at most this many times one device."""

RUNS = 5


def three_devices(big: Path, parent: Path, today: date) -> Path:
    """A copy of ``big`` with two more devices' 20 years of files in it."""
    target = copy_data_dir(big, parent, "three-devices")
    for seed in (1, 2):
        with tempfile.TemporaryDirectory(dir=parent) as building:
            other = Path(building) / "data"
            clock = FakeClock(current=datetime.combine(today, time(6, 5)).astimezone())
            store = Store.open(other, clock)
            checkins, sessions, screenings = build_records(today, seed=seed)
            store.import_records(checkins=checkins, sessions=sessions, screenings=screenings)
            store.update_settings(daily_target=seed + 1)
            for folder in ("checkins", "sessions", "screenings", "devices"):
                for path in (other / folder).iterdir():
                    shutil.copy2(path, target / folder / path.name)
            shutil.copy2(store.data_dir / f"settings.{store.device}.json", target)
    return target


def _ratio(metric: str, one: list[float], three: list[float], unit: str = "s") -> Row:
    value, reference = median(three), median(one)
    ratio = value / reference
    passed = ratio <= DEVICES_RATIO

    def shown(v: float) -> str:
        return f"{v * 1000:.0f} ms" if unit == "s" else f"{v:.0f} B"

    return Row(
        metric,
        shown(value),
        shown(reference),
        f"{ratio:.2f}×",
        f"≤ {DEVICES_RATIO}× one device",
        passed,
        problem="" if passed else f"{ratio:.2f}× one device, over {DEVICES_RATIO}×",
        samples=[", ".join(shown(v) for v in one), ", ".join(shown(v) for v in three)],
    )


def device_rows(big: Path, work: Path) -> list[Row]:
    """First frame, ``companion log`` and bytes per save: one device against three."""
    today = date.today()
    one = copy_data_dir(big, work, "one-device")
    three = three_devices(big, work, today)
    # Saves first, on fresh copies: the timed `companion log` runs below add entries.
    saves_one = save_costs(copy_data_dir(big, work, "saves-one"))
    saves_three = save_costs(copy_data_dir(three, work, "saves-three"))
    first, second = tui.startup_series(
        companion_argv(one), DASHBOARD_MARKER, companion_argv(three), DASHBOARD_MARKER, RUNS
    )
    if first.error or second.error:
        problem = first.error or second.error or ""
        return [rows.failed_row("First frame, three devices", "≤ 1.2× one device", problem)]
    results = [
        _ratio(
            "First frame, three devices of 20 years (vs one)",
            [x.first_frame for x in first.launches],
            [x.first_frame for x in second.launches],
        )
    ]
    logs_one: list[float] = []
    logs_three: list[float] = []
    for _round in range(RUNS):
        logs_one += cli_runs.log_times(one, 1)
        logs_three += cli_runs.log_times(three, 1)
    results.append(_ratio("`companion log`, three devices (vs one)", logs_one, logs_three))
    for cost_one, cost_three in zip(saves_one, saves_three, strict=True):
        row = rows.save_row(cost_three)
        row.metric = f"{row.metric}, three devices"
        results.append(row)
        results.append(
            _ratio(
                f"Bytes per save, three devices (vs one): {cost_three.label}",
                [cost_one.worst],
                [cost_three.worst],
                unit="B",
            )
        )
    return results


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="companion-bench-devices-") as tmp:
        found = device_rows(cached_data_dir(date.today()), Path(tmp))
    for row in found:
        print(
            f"{row.metric}: {row.companion} (one device: {row.reference}) {row.ratio} "
            f"{'ok' if row.passed else 'FAIL ' + row.problem}"
        )
    return 0 if all(row.passed is not False for row in found) else 1


if __name__ == "__main__":
    sys.exit(main())
