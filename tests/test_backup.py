"""``companion backup`` and ``companion restore``: age-encrypted, all or nothing."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest

from companion.__main__ import main
from companion.core.clock import FakeClock
from companion.store import Store
from tests.conftest import FIXED_NOW
from tests.store_helpers import checkin, session, snapshot


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_NOW", FIXED_NOW.isoformat())


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """An age identity file and the file of its public key."""
    identity = pyrage.x25519.Identity.generate()
    secret = tmp_path / "key.txt"
    secret.write_text(f"# created for the test\n{identity}\n")
    public = tmp_path / "key.pub"
    public.write_text(f"{identity.to_public()}\n")
    return secret, public


def _journal(data_dir: Path) -> Store:
    clock = FakeClock(current=FIXED_NOW)
    store = Store.open(data_dir, clock)
    for day in range(40):
        store.checkins.add(checkin(FIXED_NOW - timedelta(days=day), pain=day % 11, note="ünï"))
    store.sessions.add(session(FIXED_NOW - timedelta(days=3)))
    trashed = store.checkins.latest()
    assert trashed is not None
    store.checkins.trash(trashed.id)
    store.update_settings(first_run_seen=True)
    return store


def _export(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "export"]) == 0
    return capsys.readouterr().out


def _data_files(data_dir: Path) -> dict[str, str]:
    local = {".lock", ".device", ".git/HEAD"}  # this machine's or git's, never archived
    return {name: digest for name, digest in snapshot(data_dir).items() if name not in local}


def test_round_trip_brings_back_every_file(
    tmp_path: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    secret, public = keys
    original = tmp_path / "original"
    _journal(original)
    (original / ".git").mkdir()  # a sync tool's own folder is not part of the journal
    (original / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    archive = tmp_path / "journal.age"
    backup = ["--data-dir", str(original), "backup", "-o", str(archive), "--to", str(public)]
    assert main(backup) == 0
    assert archive.stat().st_mode & 0o077 == 0
    assert b"\xc3\xbcn" not in archive.read_bytes()  # encrypted, not just packed
    restored = tmp_path / "restored"
    assert _restore(restored, archive, secret) == 0
    assert "restored" in capsys.readouterr().out
    assert _data_files(restored) == _data_files(original)
    assert _export(restored, capsys) == _export(original, capsys)
    assert restored.stat().st_mode & 0o777 == 0o700


def test_the_recipient_may_be_given_inline_and_restore_into_an_empty_folder(
    tmp_path: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    secret, public = keys
    original = tmp_path / "original"
    _journal(original)
    archive = tmp_path / "journal.age"
    recipient = public.read_text().strip()
    assert main(["--data-dir", str(original), "backup", "-o", str(archive), "--to", recipient]) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--data-dir", str(empty), "restore", str(archive), "--identity", str(secret)]) == 0
    assert _export(empty, capsys) == _export(original, capsys)


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_an_ssh_key_pair_works_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    original = tmp_path / "original"
    _journal(original)
    archive = tmp_path / "journal.age"
    to = f"{key}.pub"
    assert main(["--data-dir", str(original), "backup", "-o", str(archive), "--to", to]) == 0
    restored = tmp_path / "restored"
    assert main(["--data-dir", str(restored), "restore", str(archive), "--identity", str(key)]) == 0
    assert _export(restored, capsys) == _export(original, capsys)


@pytest.fixture
def archive(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    _journal(tmp_path / "original")
    path = tmp_path / "journal.age"
    code = main(
        ["--data-dir", str(tmp_path / "original"), "backup", "-o", str(path), "--to", str(keys[1])]
    )
    assert code == 0
    return path


def _restore(target: Path, archive: Path, identity: Path) -> int:
    return main(["--data-dir", str(target), "restore", str(archive), "--identity", str(identity)])


def test_a_wrong_key_restores_nothing(
    tmp_path: Path, archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    capsys.readouterr()
    assert _restore(tmp_path / "target", archive, other) == 2
    assert "was not encrypted to this key" in capsys.readouterr().err
    assert not (tmp_path / "target").exists()


@pytest.mark.parametrize("cut", ["truncated", "flipped"])
def test_a_damaged_archive_restores_nothing(
    tmp_path: Path,
    archive: Path,
    keys: tuple[Path, Path],
    cut: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw = bytearray(archive.read_bytes())
    if cut == "truncated":
        raw = raw[: len(raw) // 2]
    else:
        raw[len(raw) // 2] ^= 0xFF
    archive.write_bytes(bytes(raw))
    capsys.readouterr()
    assert _restore(tmp_path / "target", archive, keys[0]) == 2
    err = capsys.readouterr().err
    assert err.startswith("companion: ") and "cannot be decrypted" in err
    assert not (tmp_path / "target").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".target")]


def test_a_non_empty_target_is_left_alone(
    tmp_path: Path, archive: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target"
    Store.open(target, FakeClock(current=FIXED_NOW)).checkins.add(checkin(FIXED_NOW))
    before = snapshot(target)
    capsys.readouterr()
    assert _restore(target, archive, keys[0]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert snapshot(target) == before


def _sealed(tmp_path: Path, public: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    recipient = pyrage.x25519.Recipient.from_str(public.read_text().strip())
    path = tmp_path / "crafted.age"
    path.write_bytes(pyrage.encrypt(buffer.getvalue(), [recipient]))
    return path


@pytest.mark.parametrize(
    ("members", "problem"),
    [
        ({"notes.txt": b"hello"}, "not a companion backup"),
        (
            {"meta.json": b'{"format": "companion-data", "schema": 1}', "../evil": b"x"},
            "unexpected entry",
        ),
        (
            {
                "meta.json": b'{"format": "companion-data", "schema": 1}',
                "checkins/2026-11.json": b'{"checkins": {"x": ',
            },
            "damaged data",
        ),
    ],
)
def test_an_archive_that_is_not_ours_restores_nothing(
    tmp_path: Path,
    keys: tuple[Path, Path],
    members: dict[str, bytes],
    problem: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    crafted = _sealed(tmp_path, keys[1], members)
    assert _restore(tmp_path / "target", crafted, keys[0]) == 2
    assert problem in capsys.readouterr().err
    assert not (tmp_path / "target").exists()
    assert not (tmp_path / "evil").exists()


def test_bad_keys_are_named(
    tmp_path: Path, archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "original")
    assert main(["--data-dir", data, "backup", "-o", str(tmp_path / "x"), "--to", "age1nope"]) == 2
    assert "--to: is not an age recipient" in capsys.readouterr().err
    junk = tmp_path / "junk.txt"
    junk.write_text("not a key\n")
    assert _restore(tmp_path / "target", archive, junk) == 2
    assert "--identity:" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
