"""A self-care companion for people living with sciatica and low back pain.

The package is layered: ``companion.core`` (domain) and ``companion.store``
(persistence) are plain Python and never import Textual; ``companion.cli``
serves the script-friendly commands; ``companion.app``, ``screens`` and
``widgets`` are the terminal UI.
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("sciatica-companion")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
