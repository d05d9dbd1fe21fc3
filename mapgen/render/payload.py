"""What the page needs from the atlas, as plain JSON-ready data (no HTML here: the page's
scripts place every text with textContent)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import shapely

from .. import geometry
from ..derive import Atlas
from ..model import SEASONS

PRECISION = 5  # decimals of a degree for places: about 1 m, finer than any digitised line
# Up to this many legs the page draws each as an SVG path (styled and found by class: the browser
# tests use them); past it, their elements and their direction markers make drawing, panning and
# the season filter slow (a switch took 0.2 s at 400 legs), and the page draws them on its own
# canvas layer (static/route-canvas.js), with the coarser levels of each line for the lower zooms
# (issue 8: benchmarks/README.md).
CANVAS_FROM_LEGS = 120


def _pair(low: object, high: object) -> list[int] | None:
    return None if pd.isna(low) else [int(low), int(high)]


def simplified_line(coords: Sequence[geometry.Coord] | np.ndarray) -> list[geometry.Coord]:
    """A leg's line as the page draws it: quantised to the data's precision, then simplified (no
    vertex moves more than ~50 m): geometry.LINE_PRECISION, geometry.SIMPLIFY_M."""
    line = geometry.compact_lines([coords])[0].line
    return [(lon, lat) for lon, lat in line.tolist()]


def build_payload(atlas: Atlas, compact: bool = True) -> dict:
    """The data of the page.

    The page gets the compact form (`compact=True`): lines encoded, and nothing it can work out
    itself (see `compact_march`); static/decode.js expands it back into the full form, which is
    what `compact=False` returns (with each line as `coords`, [lat, lon] pairs).
    """
    records = atlas.legs.to_dict(orient="records")
    lines = geometry.compact_lines([shapely.get_coordinates(leg["geometry"]) for leg in records])
    canvas = len(records) > CANVAS_FROM_LEGS
    legs_by_march: dict[str, list[dict]] = {}
    for leg, drawn in zip(records, lines, strict=True):
        out = {
            **{k: leg[k] for k in ("from", "to", "mode", "start", "end", "certainty", "note")},
            "leg": int(leg["leg"]),
            "via": list(leg["via"]),
            "length_km": float(leg["length_km"]),
        }
        if canvas:
            # The coarser copies for the lower zooms (geometry.ZOOM_LEVELS), each as a mask over
            # the points of the level above it: about a bit and a half a vertex in all.
            out["levels"] = [geometry.encode_mask(mask) for mask in drawn.masks]
        if compact:
            out["line"] = geometry.encode_polyline(drawn.line, geometry.LINE_PRECISION)
        else:
            out["coords"] = [[lat, lon] for lon, lat in drawn.line.tolist()]
        legs_by_march.setdefault(leg["march_id"], []).append(out)
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
            "evacuation": m.evacuation,
            "legs": legs_by_march.get(m.id, []),
        })
    evacuations = [
        {"id": e.id, "camp": e.camp, "title": e.title, "start": e.start, "end": e.end,
         "prisoners": _pair(e.prisoners_min, e.prisoners_max),
         "deaths": _pair(e.deaths_min, e.deaths_max),
         "figures_note": e.figures_note, "summary": e.summary, "sources": list(e.sources),
         "marches": list(e.marches)}
        for e in atlas.evacuations.itertuples(index=False)
    ]
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
    cited = {sid for item in [*marches, *evacuations] for sid in item["sources"]}
    cited |= {sid for p in atlas.phases.itertuples(index=False) for sid in p.sources}
    cited |= {sid for lib in atlas.context.liberations.values() for sid in lib["sources"]}
    return {
        "line_precision": geometry.LINE_PRECISION,
        "renderer": "canvas" if canvas else "svg",
        # The highest zoom each of a leg's `levels` serves (geometry.ZOOM_LEVELS).
        "level_zooms": [max_zoom for max_zoom, _ in geometry.ZOOM_LEVELS],
        "marches": [compact_march(m) for m in marches] if compact else marches,
        "places": places,
        # The sources something on the page cites; those of the front lines and borders only
        # the export carries (the page names a line by its date).
        "sources": {s.id: {"citation": s.citation, "url": s.url, "kind": s.kind}
                    for s in atlas.sources.itertuples(index=False) if s.id in cited},
        "evacuations": evacuations,
        "seasons": [{"id": s.id, "label": s.label} for s in SEASONS if s.id in present],
    }


# Left out of a leg when empty; decode.js puts them back ("" or []).
_EMPTY_LEG_FIELDS = ("start", "end", "note", "via")


def compact_march(march: dict) -> dict:
    """The march as sent to the page: what decode.js (MapgenDecode.expand) can rebuild is left
    out. With thousands of marches these fields cost about as much as the lines themselves.

    - each leg's line as an encoded polyline (`line`) instead of `coords` (build_payload),
      followed by its level masks, if any, each after a space;
    - a leg's `leg` number (its position), and its `from` when it is the previous leg's `to`
      (validate.py makes legs join without gaps);
    - empty `start`, `end`, `note`, `via` of a leg, an empty `figures_note` and `evacuation`;
    - the march's `stations` and `modes`, which follow from its legs (derive.stations_of).
    """
    out = {k: v for k, v in march.items() if k not in ("stations", "modes", "legs")}
    for key in ("figures_note", "evacuation"):
        if not out.get(key, True):
            del out[key]
    legs = []
    previous_to = None
    for leg in march["legs"]:
        small = {k: v for k, v in leg.items() if k != "leg"}
        for key in _EMPTY_LEG_FIELDS:
            if not small[key]:
                del small[key]
        if small["from"] == previous_to:
            del small["from"]
        # The level masks ride in the line's own string, after a space (not in their alphabet):
        # a key and a list of their own cost as much again as the masks (~0.17 bytes a vertex).
        levels = small.pop("levels", None)
        if levels:
            small["line"] = " ".join([small["line"], *levels])
        previous_to = leg["to"]
        legs.append(small)
    out["legs"] = legs
    return out


# The context layers are drawn at zoom 4-8 and simplified to kilometres: two decimals
# (about 1 km) is their precision.
CONTEXT_PRECISION = 2


def _encoded_parts(geom) -> list:
    """A (Multi)LineString as [line, …], a (Multi)Polygon as [[ring, …], …], lines encoded."""
    kind = geom.geom_type
    if kind in ("LineString", "MultiLineString"):
        parts = [geom] if kind == "LineString" else list(geom.geoms)
        return [geometry.encode_polyline(list(p.coords), CONTEXT_PRECISION) for p in parts]
    polys = [geom] if kind == "Polygon" else list(geom.geoms)
    return [[geometry.encode_polyline(list(r.coords), CONTEXT_PRECISION)
             for r in (p.exterior, *p.interiors)] for p in polys]


def build_context(atlas: Atlas) -> dict:
    """Front lines, borders of 1944-45 and liberations for the page (context-layers.js)."""
    ctx = atlas.context
    return {
        "precision": CONTEXT_PRECISION,
        # Notes and sources of the lines are in the export (frontlines.geojson), not the page:
        # the page names a line by its date, and the web build has a size budget.
        "frontlines": [{**{k: f[k] for k in ("id", "date", "front", "certainty")},
                        "lines": _encoded_parts(f["geometry"])} for f in ctx.frontlines],
        "borders": [{**{k: b[k] for k in ("id", "name", "status", "valid_from", "valid_to")},
                     "polygons": _encoded_parts(b["geometry"]),
                     "label": _label_point(b["geometry"])} for b in ctx.borders],
        "liberations": ctx.liberations,
    }


def _label_point(geom) -> list[float]:
    """[lat, lon] inside the territory's largest piece, where its name is written."""
    from shapely.ops import polylabel

    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    biggest = max(polys, key=lambda p: p.area)
    pt = polylabel(biggest, tolerance=0.05)
    return [round(pt.y, 2), round(pt.x, 2)]
