"""Languages: the interface strings (mapgen/i18n/<lang>.json) and translations of the data
(routes/i18n/<lang>.csv). Both are data that a translator edits without reading Python.

English is the reference: every other interface file must have exactly its keys; a data record
without a translation falls back to English in the page and is listed as a warning (issue 5).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from .load import Table
from .model import TRANSLATABLE, TRANSLATION_COLUMNS, Issue, Translations

REFERENCE = "en"
_UI = resources.files("mapgen") / "i18n"


@functools.cache
def ui_strings() -> dict[str, dict]:
    """Every interface language: code -> {key: text or {plural category: text}}."""
    strings = {}
    for entry in sorted(_UI.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            strings[entry.name[:-5]] = json.loads(entry.read_text(encoding="utf-8"))
    return strings


def languages() -> list[str]:
    """Interface languages, English first."""
    codes = sorted(ui_strings())
    return [REFERENCE, *[c for c in codes if c != REFERENCE]]


def check_ui_strings(strings: dict[str, dict] | None = None) -> list[Issue]:
    """Every missing or unused key, per language, against English."""
    strings = strings if strings is not None else ui_strings()
    reference = strings[REFERENCE]
    issues = []
    for lang, table in sorted(strings.items()):
        if lang == REFERENCE:
            continue
        shown = f"mapgen/i18n/{lang}.json"
        for key in sorted(set(reference) - set(table)):
            issues.append(Issue(shown, "", key, "missing: the page shows the English text"))
        for key in sorted(set(table) - set(reference)):
            issues.append(Issue(shown, "", key, "unused: no such key in en.json"))
        for key in sorted(set(reference) & set(table)):
            want, have = reference[key], table[key]
            if isinstance(want, dict) != isinstance(have, dict) or not have:
                issues.append(Issue(shown, "", key, "has the wrong shape: expected "
                                    + ("plural forms" if isinstance(want, dict) else "a text")))
    return issues


def check_data_translations(tables: dict[str, Table], records: dict[str, Table],
                            issues: list[Issue]) -> Translations:
    """Check routes/i18n/<lang>.csv against the records they translate."""
    # One set of column and text rules for every file.
    from .validate import Reporter, check_columns, published

    ids = {kind: {r.values.get("id", "") for r in table.rows} for kind, table in records.items()}
    translations: Translations = {}
    for lang, table in sorted(tables.items()):
        if lang not in ui_strings():
            Reporter(issues, table.file).error("", "", f"'{lang}' is not a language of the "
                                               f"interface; expected one of "
                                               f"{', '.join(languages())}")
            continue
        if not check_columns(table, TRANSLATION_COLUMNS, (), issues):
            continue
        report = Reporter(issues, table.file)
        found: dict[str, dict[str, dict[str, str]]] = {}
        seen: dict[tuple[str, str, str], int] = {}
        for row in table.rows:
            v, where = row.values, f"line {row.line}"
            kind, rid, name, text = v["kind"], v["id"], v["field"], v["text"]
            if kind not in TRANSLATABLE:
                report.error(where, "kind", f"'{kind}' cannot be translated; expected one of "
                             f"{', '.join(TRANSLATABLE)}")
                continue
            if name not in TRANSLATABLE[kind]:
                report.error(where, "field", f"'{name}' is not a field of a {kind} that can be "
                             f"translated; expected one of {', '.join(TRANSLATABLE[kind])}")
                continue
            if rid not in ids.get(kind, set()):
                report.error(where, "id", f"there is no {kind} '{rid}' to translate")
                continue
            if not text:
                report.error(where, "text", "is empty; delete the row to fall back to English")
                continue
            published(report, where, "text", text)
            key = (kind, rid, name)
            if key in seen:
                report.error(where, "id", f"{kind} '{rid}' {name} is translated twice (first on "
                             f"line {seen[key]})")
                continue
            seen[key] = row.line
            found.setdefault(kind, {}).setdefault(rid, {})[name] = text
        # Every text a visitor reads: a figures_note only where the English one is written.
        for kind, required in (("march", ("title", "summary", "figures_note")),
                               ("phase", ("label", "caption")),
                               ("evacuation", ("title", "summary", "figures_note"))):
            for row in records[kind].rows:
                rid = row.values.get("id", "")
                for name in required:
                    if not row.values.get(name):
                        continue
                    if rid and name not in found.get(kind, {}).get(rid, {}):
                        report.warning("", "", f"{kind} '{rid}' has no {name} in this language; "
                                       "the page shows the English text")
        translations[lang] = found
    return translations
