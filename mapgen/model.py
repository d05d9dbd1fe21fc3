"""The vocabulary of the atlas: allowed values, seasons, and the shape of a reported problem.

The columns and allowed values of the data files are read from routes/datapackage.json (the
Frictionless data package, the one place they are written down). Nothing else here reads files
or draws maps; every other stage imports its words from this module.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from .paths import datapackage_path


def _schema() -> dict[str, dict]:
    """The resources of routes/datapackage.json by name: the one place the column rules live."""
    with datapackage_path().open(encoding="utf-8") as file:
        return {r["name"]: r for r in json.load(file)["resources"]}


_RESOURCES = _schema()


def columns(resource: str) -> tuple[str, ...]:
    """The columns of a CSV resource (or the properties of a GeoJSON one), in file order."""
    found = _RESOURCES[resource]
    fields = found["schema"]["fields"] if "schema" in found else found["featureProperties"]
    return tuple(f["name"] for f in fields)


def allowed(resource: str, name: str) -> tuple[str, ...]:
    """The values a field of the data package may take (its `enum` constraint)."""
    found = _RESOURCES[resource]
    fields = found["schema"]["fields"] if "schema" in found else found["featureProperties"]
    return tuple(next(f for f in fields if f["name"] == name)["constraints"]["enum"])


PLACE_KINDS = allowed("places", "kind")
# `unknown`: no source states how the group was moved; a mode is never guessed.
MODES = allowed("routes", "mode")
CERTAINTIES = allowed("routes", "certainty")

PLACE_COLUMNS = columns("places")
# `offset_note` says why a coordinate is not the town centre (a camp outside its town), so that
# `mapgen check-places` stays quiet for it (issue 6); files without the column are valid.
OPTIONAL_PLACE_COLUMNS = ("offset_note",)
MARCH_COLUMNS = columns("marches")
# Columns a curator may leave out of the header altogether (`evacuation`: datasets made before
# evacuations.csv existed stay valid).
OPTIONAL_MARCH_COLUMNS = ("figures_note", "evacuation")
# One row of evacuations.csv: what is known only for a camp's whole evacuation (its totals), as
# opposed to a row of marches.csv, which is one documented group with its own figures.
EVACUATION_COLUMNS = columns("evacuations")
EVACUATION_CAMP_KINDS = ("main_camp", "subcamp")
SOURCE_COLUMNS = columns("sources")
SOURCE_KINDS = allowed("sources", "kind")
PHASE_COLUMNS = columns("phases")
TRANSLATION_COLUMNS = columns("i18n-fr")
# reference_cities.csv (optional): cities named on the map so that a reader knows where the
# marches are; they carry no data of their own. min_zoom: the first zoom at which one is named.
CITY_COLUMNS = ("id", "name", "name_wartime", "name_local", "lat", "lon", "min_zoom", "source")
# What a translation file (routes/i18n/<lang>.csv) may translate, by kind of record.
TRANSLATABLE = {
    "march": ("title", "summary", "figures_note"),
    "evacuation": ("title", "summary", "figures_note"),
    "phase": ("label", "caption"),
    "place": ("name",),
    "border": ("name",),
    "person": ("bio", "dates_note"),
    # id = person:order, e.g. "elie-wiesel:4"
    "person_station": ("text",),
    "city": ("name",),
}
LEG_PROPERTIES = columns("routes")
# The feature id that QGIS adds when it saves a layer (from a GeoPackage): read and ignored.
IGNORED_LEG_PROPERTIES = ("fid",)

# Words of the project's own workshop that must never reach a visitor or an export: the texts the
# project started from are cited as the publications they are, never as "seed text 003", a path
# or "this project" (routes/README.md). Each: (regular expression, what it looks like).
SCAFFOLDING = (
    (r"\bseed[\s_-]*(?:text|file|\d)", "a seed text"),
    (r"\bshared/", "a path under shared/"),
    (r"\b(?:this|our) project\b|\bthe project'?s\b", "this project"),
    (r"\bresearch notes?\b", "the research notes"),
    # The same in the languages of the data (translators rendered "seed text 003 of this
    # project" word for word).
    (r"\btexte de départ\b|\bAusgangstext|\bvýchozí text|\btekst wyjściow", "a seed text"),
    (r"\b(?:du|de ce|notre) projet\b|\b(?:des|dieses|unseres) Projekts?\b"
     r"|\b(?:tohoto|našeho) projektu\b|\b(?:tego|naszego|niniejszego) projektu\b|הפרויקט הזה",
     "this project"),
    (r"\bnotes de recherche\b|\bForschungsnotizen\b|\bRechercheunterlagen\b"
     r"|\bvýzkumn\w* poznám|\bnotat\w* badawcz", "the research notes"),
    (r"(?:^|[\s(\"'\[])(?:\.{0,2}/)?(?:[\w.-]+/)+[\w-]+"
     r"\.(?:txt|md|csv|geojson|json|py|ipynb)\b", "a file path"),
    (r"(?:^|[\s(\"'\[])/(?:work|home|tmp|mnt|Users|srv)/", "a file path"),
)
# Hosts that only copy other publications (or are not publications at all): a source cites the
# publisher's own page instead. A URL matches when its host is one of these or below one.
MIRROR_HOSTS = (
    "docsbay.net",          # copies of Yad Vashem and other texts
    "zxc.wiki",             # machine-translated Wikipedia copies
    "wikiwand.com",         # Wikipedia in another frame
    "nearbywiki.org",       # Wikipedia copies by location
    "wiki2.org",
    "vdocuments.site", "vdocuments.net", "vdocuments.mx",  # uploaded-document copies
    "dokumen.pub",
    "geocaching.com",       # a cache description, not a publication
)

# The period the atlas covers: the first transports out of Majdanek in spring 1944 to the last
# marches after the surrender (issue 2).
FIRST_DAY = dt.date(1944, 1, 1)
LAST_DAY = dt.date(1945, 6, 30)

# A rough box around Europe: a coordinate outside it is almost certainly a typo or a lat/lon swap.
EUROPE = {"lat": (34.0, 72.0), "lon": (-25.0, 45.0)}

# How far (km) a leg's line may end from its `from`/`to` place, or pass from a `via` place.
STATION_TOLERANCE_KM = 3.0


@dataclass(frozen=True)
class Season:
    """A meteorological season; a march belongs to every season its dates overlap."""

    id: str
    label: str
    start: dt.date
    end: dt.date

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Whether the span from `start` to `end` (dates, or the tables' pandas timestamps)
        shares a day with the season."""
        if isinstance(start, dt.datetime):
            start = start.date()
        if isinstance(end, dt.datetime):
            end = end.date()
        return start <= self.end and end >= self.start


SEASONS: tuple[Season, ...] = (
    Season("spring-1944", "Spring 1944", dt.date(1944, 3, 1), dt.date(1944, 5, 31)),
    Season("summer-1944", "Summer 1944", dt.date(1944, 6, 1), dt.date(1944, 8, 31)),
    Season("autumn-1944", "Autumn 1944", dt.date(1944, 9, 1), dt.date(1944, 11, 30)),
    Season("winter-1944-45", "Winter 1944–45", dt.date(1944, 12, 1), dt.date(1945, 2, 28)),
    Season("spring-1945", "Spring 1945", dt.date(1945, 3, 1), dt.date(1945, 5, 31)),
)
SEASON_BY_ID = {season.id: season for season in SEASONS}


@dataclass(frozen=True)
class Issue:
    """One problem found in the data: where it is, what is wrong, what was expected."""

    file: str
    where: str  # "line 12", "feature 3", or "" for the whole file
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        place = f"{self.file}:{self.where}" if self.where else self.file
        field = f" [{self.field}]" if self.field else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{place}{field}: {label}{self.message}"


class DataError(Exception):
    """The data did not pass validation; `issues` lists every error (and the warnings)."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        errors = [i for i in issues if i.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the data")

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str
    kind: str = "other"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    name_wartime: str
    name_local: str
    kind: str
    lat: float
    lon: float
    country_today: str
    source: str
    offset_note: str = ""


@dataclass(frozen=True)
class DateSpan:
    """A date as written (`1945-01-18` or month-precise `1945-01`) and the days it may mean."""

    text: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class March:
    id: str
    title: str
    start: DateSpan
    end: DateSpan
    prisoners: tuple[int, int] | None
    deaths: tuple[int, int] | None
    figures_note: str
    summary: str
    sources: tuple[str, ...]
    evacuation: str = ""  # the id of its row of evacuations.csv, "" when none


@dataclass(frozen=True)
class Evacuation:
    """A camp's whole evacuation: the figures known only for all its columns together."""

    id: str
    camp: str
    title: str
    start: DateSpan
    end: DateSpan
    prisoners: tuple[int, int] | None
    deaths: tuple[int, int] | None
    figures_note: str
    summary: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Leg:
    march_id: str
    leg: int
    from_: str
    to: str
    via: tuple[str, ...]
    mode: str
    start: DateSpan | None
    end: DateSpan | None
    certainty: str
    note: str
    coords: tuple[tuple[float, float], ...]  # (lon, lat), as in GeoJSON


@dataclass(frozen=True)
class Phase:
    """A chapter of the story, stepped through in class: its dates and a caption."""

    id: str
    label: str
    start: DateSpan
    end: DateSpan
    caption: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    """One person whose way through 1944–45 is told from published, attributed accounts."""

    id: str
    name: str
    born: str  # YYYY, YYYY-MM or YYYY-MM-DD
    died: str
    bio: str
    dates_note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PersonStation:
    """A place on a person's way, in order; `march` is a march of the atlas they were on."""

    person: str
    order: int
    place: str
    date: DateSpan
    uncertain: bool
    march: str
    text: str
    source: str
    locator: str  # page, chapter or section of the source


@dataclass(frozen=True)
class City:
    id: str
    name: str
    name_wartime: str
    name_local: str
    lat: float
    lon: float
    min_zoom: int
    source: str


# Translations of the data: language -> kind -> record id -> field -> text.
Translations = dict[str, dict[str, dict[str, dict[str, str]]]]


@dataclass
class Dataset:
    """Validated records, in file order."""

    places: list[Place]
    sources: list[Source]
    marches: list[March]
    legs: list[Leg]
    warnings: list[Issue]
    phases: list[Phase] = field(default_factory=list)
    translations: Translations = field(default_factory=dict)
    evacuations: list[Evacuation] = field(default_factory=list)
    # Front lines, borders of 1944-45 and liberations (context.py); None without those files.
    context: Any = None
    people: list[Person] = field(default_factory=list)
    person_stations: list[PersonStation] = field(default_factory=list)
    # Reference cities named on the map for orientation (reference_cities.csv).
    cities: list[City] = field(default_factory=list)
