"""Entries that moved to another shard, merged over every shard they were in.

Shards are per UTC month (or year), and the merge of :mod:`companion.store.merge`
works shard by shard. An entry whose date is edited into another month has
versions in two shards, and a device that had not seen the move may edit
it, trash it or purge it in the old one. Merged shard by shard, such an
entry could show twice or lose its trash state. So every device that moves
an entry records it in its own moves file (``checkins/moves.<device>.json``:
entry id → the shards it was in), and readers weigh every version of those
ids in all those shards together (:func:`companion.store.merge.resolve`):
the winning version decides the content and the one shard it shows in.

Moves are rare, so the moves files stay small; a data directory where no
entry ever moved has none, and reading it costs nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from companion.store.merge import resolve
from companion.store.shards import MOVES_TABLE, Listing, ShardPlan
from companion.store.storage import ShardCache

__all__ = ["Resolution", "moved_shards", "record_moves", "resolution"]

Resolution = dict[str, tuple[str | None, dict[str, Any]]]
"""Moved entry id → (the shard it lives in, or ``None`` if gone; its merged version)."""

_KEY = "shards"


def moved_shards(tables: dict[str, dict[str, dict[str, Any]]]) -> dict[str, list[str]]:
    """Entry id → shard names, from one parsed moves file (anything malformed is skipped)."""
    found: dict[str, list[str]] = {}
    for doc_id, doc in tables.get(MOVES_TABLE, {}).items():
        names = doc.get(_KEY)
        if isinstance(names, list):
            found[doc_id] = [name for name in names if isinstance(name, str)]
    return found


def record_moves(held: dict[str, Any] | None, names: Iterable[str]) -> dict[str, Any]:
    """The moves file's document for an entry that was in ``held`` and now also ``names``."""
    known = moved_shards({MOVES_TABLE: {"": held}}).get("", []) if held else []
    return {_KEY: sorted(set(known).union(names))}


def resolution(
    plan: ShardPlan, data_dir: Path, cache: ShardCache, listing: Listing
) -> tuple[list[object], Resolution] | None:
    """The files read and the merged moved entries, or ``None`` if nothing ever moved.

    The first item identifies the files read (device and stat key), so a
    caller can reuse an earlier result while they are unchanged. A damaged
    file, whichever device wrote it, raises :class:`DamagedFileError`.
    """
    if not listing.moves:
        return None
    keys: list[object] = []
    shards_of: dict[str, set[str]] = {}
    for mover in listing.moves:
        tables = _read(cache, plan.moves_path(data_dir, mover), keys, mover)
        for doc_id, names in moved_shards(tables).items():
            shards_of.setdefault(doc_id, set()).update(n for n in names if n in listing)
    files: dict[str, list[tuple[str, dict[str, dict[str, Any]]]]] = {}
    every: set[str] = set().union(*shards_of.values())
    for name in sorted(every):
        for writer in listing[name]:
            path = plan.path(data_dir, name, writer)
            tables = _read(cache, path, keys, (name, writer))
            files.setdefault(name, []).append((writer, tables.get(plan.kind, {})))
    merged: Resolution = {}
    for doc_id, shards in shards_of.items():
        versions = [
            (name, writer, docs[doc_id])
            for name in sorted(shards)
            for writer, docs in files.get(name, [])
            if doc_id in docs
        ]
        if versions:
            merged[doc_id] = resolve(versions)
    return keys, merged


def _read(
    cache: ShardCache, path: Path, keys: list[object], label: object
) -> dict[str, dict[str, dict[str, Any]]]:
    entry = cache.load(path)
    if entry is None:
        return {}
    keys.append((label, entry.key))
    return entry.tables
