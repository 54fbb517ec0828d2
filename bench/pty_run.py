"""Run a program in a pseudo-terminal and watch what it paints.

:class:`PtyProcess` forks a child on a fresh 80×24 pty (the caller gives ``TERM``),
keeps every byte the child writes, and finds text on screen by stripping the
escape sequences from that stream and searching it: Textual writes the text
of a widget as plain characters between style and cursor codes. Every wait
has a deadline, and :meth:`PtyProcess.kill` (also run on leaving the ``with``
block) kills the child's whole process group, so a hung app cannot hang the
benchmark.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from types import TracebackType

__all__ = ["PtyProcess", "frame_sizes", "marker_pattern", "screen_text"]

COLUMNS, ROWS = 80, 24
"""The terminal size every run gets."""

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC … BEL/ST
    r"|\x1b[P_^][^\x1b]*\x1b\\"  # DCS / APC / PM … ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[ -/]*[0-~]"  # other two-byte escapes
)


SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks whether the terminal supports synchronized output (DECRQM 2026)…"""
SYNC_REPLY = b"\x1b[?2026;2$y"
"""…and, as most current terminals do, this one says yes: every frame Textual
paints then arrives between :data:`SYNC_START` and :data:`SYNC_END`, so
frames can be counted and weighed in the byte stream."""
SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"


def frame_sizes(raw: bytes) -> list[int]:
    """The size in bytes of each synchronized frame in ``raw``, in order."""
    sizes = []
    start = raw.find(SYNC_START)
    while start >= 0:
        end = raw.find(SYNC_END, start)
        if end < 0:
            break
        sizes.append(end + len(SYNC_END) - start)
        start = raw.find(SYNC_START, end)
    return sizes


def screen_text(raw: bytes) -> str:
    """The characters in ``raw`` with escape sequences removed."""
    return _ESCAPES.sub("", raw.decode("utf-8", errors="replace"))


def marker_pattern(text: str) -> re.Pattern[str]:
    """A pattern for ``text`` that also matches it wrapped over two lines."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


class PtyProcess:
    """A child process on its own pseudo-terminal. Use it as a context manager."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], cwd: str) -> None:
        self.output = bytearray()
        """Everything the child has written so far."""
        self.started = time.perf_counter()
        """When the child was forked (``perf_counter`` seconds)."""
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                winsize = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                os.chdir(cwd)
                os.execve(argv[0], list(argv), dict(env))
            finally:
                os._exit(127)
        self.pid = pid
        """The child's process id (also its process group: it leads a new session)."""
        self.fd = fd
        self.exit_status: int | None = None
        """The ``waitpid`` status once the child has ended."""
        self.last_output = self.started
        """When the latest bytes arrived (``perf_counter`` seconds)."""
        self._answered = False

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()

    # -- reading -----------------------------------------------------------

    def _read(self, timeout: float) -> int:
        """Read what is available within ``timeout`` s; bytes read, or -1 once the pty closed."""
        if self.fd < 0:
            return -1
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return 0
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal (exited)
            chunk = b""
        if not chunk:
            self._reap()
            return -1
        self.last_output = time.perf_counter()
        self.output += chunk
        if not self._answered and SYNC_QUERY in self.output[-len(chunk) - len(SYNC_QUERY) :]:
            self._answered = True
            os.write(self.fd, SYNC_REPLY)
        return len(chunk)

    def wait_for(self, pattern: re.Pattern[str], timeout: float, since: int = 0) -> float | None:
        """Read until ``pattern`` is on screen in ``output[since:]``.

        Returns the ``perf_counter`` time the chunk holding it arrived, or
        ``None`` if it did not appear within ``timeout`` s or the child ended.
        """
        deadline = time.perf_counter() + timeout
        while True:
            if pattern.search(screen_text(bytes(self.output[since:]))):
                return time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or self._read(remaining) < 0:
                return None

    def count_bytes(self, seconds: float) -> int:
        """Read for ``seconds`` and return how many bytes the child wrote meanwhile."""
        before = len(self.output)
        deadline = time.perf_counter() + seconds
        while (remaining := deadline - time.perf_counter()) > 0:
            if self._read(remaining) < 0:
                break
        return len(self.output) - before

    def settle(self, quiet: float = 0.3, limit: float = 3.0) -> None:
        """Read until the child has been silent for ``quiet`` s (at most ``limit`` s)."""
        deadline = time.perf_counter() + limit
        while (remaining := deadline - time.perf_counter()) > 0:
            if self._read(min(quiet, remaining)) <= 0:
                return

    def quiet(self, quiet: float = 0.3, limit: float = 10.0) -> float | None:
        """Read until ``quiet`` s of silence; when the last byte before it arrived.

        ``None`` if the child was still writing after ``limit`` s or ended.
        """
        deadline = time.perf_counter() + limit
        while (remaining := deadline - time.perf_counter()) > 0:
            read = self._read(min(quiet, remaining))
            if read < 0:
                return None
            if read == 0 and time.perf_counter() - self.last_output >= quiet:
                return self.last_output
        return None

    def send(self, keys: bytes) -> float:
        """Type ``keys``; returns the ``perf_counter`` time they were sent."""
        sent = time.perf_counter()
        os.write(self.fd, keys)
        return sent

    # -- the process -------------------------------------------------------

    def peak_rss_kib(self) -> int | None:
        """The child's peak resident memory so far (``VmHWM``), in KiB."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def tail(self, chars: int = 300) -> str:
        """The last screen text written, for error messages."""
        return " ".join(screen_text(bytes(self.output[-4000:])).split())[-chars:]

    def _reap(self) -> None:
        """Collect the exit status of a child that closed its terminal (waits up to 2 s)."""
        deadline = time.perf_counter() + 2.0
        while self.exit_status is None and time.perf_counter() < deadline:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return
            if pid:
                self.exit_status = status
            else:
                time.sleep(0.01)

    def kill(self) -> None:
        """Kill the child's process group, reap it and close the terminal."""
        if self.exit_status is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                _, self.exit_status = os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
