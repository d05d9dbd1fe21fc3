"""The performance benchmark of issue 8: how the atlas scales with the number of marches.

For each size (marches) it writes a synthetic dataset in the real routes/ format
(benchmarks/synthetic.py), then prints and records:

- the wall time of `mapgen build` in a fresh process (start-up, load, validate, derive, render,
  write: what a curator waits for);
- the size of the HTML, raw and gzip, and the bytes per vertex of the source data;
- in headless Chromium (Playwright, Debian's /usr/bin/chromium): the time from navigation until
  every route is drawn (the page sets `atlas-ready`, then one animation frame), the time to
  apply a season filter (a click on a season button until the next frame is painted), a pan,
  and the JS heap after load (CDP Performance.getMetrics after a garbage collection);
- the same data through a plain folium baseline (one folium.GeoJson with a popup per feature,
  folium's CDN assets as it ships them), and our figures as ratios to it.

The baseline page loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. There is no
network here, and none should be needed: every request that leaves the machine is answered by
Playwright. Leaflet's own two files are served from the local xstatic-leaflet copy (the same
version, 1.9.3) so that the baseline can draw at all; everything else (the other CDN assets and
the OpenStreetMap tiles) is aborted at once. So the baseline's figures leave out the download of
its CDN assets and tiles: they flatter it. It has no season filter; that column stays empty.

Timings are printed and written to a file, never asserted (no test depends on them).

    python benchmarks/run.py                      # 100, 1,000 and 5,000 marches
    python benchmarks/run.py --sizes 100,1000 --plot
    python benchmarks/run.py --sizes 5000 --vertices-per-leg 125 --out /tmp/r.json  # 2.5 M
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import make_dataset  # noqa: E402

CHROMIUM = os.environ.get("MAPGEN_CHROMIUM", "/usr/bin/chromium")
SEASONS = ["winter-1944-45", "all", "spring-1945", "all", "summer-1944", "all"]
VIEWPORT = {"width": 1280, "height": 800}


# --- the plain folium baseline ----------------------------------------------------------------

def folium_baseline(data_dir: Path, out: Path) -> None:
    """Write the naive map: every leg as a GeoJSON feature in one folium.GeoJson with a popup.

    Run in a fresh process (see `time_process`), like `mapgen build`, so both times include the
    start-up and imports.
    """
    import csv

    import folium

    with (data_dir / "marches.csv").open(encoding="utf-8") as f:
        titles = {row["id"]: row["title"] for row in csv.DictReader(f)}
    features = []
    for path in sorted((data_dir / "marches").glob("*.geojson")):
        march = path.stem
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props = feature["properties"]
            features.append({"type": "Feature", "geometry": feature["geometry"], "properties": {
                "march": march, "title": titles.get(march, march), "leg": props["leg"],
                "mode": props["mode"], "from": props["from"], "to": props["to"],
                "start": props["start"], "end": props["end"]}})
    m = folium.Map(location=[51.0, 15.0], zoom_start=5)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name="marches",
        popup=folium.GeoJsonPopup(fields=["title", "leg", "mode", "from", "to", "start", "end"]),
    ).add_to(m)
    out.parent.mkdir(parents=True, exist_ok=True)
    m.save(str(out))


# --- measuring --------------------------------------------------------------------------------

def time_process(args: list[str]) -> float:
    """Wall time of a command in a fresh Python process; fails loudly if the command fails."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def sizes_of(html: Path, vertices: int) -> dict:
    raw = html.read_bytes()
    packed = len(gzip.compress(raw, compresslevel=6))
    return {"html_bytes": len(raw), "gzip_bytes": packed,
            "bytes_per_vertex": round(len(raw) / vertices, 2),
            "gzip_bytes_per_vertex": round(packed / vertices, 2)}


def payload_figures(html: Path, vertices: int) -> dict:
    """How the HTML divides: the encoded lines, the rest of the data, the fixed page."""
    text = html.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="atlas-data"( data-encoding='
                      r'"gzip\+base64")?>(.*?)</script>', text, re.S)
    if not match:
        return {}
    body = match[2]
    data = json.loads(gzip.decompress(base64.b64decode(body)) if match[1] else body)
    # A leg's "line" is the encoded polyline, then (large atlases) the masks of its coarser
    # levels for the lower zooms, each after a space.
    texts = [leg.get("line", "") for m in data["marches"] for leg in m["legs"]]
    line_bytes = sum(len(json.dumps(t.split(" ")[0])) for t in texts)
    level_bytes = sum(len(json.dumps(t)) - len(json.dumps(t.split(" ")[0])) for t in texts)
    drawn = 0
    sys.path.insert(0, str(ROOT))
    from mapgen.geometry import decode_polyline

    for m in data["marches"]:
        for leg in m["legs"]:
            line = leg.get("line", "").split(" ")[0]
            drawn += len(decode_polyline(line, data.get("line_precision", 4)))
    data_bytes = len(match[1].encode())
    return {"line_bytes": line_bytes, "line_bytes_per_vertex": round(line_bytes / vertices, 2),
            "level_bytes": level_bytes,
            "level_bytes_per_vertex": round(level_bytes / vertices, 2),
            "other_data_bytes": data_bytes - line_bytes - level_bytes,
            "fixed_page_bytes": len(text.encode()) - data_bytes,
            "vertices_drawn": drawn}


LEAFLET_FILES = {"leaflet.js", "leaflet.css"}


def _route_offline(route, local_leaflet: Path | None) -> None:
    """Answer every request that would leave the machine: Leaflet locally, the rest aborted."""
    url = route.request.url
    if url.startswith(("file:", "data:")):
        route.continue_()
        return
    name = url.rsplit("/", 1)[-1]
    if local_leaflet and "leaflet@" in url and name in LEAFLET_FILES:
        kind = "application/javascript" if name.endswith(".js") else "text/css"
        route.fulfill(status=200, content_type=kind, body=(local_leaflet / name).read_bytes())
        return
    route.abort()


FRAME = "new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"


def measure_page(browser, html: Path, *, ours: bool, timeout_s: float) -> dict:
    """Open the page in a fresh context; time drawing, season switches, a pan; read the heap."""
    import xstatic.pkg.leaflet as xleaflet

    context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
    context.route("**/*", lambda route: _route_offline(
        route, None if ours else Path(xleaflet.BASE_DIR)))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    result: dict = {}
    try:
        page.goto(html.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        if ours:
            ready = "document.documentElement.classList.contains('atlas-ready')"
        else:
            # folium's GeoJson draws each feature as an SVG path when its script has run.
            ready = "document.readyState === 'complete'"
        try:
            page.wait_for_function(ready, timeout=timeout_s * 1000, polling=100)
        except Exception:
            result["note"] = f"not drawn within {timeout_s:g} s"
            result["errors"] = errors[:3]
            return result
        result["drawn_ms"] = round(page.evaluate(
            f"(async () => {{ await {FRAME}; return performance.now(); }})()"), 1)
        if result["drawn_ms"] > 60000:
            # A switch or a pan on such a page blocks the tab for minutes (and an evaluate
            # cannot be timed out while the page's script runs): stop at the drawing time.
            result["note"] = "season switch and pan not measured: drawing took over 60 s"
            interactive = False
        else:
            interactive = True
        if ours and interactive:
            result["routes_drawn"] = page.evaluate("MapgenAtlas.atlas.drawnLegCount()")
            result["renderer"] = page.evaluate(
                "document.querySelector('.leaflet-routes-pane canvas') ? 'canvas' : 'svg'")
            switches = []
            # A page that took half a minute to draw gets two switches, not six: the run
            # must end in reasonable time on slow hardware.
            for season in SEASONS if result["drawn_ms"] < 30000 else SEASONS[:2]:
                switches.append(round(page.evaluate(f"""(async () => {{
                    const b = document.querySelector('button[data-season="{season}"]');
                    const t0 = performance.now();
                    if (b) b.click(); else MapgenAtlas.atlas.setSeason("{season}");
                    await {FRAME};
                    return performance.now() - t0; }})()"""), 1))
            result["season_switch_ms"] = switches
            result["season_switch_median_ms"] = statistics.median(switches)
            map_var = "MapgenAtlas.atlas.map"
        elif interactive:
            result["routes_drawn"] = page.evaluate(
                "document.querySelectorAll('.leaflet-overlay-pane path').length")
            map_var = "window[Object.keys(window).find(k => k.startsWith('map_'))]"
        if interactive:
            result["pan_ms"] = round(page.evaluate(f"""(async () => {{
            const map = {map_var}; const t0 = performance.now();
            map.panBy([300, 120], {{animate: false}}); await {FRAME};
            return performance.now() - t0; }})()"""), 1)
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        result["js_heap_mb"] = round(metrics["JSHeapUsedSize"] / 2**20, 1)
        result["dom_nodes"] = int(metrics.get("Nodes", 0))
        if errors:
            result["errors"] = errors[:3]
    finally:
        context.close()
    return result


def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    except (OSError, TypeError):
        mem_kb = 0
    # Other work on the machine makes every timing longer: the load is recorded with them.
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform(),
            "load_average_at_start": [round(v, 2) for v in os.getloadavg()]}


# --- the run ----------------------------------------------------------------------------------

def run_size(marches: int, work: Path, browser, timeout_s: float,
             vertices_per_leg: int = 100) -> dict:
    data = work / f"routes-{marches}"
    shutil.rmtree(data, ignore_errors=True)
    counts = make_dataset(data, marches, vertices_per_leg=vertices_per_leg)
    print(f"\n== {marches:,} marches: {counts['legs']:,} legs, {counts['vertices']:,} vertices",
          flush=True)
    ours_html = work / f"atlas-{marches}" / "index.html"
    base_html = work / f"folium-{marches}" / "index.html"
    ours: dict = {"build_s": round(time_process(
        [sys.executable, "-m", "mapgen", "build", "--data", str(data), "--out",
         str(ours_html.parent)]), 2)}
    # Linear in the vertices: the same figure at every size.
    ours["build_s_per_million_vertices"] = round(ours["build_s"] / counts["vertices"] * 1e6, 2)
    ours.update(sizes_of(ours_html, counts["vertices"]))
    ours.update(payload_figures(ours_html, counts["vertices"]))
    print(f"   ours:   build {ours['build_s']} s "
          f"({ours['build_s_per_million_vertices']} s per million vertices), "
          f"{ours['html_bytes'] / 1e6:.2f} MB ({ours['gzip_bytes'] / 1e6:.2f} MB gzip), "
          f"{ours['bytes_per_vertex']} B/vertex", flush=True)
    base: dict = {"build_s": round(time_process(
        [sys.executable, str(Path(__file__).resolve()), "--folium-baseline", str(data),
         str(base_html)]), 2)}
    base.update(sizes_of(base_html, counts["vertices"]))
    print(f"   folium: build {base['build_s']} s, {base['html_bytes'] / 1e6:.2f} MB "
          f"({base['gzip_bytes'] / 1e6:.2f} MB gzip), {base['bytes_per_vertex']} B/vertex",
          flush=True)
    if browser is not None:
        ours.update(measure_page(browser, ours_html, ours=True, timeout_s=timeout_s))
        print(f"   ours in Chromium:   {_browser_line(ours)}", flush=True)
        base.update(measure_page(browser, base_html, ours=False, timeout_s=timeout_s))
        print(f"   folium in Chromium: {_browser_line(base)}", flush=True)
    ratios = {key: round(ours[key] / base[key], 3)
              for key in ("build_s", "html_bytes", "gzip_bytes", "drawn_ms", "js_heap_mb",
                          "pan_ms")
              if isinstance(ours.get(key), int | float) and base.get(key)}
    print("   ours / folium: " + ", ".join(f"{k} {v:g}" for k, v in ratios.items()), flush=True)
    for html in (ours_html, base_html):
        shutil.rmtree(html.parent, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    return {"marches": marches, **counts, "ours": ours, "folium": base, "ratio": ratios}


def _browser_line(r: dict) -> str:
    if "drawn_ms" not in r:
        return r.get("note", "not measured") + (f" ({r['errors'][0]})" if r.get("errors") else "")
    parts = [f"drawn {r['drawn_ms']:.0f} ms"]
    if "routes_drawn" in r:
        parts[0] += (f" ({r['routes_drawn']} routes"
                     + (f", {r['renderer']}" if "renderer" in r else "") + ")")
    if "season_switch_median_ms" in r:
        parts.append(f"season switch median {r['season_switch_median_ms']:.0f} ms "
                     f"(each: {', '.join(f'{v:.0f}' for v in r['season_switch_ms'])})")
    if "pan_ms" in r:
        parts.append(f"pan {r['pan_ms']:.0f} ms")
    parts.append(f"JS heap {r['js_heap_mb']} MB, {r['dom_nodes']:,} DOM nodes")
    if r.get("note"):
        parts.append(r["note"])
    if r.get("errors"):
        parts.append(f"page errors: {r['errors']}")
    return "; ".join(parts)


def plot(results: dict, out: Path) -> None:
    try:
        import matplotlib
    except ImportError as exc:
        raise SystemExit("--plot needs matplotlib: pip install '.[bench]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results["sizes"]
    x = [r["vertices"] for r in rows]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7.5))
    panels = [("build_s", "build time (s)"), ("html_bytes", "HTML size (bytes)"),
              ("drawn_ms", "time until drawn (ms)"), ("js_heap_mb", "JS heap after load (MB)")]
    for ax, (key, label) in zip(axes.flat, panels, strict=False):
        for who, style in (("ours", "o-"), ("folium", "s--")):
            pts = [(xv, r[who].get(key)) for xv, r in zip(x, rows, strict=False)
                   if isinstance(r[who].get(key), int | float)]
            if pts:
                name = "mapgen" if who == "ours" else "plain folium"
                ax.plot(*zip(*pts, strict=True), style, label=name)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("vertices in the data")
        ax.set_title(label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    m = results["machine"]
    fig.suptitle(f"mapgen vs plain folium: cost vs size ({m['cores']} cores, {m['cpu']})",
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"chart: {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The issue-8 benchmark: prints figures, "
                                     "writes them to a JSON file.")
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="numbers of marches, comma separated (default: 100,1000,5000)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--plot", action="store_true", help="also write a chart (.png beside "
                        "--out; needs the 'bench' extra: matplotlib)")
    parser.add_argument("--no-browser", action="store_true", help="sizes and build times only")
    parser.add_argument("--vertices-per-leg", type=int, default=100,
                        help="about this many vertices a leg (default 100; issue 8 speaks of "
                        "~2.5 million vertices at 5,000 marches: 125)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to wait for a page to draw (default 120)")
    parser.add_argument("--folium-baseline", nargs=2, metavar=("DATA", "OUT"), type=Path,
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.folium_baseline:
        folium_baseline(*args.folium_baseline)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: dict = {"machine": machine(), "sizes": []}
    work = Path(tempfile.mkdtemp(prefix="mapgen-bench-"))
    started = time.perf_counter()
    try:
        if args.no_browser:
            for n in sizes:
                results["sizes"].append(run_size(n, work, None, args.timeout,
                                                   args.vertices_per_leg))
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run"])
                results["machine"]["chromium"] = browser.version
                for n in sizes:
                    results["sizes"].append(run_size(n, work, browser, args.timeout,
                                                       args.vertices_per_leg))
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["total_s"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_average_at_end"] = [round(v, 2) for v in os.getloadavg()]
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nfigures: {args.out} ({results['total_s']:.0f} s in all)")
    if args.plot:
        plot(results, args.out.with_suffix(".png"))


if __name__ == "__main__":
    main()
