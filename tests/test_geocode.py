"""Geocoding and the gazetteer (issue 6): the offline GeoNames geocoder on real names in several
spellings, Nominatim against a local server on 127.0.0.1 (never the internet), the cache file,
`mapgen places add` and `mapgen check-places`."""

from __future__ import annotations

import csv
import http.server
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from mapgen.cli import main
from mapgen.geocode import (
    SUPPLEMENT,
    USER_AGENT,
    GeocodeError,
    GeoNamesGeocoder,
    check_places,
    describe,
    nominatim_geocoder,
)
from mapgen.load import read_dataset
from mapgen.validate import check

from .conftest import MINI, TESTS

ROOT = TESTS.parent
ANSWERS = TESTS / "data" / "nominatim"


@pytest.fixture(scope="module")
def geonames() -> GeoNamesGeocoder:
    return GeoNamesGeocoder()


# --- the offline geocoder ----------------------------------------------------------------------

SPELLINGS = [
    # (query, GeoNames id, name): today's name, without diacritics, in capitals, wartime German,
    # Czech; the Polish towns of the marches from Auschwitz, Gross-Rosen and Stutthof.
    ("Oświęcim", 3089658, "Oświęcim"),
    ("oswiecim", 3089658, "Oświęcim"),
    ("Auschwitz", 3089658, "Oświęcim"),
    ("Osvětim", 3089658, "Oświęcim"),
    ("Wrocław", 3081368, "Wrocław"),
    ("WROCLAW", 3081368, "Wrocław"),
    ("Breslau", 3081368, "Wrocław"),
    ("Sztutowo", 7534274, "Sztutowo"),
    ("Stutthof", 7534274, "Sztutowo"),
    ("Gliwice", 3099230, "Gliwice"),
    ("Gleiwitz", 3099230, "Gliwice"),
    ("Wodzisław Śląski", 3081677, "Wodzisław Śląski"),
    ("Wodzislaw-Slaski", 3081677, "Wodzisław Śląski"),
    ("Loslau", 3081677, "Wodzisław Śląski"),
    ("Prausnitz", 3088060, "Prusice"),
]


@pytest.mark.parametrize(("query", "geonameid", "name"), SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_offline_geocoder_finds_every_spelling(geonames: GeoNamesGeocoder, query: str,
                                               geonameid: int, name: str) -> None:
    location = geonames.geocode(query)
    assert location is not None, f"{query!r} not found"
    assert location.raw["geonameid"] == geonameid
    assert location.address == f"{name}, PL"
    assert location.raw["countrycode"] == "PL"
    assert location.raw["population"] > 500
    assert location.raw["source"] == f"geonames:{geonameid}"
    # The spelling that matched is reported, as typed in GeoNames or our supplement.
    assert location.raw["matched"].casefold().replace("-", " ") in {
        query.casefold().replace("-", " "), name.casefold()} or location.raw["match"] == "name"


def test_wartime_names_rank_after_own_names_and_say_how_they_matched(
        geonames: GeoNamesGeocoder) -> None:
    # "Birkenau" is a town in Hesse by its own name, and Brzezinka (Auschwitz II) by the
    # wartime name: the own name comes first, both are listed.
    found = geonames.geocode("Birkenau", exactly_one=False)
    assert [(f.raw["name"], f.raw["match"]) for f in found[:2]] == [
        ("Birkenau", "name"), ("Brzezinka", "wartime name")]
    assert found[1].raw["countrycode"] == "PL"
    # Within one kind of match, the larger place first.
    hof = geonames.geocode("Hof", exactly_one=False)
    populations = [f.raw["population"] for f in hof if f.raw["match"] == "name"]
    assert len(populations) > 1 and populations == sorted(populations, reverse=True)


def test_offline_geocoder_filters_by_country_and_reads_its_own_addresses(
        geonames: GeoNamesGeocoder) -> None:
    assert geonames.geocode("Birkenau, PL").raw["geonameid"] == 3102409
    assert geonames.geocode("Birkenau", country_codes="pl").raw["geonameid"] == 3102409
    gliwice = geonames.geocode("Gleiwitz")
    assert geonames.geocode(gliwice.address).raw["geonameid"] == 3099230
    assert geonames.geocode("Gleiwitz", country_codes=["DE"]) is None


def test_offline_geocoder_says_nothing_for_an_unknown_name(geonames: GeoNamesGeocoder) -> None:
    assert geonames.geocode("Nowhere-upon-Vistula") is None
    assert geonames.geocode("Nowhere-upon-Vistula", exactly_one=False) == []


def test_the_german_name_travels_with_the_entry(geonames: GeoNamesGeocoder) -> None:
    """`places add` fills name_wartime from here, whatever spelling was typed."""
    assert geonames.geocode("Gliwice").raw["wartime_name"] == "Gleiwitz"
    assert geonames.geocode("Wodzislaw Slaski").raw["wartime_name"] == "Loslau"
    assert geonames.geocode("Dresden").raw["wartime_name"] == ""


def test_reverse_finds_the_nearest_place(geonames: GeoNamesGeocoder) -> None:
    assert geonames.reverse((50.2976, 18.6766)).raw["geonameid"] == 3099230
    assert geonames.reverse((45.0, -20.0)) is None  # the Atlantic


SUPPLEMENT_ROWS = list(csv.DictReader(SUPPLEMENT.open(encoding="utf-8")))


@pytest.mark.parametrize("row", SUPPLEMENT_ROWS, ids=[r["name"] for r in SUPPLEMENT_ROWS])
def test_every_curated_name_finds_its_entry(geonames: GeoNamesGeocoder, row: dict) -> None:
    """Each row of mapgen/data/gazetteer_names.csv names a GeoNames entry in the gazetteer, and
    the name then finds that entry."""
    assert row["kind"] in ("wartime", "variant") and row["note"]
    gid = int(row["geonameid"])
    assert geonames.by_id(gid) is not None, f"geonames:{gid} is not in the offline gazetteer"
    found = geonames.geocode(row["name"], exactly_one=False, limit=50)
    assert gid in [f.raw["geonameid"] for f in found]


# --- Nominatim against a local server ----------------------------------------------------------

class _Nominatim(http.server.BaseHTTPRequestHandler):
    """Answers like Nominatim's /search, by query: recorded JSON, a 429, a slow or bad body."""

    counts: dict[str, int]
    agents: list[str]

    def do_GET(self) -> None:
        params = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        query = params.get("q", [""])[0].casefold()
        self.counts[query] = self.counts.get(query, 0) + 1
        self.agents.append(self.headers.get("User-Agent", ""))
        if query == "ratelimited" or (query == "flaky" and self.counts[query] == 1):
            return self._send(429, b'{"error": "Too Many Requests"}')
        if query == "slow":
            time.sleep(1.5)  # longer than the client's timeout; bounded
            return self._send(200, b"[]")
        files = {"wrocław": "wroclaw.json", "flaky": "wroclaw.json", "gliwice": "gliwice.json",
                 "malformed": "malformed.txt", "wrong shape": "wrong-shape.json"}
        body = (ANSWERS / files.get(query, "empty.json")).read_bytes()
        return self._send(200, body)

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, _Nominatim]]:
    handler = type("Handler", (_Nominatim,), {"counts": {}, "agents": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def _online(domain: str, cache: Path, **options: float) -> object:
    settings = {"min_delay_seconds": 0.0, "backoff_seconds": 0.01, "timeout": 0.3, **options}
    return nominatim_geocoder(cache_path=cache, domain=domain, scheme="http", **settings)


def test_nominatim_answers_and_the_cache_keeps_them(server, tmp_path: Path) -> None:
    domain, handler = server
    cache = tmp_path / "geocache.json"
    location = _online(domain, cache).geocode("Wrocław")
    assert (round(location.latitude, 4), round(location.longitude, 4)) == (51.109, 17.0327)
    assert describe(location)["country"] == "PL"
    assert location.raw["source"] == "osm:relation/451516"
    assert handler.agents == [USER_AGENT]  # Nominatim's policy: an agent that names the app

    # Asked again, by this process or the next: the answer comes from the file.
    assert _online(domain, cache).geocode("wrocław").raw["osm_id"] == 451516
    both = _online(domain, cache).geocode("Gliwice", exactly_one=False)
    assert [b.raw["type"] for b in both] == ["administrative", "station"]
    _online(domain, cache).geocode("Gliwice")
    assert handler.counts == {"wrocław": 1, "gliwice": 1}
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert sorted(data["answers"]) == ["gliwice", "wrocław"]


def test_not_found_is_cached_too(server, tmp_path: Path) -> None:
    domain, handler = server
    cache = tmp_path / "geocache.json"
    assert _online(domain, cache).geocode("Nowhere") is None
    assert _online(domain, cache).geocode("Nowhere", exactly_one=False) == []
    assert handler.counts == {"nowhere": 1}


def test_a_429_is_retried_with_backoff_and_then_explained(server, tmp_path: Path) -> None:
    domain, handler = server
    cache = tmp_path / "geocache.json"
    _online(domain, cache).geocode("Wrocław")
    before = cache.read_bytes()
    with pytest.raises(GeocodeError, match=r"too many requests \(HTTP 429\) after 3 tries"):
        _online(domain, cache).geocode("ratelimited")
    assert handler.counts["ratelimited"] == 3  # the first try and two retries
    assert cache.read_bytes() == before
    # One 429, then an answer: the retry gets it.
    assert _online(domain, cache).geocode("flaky").raw["osm_id"] == 451516
    assert handler.counts["flaky"] == 2


def test_a_timeout_is_explained_and_leaves_the_cache(server, tmp_path: Path) -> None:
    domain, _ = server
    cache = tmp_path / "geocache.json"
    _online(domain, cache).geocode("Wrocław")
    before = cache.read_bytes()
    with pytest.raises(GeocodeError, match=r"did not answer within 0.3 s after 2 tries.*cache "
                                           "was not changed"):
        _online(domain, cache, max_retries=1).geocode("slow")
    assert cache.read_bytes() == before


@pytest.mark.parametrize("query", ["malformed", "wrong shape"])
def test_a_malformed_answer_is_explained_and_not_cached(server, tmp_path: Path,
                                                       query: str) -> None:
    domain, handler = server
    cache = tmp_path / "geocache.json"
    _online(domain, cache).geocode("Wrocław")
    before = cache.read_bytes()
    with pytest.raises(GeocodeError, match=r"not Nominatim JSON.*cache was not changed"):
        _online(domain, cache).geocode(query)
    assert cache.read_bytes() == before
    assert handler.counts[query] == 1  # asking again would not mend it


def test_an_unreachable_server_is_explained(tmp_path: Path) -> None:
    # A port on this machine that nobody listens on.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = rf"cannot reach 127\.0\.0\.1:{port} \(Connection refused\)"
    with pytest.raises(GeocodeError, match=refused):
        _online(f"127.0.0.1:{port}", tmp_path / "c.json", max_retries=0).geocode("Wrocław")
    assert not (tmp_path / "c.json").exists()


def test_a_broken_cache_file_is_named_and_kept(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    cache.write_text('{"answers": {"wrocław": [', encoding="utf-8")
    with pytest.raises(GeocodeError, match=r"geocache\.json: is not a geocoding cache"):
        _online("127.0.0.1:9", cache)
    assert cache.read_text(encoding="utf-8") == '{"answers": {"wrocław": ['


KILLED_WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from mapgen.geocode import nominatim_geocoder

    def stuck(fd):
        # The new cache is written to its temporary file; say so, then hang until killed.
        Path(sys.argv[3]).write_text("writing")
        time.sleep(60)

    os.fsync = stuck
    nominatim_geocoder(cache_path=Path(sys.argv[2]), domain=sys.argv[1], scheme="http",
                       min_delay_seconds=0).geocode("Gliwice")
""")


def test_the_cache_survives_a_process_killed_while_writing(server, tmp_path: Path) -> None:
    domain, handler = server
    cache = tmp_path / "geocache.json"
    _online(domain, cache).geocode("Wrocław")
    before = cache.read_bytes()
    marker = tmp_path / "writing"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, domain, str(cache), str(marker)],
                            env=env, stderr=subprocess.PIPE)
    try:
        for _ in range(300):  # at most 30 s for the child to start and reach the write
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), proc.stderr.read().decode() if proc.poll() is not None else ""
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert cache.read_bytes() == before
    assert handler.counts == {"wrocław": 1, "gliwice": 1}
    # The next run reads the old cache, and asks again only for what was lost.
    again = _online(domain, cache)
    assert again.geocode("Wrocław").raw["osm_id"] == 451516
    assert again.geocode("Gliwice").raw["osm_id"] == 2831218
    assert handler.counts == {"wrocław": 1, "gliwice": 2}


# --- the command line --------------------------------------------------------------------------

def test_geocode_command_prints_candidates() -> None:
    result = CliRunner().invoke(main, ["geocode", "Wodzisław Śląski"])
    assert result.exit_code == 0, result.output
    header, first = result.output.splitlines()[:2]
    assert header.split() == ["name", "lat", "lon", "country", "source", "match"]
    assert first.split()[2:6] == ["50.00377", "18.47205", "PL", "geonames:3081677"]
    result = CliRunner().invoke(main, ["geocode", "Loslau"])
    assert "Wodzisław Śląski" in result.output and "wartime name (Loslau)" in result.output
    result = CliRunner().invoke(main, ["geocode", "Nowhere-upon-Vistula"])
    assert result.exit_code == 1 and "no place named 'Nowhere-upon-Vistula'" in result.output


def test_geocode_online_says_where_the_query_goes_and_uses_the_server(server,
                                                                     tmp_path: Path) -> None:
    help_text = CliRunner().invoke(main, ["geocode", "--help"]).output
    assert "nominatim.openstreetmap.org" in " ".join(help_text.split())
    domain, handler = server
    args = ["geocode", "Gliwice", "--online", "--server", f"http://{domain}",
            "--cache", str(tmp_path / "c.json")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "osm:relation/2831218" in result.output and "osm:node/2103571604" in result.output
    assert handler.counts == {"gliwice": 1}


def test_geocode_online_failure_is_one_line(server, tmp_path: Path) -> None:
    domain, _ = server
    result = CliRunner().invoke(main, ["geocode", "malformed", "--online", "--server",
                                       f"http://{domain}", "--cache", str(tmp_path / "c.json")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not Nominatim JSON" in result.output
    assert "Traceback" not in result.output


def test_places_add_appends_one_row_and_keeps_the_others(mini_copy: Path) -> None:
    path = mini_copy / "places.csv"
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["places", "add", "wroclaw", "Breslau", "--kind", "town",
                                       "--data", str(mini_copy)])
    assert result.exit_code == 0, result.output
    assert "line 6: added 'wroclaw' Wrocław (Breslau)" in result.output
    after = path.read_bytes()
    assert after.startswith(before)
    row = after[len(before):].decode("utf-8")
    assert row == "wroclaw,Wrocław,Breslau,Wrocław,town,51.10286,17.03006,PL,geonames:3081368\n"
    validate = CliRunner().invoke(main, ["validate", "--data", str(mini_copy)])
    assert validate.exit_code == 0, validate.output
    assert "5 places" in validate.output


def test_places_add_refuses_duplicates(mini_copy: Path) -> None:
    path = mini_copy / "places.csv"
    before = path.read_bytes()
    same_id = CliRunner().invoke(main, ["places", "add", "town-c", "Wrocław", "--kind", "town",
                                        "--data", str(mini_copy)])
    assert same_id.exit_code == 1
    assert "places.csv:line 4 already has the id 'town-c'" in same_id.output
    # Gliwice is town-c of the mini dataset (same coordinates): found by its wartime name.
    same_place = CliRunner().invoke(main, ["places", "add", "gliwice", "Gleiwitz", "--kind",
                                           "town", "--data", str(mini_copy)])
    assert same_place.exit_code == 1
    assert "line 4 already has 'town-c' (Town C) 0.0 km from" in same_place.output
    near = CliRunner().invoke(main, ["places", "add", "gliwice-station", "Gliwice station",
                                     "--kind", "station", "--lat", "50.2944", "--lon", "18.6660",
                                     "--source", "test-source", "--data", str(mini_copy)])
    assert near.exit_code == 1 and "already has 'town-c'" in near.output
    assert path.read_bytes() == before


def test_places_add_by_hand_needs_a_known_source(mini_copy: Path) -> None:
    args = ["places", "add", "site-x", "Site X", "--kind", "site", "--lat", "50.5", "--lon",
            "18.0", "--data", str(mini_copy)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "need --source" in result.output
    result = CliRunner().invoke(main, [*args, "--source", "no-such-source"])
    assert result.exit_code == 1 and "'no-such-source' is neither geonames:<id>" in result.output
    result = CliRunner().invoke(main, [*args, "--source", "test-source", "--wartime", "Ort X"])
    assert result.exit_code == 0, result.output
    last = (mini_copy / "places.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last == "site-x,Site X,Ort X,Site X,site,50.50000,18.00000,PL,test-source"


def test_places_add_keeps_windows_line_endings_and_the_optional_column(mini_copy: Path) -> None:
    path = mini_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\r\n".join([lines[0] + ",offset_note", *(line + "," for line in lines[1:])]) + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(main, ["places", "add", "sztutowo", "Stutthof", "--kind", "town",
                                       "--data", str(mini_copy)])
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(text.encode("utf-8"))
    assert after.endswith(b"sztutowo,Sztutowo,Stutthof,Sztutowo,town,54.32679,19.17921,PL,"
                          b"geonames:7534274,\r\n")


def test_places_add_online_needs_a_source_for_what_nominatim_found(server, mini_copy: Path,
                                                                  tmp_path: Path) -> None:
    domain, handler = server
    args = ["places", "add", "wroclaw", "Wrocław", "--kind", "town", "--online", "--server",
            f"http://{domain}", "--cache", str(tmp_path / "c.json"), "--data", str(mini_copy)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and "an online result needs --source" in refused.output
    added = CliRunner().invoke(main, [*args, "--source", "test-source"])
    assert added.exit_code == 0, added.output
    last = (mini_copy / "places.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last == "wroclaw,Wrocław,,Wrocław,town,51.10898,17.03267,PL,test-source"
    assert handler.counts == {"wrocław": 1}  # the second run read the cache


def test_places_add_refuses_a_bad_id_and_an_unknown_name(mini_copy: Path) -> None:
    bad = CliRunner().invoke(main, ["places", "add", "Gliwice", "Gliwice", "--kind", "town",
                                    "--data", str(mini_copy)])
    assert bad.exit_code == 1 and "'Gliwice' is not a valid id" in bad.output
    unknown = CliRunner().invoke(main, ["places", "add", "nowhere", "Nowhere-upon-Vistula",
                                        "--kind", "town", "--data", str(mini_copy)])
    assert unknown.exit_code == 1
    assert "no place named 'Nowhere-upon-Vistula'" in unknown.output
    assert "--lat, --lon and --source" in unknown.output


def _mark(folder: Path, notes: dict[str, str], edit: dict[str, dict[str, str]] | None = None,
          ) -> None:
    """Rewrite the mini places.csv with an offset_note column (and edited fields)."""
    path = folder / "places.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        row["offset_note"] = notes.get(row["id"], "")
        row.update((edit or {}).get(row["id"], {}))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# The mini dataset's camps and town-b are made up; their notes keep the check on town-c.
MADE_UP = {"camp-a": "test data", "town-b": "test data", "camp-d": "test data"}


def test_check_places_catches_a_swapped_digit(mini_copy: Path) -> None:
    _mark(mini_copy, MADE_UP)
    ok = CliRunner().invoke(main, ["check-places", "--data", str(mini_copy)])
    assert ok.exit_code == 0, ok.output
    assert "ok: 1 places checked, 3 skipped (offset_note), 0 finding(s)" in ok.output

    _mark(mini_copy, MADE_UP, {"town-c": {"lat": "50.92761"}})  # 50.29761 with 2 and 9 swapped
    bad = CliRunner().invoke(main, ["check-places", "--data", str(mini_copy)])
    assert bad.exit_code == 1
    assert ("places.csv:line 4 [lat]: 'town-c' (Town C) at (50.92761, 18.67658) is 70.1 km from "
            "Gliwice (geonames:3099230") in bad.output
    assert "1 finding(s)" in bad.output


def test_check_places_reports_a_place_not_in_the_gazetteer(mini_copy: Path) -> None:
    _mark(mini_copy, {k: v for k, v in MADE_UP.items() if k != "camp-d"})
    result = CliRunner().invoke(main, ["check-places", "--data", str(mini_copy)])
    assert result.exit_code == 1
    assert "line 5 [lat]: 'camp-d' (Camp D) was not found in the gazetteer" in result.output


def test_check_places_api_on_a_table(geonames: GeoNamesGeocoder) -> None:
    places = pd.DataFrame([
        {"id": "gliwice", "name": "Gliwice", "name_local": "Gliwice", "name_wartime": "Gleiwitz",
         "lat": 50.29761, "lon": 18.67658, "country_today": "PL", "source": "geonames:3099230"},
        # No GeoNames source: found by name; the digits of the longitude swapped (18.47 -> 18.74).
        {"id": "loslau", "name": "Wodzisław Śląski", "name_local": "Wodzisław Śląski",
         "name_wartime": "Loslau", "lat": 50.00377, "lon": 18.74205, "country_today": "PL",
         "source": "a-book"},
    ])
    findings = check_places(places, geonames)
    assert [(f.place_id, f.candidate.raw["geonameid"]) for f in findings] == [("loslau", 3081677)]
    place_id, distance, candidate = findings[0]
    assert place_id == "loslau" and 19 < distance < 20 and candidate.address.startswith("Wod")
    assert check_places(places, geonames, max_km=25) == []


def test_validate_accepts_places_with_and_without_the_offset_note_column(mini_copy: Path) -> None:
    _mark(mini_copy, {"camp-a": "Camp site outside the town"})
    dataset, issues = check(read_dataset(mini_copy))
    assert [str(i) for i in issues] == []
    assert {p.id: p.offset_note for p in dataset.places}["camp-a"] == "Camp site outside the town"
    dataset, issues = check(read_dataset(MINI))
    assert [str(i) for i in issues] == [] and dataset.places[0].offset_note == ""


def test_validate_suggests_places_add_for_an_unknown_via(mini_copy: Path) -> None:
    route = mini_copy / "marches" / "a-to-c.geojson"
    route.write_text(route.read_text(encoding="utf-8").replace('"via": []', '"via": ["gliwice"]'),
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(mini_copy)])
    assert result.exit_code == 1
    assert ("a-to-c.geojson:feature 0 [via]: 'gliwice' is not a place in places.csv; add it "
            'with: mapgen places add gliwice "Name" --kind town') in result.output


# --- the shipped data ---------------------------------------------------------------------------

SHIPPED = list(csv.DictReader((ROOT / "routes" / "places.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("place", SHIPPED, ids=[p["id"] for p in SHIPPED])
def test_every_shipped_place_is_near_its_gazetteer_entry(geonames: GeoNamesGeocoder,
                                                        place: dict) -> None:
    """`mapgen check-places` on routes/: a place far from its entry needs a fix or, for a camp
    outside its town, an offset_note saying why."""
    findings = check_places([place], geonames)
    assert findings == [], str(findings[0])

