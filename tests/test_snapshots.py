"""Snapshot tests: every scene, at its terminal size, must look as approved.

Update the approved pictures with ``pytest --snapshot-update`` after checking
the difference in ``snapshot_report.html``.
"""

from __future__ import annotations

import pytest

from tests.scenes import SCENES, Scene


@pytest.mark.parametrize(
    "scene",
    SCENES,
    ids=[scene.name for scene in SCENES],
)
def test_scene(scene: Scene, snap_compare, tmp_path) -> None:
    app = scene.build(tmp_path / "data")
    assert snap_compare(app, terminal_size=scene.size, run_before=scene.play)
