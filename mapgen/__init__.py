"""mapgen: an interactive atlas of the evacuation routes of the Nazi camps, 1944–45.

The public API for notebooks and scripts:

- `load_atlas(path=None)`: the validated dataset as pandas tables, with derived columns.
- `build_map(atlas, ...)`: the interactive folium map (displays inline in Jupyter).
- `DataError`: raised when the data does not validate; `.issues` lists every problem.
"""

from importlib.metadata import PackageNotFoundError, version

from .atlas import load_atlas
from .derive import Atlas
from .model import SEASONS, DataError, Issue

try:
    __version__ = version("mapgen")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"


def build_map(atlas: Atlas, **options):
    """Build the interactive map of `atlas` (see `mapgen.render.map.build_map`)."""
    from .render.map import build_map as _build_map

    return _build_map(atlas, **options)


__all__ = ["SEASONS", "Atlas", "DataError", "Issue", "__version__", "build_map", "load_atlas"]
