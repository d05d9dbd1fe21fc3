"""The three ways the map is met (issue 4): on the web, on a museum kiosk, in a classroom.

Same data and the same map; a mode chooses the file name, what the page may reach, and which
extra elements it carries. Kept as data here so that the choice is visible in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import elements

# The kiosk page may not open any connection: everything it needs is inline (issue 4).
KIOSK_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
             "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
             "base-uri 'none'")


@dataclass(frozen=True)
class Mode:
    name: str
    filename: str
    online_tiles: bool  # offer OpenStreetMap tiles in the layer control (off by default)
    source_links: bool  # sources as links; a kiosk shows them as citations only
    csp: str | None
    line_scale: float  # thicker lines for a projector
    elements: tuple[type, ...]


MODES: dict[str, Mode] = {
    "web": Mode("web", "index.html", online_tiles=True, source_links=True, csp=None,
                line_scale=1.0, elements=(elements.Embed, elements.Print)),
    "kiosk": Mode("kiosk", "kiosk.html", online_tiles=False, source_links=False, csp=KIOSK_CSP,
                  line_scale=1.25, elements=(elements.Kiosk,)),
    "classroom": Mode("classroom", "classroom.html", online_tiles=False, source_links=True,
                      csp=None, line_scale=1.6,
                      elements=(elements.Classroom, elements.Print)),
}
