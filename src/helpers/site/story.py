"""The story and claims pages' blocks: every number and sentence of their prose computed from the
published data (never typed by hand), the audited article, the claims list, the table of events
and the estimates summary."""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup, escape

from helpers.core.dates import format_date
from helpers.core.escape import link
from helpers.core.labels import code_label, colon, format_number, quote, status_label, t
from helpers.model.bibliography import bibliography_summary, source_labels
from helpers.model.claims import ACKNOWLEDGED, ARTICLE_DATE
from helpers.model.estimates import format_bounds
from helpers.model.estimates import summary as estimate_summary
from helpers.model.published import Published
from helpers.raw.tables import split_ids
from helpers.site.fragments import Fragment, Prose, badge, frame_table, status_badge, table
from helpers.site.render import macro, render
from helpers.site.urls import claim_path


def _source_links(ids: str, sources: pd.DataFrame, labels: dict) -> Markup:
    """Links named by publisher, original publisher of a copy and tier (helpers.sourcing.source_labels)."""
    items = [link(sources.at[i, "url"], labels[i]) for i in split_ids(ids) if i in sources.index]
    return macro("joined", items=items, sep=Markup("<br>"))


def events_frame(data: Published, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Every event of the timeline as the events table shows it, and the event ids of its rows."""
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
    return df, list(tl["event_id"])


def events_table(data: Published, lang: str, site_root: str = "") -> Fragment:
    """Every event of the timeline, searchable, each row addressable by its event_id: the first rows
    in the page, the others loaded when the reader opens, searches or follows a permalink (the
    story page does not grow with the timeline)."""
    df, ids = events_frame(data, lang)
    caption = {"fr": "Tous les événements de la chronologie", "en": "Every event of the timeline"}[lang]
    # folded on the story page (a phone would scroll through every card); a permalink opens it (tables.js)
    return Fragment(frame_table(df, caption, lang, f"events-{lang}", ids=ids, searchable=True, collapsed=True, lazy=True,
                                site_root=site_root, csv_src="data/processed/timeline.csv"))


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
            best = format_number(r["largest_estimate_at_publication"], lang)
            then = {"fr": "plus haut chiffre alors", "en": "highest figure then"}[lang]
            size_text = f"{yes_no[bool(size)]} ({then}{colon(lang)} {best})"
        rows.append({"id": r["claim_id"], "cells": [
            r["paragraph"], r["claim_" + lang], t(r["article_attribution"], lang),
            badge(r["status_at_publication"], lang), badge(r["status_today"], lang), first, strong,
            "–" if pd.isna(match) else yes_no[bool(match)], size_text]})
    caption = {"fr": "L'article du 4 novembre 2024, affirmation par affirmation", "en": "The 4 November 2024 article, claim by claim"}[lang]
    return Fragment(table(list(hd), rows, caption, lang, f"audit-{lang}"))


def numbers_summary(data: Published, lang: str) -> Fragment:
    """'What the numbers say', computed from estimates.csv: one row per quantity with its lowest,
    highest and latest figure and who gave each. Only figures of one quantity are compared; no
    ratio is computed (two figures of one quantity may still cover different scopes: see notes)."""
    s = estimate_summary(data.estimates)
    names = data.actors.set_index("actor_id")["name_" + lang]
    fr = lang == "fr"

    def given(value, who, day, prec) -> str:
        return f"{format_number(value, lang)} ({names.get(who, who)}, {format_date(day, prec, lang)})"

    rows = []
    for _, r in s.iterrows():
        rows.append({
            t("rg:quantity", lang): code_label("estimates", "quantity", r["quantity"], lang),
            "Estimations" if fr else "Estimates": int(r["estimates"]),
            "Le plus bas" if fr else "Lowest": given(r["smallest"], r["smallest_claimant"], r["smallest_date"], r["smallest_precision"]),
            "Le plus haut" if fr else "Highest": given(r["largest"], r["largest_claimant"], r["largest_date"], r["largest_precision"]),
            "Le plus récent" if fr else "Latest": f"{format_bounds(r['latest_low'], r['latest_high'], lang)} "
                                                   f"({names.get(r['latest_claimant'])}, {format_date(r['latest_date'], r['latest_precision'], lang)})",
        })
    caption = ("Ce que disent les chiffres : pour chaque quantité, le plus bas, le plus haut et le plus récent, et qui les donne"
               if fr else "What the numbers say: for each quantity, the lowest, highest and latest figure, and who gives it")
    return Fragment(frame_table(pd.DataFrame(rows), caption, lang, f"numbers-{lang}"))


def facts(data: Published) -> dict:
    """Numbers quoted in the prose (inline expressions), computed from the datasets."""
    tl, c, att, est = data.timeline, data.claims, data.claim_sources, data.estimates
    troops = c[c["topic"] == "troops"].iloc[0] if (c["topic"] == "troops").any() else None
    bib = bibliography_summary(data.sources)
    return {
        "events": len(tl), "first_year": int(tl["year"].min()), "last_date": Prose(tl["date"].max()),
        "sources": len(data.sources), "claims": len(c), "attributions": len(att), "estimates": len(est),
        "claimants": att["claimant_actor_id"].nunique(), "estimate_claimants": est["claimant_actor_id"].nunique(),
        "confirmed": int(c["status_today"].isin(ACKNOWLEDGED).sum()),
        "confirmed_then": int(c["status_at_publication"].isin(ACKNOWLEDGED).sum()),
        "troops_days": None if troops is None or pd.isna(troops["days_to_acknowledgement"]) else int(troops["days_to_acknowledgement"]),
        "troops_acknowledged_on": None if troops is None else troops["acknowledged_on"],
        "mismatched": int((c["attribution_matches_earliest"] == False).sum()),  # noqa: E712
        "events_after_article": int((tl["date"] > ARTICLE_DATE.isoformat()).sum()),
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
        best = format_number(r["largest_estimate_at_publication"], lang)
        need = format_number(r["article_min"], lang)
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
    return status_label(by_topic(data).at[topic, when], lang)


def by_topic(data: Published) -> pd.DataFrame:
    """The claims by topic: the first claim of each topic, in the article's order (the one the
    story's sentences are about, as claim_status and party_acknowledgements take it)."""
    return data.claims.drop_duplicates("topic").set_index("topic")


def arms_sentence(data: Published, lang: str) -> Prose:
    """What became of the shells and missiles claims, in one sentence computed from the ledger."""
    c = by_topic(data)
    acknowledged = [t for t in ("shells", "missiles") if c.at[t, "status_today"] in ACKNOWLEDGED]
    shells, missiles = claim_status(data, "shells", lang), claim_status(data, "missiles", lang)
    if lang == "fr":
        lead = ("Ni Moscou ni Pyongyang n'ont reconnu les livraisons d'obus et de missiles"
                if not acknowledged else "Les livraisons d'armes ont été en partie reconnues")
        return Prose(f"{lead} : leur statut aujourd'hui est « {shells.lower()} » pour les obus et « {missiles.lower()} » pour les missiles.")
    lead = ("Neither Moscow nor Pyongyang has acknowledged the shell and missile deliveries"
            if not acknowledged else "The arms deliveries have been partly acknowledged")
    return Prose(f"{lead}: today their status is '{shells.lower()}' for shells and '{missiles.lower()}' for missiles.")


def claims_list(data: Published, lang: str, site_root: str = "", ids: bool = True):
    """The story page's compact list: one line per claim, its status today, a link to its page
    (``ids=False`` where the claims already carry their ids on the page, e.g. the audit table)."""
    items = [{"id": r["claim_id"], "number": r["claim_id"][3:], "paragraph": int(r["paragraph"]), "text": r["claim_" + lang],
              "status": status_badge(r["status_today"], lang), "then": status_badge(r["status_at_publication"], lang),
              "href": site_root + claim_path(r["claim_id"], lang)} for _, r in data.claims.iterrows()]
    return Fragment(render("claims_list.html.j2", items=items, lang=lang, ids=ids))


def party_acknowledgements(data: Published, topic: str) -> dict[str, str | None]:
    """{'russia': date, 'north-korea': date}: the day each side first confirmed the claim on a topic
    (from the status history), or None."""
    cid = by_topic(data).at[topic, "claim_id"]
    hist = data.claim_status_history
    h = hist[hist["claim_id"] == cid].sort_values("date", kind="stable")
    out = {}
    for party in ("russia", "north-korea"):
        hit = h[h["status"].isin([f"acknowledged-{party}", "acknowledged-both"])]
        out[party] = None if hit.empty else str(hit.iloc[0]["date"])[:10]
    camps = data.actors.set_index("actor_id")["camp"]
    att = data.claim_sources[data.claim_sources["claim_id"] == cid]
    denials = att[(att["stance"] == "denies") & (att["claimant_actor_id"].map(camps) == "russia")]
    out["russia_denied_before"] = bool(out["russia"]) and bool((denials["date"] < out["russia"]).any())
    return out


def last_data_change(data: Published) -> str:
    """The last day the data changed: a source read (accessed_date) or a correction published."""
    days = [str(d)[:10] for d in data.sources["accessed_date"] if isinstance(d, str) and d]
    days += [str(d)[:10] for d in data.corrections["date"]] if not data.corrections.empty else []
    return max(days)


def key_facts(data: Published, lang: str, published: str | None = None) -> Fragment:
    """The first screen of the story: byline with published and updated dates (``published``:
    default ``rpk-published`` in _quarto.yml), then the findings, each computed from the data."""
    from helpers.core.dates import format_day
    from helpers.core.paths import project_root
    from helpers.site.urls import published_on

    published = published or published_on(project_root())
    c = by_topic(data)
    f = facts(data)
    troops = party_acknowledgements(data, "troops")
    arms = [tp for tp in ("shells", "missiles") if c.at[tp, "status_today"] not in ACKNOWLEDGED]
    fr = lang == "fr"
    items = [{"key": "confirmed", "figure": f"{f['confirmed']} {'sur' if fr else 'of'} {f['claims']}",
              "text": (f"affirmations de l’article sont aujourd’hui confirmées par Moscou ou Pyongyang ({f['confirmed_then']} le jour de l’article)"
                       if fr else f"claims of the article are now confirmed by Moscow or Pyongyang ({f['confirmed_then']} on the article’s date)")}]
    if troops["russia"]:
        after = ""
        if troops["north-korea"]:
            after = (f" ; Pyongyang le {format_day(troops['north-korea'], lang)}" if fr
                     else f"; Pyongyang on {format_day(troops['north-korea'], lang)}")
        denied = troops["russia_denied_before"]
        items.append({"key": "troops", "figure": format_day(troops["russia"], lang),
                      "text": (f"Moscou reconnaît la présence de soldats nord-coréens{', après l’avoir démentie' if denied else ''}{after}" if fr
                               else f"Moscow acknowledges the North Korean troops{' it had denied' if denied else ''}{after}")})
    if len(arms) == 2:
        shells, missiles = (quote(claim_status(data, tp, lang).lower(), lang) for tp in arms)
        how = f"({shells})" if shells == missiles else f"({shells}, {missiles})"
        items.append({"key": "arms", "figure": "Jamais" if fr else "Never",
                      "text": (f"reconnus par Moscou ou Pyongyang\u00a0: les obus et les missiles {how}" if fr
                               else f"acknowledged by Moscow or Pyongyang: the shells and missiles {how}")})
    items.append({"key": "sources", "figure": format_number(f["sources"], lang),
                  "text": (f"sources citées avec leur adresse, {format_number(f['attributions'], lang)} prises de position datées" if fr
                           else f"sources, each cited with its address; {format_number(f['attributions'], lang)} dated statements")})
    updated = last_data_change(data)
    byline = {"by": t("cp:desk", lang), "published_label": "publié le" if fr else "published",
              "updated_label": "mis à jour le" if fr else "updated",
              "published": format_day(published, lang), "published_iso": published,
              "updated": format_day(updated, lang), "updated_iso": updated}
    return Fragment(render("key_facts.html.j2", facts=items, byline=byline,
                           label="L’essentiel" if fr else "Key findings"))
