"""Pilot tests of the override asked for before starting a therapy marked avoid."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
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
