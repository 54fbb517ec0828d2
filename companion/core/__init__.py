"""The domain: check-ins, sessions, screenings, statistics and rules.

Plain Python only. Nothing here imports Textual or touches the disk layout
(that is ``companion.store``); an import-linter contract enforces it.

The shared records and validators sit at this level (``records``, ``fields``,
``errors``, ``clock``, ``ids``, ``settings``, ``exchange``, ``demo``,
``words``); each concern has its own package, layered from the bottom up:

* ``screening``: the rules engine and per-therapy verdicts.
* ``content``: articles, routines and the rules file, read and validated.
* ``insights``: daily means, trends, "what seems to help", weekly questions.
* ``timer``: the phase state machine and the inversion progression.
* ``report``: the clinician report, drawn from insights.
"""
