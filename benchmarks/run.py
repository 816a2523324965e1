"""Speed and weight of the publication, measured on the rendered site (figures, not a test).

    python benchmarks/run.py                       # render this tree and a copy of --before, compare
    python benchmarks/run.py --before fde2269      # the commit to compare with (default: main's parent of this work)
    python benchmarks/run.py --site _site --no-before   # measure a site already rendered, alone

What it prints, for the rendered site before and after:

* story page (index.html), everything the browser fetches once every chart is drawn:
  requests, raw bytes, gzip bytes (each file gzipped at level 6, as a static server would send it);
  the same at first paint (before the reader scrolls);
* the data floor: gzip of the CSV/GeoJSON files behind the story page's charts, and the ratio;
* the first chart drawn after navigation, median and range of 5 cold loads in Chromium;
* the data page (donnees.html), everything fetched, gzip;
* `python -m helpers build`, cold (--force) and with nothing changed, and their ratio;
* `quarto render` with nothing changed.

Goals (issue 11): story page ≤ 1 MB gzip and ≤ 2.5 MB raw; ≤ 4× the data floor; first chart
≤ 1.0 s; data page ≤ 400 KB gzip; no-change build ≥ 20× faster than cold; no-change render ≤ 20 s.
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import rendered  # noqa: E402

STORY_DATA = ("timeline.csv", "sources.csv", "claims.csv", "claim_sources.csv", "actors.csv", "estimates.csv",
              "actor_geography.geojson", "basemap.geojson")
DEFAULT_BEFORE = "fde2269"  # main before the rendered-site and page-weight work


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def fetched(site: Path, base: str, urls: list[str]) -> tuple[int, int, int]:
    """Requests, raw bytes and gzip bytes of the site files behind these URLs."""
    raw = packed = 0
    seen = set()
    for url in urls:
        path = urlsplit(url).path.lstrip("/") or "index.html"
        if path in seen:
            continue
        seen.add(path)
        f = site / path
        if f.is_dir():
            f = f / "index.html"
        if f.is_file():
            data = f.read_bytes()
            raw += len(data)
            packed += gz(data)
    return len(seen), raw, packed


def page_weight(browser, site: Path, base: str, page_path: str, scroll: bool) -> tuple[int, int, int]:
    with rendered.open_page(browser, base, 1280) as (page, log):
        page.goto(base + page_path, wait_until="load")
        if scroll:
            rendered.draw_all_charts(page)
        page.wait_for_timeout(300)
        return fetched(site, base, log["requests"])


def first_chart_ms(browser, base: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with rendered.open_page(browser, base, 1280) as (page, log):  # a new context: cold cache
            page.goto(base + "index.html", wait_until="commit")
            page.wait_for_selector(".rpk-plot .main-svg, .plotly-graph-div .main-svg", timeout=60000)
            times.append(page.evaluate("performance.now()"))
    return times


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if result.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return time.perf_counter() - t0


def measure(project: Path | None, site: Path, runs: int, env: dict | None = None) -> dict:
    out = {}
    floor = sum(gz((site / "data/processed" / f).read_bytes()) for f in STORY_DATA if (site / "data/processed" / f).is_file())
    with rendered.serve(site) as base, rendered.chromium() as browser:
        out["story_first_paint"] = page_weight(browser, site, base, "index.html", scroll=False)
        out["story"] = page_weight(browser, site, base, "index.html", scroll=True)
        out["data_page"] = page_weight(browser, site, base, "donnees.html", scroll=False)
        out["first_chart_ms"] = first_chart_ms(browser, base, runs)
    out["floor"] = floor
    if project is not None:
        py = [sys.executable, "-m", "helpers", "--root", str(project), "build"]
        out["build_cold"] = timed(py + ["--force"], project, env)
        out["build_warm"] = timed(py, project, env)
        out["render_warm"] = timed(["quarto", "render"], project, env)
    return out


def render(project: Path, env: dict | None = None) -> Path:
    t0 = time.perf_counter()
    timed(["quarto", "render"], project, env)
    print(f"  rendered {project} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return project / "_site"


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def table(results: dict[str, dict]) -> None:
    names = list(results)
    rows = []

    def add(label, fn, goal=""):
        rows.append([label] + [fn(results[n]) if results[n] else "–" for n in names] + [goal])

    add("story page: requests (all charts drawn)", lambda r: str(r["story"][0]))
    add("story page: raw", lambda r: kb(r["story"][1]), "≤ 2,560 KB")
    add("story page: gzip", lambda r: kb(r["story"][2]), "≤ 1,024 KB")
    add("story page at first paint: requests / gzip", lambda r: f"{r['story_first_paint'][0]} / {kb(r['story_first_paint'][2])}")
    add("data floor (gzip of the story's data files)", lambda r: kb(r["floor"]))
    add("story page ÷ data floor", lambda r: f"{r['story'][2] / r['floor']:.1f}×", "≤ 4×")
    add("first chart drawn: median (range), 5 cold loads",
        lambda r: f"{statistics.median(r['first_chart_ms']) / 1000:.2f} s ({min(r['first_chart_ms']) / 1000:.2f}–{max(r['first_chart_ms']) / 1000:.2f})",
        "≤ 1.0 s")
    add("data page: requests / raw / gzip", lambda r: f"{r['data_page'][0]} / {kb(r['data_page'][1])} / {kb(r['data_page'][2])}", "≤ 400 KB gzip")
    add("build: cold / no change / ratio",
        lambda r: f"{r['build_cold']:.1f} s / {r['build_warm']:.1f} s / {r['build_cold'] / r['build_warm']:.1f}×" if "build_cold" in r else "–", "≥ 20×")
    add("quarto render, nothing changed", lambda r: f"{r['render_warm']:.1f} s" if "render_warm" in r else "–", "≤ 20 s")
    header = ["measure"] + names + ["goal"]
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    if len(names) == 2 and all(results.values()):
        b, a = (results[n] for n in names)
        print(f"\nratios after/before: story gzip {a['story'][2] / b['story'][2]:.2f}, raw {a['story'][1] / b['story'][1]:.2f}, "
              f"first chart {statistics.median(a['first_chart_ms']) / statistics.median(b['first_chart_ms']):.2f}, "
              f"data page gzip {a['data_page'][2] / b['data_page'][2]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="measure this rendered _site/ instead of rendering the working tree")
    parser.add_argument("--before", default=DEFAULT_BEFORE, help="git revision to render and measure beside (default: %(default)s)")
    parser.add_argument("--no-before", action="store_true", help="measure only the working tree")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.no_before:
            wt = tmp / "before"
            subprocess.run(["git", "worktree", "add", "--detach", str(wt), args.before], cwd=ROOT, check=True, capture_output=True)
            try:
                env = {"PYTHONPATH": str(wt / "src")}  # the old commit's own helpers package
                site = render(wt, env)
                results[f"before ({args.before})"] = measure(wt, site, args.runs, env)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(wt)], cwd=ROOT, capture_output=True)
        if args.site:
            results["after (given site)"] = measure(None, args.site.resolve(), args.runs)
        else:
            project = rendered.copy_tree(tmp / "after")
            env = {"PYTHONPATH": str(project / "src")}
            results["after (this tree)"] = measure(project, render(project, env), args.runs, env)
    table(results)


if __name__ == "__main__":
    main()
