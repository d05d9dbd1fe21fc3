"""The open-data interface: the atlas as GeoJSON, flat CSV or a GeoPackage (README.md).

Field names here are a public contract; add fields, never rename or remove one. Every feature
has a unique `id` in its layer; dates go out as written (`start`, `end`: a day or a month) and as
full ISO days (`start_date`, the first day the date may mean; `end_date`, the last) with their
`date_precision`, so that a GIS can filter and animate them (QGIS's temporal controller).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry import LineString, Point, mapping

from .derive import Atlas
from .write import atomic_write

PLACE_FIELDS = [
    "id", "name", "name_wartime", "name_local", "kind", "country_today", "source", "offset_note",
]
LIBERATION_FIELDS = ["liberated", "liberated_by", "liberation_note", "liberation_sources"]
DATE_FIELDS = ["start_date", "end_date", "date_precision"]
# One feature a leg; `id` is `<march id>-<leg>`. The march's own texts and figures ride along.
LEG_FIELDS = [
    "id", "march_id", "march_title", "leg", "mode", "from", "to", "via", "start", "end",
    *DATE_FIELDS, "seasons", "certainty", "note", "prisoners_min", "prisoners_max", "deaths_min",
    "deaths_max", "figures_note", "summary", "length_km", "sources", "evacuation",
]
# A camp's whole evacuation (evacuations.csv), with the columns (march ids) that were part of it.
EVACUATION_FIELDS = [
    "id", "camp", "title", "start", "end", *DATE_FIELDS, "prisoners_min", "prisoners_max",
    "deaths_min", "deaths_max", "figures_note", "summary", "sources", "marches",
]
SOURCE_FIELDS = ["id", "citation", "url", "kind"]
# People's ways (people.csv, people_stations.csv): a person, and each station of their way.
PERSON_FIELDS = ["id", "name", "born", "died", "bio", "dates_note", "sources", "marches"]
STATION_FIELDS = ["person", "person_name", "order", "place", "place_name", "date", "first_date",
                  "last_date", "uncertain", "march", "text", "source", "locator"]
FRONT_FIELDS = ["id", "date", "front", "certainty", "note", "sources"]
BORDER_FIELDS = ["id", "name", "status", "valid_from", "valid_to", "sources"]
FORMATS = ("geojson", "csv", "gpkg")


def _plain(value: object) -> object:
    """pandas' missing values become JSON null / empty CSV cells, numpy scalars plain ones,
    timestamps ISO days."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def place_records(atlas: Atlas) -> list[dict]:
    """Places with their coordinate's source and the liberation fields (null for a place that
    is not a camp, or a camp without a liberation row)."""
    libs = atlas.context.liberations
    out = []
    for _, row in atlas.places.iterrows():
        lib = libs.get(row["id"])
        out.append({**{f: _plain(row[f]) for f in PLACE_FIELDS},
                    "liberated": (lib["liberated"] or None) if lib else None,
                    "liberated_by": lib["liberated_by"] if lib else None,
                    "liberation_note": lib["note"] if lib else None,
                    "liberation_sources": list(lib["sources"]) if lib else None,
                    "lat": float(row["lat"]), "lon": float(row["lon"])})
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


def people_records(atlas: Atlas) -> tuple[list[dict], list[dict]]:
    """The people (sources as full citations, marches as ids) and their stations in order
    (source as a full citation, `march` null when the person was on no march of the atlas)."""
    sources = atlas.sources.set_index("id")
    places = atlas.places.set_index("id")
    people = [
        {"id": row["id"], "name": row["name"], "born": row["born"], "died": row["died"],
         "bio": row["bio"], "dates_note": row["dates_note"] or None,
         "sources": [_source(sources, sid) for sid in row["sources"]],
         "marches": list(row["marches"])}
        for _, row in atlas.people.iterrows()
    ]
    names = {p["id"]: p["name"] for p in people}
    stations = [
        {"person": s["person"], "person_name": names[s["person"]], "order": int(s["order"]),
         "place": s["place"], "place_name": places.loc[s["place"], "name"], "date": s["date"],
         "first_date": s["first_date"].isoformat(), "last_date": s["last_date"].isoformat(),
         "uncertain": bool(s["uncertain"]), "march": s["march"] or None, "text": s["text"],
         "source": _source(sources, s["source"]), "locator": s["locator"] or None,
         "lon": float(places.loc[s["place"], "lon"]), "lat": float(places.loc[s["place"], "lat"])}
        for _, s in atlas.person_stations.sort_values(["person", "order"]).iterrows()
    ]
    return people, stations


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
            "id": f"{leg['march_id']}-{int(leg['leg'])}",
            "march_id": leg["march_id"],
            "march_title": march["title"],
            "leg": int(leg["leg"]),
            "mode": leg["mode"],
            "from": leg["from"],
            "to": leg["to"],
            "via": list(leg["via"]),
            # A leg without dates of its own has its march's (derive.py).
            "start": leg["start"] or march["start"],
            "end": leg["end"] or march["end"],
            **{f: _plain(leg[f]) for f in DATE_FIELDS},
            "seasons": list(leg["seasons"]),
            "certainty": leg["certainty"],
            "note": leg["note"],
            **{f: _plain(march[f]) for f in ("prisoners_min", "prisoners_max", "deaths_min",
                                             "deaths_max", "figures_note", "summary")},
            "length_km": float(leg["length_km"]),
            "sources": [_source(sources, sid) for sid in march["sources"]],
            "evacuation": evacuations.get(march["evacuation"]),
            "geometry": leg["geometry"],
        })
    return records


def layers(atlas: Atlas) -> dict[str, list[dict]]:
    """Every exported layer as records with a shapely `geometry`, fields as in GeoJSON."""
    places = place_records(atlas)
    where = {p["id"]: Point(p["lon"], p["lat"]) for p in places}
    for p in places:
        p["geometry"] = where[p["id"]]
    return {
        "places": places,
        "marches": leg_records(atlas),
        # Each at its camp's point.
        "evacuations": [{**e, "geometry": where[e["camp"]]} for e in evacuation_records(atlas)],
        "frontlines": _context_records(atlas.context.frontlines, FRONT_FIELDS),
        "borders": _context_records(atlas.context.borders, BORDER_FIELDS),
        **_people_layers(atlas),
    }


def _people_layers(atlas: Atlas) -> dict[str, list[dict]]:
    """Each person's way as one line through their stations in order (straight between two
    stations: the road is known only where they were on a march of the atlas), and each
    station as a point."""
    people, stations = people_records(atlas)
    for s in stations:
        s["id"] = f"{s['person']}-{s['order']}"
        s["geometry"] = Point(s["lon"], s["lat"])
    ways = []
    for p in people:
        mine = [s for s in stations if s["person"] == p["id"]]
        points = list(dict.fromkeys((s["lon"], s["lat"]) for s in mine))
        if points:
            line = LineString(points) if len(points) > 1 else Point(points[0])
            ways.append({**p, "stations": len(mine), "geometry": line})
    return {"people": ways, "people_stations": stations}


def _flat(record: dict) -> dict:
    """A record for a table (CSV, GeoPackage): lists joined with `;`, a source or an evacuation
    by its id."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict) and "id" in value:  # an evacuation, a station's source
            value = value["id"]
        elif isinstance(value, list):
            value = ";".join(v["id"] if isinstance(v, dict) else v for v in value)
        out[key] = value
    return out


def _geojson(records: list[dict]) -> str:
    # A point's lat and lon are its geometry; as properties they would only repeat it.
    features = [{"type": "Feature", "id": r["id"], "geometry": mapping(r["geometry"]),
                 "properties": {k: v for k, v in r.items() if k not in ("geometry", "lat", "lon")}}
                for r in records]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      indent=1) + "\n"


def export(atlas: Atlas, out: Path, fmt: str) -> list[Path]:
    """Write every layer of the atlas to `out`; return the files written.

    Parameters
    ----------
    atlas : Atlas
        The tables to write (``load_atlas()``, or a part of it: ``Atlas.subset``).
    out : Path
        The folder to write to; made when missing.
    fmt : {"geojson", "csv", "gpkg"}
        GeoJSON files (one a layer), CSV files (lines as WKT), or one GeoPackage
        ``atlas.gpkg`` with a layer each (needs geopandas: ``pip install 'mapgen[geo]'``).

    Returns
    -------
    list of Path
        The files written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out = Path(out)
    found = layers(atlas)
    if fmt == "gpkg":
        return [_gpkg(found, atlas, out / "atlas.gpkg")]
    if fmt == "geojson":
        # people.geojson: each person's way, then the stations of every way.
        found["people"] = [{**r, "feature": "way"} for r in found["people"]] + \
            [{**r, "feature": "station"} for r in found.pop("people_stations")]
        files = {f"{name}.geojson": _geojson(records) for name, records in found.items()}
    else:
        flat = {name: [_flat(r) for r in records] for name, records in found.items()}
        for name in ("marches", "frontlines", "borders"):
            for r in flat[name]:
                r["wkt"] = r.pop("geometry").wkt
        files = {
            "places.csv": _csv([*PLACE_FIELDS, *LIBERATION_FIELDS, "lat", "lon"], flat["places"]),
            "marches.csv": _csv([*LEG_FIELDS, "wkt"], flat["marches"]),
            "sources.csv": _csv(SOURCE_FIELDS, atlas.sources.to_dict(orient="records")),
            "evacuations.csv": _csv(EVACUATION_FIELDS, flat["evacuations"]),
            "frontlines.csv": _csv([*FRONT_FIELDS, "wkt"], flat["frontlines"]),
            "borders.csv": _csv([*BORDER_FIELDS, "wkt"], flat["borders"]),
            "people.csv": _csv(PERSON_FIELDS, flat["people"]),
            "people_stations.csv": _csv([*STATION_FIELDS, "lat", "lon"], flat["people_stations"]),
        }
    written = []
    for name, text in files.items():
        atomic_write(out / name, text)
        written.append(out / name)
    return written


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) sends
# the sheet's contents away); an apostrophe in front makes it text (README, "Open data").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _gpkg(found: dict[str, list[dict]], atlas: Atlas, path: Path) -> Path:
    """One GeoPackage, a layer each; dates as GeoPackage dates, so that QGIS's temporal
    controller reads them without a conversion."""
    from .derive import _geopandas

    gpd = _geopandas()
    import pyogrio  # geopandas' own I/O engine

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp.gpkg")
    tmp.unlink(missing_ok=True)
    for name, records in found.items():
        if not records:
            continue
        frame = gpd.GeoDataFrame([_flat(r) for r in records], geometry="geometry",
                                 crs="EPSG:4326")
        # A station's `date` is as written (a day or a month); its days are first/last_date.
        days = ("first_date", "last_date") if name == "people_stations" else (
            "start_date", "end_date", "date", "valid_from", "valid_to")
        for column in days:
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        for column in ("prisoners_min", "prisoners_max", "deaths_min", "deaths_max"):
            if column in frame:
                frame[column] = frame[column].astype("Int64")  # unknown stays null, never 0
        frame.to_file(tmp, layer=name, driver="GPKG")
    # A table without geometry: the citations the layers' `sources` name.
    pyogrio.write_dataframe(atlas.sources[SOURCE_FIELDS].astype(str), tmp, layer="sources",
                            driver="GPKG")
    tmp.replace(path)
    return path


def _csv(fields: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({f: _cell(row.get(f)) for f in fields})
    return buffer.getvalue()
