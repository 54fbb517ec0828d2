"""``companion import FILE``: add the entries of a JSON or CSV export.

The whole file is validated before anything is written; every problem is
reported with the file and field (and line, for CSV). Entries whose id is
already stored are skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path

from companion.cli.common import open_store
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.exchange import parse_import

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InvalidInputError(args.file, f"cannot be read ({err.strerror or err})") from None
    bundle = parse_import(data, args.file)
    clock = clock_from_env()
    store = open_store(args, clock)
    result = store.import_records(**{f.name: getattr(bundle, f.name) for f in fields(bundle)})
    print(result.describe())
    return 0
