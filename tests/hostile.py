"""A copy of the small dataset with hostile strings in every text field (issue 3, 9)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from .conftest import MINI

HOSTILE = [
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=2</script>",
    "${window.__pwned=3}`",
    "\"'><svg onload=window.__pwned=4>",
    "{{ 7*7 }} {% raw %}",
    "\u202eevil\u202c & <!-- -->",
]


def hostile_dataset(target: Path) -> dict[str, str]:
    """Write the dataset; return the hostile text put into each field, keyed by field."""
    shutil.copytree(MINI, target)
    used: dict[str, str] = {}

    def rewrite(name: str, fields: list[str]) -> None:
        path = target / name
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        for i, row in enumerate(rows):
            for j, field in enumerate(fields):
                text = f"{HOSTILE[(i + j) % len(HOSTILE)]} {field} {i}"
                row[field] = text
                used[f"{name}:{i}:{field}"] = text
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)

    rewrite("places.csv", ["name", "name_wartime", "name_local"])
    rewrite("marches.csv", ["title", "summary", "figures_note"])
    rewrite("sources.csv", ["citation"])
    sources = target / "sources.csv"
    sources.write_text(sources.read_text().replace(
        "https://example.org/test", 'https://example.org/"><script>window.__pwned=5</script>'))
    route = target / "marches" / "a-to-b.geojson"
    data = json.loads(route.read_text())
    data["features"][1]["properties"]["note"] = HOSTILE[1] + " note"
    used["note"] = HOSTILE[1] + " note"
    route.write_text(json.dumps(data))
    return used
