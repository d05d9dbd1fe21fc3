"""Inline every script, style and image into the page, so it opens from disk with no network.

Leaflet comes from the PyPI package xstatic-leaflet; our own files from `static/`.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import re
from importlib import resources
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

STATIC = resources.files("mapgen.render") / "static"
TEMPLATES = resources.files("mapgen.render") / "templates"


@functools.cache
def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


# Whole-line comments of our own scripts and styles: a `/* … */` block that starts a line, or a
# line that is only a `//` comment. No string or regular expression in static/ starts a line so.
_COMMENT_LINES = re.compile(r"^[ \t]*(?:/\*.*?\*/|//[^\n]*)[ \t]*\n", re.MULTILINE | re.DOTALL)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
# A comment after code: "  // why", where the code before it has closed every string.
_TRAILING = re.compile(r"[ \t]+// [^\n]*$", re.MULTILINE)


def _strip_trailing(line_match: re.Match[str]) -> str:
    line = line_match[0]
    found = _TRAILING.search(line)
    if not found:
        return line
    code = line[:found.start()]
    # Kept where it might be inside a string (an open quote) or a regular expression (the
    # code does not end a statement, block or argument list).
    ends = code.rstrip()[-1:]
    if code.count('"') % 2 or code.count("'") % 2 or ends not in (";", "{", "}", ",", ")"):
        return line
    return code


@functools.cache
def static_code(name: str) -> str:
    """A script or stylesheet of static/ as the page gets it: without its comment lines.

    The explanations stay in the files; the page is 13 KB (6 KB gzip) lighter, which it
    downloads before anything is shown. Lines lose their indentation too, and a script line
    its comment after the code, where that comment is plainly not inside a string or a
    regular expression (no line of ours continues a string or template onto the next).
    """
    code = _INDENT.sub("", _COMMENT_LINES.sub("", static_text(name)))
    if name.endswith(".js"):
        code = re.sub(r"(?m)^.*$", _strip_trailing, code)
    elif name.endswith(".css"):
        code = compact_css(code)
    return code


_CSS_TOKENS = re.compile(r'("[^"]*"|\'[^\']*\')|/\*.*?\*/|\s*([{};>])\s*|([:,])\s+', re.DOTALL)


def compact_css(css: str) -> str:
    """A stylesheet without comments, and without the spaces around braces, semicolons and
    child combinators or after colons and commas; strings are left as they are."""
    def keep(match: re.Match[str]) -> str:
        return match[1] or match[2] or match[3] or ""
    return _CSS_TOKENS.sub(keep, css).strip()


@functools.cache
def template_text(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


# Leaflet's attribution starts with a link to leafletjs.com: on a kiosk, a way out of the page.
_LEAFLET_PREFIX = re.compile(r"prefix:'<a href=\"https://leafletjs\.com\"[^']*'\+.*?\+\"Leaflet</a>\"")


@functools.cache
def leaflet_js(links: bool = True) -> str:
    """Leaflet; with `links=False` its attribution names Leaflet as text, not as a link."""
    code = (Path(xleaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    if links:
        return code
    code, found = _LEAFLET_PREFIX.subn('prefix:"Leaflet"', code, count=1)
    if not found:
        raise RuntimeError("Leaflet's attribution prefix was not found; a new Leaflet version? "
                           "update render/assets.py so that the kiosk carries no outside link")
    return code


@functools.cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images (layer control icon, markers) as data: URIs."""
    base = Path(xleaflet.BASE_DIR)
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        image = base / match[1]
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return compact_css(re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css))


@functools.cache
def gesture_handling_js() -> str:
    import xstatic.pkg.leaflet_gesturehandling as gesture

    return (Path(gesture.BASE_DIR) / "leaflet-gesture-handling.min.js").read_text(encoding="utf-8")


@functools.cache
def gesture_handling_css() -> str:
    import xstatic.pkg.leaflet_gesturehandling as gesture

    return (Path(gesture.BASE_DIR) / "leaflet-gesture-handling.min.css").read_text(encoding="utf-8")


def script_tag(code: str, **attrs: str) -> str:
    """A <script> element holding `code`; refuses code that would end the element early.

    Source-map comments are dropped: they point at files that are not in the page.
    """
    code = re.sub(r"^//# sourceMappingURL=\S+\s*$", "", code, flags=re.MULTILINE)
    if re.search(r"</script", code, re.IGNORECASE):
        raise ValueError("inline script contains '</script'")
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<script{extra}>\n{code}\n</script>"


def style_tag(css: str) -> str:
    if re.search(r"</style", css, re.IGNORECASE):
        raise ValueError("inline style contains '</style'")
    return f"<style>\n{css}\n</style>"


def packed_json(value: object) -> str:
    """JSON, gzip-compressed and base64-encoded, for a page that must stay small (issue 8).

    The browser unpacks it with DecompressionStream (atlas.js: MapgenAtlas.read). mtime=0
    keeps the bytes the same from build to build; base64 holds no character that HTML or a
    script element could misread.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode()


def json_for_script(value: object) -> str:
    """JSON that is safe inside <script type="application/json">, whatever the data holds.

    `<`, `>` and `&` are escaped so that `</script>` or `<!--` in a title cannot end or change the
    element; U+2028/2029 are escaped for old JS parsers. JSON.parse gives the text back as is.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
