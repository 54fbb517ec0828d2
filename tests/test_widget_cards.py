"""The dashboard's programme and pain-chart cards on their own: set their
reactives, read what they render."""

from __future__ import annotations

from datetime import timedelta

from companion.core.programme.flares import Flare
from companion.core.programme.walking import WalkingPlan
from companion.programme import ProgrammeToday
from companion.widgets.pain_chart_card import PainChartCard
from companion.widgets.pain_days import PainDaysChart
from companion.widgets.programme_card import ProgrammeCard
from companion.widgets.screening_card import ScreeningCard
from tests.ui import WidgetApp

NO_WALKS = WalkingPlan(baseline=None, step=0, weeks=())


async def test_the_programme_card_hides_until_it_has_something_to_say(clock):
    app = WidgetApp(ProgrammeCard(ProgrammeToday(None, 0, False, NO_WALKS), id="programme"))
    async with app.run_test(size=(80, 12)) as pilot:
        card = app.query_one(ProgrammeCard)
        assert not app.displayed("#programme")
        card.lesson = "What sciatica is"
        await pilot.pause()
        assert app.displayed("#programme")
        assert app.text_of("#programme") == "Lesson: What sciatica is (r: read it)"
        card.today = ProgrammeToday(Flare("flare-1", clock.now(), 7), 3, True, NO_WALKS)
        await pilot.pause()
        assert app.text_of("#programme").splitlines() == [
            "Flare day 3 (F: your plan); calmer lately: over? F then x",
            "Lesson: What sciatica is (r: read it)",
        ]
        card.lesson = None
        card.today = None
        await pilot.pause()
        assert not app.displayed("#programme")


async def test_the_pain_card_hands_its_days_to_the_chart(clock):
    today = clock.now().date()
    card = PainChartCard(today, ((today, 4.0),), "1 check-in on 1 day", id="trend")
    app = WidgetApp(card)
    async with app.run_test(size=(80, 16)) as pilot:
        assert card.border_subtitle == "1 check-in on 1 day"
        chart = card.query_one(PainDaysChart)  # part of the card from its first frame
        assert chart.columns() == ([29], [4.0])
        card.days = ((today - timedelta(days=1), 6.0), (today, 4.0))
        card.caption = "2 check-ins on 2 days"
        await pilot.pause()
        assert chart.columns() == ([28, 29], [6.0, 4.0])
        assert card.border_subtitle == "2 check-ins on 2 days"


async def test_the_screening_card_adds_and_drops_the_offer_to_screen_again():
    card = ScreeningCard(("Screened today.", "No red flags reported."), id="screening-status")
    app = WidgetApp(card)
    async with app.run_test(size=(80, 12)) as pilot:
        assert app.text_of("#screening-status") == "Screened today.\nNo red flags reported."
        card.due_again = "questions changed"
        await pilot.pause()
        assert app.text_of("#screening-status").endswith("Due again (questions changed): press s")
        card.due_again = ""
        card.lines = ("Not screened yet: press [b]s[/].",)
        await pilot.pause()
        assert app.text_of("#screening-status") == "Not screened yet: press s."


async def test_a_short_pain_chart_labels_only_0_and_10(clock):
    """At five rows (a phone's dashboard) 5 and 10 would share one row."""
    today = clock.now().date()
    for height, labels in ((5, ["10", "0"]), (8, ["10", "5", "0"])):
        chart = PainDaysChart(today, id="chart")
        app = WidgetApp(chart)
        async with app.run_test(size=(40, height)) as pilot:
            chart.days = ((today, 4.0),)
            await pilot.pause()
            rows = app.text_of("#chart").splitlines()
            shown = [row.partition("┤")[0].strip() for row in rows if "┤" in row]
            assert shown == labels, rows
