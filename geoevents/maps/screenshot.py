"""PNG screenshot of a saved map with headless Chromium (Playwright), network blocked.

`python -m geoevents.maps.screenshot maps/seeds.html maps/seeds.png` — needs the `playwright`
Python package and a Chromium (Debian's /usr/bin/chromium is used when present).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def find_chromium() -> str | None:
    """A Chromium executable: $GEOEVENTS_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    for candidate in (os.environ.get("GEOEVENTS_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(
    html: str | os.PathLike[str],
    png: str | os.PathLike[str],
    *,
    width: int = 1280,
    height: int = 800,
    wait_ms: int = 1000,
) -> Path:
    """Open `html` offline (every non-file request blocked) and save a `width`×`height` PNG."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise OSError("screenshots need the playwright package: pip install playwright") from None
    exe = find_chromium()
    if exe is None:
        raise OSError("no Chromium found (install Debian's chromium or set GEOEVENTS_CHROMIUM)")
    src = Path(html).resolve()
    if not src.is_file():
        raise OSError(f"no such file: {src}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith(("file:", "data:", "blob:"))
                    else r.abort()
                ),
            )
            page.goto(src.as_uri(), wait_until="load")
            page.wait_for_timeout(wait_ms)
            page.screenshot(path=str(png))
        finally:
            browser.close()
    return Path(png)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html")
    ap.add_argument("png")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=800)
    ns = ap.parse_args()
    try:
        print(screenshot(ns.html, ns.png, width=ns.width, height=ns.height))
    except OSError as exc:
        sys.stderr.write(f"geoevents: error: {exc}\n")
        sys.exit(1)
