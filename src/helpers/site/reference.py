"""The reference pages' blocks: the data page (data dictionary, downloads, chart exports, the
permalink register of events and estimates, the changelog), the methodology's bibliography
summary and the corrections list."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from helpers.charts.figures import CHARTS
from helpers.core.dates import format_date, format_day
from helpers.core.escape import safe_url
from helpers.core.labels import check_lang, colon, count_label, format_number, quote, t
from helpers.core.paths import project_root
from helpers.core.reads import require
from helpers.model.bibliography import bibliography_summary
from helpers.model.estimates import format_bounds
from helpers.model.published import Published, data_dictionary, described
from helpers.site.fragments import Fragment, frame_table
from helpers.site.render import macro, render
from helpers.site.urls import CLAIMREVIEW_FILE, FEED_FILES, report_address, report_href


def dictionary_table(package: dict, lang: str) -> Fragment:
    """The data dictionary, one folded table per published file (a phone reader opens the one
    they need instead of scrolling past every column of every file)."""
    frame = data_dictionary(package, lang)
    file_col = frame.columns[0]
    parts = []
    for res in package["resources"]:
        rows = frame[frame[file_col] == res["path"]].drop(columns=file_col)
        if rows.empty:
            continue
        table = frame_table(rows, f"{res['path']} — {described(res, lang, 'title')}", lang,
                            f"dictionary-{lang}-{res['name']}")
        summary = Markup("<code>{}</code> — {} ({})").format(res["path"], described(res, lang, "title"),
                                                           count_label(len(rows), "column", lang))
        parts.append(Markup('<details class="rpk-dictionary"><summary>{}</summary>{}</details>').format(summary, table))
    return Fragment(Markup("").join(parts))


def downloads(package: dict, lang: str, site_root: str = "") -> Fragment:
    items = []
    for res in package["resources"] + [{"path": "datapackage.json", "title": t("datapackage", "en"), "x-title-fr": t("datapackage", "fr"), "bytes": None}]:
        size = "" if not res.get("bytes") else f" ({res['bytes'] / 1024:,.0f} {t('unit-kb', lang)})"
        items.append({"html": Markup('<a href="{}" download>{}</a> — {}{}').format(
            f"{site_root}data/processed/{res['path']}", res["path"], described(res, lang, "title"), size)})
    return Fragment(render("list.html.j2", items=items, css_class="rpk-downloads"))


def figure_links(lang: str, site_root: str = "") -> Fragment:
    """Every chart export (standalone HTML to embed, PNG), in both languages."""
    items = []
    for c in CHARTS:
        links = macro("joined", sep=" · ", items=[
            Markup('<a href="{}">{} {}</a>').format(f"{site_root}figures/{c.chart_id}-{lg}.{ext}", lg.upper(), ext.upper())
            for lg in ("fr", "en") for ext in ("html", "png")])
        items.append({"html": Markup("<strong>{}</strong> — {} {}").format(t("chart:" + c.chart_id, lang), c.alt[lang], links)})
    return Fragment(render("list.html.j2", items=items, css_class="rpk-downloads"))


def record_name(data: Published, table: str, record_id: str, lang: str) -> tuple[str, str | None]:
    """A corrected record as a reader names it, and its permalink from the corrections page (which
    sits beside its language's data page and claims/ folder); (id, None) for a removed record."""
    from helpers.site.urls import DATA_PAGE

    data_page = DATA_PAGE[lang].rsplit("/", 1)[-1]
    fr = lang == "fr"
    names = data.actors.set_index("actor_id")["name_" + lang]
    if table == "timeline" and record_id in set(data.timeline["event_id"]):
        r = data.timeline.set_index("event_id").loc[record_id]
        return f"{t('rg:event', lang)} {quote(r['title_' + lang], lang)}", f"{data_page}#{record_id}"
    if table == "claims" and record_id in set(data.claims["claim_id"]):
        topic = t("topic:" + data.claims.set_index("claim_id").at[record_id, "topic"], lang)
        return f"{t('cp:title', lang)} {record_id[3:]} · {topic}", f"claims/{record_id}.html"
    if table == "claim_sources" and record_id in set(data.claim_sources["attribution_id"]):
        a = data.claim_sources.set_index("attribution_id").loc[record_id]
        who = names.get(a["claimant_actor_id"], a["claimant_actor_id"])
        text = (f"Prise de position — {who} (affirmation {a['claim_id'][3:]})" if fr
                else f"Statement — {who} (claim {a['claim_id'][3:]})")
        return text, f"claims/{a['claim_id']}.html#{record_id}"
    if table == "estimates" and record_id in set(data.estimates["estimate_id"]):
        e = data.estimates.set_index("estimate_id").loc[record_id]
        return f"{t(e['quantity'], lang)} — {names.get(e['claimant_actor_id'], e['claimant_actor_id'])}", f"{data_page}#{record_id}"
    if table == "sources" and record_id in set(data.sources["source_id"]):
        s = data.sources.set_index("source_id").loc[record_id]
        return f"Source{colon(lang)} {s['publisher']}", safe_url(s["url"])
    if table == "places" and record_id in set(data.places["place_id"]):
        return f"{'Lieu' if fr else 'Place'}{colon(lang)} {data.places.set_index('place_id').at[record_id, 'name_' + lang]}", None
    return record_id, None


def report_channel(lang: str, root: Path | None = None) -> Fragment:
    """Where to report an error: the desk's address (``rpk-report`` in _quarto.yml) as a link with
    the subject filled in."""
    address = report_address(root or project_root())
    href = report_href(address, t("cp:report-subject", lang))
    return Fragment(Markup('<p class="rpk-report">{} <a href="{}">{}</a>.</p>').format(t("co:write", lang), href, address))


def corrections_list(data: Published, lang: str) -> Fragment:
    """Each correction by the readable name of the record it corrected, linked to its permalink."""
    c = data.corrections
    if c.empty:
        return Fragment(Markup("<p>{}</p>").format({"fr": "Aucune correction à ce jour.", "en": "No corrections so far."}[lang]))
    items = []
    for _, r in c.sort_values(["date", "correction_id"], ascending=[False, True]).iterrows():
        name, href = record_name(data, r["table"], r["record_id"], lang)
        shown = Markup('<a href="{}">{}</a>').format(href, name) if href else Markup("{}").format(name)
        items.append({"id": r["correction_id"], "html": Markup("<strong>{}</strong> — {}{} {}").format(
            format_date(r["date"], "day", lang), shown, colon(lang), r["description_" + lang])})
    return Fragment(render("list.html.j2", items=items, css_class="rpk-summary"))


def changelog(root: Path | None = None) -> str:
    """CHANGELOG.md as written (English), for the English data page."""
    require("CHANGELOG.md")
    return ((root or project_root()) / "CHANGELOG.md").read_text(encoding="utf-8")



def register(data: Published, lang: str, site_root: str = ""):
    """Every event and estimate as a table row whose id is its stable id (the data page), with its
    permalink; the feeds and ClaimReview download. Tables folded and searchable."""
    names = data.actors.set_index("actor_id")["name_" + lang]

    def permalink(text, ident):
        return Markup('{}<br><a class="rpk-permalink" href="#{}">{}</a>').format(text, ident, ident)

    tl, est = data.timeline, data.estimates
    events = pd.DataFrame({
        t("col:date", lang): [format_date(d, p, lang) for d, p in zip(tl["date"], tl["date_precision"])],
        t("rg:event", lang): [permalink(x, i) for x, i in zip(tl["title_" + lang], tl["event_id"])],
        t("rg:status", lang): [t(x, lang) for x in tl["status"]]})
    estimates = pd.DataFrame({
        t("rg:quantity", lang): [permalink(t(q, lang), i) for q, i in zip(est["quantity"], est["estimate_id"])],
        t("rg:value", lang): [format_bounds(lo, hi, lang) for lo, hi in zip(est["value_low"], est["value_high"])],
        t("col:date", lang): [format_day(d, lang) for d in est["as_of_date"]],
        t("rg:who", lang): [names.get(a, a) for a in est["claimant_actor_id"]]})
    files = [site_root + FEED_FILES[lg] for lg in ("fr", "en")] + [site_root + CLAIMREVIEW_FILE]
    return Fragment(render("register.html.j2", files=files)
                    + frame_table(events, t("rg:events", lang), lang, f"register-events-{lang}", ids=list(tl["event_id"]),
                                  searchable=True, collapsed=True)
                    + frame_table(estimates, t("rg:estimates", lang), lang, f"register-estimates-{lang}",
                                  ids=list(est["estimate_id"]), searchable=True, collapsed=True))


def _percent(share: float, lang: str) -> str:
    text = f"{100 * share:.1f}"
    return (text.replace(".", ",") + "\u202f%") if lang == "fr" else text + "%"


def bibliography_block(sources: pd.DataFrame, lang: str) -> str:
    """Counts by tier, type and language, and the shares of primary and wire sources."""
    check_lang(lang)
    s = bibliography_summary(sources)
    n = s["sources"]
    pct = lambda share: _percent(share, lang)  # noqa: E731
    sentence = {
        "fr": (f"La bibliographie compte {format_number(n, lang)} sources : {pct(s['primary_share'])} de sources primaires et "
               f"{pct(s['wire_share'])} d'agences de presse ; {s['reprints']} reprises nomment leur éditeur d'origine ; "
               f"{pct(s['aggregator_share'])} sont des agrégateurs et {s['refused']} viennent d'un domaine refusé."),
        "en": (f"The bibliography holds {format_number(n, lang)} sources: {pct(s['primary_share'])} primary sources and "
               f"{pct(s['wire_share'])} wire agencies; {s['reprints']} copies name their original publisher; "
               f"{pct(s['aggregator_share'])} are aggregators and {s['refused']} come from a refused domain."),
    }[lang]
    return render("bibliography_summary.html.j2",
        sentence=sentence,
        caption={"fr": "Sources par rang (calculé depuis sources.csv et publishers.csv)",
                 "en": "Sources by tier (computed from sources.csv and publishers.csv)"}[lang],
        head={"fr": ("Rang", "Sources", "Part"), "en": ("Tier", "Sources", "Share")}[lang],
        tiers=[(t("tier:" + k, lang), v, pct(v / n if n else 0)) for k, v in s["by_tier"].items()],
        type_title={"fr": "Par type de document", "en": "By type of document"}[lang],
        types=[(t("stype:" + k, lang), v) for k, v in s["by_type"].items()],
        language_title={"fr": "Par langue (code ISO 639-1)", "en": "By language (ISO 639-1 code)"}[lang],
        languages=list(s["by_language"].items()), colon=colon(lang))


def verdict_scale(data: Published, lang: str) -> Fragment:
    """The published verdict scale (methodology page): rank, status, its rule, and the claims at
    that level today, linked to their pages (from the page's folder, as both methodology pages are
    beside their language's claims/ folder)."""
    from helpers.model.claims import RATING, SCALE
    from helpers.site.fragments import badge

    check_lang(lang)
    today = data.claims.set_index("claim_id")["status_today"]
    rows = []
    for level in SCALE:
        claims = [cid for cid, s in today.items() if s in level]
        links = Markup(", ").join(Markup('<a href="claims/{}.html">{}</a>').format(cid, cid[3:]) for cid in claims)
        rows.append({t("scale:rank", lang): RATING[level[0]],
                     t("scale:status", lang): Markup(" ").join(badge(code, lang) for code in level),
                     t("scale:rule", lang): Markup("<br>").join(Markup("{}").format(t("rule:" + code, lang)) for code in level),
                     t("scale:examples", lang): links or "–"})
    return Fragment(frame_table(pd.DataFrame(rows), t("scale:caption", lang), lang, f"verdict-scale-{lang}"))
