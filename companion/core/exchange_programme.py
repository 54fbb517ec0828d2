"""CSV for the programme's journals: doses, walks and flares.

``companion export --format csv --what doses|walks|flares`` writes one of
these; ``companion import`` recognises each by its header. A doses file names
the medicine in every row (id, name, strength, unit), so it imports on its own:
the medicine is added with the row's id when the store does not have it yet.
Like the check-ins' CSV, the whole file is checked before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from typing import Any

import orjson

from companion.core.errors import InvalidInputError
from companion.core.fields import iso
from companion.core.programme.flares import Flare
from companion.core.programme.medication import Dose, Medicine, describe_amount
from companion.core.programme.walking import Walk

__all__ = [
    "DOSE_COLUMNS",
    "FLARE_COLUMNS",
    "WALK_COLUMNS",
    "doses_csv",
    "flares_csv",
    "parse_programme_csv",
    "walks_csv",
]

DOSE_COLUMNS = (
    "id",
    "at",
    "medicine_id",
    "medicine",
    "strength",
    "unit",
    "amount",
    "scheduled",
    "helped",
)
WALK_COLUMNS = ("id", "at", "minutes")
FLARE_COLUMNS = ("id", "started_at", "ended_at", "pain")


def _write(header: tuple[str, ...], rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def doses_csv(doses: Iterable[Dose], medicines: Iterable[Medicine]) -> str:
    """One row per dose, oldest first."""
    by_id = {m.id: m for m in medicines}
    rows = []
    for dose in sorted(doses, key=lambda d: (d.at, d.id)):
        medicine = by_id.get(dose.medicine)
        rows.append(
            [
                dose.id,
                iso(dose.at),
                dose.medicine,
                medicine.name if medicine else "",
                medicine.strength if medicine else "",
                medicine.unit if medicine else "",
                describe_amount(dose.amount),
                "true" if dose.scheduled else "false",
                dose.helped or "",
            ]
        )
    return _write(DOSE_COLUMNS, rows)


def walks_csv(walks: Iterable[Walk]) -> str:
    """One row per walk, oldest first."""
    rows = [[w.id, iso(w.at), w.minutes] for w in sorted(walks, key=lambda w: (w.at, w.id))]
    return _write(WALK_COLUMNS, rows)


def flares_csv(flares: Iterable[Flare]) -> str:
    """One row per flare, oldest first (``ended_at`` empty while it lasts)."""
    rows = [
        [f.id, iso(f.started_at), "" if f.ended_at is None else iso(f.ended_at), f.pain]
        for f in sorted(flares, key=lambda f: (f.started_at, f.id))
    ]
    return _write(FLARE_COLUMNS, rows)


def _row_id(prefix: str, cells: dict[str, str]) -> str:
    digest = hashlib.sha256(orjson.dumps(cells, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return f"{prefix}-{digest[:24]}"


def parse_programme_csv(
    header: list[str], rows: Iterable[tuple[int, list[str]]], source: str
) -> tuple[dict[str, list[Any]], list[str]] | None:
    """Entries of a doses, walks or flares CSV, and the problems found (``file:LINE: …``).

    ``None`` when the header is none of these (it is then a check-ins file).
    """
    kinds = {
        frozenset(DOSE_COLUMNS): "doses",
        frozenset(WALK_COLUMNS): "walks",
        frozenset(FLARE_COLUMNS): "flares",
    }
    kind = kinds.get(frozenset(header))
    if kind is None:
        return None
    found: dict[str, list[Any]] = {"medicines": [], "doses": [], "walks": [], "flares": []}
    problems: list[str] = []
    medicines: dict[str, Medicine] = {}
    seen: set[str] = set()
    for line, row in rows:
        if len(row) != len(header):
            problems.append(f"{source}:{line}: has {len(row)} fields, the header {len(header)}")
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        cells["id"] = cells["id"] or _row_id(kind[:4], cells)
        try:
            if kind == "doses":
                record: Any = _dose(cells, medicines)
            elif kind == "walks":
                record = Walk.from_dict(cells)
            else:
                record = Flare.from_dict(cells)
        except InvalidInputError as err:
            problems.append(f"{source}:{line}: {err.field}: {err.problem}")
            continue
        if record.id in seen:
            problems.append(f"{source}:{line}: id: repeats an earlier row's id")
            continue
        seen.add(record.id)
        found[kind].append(record)
    found["medicines"] = list(medicines.values())
    return found, problems


def _dose(cells: dict[str, str], medicines: dict[str, Medicine]) -> Dose:
    medicine_id = cells["medicine_id"] or _row_id(
        "med", {k: cells[k].lower() for k in ("medicine", "strength", "unit")}
    )
    dose = Dose.from_dict({**cells, "medicine": medicine_id, "helped": cells["helped"] or None})
    if medicine_id not in medicines:
        medicines[medicine_id] = Medicine.from_dict(
            {
                "id": medicine_id,
                "name": cells["medicine"],
                "strength": cells["strength"],
                "unit": cells["unit"],
                "created_at": dose.at,
            },
            prefix="",
        )
    elif dose.at < medicines[medicine_id].created_at:
        old = medicines[medicine_id]
        medicines[medicine_id] = Medicine(
            old.id, old.name, dose.at, old.strength, old.unit, old.daily_limit
        )
    return dose
