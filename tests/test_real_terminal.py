"""The daily path in a real terminal (tmux at 50x25, a phone's SSH client):
welcome, screening, check-in, journal, library, timer, quit. Skipped where
tmux is not installed (CI has only python3 and the package registry)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WAIT = 60.0
"""Seconds to wait for a screen on a busy shared machine before failing."""


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def text(self) -> str:
        ran = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return ran.stdout

    def expect(self, words: str) -> str:
        """Wait until ``words`` are on screen (the terminal is another process: poll)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            screen = self.text()
            if words in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{words!r} never appeared; the screen:\n{self.text()}")


@pytest.fixture
def terminal(tmp_path: Path):
    name = f"companion-test-{os.getpid()}"
    env = {
        "COMPANION_DATA_DIR": str(tmp_path / "data"),
        "COMPANION_CONFIG_DIR": str(tmp_path / "config"),
    }
    command = " ".join(f"{k}={v}" for k, v in env.items())
    command += f" {sys.executable} -m companion"
    subprocess.run(["tmux", "new", "-d", "-s", name, "-x", "50", "-y", "25", command], check=True)
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_the_daily_path_at_50_by_25(terminal: Terminal) -> None:
    terminal.expect("Welcome")
    terminal.keys("s")
    terminal.expect("Where do you live?")  # the region, for the emergency numbers
    terminal.keys("Enter")
    terminal.expect("Signs that need emergency care")
    for _ in range(80):  # "no" to every question, whatever their number
        if "Screening results" in terminal.text():
            break
        terminal.keys("n")
        time.sleep(0.1)
    terminal.expect("No warning signs came up")
    terminal.keys("c")
    terminal.expect("How is your pain right now?")
    terminal.keys("5", "Enter")
    terminal.keys("j")
    terminal.expect("1 check-in shown")  # the one just saved
    terminal.keys("l")
    terminal.expect("Inversion therapy")
    terminal.keys("t")
    terminal.expect("Sciatica basics")
    terminal.keys("q")
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and "Sciatica basics" in terminal.text():
        time.sleep(0.2)
    assert "Sciatica basics" not in terminal.text()
