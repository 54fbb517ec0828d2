"""Where startup time goes, from ``python -X importtime``.

The report is a tree: each module's cumulative time includes what it
imported. The useful view for the team is the *edges*: which modules the
companion's own code imports that the bare app never loads, and what each of
those costs with everything it drags in (``importlib.metadata ← companion``).
One run each; treat the numbers as approximate (±20 ms on a busy machine).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from bench.programs import ROOT, TIMEOUT, BenchError
from bench.pty_run import clean_env

__all__ = ["ImportProfile", "describe_costly_edges", "profile_imports"]

_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


@dataclass(frozen=True)
class Imported:
    """One module in the import tree."""

    name: str
    cumulative_us: int
    parent: str | None
    """The module whose import statement loaded it (``None`` at the top)."""


@dataclass(frozen=True)
class ImportProfile:
    """Every module a command imported, with its cumulative time and importer."""

    modules: dict[str, Imported]

    @property
    def total_ms(self) -> float:
        """Cumulative time of the top-level imports."""
        tops = (m.cumulative_us for m in self.modules.values() if m.parent is None)
        return sum(tops) / 1000

    def imported(self, package: str) -> bool:
        """Whether ``package`` or one of its modules was imported."""
        return any(name == package or name.startswith(package + ".") for name in self.modules)

    def costly_edges(self, exclude: AbstractSet[str] = frozenset(), top: int = 6) -> list[Imported]:
        """The costliest modules imported directly by companion code, outside ``exclude``."""
        edges = [
            m
            for m in self.modules.values()
            if m.parent is not None
            and m.parent.split(".")[0] == "companion"
            and m.name.split(".")[0] != "companion"
            and m.name not in exclude
        ]
        return sorted(edges, key=lambda m: m.cumulative_us, reverse=True)[:top]


def _parse(report: str) -> dict[str, Imported]:
    """Rebuild the tree: importtime lists children, indented deeper, before their parent."""
    found: dict[str, Imported] = {}
    pending: list[tuple[int, str, int]] = []  # (depth, name, cumulative µs) awaiting a parent
    for line in report.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        depth, name, cumulative = len(match[3]) // 2, match[4], int(match[2])
        while pending and pending[-1][0] > depth:
            _, child, child_us = pending.pop()
            found[child] = Imported(child, child_us, name)
        pending.append((depth, name, cumulative))
    for _, name, cumulative in pending:
        found[name] = Imported(name, cumulative, None)
    return found


def profile_imports(args: Sequence[str]) -> ImportProfile:
    """Run ``python -X importtime ARGS`` (it must exit by itself) and parse its report."""
    try:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", *args],
            cwd=ROOT,
            env=clean_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"python -X importtime {' '.join(args)} timed out") from None
    if done.returncode != 0:
        raise BenchError(f"{' '.join(args)} exited {done.returncode}: {done.stderr[-200:]}")
    modules = _parse(done.stderr)
    if not modules:
        raise BenchError(f"no import report from {' '.join(args)}: {done.stderr[-200:]}")
    return ImportProfile(modules)


def describe_costly_edges(profile: ImportProfile, exclude: AbstractSet[str] = frozenset()) -> str:
    """``importlib.metadata ← companion 47 ms, markdown_it ← companion.screens.x 30 ms, …``."""
    return ", ".join(
        f"{m.name} ← {m.parent} {m.cumulative_us / 1000:.0f} ms"
        for m in profile.costly_edges(exclude)
    )
