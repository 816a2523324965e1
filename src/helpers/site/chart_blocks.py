"""Charts on the pages: the embed (drawn from its JSON export as the reader nears it), the table under
each chart (its text alternative, the same rows as its data) and the scripts that draw them."""
from __future__ import annotations

import json

import pandas as pd

from helpers.charts.figures import chart as chart_spec
from helpers.charts.mapframes import select
from helpers.charts.maps import imagery_lines
from helpers.core.dates import format_date, format_day
from helpers.core.labels import check_lang, code_label, colon, status_label, t
from helpers.core.paths import figures_dir, project_root
from helpers.core.reads import require
from helpers.model.bibliography import source_labels
from helpers.model.estimates import format_bounds
from helpers.model.published import Published
from helpers.site.fragments import CHARTS_JS, PLOTLY_JS, Fragment, frame_table, scripts
from helpers.site.render import render


def chart_scripts(site_root: str = "") -> Fragment:
    """plotly.js (Plotly's partial 'basic' bundle) and the chart loader, once per page."""
    return scripts(site_root, (PLOTLY_JS, CHARTS_JS))


def chart(data: Published, chart_id: str, lang: str, site_root: str = "", eager: bool = False) -> Fragment:
    """A chart drawn from its JSON export (fetched when it nears the viewport; ``eager`` for the
    first one), with its data as a table (the text alternative), the data files behind it and
    its standalone export and PNG."""
    check_lang(lang)
    spec = chart_spec(chart_id)
    require("chart:" + chart_id)  # a page declares the charts it shows (helpers.core.reads)
    json_path = figures_dir(project_root()) / f"{chart_id}-{lang}.json"
    height = json.loads(json_path.read_text(encoding="utf-8"))["layout"].get("height", 520)
    table = frame_table(chart_table(data, chart_id, lang), t("ui:chart-table", lang), lang, f"table-{chart_id}-{lang}",
                        lazy=True, site_root=site_root, csv_src=f"data/processed/{spec.data_files[0]}")
    return Fragment(render(
        "chart.html.j2", chart_id=chart_id, lang=lang, alt=spec.alt[lang], height=height, eager=eager,
        json_url=f"{site_root}figures/{chart_id}-{lang}.json", site_root=site_root, files=spec.data_files,
        table=table, table_label=t("ui:chart-table", lang), data_label=t("ui:data", lang), colon=colon(lang),
        open_label=t("ui:open-alone", lang), png_label=t("ui:png", lang), noscript=t("ui:noscript", lang)))


def chart_table(data: Published, chart_id: str, lang: str) -> pd.DataFrame:
    """What each chart shows, as rows: the accessible fallback under every chart."""
    names = data.actors.set_index("actor_id")["name_" + lang]

    def col(key):
        return t("col:" + key, lang)

    if chart_id == "timeline":
        tl = data.timeline
        return pd.DataFrame({col("date"): [format_date(d, p, lang) for d, p in zip(tl["date"], tl["date_precision"])],
                             col("category"): [code_label("timeline", "category", c, lang) for c in tl["category"]],
                             col("event"): tl["title_" + lang],
                             col("status"): [code_label("timeline", "status", x, lang) for x in tl["status"]]})
    if chart_id == "claims":
        att = data.claim_sources
        return pd.DataFrame({col("claim"): att["claim_id"],
                             col("date"): [format_date(d, p, lang) for d, p in zip(att["date"], att["date_precision"])],
                             col("who"): [names.get(a, a) for a in att["claimant_actor_id"]],
                             col("stance"): [code_label("claim_sources", "stance", x, lang) for x in att["stance"]],
                             col("evidence"): [code_label("claim_sources", "evidence_type", x, lang) for x in att["evidence_type"]],
                             t("source", lang): att["source_id"].map(source_labels(data.sources, lang))})
    if chart_id == "status-history":
        return status_history_table(data, lang)
    if chart_id == "estimates":
        est = data.estimates
        return pd.DataFrame({col("quantity"): [code_label("estimates", "quantity", q, lang) for q in est["quantity"]],
                             col("value"): [format_bounds(lo, hi, lang) for lo, hi in zip(est["value_low"], est["value_high"])],
                             col("date"): [format_date(d, p, lang) for d, p in zip(est["as_of_date"], est["date_precision"])],
                             col("who"): [names.get(a, a) for a in est["claimant_actor_id"]],
                             col("method"): [code_label("estimates", "method", m, lang) for m in est["method"]],
                             t("source", lang): est["source_id"].map(source_labels(data.sources, lang))})
    kind = chart_id.removeprefix("map-")
    feats = data.geography["features"]
    if kind in ("overview", "korea-primorye"):
        shown = {f["id"] for f in select(data.geography, kind)[0]}
        places = [f["properties"] | {"id": f["id"]} for f in feats if f["properties"]["feature_type"] == "place" and f["id"] in shown]
        imagery = imagery_lines(data, lang, prefix=False)
        return pd.DataFrame({col("place"): [p["name_" + lang] for p in places],
                             col("role"): [code_label("places", "role", p["role"], lang) for p in places],
                             col("country"): [code_label("places", "country", p["country"], lang) for p in places],
                             col("events"): [p["event_count"] for p in places],
                             col("imagery"): ["; ".join(imagery.get(p["id"], [])) or "–" for p in places]})
    wanted = {"troops": "troop movement", "munitions": "arms shipment"}[kind]
    routes = [f["properties"] for f in feats if f["properties"]["feature_type"] == "route" and f["properties"]["kind"] == wanted]
    return pd.DataFrame({col("route"): [r["name_" + lang] for r in routes],
                         col("mode"): [code_label("routes", "mode", r["mode"], lang) for r in routes],
                         col("first-reported"): [format_date(r["first_reported"], "day", lang) for r in routes],
                         col("by"): [names.get(r["claimant_actor_id"], r["claimant_actor_id"]) for r in routes],
                         col("status"): [code_label("routes", "status", r["status"], lang) for r in routes]})


def status_history_table(data: Published, lang: str) -> pd.DataFrame:
    """The status-history chart as rows (its text alternative)."""
    h = data.claim_status_history
    names = data.actors.set_index("actor_id")["name_" + lang]
    return pd.DataFrame({t("sh:claim", lang): h["claim_id"], "Date": [format_day(d, lang) for d in h["date"]],
                         t("sh:previous", lang): [status_label(s, lang) for s in h["previous_status"]],
                         t("sh:status", lang): [status_label(s, lang) for s in h["status"]],
                         t("sh:cause", lang): [f"{names.get(a, a)} ({i})" for a, i in zip(h["claimant_actor_id"], h["attribution_id"])]})
