"""Front lines, borders of 1944-45, liberations: validation, export, the month timeline."""

from __future__ import annotations

import calendar
import csv
import json
from pathlib import Path

import pytest

import mapgen
from mapgen.context import check_context
from mapgen.export import export
from mapgen.load import read_dataset
from mapgen.paths import default_data_dir
from mapgen.validate import check

LINE = {"type": "LineString", "coordinates": [[14.0, 52.0], [14.5, 51.0]]}
SQUARE = {"type": "Polygon", "coordinates": [[[14, 50], [15, 50], [15, 51], [14, 51], [14, 50]]]}


def _fc(props: dict, geometry: dict) -> dict:
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": props, "geometry": geometry}]}


def write_context(folder: Path, front: dict | None = None, border: dict | None = None,
                  liberations: str | None = None) -> None:
    front = front or {"id": "east-1945-01-12", "date": "1945-01-12", "front": "east",
                      "certainty": "approximate", "sources": ["test-source"], "note": ""}
    border = border or {"id": "reich", "name": "Greater German Reich", "status": "reich",
                        "valid_from": "1939-03-23", "valid_to": "1945-05-08",
                        "sources": ["test-source"]}
    (folder / "frontlines.geojson").write_text(json.dumps(_fc(front, LINE)), encoding="utf-8")
    (folder / "borders.geojson").write_text(json.dumps(_fc(border, SQUARE)), encoding="utf-8")
    (folder / "liberations.csv").write_text(liberations or (
        "place,liberated,liberated_by,note,sources\n"
        "camp-a,1945-01-27,Red Army,,test-source\n"
        "camp-d,1945-04,US Army,the day is not known,test-source\n"), encoding="utf-8")


def issues_of(folder: Path) -> list:
    _, issues = check(read_dataset(folder))
    return issues


def test_shipped_context_is_valid_and_cited():
    issues = issues_of(default_data_dir())
    mine = [i for i in issues if Path(i.file).name in ("frontlines.geojson", "borders.geojson",
                                                         "liberations.csv")]
    assert mine == []
    atlas = mapgen.load_atlas() if not [i for i in issues if i.severity == "error"] else None
    ctx = check_context(default_data_dir(), {}, _Any(), [])
    assert all(f["sources"] for f in ctx.frontlines) and all(b["sources"] for b in ctx.borders)
    months = {f["date"][:7] for f in ctx.frontlines if f["front"] == "east"}
    for m in ("1944-06", "1944-07", "1944-08", "1944-09", "1944-10", "1944-11", "1944-12",
              "1945-01", "1945-02", "1945-03", "1945-04", "1945-05"):
        assert m in months, f"no eastern front line in {m}"
    dates = {f["date"] for f in ctx.frontlines}
    assert {"1944-06-06", "1945-01-12", "1945-03-24", "1945-04-25"} <= dates
    del atlas


class _Any(set):
    def __contains__(self, item: object) -> bool:
        return True


@pytest.mark.parametrize("change, file, where, field", [
    (lambda f: write_context(f, front={"id": "x", "date": "1945-01-12", "front": "east",
                                       "certainty": "approximate", "sources": []}),
     "frontlines.geojson", "feature 1 (x)", "sources"),
    (lambda f: write_context(f, front={"id": "x", "date": "12.1.1945", "front": "east",
                                       "certainty": "approximate", "sources": ["test-source"]}),
     "frontlines.geojson", "feature 1 (x)", "date"),
    (lambda f: write_context(f, front={"id": "x", "date": "1945-01-12", "front": "north",
                                       "certainty": "approximate", "sources": ["test-source"]}),
     "frontlines.geojson", "feature 1 (x)", "front"),
    (lambda f: write_context(f, border={"id": "b", "name": "B", "status": "empire",
                                        "valid_from": "1939-01-01", "valid_to": "1945-05-08",
                                        "sources": ["test-source"]}),
     "borders.geojson", "feature 1 (b)", "status"),
    (lambda f: write_context(f, border={"id": "b", "name": "B", "status": "reich",
                                        "valid_from": "1945-01-01", "valid_to": "1944-05-08",
                                        "sources": ["nope"]}),
     "borders.geojson", "feature 1 (b)", "valid_to"),
    (lambda f: write_context(f, liberations="place,liberated,liberated_by,note,sources\n"
                                            "town-b,1945-01-27,Red Army,,test-source\n"),
     "liberations.csv", "line 2", "place"),
    (lambda f: write_context(f, liberations="place,liberated,liberated_by,note,sources\n"
                                            "camp-a,27.1.1945,Red Army,,test-source\n"),
     "liberations.csv", "line 2", "liberated"),
    (lambda f: write_context(f, liberations="place,liberated,liberated_by,note,sources\n"
                                            "camp-a,,Red Army,,test-source\n"),
     "liberations.csv", "line 2", "note"),
])
def test_bad_context_names_file_feature_and_field(mini_copy, change, file, where, field):
    change(mini_copy)
    errors = [i for i in issues_of(mini_copy) if i.severity == "error"]
    assert any(Path(i.file).name == file and i.where == where and i.field == field
               for i in errors), [str(i) for i in errors]


def test_camp_without_liberation_row_is_a_warning(mini_copy):
    write_context(mini_copy, liberations="place,liberated,liberated_by,note,sources\n"
                                         "camp-a,1945-01-27,Red Army,,test-source\n")
    issues = issues_of(mini_copy)
    assert not [i for i in issues if i.severity == "error"]
    assert any("camp 'camp-d' has no liberation row" in i.message and i.severity == "warning"
               for i in issues)


def test_export_writes_fronts_borders_and_liberation_fields(mini_copy, tmp_path):
    write_context(mini_copy)
    atlas = mapgen.load_atlas(mini_copy)
    export(atlas, tmp_path / "g", "geojson")
    fronts = json.loads((tmp_path / "g" / "frontlines.geojson").read_text(encoding="utf-8"))
    assert fronts["features"][0]["properties"] == {
        "id": "east-1945-01-12", "date": "1945-01-12", "front": "east",
        "certainty": "approximate", "note": "", "sources": ["test-source"]}
    borders = json.loads((tmp_path / "g" / "borders.geojson").read_text(encoding="utf-8"))
    assert borders["features"][0]["properties"]["status"] == "reich"
    places = json.loads((tmp_path / "g" / "places.geojson").read_text(encoding="utf-8"))
    by_id = {f["properties"]["id"]: f["properties"] for f in places["features"]}
    assert by_id["camp-a"]["liberated"] == "1945-01-27"
    assert by_id["camp-a"]["liberated_by"] == "Red Army"
    assert by_id["town-b"]["liberated"] is None
    export(atlas, tmp_path / "c", "csv")
    rows = {r["id"]: r for r in csv.DictReader(open(tmp_path / "c" / "places.csv", encoding="utf-8"))}
    assert rows["camp-d"]["liberated"] == "1945-04" and rows["camp-d"]["liberation_sources"] == "test-source"
    assert (tmp_path / "c" / "frontlines.csv").read_text(encoding="utf-8").startswith(
        "id,date,front,certainty,note,sources,wkt\n")


def _overlapping(atlas, month: str) -> set[str]:
    y, m = int(month[:4]), int(month[5:])
    first, last = f"{month}-01", f"{month}-{calendar.monthrange(y, m)[1]:02d}"
    return {r.id for r in atlas.marches.itertuples()
            if r.start_date.isoformat() <= last and r.end_date.isoformat() >= first}


def test_timeline_filters_exactly_the_overlapping_marches_and_month_round_trips(
        mini_copy, tmp_path, open_page):
    from mapgen.render.map import render_html

    write_context(mini_copy)
    atlas = mapgen.load_atlas(mini_copy)
    page = tmp_path / "index.html"
    page.write_text(render_html(atlas, mode="web"), encoding="utf-8")
    probe = open_page(page, "#month=1945-01")
    p = probe.page
    assert p.evaluate("MapgenAtlas.atlas.state.month") == "1945-01"
    assert p.locator("html").get_attribute("data-front-month") == "1945-01"
    assert p.locator("html").get_attribute("data-front-lines") == "east-1945-01-12"
    assert p.locator("html").get_attribute("data-liberated-count") == "1"  # camp-a, 27 January
    months = p.evaluate("MapgenAtlas.timelineMonths(MapgenAtlas.atlas)")
    assert months[0] <= "1944-06" and months[-1] >= "1945-05"
    slider = p.locator("#month-slider")
    for i, month in enumerate(months):
        slider.focus()
        slider.fill(str(i))  # sets the value and sends input, as the keyboard does
        p.wait_for_function(f"location.hash === '#month={month}'")
        shown = set(p.evaluate("MapgenAtlas.atlas.visibleMarches().map(function (m) { return m.id; })"))
        assert shown == _overlapping(atlas, month), month
    # The keyboard moves one month; the address follows, and opening it restores the month.
    slider.fill(str(months.index("1945-01")))
    slider.press("ArrowRight")
    p.wait_for_function("location.hash === '#month=1945-02'")
    again = open_page(page, "#month=1945-02")
    assert again.page.locator("#month-slider").input_value() == str(months.index("1945-02"))
    assert again.page.locator("html").get_attribute("data-liberated-count") == "1"
    # The camp's panel says when and by whom it was liberated.
    again.page.evaluate("MapgenAtlas.atlas.selectPlace('camp-a')")
    assert again.page.locator(".details-liberation").inner_text() == \
        "Liberated on 27 January 1945 by the Red Army."
    assert probe.errors == [] and again.errors == []
