"""Write ``screenshots/report.html`` and ``screenshots/report.png``: the clinician
report (``companion export --format html``) on the demo data, rendered by a
headless Chromium for the README.

Run by ``make screenshots``. Without a ``chromium`` (or ``chromium-browser``,
``google-chrome``) on the PATH it writes the HTML, says the PNG was skipped
and exits 0. The browser runs with networking off and a throwaway profile;
the page needs nothing from the network anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.cli.report import clinician_report  # noqa: E402
from companion.core.clock import FakeClock  # noqa: E402
from companion.core.demo import demo_records  # noqa: E402
from companion.core.demo_programme import demo_settings  # noqa: E402
from companion.store import Store  # noqa: E402
from tests.scenes import SCENE_NOW  # noqa: E402

OUT = ROOT / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WINDOW = "820,1160"
"""CSS pixels of an A4-shaped window; the PNG is 1.5 times that."""


def demo_report(work: Path) -> str:
    """The report HTML for the demo data, as of the scenes' fixed "now" (UTC)."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    clock = FakeClock(current=SCENE_NOW)
    store = Store.open(work / "data", clock)
    store.import_records(**demo_records(clock))
    store.update_settings(**demo_settings())
    return clinician_report(store, clock, None, None)


def render_png(browser: str, html: Path, png: Path, profile: Path) -> None:
    """Screenshot ``html`` with a headless browser that makes no network requests."""
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={WINDOW}",
            "--force-device-scale-factor=1.5",
            "--hide-scrollbars",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main() -> int:
    OUT.mkdir(exist_ok=True)
    html = OUT / "report.html"
    with tempfile.TemporaryDirectory(prefix="companion-report-") as work:
        html.write_text(demo_report(Path(work)))
        print(f"{html.relative_to(ROOT)}  the clinician report on the demo data")
        browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
        if browser is None:
            print("screenshots/report.png  skipped: no chromium on the PATH")
            return 0
        png = OUT / "report.png"
        render_png(browser, html, png, Path(work) / "profile")
        print(f"{png.relative_to(ROOT)}  rendered by {Path(browser).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
