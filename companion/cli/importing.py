"""``companion import FILE``: add the entries of a JSON or CSV export.

The whole file is validated before anything is written; every problem is
reported with the file and field (and line, for CSV). Entries whose id is
already stored are skipped, so importing the same file twice adds nothing.

An import file is treated as hostile: only a regular file is read (a FIFO,
``/dev/zero`` or a directory is refused without blocking), and at most
``--max-size`` MB of it (:data:`DEFAULT_MAX_MB` by default), so memory stays
bounded by that size.
"""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path

from companion.cli.common import open_store
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.exchange import parse_import
from companion.core.files import FileRefusedError, read_regular
from companion.core.untrusted import printable

__all__ = ["DEFAULT_MAX_MB", "read_bounded", "run"]

DEFAULT_MAX_MB = 32
"""The largest import file read by default, in MB: twenty years of daily check-ins
with notes take about 10 MB. ``--max-size`` raises it."""


def read_bounded(path: Path, limit: int, name: str) -> bytes:
    """The bytes of the import file (see :func:`companion.core.files.read_regular`)."""
    try:
        return read_regular(path, limit)
    except FileRefusedError as err:
        hint = "; `--max-size MB` raises the import limit" if err.too_big else ""
        raise InvalidInputError(name, f"{err}{hint}") from None


def run(args: argparse.Namespace) -> int:
    name = printable(args.file)
    limit = int(args.max_size * 1_000_000)
    data = read_bounded(Path(args.file).expanduser(), limit, name)
    clock = clock_from_env()
    bundle = parse_import(data, args.file, now=clock.now())
    store = open_store(args, clock)
    result = store.import_records(**{f.name: getattr(bundle, f.name) for f in fields(bundle)})
    print(result.describe())
    return 0
