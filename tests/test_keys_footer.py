"""The footer is rebuilt only when the keys it shows change (each rebuild is a repaint)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from companion.widgets.footer import KeysFooter


class Keys(App[None]):
    BINDINGS = [Binding("f2", "bell", "Ring"), Binding("f3", "chime", "Chime")]
    chime_offered = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.chime_offered if action == "chime" else True

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield KeysFooter()


async def test_the_same_keys_are_not_rebuilt_and_new_ones_are() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        before = list(app.query(FooterKey))
        assert "Ring" in [key.description for key in before]
        assert "Chime" not in [key.description for key in before]
        app.query_one("#two").focus()  # another field with the same keys
        app.screen.refresh_bindings()
        await pilot.pause()
        assert list(app.query(FooterKey)) == before  # the same widgets: nothing rebuilt
        app.chime_offered = True
        app.screen.refresh_bindings()
        await pilot.pause()
        after = list(app.query(FooterKey))
        assert after != before
        assert "Chime" in [key.description for key in after]
