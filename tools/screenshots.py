"""Write ``screenshots/<scene>.svg`` for every scene in ``tests/scenes.py``.

Run with ``make screenshots``; ``tools/screenshots.py NAME...`` writes only
the scenes named (e.g. ``dashboard-50x25``). Each scene runs headless at its size on a
throwaway data directory with a fixed clock, so pictures are reproducible.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scenes import SCENES, Scene  # noqa: E402

OUT = ROOT / "screenshots"


async def shoot(scene: Scene, work: Path) -> Path:
    """Run one scene and save its SVG."""
    app = scene.build(work / scene.name)
    async with app.run_test(size=scene.size) as pilot:
        await scene.play(pilot)
        return Path(app.save_screenshot(f"{scene.name}.svg", str(OUT)))


async def main(names: list[str]) -> None:
    unknown = set(names) - {scene.name for scene in SCENES}
    if unknown:
        raise SystemExit(f"screenshots: no scene {', '.join(sorted(unknown))}")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="companion-shots-") as work:
        for scene in SCENES:
            if names and scene.name not in names:
                continue
            path = await shoot(scene, Path(work))
            print(f"{path.relative_to(ROOT)}  {scene.caption}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
