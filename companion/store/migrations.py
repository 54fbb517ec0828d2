"""Schema versions of a data directory, and the migrations between them.

``meta.json`` holds ``{"format": "companion-data", "schema": N}``. When the
app opens a directory with an older schema it runs the registered migrations
in order, one step at a time, recording the new schema after each step, so an
interrupted upgrade resumes where it stopped. A directory written by a newer
version is refused rather than guessed at.

To change the stored shape: write ``def upgrade(ctx: MigrationContext)``,
append ``Migration(from_schema=N, description=..., apply=upgrade)`` to
:data:`MIGRATIONS`, set :data:`CURRENT_SCHEMA` to ``N + 1`` and add a test.
A migration changes files only through its context, which first copies each
file it touches into ``backups/pre-migration-<from>-to-<to>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from companion.core.errors import DamagedFileError, DataError
from companion.store.atomic import write_atomic
from companion.store.backups import ensure_dir
from companion.store.paths import FILE_MODE, META_NAME, read_data_file
from companion.store.shards import KINDS
from companion.store.storage import Tables, decode, encode

__all__ = [
    "CURRENT_SCHEMA",
    "FORMAT",
    "MIGRATIONS",
    "Migration",
    "MigrationContext",
    "check_not_newer",
    "migrate",
    "read_schema",
    "write_meta",
]

FORMAT = "companion-data"
"""The ``format`` value of ``meta.json``."""

CURRENT_SCHEMA = 2
"""The schema this version of the app reads and writes."""


class MigrationContext:
    """What a migration may do: read and rewrite data files, keeping copies first."""

    def __init__(self, data_dir: Path, from_schema: int, to_schema: int) -> None:
        self.data_dir = data_dir
        """The data directory being migrated."""
        self.backup_dir = data_dir / "backups" / f"pre-migration-{from_schema}-to-{to_schema}"
        """Where the original of every changed file is copied."""
        self.bytes_written = 0
        """Bytes written by the migration, copies included."""
        self.notes: list[str] = []
        """Anything else the user should be told."""

    def shard_files(self, kind: str) -> list[Path]:
        """Every shard file of ``kind`` (``checkins``, ``sessions``, ``measures``…), all devices."""
        plan = next(plan for plan in KINDS if plan.kind == kind)
        return [
            plan.path(self.data_dir, name, device)
            for name, devices in sorted(plan.listing(self.data_dir).items())
            for device in devices
        ]

    def read_shard(self, path: Path) -> Tables:
        """The parsed TinyDB content of a shard."""
        return decode(read_data_file(path)[1], path)

    def write_shard(self, path: Path, tables: Tables) -> None:
        """Replace a shard (its original is copied first)."""
        self.write_bytes(path, encode(tables))

    def write_bytes(self, path: Path, data: bytes) -> None:
        """Replace any file in the data directory (its original is copied first)."""
        self._keep_copy(path)
        ensure_dir(path.parent)
        self.bytes_written += write_atomic(path, data)

    def remove(self, path: Path) -> None:
        """Delete a file (it is copied first)."""
        self._keep_copy(path)
        path.unlink(missing_ok=True)

    def _keep_copy(self, path: Path) -> None:
        if not path.exists():
            return
        copy = self.backup_dir / path.relative_to(self.data_dir)
        if copy.exists():  # an earlier, interrupted run already kept the original
            return
        ensure_dir(copy.parent)
        self.bytes_written += write_atomic(copy, read_data_file(path)[1])
        copy.chmod(FILE_MODE)


class Migration(NamedTuple):
    """One step forward, from ``from_schema`` to ``from_schema + 1``."""

    from_schema: int
    """The schema it upgrades from."""
    description: str
    """What it changes, in a few words (shown to the user)."""
    apply: Callable[[MigrationContext], None]
    """The upgrade itself."""


def _split_by_device(ctx: MigrationContext) -> None:
    from companion.store.layout import split_by_device  # imported only when upgrading

    split_by_device(ctx)


MIGRATIONS: list[Migration] = [
    Migration(1, "each device writes only its own files, for syncing", _split_by_device),
]
"""Every migration, in any order (they are run by ``from_schema``)."""


def read_schema(data_dir: Path) -> int | None:
    """The schema recorded in ``meta.json``; ``None`` if there is no such file."""
    path = data_dir / META_NAME
    try:
        raw = read_data_file(path)[1]
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DataError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        meta: Any = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise DamagedFileError(path, f"not valid JSON: {err}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise DataError(
            f'{path} does not describe a companion data directory (expected "format": "{FORMAT}")'
        )
    schema = meta.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise DamagedFileError(path, f"schema must be a whole number from 1, not {schema!r}")
    return schema


def write_meta(data_dir: Path, schema: int) -> int:
    """Record ``schema`` in ``meta.json``; returns bytes written."""
    meta = {"format": FORMAT, "schema": schema}
    return write_atomic(data_dir / META_NAME, orjson.dumps(meta, option=orjson.OPT_INDENT_2))


def check_not_newer(data_dir: Path, schema: int) -> None:
    """Refuse a directory written by a newer version of the app."""
    if schema > CURRENT_SCHEMA:
        raise DataError(
            f"the data in {data_dir} was written by a newer version of companion "
            f"(schema {schema}; this version understands up to schema {CURRENT_SCHEMA}). "
            "Upgrade companion to use it; nothing was changed."
        )


def migrate(data_dir: Path, notices: list[str], *, has_data: bool) -> int:
    """Bring ``data_dir`` to :data:`CURRENT_SCHEMA`; returns bytes written.

    Call it holding the data lock. ``has_data`` says whether entries exist
    (a directory with data but no ``meta.json`` is taken to be schema 1).
    """
    written = 0
    schema = read_schema(data_dir)
    if schema is None:
        schema = 1 if has_data else CURRENT_SCHEMA
        written += write_meta(data_dir, schema)
    check_not_newer(data_dir, schema)
    steps = {step.from_schema: step for step in MIGRATIONS}
    while schema < CURRENT_SCHEMA:
        step = steps.get(schema)
        if step is None:
            raise DataError(f"no migration from schema {schema} is known; nothing was changed")
        context = MigrationContext(data_dir, schema, schema + 1)
        step.apply(context)
        written += context.bytes_written + write_meta(data_dir, schema + 1)
        copies = f"; originals are in {context.backup_dir}" if context.backup_dir.exists() else ""
        notices.append(
            f"upgraded {data_dir} from schema {schema} to {schema + 1} ({step.description}){copies}"
        )
        notices.extend(context.notes)
        schema += 1
    return written
