"""Where the shipped dataset lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """The dataset used when no `--data` is given.

    In a source checkout that is the top-level `routes/` (so a curator's edits show at once);
    in an installed wheel it is the copy packed inside `mapgen/routes` (see pyproject.toml).
    """
    checkout = _PACKAGE.parent / "routes"
    if (checkout / "marches.csv").is_file():
        return checkout
    return _PACKAGE / "routes"


def datapackage_path() -> Path:
    """The Frictionless descriptor that holds the column rules (routes/datapackage.json).

    The shipped one, never a user's `--data` folder: it is the schema the code follows. In a
    source checkout that is the top-level routes/, in a wheel its copy inside the package.
    """
    checkout = _PACKAGE.parent / "routes" / "datapackage.json"
    return checkout if checkout.is_file() else _PACKAGE / "routes" / "datapackage.json"
