"""The check-in's safety net: numbness, weakness or a sharp rise in leg pain
asks the cauda equina signs in one short step, at most once a day."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.core.screening.safety_net import new_reasons, reasons_to_ask
from companion.screens.emergency import EmergencyScreen
from companion.screens.safety_net import SafetyNetScreen
from tests.store_helpers import present
from tests.ui import build_app, current_screen


async def check_in_with_numbness(pilot) -> None:
    await pilot.press("c", "5")
    pilot.app.screen.query_one("#symptom-numbness").focus()
    await pilot.press("space", "ctrl+s")
    await pilot.pause()


async def test_numbness_asks_the_signs_and_a_yes_is_an_emergency(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in_with_numbness(pilot)
        net = app.screen
        assert isinstance(net, SafetyNetScreen)
        assert "You recorded numbness" in " ".join(str(w.render()) for w in net.query(Static))
        await pilot.press("n", "y")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        saved = app.store.screenings.latest()
        assert saved is not None and saved.partial
        assert saved.red_flags[0].urgency == "emergency"
        assert ("ce-saddle-numbness", "yes") in saved.red_flags[0].raised_by
        await pilot.press("d")  # nothing hides the advice
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (EmergencyScreen, SafetyNetScreen))


async def test_all_no_saves_nothing_and_is_not_asked_again_today(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in_with_numbness(pilot)
        net = app.screen
        assert isinstance(net, SafetyNetScreen)
        await pilot.press(*("n",) * len(net.questions))
        await pilot.pause()
        assert app.store.screenings.latest() is None
        await check_in_with_numbness(pilot)
        assert not isinstance(app.screen, SafetyNetScreen)  # once a day


async def test_unsure_saves_a_same_day_flag(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await check_in_with_numbness(pilot)
        count = len(current_screen(app, SafetyNetScreen).questions)
        await pilot.press("u", *("n",) * (count - 1))
        await pilot.pause()
        saved = present(app.store.screenings.latest())
        assert [f.urgency for f in saved.red_flags] == ["same-day"]
        assert set(saved.verdicts.values()) == {"avoid"}


def test_a_sharp_rise_in_leg_pain_asks_and_a_small_one_does_not(clock):
    now = clock.now()
    recent = [
        CheckIn(new_id(now - timedelta(days=d)), now - timedelta(days=d), pain=3, leg=3)
        for d in range(1, 4)
    ]
    sharp = CheckIn(new_id(now), now, pain=7, leg=6)
    small = CheckIn(new_id(now), now, pain=4, leg=5)
    assert reasons_to_ask(sharp, recent) == ("leg pain rising",)
    assert reasons_to_ask(small, recent) == ()


def test_asked_at_most_once_a_day_unless_the_reason_is_new(clock):
    today = clock.now().date()
    assert new_reasons(("numbness",), "", "", today)
    assert not new_reasons(("numbness",), today.isoformat(), "numbness", today)
    assert new_reasons(("weakness",), today.isoformat(), "numbness", today)
    assert new_reasons(("numbness",), (today - timedelta(days=1)).isoformat(), "numbness", today)
