"""Map labels in real headless Chromium: at 375 and 1280 px, in French and English, no two place
labels overlap, none is clipped by its panel, none covers the map furniture (panel titles, scale
bars, credit); the story's sites keep their labels. Boxes are the SVG text boxes as drawn."""
from __future__ import annotations

import pytest

from conftest import ARTIFACTS, ROOT
from helpers.charts.figures import CHART_IDS
from test_browser import browser, offline_page  # noqa: F401  (fixture and helper shared with the chart tests)

pytestmark = pytest.mark.browser
MAPS = [c for c in CHART_IDS if c.startswith("map-")]
#: labels a map must keep at every width (the sites the map is about)
MUST = {"map-korea-primorye": {"fr": ("Port de Rajin", "Dounaï", "Vostotchny", "Tumangang", "Khassan (pont)"),
                               "en": ("Rajin port", "Dunai", "Vostochny", "Tumangang", "Khasan (bridge)")},
        "map-munitions": {"fr": ("Port de Rajin", "Dounaï", "Vostotchny"), "en": ("Rajin port", "Dunai", "Vostochny")},
        # the Kursk region is named in the journey panel, beside its highlight (an annotation, not a place label)
        "map-troops": {"fr": ("Vladivostok",), "en": ("Vladivostok",)},
        "map-overview": {"fr": ("Moscou", "Pyongyang"), "en": ("Moscow", "Pyongyang")}}

MEASURE = """(id) => {
  const gd = document.getElementById(id);
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const L = gd._fullLayout, out = {labels: [], furniture: [], layout: gd.clientWidth < L.meta.phone_max ? 'phone' : 'desktop'};
  gd.querySelectorAll('.scatterlayer .trace').forEach(tr => {
    const d = tr.__data__ && tr.__data__[0] && tr.__data__[0].trace;
    if (!d) return;
    const xa = L[d.xaxis.replace('x', 'xaxis')], ya = L[d.yaxis.replace('y', 'yaxis')];
    const area = [svg.left + xa._offset, svg.top + ya._offset, svg.left + xa._offset + xa._length, svg.top + ya._offset + ya._length];
    tr.querySelectorAll('.textpoint text').forEach(t => {
      if (!t.textContent) return;
      const b = t.getBoundingClientRect();
      out.labels.push({text: t.textContent, box: [b.left, b.top, b.right, b.bottom], area});
    });
  });
  gd.querySelectorAll('.annotation').forEach(a => {
    const b = a.getBoundingClientRect();
    out.furniture.push({text: a.textContent, box: [b.left, b.top, b.right, b.bottom]});
  });
  return out;
}"""


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def problems(measured: dict) -> list[str]:
    labels, found = measured["labels"], []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if overlap(a["box"], b["box"]):
                found.append(f"'{a['text']}' overlaps '{b['text']}'")
        x0, y0, x1, y1 = a["area"]
        if a["box"][0] < x0 - 0.5 or a["box"][2] > x1 + 0.5 or a["box"][1] < y0 - 0.5 or a["box"][3] > y1 + 0.5:
            found.append(f"'{a['text']}' is clipped by its panel")
        for f in measured["furniture"]:
            if overlap(a["box"], f["box"]):
                found.append(f"'{a['text']}' covers '{f['text'][:30]}'")
    return found


def test_the_check_sees_an_overlap_and_a_clipped_label():
    area = [0, 0, 100, 100]
    bad = {"labels": [{"text": "a", "box": [10, 10, 50, 22], "area": area}, {"text": "b", "box": [40, 15, 80, 27], "area": area},
                      {"text": "c", "box": [90, 50, 130, 62], "area": area}], "furniture": []}
    assert problems(bad) == ["'a' overlaps 'b'", "'c' is clipped by its panel"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("chart_id", MAPS)
def test_map_labels_never_collide_nor_clip(browser, built, chart_id, lang):  # noqa: F811
    html = ROOT / "figures" / f"{chart_id}-{lang}.html"
    ARTIFACTS.mkdir(exist_ok=True)
    for width, layout in ((375, "phone"), (1280, "desktop")):
        with offline_page(browser, width) as (page, log):
            page.goto(html.as_uri())
            page.wait_for_selector(f"#chart-{chart_id}-{lang} .main-svg .textpoint", state="attached", timeout=180_000)
            page.wait_for_timeout(300)
            measured = page.evaluate(MEASURE, f"chart-{chart_id}-{lang}")
            page.screenshot(path=str(ARTIFACTS / f"labels-{chart_id}-{lang}-{width}.png"), full_page=True)
            assert log["errors"] == [], log["errors"]
        assert measured["layout"] == layout, f"{chart_id} at {width}px drew the {measured['layout']} layout"
        assert problems(measured) == [], f"{chart_id} ({lang}) at {width}px"
        texts = {label["text"] for label in measured["labels"]}
        missing = [m for m in MUST[chart_id][lang] if m not in texts]
        assert not missing, f"{chart_id} ({lang}) at {width}px lost the labels {missing}"
