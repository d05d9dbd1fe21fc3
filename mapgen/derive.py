"""Stage 3: from validated records to the tables a reader or a map needs.

Adds what can be computed and should never be typed by hand: the seasons a march overlaps, the
length of every leg along its digitised line, and the ordered stations of each march.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import shapely

from . import geometry
from .context import Context
from .model import SEASONS, Dataset, DateSpan, Issue, Leg, March, Translations


def seasons_of(start: DateSpan, end: DateSpan) -> list[str]:
    """Ids of every season that the span from `start` to `end` overlaps."""
    return [s.id for s in SEASONS if s.overlaps(start.first, end.last)]


def stations_of(legs: list[Leg]) -> list[str]:
    """The places a march passed, in order: from, via…, to of each leg, without repeats."""
    stations: list[str] = []
    for leg in legs:
        for pid in (leg.from_, *leg.via, leg.to):
            if not stations or stations[-1] != pid:
                stations.append(pid)
    return stations


EVACUATION_FRAME_COLUMNS = [
    "id", "camp", "title", "start", "end", "start_date", "end_date", "prisoners_min",
    "prisoners_max", "deaths_min", "deaths_max", "figures_note", "summary", "sources", "marches",
]


@dataclass
class Atlas:
    """The validated, derived dataset as pandas tables (see `load_atlas`)."""

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

    def march_legs(self, march_id: str) -> pd.DataFrame:
        return self.legs[self.legs["march_id"] == march_id]

    def __repr__(self) -> str:
        return (f"<Atlas: {len(self.marches)} marches, {len(self.legs)} legs, "
                f"{len(self.places)} places, {len(self.sources)} sources>")


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
            "seasons": seasons_of(start or march.start, end or march.end),
            "certainty": leg.certainty,
            "note": leg.note,
            # The fast form of geometry.length_km (agrees to centimetres; issue 8).
            "length_km": round(geometry.line_length_km(leg.coords), 1),
            "geometry": shapely.linestrings(leg.coords),
        })
    legs = pd.DataFrame(leg_rows, columns=[
        "march_id", "leg", "from", "to", "via", "mode", "start", "end", "seasons", "certainty",
        "note", "length_km", "geometry",
    ])

    km_by_march = legs.groupby("march_id")["length_km"].sum()
    march_rows = []
    for march in dataset.marches:
        mlegs = legs_by_march.get(march.id, [])
        march_rows.append(_march_row(march, mlegs, float(km_by_march.get(march.id, 0.0))))
    marches = pd.DataFrame(march_rows, columns=[
        "id", "title", "start", "end", "start_date", "end_date", "seasons", "modes",
        "prisoners_min", "prisoners_max", "deaths_min", "deaths_max", "figures_note", "summary",
        "sources", "stations", "length_km", "evacuation",
    ])
    for column in ("prisoners_min", "prisoners_max", "deaths_min", "deaths_max"):
        marches[column] = marches[column].astype("Int64")  # empty stays empty, never 0

    evacuations = pd.DataFrame([
        {"id": e.id, "camp": e.camp, "title": e.title, "start": e.start.text, "end": e.end.text,
         "start_date": e.start.first, "end_date": e.end.last,
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
    return Atlas(places, marches, legs, sources, list(dataset.warnings), phases,
                 dataset.translations, evacuations, dataset.context or Context())


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
