"""Stage 1: read the files of a dataset folder as they are, keeping line and feature numbers.

Nothing is judged here beyond what stops a file from being read at all (encoding, CSV shape, JSON
syntax); those problems are returned as issues so that validation can report them with the rest.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Issue


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


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _decode(path: Path, shown: str, issues: list[Issue]) -> str | None:
    try:
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
    for record in reader:
        line, next_line = next_line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue  # blank lines are harmless
        if header is None:
            header = [cell.strip() for cell in record]
            if len(header) == 1 and ";" in header[0]:
                issues.append(
                    Issue(shown, f"line {line}", "", "columns are separated by ';'; expected "
                          "commas (in a spreadsheet: save as 'CSV UTF-8 (comma delimited)')")
                )
                return table
            seen: set[str] = set()
            for name in header:
                if name in seen:
                    issues.append(Issue(shown, f"line {line}", name, "the column appears twice"))
                seen.add(name)
            table.columns = header
            continue
        if len(record) != len(header):
            issues.append(
                Issue(shown, f"line {line}", "", f"has {len(record)} fields but the header "
                      f"has {len(header)}; check for an unquoted comma")
            )
            continue
        table.rows.append(Row(line, {name: cell.strip() for name, cell in zip(header, record)}))
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
    except ValueError as exc:
        issues.append(Issue(shown, "", "", f"is not valid JSON: {exc}"))
    return None


def read_dataset(folder: Path) -> RawDataset:
    """Read every file of a dataset folder (places, marches, sources and the route files)."""
    folder = Path(folder)
    issues: list[Issue] = []
    if not folder.is_dir():
        shown = display_path(folder)
        issues.append(Issue(shown, "", "", "the data folder does not exist; pass --data with the "
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
    return RawDataset(folder, places, marches, sources, routes, issues)
