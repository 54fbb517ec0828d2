"""The glyph table: which set a run uses, and that ASCII stands in cell for cell."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from companion.__main__ import build_parser
from companion.core.errors import InvalidInputError
from companion.core.glyphs import ASCII_CELLS, GLYPHS, choose_mode, tick_box, to_ascii
from companion.core.settings import Settings


@pytest.mark.parametrize(
    ("flag", "env", "setting", "mode"),
    [
        (False, {"TERM": "xterm-256color"}, "", "unicode"),
        (False, {}, "", "unicode"),
        (False, {"TERM": "linux"}, "", "ascii"),
        (False, {"TERM": "linux-16color"}, "", "ascii"),
        (False, {"TERM": "vt220"}, "", "ascii"),
        (False, {"TERM": "xterm"}, "ascii", "ascii"),
        (False, {"TERM": "linux"}, "unicode", "unicode"),
        (False, {"TERM": "xterm", "COMPANION_GLYPHS": "ASCII"}, "unicode", "ascii"),
        (False, {"TERM": "linux", "COMPANION_GLYPHS": "unicode"}, "", "unicode"),
        (False, {"TERM": "xterm", "COMPANION_GLYPHS": "nonsense"}, "", "unicode"),
        (True, {"TERM": "xterm", "COMPANION_GLYPHS": "unicode"}, "unicode", "ascii"),
    ],
)
def test_the_flag_then_the_variable_then_the_setting_then_term_choose(
    flag: bool, env: dict[str, str], setting: str, mode: str
) -> None:
    assert choose_mode(flag=flag, env=env, setting=setting) == mode


def test_every_stand_in_is_ascii_and_as_wide_as_what_it_replaces() -> None:
    for code, ascii in ASCII_CELLS.items():
        assert ascii.isascii() and ascii.isprintable(), hex(code)
        assert cell_len(ascii) == cell_len(chr(code)), hex(code)
    for name, (unicode, ascii) in GLYPHS.items():
        assert ascii.isascii(), name
        if not name.startswith("chart-"):  # chart markers are plotext marker names
            assert cell_len(unicode) == cell_len(ascii), name
            assert to_ascii(unicode) == ascii, name


def test_prose_punctuation_becomes_ascii_and_letters_are_kept() -> None:
    assert to_ascii("Pain 0–10 · PEG 6.3 → 3.3 … ✗ AVOID ✓ OK") == (
        "Pain 0-10 | PEG 6.3 > 3.3 . X AVOID + OK"
    )
    assert to_ascii("Grøvle ünd café") == "Grøvle ünd café"  # a person's words stay theirs
    assert to_ascii("╭─┬─╮│┃━═┗") == "+-+-+||==+"
    assert to_ascii("⣿⠀█░▔▁") == "* #.-_"


def test_tick_boxes_differ_in_text() -> None:
    assert (tick_box(True), tick_box(False)) == ("[x]", "[ ]")


@given(st.text(max_size=200))
def test_to_ascii_never_changes_a_lines_width(text: str) -> None:
    assert cell_len(to_ascii(text)) == cell_len(text)


def test_the_setting_keeps_known_values_and_drops_others() -> None:
    assert Settings.from_dict({"glyphs": "ascii"}).glyphs == "ascii"
    assert Settings.from_dict({"glyphs": "braille"}).glyphs == ""
    assert Settings().updated(glyphs="unicode").glyphs == "unicode"
    with pytest.raises(InvalidInputError, match="glyphs"):
        Settings().updated(glyphs="fancy")


@pytest.mark.parametrize(
    "argv", [["--ascii"], ["--ascii", "journal"], ["journal", "--ascii"], ["demo", "--ascii"]]
)
def test_ascii_is_a_ui_option_before_or_after_the_screen(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).ascii is True


def test_without_the_flag_the_ui_is_not_forced_to_ascii() -> None:
    assert build_parser().parse_args(["journal"]).ascii is False
