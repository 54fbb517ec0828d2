"""The emergency interrupt in a real terminal: ``companion screening`` in tmux
at 80x24, a ``y`` to the first question, the advice on screen before any other
question, the partial screening saved, and no key but enter hiding it.

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

from companion.core.clock import SystemClock
from companion.store import Store

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMPANION = Path(sys.executable).with_name("companion")
DEADLINE = 60.0


class Pane:
    """One tmux server of our own (its own socket), one 80x24 session."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, words: str) -> str:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            screen = self.text()
            if words in screen:
                return screen
            time.sleep(0.1)  # polling an outside process: the condition is re-checked each time
        raise AssertionError(f"{words!r} never appeared; the screen was:\n{self.text()}")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    data = tmp_path / "data"
    store = Store.open(data, SystemClock())
    store.update_settings(first_run_seen=True, screening_offered=True)
    socket = f"companion-safety-{os.getpid()}"
    env = f"COMPANION_DATA_DIR={data} TERM=xterm-256color"
    command = f"env {env} {COMPANION} --no-mouse screening"
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command],
        check=True,
    )
    try:
        yield Pane(socket)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False, capture_output=True)


def test_yes_to_the_first_emergency_question_in_a_real_terminal(pane: Pane, tmp_path: Path):
    pane.wait_for("Signs that need emergency care")
    pane.send("y")
    screen = pane.wait_for("EMERGENCY: go to an emergency department now")
    assert "2 of" not in screen  # no further question first

    store = Store.open(tmp_path / "data", SystemClock())
    saved = store.screenings.latest()
    assert saved is not None and saved.partial
    assert saved.red_flags[0].urgency == "emergency"

    pane.send("Escape")
    # A terminal reads ESC followed at once by a key as alt+key: keep them apart in time.
    time.sleep(1.0)
    for key in ("d", "j", "s", "q"):
        pane.send(key)
    screen = pane.wait_for("Press q again to quit")  # every key before it was read first
    assert "EMERGENCY: go to an emergency department now" in screen
    assert "esc" not in screen.splitlines()[-1]  # the footer offers only keys that work

    pane.send("Enter")
    pane.wait_for("2 of")
