"""Benchmarks for the companion: ``make bench`` (``python -m bench``), not part of ``make test``.

Modules: :mod:`bench.bare_app` (the reference app), :mod:`bench.pty_run` (a program
in a pseudo-terminal), :mod:`bench.dataset` (the 50,000-entry data directory),
:mod:`bench.tui`, :mod:`bench.saves` and :mod:`bench.cli_runs` (the measurements),
:mod:`bench.rows` and :mod:`bench.report` (targets and the table),
:mod:`bench.diagnose` (where startup time goes).
"""
