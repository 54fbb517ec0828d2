"""``companion export --format html``: read the period's entries and render the report.

The period is made of whole local days. ``since``/``until`` are the instants
:mod:`companion.cli.export` parsed (``until`` excluded); without ``since`` the
report covers :data:`~companion.core.report.DEFAULT_DAYS` days up to ``until``
or today. Routine names come from the content library when it loads; if it
cannot, routine ids are shown instead (the report must not fail over content).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from companion.core.clock import Clock, day_bounds, local_date
from companion.core.content.library import scan_content
from companion.core.report.html import render_html
from companion.core.report.model import build_report, default_start
from companion.core.report.programme import build_programme
from companion.core.untrusted import EARLIEST
from companion.store import Store

__all__ = ["clinician_report", "report_days"]


def report_days(since: datetime | None, until: datetime | None, today: date) -> tuple[date, date]:
    """The first and last local day of the report, within the days entries can have
    (from :data:`~companion.core.untrusted.EARLIEST` to today): ``--since 0001-01-01``
    or ``--until 9999-12-31`` mean "from the start" and "up to today"."""
    end = today if until is None else min(local_date(until - timedelta(microseconds=1)), today)
    start = default_start(end) if since is None else local_date(since)
    start = min(max(start, EARLIEST.date()), today)
    return start, max(start, end)


def _routines() -> tuple[dict[str, str], dict[str, str]]:
    """Routine id → title and → therapy, from the content library if it loads."""
    library, _problems = scan_content()
    if library is None:
        return {}, {}
    routines = library.routines.values()
    return {r.id: r.title for r in routines}, {r.id: r.therapy for r in routines}


def clinician_report(
    store: Store, clock: Clock, since: datetime | None, until: datetime | None
) -> str:
    """The HTML report for the period, built from ``store``."""
    now = clock.now()
    start, end = report_days(since, until, now.astimezone().date())
    first, after = day_bounds(start)[0], day_bounds(end)[1]
    screenings = store.screenings.between(None, after)
    names, therapies = _routines()
    checkins = store.checkins.between(first, after)
    programme = build_programme(
        checkins=checkins,
        medicines=store.medicines.iter_all(),
        doses=store.doses.between(first, after),
        flares=store.flares.between(None, after),
        walks=store.walks.between(None, after),
        goals=store.goals.between(first, after),
        start=start,
        end=end,
        now=now,
    )
    report = build_report(
        checkins=checkins,
        sessions=store.sessions.between(first, after),
        measures=store.measures.between(first, after),
        screening=screenings[0] if screenings else None,
        start=start,
        end=end,
        zone=None,
        generated_at=now,
        daily_target=store.load_settings().daily_target,
        routine_names=names,
        routine_therapy=therapies,
        programme=programme,
        walked_days=programme.walked_days,
    )
    return render_html(report)
