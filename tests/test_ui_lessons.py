"""Pilot tests of lessons in the app: r on the dashboard reads today's lesson
(its sources listed, then remembered as read), and the library lists and finds
lessons as their own kind."""

from __future__ import annotations

from textual.widgets import DataTable, Markdown, Static

from companion.screens.dashboard import DashboardScreen
from companion.screens.lesson import LessonScreen
from companion.screens.library import LibraryScreen
from companion.store import Store
from companion.widgets.programme_card import ProgrammeCard
from tests.ui import build_app, current_screen


def rows(app) -> list[str]:
    return [row.value for row in app.screen.query_one(DataTable).rows]


def markdown_text(screen: LessonScreen) -> str:
    return screen.query_one(Markdown).source


async def test_r_reads_todays_lesson_with_its_sources_and_offers_the_next(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.lesson.id == "what-sciatica-is"
        assert "What sciatica is" in str(screen.query_one("#lesson-title", Static).render())
        text = markdown_text(screen)
        assert "## Sources" in text
        assert "Low back pain and sciatica in over 16s" in text  # the source's title, not its id
        assert app.store.load_settings().lessons_read == "what-sciatica-is"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        card = app.screen.query_one(ProgrammeCard)
        assert str(card.render()) == "Lesson: Why movement helps (r: read it)"
        await pilot.press("r")
        await pilot.pause()
        assert current_screen(app, LessonScreen).lesson.id == "movement-helps"
        assert app.store.load_settings().lessons_read == "what-sciatica-is,movement-helps"


async def test_reading_a_lesson_twice_remembers_it_once(data_dir, clock):
    app = build_app(data_dir, clock)
    app.store.update_settings(lessons_read="pacing")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l", "k", "k", "k")  # lessons only
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.get_cell("lesson:pacing", "whose") == "read"
        table.move_cursor(row=table.get_row_index("lesson:pacing"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.store.load_settings().lessons_read == "pacing"


async def test_the_library_lists_lessons_as_their_own_kind(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        everything = rows(app)
        assert everything[0] == "inversion"  # articles first
        assert everything[-1] == "lesson:the-trend-not-the-day"  # lessons after, in course order
        await pilot.press("k", "k", "k")
        await pilot.pause()
        assert "Kind: lessons" in str(app.screen.query_one("#library-kind", Static).render())
        lessons = rows(app)
        assert len(lessons) == 47 and all(key.startswith("lesson:") for key in lessons)
        preview = str(app.screen.query_one("#library-preview", Static).render())
        assert "What sciatica is" in preview and "lesson on sciatica" in preview
        await pilot.press("k")
        await pilot.pause()
        assert rows(app) == everything


async def test_search_finds_a_lesson_and_enter_opens_it(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"good day trap")
        await pilot.pause()
        assert rows(app) == ["lesson:the-good-day-trap"]
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.title == "The good-day trap"
        assert app.store.load_settings().lessons_read == "the-good-day-trap"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        assert table.get_cell("lesson:the-good-day-trap", "whose") == "read"


async def test_a_web_address_in_a_lesson_is_copied_never_opened(data_dir, clock, monkeypatch):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        screen.post_message(Markdown.LinkClicked(screen.query_one(Markdown), "https://x.example"))
        await pilot.pause()
        assert copied == ["https://x.example"]
        assert isinstance(app.screen, LessonScreen)


async def test_r_opens_the_lesson_the_card_offers_even_if_another_session_read_it(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Lesson: What sciatica is" in str(app.screen.query_one("#programme").render())
        Store.open(data_dir, clock).update_settings(lessons_read="what-sciatica-is")
        await pilot.press("r")
        await pilot.pause()
        assert current_screen(app, LessonScreen).lesson.id == "what-sciatica-is"
