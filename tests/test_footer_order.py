"""The footer leads with each screen's most important keys, and on a phone-sized
terminal it gives ``^p Commands``' room to them (ctrl+p still works)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.scenes import _AT_EVERY_SIZE, SCENES


def footer_keys(app: App[Any]) -> list[str]:
    """The keys the footer shows, left to right (the palette's included if shown)."""
    keys = [key for key in app.screen.query(FooterKey) if key.display and key.region.width]
    return [key.key for key in sorted(keys, key=lambda key: key.region.x)]


async def keys_of(name: str, size: tuple[int, int], tmp_path: Path) -> list[str]:
    played = next(s for s in SCENES if s.name == name)
    app = played.build(tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await played.play(pilot)
        await pilot.pause()
        return footer_keys(app)


@pytest.mark.parametrize(
    ("name", "first"),
    [("dashboard", "c"), ("article", "t"), ("journal", "slash"), ("timer-running", "space")],
)
async def test_most_important_key_comes_first(name: str, first: str, tmp_path: Path) -> None:
    assert (await keys_of(name, (50, 25), tmp_path))[0] == first


async def test_phone_footer_leaves_out_the_palette_and_keeps_help_and_quit(
    tmp_path: Path,
) -> None:
    keys = await keys_of("dashboard", (50, 25), tmp_path)
    assert "ctrl+p" not in keys
    assert {"c", "question_mark", "q"} <= set(keys)


async def test_roomy_footer_shows_the_palette(tmp_path: Path) -> None:
    assert "ctrl+p" in await keys_of("dashboard", (80, 24), tmp_path)


async def test_flare_plan_footer_fits_at_80_columns(tmp_path: Path) -> None:
    keys = await keys_of("flare-plan", (80, 24), tmp_path)
    assert keys[:3] == ["r", "e", "x"]
    assert "ctrl+s" not in keys  # saving is offered while editing
    assert {"question_mark", "q"} <= set(keys)


@pytest.mark.parametrize("name", _AT_EVERY_SIZE)
async def test_help_and_a_way_out_stay_whole_at_50_columns(name: str, tmp_path: Path) -> None:
    """Keys that do not fit are left out from the least important, never ``?`` and
    ``q``: the footer scrolled them off the right edge (check-in lost both)."""
    played = next(s for s in SCENES if s.name == name)
    app = played.build(tmp_path / "data")
    async with app.run_test(size=(50, 25)) as pilot:
        await played.play(pilot)
        await pilot.pause()
        footers = list(app.screen.query(Footer))
        if not footers:  # a dialog over a screen: its own buttons are the way out
            return
        edge = footers[0].region.right
        shown = [k for k in footers[0].query(FooterKey) if k.display and k.region.width]
        whole = {k.key for k in shown if k.region.right <= edge}
        assert whole == {k.key for k in shown}, f"cut off: {[k.key for k in shown]}"
        keys = {b.key for _n, b, _e, _t in app.screen.active_bindings.values() if b.show}
        for way in ("question_mark", "q"):
            if way in keys:
                assert way in whole
