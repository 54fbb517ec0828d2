"""Pilot tests of the library and article screens: search, kind filter,
verdict badges, the user's own articles, headings, and links that stay inside
the app (web addresses are copied, never opened)."""

from __future__ import annotations

import io
import webbrowser
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Markdown, OptionList, Static

from companion.core.content.library import load_library
from companion.core.ids import new_id
from companion.core.screening.engine import evaluate
from companion.screens.article import ArticleScreen
from companion.screens.choose import ChoiceScreen
from companion.screens.library import LibraryScreen
from companion.widgets.verdict import VerdictBanner
from tests.store_helpers import present
from tests.test_content import USER_ARTICLE
from tests.ui import build_app, current_screen, notifications, options

NICE = "https://www.nice.org.uk/guidance/ng59"


def rows(app) -> list[str]:
    return [row.value for row in app.screen.query_one(DataTable).rows]


def article_rows(app) -> list[str]:
    """The rows that are articles (lessons follow them, keyed ``lesson:ID``)."""
    return [key for key in rows(app) if not key.startswith("lesson:")]


def verdict_cells(app) -> dict[str, str]:
    table = app.screen.query_one(DataTable)
    return {key: str(table.get_cell(key, "verdict")) for key in article_rows(app)}


def text_of(widget: Static) -> str:
    return str(widget.render())


def banner_text(banner: VerdictBanner) -> str:
    """The banner's words, wrapped as on an 80-column screen."""
    console = Console(width=76, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(banner.content)
    return " ".join(captured.get().split())


def screen_with_glaucoma(app, clock) -> None:
    """Save a finished screening: glaucoma yes, everything else no."""
    rules = load_library().rules
    answers = {question_id: "no" for question_id in rules.question_ids}
    answers["glaucoma-or-retina"] = "yes"
    app.store.screenings.add(evaluate(rules, answers).to_record(new_id(clock.now()), clock.now()))


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail loudly if anything tries to open a browser; returns the attempts."""
    attempts: list[str] = []

    def refuse(url: str, *args: object, **kwargs: object) -> bool:
        attempts.append(url)
        raise AssertionError(f"tried to open a browser on {url}")

    monkeypatch.setattr(webbrowser, "open", refuse)
    monkeypatch.setattr(webbrowser, "open_new_tab", refuse)
    return attempts


async def test_search_narrows_the_list_and_opens_an_article(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        current_screen(app, LibraryScreen)
        assert rows(app)[:4] == ["inversion", "decompression", "massage", "stretching"]
        await pilot.press("slash")
        assert app.screen.query_one("#library-search", Input).has_focus
        await pilot.press(*"glaucoma")
        await pilot.pause()
        assert rows(app) == ["inversion"]
        preview = text_of(app.screen.query_one("#library-preview", Static))
        assert "Found" in preview and "glaucoma" in preview
        await pilot.press("enter")
        assert app.screen.query_one(DataTable).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert current_screen(app, ArticleScreen).article_id == "inversion"


async def test_search_for_nothing_says_so_and_escape_leaves_the_box(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzyzx")
        await pilot.pause()
        assert rows(app) == []
        status = text_of(app.screen.query_one("#library-status", Static))
        assert "Nothing matches “zzyzx”" in status
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert isinstance(app.focused, DataTable)
        await pilot.press("enter")  # nothing to open: stays put
        assert isinstance(app.screen, LibraryScreen)


async def test_kind_filter_cycles_all_therapies_exercises_lessons(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        kind = app.screen.query_one("#library-kind", Static)
        await pilot.press("k")
        assert rows(app) == ["inversion", "decompression", "massage", "stretching"]
        assert "therapies" in text_of(kind)
        await pilot.press("k")
        assert rows(app) == ["knee-to-opposite-shoulder", "piriformis-figure-4"]
        assert "exercises" in text_of(kind)
        await pilot.press("k")
        assert "lessons" in text_of(kind)
        assert len(rows(app)) == 47
        await pilot.press("k")
        assert len(rows(app)) == 6 + 47


async def test_verdict_badges_after_a_screening(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert set(verdict_cells(app).values()) == {"? not screened"}
        screen_with_glaucoma(app, clock)
        await pilot.press("d", "l")  # leaving and coming back reads the new screening
        await pilot.pause()
        badges = verdict_cells(app)
        assert badges["inversion"] == "✗ AVOID"
        assert badges["decompression"] == "✓ OK"
        assert badges["piriformis-figure-4"] == "✓ OK"  # exercises follow stretching
        status = text_of(app.screen.query_one("#library-status", Static))
        assert "Verdicts from your screening of 21 Nov 2026" in status


async def test_avoid_is_shown_at_the_top_of_the_article_with_reasons(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    screen_with_glaucoma(app, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        banner = app.screen.query_one(VerdictBanner)
        assert banner.has_class("-avoid")
        assert "AVOID" in str(banner.border_title)
        words = banner_text(banner)
        assert "• You said yes (glaucoma" in words
        assert "Please don't try it on your own" in words
        scroll = app.screen.query_one("#article")
        first = scroll.children[0]
        assert banner.region.y < scroll.query_one("#article-summary").region.y
        assert first.id == "article-title"  # then straight away the verdict


async def test_not_screened_article_says_to_screen_first(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        banner = app.screen.query_one(VerdictBanner)
        assert "not screened" in str(banner.border_title)
        assert "press s" in banner_text(banner)


async def test_follow_an_internal_link_and_back(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        inversion = app.screen
        body = inversion.query_one(Markdown)
        # A click on "[stretching and exercise](article:stretching)" in the text:
        body.post_message(Markdown.LinkClicked(body, "article:stretching"))
        await pilot.pause()
        assert current_screen(app, ArticleScreen).article_id == "stretching"
        await pilot.press("escape")
        assert app.screen is inversion
        # The same from the keyboard: f lists the links, articles first.
        await pilot.press("f")
        await pilot.pause()
        current_screen(app, ChoiceScreen)
        options = app.screen.query_one(OptionList)
        first = options.get_option_at_index(0)
        assert first.id == "article:stretching"
        await pilot.press("enter")
        await pilot.pause()
        assert current_screen(app, ArticleScreen).article_id == "stretching"
        await pilot.press("escape", "escape")
        current_screen(app, LibraryScreen)


async def test_web_links_are_copied_and_never_open_a_browser(data_dir, clock, no_browser):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        article = app.screen
        body = article.query_one(Markdown)
        body.post_message(Markdown.LinkClicked(body, NICE))
        await pilot.pause()
        assert app.screen is article
        assert app.clipboard == NICE
        notes = [(n.title, n.message) for n in notifications(app)]
        assert any(title.startswith("Web address") and NICE in message for title, message in notes)
        # From the links list: the sources' addresses are listed and copied.
        app.copy_to_clipboard("")
        await pilot.press("f")
        await pilot.pause()
        ids = [o.id for o in options(app.screen.query_one(OptionList))]
        assert NICE in ids
        app.screen.query_one(OptionList).highlighted = ids.index(NICE)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is article
        assert app.clipboard == NICE
        # Even Textual's own "open this URL" path only copies.
        app.open_url("https://example.org/")
        assert app.clipboard == "https://example.org/"
    assert no_browser == []


async def test_sources_show_their_web_addresses(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        document = app.screen.query_one(Markdown).source
        assert "## Sources" in document
        assert f"<{NICE}>" in document
        assert "## Related articles" in document


async def test_headings_navigation_from_the_keyboard(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        scroll = app.screen.query_one("#article")
        await pilot.press("right_square_bracket")
        assert present(app.screen.sub_title).endswith("› Who it may help")
        first_y = scroll.scroll_y
        assert first_y > 0
        await pilot.press("right_square_bracket")
        assert present(app.screen.sub_title).endswith("› How to do it")
        assert scroll.scroll_y > first_y
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert scroll.scroll_y == 0
        await pilot.press("o")
        await pilot.pause()
        names = [str(o.prompt) for o in options(app.screen.query_one(OptionList))]
        assert names[0].startswith("Top")
        assert "Stop if" in names and names[-1] == "Sources"
        app.screen.query_one(OptionList).highlighted = names.index("Stop if")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert present(app.screen.sub_title).endswith("› Stop if")
        assert scroll.scroll_y > first_y


async def test_user_article_is_marked_yours(data_dir, clock):
    config = Path(__import__("os").environ["COMPANION_CONFIG_DIR"])
    (config / "articles").mkdir(parents=True)
    (config / "articles" / "my-walk.md").write_text(USER_ARTICLE, "utf-8")
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert article_rows(app)[-1] == "my-walk"
        assert table.get_cell("my-walk", "whose") == "yours"
        assert table.get_cell("inversion", "whose") == ""
        await pilot.press("slash", *"evening walk", "enter", "enter")
        await pilot.pause()
        assert current_screen(app, ArticleScreen).article_id == "my-walk"
        assert "yours" in text_of(app.screen.query_one("#article-title", Static))


async def test_a_damaged_user_file_is_left_out_and_named(data_dir, clock):
    config = Path(__import__("os").environ["COMPANION_CONFIG_DIR"])
    (config / "articles").mkdir(parents=True)
    (config / "articles" / "broken.md").write_text("---\nid: broken\ntitle: [oops\n---\n", "utf-8")
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(article_rows(app)) == 6
        messages = [f"{n.title} {n.message}" for n in notifications(app)]
        assert any("left out" in m and "broken.md" in m for m in messages)


async def test_start_timer_opens_the_articles_routine(data_dir, clock, monkeypatch):
    from companion.screens.pain_question import PainQuestion
    from companion.screens.timer_run import TimerRunScreen

    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"figure 4", "enter", "enter")
        await pilot.pause()
        assert current_screen(app, ArticleScreen).article_id == "piriformis-figure-4"
        await pilot.press("t")
        await pilot.pause()
        current_screen(app, PainQuestion)
        await pilot.press("escape")
        await pilot.pause()
        assert current_screen(app, TimerRunScreen).routine.id == "sciatica-basics"


async def test_start_timer_on_an_avoid_therapy_asks_for_an_override(data_dir, clock):
    from companion.screens.override import OverrideScreen

    app = build_app(data_dir, clock, initial="library")
    screen_with_glaucoma(app, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "t")
        await pilot.pause()
        current_screen(app, OverrideScreen)
        await pilot.press("n")
        await pilot.pause()
        current_screen(app, ArticleScreen)
        assert app.store.sessions.latest() is None


async def test_no_timer_key_without_a_routine(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert current_screen(app, ArticleScreen).article_id == "decompression"
        actions = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "start_timer" not in actions
        assert "links" in actions


async def test_a_problem_quoting_markup_is_shown_without_crashing(data_dir, clock):
    config = Path(__import__("os").environ["COMPANION_CONFIG_DIR"])
    (config / "routines").mkdir(parents=True)
    (config / "routines" / "odd.yaml").write_text(
        'id: odd\ntitle: Odd\ntherapy: stretching\nsummary: "x"\nsteps:\n'
        '  - exercise: "[/x]"\n    hold: 30\n',
        "utf-8",
    )
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        messages = [n.message for n in notifications(app)]
        assert any("[/x]" in m for m in messages)


async def test_a_stretch_label_says_its_evidence_is_for_exercise_in_general(data_dir, clock):
    app = build_app(data_dir, clock, initial="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=rows(app).index("piriformis-figure-4"))
        await pilot.pause()
        preview = " ".join(text_of(app.screen.query_one("#library-preview", Static)).split())
        assert "evidence: some evidence (for exercise and stretching in general)" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        box = app.screen.query_one("#evidence")
        assert (
            box.border_title == "Evidence: some evidence (for exercise and stretching in general)"
        )
