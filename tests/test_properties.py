"""Property tests (Hypothesis, issue 9): whatever a file holds, mapgen answers with its own
messages, never a traceback; the page encoder never lets text out of its script element."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapgen
from mapgen.cli import main
from mapgen.load import read_dataset
from mapgen.model import Issue
from mapgen.render.assets import json_for_script
from mapgen.validate import check

from .conftest import MINI

FILES = ["places.csv", "marches.csv", "sources.csv", "marches/a-to-b.geojson"]
ROUTE = json.loads((MINI / "marches" / "a-to-b.geojson").read_text(encoding="utf-8"))

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Text with the characters that matter to CSV and to our parsers, and any other.
csv_text = st.text(alphabet=st.sampled_from(list(',;"\n\r\t .-:°\u20320123456789eEaNIfinty\ufeff'))
                   | st.characters(), max_size=200)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def with_file(rel: str, content: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="mapgen-prop-")) / "data"
    shutil.copytree(MINI, folder)
    (folder / rel).write_bytes(content)
    return folder


def loads_or_reports(folder: Path) -> None:
    """The property: check() returns issues (never raises), and load_atlas either gives an
    atlas or raises DataError listing them."""
    try:
        _, issues = check(read_dataset(folder))
        assert all(isinstance(i, Issue) and i.file and i.message for i in issues)
        try:
            mapgen.load_atlas(folder)
        except mapgen.DataError as exc:
            assert exc.errors
            assert any(i.severity == "error" for i in issues)
        else:
            assert not any(i.severity == "error" for i in issues)
    finally:
        shutil.rmtree(folder.parent)


@SETTINGS
@given(rel=st.sampled_from(FILES), content=st.binary(max_size=300))
def test_random_bytes_in_any_file(rel: str, content: bytes) -> None:
    loads_or_reports(with_file(rel, content))


@SETTINGS
@given(rel=st.sampled_from(FILES[:3]), text=csv_text)
def test_random_text_in_a_csv_file(rel: str, text: str) -> None:
    loads_or_reports(with_file(rel, text.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(rel=st.sampled_from(FILES[:3]), row=st.integers(0, 3), column=st.integers(0, 10),
       value=csv_text)
def test_one_random_cell_in_a_valid_csv_file(rel: str, row: int, column: int,
                                             value: str) -> None:
    """Deeper than random text: the file stays a CSV with the right header; one cell is wrong."""
    rows = list(csv.reader((MINI / rel).open(encoding="utf-8", newline="")))
    body = rows[1:]
    body[row % len(body)][column % len(rows[0])] = value
    buffer = io.StringIO()
    csv.writer(buffer).writerows([rows[0], *body])
    loads_or_reports(with_file(rel, buffer.getvalue().encode("utf-8", "surrogatepass")))


@SETTINGS
@given(value=json_values)
def test_random_json_as_a_route_file(value: object) -> None:
    loads_or_reports(with_file("marches/a-to-b.geojson", json.dumps(value).encode()))


@pytest.mark.parametrize("key", ["properties", "geometry", "type", "leg", "from", "to", "via",
                                 "mode", "start", "end", "certainty", "note", "coordinates",
                                 "extra"])
@settings(max_examples=30, deadline=None)
@given(feature=st.integers(0, 1), value=json_values)
def test_one_random_value_in_a_valid_route(key: str, feature: int, value: object) -> None:
    """Every key is tried (a parameter, not a draw), with random JSON as its value."""
    data = json.loads(json.dumps(ROUTE))
    target = data["features"][feature]
    if key in ("properties", "geometry", "type"):
        target[key] = value
    elif key == "coordinates":
        target["geometry"]["coordinates"] = value
    else:
        target["properties"][key] = value
    loads_or_reports(with_file("marches/a-to-b.geojson", json.dumps(data).encode()))


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_json_for_script_keeps_text_inside_the_element_and_gives_it_back(text: str) -> None:
    for value in (text, {"title": text, text: [text]}):
        encoded = json_for_script(value)
        assert "</" not in encoded and "<!--" not in encoded and "<script" not in encoded.lower()
        assert json.loads(encoded) == value  # what JSON.parse gives the page


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rel=st.sampled_from(FILES), content=st.binary(max_size=200),
       command=st.sampled_from(["validate", "list", "build"]))
def test_the_cli_on_random_bad_data_exits_1_without_a_traceback(rel: str, content: bytes,
                                                                command: str) -> None:
    folder = with_file(rel, content)
    try:
        extra = ["--out", str(folder.parent / "out")] if command == "build" else []
        result = CliRunner().invoke(main, [command, "--data", str(folder), *extra])
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            repr(result.exception))
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 1:
            assert "error(s) in" in result.output  # the data's errors, listed, not a crash
            assert not (folder.parent / "out").exists()  # and nothing written
    finally:
        shutil.rmtree(folder.parent)
