"""A 0–10 pain scale you set with the keyboard: a digit, ``1`` ``0`` for ten,
or the arrow keys. The chosen value is bracketed and bold, so it reads
without colour (16-colour terminals, ``NO_COLOR``). The top of the scale and
its anchor words can be changed (the weekly bothersomeness items are 0–6)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from companion.core.glyphs import glyph

__all__ = ["PainScale"]

_DIGITS = frozenset("0123456789")  # str.isdigit also takes "²", which int() refuses

ANCHORS = " 0 none" + " " * 13 + "5 moderate" + " " * 9 + "10 worst imaginable"
"""The NRS anchors printed under the numbers."""


class PainScale(Widget, can_focus=True):
    """A numeric rating scale, 0 (no pain) to 10 (worst imaginable) unless told otherwise."""

    DEFAULT_CSS = """
    PainScale {
        height: 2;
        width: 60;
        max-width: 100%;
    }
    PainScale:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("left,minus", "step(-1)", "Less", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    """The chosen score, or ``None`` when not given."""

    class Changed(Message):
        """The value changed."""

        def __init__(self, scale: PainScale, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> PainScale:
            return self.scale

    def __init__(
        self,
        value: int | None = None,
        *,
        optional: bool = False,
        id: str | None = None,
        high: int = 10,
        anchors: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.optional = optional
        """Whether "not given" is allowed (leg and back pain are optional)."""
        self.high = high
        """The top of the scale (10, or 6 for a bothersomeness item)."""
        self.ends = anchors or ("none", "worst imaginable")
        """The words for 0 and for the top of the scale."""
        self.anchors = (
            ANCHORS
            if anchors is None
            else f" 0 {anchors[0]} ".ljust(4 * high + 1) + f"{high} {anchors[1]}"
        )
        """The words printed under the numbers."""
        self._first_digit: str = ""
        self.set_reactive(PainScale.value, value)

    def full_width(self) -> int:
        """Cells the scale takes with a space between numbers: ``  0   1 … 10``."""
        return 2 + sum(len(str(score)) + 3 for score in range(self.high + 1)) - 1

    def render(self) -> Text:
        # Narrower than the full scale (a phone's 50 columns), the numbers lose the
        # space between them so 10 stays on their row; narrower than the words, the
        # words keep to the ends, each beside its number.
        width = self.size.width
        compact = 0 < width < self.full_width()
        # The marker shows focus in text, so it reads without colour (NO_COLOR).
        numbers = Text(f"{glyph('focus')} " if self.has_focus else "  ", style="bold")
        for score in range(self.high + 1):
            label = str(score)
            if score == self.value:
                numbers.append(f"[{label}]", style="bold reverse")
            else:
                numbers.append(f" {label} ")
            numbers.append(" " if score < self.high and not compact else "")
        if compact or 0 < width < 2 + len(self.anchors):  # 0 at the left, the top at the right
            left, right = f" 0 {self.ends[0]}", f"{self.ends[1]} {self.high}"
            end = len(numbers) - 3  # the top's last digit, after the prefix
            words = left + right.rjust(max(end - len(left), len(right) + 1))
        else:
            words = self.anchors
        anchors = Text("  " + words, style="dim")
        return Text("\n").join([numbers, anchors])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_key(self, event: Key) -> None:
        if event.character is None or event.character not in _DIGITS:
            self._first_digit = ""
            return
        event.stop()
        event.prevent_default()
        self.type_digit(event.character)

    def accept_typed_ahead(self, event: Key) -> bool:
        """Take a digit typed before this scale had focus (see the app's ``on_key``)."""
        if event.character is None or event.character not in _DIGITS:
            return False
        self.type_digit(event.character)
        return True

    def type_digit(self, digit: str) -> None:
        """Set the score from a typed digit; ``1`` then ``0`` makes ten."""
        if int(digit) > self.high:
            self.app.bell()
            self._first_digit = ""
        elif self.high >= 10 and self._first_digit == "1" and digit == "0":
            self.value = 10
            self._first_digit = ""
        else:
            self.value = int(digit)
            self._first_digit = digit

    def action_step(self, delta: int) -> None:
        start = 0 if self.value is None else self.value
        self.value = max(0, min(self.high, start + delta if self.value is not None else start))
        self._first_digit = ""

    def action_clear(self) -> None:
        if self.optional:
            self.value = None
        self._first_digit = ""

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))
