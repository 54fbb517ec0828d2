"""The command line as users and scripts meet it: ``python -m companion`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import filelock
import pytest

from tests.store_helpers import own, snapshot

REPO = Path(__file__).resolve().parent.parent


def companion(
    data_dir: Path, *argv: str, now: str = "2026-11-21T08:30:00+00:00", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m companion ARGV`` on ``data_dir`` with a fixed clock."""
    environ = dict(os.environ, COMPANION_DATA_DIR=str(data_dir), COMPANION_NOW=now, **env)
    return subprocess.run(
        [sys.executable, "-m", "companion", *argv],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


_NO_UI_CHECK = """
import sys
from companion.__main__ import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")
                or m.startswith(("companion.app", "companion.screens", "companion.widgets")))
print("UI-MODULES", loaded, file=sys.stderr)
"""


def ui_modules_loaded_by(data_dir: Path, *argv: str) -> str:
    """Run ``main(ARGV)`` in a fresh interpreter; its stderr names the UI modules it loaded."""
    environ = dict(os.environ, COMPANION_DATA_DIR=str(data_dir))
    done = subprocess.run(
        [sys.executable, "-c", _NO_UI_CHECK, *argv],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "--pain", "4"],
        ["today"],
        ["export", "--format", "csv"],
        ["doctor"],
        ["content", "check"],
        ["sync", "git"],
    ],
)
def test_script_commands_never_import_the_ui(data_dir: Path, argv: list[str]) -> None:
    stderr = ui_modules_loaded_by(data_dir, *argv)
    assert "UI-MODULES []" in stderr, stderr


_LOG_CHECK = """
import sys
from companion.__main__ import main
code = main(sys.argv[1:])
unneeded = ("companion.core.programme", "companion.core.insights", "companion.store.summaries",
            "companion.store.doctor", "socket", "zoneinfo")
loaded = sorted(m for m in sys.modules if m.startswith(unneeded))
print("CODE", code, "UNNEEDED", loaded, file=sys.stderr)
"""


def test_saving_a_check_in_loads_only_what_a_save_needs(data_dir: Path) -> None:
    """``log --pain`` (the quick way to record pain) leaves the programme's records,
    the daily summaries and the host-name lookup's socket module unimported."""
    assert companion(data_dir, "log", "--pain", "3").returncode == 0  # makes the device id
    environ = dict(os.environ, COMPANION_DATA_DIR=str(data_dir))
    done = subprocess.run(
        [sys.executable, "-c", _LOG_CHECK, "log", "--pain", "4", "--note", "walked"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "CODE 0 UNNEEDED []" in done.stderr, done.stderr
    assert companion(data_dir, "log", "--pain", "5", "--walked", "20").returncode == 0


def test_version_and_usage_errors(data_dir: Path) -> None:
    done = companion(data_dir, "--version")
    assert done.returncode == 0 and done.stdout.startswith("companion ")
    done = companion(data_dir, "jornal")
    assert done.returncode == 2 and "invalid choice: 'jornal'" in done.stderr
    done = companion(data_dir, "log", "--pain", "11")
    assert done.returncode == 2
    assert done.stderr == "companion: --pain: must be from 0 to 10, not 11\n"
    assert not data_dir.exists()


def test_a_truncated_shard_from_refusal_to_repair(data_dir: Path) -> None:
    first = companion(data_dir, "log", "--pain", "4", now="2026-11-20T08:00:00+00:00")
    assert first.returncode == 0
    # The first save of the next day backs up the file as it was the day before.
    assert companion(data_dir, "log", "--pain", "6").returncode == 0
    shard = own(data_dir, "checkins", "2026-11")
    shard.write_bytes(shard.read_bytes()[:-40])
    damaged = shard.read_bytes()

    done = companion(data_dir, "log", "--pain", "7")
    assert done.returncode == 1
    assert str(shard) in done.stderr and "damaged" in done.stderr
    assert done.stderr.startswith("companion: ") and "Traceback" not in done.stderr
    assert shard.read_bytes() == damaged
    assert companion(data_dir, "today").returncode == 1

    done = companion(data_dir, "doctor")
    assert done.returncode == 1
    assert f"error   {shard}: damaged" in done.stdout and "1 good backup" in done.stdout

    done = companion(data_dir, "doctor", "--repair")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"repair: repaired {shard}: 1 entry recovered from it" in done.stdout
    kept = [p for p in shard.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [damaged]

    done = companion(data_dir, "today", now="2026-11-20T09:00:00+00:00")
    assert done.returncode == 0 and "1 check-in today (last pain 4/10)" in done.stdout
    assert companion(data_dir, "doctor").returncode == 0


def test_a_held_lock_times_out_fast_and_nothing_is_written(data_dir: Path) -> None:
    assert companion(data_dir, "log", "--pain", "3").returncode == 0
    before = snapshot(data_dir)
    with filelock.FileLock(data_dir / ".lock"):
        started = time.monotonic()
        done = companion(data_dir, "log", "--pain", "5", COMPANION_LOCK_TIMEOUT="0.3")
        elapsed = time.monotonic() - started
    assert done.returncode == 1
    assert "another companion process" in done.stderr and str(data_dir) in done.stderr
    assert elapsed < 5
    assert snapshot(data_dir) == before


def test_a_damaged_meta_file_is_reported_not_crashed_on(data_dir: Path) -> None:
    assert companion(data_dir, "log", "--pain", "3").returncode == 0
    (data_dir / "meta.json").write_text('{"format": "companion-data", "schema": 7}')
    done = companion(data_dir, "today")
    assert done.returncode == 1 and "newer version" in done.stderr
    done = companion(data_dir, "doctor")
    assert done.returncode == 1 and "newer version" in done.stdout + done.stderr
    (data_dir / "meta.json").write_text("{")
    done = companion(data_dir, "doctor")
    assert done.returncode == 1 and "meta.json" in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_an_unwritable_data_directory_names_the_path(data_dir: Path, tmp_path: Path) -> None:
    assert companion(data_dir, "log", "--pain", "3").returncode == 0
    data_dir.chmod(0o500)
    try:
        done = companion(data_dir, "log", "--pain", "5")
    finally:
        data_dir.chmod(0o700)
    assert done.returncode == 1 and str(data_dir) in done.stderr
    parent = tmp_path / "sealed"
    parent.mkdir(mode=0o500)
    try:
        done = companion(parent / "data", "log", "--pain", "5")
    finally:
        parent.chmod(0o700)
    assert done.returncode == 1 and str(parent / "data") in done.stderr


def test_backup_and_restore_never_import_the_ui(data_dir: Path, tmp_path: Path) -> None:
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "key.txt"
    key.write_text(f"{identity}\n")
    archive = tmp_path / "journal.age"
    runs = [
        [str(data_dir), "backup", "-o", str(archive), "--to", str(identity.to_public())],
        [str(tmp_path / "restored"), "restore", str(archive), "--identity", str(key)],
    ]
    for target, *argv in runs:
        stderr = ui_modules_loaded_by(Path(target), *argv)
        assert "UI-MODULES []" in stderr, stderr
    assert (tmp_path / "restored" / "meta.json").is_file()
