"""Issue 14 in the browser: a leg whose means of transport no source states, figures that are
not known, and a camp's whole evacuation on its panel, linked from its columns."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main

from .conftest import MINI, with_evacuation

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evacuation")
    data = with_evacuation(shutil.copytree(MINI, root / "data"))
    # a-to-c, with no count of its own, belongs to an evacuation of 40,000: the camp's total
    # must not widen its line.
    marches = data / "marches.csv"
    marches.write_text(marches.read_text(encoding="utf-8").replace(
        "on this march was found.,A late-summer march that went on into autumn.,test-source,",
        "on this march was found.,A late-summer march that went on into autumn.,test-source,"
        "camp-a-august-1944"), encoding="utf-8")
    with (data / "evacuations.csv").open("a", encoding="utf-8") as f:
        f.write("camp-a-august-1944,camp-a,Evacuation of Camp A in summer,1944-08,1944-09,40000,"
                "40000,,,No count of deaths was found.,The camp was cleared.,test-source\n")
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root / "out" / "index.html"


def test_a_leg_of_unknown_mode_is_drawn_in_its_own_style(open_page, page_file: Path) -> None:
    probe = open_page(page_file)
    page = probe.page
    leg = page.locator(".leaflet-routes-pane path.route-leg.route-unknown")
    assert leg.count() == 1
    style = leg.evaluate("p => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')]")
    others = page.evaluate("""() => [...document.querySelectorAll(
        '.leaflet-routes-pane path.route-leg:not(.route-unknown)')]
        .map(p => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')])""")
    assert others and all(style != other for other in others)
    legend = page.locator(".legend-list").inner_text()
    assert "Means not known" in legend
    # The layer control can switch it off like any other mode.
    labels = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert "Routes: by means not known" in labels
    assert probe.errors == []


def test_figures_not_known_say_so_and_the_line_is_drawn_at_the_unknown_width(
        open_page, page_file: Path) -> None:
    probe = open_page(page_file)
    page = probe.page
    item = page.locator('#march-list li[data-march="a-to-c"]').inner_text()
    assert "Prisoners: not known" in item
    widths = page.evaluate("""() => {
      const w = id => [...document.querySelectorAll('path.route-leg.march-' + id)]
        .map(p => +p.getAttribute('stroke-width'));
      return { counted: w('a-to-b'), unknown: w('a-to-c') };
    }""")
    assert set(widths["unknown"]) == {2}
    assert min(widths["counted"]) > 2
    # The legend's scale of widths ends with the thinnest line, for a number not known.
    rows = page.locator(".legend-width").all_inner_texts()
    assert rows[-1] == "Thinnest: number not known"
    legend = page.evaluate("""() => [...document.querySelectorAll('.legend-width line')]
      .map(l => +l.getAttribute('stroke-width'))""")
    assert legend[-1] == min(legend)
    # The tooltip of a route says it too: the pointer on a vertex inside the route's line.
    x, y = page.evaluate("""() => {
      const a = MapgenAtlas.atlas, leg = a.marchById['a-to-c'].legs[0];
      const p = a.map.latLngToContainerPoint(leg.coords[Math.floor(leg.coords.length / 2)]);
      const box = a.map.getContainer().getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }""")
    page.mouse.move(x, y)
    assert "Prisoners: not known" in page.locator(".route-tooltip").first.inner_text()
    page.locator('#march-list li[data-march="a-to-c"] button').click()
    figures = page.locator("#details .details-figures").inner_text()
    assert figures.count("not known") == 2
    assert "0" not in figures.split("Length")[0]
    assert probe.errors == []


def test_the_camp_panel_shows_its_evacuation_and_its_columns(open_page, page_file: Path) -> None:
    probe = open_page(page_file)
    page = probe.page
    page.locator('#march-list li[data-march="a-to-b"] button').click()
    part = page.locator("#details .details-part-of")
    assert part.inner_text() == "Part of: Evacuation of Camp A"
    part.locator("button").click()
    details = page.locator("#details")
    assert page.locator("#details-title").inner_text().startswith("Lager A")
    evacuation = details.locator('[data-evacuation="camp-a-january-1945"]')
    text = evacuation.inner_text()
    assert "Evacuation of Camp A" in text
    assert "50,000–60,000 (sources differ)" in text
    assert "not known" in text  # its deaths
    assert "The whole camp was cleared in January." in text
    assert 'Test Museum, "A test page"' in text
    columns = evacuation.locator(".evacuation-marches button").all_inner_texts()
    assert columns == ["Camp A to Town B"]
    evacuation.locator(".evacuation-marches button").click()
    assert page.locator("#details-title").inner_text() == "Camp A to Town B"
    assert probe.errors == []


def test_the_hebrew_page_uses_the_hebrew_data(open_page, page_file: Path) -> None:
    probe = open_page(page_file, "#lang=he")
    page = probe.page
    page.locator(".camp-list-region summary").click()
    page.locator('.camp-list button[data-place="camp-a"]').click()
    title = page.locator('#details [data-evacuation="camp-a-january-1945"] .evacuation-title')
    assert "פינוי מחנה A" in title.inner_text()
    assert probe.errors == []
