"""Crash safety, concurrency, locking, damaged files, backups and the cost of a save."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import signal
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime, timedelta
from pathlib import Path

import filelock
import pytest

from companion.core.clock import FakeClock
from companion.core.errors import DamagedFileError, LockTimeoutError
from companion.core.records import CheckIn, StretchSession
from companion.store import Store
from companion.store.backups import BACKUPS_KEPT
from tests.store_helpers import checkin, next_day, own, own_settings, session

REPO = Path(__file__).resolve().parent.parent


def _damage(path: Path) -> bytes:
    """Cut a shard in half, as a crash of some other program might."""
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path.read_bytes()


def test_a_truncated_shard_is_refused_and_never_overwritten(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now()))
    shard = own(data_dir, "checkins", "2026-11")
    damaged = _damage(shard)
    fresh = Store.open(data_dir, clock)
    with pytest.raises(DamagedFileError) as caught:
        fresh.checkins.between(None, None)
    assert caught.value.path == shard
    with pytest.raises(DamagedFileError):
        store.checkins.add(checkin(clock.now()))  # stale cache or not: the write re-reads
    with pytest.raises(DamagedFileError):
        store.import_records(checkins=[checkin(clock.now())])
    assert shard.read_bytes() == damaged
    assert shard.name in str(caught.value) and "doctor" in str(caught.value)


def test_an_entry_with_a_wrong_shape_counts_as_damage(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now()))
    shard = own(data_dir, "checkins", "2026-11")
    shard.write_text(shard.read_text().replace('"pain":5', '"pain":"lots"'))
    with pytest.raises(DamagedFileError, match="pain"):
        Store.open(data_dir, clock).checkins.latest()
    shard.write_text('["not", "a", "database"]')
    with pytest.raises(DamagedFileError, match="object"):
        Store.open(data_dir, clock).checkins.latest()


def test_doctor_reports_and_repair_merges_the_newest_good_backup(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    first = store.checkins.add(checkin(clock.now()))
    next_day(clock)
    store.checkins.add(checkin(clock.now()))  # backs up the file as it was with `first`
    shard = own(data_dir, "checkins", "2026-11")
    damaged = _damage(shard)
    assert [f.level for f in store.doctor() if f.path == shard] == ["error"]
    actions = store.repair()
    assert any("repaired" in action and str(shard) in action for action in actions)
    kept = [p for p in shard.parent.iterdir() if p.name.startswith(f"{shard.name}.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert oct(kept[0].stat().st_mode & 0o777) == "0o600"
    assert [c.id for c in store.checkins.between(None, None)] == [first.id]
    assert all(f.level == "ok" for f in store.doctor())


def test_repair_salvages_even_without_a_good_backup(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    kept_entry = store.checkins.add(checkin(clock.now(), id="aaaaaa01"))
    store.checkins.add(checkin(clock.now(), id="zzzzzz01", note="x" * 200))
    shutil.rmtree(data_dir / "backups" / "checkins", ignore_errors=True)
    shard = own(data_dir, "checkins", "2026-11")
    damaged = _damage(shard)
    actions = store.repair()
    assert any("1 entry recovered from it, 0 more from no backup" in a for a in actions), actions
    assert any("1 line could not be read (line 3)" in a for a in actions), actions
    kept = [p for p in shard.parent.iterdir() if p.name.startswith(f"{shard.name}.damaged-")]
    assert [p.read_bytes() for p in kept] == [damaged]
    assert [c.id for c in store.checkins.between(None, None)] == [kept_entry.id]
    assert all(f.level != "error" for f in store.doctor())


def test_a_damaged_settings_file_is_refused(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    store.update_settings(daily_target=3)
    own_settings(data_dir).write_text("{")
    with pytest.raises(DamagedFileError, match=own_settings(data_dir).name):
        store.load_settings()
    with pytest.raises(DamagedFileError):
        store.update_settings(daily_target=1)
    assert own_settings(data_dir).read_text() == "{"


def test_one_backup_a_day_and_only_the_newest_five_are_kept(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    backups = data_dir / "backups" / "checkins"
    store.checkins.add(checkin(clock.now()))
    assert not backups.exists()  # there was no file to back up
    store.checkins.add(checkin(clock.now()))
    store.checkins.add(checkin(clock.now()))
    assert len(list(backups.iterdir())) == 1  # one a day
    for _day in range(8):
        next_day(clock)
        store.checkins.add(checkin(datetime(2026, 11, 2, tzinfo=UTC)))
        store.checkins.add(checkin(datetime(2026, 11, 3, tzinfo=UTC)))  # same day: no new backup
    names = sorted(p.name for p in backups.iterdir())
    assert len(names) == BACKUPS_KEPT
    shard = own(data_dir, "checkins", "2026-11")
    assert names[-1] == f"{shard.stem}.{clock.now():%Y%m%dT%H%M%S}.json"


def test_lock_timeout_fails_fast_with_a_clear_error(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock, lock_timeout=0.2)
    holder = filelock.FileLock(data_dir / ".lock")
    with holder:
        started = time.monotonic()
        with pytest.raises(LockTimeoutError, match="another companion process"):
            store.checkins.add(checkin(clock.now()))
        assert time.monotonic() - started < 3
    assert store.checkins.latest() is None


def _save_many(data_dir: str, worker: int, count: int) -> None:
    try:
        store = Store.open(Path(data_dir), FakeClock(), lock_timeout=120)  # a busy CI machine
        base = datetime(2026, 11, 21, tzinfo=UTC)
        for index in range(count):
            store.checkins.add(checkin(base + timedelta(seconds=index), pain=worker))
    except BaseException:
        # Say why in the test's failure message, not only in the child's stderr.
        Path(data_dir).with_name(f"worker-{worker}.err").write_text(traceback.format_exc())
        raise


def test_four_processes_saving_at_once_lose_nothing(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_many, args=(str(data_dir), w, 25)) for w in range(4)]
    for worker in workers:
        worker.start()
    for number, worker in enumerate(workers):
        worker.join(timeout=300)
        failure = data_dir.with_name(f"worker-{number}.err")
        why = failure.read_text() if failure.exists() else "no traceback (hung or killed?)"
        assert worker.exitcode == 0, f"worker {number} exited {worker.exitcode}: {why}"
    saved = Store.open(data_dir, clock).checkins.between(None, None)
    assert len(saved) == 100
    assert sorted(c.pain for c in saved) == sorted([0, 1, 2, 3] * 25)


_WRITER = """
import sys
from datetime import timedelta
from pathlib import Path
from companion.core.clock import FakeClock
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.store import Store

clock = FakeClock()
store = Store.open(Path(sys.argv[1]), clock)
index = 0
while True:
    clock.advance(3600)  # a day passes every 24 saves: daily backups happen too
    at = clock.now() - timedelta(days=(index * 11) % 70)  # three or four month files
    entry = CheckIn(id=new_id(clock.now()) + f"{index:04d}", at=at, pain=index % 11)
    store.checkins.add(entry)
    print(entry.id, flush=True)
    index += 1
"""


def test_kill_9_while_saving_loses_no_acknowledged_entry(data_dir: Path, clock: FakeClock) -> None:
    acknowledged: list[str] = []
    rounds = random.Random(7)
    for _round in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(data_dir)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        wanted = rounds.randint(15, 60)
        deadline = time.monotonic() + 60
        seen = 0
        while seen < wanted and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            acknowledged.append(line.strip())
            seen += 1
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        acknowledged.extend(line.strip() for line in writer.stdout if line.strip())
        assert seen == wanted, "the writer stopped on its own"
    store = Store.open(data_dir, clock)
    assert not [id_ for id_ in acknowledged if store.checkins.get(id_) is None]
    assert [f for f in store.doctor() if f.level == "error"] == []


def test_one_save_writes_little_and_startup_parses_little(tmp_path: Path) -> None:
    """25,000 check-ins + 25,000 sessions (20 years): a save stays under 128 KiB."""
    clock = FakeClock()
    rng = random.Random(3)
    span = timedelta(days=365 * 20)
    start = clock.now() - span
    note = "Sat through a long meeting, then walked the dog; easier after the stretches."
    checkins = [
        CheckIn(
            id=f"{i:012x}{rng.getrandbits(32):08x}",
            at=start + span * i / 25_000,
            pain=rng.randint(0, 10),
            leg=rng.randint(0, 10),
            back=rng.randint(0, 10),
            where=("left buttock", "left calf"),
            symptoms=("tingling",),
            triggers=("sitting",),
            note=note,
        )
        for i in range(25_000)
    ]
    sessions = [
        StretchSession(
            id=f"{i:012x}{rng.getrandbits(32):08x}",
            routine="sciatica-basics",
            started_at=start + span * i / 25_000,
            ended_at=start + span * i / 25_000 + timedelta(minutes=12),
            completed_steps=12,
            total_steps=12,
            pain_before=6,
            pain_after=4,
        )
        for i in range(25_000)
    ]
    data_dir = tmp_path / "big"
    Store.open(data_dir, clock).import_records(checkins=checkins, sessions=sessions)

    next_day(clock)  # the first save of a day also writes a backup: the worst case
    store = Store.open(data_dir, clock)
    store.checkins.between(clock.now() - timedelta(days=30), None)
    store.sessions.between(clock.now() - timedelta(days=30), None)
    assert store.cache.parsed <= 4  # this month and last, of each kind
    before = store.bytes_written
    store.checkins.add(checkin(clock.now(), note=note))
    assert 0 < store.bytes_written - before <= 128 * 1024
    assert len(list((data_dir / "backups" / "checkins").iterdir())) == 1
    before = store.bytes_written
    store.sessions.add(session(clock.now()))
    assert 0 < store.bytes_written - before <= 128 * 1024
