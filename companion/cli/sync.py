"""``companion sync git [--remote NAME]``: commit, pull and push the data directory with git.

The data directory is a git work tree the person set up (``git init``, ``git
remote add``); git is the engine and its remote the meeting place, and the
app adds no protocol of its own. Since every device writes only its own files
(:mod:`companion.store.devices`), the merge git makes after a pull never has
two versions of one file to choose between. The lock is held throughout, so
no save of this device is caught half-way.

Exit codes: 2 when git, the repository or the remote is missing; 1 when a
git command fails (the message repeats git's own words).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

from companion.cli.common import open_store
from companion.core.clock import clock_from_env
from companion.core.errors import DataError, InvalidInputError
from companion.store.devices import LOCAL_FILES
from companion.store.paths import tighten_tree

__all__ = ["run"]

_TIMEOUT = 300
"""Seconds any one git command may take (a slow remote, a prompt nobody can answer)."""


class _Git:
    def __init__(self, git: str, work_tree: Path, identity: list[str]) -> None:
        self.git = git
        self.work_tree = work_tree
        self.identity = identity

    def run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        environ = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_MERGE_AUTOEDIT="no")
        try:
            done = subprocess.run(
                [self.git, "-C", str(self.work_tree), *self.identity, *argv],
                capture_output=True,
                text=True,
                env=environ,
                timeout=_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DataError(f"git {argv[0]} took more than {_TIMEOUT} s; stopped") from None
        if check and done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            detail = "; ".join(said[-3:]) or f"exit {done.returncode}"
            raise DataError(f"git {argv[0]} failed: {detail}")
        return done


def _identity(git: str, work_tree: Path, device: str) -> list[str]:
    """``-c user.name=… -c user.email=…`` when the person has not configured git."""
    found = subprocess.run(
        [git, "-C", str(work_tree), "config", "user.email"],
        capture_output=True,
        text=True,
        check=False,
        timeout=_TIMEOUT,
    )
    if found.stdout.strip():
        return []
    return ["-c", "user.name=companion", "-c", f"user.email=companion-{device}@localhost"]


def run(args: argparse.Namespace) -> int:
    git_path = shutil.which("git")
    if git_path is None:
        raise InvalidInputError("sync git", "git is not installed (or not on the PATH)")
    clock = clock_from_env()
    store = open_store(args, clock)
    data_dir = store.data_dir
    if not (data_dir / ".git").exists():
        raise InvalidInputError(
            "sync git",
            f"{data_dir} is not a git repository; set it up once with "
            f"`git -C {data_dir} init` and `git -C {data_dir} remote add origin URL`",
        )
    remote = args.remote
    git = _Git(git_path, data_dir, _identity(git_path, data_dir, store.device))
    if git.run("remote", "get-url", remote, check=False).returncode != 0:
        raise InvalidInputError(
            "--remote", f"the repository in {data_dir} has no remote named {remote!r}"
        )

    def exchange(_data_dir: Path) -> list[str]:
        said: list[str] = []
        git.run("config", "core.sharedRepository", "0600")  # git's own files private too
        git.run("add", "--all", ".")
        # Per-machine files stay here even where an older .gitignore lacks them.
        local = [f":(glob){pattern}" for pattern in LOCAL_FILES]
        git.run("rm", "-r", "--cached", "--ignore-unmatch", "--quiet", "--", *local)
        if git.run("diff", "--cached", "--quiet", check=False).returncode != 0:
            stamp = clock.now().isoformat(timespec="seconds")
            git.run("commit", "--quiet", "-m", f"companion: device {store.device}, {stamp}")
            said.append("committed this device's changes")
        branch = git.run("symbolic-ref", "--short", "HEAD").stdout.strip()
        heads = git.run("ls-remote", "--heads", remote, branch).stdout.strip()
        if heads:
            git.run("pull", "--no-rebase", "--no-edit", "--quiet", remote, branch)
            said.append(f"pulled {remote}/{branch}")
        git.run("push", "--quiet", remote, f"HEAD:refs/heads/{branch}")
        said.append(f"pushed to {remote}/{branch}")
        notices: list[str] = []
        tighten_tree(data_dir, notices)  # pulled files arrive with the umask's modes
        return said

    for line in store.snapshot(exchange):
        print(line)
    return 0
