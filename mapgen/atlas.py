"""The whole pipeline up to the tables: load → validate → derive."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .derive import Atlas, derive
from .load import read_dataset
from .paths import default_data_dir
from .validate import validate


def load_atlas(path: str | Path | None = None, geo: bool = False) -> Atlas:
    """Read, validate and derive a dataset folder (default: the shipped dataset).

    Parameters
    ----------
    path : str or Path, optional
        A dataset folder laid out as routes/ (routes/README.md); the shipped dataset when None.
    geo : bool, default False
        Make ``places``, ``legs``, ``marches`` and ``evacuations`` geopandas GeoDataFrames in
        WGS84 (EPSG:4326), as ``Atlas.to_geodataframes`` does. Needs the ``geo`` extra
        (``pip install 'mapgen[geo]'``).

    Returns
    -------
    Atlas
        pandas tables: ``places``, ``marches``, ``legs``, ``evacuations``, ``phases``,
        ``sources``. Dates are ``datetime64`` (``start_date`` the first day a date may mean,
        ``end_date`` the last; ``date_precision`` is ``day`` or ``month``), figures nullable
        ``Int64`` (unknown is ``<NA>``, never 0).

    Raises
    ------
    mapgen.DataError
        When the data is not valid; ``.issues`` lists every problem.
    ImportError
        With ``geo=True`` when geopandas is not installed.

    Examples
    --------
    >>> atlas = load_atlas()
    >>> atlas.marches[["id", "start_date", "end_date", "seasons"]].head()  # doctest: +SKIP
    >>> load_atlas(geo=True).legs.crs  # doctest: +SKIP
    <Geographic 2D CRS: EPSG:4326>
    """
    folder = Path(path) if path is not None else default_data_dir()
    atlas = derive(validate(read_dataset(folder)))
    if geo:
        layers = atlas.to_geodataframes()
        atlas = replace(atlas, **{name: layers[name]
                                  for name in ("places", "legs", "marches", "evacuations")})
    return atlas
