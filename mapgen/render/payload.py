"""What the page needs from the atlas, as plain JSON-ready data (no HTML here: the page's
scripts place every text with textContent)."""

from __future__ import annotations

import pandas as pd

from ..derive import Atlas
from ..model import SEASONS

PRECISION = 5  # decimals of a degree: about 1 m, finer than any digitised line


def _pair(low: object, high: object) -> list[int] | None:
    return None if pd.isna(low) else [int(low), int(high)]


def _coords(line) -> list[list[float]]:  # noqa: ANN001 - a shapely LineString
    return [[round(lat, PRECISION), round(lon, PRECISION)] for lon, lat in line.coords]


def build_payload(atlas: Atlas) -> dict:
    legs_by_march: dict[str, list[dict]] = {}
    for leg in atlas.legs.to_dict(orient="records"):
        legs_by_march.setdefault(leg["march_id"], []).append({
            **{k: leg[k] for k in ("from", "to", "mode", "start", "end", "certainty", "note")},
            "leg": int(leg["leg"]),
            "via": list(leg["via"]),
            "length_km": float(leg["length_km"]),
            "coords": _coords(leg["geometry"]),
        })
    marches = []
    ordered = atlas.marches.sort_values(["start_date", "end_date", "id"], kind="stable")
    for m in ordered.itertuples(index=False):
        marches.append({
            "id": m.id,
            "title": m.title,
            "start": m.start,
            "end": m.end,
            "seasons": list(m.seasons),
            "modes": list(m.modes),
            "prisoners": _pair(m.prisoners_min, m.prisoners_max),
            "deaths": _pair(m.deaths_min, m.deaths_max),
            "figures_note": m.figures_note,
            "summary": m.summary,
            "sources": list(m.sources),
            "stations": list(m.stations),
            "length_km": float(m.length_km),
            "legs": legs_by_march.get(m.id, []),
        })
    used = {pid for m in marches for pid in m["stations"]}
    places = {
        p.id: {
            "name": p.name, "name_wartime": p.name_wartime, "name_local": p.name_local,
            "kind": p.kind, "lat": round(p.lat, PRECISION), "lon": round(p.lon, PRECISION),
            "country_today": p.country_today,
        }
        for p in atlas.places.itertuples(index=False)
        # Every camp is shown; a town only when a march passes it.
        if p.id in used or p.kind in ("main_camp", "subcamp")
    }
    present = {s for m in marches for s in m["seasons"]}
    return {
        "marches": marches,
        "places": places,
        "sources": {s.id: {"citation": s.citation, "url": s.url}
                    for s in atlas.sources.itertuples(index=False)},
        "seasons": [{"id": s.id, "label": s.label} for s in SEASONS if s.id in present],
    }
