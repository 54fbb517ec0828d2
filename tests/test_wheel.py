"""The built wheel carries the content and checks it from anywhere.

Builds the wheel with hatchling (well under a second), unpacks it into a
temporary folder (a pure-Python wheel unpacked is what an installation puts on
``sys.path``) and runs ``companion content check`` from a folder outside the
repository, so only the packaged copy of the content can be found.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, unpacked."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for expected in ("articles/inversion.md", "routines/sciatica-basics.yaml"):
            assert f"companion/_content/{expected}" in names
        assert "companion/_content/screening.yaml" in names
        assert "companion/_content/sources.yaml" in names
        site = tmp_path_factory.mktemp("site")
        archive.extractall(site)
    return site


def run_from_outside(site: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "COMPANION_CONFIG_DIR": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, *args], cwd=elsewhere, env=env, capture_output=True, text=True
    )


def test_wheel_checks_its_own_content_outside_the_repo(unpacked_wheel: Path, tmp_path: Path):
    where = run_from_outside(
        unpacked_wheel,
        tmp_path,
        "-c",
        "import companion.core.content.library as c; print(c.content_root())",
    )
    assert Path(where.stdout.strip()) == unpacked_wheel / "companion" / "_content"
    result = run_from_outside(unpacked_wheel, tmp_path, "-m", "companion", "content", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content ok: 6 articles, 2 routines")


def test_wheel_names_a_damaged_front_matter(unpacked_wheel: Path, tmp_path: Path):
    articles = tmp_path / "config" / "articles"
    articles.mkdir(parents=True)
    (articles / "my-walk.md").write_text("---\nid: my-walk\ntitle: [oops\n---\nText\n", "utf-8")
    result = run_from_outside(unpacked_wheel, tmp_path, "-m", "companion", "content", "check")
    assert result.returncode == 1
    assert "my-walk.md:" in result.stdout + result.stderr
    assert "front matter" in result.stdout + result.stderr
