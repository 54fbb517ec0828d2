"""The domain: check-ins, sessions, screenings, statistics and rules.

Plain Python only. Nothing here imports Textual or touches the disk layout
(that is ``companion.store``); an import-linter contract enforces it.
"""
