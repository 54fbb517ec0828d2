"""A phone's SSH client (50×25) and a short terminal (60×20): every way out stays
on screen, not under the footer, and each screen opens at its beginning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Footer, Static

from tests.scenes import SCENES, Scene

SMALL = [(50, 25), (60, 20)]


def scene(name: str) -> Scene:
    return next(s for s in SCENES if s.name == name)


def assert_in_view(app: App[Any], widget: Widget) -> None:
    """``widget`` is whole inside the screen and not under the footer."""
    region = widget.region
    screen = app.screen.region
    assert region.area, f"{widget!r} has no room"
    assert screen.contains_region(region), f"{widget!r} at {region} is outside {screen}"
    footers = list(app.screen.query(Footer))
    footer = footers[0].region if footers else Region()
    assert not region.overlaps(footer), f"{widget!r} at {region} is under the footer"


async def run_scene(name: str, size: tuple[int, int], tmp_path: Path, check) -> None:
    played = scene(name)
    app = played.build(tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await played.play(pilot)
        check(app)


@pytest.mark.parametrize("size", SMALL)
async def test_welcome_buttons_stay_on_screen(size, tmp_path) -> None:
    def check(app) -> None:
        assert type(app.screen).__name__ == "WelcomeScreen"
        for button in app.screen.query(Button):
            assert_in_view(app, button)

    await run_scene("welcome", size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_region_choice_shows_every_place(size, tmp_path) -> None:
    def check(app) -> None:
        options = app.screen.query_one("OptionList")
        assert_in_view(app, options)
        assert options.max_scroll_y == 0  # every place listed without scrolling

    await run_scene("region-choice", size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_screening_answers_and_progress_fit(size, tmp_path) -> None:
    def check(app) -> None:
        for key in "ynub":
            assert_in_view(app, app.screen.query_one(f"#q-{key}"))
        bar = app.screen.query_one("#q-bar")
        assert bar.region.height == 1  # the progress bar never wraps
        assert_in_view(app, bar)
        assert_in_view(app, app.screen.query_one("#q-progress"))

    await run_scene("screening-question", size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_emergency_shows_heading_and_way_out(size, tmp_path) -> None:
    def check(app) -> None:
        assert type(app.screen).__name__ == "EmergencyScreen"
        assert_in_view(app, app.screen.query_one("#emergency-heading"))
        assert_in_view(app, app.screen.query_one("#emergency-ok"))

    await run_scene("emergency-interrupt", size, tmp_path, check)


@pytest.mark.parametrize("size", [*SMALL, (80, 24), (160, 48)])
async def test_emergency_number_in_view_without_scrolling(size, tmp_path) -> None:
    """What to do now and the number to call are never below the fold; what
    does not fit scrolls from the keys (the way out keeps focus), with a hint."""
    played = scene("emergency-interrupt")
    app = played.build(tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await played.play(pilot)
        await pilot.pause()
        screen = app.screen
        numbers = screen.query_one("#emergency-numbers", Static)
        assert "999" in str(numbers.render()) or "911" in str(numbers.render())
        assert_in_view(app, numbers)
        assert_in_view(app, screen.query_one("#emergency-heading"))
        ok = screen.query_one("#emergency-ok")
        assert_in_view(app, ok)
        details = screen.query_one("#emergency-details", VerticalScroll)
        assert not details.region.overlaps(ok.region)
        if details.max_scroll_y:
            assert "more below" in str(details.border_subtitle)
            await pilot.press("down")
            await pilot.pause()
            assert details.scroll_y > 0 and app.focused is ok
            await pilot.press("pagedown", "pagedown", "pagedown")
            await pilot.pause()
            assert not details.border_subtitle  # all read: the hint goes
        else:
            assert not details.border_subtitle
        assert_in_view(app, numbers)  # scrolling the advice never moves the number


@pytest.mark.parametrize("size", SMALL)
async def test_safety_net_shows_every_sign(size, tmp_path) -> None:
    def check(app) -> None:
        assert type(app.screen).__name__ == "SafetyNetScreen"
        assert_in_view(app, app.screen.query_one("#net-title"))
        assert_in_view(app, app.screen.query_one("#net-list"))

    await run_scene("checkin-safety-net", size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_checkin_opens_at_its_question(size, tmp_path) -> None:
    def check(app) -> None:
        assert_in_view(app, app.screen.query_one("#title"))
        pain = app.screen.query_one("#pain")
        assert_in_view(app, pain)
        assert pain.has_focus

    await run_scene("checkin", size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_dashboard_key_row_and_footer_fit(size, tmp_path) -> None:
    def check(app) -> None:
        actions = app.screen.query_one("#actions")
        assert_in_view(app, actions)
        assert actions.region.height == actions.virtual_size.height  # no line cut off
        footer = app.screen.query_one(Footer)
        assert app.screen.region.contains_region(footer.region)

    await run_scene("dashboard", size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_dashboard_cards_scroll_from_the_keyboard(size, tmp_path) -> None:
    """The cards take no focus; down and page down still reach the last of them."""
    played = scene("dashboard")
    app = played.build(tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await played.play(pilot)
        cards = app.screen.query_one("#cards")
        last = app.screen.query_one("#trend")
        assert cards.max_scroll_y > 0, "the cards fit: this size needs no scrolling"
        for _ in range(cards.max_scroll_y + 1):
            await pilot.press("down")
        assert cards.scroll_y == cards.max_scroll_y
        assert_in_view(app, last)
        await pilot.press("pageup", "pageup", "pageup")
        assert cards.scroll_y == 0


@pytest.mark.parametrize("size", SMALL)
@pytest.mark.parametrize(
    "name", ["inversion-guide", "dose", "weekly-measures", "flare-plan", "timers", "lesson"]
)
async def test_every_button_and_the_footer_in_view(name: str, size, tmp_path) -> None:
    def check(app) -> None:
        shown = [b for b in app.screen.query(Button) if b.display and b.visible]
        for button in shown:
            assert_in_view(app, button)
        for footer in app.screen.query(Footer):
            assert app.screen.region.contains_region(footer.region)

    await run_scene(name, size, tmp_path, check)


@pytest.mark.parametrize("size", SMALL)
async def test_journal_filter_box_has_room_for_words(size, tmp_path) -> None:
    def check(app) -> None:
        words = app.screen.query_one("#filter-text")
        assert words.region.width >= 30, words.region  # not squeezed by the dates
        for box in ("#filter-text", "#filter-since", "#filter-until"):
            assert_in_view(app, app.screen.query_one(box))

    await run_scene("journal", size, tmp_path, check)


async def test_phone_layouts_keep_scales_verdicts_and_cards_whole(tmp_path) -> None:
    """At 50×25: the 0–10 scale keeps 10 and its end words on its rows, the library's
    and the timers' verdict columns stay readable, and the dashboard's cards stack
    (side by side the safety card had eleven columns and split words)."""
    from tests.ui import screen_lines

    lines: dict[str, list[str]] = {}

    def keep(name: str):
        def check(app) -> None:
            lines[name] = screen_lines(app)
            if name == "dashboard":
                today = app.screen.query_one("#today").region
                safety = app.screen.query_one("#screening-status").region
                assert safety.y >= today.bottom and safety.width == today.width

        return check

    for name in ("checkin", "library", "timers", "dashboard"):
        await run_scene(name, (50, 25), tmp_path / name, keep(name))
    scale = next(i for i, line in enumerate(lines["checkin"]) if " 9 " in line)
    assert lines["checkin"][scale].rstrip().endswith("10")
    assert "0 none" in lines["checkin"][scale + 1]
    assert lines["checkin"][scale + 1].rstrip().endswith("worst imaginable 10")
    library = "\n".join(lines["library"])
    assert "Your verdict" in library and "CAUTION" in library and "✓ OK" in library
    timers = "\n".join(lines["timers"])
    assert "Screening" in timers and "Today" in timers and "! CAUTION" in timers


async def test_roomy_dashboard_keeps_its_cards_side_by_side(tmp_path) -> None:
    def check(app) -> None:
        today = app.screen.query_one("#today").region
        safety = app.screen.query_one("#screening-status").region
        assert safety.y == today.y and safety.x >= today.right

    await run_scene("dashboard", (80, 24), tmp_path, check)
