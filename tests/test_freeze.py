"""Issue 22: pages declare what they read (rpk-reads), may read nothing else, and the freezer
re-executes exactly the pages whose declared inputs changed. The rendered-site counterpart (a
corrected row reaches its pages with one `quarto render`) is in tests/test_site.py."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT


@pytest.fixture
def page_context(tmp_path, monkeypatch):
    """Make helpers believe Quarto is executing a page that declares ``reads``."""
    def enter(reads):
        page = tmp_path / "page.qmd"
        page.write_text("---\ntitle: t\nrpk-reads: [" + ", ".join(reads) + "]\n---\n\n```{python}\n1\n```\n", encoding="utf-8")
        monkeypatch.setenv("QUARTO_DOCUMENT_PATH", str(tmp_path))
        monkeypatch.setenv("QUARTO_DOCUMENT_FILE", page.name)
        monkeypatch.chdir(ROOT)
        return page
    return enter


def test_a_page_reads_only_what_it_declares(built, page_context):
    from helpers import load
    from helpers.core.reads import UndeclaredRead
    from helpers.site import pages

    page_context(["timeline", "sources", "chart:timeline"])
    data = load()
    assert len(data.timeline) > 0 and len(data.sources) > 0
    with pytest.raises(UndeclaredRead, match=r"page\.qmd reads 'claims'.*rpk-reads"):
        data.claims
    with pytest.raises(UndeclaredRead, match="chart:estimates"):
        pages.chart(data, "estimates", "fr")
    with pytest.raises(UndeclaredRead, match="CHANGELOG.md"):
        pages.changelog()
    with pytest.raises(UndeclaredRead, match="_quarto.yml"):
        pages.report_channel("fr")


def test_outside_a_render_everything_loads(built, monkeypatch):
    from helpers import load

    monkeypatch.delenv("QUARTO_DOCUMENT_PATH", raising=False)
    monkeypatch.delenv("QUARTO_DOCUMENT_FILE", raising=False)
    data = load(ROOT)
    assert len(data.claims) and data.geography["features"]


def test_every_computed_page_declares_its_inputs():
    from helpers.core.reads import declared, input_files
    from helpers.publish.freeze import computed_pages

    pages = computed_pages(ROOT)
    assert len(pages) >= 10
    for page in pages:
        reads = declared(page)
        assert reads, f"{page.name} runs code but declares no rpk-reads"
        for name in reads:
            files = input_files(name, ROOT)
            assert all(f.parent.is_dir() for f in files), f"{page.name}: unknown input {name!r}"


def _project(tmp_path):
    """A copy of the pages, the published data and the chart exports, with a frozen result per page."""
    from helpers.publish.freeze import computed_pages, frozen_results

    root = tmp_path / "p"
    shutil.copytree(ROOT / "data" / "processed", root / "data" / "processed")
    (root / "figures").mkdir(parents=True)
    for f in (ROOT / "figures").glob("*.json"):
        shutil.copy2(f, root / "figures" / f.name)
    for name in ("_quarto.yml", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, root / name)
    for page in computed_pages(ROOT):
        rel = page.relative_to(ROOT)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, root / rel)
    for page in computed_pages(root):
        frozen_results(root, page).mkdir(parents=True)
    return root


def test_the_freezer_re_executes_only_the_pages_whose_inputs_changed(built, tmp_path):
    from helpers.core.reads import declared
    from helpers.publish.freeze import computed_pages, frozen_results, invalidate_stale_pages

    root = _project(tmp_path)
    pages = {p.relative_to(root).as_posix(): p for p in computed_pages(root)}
    assert sorted(invalidate_stale_pages(root)) == sorted(pages), "a first build re-executes every page"
    for page in pages.values():  # Quarto executes them and freezes the results again
        frozen_results(root, page).mkdir(parents=True, exist_ok=True)
    assert invalidate_stale_pages(root) == [], "nothing changed: nothing to execute"

    for name, path in (("corrections", "data/processed/corrections.csv"), ("chart:claims", "figures/claims-fr.json"),
                       ("CHANGELOG.md", "CHANGELOG.md")):
        (root / path).write_text((root / path).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        readers = sorted(rel for rel, p in pages.items() if name in declared(p))
        assert readers and len(readers) < len(pages), name
        assert sorted(invalidate_stale_pages(root)) == readers, name
        for rel, page in pages.items():
            assert frozen_results(root, page).is_dir() == (rel not in readers), (name, rel)
            frozen_results(root, page).mkdir(parents=True, exist_ok=True)


def test_a_damaged_record_re_executes_every_page(built, tmp_path):
    from helpers.publish.freeze import FREEZE_DIR, STATE_FILE, computed_pages, invalidate_stale_pages

    root = _project(tmp_path)
    invalidate_stale_pages(root)
    (root / FREEZE_DIR / STATE_FILE).write_text("{not json", encoding="utf-8")
    assert len(invalidate_stale_pages(root)) == len(computed_pages(root))
