"""``companion remind``: silent when the day is done, else one line or the person's command."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from companion.__main__ import main
from companion.cli.remind import reminder
from companion.core.clock import FakeClock
from companion.store import Store
from tests.store_helpers import checkin, session

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COMPANION_NOW", NOW.isoformat())

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def fake_notifier(tmp_path: Path) -> tuple[str, Path]:
    """A command that records its arguments and environment as JSON."""
    record = tmp_path / "notified.json"
    script = tmp_path / "notifier.py"
    script.write_text(
        "import json, os, sys\n"
        f"open({str(record)!r}, 'w').write(json.dumps({{'argv': sys.argv[1:], "
        "'env': dict(os.environ)}))\n"
    )
    return f"{sys.executable} {script} --title 'Companion reminder'", record


def test_the_rules_name_what_is_missing() -> None:
    assert reminder(1, 0, 2, stretches=False) is None
    assert reminder(1, 2, 2, stretches=True) is None
    assert (
        reminder(0, 0, 2, stretches=False) == "Companion: no check-in yet today (companion checkin)"
    )
    assert "stretches 1 of 2" in (reminder(1, 1, 2, stretches=True) or "")


def test_silent_when_the_day_is_done_and_the_command_is_not_run(cli, data_dir, fake_notifier):
    command, record = fake_notifier
    store = Store.open(data_dir, FakeClock(current=NOW))
    store.checkins.add(checkin(NOW - timedelta(hours=1), 4))
    assert cli("remind", "--command", command) == (0, "", "")
    assert not record.exists()


def test_one_line_when_nothing_is_logged_today(cli, data_dir):
    Store.open(data_dir, FakeClock(current=NOW)).checkins.add(checkin(NOW - timedelta(days=1)))
    code, out, err = cli("remind")
    assert (code, err) == (
        0,
        "",
    ) and out == "Companion: no check-in yet today (companion checkin)\n"


def test_the_command_gets_the_message_in_its_environment_never_in_its_arguments(
    cli, data_dir, fake_notifier
):
    command, record = fake_notifier
    store = Store.open(data_dir, FakeClock(current=NOW))
    store.checkins.add(checkin(NOW - timedelta(hours=1), 4, note="$(rm -rf ~)"))
    store.sessions.add(session(NOW - timedelta(hours=2)))
    assert cli("remind", "--stretches", "--command", command) == (0, "", "")
    seen = orjson.loads(record.read_bytes())
    assert seen["argv"] == ["--title", "Companion reminder"]
    assert seen["env"]["COMPANION_MESSAGE"] == (
        "Companion: stretches 1 of 2 today (companion timer)"
    )


def test_a_missing_or_failing_command_is_reported(cli, tmp_path):
    code, _, err = cli("remind", "--command", str(tmp_path / "no-such-notifier"))
    assert code == 2 and "--command: " in err and "was not found" in err
    code, _, err = cli("remind", "--command", f"{sys.executable} -c 'raise SystemExit(4)'")
    assert code == 1 and "exited with 4" in err
    code, _, err = cli("remind", "--command", "'unclosed")
    assert code == 2 and "--command" in err
