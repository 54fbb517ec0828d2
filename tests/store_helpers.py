"""Builders shared by the store, exchange and CLI tests."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from companion.core.clock import FakeClock
from companion.core.ids import new_id
from companion.core.insights.daily import DaySummary
from companion.core.records import (
    CheckIn,
    RedFlag,
    ScreeningRecord,
    StretchSession,
    WeeklyMeasures,
)

T = TypeVar("T")


def present(value: T | None) -> T:
    """``value``, asserted not to be None: for a lookup the test expects to find
    (``present(store.checkins.latest()).pain``)."""
    assert value is not None, "expected a value, got None"
    return value


def checkin(at: datetime, pain: int = 5, **changes: Any) -> CheckIn:
    """A check-in at ``at`` with a fresh id."""
    fields: dict[str, Any] = {"id": new_id(at), "at": at, "pain": pain}
    fields.update(changes)
    return CheckIn(**fields)


def session(started: datetime, **changes: Any) -> StretchSession:
    """A finished 12-step session starting at ``started``."""
    fields: dict[str, Any] = {
        "id": new_id(started),
        "routine": "sciatica-basics",
        "started_at": started,
        "ended_at": started + timedelta(minutes=12),
        "completed_steps": 12,
        "total_steps": 12,
    }
    fields.update(changes)
    return StretchSession(**fields)


def screening(at: datetime) -> ScreeningRecord:
    """A screening with one prompt red flag."""
    return ScreeningRecord(
        id=new_id(at),
        at=at,
        version="2026.1",
        answers={"saddle-numbness": "no", "leg-weakness": "unsure"},
        red_flags=(RedFlag("leg-weakness", "prompt"),),
        verdicts={"inversion": "avoid", "decompression": "caution", "massage": "ok"},
    )


def measures(
    at: datetime,
    peg: tuple[int, int, int] = (6, 5, 4),
    sbi: tuple[int, int, int, int] = (4, 3, 2, 5),
) -> WeeklyMeasures:
    """Weekly measures answered at ``at``."""
    return WeeklyMeasures(id=new_id(at), at=at, peg=peg, sbi=sbi)


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path → sha256), to prove nothing was written."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def next_day(clock: FakeClock) -> None:
    """Move the clock one day on (so the next save makes a daily backup)."""
    clock.advance(24 * 3600)


def device_of(data_dir: Path) -> str:
    """The device id of ``data_dir`` (made by its first save)."""
    from companion.store.devices import local_device

    return local_device(data_dir)


def own(data_dir: Path, kind: str, name: str) -> Path:
    """This data directory's own file of a shard: ``own(data_dir, "checkins", "2026-11")``."""
    return data_dir / kind / f"{name}.{device_of(data_dir)}.json"


def own_settings(data_dir: Path) -> Path:
    """This data directory's own settings file."""
    return data_dir / f"settings.{device_of(data_dir)}.json"


def summary_fields(days: Mapping[date, DaySummary]) -> dict[date, tuple[object, ...]]:
    """Daily summaries as plain values to compare, their notes as a set (a merge orders them)."""
    return {
        day: (
            s.checkins,
            s.pain_sum,
            s.pain_min,
            s.pain_max,
            s.leg_sum,
            s.leg_count,
            s.back_sum,
            s.back_count,
            s.triggers,
            s.medication,
            s.areas,
            s.sessions,
            sorted((n.id, n.note) for n in s.notes),
            s.descriptors,
            s.sleep_sum,
            s.sleep_count,
            s.sitting,
        )
        for day, s in days.items()
    }
