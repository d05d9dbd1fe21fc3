"""Stage 3: from validated records to the tables a reader or a map needs.

Adds what can be computed and should never be typed by hand: the seasons a march overlaps, the
length of every leg along its digitised line, and the ordered stations of each march.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import shapely

from . import geometry
from .context import Context
from .model import SEASON_BY_ID, SEASONS, Dataset, DateSpan, Issue, Leg, March, Translations


def seasons_of(start: DateSpan, end: DateSpan) -> list[str]:
    """Ids of every season that the span from `start` to `end` overlaps."""
    return [s.id for s in SEASONS if s.overlaps(start.first, end.last)]


def precision_of(start: DateSpan, end: DateSpan) -> str:
    """`day` when both dates name a day, `month` when either is known only to the month."""
    return "day" if start.first == start.last and end.first == end.last else "month"


def stations_of(legs: list[Leg]) -> list[str]:
    """The places a march passed, in order: from, via…, to of each leg, without repeats."""
    stations: list[str] = []
    for leg in legs:
        for pid in (leg.from_, *leg.via, leg.to):
            if not stations or stations[-1] != pid:
                stations.append(pid)
    return stations


EVACUATION_FRAME_COLUMNS = [
    "id", "camp", "title", "start", "end", "start_date", "end_date", "date_precision",
    "prisoners_min", "prisoners_max", "deaths_min", "deaths_max", "figures_note", "summary",
    "sources", "marches",
]


PEOPLE_COLUMNS = ["id", "name", "born", "died", "bio", "dates_note", "sources", "marches"]
PERSON_STATION_COLUMNS = ["person", "order", "place", "date", "first_date", "last_date",
                          "uncertain", "march", "text", "source", "locator"]


@dataclass
class Atlas:
    """The validated, derived dataset as pandas tables (see `load_atlas`).

    Attributes
    ----------
    places, marches, legs, sources, evacuations, phases : pandas.DataFrame
        One row a record of the CSV files (a leg: a feature of a route file), with the derived
        columns: ``seasons``, ``modes``, ``stations``, ``length_km``; ``start_date`` and
        ``end_date`` as ``datetime64`` with ``date_precision``; figures as nullable ``Int64``.
    translations : dict
        language -> kind -> record id -> field -> text.
    context : Context
        Front lines, borders of 1944–45 and liberations, when the dataset has them.
    warnings : list of Issue
        What validation warned about.
    """

    places: pd.DataFrame
    marches: pd.DataFrame
    legs: pd.DataFrame
    sources: pd.DataFrame
    warnings: list[Issue] = field(default_factory=list)
    # The chapters of the story (classroom steps); empty when the dataset has no phases.csv.
    phases: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["id", "label", "start", "end", "start_date", "end_date", "caption", "sources"]))
    # Data translations: language -> kind -> id -> field -> text (English is in the tables).
    translations: Translations = field(default_factory=dict)
    # A camp's whole evacuations (evacuations.csv); empty when the dataset has none.
    evacuations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=EVACUATION_FRAME_COLUMNS))
    # Front lines, borders of 1944-45 and the camps' liberation (context.py).
    context: Context = field(default_factory=Context)

    # People's ways (people.csv, people_stations.csv): empty when the dataset has none.
    people: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PEOPLE_COLUMNS))
    person_stations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=PERSON_STATION_COLUMNS))
    # Reference cities named on the map for orientation (reference_cities.csv; may be empty).
    cities: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["id", "name", "name_wartime", "name_local", "lat", "lon", "min_zoom", "source"]))

    def march_legs(self, march_id: str) -> pd.DataFrame:
        return self.legs[self.legs["march_id"] == march_id]

    def subset(self, season: str | None = None, month: str | None = None,
               camp: str | None = None, marches: Iterable[str] | None = None) -> Atlas:
        """The part of the atlas that meets every criterion given, as a new Atlas.

        Parameters
        ----------
        season : str, optional
            A season id (``"winter-1944-45"``, see ``mapgen.SEASONS``): the marches and legs
            whose dates overlap it, as the map's season filter shows them.
        month : str, optional
            A month, ``"1945-01"``: the marches and legs under way in it (dates overlapping it).
        camp : str, optional
            A place id: the marches that passed it (``stations``) or were part of an evacuation
            of it (``evacuations.camp``).
        marches : iterable of str, optional
            March ids to keep.

        Returns
        -------
        Atlas
            Consistent tables: the legs of the marches kept (within the season or month when
            one is given), the evacuations they belong to (and the camp's own), the places
            they name, the sources they cite, the phases overlapping the period. Translations,
            context layers and warnings are kept whole.

        Raises
        ------
        ValueError
            For a season, month, camp or march id that the atlas does not have.

        Examples
        --------
        >>> winter = load_atlas().subset(season="winter-1944-45")  # doctest: +SKIP
        >>> load_atlas().subset(camp="stutthof", month="1945-01").marches  # doctest: +SKIP
        """
        keep = pd.Series(True, index=self.marches.index)
        legs_keep = pd.Series(True, index=self.legs.index)
        period = None
        if season is not None:
            if season not in SEASON_BY_ID:
                raise ValueError(f"unknown season {season!r}; expected one of "
                                 f"{', '.join(SEASON_BY_ID)}")
            found = SEASON_BY_ID[season]
            period = (pd.Timestamp(found.start), pd.Timestamp(found.end))
        if month is not None:
            try:
                first = pd.Period(str(month), freq="M")
            except ValueError:
                first = None
            if first is None or not re.fullmatch(r"\d{4}-\d{2}", str(month)):
                raise ValueError(f"month {month!r} is not a month; expected YYYY-MM (1945-01)")
            span = (first.start_time.normalize(), first.end_time.normalize())
            period = span if period is None else (max(period[0], span[0]),
                                                  min(period[1], span[1]))
        if period is not None:
            keep &= (self.marches["start_date"] <= period[1]) & \
                (self.marches["end_date"] >= period[0])
            legs_keep &= (self.legs["start_date"] <= period[1]) & \
                (self.legs["end_date"] >= period[0])
        if camp is not None:
            if camp not in set(self.places["id"]):
                raise ValueError(f"unknown camp {camp!r}; expected a place id of places.csv")
            of_camp = set(self.evacuations.loc[self.evacuations["camp"] == camp, "id"])
            keep &= self.marches["stations"].map(lambda st: camp in st) | \
                self.marches["evacuation"].isin(of_camp)
        if marches is not None:
            wanted = [marches] if isinstance(marches, str) else list(marches)
            unknown = [m for m in wanted if m not in set(self.marches["id"])]
            if unknown:
                raise ValueError(f"unknown march id(s): {', '.join(unknown)}")
            keep &= self.marches["id"].isin(wanted)
        kept = self.marches[keep]
        legs = self.legs[legs_keep & self.legs["march_id"].isin(kept["id"])]
        kept = kept[kept["id"].isin(legs["march_id"])] if period is not None else kept
        evacuations = self.evacuations[
            self.evacuations["id"].isin(kept["evacuation"])
            | ((self.evacuations["camp"] == camp) if camp is not None else False)]
        evacuations = evacuations.assign(marches=[
            [m for m in ids if m in set(kept["id"])] for ids in evacuations["marches"]])
        named = {camp} if camp is not None else set()
        for column in ("from", "to"):
            named.update(legs[column])
        named.update(p for via in legs["via"] for p in via)
        named.update(p for st in kept["stations"] for p in st)
        named.update(evacuations["camp"])
        places = self.places[self.places["id"].isin(named)]
        phases = self.phases
        if period is not None:
            phases = phases[(phases["start_date"] <= period[1])
                            & (phases["end_date"] >= period[0])]
        cited = {sid for table in (kept, evacuations, phases) for ids in table["sources"]
                 for sid in ids}
        cited.update(places["source"])
        sources = self.sources[self.sources["id"].isin(cited)]
        return replace(self, places=places.reset_index(drop=True),
                       marches=kept.reset_index(drop=True), legs=legs.reset_index(drop=True),
                       sources=sources.reset_index(drop=True),
                       phases=phases.reset_index(drop=True),
                       evacuations=evacuations.reset_index(drop=True))

    def to_geodataframes(self) -> dict[str, Any]:
        """The atlas's layers as GeoDataFrames in WGS84 (EPSG:4326), for geopandas users.

        Needs the ``geo`` extra: ``pip install 'mapgen[geo]'`` (geopandas).

        Returns
        -------
        dict of str to geopandas.GeoDataFrame
            ``places`` (points), ``legs`` (one line a leg, with its march's columns as in
            ``marches``), ``marches`` (one MultiLineString a march, its legs' lines),
            ``evacuations`` (at their camp's point), and the context layers ``frontlines`` and
            ``borders`` (empty when the dataset has none).

        Raises
        ------
        ImportError
            When geopandas is not installed, naming the extra to install.

        Examples
        --------
        >>> layers = load_atlas().to_geodataframes()  # doctest: +SKIP
        >>> layers["legs"].to_crs(3035).length.sum() / 1000  # km, equal-area  # doctest: +SKIP
        """
        gpd = _geopandas()
        crs = "EPSG:4326"
        places = gpd.GeoDataFrame(
            self.places, geometry=gpd.points_from_xy(self.places["lon"], self.places["lat"]),
            crs=crs)
        legs = gpd.GeoDataFrame(self.legs, geometry="geometry", crs=crs)
        lines = {mid: shapely.multilinestrings(list(group["geometry"]))
                 for mid, group in self.legs.groupby("march_id", sort=False)}
        marches = gpd.GeoDataFrame(
            self.marches, geometry=[lines.get(mid) for mid in self.marches["id"]], crs=crs)
        where = dict(zip(places["id"], places.geometry, strict=True))
        evacuations = gpd.GeoDataFrame(
            self.evacuations, geometry=[where.get(c) for c in self.evacuations["camp"]], crs=crs)

        def layer(items: list[dict]) -> Any:
            if not items:
                return gpd.GeoDataFrame({"id": []}, geometry=[], crs=crs)
            return gpd.GeoDataFrame(items, geometry="geometry", crs=crs)

        return {"places": places, "legs": legs, "marches": marches, "evacuations": evacuations,
                "frontlines": layer(self.context.frontlines),
                "borders": layer(self.context.borders)}

    def __repr__(self) -> str:
        return (f"<Atlas: {len(self.marches)} marches, {len(self.legs)} legs, "
                f"{len(self.places)} places, {len(self.sources)} sources>")


def _geopandas() -> Any:
    """geopandas, imported only when GeoDataFrames are asked for (the optional `geo` extra)."""
    try:
        import geopandas
    except ImportError as exc:
        raise ImportError("GeoDataFrames need geopandas: pip install 'mapgen[geo]'") from exc
    return geopandas


def _figure(value: tuple[int, int] | None, index: int) -> int | None:
    return None if value is None else value[index]


def derive(dataset: Dataset) -> Atlas:
    legs_by_march: dict[str, list[Leg]] = {}
    for leg in dataset.legs:
        legs_by_march.setdefault(leg.march_id, []).append(leg)

    march_by_id = {m.id: m for m in dataset.marches}
    leg_rows = []
    for leg in dataset.legs:
        start, end = leg.start, leg.end
        march = march_by_id[leg.march_id]
        leg_rows.append({
            "march_id": leg.march_id,
            "leg": leg.leg,
            "from": leg.from_,
            "to": leg.to,
            "via": list(leg.via),
            "mode": leg.mode,
            "start": start.text if start else "",
            "end": end.text if end else "",
            # A leg without dates of its own inherits its march's.
            "start_date": (start or march.start).first,
            "end_date": (end or march.end).last,
            "date_precision": precision_of(start or march.start, end or march.end),
            "seasons": seasons_of(start or march.start, end or march.end),
            "certainty": leg.certainty,
            "note": leg.note,
            # The fast form of geometry.length_km (agrees to centimetres; issue 8).
            "length_km": round(geometry.line_length_km(leg.coords), 1),
            "geometry": shapely.linestrings(leg.coords),
        })
    legs = pd.DataFrame(leg_rows, columns=[
        "march_id", "leg", "from", "to", "via", "mode", "start", "end", "start_date", "end_date",
        "date_precision", "seasons", "certainty", "note", "length_km", "geometry",
    ])

    km_by_march = legs.groupby("march_id")["length_km"].sum()
    march_rows = []
    for march in dataset.marches:
        mlegs = legs_by_march.get(march.id, [])
        march_rows.append(_march_row(march, mlegs, float(km_by_march.get(march.id, 0.0))))
    marches = pd.DataFrame(march_rows, columns=[
        "id", "title", "start", "end", "start_date", "end_date", "date_precision", "seasons",
        "modes",
        "prisoners_min", "prisoners_max", "deaths_min", "deaths_max", "figures_note", "summary",
        "sources", "stations", "length_km", "evacuation",
    ])
    for column in ("prisoners_min", "prisoners_max", "deaths_min", "deaths_max"):
        marches[column] = marches[column].astype("Int64")  # empty stays empty, never 0

    evacuations = pd.DataFrame([
        {"id": e.id, "camp": e.camp, "title": e.title, "start": e.start.text, "end": e.end.text,
         "start_date": e.start.first, "end_date": e.end.last,
         "date_precision": precision_of(e.start, e.end),
         "prisoners_min": _figure(e.prisoners, 0), "prisoners_max": _figure(e.prisoners, 1),
         "deaths_min": _figure(e.deaths, 0), "deaths_max": _figure(e.deaths, 1),
         "figures_note": e.figures_note, "summary": e.summary, "sources": list(e.sources),
         # The columns (rows of marches.csv) that were part of it, in file order.
         "marches": [m.id for m in dataset.marches if m.evacuation == e.id]}
        for e in dataset.evacuations
    ], columns=EVACUATION_FRAME_COLUMNS)
    for column in ("prisoners_min", "prisoners_max", "deaths_min", "deaths_max"):
        evacuations[column] = evacuations[column].astype("Int64")

    places = pd.DataFrame([vars(p) for p in dataset.places], columns=[
        "id", "name", "name_wartime", "name_local", "kind", "lat", "lon", "country_today",
        "source", "offset_note",
    ])
    sources = pd.DataFrame([vars(s) for s in dataset.sources], columns=["id", "citation", "url",
                                                                       "kind"])
    phases = pd.DataFrame([
        {"id": p.id, "label": p.label, "start": p.start.text, "end": p.end.text,
         "start_date": p.start.first, "end_date": p.end.last, "caption": p.caption,
         "sources": list(p.sources)}
        for p in dataset.phases
    ], columns=["id", "label", "start", "end", "start_date", "end_date", "caption", "sources"])
    cities = pd.DataFrame([vars(c) for c in dataset.cities], columns=[
        "id", "name", "name_wartime", "name_local", "lat", "lon", "min_zoom", "source"])
    person_stations = pd.DataFrame([
        {"person": s.person, "order": s.order, "place": s.place, "date": s.date.text,
         "first_date": s.date.first, "last_date": s.date.last, "uncertain": s.uncertain,
         "march": s.march, "text": s.text, "source": s.source, "locator": s.locator}
        for s in dataset.person_stations
    ], columns=PERSON_STATION_COLUMNS)
    people = pd.DataFrame([
        {"id": p.id, "name": p.name, "born": p.born, "died": p.died, "bio": p.bio,
         "dates_note": p.dates_note, "sources": list(p.sources),
         # The marches of the atlas the person was on, in the order of their way.
         "marches": list(dict.fromkeys(s.march for s in dataset.person_stations
                                       if s.person == p.id and s.march))}
        for p in dataset.people
    ], columns=PEOPLE_COLUMNS)
    # Dates as datetime64 (a span's first and last day): pandas sorts, compares and resamples
    # them, and a month-precise date keeps its whole month (date_precision says which).
    for table in (legs, marches, evacuations, phases):
        for column in ("start_date", "end_date"):
            table[column] = pd.to_datetime(table[column])
    return Atlas(places, marches, legs, sources, list(dataset.warnings), phases,
                 dataset.translations, evacuations, dataset.context or Context(), people,
                 person_stations, cities)


def _march_row(march: March, legs: list[Leg], length_km: float) -> dict:
    modes: list[str] = []
    for leg in legs:
        if leg.mode not in modes:
            modes.append(leg.mode)
    return {
        "id": march.id,
        "title": march.title,
        "start": march.start.text,
        "end": march.end.text,
        "start_date": march.start.first,
        "end_date": march.end.last,
        "date_precision": precision_of(march.start, march.end),
        "seasons": seasons_of(march.start, march.end),
        "modes": modes,
        "prisoners_min": _figure(march.prisoners, 0),
        "prisoners_max": _figure(march.prisoners, 1),
        "deaths_min": _figure(march.deaths, 0),
        "deaths_max": _figure(march.deaths, 1),
        "figures_note": march.figures_note,
        "summary": march.summary,
        "sources": list(march.sources),
        "stations": stations_of(legs),
        "length_km": round(length_km, 1),
        "evacuation": march.evacuation,
    }
