"""Pilot tests of the override asked for before starting a therapy marked avoid."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rich.table import Table
from rich.text import Text
from textual.widgets import Button, Static

from companion.core.content.library import load_library
from companion.core.ids import new_id
from companion.core.screening.engine import evaluate
from companion.core.screening.verdicts import therapy_advice
from companion.screens.override import OverrideScreen
from tests.ui import build_app

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def glaucoma_advice():
    rules = load_library().rules
    answers = {q.id: "no" for q in rules.questions} | {"glaucoma-or-retina": "yes"}
    record = evaluate(rules, answers).to_record(new_id(NOW), NOW)
    return therapy_advice("inversion", record, rules)


async def decide(data_dir, clock, *keys: str) -> tuple[list[bool | None], OverrideScreen]:
    """Open the dialog for inversion (glaucoma), press ``keys``; the decisions made."""
    app = build_app(data_dir, clock)
    decisions: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = OverrideScreen.for_advice(glaucoma_advice())
        app.push_screen(dialog, decisions.append)
        await pilot.pause()
        words = " ".join(
            str(w.content) for w in dialog.query(Static) if isinstance(w.content, Text)
        )
        words += reasons_shown(dialog)
        assert "✗ AVOID: Inversion" in words
        assert "glaucoma" in words
        assert dialog.query_one("#override-cancel", Button).has_focus
        await pilot.press(*keys)
        await pilot.pause()
    return decisions, dialog


async def test_o_is_the_explicit_override(data_dir, clock):
    decisions, _ = await decide(data_dir, clock, "o")
    assert decisions == [True]


@pytest.mark.parametrize("key", ["n", "escape", "enter"])
async def test_anything_else_means_do_not_start(data_dir, clock, key):
    decisions, _ = await decide(data_dir, clock, key)
    assert decisions == [False]


async def test_yes_is_not_an_override(data_dir, clock):
    decisions, _ = await decide(data_dir, clock, "y")
    assert decisions == []  # still asking


async def test_the_override_button_says_what_it_means(data_dir, clock):
    app = build_app(data_dir, clock)
    decisions: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(OverrideScreen("inversion", ["a reason"]), decisions.append)
        await pilot.pause()
        button = app.screen.query_one("#override-start", Button)
        assert "Start anyway — I have checked with a clinician" in str(button.label)
        await pilot.click("#override-start")
        await pilot.pause()
    assert decisions == [True]


def reasons_shown(dialog: OverrideScreen) -> str:
    """The dialog's words, reasons included (they sit in a grid)."""
    grid = dialog.query_one("#override-reason-list", Static).content
    assert isinstance(grid, Table)
    cells = [str(cell) for column in grid.columns for cell in column._cells]
    return " ".join(cells)


async def open_after_partial_screening(app, pilot) -> OverrideScreen:
    """The reported case: n to bladder, y to saddle numbness, left; then a routine."""
    rules = app.library.rules
    given = {"ce-bladder": "no", "ce-saddle-numbness": "yes"}
    app.store.screenings.add(evaluate(rules, given).to_record(new_id(NOW), NOW, partial=True))
    assert app.start_routine("sciatica-basics")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, OverrideScreen)
    await pilot.pause()
    return dialog


async def test_a_partial_screening_gives_only_the_answers_given(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_after_partial_screening(app, pilot)
        words = reasons_shown(dialog)
        assert "Emergency: go to an emergency department now" in words
        assert "numbness around the genitals" in words
        assert f"You answered 2 of {len(app.library.rules.questions)} questions" in words
        for invented in ("weren't sure", "get checked today", "cancer", "of your answers"):
            assert invented not in words, invented


@pytest.mark.parametrize("size", [(50, 25), (80, 24), (160, 48)])
async def test_every_reason_can_be_read_and_the_buttons_stay(data_dir, clock, size):
    app = build_app(data_dir, clock)
    async with app.run_test(size=size) as pilot:
        dialog = await open_after_partial_screening(app, pilot)
        reasons = dialog.query_one("#override-reasons")
        screen = dialog.region
        for button in dialog.query(Button):
            assert screen.contains_region(button.region), button
        assert screen.contains_region(reasons.region)
        assert not reasons.region.overlaps(dialog.query_one("#override-cancel").region)
        if reasons.max_scroll_y == 0:  # all in view: the box fits its content
            assert reasons.region.height >= reasons.virtual_size.height
            assert not reasons.border_subtitle
            return
        assert "more" in str(reasons.border_subtitle)
        await pilot.press(*["down"] * reasons.max_scroll_y)
        await pilot.pause()
        assert reasons.scroll_y == reasons.max_scroll_y  # read to the end by keys
        assert app.focused is dialog.query_one("#override-cancel")  # the safe default kept
        assert not reasons.border_subtitle
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, OverrideScreen)  # n still means don't start
