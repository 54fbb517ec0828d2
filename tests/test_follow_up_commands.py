"""Commands the app suggests (``companion doctor``, ``companion flare end``…) name
the data directory with ``--data-dir`` when it is not the one a plain command
uses: run as shown, they act on the same journal, whatever its path holds."""

from __future__ import annotations

import shlex
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Markdown

from companion.__main__ import build_parser, main
from companion.core.clock import FakeClock
from companion.core.errors import DataError
from companion.screens.data_error import DataErrorScreen
from companion.store import Store, command_for
from tests.store_helpers import checkin, own
from tests.ui import build_app


@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0"), min_size=1))
def test_the_directory_comes_back_whole_from_the_shell(name: str) -> None:
    folder = Path("/tmp/not the default") / name
    words = shlex.split(command_for(folder, "doctor --repair"))
    assert words == ["companion", "--data-dir", str(folder), "doctor", "--repair"]
    args = build_parser().parse_args(words[1:])
    assert (args.data_dir, args.repair) == (str(folder), True)  # doctor's own option


def test_the_default_directory_needs_no_option(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "mine"))
    assert command_for(tmp_path / "mine", "doctor") == "companion doctor"
    assert command_for(tmp_path / "other", "doctor") == (
        f"companion --data-dir {shlex.quote(str(tmp_path / 'other'))} doctor"
    )


async def _error_screen_text(data_dir: Path, clock: FakeClock) -> str:
    app = build_app(data_dir, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.show_data_error(DataError(f"cannot read {data_dir}/checkins/2026-11.json"))
        await pilot.pause()
        assert isinstance(app.screen, DataErrorScreen)
        return app.screen.query_one(Markdown).source


async def test_the_data_error_screen_names_a_chosen_directory(tmp_path: Path, clock) -> None:
    data_dir = tmp_path / "my journal"
    text = await _error_screen_text(data_dir, clock)
    commands = {
        comment: shlex.split(command)
        for _, command, comment in (
            line.split("`", 2) for line in text.splitlines() if line.startswith("- `")
        )
    }
    option = ["companion", "--data-dir", str(data_dir.resolve())]
    assert commands[" shows what is wrong"] == [*option, "doctor"]
    assert commands[" restores the newest good backup"] == [*option, "doctor", "--repair"]


async def test_the_data_error_screen_stays_short_for_the_default(
    data_dir: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    text = await _error_screen_text(data_dir, clock)
    assert "- `companion doctor` shows what is wrong" in text
    assert "--data-dir" not in text


def test_cli_suggestions_name_the_directory(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    now = clock.now()
    monkeypatch.setenv("COMPANION_NOW", now.isoformat())
    chosen = tmp_path / "it's mine"
    store = Store.open(chosen, FakeClock(current=now))
    store.checkins.add(checkin(now - timedelta(days=1)))
    option = f"--data-dir {shlex.quote(str(chosen.resolve()))}"
    assert main(["--data-dir", str(chosen), "remind"]) == 0
    assert f"(companion {option} checkin)" in capsys.readouterr().out
    assert main(["--data-dir", str(chosen), "goals", "score", "3"]) == 2
    assert f'`companion {option} goals set "ACTIVITY"`' in capsys.readouterr().err
    main(["--data-dir", str(chosen), "today"])
    assert f"(companion {option} lesson)" in capsys.readouterr().out


def _damage(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock).checkins.add(checkin(clock.now()))
    own(data_dir, "checkins", f"{clock.now():%Y-%m}").write_text("{ not json")


def test_a_damaged_file_names_the_directory_to_check(
    tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setenv("COMPANION_NOW", clock.now().isoformat())
    chosen = tmp_path / "chosen"
    _damage(chosen, clock)
    assert main(["--data-dir", str(chosen), "today"]) == 1
    err = capsys.readouterr().err
    assert f"Run `companion --data-dir {chosen} doctor` to check it" in err
    assert f"`companion --data-dir {chosen} doctor --repair` to restore" in err


async def test_the_data_error_screen_for_a_damaged_file(tmp_path: Path, clock: FakeClock) -> None:
    chosen = tmp_path / "chosen"
    _damage(chosen, clock)
    app = build_app(chosen, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, DataErrorScreen)
        shown = app.screen.query_one(Markdown).source
        assert f"`companion --data-dir {chosen.resolve()} doctor` shows" in shown
        assert shown.count("doctor") == 2  # each command once: the problem does not repeat them
