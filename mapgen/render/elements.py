"""The folium elements of the atlas page, one small class per element (as folium's plugins are).

Each declares the files in static/ it needs; they are inlined into the page header once, in the
order the elements are added to the map (so the core, atlas.js, comes before the controls).
"""

from __future__ import annotations

from typing import Any

import branca.element
import folium
from folium.template import Template

from .assets import (
    gesture_handling_css,
    gesture_handling_js,
    json_for_script,
    leaflet_css,
    leaflet_js,
    packed_json,
    script_tag,
    static_code,
    style_tag,
    template_text,
)


class Raw(branca.element.Element):
    """A piece of HTML put into the page as it is (never parsed as a Jinja template)."""

    def __init__(self, html: str):
        super().__init__()
        self.html_text = html

    def render(self, **kwargs: Any) -> str:
        return self.html_text


class Page(branca.element.Figure):
    """The HTML document: language, title, the panel skeleton around the map (page.html.j2)."""

    def __init__(self, title: str, subtitle: str, lang: str = "en", custom_title: bool = False,
                 mode: str = "web", csp: str | None = None,
                 seasons: tuple[tuple[str, str], ...] = (),
                 languages: tuple[tuple[str, str, str], ...] = ()):
        super().__init__()
        self.seasons = seasons  # (id, label in the page's first language), "all" first
        self.languages = languages  # (code, native name, direction)
        self.mode = mode
        self.csp = csp
        # Scripts go at the end of the body, after the panel's markup, so that the page can
        # paint its text before Leaflet and the atlas are parsed (Lighthouse, issue 8).
        self.scripts = branca.element.Element()
        self.scripts._parent = self
        # Off the main thread, before the page needs it: the browser's Intl (ICU) data.
        self.warmup = "" if csp else script_tag(static_code("intl-warmup.js"))
        self._template = Template(template_text("page.html.j2"))
        self.title = title
        self.subtitle = subtitle
        self.lang = lang
        self.custom_title = custom_title
        # Figure adds an http-equiv meta; our template declares <meta charset> itself.
        self.header._children.pop("meta_http", None)


class AtlasMap(folium.Map):
    """folium's Map with Leaflet inlined from xstatic-leaflet and no CDN links at all."""

    def __init__(self, page: Page, **kwargs: Any):
        super().__init__(tiles=None, **kwargs)
        self._template = Template(template_text("map.html.j2"))
        # Instance-level: leave folium's class lists alone for other maps in the same process.
        self.default_js = []
        self.default_css = []
        page.add_child(self)

    def render(self, **kwargs: Any) -> None:
        page = self.get_root()
        page.header.add_child(Raw(style_tag(leaflet_css())), name="css:leaflet")
        page.scripts.add_child(Raw(script_tag(leaflet_js())), name="js:leaflet")
        super().render(**kwargs)


class AtlasElement(folium.MacroElement):
    """Base of our elements: inlines its JS/CSS files into the page header."""

    js: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    template_name: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self._name = type(self).__name__
        if self.template_name:
            self._template = Template(template_text(self.template_name))

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        for name in self.css:
            figure.header.add_child(Raw(style_tag(static_code(name))), name=f"css:{name}")
        for name in self.js:
            figure.scripts.add_child(Raw(script_tag(static_code(name))), name=f"js:{name}")
        # Like branca's MacroElement.render, but the macros' output is added as Raw: branca wraps
        # it in Element(), which parses it as a Jinja template again, so a title holding
        # "{{ 7*7 }}" would print 49 and "{% raw %}" would break the build.
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Raw(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class AtlasLayers(AtlasElement):
    """The data and the core: camps, routes by mode, shared state. Starts every control."""

    js = ("format.js", "decode.js", "atlas.js")
    css = ("atlas.css",)
    template_name = "atlas.html.j2"

    def __init__(self, data: dict, options: dict):
        super().__init__()
        if data["renderer"] == "canvas":  # a large atlas: payload.CANVAS_FROM_LEGS
            self.js = ("format.js", "decode.js", "route-canvas.js", "atlas.js")
        self.data_json = json_for_script(data)
        self.options_json = json_for_script(options)


class DataElement(AtlasElement):
    """An element that carries data as inert JSON in <script type="application/json" id=…>,
    read by its script (MapgenAtlas.read); `packed` data is gzip+base64 (assets.packed_json)."""

    script_id = ""
    packed = False

    def __init__(self, data: dict):
        super().__init__()
        encoding = ' data-encoding="gzip+base64"' if self.packed else ""
        self._template = Template(
            '{% macro html(this, kwargs) %}<script type="application/json" '
            f'id="{self.script_id}"{encoding}>{{{{ this.data_json }}}}</script>{{% endmacro %}}'
        )
        self.data_json = packed_json(data) if self.packed else json_for_script(data)


class Basemap(DataElement):
    """The offline Natural Earth basemap (land, lakes, rivers, borders, country names)."""

    js = ("basemap.js",)
    script_id = "basemap-data"


class ContextLayers(DataElement):
    """Borders of 1944-45, the front line of the chosen month, the camps' liberation."""

    js = ("context-layers.js",)
    script_id = "context-data"
    packed = True


class Timeline(AtlasElement):
    """The month timeline of every build: slider with month ticks, play/pause."""

    js = ("timeline.js",)


class Translations(DataElement):
    """Every language in the page: interface strings and translations of the data."""

    js = ("i18n.js",)
    script_id = "i18n-data"
    # The translated summaries are most of the page's text: packed, they take a third.
    packed = True


class LanguageSwitcher(AtlasElement):
    js = ("language-switcher.js",)


class CampList(AtlasElement):
    js = ("camp-list.js",)


class SeasonFilter(AtlasElement):
    js = ("season-filter.js",)


class MarchList(AtlasElement):
    js = ("march-list.js",)


class Details(AtlasElement):
    js = ("details.js",)


class Legend(AtlasElement):
    js = ("legend.js",)


class Fullscreen(AtlasElement):
    js = ("fullscreen.js",)


class UrlState(AtlasElement):
    js = ("url-state.js",)


class Embed(AtlasElement):
    """Inside an iframe, page scrolling must not zoom the map: Leaflet.GestureHandling from
    xstatic-leaflet-gesturehandling, switched on only when the page is embedded."""

    js = ("embed.js",)

    def render(self, **kwargs: Any) -> None:
        page = self.get_root()
        page.header.add_child(Raw(style_tag(gesture_handling_css())), name="css:gesture-handling")
        page.scripts.add_child(Raw(script_tag(gesture_handling_js())), name="js:gesture-handling")
        super().render(**kwargs)


class Print(AtlasElement):
    """A print stylesheet: one A4 landscape page with the map, legend and list."""

    js = ("print.js",)
    css = ("print.css",)


class Kiosk(AtlasElement):
    """Museum kiosk: content note, idle reset, optional attract loop, locked down."""

    js = ("kiosk.js",)
    css = ("kiosk.css",)


class Classroom(AtlasElement):
    """Classroom projector: high contrast, large type, phases stepped with keys, timeline."""

    js = ("classroom.js",)
    css = ("classroom.css",)
