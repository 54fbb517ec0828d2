"""CSV cells a spreadsheet cannot run, and that read back exactly.

A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is run as a
formula by spreadsheets (OWASP, "CSV Injection"); :func:`neutralise` puts a single
quote in front of it, which spreadsheets show as text. To keep the text exact, a
cell that already starts with quotes followed by one of those characters gets one
more, and :func:`restore` takes exactly one away from any cell of that shape, so
``restore(neutralise(text)) == text`` for every text, and a hand-made sheet whose
cell is ``'tis`` reads as written.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "neutralise", "restore"]

FORMULA_STARTS = "=+-@\t\r"
"""First characters that make a spreadsheet read a cell as a formula."""

_NEEDS_QUOTE = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")
_QUOTED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")


def neutralise(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def restore(cell: str) -> str:
    """The text :func:`neutralise` was given."""
    return cell[1:] if _QUOTED.match(cell) else cell
