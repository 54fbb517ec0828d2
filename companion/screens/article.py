"""One article of the library: what your screening says about it first, then
the summary, the evidence beside the claims, the text, related articles and
sources.

Links never leave the app: ``article:ID`` opens that article over this one
(escape comes back), and a web address is copied to the clipboard (OSC 52)
and shown, never opened, because the companion often runs on another computer
over SSH. ``]`` and ``[`` jump between headings, ``o`` lists them, ``f`` lists
every link, ``t`` starts the article's routine in the timer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape as escape_content
from textual.widgets import Header, Markdown, Static

from companion.commands import Command
from companion.core.content.library import Article, Library
from companion.core.glyphs import glyph
from companion.core.screening.verdicts import therapy_advice
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.choose import ChoiceScreen
from companion.widgets.footer import KeysFooter
from companion.widgets.urgency_banner import UrgencyBanner
from companion.widgets.verdict import VerdictBanner

__all__ = ["ArticleScreen", "article_document", "sources_section"]

_WEB_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")


def article_document(article: Article, library: Library) -> str:
    """The Markdown shown under the evidence: the body (web addresses written out),
    then related articles and sources as their own headings."""
    body = _WEB_LINK.sub(lambda hit: f"{hit[0]} (<{hit[2]}>)", article.body.strip())
    parts = [body]
    related = [library.articles[i] for i in article.related if i in library.articles]
    if related:
        parts.append("## Related articles")
        parts.append("\n".join(f"- [{r.title}](article:{r.id}) ({r.kind})" for r in related))
    parts.extend(sources_section(library, article.sources))
    return "\n\n".join(parts) + "\n"


def sources_section(library: Library, ids: Iterable[str]) -> list[str]:
    """A ``## Sources`` heading and its list, as Markdown parts (none if no source is known)."""
    sources = [library.sources[i] for i in ids if i in library.sources]
    if not sources:
        return []
    lines = []
    for source in sources:
        year = f", {source.year}" if source.year else ", undated"
        where = f" <{source.url}>" if source.url else ""
        author = f"{source.author}. " if source.author else ""
        lines.append(f"- {author}**{source.title}**. {source.publisher}{year}.{where}")
    return ["## Sources", "\n".join(lines)]


@dataclass(frozen=True, slots=True)
class Section:
    """A place ``[``, ``]`` and the contents jump to."""

    name: str
    block_id: str
    """The heading block's id, or ``""`` for the top of the article."""


class ArticleScreen(CompanionScreen[None]):
    """A therapy or exercise article, read with the keyboard."""

    DEFAULT_CSS = stylesheet("article")

    HELP_TITLE = "Article"
    HORIZONTAL_BREAKPOINTS = [*CompanionScreen.HORIZONTAL_BREAKPOINTS, (120, "-wide")]
    """Wide terminals show the evidence side by side, narrower ones stacked."""
    COMMANDS_HERE = (
        Command(
            "article-next",
            "right_square_bracket",
            "next_section",
            "Next heading",
            "Jump to the next heading.",
            footer=False,
            key_display="]",
        ),
        Command(
            "article-previous",
            "left_square_bracket",
            "previous_section",
            "Previous heading",
            "Jump to the previous heading.",
            footer=False,
            key_display="[",
        ),
        Command(
            "article-timer",
            "t",
            "start_timer",
            "Timer",
            "Start this article's routine in the timer (asks first if your screening says avoid).",
        ),
        Command(
            "article-no-timer",
            "t",
            "no_routine",
            "Timer",
            "This article has no routine: t says so rather than leaving it.",
            footer=False,
            palette=False,
        ),
        Command(
            "article-contents",
            "o",
            "contents",
            "Contents",
            "List the headings and jump to one (] and [ also step through them).",
        ),
        Command(
            "article-links",
            "f",
            "links",
            "Links",
            "List the links: open a related article here, or copy a web address "
            "(a browser is never opened).",
        ),
    )

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id
        """The id of the article shown."""

    @property
    def article(self) -> Article:
        return self.companion.library.article(self.article_id)

    def compose(self) -> ComposeResult:
        library = self.companion.library
        article = library.article(self.article_id)
        latest = self.guarded(self.store.screenings.latest)
        advice = therapy_advice(article.therapy, latest, library.rules)
        whose = " · [b]yours[/b] (from your own files)" if article.source == "user" else ""
        evidence = article.evidence
        yield Header()
        yield UrgencyBanner(latest, id="article-urgency")
        with VerticalScroll(id="article"):
            yield Static(
                f"[b]{escape(article.title)}[/b]   [dim]kind: {article.kind}{whose}[/dim]",
                id="article-title",
            )
            yield VerdictBanner(advice, id="article-verdict")
            yield Static(escape(article.summary), id="article-summary")
            with Vertical(id="evidence", classes="card") as box:
                box.border_title = f"Evidence: {escape(evidence.shown_label)}"
                yield Static(f"[b]Guidelines say[/b]\n{escape(evidence.guidelines)}")
                yield Static(f"[b]Trials found[/b]\n{escape(evidence.trials)}")
                yield Static(f"[b]Enthusiasts claim[/b]\n{escape(evidence.claims)}")
            yield Markdown(article_document(article, library), id="article-body", open_links=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.article.title
        self.query_one("#article", VerticalScroll).focus()
        self._section = 0
        self._section_scroll: float | None = None

    # Headings -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start_timer", "no_routine"):
            return (self.article.routine is not None) == (action == "start_timer")
        return True

    def sections(self) -> list[Section]:
        """The top of the article, then every heading of the text, in order."""
        toc = self.query_one(Markdown).table_of_contents
        return [Section("Top: summary and evidence", "")] + [
            Section(name, block_id or "") for level, name, block_id in toc if level <= 3
        ]

    def _offset_of(self, section: Section) -> int:
        if not section.block_id:
            return 0
        body = self.query_one(Markdown)
        return body.virtual_region.y + body.query_one(f"#{section.block_id}").virtual_region.y

    def current_section(self) -> int:
        """The index of the section at the top of the view (or the last one jumped to)."""
        scroll = self.query_one("#article", VerticalScroll)
        if self._section_scroll is not None and scroll.scroll_y == self._section_scroll:
            return self._section
        sections = self.sections()
        above = [i for i, s in enumerate(sections) if self._offset_of(s) <= scroll.scroll_y]
        return above[-1] if above else 0

    def jump_to(self, index: int) -> None:
        """Scroll so that section ``index`` is at the top and name it in the header."""
        sections = self.sections()
        index = max(0, min(index, len(sections) - 1))
        section = sections[index]
        scroll = self.query_one("#article", VerticalScroll)
        scroll.scroll_to(y=self._offset_of(section), animate=False, immediate=True)
        self._section, self._section_scroll = index, scroll.scroll_y
        self.sub_title = f"{self.article.title} › {section.name}"

    def action_next_section(self) -> None:
        self.jump_to(self.current_section() + 1)

    def action_previous_section(self) -> None:
        self.jump_to(self.current_section() - 1)

    def action_contents(self) -> None:
        sections = self.sections()
        choices = [(str(i), escape_content(s.name)) for i, s in enumerate(sections)]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.jump_to(int(choice))

        self.app.push_screen(
            ChoiceScreen("Contents", choices, "enter jumps there · ] and [ step through headings"),
            chosen,
        )

    # Links --------------------------------------------------------------------

    def links(self) -> list[tuple[str, str]]:
        """Every link of the article as (address, words): articles first, then the web."""
        library = self.companion.library
        article = self.article
        found: dict[str, str] = {}
        for other_id in (*article.linked_articles(), *article.related):
            other = library.articles.get(other_id)
            if other is not None:
                found.setdefault(
                    f"article:{other_id}", f"{glyph('to')} {other.title} ({other.kind})"
                )
        for text, url in _WEB_LINK.findall(article.body):
            found.setdefault(url, f"⧉ {text}: {url}")
        for source_id in article.sources:
            source = library.sources.get(source_id)
            if source is not None and source.url:
                found.setdefault(source.url, f"⧉ {source.title}: {source.url}")
        return list(found.items())

    def action_links(self) -> None:
        links = self.links()
        if not links:
            self.notify("This article has no links.")
            return
        choices = [(href, escape_content(words)) for href, words in links]
        self.app.push_screen(
            ChoiceScreen(
                "Links",
                choices,
                "enter: → opens the article here, ⧉ copies the address "
                "(never opens a browser) · esc closes",
            ),
            lambda href: self.follow(href) if href else None,
        )

    def follow(self, href: str) -> None:
        """Open an ``article:ID`` link here; copy anything else (never open a browser)."""
        href = href.strip()
        if href.startswith("article:"):
            target = href.removeprefix("article:")
            if target in self.companion.library.articles:
                self.app.push_screen(ArticleScreen(target))
            else:
                missing = f"There is no article called {target!r}."
                self.notify(missing, severity="error", markup=False)
        elif href.startswith("#") and self.query_one(Markdown).goto_anchor(href[1:]):
            return
        else:
            self.copy_link(href)

    def copy_link(self, url: str) -> None:
        """Show ``url`` and offer it to the clipboard; the companion never opens a browser."""
        self.app.open_url(url)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        event.prevent_default()
        self.follow(event.href)

    # Timer --------------------------------------------------------------------

    def action_start_timer(self) -> None:
        """Open the article's routine in the timer; an avoid verdict asks for an override first."""
        routine_id = self.article.routine
        if routine_id is not None:
            self.companion.start_routine(routine_id)

    def action_no_routine(self) -> None:
        self.notify(
            "This article has no routine to time. The timers screen is on t from the "
            "dashboard, journal and library.",
            markup=False,
        )
