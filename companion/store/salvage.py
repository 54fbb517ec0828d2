"""Salvage: every entry that can still be read from a damaged shard, line by line.

A shard is written one entry per line (:func:`companion.store.storage.encode`),
so one junk line, a torn write or a bad entry costs that line only. ``doctor
--repair`` merges what is salvaged with the newest good backup by id (the
damaged file is newer, so its readable entries win) and says what it recovered
and what it could not; the damaged file itself is kept byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from companion.core.errors import DamagedFileError, InvalidInputError
from companion.core.programme.flares import Flare
from companion.core.programme.goals import GoalScores
from companion.core.programme.medication import Dose, Medicine
from companion.core.programme.walking import Walk
from companion.core.records import CheckIn, ScreeningRecord, StretchSession, WeeklyMeasures
from companion.core.untrusted import is_storable
from companion.store.paths import read_data_file
from companion.store.storage import decode

__all__ = ["RECORD_TYPES", "Salvaged", "merge_with_backup", "salvage_shard"]

RECORD_TYPES: dict[str, type[Any]] = {
    "checkins": CheckIn,
    "sessions": StretchSession,
    "screenings": ScreeningRecord,
    "measures": WeeklyMeasures,
    "medicines": Medicine,
    "doses": Dose,
    "flares": Flare,
    "walks": Walk,
    "goals": GoalScores,
}
"""The record type each kind of shard holds."""

_STRUCTURE = {b"", b"{", b"}", b"}}", b"},", b"{}"}


@dataclass(slots=True)
class Salvaged:
    """What could be read from a damaged shard."""

    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Readable, valid entries by id."""
    unreadable: list[int] = field(default_factory=list)
    """1-based numbers of the lines that held no readable entry."""


def _entry(line: bytes, kind: str) -> tuple[str, dict[str, Any]] | None:
    """The one ``"id": {...}`` entry on a line, if it is readable and valid."""
    try:
        pair = orjson.loads(b"{" + line + b"}")
    except orjson.JSONDecodeError:
        return None
    if not isinstance(pair, dict) or len(pair) != 1:
        return None
    ((doc_id, doc),) = pair.items()
    if not isinstance(doc, dict):
        return None
    try:
        record = RECORD_TYPES[kind].from_dict(doc)
    except (InvalidInputError, TypeError, ValueError, OverflowError):
        return None
    if record.id != doc_id or not is_storable(record):
        return None
    return doc_id, doc


def salvage_shard(raw: bytes, kind: str) -> Salvaged:
    """Every valid entry of ``kind`` that can be read from ``raw``, line by line."""
    found = Salvaged()
    header = orjson.dumps(kind) + b": {"
    for number, line in enumerate(raw.split(b"\n"), start=1):
        text = line.strip()
        if text.startswith(b"{" + header):
            text = text[len(header) + 1 :].strip()
        elif text.startswith(header):
            text = text[len(header) :].strip()
        text = text.removesuffix(b"}}").removesuffix(b",").strip()
        if text in _STRUCTURE:
            continue
        entry = _entry(text, kind)
        if entry is None:
            found.unreadable.append(number)
        else:
            found.docs.setdefault(entry[0], entry[1])
    return found


def merge_with_backup(
    salvaged: Salvaged, backup: Path | None, kind: str
) -> tuple[dict[str, dict[str, Any]], int]:
    """Salvaged entries plus those only the backup has; returns them and how many
    came from the backup alone."""
    merged = dict(salvaged.docs)
    if backup is None:
        return merged, 0
    try:
        tables = decode(read_data_file(backup)[1], backup)
    except (DamagedFileError, OSError):
        return merged, 0
    from_backup = 0
    for doc_id, doc in tables.get(kind, {}).items():
        if doc_id not in merged:
            merged[doc_id] = doc
            from_backup += 1
    return merged, from_backup
