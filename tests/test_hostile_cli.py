"""Hostile input at the command line: escapes, dates, unbounded files, broken streams.

Each test is one of the failures an attacker's file or a broken environment
caused (issue 11); they run ``python -m companion`` in a subprocess as a user does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.test_cli_process import REPO, companion

OSC52 = "\x1b]52;c;aGVsbG8=\x07"
OSC0 = "\x1b]0;PWNED\x07"
CSI = "\x1b[2J"
HOSTILE_NOTE = f"sore{OSC52}{OSC0}{CSI}end"


def _export(*checkins: dict[str, object]) -> bytes:
    return orjson.dumps({"format": "companion-export", "version": 1, "checkins": list(checkins)})


def _checkin(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {"id": "hostile01", "at": "2026-11-20T08:00:00+00:00", "pain": 4}
    entry.update(fields)
    return entry


def _store_with(data_dir: Path, shard: str, doc: dict[str, object]) -> None:
    """A data directory whose check-in shard holds ``doc`` as an older version wrote it."""
    assert companion(data_dir, "log", "--pain", "2").returncode == 0
    path = data_dir / "checkins" / f"{shard}.json"
    path.write_bytes(orjson.dumps({"checkins": {doc["id"]: doc}}))
    path.chmod(0o600)


# -- escapes ------------------------------------------------------------------


def test_log_refuses_control_characters_naming_the_field(data_dir: Path) -> None:
    done = companion(data_dir, "log", "--pain", "3", "--note", HOSTILE_NOTE)
    assert done.returncode == 2
    assert "--note: holds a control character (U+001B)" in done.stderr
    assert "\x1b" not in done.stderr
    assert not (data_dir / "checkins").exists()


def test_import_refuses_escapes_in_every_text_field(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    second = _checkin(id="hostile02", triggers=[f"sit{CSI}"])
    bad.write_bytes(_export(_checkin(note=HOSTILE_NOTE), second))
    done = companion(data_dir, "import", str(bad))
    assert done.returncode == 2
    assert "bad.json: checkins[0].note: holds a control character (U+001B)" in done.stderr
    assert "bad.json: checkins[1].triggers[0]: holds a control character" in done.stderr
    assert "\x1b" not in done.stderr


def test_csv_import_names_the_line(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"at,pain,note\n2026-11-20T08:00:00+00:00,4,ok\n2026-11-20T09:00,5,{OSC0}\n")
    done = companion(data_dir, "import", str(bad))
    assert done.returncode == 2
    assert "bad.csv:3: note: holds a control character" in done.stderr


def test_a_file_name_with_escapes_is_shown_as_text(data_dir: Path, tmp_path: Path) -> None:
    done = companion(data_dir, "import", str(tmp_path / f"x{OSC0}.json"))
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "␛]0;PWNED␇" in done.stderr


def test_stored_escapes_from_an_older_version_never_reach_stdout_raw(data_dir: Path) -> None:
    _store_with(data_dir, "2026-11", _checkin(note=HOSTILE_NOTE, updated_at=None))
    done = companion(data_dir, "export", "--format", "csv")
    assert done.returncode == 0  # to a pipe: the data as stored, for other programs
    assert HOSTILE_NOTE in done.stdout


def test_labels_holding_a_semicolon_are_refused(data_dir: Path, tmp_path: Path) -> None:
    done = companion(data_dir, "log", "--pain", "3", "--triggers", "sitting;lifting")
    assert done.returncode == 2 and "--triggers[0]: holds ';'" in done.stderr
    bad = tmp_path / "bad.json"
    bad.write_bytes(_export(_checkin(medication=["a;b"])))
    done = companion(data_dir, "import", str(bad))
    assert done.returncode == 2 and "checkins[0].medication[0]: holds ';'" in done.stderr


# -- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "problem"),
    [
        ("9999-12-31T23:59:59+00:00", "more than a day in the future"),
        ("2099-01-01T00:00:00+00:00", "more than a day in the future"),
        ("0001-01-01T00:00:00+05:00", "before 1900-01-01"),
        ("9999-12-31T23:59:59-05:00", "more than a day in the future"),
    ],
)
def test_one_date_rule_for_import_and_log(
    data_dir: Path, tmp_path: Path, at: str, problem: str
) -> None:
    bad = tmp_path / "far.json"
    bad.write_bytes(_export(_checkin(at=at)))
    imported = companion(data_dir, "import", str(bad))
    logged = companion(data_dir, "log", "--pain", "3", "--at", at)
    for done in (imported, logged):
        assert done.returncode == 2, done.stderr
        assert problem in done.stderr and "Traceback" not in done.stderr


def test_a_store_holding_year_9999_still_works(data_dir: Path) -> None:
    _store_with(data_dir, "9999-12", _checkin(at="9999-12-31T23:59:59+00:00"))
    for argv in (
        ["today"],
        ["export"],
        ["export", "--format", "csv"],
        ["export", "--format", "html"],
    ):
        done = companion(data_dir, *argv, TZ="Europe/Berlin")
        assert done.returncode in (0, 3), (argv, done.stderr)
        assert "Traceback" not in done.stderr
    doctor = companion(data_dir, "doctor")
    assert doctor.returncode == 1
    assert "hostile01" in doctor.stdout and "out of range" in doctor.stdout


# -- unbounded files ------------------------------------------------------------


def test_import_refuses_devices_fifos_and_huge_files(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as sparse:
        sparse.truncate(1 << 30)
    for path, problem in [
        ("/dev/zero", "is not a regular file"),
        (str(fifo), "is not a regular file"),
        (str(huge), "more than the limit of 32.0 MB; `--max-size MB` raises the import limit"),
    ]:
        done = companion(data_dir, "import", path)
        assert done.returncode == 2 and problem in done.stderr, done.stderr


def test_a_note_longer_than_the_limit_is_refused(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "long.json"
    bad.write_bytes(_export(_checkin(note="x" * 100_001)))
    done = companion(data_dir, "import", str(bad))
    assert done.returncode == 2 and "note: must be at most 100,000 characters" in done.stderr
    ok = tmp_path / "fine.json"
    ok.write_bytes(_export(_checkin(note="x" * 100_000)))
    assert companion(data_dir, "import", str(ok)).returncode == 0


def test_max_size_lowers_and_raises_the_limit(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_bytes(_export(_checkin()))
    done = companion(data_dir, "import", str(path), "--max-size", "0.00001")
    assert done.returncode == 2 and "more than the limit of 10 bytes" in done.stderr
    assert companion(data_dir, "import", str(path), "--max-size", "1").returncode == 0


# -- CSV ----------------------------------------------------------------------


def test_csv_cells_cannot_run_as_formulas_and_come_back_exactly(
    data_dir: Path, tmp_path: Path
) -> None:
    notes = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "'=quoted", "a\rbare CR", "\tx"]
    source = tmp_path / "notes.json"
    entries = [
        _checkin(id=f"formula{n:02d}", at=f"2026-11-20T0{n}:00:00+00:00", note=note)
        for n, note in enumerate(notes)
    ]
    entries.append(_checkin(id="formula99", triggers=["-sitting", "=x"]))
    source.write_bytes(_export(*entries))
    assert companion(data_dir, "import", str(source)).returncode == 0
    exported = companion(data_dir, "export", "--format", "csv").stdout
    for line in exported.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@", "\t")), line
    sheet = tmp_path / "sheet.csv"
    assert companion(data_dir, "export", "--format", "csv", "-o", str(sheet)).returncode == 0
    assert b'"a\rbare CR"' in sheet.read_bytes()
    again = tmp_path / "again"
    assert companion(again, "import", str(sheet)).returncode == 0
    round_trip = orjson.loads(companion(again, "export").stdout)["checkins"]
    by_id = {entry["id"]: entry for entry in round_trip}
    for entry in entries:
        assert by_id[entry["id"]]["note"] == entry.get("note", "")
    assert by_id["formula99"]["triggers"] == ["-sitting", "=x"]


# -- broken environments ----------------------------------------------------------


def _run_shell(data_dir: Path, script: str) -> subprocess.CompletedProcess[str]:
    environ = dict(
        os.environ, COMPANION_DATA_DIR=str(data_dir), COMPANION_NOW="2026-11-21T08:30:00+00:00"
    )
    return subprocess.run(
        ["sh", "-c", script.replace("COMPANION", f"{sys.executable} -m companion")],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_non_utf8_argument_is_usage_error(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "companion", "log", "--pain", "3", "--note", b"\xff\xfe"],
        cwd=REPO,
        env=dict(os.environ, COMPANION_DATA_DIR=str(data_dir)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == "companion: argument 5 is not valid UTF-8 text\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_closed_or_full_stdout_is_a_clean_failure(data_dir: Path) -> None:
    for redirect in (">&-", ">/dev/full"):
        done = _run_shell(data_dir, f"COMPANION export {redirect}")
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith("companion: cannot write the output")
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_garbage_clock_is_named(data_dir: Path) -> None:
    done = companion(data_dir, "today", now="garbage")
    assert done.returncode == 2
    assert done.stderr.startswith("companion: COMPANION_NOW: 'garbage' is not an ISO 8601")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_log_succeeds_once_saved_even_if_the_id_cannot_be_printed(data_dir: Path) -> None:
    for redirect in (">&-", ">/dev/full"):
        done = _run_shell(data_dir, f"COMPANION log --pain 4 {redirect}")
        assert done.returncode == 0, done.stderr
        assert "but cannot write the output" in done.stderr
    exported = orjson.loads(companion(data_dir, "export").stdout)
    assert len(exported["checkins"]) == 2
