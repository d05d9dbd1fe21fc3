"""output/ holds the built map of the shipped data, committed: it must not go stale."""

from __future__ import annotations

from pathlib import Path

from .conftest import TESTS

COMMITTED = TESTS.parent / "output" / "index.html"


def test_the_committed_map_is_up_to_date(shipped_html: Path) -> None:
    assert COMMITTED.exists(), "output/index.html is missing: run `mapgen build`"
    assert COMMITTED.read_bytes() == shipped_html.read_bytes(), (
        "output/index.html is stale: run `mapgen build` and commit it")
