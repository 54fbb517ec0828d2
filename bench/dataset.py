"""The big data directory: 25,000 check-ins and 25,000 stretch sessions over 20 years.

Records come from a seeded random source, so the same day always gives the
same data, and are loaded through ``Store.import_records`` as a real import
would. The directory is built once per day under ``bench/.cache/`` (never
committed) and every measurement that writes works on a copy of it.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from companion.core.clock import FakeClock
from companion.core.ids import new_id
from companion.core.records import CheckIn, ScreeningRecord, StretchSession
from companion.store import Store
from companion.store.devices import DEVICE_NAME, adopt_device
from companion.store.migrations import CURRENT_SCHEMA

__all__ = [
    "CACHE_DIR",
    "CHECKINS",
    "LONG_YEARS",
    "SESSIONS",
    "YEARS",
    "build_records",
    "cached_data_dir",
    "copy_data_dir",
]

CHECKINS = 25_000
"""Check-ins in the big data directory."""
SESSIONS = 25_000
"""Stretch sessions in the big data directory."""
YEARS = 20
"""Years the entries are spread over, ending this morning."""
LONG_YEARS = 50
"""Years of the long history the whole-history trends are timed on (``LONG_YEARS``
× 1,250 check-ins and as many sessions: 62,500 each)."""
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
"""Where generated data directories are kept between runs."""
_VERSION = 1
"""Bump when the generated data changes shape, to rebuild the cache."""

_AREAS = ("left buttock", "left thigh", "left calf", "lower back", "left foot", "right hip")
_TRIGGERS = ("sitting", "driving", "lifting", "bending", "poor sleep", "cold")
_MEDICATION = ("ibuprofen", "paracetamol", "naproxen")
_NOTES = (
    "Stiff first thing, eased after a walk.",
    "Long meeting, leg ached by lunch.",
    "Slept badly; pins and needles in the foot this morning.",
    "Good day. Walked to the shops without stopping.",
    "Physio said keep going with the stretches. " * 3,
    "",
    "",
    "",
)


def _instants(rng: random.Random, count: int, start: datetime, end: datetime) -> list[datetime]:
    """``count`` random instants in ``[start, end)`` to the second, oldest first."""
    span = int((end - start).total_seconds())
    return sorted(start + timedelta(seconds=rng.randrange(span)) for _ in range(count))


def build_records(
    today: date, *, seed: int = 20261121, years: int = YEARS
) -> tuple[list[CheckIn], list[StretchSession], list[ScreeningRecord]]:
    """The big data set, ending at 06:00 local time on ``today``: ``years`` years at
    the density of :data:`CHECKINS` and :data:`SESSIONS` over :data:`YEARS`."""
    rng = random.Random(seed)
    end = datetime.combine(today, time(6, 0)).astimezone()
    start = end - timedelta(days=round(365.25 * years))
    checkins = []
    for at in _instants(rng, CHECKINS * years // YEARS, start, end):
        pain = rng.randint(0, 10)
        checkins.append(
            CheckIn(
                id=new_id(at, rng),
                at=at,
                pain=pain,
                leg=min(10, pain + rng.randint(0, 2)),
                back=max(0, pain - rng.randint(0, 2)),
                where=tuple(rng.sample(_AREAS, k=rng.randint(1, 3))),
                symptoms=("tingling",) if rng.random() < 0.2 else (),
                triggers=tuple(rng.sample(_TRIGGERS, k=rng.randint(0, 2))),
                medication=(rng.choice(_MEDICATION),) if pain >= 6 else (),
                note=rng.choice(_NOTES),
                for_clinician=rng.random() < 0.05,
            )
        )
    sessions = []
    for began in _instants(rng, SESSIONS * years // YEARS, start, end):
        aborted = rng.random() < 0.08
        sessions.append(
            StretchSession(
                id=new_id(began, rng),
                routine="sciatica-basics",
                started_at=began,
                ended_at=began + timedelta(minutes=5 if aborted else 9),
                completed_steps=rng.randint(1, 11) if aborted else 12,
                total_steps=12,
                aborted=aborted,
                pain_before=rng.randint(0, 10),
                pain_after=rng.randint(0, 10),
            )
        )
    verdicts = {"inversion": "caution", "decompression": "ok", "massage": "ok", "stretching": "ok"}
    screenings = [
        ScreeningRecord(id=new_id(at, rng), at=at, version="bench", verdicts=verdicts)
        for at in _instants(rng, years, start, end)  # one a year, as a real user's
    ]
    return checkins, sessions, screenings


def cached_data_dir(today: date, years: int = YEARS) -> Path:
    """The big data directory for ``today``, building it (a few seconds) if not cached.

    The cache is keyed by the day and the store's schema version, so a new
    schema is benchmarked on data written by the new store, not migrated data.
    """
    label = "" if years == YEARS else f"-{years}y"
    name = f"data-{today.isoformat()}{label}-v{_VERSION}-schema{CURRENT_SCHEMA}"
    target = CACHE_DIR / name
    if (target / "meta.json").exists():
        return target
    CACHE_DIR.mkdir(exist_ok=True)
    for stale in CACHE_DIR.glob("data-*"):
        if not stale.name.startswith(f"data-{today.isoformat()}"):
            shutil.rmtree(stale, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE_DIR))
    try:
        data_dir = building / "data"
        clock = FakeClock(current=datetime.combine(today, time(6, 5)).astimezone())
        store = Store.open(data_dir, clock)
        checkins, sessions, screenings = build_records(today, years=years)
        store.import_records(checkins=checkins, sessions=sessions, screenings=screenings)
        # A returning user: the first-run notice and screening offer were seen long ago.
        store.update_settings(first_run_seen=True, screening_offered=True)
        data_dir.rename(target)  # whole or not at all: a half-built cache is never used
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target


def copy_data_dir(source: Path, parent: Path, name: str = "data") -> Path:
    """A private working copy of ``source`` inside ``parent``."""
    target = parent / name
    shutil.copytree(source, target, symlinks=True)
    if (target / DEVICE_NAME).exists():
        adopt_device(target)  # the same device, as if its folder had moved
    return target
