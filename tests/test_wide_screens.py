"""A wide monitor (200×60): text is read in lines near 100 characters, in a
column centred on the screen, and help keeps each key beside what it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from tests.scenes import SCENES

WIDE = (200, 60)
READABLE = 100
"""The longest line of text a screen lays out on a wide terminal."""


async def regions_at_wide(name: str, selector: str, tmp_path: Path) -> tuple[Region, Region]:
    """Where ``selector`` on scene ``name`` (played at 200×60) is, and where its text goes."""
    played = next(s for s in SCENES if s.name == name)
    app = played.build(tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await played.play(pilot)
        widget = app.screen.query_one(selector)
        return widget.region, widget.scrollable_content_region


def assert_readable_and_centred(region: Region, text: Region) -> None:
    assert text.width <= READABLE, f"lines of {text.width} characters"
    left, right = region.x, WIDE[0] - region.right
    assert abs(left - right) <= 2, f"not centred: {left} columns left, {right} right"


@pytest.mark.parametrize(
    ("name", "selector"),
    [
        ("article", "#article"),
        ("lesson", "#lesson"),
        ("screening-question", "#screening-question"),
        ("screening-results", "#results"),
        ("flare-plan", "#flare-plan"),
    ],
)
async def test_long_text_is_a_centred_column(name: str, selector: str, tmp_path: Path) -> None:
    assert_readable_and_centred(*await regions_at_wide(name, selector, tmp_path))


async def test_article_body_wraps_near_100_columns(tmp_path: Path) -> None:
    _, text = await regions_at_wide("article", "#article-body", tmp_path)
    assert 60 <= text.width <= READABLE


async def test_help_keeps_values_beside_their_keys(tmp_path: Path) -> None:
    played = next(s for s in SCENES if s.name == "help")
    app = played.build(tmp_path / "data")
    async with app.run_test(size=WIDE) as pilot:
        await played.play(pilot)
        dialog = app.screen.query_one("#help")
        assert_readable_and_centred(dialog.region, dialog.scrollable_content_region)
        table = dialog.query_one(Static)
        lines = [strip.text for strip in table.render_lines(Region(0, 0, *table.size))]
    # What a key does starts a few columns after the key, not across the screen.
    row = next(line for line in lines if "Filter by words" in line)
    key_at = len(row) - len(row.lstrip())
    assert row.index("Filter by words") - key_at <= 16, row


async def test_trends_table_keeps_numbers_beside_their_labels(tmp_path: Path) -> None:
    _, text = await regions_at_wide("trends", "#trends-helps", tmp_path)
    assert text.width <= READABLE
    _, chart = await regions_at_wide("trends", "#trends-chart", tmp_path)
    assert chart.width > READABLE  # the chart still uses the whole width
