"""Where it hurts, drawn: the body map on its own and in the check-in."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from companion.core.ids import new_id
from companion.core.records import BODY_AREAS, CheckIn
from companion.screens.checkin import CheckinScreen
from companion.widgets.body_map import BodyMap, map_labels
from tests.store_helpers import present
from tests.ui import build_app


class MapApp(App[None]):
    """The map alone, recording every change it posts."""

    def __init__(self, areas: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.areas = areas
        self.changes: list[frozenset[str]] = []

    def compose(self) -> ComposeResult:
        yield BodyMap(self.areas, id="map")

    def on_body_map_changed(self, event: BodyMap.Changed) -> None:
        self.changes.append(event.areas)

    def ticked(self) -> tuple[str, ...]:
        """What the map has ticked now. (Read through a call: mypy would keep an
        earlier ``body_map.selected == (...)`` across the keys that change it.)"""
        return self.query_one(BodyMap).selected


def test_every_drawn_area_is_a_known_area_with_a_side() -> None:
    labels = map_labels()
    assert labels[0] == "lower back"
    for label in labels[1:]:
        side, _, area = label.partition(" ")
        assert side in ("left", "right") and area in BODY_AREAS, label
    for area in ("buttock", "back of the thigh", "side of the thigh", "outer calf", "shin"):
        assert f"left {area}" in labels and f"right {area}" in labels
    for area in ("top of the foot", "sole", "heel", "calf"):
        assert f"left {area}" in labels and f"right {area}" in labels


def test_the_drawing_is_plain_ascii_and_fits_fifty_columns() -> None:
    text = BodyMap(["left calf", "left knee"]).render()
    assert text.plain.isascii()
    assert max(len(line) for line in text.plain.splitlines()) <= 46


@given(
    st.sets(
        st.sampled_from(map_labels()) | st.from_regex(r"[a-z ]{1,80}", fullmatch=True), max_size=6
    )
)
def test_any_stored_labels_are_all_shown_ticked_and_kept(labels: set[str]) -> None:
    body_map = BodyMap(labels)
    assert set(body_map.selected) == labels and len(body_map.selected) == len(labels)
    lines = body_map.render().plain.splitlines()
    assert lines[-1].startswith("> lower back")
    assert sum(line.count("[x]") for line in lines) == len(labels)


async def test_arrows_move_over_the_drawing_and_space_ticks() -> None:
    app = MapApp()
    async with app.run_test(size=(50, 25)) as pilot:
        body_map = app.query_one(BodyMap)
        body_map.focus()
        assert body_map.spots[body_map.cursor].label == "lower back"
        await pilot.press("down")  # the nearest area on the next line: the left buttock
        assert body_map.spots[body_map.cursor].label == "left buttock"
        await pilot.press("right")
        assert body_map.spots[body_map.cursor].label == "right buttock"
        await pilot.press("down", "down", "space")  # right back of thigh, right side of thigh
        await pilot.press("left", "space")  # the previous area: the left side of the thigh
        await pilot.pause()
        assert app.ticked() == ("left side of the thigh", "right side of the thigh")
        assert app.changes[-1] == frozenset(body_map.selected)
        assert "> left side of the thigh: ticked" in body_map.render().plain
        await pilot.press("space")
        await pilot.pause()
        assert app.ticked() == ("right side of the thigh",)
        await pilot.press("up", "up", "up", "up")  # stops at the top
        assert body_map.spots[body_map.cursor].label == "lower back"


async def test_a_label_the_drawing_lacks_is_kept_listed_and_can_be_unticked() -> None:
    app = MapApp(("left knee", "left calf", "hip ache"))
    async with app.run_test(size=(50, 25)) as pilot:
        body_map = app.query_one(BodyMap)
        body_map.focus()
        assert app.ticked() == ("left calf", "hip ache", "left knee")
        assert "also [x] hip ache\n     [x] left knee\n" in body_map.render().plain
        await pilot.press("left", "space")  # from the first area back round to the last
        await pilot.pause()
        assert app.ticked() == ("left calf", "hip ache")
        assert "     [ ] left knee" in body_map.render().plain
        hip = next(spot for spot in body_map.spots if spot.label == "hip ache")
        await pilot.click(BodyMap, offset=(hip.column + 1, hip.line))
        await pilot.pause()
        assert app.ticked() == ("left calf",)


async def test_a_click_ticks_the_area_under_the_pointer() -> None:
    app = MapApp()
    async with app.run_test(size=(50, 25)) as pilot:
        body_map = app.query_one(BodyMap)
        heel = next(spot for spot in body_map.spots if spot.label == "right heel")
        await pilot.click(BodyMap, offset=(heel.column + 1, heel.line))
        await pilot.pause()
        assert body_map.selected == ("right heel",)


async def test_areas_ticked_in_the_check_in_are_saved_as_labels(data_dir, clock) -> None:
    app = build_app(data_dir, clock)
    async with app.run_test(size=(50, 25)) as pilot:
        await pilot.press("c", "6", "tab", "tab", "tab")
        assert isinstance(app.focused, BodyMap)
        await pilot.press("down", "space", "down", "down", "space", "down", "down", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.store.checkins.latest()
        assert saved is not None
        assert saved.where == ("left buttock", "left side of the thigh", "left outer calf")


async def test_editing_an_entry_shows_its_areas_ticked_and_keeps_old_labels(
    data_dir, clock
) -> None:
    app = build_app(data_dir, clock)
    at = clock.now() - timedelta(hours=2)
    entry = app.store.checkins.add(
        CheckIn(id=new_id(at), at=at, pain=5, where=("left calf", "left thigh"))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CheckinScreen(entry))
        await pilot.pause()
        body_map = app.screen.query_one(BodyMap)
        assert body_map.selected == ("left calf", "left thigh")
        assert "also [x] left thigh" in body_map.render().plain
        body_map.focus()
        await pilot.press("down", "space")  # add the left buttock
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = present(app.store.checkins.get(entry.id))
        assert saved.where == ("left buttock", "left calf", "left thigh")


async def test_an_unchanged_entry_leaves_no_draft(data_dir, clock) -> None:
    app = build_app(data_dir, clock)
    at = clock.now() - timedelta(hours=2)
    entry = app.store.checkins.add(
        CheckIn(id=new_id(at), at=at, pain=5, where=("right heel", "left calf"))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CheckinScreen(entry))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CheckinScreen)
        assert entry.id not in app.drafts
