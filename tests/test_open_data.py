"""The open-data interface: the Frictionless data package, the export, the analysts' API.

routes/datapackage.json is the one place the column rules live: model.py reads its columns and
allowed values from it, and these tests fail when the validator's patterns, the context files'
words or routes/README.md's tables say something else.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest

from mapgen import context, model, validate
from mapgen.atlas import load_atlas
from mapgen.export import export
from mapgen.load import read_dataset
from mapgen.paths import datapackage_path, default_data_dir

from .conftest import MINI

ROUTES = default_data_dir()
PACKAGE = json.loads(datapackage_path().read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}


def fields(resource: str) -> list[dict]:
    found = RESOURCES[resource]
    return found["schema"]["fields"] if "schema" in found else found["featureProperties"]


def field(resource: str, name: str) -> dict:
    return next(f for f in fields(resource) if f["name"] == name)


# -- the data package ---------------------------------------------------------------------------

def test_the_shipped_data_package_validates():
    report = frictionless.validate(str(ROUTES / "datapackage.json"))
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    assert report.valid, "\n".join(errors[:20])


def test_every_file_of_the_dataset_is_a_resource():
    paths: set[str] = set()
    for resource in PACKAGE["resources"]:
        path = resource["path"]
        paths.update(path if isinstance(path, list) else [path])
    on_disk = {p.relative_to(ROUTES).as_posix() for p in ROUTES.rglob("*")
               if p.suffix in (".csv", ".geojson")}
    assert paths == on_disk
    # The routes resource lists the march files in the order `mapgen validate` reads them.
    assert RESOURCES["routes"]["path"] == sorted(RESOURCES["routes"]["path"])


def _broken_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "routes"
    shutil.copytree(ROUTES, folder)
    places = (folder / "places.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    places[1] = places[1].replace(",main_camp,", ",camp,", 1)
    (folder / "places.csv").write_text("".join(places), encoding="utf-8")
    marches = (folder / "marches.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    marches[1] = re.sub(r",1944-03,1944-07,", ",March 1944,1944-07,", marches[1], count=1)
    marches[1] = re.sub(r",majdanek-1944\n$", ",no-such-evacuation\n", marches[1])
    (folder / "marches.csv").write_text("".join(marches), encoding="utf-8")
    return folder


def test_the_data_package_refuses_what_validate_refuses(tmp_path):
    folder = _broken_copy(tmp_path)
    report = frictionless.validate(str(folder / "datapackage.json"))
    found = {(task.name, getattr(e, "field_name", None) or e.type)
             for task in report.tasks for e in task.errors}
    assert ("places", "kind") in found          # not one of the kinds
    assert ("marches", "start") in found        # not an ISO date or month
    assert ("marches", "foreign-key") in found  # an evacuation that does not exist
    assert not report.valid


# -- one schema: model, validator, context files and README agree with it ----------------------

def test_model_columns_and_words_come_from_the_data_package():
    names = lambda resource: tuple(f["name"] for f in fields(resource))  # noqa: E731
    assert names("places") == model.PLACE_COLUMNS
    assert names("marches") == model.MARCH_COLUMNS
    assert names("evacuations") == model.EVACUATION_COLUMNS
    assert names("sources") == model.SOURCE_COLUMNS
    assert names("phases") == model.PHASE_COLUMNS
    assert names("routes") == model.LEG_PROPERTIES
    assert tuple(field("places", "kind")["constraints"]["enum"]) == model.PLACE_KINDS
    assert tuple(field("sources", "kind")["constraints"]["enum"]) == model.SOURCE_KINDS
    assert tuple(field("routes", "mode")["constraints"]["enum"]) == model.MODES
    assert tuple(field("routes", "certainty")["constraints"]["enum"]) == model.CERTAINTIES
    for name, resource in RESOURCES.items():
        if name.startswith("i18n-"):
            assert tuple(f["name"] for f in resource["schema"]["fields"]) == \
                model.TRANSLATION_COLUMNS
            kinds = resource["schema"]["fields"][0]["constraints"]["enum"]
            assert set(kinds) == set(model.TRANSLATABLE)
            translatable = {f for names in model.TRANSLATABLE.values() for f in names}
            assert set(resource["schema"]["fields"][2]["constraints"]["enum"]) == translatable


def test_a_column_a_file_may_leave_out_is_not_required_in_the_package():
    for resource, optional in (("places", model.OPTIONAL_PLACE_COLUMNS),
                               ("marches", model.OPTIONAL_MARCH_COLUMNS)):
        for name in optional:
            assert not field(resource, name).get("constraints", {}).get("required"), name


def test_the_validator_and_the_context_files_follow_the_data_package():
    slug = field("places", "id")["constraints"]["pattern"]
    for resource, name in (("places", "id"), ("marches", "id"), ("sources", "id"),
                           ("evacuations", "id"), ("phases", "id"), ("marches", "evacuation")):
        assert field(resource, name)["constraints"]["pattern"] == slug
    # Python's "$" also matches before a final line break: the validator anchors with "\Z".
    def same(python: str, package: str) -> bool:
        return python.replace("\\Z", "$") == package

    assert same(validate.SLUG.pattern, slug)
    date = field("marches", "start")["constraints"]["pattern"]
    assert same(validate.DATE.pattern.replace("([0-9]{4})", "[0-9]{4}").replace("([0-9]{2})", "[0-9]{2}")
                .replace("(?:-([0-9]{2}))", "(?:-[0-9]{2})"), date)
    assert same(validate.COUNTRY.pattern, field("places", "country_today")["constraints"]["pattern"])
    lat, lon = field("places", "lat")["constraints"], field("places", "lon")["constraints"]
    assert {"lat": (lat["minimum"], lat["maximum"]),
                            "lon": (lon["minimum"], lon["maximum"])} == model.EUROPE
    assert tuple(field("frontlines", "front")["constraints"]["enum"]) == context.FRONTS
    assert tuple(field("borders", "status")["constraints"]["enum"]) == context.STATUSES
    assert tuple(f["name"] for f in fields("liberations")) == context.LIBERATION_COLUMNS


def _readme_tables() -> dict[str, list[list[str]]]:
    """routes/README.md's column tables by the file their heading names: the rows' cells."""
    tables: dict[str, list[list[str]]] = {}
    current = None
    for line in (ROUTES / "README.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{2,3} `([^`]+)`", line)
        if heading:
            current = heading[1]
            continue
        if current and line.startswith("|") and not line.startswith("|---"):
            tables.setdefault(current, []).append([c.strip() for c in line.strip("|").split("|")])
    return tables


def _named(cell: str, order: list[str]) -> list[str]:
    """The names a first cell documents: `a`, `b`, or `a` … `b` for a run of columns."""
    names = re.findall(r"`([^`]+)`", cell)
    if "…" in cell and len(names) == 2:
        return order[order.index(names[0]): order.index(names[1]) + 1]
    return names


@pytest.mark.parametrize("heading, resource", [
    ("places.csv", "places"), ("marches.csv", "marches"), ("evacuations.csv", "evacuations"),
    ("sources.csv", "sources"), ("phases.csv", "phases"), ("liberations.csv", "liberations"),
    ("marches/<march-id>.geojson", "routes"), ("frontlines.geojson", "frontlines"),
    ("borders.geojson", "borders"),
])
def test_routes_readme_documents_every_column_of_the_data_package(heading, resource):
    rows = _readme_tables()[heading]
    assert rows[0][0] in ("column", "property")
    order = [f["name"] for f in fields(resource)]
    documented = [name for row in rows[1:] for name in _named(row[0], order)]
    assert documented == order, f"routes/README.md's table for {heading} and datapackage.json"
    # Every allowed value of a field is named in the README's row for it.
    for row in rows[1:]:
        for name in _named(row[0], order):
            allowed = field(resource, name).get("constraints", {}).get("enum", [])
            missing = [v for v in allowed if f"`{v}`" not in row[1]]
            assert not missing, f"routes/README.md, {heading}, {name}: {missing} not named"


def test_validate_warns_when_the_package_does_not_list_a_route(tmp_path):
    folder = tmp_path / "routes"
    shutil.copytree(ROUTES, folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    routes = next(r for r in descriptor["resources"] if r["name"] == "routes")
    routes["path"].remove("marches/auschwitz-gliwice.geojson")
    routes["path"].append("marches/gone.geojson")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    _, issues = validate.check(read_dataset(folder))
    shown = [str(i) for i in issues if i.file.endswith("datapackage.json")]
    assert any("does not list marches/auschwitz-gliwice.geojson; add it" in s for s in shown)
    assert any("lists marches/gone.geojson, which does not exist" in s for s in shown)
    assert all("warning" in s for s in shown)


# -- the export: ids, provenance, ISO dates ------------------------------------------------------

LAYERS = ("places", "marches", "evacuations", "frontlines", "borders")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    atlas = load_atlas()
    for fmt in ("geojson", "csv", "gpkg"):
        export(atlas, out / fmt, fmt)
    return out


def _features(folder: Path, layer: str) -> list[dict]:
    return json.loads((folder / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]


def test_every_exported_feature_has_a_unique_id(exported):
    for layer in LAYERS:
        features = _features(exported / "geojson", layer)
        assert features, f"{layer}.geojson is empty"
        ids = [f["properties"]["id"] for f in features]
        assert all(ids) and len(set(ids)) == len(ids), layer
        assert [f["id"] for f in features] == ids  # the GeoJSON feature id too
    legs = _features(exported / "geojson", "marches")
    assert {f["properties"]["id"] for f in legs} == {
        f"{f['properties']['march_id']}-{f['properties']['leg']}" for f in legs}


def test_places_carry_the_source_of_their_coordinate(exported):
    places = {f["properties"]["id"]: f["properties"]
              for f in _features(exported / "geojson", "places")}
    assert all(p["source"] for p in places.values())
    assert places["auschwitz-i"]["offset_note"].startswith("Camp site")
    assert places["gliwice"]["source"].startswith("geonames:")


def test_legs_carry_note_summary_figures_note_and_full_iso_dates(exported):
    atlas = load_atlas()
    marches = atlas.marches.set_index("id")
    for feature in _features(exported / "geojson", "marches"):
        leg = feature["properties"]
        march = marches.loc[leg["march_id"]]
        assert leg["summary"] == march["summary"] and leg["summary"]
        assert leg["figures_note"] == march["figures_note"]
        assert "note" in leg
        first = dt.date.fromisoformat(leg["start_date"])
        last = dt.date.fromisoformat(leg["end_date"])
        assert first <= last
        day = re.fullmatch(r"\d{4}-\d{2}-\d{2}", leg["start"]) and \
            re.fullmatch(r"\d{4}-\d{2}-\d{2}", leg["end"])
        assert leg["date_precision"] == ("day" if day else "month"), leg["id"]
        assert leg["start_date"].startswith(leg["start"])
        if leg["date_precision"] == "day":
            assert (leg["start_date"], leg["end_date"]) == (leg["start"], leg["end"])
    by_id = {f["properties"]["id"]: f["properties"]
             for f in _features(exported / "geojson", "marches")}
    # 1945-01-18 to 1945-01: the end is known to the month, so the span runs to its last day.
    first = by_id["auschwitz-gliwice-1"]
    assert (first["start"], first["end"]) == ("1945-01-18", "1945-01")
    assert (first["start_date"], first["end_date"], first["date_precision"]) == \
        ("1945-01-18", "1945-01-31", "month")


def test_evacuations_have_iso_dates_and_the_context_layers_go_out(exported):
    for feature in _features(exported / "geojson", "evacuations"):
        e = feature["properties"]
        assert dt.date.fromisoformat(e["start_date"]) <= dt.date.fromisoformat(e["end_date"])
        assert e["date_precision"] in ("day", "month")
    fronts = _features(exported / "geojson", "frontlines")
    assert all(dt.date.fromisoformat(f["properties"]["date"]) for f in fronts)
    assert {f["geometry"]["type"] for f in _features(exported / "geojson", "borders")} <= {
        "Polygon", "MultiPolygon"}


def test_csv_export_has_the_same_ids_and_dates(exported):
    rows = list(csv.DictReader((exported / "csv" / "marches.csv").open(encoding="utf-8")))
    legs = _features(exported / "geojson", "marches")
    assert [r["id"] for r in rows] == [f["properties"]["id"] for f in legs]
    assert all(dt.date.fromisoformat(r["start_date"]) for r in rows)
    for name in ("places", "evacuations", "frontlines", "borders", "sources"):
        ids = [r["id"] for r in csv.DictReader((exported / "csv" / f"{name}.csv")
                                               .open(encoding="utf-8"))]
        assert ids and len(ids) == len(set(ids)), name


def test_the_geopackage_has_every_layer_with_dates_and_whole_figures(exported):
    gpd = pytest.importorskip("geopandas")
    path = exported / "gpkg" / "atlas.gpkg"
    legs = gpd.read_file(path, layer="marches")
    assert legs.crs.to_epsg() == 4326
    assert str(legs["start_date"].dtype).startswith("datetime64")
    assert legs["id"].is_unique
    # Unknown deaths stay unknown (null), never 0.
    shipped = load_atlas().marches.set_index("id")
    unknown = shipped["deaths_min"].isna()
    assert legs.loc[legs["march_id"].map(unknown), "deaths_min"].isna().all()
    for layer in ("places", "evacuations", "frontlines", "borders", "sources"):
        assert len(gpd.read_file(path, layer=layer)) > 0, layer


def test_a_route_saved_by_qgis_exports_with_ids_and_dates(mini_copy, tmp_path):
    qgis = Path(__file__).parent / "data" / "qgis" / "a-to-b.geojson"
    shutil.copy(qgis, mini_copy / "marches" / "a-to-b.geojson")
    export(load_atlas(mini_copy), tmp_path, "geojson")
    legs = [f["properties"] for f in _features(tmp_path, "marches")]
    assert [leg["id"] for leg in legs] == ["a-to-b-1", "a-to-b-2", "a-to-c-1"]
    assert all(dt.date.fromisoformat(leg["end_date"]) for leg in legs)
    # a-to-c runs from 1944-08 to 1944-09: known to the month.
    assert (legs[2]["start_date"], legs[2]["end_date"], legs[2]["date_precision"]) == \
        ("1944-08-01", "1944-09-30", "month")


def test_export_gpkg_without_geopandas_says_what_to_install(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_geopandas(name, *args, **kwargs):
        if name == "geopandas":
            raise ImportError("No module named 'geopandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_geopandas)
    with pytest.raises(ImportError, match=r"pip install 'mapgen\[geo\]'"):
        export(load_atlas(MINI), tmp_path, "gpkg")
    with pytest.raises(ImportError, match=r"pip install 'mapgen\[geo\]'"):
        load_atlas(MINI, geo=True)


# -- the analysts' API -------------------------------------------------------------------------

def test_tables_have_datetimes_and_nullable_integers(shipped_atlas):
    for table in (shipped_atlas.marches, shipped_atlas.legs, shipped_atlas.evacuations,
                  shipped_atlas.phases):
        assert str(table["start_date"].dtype).startswith("datetime64")
        assert str(table["end_date"].dtype).startswith("datetime64")
    for table in (shipped_atlas.marches, shipped_atlas.evacuations):
        for column in ("prisoners_min", "prisoners_max", "deaths_min", "deaths_max"):
            assert str(table[column].dtype) == "Int64"
    assert shipped_atlas.marches["deaths_min"].isna().any()  # unknown is <NA>, not 0
    gliwice = shipped_atlas.marches.set_index("id").loc["auschwitz-gliwice"]
    assert gliwice["date_precision"] == "month"


def _consistent(atlas) -> None:
    """Every leg's march is in the subset, every place a leg names, every source cited."""
    assert set(atlas.legs["march_id"]) <= set(atlas.marches["id"])
    places = set(atlas.places["id"])
    assert set(atlas.legs["from"]) | set(atlas.legs["to"]) <= places
    assert set(atlas.evacuations["camp"]) <= places
    assert {e for e in atlas.marches["evacuation"] if e} <= set(atlas.evacuations["id"])
    sources = set(atlas.sources["id"])
    assert {s for ids in atlas.marches["sources"] for s in ids} <= sources


def test_subset_by_season(shipped_atlas):
    winter = shipped_atlas.subset(season="winter-1944-45")
    assert len(winter.marches) and len(winter.marches) < len(shipped_atlas.marches)
    assert all("winter-1944-45" in s for s in winter.marches["seasons"])
    assert all("winter-1944-45" in s for s in winter.legs["seasons"])
    _consistent(winter)
    with pytest.raises(ValueError, match="unknown season 'winter'"):
        shipped_atlas.subset(season="winter")


def test_subset_by_month(shipped_atlas):
    january = shipped_atlas.subset(month="1945-01")
    assert "auschwitz-gliwice" in set(january.marches["id"])
    assert (january.marches["start_date"] <= "1945-01-31").all()
    assert (january.marches["end_date"] >= "1945-01-01").all()
    assert "majdanek-cmielow-auschwitz" not in set(january.marches["id"])
    _consistent(january)
    with pytest.raises(ValueError, match="expected YYYY-MM"):
        shipped_atlas.subset(month="January 1945")


def test_subset_by_camp_and_by_march_ids(shipped_atlas):
    stutthof = shipped_atlas.subset(camp="stutthof")
    assert len(stutthof.marches)
    assert all("stutthof" in st or ev in set(stutthof.evacuations["id"])
               for st, ev in zip(stutthof.marches["stations"], stutthof.marches["evacuation"],
                                 strict=True))
    # The camp's own evacuations, and those of the columns that passed it (Kaiserwald's).
    assert "stutthof" in set(stutthof.evacuations["camp"])
    assert all(camp == "stutthof" or eid in set(stutthof.marches["evacuation"])
               for eid, camp in zip(stutthof.evacuations["id"], stutthof.evacuations["camp"],
                                    strict=True))
    _consistent(stutthof)
    one = shipped_atlas.subset(marches=["auschwitz-gliwice"])
    assert list(one.marches["id"]) == ["auschwitz-gliwice"]
    assert set(one.legs["march_id"]) == {"auschwitz-gliwice"}
    assert list(one.evacuations["marches"].iloc[0]) == ["auschwitz-gliwice"]
    _consistent(one)
    both = shipped_atlas.subset(camp="stutthof", month="1945-01")
    assert set(both.marches["id"]) <= set(stutthof.marches["id"])
    with pytest.raises(ValueError, match="unknown march id"):
        shipped_atlas.subset(marches=["nowhere"])


def test_geodataframes_in_wgs84(shipped_atlas):
    gpd = pytest.importorskip("geopandas")  # installed with the test extra: never skipped there
    layers = shipped_atlas.to_geodataframes()
    assert set(layers) == {"places", "legs", "marches", "evacuations", "frontlines", "borders"}
    for name, frame in layers.items():
        assert isinstance(frame, gpd.GeoDataFrame), name
        assert frame.crs.to_epsg() == 4326, name
    gliwice = layers["places"].set_index("id").loc["gliwice"]
    assert (round(gliwice.geometry.x, 4), round(gliwice.geometry.y, 4)) == (
        round(gliwice["lon"], 4), round(gliwice["lat"], 4))
    geo = load_atlas(geo=True)
    assert isinstance(geo.legs, gpd.GeoDataFrame) and geo.legs.crs.to_epsg() == 4326
    assert isinstance(geo.subset(season="spring-1945").legs, gpd.GeoDataFrame)


def test_gdal_reads_the_geojson_dates_as_dates(exported):
    # QGIS reads GeoJSON through GDAL: its temporal controller needs start_date and end_date to
    # arrive as Date fields, and one `id` field (the feature id and the property agree).
    pyogrio = pytest.importorskip("pyogrio")
    info = pyogrio.read_info(exported / "geojson" / "marches.geojson")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["start_date"].startswith("datetime64") and types["end_date"].startswith(
        "datetime64")
    assert list(info["fields"]).count("id") == 1
    fronts = pyogrio.read_info(exported / "geojson" / "frontlines.geojson")
    assert dict(zip(fronts["fields"], fronts["dtypes"], strict=True))["date"].startswith(
        "datetime64")
