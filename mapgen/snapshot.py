"""`mapgen snapshot`: the map as a PNG or PDF handout, rendered by headless Chromium.

Needs Playwright (the optional extra `snapshot`) and a Chromium: Debian's `chromium` package
(found at /usr/bin/chromium, or named by MAPGEN_CHROMIUM) or Playwright's own browser.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# Chromium stays quiet: no update checks or other traffic of its own while it renders.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


class SnapshotError(Exception):
    """What went wrong, in one line a user can act on."""


def find_chromium() -> str | None:
    named = os.environ.get("MAPGEN_CHROMIUM")
    if named:
        return named
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def snapshot(page: Path, out: Path, fragment: str = "", width: int = 1920,
             height: int = 1080) -> Path:
    """Open a built page at `fragment` (`#season=…`) and save it as PNG or (A4 landscape) PDF.

    A page that prints a handout (web, classroom) gives it in both: the PDF is the printed
    page, the PNG the same page as a picture (no buttons or placeholders); a kiosk page, which
    does not print, gives its screen."""
    suffix = out.suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise SnapshotError(f"{out}: the file must end in .png or .pdf")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise SnapshotError("snapshot needs Playwright: pip install 'mapgen[snapshot]'") from exc
    a4 = (1123, 794)  # A4 landscape at 96 px per inch
    # The handout is laid out on A4 (in millimetres); a PNG of it is that page, scaled to the
    # width asked for.
    handout = "handout-head" in page.read_text(encoding="utf-8", errors="replace")
    scale = 1.0
    if handout:
        scale = width / a4[0] if suffix == ".png" else 1.0
        width, height = a4
    chromium = find_chromium()
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=scale, reduced_motion="reduce")
            tab = context.new_page()
            tab.goto(page.resolve().as_uri() + fragment)
            # A locator: wait_for_function evaluates a string, which a kiosk page's CSP forbids.
            tab.locator("html.atlas-ready").wait_for()
            if handout:
                # Leaflet lays the map out for the window it has (the paper's size, above);
                # then the page is laid out as printed.
                tab.emulate_media(media="print")
                tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
                tab.locator("html[data-handout=ready]").wait_for()
                tab.locator(".atlas-map[data-labels=placed]").wait_for()
            if suffix == ".png":
                tab.screenshot(path=str(out))
            else:
                tab.pdf(path=str(out), format="A4", landscape=True, prefer_css_page_size=True,
                        print_background=True)
            browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = "" if chromium else " (no Chromium found: install Debian's 'chromium' or set " \
            "MAPGEN_CHROMIUM)"
        raise SnapshotError(f"Chromium could not render the map: {first}{hint}") from exc
    return out
