"""Measurements of the apps running in a pseudo-terminal: first frame, journal, traffic."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.programs import JOURNAL_MARKER, ROOT, TIMEOUT, BenchError, clean_env
from bench.pty_run import PtyProcess, frame_sizes, marker_pattern

__all__ = [
    "Change",
    "Launch",
    "Series",
    "idle_traffic",
    "launch",
    "startup_series",
    "timer_traffic",
    "trends_all",
    "trends_cold",
]

SETTLE = 3.0
"""Seconds left for startup work to finish before terminal traffic is counted."""
WINDOW = 5.0
"""Seconds over which terminal traffic is counted."""
PAUSED = re.compile("paused", re.IGNORECASE)
"""What a paused timer says on screen."""
PERIODS = re.compile("Period:")
"""The trends screen's period line."""


QUIET = 0.3
"""Seconds of silence after which a screen counts as complete."""


@dataclass
class Change:
    """What one screen change (start-up, a key) wrote until the screen was quiet."""

    complete: float
    """Seconds until the last byte before :data:`QUIET` s of silence."""
    written: int
    """Bytes written until then."""
    frames: list[int]
    """The size of each frame painted (see :func:`bench.pty_run.frame_sizes`)."""
    full: int | None = None
    """The bytes of one full frame of the screen (its repaint on ctrl+l), if measured."""

    @property
    def full_frame(self) -> int:
        """One full frame: the ctrl+l repaint, else the largest frame painted."""
        return self.full or max(self.frames, default=0)

    @property
    def per_frame(self) -> float:
        """Bytes written ÷ one full frame: about 1.0 when the screen was painted once.

        The companion sends only what the terminal does not already show
        (:mod:`companion.painted_screen`), so its largest frame can be a part of
        the screen; the ctrl+l repaint is always the whole of it."""
        full = self.full_frame
        return self.written / full if full else float("inf")


@dataclass
class Launch:
    """One start of an app."""

    first_frame: float
    """Seconds from fork to the marker on screen."""
    rss_kib: int | None
    """Peak resident memory (VmHWM) when the first frame was seen."""
    start: Change | None = None
    """Start-up until the screen was complete and quiet."""
    journal: float | None = None
    """Seconds from sending ``j`` to the journal's table on screen, if measured."""
    journal_change: Change | None = None
    """From sending ``j`` until the journal was complete and quiet."""


@dataclass
class Series:
    """Repeated starts of one app, and the first failure if one happened."""

    launches: list[Launch] = field(default_factory=list)
    error: str | None = None


def _started(proc: PtyProcess, marker: str, timeout: float = TIMEOUT) -> float:
    """Wait for ``marker``; the seconds since fork, or :class:`BenchError` saying why not."""
    found = proc.wait_for(marker_pattern(marker), timeout)
    if found is not None:
        return found - proc.started
    if proc.exit_status is not None:
        code = os.waitstatus_to_exitcode(proc.exit_status)
        raise BenchError(
            f"exited with status {code} before {marker!r} appeared: {proc.tail()}", code
        )
    raise BenchError(f"{marker!r} not on screen within {timeout:.0f} s; screen ends: {proc.tail()}")


def _until_quiet(proc: PtyProcess, since: int, began: float, what: str) -> Change:
    """Read until the screen is quiet; what was written since byte ``since``."""
    last = proc.quiet(QUIET, TIMEOUT)
    if last is None:
        raise BenchError(f"{what} never fell quiet within {TIMEOUT:.0f} s: {proc.tail()}")
    raw = bytes(proc.output[since:])
    return Change(last - began, len(raw), frame_sizes(raw))


REDRAW = b"\x0c"
"""ctrl+l: the companion paints the whole screen again."""


def _full_frame(proc: PtyProcess, what: str) -> int:
    """The bytes of one whole-screen repaint (ctrl+l) of the screen now shown."""
    since = len(proc.output)
    proc.send(REDRAW)
    _until_quiet(proc, since, proc.started, f"the repaint of {what}")
    return max(frame_sizes(bytes(proc.output[since:])), default=0)


def launch(argv: Sequence[str], marker: str, *, journal: bool = False) -> Launch:
    """Start ``argv`` once: its first frame, when start-up is complete and quiet, and,
    if asked, the same for opening the journal (each then repainted whole with
    ctrl+l to weigh one full frame)."""
    with PtyProcess(argv, clean_env(), str(ROOT)) as proc:
        result = Launch(_started(proc, marker), proc.peak_rss_kib())
        result.start = _until_quiet(proc, 0, proc.started, "start-up")
        if journal:
            result.start.full = _full_frame(proc, "the dashboard")
            since = len(proc.output)
            sent = proc.send(b"j")
            shown = proc.wait_for(marker_pattern(JOURNAL_MARKER), TIMEOUT, since)
            if shown is None:
                raise BenchError(
                    f"after 'j', {JOURNAL_MARKER!r} not on screen within {TIMEOUT:.0f} s; "
                    f"screen ends: {proc.tail()}"
                )
            result.journal = shown - sent
            result.journal_change = _until_quiet(proc, since, sent, "the journal")
            result.journal_change.full = _full_frame(proc, "the journal")
        return result


def startup_series(
    bare: Sequence[str], bare_marker: str, app: Sequence[str], app_marker: str, runs: int
) -> tuple[Series, Series]:
    """``runs`` starts of each app, alternating so machine load hits both alike.

    One unrecorded warm-up start of each comes first (bytecode and disk caches).
    The app's runs also time the journal. After an app's first failure its
    remaining runs are skipped (each could cost the full timeout).
    """
    results = (Series(), Series())
    plans = ((bare, bare_marker, False), (app, app_marker, True))
    for attempt in range(runs + 1):
        for series, (argv, marker, journal) in zip(results, plans, strict=True):
            if series.error is not None:
                continue
            try:
                measured = launch(argv, marker, journal=journal)
            except BenchError as err:
                series.error = str(err)
                continue
            if attempt > 0:
                series.launches.append(measured)
    return results


def idle_traffic(argv: Sequence[str], marker: str) -> tuple[int, bytes]:
    """Bytes written to the terminal over :data:`WINDOW` s once startup has settled.

    Returns the count and the first bytes written in that window (for diagnosis).
    """
    with PtyProcess(argv, clean_env(), str(ROOT)) as proc:
        _started(proc, marker)
        proc.count_bytes(SETTLE)
        before = len(proc.output)
        written = proc.count_bytes(WINDOW)
        if proc.exit_status is not None:
            raise BenchError(f"the app exited while being measured: {proc.tail()}")
        return written, bytes(proc.output[before : before + 160])


def timer_traffic(argv: Sequence[str], marker: str) -> tuple[float, float]:
    """Bytes per second while a timer runs, then after ``space`` pauses it.

    A running countdown must repaint, and the screen must say it is paused
    after ``space``: otherwise the numbers would describe some other screen,
    so :class:`BenchError` is raised instead.
    """
    with PtyProcess(argv, clean_env(), str(ROOT)) as proc:
        _started(proc, marker)
        proc.count_bytes(SETTLE)
        running = proc.count_bytes(WINDOW) / WINDOW
        if running == 0:
            raise BenchError(f"nothing was painted in {WINDOW:.0f} s: is the timer running?")
        since = len(proc.output)
        proc.send(b" ")
        if proc.wait_for(PAUSED, 3.0, since) is None:
            raise BenchError(f"'paused' not on screen after space; screen ends: {proc.tail()}")
        proc.settle(limit=1.0)  # the repaint that shows "paused" is not idle traffic
        paused = proc.count_bytes(WINDOW) / WINDOW
        if proc.exit_status is not None:
            raise BenchError(f"the timer exited while being measured: {proc.tail()}")
        return running, paused


def trends_all(argv: Sequence[str], marker: str, done: str) -> Change:
    """Open the trends (``g``) and time ``4`` (the whole history) until ``done`` is on
    screen and the screen is quiet."""
    with PtyProcess(argv, clean_env(), str(ROOT)) as proc:
        _started(proc, marker)
        proc.quiet(QUIET, TIMEOUT)
        since = len(proc.output)
        proc.send(b"g")
        if proc.wait_for(PERIODS, TIMEOUT, since) is None:
            raise BenchError(f"after 'g', the trends did not show: {proc.tail()}")
        return _whole_history(proc, b"4", done)


def trends_cold(argv: Sequence[str], marker: str, done: str) -> Change:
    """Send ``g4`` at once and time them until ``done`` is on screen and the screen is
    quiet: the whole history with nothing worked out ahead (the trends open on 90
    days and start on the whole history only once those are on screen)."""
    with PtyProcess(argv, clean_env(), str(ROOT)) as proc:
        _started(proc, marker)
        return _whole_history(proc, b"g4", done)


def _whole_history(proc: PtyProcess, keys: bytes, done: str) -> Change:
    """Once the screen is quiet, send ``keys`` and time them until ``done`` is on
    screen and the screen is quiet again."""
    proc.quiet(QUIET, TIMEOUT)
    since = len(proc.output)
    sent = proc.send(keys)
    # A failed target is reported with its figure, not as a timeout.
    if proc.wait_for(marker_pattern(done), 3 * TIMEOUT, since) is None:
        raise BenchError(f"after {keys.decode()!r}, {done!r} not on screen: {proc.tail()}")
    return _until_quiet(proc, since, sent, f"the whole-history trends after {keys.decode()!r}")
