"""The historical context of the atlas: front lines, the borders of 1944–45, the camps' liberation.

Three optional files of the data folder (routes/README.md):

- ``frontlines.geojson``: one (Multi)LineString a date and front;
- ``borders.geojson``: one (Multi)Polygon a territory, with its status and dates;
- ``liberations.csv``: one row a camp: when, by whom, a note, the sources.

They are read and checked like the routes: every mistake names the file, the feature or line
and the field. A camp without a liberation row is a warning, not an error: the map still
builds, its panel says "not known".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
import shapely.geometry

from .load import display_path, read_geojson, read_table
from .model import FIRST_DAY, LAST_DAY, Issue

FRONTS = ("east", "west", "italy", "balkans")
CERTAINTIES = ("documented", "approximate")
STATUSES = (
    "reich",
    "annexed",
    "protectorate",
    "occupied-administration",
    "reichskommissariat",
    "allied-state",
    "neutral",
    "state",
)
LIBERATION_COLUMNS = ("place", "liberated", "liberated_by", "note", "sources")
CAMP_KINDS = ("main_camp", "subcamp")
# A site (a prisoner-of-war camp such as Sandbostel, where the SS left concentration-camp
# prisoners in April 1945) may have a liberation row too; only camps are expected to have one.
LIBERATED_KINDS = (*CAMP_KINDS, "site")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DAY_OR_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
# A border may have held long before the atlas's months; it must be a real date all the same.
EARLIEST_BORDER = dt.date(1918, 1, 1)
# Front lines may come in the atlas's months only (what the page's timeline can show).
FRONT_FIRST = dt.date(1944, 1, 1)


@dataclass
class Context:
    frontlines: list[dict] = field(default_factory=list)  # GeoJSON features, checked
    borders: list[dict] = field(default_factory=list)
    liberations: dict[str, dict] = field(default_factory=dict)  # place id -> row


def _day(text: Any, month_ok: bool = False) -> dt.date | None:
    if not isinstance(text, str) or not (ISO_DAY_OR_MONTH if month_ok else ISO_DAY).match(text):
        return None
    try:
        return dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
    except ValueError:
        return None


def _sources(
    issues: list[Issue], file: str, where: str, value: Any, known: set[str]
) -> list[str] | None:
    ids = (
        value
        if isinstance(value, list)
        else [s.strip() for s in str(value or "").split(";") if s.strip()]
    )
    if not ids or not all(isinstance(s, str) and s for s in ids):
        issues.append(
            Issue(
                file,
                where,
                "sources",
                "is empty; every line, border and liberation cites at least one row of sources.csv",
            )
        )
        return None
    missing = [s for s in ids if s not in known]
    if missing:
        issues.append(Issue(file, where, "sources", f"'{missing[0]}' is not an id in sources.csv"))
        return None
    return ids


def _features(
    path: Path, issues: list[Issue], types: tuple[str, ...]
) -> list[tuple[str, dict, Any]]:
    """(where, properties, shapely geometry) of each valid feature of a FeatureCollection."""
    file = display_path(path)
    data = read_geojson(path, issues)
    if data is None:
        return []
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        issues.append(Issue(file, "", "type", "expected a GeoJSON FeatureCollection"))
        return []
    out = []
    for n, feat in enumerate(data["features"], start=1):
        where = f"feature {n}"
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            issues.append(Issue(file, where, "properties", "missing; expected an object"))
            continue
        if props.get("id"):
            where = f"feature {n} ({props['id']})"
        geom = feat.get("geometry")
        kind = geom.get("type") if isinstance(geom, dict) else None
        if kind not in types:
            issues.append(
                Issue(
                    file,
                    where,
                    "geometry",
                    f"is {kind or 'missing'}; expected {' or '.join(types)}",
                )
            )
            continue
        try:
            shape = shapely.geometry.shape(geom)
        except Exception as e:
            issues.append(Issue(file, where, "geometry", f"cannot be read ({e})"))
            continue
        if shape.is_empty or not shape.is_valid:
            reason = shapely.is_valid_reason(shape) if not shape.is_empty else "empty"
            issues.append(Issue(file, where, "geometry", f"is not a valid shape ({reason})"))
            continue
        minx, miny, maxx, maxy = shape.bounds
        if minx < -30 or maxx > 60 or miny < 30 or maxy > 75:
            issues.append(
                Issue(
                    file,
                    where,
                    "geometry",
                    "lies outside Europe; coordinates are [lon, lat] (GeoJSON order)",
                )
            )
            continue
        out.append((where, props, shape))
    return out


def _ids(issues: list[Issue], file: str, where: str, props: dict, seen: set[str]) -> bool:
    fid = props.get("id")
    from .validate import SLUG  # one rule for every id of the data

    if not isinstance(fid, str) or not SLUG.match(fid):
        issues.append(
            Issue(file, where, "id", f"'{fid}' is not a slug (lower-case letters, digits, '-')")
        )
        return False
    if fid in seen:
        issues.append(Issue(file, where, "id", f"'{fid}' is used twice"))
        return False
    seen.add(fid)
    return True


def check_frontlines(path: Path, known_sources: set[str], issues: list[Issue]) -> list[dict]:
    file, seen, out = display_path(path), set(), []
    for where, p, shape in _features(path, issues, ("LineString", "MultiLineString")):
        ok = _ids(issues, file, where, p, seen)
        day = _day(p.get("date"))
        if day is None:
            issues.append(
                Issue(file, where, "date", f"'{p.get('date')}' is not an ISO day (1945-01-12)")
            )
            ok = False
        elif not FRONT_FIRST <= day <= LAST_DAY:
            issues.append(Issue(file, where, "date", f"{day} is outside {FRONT_FIRST}–{LAST_DAY}"))
            ok = False
        if p.get("front") not in FRONTS:
            issues.append(
                Issue(file, where, "front", f"'{p.get('front')}' is not one of {', '.join(FRONTS)}")
            )
            ok = False
        if p.get("certainty") not in CERTAINTIES:
            issues.append(
                Issue(
                    file,
                    where,
                    "certainty",
                    f"'{p.get('certainty')}' is not one of {', '.join(CERTAINTIES)}",
                )
            )
            ok = False
        sources = _sources(issues, file, where, p.get("sources"), known_sources)
        if ok and sources:
            out.append(
                {
                    "id": p["id"],
                    "date": p["date"],
                    "front": p["front"],
                    "certainty": p["certainty"],
                    "sources": sources,
                    "note": str(p.get("note") or ""),
                    "geometry": shape,
                }
            )
    return out


def check_borders(path: Path, known_sources: set[str], issues: list[Issue]) -> list[dict]:
    file, seen, out = display_path(path), set(), []
    for where, p, shape in _features(path, issues, ("Polygon", "MultiPolygon")):
        ok = _ids(issues, file, where, p, seen)
        if not isinstance(p.get("name"), str) or not p["name"].strip():
            issues.append(Issue(file, where, "name", "is empty"))
            ok = False
        if p.get("status") not in STATUSES:
            issues.append(
                Issue(
                    file,
                    where,
                    "status",
                    f"'{p.get('status')}' is not one of {', '.join(STATUSES)}",
                )
            )
            ok = False
        days = []
        for key in ("valid_from", "valid_to"):
            day = _day(p.get(key))
            if day is None or not EARLIEST_BORDER <= day <= LAST_DAY:
                issues.append(
                    Issue(
                        file,
                        where,
                        key,
                        f"'{p.get(key)}' is not an ISO day between "
                        f"{EARLIEST_BORDER} and {LAST_DAY}",
                    )
                )
                ok = False
            days.append(day)
        if all(days) and days[0] > days[1]:
            issues.append(
                Issue(file, where, "valid_to", f"{days[1]} is before valid_from {days[0]}")
            )
            ok = False
        sources = _sources(issues, file, where, p.get("sources"), known_sources)
        if ok and sources:
            out.append(
                {
                    "id": p["id"],
                    "name": p["name"],
                    "status": p["status"],
                    "valid_from": p["valid_from"],
                    "valid_to": p["valid_to"],
                    "sources": sources,
                    "geometry": shape,
                }
            )
    return out


def check_liberations(
    path: Path, places: dict[str, str], known_sources: set[str], issues: list[Issue]
) -> dict[str, dict]:
    """places: id -> kind of every place in places.csv."""
    table = read_table(path, issues)
    file = table.file
    if not table.readable:
        return {}
    missing = [c for c in LIBERATION_COLUMNS if c not in table.columns]
    if missing:
        issues.append(
            Issue(
                file,
                "line 1",
                missing[0],
                f"column '{missing[0]}' is missing; expected {','.join(LIBERATION_COLUMNS)}",
            )
        )
        return {}
    out: dict[str, dict] = {}
    for row in table.rows:
        v, where = row.values, f"line {row.line}"
        ok = True
        place = v["place"]
        if place not in places:
            issues.append(Issue(file, where, "place", f"'{place}' is not an id in places.csv"))
            ok = False
        elif places[place] not in LIBERATED_KINDS:
            issues.append(Issue(file, where, "place", f"'{place}' is a {places[place]}, not a camp "
                                f"or site ({', '.join(LIBERATED_KINDS)})"))
            ok = False
        elif place in out:
            issues.append(Issue(file, where, "place", f"'{place}' has a second row"))
            ok = False
        if v["liberated"]:
            day = _day(v["liberated"], month_ok=True)
            if day is None:
                issues.append(
                    Issue(
                        file,
                        where,
                        "liberated",
                        f"'{v['liberated']}' is not an ISO date "
                        "(1945-04-11, or 1945-04 when the day is not known)",
                    )
                )
                ok = False
            elif not FIRST_DAY <= day <= LAST_DAY:
                issues.append(
                    Issue(
                        file,
                        where,
                        "liberated",
                        f"{v['liberated']} is outside {FIRST_DAY}–{LAST_DAY}",
                    )
                )
                ok = False
        elif "not known" not in v["note"]:
            issues.append(
                Issue(
                    file, where, "note", "the date is empty: say in the note that it is not known"
                )
            )
            ok = False
        if not v["liberated_by"]:
            issues.append(
                Issue(
                    file,
                    where,
                    "liberated_by",
                    "is empty; write who reached the camp, or 'not known'",
                )
            )
            ok = False
        sources = _sources(issues, file, where, v["sources"], known_sources)
        if ok and sources:
            out[place] = {
                "place": place,
                "liberated": v["liberated"],
                "liberated_by": v["liberated_by"],
                "note": v["note"],
                "sources": sources,
            }
    for place, kind in places.items():
        if (
            kind in CAMP_KINDS
            and place not in out
            and not any(r.values.get("place") == place for r in table.rows)
        ):
            issues.append(
                Issue(file, "", "place", f"camp '{place}' has no liberation row", "warning")
            )
    return out


def check_context(
    folder: Path, places: dict[str, str], known_sources: set[str], issues: list[Issue]
) -> Context:
    folder = Path(folder)
    ctx = Context()
    if (folder / "frontlines.geojson").exists():
        ctx.frontlines = check_frontlines(folder / "frontlines.geojson", known_sources, issues)
    if (folder / "borders.geojson").exists():
        ctx.borders = check_borders(folder / "borders.geojson", known_sources, issues)
    if (folder / "liberations.csv").exists():
        ctx.liberations = check_liberations(
            folder / "liberations.csv", places, known_sources, issues
        )
    return ctx
