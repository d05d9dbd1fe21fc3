"""Shared fixtures: datasets on disk, built pages, and a headless Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import mapgen
from mapgen.paths import default_data_dir

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "data" / "mini"
ARTIFACTS = TESTS / "artifacts"  # screenshots for a person to look at (git-ignored)
CHROMIUM = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
# The gazetteer's index is built once into a cache folder: the tests keep theirs in the
# checkout (git-ignored), not in the user's cache, and it outlives a run.
os.environ.setdefault("MAPGEN_CACHE_DIR", str(ARTIFACTS / "cache"))


def with_evacuation(folder: Path) -> Path:
    """The small dataset with a camp-wide evacuation that march a-to-b belongs to, a leg of a
    mode no source states, a march (a-to-c) with no figures of its own, and Hebrew
    translations of the data."""
    marches = folder / "marches.csv"
    lines = marches.read_text(encoding="utf-8").splitlines()
    lines[0] += ",evacuation"
    lines[1] += ",camp-a-january-1945"
    assert ",3600,3600,1200,1600,," in lines[2]
    lines[2] = lines[2].replace(",3600,3600,1200,1600,,", ",,,,,No count of prisoners or deaths "
                                "on this march was found.,") + ","
    marches.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "evacuations.csv").write_text(
        "id,camp,title,start,end,prisoners_min,prisoners_max,deaths_min,deaths_max,"
        "figures_note,summary,sources\n"
        "camp-a-january-1945,camp-a,Evacuation of Camp A,1945-01-17,1945-01-25,50000,60000,"
        ",,No count of deaths for the whole evacuation was found.,The whole camp was cleared "
        "in January.,test-source\n", encoding="utf-8")
    route = folder / "marches" / "a-to-b.geojson"
    route.write_text(route.read_text().replace('"mode": "train"', '"mode": "unknown"'))
    (folder / "i18n").mkdir(exist_ok=True)
    (folder / "i18n" / "he.csv").write_text(
        "kind,id,field,text\nevacuation,camp-a-january-1945,title,פינוי מחנה A\n",
        encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def shipped_atlas() -> mapgen.Atlas:
    return mapgen.load_atlas()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small test dataset."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def shipped_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web build of the shipped dataset, written by the real CLI."""
    from click.testing import CliRunner

    from mapgen.cli import main

    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "index.html"


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. Never skipped: a missing browser fails."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium' "
                    "(or set MAPGEN_CHROMIUM); browser tests do not skip")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            # No background traffic of Chromium's own, so that every request seen is the page's.
            args=["--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


class PageProbe:
    """A page with every console error, page error and non-file request recorded."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: r.url.startswith("file://") or self.requests.append(r.url))
        page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, path: Path, fragment: str = "") -> None:
        self.page.goto(path.as_uri() + fragment)
        # A locator, not wait_for_function: that one evaluates a string in the page, which the
        # kiosk's Content-Security-Policy forbids once the page draws after its load event.
        self.page.locator("html.atlas-ready").wait_for()


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(path: Path, fragment: str = "", width: int = 1280, height: int = 800,
               clock: bool = False) -> PageProbe:
        # Reduced motion: the map jumps instead of animating, so views can be checked at once.
        context = browser.new_context(viewport={"width": width, "height": height},
                                      reduced_motion="reduce")
        contexts.append(context)
        page = context.new_page()
        if clock:  # a fake clock the test moves on (kiosk idle time, classroom playback)
            page.clock.install()
        probe = PageProbe(page)
        probe.open(path, fragment)
        return probe

    yield opener
    for context in contexts:
        context.close()


def pytest_sessionstart(session: pytest.Session) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    sys.stdout.flush()


__all__ = ["ARTIFACTS", "MINI", "TESTS", "default_data_dir", "with_evacuation"]
