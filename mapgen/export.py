"""The open-data interface: the atlas as GeoJSON or flat CSV (documented in README.md).

Field names here are a public contract; add fields, never rename or remove one.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
from shapely.geometry import mapping

from .derive import Atlas
from .write import atomic_write

PLACE_FIELDS = ["id", "name", "name_wartime", "name_local", "kind", "country_today"]
LEG_FIELDS = [
    "march_id", "march_title", "leg", "mode", "from", "to", "via", "start", "end", "seasons",
    "certainty", "prisoners_min", "prisoners_max", "deaths_min", "deaths_max", "length_km",
    "sources", "evacuation",
]
# A camp's whole evacuation (evacuations.csv), with the columns (march ids) that were part of it.
EVACUATION_FIELDS = [
    "id", "camp", "title", "start", "end", "prisoners_min", "prisoners_max", "deaths_min",
    "deaths_max", "figures_note", "summary", "sources", "marches",
]
SOURCE_FIELDS = ["id", "citation", "url", "kind"]
FORMATS = ("geojson", "csv")


def _plain(value: object) -> object:
    """pandas' missing values become JSON null / empty CSV cells, numpy scalars plain ones."""
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


LIBERATION_FIELDS = ["liberated", "liberated_by", "liberation_note", "liberation_sources"]
FRONT_FIELDS = ["id", "date", "front", "certainty", "note", "sources"]
BORDER_FIELDS = ["id", "name", "status", "valid_from", "valid_to", "sources"]


def place_records(atlas: Atlas) -> list[dict]:
    """Places with the liberation fields (null for a place that is not a camp, or a camp
    without a liberation row)."""
    libs = atlas.context.liberations
    out = []
    for _, row in atlas.places.iterrows():
        lib = libs.get(row["id"])
        out.append({**{f: _plain(row[f]) for f in PLACE_FIELDS},
                    "liberated": (lib["liberated"] or None) if lib else None,
                    "liberated_by": lib["liberated_by"] if lib else None,
                    "liberation_note": lib["note"] if lib else None,
                    "liberation_sources": list(lib["sources"]) if lib else None,
                    "lat": row["lat"], "lon": row["lon"]})
    return out


def _context_records(items: list[dict], fields: list[str]) -> list[dict]:
    return [{**{f: item[f] for f in fields}, "geometry": item["geometry"]} for item in items]


def _source(sources: pd.DataFrame, sid: str) -> dict:
    return {"id": sid, **{f: sources.loc[sid, f] for f in SOURCE_FIELDS[1:]}}


def evacuation_records(atlas: Atlas) -> list[dict]:
    """The camps' whole evacuations; `sources` as full citations, `marches` as ids."""
    sources = atlas.sources.set_index("id")
    return [
        {**{f: _plain(row[f]) for f in EVACUATION_FIELDS if f not in ("sources", "marches")},
         "sources": [_source(sources, sid) for sid in row["sources"]],
         "marches": list(row["marches"])}
        for _, row in atlas.evacuations.iterrows()
    ]


def leg_records(atlas: Atlas) -> list[dict]:
    marches = atlas.marches.set_index("id")
    sources = atlas.sources.set_index("id")
    # What a leg's march was part of, without the list of its columns (the leg is one of them).
    evacuations = {e["id"]: {k: v for k, v in e.items() if k != "marches"}
                   for e in evacuation_records(atlas)}
    records = []
    for _, leg in atlas.legs.iterrows():
        march = marches.loc[leg["march_id"]]
        records.append({
            "march_id": leg["march_id"],
            "march_title": march["title"],
            "leg": int(leg["leg"]),
            "mode": leg["mode"],
            "from": leg["from"],
            "to": leg["to"],
            "via": list(leg["via"]),
            "start": leg["start"] or march["start"],
            "end": leg["end"] or march["end"],
            "seasons": list(leg["seasons"]),
            "certainty": leg["certainty"],
            **{f: _plain(march[f]) for f in ("prisoners_min", "prisoners_max", "deaths_min",
                                             "deaths_max")},
            "length_km": float(leg["length_km"]),
            "sources": [_source(sources, sid) for sid in march["sources"]],
            "evacuation": evacuations.get(march["evacuation"]),
            "geometry": leg["geometry"],
        })
    return records


def _geojson(features: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      indent=1) + "\n"


def export(atlas: Atlas, out: Path, fmt: str) -> list[Path]:
    """Write the places and the legs of every march to `out`; return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = Path(out)
    places, legs = place_records(atlas), leg_records(atlas)
    evacuations = evacuation_records(atlas)
    where = {p["id"]: [p["lon"], p["lat"]] for p in places}
    if fmt == "geojson":
        files = {
            "places.geojson": _geojson([
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p.pop("lon"),
                                                                                  p.pop("lat")]},
                 "properties": p}
                for p in places
            ]),
            "marches.geojson": _geojson([
                {"type": "Feature", "geometry": mapping(leg.pop("geometry")), "properties": leg}
                for leg in legs
            ]),
            # Each at its camp's point.
            "evacuations.geojson": _geojson([
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": where[e["camp"]]},
                 "properties": e}
                for e in evacuations
            ]),
            "frontlines.geojson": _geojson([
                {"type": "Feature", "geometry": mapping(r.pop("geometry")), "properties": r}
                for r in _context_records(atlas.context.frontlines, FRONT_FIELDS)
            ]),
            "borders.geojson": _geojson([
                {"type": "Feature", "geometry": mapping(r.pop("geometry")), "properties": r}
                for r in _context_records(atlas.context.borders, BORDER_FIELDS)
            ]),
        }
    else:
        for leg in legs:
            leg["via"] = ";".join(leg["via"])
            leg["seasons"] = ";".join(leg["seasons"])
            leg["sources"] = ";".join(s["id"] for s in leg["sources"])
            leg["evacuation"] = leg["evacuation"]["id"] if leg["evacuation"] else ""
            leg["wkt"] = leg.pop("geometry").wkt
        for e in evacuations:
            e["sources"] = ";".join(s["id"] for s in e["sources"])
            e["marches"] = ";".join(e["marches"])
        for p in places:
            if p["liberation_sources"] is not None:
                p["liberation_sources"] = ";".join(p["liberation_sources"])
        context = {}
        for name, items, fields in (("frontlines.csv", atlas.context.frontlines, FRONT_FIELDS),
                                    ("borders.csv", atlas.context.borders, BORDER_FIELDS)):
            rows = _context_records(items, fields)
            for r in rows:
                r["sources"] = ";".join(r["sources"])
                r["wkt"] = r.pop("geometry").wkt
            context[name] = _csv([*fields, "wkt"], rows)
        files = {
            "places.csv": _csv([*PLACE_FIELDS, *LIBERATION_FIELDS, "lat", "lon"], places),
            "marches.csv": _csv([*LEG_FIELDS, "wkt"], legs),
            "sources.csv": _csv(SOURCE_FIELDS, atlas.sources.to_dict(orient="records")),
            "evacuations.csv": _csv(EVACUATION_FIELDS, evacuations),
            **context,
        }
    written = []
    for name, text in files.items():
        atomic_write(out / name, text)
        written.append(out / name)
    return written


def _csv(fields: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({f: "" if row.get(f) is None else row[f] for f in fields})
    return buffer.getvalue()
