"""WCAG 2.2 AA in every mode and language (axe-core in Chromium), and the whole atlas by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.translations import languages

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                              "wcag22aa"]}}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("a11y")
    result = CliRunner().invoke(main, ["build", "--mode", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def violations(page) -> list[str]:
    result = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes'][:3]]})"
            for v in result.response["violations"]]


@pytest.mark.parametrize("mode", ["index", "kiosk", "classroom"])
@pytest.mark.parametrize("lang", languages())
def test_no_axe_violations(open_page, builds: Path, mode: str, lang: str) -> None:
    probe = open_page(builds / f"{mode}.html", f"#lang={lang}")
    page = probe.page
    assert violations(page) == []
    if mode == "kiosk":
        page.locator(".content-note-enter").click()
    page.locator("#march-list li button").first.click()  # with the details open, too
    assert violations(page) == []


def test_everything_works_with_the_keyboard_alone(open_page, builds: Path) -> None:
    probe = open_page(builds / "index.html")
    page = probe.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "marches"

    # Season buttons are reached with Tab and operated with Enter.
    page.locator(".season-button").first.focus()
    for _ in range(20):
        if page.evaluate("document.activeElement.textContent") == "Winter 1944–45":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator(".season-button[aria-pressed=true]").inner_text() == "Winter 1944–45"

    # A person from the People list (it comes before the marches): their way opens with the
    # focus on the name; Escape closes it.
    page.keyboard.press("Tab")
    for _ in range(10):
        if page.evaluate("document.activeElement.classList.contains('person-button')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator("html[data-person-station='1']").wait_for()
    assert page.evaluate("document.activeElement.id") == "person-title"
    page.keyboard.press("Escape")
    assert page.locator("#person-details").is_hidden()

    # A march from the list: details open with the focus on their title; Escape closes.
    page.locator(".person-button").last.focus()
    page.keyboard.press("Tab")
    for _ in range(10):
        if page.evaluate("document.activeElement.classList.contains('march-button')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("#details").is_visible()
    assert page.evaluate("document.activeElement.id") == "details-title"
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden()

    # A camp from the list of camps.
    page.locator(".camp-list-region summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("#details .details-marches").count() == 1

    # The language switcher.
    page.locator('#language-switcher button[data-lang="pl"]').focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "pl"

    # The layer control opens from the keyboard, and the map pans and zooms with keys.
    page.locator(".leaflet-control-layers-toggle").focus()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-control-layers-expanded").count() == 1
    page.locator(".atlas-map").focus()
    zoom = page.evaluate("MapgenAtlas.atlas.map.getZoom()")
    page.keyboard.press("+")
    page.wait_for_timeout(300)
    assert page.evaluate("MapgenAtlas.atlas.map.getZoom()") == zoom + 1
    center = page.evaluate("MapgenAtlas.atlas.map.getCenter().lng")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.evaluate("MapgenAtlas.atlas.map.getCenter().lng") > center
    assert probe.errors == []


def test_the_filter_result_is_announced(open_page, builds: Path) -> None:
    probe = open_page(builds / "index.html")
    page = probe.page
    live = page.locator("#march-count")
    assert live.get_attribute("aria-live") == "polite"
    page.get_by_role("button", name="Autumn 1944", exact=True).click()
    assert live.inner_text().endswith(", Autumn 1944")


def test_zoomed_to_200_percent_nothing_is_lost(browser, builds: Path) -> None:
    """A 1280×800 screen at 200 % zoom is a 640×400 CSS-pixel window at scale 2."""
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2,
                                  reduced_motion="reduce")
    page = context.new_page()
    page.goto((builds / "index.html").as_uri())
    page.locator("html.atlas-ready").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    # Every march can still be reached and opened.
    buttons = page.locator("#march-list li button")
    assert buttons.count() >= 25
    buttons.last.scroll_into_view_if_needed()
    buttons.last.click()
    assert page.locator("#details").is_visible()
    assert page.locator("#details-title").inner_text()
    context.close()
