"""The notebooks in notebooks/ (issue 7): stored without outputs, and each runs top to bottom.

They are executed with nbclient in a fresh kernel, in an empty working directory, as a reader on
a fresh install would run them. Any error in any cell fails the test.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mapgen.paths import default_data_dir

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
# The notebooks the README and notebooks/README.md promise; a missing one fails, not skips.
EXPECTED = {
    "01-explore-the-evacuations.ipynb",
    "02-digitise-a-route.ipynb",
    "03-one-camp.ipynb",
}
CELL_TIMEOUT_S = 120


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_the_promised_notebooks_are_there() -> None:
    missing = EXPECTED - {p.name for p in NOTEBOOKS}
    assert not missing, f"missing from notebooks/: {sorted(missing)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_stored_without_outputs(path: Path) -> None:
    # Outputs hold the whole map page (megabytes) and change at every run: keep them out of git.
    nb = nbformat.read(path, as_version=4)
    dirty = [
        index
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs or execution counts; clear them "
        "(Jupyter: Edit > Clear Outputs of All Cells, or "
        f"`jupyter nbconvert --clear-output --inplace {path.name}`) before committing"
    )


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_runs_top_to_bottom(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel inherits this process's environment: no window for plots, and any HTTP(S)
    # request is sent to a closed local port, so a notebook that needs the network fails here.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    data = default_data_dir()
    before = _fingerprint(data)

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},  # the working directory of the kernel
    )
    client.execute()  # raises CellExecutionError naming the cell and the traceback

    # Notebook 02 edits a copy of the data; the shipped dataset must come out untouched.
    after = _fingerprint(data)
    changed = sorted(name for name in before.keys() | after.keys()
                     if before.get(name) != after.get(name))
    assert not changed, f"{path.name} changed files in {data}: {changed}"
