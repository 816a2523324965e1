"""The rendered site as readers get it: render with real Quarto into a throwaway copy, serve
``_site/`` on 127.0.0.1, and open pages in Debian's Chromium (Playwright).

Used by tests/test_site.py and benchmarks/run.py. ``RPK_SITE=/path/to/_site`` reuses a site
already rendered (for quick local iterations); CI always renders.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SKIP = (".git", "_site", "_freeze", ".quarto", "test-artifacts", ".build-cache", "__pycache__", ".pytest_cache",
        ".hypothesis", "benchmarks/results", "figures")
WIDTHS = (1280, 375)
#: how long a browser wait may take before it fails: long enough for a loaded machine
BUSY_TIMEOUT_MS = 180_000


def copy_tree(dest: Path, source: Path = ROOT, keep_freeze: bool = False) -> Path:
    """The project as a user clones it (plus the working tree's changes), without build outputs."""
    skip = set(SKIP) - ({"_freeze"} if keep_freeze else set())

    def ignore(folder, names):
        rel = Path(folder).resolve().relative_to(source.resolve()).as_posix()
        return [n for n in names if n in skip or (f"{rel}/{n}" if rel != "." else n) in skip]

    shutil.copytree(source, dest, ignore=ignore, symlinks=True)
    if keep_freeze and (source / "_freeze").is_dir() and not (dest / "_freeze").is_dir():
        shutil.copytree(source / "_freeze", dest / "_freeze")
    return dest


def quarto_render(project: Path, timeout: int = 1500) -> subprocess.CompletedProcess:
    quarto = shutil.which("quarto")
    if not quarto:
        raise RuntimeError("Quarto is not installed (see README: install it from quarto.org or `pip install quarto-cli`)")
    return subprocess.run([quarto, "render"], cwd=project, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "QUARTO_PYTHON": shutil.which("python3") or "python3"})


def render_copy(dest: Path) -> Path:
    """Render a fresh copy of the project; returns its ``_site``. Raises with Quarto's log on failure."""
    given = os.environ.get("RPK_SITE")
    if given:
        return Path(given).resolve()
    project = copy_tree(dest)
    result = quarto_render(project)
    if result.returncode != 0:
        raise RuntimeError(f"quarto render failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return project / "_site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def story_text(site: Path) -> str:
    """The story page as a reader who opens it all gets it: index.html, its chart exports and the
    rows of its lazy tables (``figures/*-fr.json``, ``tables/*-fr.json``)."""
    files = [site / "index.html", *sorted((site / "figures").glob("*-fr.json")), *sorted((site / "tables").glob("*-fr.json"))]
    return "".join(f.read_text(encoding="utf-8") for f in files)


@contextlib.contextmanager
def serve(folder: Path):
    """A plain static server on 127.0.0.1 (a random free port); yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pages(site: Path) -> list[str]:
    """Every HTML page of the site (chart exports in figures/ are not pages)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(("figures/", "site_libs/")))


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def open_page(browser, base: str, width: int):
    """A browser tab that may reach only ``base``: every other request is recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 740},
                                  device_scale_factor=1)
    # generous on purpose: the suite must pass on a busy 2-core machine; every wait is for a state, not a duration
    context.set_default_timeout(BUSY_TIMEOUT_MS)
    page = context.new_page()
    log = {"errors": [], "external": [], "requests": []}

    def route(r):
        url = r.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:", "about:")):
            log["requests"].append(url)
            r.continue_()
        else:
            log["external"].append(url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    try:
        yield page, log
    finally:
        context.close()


def draw_all_charts(page, timeout_ms: int = BUSY_TIMEOUT_MS) -> dict:
    """Scroll through the page so every lazy chart draws; wait until each is drawn or failed."""
    total = page.evaluate("document.querySelectorAll('.rpk-plot').length")
    if total:
        page.evaluate("""async () => {
            for (const el of document.querySelectorAll('.rpk-plot')) {
                el.scrollIntoView({block: 'center', behavior: 'instant'});
                await new Promise(r => setTimeout(r, 120));
            }
            window.scrollTo({top: 0, behavior: 'instant'});
        }""")
        page.wait_for_function("""() => [...document.querySelectorAll('.rpk-plot')]
            .every(el => el.dataset.state === 'drawn' || el.dataset.state === 'failed')""", timeout=timeout_ms)
    return page.evaluate("""() => ({
        total: document.querySelectorAll('.rpk-plot').length,
        drawn: document.querySelectorAll('.rpk-plot[data-state=drawn]').length,
        failed: [...document.querySelectorAll('.rpk-plot[data-state=failed]')].map(el => el.id)})""")


#: Measures every visible SVG text of each drawn chart: text outside its chart, and pairs of
#: texts whose boxes overlap (more than 2 px each way).
CHART_TEXT_JS = """() => {
  const out = [];
  for (const plot of document.querySelectorAll('.rpk-plot[data-state=drawn]')) {
    const frame = plot.getBoundingClientRect();
    const boxes = [];
    for (const t of plot.querySelectorAll('svg text')) {
      const s = (t.textContent || '').trim();
      if (!s) continue;
      const cs = getComputedStyle(t);
      if (cs.display === 'none' || cs.visibility === 'hidden' || +cs.opacity === 0) continue;
      if (t.closest('.hoverlayer') || t.closest('.updatemenu-dropdown-button-group')) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      boxes.push({s, l: r.left, r: r.right, t: r.top, b: r.bottom});
    }
    const outside = boxes.filter(b => b.l < frame.left - 1 || b.r > frame.right + 1 || b.t < frame.top - 1 || b.b > frame.bottom + 1)
                         .map(b => b.s);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 2 && h > 2) overlaps.push([a.s, b.s]);
    }
    out.push({id: plot.id, texts: boxes.length, outside, overlaps});
  }
  return out;
}"""


#: Typographic faults of visible text, by language (issue 21). French: a no-break space before
#: ':' and a narrow one before ';', '!', '?' and inside « »; ’ not '; "Figure 1 :"; "environ", not
#: "~". English: no space before ': ; ! ?', curly quotes.
_LETTER = r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]"
TYPO_RULES = {
    "fr": {
        "plain space before ; : ! ?": r"[ \t\n][;:!?](?=\s|$)",
        "no space before ; ! ?": _LETTER + r"[;!?](?=\s|$)",
        "no space before :": _LETTER + r":(?=\s)",
        "plain space before »": r"[ \t\n]»",
        "plain space after «": r"«[ \t\n]",
        "straight apostrophe": _LETTER + r"'" + _LETTER,
        "straight double quote": r'"',
        "Figure N:": r"Figure\s\d+:",
        "~ before a number": r"~\s?\d",
        "plain space in a number": r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)",
    },
    "en": {
        "space before : ; ! ?": r"\w[ \u00a0\u202f][;:!?](?=\s|$)",
        "straight apostrophe": _LETTER + r"'" + _LETTER,
        "straight double quote": r'"',
        "~ before a number": r"~\s?\d",
        "French quotes": r"«|»",
    },
}


def typography_faults(text: str, lang: str) -> dict[str, list[str]]:
    """{rule: [up to 3 excerpts]} for every rule of ``lang`` that ``text`` breaks."""
    import re

    out = {}
    for rule, pattern in TYPO_RULES[lang].items():
        hits = [text[max(0, m.start() - 25):m.end() + 25].replace("\n", " ") for m in re.finditer(pattern, text)]
        if hits:
            out[rule] = hits[:3]
    return out


#: Escaped markup shown to readers as text (issue 21: the data page printed '<ul class="rpk-feeds">').
ESCAPED_TAG = r"<(?:/?(?:ul|ol|li|a|div|span|p|table|tr|td|th|script|img|br|strong|em|b|i|details|summary)\b)|&lt;|&gt;|&amp;|&quot;|&#\d+;"
