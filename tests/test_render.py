"""The built page, read as HTML: self-contained, reproducible, escaped."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

import mapgen
from mapgen.render.map import render_html

from .conftest import MINI
from .hostile import hostile_dataset


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_the_page_loads_nothing_from_elsewhere(shipped_html: Path) -> None:
    soup = soup_of(shipped_html.read_text())
    assert soup.find_all("script", src=True) == []
    assert soup.find_all("link", href=True) == []
    assert soup.find_all("img", src=True) == []
    # Leaflet's own images are inlined too.
    assert "images/layers.png" not in shipped_html.read_text()


def test_the_page_has_a_language_a_title_and_allows_zoom(shipped_html: Path) -> None:
    soup = soup_of(shipped_html.read_text())
    assert soup.html["lang"] == "en"
    assert soup.title.string.strip()
    viewport = soup.find("meta", attrs={"name": "viewport"})["content"]
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def test_no_bootstrap_jquery_or_font_awesome(shipped_html: Path) -> None:
    text = shipped_html.read_text()
    for unwanted in ("bootstrap", "jquery", "font-awesome", "glyphicon", "cdn."):
        assert unwanted not in text.lower(), unwanted


def test_two_builds_are_identical() -> None:
    atlas = mapgen.load_atlas(MINI)
    assert render_html(atlas) == render_html(mapgen.load_atlas(MINI))


def test_the_list_region_and_details_exist_for_assistive_technology(shipped_html: Path) -> None:
    soup = soup_of(shipped_html.read_text())
    region = soup.find(id="marches")
    assert region["role"] == "region"
    assert soup.find(id=region["aria-labelledby"]).get_text() == "Marches"
    assert soup.find(class_="skip-link")["href"] == "#marches"


def test_hostile_text_stays_inside_the_data_element(tmp_path: Path) -> None:
    hostile_dataset(tmp_path / "data")
    html = render_html(mapgen.load_atlas(tmp_path / "data"))
    soup = soup_of(html)
    # Exactly our scripts: nothing the data could have opened.
    for script in soup.find_all("script"):
        assert "__pwned" not in (script.string or "") or script.get("type") == "application/json"
    assert "<svg onload" not in html and "<img src=x" not in html
    assert "</script><script>window.__pwned" not in html
