"""Five languages (and Hebrew for the interface): complete, switchable, and shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import mapgen
from mapgen.load import read_dataset
from mapgen.translations import check_ui_strings, languages, ui_strings
from mapgen.validate import check

from .conftest import ARTIFACTS, MINI

LANGS = languages()


def test_every_interface_language_has_every_key_and_no_unused_one() -> None:
    assert [str(i) for i in check_ui_strings()] == []
    assert {"en", "fr", "cs", "de", "pl", "he"} <= set(LANGS)


def test_the_check_names_a_missing_and_an_unused_key() -> None:
    strings = json.loads(json.dumps(ui_strings()))
    del strings["fr"]["legend.title"]
    strings["de"]["legend.titel"] = "Legende"
    found = [str(i) for i in check_ui_strings(strings)]
    assert "mapgen/i18n/fr.json [legend.title]: missing: the page shows the English text" in found
    assert "mapgen/i18n/de.json [legend.titel]: unused: no such key in en.json" in found


def test_the_shipped_data_is_translated_into_the_four_languages(shipped_atlas) -> None:
    for lang in ("fr", "cs", "de", "pl"):
        marches = shipped_atlas.translations[lang]["march"]
        missing = [m for m in shipped_atlas.marches["id"]
                   if not {"title", "summary"} <= set(marches.get(m, {}))]
        assert missing == [], f"{lang}: no title or summary for {missing}"


def test_a_march_without_translation_is_a_warning_and_builds(tmp_path: Path) -> None:
    folder = shutil.copytree(MINI, tmp_path / "data")
    (folder / "i18n").mkdir()
    (folder / "i18n" / "fr.csv").write_text(
        "kind,id,field,text\nmarch,a-to-b,title,Du camp A à la ville B\n"
        "march,a-to-b,summary,Une marche d'hiver.\n", encoding="utf-8")
    _, issues = check(read_dataset(folder))
    assert [i for i in issues if i.severity == "error"] == []
    assert any("march 'a-to-c' has no title in this language" in str(i) for i in issues)
    # A figures_note is missed only where the English one is written (a-to-c has none).
    assert any("march 'a-to-b' has no figures_note" in str(i) for i in issues)
    assert not any("march 'a-to-c' has no figures_note" in str(i) for i in issues)
    atlas = mapgen.load_atlas(folder)
    assert atlas.translations["fr"]["march"]["a-to-b"]["title"] == "Du camp A à la ville B"


def test_a_translation_of_something_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    folder = shutil.copytree(MINI, tmp_path / "data")
    (folder / "i18n").mkdir()
    (folder / "i18n" / "de.csv").write_text(
        "kind,id,field,text\nmarch,nowhere,title,Nirgendwo\nmarch,a-to-b,titel,X\n",
        encoding="utf-8")
    (folder / "i18n" / "xx.csv").write_text("kind,id,field,text\n", encoding="utf-8")
    _, issues = check(read_dataset(folder))
    errors = [str(i) for i in issues if i.severity == "error"]
    assert any("de.csv:line 2 [id]: there is no march 'nowhere' to translate" in e for e in errors)
    assert any("de.csv:line 3 [field]: 'titel' is not a field of a march" in e for e in errors)
    assert any("xx.csv: 'xx' is not a language of the interface" in e for e in errors)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_page_speaks_each_language(open_page, shipped_html: Path, shipped_atlas,
                                       lang: str) -> None:
    strings = ui_strings()[lang]
    probe = open_page(shipped_html, f"#lang={lang}")
    page = probe.page
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("document.documentElement.dir") == strings["_language"]["dir"]
    seasons = page.locator(".season-button").all_inner_texts()
    assert seasons[0] == strings["season.all"]
    assert seasons[1:] == [strings[f"season.{s}"] for s in
                           ("spring-1944", "summer-1944", "autumn-1944", "winter-1944-45",
                            "spring-1945")]
    assert page.locator("#marches-heading").inner_text() == strings["list.heading"]
    # Plural forms: every category the browser's rules produce exists in the file.
    categories = page.evaluate(
        f"new Intl.PluralRules({json.dumps(strings['_language']['locale'])})"
        ".resolvedOptions().pluralCategories")
    for key, value in strings.items():
        if isinstance(value, dict) and key != "_language":
            assert set(categories) <= set(value), f"{lang} {key}: plural forms {categories}"
    # Translated data where there is some; English otherwise.
    first = shipped_atlas.marches.sort_values(["start_date", "end_date", "id"]).iloc[0]
    title = shipped_atlas.translations.get(lang, {}).get("march", {}).get(
        first["id"], {}).get("title", first["title"])
    assert page.locator("#march-list .march-title").first.inner_text() == title
    page.screenshot(path=str(ARTIFACTS / f"lang-{lang}.png"))
    assert probe.errors == []


@pytest.mark.browser
def test_switching_language_in_the_page_changes_everything_and_the_link(open_page,
                                                                         shipped_html: Path):
    probe = open_page(shipped_html)
    page = probe.page
    page.locator('#language-switcher button[data-lang="de"]').click()
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.locator("#marches-heading").inner_text() == ui_strings()["de"]["list.heading"]
    assert "lang=de" in page.evaluate("location.hash")
    page.locator('#language-switcher button[data-lang="he"]').click()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    # Right to left: the panel moves to the right of the map and nothing scrolls sideways.
    panel = page.locator(".atlas-panel").bounding_box()
    area = page.locator(".atlas-map-area").bounding_box()
    assert panel["x"] > area["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(ARTIFACTS / "lang-he-switched.png"))
    assert probe.errors == []


@pytest.mark.browser
def test_numbers_and_dates_follow_the_language(open_page, shipped_html: Path,
                                               shipped_atlas) -> None:
    marches = shipped_atlas.marches
    march = marches[(marches["prisoners_max"] >= 10000)
                    & (marches["prisoners_min"] < marches["prisoners_max"])].iloc[0]
    probe = open_page(shipped_html, f"#lang=de&march={march['id']}")
    text = probe.page.locator("#details").inner_text()
    low, high = int(march["prisoners_min"]), int(march["prisoners_max"])
    assert f"{low:,}".replace(",", ".") + "–" + f"{high:,}".replace(",", ".") in text
    assert "Quellen" in text  # "(Angaben der Quellen weichen ab)" or similar
