"""output/ holds the built maps of the shipped data, committed: they must not go stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapgen.cli import main

from .conftest import TESTS

OUTPUT = TESTS.parent / "output"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    result = CliRunner().invoke(main, ["build", "--mode", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", ["index.html", "kiosk.html", "classroom.html"])
def test_the_committed_map_is_up_to_date(fresh: Path, name: str) -> None:
    committed = OUTPUT / name
    assert committed.exists(), f"output/{name} is missing: run `mapgen build --mode all`"
    assert committed.read_bytes() == (fresh / name).read_bytes(), (
        f"output/{name} is stale: run `mapgen build --mode all` and commit it")
