"""The whole pipeline up to the tables: load → validate → derive."""

from __future__ import annotations

from pathlib import Path

from .derive import Atlas, derive
from .load import read_dataset
from .paths import default_data_dir
from .validate import validate


def load_atlas(path: str | Path | None = None) -> Atlas:
    """Read, validate and derive a dataset folder (default: the shipped dataset).

    Raises `mapgen.DataError` listing every problem when the data is not valid.

    >>> atlas = load_atlas()
    >>> atlas.marches[["id", "start", "end", "seasons"]].head()  # doctest: +SKIP
    """
    folder = Path(path) if path is not None else default_data_dir()
    return derive(validate(read_dataset(folder)))
