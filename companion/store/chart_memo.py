"""The dashboard chart's memo: ``.dashboard-chart.json`` in the data directory.

See :mod:`companion.core.chart_memo` for what it holds and when it is shown.
Like the content index it is a per-machine cache, private (0600, written
atomically) and never synced or backed up; a read-only or full disk only means
the chart is drawn anew at the next start.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from companion.core.chart_memo import MAX_MEMO_BYTES, ChartMemo, decode_memo, encode_memo
from companion.core.files import FileRefusedError, read_regular
from companion.store.atomic import write_atomic
from companion.store.devices import CHART_MEMO_NAME, ensure_ignored

__all__ = ["read_memo", "write_memo"]


def read_memo(data_dir: Path) -> ChartMemo | None:
    """The memo kept in ``data_dir``, if there is a whole one that is safe to show."""
    try:
        raw = read_regular(data_dir / CHART_MEMO_NAME, MAX_MEMO_BYTES, follow_links=False)
    except FileRefusedError:
        return None
    return decode_memo(raw)


def write_memo(data_dir: Path, memo: ChartMemo) -> bool:
    """Keep ``memo`` for the next start if it reads back whole; returns whether it was written."""
    raw = encode_memo(memo)
    if decode_memo(raw) != memo:
        return False
    with contextlib.suppress(OSError):
        ensure_ignored(data_dir)  # never synced, even from an older folder
    try:
        write_atomic(data_dir / CHART_MEMO_NAME, raw)
    except OSError:
        return False
    return True
