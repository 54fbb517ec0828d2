"""The therapy library: every therapy and exercise with what your latest
screening says about it, and the short lessons; word search over titles and
text, and a kind filter.

The list keeps the focus so the global one-letter keys keep working; ``/``
moves to the search box, where typing narrows the list at once, and enter or
escape comes back to the list.
"""

from __future__ import annotations

from rich.markup import escape
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Static

from companion.commands import Command
from companion.core.content.catalogue import (
    LessonMatch,
    Match,
    find_articles,
    find_lessons,
    next_kind,
)
from companion.core.content.lessons import Lesson
from companion.core.content.library import Article, Library
from companion.core.glyphs import glyph
from companion.core.records import ScreeningRecord
from companion.core.screening.verdicts import (
    current_verdicts,
    unfinished_note,
    verdict_label,
)
from companion.programme import installed_lessons, lessons_read
from companion.screens.article import ArticleScreen
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.lesson import LessonScreen
from companion.widgets.fitted_table import FittedTable
from companion.widgets.footer import KeysFooter
from companion.widgets.urgency_banner import UrgencyBanner

__all__ = ["KIND_NAMES", "LibraryScreen"]

PREVIEW_CHARS = 150
"""About two lines of the summary under the list; enter reads the rest."""

KIND_NAMES = {"all": "all", "therapy": "therapies", "exercise": "exercises", "lesson": "lessons"}
"""How each kind filter is named on screen."""


def _lesson_key(lesson: Lesson) -> str:
    """A lesson's row key (articles use their id, which a lesson's may repeat)."""
    return f"lesson:{lesson.id}"


def _clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" if cut."""
    if len(text) <= limit:
        return text
    more = glyph("ellipsis")
    return text[: text.rfind(" ", 0, limit - len(more))].rstrip(" ,;:") + more


class LibraryScreen(CompanionScreen[None]):
    """Therapies and exercises, each with your verdict beside its name, then the lessons."""

    DEFAULT_CSS = stylesheet("library")

    HELP_TITLE = "Library"
    COMMANDS_HERE = (
        Command("library-open", "enter", "open", "Open", "Read the highlighted article."),
        Command(
            "library-search",
            "slash",
            "focus_search",
            "Search",
            "Search titles and text: type words; enter or escape goes back to the list.",
            key_display="/",
        ),
        Command(
            "library-kind",
            "k",
            "cycle_kind",
            "Kind",
            "Show everything, then therapies only, exercises only, lessons only.",
        ),
        Command(
            "library-back",
            "escape",
            "back",
            "Back",
            "Leave the search box for the list; from the list, go back.",
            footer=False,
            palette=False,
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.kind = "all"
        """The kind filter: ``all``, ``therapy``, ``exercise`` or ``lesson``."""
        self.matches: list[Match | LessonMatch] = []
        """What the list shows, in order: articles, then lessons."""
        self._lessons: list[Lesson] | None = None
        self._read: set[str] = set()
        self._verdicts: dict[str, str] = {}
        self._screening: ScreeningRecord | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield UrgencyBanner(id="library-urgency")
        with Horizontal(id="library-bar"):
            yield Input(placeholder="search titles and text  (/)", id="library-search")
            yield Static(id="library-kind")
        # On a narrow terminal the title gives up width, then the kind: the verdict stays.
        table = FittedTable(
            squeeze=("title", "kind"),
            least=12,
            id="library-table",
            cursor_type="row",
            zebra_stripes=True,
        )
        table.add_column("Title", key="title")
        table.add_column("Your verdict", key="verdict")
        table.add_column("Kind", key="kind")
        table.add_column("", key="whose")
        yield table
        yield Static(id="library-preview")
        yield Static(id="library-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(DataTable).focus()
        self._show_kind()
        # The verdict colours come from the theme; redraw them when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_list())
        if self.guarded(lambda: self.companion.library) and self.companion.content_problems:
            count = len(self.companion.content_problems)
            first = self.companion.content_problems[0]
            self.notify(
                f"{first}\nRun `companion content check` to see "
                f"{'it' if count == 1 else f'all {count}'}.",
                title="Some of your own files were left out",
                severity="warning",
                timeout=10,
                markup=False,  # it quotes the user's file
            )

    def show_data(self) -> None:
        self._screening = self.guarded(self.store.screenings.latest)
        self._verdicts = current_verdicts(self._screening)
        self.query_one(UrgencyBanner).screening = self._screening
        if self._lessons is None:
            self._lessons = installed_lessons()
        settings = self.guarded(self.store.load_settings)
        self._read = set(lessons_read(settings.lessons_read)) if settings else set()
        self.refresh_list()

    @property
    def library(self) -> Library | None:
        return self.guarded(lambda: self.companion.library)

    # The list -----------------------------------------------------------------

    def refresh_list(self) -> None:
        """Search again with the words typed and the kind chosen; keep the cursor's article."""
        library = self.library
        if library is None:
            return
        table = self.query_one(DataTable)
        keep = self._highlighted_key()
        query = self.query_one(Input).value
        self.matches = [
            *find_articles(library.articles.values(), query, self.kind),
            *find_lessons(self._lessons or (), query, self.kind),
        ]
        table.clear()
        for match in self.matches:
            if isinstance(match, LessonMatch):
                table.add_row(*self._lesson_cells(match.lesson), key=_lesson_key(match.lesson))
            else:
                table.add_row(*self._cells(match.article), key=match.article.id)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_preview()
        self._show_status(query)

    def _cells(self, article: Article) -> tuple[str | Text, ...]:
        verdict = self._verdicts.get(article.therapy)
        colours = self.app.theme_variables
        style = {
            "avoid": Style(bold=True, color=colours.get("error")),
            "caution": Style(color=colours.get("warning")),
        }.get(verdict or "", Style())
        return (
            escape(article.title),
            Text(verdict_label(verdict), style=style),
            article.kind,
            "yours" if article.source == "user" else "",
        )

    def _lesson_cells(self, lesson: Lesson) -> tuple[str | Text, ...]:
        return (escape(lesson.title), "", "lesson", "read" if lesson.id in self._read else "")

    def highlighted(self) -> Match | LessonMatch | None:
        """The match under the cursor."""
        table = self.query_one(DataTable)
        if table.row_count == 0 or not self.matches:
            return None
        row = table.cursor_row
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def highlighted_article(self) -> Article | None:
        match = self.highlighted()
        return match.article if isinstance(match, Match) else None

    def _highlighted_key(self) -> str | None:
        match = self.highlighted()
        if isinstance(match, LessonMatch):
            return _lesson_key(match.lesson)
        return None if match is None else match.article.id

    def _show_preview(self) -> None:
        preview = self.query_one("#library-preview", Static)
        match = self.highlighted()
        if match is None:
            preview.update("")
            return
        if isinstance(match, LessonMatch):
            lesson = match.lesson
            lines = [f"[b]{escape(lesson.title)}[/b] · lesson on {escape(lesson.topic)}"]
            if match.excerpt:
                lines.append(f"Found: “{escape(match.excerpt)}”")
            else:
                lines.append(escape(_clip(" ".join(lesson.body.split()), PREVIEW_CHARS)))
            preview.update("\n".join(lines))
            return
        article = match.article
        lines = [
            f"[b]{escape(article.title)}[/b] · evidence: {escape(article.evidence.shown_label)}"
        ]
        if match.excerpt:
            lines.append(f"Found: “{escape(match.excerpt)}”")
        else:
            lines.append(escape(_clip(article.summary, PREVIEW_CHARS)))
        preview.update("\n".join(lines))

    def _show_status(self, query: str) -> None:
        status = self.query_one("#library-status", Static)
        shown = len(self.matches)
        if shown == 0:
            what = f"Nothing matches “{escape(query.strip())}”." if query.strip() else "Empty."
            status.update(f"{what} Try fewer words, or k for all kinds.")
            return
        if self._screening is None:
            verdicts = "Not screened yet: press s for the safety screening."
        else:
            library = self.library
            note = unfinished_note(self._screening, library.rules) if library else ""
            note = f" ({note}: press s to finish it)" if note else ""
            verdicts = f"Verdicts from your screening of {self._screening.at:%d %b %Y}{note}."
        status.update(f"{shown} shown. {verdicts}")

    def _show_kind(self) -> None:
        self.query_one("#library-kind", Static).update(f"Kind: [b]{KIND_NAMES[self.kind]}[/b] (k)")

    # Events and commands -----------------------------------------------------

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_preview()

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_open()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_list()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def action_open(self) -> None:
        match = self.highlighted()
        if isinstance(match, LessonMatch):
            self.app.push_screen(LessonScreen(match.lesson))
        elif match is not None:
            self.app.push_screen(ArticleScreen(match.article.id))

    def action_focus_search(self) -> None:
        self.query_one(Input).focus()

    def action_cycle_kind(self) -> None:
        self.kind = next_kind(self.kind)
        self._show_kind()
        self.refresh_list()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
        else:
            self.companion.go_back()
