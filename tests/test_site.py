"""The rendered site, page by page, as readers get it: real `quarto render` of a throwaway copy,
served from 127.0.0.1, opened in Debian's Chromium at 1280 and 375 px.

Each page must: make no request outside the site; log no console error; draw every chart,
with no chart text outside its drawing and no two texts on top of each other; show no escape
sequence or Python/pandas repr; declare its language and its twin (hreflang) and show a switch
that leads to the twin; pass axe-core with no serious or critical violation. Every internal
link resolves, and search works offline in the page's language.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import rendered as rsite
from conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.site]

REPR = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\bnan\b|\bNaN\b|\bNone\b|\bNaT\b|<NA>|\bTrue\b|\bFalse\b")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return rsite.render_copy(tmp_path_factory.mktemp("render") / "project")


@pytest.fixture(scope="session")
def base(site):
    with rsite.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with rsite.chromium() as b:
        yield b


def _pages() -> list[str]:
    """The pages expected in any render: the ones _quarto.yml lists (claim pages are found in the
    rendered site by test_every_expected_page_is_rendered)."""
    import yaml

    config = yaml.safe_load((rsite.ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    return [re.sub(r"\.(qmd|ipynb)$", ".html", p) for p in config["project"]["render"] if "*" not in p]


PAGES = _pages()


def test_every_expected_page_is_rendered(site):
    rendered = set(rsite.pages(site))
    assert set(PAGES) <= rendered, sorted(set(PAGES) - rendered)


def _lang_of(page: str) -> str:
    return "en" if page.startswith("en/") else "fr"


@pytest.mark.parametrize("width", rsite.WIDTHS)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_as_a_reader_gets_it(site, base, browser, page_path, width):
    from axe_playwright_python.sync_playwright import Axe

    with rsite.open_page(browser, base, width) as (page, log):
        page.goto(base + page_path, wait_until="load")
        charts = rsite.draw_all_charts(page)
        page.wait_for_timeout(150)
        ARTIFACTS.mkdir(exist_ok=True)
        if page_path in ("index.html", "en/index.html"):
            page.screenshot(path=str(ARTIFACTS / f"site-{page_path.replace('/', '-')}-{width}.png"), full_page=True)
        assert log["external"] == [], f"requests left the site: {log['external'][:5]}"
        assert log["errors"] == [], log["errors"][:5]
        assert charts["failed"] == [] and charts["drawn"] == charts["total"], charts
        for chart in page.evaluate(rsite.CHART_TEXT_JS):
            assert chart["texts"] > 0, chart["id"]
            assert chart["outside"] == [], f"{chart['id']}: text drawn outside the chart: {chart['outside'][:5]}"
            assert chart["overlaps"] == [], f"{chart['id']}: overlapping texts: {chart['overlaps'][:5]}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
        if not page_path.startswith("notebooks/"):
            text = page.inner_text("main")
            bad = sorted(set(m.group(0) for m in REPR.finditer(text)))
            assert not bad, f"escape sequences or reprs in the visible text: {bad}"
        assert page.get_attribute("html", "lang") == _lang_of(page_path) or page_path.startswith("notebooks/")
        results = Axe().run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, json.dumps([(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad], indent=1)


TWINS = [p for p in PAGES if not p.startswith("notebooks/")]


@pytest.mark.parametrize("page_path", TWINS)
def test_page_declares_and_links_its_twin(base, browser, page_path):
    lang = _lang_of(page_path)
    other = "fr" if lang == "en" else "en"

    def same(a, b):  # Quarto writes links to index.html as the folder
        return a.removesuffix("index.html") == b.removesuffix("index.html")

    with rsite.open_page(browser, base, 375) as (page, log):
        page.goto(base + page_path)
        alternates = page.eval_on_selector_all('link[rel=alternate][hreflang]', "els => els.map(e => [e.hreflang, e.href])")
        langs = dict(alternates)
        assert set(langs) == {"fr", "en"}, alternates
        assert same(langs[lang], base + page_path)
        switch = page.locator(f"a.rpk-lang-switch[hreflang={other}]")
        assert switch.is_visible()
        switch.click()
        page.wait_for_load_state("load")
        assert same(page.url, langs[other])
        assert page.get_attribute("html", "lang") == other
        back = dict(page.eval_on_selector_all('link[rel=alternate][hreflang]', "els => els.map(e => [e.hreflang, e.href])"))
        assert same(back[lang], base + page_path)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("preconnect", "dns-prefetch")):
                self.urls.append(a[key])


def test_every_internal_link_download_and_export_resolves(site):
    checked = 0
    missing = []
    for page in rsite.pages(site):
        parser = _Links()
        parser.feed((site / page).read_text(encoding="utf-8"))
        for url in parser.urls:
            if url.startswith(("http://", "https://", "mailto:", "#", "data:", "javascript:")):
                continue
            target = urlsplit(urljoin("http://site/" + page, url)).path.lstrip("/")
            checked += 1
            if not (site / target).is_file() and not (site / target / "index.html").is_file():
                missing.append(f"{page} -> {url}")
        for src in re.findall(r'data-src="([^"]+)"', (site / page).read_text(encoding="utf-8")):
            target = urlsplit(urljoin("http://site/" + page, src)).path.lstrip("/")
            checked += 1
            if not (site / target).is_file():
                missing.append(f"{page} -> {src}")
    assert checked > 200
    assert missing == [], missing[:20]


@pytest.mark.parametrize("page_path,query,expect", [("index.html", "Choe", "/"), ("en/index.html", "Choe", "/en/")])
def test_search_works_offline_in_the_page_language(base, browser, page_path, query, expect):
    with rsite.open_page(browser, base, 1280) as (page, log):
        page.goto(base + page_path)
        page.locator("#quarto-search .aa-DetachedSearchButton, #quarto-search button, .aa-DetachedSearchButton").first.click()
        page.keyboard.type(query)
        page.wait_for_selector(".aa-Item a", state="attached", timeout=15000)
        page.wait_for_timeout(500)
        hrefs = page.eval_on_selector_all(".aa-Item a", "els => els.filter(e => e.offsetParent !== null).map(e => e.href)")
        assert hrefs, "no search result"
        paths = [urlsplit(h).path for h in hrefs]
        if expect == "/en/":
            assert all(p.startswith("/en/") for p in paths), paths
        else:
            assert all(not p.startswith("/en/") for p in paths), paths
        assert log["external"] == [] and log["errors"] == [], log


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.lang = {}, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")
        if tag == "link":
            self.links.append(a)


@pytest.mark.parametrize("page_path", TWINS)
def test_page_carries_the_metadata_readers_tools_expect(site, page_path):
    head = _Head()
    head.feed((site / page_path).read_text(encoding="utf-8"))
    lang = _lang_of(page_path)
    assert head.lang == lang
    assert len(head.meta.get("description", "")) > 30, "no description"
    assert head.meta.get("og:locale") == {"fr": "fr_FR", "en": "en_GB"}[lang]
    image = head.meta.get("og:image", "")
    assert image.endswith(f"-{lang}.png"), image
    assert (site / urlsplit(urljoin("http://site/" + page_path, image)).path.lstrip("/")).is_file(), image
    icons = [link["href"] for link in head.links if link.get("rel") == "icon"]
    assert icons and (site / urlsplit(urljoin("http://site/" + page_path, icons[0])).path.lstrip("/")).is_file()
    twins = [link for link in head.links if link.get("rel") == "alternate" and link.get("hreflang")]
    assert len(twins) == 2
