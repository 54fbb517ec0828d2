"""Where startup time goes, from ``python -X importtime``.

The report is a tree: each module's cumulative time includes what it
imported. The useful view for the team is the *edges*: which modules the
companion's own code imports that the bare app never loads, and what each of
those costs with everything it drags in (``importlib.metadata ← companion``).
One run each; treat the numbers as approximate (±20 ms on a busy machine).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from statistics import median

from bench.cli_runs import run
from bench.programs import ROOT, TIMEOUT, BenchError, clean_env
from bench.pty_run import PtyProcess, marker_pattern

__all__ = [
    "ImportProfile",
    "describe_costly_edges",
    "profile_imports",
    "startup_split",
]

_IMPORTED = "bench: imports done"
_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


@dataclass(frozen=True)
class Imported:
    """One module in the import tree."""

    name: str
    self_us: int
    """Time spent running the module's own body."""
    cumulative_us: int
    """Its own time plus everything it imported."""
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

    def own_ms(self) -> tuple[float, int]:
        """Self time of the companion's own modules, and how many there are."""
        own = [m.self_us for name, m in self.modules.items() if name.split(".")[0] == "companion"]
        return sum(own) / 1000, len(own)

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
    pending: list[tuple[int, str, int, int]] = []  # (depth, name, self µs, cumulative µs)
    for line in report.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        depth, name = len(match[3]) // 2, match[4]
        while pending and pending[-1][0] > depth:
            _, child, child_self, child_cumulative = pending.pop()
            found[child] = Imported(child, child_self, child_cumulative, name)
        pending.append((depth, name, int(match[1]), int(match[2])))
    for _, name, own, cumulative in pending:
        found[name] = Imported(name, own, cumulative, None)
    return found


def profile_imports(args: Sequence[str], runs: int = 3) -> ImportProfile:
    """``python -X importtime ARGS`` ``runs`` times; each module's fastest time is kept.

    The command must exit by itself. Keeping the minimum steadies the numbers
    on a machine where other work comes and goes.
    """
    profiles = [_profile_once(args) for _ in range(runs)]
    first = profiles[0].modules
    fastest = {
        name: Imported(
            name,
            min(p.modules[name].self_us for p in profiles if name in p.modules),
            min(p.modules[name].cumulative_us for p in profiles if name in p.modules),
            module.parent,
        )
        for name, module in first.items()
    }
    return ImportProfile(fastest)


def _profile_once(args: Sequence[str]) -> ImportProfile:
    done = run([sys.executable, "-X", "importtime", *args])
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


def startup_split(imports: str, run: str, marker: str, runs: int = 3) -> tuple[float, float]:
    """Median seconds (imports, then from there to ``marker`` on screen) over ``runs``.

    The child runs ``imports``, prints a line, then runs ``run``; the line's
    arrival splits the first frame into "loading code" and "starting the app".
    """
    code = f"{imports}; print({_IMPORTED!r}, flush=True); {run}"
    loads: list[float] = []
    starts: list[float] = []
    for _ in range(runs):
        with PtyProcess([sys.executable, "-c", code], clean_env(), str(ROOT)) as proc:
            imported = proc.wait_for(re.compile(_IMPORTED), TIMEOUT)
            shown = proc.wait_for(marker_pattern(marker), TIMEOUT)
            if imported is None or shown is None:
                raise BenchError(f"startup split: {marker!r} not reached: {proc.tail()}")
            loads.append(imported - proc.started)
            starts.append(shown - imported)
    return median(loads), median(starts)
