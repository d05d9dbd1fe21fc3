"""Synthetic datasets in the real `routes/` format, for the benchmark (issue 8).

`make_dataset(folder, marches=1000)` writes places.csv, marches.csv, sources.csv and one
marches/<id>.geojson per march that pass `mapgen validate`: 2-6 legs per march, about 100
vertices per leg, spread over Central Europe and over the five seasons from March 1944 to May
1945. The lines imitate hand digitising along roads: they pass exactly through their stations and
wander between them with bends of a few km and a jitter of ~150 m at every vertex, so that
simplification cannot remove most vertices (the encoding has to earn the size, not the data).

The same `seed` always gives the same files. Run as a script to write one dataset:

    python benchmarks/synthetic.py --marches 100 --out /tmp/routes-100
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import math
import random
from pathlib import Path

# Central Europe: from Alsace to Lublin, from the Baltic to the Alps.
LAT = (47.0, 54.5)
LON = (7.0, 24.0)
FIRST = dt.date(1944, 3, 1)
LAST = dt.date(1945, 5, 31)
KM_PER_DEG_LAT = 110.574


def _km_per_deg_lon(lat: float) -> float:
    return 111.320 * math.cos(math.radians(lat))


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """(lat, lon) pairs; a flat approximation, enough to choose neighbours."""
    lat = (a[0] + b[0]) / 2
    return math.hypot((a[0] - b[0]) * KM_PER_DEG_LAT, (a[1] - b[1]) * _km_per_deg_lon(lat))


def _places(rng: random.Random, count: int) -> list[dict]:
    places = []
    camps = max(10, count // 20)
    for i in range(count):
        kind = "main_camp" if i < camps // 4 else "subcamp" if i < camps else rng.choice(
            ["town", "town", "town", "station", "site"])
        lat = round(rng.uniform(*LAT), 5)
        lon = round(rng.uniform(*LON), 5)
        places.append({
            "id": f"place-{i:05d}",
            "name": f"Place {i}",
            "name_wartime": f"Ort {i}" if i % 3 else "",
            "name_local": f"Miejsce {i}",
            "kind": kind,
            "lat": f"{lat:.5f}",
            "lon": f"{lon:.5f}",
            "country_today": rng.choice(["PL", "DE", "CZ", "AT", "SK", "HU"]),
            "source": f"geonames:{3000000 + i}",
        })
    return places


def _wander(rng: random.Random, a: tuple[float, float], b: tuple[float, float],
            n: int) -> list[tuple[float, float]]:
    """n+1 points from a to b (both kept exactly), as a hand-digitised road would run."""
    length = _distance_km(a, b)
    # Bends of up to ~4% of the distance, pinned to zero at both ends, plus per-vertex jitter.
    waves = [(rng.uniform(-0.04, 0.04) * length, k) for k in (1, 2, 3, 5)]
    lat0 = (a[0] + b[0]) / 2
    kx, ky = _km_per_deg_lon(lat0), KM_PER_DEG_LAT
    dx, dy = (b[1] - a[1]) * kx, (b[0] - a[0]) * ky
    norm = math.hypot(dx, dy) or 1.0
    px, py = -dy / norm, dx / norm  # unit vector across the line
    points = [a]
    for i in range(1, n):
        t = i / n
        off = sum(amp * math.sin(k * math.pi * t) for amp, k in waves)
        off += rng.gauss(0, 0.15)  # ~150 m: the road's own bends at digitising scale
        along = rng.gauss(0, 0.05)
        x = dx * t + px * off + dx / norm * along
        y = dy * t + py * off + dy / norm * along
        points.append((a[0] + y / ky, a[1] + x / kx))
    points.append(b)
    return points


def _leg_line(rng: random.Random, stops: list[tuple[float, float]],
              vertices: int) -> list[list[float]]:
    """A line through every stop in order, with about `vertices` vertices in all."""
    lengths = [_distance_km(p, q) for p, q in itertools.pairwise(stops)]
    total = sum(lengths) or 1.0
    line: list[tuple[float, float]] = []
    for (p, q), km in zip(itertools.pairwise(stops), lengths, strict=False):
        n = max(2, round(vertices * km / total))
        part = _wander(rng, p, q, n)
        line.extend(part if not line else part[1:])
    return [[round(lon, 5), round(lat, 5)] for lat, lon in line]


def _figures_note(plain: bool, prisoners: int | None, deaths: tuple | None) -> str:
    missing = [what for what, value in (("prisoners", prisoners), ("deaths", deaths))
               if value is None]
    if missing:
        return f"No count of {' or '.join(missing)} on this march was found."
    return "" if plain else ("Sources differ on the number who set out; the range keeps every "
                             "figure.")


def _date(day: dt.date, monthly: bool) -> str:
    return day.strftime("%Y-%m") if monthly else day.isoformat()


def make_dataset(folder: Path, marches: int = 1000, seed: int = 8,
                 vertices_per_leg: int = 100) -> dict:
    """Write the dataset to `folder`; return counts (marches, legs, vertices, places)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "marches").mkdir(exist_ok=True)
    places = _places(rng, max(60, min(3000, marches // 2 + 50)))
    where = {p["id"]: (float(p["lat"]), float(p["lon"])) for p in places}
    camps = [p["id"] for p in places if p["kind"] in ("main_camp", "subcamp")]
    ids = [p["id"] for p in places]
    # A coarse grid of places, so that "a place 30-250 km away" is found without a full scan.
    cells: dict[tuple[int, int], list[str]] = {}
    for pid, (lat, lon) in where.items():
        cells.setdefault((int(lat), int(lon)), []).append(pid)

    def next_stop(here: str) -> str:
        lat, lon = where[here]
        for _ in range(50):
            near = cells.get((int(lat) + rng.randint(-2, 2), int(lon) + rng.randint(-3, 3)))
            if near:
                pid = rng.choice(near)
                if pid != here and 30 <= _distance_km(where[here], where[pid]) <= 250:
                    return pid
        return rng.choice([p for p in ids if p != here])

    sources = [{"id": f"source-{i:03d}", "citation": f"Memorial Site {i}, \"Evacuation of the "
                f"camp\" (synthetic source {i})", "url": f"https://example.org/source/{i}",
                "kind": "memorial"}
               for i in range(50)]
    rows = []
    n_legs = n_vertices = 0
    span = (LAST - FIRST).days
    for i in range(marches):
        mid = f"march-{i:05d}"
        start = FIRST + dt.timedelta(days=rng.randrange(span - 40))
        end = start + dt.timedelta(days=rng.randint(3, 40))
        legs_n = rng.randint(2, 6)
        stops = [rng.choice(camps)]
        for _ in range(legs_n):
            stops.append(next_stop(stops[-1]))
        prisoners = rng.choice([None, 300, 800, 1500, 3000, 8000, 20000])
        deaths = None if prisoners is None or rng.random() < 0.4 else (
            prisoners // rng.randint(5, 20), prisoners // rng.randint(2, 4))
        low = prisoners and int(prisoners * rng.uniform(0.7, 1.0))
        rows.append({
            "id": mid,
            "title": f"Synthetic march {i}: Place {stops[0][6:].lstrip('0') or 0} to "
                     f"Place {stops[-1][6:].lstrip('0') or 0}",
            "start": _date(start, False),
            "end": _date(end, rng.random() < 0.2 and end.month == start.month),
            "prisoners_min": low or "",
            "prisoners_max": prisoners or "",
            "deaths_min": deaths[0] if deaths else "",
            "deaths_max": deaths[1] if deaths else "",
            # An empty figure must be explained (validate.py); rng is drawn as before, so the
            # data stays the same for a given seed.
            "figures_note": _figures_note(rng.random() < 0.7, prisoners, deaths),
            "summary": f"A synthetic evacuation of {legs_n} legs made for the benchmark. "
                       "The column was marched west and then put on trains.",
            "sources": ";".join(rng.sample([s["id"] for s in sources], rng.randint(1, 3))),
        })
        features = []
        for leg in range(legs_n):
            a, b = stops[leg], stops[leg + 1]
            # Up to two via stations: towns near the straight line are picked by building the
            # line through a point pulled towards them (the line passes through its stations).
            via = [pid for pid in (next_stop(a),) if rng.random() < 0.5
                   and _distance_km(where[pid], where[b]) < _distance_km(where[a], where[b])
                   and pid not in (a, b)]
            line = _leg_line(rng, [where[a], *(where[v] for v in via), where[b]],
                             vertices_per_leg)
            km = _distance_km(where[a], where[b])
            mode = "foot" if km < 120 and rng.random() < 0.8 else rng.choice(
                ["train", "train", "truck", "ship"])
            features.append({
                "type": "Feature",
                "properties": {
                    "leg": leg + 1, "from": a, "to": b, "via": via, "mode": mode,
                    "start": start.isoformat() if leg == 0 else "", "end": "",
                    "certainty": "documented" if rng.random() < 0.7 else "approximate",
                    "note": "",
                },
                "geometry": {"type": "LineString", "coordinates": line},
            })
            n_legs += 1
            n_vertices += len(line)
        (folder / "marches" / f"{mid}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    _write_csv(folder / "places.csv", places)
    _write_csv(folder / "marches.csv", rows)
    _write_csv(folder / "sources.csv", sources)
    return {"marches": marches, "legs": n_legs, "vertices": n_vertices, "places": len(places)}


def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--marches", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    print(make_dataset(args.out, args.marches, args.seed))
