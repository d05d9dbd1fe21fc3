"""A large atlas (issue 8): past payload.CANVAS_FROM_LEGS legs the routes are drawn by the page's
own canvas layer (static/route-canvas.js), the list of marches comes a page at a time, and each
line travels with coarser levels for the lower zooms. What a reader sees must not change: every
route of the filter drawn, a click on a route selects its march, a mode can be switched off."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

import mapgen
from mapgen import geometry
from mapgen.render import payload
from mapgen.render.map import render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import make_dataset

from .conftest import MINI, routes_drawn

MARCHES = 220  # about 900 legs: past CANVAS_FROM_LEGS, and quick to build


@pytest.fixture(scope="module")
def large_atlas(tmp_path_factory: pytest.TempPathFactory) -> mapgen.Atlas:
    folder = tmp_path_factory.mktemp("large")
    make_dataset(folder, marches=MARCHES, seed=11)
    atlas = mapgen.load_atlas(folder)
    assert len(atlas.legs) > payload.CANVAS_FROM_LEGS
    return atlas


@pytest.fixture(scope="module")
def large_html(large_atlas: mapgen.Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("large-build") / "index.html"
    out.write_text(render_html(large_atlas), encoding="utf-8")
    return out


def _legs_of(atlas: mapgen.Atlas, season: str | None = None, modes: set[str] | None = None) -> int:
    marches = {m.id for m in atlas.marches.itertuples() if season is None or season in m.seasons}
    return sum(1 for leg in atlas.legs.itertuples()
               if leg.march_id in marches and (modes is None or leg.mode in modes))


def _drawn_legs(page) -> int:
    """The legs on the canvas once it has drawn what was last asked of it."""
    routes_drawn(page)
    return page.evaluate("MapgenAtlas.atlas.drawnLegCount()")


# --- the coarser levels ---------------------------------------------------------------------

def test_each_level_keeps_the_ends_and_stays_within_its_tolerance(large_atlas) -> None:
    lines = geometry.compact_lines([g.coords for g in large_atlas.legs["geometry"]][:150])
    for drawn in lines:
        above = drawn.line
        for mask, (_zoom, tolerance_m) in zip(drawn.masks, geometry.ZOOM_LEVELS, strict=True):
            assert len(mask) == len(above) and mask[0] and mask[-1]
            coarse = [tuple(p) for p in above[mask].tolist()]
            # Douglas-Peucker: every point left out lies within the tolerance of what is kept.
            worst = max(geometry.km_to_line(tuple(p), coarse) for p in above.tolist())
            assert worst * 1000 <= tolerance_m * 1.01
            above = above[mask]
        assert len(above) < len(drawn.line)  # the coarsest level is coarser


def test_masks_round_trip_and_only_large_atlases_carry_them(large_atlas) -> None:
    bits = np.random.default_rng(1).random(1000) > 0.7
    assert (geometry.decode_mask(geometry.encode_mask(bits), len(bits)) == bits).all()
    large = payload.build_payload(large_atlas, compact=False)
    assert large["renderer"] == "canvas"
    assert all(len(leg["levels"]) == len(geometry.ZOOM_LEVELS)
               for m in large["marches"] for leg in m["legs"])
    # Sent after the line, a space before each: "line mask mask".
    compact = payload.build_payload(large_atlas)
    assert all(len(leg["line"].split(" ")) == 1 + len(geometry.ZOOM_LEVELS)
               for m in compact["marches"] for leg in m["legs"])
    small = payload.build_payload(mapgen.load_atlas(MINI), compact=False)
    assert small["renderer"] == "svg"
    assert not any("levels" in leg for m in small["marches"] for leg in m["legs"])


@pytest.mark.browser
def test_the_page_draws_the_levels_python_made(browser, large_atlas) -> None:
    """The points the canvas draws at each level are the ones the build kept for it."""
    from mapgen.render.assets import leaflet_js, static_text

    lines = geometry.compact_lines([g.coords for g in large_atlas.legs["geometry"]][:60])
    cases = []
    for drawn in lines:
        flat = drawn.line[:, ::-1].ravel().tolist()  # lat, lon, lat, lon…
        masks = [geometry.encode_mask(m) for m in drawn.masks]
        expected, above = [], drawn.line
        for mask in drawn.masks:
            above = above[mask]
            expected.append(above[:, ::-1].ravel().tolist())
        cases.append((flat, masks, expected))
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>levels</title>")
        page.add_script_tag(content=leaflet_js())
        page.add_script_tag(content=static_text("route-canvas.js"))
        got = page.evaluate("""cases => cases.map(([flat, masks, expected]) =>
            expected.map((_, k) => Array.from(MapgenRouteCanvas.levelOf(flat, masks, k + 1))))""",
                            cases)
    finally:
        page.close()
    assert got == [expected for _, _, expected in cases]


# --- the page -------------------------------------------------------------------------------

@pytest.mark.browser
def test_every_route_of_each_season_is_drawn_on_one_canvas(open_page, large_html,
                                                           large_atlas) -> None:
    probe = open_page(large_html)
    page = probe.page
    assert page.locator("canvas.route-canvas").count() == 1
    assert page.locator(".leaflet-routes-pane path").count() == 0  # no SVG leg at all
    assert _drawn_legs(page) == len(large_atlas.legs)
    seasons = sorted({s for row in large_atlas.marches["seasons"] for s in row})
    for season in [*seasons, "all"]:
        page.locator(f'button[data-season="{season}"]').click()
        # The season is fitted to the view, so every leg of it is in view and drawn.
        assert _drawn_legs(page) == _legs_of(large_atlas, None if season == "all" else season)
    assert probe.errors == []


@pytest.mark.browser
def test_a_click_on_a_route_selects_the_march_under_the_pointer(open_page, large_html,
                                                                 large_atlas) -> None:
    probe = open_page(large_html, width=1280, height=800)
    page = probe.page
    # The middle of a leg, at a point of the map that no control covers and no town is near
    # (the towns are drawn on a canvas of the same pane, above the routes).
    x, y = page.evaluate("""() => {
        const A = MapgenAtlas.atlas, box = A.map.getContainer().getBoundingClientRect();
        const towns = Object.values(A.places).map(p => A.map.latLngToContainerPoint([p.lat, p.lon]));
        for (const m of A.marches) {
          const leg = m.legs[0], i = Math.floor(leg.flat.length / 4);
          const p = A.map.latLngToContainerPoint([leg.flat[2 * i], leg.flat[2 * i + 1]]);
          const x = box.left + p.x, y = box.top + p.y;
          const hit = document.elementFromPoint(x, y);
          const clear = towns.every(t => Math.hypot(t.x - p.x, t.y - p.y) > 12);
          if (clear && hit && hit.tagName === 'CANVAS' && hit.closest('.leaflet-routes-pane')) return [x, y];
        }
        return null; }""")
    page.mouse.move(x, y)
    tooltip = page.locator(".route-tooltip")
    tooltip.wait_for(timeout=3000)
    hovered = tooltip.inner_text()
    pointer = page.evaluate("""([x, y]) => {
        const map = MapgenAtlas.atlas.map, box = map.getContainer().getBoundingClientRect();
        const ll = map.containerPointToLatLng([x - box.left, y - box.top]);
        return [ll.lat, ll.lng, map.getZoom()]; }""", [x, y])
    page.mouse.click(x, y)
    page.locator("#details:not([hidden])").wait_for(timeout=3000)
    chosen = page.evaluate("MapgenAtlas.atlas.state.march")
    assert chosen is not None
    title = large_atlas.marches.set_index("id").loc[chosen, "title"]
    assert page.locator("#details-title").inner_text() == title
    assert hovered.startswith(title + " · ")  # the tooltip named the march that was chosen
    # The chosen march does pass under the pointer: within half its width and the 4 px that
    # count as a click on it, give or take a pixel of the coarser level drawn at that zoom. (The
    # map has since fitted the march: the distance is measured at the zoom of the click.)
    gap = page.evaluate("""([lat, lon, zoom]) => {
        const A = MapgenAtlas.atlas, scale = Math.pow(2, zoom - A.map.getZoom());
        const here = A.map.latLngToContainerPoint([lat, lon]), x = here.x * scale, y = here.y * scale;
        let best = Infinity;
        A.marchById[A.state.march].legs.forEach(leg => {
          const pts = [];
          for (let i = 0; i < leg.flat.length; i += 2) {
            const p = A.map.latLngToContainerPoint([leg.flat[i], leg.flat[i + 1]]);
            pts.push([p.x * scale, p.y * scale]);
          }
          for (let i = 1; i < pts.length; i++) {
            const [ax, ay] = pts[i - 1], [bx, by] = pts[i], dx = bx - ax, dy = by - ay;
            const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
            best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
          }
        });
        return best; }""", pointer)
    assert gap < 10
    assert probe.errors == []


@pytest.mark.browser
def test_a_town_on_a_route_takes_the_pointer_from_the_route_beneath(open_page, large_html,
                                                                   large_atlas) -> None:
    """The towns of a large atlas are drawn on a canvas above the routes: a hover names the
    town, a click opens the town, not the march that passes through it."""
    probe = open_page(large_html, width=1280, height=800)
    page = probe.page
    found = page.evaluate("""() => {
        const A = MapgenAtlas.atlas, map = A.map, box = map.getContainer().getBoundingClientRect();
        const kinds = ['town', 'station', 'site'];
        const camps = Object.values(A.places).filter(p => !kinds.includes(p.kind))
          .map(p => map.latLngToContainerPoint([p.lat, p.lon]));
        for (const m of A.marches) for (const id of m.stations) {
          const p = A.places[id];
          if (!kinds.includes(p.kind)) continue;
          const c = map.latLngToContainerPoint([p.lat, p.lon]);
          const x = box.left + c.x, y = box.top + c.y, hit = document.elementFromPoint(x, y);
          if (hit && hit.tagName === 'CANVAS' && hit.closest('.leaflet-routes-pane')
              && camps.every(q => Math.hypot(q.x - c.x, q.y - c.y) > 20)) return [id, x, y];
        }
        return null; }""")
    assert found, "no town on a route is clear of the camps"
    town, x, y = found
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x - 1, y, steps=4)
    # Leaflet's canvas looks at the pointer at most every 32 ms, and drops the moves between.
    page.wait_for_timeout(50)
    page.mouse.move(x, y)
    tip = page.locator(".place-tooltip")
    tip.wait_for(timeout=3000)
    name = large_atlas.places.set_index("id").loc[town, "name"]
    assert name in tip.inner_text()
    page.locator(".route-tooltip").wait_for(state="detached", timeout=3000)  # the route's is gone
    page.mouse.click(x, y)
    page.locator("#details:not([hidden])").wait_for(timeout=3000)
    assert page.evaluate("[MapgenAtlas.atlas.state.place, MapgenAtlas.atlas.state.march]") == \
        [town, None]
    assert probe.errors == []


@pytest.mark.browser
def test_the_canvas_shows_which_way_the_selected_march_went(open_page, large_html) -> None:
    """The arrow at the middle of a leg (as the SVG drawing's markers): a triangle pointing
    along the leg, wider than the line, in the leg's colour."""
    probe = open_page(large_html, width=1280, height=800)
    page = probe.page
    # A thin line (prisoners unknown or few) with a casing, straight for 22 px on either side
    # of the middle of the leg, at zoom 12 (the closest; from zoom 8 the canvas draws the
    # points as the data has them).
    found = page.evaluate("""() => {
        const A = MapgenAtlas.atlas, map = A.map;
        for (const m of A.marches) {
          if (m.prisoners && m.prisoners[1] > 800) continue;
          for (const leg of m.legs) {
            if (leg.certainty !== 'documented') continue;
            const pts = [];
            for (let i = 0; i < leg.flat.length; i += 2) pts.push(map.project([leg.flat[i], leg.flat[i + 1]], 12));
            const lengths = [0];
            for (let i = 1; i < pts.length; i++) lengths.push(lengths[i - 1] + pts[i].distanceTo(pts[i - 1]));
            const half = lengths[lengths.length - 1] / 2;
            let j = 1;
            while (j < lengths.length - 1 && lengths[j] < half) j++;
            const t = (half - lengths[j - 1]) / (lengths[j] - lengths[j - 1] || 1);
            const a = pts[j - 1], b = pts[j];
            const mid = L.point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            const seg = lengths[j] - lengths[j - 1];
            if (t * seg < 22 || (1 - t) * seg < 22) continue;
            const ll = map.unproject(mid, 12);
            return { march: m.id, color: A._legStyle(m, leg).color, lat: ll.lat, lon: ll.lng,
                     angle: Math.atan2(b.y - a.y, b.x - a.x) };
          }
        }
        return null; }""")
    assert found, "no thin documented leg with a straight middle"
    page.evaluate("""f => { MapgenAtlas.atlas.selectMarch(f.march, { fit: false });
        MapgenAtlas.atlas.map.setView([f.lat, f.lon], 12, { animate: false }); }""", found)
    routes_drawn(page)
    cos, sin = math.cos(found["angle"]), math.sin(found["angle"])

    def pixel(along: float, across: float) -> list[int]:
        """The routes' canvas at a point given along and across the leg from the arrow's
        anchor (the middle of the map), in CSS pixels: red, green, blue, alpha."""
        return page.evaluate("""([dx, dy]) => {
            const map = MapgenAtlas.atlas.map, canvas = document.querySelector('canvas.route-canvas');
            const at = map.containerPointToLayerPoint(map.getSize().divideBy(2).add([dx, dy]));
            const origin = L.DomUtil.getPosition(canvas), ratio = canvas.width / canvas.offsetWidth;
            const x = Math.round((at.x - origin.x) * ratio), y = Math.round((at.y - origin.y) * ratio);
            return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data); }""",
                             [along * cos - across * sin, along * sin + across * cos])

    colour = tuple(int(found["color"][i:i + 2], 16) for i in (1, 3, 5))

    def near(rgba: list[int]) -> bool:
        return rgba[3] == 255 and sum(abs(a - b) for a, b in zip(rgba[:3], colour, strict=True)) < 90

    # Beside the line, near the arrow's base: the arrow on both sides; beside the line away from
    # the arrow, only the pale casing.
    assert near(pixel(-3, 4.7)) and near(pixel(-3, -4.7))
    assert not near(pixel(-20, 4.7)) and not near(pixel(20, -4.7))
    assert probe.errors == []


@pytest.mark.browser
def test_a_mode_switched_off_in_the_layer_control_leaves_the_canvas(open_page, large_html,
                                                                    large_atlas) -> None:
    probe = open_page(large_html)
    page = probe.page
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label("Routes: on foot").uncheck()
    others = {"train", "ship", "truck"}
    assert _drawn_legs(page) == _legs_of(large_atlas, modes=others)
    page.get_by_label("Routes: on foot").check()
    assert _drawn_legs(page) == len(large_atlas.legs)
    assert probe.errors == []


@pytest.mark.browser
def test_the_list_comes_a_page_at_a_time(open_page, large_html, large_atlas) -> None:
    probe = open_page(large_html)
    page = probe.page
    items = page.locator("#march-list li")
    more = page.locator(".march-more")
    assert items.count() == 100
    assert more.inner_text() == f"Show more ({MARCHES - 100} not listed yet)"
    more.click()
    assert items.count() == 200
    # The reader goes on where the new items begin.
    assert page.evaluate("document.activeElement.closest('li').dataset.march") == \
        items.nth(100).get_attribute("data-march")
    more.click()
    assert items.count() == MARCHES
    assert more.is_hidden()
    # A season lists its own marches from the top again, in date order.
    season = "winter-1944-45"
    page.locator(f'button[data-season="{season}"]').click()
    in_season = [m for m in large_atlas.marches.itertuples() if season in m.seasons]
    assert items.count() == min(100, len(in_season))
    listed = page.evaluate("[...document.querySelectorAll('#march-list li')].map(li => li.dataset.march)")
    assert set(listed) <= {m.id for m in in_season}
    assert probe.errors == []


@pytest.mark.browser
def test_the_large_atlas_has_no_axe_violations(open_page, large_html) -> None:
    """The "Show more" button and the canvas take nothing from the page's accessibility."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_accessibility import WCAG

    probe = open_page(large_html)
    page = probe.page
    for step in ("start", "more", "details"):
        if step == "more":
            page.locator(".march-more").click()
        if step == "details":
            page.locator("#march-list li button").nth(150).click()
        found = Axe().run(page, options=WCAG).response["violations"]
        assert [f"{v['id']}: {v['help']}" for v in found] == [], step
    assert probe.errors == []
