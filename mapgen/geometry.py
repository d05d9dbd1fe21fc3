"""Distances on the globe for route lines given as (lon, lat) pairs."""

from __future__ import annotations

import math
from collections.abc import Sequence

from geopy.distance import geodesic

Coord = tuple[float, float]  # (lon, lat)


def length_km(coords: Sequence[Coord]) -> float:
    """The geodesic length of a line (WGS84 ellipsoid), in km."""
    return sum(
        geodesic((a[1], a[0]), (b[1], b[0])).km for a, b in zip(coords, coords[1:])
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
    for (x1, y1), (x2, y2) in zip(xy, xy[1:]):
        dx, dy = x2 - x1, y2 - y1
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, -(x1 * dx + y1 * dy) / seg))
        best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    if len(xy) == 1:
        best = math.hypot(*xy[0])
    return best
