"""Distances on the globe for route lines given as (lon, lat) pairs, and the compact form of
those lines that the page receives (quantised, simplified, encoded polylines)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

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
    return geodesic((a[1], a[0]), (b[1], b[0])).km


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
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    mid = (lat[1:] + lat[:-1]) / 2
    w = np.sqrt(1 - _WGS84_E2 * np.sin(mid) ** 2)
    meridian = _WGS84_A * (1 - _WGS84_E2) / w**3  # M: radius of curvature along the meridian
    normal = _WGS84_A / w  # N: radius of curvature across it
    d = np.hypot(meridian * np.diff(lat), normal * np.cos(mid) * np.diff(lon))
    long_ones = np.flatnonzero(d >= _SHORT_SEGMENT_KM)
    for i in long_ones:
        d[i] = km_between(tuple(xy[i]), tuple(xy[i + 1]))
    return float(d.sum())


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


def simplify(coords: Sequence[Coord], tolerance_m: float = SIMPLIFY_M) -> list[Coord]:
    """Douglas-Peucker (shapely, topology preserved) with a tolerance in metres.

    The line is projected to a local equirectangular grid in km whose east-west scale is taken at
    the latitude nearest the equator, so distances there are never under-estimated: no vertex
    that is dropped lies farther than `tolerance_m` from the result. The first and last points
    are always kept; every point kept is one of the input's, unchanged.
    """
    if len(coords) < 3:
        return list(coords)
    xy = np.asarray(coords, dtype=float)
    kx = 111.320 * math.cos(math.radians(float(np.abs(xy[:, 1]).min())))
    ky = 110.574
    projected = xy * (kx, ky)
    kept = shapely.get_coordinates(
        shapely.linestrings(projected).simplify(tolerance_m / 1000, preserve_topology=True))
    # Douglas-Peucker keeps a subset of the points; find them back by their projected position,
    # so the result holds the input's own coordinates, not a projection round trip.
    index = {xy_: i for i, xy_ in enumerate(map(tuple, projected.tolist()))}
    rows = [index[p] for p in map(tuple, kept.tolist())]
    return [(lon, lat) for lon, lat in xy[rows].tolist()]


def encode_polyline(coords: Sequence[Coord], precision: int = LINE_PRECISION) -> str:
    """Google's encoded polyline format of (lon, lat) points: lat, lon; deltas; 5-bit chunks.

    https://developers.google.com/maps/documentation/utilities/polylinealgorithm
    With precision 4 and vertices a few hundred metres apart, a vertex costs about four
    characters, all in the range ? to ~ (63..126); in JSON only the backslash needs escaping.
    """
    factor = 10**precision
    out: list[str] = []
    prev_lat = prev_lon = 0
    for lon, lat in coords:
        ilat, ilon = round(lat * factor), round(lon * factor)
        for delta in (ilat - prev_lat, ilon - prev_lon):
            value = ~(delta << 1) if delta < 0 else delta << 1
            out.append(_CHUNKS[value] if value < len(_CHUNKS) else _chunks(value))
        prev_lat, prev_lon = ilat, ilon
    return "".join(out)


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
