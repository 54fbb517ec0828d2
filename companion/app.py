"""The Textual application: modes, global keys, theme, and data-error handling.

Screens do the work; this file wires them together. Build the app with
:func:`create_app` (used by the CLI, the tests and the screenshot script
alike) or run it with :func:`run_app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from importlib import import_module
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import events, work
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.geometry import Offset
from textual.notifications import SeverityLevel
from textual.screen import Screen

from companion.ascii_filter import AsciiFilter
from companion.commands import GLOBAL_COMMANDS, Command, bindings_for
from companion.core.chart_memo import ChartMemo
from companion.core.clock import Clock, clock_from_env
from companion.core.content.index import ContentIndex, IndexKey, index_key, index_of
from companion.core.errors import CompanionError, DamagedFileError, DataError
from companion.core.glyphs import GlyphMode, ascii_keys, choose_mode, is_ascii, set_mode
from companion.core.untrusted import printable
from companion.key_queue import KeyQueue
from companion.painted_screen import PaintedScreen
from companion.programme import installed_lessons
from companion.screens.base import StoreAccess
from companion.screens.dashboard import DashboardScreen
from companion.screens.services import AcceptsTypedAhead, AsksBeforeLeaving, Companion
from companion.store import Store
from companion.store.chart_memo import read_memo, write_memo
from companion.store.content_index import read_index, write_index

if TYPE_CHECKING:
    from companion.core.content.library import ContentProblem, Library

__all__ = ["CompanionApp", "create_app", "run_app"]


WARM_UP = ("checkin", "journal", "help")
"""Screens imported in the background after the first frame."""


# The main screens other than the dashboard, each imported when first shown.


def _trends() -> Screen[Any]:
    from companion.screens.trends import TrendsScreen

    return TrendsScreen()


def _journal() -> Screen[Any]:
    from companion.screens.journal import JournalScreen

    return JournalScreen()


def _library() -> Screen[Any]:
    from companion.screens.library import LibraryScreen

    return LibraryScreen()


def _screening() -> Screen[Any]:
    from companion.screens.screening import ScreeningScreen

    return ScreeningScreen()


def _timers() -> Screen[Any]:
    from companion.screens.timers import TimersScreen

    return TimersScreen()


class CompanionApp(App[int]):
    """The sciatica self-care companion."""

    TITLE = "Companion"
    SUB_TITLE = "sciatica self-care"
    DEFAULT_MODE = "dashboard"
    """The first screen's mode. Its screen comes from :meth:`get_default_screen`."""
    MODES = {
        "trends": _trends,
        "journal": _journal,
        "library": _library,
        "screening": _screening,
        "timers": _timers,
    }
    """The other main screens, imported when first opened (charts, Markdown,
    content), which keeps the first frame close to a bare Textual app's. The
    dashboard joins them in :meth:`on_mount`."""

    BINDINGS = bindings_for(GLOBAL_COMMANDS)
    ENABLE_COMMAND_PALETTE = True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of every screen passes here: text from data (a note, a
        file name, an error naming a field) has its control characters made visible."""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        initial: str = "dashboard",
        routine: str | None = None,
        ascii: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        """The data store every screen reads and writes through."""
        self.clock = clock
        """The source of "now" for records and timers."""
        self.initial = initial
        """The screen to open on."""
        self.routine = routine
        """A routine to start at once (``companion timer ROUTINE_ID``), without questions."""
        self.after_first_frame: Callable[[], None] | None = None
        """Run once, as soon as the first frame is out (``run_app`` resumes the
        cycle collector there: see :mod:`companion.core.collection`)."""
        self.background_delay = 0.25
        """Seconds after a screen's frame is out before background work
        (importing the next screens, looking for damaged entries) begins, so
        it never competes with that screen being painted. Tests set it to 0."""
        self.unfinished: set[Callable[[], None]] = set()
        """Saves of work in progress (a running routine), run before any exit."""
        self.ended_by_signal: int | None = None
        """SIGHUP or SIGTERM once one has arrived: the app is ending because of it."""
        self._suspended = False
        """Whether SIGTSTP suspended the app (so the next SIGCONT resumes it)."""
        self.settings = store.load_settings()
        """The user's preferences as last loaded."""
        set_mode(choose_mode(flag=ascii, env=os.environ, setting=self.settings.glyphs))
        self._ascii_filter = AsciiFilter()
        self._library: Library | None = None
        self._library_lock = threading.RLock()
        self._content_index: ContentIndex | None = None
        self._index_to_keep: tuple[ContentIndex, IndexKey] | None = None
        self._chart_memo: ChartMemo | None = None
        self._chart_memo_read = False
        self._chart_memo_writing = threading.Lock()
        """Held while a memo is compared with the newest and written (one at a time)."""
        self.content_problems: list[ContentProblem] = []
        """Problems in the content (usually the user's own files) found when loading it."""
        self.drafts: dict[str, Any] = {}
        """Forms left unsaved (check-ins, edits), by entry id or "new", restored when reopened."""
        self.key_queue = KeyQueue(self, self.post_message)
        """Keys typed ahead, each handled after the one before it (see companion.key_queue)."""
        self.painted = PaintedScreen()
        """What the terminal shows, so a repaint sends only what changed."""
        self._cursor_sent: Offset | None = None
        """Where the last update written left the terminal's cursor."""

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        """Textual's own display, leaving out what the terminal already shows
        (see :mod:`companion.painted_screen`), and nothing at all when it shows
        everything already and the cursor has not moved."""
        if isinstance(renderable, LayoutUpdate | ChopsUpdate) and not self.is_headless:
            cursor = self.cursor_position
            update = self.painted.prepare(renderable, self.console, partial(self._sent, cursor))
            if not update.text and cursor == self._cursor_sent:
                return
            renderable = update
        super()._display(screen, renderable)

    def _sent(self, cursor: Offset) -> None:
        self._cursor_sent = cursor

    def on_resize(self) -> None:
        """The terminal may have moved or cleared what it showed: repaint it whole."""
        self.painted.forget()

    def action_redraw(self) -> None:
        """Paint every line again (ctrl+l), as after another program wrote over the screen."""
        self.painted.forget()
        self.screen.refresh()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR), then, in ASCII mode, the one that makes
        every symbol on screen ASCII (see :mod:`companion.ascii_filter`)."""
        filters = super().get_line_filters()
        return [*filters, self._ascii_filter] if is_ascii() else filters

    def get_key_display(self, binding: Binding) -> str:
        """Keys as Textual shows them (``⏎``, ``↑``), spelt out in ASCII mode."""
        display = super().get_key_display(binding)
        return ascii_keys(display) if is_ascii() else display

    def action_toggle_symbols(self) -> None:
        """Switch between Unicode and ASCII symbols, and remember the choice."""
        mode: GlyphMode = "unicode" if is_ascii() else "ascii"
        set_mode(mode)
        self.save_settings(glyphs=mode)
        for screen in self.screen_stack:
            screen.refresh(repaint=True, layout=True)
            for widget in screen.walk_children():
                widget.refresh()
        words = "plain ASCII" if mode == "ascii" else "Unicode"
        self.notify(f"Symbols are {words} from now on (A switches back).", title="Symbols")

    def get_default_screen(self) -> Screen[Any]:
        """The dashboard, as the default mode's screen rather than one of MODES.

        Textual waits for a MODES screen to finish mounting inside the app's
        first batch update, so the dashboard would be laid out and rendered
        once for nothing (the batch discards it) and then again: about 40 ms
        of a ~100 ms start. As the default screen it mounts after the batch
        and the first render is the one the terminal sees.
        """
        return DashboardScreen()

    def on_mount(self) -> None:
        # The dashboard's stack exists now (see get_default_screen); naming it
        # as a mode lets switch_mode("dashboard") return to it.
        self.add_mode(self.DEFAULT_MODE, DashboardScreen)
        if self.settings.theme != self.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme  # only when it differs: a change re-parses all CSS
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.app_resume_signal.subscribe(self, self._resumed, immediate=True)
        if self.after_first_frame is not None:
            self.call_after_refresh(self.after_first_frame)
        for notice in self.store.notices:
            self.notify(notice, title="Data directory", severity="warning", timeout=8, markup=False)
        self._restore_drafts()
        if self.initial in self.MODES:
            self.switch_mode(self.initial)
        if self.initial == "checkin":
            self.action_check_in()
        if self.routine:
            self.start_routine(self.routine, ask_pain=False)
        if not self.is_headless:
            self._save_on_hang_up()
            self._resume_only_after_suspend()
        self.after_start(self._warm_up)
        if not self.settings.first_run_seen:
            from companion.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self._welcome_done)

    def after_start(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` :attr:`background_delay` seconds after the screen's next
        frame is out: work in a thread competes with painting for the interpreter."""
        if self.background_delay > 0:
            self.call_after_refresh(self.set_timer, self.background_delay, callback)
        else:
            self.call_after_refresh(callback)

    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        """Import the screens people open most and read the content library, once
        the first frame is shown, and keep a new content index.

        They are left out of start-up to keep the first frame fast; loading
        them while the user reads the dashboard makes ``c``, ``j`` and ``l`` quick too.
        """
        for module in WARM_UP:
            import_module(f"companion.screens.{module}")
        import_module("companion.widgets.pain_days")  # plotext: a memo chart may need it
        with contextlib.suppress(CompanionError):  # a screen that needs it will say
            self.library  # noqa: B018 - loaded now, the library, timers and screening open at once
        self._keep_content_index()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.key_queue.take(event):
            return  # delivered again once the keys before it have been handled
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.key_queue.cancel()

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: a key that reaches the app unhandled was typed while the
        screen was changing (``c`` ``4`` ``enter`` arriving together over SSH,
        all delivered to the old screen). Offer it to the focused widget of the
        screen now showing, at once, so the keys after it see its effect."""
        focused: object = self.screen.focused  # a widget of ours may accept it
        if isinstance(focused, AcceptsTypedAhead) and focused.accept_typed_ahead(event):
            event.stop()

    def _welcome_done(self, choice: str | None) -> None:
        self.save_settings(first_run_seen=True, screening_offered=True)
        then = self.start_screening if choice == "screening" else None
        if not self.settings.region:
            self.action_choose_region(then)
        elif then is not None:
            then()

    def action_choose_region(self, then: Callable[[], None] | None = None) -> None:
        """Ask where the person lives, for the emergency numbers the app shows."""
        from companion.core.screening.urgency import REGIONS
        from companion.screens.choose import ChoiceScreen

        choices = [
            (region, f"{name} — {numbers}" if numbers else f"{name} — your local numbers")
            for region, (name, numbers) in REGIONS.items()
        ]
        chooser = ChoiceScreen(
            "Where do you live? (for the emergency numbers we show)",
            choices,
            "enter chooses · esc leaves it unset (a neutral line with several countries' "
            "numbers) · E changes it later",
        )

        def chosen(region: str | None) -> None:
            if region:
                self.save_settings(region=region)
            if then is not None:
                then()

        self.push_screen(chooser, chosen)

    def _remember_theme(self, _theme: object) -> None:
        if self.theme != self.settings.theme:
            self.save_settings(theme=self.theme)

    def save_settings(self, **changes: Any) -> bool:
        """Save some settings and keep them in :attr:`settings`; False if they could not be written.

        Every settings change made in the UI comes here. When the data directory
        cannot be written (read-only, full) the change still holds until the app
        quits, and a notice says it was not saved, as for a check-in.
        """
        try:
            self.settings = self.store.update_settings(**changes)
        except DataError as error:
            self.settings = self.settings.updated(**changes)
            self.notify(
                f"{error}. It applies until you quit.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        return True

    @property
    def library(self) -> Library:
        """The content library, loaded on first use (raises ContentError if unusable).

        A damaged file of the user's own is left out and listed in
        :attr:`content_problems` rather than hiding the whole library.
        """
        with self._library_lock:  # a worker thread may be loading it too
            if self._library is None:
                from companion.core.content.library import ContentError, scan_content

                library, problems = scan_content()
                if library is None:
                    raise ContentError(problems)
                self._library, self.content_problems = library, problems
            return self._library

    @property
    def content_index(self) -> ContentIndex:
        """What the dashboard shows of the content, from the data folder's index
        while the content is unchanged, else from the library (raises ContentError
        if it is unusable); a new index is kept once the first frame is out."""
        if self._content_index is not None:  # never waits for the warm-up's library
            return self._content_index
        with self._library_lock:
            if self._content_index is None:
                key = index_key()
                index = read_index(self.store.data_dir, key)
                if index is None:
                    index = index_of(self.library, installed_lessons())
                    self._index_to_keep = (index, key)
                self._content_index = index
            return self._content_index

    def _keep_content_index(self) -> None:
        with self._library_lock:
            kept, self._index_to_keep = self._index_to_keep, None
        if kept is not None:
            write_index(self.store.data_dir, *kept)

    @property
    def chart_memo(self) -> ChartMemo | None:
        """The dashboard chart as drawn at the last start, if any (read once)."""
        if not self._chart_memo_read:
            self._chart_memo_read = True
            self._chart_memo = read_memo(self.store.data_dir)
        return self._chart_memo

    def keep_chart_memo(self, memo: ChartMemo) -> None:
        """Keep ``memo`` for the next start, in the background, if it is new."""
        if memo != self.chart_memo:
            self._chart_memo = memo
            self._write_chart_memo(memo)

    @work(thread=True, group="chart-memo", exit_on_error=False)
    def _write_chart_memo(self, memo: ChartMemo) -> None:
        with self._chart_memo_writing:
            if memo == self._chart_memo:  # not overtaken by a newer drawing meanwhile
                write_memo(self.store.data_dir, memo)

    @property
    def loaded_library(self) -> Library | None:
        """The content library if it is loaded already, else None (never loads it)."""
        return self._library

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Never start a browser: the app may run on a server over SSH. Copy the address."""
        del new_tab
        self.copy_to_clipboard(url)  # OSC 52: whether the terminal allows it cannot be known
        self.notify(
            f"{url}\nAlso offered to your terminal's clipboard, if it accepts that.",
            title="Web address (open it in your browser)",
            markup=False,
            timeout=8,
        )

    # Commands -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While emergency advice is on screen (a screen with ``holds_keys``), no
        app-wide key works, so nothing can hide it unacknowledged and the footer
        lists only the keys that do work."""
        screen = self.screen
        if isinstance(screen, StoreAccess) and screen.holds_keys:
            return False
        return super().check_action(action, parameters)

    def action_go(self, mode: str) -> None:
        """Show one of the main screens (a running routine asks before it is stopped)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, AsksBeforeLeaving) and screen.ask_before_leaving(
                partial(self.action_go, mode)
            ):
                return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.current_mode != mode:
            self.switch_mode(mode)

    def start_screening(self) -> None:
        """Open the screening wizard on a fresh run at question 1."""
        from companion.screens.screening import ScreeningScreen

        self.action_go("screening")
        if isinstance(self.screen, ScreeningScreen):
            self.screen.begin()

    def start_routine(self, routine_id: str, *, ask_pain: bool = True) -> bool:
        """Start a routine's timer over the current screen (after any override,
        the inversion guide and, if ``ask_pain``, the pain score before).

        Returns False, saying why, if it cannot start.
        """
        if self.unfinished:
            self.notify("A routine is already running: stop it first.", severity="warning")
            return False
        try:
            library = self.library
        except CompanionError as error:
            self.show_data_error(error)
            return False
        routine = library.routines.get(routine_id)
        if routine is None:
            self.notify(f"There is no routine {routine_id!r}.", severity="error", markup=False)
            return False
        from companion.screens.routine_start import RoutineStart

        RoutineStart(self, library, routine).begin(ask_pain=ask_pain)
        return True

    def action_check_in(self) -> None:
        """Open a new check-in over the current screen."""
        from companion.screens.checkin import CheckinScreen

        if not isinstance(self.screen, CheckinScreen):
            from companion.screens.doses import ask_if_it_helped
            from companion.screens.safety_net import after_check_in
            from companion.screens.weekly import offer_after_check_in

            def after(saved: object) -> None:
                ask_if_it_helped(self, saved, partial(offer_after_check_in, self, saved))

            self.push_screen(CheckinScreen(), partial(after_check_in, self, after))

    def action_flare(self) -> None:
        """Log a flare and open the flare plan, or show the open flare's plan."""
        from companion.screens.flare import FlarePlanScreen, start_or_show_flare

        if not isinstance(self.screen, FlarePlanScreen):
            start_or_show_flare(self)

    def action_log_dose(self) -> None:
        """Log a medicine dose (the person's own list; never a suggested dose)."""
        from companion.screens.doses import DoseDialog

        if not isinstance(self.screen, DoseDialog):
            self.push_screen(DoseDialog())

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from companion.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit, asking first if a form was left unsaved (drafts live only in this session)."""
        if not self.drafts:
            await super().action_quit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        from companion.screens.confirm import ConfirmScreen

        unsaved = "An unsaved check-in draft will be lost. Quit anyway?"
        self.push_screen(ConfirmScreen(unsaved, "Quit", "Stay"), answered)

    def action_go_back(self) -> None:
        """Close the top screen, or return to the dashboard."""
        self.go_back()

    def go_back(self) -> None:
        """Close the top screen, or return to the dashboard."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        elif self.current_mode != self.DEFAULT_MODE:
            self.switch_mode(self.DEFAULT_MODE)

    def commands_for(self, screen: Screen[Any]) -> list[Command]:
        """The commands that apply on ``screen``: its own first, then the global ones."""
        own = screen.COMMANDS_HERE if isinstance(screen, StoreAccess) else ()
        return [*own, *GLOBAL_COMMANDS]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in self.commands_for(screen):
            if command.palette:
                yield SystemCommand(
                    f"{command.label} ({command.display_keys})",
                    command.help,
                    partial(self._run_from_palette, screen, command.action),
                )
        yield from super().get_system_commands(screen)

    async def _run_from_palette(self, screen: Screen[Any], action: str) -> None:
        namespace, _, name = action.rpartition(".")
        target = self if namespace == "app" else screen
        await self.run_action(name if namespace else action, target)

    # Failures -----------------------------------------------------------------

    def save_unfinished(self) -> None:
        """Save work in progress (log a running routine as stopped early)."""
        while self.unfinished:
            self.unfinished.pop()()

    def _save_on_hang_up(self) -> None:
        """When the terminal goes away (SIGHUP) or we are told to end (SIGTERM), save first."""
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(ValueError, OSError):  # not the main thread
                    signal.signal(number, self._on_end_signal)
        with contextlib.suppress(ValueError, OSError):
            self._wake_on_signals()

    def _wake_on_signals(self) -> None:
        """Make every signal wake the event loop.

        The kernel may hand a process's signal to any of its threads (Textual's
        input and output threads among them). Python then runs the handler in
        the main thread only once that thread next runs Python code, and a main
        thread asleep in the event loop with nothing due (an idle screen) slept
        on for ever: the hang-up was never handled. A wake-up descriptor the loop
        watches (``signal.set_wakeup_fd``) ends that sleep whichever thread the
        signal reached. One set by someone else is left in place.
        """
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        previous = signal.set_wakeup_fd(writer)
        if previous != -1:  # someone else's: put it back
            signal.set_wakeup_fd(previous)
            os.close(reader)
            os.close(writer)
            return

        def drain() -> None:
            with contextlib.suppress(OSError):
                while os.read(reader, 512):
                    pass

        asyncio.get_running_loop().add_reader(reader, drain)

    def _resume_only_after_suspend(self) -> None:
        """Let SIGCONT resume the terminal only after SIGTSTP suspended it.

        Textual's driver starts application mode again on every SIGCONT. One
        comes without any suspend when the terminal goes away (the kernel sends
        it with SIGHUP) or from anyone's ``kill -CONT``: a second input thread
        then reads the terminal, and after a hang-up it spins on the closed
        terminal for ever, keeping the process alive at full CPU.
        """
        stop_number = getattr(signal, "SIGTSTP", None)  # POSIX only
        cont_number = getattr(signal, "SIGCONT", None)
        if stop_number is None or cont_number is None:
            return
        suspend = signal.getsignal(stop_number)
        resume = signal.getsignal(cont_number)
        if not callable(suspend) or not callable(resume):
            return

        def on_suspend(number: int, frame: FrameType | None) -> None:
            self._suspended = True
            suspend(number, frame)  # returns once the process is continued

        def on_resume(number: int, frame: FrameType | None) -> None:
            # Still suspended until Textual says it has resumed (see _resumed):
            # after `bg` it stops again with SIGSTOP, and `fg` must resume it.
            if self._suspended and self.ended_by_signal is None and self.is_running:
                resume(number, frame)

        with contextlib.suppress(ValueError, OSError):  # not the main thread
            signal.signal(stop_number, on_suspend)
            signal.signal(cont_number, on_resume)

    def _resumed(self, _app: object) -> None:
        """Textual has the terminal again after a suspend: it may show anything now."""
        self._suspended = False
        self.painted.forget()

    def _on_end_signal(self, number: int, _frame: object) -> None:
        # A plain signal handler, not the event loop's: it runs in the main
        # thread before any queued callback. When the terminal closes, Textual's
        # input thread also fails to read it and queues a panic; the flag set
        # here lets :meth:`panic` know that failure is the hang-up itself.
        self.ended_by_signal = number
        # The loop may be waiting with nothing due (an idle screen runs no
        # timer): only call_soon_threadsafe wakes it. call_later alone queued
        # the hang-up where the loop never looked, and the app never ended.
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.call_later, self._hang_up, number)
        else:
            self.call_later(self._hang_up, number)

    def _hang_up(self, number: int) -> None:
        self.save_unfinished()
        self._keep_drafts()
        self.exit(128 + number)

    def _keep_drafts(self) -> None:
        """Keep the new check-in left half-filled for the next start (the terminal is gone)."""
        if not self.drafts:
            return
        from companion.screens.checkin import FormState
        from companion.screens.drafts import NEW, encode_draft

        form = self.drafts.get(NEW)  # an edit's could undo a change made meanwhile
        if isinstance(form, FormState):
            with contextlib.suppress(CompanionError):  # nothing can be said to anyone now
                self.store.keep_drafts({NEW: encode_draft(form)})

    def _restore_drafts(self) -> None:
        """Take back the drafts kept when the terminal last went away (a dropped SSH
        session while a check-in was being typed)."""
        kept = self.store.take_drafts()
        if not kept:
            return
        from companion.screens.drafts import NEW, restore_drafts

        self.drafts.update(restore_drafts(kept))
        if NEW in self.drafts:
            self.notify(
                "The check-in you were typing when the terminal went away is kept: "
                "press c to go on with it.",
                title="Draft kept",
                timeout=15,
            )

    def panic(self, *renderables: RenderableType) -> None:
        if self.ended_by_signal is not None:
            return  # the terminal went away: _hang_up saves and exits with the signal's code
        super().panic(*renderables)

    def show_data_error(self, error: CompanionError) -> None:
        """Replace whatever is showing with a clear explanation of a data problem."""
        from companion.screens.data_error import DataErrorScreen

        # The screen lists the commands that help, naming this data directory.
        message = error.problem if isinstance(error, DamagedFileError) else str(error)
        if not isinstance(self.screen, DataErrorScreen):
            self.push_screen(DataErrorScreen(message))


def create_app(
    data_dir: Path,
    *,
    clock: Clock | None = None,
    initial: str = "dashboard",
    routine: str | None = None,
    ascii: bool = False,
) -> CompanionApp:
    """Open the store at ``data_dir`` and build the app on it (raises CompanionError)."""
    clock = clock or clock_from_env()
    store = Store.open(data_dir, clock)
    return CompanionApp(store, clock, initial=initial, routine=routine, ascii=ascii)


def run_app(
    *,
    data_dir: Path,
    screen: str | None = None,
    mouse: bool = True,
    timer_routine: str | None = None,
    clock: Clock | None = None,
    ascii: bool = False,
    after_first_frame: Callable[[], None] | None = None,
) -> int:
    """Run the UI until the user quits; returns the process exit code."""
    app = create_app(
        data_dir, clock=clock, initial=screen or "dashboard", routine=timer_routine, ascii=ascii
    )
    app.after_first_frame = after_first_frame
    result = app.run(mouse=mouse)
    return result or 0


_implements: type[Companion] = CompanionApp
"""mypy checks here that the app offers every service screens may ask of it."""
