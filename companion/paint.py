"""Paint once: hold the terminal's repaints while a screen is being filled in.

Over a slow SSH link every repaint is felt. A screen that is drawn, then
drawn again as each late piece arrives (the chart, a re-screen offer, the
rows of a table, Textual's own layout passes), sends the whole screen two
to five times. :class:`PaintHold` suspends painting (Textual's
``batch_update``) until the named pieces say they are done, or at most
``limit`` seconds, so the terminal receives one complete frame and then
only what changes.

Only in a real terminal: a headless app (tests) paints nothing anyway, and
its tests wait on events that must not depend on the hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from typing import Any

from textual.app import App
from textual.timer import Timer

__all__ = ["PaintHold"]

SETTLE_PASSES = 8
"""Layout passes a held screen may take to settle before it is painted anyway."""


class PaintHold:
    """Painting suspended until every piece is :meth:`done`, or ``limit`` seconds pass."""

    def __init__(self, app: App[Any], pieces: Iterable[str], limit: float) -> None:
        self._app = app
        self._waiting = set(pieces)
        self._stack = ExitStack()
        self._timer: Timer | None = None
        if self._waiting and not app.is_headless:
            self._stack.enter_context(app.batch_update())
            # A piece that never reports (an error shown elsewhere, a very slow
            # machine) must not leave the screen blank: it paints late instead.
            self._timer = app.set_timer(limit, self.release, name="paint-hold")

    @property
    def holding(self) -> bool:
        """Whether painting is still held."""
        return self._timer is not None

    def done(self, piece: str) -> None:
        """``piece`` is on screen (in the widgets); paint once all are and the layout settled."""
        self._waiting.discard(piece)
        if not self._waiting and self.holding:
            self._settle(SETTLE_PASSES)

    def _settle(self, passes: int) -> None:
        """Lay the screen out while still held, until nothing asks for another layout.

        Textual sizes widgets in a layout pass, and widgets react to their new
        size (scroll bars appear, the footer recomposes for the new bindings),
        which asks for another pass: each would be a frame of its own.
        """
        screen = self._app.screen
        if passes and self.holding and screen._layout_required:
            screen._layout_required = False
            screen._refresh_layout()
            screen.call_after_refresh(self._settle, passes - 1)
        else:
            self.release()

    def release(self) -> None:
        """Paint now, whatever is still missing (once; later calls do nothing)."""
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.stop()
            self._stack.close()
            screen = self._app.screen
            if self._app._batch_count:
                return
            # Frames held back were dropped: the next one must paint the whole
            # screen, and be the only one. A layout pass paints every dirty
            # region in one frame (and the widgets' own repaints with it).
            screen._compositor._dirty_regions.add(screen.size.region)
            screen._layout_required = True
            screen._repaint_required = False  # the full frame covers it
            screen.check_idle()
