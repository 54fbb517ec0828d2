"""Merging the versions of entries and settings that several devices wrote.

Every device writes only its own files (:mod:`companion.store.devices`), so
one entry can have a version in the files of several devices: the device
that created it, and any device that later edited, trashed, restored or
purged it. Every device computes the same result from the same files with
:func:`winners`, which merges two things separately:

- the content: the version with the highest revision ``_rev`` wins (an edit
  made after seeing revision *n* is *n + 1*, so a change always beats what it
  changed, whatever the clocks say), then the latest ``_at`` (UTC, to the
  microsecond), then the greatest device id;
- whether it is in the trash: the latest ``_dat`` (when it was last trashed
  or restored; edits carry it along unchanged), then the greatest device id.
  So trashing an entry on one device while editing it on another keeps
  both: the edited entry ends up in the trash; and a deletion holds unless
  the entry is restored after it.

A purge leaves a tombstone (``"_gone": true``) that wins over every other
version: a purged entry stays purged. Moving an entry to another shard (its
time changed) leaves ``"_moved": true`` in the old shard, an ordinary version
that a later move back outranks.

An entry that moved has versions in several shards, and versions written
by devices that had not yet seen the move may sit in any of them: such an
entry is merged over all its shards at once (:func:`resolve`), so the
version that wins decides both its content and the one shard it lives in.

Entries as first saved carry no stamps (revision 0), so the files of a data
directory that is never synced look as they always did. Settings merge key
by key, the value saved last winning (then the revision, then the device
id): a preference is what the person chose most recently (:func:`merge_settings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "DAT",
    "GONE",
    "MOVED",
    "REV",
    "STAMP",
    "VERSIONS",
    "is_gone",
    "merge_settings",
    "moved",
    "resolve",
    "stamped",
    "tombstone",
    "trashed",
    "version_of",
    "winners",
]

REV = "_rev"
"""The revision of a version (absent: 0)."""
STAMP = "_at"
"""When a version was written (ISO 8601, UTC, microseconds)."""
GONE = "_gone"
"""Marks a tombstone: the entry was purged."""
MOVED = "_moved"
"""Marks an entry that moved to another shard."""
DAT = "_dat"
"""When the entry was last trashed or restored (absent: never)."""
VERSIONS = "_versions"
"""In a settings file: key → ``[revision, stamp]`` of that key's value."""

Version = tuple[int, str, str]
Docs = Mapping[str, dict[str, Any]]


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def version_of(doc: Mapping[str, Any], device: str) -> Version:
    """The sort key of one version's content: ``(revision, stamp, device)``."""
    at = doc.get(STAMP, "")
    return (_int(doc.get(REV, 0)), at if isinstance(at, str) else "", device)


def winners(sources: Iterable[tuple[str, Docs]]) -> dict[str, dict[str, Any]]:
    """The merged version of every entry id, from ``(device, documents)`` pairs.

    Tombstones are kept (see :func:`is_gone`) so callers can tell a purged id.
    """
    content: dict[str, tuple[Version, dict[str, Any]]] = {}
    trash: dict[str, tuple[Version, dict[str, Any]]] = {}
    purged: dict[str, dict[str, Any]] = {}
    for device, docs in sources:
        for doc_id, doc in docs.items():
            if doc.get(GONE) is True:
                purged.setdefault(doc_id, doc)
                continue
            key = version_of(doc, device)
            held = content.get(doc_id)
            if held is None or key > held[0]:
                content[doc_id] = (key, doc)
            dat = doc.get(DAT, "")
            key = (0, dat if isinstance(dat, str) else "", device)
            held = trash.get(doc_id)
            if held is None or key > held[0]:
                trash[doc_id] = (key, doc)
    merged: dict[str, dict[str, Any]] = {}
    for doc_id, (_key, doc) in content.items():
        state = trash[doc_id][1]
        if state is not doc and not doc.get(MOVED) and not state.get(MOVED):
            doc = {**doc, "deleted_at": state.get("deleted_at"), DAT: state.get(DAT, "")}
        merged[doc_id] = doc
    merged.update(purged)
    return merged


def resolve(
    versions: Iterable[tuple[str, str, dict[str, Any]]],
) -> tuple[str | None, dict[str, Any]]:
    """Merge every version of one entry id from several shards: ``(shard, merged version)``.

    ``versions`` holds ``(shard, device, document)``. The rules are those of
    :func:`winners`; a device's move writes its content in the new shard and
    a marker in the old one with the same revision and stamp, and of the two
    the content wins. The shard is ``None`` when the entry is purged or only
    a marker is left (its content has not arrived yet).
    """
    # Content before markers, then a fixed order, so that ties go the same way everywhere.
    ordered = sorted(versions, key=lambda v: (v[2].get(MOVED) is True, v[0], v[1]))
    merged = winners((device, {"": doc}) for _shard, device, doc in ordered)[""]
    if is_gone(merged):
        return None, merged
    best = max(version_of(doc, device) for _shard, device, doc in ordered if not is_gone(doc))
    return next(
        s for s, d, doc in ordered if not is_gone(doc) and version_of(doc, d) == best
    ), merged


def is_gone(doc: Mapping[str, Any]) -> bool:
    """Whether ``doc`` is a tombstone (purged) or marks an entry that moved away."""
    return doc.get(GONE) is True or doc.get(MOVED) is True


def stamped(
    doc: dict[str, Any], previous: Mapping[str, Any] | None, now: datetime
) -> dict[str, Any]:
    """``doc`` as an edit of ``previous`` (the current merged version), written at ``now``."""
    rev = _int(previous.get(REV, 0)) if previous is not None else 0
    new = {**doc, REV: rev + 1, STAMP: _utc(now)}
    if previous is not None and previous.get(DAT):
        new[DAT] = previous[DAT]
    return new


def trashed(doc: dict[str, Any], previous: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """``doc`` (``previous`` with a new ``deleted_at``) as a change of its trash state only."""
    rev = _int(previous.get(REV, 0))
    new = {**doc, STAMP: _utc(now), DAT: _utc(now)}
    if rev:
        new[REV] = rev
    return new


def tombstone(doc_id: str, previous: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """A version of ``doc_id`` saying it was purged."""
    return {"id": doc_id, GONE: True, STAMP: _utc(now)}


def moved(doc_id: str, previous: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """A version of ``doc_id`` saying it moved to another shard."""
    return stamped({"id": doc_id, MOVED: True}, previous, now)


def _utc(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="microseconds")


def merge_settings(
    sources: Iterable[tuple[str, Mapping[str, Any]]],
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Merge settings files key by key: (values, versions) of the latest saves.

    Each source is ``(device, file content)``; a file without ``_versions``
    (schema 1) gives every key revision 0.
    """
    values: dict[str, Any] = {}
    best: dict[str, tuple[str, int, str]] = {}  # key → (saved at, revision, device)
    for device, data in sources:
        versions = data.get(VERSIONS)
        versions = versions if isinstance(versions, dict) else {}
        for key, value in data.items():
            if key == VERSIONS:
                continue
            stamp = versions.get(key)
            rev, at = _stamp(stamp)
            candidate = (at, rev, device)
            if key not in best or candidate > best[key]:
                best[key] = candidate
                values[key] = value
    return values, {key: [rev, at] for key, (at, rev, _device) in best.items()}


def _stamp(value: object) -> tuple[int, str]:
    """(revision, saved at) of a settings key's ``[rev, at]`` stamp, or (0, "") if malformed."""
    if isinstance(value, list) and len(value) == 2:
        rev, at = value
        if isinstance(rev, int) and not isinstance(rev, bool) and isinstance(at, str):
            return rev, at
    return 0, ""
