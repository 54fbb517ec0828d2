"""The script-friendly commands: log, today, export, import, doctor, content check.

One module per command, each with ``run(args) -> int`` (the exit code).
None of them imports Textual: they run in scripts, cron jobs and at SSH
login, where start-up time shows. ``companion.__main__`` parses the command
line and dispatches here; only :mod:`companion.cli.ui` reaches the terminal UI,
and it imports it lazily.
"""

__all__: list[str] = []
