"""Chart structure, from the published data: traces, marks, labels in both languages, and
nothing that would fetch from the network (no geo traces, no map tiles)."""
from __future__ import annotations

import pytest

from helpers.charts import claim_charts, estimates_chart, timeline_chart
from helpers.model.claims import ARTICLE_DATE
from helpers.model.timeline import CATEGORIES, MEETING_DATE
from helpers.charts.figures import CHART_IDS, build_figure
from helpers.core.escape import esc
from helpers.core.labels import t


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_timeline_traces_lanes_and_meeting(published, lang):
    tl = published.timeline
    fig = timeline_chart.timeline_figure(tl, published.sources, lang)
    assert {tr.name for tr in fig.data} == {t(c, lang) for c in set(tl["category"])}
    assert sum(len(tr.x) for tr in fig.data) == len(tl)
    texts = [a.text for a in fig.layout.annotations]
    lanes = [c for c in CATEGORIES if c in set(tl["category"])]
    assert all(esc(t(c, lang)) in texts for c in lanes)  # lane names drawn inside the plot
    assert any(s.x0 == MEETING_DATE for s in fig.layout.shapes)
    assert t("meeting", lang) in texts
    key = " ".join(texts).replace("<br>", " ")
    assert sum(1 for _, fr, en in timeline_chart.PHASES if esc(fr if lang == "fr" else en) in key) == len(timeline_chart.PHASES)
    hover = " ".join(h for tr in fig.data for h in tr.hovertext)
    assert tl["title_" + lang].iloc[0].replace("'", "&#x27;").split()[0] in hover


def test_french_and_english_charts_differ_only_in_language(published):
    for chart_id in CHART_IDS:
        fr, en = build_figure(published, chart_id, "fr"), build_figure(published, chart_id, "en")
        assert len(fr.data) == len(en.data)
        assert fr.layout.title.text != en.layout.title.text


def test_claims_chart_has_one_mark_per_attribution(published):
    fig = claim_charts.claims_figure(published.claims, published.claim_sources, published.actors, published.sources, "en")
    marks = sum(len(tr.x) for tr in fig.data if tr.mode == "markers" and tr.x is not None and tr.x[0] is not None)
    assert marks == len(published.claim_sources)
    assert len(fig.layout.yaxis.tickvals) == len(published.claims)
    assert any(s.x0 == ARTICLE_DATE.isoformat() for s in fig.layout.shapes)


def test_estimates_menu_has_one_entry_per_quantity(published):
    est = published.estimates
    fig = estimates_chart.estimates_figure(est, published.actors, published.sources, "fr")
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == est["quantity"].nunique()
    first = buttons[0].args[0]["visible"]
    shown = sum(len([x for x in tr.x if x is not None]) for tr, v in zip(fig.data, first) if v)  # legend keys have no point
    assert shown == (est["quantity"] == "troops deployed").sum()
    symbols = [s for tr in fig.data for s in tr.marker.symbol]
    assert "triangle-up" in symbols  # open bounds drawn as triangles


def test_maps_use_no_network_traces(published):
    from helpers.charts import mapframes, maps

    for kind in mapframes.KINDS:
        fig = maps.map_figure(published.geography, published.basemap, "fr", kind, published.timeline, detail=published.basemap_detail)
        assert {tr.type for tr in fig.data} == {"scatter"}, "geo/mapbox traces would fetch topojson or tiles"
        assert not {"geo", "mapbox", "map"} & set(fig.to_dict()["layout"])


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_has_a_table_fallback_and_data_links(published, chart_id):
    from helpers.site import pages
    from helpers.charts.figures import chart

    for lang in ("fr", "en"):
        table = pages.chart_table(published, chart_id, lang)
        assert len(table) > 0 and table.notna().all().all()
        html = pages.chart(published, chart_id, lang).html
        assert "<details" in html and "<table" in html
        for f in chart(chart_id).data_files:
            assert f'data/processed/{f}"' in html
