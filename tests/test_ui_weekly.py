"""Pilot tests of the weekly questions: offered after a check-in is saved (never
before it), at most once a week, skippable; answered with a digit and enter."""

from __future__ import annotations

from datetime import timedelta

from companion.programme import is_weekly_due
from companion.screens.checkin import CheckinScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.goals import GoalsScreen
from companion.screens.journal import JournalScreen
from companion.screens.weekly import WeeklyMeasuresScreen, WeeklyOfferScreen
from companion.store import Store
from companion.widgets.pain_scale import PainScale
from tests.store_helpers import checkin, measures, present
from tests.ui import build_app, current_screen


def with_yesterday(data_dir, clock) -> Store:
    """A diary that started yesterday (the offer waits for the second day)."""
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now() - timedelta(days=1), 5))
    return store


async def test_the_offer_comes_after_the_save_and_the_answers_are_stored(data_dir, clock):
    with_yesterday(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6", "enter")
        await pilot.pause()
        assert present(app.store.checkins.latest()).pain == 6  # saved before anything is asked
        current_screen(app, WeeklyOfferScreen)
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, WeeklyMeasuresScreen)
        for answer in ("7", "6", "5", "4", "2", "1", "5"):
            await pilot.press(answer, "enter")
        await pilot.pause()
        current_screen(app, GoalsScreen)  # then the personal goals, skippable
        await pilot.press("escape")
        await pilot.pause()
        current_screen(app, DashboardScreen)
        saved = present(app.store.measures.latest())
        assert (saved.peg, saved.sbi, saved.at) == ((7, 6, 5), (4, 2, 1, 5), clock.now())
        assert saved.peg_score == 6.0 and saved.sbi_total == 12


async def test_skip_this_week_is_remembered_for_seven_days(data_dir, clock):
    with_yesterday(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        current_screen(app, DashboardScreen)
        assert app.store.load_settings().weekly_skipped_on == "2026-11-21"
        assert app.store.measures.latest() is None
        clock.advance(6 * 24 * 3600)
        await pilot.press("c", "5", "enter")
        await pilot.pause()
        current_screen(app, DashboardScreen)  # six days later: not yet
        clock.advance(24 * 3600)
        await pilot.press("c", "5", "enter")
        await pilot.pause()
        current_screen(app, WeeklyOfferScreen)  # seven days later: again


async def test_not_now_asks_again_at_the_next_check_in(data_dir, clock):
    with_yesterday(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        current_screen(app, DashboardScreen)
        await pilot.press("c", "4", "enter")
        await pilot.pause()
        current_screen(app, WeeklyOfferScreen)


async def test_no_offer_on_the_first_day_nor_within_a_week_of_answers(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)  # first day of use
        app.store.measures.add(measures(clock.now()))
        clock.advance(3 * 24 * 3600)
        await pilot.press("c", "6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)  # answered 3 days ago


async def test_editing_from_the_journal_does_not_offer(data_dir, clock):
    with_yesterday(data_dir, clock)
    app = build_app(data_dir, clock, initial="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # opens the selected entry to edit
        await pilot.pause()
        current_screen(app, CheckinScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        current_screen(app, JournalScreen)


async def test_enter_moves_to_the_next_unanswered_and_scales_stop_at_six(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(WeeklyMeasuresScreen())
        await pilot.pause()
        screen = app.screen
        scales = list(screen.query(PainScale))
        assert [s.high for s in scales] == [10, 10, 10, 6, 6, 6, 6]
        await pilot.press("1", "0", "enter")
        assert scales[0].value == 10 and screen.focused is scales[1]
        scales[3].focus()
        await pilot.press("7")  # above 6: refused
        assert scales[3].value is None
        await pilot.press("6", "enter")
        assert screen.focused is scales[4]  # the next unanswered after the 4th
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(screen.query_one("#weekly-error").render())
        assert "still open: 2, 3, 5, 6, 7" in error
        assert screen.focused is scales[1]
        assert app.store.measures.latest() is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.store.measures.latest() is None


async def test_a_key_after_the_check_in_is_not_swallowed_by_the_offer(data_dir, clock):
    from companion.screens.screening import ScreeningScreen

    with_yesterday(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6", "enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        assert app.store.load_settings().weekly_skipped_on == ""  # not skipped either


def test_the_dashboards_days_spare_reading_the_oldest_month(data_dir, clock, monkeypatch):
    """The first day of use decides whether the questions may be offered; a check-in
    the caller has already read from before today settles it, and the oldest month
    is read only when they hold none (then the answer is the same as before)."""
    store = with_yesterday(data_dir, clock)
    store.checkins.add(checkin(clock.now() - timedelta(days=400), 4))
    now = clock.now()
    recent = store.checkins.between(now - timedelta(days=30), now)
    today_only = [entry for entry in recent if entry.at.date() == now.date()]
    expected = is_weekly_due(store, now)
    assert expected
    assert is_weekly_due(store, now, today_only) == expected

    def no_reading(month: str) -> None:
        raise AssertionError(f"read the month {month}")

    monkeypatch.setattr(store.checkins, "in_month", no_reading)
    assert is_weekly_due(store, now, recent) == expected
    fresh = Store.open(data_dir.parent / "fresh", clock)
    fresh.checkins.add(checkin(now - timedelta(hours=1), 5))  # the first day of use
    assert not is_weekly_due(fresh, now, fresh.checkins.between(now - timedelta(days=30), now))
