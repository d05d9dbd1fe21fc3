"""Assemble the atlas map with folium, and render it to one self-contained HTML page."""

from __future__ import annotations

from typing import Any

import branca.element
import folium

from ..derive import Atlas
from ..model import SEASONS
from ..translations import REFERENCE, languages, ui_strings
from . import elements
from .basemap import packed_basemap
from .modes import MODES
from .payload import build_context, build_payload

DEFAULT_TITLE = ui_strings()["en"]["page.title"]

# Offered in the layer control of the web build, never shown by default: the map must not
# depend on them (issue 3). Kiosk builds leave them out.
ONLINE_TILES = [
    {
        "name": "OpenStreetMap (online)",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "© OpenStreetMap contributors",
    },
]


def build_map(
    atlas: Atlas,
    *,
    mode: str = "web",
    title: str | None = None,
    lang: str | None = None,
    idle_seconds: int = 120,
    attract: bool = False,
) -> folium.Map:
    """The interactive map of `atlas` as a folium Map (shows inline in Jupyter).

    Every script, style, language and the basemap are inside the page. `mode` is one of
    `web` (the web build: may offer OpenStreetMap tiles, off by default), `kiosk` (content
    note, idle reset after `idle_seconds`, optional `attract` loop, no network at all) or
    `classroom` (large type, phases stepped with keys). `lang` is the language the page opens
    in (else the reader's browser language); `title` replaces the atlas's own title.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    settings = MODES[mode]
    strings = ui_strings()
    if lang is not None and lang not in strings:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(sorted(strings))}")
    start = strings[lang or REFERENCE]
    present = {s for row in atlas.marches["seasons"] for s in row}
    seasons = (("all", start["season.all"]),
               *((s.id, start[f"season.{s.id}"]) for s in SEASONS if s.id in present))
    page = elements.Page(title=title or start["page.title"], subtitle=start["page.subtitle"],
                         lang=lang or REFERENCE, custom_title=title is not None, mode=mode,
                         csp=settings.csp, seasons=seasons,
                         languages=tuple((code, strings[code]["_language"]["name"],
                                          strings[code]["_language"]["dir"])
                                         for code in languages()))
    m = elements.AtlasMap(
        page,
        location=[51.5, 15.0],
        zoom_start=5,
        min_zoom=4,
        max_zoom=12,
        # Fractional zoom: a fit fills the open map instead of stopping at the zoom below.
        zoom_snap=0.1,
        zoom_delta=1,
        control_scale=True,
        max_bounds=True,
        max_bounds_viscosity=0.8,
        min_lat=38.0, max_lat=64.0, min_lon=-12.0, max_lon=40.0,
    )
    options: dict[str, Any] = {
        "mode": mode,
        "online_tiles": ONLINE_TILES if settings.online_tiles else [],
        "offline_links": not settings.source_links,
        "line_scale": settings.line_scale,
        "idle_seconds": idle_seconds,
        "attract": attract,
        "phases": [
            {"id": p.id, "label": p.label, "start": p.start_date.date().isoformat(),
             "end": p.end_date.date().isoformat(), "caption": p.caption}
            for p in atlas.phases.itertuples(index=False)
        ],
    }
    # The core first: its script defines MapgenAtlas, on which every later element registers.
    # Languages first: format.js and atlas.js read MapgenI18n when they load.
    elements.Translations({
        "strings": strings, "data": atlas.translations, "default": lang or REFERENCE,
        "explicit": lang is not None, "custom_title": title,
    }).add_to(m)
    elements.AtlasLayers(build_payload(atlas), options).add_to(m)
    elements.Basemap(packed_basemap()).add_to(m)
    elements.ContextLayers(build_context(atlas)).add_to(m)
    for control in (elements.LanguageSwitcher, elements.SeasonFilter, elements.MarchList,
                    elements.Timeline, elements.CampList, elements.Details, elements.People,
                    elements.Labels, elements.Search, elements.Legend, elements.Fullscreen,
                    elements.UrlState, *settings.elements):
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
