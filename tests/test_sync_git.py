"""``companion sync git`` with real git: two clones of a bare repository on this machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def companion(data_dir: Path, *argv: str, now: str = "2026-11-21T08:30:00+00:00") -> str:
    environ = dict(os.environ, COMPANION_DATA_DIR=str(data_dir), COMPANION_NOW=now)
    done = subprocess.run(
        [sys.executable, "-m", "companion", *argv],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def git(*argv: str) -> None:
    environ = dict(
        os.environ,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    subprocess.run(["git", *argv], check=True, capture_output=True, env=environ, timeout=120)


def test_two_clones_sync_concurrent_changes_without_conflict(tmp_path: Path) -> None:
    hub = tmp_path / "hub.git"
    git("init", "--quiet", "--bare", str(hub))
    server, laptop = tmp_path / "server", tmp_path / "laptop"
    first = companion(server, "log", "--pain", "6", "--note", "on the server").strip()
    git("-C", str(server), "init", "--quiet")
    git("-C", str(server), "remote", "add", "origin", str(hub))
    assert "pushed" in companion(server, "sync", "git")
    git("clone", "--quiet", str(hub), str(laptop))

    # Both change the journal before either syncs, in the same month's shard too.
    companion(server, "log", "--pain", "3", "--at", "2026-10-02T09:00:00+00:00")
    companion(laptop, "log", "--pain", "8", "--note", "on the laptop")
    more = tmp_path / "more.csv"
    more.write_text("at,pain\n2026-11-20T07:00:00+00:00,5\n")
    companion(laptop, "import", str(more))
    for data_dir in (server, laptop, server):
        assert "pushed" in companion(data_dir, "sync", "git")

    assert companion(server, "export", "--format", "csv") == companion(
        laptop, "export", "--format", "csv"
    )
    exported = companion(server, "export", "--format", "csv")
    assert exported.count("\n") == 5  # the header and four check-ins
    assert "on the laptop" in exported and first in exported
    assert not list(server.rglob("*.orig")) and "<<<<<<<" not in exported


def test_refusals_are_clear(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    companion(data_dir, "log", "--pain", "4")
    environ = dict(os.environ, COMPANION_DATA_DIR=str(data_dir))
    run = [sys.executable, "-m", "companion", "sync", "git"]
    done = subprocess.run(run, cwd=REPO, env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "is not a git repository" in done.stderr
    git("-C", str(data_dir), "init", "--quiet")
    done = subprocess.run(
        [*run, "--remote", "backup"], cwd=REPO, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 2 and "no remote named 'backup'" in done.stderr
    no_git = dict(environ, PATH=str(tmp_path / "empty"))
    done = subprocess.run(run, cwd=REPO, env=no_git, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "git is not installed" in done.stderr


def test_per_machine_files_are_never_committed_even_without_them_in_gitignore(
    tmp_path: Path,
) -> None:
    """A folder set up by an older version: its .gitignore lacks the newer patterns."""
    hub = tmp_path / "hub.git"
    git("init", "--quiet", "--bare", str(hub))
    server = tmp_path / "server"
    companion(server, "log", "--pain", "6")
    (server / ".gitignore").write_text(".lock\n")
    (server / ".drafts.0123456789.4242.json").write_text("{}")
    (server / ".daily-summaries.json").write_text("{}")
    git("-C", str(server), "init", "--quiet")
    git("-C", str(server), "remote", "add", "origin", str(hub))
    assert "pushed" in companion(server, "sync", "git")
    listed = subprocess.run(
        ["git", "-C", str(server), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "checkins" in " ".join(listed)
    assert not [name for name in listed if name.startswith((".drafts.", ".daily-summaries"))]
