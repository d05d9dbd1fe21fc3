"""The built map in a real browser (headless Debian Chromium driven by Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.model import SEASONS

from .conftest import ARTIFACTS, routes_drawn
from .hostile import hostile_dataset

pytestmark = pytest.mark.browser

def drawn(page) -> list[str]:
    """The marches with a route drawn on the map, once the page has drawn its last change."""
    routes_drawn(page)
    return page.evaluate("MapgenAtlas.atlas.drawnMarchIds()")


LISTED_NOW = """() => [...document.querySelectorAll('#march-list li')]
  .filter(li => !li.hidden && li.offsetParent !== null).map(li => li.dataset.march).sort()"""


def listed(page) -> list[str]:
    """The marches in the list, after "Show more" until every one is listed."""
    more = page.locator(".march-more")
    while more.count() and more.is_visible():
        more.click()
    return page.evaluate(LISTED_NOW)


def test_opens_with_no_error_and_no_request_to_any_host(open_page, shipped_html: Path) -> None:
    probe = open_page(shipped_html)
    probe.page.wait_for_timeout(300)
    assert probe.errors == []
    assert probe.requests == []


def test_every_march_is_drawn_and_listed(open_page, shipped_html: Path, shipped_atlas) -> None:
    probe = open_page(shipped_html)
    expected = sorted(shipped_atlas.marches["id"])
    assert drawn(probe.page) == expected
    assert listed(probe.page) == expected
    assert probe.page.evaluate("MapgenAtlas.atlas.drawnLegCount()") == len(shipped_atlas.legs)


def test_each_season_shows_exactly_its_marches(open_page, shipped_html: Path,
                                                shipped_atlas) -> None:
    probe = open_page(shipped_html)
    page = probe.page
    present = [s for s in SEASONS if any(s.id in row for row in shipped_atlas.marches["seasons"])]
    assert len(present) >= 4
    for season in present:
        page.get_by_role("button", name=season.label, exact=True).click()
        expected = sorted(m.id for m in shipped_atlas.marches.itertuples() if season.id in m.seasons)
        assert drawn(page) == expected, season.id
        assert listed(page) == expected, season.id
        pressed = page.locator(".season-button[aria-pressed=true]").all_inner_texts()
        assert pressed == [season.label]
        count = page.locator("#march-count").inner_text()
        assert count.startswith(f"{len(expected)} march")
        # The view is fitted to the season's marches: all of them are inside it.
        inside = page.evaluate("""() => {
          const a = MapgenAtlas.atlas;
          return a.map.getBounds().pad(0.02).contains(a.boundsOf(a.visibleMarches()));
        }""")
        assert inside, season.id
    page.get_by_role("button", name="All", exact=True).click()
    assert drawn(page) == sorted(shipped_atlas.marches["id"])


def test_choosing_a_march_shows_its_stations_figures_and_sources(open_page, shipped_html: Path,
                                                                  shipped_atlas) -> None:
    marches = shipped_atlas.marches
    march = marches[marches["prisoners_min"] < marches["prisoners_max"]].iloc[0]
    probe = open_page(shipped_html)
    page = probe.page
    page.locator(f'#march-list li[data-march="{march["id"]}"] button').click()
    details = page.locator("#details")
    assert details.is_visible()
    assert page.locator("#details-title").inner_text() == march["title"]
    text = details.inner_text()
    low, high = int(march["prisoners_min"]), int(march["prisoners_max"])
    assert f"{low:,}–{high:,} (sources differ)" in text
    places = shipped_atlas.places.set_index("id")
    for station in march["stations"]:
        place = places.loc[station]
        assert (place["name_wartime"] or place["name"]) in text
    sources = shipped_atlas.sources.set_index("id")
    for sid in march["sources"]:
        assert sources.loc[sid, "citation"] in text
        if sources.loc[sid, "url"]:
            link = details.locator(f'a[href="{sources.loc[sid, "url"]}"]')
            assert link.count() == 1
    assert "march=" + march["id"] in page.evaluate("location.hash")
    # The map is fitted to the march, beside the details card rather than under it.
    fitted = page.evaluate("""(id) => {
      const a = MapgenAtlas.atlas, map = a.map;
      const card = document.getElementById('details').getBoundingClientRect();
      const box = map.getContainer().getBoundingClientRect();
      const free = L.latLngBounds(
        map.containerPointToLatLng([0, box.height]),
        map.containerPointToLatLng([Math.min(box.width, card.left - box.left), 0]));
      return free.pad(0.02).contains(a.boundsOf([a.marchById[id]]));
    }""", march["id"])
    assert fitted
    # The selected march is highlighted: its lines are wider than before.
    page.keyboard.press("Escape")
    assert details.is_hidden()
    assert "march=" not in page.evaluate("location.hash")


def test_a_shared_link_restores_season_and_march(open_page, shipped_html: Path,
                                                  shipped_atlas) -> None:
    march = shipped_atlas.marches[
        shipped_atlas.marches["seasons"].apply(lambda s: "winter-1944-45" in s)].iloc[0]
    fragment = f"#season=winter-1944-45&march={march['id']}"
    probe = open_page(shipped_html, fragment)
    page = probe.page
    assert page.locator(".season-button[aria-pressed=true]").inner_text() == "Winter 1944–45"
    assert page.locator("#details-title").inner_text() == march["title"]
    page.get_by_role("button", name="All", exact=True).click()
    page.get_by_role("button", name="Summer 1944", exact=True).click()
    assert page.evaluate("location.hash") == "#season=summer-1944"
    # Round trip: what the page wrote opens the same view.
    again = open_page(shipped_html, page.evaluate("location.hash"))
    assert again.page.locator(".season-button[aria-pressed=true]").inner_text() == "Summer 1944"
    assert again.errors == [] and probe.errors == []


def test_a_camp_shows_the_marches_that_left_or_passed_it(open_page, shipped_html: Path,
                                                          shipped_atlas) -> None:
    probe = open_page(shipped_html)
    page = probe.page
    camp = shipped_atlas.places.set_index("id").loc["gross-rosen"]
    marker = page.locator(".camp-marker.place-gross-rosen")
    marker.click(force=True)
    details = page.locator("#details")
    assert details.is_visible()
    title = page.locator("#details-title").inner_text()
    assert title.startswith(camp["name_wartime"] or camp["name"])
    through = [m.title for m in shipped_atlas.marches.itertuples() if "gross-rosen" in m.stations]
    buttons = details.locator(".details-marches button").all_inner_texts()
    assert sorted(buttons) == sorted(through)


def test_hostile_strings_show_as_text_and_run_nothing(open_page, tmp_path: Path) -> None:
    used = hostile_dataset(tmp_path / "data")
    out = tmp_path / "out"
    from click.testing import CliRunner

    from mapgen.cli import main

    result = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "data"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    probe = open_page(out / "index.html")
    page = probe.page
    title = used["marches.csv:0:title"]
    page.locator('#march-list li[data-march="a-to-b"] button').click()
    assert page.locator("#details-title").inner_text() == title
    details = page.locator("#details").inner_text()
    assert used["marches.csv:0:summary"].strip() in details
    assert used["note"] in details
    page.locator(".camp-marker").first.click(force=True)
    assert page.evaluate("window.__pwned") is None
    assert probe.errors == []
    assert probe.requests == []


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720), (1080, 1920), (375, 812)])
def test_screenshots_panel_and_map_share_the_screen(open_page, shipped_html: Path,
                                                    width: int, height: int) -> None:
    probe = open_page(shipped_html, width=width, height=height)
    page = probe.page
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / f"map-{width}x{height}.png"))
    map_box = page.locator(".atlas-map").bounding_box()
    panel_box = page.locator(".atlas-panel").bounding_box()
    assert map_box["width"] >= min(300, width - 10) and map_box["height"] >= 300
    overlap_x = min(map_box["x"] + map_box["width"], panel_box["x"] + panel_box["width"]) - max(
        map_box["x"], panel_box["x"])
    overlap_y = min(map_box["y"] + map_box["height"], panel_box["y"] + panel_box["height"]) - max(
        map_box["y"], panel_box["y"])
    assert overlap_x <= 1 or overlap_y <= 1, "the list covers the map"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    page.locator("#march-list li button").first.click()
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / f"details-{width}x{height}.png"))
    assert page.locator("#details").is_visible()
    assert probe.errors == []
