"""The gazetteer's index: built once into the cache folder, then read; a new one when what it is
made from changes; still answering when the cache cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mapgen.geocode import SUPPLEMENT, GeoNamesGeocoder
from mapgen.geonames_index import digest

from .conftest import TESTS


def _geocode(cache: Path, name: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MAPGEN_CACHE_DIR": str(cache), "PYTHONPATH": str(TESTS.parent)}
    return subprocess.run([sys.executable, "-m", "mapgen", "geocode", name], env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def test_the_index_is_built_once_then_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _geocode(cache, "Loslau")
    assert first.returncode == 0, first.stderr
    assert "Indexing the GeoNames gazetteer" in first.stderr
    assert "Wodzisław Śląski" in first.stdout and "geonames:3081677" in first.stdout
    built = list(cache.glob("geonames-*.sqlite"))
    assert len(built) == 1 and not list(cache.glob(".geonames-*"))  # no half-written file left
    stamp = built[0].stat().st_mtime_ns
    second = _geocode(cache, "Loslau")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert "Indexing" not in second.stderr
    assert built[0].stat().st_mtime_ns == stamp  # read, not built again


def test_a_cache_that_cannot_be_written_still_answers(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = _geocode(blocked / "cache", "Gleiwitz")
    assert result.returncode == 0, result.stderr
    assert "Gliwice" in result.stdout
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_change_in_the_curated_names_makes_a_new_index(tmp_path: Path) -> None:
    changed = tmp_path / "names.csv"
    changed.write_text(SUPPLEMENT.read_text(encoding="utf-8") + "Testdorf,3081677,variant,\n",
                       encoding="utf-8")
    box = (34.0, 72.0, -25.0, 45.0)
    assert digest(box, SUPPLEMENT, 500) == digest(box, SUPPLEMENT, 500)
    assert digest(box, changed, 500) != digest(box, SUPPLEMENT, 500)
    assert digest(None, SUPPLEMENT, 500) != digest(box, SUPPLEMENT, 500)


def test_an_id_that_is_no_geonames_id_finds_nothing() -> None:
    geonames = GeoNamesGeocoder()
    assert geonames.by_id("geonames:3081677").address == "Wodzisław Śląski, PL"
    for bad in ["geonames:" + "9" * 5000, "geonames:\u0663\u0660\u0668", "geonames:", "x"]:
        assert geonames.by_id(bad) is None
