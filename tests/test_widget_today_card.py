"""The dashboard's Today card on its own, and on the dashboard: set its
reactives, read what it renders."""

from __future__ import annotations

from datetime import timedelta

from companion.store import Store
from companion.widgets.today_card import TodayCard
from tests.store_helpers import checkin, session
from tests.ui import WidgetApp, build_app

THERAPIES = {"sciatica-basics": "stretching", "inversion-session": "inversion"}


async def test_inversion_sessions_are_counted_apart_from_stretches(clock):
    now = clock.now()
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.therapy_of = THERAPIES
        card.sessions = (
            session(now, routine="inversion-session"),
            session(now, routine="inversion-session", completed_steps=1, aborted=True),
            session(now),
        )
        await pilot.pause()
        lines = app.text_of("#today").splitlines()
        assert "Stretch sessions: 1 of 2 done today, 1 to go" in lines
        assert "Inversion: 1 session done today, 1 stopped early" in lines


async def test_the_goal_reached_and_no_inversion_line_without_inversion(clock):
    now = clock.now()
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.therapy_of = THERAPIES
        card.target = 1
        card.sessions = (session(now),)
        await pilot.pause()
        text = app.text_of("#today")
        assert "Stretch sessions: 1 done today, goal of 1 reached" in text
        assert "Inversion" not in text


async def test_the_last_note_is_one_plain_line_with_control_characters_shown(clock):
    now = clock.now()
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.today = now.date()
        card.checkins = (checkin(now, 4),)
        card.last_note = checkin(now - timedelta(days=1), 4, note="[b]sore\x1b[2J\n" + "x" * 80)
        await pilot.pause()
        lines = app.text_of("#today").splitlines()
        assert lines[0].startswith("1 check-in, last pain 4/10")
        note = lines[1]
        assert note.startswith("Last note (yesterday): [b]sore␛[2J x")
        assert "\x1b" not in note and note.endswith("…")
        assert len(note) == card.content_size.width  # cut to the card, on one line


async def test_the_note_line_follows_the_card_when_the_terminal_narrows(clock):
    now = clock.now()
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.today = now.date()
        card.last_note = checkin(now, 4, note="long " * 30)
        await pilot.pause()
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        note = app.text_of("#today").splitlines()[1]
        width = card.content_size.width
        assert width <= 50 and note.endswith("…")
        assert width - 5 <= len(note) <= width  # cut at a word, to the narrower card


async def test_the_weekly_state_is_a_line_of_its_own(clock):
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.weekly = "Weekly questions: due at your next check-in"
        await pilot.pause()
        assert app.text_of("#today").splitlines()[-1] == card.weekly
        assert app.text_of("#today").startswith("No check-in yet: press c")


async def test_the_dashboard_tells_inversion_from_stretching(data_dir, clock):
    store = Store.open(data_dir, clock)
    now = clock.now()
    store.sessions.add(session(now.replace(hour=2), routine="inversion-session"))
    store.checkins.add(checkin(now - timedelta(days=3), 6, note="Walked to the shops"))
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = app.screen.query_one("#today", TodayCard).render().plain
        assert "Stretch sessions: 0 of 2 done today, 2 to go" in text
        assert "Inversion: 1 session done today" in text
        assert "Last note (3 days ago): Walked to the shops" in text
        assert "Weekly questions: due at your next check-in" in text
        assert "Next routine: Sciatica basics · t" in text


async def test_the_next_routine_shows_while_the_goal_is_not_reached(clock):
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.target = 1
        card.next_routine = "Evening [b]set"
        await pilot.pause()
        assert "Next routine: Evening [b]set · t" in app.text_of("#today")
        card.therapy_of = THERAPIES
        card.sessions = (session(clock.now()),)
        await pilot.pause()
        assert "Next routine" not in app.text_of("#today")


async def test_sessions_are_not_called_stretches_before_the_library_is_read(clock):
    app = WidgetApp(TodayCard(id="today"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(TodayCard)
        card.sessions = (session(clock.now(), routine="inversion-session"),)
        await pilot.pause()
        shown = app.text_of("#today")
        assert "Stretch sessions" not in shown
        assert "1 session logged today" in shown
        card.therapy_of = THERAPIES
        await pilot.pause()
        assert "Inversion: 1 session done today" in app.text_of("#today")
