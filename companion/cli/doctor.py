"""``companion doctor [--repair]``: check the data directory; restore damaged files.

Exit 0 when no error remains (warnings are fine), 1 otherwise. Healthy data
files are summed up per folder; problems are listed one by one.
"""

from __future__ import annotations

import argparse
from collections import Counter

from companion.cli.common import data_dir_of, open_store, say, warn
from companion.core.clock import clock_from_env
from companion.core.errors import DataError
from companion.store.doctor import DoctorFinding, data_dir_link, diagnose
from companion.store.shards import KINDS

__all__ = ["run"]

_KIND_FOLDERS = {plan.kind for plan in KINDS}


def _print(findings: list[DoctorFinding]) -> None:
    healthy_shards: Counter[str] = Counter()
    for finding in findings:
        folder = finding.path.parent
        if finding.level == "ok" and folder.name in _KIND_FOLDERS:
            healthy_shards[str(folder)] += 1
            continue
        say(f"{finding.level:<8}{finding.path}: {finding.message}")
    for shard_folder, count in sorted(healthy_shards.items()):
        files = "1 file parses" if count == 1 else f"{count} files parse"
        say(f"{'ok':<8}{shard_folder}: {files}")


def _errors(findings: list[DoctorFinding]) -> int:
    return sum(1 for finding in findings if finding.level == "error")


def run(args: argparse.Namespace) -> int:
    clock = clock_from_env()
    link = data_dir_link(data_dir_of(args))
    if link is not None:
        _print([link])
    try:
        store = open_store(args, clock)
    except DataError as err:
        # The directory cannot be opened (damaged meta.json, newer schema…):
        # still say everything that can be seen, without changing anything.
        warn(str(err))
        findings = diagnose(data_dir_of(args))
        _print(findings)
        return 1
    findings = store.doctor()
    _print(findings)
    if not args.repair:
        return 1 if _errors(findings) else 0
    print()
    for action in store.repair():
        say(f"repair: {action}")
    after = store.doctor()
    remaining = _errors(after)
    if remaining:
        print("1 problem remains:" if remaining == 1 else f"{remaining} problems remain:")
        _print([finding for finding in after if finding.level == "error"])
        return 1
    print("all data files parse now")
    return 0
