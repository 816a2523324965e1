"""Issue 21: typeset like a French desk, drawn for a phone. Checked on the rendered site (real
`quarto render`, Debian's Chromium) and on the chart exports it serves.

The typography of every page's visible text is checked by tests/test_site.py (each page, both
widths); here: the charts' own texts and number formats, the colours of each chart for readers
with colour-vision deficiency, the size of every chart on a phone, the tooltip of a tapped mark,
and the folded data dictionary.
"""
from __future__ import annotations

import html
import json
import re

import pytest

import rendered as rsite
from helpers.charts.colours import MIN_DELTA_E, VISIONS, closest_pairs
from helpers.charts.figures import TEXT_KEYS

pytestmark = [pytest.mark.browser, pytest.mark.site]


def _figures(site):
    return sorted((site / "figures").glob("*-??.json"))


def _strings(value, visible=False):
    """Every string a reader sees in a plotly figure (the keys helpers.charts.figures typesets)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k in TEXT_KEYS or k.endswith(".text"))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, visible)
    elif visible and isinstance(value, str):
        yield value


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def test_chart_texts_follow_their_language(site):
    faults = {}
    for path in _figures(site):
        lang = path.stem[-2:]
        spec = json.loads(path.read_text(encoding="utf-8"))
        texts = [_plain(s) for s in _strings(spec) if not s.startswith(("http", "ev-", "cl-", "at-", "es-"))]
        found = rsite.typography_faults("\n".join(texts), lang)
        if found:
            faults[path.name] = found
    assert not faults, faults


def test_french_charts_write_french_numbers(site, base, browser):
    """'30 000', never '30k': French separators, no SI suffix on any axis; checked on the drawn ticks."""
    for path in _figures(site):
        layout = json.loads(path.read_text(encoding="utf-8"))["layout"]
        if path.stem.endswith("-fr"):
            assert layout.get("separators") == ",\u202f", path.name
        for key, axis in layout.items():
            if re.fullmatch(r"[xy]axis\d*", key) and axis.get("visible", True) and axis.get("type") not in ("date", "category"):
                assert axis.get("exponentformat") == "none", f"{path.name}: {key} may write SI suffixes"
    with rsite.open_page(browser, base, 1280) as (page, log):
        page.goto(base + "index.html", wait_until="load")
        rsite.draw_all_charts(page)
        ticks = page.evaluate("() => [...document.querySelectorAll('.rpk-plot .xtick text, .rpk-plot .ytick text')].map(t => t.textContent)")
        assert ticks
        si = [x for x in ticks if re.search(r"\d\s?[kMGT]$", x)]
        assert not si, f"SI suffixes on French axes: {si[:5]}"
        grouped = [x for x in ticks if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", x)]
        assert not grouped, f"thousands not set with a narrow no-break space: {grouped[:5]}"


def _legend_colours(spec: dict) -> list[str]:
    out = []
    for trace in spec["data"]:
        if trace.get("showlegend") is False or trace.get("visible") is False or not trace.get("name"):
            continue
        colour = (trace.get("marker") or {}).get("color")
        if not isinstance(colour, str) or trace.get("mode") == "lines":
            colour = (trace.get("line") or {}).get("color", colour)
        if isinstance(colour, str):
            out.append(colour)
    return out


def test_every_chart_keeps_its_colours_apart_for_every_reader(site):
    """Issue 21: any two legend colours of a chart differ by ΔE00 ≥ 10 in normal vision and in
    simulated deuteranopia and protanopia."""
    close = {}
    for path in _figures(site):
        colours = _legend_colours(json.loads(path.read_text(encoding="utf-8")))
        for vision, (d, a, b) in closest_pairs(colours).items():
            if d < MIN_DELTA_E:
                close.setdefault(path.name, []).append(f"{vision}: {a} vs {b} ΔE {d:.1f}")
    assert not close, close
    assert set(VISIONS) == {"normal", "deuteranopia", "protanopia"}


PLOT_SIZE_JS = """() => [...document.querySelectorAll('.rpk-plot[data-state=drawn]')].map(gd => {
  const L = gd._fullLayout, axes = Object.keys(L).filter(k => /^yaxis\\d*$/.test(k));
  const tallest = Math.max(...axes.map(k => L[k]._length));  // drawn height, after a map frame keeps its aspect
  return {id: gd.id, map: gd.id.startsWith('chart-map-'), height: tallest};
})"""


@pytest.mark.parametrize("page_path", ["index.html", "en/index.html", "affirmations.html"])
def test_every_chart_is_tall_enough_on_a_phone(base, browser, page_path):
    """At 375 px: every chart's plot area at least 220 px tall, every map's main panel 260 px."""
    with rsite.open_page(browser, base, 375) as (page, log):
        page.goto(base + page_path, wait_until="load")
        rsite.draw_all_charts(page)
        sizes = page.evaluate(PLOT_SIZE_JS)
        assert sizes
        small = [s for s in sizes if s["height"] < (260 if s["map"] else 220)]
        assert not small, small


TIP_JS = """() => { const t = document.querySelector('.rpk-tip');
  if (!t || t.hidden) return null;
  const r = t.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: document.documentElement.clientWidth,
          vh: window.innerHeight, text: t.innerText}; }"""


@pytest.mark.parametrize("chart", ["chart-timeline-fr", "chart-map-korea-primorye-fr", "chart-estimates-fr"])
def test_a_tapped_mark_opens_its_tooltip_inside_the_screen(base, browser, chart):
    """On a phone (touch, 375 x 812): a tap on a mark opens its tooltip, inside the viewport, and
    its close button closes it."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    context.set_default_timeout(rsite.BUSY_TIMEOUT_MS)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    try:
        page = context.new_page()
        page.goto(base + "index.html", wait_until="load")
        rsite.draw_all_charts(page)
        marks = page.locator(f"#{chart} .scatterlayer .point")
        assert marks.count() > 0
        for k in sorted({0, marks.count() // 2, marks.count() - 1}):
            mark = marks.nth(k)
            mark.scroll_into_view_if_needed()
            box = mark.bounding_box()
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_function("() => { const t = document.querySelector('.rpk-tip'); return t && !t.hidden; }")
            tip = page.evaluate(TIP_JS)
            assert tip["text"].strip(), tip
            assert 0 <= tip["left"] and tip["right"] <= tip["vw"] and 0 <= tip["top"] and tip["bottom"] <= tip["vh"], tip
            page.locator(".rpk-tip-close").click()
            assert page.evaluate(TIP_JS) is None
    finally:
        context.close()


def test_the_charts_never_ask_to_hover(site):
    """Touch first: no caption or chart text tells phone readers to hover."""
    texts = " ".join((site / p).read_text(encoding="utf-8") for p in ("index.html", "en/index.html", "affirmations.html", "en/claims.html"))
    assert not re.search(r"[Ss]urvol|\b[Hh]over\b", _plain(re.sub(r"<script.*?</script>", "", texts, flags=re.S)))


@pytest.mark.parametrize("page_path", ["donnees.html", "en/data.html"])
def test_the_data_dictionary_is_folded_per_file(site, base, browser, page_path):
    package = json.loads((site / "data/processed/datapackage.json").read_text(encoding="utf-8"))
    with rsite.open_page(browser, base, 375) as (page, log):
        page.goto(base + page_path, wait_until="load")
        folds = page.locator("details.rpk-dictionary")
        assert folds.count() == len([r for r in package["resources"] if r.get("schema", {}).get("fields")])
        assert page.evaluate("() => [...document.querySelectorAll('details.rpk-dictionary')].every(d => !d.open)")
        height = page.evaluate("""() => { const d = [...document.querySelectorAll('details.rpk-dictionary')];
            return d[d.length - 1].getBoundingClientRect().bottom - d[0].getBoundingClientRect().top; }""")
        assert height < 1500, f"the folded dictionary runs to {height:.0f}px on a phone"
