"""Assemble the atlas map with folium, and render it to one self-contained HTML page."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import branca.element
import folium

from ..derive import Atlas
from . import elements
from .payload import build_payload

DEFAULT_TITLE = "Death marches: the evacuations of the Nazi camps, 1944–45"
SUBTITLE = ("Routes of the evacuations of concentration camps, from the first transports of "
            "spring 1944 to the last marches of May 1945. Choose a season or a march.")

# Offered in the layer control of the web build, never shown by default: the map must not
# depend on them (issue 3). Kiosk builds leave them out.
ONLINE_TILES = [
    {
        "name": "OpenStreetMap (online)",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "© OpenStreetMap contributors",
    },
]


@functools.cache
def load_basemap() -> dict:
    text = (resources.files("mapgen") / "data" / "basemap.json").read_text(encoding="utf-8")
    return json.loads(text)


def build_map(
    atlas: Atlas,
    *,
    title: str = DEFAULT_TITLE,
    online_tiles: bool = True,
    lang: str = "en",
) -> folium.Map:
    """The interactive map of `atlas` as a folium Map (shows inline in Jupyter).

    Every script, style and the basemap are inside the page; with `online_tiles` the layer
    control also offers OpenStreetMap tiles, off by default.
    """
    page = elements.Page(title=title, subtitle=SUBTITLE, lang=lang)
    m = elements.AtlasMap(
        page,
        location=[51.5, 15.0],
        zoom_start=5,
        min_zoom=4,
        max_zoom=12,
        control_scale=True,
        max_bounds=True,
        max_bounds_viscosity=0.8,
        min_lat=38.0, max_lat=64.0, min_lon=-12.0, max_lon=40.0,
    )
    options: dict[str, Any] = {"online_tiles": ONLINE_TILES if online_tiles else []}
    # The core first: its script defines MapgenAtlas, on which every later element registers.
    elements.AtlasLayers(build_payload(atlas), options).add_to(m)
    elements.Basemap(load_basemap()).add_to(m)
    for control in (elements.SeasonFilter, elements.MarchList, elements.Details,
                    elements.Legend, elements.Fullscreen, elements.UrlState):
        control().add_to(m)
    _stable_ids(page)
    return m


def _stable_ids(root: branca.element.Element) -> None:
    """Replace branca's random element ids with counters: same data, same bytes (issue 3)."""
    counter = 0

    def walk(element: branca.element.Element) -> None:
        nonlocal counter
        element._id = f"{counter:04d}"
        counter += 1
        for child in element._children.values():
            walk(child)

    walk(root)


def render_html(atlas: Atlas, **options: Any) -> str:
    """The whole page as one string."""
    m = build_map(atlas, **options)
    return m.get_root().render()
