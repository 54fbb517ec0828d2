"""Screening: red flags and per-therapy verdicts.

It owns the rules engine (answers in, flags and verdicts out), parsing the
rules file, and what the latest screening says about each therapy. Pure logic:
no I/O, no Textual. Import the module you need; nothing is re-exported.
"""
