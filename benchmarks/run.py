"""Speed and weight of the publication: prints figures against the budgets (not a test).

    python benchmarks/run.py

Budgets: no-change rebuild ≥ 5× faster than cold; each chart's own data ≤ 150 KB; all
geometry on a page ≤ 300 KB; first chart drawn in < 1.5 s locally.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_project  # noqa: E402


def timed_build(root: Path, *args: str) -> float:
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "helpers", "--root", str(root), "build", "--no-figures", *args],
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    return time.perf_counter() - t0


def build_times() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = copy_project(Path(tmp) / "project")
        cold = timed_build(copy, "--force")
        warm = timed_build(copy)
    print(f"cold build:             {cold:7.2f} s")
    print(f"no-change rebuild:      {warm:7.2f} s")
    print(f"ratio:                  {cold / warm:7.1f}×   (budget ≥ 5×)")


def weights() -> None:
    from helpers.data import load
    from helpers.figures import CHART_IDS, build_figure, figure_html

    data = load(ROOT)
    print("\nchart data, without plotly.js (budget ≤ 150 KB each):")
    page_total = maps_total = 0
    for chart_id in CHART_IDS:
        size = len(figure_html(build_figure(data, chart_id, "fr"), chart_id, "fr").encode())
        page_total += size
        maps_total += size if chart_id.startswith("map-") else 0
        exported = (ROOT / "figures" / f"{chart_id}-fr.html").stat().st_size if (ROOT / "figures" / f"{chart_id}-fr.html").exists() else 0
        print(f"  {chart_id:16s} {size / 1024:8.1f} KB   (standalone export {exported / 1024:.1f} KB)")
    plotly_js = (ROOT / "figures" / "plotly.min.js").stat().st_size
    geometry = sum((ROOT / "data/processed" / n).stat().st_size for n in ("basemap.geojson", "actor_geography.geojson"))
    print(f"geometry files:         {geometry / 1024:7.1f} KB")
    print(f"maps on the explainer:  {maps_total / 1024:7.1f} KB   (all geometry on a page, budget ≤ 300 KB)")
    print(f"explainer charts:       {page_total / 1024:7.1f} KB + plotly.js {plotly_js / 1024:.0f} KB once")


def first_draw() -> None:
    from playwright.sync_api import sync_playwright

    from helpers.figures import CHART_IDS

    print("\nfirst chart drawn in Chromium (budget < 1.5 s):")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for chart_id in CHART_IDS:
            page = browser.new_page()
            t0 = time.perf_counter()
            page.goto((ROOT / "figures" / f"{chart_id}-fr.html").as_uri())
            page.wait_for_selector(f"#chart-{chart_id}-fr .main-svg .scatterlayer", timeout=20000)
            print(f"  {chart_id:16s} {time.perf_counter() - t0:6.2f} s")
            page.close()
        browser.close()


if __name__ == "__main__":
    if not (ROOT / "figures" / "plotly.min.js").exists():
        subprocess.run([sys.executable, "-m", "helpers", "build"], check=True, cwd=ROOT)
    build_times()
    weights()
    first_draw()
