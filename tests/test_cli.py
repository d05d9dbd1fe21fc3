"""The `mapgen` command as a curator or teacher uses it."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from mapgen.cli import main

from .conftest import MINI, TESTS, with_evacuation

ROOT = TESTS.parent


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_says_ok_with_a_summary() -> None:
    result = run("validate", "--data", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")
    assert "2 marches, 3 legs, 4 places, 2 sources" in result.output


def test_validate_lists_every_error_and_exits_1(mini_copy: Path) -> None:
    places = mini_copy / "places.csv"
    places.write_text(places.read_text().replace("Miasto B,town", "Miasto B,village")
                      .replace("50.29761", "95.3"))
    result = run("validate", "--data", str(mini_copy))
    assert result.exit_code == 1
    assert re.search(r"places\.csv:line 3 \[kind\]: 'village' is not a kind", result.output)
    assert re.search(r"places\.csv:line 4 \[lat\]: .*out of range", result.output)
    assert "2 error(s)" in result.output


def test_list_shows_dates_seasons_modes_length_and_prisoners() -> None:
    result = run("list", "--data", str(MINI))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "dates", "seasons", "modes", "km", "prisoners"]
    row = next(line for line in lines if line.startswith("a-to-b"))
    assert "winter-1944-45" in row and "foot,train" in row and "20,000–25,000" in row
    summer = run("list", "--data", str(MINI), "--season", "summer-1944").output
    assert "a-to-c" in summer and "a-to-b" not in summer


def test_export_geojson_has_the_documented_fields(tmp_path: Path) -> None:
    result = run("export", "--data", str(MINI), "--format", "geojson", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    places = json.loads((tmp_path / "places.geojson").read_text())
    assert set(places["features"][0]["properties"]) == {
        "id", "name", "name_wartime", "name_local", "kind", "country_today", "source",
        "offset_note", "liberated", "liberated_by", "liberation_note", "liberation_sources"}
    legs = json.loads((tmp_path / "marches.geojson").read_text())["features"]
    assert len(legs) == 3
    first = legs[0]["properties"]
    assert set(first) == {
        "id", "march_id", "march_title", "leg", "mode", "from", "to", "via", "start", "end",
        "start_date", "end_date", "date_precision", "seasons", "certainty", "note",
        "prisoners_min", "prisoners_max", "deaths_min", "deaths_max", "figures_note", "summary",
        "length_km", "sources", "evacuation"}
    assert first["sources"][0] == {"id": "test-source", "citation": 'Test Museum, "A test page"',
                                   "url": "https://example.org/test", "kind": "museum"}
    assert first["evacuation"] is None  # the small dataset has no evacuations.csv
    assert first["deaths_min"] is None  # unknown stays unknown, never 0
    assert legs[0]["geometry"]["type"] == "LineString"


def test_export_csv_opens_in_a_spreadsheet(tmp_path: Path) -> None:
    result = run("export", "--data", str(MINI), "--format", "csv", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "marches.csv").open(encoding="utf-8")))
    assert rows[0]["march_id"] == "a-to-b" and rows[0]["sources"] == "test-source;other-source"
    assert rows[0]["wkt"].startswith("LINESTRING")
    assert (tmp_path / "places.csv").exists() and (tmp_path / "sources.csv").exists()


def test_export_carries_each_camps_evacuation(tmp_path: Path, mini_copy: Path) -> None:
    data = with_evacuation(mini_copy)
    assert run("export", "--data", str(data), "--format", "csv",
               "--out", str(tmp_path / "csv")).exit_code == 0
    rows = list(csv.DictReader((tmp_path / "csv" / "evacuations.csv").open(encoding="utf-8")))
    assert [(r["id"], r["camp"], r["prisoners_min"], r["deaths_min"], r["marches"])
            for r in rows] == [("camp-a-january-1945", "camp-a", "50000", "", "a-to-b")]
    legs = list(csv.DictReader((tmp_path / "csv" / "marches.csv").open(encoding="utf-8")))
    assert {r["march_id"]: r["evacuation"] for r in legs} == {
        "a-to-b": "camp-a-january-1945", "a-to-c": ""}
    assert run("export", "--data", str(data), "--format", "geojson",
               "--out", str(tmp_path / "geo")).exit_code == 0
    features = json.loads((tmp_path / "geo" / "marches.geojson").read_text())["features"]
    evacuation = features[0]["properties"]["evacuation"]
    assert evacuation["id"] == "camp-a-january-1945" and evacuation["deaths_max"] is None
    assert evacuation["sources"][0]["kind"] == "museum"
    points = json.loads((tmp_path / "geo" / "evacuations.geojson").read_text())["features"]
    assert points[0]["geometry"]["coordinates"] == [19.202, 50.027]
    assert points[0]["properties"]["marches"] == ["a-to-b"]


def test_build_writes_one_page_and_says_where(tmp_path: Path) -> None:
    result = run("build", "--data", str(MINI), "--out", str(tmp_path), "--title", "Test atlas")
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output and "2 marches" in result.output
    html = (tmp_path / "index.html").read_text()
    assert "<title>Test atlas</title>" in html


def test_a_failed_build_leaves_the_previous_map_untouched(mini_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--data", str(mini_copy), "--out", str(out)).exit_code == 0
    before = (out / "index.html").read_bytes()
    marches = mini_copy / "marches.csv"
    marches.write_text(marches.read_text().replace("20000,25000", "30000,25000"))
    result = run("build", "--data", str(mini_copy), "--out", str(out))
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # no temporary file left


def test_an_unwritable_output_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", "--data", str(MINI), "--out", str(blocker / "out"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write")
    assert "Traceback" not in result.output


def test_python_dash_m_and_the_console_script_agree() -> None:
    result = subprocess.run([sys.executable, "-m", "mapgen", "validate", "--data", str(MINI)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_readme_starts_with_the_two_commands() -> None:
    """The README's first commands are the ones CI runs; keep them true (issue 2, 3)."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert "mapgen build" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].strip().splitlines()[-1] in ci


def test_the_installed_command_works_from_any_directory(tmp_path: Path) -> None:
    """The shipped data travels with the package: no need to stand in the repository."""
    result = subprocess.run([sys.executable, "-m", "mapgen", "build", "--out", "maps"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "maps" / "index.html").stat().st_size > 100_000
