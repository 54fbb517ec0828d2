"""The clinician report prints on one page of A4 and of US Letter, even with the
longest content it shows. Needs a headless Chromium; skipped where there is none."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from companion.core.clock import FakeClock
from companion.core.demo import build_demo_measures, build_demo_records
from companion.core.records import RedFlag
from companion.core.report.html import render_html
from companion.core.report.model import build_report, default_start
from tests.scenes import SCENE_NOW

BROWSER = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)

LONG_NOTE = (
    "My left leg has been numb from the buttock to the little toe since the long drive on "
    "Sunday, worse when sitting for more than twenty minutes, and I woke twice in the night "
    "with burning pain down the back of the calf. "
) * 3


def crowded_page() -> str:
    """The demo data with every list at its longest: many long notes, four red flags."""
    clock = FakeClock(current=SCENE_NOW)
    checkins, sessions, screenings = build_demo_records(clock)
    checkins = [
        replace(c, note=LONG_NOTE, for_clinician=True) if i % 5 == 0 else c
        for i, c in enumerate(checkins)
    ]
    flags = (
        RedFlag("cauda-equina", "emergency"),
        RedFlag("possible-cancer", "prompt"),
        RedFlag("possible-infection", "prompt"),
        RedFlag("possible-fracture", "prompt"),
    )
    end = SCENE_NOW.date()
    report = build_report(
        checkins=checkins,
        sessions=sessions,
        measures=build_demo_measures(checkins),
        screening=replace(screenings[0], red_flags=flags),
        start=default_start(end),
        end=end,
        zone=None,
        generated_at=SCENE_NOW,
        daily_target=2,
        routine_names={"sciatica-basics": "Sciatica basics"},
    )
    return render_html(report)


@pytest.mark.skipif(BROWSER is None, reason="no chromium to print with")
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_report_prints_on_one_page(tmp_path: Path, paper: str) -> None:
    page = crowded_page().replace("@page { size: auto;", f"@page {{ size: {paper};")
    html = tmp_path / "report.html"
    html.write_text(page)
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    assert len(pages) == 1
