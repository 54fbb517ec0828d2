"""Stable, unique, time-ordered entry ids.

An id is 12 hex digits of milliseconds since the epoch followed by 8 random
hex digits: ids sort by creation time, and two processes creating entries in
the same millisecond still differ. Ids never change once given (edit, delete,
import de-duplication all rely on that).
"""

from __future__ import annotations

import os
import random
import re
from datetime import datetime

__all__ = ["ID_PATTERN", "is_valid_id", "new_id"]

ID_PATTERN = re.compile(r"^[0-9a-z][0-9a-z_-]{5,63}$")
"""What an id must look like (also accepts ids made by other tools on import)."""


def new_id(at: datetime, rng: random.Random | None = None) -> str:
    """A fresh id for an entry created at ``at``.

    With ``rng`` the random part comes from it, so generated sample data (the
    demo, the benchmark's history) gets the same ids on every run.
    """
    millis = int(at.timestamp() * 1000)
    if rng is not None:
        return f"{millis:012x}{rng.getrandbits(32):08x}"
    return f"{millis:012x}{os.urandom(4).hex()}"  # os.urandom: secrets costs ~9 ms to import


def is_valid_id(value: object) -> bool:
    """Whether ``value`` can serve as an entry id."""
    return isinstance(value, str) and bool(ID_PATTERN.match(value))
