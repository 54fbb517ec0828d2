"""Turn measurements into result rows: medians, ratios and the pass/fail against targets."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from bench.report import Row, kib, millis
from bench.saves import SaveCost
from bench.tui import Series

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
]

FIRST_FRAME_RATIO = 1.25
"""Companion first frame ≤ this × the bare app's."""
JOURNAL_RATIO = 1.0
"""Journal open after ``j`` ≤ this × the bare app's first frame."""
LOG_RATIO = 0.6
"""``companion log`` wall time ≤ this × the bare app's first frame."""
KIB_TARGET = 128
"""Bytes per save ≤ this many KiB."""
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
        problem="" if passed else f"{ratio:.2f}× the bare app's first frame, over {limit}×",
        samples=_samples(values),
    )


def startup_rows(bare: Series, app: Series) -> tuple[list[Row], float | None]:
    """First frame and journal rows, and the bare app's median first frame (the reference)."""
    reference = median(x.first_frame for x in bare.launches) if bare.launches else None
    frame_target = f"≤ {FIRST_FRAME_RATIO}× bare"
    journal_target = f"≤ {JOURNAL_RATIO}× bare first frame"
    frame_metric = "First frame, dashboard (s from spawn)"
    journal_metric = "Journal open after `j`"
    if app.error or not app.launches:
        problem = f"the companion did not start: {app.error}"
        rows = [
            failed_row(frame_metric, frame_target, problem),
            failed_row(journal_metric, journal_target, problem),
        ]
    else:
        frames = [x.first_frame for x in app.launches]
        journals = [x.journal for x in app.launches if x.journal is not None]
        rows = [
            _ratio_row(frame_metric, frames, reference, FIRST_FRAME_RATIO, frame_target),
            _ratio_row(journal_metric, journals, reference, JOURNAL_RATIO, journal_target),
        ]
    if reference is not None:
        rows[0].samples.append(
            "bare: " + ", ".join(_samples([x.first_frame for x in bare.launches]))
        )
    return rows, reference


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
