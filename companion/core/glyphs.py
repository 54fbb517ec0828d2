"""Every symbol the app draws, in Unicode and in plain ASCII, and which set is in use.

The Linux console (``TERM=linux``) and some serial or old terminals have no
braille, box-drawing extras, check marks or ``⭘``; there the app draws ASCII
only. The set is chosen once at start-up by :func:`choose_mode`: the command
line's ``--ascii`` first, then ``COMPANION_GLYPHS`` (``ascii`` or ``unicode``),
then the saved setting, then the terminal (``TERM=linux`` and other consoles
without Unicode fonts get ASCII).

:data:`GLYPHS` names the symbols that carry meaning (verdict marks, tick
boxes, the focus marker, chart markers, bar fills). :data:`ASCII_CELLS` is the
fallback for everything else that reaches the screen (punctuation in prose,
Textual's borders, the chart axes): one ASCII string of the same width per
character, so layouts do not move when the set changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Literal

__all__ = [
    "ASCII_CELLS",
    "GLYPHS",
    "KEY_NAMES",
    "MODES",
    "GlyphMode",
    "ascii_keys",
    "choose_mode",
    "glyph",
    "is_ascii",
    "set_mode",
    "tick_box",
    "to_ascii",
]

GlyphMode = Literal["unicode", "ascii"]

MODES: tuple[GlyphMode, ...] = ("unicode", "ascii")
"""The glyph sets, as the setting, the flag and ``COMPANION_GLYPHS`` spell them."""

ASCII_TERMS = ("linux", "vt100", "vt102", "vt220")
"""``TERM`` values (before any ``-suffix``) whose fonts lack most Unicode symbols."""

GLYPHS: Mapping[str, tuple[str, str]] = {
    # name: (unicode, ascii); each pair has the same width in cells
    "avoid": ("✗", "X"),
    "caution": ("!", "!"),
    "ok": ("✓", "+"),
    "bullet": ("•", "*"),
    "focus": (">", ">"),
    "step-now": ("▶", ">"),
    "flag": ("⚑", "!"),
    "link": ("⧉", "@"),
    "sep": ("·", "|"),
    "bar-done": ("█", "#"),
    "bar-left": ("░", "."),
    "progress-done": ("━", "="),
    "progress-left": ("─", "-"),
    # plotext marker names: "braille" packs 2x4 dots into a cell; "sd" is a full block
    "chart-line": ("braille", "*"),
    "chart-dot": ("•", "o"),
    "chart-bar": ("sd", "#"),
    "chart-line-key": ("⣿", "*"),
}
"""Symbols that carry meaning, by name: (Unicode, ASCII)."""

INLINE: Mapping[str, tuple[str, str]] = {
    "ellipsis": ("…", "..."),
    "to": ("→", "->"),
}
"""Symbols in running text whose ASCII takes more cells, chosen before the text is
laid out (the line filter can only swap cell for cell): a lone ``.`` after cut
words reads as the end of a sentence, and ``6.3 > 3.3`` as "greater than"."""

_mode: GlyphMode = "unicode"


def choose_mode(
    *, flag: bool = False, env: Mapping[str, str] | None = None, setting: str = ""
) -> GlyphMode:
    """The glyph set for this run: ``--ascii``, then ``COMPANION_GLYPHS``, then the
    setting (``unicode``, ``ascii``, or empty for automatic), then ``TERM``."""
    if flag:
        return "ascii"
    env = env or {}
    for chosen in (env.get("COMPANION_GLYPHS", "").strip().lower(), setting):
        if chosen == "ascii":
            return "ascii"
        if chosen == "unicode":
            return "unicode"
    term = env.get("TERM", "").split("-")[0].lower()
    return "ascii" if term in ASCII_TERMS else "unicode"


def set_mode(mode: GlyphMode) -> None:
    """Use ``mode`` from now on (the app calls this once as it starts)."""
    global _mode
    _mode = mode


def is_ascii() -> bool:
    """Whether the ASCII set is in use."""
    return _mode == "ascii"


def glyph(name: str) -> str:
    """The symbol ``name`` in the set in use (from :data:`GLYPHS` or :data:`INLINE`)."""
    unicode, ascii = GLYPHS[name] if name in GLYPHS else INLINE[name]
    return ascii if _mode == "ascii" else unicode


def tick_box(ticked: bool) -> str:
    """A tick box whose state reads in text, not only in colour: ``[x]`` or ``[ ]``."""
    return "[x]" if ticked else "[ ]"


def _box_drawing() -> dict[int, str]:
    """U+2500-U+257F by shape: horizontals, verticals, and corners or crossings."""
    table: dict[int, str] = {}
    for code in range(0x2500, 0x2580):
        table[code] = "+"
    for code in (0x2500, 0x2504, 0x2508, 0x254C, 0x2574, 0x2576, 0x257C, 0x257E):
        table[code] = "-"  # light horizontals
    for code in (0x2501, 0x2505, 0x2509, 0x254D, 0x2550, 0x2578, 0x257A):
        table[code] = "="  # heavy and double horizontals
    for code in (0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551):
        table[code] = "|"
    for code in (0x2575, 0x2577, 0x2579, 0x257B, 0x257D, 0x257F):
        table[code] = "|"
    return table


def _block_elements() -> dict[int, str]:
    """U+2580-U+259F: bars and fills become ``#``, edges the line they draw
    (Textual's ``tall`` borders ``-`` and ``_``, its ``thick`` ones ``=``)."""
    table = {code: "#" for code in range(0x2580, 0x25A0)}
    table.update({ord("▔"): "-", ord("▁"): "_", ord("▀"): "=", ord("▄"): "="})
    table.update({ord(c): "|" for c in "▌▍▎▏▐▕▊▋▉"})
    table.update({ord(c): c2 for c, c2 in zip("░▒▓", ".:#", strict=True)})
    return table


def _braille() -> dict[int, str]:
    """Braille cells (plotext's high-resolution dots): any dot reads ``*``."""
    table = {code: "*" for code in range(0x2801, 0x2900)}
    table[0x2800] = " "
    return table


_PUNCTUATION = {
    "–": "-",  # en dash
    "—": "-",  # em dash
    "−": "-",  # minus
    "‐": "-",
    "…": ".",
    "●": "o",
    "○": "o",
    "⭘": "o",
    "◯": "o",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "⇄": "=",
    "›": ">",
    "‹": "<",
    "»": ">",
    "«": "<",
    "▷": ">",
    "⏎": "<",
    "↵": "<",
    "⌫": "<",
    "‣": ">",
    "⭑": "*",
    "◦": "o",
    "▪": "*",
    "▸": ">",
    "◀": "<",
    "◂": "<",
    "▲": "^",
    "▼": "v",
    "▴": "^",
    "▾": "v",
    "✔": "+",
    "✘": "X",
    "×": "x",
    "°": "o",
    "§": "S",
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "␛": "^",
    "␇": "^",
    "␡": "^",
    "²": "2",
    "³": "3",
    "½": "/",
}


def _shapes_and_arrows() -> dict[int, str]:
    """Geometric shapes (list bullets, triangles) and arrows not named elsewhere."""
    table = {code: "*" for code in range(0x25A0, 0x2600)}
    table.update({code: ">" for code in range(0x2190, 0x2200)})
    # the few drawn two cells wide (emoji-style squares) get two characters
    return {code: ascii * _width(code) for code, ascii in table.items()}


def _width(code: int) -> int:
    return 2 if unicodedata.east_asian_width(chr(code)) in ("W", "F") else 1


def _control_pictures() -> dict[int, str]:
    """U+2400-U+241F (how a stray control character is shown) read ``^``."""
    return {code: "^" for code in range(0x2400, 0x2427)}


ASCII_CELLS: Mapping[int, str] = {
    **_box_drawing(),
    **_block_elements(),
    **_braille(),
    **_control_pictures(),
    **_shapes_and_arrows(),
    **{ord(char): ascii for char, ascii in _PUNCTUATION.items()},
    **{
        ord(unicode): ascii
        for name, (unicode, ascii) in GLYPHS.items()
        if len(unicode) == 1 and not name.startswith("chart-")
    },
}
"""One-cell Unicode characters and the one ASCII character drawn in their place."""


KEY_NAMES: Mapping[str, str] = {
    "⏎": "enter",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
    "⌫": "backspace",
}
"""Textual's key symbols in the footer, and the words that replace them in ASCII mode."""


def ascii_keys(display: str) -> str:
    """A key as the footer shows it (``⏎``, ``^p``), with any symbol spelt out."""
    for symbol, name in KEY_NAMES.items():
        display = display.replace(symbol, name)
    return display


def to_ascii(text: str) -> str:
    """``text`` with every character of :data:`ASCII_CELLS` replaced; others are kept."""
    return text if text.isascii() else text.translate(ASCII_CELLS)
