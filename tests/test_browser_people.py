"""Issue 18 in the browser: the People list, one person's way drawn over the marches they were
on, stepping through the stations (buttons and clicker keys), the address, the kiosk and the
classroom, and axe in every build and language with a person's way open. Every test waits for
the state the page announces on <html>: data-person and data-person-station."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.translations import languages

from .conftest import ARTIFACTS
from .test_accessibility import violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("people")
    result = CliRunner().invoke(main, ["build", "--mode", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def shown(page, person: str, station: int) -> None:
    page.locator(f'html[data-person="{person}"][data-person-station="{station}"]').wait_for()


def test_choosing_a_person_draws_their_way_and_stresses_their_marches(
        open_page, builds: Path) -> None:
    probe = open_page(builds / "index.html")
    page = probe.page
    names = page.locator("#people-list .person-name").all_inner_texts()
    assert len(names) >= 12
    assert {"Elie Wiesel", "Isabella Leitner", "Gerda Weissmann Klein", "Anne Frank",
            "Margot Frank", "Ruth Klüger"} <= set(names)
    page.locator('#people-list li[data-person="elie-wiesel"] button').click()
    shown(page, "elie-wiesel", 1)
    assert "person=elie-wiesel" in page.evaluate("location.hash")
    stations = page.evaluate("MapgenAtlas.atlas.personById['elie-wiesel'].stations.length")
    assert page.locator("#person-details").is_visible()
    assert page.locator(".leaflet-person-pane path.person-stop").count() == stations
    # Buna to Gleiwitz and on to Buchenwald follow the march's own line, not a straight one.
    path_points = page.evaluate("""() => [...document.querySelectorAll(
        '.leaflet-person-pane path.person-path')].map(p => p.getAttribute('d').split('L').length)""")
    assert path_points and all(n > 2 for n in path_points)  # a straight line has 2 points
    # The marches he was on are drawn on top and every other one dimmed.
    canvas = page.evaluate("""() => { const c = MapgenAtlas.atlas.routeCanvas;
        return c ? [Object.keys(c._selectedSet).sort(), c._dimOthers] : null; }""")
    assert canvas == [["auschwitz-gliwice", "gliwice-buchenwald-1945-01"], True]
    station = page.locator(".person-station").inner_text()
    assert "Máramarossziget / Sighetu Marmației" in station and "May 1944" in station
    assert "station 1 of 8" in station.lower()
    page.screenshot(path=str(ARTIFACTS / "person-way-web.png"))
    # Closing ends the way: nothing dimmed, the address forgets the person.
    page.locator("#person-details .details-close").click()
    page.locator('html[data-person=""]').wait_for()
    assert page.locator(".leaflet-person-pane path").count() == 0
    assert page.evaluate("MapgenAtlas.atlas.routeCanvas._dimOthers") is False
    assert "person=" not in page.evaluate("location.hash")
    assert probe.errors == []


def test_stepping_through_the_stations_with_buttons_and_clicker_keys(
        open_page, builds: Path) -> None:
    probe = open_page(builds / "index.html", "#person=gerda-weissmann-klein")
    page = probe.page
    shown(page, "gerda-weissmann-klein", 1)
    assert page.locator(".person-previous").is_disabled()
    page.locator(".person-next").click()
    shown(page, "gerda-weissmann-klein", 2)
    assert "Helmbrechts" in page.locator(".person-station-place").inner_text()
    assert "station=2" in page.evaluate("location.hash")
    page.keyboard.press("PageDown")
    shown(page, "gerda-weissmann-klein", 3)
    page.keyboard.press("PageUp")
    shown(page, "gerda-weissmann-klein", 2)
    # A station on a march names it; the march's details list the people who were on it.
    page.locator(".person-station-march button").click()
    page.locator('html[data-person=""]').wait_for()
    assert page.evaluate("MapgenAtlas.atlas.state.march") == "schlesiersee-volary"
    page.locator('#details button[data-person="gerda-weissmann-klein"]').click()
    shown(page, "gerda-weissmann-klein", 1)
    assert probe.errors == []


def test_an_address_opens_a_persons_way_at_a_station(open_page, builds: Path) -> None:
    probe = open_page(builds / "index.html", "#person=miklos-radnoti&station=4")
    page = probe.page
    shown(page, "miklos-radnoti", 4)
    station = page.locator(".person-station").inner_text()
    assert "Abda" in station and "approximate date" in station
    assert page.locator(".person-next").is_disabled()
    # An unknown person is ignored, not an error.
    page.evaluate("location.hash = '#person=nobody'")
    page.locator('html[data-person=""]').wait_for()
    assert probe.errors == []


def test_the_classroom_steps_the_persons_stations_instead_of_the_phases(
        open_page, builds: Path) -> None:
    probe = open_page(builds / "classroom.html", "#person=simone-veil")
    page = probe.page
    shown(page, "simone-veil", 1)
    phase = page.evaluate("MapgenAtlas.atlas.state.phase")
    page.keyboard.press("PageDown")
    shown(page, "simone-veil", 2)
    page.keyboard.press("ArrowRight")
    shown(page, "simone-veil", 3)
    assert page.evaluate("MapgenAtlas.atlas.state.phase") == phase
    page.screenshot(path=str(ARTIFACTS / "person-way-classroom.png"))
    assert probe.errors == []


def test_the_kiosk_shows_a_persons_story_without_leaving_the_page(
        open_page, builds: Path) -> None:
    probe = open_page(builds / "kiosk.html")
    page = probe.page
    page.locator(".content-note-enter").click()
    page.locator('#people-list li[data-person="ruth-klueger"] button').click()
    shown(page, "ruth-klueger", 1)
    page.locator(".person-next").click()
    shown(page, "ruth-klueger", 2)
    assert page.locator("#person-details a").count() == 0  # sources as citations, no links
    page.screenshot(path=str(ARTIFACTS / "person-way-kiosk.png"))
    assert probe.errors == [] and probe.requests == []


def test_a_persons_texts_are_translated(open_page, builds: Path) -> None:
    probe = open_page(builds / "index.html", "#lang=fr&person=anne-frank")
    page = probe.page
    shown(page, "anne-frank", 1)
    assert page.locator("#people-heading").inner_text() == "Personnes"
    text = page.locator(".person-station-text").inner_text()
    assert "Westerbork" in text and "arrêtée" in text.lower()
    assert probe.errors == []


@pytest.mark.parametrize("mode", ["index", "kiosk", "classroom"])
@pytest.mark.parametrize("lang", languages())
def test_no_axe_violations_with_a_persons_way_open(open_page, builds: Path, mode: str,
                                                   lang: str) -> None:
    probe = open_page(builds / f"{mode}.html", f"#lang={lang}&person=primo-levi&station=2")
    page = probe.page
    if mode == "kiosk":
        page.locator(".content-note-enter").click()
    shown(page, "primo-levi", 2)
    assert violations(page) == []


def test_the_kiosk_closes_a_persons_way_when_left_alone(open_page, builds: Path) -> None:
    probe = open_page(builds / "kiosk.html", clock=True)
    page = probe.page
    page.locator(".content-note-enter").click()
    page.locator('#people-list li[data-person="primo-levi"] button').click()
    shown(page, "primo-levi", 1)
    page.clock.run_for(121_000)  # the default --idle-seconds, 120
    page.locator('html[data-person=""]').wait_for()
    assert page.locator("#person-details").is_hidden()
    assert page.evaluate("MapgenAtlas.atlas.routeCanvas._dimOthers") is False
    assert probe.errors == []
