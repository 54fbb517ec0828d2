"""Pilot tests of the dose dialog (``m`` then a digit) and "did it help?" after a check-in."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from companion.core.programme.medication import Dose, Medicine
from companion.screens.checkin import CheckinScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.doses import DoseDialog, HelpedQuestion
from companion.store import Store
from tests.store_helpers import present
from tests.ui import build_app, current_screen, notifications


def with_medicines(store: Store, now) -> tuple[Medicine, Medicine]:
    ibu = Medicine("med-ibuprofen", "ibuprofen", now - timedelta(days=9), "400", "mg", 1.0)
    para = Medicine("med-paracetamol", "paracetamol", now - timedelta(days=9), "500", "mg")
    store.medicines.add(ibu)
    store.medicines.add(para)
    return ibu, para


async def test_m_then_a_digit_logs_a_dose_and_the_persons_limit_warns(data_dir, clock):
    app = build_app(data_dir, clock)
    ibu, para = with_medicines(app.store, clock.now())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        current_screen(app, DoseDialog)
        await pilot.press("2")
        await pilot.pause()
        current_screen(app, DashboardScreen)
        dose = present(app.store.doses.latest())
        assert (dose.medicine, dose.amount, dose.scheduled, dose.at) == (
            para.id, 1.0, False, clock.now(),
        )  # fmt: skip
        await pilot.press("m", "1")
        await pilot.pause()
        messages = [n.message for n in notifications(app)]
        assert any("at the limit of 1 you set" in m for m in messages)


async def test_a_new_medicine_is_added_in_the_dialog_and_a_bad_amount_is_named(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"naproxen", "tab", *"250", "tab", *"mg", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DoseDialog)
        assert [m.label for m in dialog.medicines] == ["naproxen 250 mg"]
        dialog.query_one("#dose-amount", Input).value = "0"
        dialog.query_one("#dose-medicines").focus()
        await pilot.press("1")
        await pilot.pause()
        assert "Amount: must be more than 0" in str(dialog.query_one("#dose-error").render())
        assert app.store.doses.latest() is None


async def test_the_next_check_in_asks_whether_an_as_needed_dose_helped(data_dir, clock):
    app = build_app(data_dir, clock)
    ibu, _ = with_medicines(app.store, clock.now())
    taken = Dose("dose-000001", ibu.id, clock.now() - timedelta(hours=2))
    app.store.doses.add(taken)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")  # works from the check-in form too; here from the dashboard
        await pilot.pause()
        await pilot.press("escape", "c", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpedQuestion)
        await pilot.press("a")
        await pilot.pause()
        assert present(app.store.doses.get(taken.id)).helped == "a little"
        await pilot.press("c", "3", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, HelpedQuestion | CheckinScreen)  # answered: not again
