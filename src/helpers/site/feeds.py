"""The updates feed (Atom 1.0), FR and EN, generated from the published data.

Entries: every correction (``corrections.csv``), every change of a claim's status since the
article (``claim_status_history.csv``) and every timeline event dated after it. Ids are
stable ``urn:uuid`` values derived from the row ids, so a reader never sees an entry twice;
links are relative to the feed, which sits at the site's root (``updates-fr.xml``,
``updates-en.xml``), with ``xml:base`` set when ``website.site-url`` is.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from helpers.core.dates import format_date
from helpers.core.labels import check_lang, colon, status_label, t
from helpers.core.typeset import typeset_markup
from helpers.model.claims import ARTICLE_DATE
from helpers.model.published import Published
from helpers.site.reference import record_name
from helpers.site.render import render
from helpers.site.urls import CORRECTIONS_PAGE, DATA_PAGE, FEED_FILES, STORY, claim_path, site_url

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "moscou-pyongyang-source/updates")


def entry_id(kind: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, kind + ':' + key)}"


def _stamp(date: str) -> str:
    return f"{str(date)[:10]}T00:00:00Z"


def feed_entries(data: Published, lang: str) -> list[dict]:
    """The feed's entries, newest first (ties by id): title, summary, link, date, id, category."""
    check_lang(lang)
    entries = []
    for _, r in data.corrections.iterrows():
        if r["table"] in ("claims", "claim_sources"):
            cid = r["record_id"] if r["table"] == "claims" else \
                data.claim_sources.set_index("attribution_id")["claim_id"].get(r["record_id"], "")
            href = claim_path(cid, lang) if cid else CORRECTIONS_PAGE[lang]
        elif r["table"] in ("timeline", "estimates"):
            href = DATA_PAGE[lang] + "#" + r["record_id"]
        else:
            href = CORRECTIONS_PAGE[lang]
        entries.append({"kind": "correction", "id": entry_id("correction", r["correction_id"]), "date": str(r["date"])[:10],
                        "title": f"{t('fd:correction', lang)}{colon(lang)} {record_name(data, r['table'], r['record_id'], lang)[0]}",
                        "summary": r["description_" + lang], "href": href})
    claims = data.claims.set_index("claim_id")
    h = data.claim_status_history
    for _, r in h[h["date"] > ARTICLE_DATE.isoformat()].iterrows():
        topic = t("topic:" + claims.at[r["claim_id"], "topic"], lang)
        entries.append({"kind": "status", "id": entry_id("status", f"{r['claim_id']}:{r['date']}"), "date": str(r["date"])[:10],
                        "title": f"{t('fd:status', lang)}{colon(lang)} {r['claim_id']} · {topic} — "
                                 f"{status_label(r['previous_status'], lang)} → {status_label(r['status'], lang)}",
                        "summary": claims.at[r["claim_id"], "claim_" + lang],
                        "href": claim_path(r["claim_id"], lang) + "#history"})
    tl = data.timeline
    for _, r in tl[tl["date"] > ARTICLE_DATE.isoformat()].iterrows():
        entries.append({"kind": "event", "id": entry_id("event", r["event_id"]), "date": str(r["date"])[:10],
                        "title": f"{t('fd:event', lang)}{colon(lang)} {format_date(r['date'], r['date_precision'], lang)} — {r['title_' + lang]}",
                        "summary": r["summary_" + lang], "href": DATA_PAGE[lang] + "#" + r["event_id"]})
    entries.sort(key=lambda e: (e["date"], e["id"]), reverse=True)
    for e in entries:
        e["updated"] = _stamp(e["date"])
    return entries


def atom(data: Published, lang: str, base_url: str = "") -> str:
    entries = feed_entries(data, lang)
    updated = entries[0]["updated"] if entries else _stamp(ARTICLE_DATE.isoformat())
    feed = render("feed.xml.j2", lang=lang, entries=entries, updated=updated, base_url=base_url,
                  feed_id=entry_id("feed", lang), self_href=FEED_FILES[lang], home=STORY[lang])
    return typeset_markup(feed, lang, attributes=False)  # the text set like the pages (helpers.core.typeset)


def write_feeds(root: Path, data: Published, out_dir: Path | None = None) -> list[Path]:
    """The Atom feed of each language, into ``out_dir`` (the build's staging folder) or the project."""
    base = site_url(root)
    out = []
    for lang, name in FEED_FILES.items():
        path = (out_dir or root) / name
        path.write_text(atom(data, lang, base), encoding="utf-8")
        out.append(path)
    return out
