"""Snapshot tests: every scene, at its terminal size, must look as approved.

Update the approved pictures with ``pytest --snapshot-update`` after checking
the difference in ``snapshot_report.html``.
"""

from __future__ import annotations

import pytest

from tests.scenes import SCENES, Scene

UNSTEADY = {
    "dashboard-50x25": "the scrolled cards' borders are cut into different SVG runs from run "
    "to run (same picture); its layout is checked by tests/test_small_screens.py",
}
"""Scenes pictured by `make screenshots` but not compared, and why."""


@pytest.mark.parametrize(
    "scene",
    [
        pytest.param(scene, marks=pytest.mark.skip(reason=UNSTEADY[scene.name]))
        if scene.name in UNSTEADY
        else scene
        for scene in SCENES
    ],
    ids=[scene.name for scene in SCENES],
)
def test_scene(scene: Scene, snap_compare, tmp_path) -> None:
    app = scene.build(tmp_path / "data")
    assert snap_compare(app, terminal_size=scene.size, run_before=scene.play)
