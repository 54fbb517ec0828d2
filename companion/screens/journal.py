"""The journal: every check-in, newest first, loaded a page at a time so it
opens at once on 50,000 entries. Filter, edit, delete into the trash, restore."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import islice

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Static

from companion.commands import Command
from companion.core.errors import CompanionError
from companion.core.glyphs import glyph
from companion.core.insights.journal import DayFacts, JournalFilter, day_facts
from companion.core.insights.stats import day_bounds
from companion.core.records import CheckIn
from companion.core.untrusted import printable
from companion.core.words import count_of
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.checkin import CheckinScreen
from companion.screens.confirm import ConfirmScreen
from companion.store import command_for
from companion.widgets.footer import KeysFooter

__all__ = ["JournalScreen"]

PAGE_SIZE = 100
"""Rows added at a time; more load as the cursor nears the end."""

WHERE_WIDTH = 14
"""Characters of the areas shown in the list (the preview shows them all)."""
NOTE_MIN = 12
"""The note column is never narrower than this; it takes whatever else is free."""
_FIXED = 12 + 4 + 3 + 4 + WHERE_WIDTH
"""The widths of the columns before the note: when, pain, leg, back, where."""
_DEVICE_WIDTH = 6
"""The "From" column's width, when more than one device wrote this journal."""


def _clip(text: str, width: int) -> str:
    more = glyph("ellipsis")
    return text if len(text) <= width else text[: width - len(more)] + more


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


class JournalScreen(CompanionScreen[None]):
    """Check-ins newest first, or the trash."""

    DEFAULT_CSS = stylesheet("journal")

    HELP_TITLE = "Journal"
    COMMANDS_HERE = (
        Command(
            "journal-open", "enter", "open", "Open", "Open the highlighted check-in to edit it."
        ),
        Command(
            "journal-filter",
            "slash",
            "focus_filter",
            "Filter",
            "Filter by words in the entry (descriptors such as burning included), "
            "or by a score: pain>=7, leg>5, sleep>=6, sitting<30 (minutes).",
            key_display="/",
        ),
        Command(
            "journal-delete", "delete,x", "delete", "Delete", "Move it to the trash (asks first)."
        ),
        Command(
            "journal-trash", "T", "toggle_trash", "Trash", "Show the trash, or back to the journal."
        ),
        Command(
            "journal-restore",
            "r",
            "restore",
            "Restore",
            "Restore the highlighted entry from the trash.",
        ),
        Command(
            "journal-back",
            "escape",
            "back",
            "Back",
            "Leave the filter box, then the trash, then the journal.",
            footer=False,
            palette=False,
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.showing_trash = False
        """Whether the table lists the trash instead of the journal."""
        self._pending: Iterator[CheckIn] = iter(())
        self._exhausted = True
        self._devices: dict[str, str] = {}
        """Device id → name, when more than one device wrote this journal (else empty)."""
        self._note_shown = 0
        """The note column's width when the rows were last made (0: not made yet)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journal-filters"):
            yield Input(placeholder="filter words  (/)", id="filter-text")
            yield Input(placeholder="from YYYY-MM-DD", id="filter-since")
            yield Input(placeholder="to YYYY-MM-DD", id="filter-until")
        yield Static(id="journal-damaged")
        table: DataTable[str] = DataTable(id="journal-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("When", "Pain", "Leg", "Back", "Where", "Note")
        yield table
        yield Static(id="journal-preview")
        yield Static(id="journal-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one(DataTable).focus()
        # The rows are read before the first frame, so the terminal gets the
        # journal complete once rather than empty and then filled in.
        self.show_data()
        self.mark_fresh()

    def show_data(self) -> None:
        self.reload()
        # Reading every month competes with the journal's own painting for the
        # interpreter: it starts once the screen is out.
        self.companion.after_start(self._find_damaged)

    @work(thread=True, exclusive=True, group="damaged")
    def _find_damaged(self) -> None:
        """Name the entries no list can show (dated out of range), in a thread:
        it reads every month of the journal."""
        try:
            damaged = self.store.checkins.damaged()
        except CompanionError:
            return  # the list itself shows the data-error screen for a damaged file
        self.app.call_from_thread(self._show_damaged, damaged)

    def _show_damaged(self, damaged: list[str]) -> None:
        notice = self.query_one("#journal-damaged", Static)
        notice.display = bool(damaged)
        if damaged:
            shown = ", ".join(damaged[:3]) + (", …" if len(damaged) > 3 else "")
            what = "a damaged entry" if len(damaged) == 1 else f"{len(damaged)} damaged entries"
            notice.update(
                Text(
                    printable(
                        f"⚠ {what} — see `{command_for(self.store.data_dir, 'doctor')}` "
                        "(a date out of range; "
                        f"not shown or counted anywhere): {shown}"
                    )
                )
            )

    def on_resize(self) -> None:
        if self._note_shown and self._note_width() != self._note_shown:
            self.reload()  # the note column takes what the new width leaves

    def _note_width(self) -> int:
        """What the note column can show: the width the other columns leave
        (each column has a cell of padding either side; the scrollbar takes 2)."""
        columns = 7 if self._devices else 6
        fixed = _FIXED + (_DEVICE_WIDTH if self._devices else 0) + 2 * columns + 2
        return max(self.app.size.width - fixed, NOTE_MIN)

    # Loading ------------------------------------------------------------------

    def current_filter(self) -> JournalFilter | None:
        """The filter typed in the bar, or None (with a message) if a date is invalid."""
        dates: dict[str, date | None] = {}
        for name in ("since", "until"):
            text = self.query_one(f"#filter-{name}", Input).value.strip()
            try:
                dates[name] = date.fromisoformat(text) if text else None
            except ValueError:
                label = "from" if name == "since" else "to"
                self._status(f"The '{label}' date must look like 2026-11-21.", error=True)
                return None
        text = self.query_one("#filter-text", Input).value
        days = self._day_facts() if text.strip() else {}
        return JournalFilter(text=text, since=dates["since"], until=dates["until"], days=days)

    def _day_facts(self) -> dict[date, DayFacts]:
        """Each day's flare, doses and walks, which the filter's words reach."""
        store = self.store
        facts = self.guarded(
            lambda: day_facts(
                store.flares.iter_all(),
                store.doses.iter_all(),
                store.medicines.iter_all(),
                store.walks.iter_all(),
                self.clock.now(),
            )
        )
        return facts or {}

    def _entries(self, journal_filter: JournalFilter) -> Iterator[CheckIn]:
        repo = self.store.checkins
        zone = self.clock.now().tzinfo
        if self.showing_trash:
            return journal_filter.apply(repo.trashed(), zone)
        if journal_filter.since or journal_filter.until:
            start = day_bounds(journal_filter.since, zone)[0] if journal_filter.since else None
            end = day_bounds(journal_filter.until, zone)[1] if journal_filter.until else None
            return journal_filter.apply(repo.between(start, end), zone)
        return journal_filter.apply(repo.iter_all(), zone)

    def reload(self) -> None:
        """Start the list again from the newest entry, keeping the cursor's entry if it can."""
        journal_filter = self.current_filter()
        table = self.query_one(DataTable)
        keep = self.highlighted_id()
        labels = self.guarded(self.store.device_labels) or {}
        self._devices = labels if len(labels) > 1 else {}
        if self._devices and "from" not in table.columns:
            table.add_column("From", key="from")
        self._note_shown = self._note_width()
        table.clear()
        if journal_filter is None:  # a date that cannot be read: show nothing it did not choose
            self._pending, self._exhausted = iter(()), True
            self._show_preview(None)
            return
        entries = self.guarded(lambda: self._entries(journal_filter))
        if entries is None:
            return
        self._pending, self._exhausted = entries, False
        self.load_more()
        if keep and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_preview(self.highlighted())

    def load_more(self) -> None:
        """Add the next page of rows."""
        if self._exhausted:
            return
        page = self.guarded(lambda: list(islice(self._pending, PAGE_SIZE)))
        if page is None:
            return
        self._exhausted = len(page) < PAGE_SIZE
        table = self.query_one(DataTable)
        listing = self.guarded(self.store.checkins.listing) if self._devices else None
        for entry in page:
            cells = self._cells(entry)
            if "from" in table.columns:
                device = self.store.checkins.origin(entry, listing) if listing else ""
                label = _clip(self._devices.get(device, device), _DEVICE_WIDTH)
                cells += (Text(label, no_wrap=True, end=""),)
            table.add_row(*cells, key=entry.id)
        self._update_status()

    def _cells(self, entry: CheckIn) -> tuple[Text, ...]:
        """One row. Rich Text, not strings: DataTable reads a string as markup,
        which would swallow a note like "[left leg] sore" (and costs a parse)."""
        local = entry.at.astimezone()
        this_year = local.year == self.clock.now().year
        when = local.strftime("%d %b %H:%M" if this_year else "%d %b %Y")  # 12 or 11 wide
        note = " ".join(entry.note.split())
        if entry.for_clinician:
            note = "⚑ " + note
        cells = (
            when,
            str(entry.pain),
            _score(entry.leg),
            _score(entry.back),
            _clip(", ".join(entry.where), WHERE_WIDTH),
            _clip(note, self._note_shown),
        )
        return tuple(Text(printable(cell), no_wrap=True, end="") for cell in cells)

    def _update_status(self) -> None:
        rows = self.query_one(DataTable).row_count
        what = f"{rows} in the trash" if self.showing_trash else count_of(rows, "check-in")
        more = "; more load as you scroll" if not self._exhausted else ""
        if rows == 0:
            empty = "The trash is empty." if self.showing_trash else "No check-ins match."
            self._status(empty)
        else:
            hint = "  r restores · escape back to the journal" if self.showing_trash else ""
            self._status(f"{what} shown, newest first{more}.{hint}")

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#journal-status", Static)
        status.set_class(error, "error")
        status.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - 10:
            self.load_more()
        self._show_preview(self.highlighted())

    def _show_preview(self, entry: CheckIn | None) -> None:
        """The highlighted entry in full: the whole note, every area, symptom and trigger."""
        preview = self.query_one("#journal-preview", Static)
        preview.display = entry is not None
        if entry is None:
            return
        when = entry.at.astimezone().strftime("%a %d %b %Y %H:%M")
        lines = [f"{when} · pain {entry.pain}/10"]
        for label, items in (
            ("Where", entry.where),
            ("Symptoms", entry.symptoms),
            ("Triggers", entry.triggers),
            ("Medication", entry.medication),
            ("Feels", entry.descriptors),
        ):
            if items:
                lines.append(f"{label}: {', '.join(items)}")
        habits = []
        if entry.sleep_interference is not None:
            habits.append(f"pain got in the way of sleep {entry.sleep_interference}/10")
        if entry.sitting_minutes is not None:
            habits.append(f"can sit {count_of(entry.sitting_minutes, 'minute')}")
        if habits:
            lines.append("; ".join(habits).capitalize())
        if entry.note:
            flag = " (in the report for my clinician)" if entry.for_clinician else ""
            lines.append(f"Note{flag}: {entry.note}")
        preview.update(Text(printable("\n".join(lines))))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.reload()
        self.query_one(DataTable).focus()

    def on_input_changed(self, _: Input.Changed) -> None:
        self.reload()  # the list always matches the filters as shown

    # Commands -----------------------------------------------------------------

    def highlighted_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def highlighted(self) -> CheckIn | None:
        entry_id = self.highlighted_id()
        return None if entry_id is None else self.guarded(lambda: self.store.checkins.get(entry_id))

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        entry = self.highlighted()
        if entry is not None and not entry.in_trash:
            self.app.push_screen(CheckinScreen(entry))

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
        elif self.showing_trash:
            self.action_toggle_trash()
        else:
            self.companion.go_back()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.showing_trash  # only the trash has something to restore
        return True

    def action_focus_filter(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_toggle_trash(self) -> None:
        self.showing_trash = not self.showing_trash
        self.sub_title = "Trash" if self.showing_trash else ""
        self.refresh_bindings()
        self.reload()

    def action_delete(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        when = entry.at.astimezone().strftime("%a %d %b %H:%M")
        if entry.in_trash:
            question = f"Delete the check-in of {when} forever? This cannot be undone."

            def purge(yes: bool | None) -> None:
                if yes:
                    self.guarded(lambda: self.store.checkins.purge(entry.id))
                self.reload()

            self.app.push_screen(ConfirmScreen(question, "Delete forever", "Keep"), purge)
            return
        question = (
            f"Move the check-in of {when} (pain {entry.pain}) to the trash?\n"
            "You can restore it later (T)."
        )

        def trash(yes: bool | None) -> None:
            if yes:
                self.guarded(lambda: self.store.checkins.trash(entry.id))
                self.notify(f"Check-in of {when} moved to the trash. T shows the trash.")
            self.reload()

        self.app.push_screen(ConfirmScreen(question, "Move to trash", "Keep"), trash)

    def action_restore(self) -> None:
        entry = self.highlighted()
        if entry is None or not entry.in_trash:
            return
        self.guarded(lambda: self.store.checkins.restore(entry.id))
        when = entry.at.astimezone().strftime("%a %d %b %H:%M")
        self.notify(f"Check-in of {when} restored.")
        self.reload()
