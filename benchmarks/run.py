"""Speed and weight of the publication, measured on the rendered site (figures, not a test).

    python benchmarks/run.py                      # this tree: readers' figures and the editor's loop
    python benchmarks/run.py --scale 10           # the same, and again on a copy with 10 times the rows
    python benchmarks/run.py --before <rev>       # and a copy of an older commit, side by side
    python benchmarks/run.py --site _site         # the readers' figures of a site already rendered

Every figure is measured in one run, in throwaway copies of the project (tests/rendered.py):

* readers: the story page (index.html), everything the browser fetches once every chart is drawn
  (requests, raw bytes, gzip bytes: each file gzipped at level 6, as a static server sends it), the
  same at first paint, the data floor (gzip of the CSV/GeoJSON files behind the story's charts)
  and the ratio, the first chart drawn after navigation (median and range of cold loads), the
  data page;
* the editor's loop, with real `quarto render`: a cold render (no `_freeze/`, no `figures/`), a
  render with nothing changed, a render after one event title is corrected in data/raw, and
  `quarto render index.qmd` alone, each with its ratio to the cold render, and which pages Quarto
  executed; the no-change render's profile (the pre-render build, each page, what follows);
* `--scale N` (issue 22): the same on a copy whose sources, events, claims, attributions and
  estimates are N times as many (benchmarks/scale.py: synthetic but valid rows made from the
  real ones, never committed), with the growth ratios.

Goals: story page <= 1 MB gzip, <= 4x the data floor, first chart <= 1.0 s, data page <= 400 KB
gzip (issue 11); one-row correction <= 0.25x the cold render, no change <= 0.10x (issue 22); at
10x the data: build <= 10x, cold render <= 4x, story page gzip and first chart <= 1.3x (issue 22).
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import rendered  # noqa: E402
from scale import scale_project  # noqa: E402

STORY_DATA = ("timeline.csv", "sources.csv", "claims.csv", "claim_sources.csv", "actors.csv", "estimates.csv",
              "actor_geography.geojson", "basemap.geojson")
#: the event whose title the correction benchmark rewrites
CORRECTED = ("ev-20241104-putin-receives-choe", "Titre corrigé par la rédaction pour la mesure")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def fetched(site: Path, urls: list[str]) -> tuple[int, int, int]:
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
        return fetched(site, log["requests"])


def first_chart_ms(browser, base: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with rendered.open_page(browser, base, 1280) as (page, log):  # a new context: cold cache
            page.goto(base + "index.html", wait_until="commit")
            page.wait_for_selector(".rpk-plot .main-svg, .plotly-graph-div .main-svg", timeout=rendered.BUSY_TIMEOUT_MS)
            times.append(page.evaluate("performance.now()"))
    return times


def readers(site: Path, runs: int) -> dict:
    out = {"floor": sum(gz((site / "data/processed" / f).read_bytes()) for f in STORY_DATA if (site / "data/processed" / f).is_file())}
    with rendered.serve(site) as base, rendered.chromium() as browser:
        out["story_first_paint"] = page_weight(browser, site, base, "index.html", scroll=False)
        out["story"] = page_weight(browser, site, base, "index.html", scroll=True)
        out["data_page"] = page_weight(browser, site, base, "donnees.html", scroll=False)
        out["first_chart_ms"] = first_chart_ms(browser, base, runs)
    return out


def run_timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, list[tuple[float, str]]]:
    """Run a command; its duration and every line it printed with the second it came."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "QUARTO_PYTHON": sys.executable, **(env or {})})
    lines = []

    def read():
        for line in proc.stdout:
            lines.append((time.perf_counter() - t0, re.sub(r"\x1b\[[0-9;]*m", "", line.rstrip())))

    reader = threading.Thread(target=read)
    reader.start()
    proc.wait()
    reader.join()
    if proc.returncode:
        tail = "\n".join(text for _, text in lines[-40:])
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{tail}")
    return time.perf_counter() - t0, lines


def profile(lines: list[tuple[float, str]], total: float) -> dict:
    """Where a render's time goes: the pre-render step, the pages, what follows the last page."""
    starts = [(t, text) for t, text in lines if re.match(r"\[\s*\d+/\d+\]", text)]
    executed = [m.group(1) for _, text in lines if (m := re.match(r"Executing '(.+)'", text))]
    if not starts:
        return {"pre": total, "pages": 0.0, "post": 0.0, "slowest": [], "executed": executed, "count": 0}
    spans = [(starts[i + 1][0] if i + 1 < len(starts) else None, t, text) for i, (t, text) in enumerate(starts)]
    ends = [t for t, text in lines if text.startswith("Output created")]
    last_end = ends[-1] if ends else total
    per_page = [((nxt or last_end) - t, re.sub(r"^\[\s*\d+/\d+\]\s*", "", text)) for nxt, t, text in spans]
    return {"pre": starts[0][0], "pages": last_end - starts[0][0], "post": total - last_end,
            "slowest": sorted(per_page, reverse=True)[:5], "executed": executed, "count": len(starts)}


def editor(project: Path, env: dict | None = None) -> dict:
    """The editor's loop in a copy: cold render, no change, one corrected row, one page."""
    out = {}
    out["render_cold"], _ = run_timed(["quarto", "render"], project, env)
    out["render_same"], lines = run_timed(["quarto", "render"], project, env)
    out["profile_same"] = profile(lines, out["render_same"])
    raw = project / "data" / "raw" / "timeline.csv"
    import pandas as pd

    tl = pd.read_csv(raw, dtype=str, keep_default_na=False)
    tl.loc[tl["event_id"] == CORRECTED[0], "title_fr"] = CORRECTED[1]
    raw.write_text(tl.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    out["render_fix"], lines = run_timed(["quarto", "render"], project, env)
    out["profile_fix"] = profile(lines, out["render_fix"])
    out["fix_published"] = CORRECTED[1].split(" pour")[0] in rendered.story_text(project / "_site")
    out["render_page"], _ = run_timed(["quarto", "render", "index.qmd"], project, env)
    out["build_cold"], _ = run_timed([sys.executable, "-m", "helpers", "--root", str(project), "build", "--force"], project, env)
    out["build_same"], _ = run_timed([sys.executable, "-m", "helpers", "--root", str(project), "build"], project, env)
    return out


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def secs(v: float, cold: float | None = None) -> str:
    return f"{v:.1f} s" + (f" ({v / cold:.2f}×)" if cold else "")


def table(results: dict[str, dict]) -> None:
    names = list(results)
    rows = []

    def add(label, fn, goal=""):
        rows.append([label] + [fn(results[n]) if results[n] and _has(results[n], fn) else "–" for n in names] + [goal])

    add("story page: requests (all charts drawn)", lambda r: str(r["story"][0]))
    add("story page: raw", lambda r: kb(r["story"][1]), "≤ 2,560 KB")
    add("story page: gzip", lambda r: kb(r["story"][2]), "≤ 1,024 KB")
    add("story page at first paint: requests / gzip", lambda r: f"{r['story_first_paint'][0]} / {kb(r['story_first_paint'][2])}")
    add("data floor (gzip of the story's data files)", lambda r: kb(r["floor"]))
    add("story page ÷ data floor", lambda r: f"{r['story'][2] / r['floor']:.1f}×", "≤ 4×")
    add("first chart drawn: median (range), cold loads",
        lambda r: f"{statistics.median(r['first_chart_ms']) / 1000:.2f} s ({min(r['first_chart_ms']) / 1000:.2f}–{max(r['first_chart_ms']) / 1000:.2f})",
        "≤ 1.0 s")
    add("data page: requests / raw / gzip", lambda r: f"{r['data_page'][0]} / {kb(r['data_page'][1])} / {kb(r['data_page'][2])}", "≤ 400 KB gzip")
    add("build: cold (--force) / no change", lambda r: f"{r['build_cold']:.1f} s / {r['build_same']:.1f} s")
    add("quarto render, cold (÷ cold)", lambda r: secs(r["render_cold"], r["render_cold"]), "1.00")
    add("quarto render, nothing changed", lambda r: secs(r["render_same"], r["render_cold"]), "≤ 0.10×")
    add("quarto render, one event title corrected", lambda r: secs(r["render_fix"], r["render_cold"]) + ("" if r["fix_published"] else " STALE"),
        "≤ 0.25×")
    add("quarto render index.qmd", lambda r: secs(r["render_page"], r["render_cold"]))
    add("  no change: pre-render / pages / after", lambda r: "{pre:.1f} / {pages:.1f} / {post:.1f} s".format(**r["profile_same"]))
    add("  correction: pages executed", lambda r: ", ".join(r["profile_fix"]["executed"]) or "none")
    header = ["measure"] + names + ["goal"]
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    for name in names:
        prof = (results[name] or {}).get("profile_same")
        if prof and prof["slowest"]:
            print(f"\n{name}: no-change render, slowest of {prof['count']} pages: "
                  + "; ".join(f"{page} {s:.1f} s" for s, page in prof["slowest"]))
    base = next((results[n] for n in names if n.startswith("this tree")), None)
    for name in names:
        r = results[name]
        if name.startswith("×") and base and r:
            print(f"\ngrowth at {name} the data (goal): build {r['build_cold'] / base['build_cold']:.2f}× (≤ 10), "
                  f"cold render {r['render_cold'] / base['render_cold']:.2f}× (≤ 4), "
                  f"story page gzip {r['story'][2] / base['story'][2]:.2f}× (≤ 1.3), "
                  f"at first paint {r['story_first_paint'][2] / base['story_first_paint'][2]:.2f}×, "
                  f"first chart {statistics.median(r['first_chart_ms']) / statistics.median(base['first_chart_ms']):.2f}× (≤ 1.3)")


def _has(r: dict, fn) -> bool:
    try:
        fn(r)
        return True
    except (KeyError, TypeError, ZeroDivisionError, statistics.StatisticsError):
        return False


def measure_copy(tmp: Path, name: str, source: Path, runs: int, env_src: Path | None = None, factor: int = 1) -> dict:
    project = rendered.copy_tree(tmp / name, source=source)
    if factor > 1:
        counts = scale_project(project, factor)
        print(f"  {name}: " + ", ".join(f"{n} {c:,}" for n, c in counts.items()), file=sys.stderr)
    env = {"PYTHONPATH": str((env_src or project) / "src")}
    t0 = time.perf_counter()
    out = editor(project, env)
    out.update(readers(project / "_site", runs))
    print(f"  {name}: measured in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="measure the readers' figures of this rendered _site/ only")
    parser.add_argument("--before", help="also measure a copy of this git revision")
    parser.add_argument("--scale", type=int, default=0, help="also measure a copy with N times the rows (2 to 10)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, dict] = {}
    if args.site:
        results["given site"] = readers(args.site.resolve(), args.runs)
        table(results)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.before:
            wt = tmp / "before-tree"
            subprocess.run(["git", "worktree", "add", "--detach", str(wt), args.before], cwd=ROOT, check=True, capture_output=True)
            try:
                results[f"before ({args.before})"] = measure_copy(tmp, "before", wt, args.runs)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(wt)], cwd=ROOT, capture_output=True)
        results["this tree"] = measure_copy(tmp, "after", ROOT, args.runs)
        if args.scale > 1:
            results[f"×{args.scale}"] = measure_copy(tmp, f"scale-{args.scale}", ROOT, args.runs, factor=args.scale)
    table(results)


if __name__ == "__main__":
    main()
