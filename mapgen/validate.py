"""Stage 2: check every record against the rules of routes/README.md and build typed records.

Every problem is collected (not just the first) and names the file, the line or feature, the
field, the bad value and what was expected, so that a curator can fix them all in one pass.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Iterable
from urllib.parse import urlparse

import numpy as np
import shapely

from . import geometry
from .load import RawDataset, Route, Row, Table, display_path
from .model import (
    CERTAINTIES,
    CITY_COLUMNS,
    EUROPE,
    EVACUATION_CAMP_KINDS,
    EVACUATION_COLUMNS,
    FIRST_DAY,
    IGNORED_LEG_PROPERTIES,
    LAST_DAY,
    LEG_PROPERTIES,
    MARCH_COLUMNS,
    MIRROR_HOSTS,
    MODES,
    OPTIONAL_MARCH_COLUMNS,
    OPTIONAL_PLACE_COLUMNS,
    PHASE_COLUMNS,
    PLACE_COLUMNS,
    PLACE_KINDS,
    SCAFFOLDING,
    SOURCE_COLUMNS,
    SOURCE_KINDS,
    STATION_TOLERANCE_KM,
    City,
    DataError,
    Dataset,
    DateSpan,
    Evacuation,
    Issue,
    Leg,
    March,
    Phase,
    Place,
    Source,
)

# \Z, not $: "$" also matches before a final line break, so "gliwice\n" would pass as an id.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?\Z")
COUNTRY = re.compile(r"^[A-Z]{2}\Z")
# ASCII digits of a GeoNames id (up to 10 today): \d would take Arabic-Indic digits, and int()
# of thousands of digits fails.
GEONAMES = re.compile(r"^geonames:[0-9]{1,12}\Z")
# A control character in a name splits a CSV row when it is written back, or rewrites the
# terminal a message is shown in.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SCAFFOLDING = [(re.compile(pattern, re.IGNORECASE), what) for pattern, what in SCAFFOLDING]


class _Anything(set[str]):
    """The ids of a file that could not be read: every id counts as known."""

    def __contains__(self, item: object) -> bool:
        return True


class _AnyLinked(dict[str, bool]):
    """The sources of a sources.csv that could not be read: every id known, with a URL."""

    def __contains__(self, item: object) -> bool:
        return True

    def __missing__(self, key: str) -> bool:
        return True


class Reporter:
    """Collects issues for one file; `where` is a line or a feature."""

    def __init__(self, issues: list[Issue], file: str):
        self.issues = issues
        self.file = file

    def error(self, where: str, field: str, message: str) -> None:
        self.issues.append(Issue(self.file, where, field, message))

    def warning(self, where: str, field: str, message: str) -> None:
        self.issues.append(Issue(self.file, where, field, message, "warning"))


def _one_of(values: Iterable[str]) -> str:
    return ", ".join(values)


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words, for messages about GeoJSON of the wrong shape."""
    if isinstance(value, dict):
        kind = value.get("type")
        return f"a {kind}" if isinstance(kind, str) and kind else "an object without a type"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return "a text"
    return "null" if value is None else "a number"


def published(report: Reporter, where: str, field: str, text: object) -> bool:
    """A text a visitor reads or an export carries names no working file of the project (model.
    SCAFFOLDING); reports it and returns False when it does."""
    if not isinstance(text, str):
        return True
    for pattern, what in _SCAFFOLDING:
        found = pattern.search(text)
        if found:
            report.error(where, field, f"cites {what} ('{found[0].strip()}'); published text "
                         "names the publication itself (publisher, title, author), never a seed "
                         "text, a path or 'this project'")
            return False
    return True


def _published_fields(report: Reporter, where: str, v: dict[str, str],
                      fields: tuple[str, ...]) -> None:
    for field in fields:
        published(report, where, field, v.get(field, ""))


def mirror_host(host: str) -> str | None:
    """The entry of MIRROR_HOSTS that a URL's host is, or is below; None when it is none."""
    host = host.lower().rstrip(".")
    for mirror in MIRROR_HOSTS:
        if host == mirror or host.endswith("." + mirror):
            return mirror
    return None


def _figures_explained(report: Reporter, where: str, v: dict[str, str]) -> None:
    """An empty figure is said to be unknown in figures_note, so that a reader of the data (and
    the page, which shows 'not known') never takes a blank for zero."""
    if v.get("figures_note", ""):
        return
    empty = [name for name in ("prisoners", "deaths")
             if not v[f"{name}_min"] and not v[f"{name}_max"]]
    if empty:
        what = " and ".join(empty) + (" is" if len(empty) == 1 else " are")
        report.error(where, "figures_note", f"is empty while {what} "
                     f"empty; say what is not known and why (e.g. 'No count of {empty[-1]} on "
                     "this march was found.')")


class _Known(set[str]):
    """The ids of a file, with the suggestions made for ids not among them: each unknown id is
    looked at once, and only the first SUGGESTIONS of them, so that thousands of unknown ids
    in a file of thousands of places do not take minutes."""

    SUGGESTIONS = 50

    def __init__(self, ids: Iterable[str]) -> None:
        super().__init__(ids)
        self.hints: dict[str, str] = {}
        self.ordered: list[str] | None = None


def _did_you_mean(value: str, known: set[str]) -> str:
    if not isinstance(known, _Known):
        close = difflib.get_close_matches(value, sorted(known), n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""
    if value not in known.hints:
        close = []
        if len(known.hints) < known.SUGGESTIONS and len(value) <= 200:
            if known.ordered is None:
                known.ordered = sorted(known)
            close = difflib.get_close_matches(value, known.ordered, n=1)
        known.hints[value] = f" (did you mean '{close[0]}'?)" if close else ""
    return known.hints[value]


def has_ids(table: Table) -> bool:
    """Whether the ids of a file are known: it was read and has its id column. When not, the
    file's own message says why, and references to it are not checked (each would repeat it)."""
    return table.readable and "id" in table.columns


def check_columns(table: Table, expected: tuple[str, ...], optional: tuple[str, ...],
                  issues: list[Issue]) -> bool:
    if not table.readable:
        return False
    report = Reporter(issues, table.file)
    ok = True
    for name in expected:
        if name not in table.columns and name not in optional:
            report.error("line 1", name, "the column is missing; expected the columns "
                         f"{_one_of(expected)}")
            ok = False
    for name in table.columns:
        if name not in expected:
            close = difflib.get_close_matches(name, expected, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            report.error("line 1", name, f"unknown column '{name}'{hint}")
            ok = False
    return ok


def parse_date(text: str) -> DateSpan | None:
    """`1945-01-18`, or `1945-01` for a date known only to the month; None if malformed."""
    match = DATE.match(text)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), match[3]
    try:
        if day is not None:
            date = dt.date(year, month, int(day))
            return DateSpan(text, date, date)
        last = calendar.monthrange(year, month)[1]
        return DateSpan(text, dt.date(year, month, 1), dt.date(year, month, last))
    except ValueError:
        return None


def _date(report: Reporter, where: str, field: str, text: str, required: bool) -> DateSpan | None:
    if not text:
        if required:
            report.error(where, field, "is empty; expected a date such as 1945-01-18 or 1945-01")
        return None
    span = parse_date(text)
    if span is None:
        report.error(where, field, f"'{text}' is not a date; expected YYYY-MM-DD or YYYY-MM")
        return None
    if span.first < FIRST_DAY or span.last > LAST_DAY:
        report.error(where, field, f"'{text}' is outside the period of the atlas; expected a "
                     f"date from {FIRST_DAY:%Y-%m} to {LAST_DAY:%Y-%m}")
        return None
    return span


def _no_controls(report: Reporter, where: str, v: dict[str, str], fields: tuple[str, ...]) -> bool:
    ok = True
    for field in fields:
        bad = CONTROL.search(v.get(field, ""))
        if bad:
            report.error(where, field, f"contains the control character U+{ord(bad[0]):04X}; "
                         "delete it (a line break inside a name or id is not allowed)")
            ok = False
    return ok


def _slug(report: Reporter, where: str, field: str, value: str) -> bool:
    if CONTROL.search(value):
        return _no_controls(report, where, {field: value}, (field,))
    if not SLUG.match(value):
        report.error(where, field, f"'{value}' is not a valid id; expected lower-case letters, "
                     "digits and '-' (e.g. 'gross-rosen')")
        return False
    return True


def _unique(report: Reporter, rows: list[Row], what: str) -> set[str]:
    first_line: dict[str, int] = {}
    for row in rows:
        rid = row.values.get("id", "")
        if not rid:
            report.error(f"line {row.line}", "id", f"is empty; every {what} needs an id")
        elif rid in first_line:
            report.error(f"line {row.line}", "id", f"duplicate id '{rid}' (first used on line "
                         f"{first_line[rid]})")
        else:
            first_line[rid] = row.line
    return set(first_line)


def _check_sources(table: Table, issues: list[Issue]) -> list[Source]:
    if not check_columns(table, SOURCE_COLUMNS, (), issues):
        return []
    report = Reporter(issues, table.file)
    _unique(report, table.rows, "source")
    sources: list[Source] = []
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = bool(v["id"]) and _slug(report, where, "id", v["id"])
        if not v["citation"]:
            report.error(where, "citation", "is empty; expected publisher, title (author, year)")
            ok = False
        try:
            url = urlparse(v["url"])
            web = url.scheme in ("http", "https") and bool(url.netloc)
        except ValueError:  # e.g. an unclosed '[' where an IPv6 address would be
            web = False
        # A printed book may have no address; an address, when given, must be a web one.
        if v["url"] and not web:
            report.error(where, "url", f"'{v['url']}' is not a web address; expected one that "
                         "starts with http:// or https://")
            ok = False
        elif web and (mirror := mirror_host(url.hostname or "")):
            report.error(where, "url", f"'{url.hostname}' is a copy or a non-publication "
                         f"({mirror}); cite the publisher's own page (the memorial, museum, "
                         "encyclopedia or journal)")
        published(report, where, "citation", v["citation"])
        if v["kind"] not in SOURCE_KINDS:
            shown = f"'{v['kind']}' is not a kind of source" if v["kind"] else "is empty"
            report.error(where, "kind", f"{shown}; expected one of {_one_of(SOURCE_KINDS)}")
            ok = False
        if ok:
            sources.append(Source(v["id"], v["citation"], v["url"], v["kind"]))
    return sources


def _coordinate(report: Reporter, where: str, field: str, text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        hint = ""
        if re.match(r"^-?\d+,\d+$", text):
            hint = " (use a decimal point, not a comma)"
        elif "°" in text:
            hint = " (convert degrees-minutes-seconds to decimal degrees)"
        report.error(where, field, f"'{text}' is not a number; expected decimal degrees{hint}")
        return None
    if not math.isfinite(value):
        report.error(where, field, f"'{text}' is not a finite number; expected decimal degrees")
        return None
    return value


def _in_europe(lat: float, lon: float) -> bool:
    return (EUROPE["lat"][0] <= lat <= EUROPE["lat"][1]
            and EUROPE["lon"][0] <= lon <= EUROPE["lon"][1])


def _check_places(table: Table, source_ids: set[str], issues: list[Issue]) -> list[Place]:
    if not check_columns(table, PLACE_COLUMNS, OPTIONAL_PLACE_COLUMNS, issues):
        return []
    report = Reporter(issues, table.file)
    _unique(report, table.rows, "place")
    places: list[Place] = []
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = _no_controls(report, where, v, ("name", "name_wartime", "name_local"))
        ok = bool(v["id"]) and _slug(report, where, "id", v["id"]) and ok
        if not v["name"]:
            report.error(where, "name", "is empty; expected the name shown on the map")
            ok = False
        _published_fields(report, where, v, ("name", "name_wartime", "name_local",
                                             "offset_note"))
        if v["kind"] not in PLACE_KINDS:
            report.error(where, "kind", f"'{v['kind']}' is not a kind of place; expected one of "
                         f"{_one_of(PLACE_KINDS)}")
            ok = False
        lat = _coordinate(report, where, "lat", v["lat"])
        lon = _coordinate(report, where, "lon", v["lon"])
        if lat is not None and lon is not None:
            if not -90 <= lat <= 90 or not -180 <= lon <= 180:
                field = "lat" if not -90 <= lat <= 90 else "lon"
                report.error(where, field, f"({v['lat']}, {v['lon']}) is out of range; expected "
                             "latitude -90..90 and longitude -180..180")
                ok = False
            elif not _in_europe(lat, lon):
                swapped = " (lat and lon look swapped)" if _in_europe(lon, lat) else ""
                report.error(where, "lat", f"({v['lat']}, {v['lon']}) is outside Europe"
                             f"{swapped}; expected latitude {EUROPE['lat'][0]:g}..."
                             f"{EUROPE['lat'][1]:g} and longitude {EUROPE['lon'][0]:g}..."
                             f"{EUROPE['lon'][1]:g}")
                ok = False
        else:
            ok = False
        if not COUNTRY.match(v["country_today"]):
            report.error(where, "country_today", f"'{v['country_today']}' is not a country code; "
                         "expected two capital letters (PL, DE, CZ)")
            ok = False
        if not (GEONAMES.match(v["source"]) or v["source"] in source_ids):
            report.error(where, "source", f"'{v['source']}' is neither geonames:<id> nor the id "
                         "of a row of sources.csv")
            ok = False
        if ok:
            places.append(Place(v["id"], v["name"], v["name_wartime"], v["name_local"],
                                v["kind"], lat, lon, v["country_today"], v["source"],
                                v.get("offset_note", "")))
    return places


def _whole(report: Reporter, where: str, field: str, text: str) -> int | None:
    if not text:
        return None
    if re.fullmatch(r"[0-9]{10,}", text):
        report.error(where, field, f"'{text}' is larger than any figure of a march; check it")
        raise ValueError
    if not re.fullmatch(r"[0-9]+", text):
        hint = " (write it without separators: 56000)" if re.fullmatch(r"\d{1,3}([,. ]\d{3})+",
                                                                       text) else ""
        report.error(where, field, f"'{text}' is not a whole number{hint}; leave it empty when "
                     "unknown")
        raise ValueError
    return int(text)


def _range(report: Reporter, where: str, v: dict[str, str], name: str) -> tuple[int, int] | None:
    low = _whole(report, where, f"{name}_min", v[f"{name}_min"])
    high = _whole(report, where, f"{name}_max", v[f"{name}_max"])
    if low is None and high is None:
        return None
    if low is None or high is None:
        field = f"{name}_min" if low is None else f"{name}_max"
        report.error(where, field, "is empty while the other end of the range is given; write the "
                     "same number twice when the sources agree")
        raise ValueError
    if low > high:
        report.error(where, f"{name}_min", f"{low} is greater than {name}_max {high}")
        raise ValueError
    if name == "prisoners" and high == 0:
        report.error(where, "prisoners_max", "is 0; leave the figures empty when unknown")
        raise ValueError
    return low, high


def _texts(report: Reporter, where: str, v: dict[str, str], fields: tuple[str, ...]) -> bool:
    """Every named text field is filled in."""
    ok = True
    for field in fields:
        if not v[field]:
            report.error(where, field, "is empty")
            ok = False
    return ok


def _span(report: Reporter, where: str, v: dict[str, str]) -> tuple[DateSpan, DateSpan] | None:
    """The `start` and `end` of a record (a march, a phase): both valid, in order."""
    start = _date(report, where, "start", v["start"], required=True)
    end = _date(report, where, "end", v["end"], required=True)
    if start and end and start.first > end.last:
        report.error(where, "start", f"{start.text} is after end {end.text}")
        return None
    return (start, end) if start and end else None


def _source_ids(report: Reporter, where: str, text: str,
                known: dict[str, bool]) -> tuple[tuple[str, ...], bool]:
    """The `;`-separated source ids of a record, and whether every one is in sources.csv."""
    ids = tuple(s.strip() for s in text.split(";") if s.strip())
    ok = True
    for sid in ids:
        if sid not in known:
            report.error(where, "sources", f"'{sid}' is not the id of a row of sources.csv")
            ok = False
    return ids, ok


def _figures_and_sources(report: Reporter, where: str, v: dict[str, str],
                         linked: dict[str, bool], what: str):
    """The figures and sources of a march or an evacuation row (they follow the same rules):
    (prisoners, deaths, sources, ok)."""
    ok = True
    figures: dict[str, tuple[int, int] | None] = {}
    for name in ("prisoners", "deaths"):
        try:
            figures[name] = _range(report, where, v, name)
        except ValueError:
            ok = False
            figures[name] = None
    prisoners, deaths = figures["prisoners"], figures["deaths"]
    if prisoners and deaths and deaths[1] > prisoners[1]:
        report.error(where, "deaths_max", f"{deaths[1]} is more than prisoners_max "
                     f"{prisoners[1]}")
        ok = False
    sources, known = _source_ids(report, where, v["sources"], linked)
    if not sources:
        report.error(where, "sources", f"is empty; every {what} cites at least one source "
                     "(ids from sources.csv separated by ';')")
        ok = False
    if sources and known and not any(linked[s] for s in sources):
        report.error(where, "sources", "no source has a URL; cite at least one that a reader "
                     "can open")
        ok = False
    return prisoners, deaths, sources, ok and known


def _check_marches(table: Table, linked: dict[str, bool], evacuations: set[str],
                   issues: list[Issue]) -> list[March]:
    """`linked` maps each source id to whether it has a URL; `evacuations` holds the ids of
    evacuations.csv."""
    if not check_columns(table, MARCH_COLUMNS, OPTIONAL_MARCH_COLUMNS, issues):
        return []
    report = Reporter(issues, table.file)
    _unique(report, table.rows, "march")
    marches: list[March] = []
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = _no_controls(report, where, v, ("title",))
        ok = bool(v["id"]) and _slug(report, where, "id", v["id"]) and ok
        ok = _texts(report, where, v, ("title", "summary")) and ok
        span = _span(report, where, v)
        prisoners, deaths, sources, fine = _figures_and_sources(report, where, v, linked, "march")
        _figures_explained(report, where, v)
        _published_fields(report, where, v, ("title", "summary", "figures_note"))
        evacuation = v.get("evacuation", "")
        if evacuation and evacuation not in evacuations:
            close = difflib.get_close_matches(evacuation, sorted(evacuations), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            report.error(where, "evacuation", f"'{evacuation}' is not the id of a row of "
                         f"evacuations.csv{hint}")
            ok = False
        if ok and fine and span:
            marches.append(March(v["id"], v["title"], *span, prisoners, deaths,
                                 v.get("figures_note", ""), v["summary"], sources, evacuation))
    return marches


def _check_evacuations(table: Table, linked: dict[str, bool], known_places: set[str],
                       places: dict[str, Place], issues: list[Issue]) -> list[Evacuation]:
    """evacuations.csv: one row per camp and evacuation, with the camp-wide figures."""
    if not check_columns(table, EVACUATION_COLUMNS, (), issues):
        return []
    report = Reporter(issues, table.file)
    _unique(report, table.rows, "evacuation")
    evacuations: list[Evacuation] = []
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = bool(v["id"]) and _slug(report, where, "id", v["id"])
        ok = _texts(report, where, v, ("title", "summary")) and ok
        camp = v["camp"]
        if not camp or camp not in known_places:
            close = difflib.get_close_matches(camp, sorted(known_places), n=1) if camp else []
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            shown = f"'{camp}' is not a place in places.csv{hint}" if camp else "is empty"
            report.error(where, "camp", f"{shown}; expected the id of a camp")
            ok = False
        elif camp in places and places[camp].kind not in EVACUATION_CAMP_KINDS:
            report.error(where, "camp", f"'{camp}' is a {places[camp].kind}, not a camp; "
                         f"expected a place of kind {' or '.join(EVACUATION_CAMP_KINDS)}")
            ok = False
        span = _span(report, where, v)
        prisoners, deaths, sources, fine = _figures_and_sources(report, where, v, linked,
                                                                "evacuation")
        _figures_explained(report, where, v)
        _published_fields(report, where, v, ("title", "summary", "figures_note"))
        if ok and fine and span:
            evacuations.append(Evacuation(v["id"], camp, v["title"], *span, prisoners, deaths,
                                          v["figures_note"], v["summary"], sources))
    return evacuations


def _check_marches_within_evacuations(report: Reporter, marches: list[March],
                                      rows: dict[str, Row],
                                      evacuations: list[Evacuation]) -> None:
    """A column leaves while its camp is being cleared: a march that starts before its
    evacuation begins or after it ends contradicts the evacuation's dates (one of the two rows
    is wrong, or the march belongs to no camp-wide evacuation). A warning, since a month-precise
    date may hide the day. Arrival may come after the evacuation's end: columns walked on."""
    by_id = {e.id: e for e in evacuations}
    for march in marches:
        evacuation = by_id.get(march.evacuation)
        if evacuation is None:
            continue
        before = march.start.last < evacuation.start.first
        after = march.start.first > evacuation.end.last
        if before or after:
            where = f"line {rows[march.id].line}" if march.id in rows else ""
            side = "before it begins" if before else "after it ends"
            report.warning(where, "start", f"march '{march.id}' starts {march.start.text}, "
                           f"{side}: evacuation '{evacuation.id}' runs from "
                           f"{evacuation.start.text} to {evacuation.end.text}; correct the "
                           "dates of one of them or leave the march's evacuation empty")


def _leg_coords(report: Reporter, where: str, geometry_: object) -> list[tuple[float, float]]:
    if geometry_ is None:
        report.error(where, "geometry", "is null (the feature has no line); expected a LineString "
                     "drawn along the leg")
        return []
    if isinstance(geometry_, dict) and geometry_.get("type") == "MultiLineString":
        # QGIS saves line layers as MultiLineString; a leg of one part is read as its line.
        parts = geometry_.get("coordinates")
        if not isinstance(parts, list) or len(parts) != 1:
            count = len(parts) if isinstance(parts, list) else 0
            report.error(where, "geometry", f"is a MultiLineString of {count} parts; expected "
                         "one line per leg (in QGIS: Vector > Geometry Tools > Multipart to "
                         "Singleparts, then one feature per leg)")
            return []
        geometry_ = {"type": "LineString", "coordinates": parts[0]}
    if not isinstance(geometry_, dict) or geometry_.get("type") != "LineString":
        kind = geometry_.get("type") if isinstance(geometry_, dict) else type(geometry_).__name__
        report.error(where, "geometry", f"is a {kind}; expected a LineString (one per leg)")
        return []
    raw = geometry_.get("coordinates")
    coords: list[tuple[float, float]] = []
    heights = False
    if not isinstance(raw, list):
        report.error(where, "geometry", "has no list of coordinates")
        return []
    fast = _plain_coords(raw)
    if fast is not None:
        coords, heights = fast
    for i, point in enumerate(raw if fast is None else ()):
        if (not isinstance(point, list) or len(point) not in (2, 3)
                or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in point)):
            shown = repr(point) if len(repr(point)) <= 60 else repr(point)[:57] + "..."
            report.error(where, "geometry", f"coordinate {i} is {shown}; expected [lon, lat]")
            return []
        heights = heights or len(point) == 3
        # Compared before float(): an integer of hundreds of digits cannot become a float.
        if not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            shown = ", ".join(str(c) if len(str(c)) <= 20 else str(c)[:17] + "..."
                              for c in point[:2])
            report.error(where, "geometry", f"coordinate {i} [{shown}] is out of range; "
                         "expected [lon, lat] in degrees")
            return []
        lon, lat = float(point[0]), float(point[1])
        if not _in_europe(lat, lon):
            swapped = " (lon and lat look swapped)" if _in_europe(lon, lat) else ""
            report.error(where, "geometry", f"coordinate {i} [{point[0]}, {point[1]}] is outside "
                         f"Europe{swapped}; GeoJSON expects [lon, lat]")
            return []
        coords.append((lon, lat))
    if len(coords) < 2 or len(set(coords)) < 2:
        report.error(where, "geometry", "is degenerate: a line needs at least two different points")
        return []
    # Two different finite points always make a valid line: only the slow path, which has not
    # ruled out NaN and the like, needs GEOS to say so.
    if fast is None and not shapely.linestrings(coords).is_valid:
        report.error(where, "geometry", "is not a valid line")
        return []
    if heights:
        # A line exported from a GPS track or a 3D layer carries heights; they mean nothing on a
        # flat map and are dropped (routes/README.md), with a warning so the curator knows.
        report.warning(where, "geometry", "has 3D coordinates [lon, lat, height]; the heights "
                       "are ignored")
    return coords


def _plain_coords(raw: list) -> tuple[list[tuple[float, float]], bool] | None:
    """The (lon, lat) points and whether there were heights, when every point is a list of two or
    three plain numbers inside Europe: the common case, checked for a whole line at once (a
    build of millions of vertices spent most of its time checking them one by one: issue 8).
    None when any point is not so; the caller then finds it, and says what is wrong with it.
    """
    if not raw or {type(p) for p in raw} != {list}:
        return None
    lengths = {len(p) for p in raw}
    # bool is an int to Python but not a coordinate: compared by exact type, not isinstance.
    if not lengths <= {2, 3} or not {type(c) for p in raw for c in p} <= {int, float}:
        return None
    try:
        xy = np.array(raw if lengths == {2} else [p[:2] for p in raw], dtype=float)
    except OverflowError:  # an integer of hundreds of digits
        return None
    lon, lat = xy[:, 0], xy[:, 1]
    inside = ((EUROPE["lat"][0] <= lat) & (lat <= EUROPE["lat"][1])
              & (EUROPE["lon"][0] <= lon) & (lon <= EUROPE["lon"][1]))
    if not inside.all():  # NaN is never inside
        return None
    return list(map(tuple, xy.tolist())), 3 in lengths


def _check_route(route: Route, march: March | None, known: set[str],
                 places: dict[str, Place], issues: list[Issue]) -> list[Leg]:
    """Check one route file; `known` holds every id in places.csv, `places` the valid rows."""
    report = Reporter(issues, route.file)
    data = route.data
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        report.error("", "type", f"the file holds {_json_kind(data)}; expected a GeoJSON "
                     "FeatureCollection with one LineString feature per leg")
        return []
    features = data.get("features")
    if not isinstance(features, list) or not features:
        report.error("", "features", "there are no features; expected one LineString per leg")
        return []
    legs: list[Leg] = []
    ok_all = True
    previous_to: str | None = None
    for index, feature in enumerate(features):
        where = f"feature {index}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            report.error(where, "type", "expected a GeoJSON Feature")
            ok_all = False
            continue
        props = feature.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            report.error(where, "properties", f"is {_json_kind(props)}; expected an object "
                         "with the leg's properties (leg, from, to, via, mode, ...)")
            ok_all = False
            continue
        ok = True
        for name in props:
            if name not in LEG_PROPERTIES and name not in IGNORED_LEG_PROPERTIES:
                close = difflib.get_close_matches(name, LEG_PROPERTIES, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                report.error(where, name, f"unknown property '{name}'{hint}")
                ok = False
        number = props.get("leg")
        if not isinstance(number, int) or isinstance(number, bool) or number != index + 1:
            quoted = " as a number, without quotes" if isinstance(number, str) else ""
            report.error(where, "leg", f"is {number!r}; expected {index + 1}{quoted} (legs are "
                         "numbered 1, 2, 3 … in the order of the features)")
            ok = False

        def place(field: str, value: object, where: str = where) -> str | None:
            if not isinstance(value, str) or not value:
                report.error(where, field, f"is {value!r}; expected a place id from places.csv")
                return None
            if value not in known and value.strip() in known:
                report.error(where, field, f"{value!r} has spaces around the id; write "
                             f"'{value.strip()}'")
                return None
            if value not in known:
                hint = _did_you_mean(value, known)
                # Suggest the command that adds it (issue 6), with the id filled in when valid.
                new_id = value if SLUG.match(value) else "ID"
                report.error(where, field, f"'{value}' is not a place in places.csv{hint}; add "
                             f"it with: mapgen places add {new_id} \"Name\" --kind town")
                return None
            return value

        from_ = place("from", props.get("from"))
        to = place("to", props.get("to"))
        # An empty field saved by QGIS is null, not [] or "".
        via_raw = [] if props.get("via") is None else props["via"]
        via: list[str] = []
        if not isinstance(via_raw, list):
            hint = f' (write ["{via_raw}"])' if isinstance(via_raw, str) and via_raw else ""
            report.error(where, "via", f"is {via_raw!r}; expected a list of place ids, [] when "
                         f"there are none{hint}")
            ok = False
        else:
            for item in via_raw:
                pid = place("via", item)
                ok = ok and pid is not None
                if pid:
                    via.append(pid)
        ok = ok and from_ is not None and to is not None
        if from_ and previous_to and from_ != previous_to:
            report.error(where, "from", f"'{from_}' does not continue the previous leg, which "
                         f"ends at '{previous_to}'; legs must join without gaps")
            ok = False
        previous_to = to
        mode = props.get("mode")
        if mode not in MODES:
            report.error(where, "mode", f"{mode!r} is not a mode; expected one of {_one_of(MODES)}")
            ok = False
        certainty = props.get("certainty")
        if certainty not in CERTAINTIES:
            report.error(where, "certainty", f"{certainty!r} is not a certainty; expected one of "
                         f"{_one_of(CERTAINTIES)}")
            ok = False
        spans: dict[str, DateSpan | None] = {}
        for field in ("start", "end"):
            value = props.get(field) or ""
            if not isinstance(value, str):
                report.error(where, field, f"is {value!r}; expected a date as text")
                ok = False
                value = ""
            spans[field] = _date(report, where, field, value, required=False)
            if value and spans[field] is None:
                ok = False
            span = spans[field]
            if span and march and not (march.start.first <= span.first
                                       and span.last <= march.end.last):
                report.error(where, field, f"{span.text} is outside the march's dates "
                             f"({march.start.text} to {march.end.text})")
                ok = False
        if spans["start"] and spans["end"] and spans["start"].first > spans["end"].last:
            report.error(where, "start", f"{spans['start'].text} is after end {spans['end'].text}")
            ok = False
        note = props.get("note") or ""
        if not isinstance(note, str):
            report.error(where, "note", f"is {note!r}; expected text")
            ok = False
        else:
            published(report, where, "note", note)
        coords = _leg_coords(report, where, feature.get("geometry"))
        if coords and from_ and to:
            for field, pid, end in (("from", from_, coords[0]), ("to", to, coords[-1])):
                p = places.get(pid)
                if p is None:  # its row in places.csv has an error of its own
                    continue
                km = geometry.km_between((p.lon, p.lat), end)
                if km > STATION_TOLERANCE_KM:
                    which = "starts" if field == "from" else "ends"
                    report.error(where, field, f"the line {which} {km:.1f} km from '{pid}'; "
                                 f"expected within {STATION_TOLERANCE_KM:g} km (is the line "
                                 "reversed, or the place wrong?)")
                    ok = False
            stations = [(pid, places[pid]) for pid in via if pid in places]
            distances = geometry.km_to_line_many([(p.lon, p.lat) for _, p in stations], coords)
            for (pid, _), km in zip(stations, distances, strict=True):
                if km > STATION_TOLERANCE_KM:
                    report.error(where, "via", f"the line passes {km:.1f} km from '{pid}'; "
                                 f"expected within {STATION_TOLERANCE_KM:g} km")
                    ok = False
        elif not coords:
            ok = False
        if ok and from_ and to and march:
            legs.append(Leg(march.id, index + 1, from_, to, tuple(via), mode, spans["start"],
                            spans["end"], certainty, note, tuple(coords)))
        ok_all = ok_all and ok
    if march and ok_all and legs and not any(leg.certainty == "documented" for leg in legs):
        report.warning("", "certainty", f"march '{march.id}' has no documented leg")
    return legs if ok_all else []


def _check_package_lists_routes(raw: RawDataset, issues: list[Issue]) -> None:
    """A folder with a datapackage.json lists every route file in its `routes` resource, so that
    `frictionless validate` and the readers of the package see every march (a warning: the atlas
    itself does not read the descriptor)."""
    path = raw.folder / "datapackage.json"
    if not path.is_file():
        return
    shown = display_path(path)
    try:
        resources = json.loads(path.read_text(encoding="utf-8"))["resources"]
        listed = next(r for r in resources if r.get("name") == "routes")["path"]
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        Reporter(issues, shown).warning("", "resources", "has no readable `routes` resource "
                                        "listing marches/*.geojson")
        return
    listed = set(listed if isinstance(listed, list) else [listed])
    for route in raw.routes.values():
        if f"marches/{route.march_id}.geojson" not in listed:
            Reporter(issues, shown).warning("", "resources", f"the `routes` resource does not "
                                            f"list marches/{route.march_id}.geojson; add it to "
                                            "its `path` list")
    for missing in sorted(listed - {f"marches/{m}.geojson" for m in raw.routes}):
        Reporter(issues, shown).warning("", "resources", f"the `routes` resource lists "
                                        f"{missing}, which does not exist; remove it")


def check(raw: RawDataset) -> tuple[Dataset, list[Issue]]:
    """Check a raw dataset; return the records that passed and every issue found."""
    issues = list(raw.issues)
    sources = _check_sources(raw.sources, issues)
    source_ids: set[str] = {s.id for s in sources} | {r.values.get("id", "")
                                                      for r in raw.sources.rows}
    if not has_ids(raw.sources):
        source_ids = _Anything()
    places = _check_places(raw.places, source_ids, issues)
    place_by_id = {p.id: p for p in places}
    # A place row with an error still counts as known, so that one typo is not reported again
    # at every leg that uses it.
    known_places: set[str] = _Known(r.values.get("id", "") for r in raw.places.rows)
    linked = {r.values.get("id", ""): bool(r.values.get("url")) for r in raw.sources.rows}
    # A file that could not be read at all is reported once; its ids are not then reported
    # missing at every reference to them (issue 9).
    if not has_ids(raw.places):
        known_places = _Anything()
    if not has_ids(raw.sources):
        linked = _AnyLinked()
    evacuations: list[Evacuation] = []
    evacuation_ids: set[str] = set()
    if raw.evacuations is not None:
        evacuations = _check_evacuations(raw.evacuations, linked, known_places, place_by_id,
                                         issues)
        evacuation_ids = {r.values.get("id", "") for r in raw.evacuations.rows}
        if not raw.evacuations.readable:
            evacuation_ids = _Anything()
    marches = _check_marches(raw.marches, linked, evacuation_ids, issues)
    march_rows = {r.values.get("id", ""): r for r in raw.marches.rows}
    _check_marches_within_evacuations(Reporter(issues, raw.marches.file), marches, march_rows,
                                      evacuations)
    march_by_id = {m.id: m for m in marches}

    legs: list[Leg] = []
    for march_id, route in raw.routes.items():
        if march_id not in march_rows and has_ids(raw.marches):
            Reporter(issues, route.file).error("", "", f"there is no row '{march_id}' in "
                                                "marches.csv for this route file")
            continue
        if route.data is None:
            continue
        legs.extend(_check_route(route, march_by_id.get(march_id), known_places,
                                 place_by_id, issues))
    if has_ids(raw.marches):
        report = Reporter(issues, raw.marches.file)
        for march_id, row in march_rows.items():
            if march_id and march_id not in raw.routes:
                report.error(f"line {row.line}", "id", f"there is no route file "
                             f"marches/{march_id}.geojson for march '{march_id}'")
    _check_package_lists_routes(raw, issues)
    phases = _check_phases(raw.phases, linked, issues) if raw.phases is not None else []
    from .people import check_people

    people, person_stations = check_people(
        raw.people, raw.people_stations, sources=source_ids, places=place_by_id,
        known_places=known_places, marches=march_by_id,
        march_ids=set(march_rows) if raw.marches.readable else _Anything(), legs=legs,
        issues=issues)

    from .context import check_context
    from .translations import check_data_translations

    cities = _check_cities(raw.cities, source_ids, issues) if raw.cities is not None else []
    context = check_context(raw.folder, {r.values.get("id", ""): r.values.get("kind", "")
                                         for r in raw.places.rows}, source_ids, issues)
    borders = Table("borders.geojson", ["id"], [Row(n, {"id": b["id"]})
                                                for n, b in enumerate(context.borders, 1)], True)
    translations = check_data_translations(
        raw.translations, {"march": raw.marches, "place": raw.places, "border": borders,
                           "phase": raw.phases or Table("", ["id"], [], True),
                           "evacuation": raw.evacuations or Table("", ["id"], [], True),
                           "person": raw.people or Table("", ["id"], [], True),
                           "person_station": _station_ids(raw.people_stations),
                           "city": raw.cities or Table("", ["id"], [], True)}, issues)
    warnings = [i for i in issues if i.severity == "warning"]
    return Dataset(places, sources, marches, legs, warnings, phases, translations,
                   evacuations, context, people, person_stations, cities), issues


def _station_ids(table: Table | None) -> Table:
    """The stations of people_stations.csv as records with an id `person:order`, the key of
    their translations."""
    if table is None:
        return Table("", ["id"], [], True)
    ids = Table(table.file, ["id"], [], table.readable)
    for row in table.rows:
        v = row.values
        ids.rows.append(Row(row.line, {"id": f"{v.get('person', '')}:{v.get('order', '')}"}))
    return ids


def _check_cities(table: Table, source_ids: set[str], issues: list[Issue]) -> list[City]:
    """reference_cities.csv: the cities named on the map for orientation."""
    if not check_columns(table, CITY_COLUMNS, (), issues):
        return []
    report = Reporter(issues, table.file)
    _unique(report, table.rows, "city")
    cities: list[City] = []
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = bool(v["id"]) and _slug(report, where, "id", v["id"])
        if not v["name"]:
            report.error(where, "name", "is empty; expected the city's English name")
            ok = False
        lat = _coordinate(report, where, "lat", v["lat"])
        lon = _coordinate(report, where, "lon", v["lon"])
        if lat is None or lon is None:
            ok = False
        elif not _in_europe(lat, lon):
            report.error(where, "lat", f"({v['lat']}, {v['lon']}) is outside Europe; expected "
                         f"latitude {EUROPE['lat'][0]:g}...{EUROPE['lat'][1]:g} and longitude "
                         f"{EUROPE['lon'][0]:g}...{EUROPE['lon'][1]:g}")
            ok = False
        zoom = v["min_zoom"]
        if not (zoom.isdigit() and 4 <= int(zoom) <= 12):
            report.error(where, "min_zoom", f"'{zoom}' is not a zoom of the map; expected a "
                         "whole number from 4 to 12")
            ok = False
        if not (GEONAMES.match(v["source"]) or v["source"] in source_ids):
            report.error(where, "source", f"'{v['source']}' is neither geonames:<id> nor the id "
                         "of a row of sources.csv")
            ok = False
        if ok:
            cities.append(City(v["id"], v["name"], v["name_wartime"], v["name_local"],
                               lat, lon, int(zoom), v["source"]))
    return cities


def _check_phases(table: Table, linked: dict[str, bool], issues: list[Issue]) -> list[Phase]:
    """phases.csv: the chapters a teacher steps through; dates may overlap the seasons."""
    if not check_columns(table, PHASE_COLUMNS, (), issues):
        return []
    report = Reporter(issues, table.file)
    _unique(report, table.rows, "phase")
    phases: list[Phase] = []
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = bool(v["id"]) and _slug(report, where, "id", v["id"])
        ok = _texts(report, where, v, ("label", "caption")) and ok
        _published_fields(report, where, v, ("label", "caption"))
        span = _span(report, where, v)
        sources, known = _source_ids(report, where, v["sources"], linked)
        if ok and known and span:
            phases.append(Phase(v["id"], v["label"], *span, v["caption"], sources))
    return phases


def validate(raw: RawDataset) -> Dataset:
    """Return the validated dataset, or raise DataError listing every issue."""
    dataset, issues = check(raw)
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    return dataset
