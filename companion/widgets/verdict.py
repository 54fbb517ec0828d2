"""What the latest screening says about a therapy, shown at the top of an
article: a bordered box headed by the verdict in words (``✗ AVOID``), with the
reasons under it. Words and symbols carry the meaning; colour only adds to it."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from companion.core.screening.verdicts import TherapyAdvice

__all__ = ["VerdictBanner", "banner_heading"]

_HEADINGS = {
    "avoid": "your screening says not to try this",
    "caution": "ask a clinician before trying this",
    "ok": "nothing in your screening speaks against this",
    None: "do the safety screening first",
}


def banner_heading(advice: TherapyAdvice) -> str:
    """The banner's first line: the verdict in words and what it means."""
    return f"{advice.label}: {_HEADINGS[advice.verdict]}"


def _plain_ok(advice: TherapyAdvice) -> bool:
    """An ``ok`` from a current screening needs one quiet line, not a box."""
    return advice.verdict == "ok" and not advice.outdated and advice.screened_at is not None


class VerdictBanner(Static):
    """The verdict for one article's therapy, with the reasons behind it."""

    DEFAULT_CSS = """
    VerdictBanner {
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
        border: round $foreground 50%;
        border-title-style: bold;
    }
    VerdictBanner.-avoid {
        border: heavy $error;
        border-title-color: $error;
    }
    VerdictBanner.-caution {
        border: round $warning;
        border-title-color: $warning;
    }
    VerdictBanner.-ok {
        border: none;
        padding: 0;
        color: $text-muted;
    }
    """

    def __init__(self, advice: TherapyAdvice, *, id: str | None = None) -> None:
        style = "ok" if _plain_ok(advice) else advice.verdict or "unscreened"
        super().__init__(id=id, classes=f"-{style}")
        self.advice = advice
        """The verdict and reasons shown."""

    def on_mount(self) -> None:
        advice = self.advice
        if _plain_ok(advice):
            when = advice.screened_at.strftime("%d %b %Y") if advice.screened_at else ""
            self.update(f"{advice.label}: nothing in your screening of {when} speaks against this.")
            return
        self.border_title = banner_heading(advice)
        # A grid gives each reason a hanging indent under its bullet.
        reasons = Table.grid(padding=(0, 1))
        reasons.add_column(no_wrap=True)
        reasons.add_column(ratio=1)
        for reason in advice.reasons:
            reasons.add_row("•", reason)
        parts: list[Table | Text] = [reasons]
        if advice.verdict == "avoid":
            parts.append(
                Text.assemble(
                    ("Please don't try it on your own.", "bold"),
                    " If a clinician who knows your history has said it is safe for you, "
                    "you will be asked to confirm that before any timer starts.",
                )
            )
        self.update(Group(*parts))
