"""What each page reads: declared in its front matter, enforced while it runs, digested by the
freezer (issue 22).

A computed page lists its inputs under ``rpk-reads`` in its YAML front matter::

    rpk-reads: [claims, claim_sources, actors, sources, chart:status-history, _quarto.yml]

An input is a published table (``timeline``, ``claims``…, the file ``data/processed/<name>.csv``),
a geographic layer (``geography``, ``basemap``, ``basemap_detail``), the data package
(``package``), a chart's exports (``chart:<id>``: ``figures/<id>-fr.json`` and ``-en.json``), or a
project file (``CHANGELOG.md``, ``_quarto.yml``). While Quarto runs a page (it sets
``QUARTO_DOCUMENT_PATH`` and ``QUARTO_DOCUMENT_FILE``), :func:`require` refuses any input the
page has not declared, naming the page and the input: a page cannot read what its freezer does
not watch. :mod:`helpers.publish.freeze` re-executes a page when one of its declared inputs, or
the ``helpers`` package, changed, and no other page.
"""
from __future__ import annotations

import os
from pathlib import Path

#: the geographic layers and the data package, by input name
LAYERS = {"geography": "actor_geography.geojson", "basemap": "basemap.geojson", "basemap_detail": "basemap_detail.geojson",
          "package": "datapackage.json"}
PROJECT_FILES = ("CHANGELOG.md", "_quarto.yml")


class UndeclaredRead(RuntimeError):
    """A page read an input its front matter does not declare in ``rpk-reads``."""


def front_matter(page: Path) -> dict:
    """The YAML front matter of a ``.qmd`` page ({} when it has none)."""
    import yaml

    text = page.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    return (yaml.safe_load(text[3:end]) or {}) if end > 0 else {}


def declared(page: Path) -> list[str] | None:
    """The inputs a page declares (None when it declares none)."""
    reads = front_matter(page).get("rpk-reads")
    return None if reads is None else [str(r) for r in reads]


def input_files(name: str, root: Path) -> list[Path]:
    """The project files behind one input name."""
    from helpers.core.paths import figures_dir, processed_dir

    if name.startswith("chart:"):
        return [figures_dir(root) / f"{name[6:]}-{lang}.json" for lang in ("fr", "en")]
    if name in PROJECT_FILES:
        return [root / name]
    return [processed_dir(root) / LAYERS.get(name, f"{name}.csv")]


def current_page() -> Path | None:
    """The page Quarto is executing, or None outside a render."""
    folder, name = os.environ.get("QUARTO_DOCUMENT_PATH"), os.environ.get("QUARTO_DOCUMENT_FILE")
    if not folder or not name:
        return None
    page = Path(folder) / name
    return page if page.suffix == ".qmd" and page.is_file() else None


def require(name: str) -> None:
    """Refuse ``name`` when the page being executed does not declare it (no-op outside a render)."""
    page = current_page()
    if page is None:
        return
    reads = declared(page)
    if reads is not None and name not in reads:
        raise UndeclaredRead(f"{page.name} reads '{name}' but does not declare it: add it to rpk-reads in its front "
                             f"matter (the freezer re-executes a page only when a declared input changes)")


def page_reads() -> list[str] | None:
    """The inputs the page being executed declares; None outside a render or without a declaration."""
    page = current_page()
    return None if page is None else declared(page)
