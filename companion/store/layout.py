"""Schema 1 → 2: every data file becomes this device's file, and conflict copies are merged.

Schema 1 had one file per shard (``checkins/2026-11.json``) and one
``settings.json``; schema 2 names the device that writes each file
(``checkins/2026-11.3f9a0c1d2e.json``, ``settings.3f9a0c1d2e.json``, see
:mod:`companion.store.devices`). The migration renames this directory's files
to its device's names, merges by id any conflict copies a sync tool left
beside them (``2026-11.sync-conflict-….json``, ``2026-11 (conflicted copy
….json``), and writes ``.stignore`` and ``.gitignore``. Originals, conflict
copies included, are kept under ``backups/pre-migration-1-to-2.<device>/``.

Running it again after an interruption finishes the job: a file already
renamed is merged with what is left of the old one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.errors import DamagedFileError
from companion.store.devices import conflict_original, local_device, write_ignore_files
from companion.store.paths import SETTINGS_NAME, read_data_file
from companion.store.shards import KINDS, ShardPlan

if TYPE_CHECKING:
    from companion.store.migrations import MigrationContext

__all__ = ["split_by_device"]


def split_by_device(ctx: MigrationContext) -> None:
    """The migration from schema 1 to 2 (see the module docstring)."""
    device = local_device(ctx.data_dir)
    ctx.backup_dir = ctx.backup_dir.with_name(f"{ctx.backup_dir.name}.{device}")
    for plan in KINDS:
        _shards(ctx, plan, device)
    _settings(ctx, device)
    ctx.bytes_written += write_ignore_files(ctx.data_dir)


def _shards(ctx: MigrationContext, plan: ShardPlan, device: str) -> None:
    folder = plan.folder(ctx.data_dir)
    try:
        files = sorted(os.listdir(folder))
    except FileNotFoundError:
        return
    listing = plan.listing(ctx.data_dir)
    for name, devices in sorted(listing.items()):
        if "" not in devices:
            continue
        old = plan.path(ctx.data_dir, name)
        copies = [folder / f for f in files if conflict_original(f) == old.name]
        new = plan.path(ctx.data_dir, name, device)
        docs: dict[str, dict[str, Any]] = {}
        for source in [old, *copies] + ([new] if new.exists() else []):
            try:
                tables = ctx.read_shard(source)
            except DamagedFileError:
                if source == old:
                    raise
                continue  # a damaged conflict copy stays where it is; doctor reports it
            for doc_id, doc in tables.get(plan.kind, {}).items():
                docs[doc_id] = _newer(docs.get(doc_id), doc)
            if source in copies:
                ctx.notes.append(f"merged the sync tool's conflict copy {source} by entry id")
        if docs:
            ctx.write_shard(new, {plan.kind: docs})
        for source in [*copies, old]:
            ctx.remove(source)


def _newer(held: dict[str, Any] | None, doc: dict[str, Any]) -> dict[str, Any]:
    """Of two copies of one entry, the one changed last (edit or trash); ties keep ``held``."""
    if held is None:
        return doc

    def changed(d: dict[str, Any]) -> str:
        stamps = [d.get("updated_at"), d.get("deleted_at")]
        return max((s for s in stamps if isinstance(s, str)), default="")

    return doc if changed(doc) > changed(held) else held


def _settings(ctx: MigrationContext, device: str) -> None:
    old = ctx.data_dir / SETTINGS_NAME
    if not old.exists():
        return
    new: Path = ctx.data_dir / f"settings.{device}.json"
    if not new.exists():
        ctx.write_bytes(new, read_data_file(old)[1])
    ctx.remove(old)
