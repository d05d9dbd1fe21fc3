"""Distances on the globe for route lines given as (lon, lat) pairs, and the compact form of
those lines that the page receives (quantised, simplified, encoded polylines)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from geopy.distance import geodesic

Coord = tuple[float, float]  # (lon, lat)


def length_km(coords: Sequence[Coord]) -> float:
    """The geodesic length of a line (WGS84 ellipsoid), in km."""
    return sum(
        geodesic((a[1], a[0]), (b[1], b[0])).km for a, b in itertools.pairwise(coords)
    )


def km_between(a: Coord, b: Coord) -> float:
    """The distance between two points on the WGS84 ellipsoid, in km.

    Under 10 km (every station check of the validator: issue 8) it is measured on the local
    radii of curvature, exact to well under a metre and a hundred times faster than geopy's
    geodesic, which measures the longer ones.
    """
    d = float(_segments_km(np.array([a, b], dtype=float))[0])
    return d if d < _SHORT_SEGMENT_KM else geodesic((a[1], a[0]), (b[1], b[0])).km


def km_to_line(point: Coord, coords: Sequence[Coord]) -> float:
    """The shortest distance from a point to a line, in km.

    Uses a local equirectangular projection centred on the point: exact enough for the few-km
    tolerances of the station checks, and far cheaper than a geodesic search.
    """
    lon0, lat0 = point
    kx = 111.320 * math.cos(math.radians(lat0))
    ky = 110.574
    xy = [((lon - lon0) * kx, (lat - lat0) * ky) for lon, lat in coords]
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(xy):
        dx, dy = x2 - x1, y2 - y1
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, -(x1 * dx + y1 * dy) / seg))
        best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    if len(xy) == 1:
        best = math.hypot(*xy[0])
    return best


def _km_to_segments(px: np.ndarray, py: np.ndarray, ax: np.ndarray, ay: np.ndarray,
                    bx: np.ndarray, by: np.ndarray) -> np.ndarray:
    """`km_to_line`'s arithmetic for arrays: point i to segment (a_i, b_i), in km."""
    kx = 111.320 * np.cos(np.radians(py))
    ky = 110.574
    x1, y1 = (ax - px) * kx, (ay - py) * ky
    dx, dy = (bx - px) * kx - x1, (by - py) * ky - y1
    seg = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(seg == 0, 0.0, np.clip(-(x1 * dx + y1 * dy) / seg, 0.0, 1.0))
    return np.hypot(x1 + t * dx, y1 + t * dy)


# Up to this many point-vertex pairs the distances are computed for every pair.
_ALL_PAIRS = 2_000_000


def km_to_line_many(points: Sequence[Coord], coords: Sequence[Coord]) -> np.ndarray:
    """`km_to_line` for many points along one line, in time that grows with their number plus
    the line's, not with their product (100,000 stations on a 200,000-vertex line).

    Up to a few million point-segment pairs every pair is measured, exactly as `km_to_line`.
    Beyond, each point is measured to the segment nearest to it on a sinusoidal projection
    centred on the line (a spatial index finds it): the same figure unless two segments are
    almost equally near, and then within a few per cent of it.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    xy = np.asarray(coords, dtype=float).reshape(-1, 2)
    if not len(pts):
        return np.zeros(0)
    if len(xy) == 1:
        x, y = xy[0]
        return _km_to_segments(pts[:, 0], pts[:, 1], x, y, x, y)
    a, b = xy[:-1], xy[1:]
    if len(pts) * len(a) <= _ALL_PAIRS:
        return np.array([_km_to_segments(x, y, a[:, 0], a[:, 1], b[:, 0], b[:, 1]).min()
                         for x, y in pts])
    middle = float(np.median(xy[:, 0]))

    def plane(lonlat: np.ndarray) -> np.ndarray:
        return np.column_stack([(lonlat[:, 0] - middle) * np.cos(np.radians(lonlat[:, 1])),
                                lonlat[:, 1]])

    line = plane(xy)
    tree = shapely.STRtree(shapely.linestrings(np.stack([line[:-1], line[1:]], axis=1)))
    pi, si = tree.query_nearest(shapely.points(plane(pts)), all_matches=True)
    best = np.full(len(pts), np.inf)
    km = _km_to_segments(pts[pi, 0], pts[pi, 1], a[si, 0], a[si, 1], b[si, 0], b[si, 1])
    np.minimum.at(best, pi, km)
    return best


# --- fast lengths --------------------------------------------------------------------------

_WGS84_A = 6378.137  # semi-major axis, km
_WGS84_F = 1 / 298.257223563
_WGS84_E2 = _WGS84_F * (2 - _WGS84_F)
# Below this, a segment is measured on the ellipsoid's local radii of curvature at its middle;
# the error of that is of the order (d / R)^2 relative, under a millimetre at 10 km. Longer
# segments (few: a train leg drawn station to station) still go through geopy's geodesic.
_SHORT_SEGMENT_KM = 10.0


def line_length_km(coords: Sequence[Coord]) -> float:
    """The length of a line on the WGS84 ellipsoid, in km: `length_km`, hundreds of times faster.

    Hand-digitised lines have thousands of short segments; geopy's exact geodesic costs about
    0.2 ms each, which made a build of 2 million vertices take minutes (issue 8). Short segments
    are measured with numpy on the local radii of curvature (exact to well under a metre per
    leg); long ones with the exact geodesic, so the result agrees with `length_km` to
    centimetres.
    """
    if len(coords) < 2:
        return 0.0
    xy = np.asarray(coords, dtype=float)
    d = _segments_km(xy)
    for i in np.flatnonzero(d >= _SHORT_SEGMENT_KM):
        d[i] = geodesic((xy[i, 1], xy[i, 0]), (xy[i + 1, 1], xy[i + 1, 0])).km
    return float(d.sum())


def _segments_km(xy: np.ndarray) -> np.ndarray:
    """The length of each segment of a (lon, lat) line on the ellipsoid's local radii of
    curvature at its middle (see `_SHORT_SEGMENT_KM` for where that is exact enough)."""
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    mid = (lat[1:] + lat[:-1]) / 2
    w = np.sqrt(1 - _WGS84_E2 * np.sin(mid) ** 2)
    meridian = _WGS84_A * (1 - _WGS84_E2) / w**3  # M: radius of curvature along the meridian
    normal = _WGS84_A / w  # N: radius of curvature across it
    return np.hypot(meridian * np.diff(lat), normal * np.cos(mid) * np.diff(lon))


# --- compact lines for the page (issue 8) --------------------------------------------------

# The page gets every line quantised to 1e-4 degree (11 m north-south, 7 m east-west in
# Central Europe): the precision the data has ("at least 4 decimals", routes/README.md) and under
# a pixel at the map's highest zoom (12: ~24 m per pixel at 50°N).
LINE_PRECISION = 4
# Douglas-Peucker tolerance: every vertex left out lies within this of the simplified line.
# With the quantisation (at most ~7 m) no vertex of the data ends up more than ~50 m from the
# line drawn, far inside the 3 km within which the stations must lie.
SIMPLIFY_M = 40.0


def quantise(coords: Sequence[Coord], precision: int = LINE_PRECISION) -> list[Coord]:
    """Round to `precision` decimals and drop the repeated points rounding makes."""
    if len(coords) == 0:
        return []
    q = np.round(np.asarray(coords, dtype=float), precision)
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = (q[1:] != q[:-1]).any(axis=1)
    out = [(lon, lat) for lon, lat in q[keep].tolist()]
    if len(out) == 1 and len(coords) > 1:  # a line shorter than the grid: keep both ends
        out.append(out[0])
    return out


# Coarser copies of each line for the lower zooms, where a whole country fits on the screen and
# the 40 m line would draw tens of points into each pixel (issue 8). A level serves every zoom up
# to `max_zoom`; its tolerance is half a pixel there at 60°N (a pixel is smaller in the north, so
# farther south it is less than half): 300 m is 0.49 px at zoom 7, 1200 m 0.49 px at zoom 5.
# Each level is simplified from the level above it, so it holds a subset of that level's points
# and is sent as one bit per point of it (`encode_mask`).
ZOOM_LEVELS: tuple[tuple[int, float], ...] = ((7, 300.0), (5, 1200.0))


@dataclass(frozen=True)
class CompactLine:
    """A line as the page gets it: `line`, quantised and simplified (lon, lat) points, and for
    each of `ZOOM_LEVELS` which points of the level above it (first: of `line`) it keeps."""

    line: np.ndarray
    masks: list[np.ndarray]


def compact_lines(lines: Sequence[Sequence[Coord] | np.ndarray]) -> list[CompactLine]:
    """Every leg's line quantised to `LINE_PRECISION`, simplified at `SIMPLIFY_M` (shapely's
    Douglas-Peucker, topology kept), with its coarser `ZOOM_LEVELS`.

    All lines go through shapely at once: one call per step instead of one per leg, which made
    the per-call overhead of tens of thousands of legs most of a large build (issue 8).
    Quantised first, the points are integers on the 1e-4° grid, so those shapely keeps are found
    back exactly. Every vertex of the input stays within ~SIMPLIFY_M + 7 m of the line.
    """
    if not lines:
        return []
    counts = np.array([len(line) for line in lines])
    grid = np.round(np.concatenate([np.asarray(line, dtype=float).reshape(-1, 2)
                                    for line in lines]) * 10**LINE_PRECISION).astype(np.int64)
    owner = np.repeat(np.arange(len(lines)), counts)
    # Rounding makes repeated points; a line shorter than the grid keeps its two (equal) ends.
    keep = np.ones(len(grid), dtype=bool)
    keep[1:] = (grid[1:] != grid[:-1]).any(axis=1) | (owner[1:] != owner[:-1])
    last = np.cumsum(counts) - 1
    keep[last[counts > 1]] = True
    grid, owner = grid[keep], owner[keep]
    points = grid / 10**LINE_PRECISION
    keep = _douglas_peucker(points, owner, SIMPLIFY_M)
    points, owner = points[keep], owner[keep]
    line_bounds = _bounds(owner, len(lines))
    out_lines = [points[a:b] for a, b in line_bounds]
    levels: list[list[np.ndarray]] = [[] for _ in lines]
    for _max_zoom, tolerance_m in ZOOM_LEVELS:
        keep = _douglas_peucker(points, owner, tolerance_m)
        for i, (a, b) in enumerate(_bounds(owner, len(lines))):
            levels[i].append(keep[a:b])
        points, owner = points[keep], owner[keep]
    return [CompactLine(line, masks) for line, masks in zip(out_lines, levels, strict=True)]


def _bounds(owner: np.ndarray, count: int) -> list[tuple[int, int]]:
    """(start, stop) of each line's points in arrays sorted by line (`owner`)."""
    edges = np.searchsorted(owner, np.arange(count + 1)).tolist()
    return list(itertools.pairwise(edges))


def _douglas_peucker(points: np.ndarray, owner: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Which (lon, lat) points on the 1e-4° grid Douglas-Peucker keeps, for many lines at once
    (`owner`: the line of each point, 0, 1, 2 … in order). Lines of two points are kept whole.

    Each line is projected to a local equirectangular grid in km whose east-west scale is taken
    at its latitude nearest the equator, so distances there are never under-estimated: no point
    that is dropped lies farther than `tolerance_m` from the result.
    """
    bounds = np.array(_bounds(owner, int(owner[-1]) + 1))
    sizes = bounds[:, 1] - bounds[:, 0]
    kx = 111.320 * np.cos(np.radians(np.minimum.reduceat(np.abs(points[:, 1]), bounds[:, 0])))
    scale = np.column_stack([kx[owner], np.full(len(owner), 110.574)])
    keep = np.ones(len(points), dtype=bool)
    big = sizes >= 3
    if not big.any():
        return keep
    chosen = big[owner]
    renumbered = (np.cumsum(big) - 1)[owner[chosen]]
    lines = shapely.linestrings(points[chosen] * scale[chosen], indices=renumbered)
    done = shapely.simplify(lines, tolerance_m / 1000, preserve_topology=True)
    kept, which = shapely.get_coordinates(done, return_index=True)
    # Shapely gives the points it kept; find them back by their grid position (exact: they are
    # the input's own projected points, and the grid step is far above rounding errors).
    kept_owner = np.flatnonzero(big)[which]
    kept_grid = np.round(kept / scale[bounds[kept_owner, 0]] * 10**LINE_PRECISION)
    own_grid = np.round(points[chosen] * 10**LINE_PRECISION)
    wanted = np.sort(_key(kept_grid.astype(np.int64), kept_owner))
    own = _key(own_grid.astype(np.int64), owner[chosen])
    # np.isin, by a sort and a binary search: several times faster on millions of keys.
    found = wanted[np.minimum(np.searchsorted(wanted, own), len(wanted) - 1)]
    keep[chosen] = found == own
    return keep


def _key(grid: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """One int64 per (line, lon, lat) on the 1e-4° grid: 20 bits of line, 21 of lat, 22 of lon.
    A line that passes the same point twice gets both passes kept when shapely keeps one: a point
    of the line more, never a point less."""
    return (owner << 43) | ((grid[:, 1] + (1 << 20)) << 22) | (grid[:, 0] + (1 << 21))


def encode_mask(bits: np.ndarray) -> str:
    """A run of booleans as text: six to a character, first bit lowest, in the range ? to ~
    (63..126) like an encoded polyline. Read by static/route-canvas.js (`levelOf`)."""
    bits = np.asarray(bits, dtype=np.uint8)
    padded = np.zeros(-(-len(bits) // 6) * 6, dtype=np.uint8)
    padded[: len(bits)] = bits
    values = padded.reshape(-1, 6) @ (1 << np.arange(6))
    return (values + 63).astype(np.uint8).tobytes().decode("ascii")


def decode_mask(text: str, count: int) -> np.ndarray:
    """The `count` booleans of `encode_mask`'s text."""
    values = np.frombuffer(text.encode("ascii"), dtype=np.uint8) - 63
    bits = (values[:, None] >> np.arange(6)) & 1
    return bits.ravel()[:count].astype(bool)


def encode_polyline(coords: Sequence[Coord] | np.ndarray,
                    precision: int = LINE_PRECISION) -> str:
    """Google's encoded polyline format of (lon, lat) points: lat, lon; deltas; 5-bit chunks.

    https://developers.google.com/maps/documentation/utilities/polylinealgorithm
    With precision 4 and vertices a few hundred metres apart, a vertex costs about four
    characters, all in the range ? to ~ (63..126); in JSON only the backslash needs escaping.
    """
    xy = np.asarray(coords, dtype=float).reshape(-1, 2)
    if not len(xy):
        return ""
    # numpy rounds halves to even, as Python's round() does: the same integers as the formula.
    q = np.round(xy[:, ::-1] * 10**precision).astype(np.int64)
    deltas = np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    values = np.where(deltas < 0, ~(deltas << 1), deltas << 1).tolist()
    # The first point is absolute (large numbers); the moves after it are small, mostly.
    table = _CHUNKS
    head = _chunks(values[0]) + _chunks(values[1])
    if max(values[2:], default=0) < len(table):
        return head + "".join(map(table.__getitem__, values[2:]))
    return head + "".join(table[v] if v < len(table) else _chunks(v) for v in values[2:])


def _chunks(value: int) -> str:
    """A non-negative (zig-zagged) number as 5-bit chunks, lowest first, continuation bit 0x20."""
    out = []
    while value >= 0x20:
        out.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    out.append(chr(value + 63))
    return "".join(out)


# Every number of up to three chunks (moves under ~1.6 degree at precision 4), computed once:
# the build encodes millions of them (issue 8).
_CHUNKS = [_chunks(v) for v in range(1 << 15)]


def decode_polyline(text: str, precision: int = LINE_PRECISION) -> list[Coord]:
    """The (lon, lat) points of an encoded polyline (the inverse of `encode_polyline`)."""
    factor = 10**precision
    values: list[int] = []
    shift = result = 0
    for char in text:
        byte = ord(char) - 63
        result |= (byte & 0x1F) << shift
        shift += 5
        if byte < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift = result = 0
    coords: list[Coord] = []
    lat = lon = 0
    for dlat, dlon in zip(values[::2], values[1::2], strict=False):
        lat += dlat
        lon += dlon
        coords.append((lon / factor, lat / factor))
    return coords
