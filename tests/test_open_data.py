"""The open-data interface: the Frictionless data package, the export, the analysts' API.

routes/datapackage.json is the one place the column rules live: model.py reads its columns and
allowed values from it, and these tests fail when the validator's patterns, the context files'
words or routes/README.md's tables say something else.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest

from mapgen import context, model, validate
from mapgen.load import read_dataset
from mapgen.paths import datapackage_path, default_data_dir

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


def test_the_validator_and_the_context_files_follow_the_data_package():
    slug = field("places", "id")["constraints"]["pattern"]
    for resource, name in (("places", "id"), ("marches", "id"), ("sources", "id"),
                           ("evacuations", "id"), ("phases", "id"), ("marches", "evacuation")):
        assert field(resource, name)["constraints"]["pattern"] == slug
    assert validate.SLUG.pattern == slug
    assert field("marches", "start")["constraints"]["pattern"].replace("[0-9]", r"\d") == \
        validate.DATE.pattern.replace("(\\d{4})", r"\d{4}").replace("(\\d{2})", r"\d{2}") \
        .replace("(?:-(\\d{2}))", r"(?:-\d{2})")
    assert validate.COUNTRY.pattern == field("places", "country_today")["constraints"]["pattern"]
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
