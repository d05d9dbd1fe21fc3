"""The `mapgen` command: thin wrappers that parse options, call the pipeline and report."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd

from .derive import Atlas, derive
from .load import display_path, read_dataset
from .model import SEASON_BY_ID, DataError, Issue
from .paths import default_data_dir
from .validate import check


def data_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--data", "data_dir", type=click.Path(path_type=Path, file_okay=False),
        default=None, help="The dataset folder (default: the shipped dataset).",
    )(func)


def _report(issues: list[Issue]) -> None:
    for issue in issues:
        click.echo(str(issue), err=True)


def load_or_exit(data_dir: Path | None, show_warnings: bool = False) -> Atlas:
    """Load and validate; on any error print every issue and exit 1, having written nothing.

    Warnings are listed by `validate`; other commands only count them.
    """
    folder = data_dir or default_data_dir()
    dataset, issues = check(read_dataset(folder))
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        _report(issues)
        click.echo(f"{len(errors)} error(s) in {display_path(folder)}; nothing was written. "
                   "Fix them and run `mapgen validate` again.", err=True)
        sys.exit(1)
    if show_warnings:
        _report(issues)
    elif issues:
        click.echo(f"{len(issues)} warning(s); `mapgen validate` lists them.", err=True)
    return derive(dataset)


def _friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures (a full disk, an unwritable folder) into one line and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            _report(exc.issues)
            sys.exit(1)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"cannot write{where}: {exc.strerror or exc}") from exc

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mapgen")
def main() -> None:
    """An atlas of the evacuation routes of the Nazi camps, 1944–45.

    Reads the cited dataset (camps, places, marches and their digitised routes), checks it, and
    builds self-contained interactive maps that work offline.
    """


@main.command()
@data_option
def validate(data_dir: Path | None) -> None:
    """Check the dataset; list every mistake with file, line or feature, and field."""
    atlas = load_or_exit(data_dir, show_warnings=True)
    folder = display_path(data_dir or default_data_dir())
    click.echo(f"ok: {folder}: {len(atlas.marches)} marches, {len(atlas.legs)} legs, "
               f"{len(atlas.places)} places, {len(atlas.sources)} sources, "
               f"{len(atlas.warnings)} warning(s)")


def _range(low: object, high: object) -> str:
    if pd.isna(low):
        return "unknown"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


@main.command(name="list")
@data_option
@click.option("--season", type=click.Choice(sorted(SEASON_BY_ID)), default=None,
              help="Only the marches whose dates overlap this season.")
def list_marches(data_dir: Path | None, season: str | None) -> None:
    """Print a table of the marches: dates, seasons, modes, length and prisoners."""
    atlas = load_or_exit(data_dir)
    rows = [
        (m.id, f"{m.start} – {m.end}", ",".join(m.seasons), ",".join(m.modes),
         f"{m.length_km:,.0f}", _range(m.prisoners_min, m.prisoners_max))
        for m in atlas.marches.itertuples()
        if season is None or season in m.seasons
    ]
    header = ("id", "dates", "seasons", "modes", "km", "prisoners")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())


@main.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv"]), default="geojson",
              show_default=True, help="GeoJSON (for GIS and the web) or flat CSV (spreadsheets).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The folder to write places and marches to.")
@_friendly_errors
def export(data_dir: Path | None, fmt: str, out: Path) -> None:
    """Write the data as open GeoJSON or CSV (the documented open-data interface)."""
    from .export import export as write_export

    atlas = load_or_exit(data_dir)
    for path in write_export(atlas, out, fmt):
        click.echo(display_path(path))


@main.command()
@data_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="The folder to write the map to.")
@click.option("--title", default=None, help="The page title (default: the atlas's own).")
@_friendly_errors
def build(data_dir: Path | None, out: Path, title: str | None) -> None:
    """Build the interactive map: one self-contained HTML file that works offline."""
    from .render.map import DEFAULT_TITLE, render_html
    from .write import atomic_write

    atlas = load_or_exit(data_dir)
    html = render_html(atlas, title=title or DEFAULT_TITLE)
    path = out / "index.html"
    atomic_write(path, html)
    seasons = sorted({s for row in atlas.marches["seasons"] for s in row},
                     key=list(SEASON_BY_ID).index)
    click.echo(display_path(path))
    click.echo(f"{len(atlas.marches)} marches, {len(atlas.legs)} legs, {len(atlas.places)} "
               f"places, {len(seasons)} seasons; {len(html.encode()) / 1024:,.0f} KB. "
               "Open it in a browser (no server or network needed).")
