"""Result rows, the Markdown table, and the machine they were measured on."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = [
    "Row",
    "kib",
    "load_average",
    "machine_info",
    "millis",
    "render",
    "write_results",
]

RESULTS_PATH = Path(__file__).resolve().parent / "results.md"
"""Where the latest results are written (committed, copied into the README)."""


@dataclass
class Row:
    """One line of the results table."""

    metric: str
    companion: str
    reference: str = "—"
    ratio: str = "—"
    target: str = "—"
    passed: bool | None = None
    """True/False against the target; None for information or a skipped row."""
    status: str = ""
    """Overrides the pass/fail cell (``info``, ``skipped (…)``)."""
    problem: str = ""
    """Why it failed, in one line, for the summary under the table."""
    samples: list[str] = field(default_factory=list)
    """Raw measurements, listed under the table."""

    @property
    def verdict(self) -> str:
        if self.status:
            return self.status
        if self.passed is None:
            return "info"
        return "pass" if self.passed else "**FAIL**"


def millis(seconds: float) -> str:
    """``0.2714`` → ``271 ms``."""
    return f"{seconds * 1000:.0f} ms"


def kib(count: float) -> str:
    """Bytes as KiB with one decimal."""
    return f"{count / 1024:.1f} KiB"


def _textual_version() -> str:
    try:
        return version("textual")
    except PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other work on a shared machine skews times)."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_info() -> list[str]:
    """Lines describing where the numbers were taken."""
    return [
        f"- cores: {os.cpu_count()} ({_cpu_model()})",
        f"- python: {platform.python_version()} ({platform.python_implementation()})",
        f"- textual: {_textual_version()}",
        f"- system: {platform.system()} {platform.release()}",
        f"- load average at start: {load_average()}",
    ]


def render(rows: list[Row], machine: list[str], notes: list[str], today: date) -> str:
    """The whole results document: table, failures, samples, notes, machine."""
    lines = [
        f"# Benchmark results, {today.isoformat()}",
        "",
        "| metric | companion | bare/reference | ratio | target | pass/fail |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = (row.metric, row.companion, row.reference, row.ratio, row.target, row.verdict)
        lines.append("| " + " | ".join(cells) + " |")
    failed = [row for row in rows if row.passed is False]
    lines.append("")
    if failed:
        lines.append("Failed targets:")
        lines += [f"- {row.metric}: {row.problem or 'over target'}" for row in failed]
    else:
        lines.append("All targets met.")
    lines += ["", "Raw samples (each run, in order):", ""]
    lines += [f"- {row.metric}: {', '.join(row.samples)}" for row in rows if row.samples]
    if notes:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    lines += ["", "Machine:", ""] + machine
    return "\n".join(lines) + "\n"


def write_results(text: str) -> Path:
    """Write the results document to ``bench/results.md``."""
    RESULTS_PATH.write_text(text, encoding="utf-8")
    return RESULTS_PATH
