"""Stage 1: read the files of a dataset folder as they are, keeping line and feature numbers.

Nothing is judged here beyond what stops a file from being read at all (encoding, CSV shape, JSON
syntax); those problems are returned as issues so that validation can report them with the rest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Issue

# The largest file the loader reads (issue 9). The whole shipped dataset is a few hundred KB; a
# hand-digitised route is tens of KB. A bigger file is almost certainly a mistake (an export with
# every vertex of a road network, a wrong file renamed), and reading it whole would stall the
# build, so it is refused by its size on disk before a byte of it is read.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class Row:
    line: int  # the line in the file where the record starts (the header is line 1)
    values: dict[str, str]


@dataclass
class Table:
    file: str  # the file's name as shown in messages
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    readable: bool = False


@dataclass
class Route:
    march_id: str
    file: str
    data: Any = None  # the parsed GeoJSON, or None when it could not be read


@dataclass
class RawDataset:
    folder: Path
    places: Table
    marches: Table
    sources: Table
    routes: dict[str, Route]
    issues: list[Issue]
    # Optional files: the phases of the story (classroom steps) and translations of the data,
    # one table per language (i18n/<lang>.csv).
    phases: Table | None = None
    translations: dict[str, Table] = field(default_factory=dict)
    # Optional: evacuations.csv, the camp-wide evacuations the marches belong to.
    evacuations: Table | None = None


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _decode(path: Path, shown: str, issues: list[Issue]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            issues.append(Issue(shown, "", "", f"is {size / 1024**2:.1f} MB; files over "
                                f"{MAX_FILE_BYTES // 1024**2} MB are not read (is it the right "
                                "file? simplify a very detailed route in QGIS)"))
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        issues.append(Issue(shown, "", "", "file not found"))
        return None
    except OSError as exc:
        issues.append(Issue(shown, "", "", f"cannot be read: {exc.strerror}"))
        return None
    if not data.strip():
        issues.append(Issue(shown, "", "", "the file is empty"))
        return None
    try:
        # utf-8-sig: a byte-order mark (as Excel writes it) is read and dropped, not rejected.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        issues.append(
            Issue(
                shown, f"line {line}", "",
                f"is not UTF-8 (byte {data[exc.start]:#04x}); save the file as UTF-8 "
                "(in a spreadsheet: 'CSV UTF-8')",
            )
        )
        return None


def _semicolon_message(text: str) -> str:
    """What to say about a file saved by a spreadsheet set up for German (or French...) usage.

    Such a spreadsheet writes ';' between columns *and* a comma as the decimal mark
    (`50,0266`); both must change, so the message names both at once rather than letting the
    curator fix one and meet the other on the next run.
    """
    message = "columns are separated by ';'; expected commas"
    decimal = re.search(r"(?:^|;)\s*(-?\d+,\d+)\s*(?=;|$)", text, re.MULTILINE)
    if decimal:
        message += (f", and numbers have a decimal comma ('{decimal[1]}'); expected a decimal "
                    "point ('" + decimal[1].replace(",", ".") + "')")
    return message + (" (the file comes from a spreadsheet with German or similar settings: "
                      "save it as 'CSV UTF-8 (comma delimited)' with '.' as decimal separator)")


def read_table(path: Path, issues: list[Issue]) -> Table:
    """Read a CSV file into rows of stripped strings, keyed by the header's column names."""
    shown = display_path(path)
    table = Table(shown)
    text = _decode(path, shown, issues)
    if text is None:
        return table
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    next_line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # a field over csv's size limit, a quote left open at the end
            issues.append(Issue(shown, f"line {next_line}", "", f"cannot be read as CSV: {exc}; "
                                "check for an unclosed '\"'"))
            return table
        line, next_line = next_line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue  # blank lines are harmless
        if header is None:
            header = [cell.strip() for cell in record]
            if len(header) == 1 and ";" in header[0]:
                issues.append(Issue(shown, f"line {line}", "", _semicolon_message(text)))
                return table
            seen: set[str] = set()
            for name in header:
                if name in seen:
                    issues.append(Issue(shown, f"line {line}", name, f"the column '{name}' "
                                        "appears twice; delete one of them"))
                seen.add(name)
            table.columns = header
            continue
        if len(record) != len(header) and any("\n" in cell for cell in record):
            last = reader.line_num >= text.count("\n") + (not text.endswith("\n"))
            to = "the end of the file" if last else f"line {reader.line_num}"
            issues.append(Issue(shown, f"line {line}", "", f"a field opened with '\"' runs on to "
                                f"{to}; close the quote"))
            continue
        if len(record) != len(header):
            issues.append(
                Issue(shown, f"line {line}", "", f"has {len(record)} fields but the header "
                      f"has {len(header)}; check for an unquoted comma")
            )
            continue
        values = {name: cell.strip() for name, cell in zip(header, record, strict=True)}
        table.rows.append(Row(line, values))
    if header is None:
        issues.append(Issue(shown, "", "", "the file has no header line"))
        return table
    table.readable = True
    return table


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def read_geojson(path: Path, issues: list[Issue]) -> Any:
    """Parse a GeoJSON file; NaN and Infinity, which Python would accept, are refused."""
    shown = display_path(path)
    text = _decode(path, shown, issues)
    if text is None:
        return None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        issues.append(Issue(shown, f"line {exc.lineno}", "", f"is not valid JSON: {exc.msg} "
                            f"(column {exc.colno})"))
    except ValueError as exc:  # NaN/Infinity, or an integer of thousands of digits
        issues.append(Issue(shown, "", "", f"is not valid JSON: {exc}"))
    except RecursionError:
        issues.append(Issue(shown, "", "", "is not GeoJSON: its lists or objects are nested "
                            "thousands of levels deep"))
    return None


def read_dataset(folder: Path) -> RawDataset:
    """Read every file of a dataset folder (places, marches, sources and the route files)."""
    folder = Path(folder)
    issues: list[Issue] = []
    if not folder.is_dir():
        shown = display_path(folder)
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        issues.append(Issue(shown, "", "", f"the data folder {what}; pass --data with the "
                            "folder that holds places.csv, marches.csv, sources.csv and marches/"))
        empty = Table(shown)
        return RawDataset(folder, empty, empty, empty, {}, issues)
    places = read_table(folder / "places.csv", issues)
    marches = read_table(folder / "marches.csv", issues)
    sources = read_table(folder / "sources.csv", issues)
    routes: dict[str, Route] = {}
    route_dir = folder / "marches"
    for path in sorted(route_dir.glob("*.geojson")) if route_dir.is_dir() else []:
        route = Route(path.stem, display_path(path))
        route.data = read_geojson(path, issues)
        routes[path.stem] = route
    phases = read_table(folder / "phases.csv", issues) if (folder / "phases.csv").exists() else None
    translations = {
        path.stem: read_table(path, issues)
        for path in sorted((folder / "i18n").glob("*.csv"))
    }
    evacuations = (read_table(folder / "evacuations.csv", issues)
                   if (folder / "evacuations.csv").exists() else None)
    return RawDataset(folder, places, marches, sources, routes, issues, phases, translations,
                      evacuations)
