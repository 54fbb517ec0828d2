"""``companion export``: the journal as JSON (everything), CSV (check-ins) or HTML
(a one-page report for a clinician), to stdout or a file.

``--since``/``--until`` take a date (a whole local day, both ends included)
or an ISO 8601 date-time (an exact instant; ``--until`` excluded). The HTML
report covers whole local days: by default the 90 days up to today, or from
``--since`` to ``--until`` (today if not given). ``-o FILE`` writes the file
atomically with mode 0600: it holds health data; an existing FILE is replaced
only with ``--force`` (an earlier export is never overwritten by accident).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from companion.cli.common import open_store, write_stdout
from companion.core.clock import clock_from_env, day_bounds
from companion.core.errors import InvalidInputError
from companion.core.exchange import export_csv, export_json
from companion.core.fields import as_instant
from companion.store import Store
from companion.store.atomic import write_atomic
from companion.store.paths import io_error

__all__ = ["run"]

"""Export formats offered."""


def _bound(text: str | None, option: str, *, end: bool) -> datetime | None:
    """A range bound: a date means its local midnight (the next one for ``--until``),
    clamped to the instants a datetime holds (0001-01-01 and 9999-12-31 are dates too)."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return as_instant(text, option)
    return day_bounds(day)[end]


def run(args: argparse.Namespace) -> int:
    output = args.output
    if output not in (None, "-") and not args.force and Path(output).expanduser().exists():
        raise InvalidInputError("-o", f"{args.output} exists; add --force to replace it")
    since = _bound(args.since, "--since", end=False)
    until = _bound(args.until, "--until", end=True)
    if since is not None and until is not None and until <= since:
        raise InvalidInputError("--until", "must be after --since")
    clock = clock_from_env()
    store = open_store(args, clock)
    if args.format == "html":
        from companion.cli.report import clinician_report

        content = clinician_report(store, clock, since, until).encode()
        return _write(content, args.output)
    checkins = store.checkins.between(since, until)
    if args.format == "csv" and args.what != "checkins":
        content = _programme_csv(args.what, store, since, until).encode()
    elif args.format == "csv":
        content = export_csv(checkins).encode()
    else:
        content = export_json(
            checkins=checkins,
            sessions=store.sessions.between(since, until),
            screenings=store.screenings.between(since, until),
            measures=store.measures.between(since, until),
            exported_at=clock.now(),
            programme={
                "medicines": store.medicines.iter_all(),  # all: doses in range name them
                "doses": store.doses.between(since, until),
                "flares": store.flares.between(since, until),
                "walks": store.walks.between(since, until),
                "goals": store.goals.between(since, until),
            },
        )
    return _write(content, args.output)


def _programme_csv(what: str, store: Store, since: datetime | None, until: datetime | None) -> str:
    """The doses, walks or flares CSV."""
    from companion.core import exchange_programme as programme

    if what == "doses":
        return programme.doses_csv(store.doses.between(since, until), store.medicines.iter_all())
    if what == "walks":
        return programme.walks_csv(store.walks.between(since, until))
    return programme.flares_csv(store.flares.between(since, until))


def _write(content: bytes, output: str | None) -> int:
    """To stdout (``None`` or ``-``) or atomically to a private file."""
    if output in (None, "-"):
        write_stdout(content)
        return 0
    target = Path(output).expanduser()
    try:
        write_atomic(target.absolute(), content)
    except OSError as err:
        raise io_error("write", target, err) from None
    return 0
