"""Turn measurements into result rows: medians, ratios and the pass/fail against targets."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from bench.report import Row, kib, millis
from bench.saves import SaveCost
from bench.tui import Change, Series

__all__ = [
    "KIB_TARGET",
    "fastest_ratios",
    "failed_row",
    "import_row",
    "log_row",
    "rss_row",
    "save_row",
    "startup_rows",
    "traffic_row",
    "trends_cold_row",
    "trends_row",
]

COMPLETE_RATIO = 1.15
"""Companion start-up complete and quiet ≤ this × the bare app's, measured the same way."""
JOURNAL_RATIO = 0.8
"""Journal complete and quiet after ``j`` ≤ this × the bare app's complete start-up."""
FRAME_RATIO = 1.3
"""Bytes written per screen change ≤ this × one full frame of that screen (its
repaint on ctrl+l; for the bare app, the largest frame it painted)."""
LOG_RATIO = 0.6
"""``companion log`` wall time ≤ this × the bare app's first frame."""
KIB_TARGET = 128
"""Bytes per save ≤ this many KiB."""
TRENDS_SECONDS = 0.3
"""Whole-history trends (``4``) complete within this many seconds at 50 years."""
IMPORT_SECONDS = 5.0
"""Importing the 50,000 entries ≤ this many seconds."""


def failed_row(metric: str, target: str, problem: str) -> Row:
    """A row whose measurement could not be taken: a failure, with the reason."""
    return Row(metric, "not measured", target=target, passed=False, problem=problem)


def _samples(values: Sequence[float]) -> list[str]:
    return [millis(value) for value in values]


def _ratio_row(
    metric: str, values: Sequence[float], reference: float | None, limit: float, target: str
) -> Row:
    """A timing held to ``limit`` × ``reference`` (the bare app's median first frame)."""
    if reference is None:
        return failed_row(metric, target, "no reference: the bare app did not start")
    value = median(values)
    ratio = value / reference
    passed = ratio <= limit
    return Row(
        metric,
        millis(value),
        millis(reference),
        f"{ratio:.2f}×",
        target,
        passed,
        problem="" if passed else f"{ratio:.2f}× the bare app's, over {limit}×",
        samples=_samples(values),
    )


def _info_row(metric: str, values: Sequence[float], reference: float | None) -> Row:
    """A timing shown for information, against the bare app's if there is one."""
    ratio = f"{median(values) / reference:.2f}×" if reference else "—"
    shown = millis(reference) if reference else "—"
    return Row(metric, millis(median(values)), shown, ratio, samples=_samples(values))


def _frames_row(metric: str, changes: Sequence[Change]) -> Row:
    """Bytes per screen change against one full frame (median over the runs)."""
    ratios = [change.per_frame for change in changes]
    value = median(ratios)
    passed = value <= FRAME_RATIO
    written = median(change.written for change in changes)
    frames = median(len(change.frames) for change in changes)
    return Row(
        metric,
        f"{value:.2f}× ({kib(int(written))}, {frames:.0f} frames)",
        target=f"≤ {FRAME_RATIO}× one full frame",
        passed=passed,
        problem="" if passed else f"{value:.2f}× one full frame, over {FRAME_RATIO}×",
        samples=[
            f"{change.written} B in frames of {', '.join(map(str, change.frames))} B"
            f" (one full frame: {change.full_frame} B)"
            for change in changes
        ],
    )


def startup_rows(bare: Series, app: Series) -> tuple[list[Row], float | None]:
    """Start-up and journal rows, and the bare app's median first frame (the reference
    for ``companion log``).

    The targets are on complete screens: the last byte before
    :data:`bench.tui.QUIET` s of silence, not the first sight of a marker.
    """
    reference = median(x.first_frame for x in bare.launches) if bare.launches else None
    bare_starts = [x.start for x in bare.launches if x.start is not None]
    complete = median(x.complete for x in bare_starts) if bare_starts else None
    start_target = f"≤ {COMPLETE_RATIO}× bare complete"
    journal_target = f"≤ {JOURNAL_RATIO}× bare complete start-up"
    start_metric = "Start-up complete, dashboard (s from spawn to quiet)"
    journal_metric = "Journal complete after `j` (s to quiet)"
    frames_target = f"≤ {FRAME_RATIO}× one full frame"
    start_frames = "Bytes per screen change: start-up"
    journal_frames = "Bytes per screen change: journal"
    if app.error or not app.launches:
        problem = f"the companion did not start: {app.error}"
        failed = [
            (start_metric, start_target),
            (journal_metric, journal_target),
            (start_frames, frames_target),
            (journal_frames, frames_target),
        ]
        return [failed_row(metric, target, problem) for metric, target in failed], reference
    starts = [x.start for x in app.launches if x.start is not None]
    journals = [x.journal_change for x in app.launches if x.journal_change is not None]
    rows = [
        _ratio_row(
            start_metric, [x.complete for x in starts], complete, COMPLETE_RATIO, start_target
        ),
        _ratio_row(
            journal_metric, [x.complete for x in journals], complete, JOURNAL_RATIO, journal_target
        ),
        _frames_row(start_frames, starts),
        _frames_row(journal_frames, journals),
        _info_row(
            "First frame, dashboard (marker on screen)",
            [x.first_frame for x in app.launches],
            reference,
        ),
        _info_row(
            "Journal marker on screen after `j`",
            [x.journal for x in app.launches if x.journal is not None],
            reference,
        ),
    ]
    if bare_starts:
        rows[0].samples.append("bare: " + ", ".join(_samples([x.complete for x in bare_starts])))
        bare_frames = _frames_row("bare", bare_starts)
        rows[2].samples.append(f"bare app: {bare_frames.companion}")
    return rows, reference


REDRAWN_METRIC = "Start-up complete, chart drawn anew (no memo; s to quiet)"
"""The start after a change to the chart's data, size or theme (see companion.core.chart_memo)."""


def redrawn_row(values: Sequence[float], bare: Series) -> Row:
    """Start-up complete with the 30-day chart drawn by plotext (its memo removed before
    each start), against the bare app's complete start-up, for information."""
    starts = [x.start.complete for x in bare.launches if x.start is not None]
    return _info_row(REDRAWN_METRIC, values, median(starts) if starts else None)


def rss_row(bare: Series, app: Series) -> Row:
    """Peak resident memory at first frame, for information."""
    app_kib = [x.rss_kib for x in app.launches if x.rss_kib]
    bare_kib = [x.rss_kib for x in bare.launches if x.rss_kib]
    if not app_kib or not bare_kib:
        return Row("Peak RSS at first frame (VmHWM)", "not measured", status="info")
    app_value, bare_value = median(app_kib), median(bare_kib)
    return Row(
        "Peak RSS at first frame (VmHWM)",
        f"{app_value / 1024:.1f} MiB",
        f"{bare_value / 1024:.1f} MiB",
        f"{app_value / bare_value:.2f}×",
        "— (information)",
    )


def save_row(cost: SaveCost) -> Row:
    """Bytes one save wrote, by the store's count and by the files it replaced."""
    limit = KIB_TARGET * 1024
    agree = cost.reported == cost.on_disk
    passed = cost.worst <= limit and agree
    if not agree:
        problem = f"store.bytes_written says {cost.reported} B but the files total {cost.on_disk} B"
    else:
        problem = f"{kib(cost.worst)} written, over {KIB_TARGET} KiB"
    return Row(
        f"Bytes per save: {cost.label}",
        f"{kib(cost.reported)} (files: {kib(cost.on_disk)})",
        target=f"≤ {KIB_TARGET} KiB",
        passed=passed,
        problem="" if passed else problem,
        samples=[f"{name}" for name in cost.files],
    )


def log_row(values: Sequence[float], reference: float | None) -> Row:
    """``companion log --pain 5`` against the bare app's first frame."""
    target = f"≤ {LOG_RATIO}× bare first frame"
    return _ratio_row("`companion log --pain 5` wall time", values, reference, LOG_RATIO, target)


def import_row(values: Sequence[float]) -> Row:
    """Importing the export of the 50,000 entries into an empty directory."""
    value = median(values)
    passed = value <= IMPORT_SECONDS
    return Row(
        "`companion import` of 50,000 entries (wall time)",
        f"{value:.2f} s",
        target=f"≤ {IMPORT_SECONDS:.0f} s",
        passed=passed,
        problem="" if passed else f"{value:.2f} s, over {IMPORT_SECONDS:.0f} s",
        samples=[f"{v:.2f} s" for v in values],
    )


def traffic_row(metric: str, value: float, reference: str, limit: float, unit: str) -> Row:
    """Terminal traffic held to at most ``limit`` (0 for an idle screen)."""
    passed = value <= limit
    shown = f"{value:.0f} {unit}"
    target = f"{'= 0' if limit == 0 else f'≤ {limit:.0f}'} {unit}"
    return Row(
        metric,
        shown,
        reference,
        target=target,
        passed=passed,
        problem="" if passed else f"{shown}, target {target}",
    )


def fastest_ratios(bare: Series, app: Series, log_times: Sequence[float]) -> str | None:
    """The same ratios from each series' fastest run: the least disturbed on a busy machine.

    For information only; the targets are judged on medians.
    """
    if not bare.launches or not app.launches:
        return None
    reference = min(x.first_frame for x in bare.launches)
    parts = [f"first frame {min(x.first_frame for x in app.launches) / reference:.2f}×"]
    journals = [x.journal for x in app.launches if x.journal is not None]
    if journals:
        parts.append(f"journal {min(journals) / reference:.2f}×")
    if log_times:
        parts.append(f"`log` {min(log_times) / reference:.2f}×")
    return (
        f"Fastest-run ratios (least disturbed by other work; targets use medians): "
        f"{', '.join(parts)} of the bare app's fastest first frame ({millis(reference)})."
    )


def trends_row(metric: str, changes: Sequence[Change]) -> Row:
    """Whole-history trends, from ``4`` until complete and quiet."""
    value = median(change.complete for change in changes)
    passed = value <= TRENDS_SECONDS
    return Row(
        metric,
        millis(value),
        target=f"≤ {millis(TRENDS_SECONDS)}",
        passed=passed,
        problem="" if passed else f"{millis(value)}, over {millis(TRENDS_SECONDS)}",
        samples=[millis(change.complete) for change in changes],
    )


def trends_cold_row(metric: str, changes: Sequence[Change]) -> Row:
    """The trends opened straight onto the whole history (``g4``), for information:
    nothing is worked out ahead then."""
    return Row(
        metric,
        millis(median(change.complete for change in changes)),
        samples=[millis(change.complete) for change in changes],
    )
