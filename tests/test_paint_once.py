"""Paint once: a held screen is painted in one frame when its late pieces are in.

The frames themselves are measured by ``make bench`` (bytes per screen
change); these tests pin the hold's rules with a stand-in for the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from companion.paint import PaintHold


class _Timer:
    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class _Compositor:
    def __init__(self) -> None:
        self._dirty_regions: set[object] = set()


class _Size:
    region = "the whole screen"


class _Screen:
    def __init__(self) -> None:
        self._layout_required = False
        self._repaint_required = True  # asked for while held: covered by the full frame
        self._compositor = _Compositor()
        self.size = _Size()
        self.later: list[Callable[[], None]] = []

    @property
    def refreshed(self) -> int:
        """Full frames asked for: the whole screen dirty and a layout pass due."""
        full = _Size.region in self._compositor._dirty_regions and self._layout_required
        return int(full and not self._repaint_required)

    def check_idle(self) -> None:
        pass

    def call_after_refresh(self, callback: Callable[..., None], *args: Any) -> None:
        self.later.append(lambda: callback(*args))


class _App:
    def __init__(self, headless: bool = False) -> None:
        self.is_headless = headless
        self._batch_count = 0
        self.screen = _Screen()
        self.timers: list[_Timer] = []

    @contextmanager
    def batch_update(self) -> Iterator[None]:
        self._batch_count += 1
        try:
            yield
        finally:
            self._batch_count -= 1

    def set_timer(self, delay: float, callback: Callable[[], None], name: str) -> _Timer:
        timer = _Timer(callback)
        self.timers.append(timer)
        return timer


def _hold(app: _App, pieces: list[str]) -> PaintHold:
    return PaintHold(app, pieces, limit=1.0)  # type: ignore[arg-type]


def test_painting_waits_for_every_piece_then_paints_the_whole_screen_once() -> None:
    app = _App()
    hold = _hold(app, ["chart", "lesson"])
    assert app._batch_count == 1 and hold.holding
    hold.done("chart")
    assert app._batch_count == 1 and app.screen.refreshed == 0
    hold.done("lesson")
    assert app._batch_count == 0 and app.screen.refreshed == 1
    assert app.timers[0].stopped
    hold.done("lesson")
    hold.release()
    assert app._batch_count == 0 and app.screen.refreshed == 1


def test_a_piece_that_never_comes_does_not_leave_the_screen_blank() -> None:
    app = _App()
    hold = _hold(app, ["rescreen"])
    app.timers[0].callback()  # the limit passed
    assert app._batch_count == 0 and app.screen.refreshed == 1 and not hold.holding
    hold.done("rescreen")
    assert app.screen.refreshed == 1


def test_a_layout_still_due_is_done_while_held(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _App()
    passes: list[int] = []

    def layout() -> None:
        passes.append(1)
        app.screen._layout_required = len(passes) < 2  # the first pass asks for one more

    monkeypatch.setattr(app.screen, "_refresh_layout", layout, raising=False)
    app.screen._layout_required = True
    hold = _hold(app, ["shown"])
    hold.done("shown")
    while app.screen.later:
        assert app._batch_count == 1
        app.screen.later.pop(0)()
    assert len(passes) == 2 and not hold.holding and app.screen.refreshed == 1


def test_a_headless_app_is_never_held() -> None:
    app = _App(headless=True)
    hold = _hold(app, ["chart"])
    assert app._batch_count == 0 and not hold.holding and not app.timers
    hold.done("chart")
    assert app.screen.refreshed == 0
