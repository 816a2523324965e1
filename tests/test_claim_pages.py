"""Issue 13: status history, one page per claim (FR/EN), permalinks, ClaimReview JSON-LD, the
Atom feeds. Pages are checked as generated (.qmd with raw HTML) and, once, rendered by the real
Quarto into a throwaway copy."""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest

from conftest import ROOT
from helpers.model import claims
from helpers.model.claims import status_history
from helpers.site import claim_pages, feeds, reference, story, urls

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


class Ids(HTMLParser):
    """Every element id and every <a href> of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "link":
            self.links.append(a)


def parse(html: str) -> Ids:
    p = Ids()
    p.feed(html)
    return p


def _att(rows):
    return pd.DataFrame(rows, columns=["attribution_id", "claim_id", "date", "claimant_actor_id", "stance", "evidence_type",
                                       "source_id", "claimant_camp"])


def test_status_history_dates_each_change_and_credits_the_attribution_that_made_it():
    c = pd.DataFrame([{"claim_id": "cl-01", "topic": "troops", "settled_by": "russia;north-korea"}])
    att = _att([
        ("a1", "cl-01", "2024-10-08", "kr", "asserts", "intelligence briefing", "s1", "allies"),
        ("a2", "cl-01", "2024-10-10", "ru", "denies", "official statement", "s2", "russia"),
        ("a3", "cl-01", "2024-10-17", "ua", "asserts", "intelligence briefing", "s3", "ukraine"),  # 2nd named camp
        ("a4", "cl-01", "2024-10-17", "kr2", "asserts", "intelligence briefing", "s4", "allies"),  # same day, no change
        ("a5", "cl-01", "2025-04-26", "ru2", "acknowledges", "official statement", "s5", "russia"),
    ])
    h = status_history(c, att)
    assert list(h["date"]) == ["2024-10-08", "2024-10-10", "2024-10-17", "2025-04-26"]
    assert list(h["status"]) == ["alleged", "denied", "several-sides", "acknowledged-russia"]
    assert list(h["previous_status"]) == ["not-yet-claimed", "alleged", "denied", "several-sides"]
    assert list(h["attribution_id"]) == ["a1", "a2", "a3", "a5"]
    # a day whose attributions leave the status as it was adds no row
    same = status_history(c, att[att["attribution_id"].isin(["a1", "a4"])])
    assert list(same["attribution_id"]) == ["a1"]


def test_published_history_agrees_with_the_ledger(published):
    h, c = published.claim_status_history, published.claims.set_index("claim_id")
    assert len(h) >= len(c)
    for cid, rows in h.groupby("claim_id"):
        rows = rows.sort_values("date")
        assert rows["status"].iloc[-1] == c.at[cid, "status_today"], cid
        then = rows[rows["date"] <= claims.ARTICLE_DATE.isoformat()]
        assert (then["status"].iloc[-1] if len(then) else "not-yet-claimed") == c.at[cid, "status_at_publication"], cid
        assert list(rows["previous_status"].iloc[1:]) == list(rows["status"].iloc[:-1]), cid
    att = published.claim_sources.set_index("attribution_id")
    assert set(h["attribution_id"]) <= set(att.index)
    assert all(att.at[a, "claim_id"] == cid for a, cid in zip(h["attribution_id"], h["claim_id"]))
    names = [r["path"] for r in published.package["resources"]]
    assert "claim_status_history.csv" in names


def test_one_generated_page_per_claim_and_language_and_stale_pages_go(built, published, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "processed", root / "data" / "processed")
    shutil.copy2(ROOT / "_quarto.yml", root / "_quarto.yml")
    (root / "claims").mkdir()
    stale = root / "claims" / "cl-99.qmd"
    stale.write_text(f"<!-- {claim_pages.GENERATED_MARK} -->\n", encoding="utf-8")
    by_hand = root / "claims" / "cl-98.qmd"
    by_hand.write_text("---\ntitle: kept\n---\n", encoding="utf-8")
    kept, removed = claim_pages.write_claim_pages(root)
    assert removed == [stale] and not stale.exists() and by_hand.exists()
    ids = list(published.claims["claim_id"])
    for lang in ("fr", "en"):
        assert sorted(p.stem for p in (root / urls.CLAIM_DIRS[lang]).glob("cl-*.qmd") if p != by_hand) == sorted(ids)
    assert len(kept) == 2 * len(ids)


def _page(lang, cid):
    return (ROOT / urls.claim_path(cid, lang, "qmd")).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_claim_page_carries_a_complete_claimreview(built, published, lang):
    claims_ = published.claims.set_index("claim_id")
    for cid in claims_.index:
        blocks = JSONLD.findall(_page(lang, cid))
        assert len(blocks) == 1, cid
        r = json.loads(blocks[0])
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] == claims_.at[cid, "claim_" + lang]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] and item["appearance"]["@type"] == "CreativeWork"
        assert f"§ {claims_.at[cid, 'paragraph']}" in item["appearance"]["name"]
        assert r["reviewRating"]["@type"] == "Rating"
        from helpers.core.labels import status_label

        assert r["reviewRating"]["alternateName"] == status_label(claims_.at[cid, "status_today"], lang)
        from helpers.model.claims import RATING, SCALE

        rating = r["reviewRating"]  # the five fields of a published rating scale
        assert (rating["worstRating"], rating["bestRating"]) == (1, len(SCALE))
        assert rating["ratingValue"] == RATING[claims_.at[cid, "status_today"]]
        label = status_label(claims_.at[cid, "status_today"], lang)
        assert rating["ratingExplanation"].startswith(label[0].lower() + label[1:])
        assert r["author"]["@type"] == "Organization" and r["author"]["name"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["datePublished"]) and r["dateModified"] >= r["datePublished"]
        assert r["url"].endswith(f"{cid}.html") and r["inLanguage"] == lang
    download = json.loads((ROOT / urls.CLAIMREVIEW_FILE).read_text(encoding="utf-8"))
    assert len(download) == 2 * len(claims_)
    assert {d["url"] for d in download if d["inLanguage"] == lang} == {urls.claim_path(c, lang) for c in claims_.index}


def test_claim_page_shows_history_evidence_and_links(built, published):
    cid = "cl-08"
    for lang in ("fr", "en"):
        text = _page(lang, cid)
        p = parse(text)
        att = published.claim_sources[published.claim_sources["claim_id"] == cid]
        assert set(att["attribution_id"]) <= set(p.ids) and cid in p.ids
        hist = published.claim_status_history[published.claim_status_history["claim_id"] == cid]
        assert text.count("<time datetime=") >= len(hist) + len(att)
        for h in hist["attribution_id"]:
            assert f'href="#{h}"' in text
        dated = list(re.findall(r'<li id="at-[^"]+"><p class="rpk-evidence-head"><time datetime="([^"]+)"', text))
        assert dated == sorted(dated) and len(dated) == len(att)
        assert "rpk-paraphrase" in text  # our own words
        quote = published.claims.set_index("claim_id").at[cid, "article_quote"]
        assert f'<blockquote class="rpk-article-quote" lang="fr"><p>« {quote} »</p></blockquote>' in text  # the article's, marked as a quote
        assert "## " in text and "{#history}" in text
        # links inside the site resolve to pages and ids that exist
        register = parse(str(reference.register(published, lang)))
        for href in p.hrefs:
            if href.startswith("mailto:"):  # the reporting channel, its subject naming the claim
                assert href.startswith("mailto:") and "subject=%5Bcl-" in href, href
                continue
            if href.startswith(("https://", "#")):
                continue
            path, _, frag = href.partition("#")
            target = (ROOT / urls.CLAIM_DIRS[lang] / path).resolve()
            src = target.with_suffix(".qmd")
            assert target.name == "claimreview.json" or src.is_file(), href
            if frag and src.name in ("donnees.qmd", "data.qmd"):
                assert frag in register.ids, href
            if frag and src.parent.name == "claims":
                assert frag in published.claims["claim_id"].tolist(), href


def test_permalinks_are_the_stable_ids_in_both_languages(built, published):
    found = {}
    for lang in ("fr", "en"):
        reg = [i for i in parse(str(reference.register(published, lang))).ids if not i.startswith("register-")]  # tables' own ids
        listed = parse(str(story.claims_list(published, lang))).ids
        audit = [i for i in parse(str(story.audited_article(published, lang))).ids if i != f"audit-{lang}"]  # the table's own id
        found[lang] = (reg, listed, audit)
        assert sorted(reg) == sorted(list(published.timeline["event_id"]) + list(published.estimates["estimate_id"]))
        assert listed == audit == list(published.claims["claim_id"])
        assert not parse(str(story.claims_list(published, lang, ids=False))).ids
    assert found["fr"] == found["en"]


def test_hostile_text_is_escaped_on_claim_pages(built, published):
    data = copy.copy(published)
    data.claims = published.claims.copy()
    evil = '</script><script>alert(1)</script><img src=x onerror=alert(1)>'
    data.claims.loc[data.claims["claim_id"] == "cl-01", "claim_fr"] = evil
    text = claim_pages.claim_qmd(claim_pages.claim_context(data, "cl-01", "fr"))
    assert "<script>alert" not in text and "<img" not in text
    block = JSONLD.findall(text)
    assert len(block) == 1 and json.loads(block[0])["claimReviewed"] == evil


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_atom_feed_parses_and_lists_corrections_status_changes_and_new_events(built, published, lang):
    import feedparser

    parsed = feedparser.parse((ROOT / urls.FEED_FILES[lang]).read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10" and parsed.feed.title and parsed.feed.language == lang
    h, tl = published.claim_status_history, published.timeline
    after = claims.ARTICLE_DATE.isoformat()
    expected = len(published.corrections) + int((h["date"] > after).sum()) + int((tl["date"] > after).sum())
    assert len(parsed.entries) == expected > 0
    assert len({e.id for e in parsed.entries}) == expected
    stamps = [e.updated for e in parsed.entries]
    assert stamps == sorted(stamps, reverse=True) and parsed.feed.updated == stamps[0]
    kinds = {e.tags[0].term for e in parsed.entries}
    assert {"status", "event"} <= kinds
    reg = parse(str(reference.register(published, lang))).ids
    for e in parsed.entries:
        path, _, frag = e.link.partition("#")
        assert (ROOT / path).with_suffix(".qmd").is_file(), e.link
        if path == urls.DATA_PAGE[lang]:
            assert frag in reg, e.link


def test_feed_ids_do_not_depend_on_the_language(built, published):
    fr, en = feeds.feed_entries(published, "fr"), feeds.feed_entries(published, "en")
    assert [e["id"] for e in fr] != [] and sorted(e["href"].split("#")[-1] for e in fr if e["kind"] == "event") == \
        sorted(e["href"].split("#")[-1] for e in en if e["kind"] == "event")


@pytest.mark.slow
@pytest.mark.browser
def test_rendered_claim_page_by_real_quarto(built, tmp_path):
    """Render one claim page with the real Quarto in a throwaway copy: the feeds are linked from
    the page head with a relative path, the ids and the JSON-LD survive Pandoc."""
    quarto = shutil.which("quarto")
    if quarto is None:
        pytest.fail("Quarto is not installed (/usr/local/bin/quarto)")
    import yaml

    root = tmp_path / "site"
    for item in ("assets", "claims", "en/claims"):
        shutil.copytree(ROOT / item, root / item)
    config = yaml.safe_load((ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    config["project"].pop("pre-render")  # the pages are already written; the copy has no data/raw
    config["project"]["render"] = ["claims/*.qmd", "en/claims/*.qmd"]
    config["project"]["resources"] = []
    (root / "_quarto.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([quarto, "render", "claims/cl-08.qmd", "--quiet"], cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (root / "_site" / "claims" / "cl-08.html").read_text(encoding="utf-8")
    p = parse(html)
    feeds = [lk for lk in p.links if lk.get("type") == "application/atom+xml"]
    assert sorted(lk["href"] for lk in feeds) == ["../updates-en.xml", "../updates-fr.xml"]
    assert "cl-08" in p.ids and "at-08-d-01" in p.ids and "history" in p.ids
    blocks = JSONLD.findall(html)
    assert len(blocks) == 1 and json.loads(blocks[0])["@type"] == "ClaimReview"
    # as a reader gets it: no serious accessibility problem, nothing wider than a phone
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            for width in (375, 1280):
                page = b.new_page(viewport={"width": width, "height": 900})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
                page.goto((root / "_site" / "claims" / "cl-08.html").as_uri() + "#at-08-d-01")
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), width
                assert page.evaluate("document.querySelector(':target').id") == "at-08-d-01"
                bad = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
                assert not bad, bad
                page.close()
        finally:
            b.close()


def test_hostile_text_in_the_feed_stays_text(built, published):
    import feedparser

    data = copy.copy(published)
    data.timeline = published.timeline.copy()
    evil = 'Kim & Putin </title><script>alert("x")</script> ]]>'
    last = data.timeline["date"].idxmax()
    data.timeline.loc[last, "title_en"] = evil
    parsed = feedparser.parse(feeds.atom(data, "en"))
    assert not parsed.bozo, parsed.bozo_exception
    from helpers.core.typeset import typeset

    assert any(e.title.endswith(typeset(evil, "en")) for e in parsed.entries)  # as typed, typeset like every text


def test_no_section_id_of_a_claim_page_can_be_a_data_id():
    """Claim and attribution ids become anchors on the claim page: the schemas' id patterns keep
    them apart from the page's own section ids (an attribution called 'history' gave two ids)."""
    import re

    from helpers.raw import tables

    template = (ROOT / "src/helpers/site/templates/claim_page.qmd.j2").read_text(encoding="utf-8")
    sections = re.findall(r"\{#([A-Za-z][\w-]*)\}", template)
    assert {"article", "history", "evidence", "report"} <= set(sections)
    for table, column in (("claims", "claim_id"), ("claim_sources", "attribution_id")):
        pattern = next(f for f in tables.schema(table)["fields"] if f["name"] == column)["constraints"]["pattern"]
        assert not [s for s in sections if re.match(pattern, s)], (column, pattern)
        assert re.match(pattern, "at-06-c-01" if column == "attribution_id" else "cl-06")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_claim_page_opens_with_a_verdict_and_can_be_cited(built, published, lang):
    """Issue 20: one verdict sentence at the top (today's status, since when, by whose statement,
    and the status on the article's date), a citation line with the page's address, and links
    to the previous and next claims."""
    from helpers.core.dates import format_day
    from helpers.core.labels import status_label

    ids = list(published.claims["claim_id"])
    hist = published.claim_status_history
    for k, cid in enumerate(ids):
        text = _page(lang, cid)
        c = published.claims.set_index("claim_id").loc[cid]
        verdict = re.search(r'<p class="rpk-verdict"[^>]*>(.*?)</p>', text, re.S)
        assert verdict and text.index("rpk-verdict") < text.index("rpk-claim-status"), cid  # before anything else
        plain = re.sub(r"<[^>]+>", "", verdict.group(1))
        now = status_label(c["status_today"], lang)
        last = hist[hist["claim_id"] == cid].sort_values("date").iloc[-1]
        assert now[0].lower() + now[1:] in plain and format_day(last["date"], lang) in plain, plain
        assert f'href="#{last["attribution_id"]}"' in verdict.group(1)
        then = status_label(c["status_at_publication"], lang)
        assert plain.rstrip().endswith(then[0].lower() + then[1:] + "."), plain
        cite = re.search(r'<span class="rpk-citation-text">(.*?)</span>', text)
        assert cite and cite.group(1).endswith(urls.claim_path(cid, lang)) and published.package["version"] in cite.group(1)
        prev = re.findall(r'<a rel="prev" href="([^"]+)"', text)
        nxt = re.findall(r'<a rel="next" href="([^"]+)"', text)
        assert prev == ([f"{ids[k - 1]}.html"] if k else []) and nxt == ([f"{ids[k + 1]}.html"] if k + 1 < len(ids) else [])


def test_the_verdict_scale_is_published_with_every_claim_at_its_level(built, published):
    from helpers.model.claims import SCALE

    for lang in ("fr", "en"):
        html = str(reference.verdict_scale(published, lang))
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)[1:]
        assert len(rows) == len(SCALE)
        linked = re.findall(r'href="claims/(cl-\d\d)\.html"', html)
        assert sorted(linked) == sorted(published.claims["claim_id"])  # each claim once, at its level today


def test_related_events_are_on_the_claims_topic(built, published):
    """Related events share the claim's topic (not only a source or a place): the 2019 summit in
    Vladivostok is not related to the troops claim, though the claim names Vladivostok."""
    from helpers.model.claims import TOPIC_CATEGORIES
    from helpers.raw import tables

    topics = next(f for f in tables.schema("claims")["fields"] if f["name"] == "topic")["constraints"]["enum"]
    assert set(TOPIC_CATEGORIES) == set(topics)
    for _, c in published.claims.iterrows():
        ev, _ = claim_pages.related(published, c)
        assert set(ev["category"]) <= set(TOPIC_CATEGORIES[c["topic"]]), c["claim_id"]
    troops = published.claims[published.claims["claim_id"] == "cl-08"].iloc[0]
    ev, _ = claim_pages.related(published, troops)
    assert "ev-20190425-vladivostok-summit" not in set(ev["event_id"]) and len(ev) >= 5
