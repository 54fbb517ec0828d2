"""Rules for text and dates that come from outside: one sanitiser for display and
the validators every input path (``log``, the forms, ``import``, user content) uses.

Two separate jobs:

- :func:`printable` makes any text safe to write to a terminal. Control characters
  (C0 except newline and tab, DEL, C1, so ESC and every escape sequence) and the
  bidirectional overrides become visible placeholders, so a note holding
  ``ESC ] 52`` shows as ``␛]52…`` instead of setting the clipboard. Screens, CLI
  messages and CSV written to a terminal go through it; stored data from an older
  version that holds such characters is therefore shown, never executed.
- :func:`safe_text`, :func:`safe_label` and :func:`bounded_instant` refuse such
  input in the first place (exit 2 naming the field), and :func:`check_untrusted`
  applies them to every field of a record, so a new kind of record is covered
  without writing its own checks.

Dates: one rule everywhere, from :data:`EARLIEST` to ``now`` plus
:data:`FUTURE_SLACK`, with ``now`` from the injected clock.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from companion.core.errors import InvalidInputError

__all__ = [
    "BIDI_CONTROLS",
    "EARLIEST",
    "FUTURE_SLACK",
    "LABEL_MAX",
    "NOTE_MAX",
    "STORABLE_LATEST",
    "bounded_instant",
    "check_untrusted",
    "control_character",
    "control_position",
    "date_problem",
    "is_storable",
    "printable",
    "safe_label",
    "safe_text",
]

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
"""No entry is older than this (and nothing near year 1 can overflow)."""

FUTURE_SLACK = timedelta(days=1)
"""How far after the clock's "now" an entry may be (clocks and time zones differ)."""

STORABLE_LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""Stored entries after this (impossible by the rule above, but a hand-edited or
older file may hold one) are left out of every screen and command, and named by
``doctor``: date arithmetic near year 9999 would overflow."""

NOTE_MAX = 100_000
"""Characters in a free-text field such as a note: far above what a person writes."""

LABEL_MAX = 60
"""Characters in a label (a body area, trigger, medication)."""

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The bidirectional marks and overrides: they can make text read differently
from what it holds, so labels and content files refuse them."""
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
"""What :func:`printable` replaces: C0 but newline and tab, DEL, C1, bidi controls."""
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""What input refuses in free text: control characters but newline (LF, CR) and tab."""
_REFUSED_WITH_BIDI = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_REFUSED_IN_LABEL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS};]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """``text`` with every control character shown as a placeholder (see the module)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_placeholder, text.replace("\r\n", "\n"))


def control_position(text: str, *, bidi: bool = False) -> int | None:
    """The index of the first control character free text may not hold, or ``None``;
    with ``bidi``, the bidirectional overrides count too (content files refuse them:
    they can make text read differently from what it holds)."""
    found = (_REFUSED_WITH_BIDI if bidi else _REFUSED).search(text)
    return None if found is None else found.start()


def control_character(text: str, *, label: bool = False) -> str | None:
    """A description of the first character input must refuse, or ``None``."""
    found = (_REFUSED_IN_LABEL if label else _REFUSED).search(text)
    if found is None:
        return None
    char = found.group()
    if char == ";":
        return "';' (it separates labels in CSV)"
    return f"a control character (U+{ord(char):04X}) at position {found.start() + 1}"


def safe_text(value: object, field: str, *, max_length: int = NOTE_MAX) -> str:
    """Free text (``None`` is empty) of at most ``max_length`` characters, without
    control characters other than newline and tab."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be text, not {type(value).__name__}")
    if len(value) > max_length:
        raise InvalidInputError(field, f"must be at most {max_length:,} characters")
    bad = control_character(value)
    if bad is not None:
        raise InvalidInputError(field, f"holds {bad}; only newline and tab are allowed")
    return value


def safe_label(value: object, field: str, *, max_length: int = LABEL_MAX) -> str:
    """A one-line label: no control characters and no ``;``."""
    if not isinstance(value, str):
        raise InvalidInputError(field, "must be text")
    if len(value) > max_length:
        raise InvalidInputError(field, f"must be at most {max_length} characters")
    bad = control_character(value, label=True)
    if bad is not None:
        raise InvalidInputError(field, f"holds {bad}")
    return value


def date_problem(value: datetime, now: datetime) -> str | None:
    """Why ``value`` is outside the one date rule, or ``None`` when it is inside.

    The years are compared first, so a value near year 1 or 9999 with an offset
    never reaches the aware comparison that would overflow.
    """
    if value.year < EARLIEST.year or (value.year == EARLIEST.year and value < EARLIEST):
        return f"{value.isoformat(timespec='seconds')} is before {EARLIEST:%Y-%m-%d}"
    if value.year > now.year + 1 or value - now > FUTURE_SLACK:
        return _future(value.isoformat(timespec="seconds"))
    return None


def _future(shown: str) -> str:
    return f"{shown} is more than a day in the future"


def bounded_instant(value: datetime, field: str, now: datetime) -> datetime:
    """``value`` if it keeps the date rule, else :class:`InvalidInputError` naming ``field``."""
    problem = date_problem(value, now)
    if problem is not None:
        raise InvalidInputError(field, problem)
    return value


def is_storable(record: object) -> bool:
    """Whether every date of a stored ``record`` lies where date arithmetic is safe."""
    return all(_storable(when) for _, when in _dates(record, ""))


def _storable(when: datetime) -> bool:
    if not EARLIEST.year < when.year < STORABLE_LATEST.year:
        return False  # decided on the year alone: no aware arithmetic near the ends
    return EARLIEST <= when < STORABLE_LATEST


def _dates(record: object, prefix: str) -> Iterable[tuple[str, datetime]]:
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if isinstance(value, datetime):
            yield f"{prefix}{name}", value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The field names of a record dataclass, looked up once per class (an import
    checks tens of thousands of records)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(item.name for item in dataclasses.fields(kind))
    return names


def check_untrusted(record: object, now: datetime, *, prefix: str = "") -> None:
    """Apply the text and date rules to every field of a record dataclass.

    Strings are free text (``note``-sized), tuples of strings are labels, dict keys
    and values are labels, datetimes keep the date rule. Raises
    :class:`InvalidInputError` naming the first field at fault (with ``prefix``),
    dates before text.
    """
    # An import checks every field of tens of thousands of records: each value is
    # looked at once, field names are spelt out only for a value at fault, and
    # isinstance is given a tuple of classes (a union costs a call per member).
    later: list[tuple[str, object]] = []
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if isinstance(value, str):
            if len(value) > NOTE_MAX or _REFUSED.search(value) is not None:
                later.append((name, value))
        elif isinstance(value, datetime):
            if date_problem(value, now) is not None:
                bounded_instant(value, f"{prefix}{name}", now)
        elif value is not None and not isinstance(value, (int, float)):
            later.append((name, value))
    for name, value in later:
        _check_value(value, f"{prefix}{name}", now)


def _check_value(value: object, name: str, now: datetime) -> None:
    if isinstance(value, str):
        safe_text(value, name)
    elif isinstance(value, (tuple, list)):
        for position, element in enumerate(value):
            if isinstance(element, str):
                if len(element) > NOTE_MAX or _REFUSED_IN_LABEL.search(element) is not None:
                    safe_label(element, f"{name}[{position}]", max_length=NOTE_MAX)
            elif dataclasses.is_dataclass(element):
                check_untrusted(element, now, prefix=f"{name}[{position}].")
    elif isinstance(value, dict):
        for key, element in value.items():
            safe_label(str(key), f"{name}.{printable(str(key))}", max_length=LABEL_MAX * 4)
            if isinstance(element, str):
                safe_label(element, f"{name}.{key}", max_length=LABEL_MAX * 4)
