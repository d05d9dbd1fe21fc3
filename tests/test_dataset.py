"""One check per place and per march of the shipped dataset (as xyzservices tests every
provider): the validator's rules hold for the whole set, and these catch the one bad record."""

from __future__ import annotations

import csv

import pytest

import mapgen
from mapgen.model import SEASON_BY_ID, SEASONS
from mapgen.paths import default_data_dir

DATA = default_data_dir()
PLACES = list(csv.DictReader((DATA / "places.csv").open(encoding="utf-8")))
MARCHES = list(csv.DictReader((DATA / "marches.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def atlas() -> mapgen.Atlas:
    return mapgen.load_atlas()


def test_the_shipped_dataset_validates_without_errors() -> None:
    from mapgen.load import read_dataset
    from mapgen.validate import check

    _, issues = check(read_dataset(DATA))
    assert [str(i) for i in issues if i.severity == "error"] == []


def test_the_dataset_spans_every_season_with_25_or_more_evacuations(atlas) -> None:
    assert len(atlas.marches) >= 25
    present = {s for row in atlas.marches["seasons"] for s in row}
    assert present == {s.id for s in SEASONS}


@pytest.mark.parametrize("row", PLACES, ids=[p["id"] for p in PLACES])
def test_place(row: dict, atlas) -> None:
    place = atlas.places.set_index("id").loc[row["id"]]
    # Wartime name shown with today's local name: at least one of them is filled in.
    assert place["name_local"] or place["name_wartime"], "give the local or the wartime name"
    if place["kind"] in ("main_camp", "subcamp"):
        # A camp site comes from a cited page about the camp, or a GeoNames entry for a camp
        # that stood in the town itself.
        assert place["source"], "a camp needs the source of its coordinates"


@pytest.mark.parametrize("row", MARCHES, ids=[m["id"] for m in MARCHES])
def test_march(row: dict, atlas) -> None:
    march = atlas.marches.set_index("id").loc[row["id"]]
    legs = atlas.march_legs(row["id"])
    assert len(legs) >= 1
    assert list(legs["leg"]) == list(range(1, len(legs) + 1))
    assert march["length_km"] > 0
    assert march["seasons"], "the dates overlap no season"
    for season in march["seasons"]:
        s = SEASON_BY_ID[season]
        assert s.overlaps(march["start_date"], march["end_date"])
    sources = atlas.sources.set_index("id")
    assert any(sources.loc[sid, "url"] for sid in march["sources"]), "no source with a URL"
    assert len(march["summary"].split()) >= 15, "the summary is too short to say what happened"
    # The stations run from the first leg's origin to the last leg's destination.
    assert march["stations"][0] == legs.iloc[0]["from"]
    assert march["stations"][-1] == legs.iloc[-1]["to"]
    if not pd_isna(march["prisoners_max"]) and not pd_isna(march["deaths_max"]):
        assert march["deaths_max"] <= march["prisoners_max"]


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_every_month_from_july_1944_to_april_1945_has_three_marches_under_way(atlas) -> None:
    # A march is under way in a month its dates overlap (routes/COVERAGE.md counts the same way).
    import pandas as pd

    marches = atlas.marches
    thin = {}
    for month in pd.period_range("1944-07", "1945-04", freq="M"):
        first, last = month.start_time, month.end_time  # the tables' dates are datetime64
        under_way = ((marches["start_date"] <= last) & (marches["end_date"] >= first)).sum()
        if under_way < 3:
            thin[str(month)] = int(under_way)
    assert thin == {}, f"months with fewer than three marches under way: {thin}"


def test_coverage_lists_every_march_under_a_camp_and_only_ids_that_exist() -> None:
    import re

    evacuations = {r["id"] for r in csv.DictReader(
        (DATA / "evacuations.csv").open(encoding="utf-8"))}
    marches = {m["id"] for m in MARCHES}
    listed: set[str] = set()
    for line in (DATA / "COVERAGE.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("In the data"):
            listed |= set(re.findall(r"`([a-z0-9-]+)`", line))
    assert listed - marches - evacuations == set(), "COVERAGE.md lists ids that are not in the data"
    assert marches - listed == set(), "marches not listed under any camp in COVERAGE.md"
