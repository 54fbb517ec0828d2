"""The data directory under attack or accident: junk lines, stale temporary files,
files vanishing while permissions are tightened, a data directory that is a link."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from companion.core.clock import FakeClock
from companion.core.errors import DamagedFileError
from companion.store import Store, paths
from companion.store.paths import tighten_tree
from tests.store_helpers import checkin, own, own_settings
from tests.test_cli_process import companion


def test_repair_keeps_every_readable_entry_of_the_day(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now() - timedelta(days=1)))
    morning = [store.checkins.add(checkin(clock.now(), pain=1))]  # backs up yesterday's file
    for hour in (1, 2, 3):
        clock.advance(3600)
        morning.append(store.checkins.add(checkin(clock.now(), pain=hour)))
    shard = own(data_dir, "checkins", "2026-11")
    with shard.open("ab") as damaged_file:
        damaged_file.write(b"junk line\n")
    damaged = shard.read_bytes()
    actions = store.repair()
    assert any(
        "5 entries recovered from it" in a and "1 line could not be read" in a for a in actions
    )
    ids = {entry.id for entry in store.checkins.between(None, None)}
    assert {entry.id for entry in morning} <= ids and len(ids) == 5
    kept = [p for p in shard.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [damaged]


def test_repair_merges_the_backup_for_lines_that_were_lost(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    first = store.checkins.add(checkin(clock.now() - timedelta(days=1), id="aaaaaa01"))
    second = store.checkins.add(checkin(clock.now(), id="bbbbbb01"))  # the backup holds `first`
    shard = own(data_dir, "checkins", "2026-11")
    lines = shard.read_bytes().split(b"\n")
    lines[1] = b'"aaaaaa01": {"id": torn'
    shard.write_bytes(b"\n".join(lines))
    actions = store.repair()
    assert any("1 entry recovered from it, 1 more from the backup" in a for a in actions), actions
    assert {e.id for e in store.checkins.between(None, None)} == {first.id, second.id}


def test_the_next_save_removes_temporary_files_of_an_interrupted_one(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now()))
    stale = data_dir / "checkins" / ".2026-11.json.abc123.tmp"
    stale.write_bytes(b"x" * 4096)
    store.checkins.add(checkin(clock.now()))
    assert not stale.exists()


def test_tighten_tree_tolerates_files_vanishing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "gone.tmp").write_bytes(b"")
    (tmp_path / "gone.tmp").chmod(0o644)
    real_scandir = os.scandir

    class VanishingScan:
        """A listing taken just before another process removed the file."""

        def __init__(self, path: str) -> None:
            self.entries = list(real_scandir(path))
            for entry in self.entries:
                os.unlink(entry.path)

        def __enter__(self) -> list[os.DirEntry[str]]:
            return self.entries

        def __exit__(self, *_: object) -> None:
            return None

    monkeypatch.setattr(os, "scandir", VanishingScan)
    notices: list[str] = []
    tighten_tree(tmp_path, notices)
    assert notices == []


def test_a_data_directory_that_is_a_link_works_and_doctor_says_where(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    assert companion(link, "log", "--pain", "4").returncode == 0
    assert companion(link, "today").returncode == 0
    settings = own_settings(real)
    settings.unlink(missing_ok=True)
    settings.symlink_to("/etc/hostname")
    done = companion(link, "doctor")
    assert f"ok      {link}: a symbolic link to {real}, which is used" in done.stdout
    assert f"warning {settings}: is a symbolic link to /etc/hostname" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [("today",), ("export",), ("doctor",)])
def test_a_data_file_linked_to_an_endless_device_is_refused_not_read(
    data_dir: Path, clock: FakeClock, command: tuple[str, ...]
) -> None:
    """A month file that is a link to /dev/zero (or a FIFO) hung every command that
    read it: it is refused as damaged, without a byte read, and named."""
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now(), 4))
    month = own(data_dir, "checkins", f"{clock.now():%Y-%m}")
    month.unlink()
    month.symlink_to("/dev/zero")
    done = companion(data_dir, *command)  # the helper's timeout fails a hang
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert str(month) in done.stdout + done.stderr
    assert "not a regular file" in done.stdout + done.stderr


def test_an_oversized_data_file_is_refused(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now(), 4))
    monkeypatch.setattr(paths, "MAX_DATA_FILE_BYTES", 16)
    with pytest.raises(DamagedFileError, match="larger than"):
        list(Store.open(data_dir, clock).checkins.iter_all())
