"""One short lesson: its text, then its sources. Opening it marks it read, so
the dashboard offers the next one (the same as ``companion lesson``).

Opened with ``r`` from the dashboard (today's lesson) or from the library,
where lessons are listed as their own kind.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown, Static

from companion.core.content.lessons import Lesson
from companion.core.content.library import Library
from companion.programme import mark_lesson_read
from companion.screens.article import sources_section
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.footer import KeysFooter

__all__ = ["LessonScreen", "lesson_document"]


def lesson_document(lesson: Lesson, library: Library | None) -> str:
    """The lesson's Markdown: its text, then its sources (as ids when the library is unknown)."""
    parts = [lesson.body.strip()]
    listed = sources_section(library, lesson.sources) if library is not None else []
    if not listed:
        listed = ["## Sources", "\n".join(f"- {source}" for source in lesson.sources)]
    parts.extend(listed)
    return "\n\n".join(parts) + "\n"


class LessonScreen(CompanionScreen[None]):
    """A lesson, read with the keyboard; escape goes back."""

    DEFAULT_CSS = stylesheet("lesson")

    HELP_TITLE = "Lesson"

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        """The lesson shown."""

    def compose(self) -> ComposeResult:
        lesson = self.lesson
        library = self.guarded(lambda: self.companion.library)
        yield Header()
        with VerticalScroll(id="lesson"):
            yield Static(
                f"[b]{escape(lesson.title)}[/b]   [dim]lesson {lesson.number} · "
                f"topic: {escape(lesson.topic)}[/dim]",
                id="lesson-title",
            )
            yield Markdown(lesson_document(lesson, library), id="lesson-body", open_links=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self.query_one("#lesson", VerticalScroll).focus()

    def show_data(self) -> None:
        self.guarded(
            lambda: mark_lesson_read(self.store, self.lesson.id, self.companion.save_settings)
        )

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Web addresses are shown and offered to the clipboard, never opened."""
        event.stop()
        event.prevent_default()
        self.app.open_url(event.href)
