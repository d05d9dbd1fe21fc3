"""The compact lines of the page (issue 8): quantised, simplified, encoded, decoded.

What a reader would notice if these broke: a route drawn in the wrong place or through the wrong
towns, a page that grew too big for a school network, or a map that draws nothing.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

import mapgen
from mapgen import geometry
from mapgen.model import STATION_TOLERANCE_KM
from mapgen.render import payload
from mapgen.render.assets import static_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import make_dataset

from .conftest import MINI

# Google's own example (precision 1e-5), from the description of the format.
GOOGLE_POINTS = [(-120.2, 38.5), (-120.95, 40.7), (-126.453, 43.252)]
GOOGLE_TEXT = "_p~iF~ps|U_ulLnnqC_mqNvxq`@"


def reference_decode(text: str, precision: int) -> list[tuple[float, float]]:
    """An independent decoder written from the format's description, step by step: split into
    chunks at the continuation bit, reverse the chunks, undo the zig-zag sign, add up."""
    numbers, chunk = [], []
    for char in text:
        value = ord(char) - 63
        chunk.append(value & 0b11111)
        if not value & 0b100000:
            bits = "".join(format(c, "05b") for c in reversed(chunk))
            n = int(bits, 2)
            numbers.append(-(n + 1) // 2 if n % 2 else n // 2)
            chunk = []
    assert not chunk, "the text ends in the middle of a number"
    points, lat, lon = [], 0, 0
    for i in range(0, len(numbers), 2):
        lat, lon = lat + numbers[i], lon + numbers[i + 1]
        points.append((lon / 10**precision, lat / 10**precision))
    return points


@pytest.fixture(scope="module")
def shipped_lines(shipped_atlas: mapgen.Atlas) -> list[tuple[dict, list, list]]:
    """(leg record, original (lon, lat) line, line as drawn) for every leg of the shipped data."""
    out = []
    for leg in shipped_atlas.legs.to_dict(orient="records"):
        original = list(leg["geometry"].coords)
        out.append((leg, original, payload.simplified_line(original)))
    return out


@pytest.fixture(scope="module")
def synthetic_atlas(tmp_path_factory: pytest.TempPathFactory) -> mapgen.Atlas:
    """A small benchmark dataset: noisy, hand-digitised-like lines of ~100 vertices a leg."""
    folder = tmp_path_factory.mktemp("synthetic")
    make_dataset(folder, marches=25, seed=3)
    return mapgen.load_atlas(folder)


def test_the_encoder_gives_googles_example() -> None:
    assert geometry.encode_polyline(GOOGLE_POINTS, precision=5) == GOOGLE_TEXT
    assert reference_decode(GOOGLE_TEXT, 5) == GOOGLE_POINTS


def test_python_round_trip_matches_the_reference_decoder(shipped_lines, synthetic_atlas) -> None:
    lines = [drawn for _, _, drawn in shipped_lines]
    lines += [payload.simplified_line(g.coords) for g in synthetic_atlas.legs["geometry"]]
    # Hard cases: both signs, a long jump, a repeated point, one point only, west and south.
    lines += [[(19.2036, 50.0269), (-0.1, -0.1), (179.9999, 89.9999), (179.9999, 89.9999)],
              [(0.0, 0.0)], [(-25.0, 34.0), (45.0, 72.0)]]
    for line in lines:
        text = geometry.encode_polyline(line)
        assert reference_decode(text, geometry.LINE_PRECISION) == line
        assert geometry.decode_polyline(text) == line


def test_quantisation_moves_no_point_more_than_half_a_grid_step() -> None:
    rng = random.Random(8)
    line = [(rng.uniform(7, 24), rng.uniform(47, 55)) for _ in range(2000)]
    step = 10.0**-geometry.LINE_PRECISION
    for (lon, lat), (qlon, qlat) in zip(line, geometry.quantise(line), strict=False):
        assert abs(qlon - lon) <= step / 2 + 1e-12
        assert abs(qlat - lat) <= step / 2 + 1e-12
    # ~5.6 m north-south at most: under a pixel at the map's highest zoom.
    assert geometry.km_between((19.0, 50.0), (19.0, 50.0 + step / 2)) < 0.006


def _check_line_keeps_its_shape_and_stations(leg: dict, original: list, drawn: list,
                                             places: dict) -> None:
    where = f"{leg['march_id']} leg {leg['leg']}"
    # Every vertex of the data stays within ~50 m of the line drawn.
    worst = max(geometry.km_to_line(p, drawn) for p in original)
    assert worst <= 0.05, f"{where}: a vertex is {worst * 1000:.0f} m from the drawn line"
    for field, end in (("from", drawn[0]), ("to", drawn[-1])):
        assert geometry.km_between(places[leg[field]], end) <= STATION_TOLERANCE_KM, where
    for pid in leg["via"]:
        before = geometry.km_to_line(places[pid], original)
        after = geometry.km_to_line(places[pid], drawn)
        assert after <= STATION_TOLERANCE_KM, f"{where}: {pid} is {after:.2f} km off"
        assert after - before <= 0.05, f"{where}: {pid} moved {after - before:.3f} km away"


def test_simplified_shipped_lines_keep_every_station(shipped_lines, shipped_atlas) -> None:
    places = {p.id: (p.lon, p.lat) for p in shipped_atlas.places.itertuples()}
    for leg, original, drawn in shipped_lines:
        _check_line_keeps_its_shape_and_stations(leg, original, drawn, places)


def test_simplified_noisy_lines_keep_every_station(synthetic_atlas) -> None:
    places = {p.id: (p.lon, p.lat) for p in synthetic_atlas.places.itertuples()}
    legs = synthetic_atlas.legs.to_dict(orient="records")
    assert sum(len(leg["via"]) for leg in legs) > 5  # the check below has stations to check
    for leg in legs:
        original = list(leg["geometry"].coords)
        _check_line_keeps_its_shape_and_stations(leg, original,
                                                 payload.simplified_line(original), places)


def test_encoded_lines_cost_under_five_bytes_a_vertex(synthetic_atlas) -> None:
    """The lines of hand-digitised-like data: naive [lat, lon] JSON costs about 20 bytes a
    vertex; the page's budget (issue 8) is 6 for everything, lines and text."""
    vertices = sum(len(g.coords) for g in synthetic_atlas.legs["geometry"])
    data = payload.build_payload(synthetic_atlas)
    line_bytes = sum(len(json.dumps(leg["line"])) for m in data["marches"] for leg in m["legs"])
    naive = len(json.dumps([[[round(lat, 5), round(lon, 5)] for lon, lat in g.coords]
                            for g in synthetic_atlas.legs["geometry"]]))
    assert line_bytes / vertices < 5
    assert naive / vertices > 15


# The page's budget, in two parts: what every page carries (Leaflet, the basemap, the scripts,
# the interface in six languages), measured on a build of the two-march test dataset; and what
# the data adds, per march (its line, texts in six languages, and its share of the places,
# people, front lines and borders). Measured: 350 KB, and 4.1 KB a march with 102 marches.
FIXED_PAGE_KB = 400
KB_PER_MARCH = 5


def test_the_shipped_web_build_stays_within_its_budget(shipped_html: Path, shipped_atlas,
                                                        tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mapgen.cli import main

    result = CliRunner().invoke(main, ["build", "--data", str(MINI), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    fixed = (tmp_path / "index.html").stat().st_size / 1024
    assert fixed < FIXED_PAGE_KB, f"the page without data is {fixed:,.0f} KB; the budget is " \
        f"{FIXED_PAGE_KB} KB"
    per_march = (shipped_html.stat().st_size / 1024 - fixed) / len(shipped_atlas.marches)
    assert per_march < KB_PER_MARCH, f"the data costs {per_march:.1f} KB a march; the budget " \
        f"is {KB_PER_MARCH} KB"


def _decoder_page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><title>decode</title>")
    page.add_script_tag(content=static_text("decode.js"))
    return page, errors


@pytest.mark.browser
def test_the_page_decoder_gives_the_same_points(browser, shipped_lines, synthetic_atlas) -> None:
    lines = [drawn for _, _, drawn in shipped_lines]
    lines += [payload.simplified_line(g.coords) for g in synthetic_atlas.legs["geometry"]][:40]
    lines += [[(19.2036, 50.0269), (-0.1, -0.1), (179.9999, 89.9999)], [(0.0, 0.0)]]
    texts = [geometry.encode_polyline(line) for line in lines]
    page, errors = _decoder_page(browser)
    try:
        decoded = page.evaluate(
            "([texts, p]) => texts.map(t => MapgenDecode.polyline(t, p))",
            [texts, geometry.LINE_PRECISION])
        google = page.evaluate(f"MapgenDecode.polyline({json.dumps(GOOGLE_TEXT)}, 5)")
    finally:
        page.close()
    assert errors == []
    assert google == [[lat, lon] for lon, lat in GOOGLE_POINTS]
    for line, points in zip(lines, decoded, strict=True):
        assert points == [[lat, lon] for lon, lat in line]


@pytest.mark.browser
def test_the_page_rebuilds_the_full_data_from_the_compact_form(browser, shipped_atlas,
                                                                synthetic_atlas) -> None:
    """What the other scripts read (stations, modes, every leg field, coords) is what Python
    would have sent uncompressed."""
    page, errors = _decoder_page(browser)
    try:
        for atlas in (shipped_atlas, synthetic_atlas):
            compact = payload.build_payload(atlas)
            full = payload.build_payload(atlas, compact=False)
            assert len(json.dumps(compact)) < len(json.dumps(full))
            expanded = page.evaluate("data => MapgenDecode.expand(data)", compact)
            assert expanded == full
    finally:
        page.close()
    assert errors == []
