"""Export and import files: JSON (everything) and CSV (check-ins only).

Pure functions: bytes or text in, bytes or text out; reading and writing
files is the caller's business. The JSON layout is the one promised in the
README (``{"format": "companion-export", "version": 1, ...}``); entries in
the trash are never exported and ``deleted_at`` is not emitted. The
``measures`` array (weekly PEG and bothersomeness answers) was added within
version 1: files written before it, without the key, import as before.

CSV has one row per check-in with the columns of :data:`CSV_COLUMNS`, in that
order (``descriptors``, ``sleep_interference`` and ``sitting_minutes`` were added
within version 1, at the end; sheets without them import as before). List fields
(``where``, ``symptoms``, ``triggers``, ``medication``, ``descriptors``) are
joined with ``"; "`` (so a label itself cannot contain ``;``), empty scores are
empty cells, and ``for_clinician`` is ``true``/``false``. On
import, only ``at`` and ``pain`` columns are required; a row with an empty
``id`` gets one derived from its content, so importing the same hand-made
sheet twice still adds each row once.

:func:`parse_import` validates the whole file before anything is written
and reports every entry at fault, each as ``file: field: problem`` (JSON, e.g.
``backup.json: checkins[3].pain: must be from 0 to 10, not 11``) or
``file:LINE: field: problem`` (CSV), in one :class:`ImportFileError`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import orjson

from companion.core.clock import SystemClock
from companion.core.csv_cells import neutralise, restore
from companion.core.errors import InvalidInputError
from companion.core.fields import SHOWN_MAX, iso
from companion.core.programme.flares import Flare
from companion.core.programme.goals import GoalScores
from companion.core.programme.medication import Dose, Medicine
from companion.core.programme.walking import Walk
from companion.core.records import CheckIn, ScreeningRecord, StretchSession, WeeklyMeasures
from companion.core.untrusted import NOTE_MAX, check_untrusted, printable

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "LIST_SEPARATOR",
    "ImportBundle",
    "ImportFileError",
    "export_csv",
    "export_json",
    "parse_import",
]

EXPORT_FORMAT = "companion-export"
"""The ``format`` value of a JSON export."""

EXPORT_VERSION = 1
"""The export layout version this app writes and reads."""

CSV_COLUMNS = (
    "id",
    "at",
    "pain",
    "leg",
    "back",
    "where",
    "symptoms",
    "triggers",
    "medication",
    "note",
    "for_clinician",
    "updated_at",
    "descriptors",
    "sleep_interference",
    "sitting_minutes",
)
"""The CSV header, in order. Columns added later go at the end, so a sheet that
reads columns by position still finds the older ones where they were."""

LIST_SEPARATOR = "; "
"""How list fields are joined in a CSV cell."""

_LIST_COLUMNS = ("where", "symptoms", "triggers", "medication", "descriptors")
_TEXT_COLUMNS = (*_LIST_COLUMNS, "note")
"""Columns written through :func:`neutralise` (and read back through :func:`restore`)."""
_CSV_FIELD_LIMIT = 2 * NOTE_MAX
"""Characters one CSV cell may hold: room for a note of :data:`NOTE_MAX` with its
quote; a longer cell stops the parse at once (memory stays bounded)."""
_REQUIRED_COLUMNS = ("at", "pain")
_MAX_REPORTED = 50
"""Problems listed one by one before the rest are only counted."""


@dataclass(frozen=True, slots=True)
class ImportBundle:
    """Everything a valid import file holds."""

    checkins: tuple[CheckIn, ...] = ()
    sessions: tuple[StretchSession, ...] = ()
    screenings: tuple[ScreeningRecord, ...] = ()
    measures: tuple[WeeklyMeasures, ...] = ()
    medicines: tuple[Medicine, ...] = ()
    doses: tuple[Dose, ...] = ()
    flares: tuple[Flare, ...] = ()
    walks: tuple[Walk, ...] = ()
    goals: tuple[GoalScores, ...] = ()


PROGRAMME_KEYS: tuple[tuple[str, str], ...] = (
    ("medicines", "created_at"),
    ("doses", "at"),
    ("flares", "started_at"),
    ("walks", "at"),
    ("goals", "at"),
)
"""The programme's arrays in a JSON export, each with the field it is ordered by.
Added within version 1: files without them import as before."""


class ImportFileError(InvalidInputError):
    """An import file with one or more problems; nothing from it may be written."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        """Every problem found, each ``file: field: problem`` or ``file:LINE: field: problem``."""
        shown = problems[:_MAX_REPORTED]
        if len(problems) > _MAX_REPORTED:
            shown.append(f"{source}: … and {len(problems) - _MAX_REPORTED} more problems")
        summary = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        shown.append(f"{source}: {summary}; nothing was imported")
        super().__init__("file", summary, source=source)
        self.args = ("\n".join(shown),)

    def __str__(self) -> str:
        return str(self.args[0])


# -- export ------------------------------------------------------------------


def _live_oldest_first(records: Iterable[Any], time_of: str) -> list[Any]:
    live = [r for r in records if r.deleted_at is None]
    live.sort(key=lambda r: (getattr(r, time_of), r.id))
    return live


class _Exportable(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def _without_trash_field(record: _Exportable) -> dict[str, Any]:
    data = record.to_dict()
    data.pop("deleted_at", None)
    return data


def export_json(
    *,
    checkins: Iterable[CheckIn],
    sessions: Iterable[StretchSession],
    screenings: Iterable[ScreeningRecord],
    exported_at: datetime,
    measures: Iterable[WeeklyMeasures] = (),
    programme: dict[str, Iterable[Any]] | None = None,
) -> bytes:
    """The JSON export (2-space indented, oldest entries first, trash left out).

    ``programme`` maps each of :data:`PROGRAMME_KEYS` to its entries.
    """
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": iso(exported_at),
        "checkins": [_without_trash_field(r) for r in _live_oldest_first(checkins, "at")],
        "sessions": [_without_trash_field(r) for r in _live_oldest_first(sessions, "started_at")],
        "screenings": [_without_trash_field(r) for r in _live_oldest_first(screenings, "at")],
        "measures": [_without_trash_field(r) for r in _live_oldest_first(measures, "at")],
    }
    for key, time_of in PROGRAMME_KEYS:
        entries = (programme or {}).get(key, ())
        document[key] = [_without_trash_field(r) for r in _live_oldest_first(entries, time_of)]
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def export_csv(checkins: Iterable[CheckIn]) -> str:
    """One row per live check-in, oldest first, under the :data:`CSV_COLUMNS` header.

    Text cells a spreadsheet would run as a formula are neutralised (see
    :func:`companion.core.csv_cells.neutralise`); a row holding a carriage return
    has every cell quoted, so the CR stays inside its cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoting_all = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for entry in _live_oldest_first(checkins, "at"):
        row = [
            entry.id,
            iso(entry.at),
            entry.pain,
            _cell(entry.leg),
            _cell(entry.back),
            neutralise(LIST_SEPARATOR.join(entry.where)),
            neutralise(LIST_SEPARATOR.join(entry.symptoms)),
            neutralise(LIST_SEPARATOR.join(entry.triggers)),
            neutralise(LIST_SEPARATOR.join(entry.medication)),
            neutralise(entry.note),
            "true" if entry.for_clinician else "false",
            "" if entry.updated_at is None else iso(entry.updated_at),
            LIST_SEPARATOR.join(entry.descriptors),
            _cell(entry.sleep_interference),
            _cell(entry.sitting_minutes),
        ]
        carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in row)
        (quoting_all if carriage_return else writer).writerow(row)
    return buffer.getvalue()


def _cell(score: int | None) -> int | str:
    """A score's CSV cell: empty when not given."""
    return "" if score is None else score


# -- import ------------------------------------------------------------------


def parse_import(data: bytes, source: str, *, now: datetime | None = None) -> ImportBundle:
    """Validate a JSON or CSV export; raises :class:`ImportFileError` listing every problem.

    The kind is taken from the name's extension (``.json``/``.csv``), else
    from the content (a JSON export starts with ``{``). Every entry also keeps
    the rules of :mod:`companion.core.untrusted` (no control characters, labels
    without ``;``, dates from 1900 to ``now`` plus a day; ``now`` defaults to the
    system clock).
    """
    now = now or SystemClock().now()
    source = printable(source)
    lowered = source.lower()
    if lowered.endswith(".json"):
        return _parse_json(data, source, now)
    if lowered.endswith(".csv"):
        return _parse_csv(data, source, now)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return _parse_json(data, source, now)
    return _parse_csv(data, source, now)


_KINDS: tuple[tuple[str, type[Any]], ...] = (
    ("checkins", CheckIn),
    ("sessions", StretchSession),
    ("screenings", ScreeningRecord),
    ("measures", WeeklyMeasures),
    ("medicines", Medicine),
    ("doses", Dose),
    ("flares", Flare),
    ("walks", Walk),
    ("goals", GoalScores),
)


def _parse_json(data: bytes, source: str, now: datetime) -> ImportBundle:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        raise ImportFileError(source, [f"{source}: not valid JSON: {err}"]) from None
    if not isinstance(document, dict):
        problem = f'{source}: not a companion export (expected an object with "format")'
        raise ImportFileError(source, [problem])
    _check_header(document, source)
    problems: list[str] = []
    parsed: dict[str, list[Any]] = {}
    for key, record_type in _KINDS:
        entries = document.get(key, [])
        parsed[key] = []
        if not isinstance(entries, list):
            problems.append(f"{source}: {key}: must be a list")
            continue
        first_index: dict[str, int] = {}
        for index, entry in enumerate(entries):
            name = f"{key}[{index}]"
            try:
                record = record_type.from_dict(entry, prefix=f"{name}.")
                _typed_as_exported(entry, record.to_dict(), name)
                check_untrusted(record, now, prefix=f"{name}.")
            except InvalidInputError as err:
                problems.append(f"{source}: {err}")
                continue
            except (TypeError, ValueError, OverflowError) as err:
                problems.append(f"{source}: {name}: cannot be read ({err})")
                continue
            if record.id in first_index:
                earlier = f"{key}[{first_index[record.id]}]"
                problems.append(f"{source}: {name}.id: repeats the id of {earlier}")
                continue
            first_index[record.id] = index
            parsed[key].append(record)
    if problems:
        raise ImportFileError(source, problems)
    return ImportBundle(**{key: tuple(records) for key, records in parsed.items()})


def _typed_as_exported(entry: object, exported: object, field: str) -> None:
    """Refuse text where an export writes a number or true/false (``"pain": "5"``).

    The record reads text too, as the command line and a CSV cell give it; a JSON
    file holds what an export wrote, so text there is a sign of a hand-made or
    damaged file, refused like ``"pain": true``. Nested objects and lists are
    compared item by item. (An import compares every value of tens of thousands
    of entries: only the values an export writes as numbers, true/false or
    nested are looked at, by their exact type, which JSON and ``to_dict`` give.)
    """
    if type(exported) is dict and type(entry) is dict:
        for key, written in exported.items():
            kind = type(written)
            if kind is int or kind is float or kind is bool:
                value = entry.get(key)
                if type(value) is str:
                    _refuse_text(value, written, f"{field}.{key}")
            elif kind is dict or kind is list:
                _typed_as_exported(entry.get(key), written, f"{field}.{key}")
    elif type(exported) is list and type(entry) is list and len(entry) == len(exported):
        for index, (value, written) in enumerate(zip(entry, exported, strict=True)):
            kind = type(written)
            if kind is int or kind is float or kind is bool:
                if type(value) is str:
                    _refuse_text(value, written, f"{field}[{index}]")
            elif kind is dict or kind is list:
                _typed_as_exported(value, written, f"{field}[{index}]")


def _refuse_text(entry: str, exported: object, field: str) -> None:
    kind = "true or false" if isinstance(exported, bool) else "a number"
    quoted = orjson.dumps(printable(entry[:SHOWN_MAX])).decode()
    raise InvalidInputError(field, f"must be {kind}, not the text {quoted}")


def _check_header(document: dict[str, Any], source: str) -> None:
    found_format = document.get("format")
    if found_format != EXPORT_FORMAT:
        problem = f'{source}: format: must be "{EXPORT_FORMAT}", not {found_format!r}'
        raise ImportFileError(source, [problem])
    version = document.get("version")
    if version == EXPORT_VERSION and not isinstance(version, bool):
        return
    if isinstance(version, int) and not isinstance(version, bool) and version > EXPORT_VERSION:
        problem = (
            f"{source}: version: is {version}, written by a newer companion; "
            f"this one reads version {EXPORT_VERSION}"
        )
    else:
        problem = f"{source}: version: must be {EXPORT_VERSION}, not {version!r}"
    raise ImportFileError(source, [problem])


def _parse_csv(data: bytes, source: str, now: datetime) -> ImportBundle:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportFileError(source, [f"{source}: not UTF-8 text ({err.reason})"]) from None
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise ImportFileError(source, [f"{source}: the file is empty"]) from None
    except csv.Error as err:
        raise ImportFileError(source, [f"{source}:1: {err}"]) from None
    programme = _parse_programme_csv(header, reader, source)
    if programme is not None:
        return programme
    problems = [
        f"{source}:1: unknown column {name!r} (known: {', '.join(CSV_COLUMNS)})"
        for name in header
        if name not in CSV_COLUMNS
    ]
    problems += [
        f"{source}:1: missing column {name!r}" for name in _REQUIRED_COLUMNS if name not in header
    ]
    if problems:
        raise ImportFileError(source, problems)
    checkins: list[CheckIn] = []
    first_line: dict[str, int] = {}
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(f"{source}:{start}: {err}")
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{source}:{start}: has {len(row)} fields, the header {len(header)}")
            continue
        try:
            entry = CheckIn.from_dict(_csv_row(dict(zip(header, row, strict=True))))
            check_untrusted(entry, now)
        except InvalidInputError as err:
            problems.append(f"{source}:{start}: {err.field}: {err.problem}")
            continue
        if entry.id in first_line:
            problems.append(f"{source}:{start}: id: repeats the id on line {first_line[entry.id]}")
            continue
        first_line[entry.id] = start
        checkins.append(entry)
    if problems:
        raise ImportFileError(source, problems)
    return ImportBundle(checkins=tuple(checkins))


def _parse_programme_csv(header: list[str], reader: Any, source: str) -> ImportBundle | None:
    """A doses, walks or flares CSV (see :mod:`companion.core.exchange_programme`)."""
    from companion.core.exchange_programme import parse_programme_csv

    def rows() -> Iterable[tuple[int, list[str]]]:
        line = reader.line_num
        for row in reader:
            start, line = line + 1, reader.line_num
            if any(cell.strip() for cell in row):
                yield start, row

    try:
        parsed = parse_programme_csv(header, rows(), source)
    except csv.Error as err:
        raise ImportFileError(source, [f"{source}: {err}"]) from None
    if parsed is None:
        return None
    found, problems = parsed
    if problems:
        raise ImportFileError(source, problems)
    return ImportBundle(**{key: tuple(records) for key, records in found.items()})


def _csv_row(cells: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the dict :meth:`CheckIn.from_dict` takes."""
    data: dict[str, Any] = {
        column: restore(cell) if column in _TEXT_COLUMNS else cell for column, cell in cells.items()
    }
    for column in _LIST_COLUMNS:
        if column in data:
            data[column] = [label for label in data[column].split(";") if label.strip()]
    for column in ("at", "updated_at", "id"):
        if column in data:
            data[column] = data[column].strip()
    if not data.get("id"):
        digest = hashlib.sha256(orjson.dumps(cells, option=orjson.OPT_SORT_KEYS)).hexdigest()
        data["id"] = f"csv-{digest[:24]}"
    return data
