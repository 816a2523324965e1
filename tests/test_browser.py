"""Real headless Chromium (Debian's chromium, driven by Playwright): every exported chart
and map draws offline with no console error, no request leaves the machine, axe-core finds
no serious or critical violation, and hostile text never executes."""
from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ARTIFACTS, ROOT
from helpers.charts.figures import CHART_IDS

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@contextmanager
def offline_page(browser, width: int = 1280):
    """A page that may load local files only: every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    log = {"errors": [], "external": []}

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            log["external"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: (not r.url.startswith(("file://", "data:", "blob:", "about:"))) and log["external"].append(r.url))
    try:
        yield page, log
    finally:
        context.close()


def expected_marks(published, chart_id: str, width: int = 1280) -> int:
    if chart_id == "timeline":
        return len(published.timeline)
    if chart_id == "claims":
        return len(published.claim_sources)
    if chart_id == "status-history":
        return len(published.claim_status_history)
    if chart_id == "estimates":
        return int((published.estimates["quantity"] == "troops deployed").sum())
    from helpers.charts.mapframes import on_map

    from helpers.charts.mapframes import PHONE_MAX, SPECS

    places = [f for f in published.geography["features"] if f["properties"]["feature_type"] == "place" and on_map(f)]
    if chart_id != "map-overview":
        return 3
    if width >= PHONE_MAX:
        return len(places)
    # on a phone the overview shows its two ends; the places between are named under the map
    views = [p.view for p in SPECS["overview"].panels if "phone" in p.layouts]
    return sum(1 for f in places if any(on_map(f, v) for v in views))


def expected_fills(published, chart_id: str, lang: str, width: int = 1280) -> int:
    """The country and region shapes of the panels the layout at this width shows."""
    from helpers.charts.figures import build_figure
    from helpers.charts.mapframes import PHONE_MAX

    fig = build_figure(published, chart_id, lang)
    shown = fig.layout.meta["phone" if width < PHONE_MAX else "desktop"]["visible"]
    return sum(1 for tr, visible in zip(fig.data, shown) if tr.fill == "toself" and visible)


def drawn(page, chart_id: str, lang: str) -> dict:
    return page.evaluate("""(id) => {
        const el = document.getElementById(id);
        return {points: el ? el.querySelectorAll('.scatterlayer .point').length : -1,
                traces: el ? el.querySelectorAll('.scatterlayer .trace').length : -1,
                fills: el ? el.querySelectorAll('.scatterlayer .js-fill').length : -1,
                plotly: typeof window.Plotly};
    }""", f"chart-{chart_id}-{lang}")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_chart_draws_offline_without_errors(browser, built, published, chart_id, lang):
    html = ROOT / "figures" / f"{chart_id}-{lang}.html"
    assert html.is_file(), "figures/ not exported"
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        with offline_page(browser, width) as (page, log):
            page.goto(html.as_uri())
            page.wait_for_selector(f"#chart-{chart_id}-{lang} .main-svg", timeout=180_000)
            page.wait_for_timeout(300)
            marks = drawn(page, chart_id, lang)
            page.screenshot(path=str(ARTIFACTS / f"{chart_id}-{lang}-{width}.png"), full_page=True)
            assert marks["plotly"] == "object"
            assert log["errors"] == [], log["errors"]
            assert log["external"] == [], f"requests left the machine: {log['external']}"
            assert marks["points"] >= expected_marks(published, chart_id, width), marks
            if chart_id.startswith("map-"):  # every country and region shape of every panel is drawn
                assert marks["fills"] >= expected_fills(published, chart_id, lang, width), marks
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            assert not overflow, f"{chart_id} overflows at {width}px"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_chart_pages_are_accessible(browser, built, chart_id):
    from axe_playwright_python.sync_playwright import Axe

    for lang in ("fr", "en"):
        with offline_page(browser) as (page, log):
            page.goto((ROOT / "figures" / f"{chart_id}-{lang}.html").as_uri())
            page.wait_for_selector(f"#chart-{chart_id}-{lang} .main-svg", timeout=180_000)
            label = page.get_attribute(".rpk-chart", "aria-label")
            assert label and len(label) > 40
            assert page.get_attribute("html", "lang") == lang
            results = Axe().run(page)
            bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            assert not bad, json.dumps([(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad], indent=1)


def _page_with_tables(tmp: Path, data, lang: str) -> Path:
    from helpers.site import pages

    body = "".join(str(x) for x in (
        pages.audited_article(data, lang),
        pages.events_table(data, lang),
        pages.numbers_summary(data, lang),
    ))
    path = tmp / f"tables-{lang}.html"
    path.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Tables</title></head>'
                    f"<body><main><h1>Tables</h1>{body}</main></body></html>", encoding="utf-8")
    return path


def test_html_tables_are_accessible_and_offline(browser, published, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    for lang in ("fr", "en"):
        with offline_page(browser) as (page, log):
            page.goto(_page_with_tables(tmp_path, published, lang).as_uri())
            page.wait_for_selector("table.rpk-table", timeout=180_000)
            assert log["errors"] == [] and log["external"] == [], log
            bad = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            assert not bad, [(v["id"], v["help"]) for v in bad]


HOSTILE = ['<script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned=2">',
           '"><svg onload="window.__pwned=3">', "Kim's \"quote\" & <b>bold</b>"]


def test_hostile_text_never_executes(browser, published, tmp_path):
    from helpers.charts.figures import build_figure, standalone_html
    from helpers.core.escape import link, safe_url

    import dataclasses

    tl = published.timeline.copy()
    for i, text in enumerate(HOSTILE):
        tl.loc[i, "title_fr"] = text
        tl.loc[i, "title_en"] = text
    est = published.estimates.copy()
    est.loc[est["quantity"] == "troops deployed", "wording_en"] = HOSTILE[1]
    att = published.claim_sources.copy()
    att["note_en"] = HOSTILE[2]
    data = dataclasses.replace(published, timeline=tl, estimates=est, claim_sources=att)  # the session's data stay clean
    shutil.copyfile(ROOT / "figures" / "plotly-basic.min.js", tmp_path / "plotly-basic.min.js")
    for chart_id in ("timeline", "estimates", "claims"):
        path = tmp_path / f"{chart_id}.html"
        path.write_text(standalone_html(build_figure(data, chart_id, "en"), chart_id, "en"), encoding="utf-8")
        with offline_page(browser) as (page, log):
            page.goto(path.as_uri())
            page.wait_for_selector(f"#chart-{chart_id}-en .main-svg", timeout=180_000)
            page.hover(f"#chart-{chart_id}-en .scatterlayer .point >> nth=0", force=True)
            page.wait_for_timeout(200)
            assert page.evaluate("window.__pwned") is None
            assert page.evaluate("document.querySelectorAll('img[src=x], svg[onload]').length") == 0
    tables = _page_with_tables(tmp_path, data, "en")
    with offline_page(browser) as (page, log):
        page.goto(tables.as_uri())
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned") is None
        assert HOSTILE[0] in page.evaluate("document.body.textContent")  # shown as text (in a folded table), not run
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>1</script>", "http://example.org",
                "https://exa mple.org", "//example.org/x", "https://example.org/\"onmouseover=\"x"):
        assert safe_url(bad) is None, bad
        assert "<a " not in link(bad, "x")
    assert link("https://example.org/a?b=1&c=2", "<b>") == '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">&lt;b&gt;</a>'
