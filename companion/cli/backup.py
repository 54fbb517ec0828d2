"""``companion backup -o FILE --to RECIPIENT`` and ``companion restore FILE --identity KEY``.

A backup is one archive of the whole data directory (see
:mod:`companion.store.archive`) encrypted with age to a public key: an age
recipient (``age1…``) or an SSH public key (``ssh-ed25519 …``, ``ssh-rsa …``),
given as the key itself or as a file holding it (``~/.ssh/id_ed25519.pub``).
Only the public key is needed, so backups can run from cron and be kept
somewhere untrusted. Restoring needs the matching private key (an age
identity file or an unencrypted SSH private key) and an empty or missing data
directory; it is all or nothing.

Exit codes: 2 for a bad key, a file that is not a companion backup, a damaged
archive or a non-empty target; 1 for an I/O failure.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from companion.cli.common import data_dir_of, open_store
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.words import count_of
from companion.store.archive import MAX_ARCHIVE_BYTES, pack, unpack
from companion.store.atomic import write_atomic
from companion.store.paths import io_error

if TYPE_CHECKING:
    import pyrage

__all__ = ["recipient_of", "identities_of", "run_backup", "run_restore"]

_MAX_KEY_FILE = 64 * 1024


def _key_text(value: str, field: str) -> str:
    """The key itself, or the content of the file it names."""
    text = value.strip()
    if text.startswith(("age1", "ssh-", "ecdsa-", "sk-")):
        return text
    path = Path(value).expanduser()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_KEY_FILE + 1)
    except OSError as err:
        raise InvalidInputError(
            field, f"{value!r} is neither a public key nor a readable file ({err.strerror or err})"
        ) from None
    if len(raw) > _MAX_KEY_FILE:
        raise InvalidInputError(field, f"{value} is too large to be a key file")
    return raw.decode("utf-8", "replace").strip()


def recipient_of(value: str) -> pyrage.x25519.Recipient | pyrage.ssh.Recipient:
    """An age recipient for an ``age1…`` or SSH public key (or a file holding one)."""
    import pyrage

    text = _key_text(value, "--to")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    key = lines[0].strip() if lines else ""
    try:
        if key.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(key)
        return pyrage.ssh.Recipient.from_str(key)
    except pyrage.RecipientError:
        raise InvalidInputError(
            "--to", "is not an age recipient (age1…) or an SSH public key (ssh-ed25519 …)"
        ) from None


def identities_of(path_text: str) -> list[pyrage.x25519.Identity | pyrage.ssh.Identity]:
    """The private keys in an age identity file or an SSH private key file."""
    import pyrage

    path = Path(path_text).expanduser()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_KEY_FILE + 1)
    except OSError as err:
        reason = err.strerror or err
        raise InvalidInputError("--identity", f"cannot read {path} ({reason})") from None
    if len(raw) > _MAX_KEY_FILE:
        raise InvalidInputError("--identity", f"{path} is too large to be a key file")
    text = raw.decode("utf-8", "replace")
    try:
        if "AGE-SECRET-KEY-" in text:
            return [
                pyrage.x25519.Identity.from_str(line.strip())
                for line in text.splitlines()
                if line.strip().startswith("AGE-SECRET-KEY-")
            ]
        return [pyrage.ssh.Identity.from_buffer(raw)]
    except pyrage.IdentityError:
        raise InvalidInputError(
            "--identity",
            f"{path} holds no usable private key (an age identity file, "
            "or an SSH private key without a passphrase)",
        ) from None


def run_backup(args: argparse.Namespace) -> int:
    import pyrage

    recipient = recipient_of(args.to)
    output = Path(args.output).expanduser()
    if not output.parent.is_dir():
        raise InvalidInputError("-o", f"the folder {output.parent} does not exist")
    store = open_store(args, clock_from_env())
    archive = store.snapshot(pack)
    try:
        sealed = pyrage.encrypt(archive, [recipient])
    except pyrage.EncryptError as err:  # pragma: no cover - a valid recipient always works
        raise InvalidInputError("--to", f"cannot encrypt to this key ({err})") from None
    try:
        write_atomic(output, sealed)
    except OSError as err:
        raise io_error("write", output, err) from None
    print(f"backed up {store.data_dir} to {output} ({len(sealed):,} bytes, encrypted)")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    import pyrage

    identities = identities_of(args.identity)
    source = Path(args.file).expanduser()
    try:
        size = os.stat(source).st_size
        if size > MAX_ARCHIVE_BYTES:
            raise InvalidInputError(args.file, "is larger than 1 GiB; not a companion backup")
        sealed = source.read_bytes()
    except OSError as err:
        raise InvalidInputError(args.file, f"cannot be read ({err.strerror or err})") from None
    try:
        archive = pyrage.decrypt(sealed, identities)
    except pyrage.DecryptError as err:
        reason = str(err).lower()
        problem = (
            "was not encrypted to this key (wrong --identity?)"
            if "no matching keys" in reason
            else f"cannot be decrypted: damaged, or not an age file ({err})"
        )
        raise InvalidInputError(args.file, problem) from None
    target = data_dir_of(args)
    restored = unpack(archive, target, args.file)
    print(f"restored {count_of(restored, 'file')} into {target.absolute()}")
    return 0
