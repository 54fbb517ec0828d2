"""A file-sync tool in miniature, for tests of several devices sharing one journal.

:func:`sync` copies files from one data directory to another the way
Syncthing does: whole files, honouring ``.stignore`` (so lock, device and
temporary files stay put), and passing on a deletion only from the device
that owns the file (the one named in its file name).
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from pathlib import Path

from companion.store.devices import DEVICE_NAME, IGNORE_FILES, device_of

_PATTERNS = [
    line.removeprefix("(?d)")
    for line in IGNORE_FILES[".stignore"].splitlines()
    if line and not line.startswith("//")
]


def ignored(name: str) -> bool:
    """Whether ``.stignore`` keeps a file of this name on its machine."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in _PATTERNS)


def device_id(data_dir: Path) -> str:
    """The device id recorded in ``data_dir`` ("" before its first save)."""
    import orjson

    try:
        return str(orjson.loads((data_dir / DEVICE_NAME).read_bytes())["id"])
    except FileNotFoundError:
        return ""


def _files(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if not ignored(name):
                path = Path(folder, name)
                found[path.relative_to(root).as_posix()] = path
    return found


def sync(source: Path, target: Path) -> int:
    """Bring ``target`` up to date with ``source``; returns files changed."""
    if not source.is_dir() or not target.is_dir():
        return 0
    owner = device_id(source)
    have, want = _files(target), _files(source)
    changed = 0
    for rel, path in want.items():
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # renamed away while we looked, like any live folder
            continue
        if rel in have and have[rel].read_bytes() == data:
            continue
        if device_of(Path(rel).name) == device_id(target) != "":
            continue  # never overwrite the target's own files
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        temp = dest.with_name(f".syncthing.{dest.name}.tmp")
        temp.write_bytes(data)
        os.replace(temp, dest)
        changed += 1
    for rel, path in have.items():
        if rel not in want and owner and device_of(Path(rel).name) == owner:
            path.unlink()
            changed += 1
    return changed


def sync_all(dirs: list[Path]) -> None:
    """Every directory gets every other's files (two rounds, so relays arrive too)."""
    for _round in range(2):
        for source in dirs:
            for target in dirs:
                if source != target:
                    sync(source, target)


def copy_tree(source: Path, target: Path) -> None:
    """A plain copy of a data directory (as a first sync to a new machine would make)."""
    shutil.copytree(source, target, ignore=lambda _d, names: [n for n in names if ignored(n)])
