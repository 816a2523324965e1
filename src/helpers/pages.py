"""What the Quarto pages call: chart embeds, tables, downloads, dictionary, computed prose.

Pages stay thin: one call per block, every figure in the prose computed here from the
published data, never typed by hand. Every fragment comes from an autoescaping template
(:mod:`helpers.templating`). Blocks are handed to Quarto as Markdown holding a raw HTML
block (never as ``text/html`` display data, which makes Quarto load require.js and jQuery
from a CDN); inline values are Markdown text, so a narrow no-break space stays a character.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from helpers import claims as claims_mod
from helpers import estimates as est_mod
from helpers.data import Published
from helpers.dates import format_date
from helpers.htmltext import link
from helpers.paths import figures_dir, project_root
from helpers.sourcing import bibliography_summary, source_labels
from helpers.style import STATUS_COLOURS, check_lang, code_label, colon, status_label, t
from helpers.tables import split_ids
from helpers.templating import macro, render

#: Site files the pages load (served from the site itself, never from a CDN).
PLOTLY_JS = "assets/js/plotly-basic.min.js"
CHARTS_JS = "assets/js/charts.js"
TABLES_JS = "assets/js/tables.js"


class Fragment:
    """A block of HTML for a page: Quarto receives it as a raw HTML block in Markdown."""

    def __init__(self, html: str):
        self.html = str(html)

    def _repr_markdown_(self) -> str:
        body = self.html.replace("\n```", "\n&#96;&#96;&#96;")
        return f"```{{=html}}\n{body}\n```\n"

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.html


class Prose(str):
    """A sentence or a value for the prose (inline expressions): escaped Markdown text."""

    def _repr_markdown_(self) -> str:
        return str(escape(str(self)))

    def __repr__(self) -> str:
        return str(self)


def _scripts(site_root: str, files: tuple[str, ...]) -> Fragment:
    tags = Markup("").join(Markup('<script defer src="{}"></script>').format(site_root + f) for f in files)
    return Fragment(tags)


def chart_scripts(site_root: str = "") -> Fragment:
    """plotly.js (Plotly's partial 'basic' bundle) and the chart loader, once per page."""
    return _scripts(site_root, (PLOTLY_JS, CHARTS_JS))


def table_scripts(site_root: str = "") -> Fragment:
    """The search box of long tables, once per page."""
    return _scripts(site_root, (TABLES_JS,))


def _table(columns: list[str], rows: list[dict], caption: str, lang: str, table_id: str,
           searchable: bool = False, cards: bool = True, collapsed: bool = False) -> Markup:
    return render("table.html.j2", columns=columns, rows=rows, caption=caption, table_id=table_id, collapsed=collapsed,
                  searchable=searchable, cards=cards, search_label=t("ui:search", lang), count_template=t("ui:count", lang))


def frame_table(df: pd.DataFrame, caption: str, lang: str, table_id: str, ids: list[str] | None = None,
                searchable: bool = False, collapsed: bool = False) -> Markup:
    """A DataFrame as a table; cells that are Markup (links, badges) stay markup, others are escaped."""
    rows = [{"id": ids[i] if ids else None, "cells": ["–" if _missing(v) else v for v in row]}
            for i, row in enumerate(df.itertuples(index=False))]
    return _table(list(df.columns), rows, caption, lang, table_id, searchable=searchable, collapsed=collapsed)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def chart(data: Published, chart_id: str, lang: str, site_root: str = "", eager: bool = False) -> Fragment:
    """A chart drawn from its JSON export (fetched when it nears the viewport; ``eager`` for the
    first one), with its data as a table (the text alternative), the data files behind it and
    its standalone export and PNG."""
    from helpers.figures import chart as chart_spec

    check_lang(lang)
    spec = chart_spec(chart_id)
    json_path = figures_dir(project_root()) / f"{chart_id}-{lang}.json"
    height = json.loads(json_path.read_text(encoding="utf-8"))["layout"].get("height", 520)
    table = frame_table(chart_table(data, chart_id, lang), t("ui:chart-table", lang), lang, f"table-{chart_id}-{lang}")
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
    if chart_id == "status-history":  # issue 13
        from helpers.claimpages import status_history_table

        return status_history_table(data, lang)
    if chart_id == "estimates":
        est = data.estimates
        return pd.DataFrame({col("quantity"): [code_label("estimates", "quantity", q, lang) for q in est["quantity"]],
                             col("value"): [est_mod.format_bounds(lo, hi, lang) for lo, hi in zip(est["value_low"], est["value_high"])],
                             col("date"): [format_date(d, p, lang) for d, p in zip(est["as_of_date"], est["date_precision"])],
                             col("who"): [names.get(a, a) for a in est["claimant_actor_id"]],
                             col("method"): [code_label("estimates", "method", m, lang) for m in est["method"]],
                             t("source", lang): est["source_id"].map(source_labels(data.sources, lang))})
    kind = chart_id.removeprefix("map-")
    feats = data.geography["features"]
    if kind in ("overview", "korea-primorye"):
        from helpers import maps

        shown = {f["id"] for f in maps.select(data.geography, kind)[0]}
        places = [f["properties"] | {"id": f["id"]} for f in feats if f["properties"]["feature_type"] == "place" and f["id"] in shown]
        imagery = maps.imagery_lines(data, lang, prefix=False)
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


def _source_links(ids: str, sources: pd.DataFrame, labels: dict) -> Markup:
    """Links named by publisher, original publisher of a copy and tier (helpers.sourcing.source_labels)."""
    items = [link(sources.at[i, "url"], labels[i]) for i in split_ids(ids) if i in sources.index]
    return macro("joined", items=items, sep=Markup("<br>"))


def events_table(data: Published, lang: str) -> Fragment:
    """Every event of the timeline, searchable, each row addressable by its event_id."""
    tl = data.timeline
    src = data.sources.set_index("source_id")
    labels = source_labels(data.sources, lang)
    df = pd.DataFrame({
        t("col:date", lang): [format_date(d, p, lang) for d, p in zip(tl["date"], tl["date_precision"])],
        t("col:category", lang): [code_label("timeline", "category", c, lang) for c in tl["category"]],
        t("col:event", lang): tl["title_" + lang],
        t("col:status", lang): [code_label("timeline", "status", s, lang) for s in tl["status"]],
        t("col:sources", lang): [_source_links(s, src, labels) for s in tl["source_ids"]],
    })
    caption = {"fr": "Tous les événements de la chronologie", "en": "Every event of the timeline"}[lang]
    # folded on the story page (a phone would scroll through every card); a permalink opens it (tables.js)
    return Fragment(frame_table(df, caption, lang, f"events-{lang}", ids=list(tl["event_id"]), searchable=True, collapsed=True))


def badge(code: str, lang: str) -> Markup:
    return macro("badge", label=status_label(code, lang), colour=STATUS_COLOURS.get(code, "#999"))


def audited_article(data: Published, lang: str) -> Fragment:
    """The article's claims in order: status then and now, real first source, strongest evidence."""
    c = data.claims
    names = data.actors.set_index("actor_id")["name_" + lang]
    src = data.sources.set_index("source_id")
    labels = source_labels(data.sources, lang)
    hd = {"fr": ("§", "Affirmation de l'article", "Attribution dans l'article", "Statut au 4 nov. 2024", "Statut aujourd'hui",
                 "Première source trouvée", "Élément le plus solide", "L'attribution correspond-elle ?",
                 "Le chiffre de l'article était-il étayé ?"),
          "en": ("§", "The article's claim", "Article's attribution", "Status on 4 Nov 2024", "Status today",
                 "Earliest source found", "Strongest evidence", "Does the attribution match?",
                 "Was the article's figure supported?")}[lang]
    yes_no = {True: t("ui:yes", lang), False: t("ui:no", lang)}
    rows = []
    for _, r in c.iterrows():
        first = "–"
        if isinstance(r["first_claimant_actor_id"], str):
            first_att = data.claim_sources[(data.claim_sources["claim_id"] == r["claim_id"]) &
                                           (data.claim_sources["claimant_actor_id"] == r["first_claimant_actor_id"]) &
                                           (data.claim_sources["date"] == r["first_claimed"])].iloc[0]
            when = format_date(r["first_claimed"], r["first_claimed_precision"], lang)
            first = (escape(f"{names.get(r['first_claimant_actor_id'])}, {when} (")
                     + link(src.at[first_att["source_id"], "url"], labels[first_att["source_id"]]) + Markup(")"))
        strong = "–"
        if isinstance(r["strongest_source_id"], str):
            strong = (escape(code_label("claims", "strongest_evidence_type", r["strongest_evidence_type"], lang) + " (")
                      + link(src.at[r["strongest_source_id"], "url"], labels[r["strongest_source_id"]]) + Markup(")"))
        match = r["attribution_matches_earliest"]
        size = r["magnitude_supported_at_publication"]
        if pd.isna(size):
            size_text = "–"
        else:
            best = est_mod.format_number(r["largest_estimate_at_publication"], lang)
            then = {"fr": "plus haut chiffre alors", "en": "highest figure then"}[lang]
            size_text = f"{yes_no[bool(size)]} ({then}{colon(lang)} {best})"
        rows.append({"id": r["claim_id"], "cells": [
            r["paragraph"], r["claim_" + lang], t(r["article_attribution"], lang),
            badge(r["status_at_publication"], lang), badge(r["status_today"], lang), first, strong,
            "–" if pd.isna(match) else yes_no[bool(match)], size_text]})
    caption = {"fr": "L'article du 4 novembre 2024, affirmation par affirmation", "en": "The 4 November 2024 article, claim by claim"}[lang]
    return Fragment(_table(list(hd), rows, caption, lang, f"audit-{lang}"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def numbers_summary(data: Published, lang: str) -> Fragment:
    """'What the numbers say', computed from estimates.csv."""
    s = est_mod.summary(data.estimates)
    names = data.actors.set_index("actor_id")["name_" + lang]
    items = []
    for _, r in s.iterrows():
        latest = est_mod.format_bounds(r["latest_low"], r["latest_high"], lang)
        when = format_date(r["latest_date"], r["latest_precision"], lang)
        label = code_label("estimates", "quantity", r["quantity"], lang)
        if lang == "fr":
            text = (f" : {_plural(r['estimates'], 'estimation')} de {_plural(r['claimants'], 'source')} ; "
                    f"la plus récente, {latest} ({names.get(r['latest_claimant'])}, {when})")
            if r["spread_ratio"] and r["spread_ratio"] > 1:
                text += f" ; écart entre le plus petit et le plus grand chiffre : ×{est_mod.format_number(r['spread_ratio'], lang)}"
        else:
            text = (f": {_plural(r['estimates'], 'estimate')} from {_plural(r['claimants'], 'claimant')}; "
                    f"latest {latest} ({names.get(r['latest_claimant'])}, {when})")
            if r["spread_ratio"] and r["spread_ratio"] > 1:
                text += f"; highest figure is ×{est_mod.format_number(r['spread_ratio'], lang)} the lowest"
        items.append({"html": Markup("<strong>{}</strong>{}.").format(label, text)})
    return Fragment(render("list.html.j2", items=items, css_class="rpk-summary"))


def facts(data: Published) -> dict:
    """Numbers quoted in the prose (inline expressions), computed from the datasets."""
    tl, c, att, est = data.timeline, data.claims, data.claim_sources, data.estimates
    troops = c[c["topic"] == "troops"].iloc[0] if (c["topic"] == "troops").any() else None
    bib = bibliography_summary(data.sources)
    return {
        "events": len(tl), "first_year": int(tl["year"].min()), "last_date": Prose(tl["date"].max()),
        "sources": len(data.sources), "claims": len(c), "attributions": len(att), "estimates": len(est),
        "claimants": att["claimant_actor_id"].nunique(), "estimate_claimants": est["claimant_actor_id"].nunique(),
        "confirmed": int(c["status_today"].isin(claims_mod.ACKNOWLEDGED).sum()),
        "confirmed_then": int(c["status_at_publication"].isin(claims_mod.ACKNOWLEDGED).sum()),
        "troops_days": None if troops is None or pd.isna(troops["days_to_acknowledgement"]) else int(troops["days_to_acknowledgement"]),
        "troops_acknowledged_on": None if troops is None else troops["acknowledged_on"],
        "mismatched": int((c["attribution_matches_earliest"] == False).sum()),  # noqa: E712
        "events_after_article": int((tl["date"] > claims_mod.ARTICLE_DATE.isoformat()).sum()),
        **{k: bib[k] for k in ("untitled", "undated")},
        "wikipedia": int((data.sources["domain"] == "wikipedia.org").sum()),
    }


def date_text(value, lang: str) -> Prose:
    """A day written out for the prose ('4 novembre 2024')."""
    return Prose(format_date(value, "day", lang))


def magnitude_sentence(data: Published, lang: str) -> Prose:
    """Which of the article's figures the estimates available on its date did or did not support."""
    c = data.claims[data.claims["magnitude_supported_at_publication"].notna()]
    parts = []
    for _, r in c.iterrows():
        topic = t("topic:" + r["topic"], lang).lower()
        best = est_mod.format_number(r["largest_estimate_at_publication"], lang)
        need = est_mod.format_number(r["article_min"], lang)
        ok = bool(r["magnitude_supported_at_publication"])
        if lang == "fr":
            parts.append(f"{topic} : le plus haut chiffre de nos estimations à la date de l'article était {best}, "
                         + ("ce qui étaye l'ordre de grandeur de l'article" if ok else f"en deçà des {need} qu'implique la formulation de l'article"))
        else:
            parts.append(f"{topic}: the highest figure in our estimates on the article's date was {best}, "
                         + ("which supports the article's order of magnitude" if ok else f"short of the {need} the article's wording implies"))
    if not parts:
        return Prose("")
    lead = {"fr": "Ordres de grandeur — ", "en": "Orders of magnitude — "}[lang]
    return Prose(lead + {"fr": " ; ", "en": "; "}[lang].join(parts) + ".")


def status_changes(data: Published, lang: str) -> Fragment:
    """The article's claims whose derived status changed between its date and today."""
    c = data.claims[data.claims["status_at_publication"] != data.claims["status_today"]]
    if c.empty:
        return Fragment(Markup("<p>{}</p>").format({"fr": "Aucun statut n'a changé.", "en": "No status has changed."}[lang]))
    items = [{"html": Markup("§{} — {} {} → {}").format(r["paragraph"], r["claim_" + lang],
                                                      badge(r["status_at_publication"], lang), badge(r["status_today"], lang))}
             for _, r in c.iterrows()]
    return Fragment(render("list.html.j2", items=items, css_class="rpk-summary"))


def claim_status(data: Published, topic: str, lang: str, when: str = "status_today") -> str:
    """The derived status label of the article's claim on a topic (e.g. 'shells')."""
    row = data.claims[data.claims["topic"] == topic].iloc[0]
    return status_label(row[when], lang)


def arms_sentence(data: Published, lang: str) -> Prose:
    """What became of the shells and missiles claims, in one sentence computed from the ledger."""
    c = data.claims.set_index("topic")
    acknowledged = [t for t in ("shells", "missiles") if c.at[t, "status_today"] in claims_mod.ACKNOWLEDGED]
    shells, missiles = claim_status(data, "shells", lang), claim_status(data, "missiles", lang)
    if lang == "fr":
        lead = ("Ni Moscou ni Pyongyang n'ont reconnu les livraisons d'obus et de missiles"
                if not acknowledged else "Les livraisons d'armes ont été en partie reconnues")
        return Prose(f"{lead} : leur statut aujourd'hui est « {shells.lower()} » pour les obus et « {missiles.lower()} » pour les missiles.")
    lead = ("Neither Moscow nor Pyongyang has acknowledged the shell and missile deliveries"
            if not acknowledged else "The arms deliveries have been partly acknowledged")
    return Prose(f"{lead}: today their status is '{shells.lower()}' for shells and '{missiles.lower()}' for missiles.")


def described(item: dict, lang: str, key: str = "description") -> str:
    """A resource's or field's title or description in ``lang`` (French ones are ``x-<key>-fr``)."""
    return item.get(f"x-{key}-fr" if lang == "fr" else key) or item.get(key, "")


def data_dictionary(package: dict, lang: str = "en") -> pd.DataFrame:
    """One row per published column: file, column, type, description (from datapackage.json),
    in the page's language (French descriptions are the schemas' ``x-description-fr``)."""
    cols = [t("col:" + k, lang) for k in ("file", "column", "type", "description")]
    rows = [(res["path"], f["name"], t("ftype:" + f["type"], lang), described(f, lang))
            for res in package["resources"] for f in res.get("schema", {}).get("fields", [])]
    return pd.DataFrame(rows, columns=cols)


def dictionary_table(package: dict, lang: str) -> Fragment:
    """The data dictionary as a searchable table."""
    caption = {"fr": "Dictionnaire des données", "en": "Data dictionary"}[lang]
    return Fragment(frame_table(data_dictionary(package, lang), caption, lang, f"dictionary-{lang}", searchable=True))


def downloads(package: dict, lang: str, site_root: str = "") -> Fragment:
    items = []
    for res in package["resources"] + [{"path": "datapackage.json", "title": t("datapackage", "en"), "x-title-fr": t("datapackage", "fr"), "bytes": None}]:
        size = "" if not res.get("bytes") else f" ({res['bytes'] / 1024:,.0f} {t('unit-kb', lang)})"
        items.append({"html": Markup('<a href="{}" download>{}</a> — {}{}').format(
            f"{site_root}data/processed/{res['path']}", res["path"], described(res, lang, "title"), size)})
    return Fragment(render("list.html.j2", items=items, css_class="rpk-downloads"))


def figure_links(lang: str, site_root: str = "") -> Fragment:
    """Every chart export (standalone HTML to embed, PNG), in both languages."""
    from helpers.figures import CHARTS

    items = []
    for c in CHARTS:
        links = macro("joined", sep=" · ", items=[
            Markup('<a href="{}">{} {}</a>').format(f"{site_root}figures/{c.chart_id}-{lg}.{ext}", lg.upper(), ext.upper())
            for lg in ("fr", "en") for ext in ("html", "png")])
        items.append({"html": Markup("<strong>{}</strong> — {} {}").format(c.chart_id, c.alt[lang], links)})
    return Fragment(render("list.html.j2", items=items, css_class="rpk-downloads"))


def corrections_list(data: Published, lang: str) -> Fragment:
    c = data.corrections
    if c.empty:
        return Fragment(Markup("<p>{}</p>").format({"fr": "Aucune correction à ce jour.", "en": "No corrections so far."}[lang]))
    items = [{"html": Markup("<strong>{}</strong> — {} / {}{} {}").format(
        format_date(r["date"], "day", lang), r["table"], r["record_id"], colon(lang), r["description_" + lang])}
        for _, r in c.sort_values("date", ascending=False).iterrows()]
    return Fragment(render("list.html.j2", items=items, css_class="rpk-summary"))


def changelog(root: Path) -> str:
    return (root / "CHANGELOG.md").read_text(encoding="utf-8")
