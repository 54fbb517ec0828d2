"""The real app in a pseudo-terminal, fed hostile text: a stored note holding OSC 52
(clipboard), OSC 0 (window title) and CSI sequences, and a user article with an
escape in its name and a YAML alias bomb in its front matter. The bytes the app
writes must never hold those sequences; the text shows as visible placeholders,
and the app still quits on ``q`` and on SIGTERM.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import orjson
import pytest

from companion.core.clock import SystemClock
from companion.store import Store
from tests.test_timer_hangup import DEADLINE, _read_until, _wait_exit

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")

NOTE = "\x1b]0;PWNED\x07\x1b]52;c;aGVsbG8=\x07\x1b[31;1;4mEVIL done"
FORBIDDEN = (b"\x1b]0;PWNED", b"\x1b]52;c;aGVsbG8=", b"\x1b[31;1;4mEVIL")
BOMB = "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def _hostile_home(tmp_path: Path) -> tuple[Path, Path]:
    """A data directory whose stored note an older version let through, and a user
    content folder with a hostile article name and an alias bomb."""
    data_dir = tmp_path / "data"
    store = Store.open(data_dir, SystemClock())
    store.update_settings(first_run_seen=True, screening_offered=True)
    now = SystemClock().now().replace(microsecond=0)
    doc = {"id": "hostile01", "at": now.isoformat(), "pain": 4, "note": NOTE}
    shard = data_dir / "checkins" / f"{now.astimezone().strftime('%Y-%m')}.json"
    shard.parent.mkdir(mode=0o700, exist_ok=True)
    shard.write_bytes(orjson.dumps({"checkins": {"hostile01": doc}}))
    shard.chmod(0o600)
    config = tmp_path / "config"
    (config / "articles").mkdir(parents=True)
    (config / "articles" / "x\x1b]0;PWNED\x07.md").write_text("---\ntitle: x\n---\nbody\n")
    (config / "articles" / "bomb.md").write_text(BOMB + "title: bomb\n---\nbody\n")
    return data_dir, config


def _spawn(data_dir: Path, config: Path, screen: str) -> tuple[int, int]:
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on the pty
        os.environ.update(TERM="xterm-256color", COMPANION_CONFIG_DIR=str(config))
        argv = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), screen]
        os.execv(sys.executable, argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 160, 0, 0))
    return pid, fd


def _stop(pid: int, code: int | None) -> None:
    if code is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


@pytest.mark.parametrize(
    ("screen", "marker", "keys"),
    [
        ("journal", b"PWNED", b""),
        ("dashboard", b"Today", b"j"),
        ("library", b"left out", b""),
    ],
)
def test_hostile_text_never_reaches_the_terminal_raw(
    tmp_path: Path, screen: str, marker: bytes, keys: bytes
) -> None:
    data_dir, config = _hostile_home(tmp_path)
    pid, fd = _spawn(data_dir, config, screen)
    code: int | None = None
    try:
        written = _read_until(fd, marker, time.monotonic() + DEADLINE)
        assert marker in written, written[-600:]
        if keys:  # the dashboard, then the journal from it
            os.write(fd, keys)
            written += _read_until(fd, b"PWNED", time.monotonic() + DEADLINE)
            assert b"PWNED" in written
        os.write(fd, b"q")
        written += _read_until(fd, b"\x1b[?1049l", time.monotonic() + DEADLINE)
        code = _wait_exit(pid, time.monotonic() + DEADLINE)
        assert code == 0
    finally:
        _stop(pid, code)
        os.close(fd)
    for sequence in FORBIDDEN:
        assert sequence not in written
    if screen != "library":
        assert "␛]0;PWNED␇".encode() in written


def test_sigterm_quits_the_library_whatever_its_content(tmp_path: Path) -> None:
    data_dir, config = _hostile_home(tmp_path)
    pid, fd = _spawn(data_dir, config, "library")
    code: int | None = None
    try:
        shown = _read_until(fd, b"left out", time.monotonic() + DEADLINE)
        assert b"left out" in shown
        os.kill(pid, signal.SIGTERM)
        code = _wait_exit(pid, time.monotonic() + DEADLINE)
        assert code is not None
    finally:
        _stop(pid, code)
        os.close(fd)


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_an_export_written_to_a_terminal_shows_escapes_as_text(tmp_path: Path, kind: str) -> None:
    import pty

    data_dir, _config = _hostile_home(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:
        argv = [sys.executable, "-m", "companion", "--data-dir", str(data_dir), "export"]
        os.execv(sys.executable, [*argv, "--format", kind])
    code: int | None = None
    try:
        written = _read_until(fd, b"done", time.monotonic() + DEADLINE)
        code = _wait_exit(pid, time.monotonic() + DEADLINE)
        assert code == 0
    finally:
        _stop(pid, code)
        os.close(fd)
    for sequence in FORBIDDEN:
        assert sequence not in written
    if kind == "csv":
        assert "␛]0;PWNED␇".encode() in written
