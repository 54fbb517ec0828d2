"""Persistence: TinyDB shard files in a private, versioned, crash-safe data directory.

Plain Python; never imports Textual (an import-linter contract enforces it).
Screens and commands use only :class:`Store` and its repositories, never
TinyDB directly. Module map:

- :mod:`~companion.store.paths`: where the data lives; private permissions
- :mod:`~companion.store.atomic`: durable file replacement
- :mod:`~companion.store.storage`: the shard file format (orjson) and parse cache
- :mod:`~companion.store.shards`: sharding by UTC month/year
- :mod:`~companion.store.transaction`: every write, through TinyDB (imported
  on the first save, not at start)
- :mod:`~companion.store.repository`: the repositories' API
- :mod:`~companion.store.backups`: rolling daily backups
- :mod:`~companion.store.migrations`: schema versions and upgrades
- :mod:`~companion.store.doctor`: health checks and repair (imported only by
  ``companion doctor``, not at every start)
- :mod:`~companion.store.database`: :class:`Store` itself
"""

from companion.store.database import ImportResult, Store
from companion.store.paths import command_for, resolve_data_dir
from companion.store.repository import Repository

__all__ = ["ImportResult", "Repository", "Store", "command_for", "resolve_data_dir"]
