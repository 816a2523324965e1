"""Data is never code (issue 25): hostile text in every free-text column of data/raw reaches the
rendered site as text, in every language it passes through.

The corpus is ``tests/data/payloads.csv`` (XSS, Markdown links and images to ``javascript:`` and
``data:``, Quarto shortcodes ``env``/``meta``/``var``/``include``, raw inlines, inline code, math,
comments, fences, YAML and template syntax). Each payload goes into every free-text column the
schemas declare (each row of a column gets some of them; together they cover the corpus), the
copy is built and rendered by the real ``quarto render``, and the rendered ``_site/`` is read as a
parser and as Chromium read it.
"""
from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from rendered import chromium, copy_tree, open_page, quarto_render, serve
from helpers.core.typeset import typeset

PAYLOADS = list(csv.DictReader((ROOT / "tests/data/payloads.csv").open(encoding="utf-8")))
SENTINEL = "sentinel-7f3a91"  # the value of RPK_SENTINEL: no page may ever print it
#: free text that is a key elsewhere, or must match the article, is not free to hold anything
NOT_FREE = {("sources", "publisher"), ("publishers", "publisher"), ("claims", "article_quote"), ("corrections", "field")}
SHOWCASE = "cl-06"  # the claim whose page gets every payload in its wording


def free_text_columns() -> dict[str, list[tuple[str, int]]]:
    """{table: [(column, maxLength)]}: the curated string columns with no enum, pattern or key role."""
    out = {}
    for path in sorted((ROOT / "src/helpers/schemas").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        cols = [(f["name"], f.get("constraints", {}).get("maxLength", 10_000)) for f in schema.get("fields", [])
                if f.get("type") == "string" and not f.get("x-derived") and (path.stem, f["name"]) not in NOT_FREE
                and not {"enum", "pattern"} & set(f.get("constraints", {}))
                and not f["name"].endswith(("_id", "_ids", "url", "date"))]
        if cols and (ROOT / "data/raw" / f"{path.stem}.csv").is_file():
            out[path.stem] = cols
    return out


def inject(root: Path) -> dict[str, list[str]]:
    """Append payloads to every free-text cell of the copy; returns {table.column: payload ids}."""
    placed = {}
    for table, cols in free_text_columns().items():
        path = root / "data/raw" / f"{table}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        head, body = rows[0], rows[1:]
        for col, limit in cols:
            i = head.index(col)
            got = []
            rows_for = body
            if table == "sources" and col in ("title_fr", "title_en"):  # translations exist for other languages only
                rows_for = [r for r in body if r[head.index("language")] not in ("fr", "en")]
            for j, p in enumerate(PAYLOADS):
                row = rows_for[j % len(rows_for)]
                text = (row[i] or "Texte") + " " + p["payload"]
                if table == "sources" and col == "title" and row[i].endswith("]"):  # inside a devised title's brackets
                    text = row[i][:-1] + " " + p["payload"] + "]"
                if len(text) <= limit:
                    row[i] = text
                    got.append(p["payload_id"])
            placed[f"{table}.{col}"] = got
        if table == "claims":
            k = next(n for n, r in enumerate(body) if r[head.index("claim_id")] == SHOWCASE)
            for lang in ("fr", "en"):
                body[k][head.index(f"claim_{lang}")] = "Obus " + " | ".join(p["payload"] for p in PAYLOADS)
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    return placed


class _Audit(html.parser.HTMLParser):
    """What could run in a page: event attributes, scripts, link targets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad, self._script = [], None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and \
                    re.match(r"(javascript|data|vbscript):", re.sub(r"\s", "", value)):
                if not (tag == "link" and name == "href" and value.startswith("data:image/")):
                    self.bad.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if "__pwned" in "".join(self._script) and "\\u003c" not in "".join(self._script):
                self.bad.append("live script: " + "".join(self._script)[:80])
            self._script = None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_tree(tmp_path_factory.mktemp("hostile") / "project")
    placed = inject(project)
    os.environ["RPK_SENTINEL"] = SENTINEL
    try:
        built = run_cli(project, "build")
        assert built.returncode == 0, built.stdout + built.stderr  # every payload is legitimate text
        result = quarto_render(project)
    finally:
        os.environ.pop("RPK_SENTINEL", None)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "_site", placed


@pytest.mark.slow
@pytest.mark.site
def test_every_payload_lands_in_every_free_text_column(hostile_site):
    _, placed = hostile_site
    ids = {p["payload_id"] for p in PAYLOADS}
    short = {k: sorted(ids - set(v)) for k, v in placed.items() if set(v) != ids}
    # a column too short for a payload (maxLength) holds the others; each payload still lands in most columns
    assert all(len(v) <= 6 for v in short.values()), short
    assert {("claims.claim_en")} <= set(placed)


@pytest.mark.slow
@pytest.mark.site
def test_no_rendered_file_runs_or_prints_hostile_text(hostile_site):
    site, _ = hostile_site
    leaks, live = [], {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".txt", ".csv", ".geojson"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if SENTINEL in text:
            leaks.append(path.relative_to(site).as_posix())
        if path.suffix == ".html" and not path.relative_to(site).as_posix().startswith("site_libs/"):
            audit = _Audit()
            audit.feed(text)
            if audit.bad:
                live[path.relative_to(site).as_posix()] = sorted(set(audit.bad))[:5]
    assert not leaks, f"the build machine's environment printed in {leaks}"
    assert not live, live


@pytest.mark.slow
@pytest.mark.site
def test_hostile_text_is_shown_as_typed_and_runs_nothing_in_chromium(hostile_site):
    site, _ = hostile_site
    with serve(site) as base, chromium() as browser:
        for page_path in (f"claims/{SHOWCASE}.html", f"en/claims/{SHOWCASE}.html", "index.html", "affirmations.html",
                          "en/data.html", "corrections.html", "notebooks/03_claims.html"):
            with open_page(browser, base, 375) as (page, log):
                page.goto(base + page_path, wait_until="load")
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                # every folded table opened, every lazy table's rows loaded (tables.js)
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                page.wait_for_function("() => !document.querySelector('.rpk-table-wrap[data-rows]')")
                page.wait_for_timeout(300)
                assert page.evaluate("typeof window.__pwned") == "undefined", page_path
                text = page.inner_text("main")
                lang = "en" if page_path.startswith("en/") else "fr"
                if "claims/" in page_path:
                    for p in PAYLOADS:  # shown as typed, set by the page's typography (« », ’, no-break spaces)
                        assert typeset(p["payload"], lang) in text, (page_path, p["payload_id"])
                    meta = page.get_attribute("meta[name=description]", "content") or ""
                    assert meta.startswith("Obus") and "<" not in meta and "{" not in meta, meta
                if page_path in ("index.html", "affirmations.html"):  # the events table, the audit table
                    assert "{{< env RPK_SENTINEL >}}" in text and typeset("[clic](javascript:window.__pwned=5)", lang) in text, page_path


@pytest.mark.slow
def test_notebook_outputs_stay_text_when_quarto_renders_them(tmp_path):
    """The build makes every output of an executed notebook inert (helpers.publish.notebooks);
    rendered by the real Quarto, a cell that printed hostile text shows it, and runs none of it."""
    import nbformat

    from helpers.publish.notebooks import inert_outputs

    shown = " | ".join(p["payload"] for p in PAYLOADS)
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=shown + "\n"),
                    nbformat.v4.new_output("execute_result", data={"text/plain": shown}, execution_count=1)]
    inert_outputs(cell)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Carnet"), cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "n.ipynb")
    (tmp_path / "_quarto.yml").write_text("project:\n  type: default\n", encoding="utf-8")
    import shutil
    import subprocess

    result = subprocess.run([shutil.which("quarto") or "quarto", "render", "n.ipynb", "--no-execute"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "RPK_SENTINEL": SENTINEL})
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "n.html").read_text(encoding="utf-8")
    assert SENTINEL not in page and "include /etc/hostname" in page
    audit = _Audit()
    audit.feed(page)
    assert not audit.bad, audit.bad
    codes = re.findall(r"<pre[^>]*>(.*?)</pre>", page, re.S)
    assert len(codes) >= 2 and all("env RPK_SENTINEL" in c for c in codes[-2:])
