"""What the Quarto pages call: chart embeds, tables, downloads, dictionary, computed prose.

Pages stay thin: one call per block, every figure in the prose computed here from the
published data, never typed by hand.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import claims as claims_mod
from helpers import estimates as est_mod
from helpers.data import Published
from helpers.dates import format_date
from helpers.figures import build_figure, figure_html
from helpers.htmltext import esc, link
from helpers.sourcing import source_labels
from helpers.style import STATUS_COLOURS, check_lang, colon, status_label, t
from helpers.tables import split_ids


class HTML:
    """Minimal rich-display object (what IPython.display.HTML does), so pages need no IPython import."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def plotly_script(site_root: str = "") -> HTML:
    """Load plotly.js once per page, from the site itself (assets/vendor), so charts draw offline."""
    return HTML(f'<script src="{esc(site_root)}assets/vendor/plotly.min.js"></script>')


def chart(data: Published, chart_id: str, lang: str, site_root: str = "") -> HTML:
    """A chart with, under it, its data as a table (the text alternative), links to the data
    files behind it, and links to its standalone export and PNG."""
    from helpers.figures import chart as chart_spec

    check_lang(lang)
    fig = build_figure(data, chart_id, lang)
    label = {"fr": ("Ouvrir seul / intégrer", "Image PNG", "Données", "Le graphique en tableau"),
             "en": ("Open alone / embed", "PNG image", "Data", "The chart as a table")}[lang]
    files = " ".join(f'<a href="{esc(site_root)}data/processed/{esc(f)}">{esc(f)}</a>' for f in chart_spec(chart_id).data_files)
    table = _table(chart_table(data, chart_id, lang), label[3])
    extra = (f'<details class="rpk-fallback"><summary>{label[3]}</summary>{table}</details>'
             f'<p class="rpk-chart-links small">{label[2]}{colon(lang)} {files} · '
             f'<a href="{esc(site_root)}figures/{chart_id}-{lang}.html">{label[0]}</a> · '
              f'<a href="{esc(site_root)}figures/{chart_id}-{lang}.png">{label[1]}</a></p>')
    return HTML(figure_html(fig, chart_id, lang) + extra)


def chart_table(data: Published, chart_id: str, lang: str) -> pd.DataFrame:
    """What each chart shows, as rows: the accessible fallback under every chart."""
    names = data.actors.set_index("actor_id")["name_" + lang]
    fr = lang == "fr"
    if chart_id == "timeline":
        tl = data.timeline
        return pd.DataFrame({"Date": [format_date(d, p, lang) for d, p in zip(tl["date"], tl["date_precision"])],
                             ("Catégorie" if fr else "Category"): [t(c, lang) for c in tl["category"]],
                             ("Événement" if fr else "Event"): tl["title_" + lang],
                             ("Statut" if fr else "Status"): [t(x, lang) for x in tl["status"]]})
    if chart_id == "claims":
        att = data.claim_sources
        return pd.DataFrame({("Affirmation" if fr else "Claim"): att["claim_id"],
                             "Date": [format_date(d, p, lang) for d, p in zip(att["date"], att["date_precision"])],
                             ("Qui" if fr else "Who"): [names.get(a, a) for a in att["claimant_actor_id"]],
                             ("Position" if fr else "Stance"): [t(x, lang) for x in att["stance"]],
                             ("Preuve" if fr else "Evidence"): att["evidence_type"],
                             t("source", lang): att["source_id"].map(source_labels(data.sources, lang))})
    if chart_id == "estimates":
        est = data.estimates
        return pd.DataFrame({("Quantité" if fr else "Quantity"): [t(q, lang) for q in est["quantity"]],
                             ("Valeur" if fr else "Value"): [est_mod.format_bounds(lo, hi, lang) for lo, hi in zip(est["value_low"], est["value_high"])],
                             "Date": [format_date(d, p, lang) for d, p in zip(est["as_of_date"], est["date_precision"])],
                             ("Qui" if fr else "Who"): [names.get(a, a) for a in est["claimant_actor_id"]],
                             ("Méthode" if fr else "Method"): [t(m, lang) for m in est["method"]],
                             t("source", lang): est["source_id"].map(source_labels(data.sources, lang))})
    kind = chart_id.removeprefix("map-")
    feats = data.geography["features"]
    if kind == "overview":
        places = [f["properties"] | {"id": f["id"]} for f in feats if f["properties"]["feature_type"] == "place"]
        return pd.DataFrame({("Lieu" if fr else "Place"): [p["name_" + lang] for p in places],
                             ("Rôle" if fr else "Role"): [p["role"] for p in places],
                             ("Pays" if fr else "Country"): [p["country"] for p in places],
                             ("Événements" if fr else "Events"): [p["event_count"] for p in places]})
    wanted = {"troops": "troop movement", "munitions": "arms shipment"}[kind]
    routes = [f["properties"] for f in feats if f["properties"]["feature_type"] == "route" and f["properties"]["kind"] == wanted]
    return pd.DataFrame({("Route" if fr else "Route"): [r["name_" + lang] for r in routes],
                         ("Mode" if fr else "Mode"): [r["mode"] for r in routes],
                         ("Signalée le" if fr else "First reported"): [r["first_reported"] for r in routes],
                         ("Par" if fr else "By"): [names.get(r["claimant_actor_id"], r["claimant_actor_id"]) for r in routes],
                         ("Statut" if fr else "Status"): [t(r["status"], lang) for r in routes]})


def _table(df: pd.DataFrame, caption: str, html_cols: tuple[str, ...] = ()) -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td>{v if c in html_cols else esc(v)}</td>" for c, v in row.items()) + "</tr>"
                   for _, row in df.iterrows())
    return (f'<div class="rpk-table-wrap"><table class="table table-sm rpk-table"><caption>{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')


def _source_links(ids: str, sources: pd.DataFrame, lang: str) -> str:
    """Links named by publisher, original publisher of a copy and tier."""
    labels, urls = source_labels(sources, lang), dict(zip(sources["source_id"], sources["url"]))
    return "<br>".join(link(urls[i], labels[i]) for i in split_ids(ids) if i in urls)


def events_table(data: Published, lang: str) -> pd.DataFrame:
    """The searchable fallback of the timeline: date, category, title, status, sources (links)."""
    tl = data.timeline
    cols = {"fr": ["Date", "Catégorie", "Événement", "Statut", "Sources"], "en": ["Date", "Category", "Event", "Status", "Sources"]}[lang]
    return pd.DataFrame({
        cols[0]: tl["date"], cols[1]: [t(c, lang) for c in tl["category"]],
        cols[2]: [esc(x) for x in tl["title_" + lang]], cols[3]: [t(s, lang) for s in tl["status"]],
        cols[4]: [_source_links(s, data.sources, lang) for s in tl["source_ids"]],
    })


def itables_script() -> HTML:
    """DataTables, bundled with itables, loaded once per page from the page itself (no CDN)."""
    from pathlib import Path as _Path

    import itables
    from itables.javascript import generate_init_offline_itables_html

    return HTML(generate_init_offline_itables_html(_Path(itables.__file__).parent / "html" / "dt_bundle.js"))


def interactive_table(df: pd.DataFrame, caption: str):
    """itables (DataTables bundled offline, see :func:`itables_script`) for search and sort;
    the HTML cells are pre-escaped."""
    from itables import to_html_datatable

    return HTML(to_html_datatable(df, caption=caption, connected=False, allow_html=True, classes="display compact",
                                  lengthMenu=[10, 25, 100], pageLength=10, display_logo_when_loading=False))


def badge(code: str, lang: str) -> str:
    return (f'<span class="rpk-badge" style="border-color:{STATUS_COLOURS.get(code, "#999")}">'
            f'{esc(status_label(code, lang))}</span>')


def audited_article(data: Published, lang: str) -> HTML:
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
    yes_no = {True: {"fr": "oui", "en": "yes"}[lang], False: {"fr": "non", "en": "no"}[lang]}
    rows = []
    for _, r in c.iterrows():
        first = "–"
        if isinstance(r["first_claimant_actor_id"], str):
            first_att = data.claim_sources[(data.claim_sources["claim_id"] == r["claim_id"]) &
                                           (data.claim_sources["claimant_actor_id"] == r["first_claimant_actor_id"]) &
                                           (data.claim_sources["date"] == r["first_claimed"])].iloc[0]
            when = format_date(r["first_claimed"], r["first_claimed_precision"], lang)
            first = (f"{esc(names.get(r['first_claimant_actor_id']))}, {esc(when)}"
                     f" ({link(src.at[first_att['source_id'], 'url'], labels[first_att['source_id']])})")
        strong = "–"
        if isinstance(r["strongest_source_id"], str):
            strong = f"{esc(r['strongest_evidence_type'])} ({link(src.at[r['strongest_source_id'], 'url'], labels[r['strongest_source_id']])})"
        match = r["attribution_matches_earliest"]
        size = r["magnitude_supported_at_publication"]
        if pd.isna(size):
            size_text = "–"
        else:
            best = est_mod.format_number(r["largest_estimate_at_publication"], lang)
            then = {"fr": "plus haut chiffre alors", "en": "highest figure then"}[lang]
            size_text = f"{yes_no[bool(size)]} ({then}{colon(lang)} {best})"
        rows.append({hd[0]: r["paragraph"], hd[1]: esc(r["claim_" + lang]), hd[2]: esc(t(r["article_attribution"], lang)),
                     hd[3]: badge(r["status_at_publication"], lang), hd[4]: badge(r["status_today"], lang),
                     hd[5]: first, hd[6]: strong, hd[7]: "–" if pd.isna(match) else yes_no[bool(match)],
                     hd[8]: esc(size_text)})
    caption = {"fr": "L'article du 4 novembre 2024, affirmation par affirmation", "en": "The 4 November 2024 article, claim by claim"}[lang]
    return HTML(_table(pd.DataFrame(rows), caption, html_cols=hd))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def numbers_summary(data: Published, lang: str) -> HTML:
    """'What the numbers say', computed from estimates.csv."""
    s = est_mod.summary(data.estimates)
    names = data.actors.set_index("actor_id")["name_" + lang]
    items = []
    for _, r in s.iterrows():
        latest = est_mod.format_bounds(r["latest_low"], r["latest_high"], lang)
        when = format_date(r["latest_date"], r["latest_precision"], lang)
        if lang == "fr":
            text = (f"<strong>{esc(t(r['quantity'], lang))}</strong> : {_plural(r['estimates'], 'estimation')} de "
                    f"{_plural(r['claimants'], 'source')} ; la plus récente, {esc(latest)} ({esc(names.get(r['latest_claimant']))}, {esc(when)})")
            if r["spread_ratio"] and r["spread_ratio"] > 1:
                text += f" ; écart entre le plus petit et le plus grand chiffre : ×{esc(est_mod.format_number(r['spread_ratio'], lang))}"
        else:
            text = (f"<strong>{esc(t(r['quantity'], lang))}</strong>: {_plural(r['estimates'], 'estimate')} from "
                    f"{_plural(r['claimants'], 'claimant')}; latest {esc(latest)} ({esc(names.get(r['latest_claimant']))}, {esc(when)})")
            if r["spread_ratio"] and r["spread_ratio"] > 1:
                text += f"; highest figure is ×{esc(est_mod.format_number(r['spread_ratio'], lang))} the lowest"
        items.append(f"<li>{text}.</li>")
    return HTML("<ul class='rpk-summary'>" + "".join(items) + "</ul>")


def facts(data: Published) -> dict:
    """Numbers quoted in the prose (inline expressions), computed from the datasets."""
    tl, c, att, est = data.timeline, data.claims, data.claim_sources, data.estimates
    troops = c[c["topic"] == "troops"].iloc[0] if (c["topic"] == "troops").any() else None
    return {
        "events": len(tl), "first_year": int(tl["year"].min()), "last_date": tl["date"].max(),
        "sources": len(data.sources), "claims": len(c), "attributions": len(att), "estimates": len(est),
        "claimants": att["claimant_actor_id"].nunique(), "estimate_claimants": est["claimant_actor_id"].nunique(),
        "confirmed": int(c["status_today"].isin(claims_mod.ACKNOWLEDGED).sum()),
        "confirmed_then": int(c["status_at_publication"].isin(claims_mod.ACKNOWLEDGED).sum()),
        "troops_days": None if troops is None or pd.isna(troops["days_to_acknowledgement"]) else int(troops["days_to_acknowledgement"]),
        "troops_acknowledged_on": None if troops is None else troops["acknowledged_on"],
        "mismatched": int((c["attribution_matches_earliest"] == False).sum()),  # noqa: E712
        "events_after_article": int((tl["date"] > claims_mod.ARTICLE_DATE.isoformat()).sum()),
    }


def magnitude_sentence(data: Published, lang: str) -> str:
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
        return ""
    lead = {"fr": "Ordres de grandeur — ", "en": "Orders of magnitude — "}[lang]
    return lead + {"fr": " ; ", "en": "; "}[lang].join(parts) + "."


def status_changes(data: Published, lang: str) -> HTML:
    """The article's claims whose derived status changed between its date and today."""
    c = data.claims[data.claims["status_at_publication"] != data.claims["status_today"]]
    if c.empty:
        return HTML("<p>" + {"fr": "Aucun statut n'a changé.", "en": "No status has changed."}[lang] + "</p>")
    items = "".join(f"<li>§{r['paragraph']} — {esc(r['claim_' + lang])} {badge(r['status_at_publication'], lang)} → "
                    f"{badge(r['status_today'], lang)}</li>" for _, r in c.iterrows())
    return HTML(f"<ul class='rpk-summary'>{items}</ul>")


def claim_status(data: Published, topic: str, lang: str, when: str = "status_today") -> str:
    """The derived status label of the article's claim on a topic (e.g. 'shells')."""
    row = data.claims[data.claims["topic"] == topic].iloc[0]
    return status_label(row[when], lang)


def arms_sentence(data: Published, lang: str) -> str:
    """What became of the shells and missiles claims, in one sentence computed from the ledger."""
    c = data.claims.set_index("topic")
    acknowledged = [t for t in ("shells", "missiles") if c.at[t, "status_today"] in claims_mod.ACKNOWLEDGED]
    shells, missiles = claim_status(data, "shells", lang), claim_status(data, "missiles", lang)
    if lang == "fr":
        lead = ("Ni Moscou ni Pyongyang n'ont reconnu les livraisons d'obus et de missiles"
                if not acknowledged else "Les livraisons d'armes ont été en partie reconnues")
        return f"{lead} : leur statut aujourd'hui est « {shells.lower()} » pour les obus et « {missiles.lower()} » pour les missiles."
    lead = ("Neither Moscow nor Pyongyang has acknowledged the shell and missile deliveries"
            if not acknowledged else "The arms deliveries have been partly acknowledged")
    return f"{lead}: today their status is '{shells.lower()}' for shells and '{missiles.lower()}' for missiles."


def data_dictionary(package: dict, lang: str = "en") -> pd.DataFrame:
    """One row per published column: file, column, type, description (from datapackage.json)."""
    cols = {"fr": ["Fichier", "Colonne", "Type", "Description"], "en": ["File", "Column", "Type", "Description"]}[lang]
    rows = []
    for res in package["resources"]:
        for f in res.get("schema", {}).get("fields", []):
            rows.append({cols[0]: res["path"], cols[1]: f["name"], cols[2]: f["type"], cols[3]: f.get("description", "")})
    return pd.DataFrame(rows)


def downloads(package: dict, lang: str, site_root: str = "") -> HTML:
    rows = []
    for res in package["resources"] + [{"path": "datapackage.json", "title": "Data Package (dictionary)", "bytes": None}]:
        size = "" if not res.get("bytes") else f" ({res['bytes'] / 1024:,.0f} KB)"
        rows.append(f'<li><a href="{esc(site_root)}data/processed/{esc(res["path"])}" download>{esc(res["path"])}</a> — {esc(res["title"])}{esc(size)}</li>')
    return HTML("<ul>" + "".join(rows) + "</ul>")


def figure_links(lang: str, site_root: str = "") -> HTML:
    """Every chart export (standalone HTML to embed, PNG), in both languages."""
    from helpers.figures import CHARTS

    items = []
    for c in CHARTS:
        links = " · ".join(f'<a href="{esc(site_root)}figures/{c.chart_id}-{lg}.{ext}">{lg.upper()} {ext.upper()}</a>'
                           for lg in ("fr", "en") for ext in ("html", "png"))
        items.append(f"<li><strong>{esc(c.chart_id)}</strong> — {esc(c.alt[lang])} {links}</li>")
    return HTML("<ul>" + "".join(items) + "</ul>")


def corrections_list(data: Published, lang: str) -> HTML:
    c = data.corrections
    if c.empty:
        return HTML("<p>" + {"fr": "Aucune correction à ce jour.", "en": "No corrections so far."}[lang] + "</p>")
    items = "".join(f"<li><strong>{esc(format_date(r['date'], 'day', lang))}</strong> — {esc(r['table'])} / {esc(r['record_id'])}: "
                    f"{esc(r['description_' + lang])}</li>" for _, r in c.sort_values("date", ascending=False).iterrows())
    return HTML(f"<ul>{items}</ul>")


def changelog(root: Path) -> str:
    return (root / "CHANGELOG.md").read_text(encoding="utf-8")
