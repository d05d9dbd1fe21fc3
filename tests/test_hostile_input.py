"""Broken and hostile input that tests/bad/ cannot hold (issue 9): files that are read although
they are not quite the format, a file too big to read, and hostile text shown as written in the
built map in Chromium."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import mapgen
from mapgen.load import MAX_FILE_BYTES, read_dataset
from mapgen.validate import check

from .conftest import MINI
from .hostile import hostile_dataset

BOM = b"\xef\xbb\xbf"


def errors_of(folder: Path) -> list[str]:
    _, issues = check(read_dataset(folder))
    return [str(i) for i in issues if i.severity == "error"]


def test_a_file_over_the_limit_is_refused_before_it_is_read(mini_copy: Path, monkeypatch) -> None:
    """A 50 MB route file (written here, never committed) is refused by its size on disk."""
    route = mini_copy / "marches" / "a-to-c.geojson"
    valid = route.read_bytes()
    route.write_bytes(valid + b" " * (50 * 1024 * 1024 - len(valid)))  # valid JSON, 50 MB
    read: list[int] = []
    original = os.read

    def counted(fd: int, n: int) -> bytes:
        data = original(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counted)
    messages = errors_of(mini_copy)
    assert any("a-to-c.geojson: is 50.0 MB; files over 20 MB are not read" in m
               for m in messages), messages
    assert sum(read) < 1024 * 1024, "the big file was read before it was refused"
    assert MAX_FILE_BYTES == 20 * 1024 * 1024  # the limit routes/README.md documents


def test_empty_lines_in_csv_are_read_and_line_numbers_stay_true(mini_copy: Path) -> None:
    places = mini_copy / "places.csv"
    lines = places.read_text(encoding="utf-8").splitlines()
    # Empty and blank lines after the header and between rows, as a spreadsheet may leave them.
    places.write_text("\n".join([lines[0], "", *lines[1:3], " , ,", "", *lines[3:], "", ""]),
                      encoding="utf-8")
    atlas = mapgen.load_atlas(mini_copy)
    assert list(atlas.places["id"]) == ["camp-a", "town-b", "town-c", "camp-d"]
    # A mistake after the empty lines is reported at its real line in the file.
    text = places.read_text(encoding="utf-8").replace("Miasto C,town", "Miasto C,village")
    places.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "village" in x)) + 1
    assert any(f"places.csv:line {line} [kind]: 'village'" in m for m in errors_of(mini_copy))


def test_geojson_with_byte_order_mark_and_windows_line_endings_is_read(mini_copy: Path) -> None:
    for route in (mini_copy / "marches").glob("*.geojson"):
        route.write_bytes(BOM + route.read_bytes().replace(b"\n", b"\r\n"))
    atlas = mapgen.load_atlas(mini_copy)
    assert len(atlas.legs) == 3


def test_3d_coordinates_are_read_without_the_height_and_warned_about(mini_copy: Path) -> None:
    route = mini_copy / "marches" / "a-to-c.geojson"
    data = json.loads(route.read_text())
    flat = data["features"][0]["geometry"]["coordinates"]
    data["features"][0]["geometry"]["coordinates"] = [[*c, 250.5] for c in flat]
    route.write_text(json.dumps(data))
    atlas = mapgen.load_atlas(mini_copy)
    leg = atlas.legs[atlas.legs["march_id"] == "a-to-c"].iloc[0]
    assert [list(c) for c in leg.geometry.coords] == flat
    warnings = [str(w) for w in atlas.warnings]
    assert any("a-to-c.geojson:feature 0 [geometry]: warning: has 3D coordinates" in w
               and "heights are ignored" in w for w in warnings), warnings


def test_spaces_around_csv_cells_are_read(mini_copy: Path) -> None:
    places = mini_copy / "places.csv"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("town-b,Town B", " town-b , Town B "), encoding="utf-8")
    atlas = mapgen.load_atlas(mini_copy)
    assert "town-b" in set(atlas.places["id"])


def test_an_unreadable_file_is_reported_once_not_at_every_reference(tmp_path: Path) -> None:
    """A places.csv from a German Excel gives one message, not one per place a route names."""
    folder = shutil.copytree(MINI, tmp_path / "data")
    places = folder / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    sources = folder / "sources.csv"
    sources.write_bytes(b"")
    messages = errors_of(folder)
    assert len(messages) == 2, messages
    assert "separated by ';'" in messages[0] and "the file is empty" in messages[1]


def test_every_corpus_case_names_its_file(tmp_path: Path) -> None:
    """Every message of every bad case starts with the file it is about (no bare messages)."""
    from .test_validate import CASES, assemble

    for case in CASES:
        folder = assemble(case, tmp_path / case.name)
        _, issues = check(read_dataset(folder))
        for issue in issues:
            assert issue.file and (issue.file.endswith((".csv", ".geojson"))
                                   or issue.file.endswith(case.name)), (case.name, str(issue))


@pytest.mark.browser
def test_every_hostile_field_shows_as_written_and_runs_nothing(open_page, tmp_path: Path) -> None:
    """Titles, summaries, figure notes, citations, the quoted URL, place names (with a Unicode
    direction override) in the built page: shown character for character, nothing executed."""
    from click.testing import CliRunner

    from mapgen.cli import main

    used = hostile_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--data", str(tmp_path / "data"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    probe = open_page(out / "index.html")
    page = probe.page

    page.locator('#march-list li[data-march="a-to-b"] button').click()
    details = page.locator("#details").inner_text()
    for key in ("marches.csv:0:title", "marches.csv:0:summary", "marches.csv:0:figures_note",
                "sources.csv:0:citation", "sources.csv:1:citation"):
        assert used[key].strip() in details, key
    link = page.locator('#details a[href*="example.org"]').first
    assert link.get_attribute("href") == (
        'https://example.org/"><script>window.__pwned=5</script>')

    # camp-d is row 3 of places.csv: its today's name holds the direction override (HOSTILE[5]).
    assert "\u202e" in used["places.csv:3:name_local"]
    for row, place in ((0, "camp-a"), (3, "camp-d")):
        page.keyboard.press("Escape")
        page.locator(f".camp-marker.place-{place}").click(force=True)
        title = page.locator("#details-title").inner_text()
        assert title == (f"{used[f'places.csv:{row}:name_wartime']} / "
                         f"{used[f'places.csv:{row}:name_local']}"), title
        assert used[f"places.csv:{row}:name"] in page.locator("#details").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert probe.errors == []
