"""The cycle collector paused at start-up and over big summaries, and always resumed."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from companion import __main__ as cli
from companion.core.collection import pause_collection, paused_collection
from tests.ui import build_app


@pytest.fixture(autouse=True)
def collector_on():
    """Each test starts with the collector running, and leaves it so."""
    gc.enable()
    yield
    gc.enable()


def test_a_pause_is_resumed_once_and_young_objects_age_at_once() -> None:
    resume = pause_collection()
    assert not gc.isenabled()
    made: list[list[int]] = [[] for _ in range(1000)]  # young objects walked again
    resume()
    assert gc.isenabled()
    assert gc.get_count()[0] < len(made)  # moved to the oldest generation
    gc.disable()
    resume()  # a second call does nothing
    assert not gc.isenabled()


def test_an_inner_pause_leaves_resuming_to_the_outer_one() -> None:
    resume_outer = pause_collection()
    with paused_collection():
        pass
    assert not gc.isenabled()  # still the outer pause's
    resume_outer()
    assert gc.isenabled()


def test_the_block_resumes_even_when_it_fails() -> None:
    with pytest.raises(RuntimeError), paused_collection():
        raise RuntimeError("while paused")
    assert gc.isenabled()


async def test_the_app_calls_after_first_frame_once_its_first_frame_is_out(
    data_dir, clock, monkeypatch
):
    frames: list[object] = []
    calls: list[int] = []
    app = build_app(data_dir, clock)
    display = app._display

    def counting(*args: object) -> None:
        frames.append(args)
        display(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "_display", counting)
    app.after_first_frame = lambda: calls.append(len(frames))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
    assert len(calls) == 1 and calls[0] >= 1  # once, and only after a frame was sent


def test_the_ui_starts_with_the_collector_paused_and_hands_over_its_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.app

    seen: list[bool] = []

    def run_app(**options: object) -> int:
        seen.append(gc.isenabled())
        resume = options["after_first_frame"]
        assert callable(resume)
        resume()  # as the app does after its first frame
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(companion.app, "run_app", run_app)
    assert cli.main(["--data-dir", str(tmp_path / "data")]) == 0
    assert seen == [False, True]


def test_the_ui_resumes_the_collector_when_it_cannot_start(tmp_path: Path) -> None:
    """A data folder that is a file: the UI never starts, the collector runs again."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("not a data folder")
    assert cli.main(["--data-dir", str(not_a_folder)]) != 0
    assert gc.isenabled()
