"""The map as its users see it (the December 2026 review): the chosen march in the open part of
the map, named places that never overlap, filters that hide other marches' stations, dates as
people write them. Every build, the review's screen sizes, English and Hebrew."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main

pytestmark = pytest.mark.browser

SIZES = [(1920, 1080), (1366, 768), (1280, 720), (1080, 1920), (375, 812)]

# Each station of the march where the map draws it: what the page shows at that point must be
# the map itself, not the details, the legend, the story bar or a button.
HIDDEN_STATIONS = """(id) => {
  const a = MapgenAtlas.atlas, map = a.map, box = map.getContainer().getBoundingClientRect();
  return a.marchById[id].stations.filter(pid => {
    const p = a.places[pid], pt = map.latLngToContainerPoint([p.lat, p.lon]);
    const hit = document.elementFromPoint(box.left + pt.x, box.top + pt.y);
    return !hit || !map.getContainer().contains(hit) ||
      !!hit.closest('.leaflet-control, .details, .story-bar, .legend');
  });
}"""

OVERLAPPING_LABELS = """() => {
  const rs = [...document.querySelectorAll('.map-label:not([hidden])')]
    .map(n => [n.textContent, n.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
    const a = rs[i][1], b = rs[j][1];
    if (a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5)
      out.push(rs[i][0] + ' / ' + rs[j][0]);
  }
  return out;
}"""

LABELS = """() => [...document.querySelectorAll('.map-label:not([hidden])')].map(n => n.textContent)"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ux")
    result = CliRunner().invoke(main, ["build", "--mode", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _open(open_page, builds: Path, build: str, fragment: str, width: int, height: int):
    probe = open_page(builds / f"{build}.html", fragment, width=width, height=height)
    page = probe.page
    if build == "kiosk":
        page.locator(".content-note-enter").click()
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    return probe


@pytest.mark.parametrize("build", ["index", "kiosk", "classroom"])
@pytest.mark.parametrize("lang", ["en", "he"])
@pytest.mark.parametrize("width,height", SIZES)
def test_every_station_of_the_chosen_march_lies_on_the_open_map(open_page, builds: Path,
                                                                build: str, lang: str,
                                                                width: int, height: int) -> None:
    probe = _open(open_page, builds, build, f"#lang={lang}", width, height)
    page = probe.page
    for march in ("warsaw-kutno-dachau", "auschwitz-wodzislaw"):
        page.evaluate("(id) => MapgenAtlas.atlas.selectMarch(id)", march)
        page.locator(".atlas-map[data-labels=placed]").wait_for()
        assert page.locator("#details").is_visible()
        assert page.evaluate(HIDDEN_STATIONS, march) == [], (march, build, lang, width, height)
        assert page.evaluate(OVERLAPPING_LABELS) == []
    assert probe.errors == []


@pytest.mark.parametrize("width,height", [(1920, 1080), (1080, 1920)])
def test_in_hebrew_the_details_leave_the_zoom_and_layer_buttons_free(open_page, builds: Path,
                                                                     width: int,
                                                                     height: int) -> None:
    probe = _open(open_page, builds, "index", "#lang=he&march=auschwitz-wodzislaw", width, height)
    page = probe.page
    details = page.locator("#details").bounding_box()
    for selector in (".leaflet-control-zoom", ".leaflet-control-layers", ".fullscreen-button"):
        b = page.locator(selector).bounding_box()
        assert b["x"] + b["width"] <= details["x"] or b["x"] >= details["x"] + details["width"], selector


def test_web_on_a_portrait_screen_puts_the_map_over_the_list(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 1080, 1920)
    page = probe.page
    box = page.locator(".atlas-map").bounding_box()
    panel = page.locator(".atlas-panel").bounding_box()
    assert box["width"] == 1080 and box["height"] >= 960
    assert panel["y"] >= box["y"] + box["height"] - 1


def test_the_legend_folds_away_while_a_march_is_chosen(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 1920, 1080)
    page = probe.page
    assert page.locator("#legend-body").is_visible()
    page.locator("#march-list li button").first.click()
    assert page.locator("#legend-body").is_hidden()
    page.keyboard.press("Escape")
    assert page.locator("#legend-body").is_visible()


@pytest.mark.parametrize("lang", ["en", "he"])
@pytest.mark.parametrize("width,height", SIZES)
def test_labels_never_overlap_at_any_zoom(open_page, builds: Path, lang: str, width: int,
                                          height: int) -> None:
    probe = _open(open_page, builds, "index", f"#lang={lang}", width, height)
    page = probe.page
    for zoom in (5, 6, 7, 8, 9):
        page.evaluate("""(z) => { const m = MapgenAtlas.atlas.map;
          m.getContainer().setAttribute('data-labels', 'pending');
          m.setView([50.6, 17.5], z, { animate: false }); }""", zoom)
        page.locator(".atlas-map[data-labels=placed]").wait_for()
        assert page.evaluate(OVERLAPPING_LABELS) == [], zoom
    assert probe.errors == []


def test_places_are_named_stations_camps_cities_and_countries(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "#march=auschwitz-wodzislaw", 1920, 1080)
    page = probe.page
    labels = page.evaluate(LABELS)
    # The march's own start and end, and towns it passed.
    assert any(t.startswith("Loslau") for t in labels), labels
    assert any("Mauthausen" in t for t in labels), labels
    page.keyboard.press("Escape")
    page.evaluate("""() => { const m = MapgenAtlas.atlas.map;
      m.getContainer().setAttribute('data-labels', 'pending'); m.setView([50.5, 15], 6, { animate: false }); }""")
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    labels = page.evaluate(LABELS)
    assert "Berlin" in labels and "Prag / Praha" in labels, labels
    # By default the territories of 1944-45 are named, not today's countries (which would
    # mislead over the borders of the time).
    territories = """() => [...document.querySelectorAll('.border-label span')]
      .filter(n => n.getClientRects().length).map(n => n.textContent)"""
    shown = page.evaluate(territories)
    assert "Protectorate of Bohemia and Moravia" in shown and "General Government" in shown, shown
    assert any(t.startswith("Greater German Reich") for t in shown), shown
    assert page.locator(".map-label.country-name:not([hidden])").count() == 0, labels
    # In German the territories and cities are German.
    page.locator(".language-button[data-lang=de]").first.click()
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    shown = page.evaluate(territories)
    assert "Protektorat Böhmen und Mähren" in shown and "Generalgouvernement" in shown, shown
    # Today's borders, switched on in the layer control as a reader would: today's countries
    # are named (where the stations leave them room), in German.
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label("Heutige Grenzen", exact=False).check()
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    labels = set(page.evaluate(LABELS))
    assert page.locator(".map-label.country-name:not([hidden])").count() > 0, labels
    assert labels & {"Slowakei", "Ungarn", "Italien", "Kroatien", "Tschechien", "Polen", "Deutschland"}, labels
    assert not labels & {"Slovakia", "Hungary", "Italy", "Croatia", "Czechia", "Poland", "Germany"}, labels


def test_camps_of_one_complex_fold_together_when_zoomed_out(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 1280, 800)
    page = probe.page
    page.evaluate("""() => { const m = MapgenAtlas.atlas.map;
      m.getContainer().setAttribute('data-labels', 'pending'); m.setView([50.03, 19.2], 5, { animate: false }); }""")
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    shown = page.locator(".camp-marker[class*=place-auschwitz]:not(.is-clustered)").count()
    assert shown == 1
    assert "Auschwitz" in page.evaluate(LABELS)
    page.evaluate("""() => { const m = MapgenAtlas.atlas.map;
      m.getContainer().setAttribute('data-labels', 'pending'); m.setView([50.03, 19.2], 11, { animate: false }); }""")
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    assert page.locator(".camp-marker[class*=place-auschwitz]:not(.is-clustered)").count() == 3


def test_a_season_shows_only_its_own_stations(open_page, builds: Path, shipped_atlas) -> None:
    probe = _open(open_page, builds, "index", "", 1280, 800)
    page = probe.page
    # The towns on the map (stamped on a canvas in a large atlas: asked of the atlas).
    towns = """() => { const a = MapgenAtlas.atlas;
      return a.shownPlaceIds().filter(id => !['main_camp', 'subcamp'].includes(a.places[id].kind)).length; }"""
    everything = page.evaluate(towns)
    page.locator(".season-button[data-season=spring-1944]").click()
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    stations = page.evaluate("""() => {
      const a = MapgenAtlas.atlas, on = new Set();
      a.visibleMarches().forEach(m => m.stations.forEach(id => on.add(id)));
      return [...on].filter(id => !['main_camp', 'subcamp'].includes(a.places[id].kind)).length;
    }""")
    assert 0 < page.evaluate(towns) == stations < everything


def test_dates_read_as_people_write_them(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 1280, 800)
    page = probe.page
    cases = {
        ("1945-01-18", "1945-01-21"): "18–21 January 1945",
        ("1945-01", "1945-01"): "January 1945",
        ("1945-01", "1945-02"): "January – February 1945",
        ("1945-01-18", "1945-02"): "18 January – February 1945",
        ("1945-01-18", "1945-01"): "from 18 January 1945",
        ("1944-12-20", "1945-02"): "20 December 1944 – February 1945",
        ("1944-12-20", "1945-01-05"): "20 December 1944 – 5 January 1945",
        ("1945-01", "1945-02-21"): "January – 21 February 1945",
    }
    for (start, end), text in cases.items():
        shown = page.evaluate("([a, b]) => MapgenFormat.dateRange(a, b)", [start, end])
        assert shown.replace("\u2009", " ") == text, (start, end, shown)
    page.evaluate("MapgenAtlas.atlas.selectMarch('auschwitz-wodzislaw')")
    assert page.locator(".details-dates").inner_text() == "from 18 January 1945"


def test_english_text_in_a_hebrew_page_is_marked_english_and_left_to_right(open_page,
                                                                         builds: Path) -> None:
    probe = _open(open_page, builds, "index", "#lang=he", 1280, 800)
    page = probe.page
    assert page.locator("html").get_attribute("dir") == "rtl"
    # A camp's panel: the liberation note exists in English only, so it is marked English and
    # laid out left to right (the sentence's last full stop at its right end) ...
    page.evaluate("MapgenAtlas.atlas.selectPlace('majdanek')")
    note = page.locator(".details-liberation-note")
    assert note.get_attribute("lang") == "en" and note.get_attribute("dir") == "ltr"
    assert note.evaluate("p => getComputedStyle(p).direction") == "ltr"
    # ... while the evacuation's summary, translated into Hebrew, is not marked.
    summary = page.locator(".evacuation[data-evacuation=majdanek-1944] .details-summary")
    assert summary.get_attribute("lang") is None
    assert summary.evaluate("p => getComputedStyle(p).direction") == "rtl"
    # A translated text is not marked: in French a march's title and summary are French.
    page.locator(".language-button[data-lang=fr]").first.click()
    page.evaluate("MapgenAtlas.atlas.selectMarch('auschwitz-wodzislaw')")
    assert page.locator(".details-title").get_attribute("lang") is None
    assert page.locator(".details-summary").get_attribute("lang") is None


def test_the_legend_gives_line_widths_with_numbers(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 1920, 1080)
    page = probe.page
    rows = page.locator(".legend-width").all_inner_texts()
    assert rows == ["1,000 prisoners", "10,000 prisoners", "50,000 prisoners",
                    "Thinnest: number not known"]
    widths = page.evaluate("""() => [...document.querySelectorAll('.legend-width line')]
      .map(l => +l.getAttribute('stroke-width'))""")
    assert widths[3] < widths[0] < widths[1] < widths[2]
    # The widths are the map's: a march of 25,000 is drawn between the 10,000 and 50,000 rows.
    drawn = page.evaluate("MapgenAtlas.atlas.lineWeights('auschwitz-wodzislaw')")
    assert drawn and all(widths[1] < w < widths[2] for w in drawn), drawn


SMALLEST_TEXT = """(selector) => {
  let least = Infinity;
  document.querySelectorAll(selector).forEach(root => {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const node = walk.currentNode, parent = node.parentElement;
      if (!node.textContent.trim() || !parent.getClientRects().length) continue;
      least = Math.min(least, parseFloat(getComputedStyle(parent).fontSize));
    }
  });
  return least;
}"""


@pytest.mark.parametrize("width,height", [(1920, 1080), (1080, 1920)])
def test_kiosk_text_is_large_enough_to_read_standing(open_page, builds: Path, width: int,
                                                     height: int) -> None:
    probe = _open(open_page, builds, "kiosk", "", width, height)
    page = probe.page
    assert page.evaluate(SMALLEST_TEXT, "#march-list") >= 20
    assert page.evaluate(SMALLEST_TEXT, ".map-label:not([hidden])") >= 14
    page.locator("#march-list li button").first.click()
    assert page.evaluate(SMALLEST_TEXT, "#details") >= 20
    # Start again: visible, and it brings back the whole map with no march chosen.
    restart = page.get_by_role("button", name="Start again")
    assert restart.is_visible()
    box = restart.bounding_box()
    assert box["height"] >= 44
    restart.click()
    assert page.locator("#details").is_hidden()
    assert page.evaluate("MapgenAtlas.atlas.state.march") is None


def _luminance(rgb: str) -> float:
    if rgb.startswith("#"):
        parts = [int(rgb[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    else:
        parts = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _washed(lum: float) -> float:
    """A washed-out projector: black lifted to a third of white (ambient light on the screen)."""
    return 1 / 3 + lum * 2 / 3


def _contrast(a: float, b: float) -> float:
    a, b = _washed(a), _washed(b)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_classroom_land_sea_and_routes_part_on_a_washed_out_projector(open_page,
                                                                      builds: Path) -> None:
    probe = _open(open_page, builds, "classroom", "", 1280, 720)
    page = probe.page
    fill = """(sel) => getComputedStyle(document.querySelector(sel)).fill"""
    land = _luminance(page.evaluate(fill, "path.basemap-land"))
    sea = _luminance(page.evaluate(fill, "path.basemap-sea"))
    assert _contrast(land, sea) >= 1.3
    # The legs as drawn (on a canvas in a large atlas, so read from the atlas, not from paths).
    looks = page.evaluate("MapgenAtlas.atlas.legLooks()")
    for mode in ("foot", "train", "ship"):
        colors = {look["color"] for look in looks if look["mode"] == mode}
        assert colors, mode
        for color in colors:
            assert _contrast(_luminance(color), land) >= 2.0, mode
    approx = [look["opacity"] for look in looks if look["certainty"] == "approximate"]
    assert approx and min(approx) >= 0.75


def test_on_a_phone_the_camp_markers_stay_apart_at_the_opening_view(open_page,
                                                                    builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 375, 812)
    page = probe.page
    overlaps = page.evaluate("""() => {
      const boxes = [...document.querySelectorAll('.camp-marker.camp-main_camp:not(.is-clustered)')].map(n => {
        const r = n.getBoundingClientRect(), inset = parseFloat(getComputedStyle(n, '::before').top);
        return [r.left + inset, r.top + inset, r.right - inset, r.bottom - inset];
      });
      let n = 0;
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]) n++;
      }
      return n;
    }""")
    assert overlaps == 0


def test_the_basemap_fades_into_the_frame_instead_of_a_hard_edge(open_page, builds: Path) -> None:
    probe = _open(open_page, builds, "index", "", 1280, 720)
    page = probe.page
    assert page.locator(".leaflet-basemapEdge-pane svg.basemap-edge path").count() == 1
    assert float(page.locator(".basemap-edge feGaussianBlur").get_attribute("stdDeviation")) > 0


@pytest.mark.parametrize("query,kind,found", [
    ("oswiecim", "place", "auschwitz-i"),        # today's name, without its diacritics
    ("Gleiwitz", "place", "gliwice"),            # the wartime name
    ("Loslau", "place", "wodzislaw-slaski"),
    ("Osvětim", "place", "auschwitz-i"),         # the Czech name
    ("Varsovie", "city", "warszawa"),            # a reference city, in French
    ("Wodzisław Śląski", "march", "auschwitz-wodzislaw"),
])
def test_search_finds_a_place_or_march_in_any_name_zooms_to_it_and_opens_it(
        open_page, builds: Path, query: str, kind: str, found: str) -> None:
    probe = _open(open_page, builds, "index", "", 1280, 800)
    page = probe.page
    page.get_by_role("combobox").fill(query)
    options = page.get_by_role("option")
    assert options.count() >= 1
    # The result wanted is among those offered: choose each until it is the one.
    for i in range(options.count()):
        page.get_by_role("combobox").fill(query)
        page.locator(".search-result").nth(i).click()
        if page.locator("html").get_attribute("data-search") == f"{kind}:{found}":
            break
    else:
        raise AssertionError(f"{query!r} did not offer {kind} {found}")
    page.locator(".atlas-map[data-labels=placed]").wait_for()
    state = page.evaluate("MapgenAtlas.atlas.state")
    if kind == "march":
        assert state["march"] == found
    elif kind == "place":
        assert state["place"] == found and page.locator("#details").is_visible()
    if kind != "march":  # zoomed in on the place, which lies on the open map
        assert page.evaluate("MapgenAtlas.atlas.map.getZoom()") >= 8


@pytest.mark.parametrize("build,fragment", [("index", "#season=winter-1944-45"),
                                            ("classroom", "#season=winter-1944-45"),
                                            ("index", "#march=auschwitz-wodzislaw"),
                                            ("classroom", "#season=spring-1945")])
def test_the_printed_handout_holds_title_legend_list_and_sources_on_one_page(
        open_page, builds: Path, shipped_atlas, build: str, fragment: str) -> None:
    probe = open_page(builds / f"{build}.html", fragment, width=1123, height=794)
    page = probe.page
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.locator("html[data-handout=ready]").wait_for()
    head = page.locator(".handout-head").inner_text()
    assert "Death marches" in head
    legend = page.locator(".handout-legend").inner_text()
    for words in ("On foot", "By train", "Main camp", "1,000 prisoners",
                  "Shaded areas: the Reich", "today's borders"):
        assert words in legend, (words, legend)
    shown = page.evaluate("""() => MapgenAtlas.atlas.state.march ? [MapgenAtlas.atlas.state.march]
      : MapgenAtlas.atlas.visibleMarches().map(m => m.id)""")
    items = page.locator(".handout-marches li")
    assert items.count() == len(shown)
    marches = shipped_atlas.marches.set_index("id")
    sources = {s for m in shown for s in marches.loc[m, "sources"]}
    assert page.locator(".handout-source").count() == len(sources)
    # In full where they fit; a season of many marches names each publisher once and says
    # where the full citations are, rather than losing the map or a second page.
    if not page.locator(".handout-sources").is_visible():
        brief = page.locator(".handout-publishers")
        assert brief.is_visible(), (build, fragment)
        assert f"{len(sources)}" in brief.inner_text()
    assert "Natural Earth" in page.locator(".handout-credit").inner_text()
    # All of it on the page: nothing cut at the foot, no button or placeholder printed.
    cut = page.evaluate("""() => [...document.querySelectorAll('.handout-body, .handout-legend')]
      .filter(n => n.scrollHeight > n.clientHeight + 1).map(n => n.className)""")
    assert cut == []
    for selector in (".leaflet-control-zoom", ".leaflet-control-layers", ".fullscreen-button",
                     ".story-bar", ".atlas-panel", ".details"):
        assert not page.locator(selector).first.is_visible() if page.locator(selector).count() else True


def test_snapshot_pdf_is_one_page_and_png_has_no_controls(tmp_path: Path) -> None:
    import re
    import subprocess
    import sys
    for name in ("handout.pdf", "handout.png"):
        done = subprocess.run([sys.executable, "-m", "mapgen", "snapshot", "--season",
                               "winter-1944-45", "--out", str(tmp_path / name)],
                              capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "handout.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    png = (tmp_path / "handout.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width == 1920 and abs(height - 1920 * 794 / 1123) < 1  # A4, at the width asked for


def test_a_mistake_in_reference_cities_names_file_line_and_field(mini_copy: Path) -> None:
    (mini_copy / "reference_cities.csv").write_text(
        "id,name,name_wartime,name_local,lat,lon,min_zoom,source\n"
        "berlin,Berlin,,Berlin,52.52437,13.41053,5,geonames:2950159\n"
        "wien,Vienna,Wien,Wien,48.20849,16.37208,far,geonames:2761369\n"
        "praha,Prague,Prag,Praha,50.08804,14.42076,5,somewhere\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(mini_copy)])
    assert result.exit_code == 1
    assert "reference_cities.csv:line 3 [min_zoom]" in result.output, result.output
    assert "reference_cities.csv:line 4 [source]" in result.output, result.output
    assert "berlin" not in result.output
