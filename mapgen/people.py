"""People's ways through the evacuations: routes/people.csv and routes/people_stations.csv.

A class reaches the evacuations through one person, not through 60,000. Each person is told only
from published, attributed accounts (a memoir, a museum or memorial biography); every station
names its source, and a station that says the person was on a march of the atlas must lie on that
march's line and within its dates: the map draws the person's way over that line, so the claim is
checked like a route.
"""

from __future__ import annotations

import re

from . import geometry
from .load import Table
from .model import (
    STATION_TOLERANCE_KM,
    Issue,
    Leg,
    March,
    Person,
    PersonStation,
    Place,
)

PEOPLE_COLUMNS = ("id", "name", "born", "died", "bio", "dates_note", "sources")
STATION_COLUMNS = ("person", "order", "place", "date", "uncertain", "march", "text", "source",
                   "locator")
# A life's dates may be known to the year only (Isabella Leitner, 1924–2009).
LIFE_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
UNCERTAIN = {"": False, "yes": True}


def check_people(people: Table | None, stations: Table | None, *, sources: set[str],
                 places: dict[str, Place], known_places: set[str], marches: dict[str, March],
                 march_ids: set[str], legs: list[Leg],
                 issues: list[Issue]) -> tuple[list[Person], list[PersonStation]]:
    """Check both files; return the people and stations that passed, every issue in `issues`."""
    from .validate import Reporter, _date, _did_you_mean, _slug, _unique, check_columns, published

    found: list[Person] = []
    person_ids: set[str] = set()
    if people is not None and check_columns(people, PEOPLE_COLUMNS, ("dates_note",), issues):
        report = Reporter(issues, people.file)
        person_ids = _unique(report, people.rows, "person")
        for row in people.rows:
            v, where = row.values, f"line {row.line}"
            ok = bool(v["id"]) and _slug(report, where, "id", v["id"])
            for name in ("name", "bio"):
                if not v[name]:
                    report.error(where, name, "is empty")
                    ok = False
            for name in ("born", "died"):
                if v[name] and not LIFE_DATE.match(v[name]):
                    report.error(where, name, f"'{v[name]}' is not a date; expected YYYY, "
                                 "YYYY-MM or YYYY-MM-DD")
                    ok = False
            for name in ("name", "bio", "dates_note"):
                ok = published(report, where, name, v.get(name, "")) and ok
            ids = tuple(s.strip() for s in v["sources"].split(";") if s.strip())
            if not ids:
                report.error(where, "sources", "is empty; a person is included only from "
                             "published, attributed accounts: name at least one row of "
                             "sources.csv")
                ok = False
            for sid in ids:
                if sid not in sources:
                    report.error(where, "sources", f"'{sid}' is not the id of a row of "
                                 "sources.csv")
                    ok = False
            if ok:
                found.append(Person(v["id"], v["name"], v["born"], v["died"], v["bio"],
                                    v.get("dates_note", ""), ids))
    elif people is not None:
        person_ids = {r.values.get("id", "") for r in people.rows}

    if stations is None or not check_columns(stations, STATION_COLUMNS, ("uncertain", "locator"),
                                             issues):
        return found, []
    report = Reporter(issues, stations.file)
    if people is None:
        report.error("", "", "there is no people.csv beside this file; every station belongs to "
                     "a person of people.csv")
        return found, []
    legs_by_march: dict[str, list[Leg]] = {}
    for leg in legs:
        legs_by_march.setdefault(leg.march_id, []).append(leg)
    good: list[PersonStation] = []
    last: dict[str, tuple[int, PersonStation | None, int]] = {}  # person -> order, station, line
    for row in stations.rows:
        v, where = row.values, f"line {row.line}"
        ok = True
        person = v["person"]
        if person not in person_ids:
            hint = _did_you_mean(person, person_ids)
            report.error(where, "person", f"'{person}' is not the id of a row of people.csv{hint}")
            ok = False
        order = int(v["order"]) if v["order"].isdigit() else None
        if order is None:
            report.error(where, "order", f"'{v['order']}' is not a whole number; expected 1, 2, "
                         "3 … in the order of the person's way")
            ok = False
        elif person in last and order != last[person][0] + 1:
            report.error(where, "order", f"{order} follows {last[person][0]} (line "
                         f"{last[person][2]}); number a person's stations 1, 2, 3 … without "
                         "gaps, in the order of their way")
            ok = False
        elif person not in last and order != 1:
            report.error(where, "order", f"{order} is the first station of '{person}'; "
                         "expected 1")
            ok = False
        place = v["place"]
        if place not in known_places:
            hint = _did_you_mean(place, known_places)
            report.error(where, "place", f"'{place}' is not the id of a row of places.csv{hint}")
            ok = False
        date = _date(report, where, "date", v["date"], required=True)
        ok = ok and date is not None
        uncertain = v.get("uncertain", "").lower()
        if uncertain not in UNCERTAIN:
            report.error(where, "uncertain", f"'{v['uncertain']}' is not allowed; leave it empty "
                         "for a date the source gives, or write 'yes' where it is approximate")
            ok = False
        for name in ("text", "source"):
            if not v[name]:
                report.error(where, name, "is empty; every station says what happened there "
                             "and which source says so" if name == "text" else
                             "is empty; every station names the row of sources.csv it comes from")
                ok = False
        ok = published(report, where, "text", v["text"]) and ok
        ok = published(report, where, "locator", v.get("locator", "")) and ok
        if v["source"] and v["source"] not in sources:
            report.error(where, "source", f"'{v['source']}' is not the id of a row of sources.csv")
            ok = False
        march = v["march"]
        if march and march not in march_ids:
            hint = _did_you_mean(march, march_ids)
            report.error(where, "march", f"'{march}' is not the id of a row of marches.csv{hint}")
            ok = False
        elif march and march in marches:
            ok = _on_march(report, where, marches[march], legs_by_march.get(march, []),
                           places.get(place), date) and ok
        previous = last.get(person)
        if (previous and previous[1] and date
                and date.last < previous[1].date.first):
            report.error(where, "date", f"{date.text} is before {previous[1].date.text}, the "
                         f"date of station {previous[0]} (line {previous[2]}); a person's stations "
                         "follow their way in time")
            ok = False
        station = None
        if ok and order is not None and date is not None:
            station = PersonStation(person, order, place, date, UNCERTAIN[uncertain], march,
                                    v["text"], v["source"], v.get("locator", ""))
            good.append(station)
        if order is not None and person in person_ids:
            last[person] = (order, station or (previous[1] if previous else None), row.line)
    known = {p.id for p in found}
    for person in found:
        if person.id not in last:
            Reporter(issues, people.file).warning("", "", f"person '{person.id}' has no station in "
                                                  "people_stations.csv; the page cannot draw "
                                                  "their way")
    return found, [s for s in good if s.person in known]


def _on_march(report, where: str, march: March, legs: list[Leg], place: Place | None,
              date) -> bool:
    """A station that names a march lies on its line and within its dates."""
    ok = True
    if date is not None and (date.last < march.start.first or date.first > march.end.last):
        report.error(where, "date", f"{date.text} is outside the dates of march '{march.id}' "
                     f"({march.start.text} to {march.end.text}); was the person on that march?")
        ok = False
    if place is not None and legs:
        km = min(geometry.km_to_line((place.lon, place.lat), leg.coords) for leg in legs)
        if km > STATION_TOLERANCE_KM:
            report.error(where, "place", f"'{place.id}' is {km:.0f} km from the line of march "
                         f"'{march.id}'; expected within {STATION_TOLERANCE_KM:g} km (a station "
                         "on a march lies on its route)")
            ok = False
    return ok
