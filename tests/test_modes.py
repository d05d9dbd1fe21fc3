"""The three builds (issue 4): kiosk, classroom and web embed, each tried as its users would."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from mapgen.cli import main

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("modes")
    result = CliRunner().invoke(main, ["build", "--mode", "all", "--out", str(out),
                                       "--idle-seconds", "30", "--attract"])
    assert result.exit_code == 0, result.output
    return out


def test_mode_all_writes_three_self_contained_pages(builds: Path) -> None:
    for name in ("index.html", "kiosk.html", "classroom.html"):
        soup = BeautifulSoup((builds / name).read_text(), "html.parser")
        assert soup.find_all("script", src=True) == [], name
        assert soup.find_all("link", href=True) == [], name
    kiosk = (builds / "kiosk.html").read_text()
    csp = BeautifulSoup(kiosk, "html.parser").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "tile.openstreetmap.org" not in kiosk
    assert "tile.openstreetmap.org" in (builds / "index.html").read_text()


# --- kiosk --------------------------------------------------------------------------------

def test_kiosk_opens_with_the_content_note_and_enters(open_page, builds: Path) -> None:
    probe = open_page(builds / "kiosk.html", width=1920, height=1080)
    page = probe.page
    note = page.get_by_role("dialog")
    assert note.is_visible()
    assert "died" in note.inner_text()
    assert page.evaluate("document.querySelector('.atlas-layout').inert") is True
    page.get_by_role("button", name="Enter the map").click()
    assert note.is_hidden()
    assert page.evaluate("document.querySelector('.atlas-layout').inert") is False
    assert probe.errors == [] and probe.requests == []


def test_kiosk_returns_to_the_start_after_idle_time_and_attracts(open_page, builds: Path) -> None:
    probe = open_page(builds / "kiosk.html", width=1920, height=1080, clock=True)
    page = probe.page
    page.get_by_role("button", name="Enter the map").click()
    page.get_by_role("button", name="Winter 1944–45", exact=True).click()
    page.locator("#march-list li:not([hidden]) button").first.click()
    assert page.locator("#details").is_visible()
    page.clock.run_for(29_000)
    assert page.get_by_role("dialog").is_hidden()  # not yet
    page.clock.run_for(2_000)
    assert page.get_by_role("dialog").is_visible()
    assert page.locator("#details").is_hidden()
    assert page.locator(".season-button[aria-pressed=true]").inner_text() == "All"
    # The attract loop then moves through the seasons behind the note.
    page.clock.run_for(8_500)
    assert page.locator(".season-button[aria-pressed=true]").inner_text() != "All"
    assert probe.errors == []


def test_kiosk_is_locked_down(open_page, builds: Path) -> None:
    probe = open_page(builds / "kiosk.html", width=1920, height=1080)
    page = probe.page
    page.get_by_role("button", name="Enter the map").click()
    page.locator("#march-list li button").first.click()
    assert page.locator("#details a[href]").count() == 0  # sources as citations, no way out
    assert page.locator("#details .details-sources li").count() >= 1
    prevented = page.evaluate("""() => {
      const e = new MouseEvent('contextmenu', {bubbles: true, cancelable: true});
      document.querySelector('.atlas-map').dispatchEvent(e);
      return e.defaultPrevented;
    }""")
    assert prevented
    assert page.evaluate("getComputedStyle(document.body).userSelect") == "none"


@pytest.mark.parametrize("width,height", [(1920, 1080), (1080, 1920)])
def test_kiosk_fills_the_screen_with_large_touch_targets(open_page, builds: Path,
                                                         width: int, height: int) -> None:
    probe = open_page(builds / "kiosk.html", width=width, height=height)
    page = probe.page
    page.get_by_role("button", name="Enter the map").click()
    assert page.evaluate("document.documentElement.scrollHeight") <= height
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    small = page.evaluate("""() => [...document.querySelectorAll(
        'button, .leaflet-bar a, .leaflet-control-layers-toggle')]
      .filter(b => b.offsetParent !== null)
      .map(b => [b.className + ' ' + (b.textContent || '').trim().slice(0, 20), b.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)""")
    assert small == []
    page.screenshot(path=str(ARTIFACTS / f"kiosk-{width}x{height}.png"))


def test_kiosk_memory_does_not_grow_over_thousands_of_interactions(open_page,
                                                                   builds: Path) -> None:
    probe = open_page(builds / "kiosk.html", width=1024, height=768)
    page = probe.page
    page.get_by_role("button", name="Enter the map").click()
    cdp = page.context.new_cdp_session(page)
    drive = """(n) => {
      const seasons = [...document.querySelectorAll('.season-button')];
      const langs = [...document.querySelectorAll('#language-switcher button')];
      for (let i = 0; i < n; i++) {
        seasons[i % seasons.length].click();
        const items = [...document.querySelectorAll('#march-list li:not([hidden]) button')];
        if (items.length) items[(i * 7) % items.length].click();
        if (i % 5 === 0) document.querySelector('.details-close')?.click();
        if (i % 50 === 0) langs[(i / 50) % langs.length].click();
      }
    }"""

    def heap() -> float:
        cdp.send("HeapProfiler.collectGarbage")
        return cdp.send("Runtime.getHeapUsage")["usedSize"]

    page.evaluate(drive, 150)  # warm up: every layer and text has been drawn once
    before = heap()
    page.evaluate(drive, 700)  # about 1,600 clicks: seasons, marches, closing, languages
    after = heap()
    assert after - before < 3_000_000, f"heap grew from {before:,.0f} to {after:,.0f} bytes"
    assert probe.errors == []


# --- classroom ----------------------------------------------------------------------------

def test_classroom_steps_through_the_phases_with_clicker_keys(open_page, builds: Path,
                                                              shipped_atlas) -> None:
    probe = open_page(builds / "classroom.html", width=1920, height=1080)
    page = probe.page
    phases = shipped_atlas.phases
    marches = shipped_atlas.marches
    page.locator("body").click(position={"x": 5, "y": 5})
    for index in range(len(phases)):
        page.keyboard.press("PageDown" if index % 2 else "ArrowRight")
        phase = phases.iloc[index]
        assert page.locator(".story-title").inner_text() == phase["label"]
        assert page.locator(".story-caption").inner_text() == phase["caption"]
        expected = sorted(m.id for m in marches.itertuples()
                          if m.start_date <= phase["end_date"] and m.end_date >= phase["start_date"])
        shown = page.evaluate("""() => [...document.querySelectorAll('#march-list li')]
            .filter(li => !li.hidden).map(li => li.dataset.march).sort()""")
        assert shown == expected, phase["id"]
        page.screenshot(path=str(ARTIFACTS / f"classroom-phase-{index + 1}.png"))
    page.keyboard.press("PageUp")
    assert page.locator(".story-title").inner_text() == phases.iloc[-2]["label"]
    assert "phase=" + phases.iloc[-2]["id"] in page.evaluate("location.hash")
    assert probe.errors == []


@pytest.mark.parametrize("name", ["classroom.html", "index.html"])
def test_timeline_plays_month_by_month(open_page, builds: Path, name: str) -> None:
    probe = open_page(builds / name, width=1280, height=720, clock=True)
    page = probe.page
    page.get_by_role("button", name="Play").click()
    first = page.locator(".month-current").inner_text()
    assert "under way" in first
    page.clock.run_for(1_900)
    second = page.locator(".month-current").inner_text()
    assert second != first
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(5_000)
    assert page.locator(".month-current").inner_text() == second
    assert probe.errors == []


def _start_printing(page) -> None:
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as a browser does
    page.locator("html[data-handout=ready]").wait_for()


def _pdf_pages(page) -> int:
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_classroom_text_is_large_and_prints_on_one_a4_page(open_page, builds: Path) -> None:
    # What a lesson prints: one season's marches (the winter of 1944-45, the January
    # evacuations), its map, legend, list and sources on one sheet.
    probe = open_page(builds / "classroom.html", "#season=winter-1944-45", width=1280, height=720)
    page = probe.page
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.march-title')).fontSize)")
    assert size >= 20
    _start_printing(page)
    assert page.locator(".handout-legend").is_visible()
    assert page.locator(".story-bar").is_hidden()
    assert page.locator(".season-filter").is_hidden()
    assert page.locator(".handout-marches li").count() >= 10
    pages = _pdf_pages(page)
    assert pages == 1, f"the handout has {pages} pages"


def test_the_whole_atlas_prints_every_march_without_cutting_the_list(open_page,
                                                                    builds: Path) -> None:
    # Over a hundred marches do not fit one sheet beside a map: the list goes on overleaf,
    # whole, rather than being cut at the foot of the first page.
    probe = open_page(builds / "classroom.html", width=1280, height=720)
    page = probe.page
    shown = page.evaluate("MapgenAtlas.atlas.visibleMarches().length")
    _start_printing(page)
    assert page.locator(".handout-marches li").count() == shown
    assert page.locator(".atlas-map-area").is_visible()
    cut = page.evaluate("""() => [...document.querySelectorAll('.atlas-layout, .handout-body')]
      .some(e => e.scrollHeight > e.clientHeight + 1)""")
    assert not cut
    pages = _pdf_pages(page)
    assert 2 <= pages <= 3, f"the handout has {pages} pages"


# --- web embed ----------------------------------------------------------------------------

def test_in_an_iframe_the_page_scroll_does_not_zoom_the_map(open_page, builds: Path,
                                                            tmp_path: Path) -> None:
    host = builds / "host.html"
    host.write_text('<!DOCTYPE html><html lang="en"><title>Host</title><body style="height:3000px">'
                    '<iframe src="index.html" width="900" height="600" allowfullscreen '
                    'title="Atlas"></iframe>'
                    # The probe waits for this class; the host page has nothing else to wait for.
                    "<script>document.documentElement.classList.add('atlas-ready')</script>"
                    '</body></html>')
    probe = open_page(host, width=1280, height=800)
    page = probe.page
    frame = page.frame_locator("iframe")
    frame.locator("html.atlas-ready").wait_for()
    inner = page.frames[1]
    assert inner.evaluate("MapgenAtlas.atlas.map.gestureHandling.enabled()") is True
    assert inner.evaluate("document.fullscreenEnabled") is True
    top = open_page(builds / "index.html")
    assert top.page.evaluate("MapgenAtlas.atlas.map.gestureHandling.enabled()") is False
    zoom = inner.evaluate("MapgenAtlas.atlas.map.getZoom()")
    page.mouse.move(400, 300)
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(300)
    assert inner.evaluate("MapgenAtlas.atlas.map.getZoom()") == zoom


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_nothing_overlaps_and_details_are_a_bottom_sheet(open_page, builds: Path,
                                                                    width: int) -> None:
    probe = open_page(builds / "index.html", width=width, height=700)
    page = probe.page
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#march-list li button").nth(random.Random(width).randrange(5)).click()
    sheet = page.locator("#details").bounding_box()
    assert abs(sheet["y"] + sheet["height"] - 700) <= 1 and sheet["width"] >= width - 1
    boxes = page.evaluate("""() => [...document.querySelectorAll('.leaflet-control')]
      .filter(c => c.offsetParent !== null).map(c => c.getBoundingClientRect().toJSON())""")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = (min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
                       and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1)
            assert not overlap, (a, b)
    page.screenshot(path=str(ARTIFACTS / f"web-{width}.png"))
    assert probe.errors == []


def test_snapshot_renders_a_png_and_a_one_page_pdf_handout(tmp_path: Path) -> None:
    # A process of its own, as a teacher runs it (and away from this session's browser).
    png, pdf = tmp_path / "winter.png", tmp_path / "winter.pdf"
    for out in (png, pdf):
        result = subprocess.run(
            [sys.executable, "-m", "mapgen", "snapshot", "--mode", "classroom", "--season",
             "winter-1944-45", "--size", "1280x720", "--out", str(out)],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 1280  # the width asked for
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1
    bad = CliRunner().invoke(main, ["snapshot", "--out", str(tmp_path / "map.gif")])
    assert bad.exit_code == 1 and "must end in .png or .pdf" in bad.output
