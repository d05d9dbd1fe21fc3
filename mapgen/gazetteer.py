"""Adding a place to places.csv: geocode it, refuse duplicates, append one row atomically.

Used by `mapgen places add` (issue 6). The file is rewritten whole through a temporary file and a
rename (`write.atomic_write`); every existing byte is kept, so the diff shows one added line.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geopy.location import Location

from . import geometry
from .geocode import GeoNamesGeocoder, describe
from .load import display_path, read_bounded, read_table
from .model import PLACE_COLUMNS, PLACE_KINDS, Issue
from .write import atomic_write, data_target, update_lock

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # with fullmatch: "$" would let "\n" end an id
GEONAMES = re.compile(r"geonames:[0-9]{1,12}")  # ASCII digits; GeoNames ids have up to 10
COUNTRY = re.compile(r"[A-Z]{2}")
# Control characters (a CR, an escape sequence) would split the CSV row or rewrite a terminal.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Two rows closer than this are very likely the same place entered twice.
DUPLICATE_KM = 1.0


class PlaceError(Exception):
    """The place cannot be added; the message says why and what to do, in one line."""


@dataclass
class Added:
    """What `add_place` wrote: the row, its line in the file, and the candidates not taken."""

    path: Path
    line: int
    row: dict[str, str]
    others: list[Location]


def _existing(path: Path, shown: str | None = None
              ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    issues: list[Issue] = []
    table = read_table(path, issues)
    if shown is not None:
        table.file = shown
        issues = [dataclasses.replace(i, file=shown) for i in issues]
    if issues or not table.readable:
        first = str(issues[0]) if issues else f"{display_path(path)}: cannot be read"
        raise PlaceError(f"{first}; fix it (mapgen validate) before adding places")
    return table.columns, [(row.line, row.values) for row in table.rows]


def _sources(folder: Path) -> set[str]:
    path = folder / "sources.csv"
    if not path.is_file():
        return set()
    table = read_table(path, [])
    return {row.values.get("id", "") for row in table.rows}


def _near(rows: list[tuple[int, dict[str, str]]], lat: float,
          lon: float) -> tuple[int, dict[str, str], float] | None:
    closest = None
    for line, values in rows:
        try:
            plat, plon = float(values.get("lat", "")), float(values.get("lon", ""))
        except ValueError:
            continue  # a broken row is validate's business
        km = geometry.km_between((lon, lat), (plon, plat))
        if km < DUPLICATE_KM and (closest is None or km < closest[2]):
            closest = (line, values, km)
    return closest


def append_row(path: Path, values: dict[str, str]) -> int:
    """Append one CSV row (in the header's column order) and return its line number.

    The existing bytes are kept as they are (line endings, a byte-order mark, quoting); only a
    missing final line break is added before the new row.
    """
    data = read_bounded(path)
    text = data.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text, newline="")))
    newline = "\r\n" if b"\r\n" in data.split(b"\n", 1)[0] + b"\n" else "\n"
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow([values.get(c.strip(), "") for c in header])
    if data and not data.endswith(b"\n"):
        data += newline.encode()
    atomic_write(path, data + out.getvalue().encode("utf-8"))
    return data.count(b"\n") + 1


def _append_new(path: Path, shown: str, place_id: str, row: dict[str, str]) -> int:
    """Append `row` unless the file (read again, under the lock) has its id or a place near."""
    _, rows = _existing(path, shown)
    for line, values in rows:
        if values.get("id") == place_id:
            raise PlaceError(f"{shown}:line {line} already has the id '{place_id}' "
                             f"({values.get('name', '')}); choose another id or edit that row")
    close = _near(rows, float(row["lat"]), float(row["lon"]))
    if close is not None:
        line, values, km = close
        raise PlaceError(f"{shown}:line {line} already has '{values.get('id')}' "
                         f"({values.get('name', '')}) {km:.1f} km from {row['lat']}, {row['lon']};"
                         f" use that id, or give other coordinates with --lat/--lon")
    return append_row(path, row)


def add_place(folder: Path, place_id: str, query: str, kind: str, *, geocoder: Any = None,
              lat: float | None = None, lon: float | None = None, source: str | None = None,
              country: str | None = None, wartime: str | None = None,
              local: str | None = None) -> Added:
    """Geocode `query` (or take `lat`/`lon` with `source`) and append the place to places.csv.

    Refuses an id already in the file and a place within 1 km of an existing one. `country`
    narrows the search to one country (and is the row's `country_today` for hand coordinates).
    """
    path = Path(folder) / "places.csv"
    shown = display_path(path)
    for what, text in (("the id", place_id), ("the name", query), ("--wartime", wartime),
                       ("--local", local), ("--source", source)):
        bad = CONTROL.search(text or "")
        if bad:
            raise PlaceError(f"{what} contains the control character U+{ord(bad[0]):04X}; "
                             "type it on one line without control characters")
    if not SLUG.fullmatch(place_id):
        raise PlaceError(f"'{place_id}' is not a valid id; use lower-case letters, digits and '-' "
                         "(the slug of the modern local name, e.g. wodzislaw-slaski)")
    if kind not in PLACE_KINDS:
        raise PlaceError(f"'{kind}' is not a kind of place; expected one of "
                         f"{', '.join(PLACE_KINDS)}")
    if country is not None:
        country = country.strip().upper()
        if not COUNTRY.fullmatch(country):
            raise PlaceError(f"'{country}' is not a country code; expected two letters (PL, DE)")
    columns, rows = _existing(path)
    missing = [c for c in PLACE_COLUMNS if c not in columns and c != "offset_note"]
    if missing:
        raise PlaceError(f"{shown}: the header lacks {', '.join(missing)}; fix it before adding")
    for line, values in rows:
        if values.get("id") == place_id:
            raise PlaceError(f"{shown}:line {line} already has the id '{place_id}' "
                             f"({values.get('name', '')}); choose another id or edit that row")

    others: list[Location] = []
    if (lat is None) != (lon is None):
        raise PlaceError("give both --lat and --lon, or neither (to geocode the name)")
    if lat is not None and lon is not None:
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
                and -180 <= lon <= 180):
            raise PlaceError(f"({lat}, {lon}) is not a coordinate; expected latitude -90..90 "
                             "and longitude -180..180 in decimal degrees")
        if not source:
            raise PlaceError("coordinates given by hand need --source: geonames:<id> or the id "
                             "of a row of sources.csv (the page the coordinate comes from)")
        if not (GEONAMES.fullmatch(source) or source in _sources(Path(folder))):
            raise PlaceError(f"--source '{source}' is neither geonames:<id> nor the id of a row "
                             "of sources.csv; add the source first")
        if country is None:
            nearest = (geocoder or GeoNamesGeocoder()).reverse((lat, lon))
            if nearest is None:
                raise PlaceError("no gazetteer place within 50 km tells the country; give "
                                 "--country (PL, DE, CZ …)")
            country = describe(nearest)["country"]
        row = {"name": query, "name_local": local or query, "name_wartime": wartime or "",
               "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "country_today": country,
               "source": source}
    else:
        geocoder = geocoder or GeoNamesGeocoder()
        found = geocoder.geocode(query, exactly_one=False, country_codes=country) or []
        if not found:
            where = f" in {country}" if country else ""
            raise PlaceError(f"no place named '{query}'{where} in the gazetteer; check the "
                             "spelling, try --online, or give --lat, --lon and --source")
        best, others = found[0], found[1:]
        c = describe(best)
        chosen_source = c["source"]
        if not GEONAMES.fullmatch(chosen_source):
            # Nominatim's answers are not GeoNames entries; the row must cite where it is from.
            if not source:
                raise PlaceError(f"found '{c['name']}' at {c['lat']:.5f}, {c['lon']:.5f} "
                                 f"({chosen_source}); an online result needs --source with the "
                                 "id of a row of sources.csv")
            chosen_source = source
        elif source:
            chosen_source = source
        row = {"name": c["name"], "name_local": local or c["name"],
               "name_wartime": wartime if wartime is not None else c["wartime_name"],
               "lat": f"{c['lat']:.5f}", "lon": f"{c['lon']:.5f}",
               "country_today": c["country"].upper(), "source": chosen_source}
        if not COUNTRY.fullmatch(row["country_today"]):
            raise PlaceError(f"the gazetteer gives no country for '{c['name']}'; give --country")
    row.update({"id": place_id, "kind": kind})
    if row["name_wartime"] == row["name_local"]:
        row["name_wartime"] = ""  # README: empty when it was the same as today's
    for field, text in row.items():  # a gazetteer's or a server's name with a control character
        if CONTROL.search(text):
            raise PlaceError(f"the {field} found, {text!r}, contains a control character; give "
                             "the place with --lat, --lon and --source and type the name")
    # A places.csv that is a link to a shared file: the shared file gets the row.
    target = data_target(path)
    try:
        with update_lock(target):
            line = _append_new(target, shown, place_id, row)
    except TimeoutError as exc:
        raise PlaceError(str(exc)) from exc
    return Added(path, line, row, others)
