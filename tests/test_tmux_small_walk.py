"""A phone's SSH client in a real terminal: ``companion`` in tmux at 50x25 from a
first run, walked as a person would: welcome → screening → check-in → journal →
library → timer → quit, each step's words on screen before the next key.

Skipped when tmux is not installed. Each wait polls the pane until the text
appears, with a generous deadline for a busy machine (never a fixed sleep).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMPANION = Path(sys.executable).with_name("companion")
DEADLINE = 60.0


class Pane:
    """One tmux server of our own (its own socket), one 50x25 session."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t").stdout

    def wait_for(self, *words: str) -> str:
        """The screen, once it shows every one of ``words``."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            screen = self.text()
            if all(word in screen for word in words):
                return screen
            time.sleep(0.1)  # polling an outside process: the condition is re-checked each time
        raise AssertionError(f"{words!r} never appeared; the screen was:\n{self.text()}")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def wait_for_exit(self) -> None:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if self.tmux("has-session", "-t", "t").returncode != 0:
                return
            time.sleep(0.1)  # as above: an outside process
        raise AssertionError(f"the app did not quit; the screen was:\n{self.text()}")


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    socket = f"companion-walk-{os.getpid()}"
    env = f"COMPANION_DATA_DIR={tmp_path / 'data'} TERM=xterm-256color"
    # The size is the terminal's own: COLUMNS and LINES from the test run would override it.
    command = f"env -u COLUMNS -u LINES {env} {COMPANION} --no-mouse"
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-s", "t", "-x", "50", "-y", "25", command],
        check=True,
    )
    try:
        yield Pane(socket)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False, capture_output=True)


def test_first_day_on_a_phone_from_welcome_to_quit(pane: Pane) -> None:
    pane.wait_for("Welcome", "Start screening")  # the notice and its way out, both in view
    pane.send("s")
    pane.wait_for("Where do you live?")
    pane.send("Enter")
    screen = pane.wait_for("1 of", "Yes  y", "No  n")  # the answers in view with the question
    assert "? Help" in screen.splitlines()[-1]
    for _ in range(20):  # "no" to every question, a few at a time, until the results
        if "Screening results" in pane.text():
            break
        pane.send(*"nnnnn")
        time.sleep(0.5)  # pacing the keys of an outside process, not waiting for a condition
    pane.wait_for("Screening results", "No warning signs")

    pane.send("c")
    pane.wait_for("enter Save")
    pane.send("5", "Enter")
    pane.wait_for("Pain 5/10")

    pane.send("j")
    screen = pane.wait_for("1 check-in shown")
    assert "filter words" in screen  # the words box has its own row

    pane.send("l")
    pane.wait_for("Kind: all", "Inversion therapy")

    pane.send("t")
    pane.wait_for("Sciatica basics")
    pane.send("Enter")
    pane.wait_for("Pain before you start?")
    pane.send("Enter")
    pane.wait_for("Hold · rep 1 of 3", "space Pause")

    pane.send("q")
    pane.wait_for_exit()
