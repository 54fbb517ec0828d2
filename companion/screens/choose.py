"""A short list to pick one item from, as a dialog (an article's contents, its links)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.commands import Command
from companion.screens.base import CompanionModal, stylesheet
from companion.widgets.marks import MarkedOptionList

__all__ = ["ChoiceScreen"]


class ChoiceScreen(CompanionModal[str | None]):
    """Pick one of ``choices`` (id, words); dismisses with its id, or None on escape."""

    DEFAULT_CSS = stylesheet("choose")

    COMMANDS_HERE = (
        Command("choice-pick", "enter", "pick", "Choose", "Choose the highlighted item."),
        Command("choice-close", "escape", "close", "Close", "Close without choosing."),
    )

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        """The dialog's heading."""
        self.choices = choices
        """(id, words) pairs, in order."""
        self.hint = hint
        """One line under the list, e.g. what choosing does."""

    def compose(self) -> ComposeResult:
        with Vertical(id="choice", classes="dialog"):
            yield Static(f"[b]{self.title_text}[/b]", id="choice-title")
            yield MarkedOptionList(*(Option(words, id=choice) for choice, words in self.choices))
            if self.hint:
                yield Static(self.hint, classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_close(self) -> None:
        self.dismiss(None)
