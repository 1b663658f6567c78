"""Screenshots of the site for the authoring guide, as a reader sees it on a phone and a laptop.

    python scripts/screenshots.py        # or: make schermafbeeldingen

Builds the site with a fixed reference date (before the spring 2023 events, so that
the front page and the agenda show coming events), serves it on localhost, and
photographs the front page, an event, the agenda and a month page at 375 and 1280
px wide with Playwright and Debian's chromium. The browser's clock is set to the same
day, so that the pages' own script does not mark the events as past. The PNGs go
into docs/_static/schermafbeeldingen/, which docs/bijdragen/schermafbeeldingen.md shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DATE = "2023-05-01"
WIDTHS = (375, 1280)
#: (file name, page, what the reader sees there)
PAGES = (
    ("voorpagina", "index.html"),
    ("evenement", "agenda/discussiebijeenkomst-verenigingsstrategie.html"),
    ("agenda", "agenda/index.html"),
    ("maand", "agenda/maand/2023-05.html"),
)


def build(outdir: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-E",
            "-b",
            "html",
            "-D",
            f"kennisbank_reference_date={REFERENCE_DATE}",
            str(ROOT / "docs"),
            str(outdir),
        ],
        check=True,
    )


def photograph(site: Path, target: Path, pages: tuple[tuple[str, str], ...] = PAGES) -> list[Path]:
    from playwright.sync_api import sync_playwright

    browser_path = shutil.which("chromium") or shutil.which("google-chrome")
    if browser_path is None:
        raise SystemExit("Geen chromium gevonden: installeer Debians chromium (zie .ci/run).")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    morning = dt.datetime.fromisoformat(f"{REFERENCE_DATE}T09:00:00+02:00")
    written = []
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        for name, page_path in pages:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 800})
                page = context.new_page()
                page.clock.set_fixed_time(morning)
                page.goto(base + page_path, wait_until="networkidle")
                path = target / f"{name}-{width}.png"
                page.screenshot(path=str(path))
                written.append(path)
                context.close()
        browser.close()
    server.shutdown()
    return written


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uitvoer", type=Path, default=ROOT / "build" / "schermafbeeldingen")
    args = parser.parse_args()
    build(args.uitvoer)
    for path in photograph(args.uitvoer, ROOT / "docs" / "_static" / "schermafbeeldingen"):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
