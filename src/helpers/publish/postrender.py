"""Quarto's post-render step (``python -m helpers typeset``): every rendered HTML page set by the
typographic rules of its language (:mod:`helpers.core.typeset`).

Quarto lists the files it just rendered in ``QUARTO_PROJECT_OUTPUT_FILES`` (or in the file that
``QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES`` names); without it (a run by
hand), every page of the site is set. A page's language is its ``<html lang>``; a page in
another language, or none, is left as it is. Setting a page twice changes nothing, so a page
Quarto did not re-render keeps its bytes.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from helpers.core.typeset import typeset_markup

_LANG = re.compile(r'<html\b[^>]*\blang="(fr|en)\b')


def page_language(markup: str) -> str | None:
    m = _LANG.search(markup[:4000])
    return m.group(1) if m else None


def rendered_pages(site: Path) -> list[Path]:
    """The pages Quarto reports as rendered (``QUARTO_PROJECT_OUTPUT_FILES``), else every page."""
    listed = os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", "")
    spilled = os.environ.get("QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES")  # a long list goes to a file
    if spilled and Path(spilled).is_file():
        listed = Path(spilled).read_text(encoding="utf-8")
    files = [Path(f) for f in listed.splitlines() if f.strip()]
    if not files:
        files = sorted(site.rglob("*.html"))
    return [f for f in files if f.suffix == ".html" and f.is_file()]


def typeset_pages(site: Path, pages: list[Path] | None = None) -> int:
    """Set every page in ``pages`` (default: :func:`rendered_pages`); returns how many changed."""
    changed = 0
    for page in pages if pages is not None else rendered_pages(site):
        markup = page.read_text(encoding="utf-8")
        lang = page_language(markup)
        if not lang:
            continue
        done = typeset_markup(markup, lang)
        if done != markup:
            page.write_text(done, encoding="utf-8")
            changed += 1
    return changed
