"""Paint once: started in a real pseudo-terminal, the dashboard's first frame is
complete, footer keys included; every later frame only repeats what it showed
(Textual's own repaints). A chart, lesson or re-screen offer joining
later made the terminal receive most of the screen again. Textual's repeats of
the whole screen carry only what the terminal does not already show
(companion.painted_screen), so each screen change sends about one full frame.

The terminal answers Textual's synchronized-output query, as ``make bench``'s
does, so each frame is delimited. What the frames hold is compared, not how
many there are or how long they took: those depend on the machine's load, and
the bench measures them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from bench.programs import ROOT, clean_env
from bench.pty_run import COLUMNS, ROWS, SYNC_END, SYNC_START, PtyProcess, marker_pattern
from companion.core.clock import SystemClock
from companion.store import Store
from tests.store_helpers import checkin, screening, session

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

WAIT = 60.0
"""Seconds to wait for the dashboard on a busy shared machine before failing."""
_TOKEN = re.compile(
    r"\x1b\[(\d+);(\d+)H"  # cursor move: the only escape that moves the cursor here
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]"  # others
    r"|\r\n|\r|\n|(.)",
    re.DOTALL,
)


def _frames(raw: bytes) -> list[str]:
    frames = []
    start = raw.find(SYNC_START)
    while start >= 0 and (end := raw.find(SYNC_END, start)) >= 0:
        frames.append(raw[start:end].decode("utf-8", errors="replace"))
        start = raw.find(SYNC_START, end)
    return frames


def _paint(screen: list[list[str]], frame: str) -> set[int]:
    """Apply ``frame`` to ``screen`` (rows of characters); the rows whose text it changed.

    Enough of a terminal for what Textual writes: cursor moves, line breaks and
    characters one cell wide; colours and styles are left out."""
    row = col = 0
    changed = set()
    for token in _TOKEN.finditer(frame):
        if token.group(1):
            row, col = int(token.group(1)) - 1, int(token.group(2)) - 1
        elif token.group(0) in ("\r\n", "\n"):
            row, col = row + 1, 0
        elif token.group(0) == "\r":
            col = 0
        elif token.group(3) is not None and row < ROWS and col < COLUMNS:
            if screen[row][col] != token.group(3):
                screen[row][col] = token.group(3)
                changed.add(row)
            col += 1
    return changed


def _home(data_dir: Path) -> None:
    clock = SystemClock()
    store = Store.open(data_dir, clock)
    now = clock.now()
    for days in range(0, 20, 3):
        store.checkins.add(checkin(now - timedelta(days=days, minutes=5), pain=4 + days % 5))
    store.sessions.add(session(now - timedelta(minutes=30)))
    store.screenings.add(screening(now - timedelta(days=2)))  # older questions: due again
    store.update_settings(first_run_seen=True, screening_offered=True, region="uk")


def _text(screen: list[list[str]]) -> str:
    return "\n".join("".join(line) for line in screen)


@contextmanager
def _on_the_dashboard(tmp_path: Path) -> Iterator[PtyProcess]:
    """The companion in a pty on a lived-in journal, its dashboard shown and quiet."""
    data_dir = tmp_path / "data"
    _home(data_dir)
    argv = [sys.executable, "-m", "companion", "--data-dir", str(data_dir)]
    with PtyProcess(argv, clean_env(), str(ROOT)) as proc:
        assert proc.wait_for(marker_pattern("Due again"), WAIT) is not None, proc.tail()
        assert proc.quiet(0.5, WAIT) is not None
        yield proc


def test_the_dashboard_is_sent_complete_in_one_frame(tmp_path: Path) -> None:
    """Its first frame holds all of it; Textual repaints it whole several times
    as it starts, and those repaints change nothing, so none is sent."""
    with _on_the_dashboard(tmp_path) as proc:
        frames = _frames(bytes(proc.output))
    screen = [[" "] * COLUMNS for _ in range(ROWS)]
    _paint(screen, frames[0])
    shown = _text(screen)
    for needed in ("Lesson: ", "Due again (questions", "Next routine: ", "today", "? Help"):
        assert needed in shown, shown
    for number, later in enumerate(frames[1:], start=1):
        changed = _paint(screen, later)
        assert not changed, f"frame {number} changed rows {sorted(changed)}:\n{_text(screen)}"
    assert len(frames) == 1, f"Textual's repaints were sent: frames of {list(map(len, frames))} B"


def test_the_journal_never_shows_an_empty_table(tmp_path: Path) -> None:
    """After ``j`` the rows come with the table: they are read before the first frame.
    Textual may send the new screen in parts; no frame shows the table's header
    without its rows, and once all of it is there, no frame changes it. The
    frames carry only lines that differ from the dashboard's, so the screen is
    followed from the start."""
    with _on_the_dashboard(tmp_path) as proc:
        since = len(proc.output)
        proc.send(b"j")
        assert proc.wait_for(marker_pattern("newest first"), WAIT, since) is not None, proc.tail()
        assert proc.quiet(0.5, WAIT) is not None
        frames = _frames(bytes(proc.output[since:]))
        dashboard = _frames(bytes(proc.output[:since]))
    screen = [[" "] * COLUMNS for _ in range(ROWS)]
    for frame in dashboard:
        _paint(screen, frame)
    complete = False
    newest = f"{SystemClock().now() - timedelta(minutes=5):%d %b}"
    for number, frame in enumerate(frames):
        changed = _paint(screen, frame)
        shown = _text(screen)
        if "When " in shown:
            assert newest in shown, f"frame {number} shows the table without its rows:\n{shown}"
        if complete:
            assert not changed, f"frame {number} changed rows {sorted(changed)}:\n{shown}"
        complete = complete or all(
            part in shown for part in ("When ", "to YYYY-MM-DD", "7 check-ins shown", "del Delete")
        )
    assert complete, shown


def test_frames_leave_out_only_what_the_terminal_already_shows(tmp_path: Path) -> None:
    """Each frame carries only what the terminal does not show already. Followed
    from the start, the frames build the very screen that a whole repaint
    (ctrl+l) draws on an empty terminal: after start-up and after each of several
    screen changes, there and back."""
    steps = [(b"", ""), (b"j", "newest first"), (b"t", "Routine"), (b"d", "Due again")]
    with _on_the_dashboard(tmp_path) as proc:
        for keys, marker in steps + [(b"j", "newest first")]:
            if keys:
                since = len(proc.output)
                proc.send(keys)
                assert proc.wait_for(marker_pattern(marker), WAIT, since) is not None, proc.tail()
                assert proc.quiet(0.5, WAIT) is not None
            built = [[" "] * COLUMNS for _ in range(ROWS)]
            for frame in _frames(bytes(proc.output)):
                _paint(built, frame)
            since = len(proc.output)
            proc.send(b"\x0c")  # ctrl+l
            assert proc.quiet(0.5, WAIT) is not None
            whole = [[" "] * COLUMNS for _ in range(ROWS)]
            repaint = _frames(bytes(proc.output[since:]))
            assert repaint, "ctrl+l repainted nothing"
            for frame in repaint:
                _paint(whole, frame)
            assert _text(built) == _text(whole), f"after {keys!r}"
            assert len(_text(whole).split()) > 20, _text(whole)
