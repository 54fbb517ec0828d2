"""A DataTable that narrows its least important columns to keep the others whole.

Textual sizes each column to its widest cell and lets the table scroll
sideways; on a phone's 50 columns that pushed a therapy's verdict (``✗ AVOID``)
off the right edge behind a long title. Here the columns named in ``squeeze``
give up width first (each down to ``least`` cells, their text cropped) so the
rest, the verdict among them, stay readable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

__all__ = ["FittedTable"]


class FittedTable(DataTable[Any]):
    """A :class:`DataTable` whose ``squeeze`` columns (by key, first listed first)
    narrow to fit its width."""

    def __init__(self, *, squeeze: tuple[str, ...], least: int = 8, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.squeeze = squeeze
        """Column keys that give up width, the first until it reaches ``least``, then the next."""
        self.least = least
        """The narrowest a squeezed column becomes."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)  # measures the new rows' cells
        if self._fit():
            super()._update_dimensions(())
            self._clear_caches()
            self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        self._require_update_dimensions = True

    def _fit(self) -> bool:
        """Give the squeezed columns the width left; whether any width changed."""
        room = self.size.width - self.styles.scrollbar_size_vertical
        if room <= 0:
            return False
        columns = {key.value: column for key, column in self.columns.items()}
        padding = 2 * self.cell_padding
        over = (
            sum(
                padding
                + (
                    column.content_width
                    if key in self.squeeze or column.auto_width
                    else column.width
                )
                for key, column in columns.items()
            )
            - room
        )
        changed = False
        for key in self.squeeze:
            column = columns.get(key)
            if column is None:
                continue
            natural = column.content_width
            width = max(min(self.least, natural), natural - max(over, 0))
            over -= natural - width
            auto = width >= natural
            if auto != column.auto_width or (not auto and width != column.width):
                changed = True
            column.auto_width = auto
            column.width = natural if auto else width
        return changed
