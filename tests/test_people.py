"""People's ways (issue 18) in the data and the open-data export."""

from __future__ import annotations

import json
from pathlib import Path

import mapgen
from mapgen.export import export

NAMED = {"isabella-leitner", "elie-wiesel", "gerda-weissmann-klein", "anne-frank", "margot-frank",
         "ruth-klueger"}


def test_the_shipped_people_are_sourced_and_their_stations_ordered(
        shipped_atlas: mapgen.Atlas) -> None:
    people = shipped_atlas.people
    assert len(people) >= 12
    assert set(people["id"]) >= NAMED
    sources = set(shipped_atlas.sources["id"])
    assert all(p_sources and set(p_sources) <= sources for p_sources in people["sources"])
    stations = shipped_atlas.person_stations
    assert set(stations["person"]) == set(people["id"])
    for person, way in stations.groupby("person"):
        assert list(way["order"]) == list(range(1, len(way) + 1)), person
        firsts, lasts = list(way["first_date"]), list(way["last_date"])
        assert all(lasts[k] >= firsts[k - 1] for k in range(1, len(way))), person
    assert stations["source"].isin(sources).all()
    # Several on marches of the atlas; the marches a person was on follow from the stations.
    on_marches = people.set_index("id")["marches"]
    assert on_marches["elie-wiesel"] == ["auschwitz-gliwice", "gliwice-buchenwald-1945-01"]
    assert on_marches["gerda-weissmann-klein"] == ["schlesiersee-volary"]


def test_the_export_has_each_persons_way_and_stations(shipped_atlas: mapgen.Atlas,
                                                      tmp_path: Path) -> None:
    export(shipped_atlas, tmp_path, "geojson")
    features = json.loads((tmp_path / "people.geojson").read_text(encoding="utf-8"))["features"]
    ways = {f["properties"]["id"]: f for f in features if f["properties"]["feature"] == "way"}
    stations = [f for f in features if f["properties"]["feature"] == "station"]
    assert set(ways) == set(shipped_atlas.people["id"])
    assert len(stations) == len(shipped_atlas.person_stations)
    wiesel = sorted((f for f in stations if f["properties"]["person"] == "elie-wiesel"),
                    key=lambda f: f["properties"]["order"])
    assert [f["properties"]["order"] for f in wiesel] == list(range(1, len(wiesel) + 1))
    first = wiesel[0]["properties"]
    assert first["date"] == "1944-05" and first["first_date"] == "1944-05-01"
    assert first["last_date"] == "1944-05-31" and first["source"]["kind"] == "testimony"
    assert wiesel[3]["properties"]["march"] == "auschwitz-gliwice"
    # The way joins the stations in order, a place visited twice in a row counted once.
    line = ways["elie-wiesel"]["geometry"]
    assert line["type"] == "LineString"
    assert line["coordinates"][0] == wiesel[0]["geometry"]["coordinates"]
    assert line["coordinates"][-1] == wiesel[-1]["geometry"]["coordinates"]
    assert len(line["coordinates"]) == len({tuple(f["geometry"]["coordinates"]) for f in wiesel})
    export(shipped_atlas, tmp_path, "csv")
    header = (tmp_path / "people_stations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("person,person_name,order,place")
    assert "uncertain" in header and header.endswith("lat,lon")
