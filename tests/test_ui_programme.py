"""Pilot tests of the programme's screens: F for a flare and its plan, minutes walked
in the check-in, and the dashboard's plan card."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, TextArea

from companion.core.programme.flares import Flare
from companion.screens.dashboard import DashboardScreen
from companion.screens.flare import FlarePlanScreen
from companion.screens.goals import GoalsScreen
from companion.screens.pain_question import PainQuestion
from companion.widgets.programme_card import ProgrammeCard
from tests.store_helpers import present
from tests.ui import build_app, current_screen, screen_lines


async def test_f_logs_a_flare_with_the_pain_now_and_opens_the_plan(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one(ProgrammeCard)
        assert str(card.render()) == "Lesson: What sciatica is (r: read it)"
        await pilot.press("F")
        await pilot.pause()
        current_screen(app, PainQuestion)
        await pilot.press("8", "enter")
        await pilot.pause()
        current_screen(app, FlarePlanScreen)
        flare = present(app.store.flares.latest())
        assert (flare.pain, flare.started_at, flare.ended_at) == (8, clock.now(), None)
        safety = str(app.screen.query_one("#flare-safety").render())
        assert "emergency department now" in safety  # the safety net comes first
        assert "(suggested)" in str(app.screen.query_one("#flare-items").render())
        await pilot.press("escape")
        await pilot.pause()
        card = app.screen.query_one(ProgrammeCard)
        assert card.display and "Flare day 1" in str(card.render())


async def test_the_person_writes_their_plan_and_ends_the_flare(data_dir, clock):
    app = build_app(data_dir, clock)
    app.store.flares.add(Flare("flare-000001", clock.now() - timedelta(days=2), 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("F")  # a flare is open: straight to its plan
        await pilot.pause()
        current_screen(app, FlarePlanScreen)
        assert "Flare, day 3" in str(app.screen.query_one("#flare-title").render())
        await pilot.press("e")
        area = app.screen.query_one("#flare-text", TextArea)
        area.text = "walk 5 minutes\nheat pad"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.load_settings().flare_plan == "walk 5 minutes\nheat pad"
        assert "• heat pad" in str(app.screen.query_one("#flare-items").render())
        await pilot.press("x")
        await pilot.pause()
        current_screen(app, DashboardScreen)
        assert present(app.store.flares.latest()).ended_at == clock.now()


async def test_minutes_walked_are_saved_with_the_check_in(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "4")
        app.screen.query_one("#walked", Input).value = "25"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert present(app.store.walks.latest()).minutes == 25
        assert present(app.store.checkins.latest()).pain == 4
        card = app.screen.query_one(ProgrammeCard)
        assert "first week" in str(card.render())


async def test_goals_are_named_once_and_scored_in_the_weekly_questions(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(GoalsScreen())
        await pilot.pause()
        await pilot.press(*"sit through a film", "tab", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.load_settings().goals == "sit through a film"
        assert present(app.store.goals.latest()).scores == (("sit through a film", 3),)
        clock.advance(7 * 24 * 3600)
        app.push_screen(GoalsScreen())
        await pilot.pause()
        # named before: straight to the score
        assert present(app.screen.focused).id == "goal-score-0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Score activity 1" in str(app.screen.query_one("#goals-error").render())
        await pilot.press("6", "ctrl+s")
        await pilot.pause()
        assert [g.scores[0][1] for g in app.store.goals.iter_all()] == [6, 3]


async def test_trends_list_flares_walking_and_medicines(data_dir, clock):
    from tests.programme_setup import walking_in_a_flare, with_medicines

    app = build_app(data_dir, clock, initial="trends")
    walking_in_a_flare(app)
    with_medicines(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#trends-programme").render())
        assert "Flares: 1 (days each: 2; days between: none yet)" in text
        assert "Walking: 24 min today (held: flare)" in text
        assert "ibuprofen 400 mg: days used each week" in text


async def test_the_goal_scales_keep_their_top_score_in_view_on_a_phone(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(50, 25)) as pilot:
        app.push_screen(GoalsScreen())
        await pilot.pause()
        lines = screen_lines(app)
        scales = [line for line in lines if line.strip().startswith(("0", "> 0"))]
        assert scales, lines
        # the numbers row ends with 10 and the words with "as before 10", not a cut "1"
        assert all(line.rstrip().endswith("10") for line in scales), scales
