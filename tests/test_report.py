"""The clinician report: numbers from histories worked out by hand, the HTML's
content, and that it needs nothing from the network."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from companion.__main__ import main
from companion.core.clock import FakeClock
from companion.core.records import RedFlag, ScreeningRecord
from companion.core.report.html import render_html
from companion.core.report.model import build_report
from companion.store import Store
from tests.store_helpers import checkin, measures, session

NOW = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
START = date(2026, 10, 25)  # 28 days: 25 Oct – 21 Nov
FIRST_WEEK = [START + timedelta(days=i) for i in range(7)]  # 25–31 Oct
LAST_WEEK = [date(2026, 11, 15) + timedelta(days=i) for i in range(7)]  # 15–21 Nov


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), UTC)


def history(first: int, last: int):
    """One check-in a day in the first and last week: pain ``first`` then ``last``.

    Leg is pain + 1 and back pain - 2. Stretching on four days of the last week;
    sitting listed on two days only (too few to compare).
    """
    checkins = [checkin(at(d), first, leg=first + 1, back=first - 2) for d in FIRST_WEEK]
    checkins += [checkin(at(d), last, leg=last + 1, back=last - 2) for d in LAST_WEEK]
    checkins[1] = checkin(at(FIRST_WEEK[1]), first, triggers=("sitting",))
    checkins[2] = checkin(at(FIRST_WEEK[2]), first, triggers=("sitting",))
    sessions = [session(at(d, 7)) for d in LAST_WEEK[:4]]
    return checkins, sessions


def report_for(first: int, last: int):
    checkins, sessions = history(first, last)
    return build_report(
        checkins=checkins,
        sessions=sessions,
        measures=[],
        screening=None,
        start=START,
        end=NOW.date(),
        zone=UTC,
        generated_at=NOW,
        daily_target=2,
        routine_names={"sciatica-basics": "Sciatica basics"},
    )


@pytest.mark.parametrize(
    ("first", "last", "mean", "verdict", "words"),
    [
        (7, 5, 6.0, "improving", "Improving: average pain 7.0"),  # -2 points
        (4, 6, 5.0, "worsening", "Worsening: average pain 4.0"),  # +2 points
        (6, 5, 5.5, "no important change", "No clinically important change"),  # -1, 17%
    ],
)
def test_mean_and_change_call_by_hand(first, last, mean, verdict, words) -> None:
    report = report_for(first, last)
    assert report.checkin_count == 14 and report.days_with_checkins == 14
    assert report.mean_pain == mean
    assert report.change.verdict == verdict
    page = render_html(report)
    assert f"<strong>{mean:.1f}</strong>" in page
    assert words in page


def test_leg_back_sessions_and_with_without_by_hand() -> None:
    report = report_for(7, 5)
    # Leg: 5 first-week days at 8 and 7 last-week days at 6 (two entries gave none).
    assert (report.leg_count, report.mean_leg) == (12, (5 * 8 + 7 * 6) / 12)
    assert report.leg_change.verdict == "improving"
    assert (report.sessions_done, report.sessions_target) == (4, 2 * 28)
    assert report.days_target_met == 0
    rows = [(a.factor.label, a.days_with, a.days_without, a.mean_with) for a in report.helps]
    # Stretching days: 4 at 5.0; without: 7 days at 7 and 3 at 5 = 64 / 10 = 6.4.
    assert rows == [("Sciatica basics", 4, 10, 5.0)]
    assert report.helps[0].mean_without == pytest.approx(6.4)


@pytest.fixture
def filled(data_dir: Path) -> Path:
    clock = FakeClock(current=NOW)
    store = Store.open(data_dir, clock)
    checkins, sessions = history(7, 5)
    checkins.append(
        checkin(at(LAST_WEEK[-1], 18), 5, note="Numb toes after a long drive", for_clinician=True)
    )
    checkins.append(checkin(at(LAST_WEEK[-2], 18), 5, note="Private: argued with my boss"))
    checkins.append(checkin(at(date(2026, 9, 1)), 10, note="Before the period", for_clinician=True))
    flag = ScreeningRecord(
        id="screen-0001",
        at=at(date(2026, 10, 1)),
        version="2026.1",
        answers={"leg-weakness": "yes"},
        red_flags=(RedFlag("progressive-weakness", "prompt"),),
        verdicts={"inversion": "avoid", "stretching": "ok"},
    )
    store.import_records(
        checkins=checkins,
        sessions=sessions,
        screenings=[flag],
        measures=[measures(at(FIRST_WEEK[0]), peg=(7, 6, 5), sbi=(4, 3, 2, 5))],
    )
    return data_dir


def export_html(data_dir: Path, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COMPANION_NOW", NOW.isoformat())
    out = data_dir.parent / "report.html"
    assert main(["export", "--format", "html", *argv, "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o077 == 0
    return out.read_text()


def test_the_page_says_everything_the_clinician_needs(filled, monkeypatch) -> None:
    page = export_html(filled, monkeypatch, "--since", "2026-10-25", "--until", "2026-11-21")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "25 Oct 2026 – 21 Nov 2026 (28 days)" in text
    # 14 at 6.0 on average and two more at 5: 94 / 16 = 5.875
    assert re.search(r"Check-ins\s+16", text) and re.search(r"Mean pain\s+5\.9", text)
    assert "Improving: average pain 7.0" in text
    assert page.index("Red flags reported") < page.index("Mean pain")  # safety first
    assert "Prompt" in text and "progressive weakness" in text
    assert "inversion: avoid" in text
    assert "Numb toes after a long drive" in text
    assert "argued with my boss" not in text and "Before the period" not in text
    assert re.search(r"25 Oct 2026\s+6\.0\s+7/6/5\s+14\s+4/3/2/5", text)  # PEG and SBI
    assert "4 done of a target of 56" in text
    assert "Sciatica basics" in text and "not proof" in text
    assert page.count("<svg") == 1 and "7-day mean" in page


def test_the_page_loads_nothing_from_the_network(filled, monkeypatch) -> None:
    page = export_html(filled, monkeypatch)
    assert "<script" not in page and "@import" not in page
    links = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", page)
    assert links == []
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert "url(" not in page.replace("url(#", "")
    assert "@page" in page  # print styles


def test_default_period_is_the_last_90_days(filled, monkeypatch) -> None:
    page = export_html(filled, monkeypatch)
    assert "24 Aug 2026 – 21 Nov 2026 (90 days)" in page
    assert "Before the period" in page  # 1 Sep is inside the 90 days


def test_an_empty_period_still_makes_a_page(data_dir, monkeypatch) -> None:
    page = export_html(data_dir, monkeypatch, "--since", "2026-11-01")
    assert "No check-ins in this period" in page and "<svg" not in page
    assert "No safety screening recorded" in page
