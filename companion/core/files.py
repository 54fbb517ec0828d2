"""Reading a file someone else made, without trusting it: only a regular file,
never blocking (a FIFO or a device is refused before a byte is read), and never
more than a stated number of bytes, so memory stays bounded by that limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["FileRefusedError", "read_regular"]

_CHUNK = 1 << 20


class FileRefusedError(ValueError):
    """A file that is not read; ``str()`` says why in plain words."""

    def __init__(self, reason: str, *, too_big: bool = False) -> None:
        super().__init__(reason)
        self.too_big = too_big
        """Whether only the size limit was broken (so a larger limit would do)."""


def read_regular(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes
    (and, without ``follow_links``, not a symbolic link).

    Opened non-blocking and checked with ``fstat`` first; reading stops at
    ``limit`` + 1 bytes even if the file grows meanwhile.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | (0 if follow_links else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as err:
        raise FileRefusedError(f"cannot be read ({err.strerror or err})") from None
    with os.fdopen(descriptor, "rb", buffering=0) as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError("is not a regular file (a FIFO, device or folder)")
        if info.st_size > limit:
            raise FileRefusedError(_too_big(info.st_size, limit), too_big=True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            try:
                chunk = stream.read(min(_CHUNK, limit + 1 - total))
            except OSError as err:
                raise FileRefusedError(f"cannot be read ({err.strerror or err})") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > limit:
        raise FileRefusedError(_too_big(total, limit), too_big=True)
    return b"".join(chunks)


def _too_big(size: int, limit: int) -> str:
    return f"is {_megabytes(size)}, more than the limit of {_megabytes(limit)}"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"
