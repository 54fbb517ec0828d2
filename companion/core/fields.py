"""Small validators shared by every record type.

Each raises :class:`~companion.core.errors.InvalidInputError` naming the
field, so a bad import row or a bad ``--pain`` gives the same clear message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from companion.core.clock import parse_instant
from companion.core.errors import InvalidInputError
from companion.core.ids import is_valid_id
from companion.core.untrusted import printable

__all__ = [
    "SHOWN_MAX",
    "as_bool",
    "as_choices",
    "as_id",
    "as_instant",
    "as_optional_instant",
    "as_optional_score",
    "as_score",
    "as_text",
    "as_text_list",
    "iso",
    "missing",
    "optional_iso",
    "shown",
    "whole_number",
]

SHOWN_MAX = 40
"""Characters of a refused value quoted in a message; a longer one is cut short."""


_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def shown(value: object) -> str:
    """A refused value as a message quotes it: as written (JSON spellings for
    ``true``/``false``/``null``), control characters made visible, cut short."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, str):
        text = printable(value)
        if len(text) <= SHOWN_MAX and _NUMBER.fullmatch(text.strip()):
            return text.strip()  # a number typed on the command line or in a CSV cell
        return repr(text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…")
    if isinstance(value, int | float):
        return repr(value)  # a JSON number too long for an int arrives as a float: 1e+30
    return f"a {'list' if isinstance(value, list | tuple) else type(value).__name__}"


def missing(field: str) -> InvalidInputError:
    """The error for a required field that was not given."""
    return InvalidInputError(field, "is missing")


def iso(value: datetime) -> str:
    """The interchange form of an instant: ISO 8601 with its UTC offset, to the second."""
    return value.isoformat(timespec="seconds")


def optional_iso(value: datetime | None) -> str | None:
    """:func:`iso` of an instant that may be missing (``None`` stays ``None``)."""
    return None if value is None else iso(value)


_WHOLE = re.compile(r"-?[0-9]{1,9}")


def whole_number(text: str) -> int | None:
    """The integer ``text`` spells in ASCII digits (at most nine), else ``None``.

    ``str.isdigit`` is not enough: it accepts ``"²"`` and other digits ``int``
    refuses, and an unbounded run of digits is slow to convert. Surrounding
    whitespace is allowed, as a person or a CSV cell may leave it.
    """
    match = _WHOLE.fullmatch(text.strip())
    return int(match.group()) if match else None


def as_score(value: object, field: str, *, low: int = 0, high: int = 10) -> int:
    """An integer score within ``low``–``high`` (pain is 0–10)."""
    if value is None:
        raise missing(field)
    number = whole_number(value) if isinstance(value, str) else value
    whole = isinstance(number, int) or (isinstance(number, float) and number.is_integer())
    if not whole or isinstance(number, bool):
        raise InvalidInputError(
            field, f"must be a whole number from {low} to {high}, not {shown(value)}"
        )
    assert isinstance(number, (int, float))
    if not low <= number <= high:
        raise InvalidInputError(field, f"must be from {low} to {high}, not {shown(value)}")
    return int(number)


def as_optional_score(value: object, field: str, *, low: int = 0, high: int = 10) -> int | None:
    """Like :func:`as_score` but ``None`` or an empty string means "not given"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return as_score(value, field, low=low, high=high)


def as_instant(value: object, field: str) -> datetime:
    """A timezone-aware instant from a datetime or an ISO 8601 string."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.astimezone()
    if value is None:
        raise missing(field)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            field, f"must be an ISO 8601 date/time, e.g. 2026-11-21T08:30, not {shown(value)}"
        )
    try:
        return parse_instant(value)
    except ValueError as err:
        raise InvalidInputError(field, str(err)) from None


def as_optional_instant(value: object, field: str) -> datetime | None:
    """:func:`as_instant`, or ``None`` for a missing or empty value."""
    return None if value in (None, "") else as_instant(value, field)


def as_text(value: object, field: str, *, max_length: int | None = None) -> str:
    """A string (``None`` becomes empty); a length limit only where one makes sense."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be text, not {shown(value)}")
    if max_length is not None and len(value) > max_length:
        raise InvalidInputError(field, f"must be at most {max_length} characters")
    return value


def as_text_list(value: object, field: str, *, max_item_length: int = 60) -> tuple[str, ...]:
    """A list of short labels. Accepts a list or a comma-separated string.

    Labels are trimmed and lower-cased; blanks and repeats are dropped.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[object] = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise InvalidInputError(field, "must be a list of labels")
    labels: list[str] = []
    for position, item in enumerate(items):
        if not isinstance(item, str):
            raise InvalidInputError(f"{field}[{position}]", "must be text")
        label = " ".join(item.split()).lower()
        if len(label) > max_item_length:
            raise InvalidInputError(
                f"{field}[{position}]", f"must be at most {max_item_length} characters"
            )
        if label and label not in labels:
            labels.append(label)
    return tuple(labels)


def as_choices(
    value: object,
    field: str,
    choices: tuple[str, ...],
    aliases: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Labels from a fixed vocabulary, as a list or a comma-separated string.

    Each label is read like :func:`as_text_list` reads it (trimmed, lower-cased,
    ``-`` and ``_`` taken as spaces), then looked up in ``aliases`` (another
    spelling of a choice); the result holds each choice once, in ``choices``
    order, so equal answers compare equal however they were typed.
    """
    found: set[str] = set()
    for position, label in enumerate(as_text_list(value, field)):
        spelled = " ".join(label.replace("-", " ").replace("_", " ").split())
        choice = (aliases or {}).get(spelled, spelled)
        if choice not in choices:
            raise InvalidInputError(
                f"{field}[{position}]",
                f"must be one of {', '.join(choices)}, not {printable(label)!r}",
            )
        found.add(choice)
    return tuple(choice for choice in choices if choice in found)


def as_id(value: object, field: str = "id") -> str:
    """An entry id (see :mod:`companion.core.ids`)."""
    if value is None or value == "":
        raise missing(field)
    if not is_valid_id(value):
        raise InvalidInputError(
            field,
            "must be 6–64 lower-case letters, digits, '-' or '_', starting with one, "
            f"not {shown(value)}",
        )
    assert isinstance(value, str)
    return value


def as_bool(value: object, field: str) -> bool:
    """A boolean; also accepts the strings true/false/yes/no/1/0 (CSV)."""
    if isinstance(value, bool):
        return value
    if value is None or value == "":
        return False
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "1", "false", "no", "0"}:
        return value.strip().lower() in {"true", "yes", "1"}
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise InvalidInputError(field, f"must be true or false, not {shown(value)}")
