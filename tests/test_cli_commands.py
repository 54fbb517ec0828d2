"""The script-friendly commands, run in-process through ``main(argv)``."""

from __future__ import annotations

import argparse
import os
import stat
import sys
import types
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from companion.__main__ import main
from companion.core.clock import FakeClock
from companion.store import Store
from tests.store_helpers import checkin, own, present, screening, session, snapshot

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``companion ...`` in-process on ``data_dir`` at :data:`NOW`."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COMPANION_NOW", NOW.isoformat())

    def run(*argv: str) -> Ran:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def _store(data_dir: Path) -> Store:
    return Store.open(data_dir, FakeClock(current=NOW))


def test_version(cli) -> None:
    ran = cli("--version")
    assert ran.code == 0 and ran.out.startswith("companion ")


def test_log_saves_every_field_and_prints_the_id(cli, data_dir: Path) -> None:
    ran = cli(
        "log",
        "--pain", "6", "--leg", "7", "--back", "4",
        "--where", "Left buttock, left calf",
        "--symptom", "tingling", "--trigger", "sitting", "--medication", "ibuprofen",
        "--note", "after the long drive", "--for-clinician",
        "--at", "2026-11-21T07:00:00+00:00",
    )  # fmt: skip
    assert ran.code == 0 and ran.err == ""
    saved = _store(data_dir).checkins.get(ran.out.strip())
    assert saved is not None
    assert (saved.pain, saved.leg, saved.back) == (6, 7, 4)
    assert saved.where == ("left buttock", "left calf")
    assert (saved.symptoms, saved.triggers, saved.medication) == (
        ("tingling",),
        ("sitting",),
        ("ibuprofen",),
    )
    assert saved.note == "after the long drive" and saved.for_clinician
    assert saved.at == datetime(2026, 11, 21, 7, tzinfo=UTC)


def test_log_saves_what_the_pain_feels_like_sleep_and_sitting(cli, data_dir: Path) -> None:
    ran = cli(
        "log", "--pain", "5", "--feels", "pins & needles,Shooting", "--sleep", "6",
        "--sitting", "20",
    )  # fmt: skip
    assert ran.code == 0 and ran.err == ""
    saved = present(_store(data_dir).checkins.get(ran.out.strip()))
    assert saved.descriptors == ("shooting", "pins and needles")
    assert (saved.sleep_interference, saved.sitting_minutes) == (6, 20)


def test_log_defaults_to_now(cli, data_dir: Path) -> None:
    ran = cli("log", "--pain", "0")
    assert present(_store(data_dir).checkins.get(ran.out.strip())).at == NOW


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pain", "11"], "--pain: must be from 0 to 10, not 11"),
        (["--pain", "six"], "--pain: must be a whole number from 0 to 10, not 'six'"),
        (["--pain", "5", "--leg", "-1"], "--leg: must be from 0 to 10, not -1"),
        (["--pain", "5", "--back", "4.5"], "--back: must be a whole number"),
        (["--pain", "5", "--at", "last tuesday"], "--at: 'last tuesday' is not an ISO 8601"),
        (["--pain", "5", "--at", "2027-01-01T00:00"], "--at: 2027-01-01T00:00:00"),
        (["--pain", "5", "--where", "x" * 61], "--where[0]: must be at most 60 characters"),
        (["--pain", "5", "--feels", "burning,cold"], "--feels[1]: must be one of burning, "),
        (["--pain", "5", "--sleep", "12"], "--sleep: must be from 0 to 10, not 12"),
        (["--pain", "5", "--sitting", "half an hour"], "--sitting: must be a whole number"),
        (["--pain", "5", "--sitting", "1441"], "--sitting: must be from 0 to 1440, not 1441"),
    ],
)
def test_log_rejects_bad_input_and_writes_nothing(
    cli, data_dir: Path, argv: list[str], message: str
) -> None:
    ran = cli("log", *argv)
    assert ran.code == 2
    assert ran.err.startswith("companion: ") and message in ran.err
    assert "Traceback" not in ran.err and ran.out == ""
    assert not data_dir.exists()  # not even the directory


def test_log_bad_input_leaves_an_existing_directory_unchanged(cli, data_dir: Path) -> None:
    cli("log", "--pain", "4")
    before = snapshot(data_dir)
    assert cli("log", "--pain", "12").code == 2
    assert cli("log").code == 2  # --pain is required (argparse)
    assert snapshot(data_dir) == before


def test_today_exit_codes_and_line(cli, data_dir: Path) -> None:
    store = _store(data_dir)
    store.checkins.add(checkin(NOW - timedelta(days=1), 9))  # yesterday does not count
    store.screenings.add(screening(NOW - timedelta(days=12)))
    ran = cli("today")
    assert ran.code == 3
    first, lesson = ran.out.splitlines()
    assert first == "no check-in today; stretches 0 of 2; screened 12 days ago"
    assert lesson == "Lesson: What sciatica is (companion lesson)"
    store.checkins.add(checkin(NOW - timedelta(hours=2), 7))
    store.checkins.add(checkin(NOW - timedelta(hours=1), 6))
    store.sessions.add(session(NOW - timedelta(hours=1)))
    store.sessions.add(session(NOW - timedelta(minutes=30), aborted=True, completed_steps=3))
    store.update_settings(daily_target=3)
    ran = cli("today")
    assert ran.code == 0
    first = ran.out.splitlines()[0]
    assert first == "2 check-ins today (last pain 6/10); stretches 1 of 3; screened 12 days ago"


def test_today_on_a_new_directory(cli) -> None:
    ran = cli("today")
    assert (ran.code, ran.out.splitlines()[0]) == (
        3,
        "no check-in today; stretches 0 of 2; never screened",
    )


def test_export_json_and_csv_to_stdout_without_the_trash(cli, data_dir: Path) -> None:
    store = _store(data_dir)
    kept = store.checkins.add(checkin(NOW - timedelta(days=3), 4, where=("left calf",)))
    binned = store.checkins.add(checkin(NOW - timedelta(days=2), 8))
    store.checkins.trash(binned.id)
    store.sessions.add(session(NOW - timedelta(days=1)))
    ran = cli("export")
    document = orjson.loads(ran.out)
    assert ran.code == 0
    assert document["format"] == "companion-export" and document["version"] == 1
    assert document["exported_at"] == "2026-11-21T08:30:00+00:00"
    assert [c["id"] for c in document["checkins"]] == [kept.id]
    assert len(document["sessions"]) == 1 and document["screenings"] == []
    ran = cli("export", "--format", "csv")
    lines = ran.out.splitlines()
    assert lines[0].startswith("id,at,pain,leg,back,where")
    assert lines[1].startswith(f"{kept.id},2026-11-18T08:30:00+00:00,4,,,left calf,")
    assert len(lines) == 2


def test_export_since_until_are_whole_days(cli, data_dir: Path) -> None:
    store = _store(data_dir)
    for day in (1, 2, 3, 4):
        store.checkins.add(checkin(datetime(2026, 11, day, 23, 59, tzinfo=UTC), day))
    ran = cli("export", "--since", "2026-11-02", "--until", "2026-11-03")
    assert [c["pain"] for c in orjson.loads(ran.out)["checkins"]] == [2, 3]


def test_export_to_a_private_file(cli, data_dir: Path, tmp_path: Path) -> None:
    _store(data_dir).checkins.add(checkin(NOW, 5))
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    previous = os.umask(0o022)
    try:
        ran = cli("export", "-o", str(target))
    finally:
        os.umask(previous)
    assert (ran.code, ran.out) == (0, "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(orjson.loads(target.read_bytes())["checkins"]) == 1
    ran = cli("export", "-o", str(tmp_path / "missing" / "x.json"))
    assert ran.code == 1 and "missing" in ran.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "yesterday"], "--since: 'yesterday' is not an ISO 8601"),
        (["--since", "2026-11-05", "--until", "2026-11-01"], "--until: must be after --since"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_export_rejects_bad_options(cli, data_dir: Path, argv: list[str], message: str) -> None:
    ran = cli("export", *argv)
    assert ran.code == 2 and message in ran.err
    assert not data_dir.exists()


def _fill(store: Store) -> None:
    for days in range(40):
        store.checkins.add(checkin(NOW - timedelta(days=days, hours=1), days % 11, note=f"d{days}"))
    for days in range(0, 40, 3):
        store.sessions.add(session(NOW - timedelta(days=days, hours=2)))
    store.screenings.add(screening(NOW - timedelta(days=30)))


def test_export_import_round_trip_and_idempotence(
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(_store(data_dir))
    exported = cli("export").out
    backup = tmp_path / "backup.json"
    backup.write_text(exported)
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("COMPANION_DATA_DIR", str(fresh))
    ran = cli("import", str(backup))
    assert ran.code == 0
    assert ran.out == "added 40 check-ins, 14 sessions, 1 screening; skipped 0 already present\n"
    assert cli("export").out == exported
    ran = cli("import", str(backup))
    assert ran.out == "added 0 check-ins, 0 sessions, 0 screenings; skipped 55 already present\n"
    csv_file = tmp_path / "journal.csv"
    assert cli("export", "--format", "csv", "-o", str(csv_file)).code == 0
    assert cli("import", str(csv_file)).out.startswith("added 0 check-ins")


def test_import_with_one_bad_entry_writes_nothing(cli, data_dir: Path, tmp_path: Path) -> None:
    _fill(_store(data_dir))
    document = orjson.loads(cli("export").out)
    document["checkins"] = [
        dict(entry, id=f"{entry['id']}x") for entry in document["checkins"]
    ]  # all new ids…
    document["checkins"][3]["pain"] = 11  # …and one bad entry
    backup = tmp_path / "backup.json"
    backup.write_bytes(orjson.dumps(document))
    before = snapshot(data_dir)
    ran = cli("import", str(backup))
    assert ran.code == 2
    assert f"companion: {backup}: checkins[3].pain: must be from 0 to 10, not 11" in ran.err
    assert "nothing was imported" in ran.err and ran.out == ""
    assert snapshot(data_dir) == before


def test_import_of_a_missing_or_foreign_file(cli, data_dir: Path, tmp_path: Path) -> None:
    ran = cli("import", str(tmp_path / "nope.json"))
    assert ran.code == 2 and "nope.json: cannot be read" in ran.err
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}')
    ran = cli("import", str(other))
    assert ran.code == 2 and 'format: must be "companion-export"' in ran.err
    assert not data_dir.exists()


def test_doctor_on_a_healthy_directory(cli, data_dir: Path) -> None:
    _store(data_dir).checkins.add(checkin(NOW))
    ran = cli("doctor")
    assert ran.code == 0
    assert "schema 2 (current)" in ran.out and "1 file parses" in ran.out
    assert "private (0700; " in ran.out
    assert "error" not in ran.out


@pytest.mark.parametrize("folder", ["", "checkins"])
def test_doctor_reports_a_folder_it_cannot_write(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    _store(data_dir).checkins.add(checkin(NOW))
    locked = data_dir / folder if folder else data_dir
    real_access = os.access

    def as_its_owner(path: Any, mode: int, **kwargs: Any) -> bool:
        """os.access as for a user other than root, which the tests run as."""
        if mode & os.W_OK and not os.stat(path).st_mode & stat.S_IWUSR:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", as_its_owner)
    locked.chmod(0o500)
    try:
        ran = cli("doctor")
    finally:
        locked.chmod(0o700)
    assert ran.code == 1
    assert f"error   {locked.resolve()}: cannot be written by you (mode 0500)" in ran.out
    assert "private (" not in ran.out


def test_loosened_permissions_are_reported_on_stderr(cli, data_dir: Path) -> None:
    _store(data_dir).checkins.add(checkin(NOW))
    (own(data_dir, "checkins", "2026-11")).chmod(0o644)
    ran = cli("today")
    assert ran.code == 0
    assert "companion: tightened permissions of" in ran.err and "from 0644 to 0600" in ran.err


def test_a_file_in_the_way_of_the_data_directory(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    ran = cli("--data-dir", str(blocker / "data"), "log", "--pain", "3")
    assert ran.code == 1 and str(blocker) in ran.err and "Traceback" not in ran.err


def test_data_dir_option_beats_the_environment(cli, data_dir: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    assert cli("log", "--pain", "3", "--data-dir", str(chosen)).code == 0
    assert cli("--data-dir", str(chosen), "today").code == 0
    assert not data_dir.exists()


def test_a_bad_lock_timeout_setting(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_LOCK_TIMEOUT", "soon")
    ran = cli("log", "--pain", "3")
    assert ran.code == 2 and "COMPANION_LOCK_TIMEOUT" in ran.err


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the UI with a recorder, so dispatch is tested without a terminal."""
    calls: list[dict[str, Any]] = []

    def run_app(**kwargs: Any) -> int:
        store = Store.open(kwargs["data_dir"], kwargs["clock"])
        kwargs["checkins_seen"] = len(store.checkins.between(None, None))
        calls.append(kwargs)
        return 0

    monkeypatch.setitem(sys.modules, "companion.app", types.SimpleNamespace(run_app=run_app))
    return calls


def test_ui_commands_reach_run_app(cli, fake_app: list[dict[str, Any]], data_dir: Path) -> None:
    assert cli().code == 0
    assert cli("--no-mouse", "journal").code == 0
    assert cli("checkin", "--no-mouse").code == 0
    assert cli("timer", "sciatica-basics").code == 0
    assert [(c["screen"], c["mouse"], c.get("timer_routine")) for c in fake_app] == [
        (None, True, None),
        ("journal", False, None),
        ("checkin", False, None),
        ("timers", True, "sciatica-basics"),
    ]
    assert all(call["data_dir"] == data_dir for call in fake_app)


def test_demo_fills_a_throwaway_directory_and_removes_it(
    cli, fake_app: list[dict[str, Any]], data_dir: Path
) -> None:
    assert cli("demo").code == 0
    (call,) = fake_app
    assert call["data_dir"] != data_dir and call["data_dir"].name.startswith("companion-demo-")
    assert call["checkins_seen"] > 100
    assert not call["data_dir"].exists()


def test_content_check_passes_its_directory(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import companion.cli.content

    seen: list[str | None] = []

    def run(args: argparse.Namespace) -> int:
        seen.append(args.dir)
        return 0

    monkeypatch.setattr(companion.cli.content, "run", run)
    assert cli("content", "check").code == 0
    assert cli("content", "check", str(tmp_path)).code == 0
    assert seen == [None, str(tmp_path)]
    assert cli("content").code == 2


def test_permission_denied_names_the_path_even_as_root(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores chmod 500, so the operating system's refusal is simulated here."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(os, "mkdir", refuse)
        ran = cli("log", "--pain", "3")
    assert ran.code == 1
    assert ran.err == f"companion: cannot create the data directory {data_dir}: Permission denied\n"
    assert cli("log", "--pain", "3").code == 0
    before = snapshot(data_dir)
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    ran = cli("log", "--pain", "4")
    assert ran.code == 1
    assert f"cannot save {own(data_dir, 'checkins', '2026-11')}: Permission denied" in ran.err
    assert snapshot(data_dir) == before


def test_export_never_overwrites_a_file_without_force(cli, data_dir: Path, tmp_path: Path) -> None:
    _store(data_dir).checkins.add(checkin(NOW, 5))
    target = tmp_path / "journal.json"
    target.write_text("an earlier export")
    ran = cli("export", "-o", str(target))
    assert ran.code == 2 and "--force" in ran.err and str(target) in ran.err
    assert target.read_text() == "an earlier export"
    assert cli("export", "-o", str(target), "--force").code == 0
    assert len(orjson.loads(target.read_bytes())["checkins"]) == 1
