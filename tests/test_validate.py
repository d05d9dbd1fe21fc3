"""The validator against a corpus of bad datasets: each case under tests/bad/ replaces a few files
of the small valid dataset (tests/data/mini) and names the messages it must produce."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import mapgen
from mapgen.load import read_dataset
from mapgen.validate import check

from .conftest import MINI, TESTS, with_evacuation

CASES = sorted(p for p in (TESTS / "bad").iterdir() if p.is_dir())


def assemble(case: Path, target: Path) -> Path:
    shutil.copytree(MINI, target)
    for path in case.rglob("*"):
        rel = path.relative_to(case)
        if path.is_file() and rel.name not in ("expected.txt", "delete.txt"):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / rel)
    delete = case / "delete.txt"
    if delete.exists():
        for rel in delete.read_text().split():
            (target / rel).unlink()
    return target


def matches(expected: str, message: str) -> bool:
    """Every part of `expected` (split at ' ... ') appears in `message`, in order."""
    position = 0
    for part in expected.split(" ... "):
        found = message.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_the_valid_dataset_is_valid() -> None:
    dataset, issues = check(read_dataset(MINI))
    assert [str(i) for i in issues] == []
    assert len(dataset.marches) == 2


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_data_is_reported_with_file_line_and_field(case: Path, tmp_path: Path) -> None:
    folder = assemble(case, tmp_path / "data")
    _, issues = check(read_dataset(folder))
    messages = [str(i) for i in issues if i.severity == "error"]
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if expected.strip():
            assert any(matches(expected, m) for m in messages), (
                f"expected an error like {expected!r}; got:\n" + "\n".join(messages))
    with pytest.raises(mapgen.DataError):
        mapgen.load_atlas(folder)


def test_every_error_is_collected_not_just_the_first(tmp_path: Path) -> None:
    folder = assemble(TESTS / "bad" / "unknown-mode", tmp_path / "data")
    text = (folder / "places.csv").read_text().replace("Miasto B,town", "Miasto B,village")
    (folder / "places.csv").write_text(text)
    _, issues = check(read_dataset(folder))
    fields = {i.field for i in issues}
    assert {"mode", "kind"} <= fields


def test_byte_order_mark_and_windows_line_endings_are_read(tmp_path: Path) -> None:
    folder = shutil.copytree(MINI, tmp_path / "data")
    for name in ("places.csv", "marches.csv", "sources.csv"):
        path = folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    atlas = mapgen.load_atlas(folder)
    assert atlas.places["id"].iloc[0] == "camp-a"
    assert len(atlas.marches) == 2


def test_a_march_with_no_documented_leg_is_a_warning_not_an_error(tmp_path: Path) -> None:
    folder = shutil.copytree(MINI, tmp_path / "data")
    route = folder / "marches" / "a-to-c.geojson"
    route.write_text(route.read_text().replace('"documented"', '"approximate"'))
    atlas = mapgen.load_atlas(folder)
    assert any("no documented leg" in str(w) for w in atlas.warnings)


def test_a_missing_data_folder_says_what_to_pass(tmp_path: Path) -> None:
    _, issues = check(read_dataset(tmp_path / "nope"))
    assert "pass --data" in str(issues[0])


def test_an_evacuation_an_unknown_mode_and_hebrew_data_are_valid(tmp_path: Path) -> None:
    folder = with_evacuation(shutil.copytree(MINI, tmp_path / "data"))
    atlas = mapgen.load_atlas(folder)
    # A missing translation of an evacuation is a warning, as for a march.
    he = [str(w) for w in atlas.warnings if "he.csv" in str(w)]
    assert any("evacuation 'camp-a-january-1945' has no summary" in w for w in he)
    assert any("evacuation 'camp-a-january-1945' has no figures_note" in w for w in he)
    # A figures_note written in English and not in Hebrew is missing too.
    assert any("march 'a-to-b' has no figures_note" in w for w in he)
    evacuation = atlas.evacuations.set_index("id").loc["camp-a-january-1945"]
    assert evacuation["camp"] == "camp-a"
    assert list(evacuation["marches"]) == ["a-to-b"]
    assert atlas.marches.set_index("id").loc["a-to-b", "evacuation"] == "camp-a-january-1945"
    assert "unknown" in set(atlas.legs["mode"])
    assert atlas.translations["he"]["evacuation"]["camp-a-january-1945"]["title"]


@pytest.mark.parametrize("text", [
    "Seedorf, a village on the route", "the Camps project of Birkbeck, University of London",
    "Neuengamme Memorial (index.php?id=20)", "about 1,000 (Buchenwald Memorial, 2015)",
    "Yad Vashem, \"Todesmarsch nach Volary\"",
])
def test_ordinary_published_text_is_not_taken_for_scaffolding(text: str) -> None:
    from mapgen.model import Issue
    from mapgen.validate import Reporter, published

    issues: list[Issue] = []
    assert published(Reporter(issues, "x.csv"), "line 2", "summary", text)
    assert issues == []


def test_a_mirror_is_known_by_its_host_not_by_its_path(tmp_path: Path) -> None:
    folder = assemble(TESTS / "bad" / "source-mirror-host", tmp_path / "data")
    _, issues = check(read_dataset(folder))
    assert not [i for i in issues if i.where == "line 5"]
