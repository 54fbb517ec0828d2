"""The 0–10 scale at every width: the numbers on one row, both ends' words whole."""

from __future__ import annotations

import pytest

from companion.widgets.pain_scale import PainScale
from tests.ui import WidgetApp


@pytest.mark.parametrize("columns", [40, 48, 54, 62, 80])
async def test_the_numbers_stay_on_one_row_and_the_words_whole(columns: int) -> None:
    """Between the width the numbers need (46) and the width the words need (58) the
    words used to be cut ("10 wo…"); now each end's words sit beside its number."""
    app = WidgetApp(PainScale(value=4, id="scale"))
    async with app.run_test(size=(columns, 4)) as pilot:
        await pilot.pause()
        numbers, words = app.text_of("#scale").splitlines()
        assert numbers.rstrip().endswith("10")
        assert "0 none" in words and "worst imaginable" in words
        assert max(len(numbers.rstrip()), len(words.rstrip())) <= columns
