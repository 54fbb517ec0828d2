"""Check-in drafts in and out of the drafts file kept over a hang-up.

:meth:`companion.store.Store.keep_drafts` writes them when the terminal goes
away and :meth:`~companion.store.Store.take_drafts` gives them back at the next
start. What comes back is read as hostile: a draft is restored only if every
field has the type and range the form can hold (scores 0–10, known symptoms
and descriptors, bounded text), and its text is made printable; anything else
is dropped whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from companion.core.ids import is_valid_id
from companion.core.records import DESCRIPTORS, SYMPTOMS
from companion.core.untrusted import printable
from companion.screens.checkin import FormState

__all__ = ["NEW", "decode_draft", "encode_draft", "restore_drafts"]

NEW = "new"
"""The key of a new check-in's draft (an edit's is its entry's id)."""
_MAX_TEXT = 20_000
_MAX_ITEMS = 50


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
            frozenset(_texts(data.get("where"))),
            _known(data.get("symptoms"), SYMPTOMS),
            _text(data.get("triggers")),
            _text(data.get("medication")),
            _text(data.get("note")),
            _flag(data.get("for_clinician")),
            _text(data.get("when")),
            _known(data.get("descriptors"), DESCRIPTORS),
            _score(data.get("sleep")),
            _text(data.get("sitting")),
        )
    except ValueError:
        return None


def restore_drafts(kept: Mapping[str, Mapping[str, Any]]) -> dict[str, FormState]:
    """The drafts worth restoring from ``kept`` (by key: ``new`` or an entry's id)."""
    restored = {}
    for key, data in kept.items():
        form = decode_draft(data) if key == NEW or is_valid_id(key) else None
        if form is not None:
            restored[key] = form
    return restored


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


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        raise ValueError(value)
    return printable(value)


def _texts(value: object) -> list[str]:
    if not isinstance(value, list) or len(value) > _MAX_ITEMS:
        raise ValueError(value)
    return [_text(item) for item in value]


def _known(value: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    texts = _texts(value)
    if any(text not in allowed for text in texts):
        raise ValueError(value)
    return tuple(word for word in allowed if word in texts)
