"""Pilot tests of the check-in: the quick path, the full form and its validation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input

from companion.screens.checkin import CheckinScreen
from companion.screens.dashboard import DashboardScreen
from companion.widgets.body_map import BodyMap
from companion.widgets.marks import TickBox, TickList
from companion.widgets.pain_scale import PainScale
from tests.store_helpers import present
from tests.ui import build_app, current_screen


async def test_pain_only_checkin_is_c_digit_enter(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        saved = app.store.checkins.latest()
        assert saved is not None
        assert (saved.pain, saved.at, saved.leg) == (6, clock.now(), None)


async def test_ten_is_typed_as_one_then_zero(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "1", "0", "enter")
        await pilot.pause()
        assert present(app.store.checkins.latest()).pain == 10


async def test_a_superscript_digit_is_not_a_score(data_dir, clock):
    # "²".isdigit() is true, but int("²") raises: the scale must ignore it.
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "²", "4", "enter")
        await pilot.pause()
        assert present(app.store.checkins.latest()).pain == 4


async def test_enter_without_a_score_explains_and_saves_nothing(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        message = str(app.screen.query_one("#pain-error").render())
        assert "choose a score from 0 to 10" in message
        assert app.store.checkins.latest() is None


async def test_full_form_is_saved(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "5")
        screen = app.screen
        screen.query_one("#leg").focus()
        await pilot.press("7")
        screen.query_one("#back").focus()
        await pilot.press("3")
        screen.query_one("#where").focus()
        await pilot.press("down", "space")  # left buttock
        screen.query_one("#symptom-tingling").focus()
        await pilot.press("space")
        screen.query_one("#triggers").focus()
        await pilot.press(*"sitting, driving")
        screen.query_one("#note").focus()
        await pilot.press(*"Long drive")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = present(app.store.checkins.latest())
        assert (saved.pain, saved.leg, saved.back) == (5, 7, 3)
        assert saved.where == ("left buttock",)
        assert saved.symptoms == ("tingling",)
        assert saved.triggers == ("sitting", "driving")
        assert saved.note == "Long drive"


async def test_backdated_checkin_and_future_time_refused(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "4")
        when = app.screen.query_one("#when", Input)
        when.value = (clock.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
        when.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "more than a day in the future" in str(app.screen.query_one("#when-error").render())
        assert app.store.checkins.latest() is None
        when.value = "2026-11-20 22:15"
        await pilot.press("enter")
        await pilot.pause()
        saved = present(app.store.checkins.latest())
        assert saved.at.strftime("%Y-%m-%d %H:%M") == "2026-11-20 22:15"


async def test_typing_in_a_text_field_does_not_trigger_global_keys(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "2")
        app.screen.query_one("#medication").focus()
        await pilot.press(*"codeine q j")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#medication", Input).value == "codeine q j"


async def test_escape_leaves_without_saving(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "escape")  # nothing typed: nothing to ask about
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.store.checkins.latest() is None


async def test_type_ahead_c_digit_enter_all_at_once(data_dir, clock):
    """Over SSH the three keys can arrive together, before the form has mounted."""
    from textual import events

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, character in (("c", "c"), ("4", "4"), ("enter", None)):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        saved = app.store.checkins.latest()
        assert saved is not None and saved.pain == 4


async def test_own_body_area_labels_are_shown_as_written(data_dir, clock):
    from companion.core.ids import new_id
    from companion.core.records import CheckIn

    at = clock.now()
    app = build_app(data_dir, clock)
    app.store.checkins.add(CheckIn(id=new_id(at), at=at, pain=5, where=("[l5] area",)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        where = app.screen.query_one("#where", BodyMap)
        assert "also [x] [l5] area" in where.render().plain


async def test_a_too_long_label_is_named_not_a_crash(data_dir, clock):
    from textual.widgets import Input, Static

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "5")
        await pilot.pause()
        app.screen.query_one("#triggers", Input).value = "x" * 70
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        shown = str(app.screen.query_one("#when-error", Static).render())
        assert shown == "Triggers: must be at most 60 characters"
        assert app.screen.focused is app.screen.query_one("#triggers", Input)
        assert app.store.checkins.latest() is None


async def test_type_ahead_tab_moves_before_the_next_digit(data_dir, clock):
    """``c 5 tab 7`` arriving together: pain 5, leg pain 7."""
    from textual import events

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, character in (("c", "c"), ("5", "5"), ("tab", "\t"), ("7", "7")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await app.key_queue.idle()
        await pilot.press("ctrl+s")
        saved = app.store.checkins.latest()
        assert saved is not None
        assert (saved.pain, saved.leg) == (5, 7)


@pytest.mark.parametrize("leave", ["j", "d", "s", "t", "l", "g"])
async def test_a_half_filled_checkin_left_by_a_global_key_comes_back_on_c(data_dir, clock, leave):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "7", "tab", "6", leave)
        assert not isinstance(app.screen, CheckinScreen)
        await pilot.press("d", "c")
        assert app.screen.query_one("#pain", PainScale).value == 7
        assert app.screen.query_one("#leg", PainScale).value == 6
        assert app.screen.query_one("#draft-notice")
        await pilot.press("ctrl+s")
        saved = app.store.checkins.latest()
        assert saved is not None and (saved.pain, saved.leg) == (7, 6)
        await pilot.press("c")
        assert app.screen.query_one("#pain", PainScale).value is None  # saved: the draft is gone


async def test_escape_asks_before_discarding_what_was_typed(data_dir, clock):
    from companion.screens.choose import ChoiceScreen

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "7", "escape")
        current_screen(app, ChoiceScreen)
        await pilot.press("escape")  # back to the form, nothing lost
        current_screen(app, CheckinScreen)
        assert app.screen.query_one("#pain", PainScale).value == 7
        await pilot.press("escape", "enter")  # keep as a draft
        current_screen(app, DashboardScreen)
        await pilot.press("c")
        assert app.screen.query_one("#pain", PainScale).value == 7
        await pilot.press("escape", "down", "enter")  # discard
        current_screen(app, DashboardScreen)
        await pilot.press("c")
        assert app.screen.query_one("#pain", PainScale).value is None
        assert app.store.checkins.latest() is None


async def test_quit_with_a_draft_asks_first(data_dir, clock):
    from companion.screens.confirm import ConfirmScreen

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "3", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.is_running
        assert app.screen.query_one("#pain", PainScale).value == 3


async def test_an_edit_left_unsaved_is_kept_for_that_entry(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "4", "enter")
        await pilot.pause()
        await pilot.press("j", "enter")
        assert isinstance(app.screen, CheckinScreen)
        assert "Pain then" in str(app.screen.query("Label").first().render())
        await pilot.press("8", "d", "j", "enter")
        assert app.screen.query_one("#pain", PainScale).value == 8
        await pilot.press("ctrl+s")
        assert present(app.store.checkins.latest()).pain == 8


async def test_type_ahead_in_an_edit_goes_to_the_field_tab_reached(data_dir, clock):
    from textual import events

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "4", "enter")
        await pilot.pause()
        for key, character in (("j", "j"), ("enter", "\r"), ("tab", "\t"), ("7", "7")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await app.key_queue.idle()
        await pilot.press("ctrl+s")
        saved = present(app.store.checkins.latest())
        assert (saved.pain, saved.leg) == (4, 7)


async def test_descriptors_sleep_and_sitting_are_saved_and_shown_again_on_edit(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "6")
        screen = app.screen
        screen.query_one("#descriptors").focus()
        await pilot.press("space", "down", "down", "down", "down", "space")  # burning, pins…
        screen.query_one("#sleep").focus()
        await pilot.press("7")
        screen.query_one("#sitting").focus()
        await pilot.press("x", "2", "5")  # only digits go in
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = present(app.store.checkins.latest())
        assert saved.descriptors == ("burning", "pins and needles")
        assert (saved.sleep_interference, saved.sitting_minutes) == (7, 25)
        app.push_screen(CheckinScreen(saved))
        await pilot.pause()
        assert app.screen.query_one("#descriptors", TickList).selected == [
            "burning",
            "pins and needles",
        ]
        assert app.screen.query_one("#sleep", PainScale).value == 7
        assert app.screen.query_one("#sitting", Input).value == "25"
        app.screen.query_one("#sitting", Input).value = "2000"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CheckinScreen)  # refused, and said why
        error = str(app.screen.query_one("#sitting-error").render())
        assert "Sitting: must be from 0 to 1440" in error
        assert present(app.store.checkins.latest()).sitting_minutes == 25


async def test_r_fills_same_as_last_time_and_says_what(data_dir, clock):
    from companion.core.ids import new_id
    from companion.core.records import CheckIn
    from tests.ui import notifications

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "r")
        assert "no earlier check-in" in notifications(app)[-1].message
        await pilot.press("escape")
        at = clock.now() - timedelta(hours=3)
        last = CheckIn(
            id=new_id(at),
            at=at,
            pain=6,
            sleep_interference=5,
            where=("left calf", "my left heel"),
            symptoms=("tingling",),
            triggers=("sitting",),
            medication=("ibuprofen",),
            descriptors=("shooting",),
            note="not repeated",
        )
        app.store.checkins.add(last)
        older = at - timedelta(days=1)
        app.store.checkins.add(CheckIn(id=new_id(older), at=older, pain=2, triggers=("lifting",)))
        await pilot.press("c", "4")
        screen = app.screen
        # replaced by last time's answer:
        screen.query_one("#symptom-numbness", TickBox).value = True
        await pilot.press("r")
        note = notifications(app)[-1]
        assert note.title == "Same as last time"
        assert "where: left calf, my left heel; symptoms: tingling" in note.message
        assert "feels: shooting; triggers: sitting; medication: ibuprofen" in note.message
        await pilot.press("enter")
        await pilot.pause()
        saved = present(app.store.checkins.latest())
        assert saved.id != last.id and saved.pain == 4
        assert saved.where == ("left calf", "my left heel")
        assert (saved.symptoms, saved.descriptors) == (("tingling",), ("shooting",))
        assert (saved.triggers, saved.medication) == (("sitting",), ("ibuprofen",))
        assert (saved.note, saved.sleep_interference) == ("", None)


async def test_r_is_not_offered_when_editing(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "4", "enter")
        await pilot.pause()
        await pilot.press("j", "enter")
        assert isinstance(app.screen, CheckinScreen)
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert "r" not in keys
