"""``make bench``: startup, journal, save size, CLI speed, import (time and memory) and
terminal traffic.

Start-up and opening the journal are timed until the screen is complete and
quiet (the last byte before 0.3 s of silence), with the bytes each screen
change sent against one full frame (the terminal in the pty says it supports
synchronized output, so every frame is delimited; see :mod:`bench.pty_run`).

Every measurement runs in one go against the bare Textual app
(:mod:`bench.bare_app`) on a generated data directory of 25,000 check-ins and
25,000 stretch sessions over 20 years. The table is printed and written to
``bench/results.md``; the exit status is 1 if any target is missed (each
failure is named on the last line).
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from bench import cli_runs, devices, diagnose, import_memory, rows, tui
from bench.dataset import CHECKINS, LONG_YEARS, SESSIONS, YEARS, cached_data_dir, copy_data_dir
from bench.programs import (
    BARE_MARKER,
    DASHBOARD_MARKER,
    ROOT,
    BenchError,
    bare_argv,
    companion_argv,
    timer_marker,
)
from bench.report import Row, load_average, machine_info, render, write_results
from bench.saves import save_costs
from companion.core.clock import SystemClock
from companion.core.words import count_of
from companion.store import Store
from companion.store.devices import CHART_MEMO_NAME

RUNS = 9
"""Timed starts per app (after one warm-up). On a shared 2-core machine one
start can take half as long again as the next; the median of nine, taken in
alternation with the bare app, moves by a few percent between runs where the
medians of five differed by over 10% from one run to the next."""
TRENDS_RUNS = 3
"""Timed whole-history trends (each start builds the report once)."""
IMPORT_RUNS = 3
"""Timed imports of the 50,000 entries (each takes seconds)."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _guard(metric: str, target: str, measure: Callable[[], list[Row]]) -> list[Row]:
    """Run one measurement; any failure becomes a failed row naming it."""
    try:
        return measure()
    except BenchError as err:
        return [rows.failed_row(metric, target, str(err))]
    except Exception as err:  # a broken store or CLI must not hide the other results
        traceback.print_exc()
        return [rows.failed_row(metric, target, f"{type(err).__name__}: {err}")]


def _timer_rows(data_dir: Path) -> list[Row]:
    """Terminal traffic of a running and a paused timer, or why they were skipped."""
    names = ("Timer running (bytes/s)", "Timer paused (bytes/s)")
    skipped = [Row(name, "—", status="skipped (timer screen not available)") for name in names]
    if not any((ROOT / "companion" / "screens").glob("*timer*.py")):
        return skipped
    argv = companion_argv(data_dir, "timer", "sciatica-basics")
    try:
        running, paused = tui.timer_traffic(argv, timer_marker())
    except BenchError as err:
        if err.exit_code == 2:  # the command line does not know `timer` yet
            return skipped
        raise
    return [
        rows.traffic_row(names[0], running, "—", 1000, "B/s"),
        rows.traffic_row(names[1], paused, "—", 0, "B/s"),
    ]


def _diagnosis(data_dir: Path, ui_dir: Path, notes: list[str]) -> None:
    """Import-time notes: what the companion's startup and ``log`` spend their time on."""
    try:
        bare = diagnose.profile_imports(["-c", "import bench.bare_app"])
        app = diagnose.profile_imports(["-c", "import companion.__main__, companion.app"])
        own_ms, own_count = app.own_ms()
        notes.append(
            f"Startup imports take {app.total_ms:.0f} ms (bare app: {bare.total_ms:.0f} ms), "
            f"of which the companion's own {own_count} modules run for {own_ms:.0f} ms; "
            "the costliest imports the companion's code makes that the bare app does not "
            "(cumulative, fastest of 3 runs): "
            + diagnose.describe_costly_edges(app, set(bare.modules))
        )
        bare_load, bare_start = diagnose.startup_split(
            "import bench.bare_app as bare", "bare.main()", BARE_MARKER
        )
        app_load, app_start = diagnose.startup_split(
            "import sys, companion.__main__, companion.app",
            f"sys.exit(companion.__main__.main(['--data-dir', {str(ui_dir)!r}]))",
            DASHBOARD_MARKER,
        )
        notes.append(
            f"First frame split (median of 3): the companion spends {app_load * 1000:.0f} ms "
            f"loading code, then {app_start * 1000:.0f} ms to its first frame; the bare app "
            f"{bare_load * 1000:.0f} ms, then {bare_start * 1000:.0f} ms."
        )
        log = diagnose.profile_imports(["-m", *companion_argv(data_dir, "log", "--pain", "5")[2:]])
        textual = "imports Textual (it must not)" if log.imported("textual") else "no Textual"
        notes.append(
            f"`companion log` imports take {log.total_ms:.0f} ms ({textual}); the costliest "
            "from the companion's code: " + diagnose.describe_costly_edges(log)
        )
    except Exception as err:  # notes only: never lose the measured rows over them
        notes.append(f"import profile not available: {type(err).__name__}: {err}")


def measure_all(work: Path, notes: list[str], results: list[Row]) -> None:
    """Every measurement, in order, into ``results``; one failure does not stop the rest."""
    _say("bench: preparing the 50,000-entry data directory…")
    big = cached_data_dir(date.today())
    ui_dir = copy_data_dir(big, work, "ui")

    _say(f"bench: start-up and journal until quiet, {RUNS} runs each (+1 warm-up)…")
    bare, app = tui.startup_series(
        bare_argv(), BARE_MARKER, companion_argv(ui_dir), DASHBOARD_MARKER, RUNS
    )
    startup, reference = rows.startup_rows(bare, app)
    if bare.error:
        notes.append(f"the bare app failed: {bare.error}")
    results += startup

    _say(f"bench: start-up with the chart drawn anew (its memo removed), {RUNS} runs…")

    def redrawn() -> list[Row]:
        times: list[float] = []
        for attempt in range(RUNS + 1):
            (ui_dir / CHART_MEMO_NAME).unlink(missing_ok=True)
            change = tui.launch(companion_argv(ui_dir), DASHBOARD_MARKER).start
            if attempt and change is not None:
                times.append(change.complete)
        return [rows.redrawn_row(times, bare)]

    results += _guard(rows.REDRAWN_METRIC, "—", redrawn)

    _say("bench: bytes per save…")

    def saves() -> list[Row]:
        costs = save_costs(copy_data_dir(big, work, "saves"))
        largest = max(p.stat().st_size for p in (big / "checkins").glob("*.json"))
        notes.append(
            f"This month's check-in file holds only the days so far; the largest month file "
            f"is {largest / 1024:.1f} KiB, so a first save of the day in a full month writes "
            f"about {2 * largest / 1024:.0f} KiB (file + backup)."
        )
        return [rows.save_row(cost) for cost in costs]

    results += _guard("Bytes per save", f"≤ {rows.KIB_TARGET} KiB", saves)

    _say(f"bench: companion log, {RUNS} runs (+1 warm-up)…")
    log_times: list[float] = []

    def log() -> list[Row]:
        log_times.extend(cli_runs.log_times(copy_data_dir(big, work, "log"), RUNS))
        return [rows.log_row(log_times, reference)]

    results += _guard("`companion log --pain 5` wall time", "≤ 0.6× bare first frame", log)
    fastest = rows.fastest_ratios(bare, app, log_times)
    if fastest:
        notes.append(fastest)

    _say(f"bench: export, then import into an empty directory, {IMPORT_RUNS} runs…")
    export_dir = copy_data_dir(big, work, "export")
    expected = (CHECKINS, SESSIONS)

    def imports() -> list[Row]:
        times, said = cli_runs.import_times(export_dir, work, IMPORT_RUNS, expected)
        notes.append(f"`companion import` said: {said}")
        return [rows.import_row(times)]

    results += _guard("`companion import` of 50,000 entries", "≤ 5 s", imports)

    _say("bench: memory of an import at the size limit (tracemalloc, one run)…")
    results += _guard(
        "`companion import` memory at the size limit",
        f"≤ {import_memory.PEAK_RATIO}× the file",
        lambda: import_memory.memory_rows(work),
    )

    _say(f"bench: one device against three of 20 years each, {devices.RUNS} runs…")
    results += _guard(
        "Three devices (vs one)",
        f"≤ {devices.DEVICES_RATIO}× one device",
        lambda: devices.device_rows(big, work),
    )

    _say("bench: idle dashboard traffic (3 s settle + 5 s count, each app)…")

    def idle() -> list[Row]:
        bare_bytes, _ = tui.idle_traffic(bare_argv(), BARE_MARKER)
        app_bytes, first = tui.idle_traffic(companion_argv(ui_dir), DASHBOARD_MARKER)
        if app_bytes:
            notes.append(f"idle dashboard output began: {first!r}")
        row = rows.traffic_row(
            "Idle dashboard, bytes over 5 s", app_bytes, f"{bare_bytes} B", 0, "B"
        )
        return [row]

    results += _guard("Idle dashboard, bytes over 5 s", "= 0 B", idle)

    _say(f"bench: whole-history trends at {LONG_YEARS} years, {TRENDS_RUNS} runs…")
    trends_metric = f"Trends `4` (all) complete at {LONG_YEARS} years"

    def trends() -> list[Row]:
        long_dir = copy_data_dir(cached_data_dir(date.today(), LONG_YEARS), work, "long")
        # A returning user's daily summaries cache (companion/store/summaries.py) is
        # built once, untimed; its cold cost is in the notes.
        started = time.perf_counter()
        zone = datetime.now().astimezone().tzinfo
        Store.open(long_dir, SystemClock()).summaries.days(zone)
        notes.append(
            f"Whole-history trends: the daily summaries cache was built first (untimed, "
            f"{time.perf_counter() - started:.1f} s in the bench process, as the first `4` "
            "after an upgrade does once in a worker); the timed runs use it. The trends "
            "work the whole history out ahead while the 90 days are on screen, and `4` "
            "is sent once the screen has been quiet for 0.3 s, as a person reading it "
            "would; `g4` sent at once times it with nothing worked out ahead."
        )
        total = CHECKINS * LONG_YEARS // YEARS
        done = count_of(total, "check-in")
        argv = companion_argv(long_dir)
        runs = [tui.trends_all(argv, DASHBOARD_MARKER, done) for _ in range(TRENDS_RUNS)]
        cold = [tui.trends_cold(argv, DASHBOARD_MARKER, done) for _ in range(TRENDS_RUNS)]
        return [
            rows.trends_row(f"{trends_metric} ({total:,} check-ins)", runs),
            rows.trends_cold_row(
                f"Trends opened on the whole history (`g4` at once) at {LONG_YEARS} years", cold
            ),
        ]

    results += _guard(trends_metric, f"≤ {rows.TRENDS_SECONDS} s", trends)

    _say("bench: timer traffic…")
    results += _guard("Timer traffic", "≤ 1000 B/s running, 0 paused", lambda: _timer_rows(ui_dir))
    results.append(rows.rss_row(bare, app))

    _say("bench: import-time profile (for the notes)…")
    _diagnosis(copy_data_dir(big, work, "diagnose"), ui_dir, notes)


def main() -> int:
    """Run everything, print and save the table; 1 if a target was missed."""
    today = date.today()
    machine = machine_info()
    notes: list[str] = [
        "Both apps start as `python -m …` in an 80×24 pty (TERM=xterm-256color), with "
        "bytecode caching on (bench/.cache/pycache) as in an installed app; times are "
        f"medians of {RUNS} runs after one warm-up, alternating bare and companion."
    ]
    results: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        try:
            measure_all(Path(tmp), notes, results)
        except Exception as err:  # e.g. the store cannot build the data directory
            traceback.print_exc()
            problem = f"{type(err).__name__}: {err}"
            results.append(rows.failed_row("Benchmark run (stopped early)", "—", problem))
    machine.append(f"- load average at end: {load_average()}")
    text = render(results, machine, notes, today)
    print(text)
    path = write_results(text)
    _say(f"bench: written to {path.relative_to(ROOT)}")
    failed = [row for row in results if row.passed is False]
    for row in failed:
        _say(f"bench: FAIL: {row.metric}: {row.problem}")
    if failed:
        _say(f"bench: {len(failed)} target(s) missed: " + "; ".join(r.metric for r in failed))
        return 1
    _say("bench: all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
