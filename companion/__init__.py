"""A self-care companion for people living with sciatica and low back pain.

The package is layered: ``companion.core`` (domain) and ``companion.store``
(persistence) are plain Python and never import Textual; ``companion.cli``
serves the script-friendly commands; ``companion.app``, ``screens`` and
``widgets`` are the terminal UI.
"""

__all__ = ["__version__"]

# The one place the version is written (pyproject.toml reads it from here):
# looking it up in the installed metadata would cost every command ~50 ms.
__version__ = "0.1.0"
