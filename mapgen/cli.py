"""The `mapgen` command: thin wrappers that parse options, call the pipeline and report."""

from __future__ import annotations

import dataclasses
import errno
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .load import display_path, read_dataset
from .model import PLACE_KINDS, SEASON_BY_ID, DataError, Issue
from .paths import default_data_dir
from .translations import languages

if TYPE_CHECKING:
    from .derive import Atlas

# The table and geometry libraries load in about a second: imported by the commands that need
# them, so that `mapgen geocode` and `--help` answer at once.

LANGUAGES = languages()


def data_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--data", "data_dir", type=click.Path(path_type=Path, file_okay=False),
        default=None, help="The dataset folder (default: the shipped dataset).",
    )(func)


# A message longer than this is shortened in the middle: a 19 MB cell is not one 19 MB line.
MESSAGE_CHARS = 600
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_text(text: str, limit: int = MESSAGE_CHARS) -> str:
    """`text` safe to print: control characters from the data (an escape sequence that rewrites
    the screen, a CR that hides a line) shown as escapes (\\x1b, \\r), a very long text cut."""
    if len(text) > limit * 4:
        text = text[: limit * 2] + text[-limit * 2:]  # what the escaping below can need
    text = _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
        m[0], f"\\x{ord(m[0]):02x}" if ord(m[0]) < 256 else f"\\u{ord(m[0]):04x}"), text)
    if len(text) > limit:
        keep = limit // 3
        text = f"{text[: limit - keep]} … [cut] … {text[-keep:]}"
    return text


def _report(issues: list[Issue]) -> None:
    for issue in issues:
        click.echo(terminal_text(str(issue)), err=True)


def load_or_exit(data_dir: Path | None, show_warnings: bool = False) -> Atlas:
    """Load and validate; on any error print every issue and exit 1, having written nothing.

    Warnings are listed by `validate`; other commands only count them.
    """
    from .derive import derive
    from .validate import check

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


def _os_message(exc: OSError) -> str:
    """One line for a failure of the file system, saying what to do about it (issue 9)."""
    where = f" {display_path(Path(exc.filename))}" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return (f"cannot write{where}: the disk is full; free some space and run the command "
                "again (the previous files were left as they were)")
    if exc.errno == errno.EROFS:
        return f"cannot write{where}: the disk is read-only; choose another folder"
    if isinstance(exc, PermissionError):
        return (f"cannot write{where}: permission denied; choose a folder you may write to "
                "(--out) or change its permissions")
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return f"cannot write{where}: a file stands where a folder is needed; choose another path"
    # Not necessarily a write (a package file gone missing): say what failed, not a guess.
    return f"{where.strip() or 'a file'}: {exc.strerror or exc}"


def _fail(exc: Exception, debug: bool | None = None) -> NoReturn:
    """Report a failure in one line and exit 1; with --debug, re-raise it for the traceback.

    Data errors list every issue (that list is the answer, with or without --debug).
    """
    if isinstance(exc, DataError):
        _report(exc.issues)
        sys.exit(1)
    if debug is None:
        ctx = click.get_current_context(silent=True)
        debug = bool(ctx and ctx.find_root().params.get("debug"))
    if debug:
        raise exc
    if isinstance(exc, OSError):
        raise click.ClickException(_os_message(exc)) from exc
    click.echo(terminal_text(f"internal error: {type(exc).__name__}: {exc} (run with --debug "
                             "for details)"), err=True)
    sys.exit(1)


class _Group(click.Group):
    """The `mapgen` group: no command ends in a traceback unless --debug asks for one."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = terminal_text(exc.message)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            _fail(exc, debug=bool(ctx.params.get("debug")))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mapgen")
@click.option("--debug", is_flag=True, help="Show the full traceback of a failure (for a bug "
              "report) instead of one line.")
def main(debug: bool) -> None:
    """An atlas of the evacuation routes of the Nazi camps, 1944–45.

    Reads the cited dataset (camps, places, marches and their digitised routes), checks it, and
    builds self-contained interactive maps that work offline.
    """


@main.command()
@data_option
def validate(data_dir: Path | None) -> None:
    """Check the dataset; list every mistake with file, line or feature, and field."""
    from .translations import check_ui_strings

    atlas = load_or_exit(data_dir, show_warnings=True)
    # The interface files travel with the package; a gap there shows English in the page.
    interface = [dataclasses.replace(i, severity="warning") for i in check_ui_strings()]
    _report(interface)
    folder = display_path(data_dir or default_data_dir())
    click.echo(f"ok: {folder}: {len(atlas.marches)} marches, {len(atlas.legs)} legs, "
               f"{len(atlas.places)} places, {len(atlas.sources)} sources, "
               f"{len(atlas.phases)} phases, {len(atlas.people)} people, "
               f"{len(atlas.translations)} translations, "
               f"{len(atlas.warnings) + len(interface)} warning(s)")


def _range(low: object, high: object) -> str:
    import pandas as pd

    if pd.isna(low):
        return "not known"
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
        cells = (str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
        click.echo("  ".join(cells).rstrip())


@main.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "gpkg"]),
              default="geojson", show_default=True,
              help="GeoJSON (for GIS and the web), flat CSV (spreadsheets) or one GeoPackage "
                   "(QGIS; needs the geo extra).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The folder to write places and marches to.")
def export(data_dir: Path | None, fmt: str, out: Path) -> None:
    """Write the data as open GeoJSON, CSV or GeoPackage (the documented open-data interface)."""
    from .export import export as write_export

    atlas = load_or_exit(data_dir)
    try:
        written = write_export(atlas, out, fmt)
    except ImportError as exc:  # --format gpkg without geopandas
        raise click.ClickException(str(exc)) from exc
    for path in written:
        click.echo(display_path(path))


@main.command()
@data_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"),
              show_default=True, help="The folder to write the map to.")
@click.option("--title", default=None, help="The page title (default: the atlas's own).")
@click.option("--mode", type=click.Choice(["web", "kiosk", "classroom", "all"]), default="web",
              show_default=True,
              help="web: index.html for a browser or an iframe; kiosk: kiosk.html for an "
                   "unattended touch screen; classroom: classroom.html for a projector; all.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="The language the page opens in (default: the reader's browser language, "
                   "else English). Every language is in the page.")
@click.option("--idle-seconds", type=click.IntRange(min=10, max=86400), default=120,
              show_default=True, help="Kiosk: return to the content note after this long "
              "without input (10 s to a day).")
@click.option("--attract/--no-attract", default=False, show_default=True,
              help="Kiosk: cycle slowly through the seasons while nobody uses it.")
def build(data_dir: Path | None, out: Path, title: str | None, mode: str, lang: str | None,
          idle_seconds: int, attract: bool) -> None:
    """Build the interactive map: one self-contained HTML file per mode that works offline."""
    from .render.map import render_html
    from .render.modes import MODES
    from .write import PartialWrite, atomic_write_all

    atlas = load_or_exit(data_dir)
    # Render every page before writing any, so that a failure leaves all old files alone.
    pages = {
        MODES[name].filename: render_html(atlas, mode=name, title=title, lang=lang,
                                          idle_seconds=idle_seconds, attract=attract)
        for name in (MODES if mode == "all" else [mode])
    }
    try:
        # All pages new, or (on an error) all as they were: never a new index beside an old kiosk.
        atomic_write_all({out / filename: html for filename, html in pages.items()})
    except PartialWrite as exc:
        raise click.ClickException(
            f"cannot write {display_path(Path(exc.filename or out))}: {exc.strerror}; these pages "
            f"are new: {', '.join(display_path(p) for p in exc.new)}; these are as they were: "
            f"{', '.join(display_path(p) for p in exc.old)}; run the command again") from exc
    except OSError as exc:
        if len(pages) > 1 and exc.errno not in (errno.ENOSPC,):
            raise click.ClickException(_os_message(exc) + "; none of the pages was changed"
                                       ) from exc
        raise
    for filename, html in pages.items():
        click.echo(f"{display_path(out / filename)}  ({len(html.encode()) / 1024:,.0f} KB)")
    seasons = {s for row in atlas.marches["seasons"] for s in row}
    click.echo(f"{len(atlas.marches)} marches, {len(atlas.legs)} legs, {len(atlas.places)} "
               f"places, {len(seasons)} seasons. Open it in a browser (no server or network "
               "needed).")


@main.command()
@data_option
@click.option("--mode", type=click.Choice(["web", "kiosk", "classroom"]), default="classroom",
              show_default=True, help="Which build to render.")
@click.option("--season", type=click.Choice(sorted(SEASON_BY_ID)), default=None,
              help="Show only the marches of this season.")
@click.option("--march", "march_id", default=None, help="Select this march (its id).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="The page's language.")
@click.option("--size", default="1920x1080", show_default=True, metavar="WxH",
              help="A PNG's size: its width for the handout (A4 in proportion), the window "
                   "for a kiosk page.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="FILE.png or FILE.pdf: the A4 landscape handout (a kiosk page: its screen).")
def snapshot(data_dir: Path | None, mode: str, season: str | None, march_id: str | None,
             lang: str | None, size: str, out: Path) -> None:
    """Render the map to a PNG or a PDF handout with headless Chromium (extra: snapshot)."""
    import tempfile

    from .render.map import render_html
    from .render.modes import MODES
    from .snapshot import SnapshotError
    from .snapshot import snapshot as take

    try:
        width, height = (int(n) for n in size.lower().split("x"))
    except ValueError as exc:
        raise click.BadParameter(f"'{size}' is not WIDTHxHEIGHT, e.g. 1920x1080",
                                 param_hint="--size") from exc
    atlas = load_or_exit(data_dir)
    if march_id is not None and march_id not in set(atlas.marches["id"]):
        raise click.BadParameter(f"there is no march '{march_id}'; `mapgen list` shows the ids",
                                 param_hint="--march")
    parts = [f"season={season}"] if season else []
    parts += [f"march={march_id}"] if march_id else []
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / MODES[mode].filename
        page.write_text(render_html(atlas, mode=mode, lang=lang), encoding="utf-8")
        try:
            take(page, out, "#" + "&".join(parts) if parts else "", width, height)
        except SnapshotError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(display_path(out))


# --- geocoding and the gazetteer (issue 6) ----------------------------------------------------

def _geocoder(online: bool, server: str | None, cache: Path | None, data_dir: Path | None) -> Any:
    """The offline GeoNames gazetteer, or Nominatim (cached in DATA/geocache.json) with --online."""
    from .geocode import GeoNamesGeocoder, nominatim_geocoder

    if not online:
        return GeoNamesGeocoder(progress=_indexing)
    from urllib.parse import urlparse

    url = urlparse(server or "https://nominatim.openstreetmap.org")
    if url.scheme not in ("http", "https") or not url.netloc:
        raise click.BadParameter(f"'{server}' is not a web address such as "
                                 "https://nominatim.example.org", param_hint="--server")
    cache_path = cache or (data_dir or default_data_dir()) / "geocache.json"
    return nominatim_geocoder(cache_path=cache_path, domain=url.netloc + url.path.rstrip("/"),
                              scheme=url.scheme)


def _indexing(cities: list[Any]) -> Any:
    """The first use builds the gazetteer's index (some seconds): say so, with a bar."""
    with click.progressbar(cities, label="Indexing the GeoNames gazetteer (first use only)",
                           file=sys.stderr) as bar:
        yield from bar


def geocoder_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--online", is_flag=True,
                     help="Ask OpenStreetMap's Nominatim instead of the offline gazetteer. This "
                     "sends the query to nominatim.openstreetmap.org (or --server), at most one "
                     "request per second; answers are kept in DATA/geocache.json so no query is "
                     "sent twice."),
        click.option("--server", metavar="URL", default=None,
                     help="With --online: another Nominatim server (default "
                     "https://nominatim.openstreetmap.org)."),
        click.option("--cache", type=click.Path(path_type=Path, dir_okay=False), default=None,
                     help="With --online: the cache file (default: geocache.json in the dataset "
                     "folder)."),
    ]):
        func = option(func)
    return func


def _geocode_failed(exc: Exception) -> NoReturn:
    raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("query")
@click.option("--country", metavar="CC", default=None,
              help="Only places in this country (ISO code: PL, DE, CZ).")
@click.option("--limit", type=click.IntRange(1, 50), default=10, show_default=True,
              help="How many candidates to list.")
@geocoder_options
@data_option
def geocode(query: str, country: str | None, limit: int, online: bool, server: str | None,
            cache: Path | None, data_dir: Path | None) -> None:
    """List the places named QUERY, best first: name, lat, lon, country, source.

    Offline by default: GeoNames places with 500 or more inhabitants, found by today's name, a
    name in another language or the wartime German name ("Loslau", "Gleiwitz", "Prausnitz").
    Case and diacritics do not matter.
    """
    from .geocode import GeocodeError, describe

    try:
        found = _geocoder(online, server, cache, data_dir).geocode(
            query, exactly_one=False, country_codes=country, limit=limit)
    except GeocodeError as exc:
        _geocode_failed(exc)
    if not found:
        where = "Nominatim" if online else "the offline gazetteer (GeoNames, 500+ inhabitants)"
        hint = "" if online else "; try another spelling, or --online"
        raise click.ClickException(f"no place named '{query}' in {where}{hint}")
    rows = [describe(loc) for loc in found]
    table = [("name", "lat", "lon", "country", "source", "match")] + [
        (r["name"], f"{r['lat']:.5f}", f"{r['lon']:.5f}", r["country"], r["source"],
         r["match"] + (f" ({r['matched']})" if r["matched"] and r["matched"] != r["name"] else ""))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        click.echo(terminal_text(line, limit=MESSAGE_CHARS * 2))


@main.group()
def places() -> None:
    """Add places to places.csv."""


@places.command(name="add")
@click.argument("place_id", metavar="ID")
@click.argument("name")
@click.option("--kind", type=click.Choice(PLACE_KINDS), required=True,
              help="What the place is.")
@click.option("--country", metavar="CC", default=None,
              help="Search only this country (ISO code); with --lat/--lon, its country_today.")
@click.option("--lat", type=float, default=None, help="Latitude by hand (decimal degrees).")
@click.option("--lon", type=float, default=None, help="Longitude by hand (decimal degrees).")
@click.option("--source", default=None,
              help="Where the coordinate comes from: geonames:<id> or a sources.csv id "
              "(required with --lat/--lon and with --online).")
@click.option("--wartime", default=None,
              help="The German wartime name (default: from the gazetteer's wartime names).")
@click.option("--local", default=None,
              help="Today's local name (default: the gazetteer's name; GeoNames gives large "
              "cities their English name, e.g. Prague for Praha).")
@geocoder_options
@data_option
def places_add(place_id: str, name: str, kind: str, country: str | None, lat: float | None,
               lon: float | None, source: str | None, wartime: str | None, local: str | None,
               online: bool, server: str | None, cache: Path | None,
               data_dir: Path | None) -> None:
    """Geocode NAME and append it to places.csv as ID, with its source.

    Refuses an ID already in the file and a place within 1 km of an existing one. Give --lat and
    --lon (with --source) for a camp site or a place the gazetteer does not know.
    """
    from .gazetteer import PlaceError, add_place
    from .geocode import GeocodeError, describe

    folder = data_dir or default_data_dir()
    try:
        # A place given by its coordinates is still looked up offline, for its country.
        geocoder = _geocoder(online and lat is None, server, cache, data_dir)
        added = add_place(folder, place_id, name, kind, geocoder=geocoder, lat=lat, lon=lon,
                          source=source, country=country, wartime=wartime, local=local)
    except (PlaceError, GeocodeError) as exc:
        raise click.ClickException(str(exc)) from exc
    r = added.row
    wartime_text = f" ({r['name_wartime']})" if r["name_wartime"] else ""
    click.echo(terminal_text(f"{display_path(added.path)}:line {added.line}: added '{place_id}' "
                             f"{r['name']}{wartime_text}, {r['lat']}, {r['lon']}, "
                             f"{r['country_today']}, {r['source']}"))
    if added.others:
        listed = "; ".join(f"{d['name']} ({d['country']}, {d['source']})"
                           for d in map(describe, added.others[:5]))
        click.echo(terminal_text(f"other candidates: {listed}. If the wrong one was taken, "
                                 "remove the line and use --country or --lat/--lon."))
    click.echo("Check name_local and name_wartime, then run `mapgen validate`.")


@main.command(name="check-places")
@data_option
@click.option("--max-km", type=click.FloatRange(min=0, min_open=True), default=5.0,
              show_default=True, help="Report places farther than this from their entry.")
@geocoder_options
def check_places_command(data_dir: Path | None, max_km: float, online: bool,
                         server: str | None, cache: Path | None) -> None:
    """Compare every place in places.csv with the gazetteer; list those far away or not found.

    A place with a geonames:<id> source is compared with that entry, any other with the nearest
    place of its name in its country. Places with an offset_note (a camp outside its town) are
    skipped. Exit 0 when all are close, 1 when something is listed.
    """
    from .geocode import GeocodeError, check_places
    from .validate import check

    folder = data_dir or default_data_dir()
    raw = read_dataset(folder)
    dataset, issues = check(raw)
    broken = [i for i in issues if i.severity == "error" and i.file == raw.places.file]
    lines = {row.values.get("id", ""): row.line for row in raw.places.rows}
    try:
        findings = check_places(dataset.places, _geocoder(online, server, cache, data_dir),
                                max_km=max_km)
    except GeocodeError as exc:
        _geocode_failed(exc)
    for finding in findings:
        line = lines.get(finding.place_id)
        click.echo(terminal_text(f"{raw.places.file}:line {line} [lat]: {finding}"))
    skipped = sum(1 for p in dataset.places if p.offset_note)
    checked = len(dataset.places) - skipped
    if broken:
        click.echo(f"{len(broken)} error(s) in {raw.places.file} (rows not checked); "
                   "`mapgen validate` lists them.", err=True)
    summary = (f"{checked} places checked, {skipped} skipped (offset_note), "
               f"{len(findings)} finding(s)")
    if findings or broken:
        click.echo(summary, err=True)
        sys.exit(1)
    click.echo(f"ok: {summary}")
