"""``companion remind``: for cron, a systemd timer or ``~/.profile``.

Silent, exit 0, when today's check-in is done (and with ``--stretches`` the day's
stretch sessions too). Otherwise prints one line, or with ``--command`` runs the
person's own notifier (``notify-send``, ``ntfy``, a mail script) with the
message in the ``COMPANION_MESSAGE`` environment variable. The command line is
the person's own, split like a shell would split it but never run by a shell,
and no data is ever put into it. The companion itself makes no network call.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from companion.cli.common import open_store, warn
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.insights.stats import day_bounds
from companion.store import command_for

__all__ = ["MESSAGE_ENV", "reminder", "run"]

MESSAGE_ENV = "COMPANION_MESSAGE"
"""Where the notifier command finds the message."""

COMMAND_TIMEOUT = timedelta(seconds=60)
"""How long the notifier may take before it is stopped."""


def reminder(
    checkins_today: int,
    stretches_done: int,
    target: int,
    stretches: bool,
    command: Callable[[str], str] = "companion {}".format,
) -> str | None:
    """The one-line reminder, or ``None`` when the day is done; ``command`` spells
    the commands it suggests (with ``--data-dir`` for a directory not the default)."""
    missing = []
    if checkins_today == 0:
        missing.append(f"no check-in yet today ({command('checkin')})")
    if stretches and stretches_done < target:
        missing.append(f"stretches {stretches_done} of {target} today ({command('timer')})")
    return "Companion: " + "; ".join(missing) if missing else None


def run(args: argparse.Namespace) -> int:
    argv: list[str] = []
    if args.command is not None:
        try:
            argv = shlex.split(args.command)
        except ValueError as err:
            raise InvalidInputError("--command", str(err)) from None
        if not argv:
            raise InvalidInputError("--command", "is empty")
    clock = clock_from_env()
    now = clock.now()
    store = open_store(args, clock)
    start, end = day_bounds(now.date(), now.tzinfo)
    checkins = store.checkins.between(start, end)
    done = sum(1 for s in store.sessions.between(start, end) if not s.aborted)
    target = store.load_settings().daily_target
    message = reminder(
        len(checkins), done, target, args.stretches, partial(command_for, store.data_dir)
    )
    if message is None:
        return 0
    if not argv:
        print(message)
        return 0
    env = {**os.environ, MESSAGE_ENV: message}
    try:
        finished = subprocess.run(  # noqa: S603 - the person's own command, no shell
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=COMMAND_TIMEOUT.total_seconds(),
            check=False,
        )
    except FileNotFoundError:
        raise InvalidInputError("--command", f"{argv[0]!r} was not found") from None
    except PermissionError:
        raise InvalidInputError("--command", f"{argv[0]!r} cannot be run") from None
    except subprocess.TimeoutExpired:
        warn(f"the reminder command did not finish in {COMMAND_TIMEOUT.seconds} seconds")
        return 1
    if finished.returncode != 0:
        warn(f"the reminder command exited with {finished.returncode}")
        return 1
    return 0
