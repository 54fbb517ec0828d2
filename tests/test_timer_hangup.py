"""A real ``companion timer`` in a pseudo-terminal: when the terminal hangs up
mid-routine, the session is still logged, as stopped early, at wall-clock times.

Polls with deadlines; never sleeps for a fixed time longer than a blink.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from companion.core.clock import SystemClock
from companion.store import Store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

DEADLINE = 30.0
"""Seconds allowed for the app to start, or to exit after the hang-up (a busy machine)."""


def _read_until(fd: int, marker: bytes, deadline: float) -> bytes:
    seen = b""
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def _wait_exit(pid: int, deadline: float) -> int | None:
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    return None


def _hang_up(
    data_dir: Path, args: list[str], marker: bytes, how: str, keys: bytes = b"", quiet: float = 0
) -> None:
    """Start ``companion --data-dir DATA_DIR ARGS`` on a pty, wait for ``marker``, type
    ``keys`` (each until the screen is quiet), wait ``quiet`` seconds of silence, then
    hang up ``how``: the app must end with SIGHUP's code, and is never left behind."""
    import pty

    argv = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), *args]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on the pty
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, argv)
    code: int | None = None
    try:
        shown = _read_until(fd, marker, time.monotonic() + DEADLINE)
        assert marker in shown, shown[-400:]
        for key in keys:
            os.write(fd, bytes([key]))
            _read_until(fd, b"never shown", time.monotonic() + 0.3)  # until it is quiet
        if quiet:
            _read_until(fd, b"never shown", time.monotonic() + quiet)
        if how == "sighup":
            os.kill(pid, signal.SIGHUP)
        else:
            os.close(fd)  # the terminal goes away: the kernel sends SIGHUP
        code = _wait_exit(pid, time.monotonic() + DEADLINE)
        assert code == 128 + signal.SIGHUP
    finally:
        if code is None:  # still running (or never started): do not leave it behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if how == "sighup":
            os.close(fd)


@pytest.mark.parametrize("how", ["sighup", "close-terminal"])
def test_hang_up_mid_routine_logs_an_aborted_session(tmp_path: Path, how: str) -> None:
    data_dir = tmp_path / "data"
    Store.open(data_dir, SystemClock()).update_settings(first_run_seen=True)
    before = datetime.now().astimezone().replace(microsecond=0)
    _hang_up(data_dir, ["timer", "sciatica-basics"], b"Piriformis", how)
    after = datetime.now().astimezone()
    logged = Store.open(data_dir, SystemClock()).sessions.latest()
    assert logged is not None
    assert logged.routine == "sciatica-basics"
    assert logged.aborted is True
    assert (logged.completed_steps, logged.total_steps) == (0, 12)
    assert before <= logged.started_at <= logged.ended_at <= after


def _hang_up_on_the_dashboard(tmp_path: Path, how: str, keys: bytes = b"") -> Path:
    """Hang up ``how`` once the dashboard, after ``keys``, is quiet (nothing due wakes
    the loop). Returns the data directory."""
    data_dir = tmp_path / "data"
    Store.open(data_dir, SystemClock()).update_settings(first_run_seen=True)
    _hang_up(data_dir, ["--no-mouse"], b"Check in", how, keys, quiet=0.5)
    return data_dir


@pytest.mark.parametrize("how", ["sighup", "close-terminal"])
def test_an_idle_app_ends_at_once_when_the_terminal_hangs_up(tmp_path: Path, how: str) -> None:
    """Nothing on the dashboard wakes the event loop by itself (no timer runs): the
    hang-up must, or the app never ends and Textual's input thread spins on the
    closed terminal at full CPU."""
    _hang_up_on_the_dashboard(tmp_path, how)


def test_a_check_in_being_typed_survives_a_closed_terminal(tmp_path: Path) -> None:
    """``c 7 tab 6`` over SSH, then the connection drops: the next start has them."""
    data_dir = _hang_up_on_the_dashboard(tmp_path, "close-terminal", b"c7\t6")
    kept = Store.open(data_dir, SystemClock()).take_drafts()
    assert (kept["new"]["pain"], kept["new"]["leg"]) == (7, 6)


async def test_a_closed_terminal_read_failure_is_the_hang_up_not_a_crash(tmp_path: Path) -> None:
    """When the terminal closes, Textual's input thread fails to read it and
    asks for a panic while SIGHUP arrives: whichever comes first, the routine
    is saved and the exit code is the signal's."""
    from companion.core.clock import FakeClock
    from tests.conftest import FIXED_NOW
    from tests.ui import build_app

    app = build_app(tmp_path / "data", FakeClock(current=FIXED_NOW), initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_routine("sciatica-basics", ask_pain=False)
        await pilot.pause()
        assert app.unfinished
        app._on_end_signal(signal.SIGHUP, None)
        app.panic("OSError: [Errno 5] Input/output error")
        await pilot.pause()
    assert app.return_value == 128 + signal.SIGHUP  # the exit code run_app returns
    logged = app.store.sessions.latest()
    assert logged is not None and logged.aborted


async def test_sigcont_resumes_the_terminal_only_after_a_suspend(tmp_path: Path) -> None:
    """Textual restarts the terminal on every SIGCONT; the kernel sends one with
    SIGHUP when the terminal goes away, and a restart then left an input thread
    spinning on the closed terminal for ever (the process never ended)."""
    from companion.core.clock import FakeClock
    from tests.conftest import FIXED_NOW
    from tests.ui import build_app

    calls: list[str] = []
    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    signal.signal(signal.SIGTSTP, lambda *_: calls.append("suspend"))
    signal.signal(signal.SIGCONT, lambda *_: calls.append("resume"))
    try:
        app = build_app(tmp_path / "data", FakeClock(current=FIXED_NOW))
        async with app.run_test(size=(80, 24)) as pilot:
            app._resume_only_after_suspend()
            on_suspend, on_resume = (signal.getsignal(n) for n in saved)
            assert callable(on_suspend) and callable(on_resume)
            on_resume(signal.SIGCONT, None)  # `kill -CONT`, or with a hang-up
            assert calls == []
            on_suspend(signal.SIGTSTP, None)
            on_resume(signal.SIGCONT, None)  # `bg`: Textual stops again (SIGSTOP)
            on_resume(signal.SIGCONT, None)  # `fg`: resumed again
            assert calls == ["suspend", "resume", "resume"]
            app.app_resume_signal.publish(app)  # Textual has the terminal back
            on_resume(signal.SIGCONT, None)
            assert calls == ["suspend", "resume", "resume"]
            on_suspend(signal.SIGTSTP, None)
            app._on_end_signal(signal.SIGHUP, None)  # the terminal went away meanwhile
            on_resume(signal.SIGCONT, None)
            assert calls == ["suspend", "resume", "resume", "suspend"]
            await pilot.pause()
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
