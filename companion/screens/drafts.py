"""The new check-in's draft in and out of the drafts file kept over a hang-up.

:meth:`companion.store.Store.keep_drafts` writes it when the terminal goes
away and :meth:`~companion.store.Store.take_drafts` gives it back at the next
start. Only a new check-in's draft is kept: an edit's could undo a change made
meanwhile in another session or device. What comes back is read as hostile: a
draft is restored only if every field has the type and range the form can hold
(scores 0–10, known symptoms and descriptors, one-line labels and answers,
minutes as digits, a note within the note limit), and its text is made
printable; anything else is dropped whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from companion.core.records import DESCRIPTORS, SYMPTOMS
from companion.core.untrusted import LABEL_MAX, NOTE_MAX, printable
from companion.screens.checkin import FormState

__all__ = ["NEW", "decode_draft", "encode_draft", "restore_drafts"]

NEW = "new"
"""The key of a new check-in's draft (an edit's is its entry's id)."""
_LINE_MAX = 2_000
"""Characters of a one-line answer (triggers, medication)."""
_MAX_ITEMS = 50
_MINUTES = re.compile(r"\d{0,4}")


def encode_draft(form: FormState) -> dict[str, Any]:
    """``form`` as plain JSON values (lists for its sets and tuples)."""
    return {
        **form._asdict(),
        "where": sorted(form.where),
        "symptoms": list(form.symptoms),
        "descriptors": list(form.descriptors),
    }


def decode_draft(data: Mapping[str, Any]) -> FormState | None:
    """The form a kept draft holds, or ``None`` if any field is not one the form can hold."""
    try:
        return FormState(
            _score(data.get("pain")),
            _score(data.get("leg")),
            _score(data.get("back")),
            frozenset(_lines(data.get("where"), LABEL_MAX)),
            _known(data.get("symptoms"), SYMPTOMS),
            _line(data.get("triggers"), _LINE_MAX),
            _line(data.get("medication"), _LINE_MAX),
            _text(data.get("note"), NOTE_MAX),
            _flag(data.get("for_clinician")),
            _line(data.get("when"), 40),
            _known(data.get("descriptors"), DESCRIPTORS),
            _score(data.get("sleep")),
            _minutes(data.get("sitting")),
        )
    except ValueError:
        return None


def restore_drafts(kept: Mapping[str, Mapping[str, Any]]) -> dict[str, FormState]:
    """The new check-in's draft from ``kept``, if it is one the form can hold."""
    data = kept.get(NEW)
    form = decode_draft(data) if data is not None else None
    return {NEW: form} if form is not None and form != FormState.of(None) else {}


def _score(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= 10:
        raise ValueError(value)
    return value


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise ValueError(value)
    return value


def _text(value: object, longest: int) -> str:
    if not isinstance(value, str) or len(value) > longest:
        raise ValueError(value)
    return printable(value)


def _line(value: object, longest: int) -> str:
    text = _text(value, longest)
    if "\n" in text or "\t" in text:
        raise ValueError(value)
    return text


def _lines(value: object, longest: int) -> list[str]:
    if not isinstance(value, list) or len(value) > _MAX_ITEMS:
        raise ValueError(value)
    return [_line(item, longest) for item in value]


def _minutes(value: object) -> str:
    if not isinstance(value, str) or not _MINUTES.fullmatch(value):
        raise ValueError(value)
    return value


def _known(value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    words = _lines(value, LABEL_MAX)
    if any(word not in allowed for word in words):
        raise ValueError(value)
    return tuple(word for word in allowed if word in words)
