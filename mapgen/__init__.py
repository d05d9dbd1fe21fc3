"""mapgen: an interactive atlas of the evacuation routes of the Nazi camps, 1944–45.

The public API for notebooks and scripts:

- `load_atlas(path=None, geo=False)`: the validated dataset as pandas tables, with derived
  columns (GeoDataFrames in EPSG:4326 with `geo=True` and the `geo` extra); `Atlas.subset(...)`
  keeps a season, a month, a camp or some marches; `Atlas.to_geodataframes()`.
- `build_map(atlas, ...)`: the interactive folium map (displays inline in Jupyter).
- `DataError`: raised when the data does not validate; `.issues` lists every problem.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .model import SEASONS, DataError, Issue

if TYPE_CHECKING:
    from .atlas import load_atlas
    from .derive import Atlas

try:
    __version__ = version("mapgen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"


def __getattr__(name: str) -> Any:
    # The tables need pandas, which takes about a second to load: only when they are asked for,
    # so that the command line's gazetteer answers at once.
    if name == "load_atlas":
        from .atlas import load_atlas
        return load_atlas
    if name == "Atlas":
        from .derive import Atlas
        return Atlas
    raise AttributeError(f"module 'mapgen' has no attribute {name!r}")


def build_map(atlas: Atlas, **options: Any) -> Any:
    """Build the interactive map of `atlas` (see `mapgen.render.map.build_map`)."""
    from .render.map import build_map as _build_map

    return _build_map(atlas, **options)


__all__ = ["SEASONS", "Atlas", "DataError", "Issue", "__version__", "build_map", "load_atlas"]
