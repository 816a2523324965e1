"""What a page receives from Python: a :class:`Fragment` of HTML (a raw HTML block in Markdown) or
:class:`Prose` (escaped Markdown text), and the pieces most blocks are made of: tables, status
badges, script tags.

Blocks are handed to Quarto as Markdown holding a raw HTML block (never as ``text/html`` display
data, which makes Quarto load require.js and jQuery from a CDN); inline values are Markdown
text, so a narrow no-break space stays a character.
"""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from helpers.charts.style import STATUS_COLOURS
from helpers.core.escape import inline_html, qmd_html
from helpers.core.labels import format_number, missing, status_label, t
from helpers.site.render import macro, render
from helpers.site.urls import TABLES_DIR

#: Site files the pages load (served from the site itself, never from a CDN).
PLOTLY_JS = "assets/js/plotly-basic.min.js"
CHARTS_JS = "assets/js/charts.js"
TABLES_JS = "assets/js/tables.js"


class Fragment:
    """A block of HTML for a page: Quarto receives it as a raw HTML block in Markdown."""

    def __init__(self, html: str):
        self.html = str(html)

    def _repr_markdown_(self) -> str:
        return f"```{{=html}}\n{qmd_html(self.html)}\n```\n"

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.html


class Prose(str):
    """A sentence or a value for the prose (inline expressions): escaped HTML in a raw inline,
    so Pandoc reads no Markdown and Quarto no shortcode in it."""

    def _repr_markdown_(self) -> str:
        return inline_html(str(self))

    def __repr__(self) -> str:
        return str(self)


def scripts(site_root: str, files: tuple[str, ...]) -> Fragment:
    """Deferred script tags for site files (paths from the site root)."""
    tags = Markup("").join(Markup('<script defer src="{}"></script>').format(site_root + f) for f in files)
    return Fragment(tags)


def table_scripts(site_root: str = "") -> Fragment:
    """The search box of long tables, once per page."""
    return scripts(site_root, (TABLES_JS,))


#: a lazy table shows this many rows in the page; the others load from its file when asked for
FIRST_ROWS = 12


def table(columns: list[str], rows: list[dict], caption: str, lang: str, table_id: str,
          searchable: bool = False, cards: bool = True, collapsed: bool = False, total: int | None = None,
          rows_src: str | None = None, csv_src: str | None = None) -> Markup:
    """A table from the one table template: rows are {'id', 'cells'}; cells that are Markup stay
    markup. With ``rows_src``, ``rows`` are the first of ``total`` rows and the others load from that
    file (assets/js/tables.js); without JavaScript, ``csv_src`` links to the whole table."""
    return render("table.html.j2", columns=columns, rows=rows, caption=caption, table_id=table_id, collapsed=collapsed,
                  searchable=searchable, cards=cards, search_label=t("ui:search", lang), count_template=t("ui:count", lang),
                  total=total or len(rows), rows_src=rows_src, csv_src=csv_src,
                  more_label=t("ui:all-rows", lang).format(total=format_number(total or len(rows), lang)))


def frame_rows(df: pd.DataFrame, ids: list[str] | None = None) -> list[dict]:
    """A DataFrame's rows as the table template takes them: '–' for a missing cell."""
    return [{"id": ids[i] if ids else None, "cells": ["–" if missing(v) else v for v in row]}
            for i, row in enumerate(df.itertuples(index=False))]


def frame_table(df: pd.DataFrame, caption: str, lang: str, table_id: str, ids: list[str] | None = None,
                searchable: bool = False, collapsed: bool = False, lazy: bool = False, site_root: str = "",
                csv_src: str | None = None) -> Markup:
    """A DataFrame as a table; cells that are Markup (links, badges) stay markup, others are escaped.
    ``lazy``: only the first :data:`FIRST_ROWS` rows are in the page; the build writes every row to
    ``tables/<table_id>.json`` (:func:`helpers.site.lazy_tables.write_table_files`), so the page does
    not grow with the data."""
    rows = frame_rows(df, ids)
    if not lazy or len(rows) <= FIRST_ROWS:
        return table(list(df.columns), rows, caption, lang, table_id, searchable=searchable, collapsed=collapsed)
    return table(list(df.columns), rows[:FIRST_ROWS], caption, lang, table_id, searchable=searchable, collapsed=collapsed,
                 total=len(rows), rows_src=f"{site_root}{TABLES_DIR}/{table_id}.json",
                 csv_src=f"{site_root}{csv_src}" if csv_src else None)


def status_badge(code: str, lang: str) -> dict:
    """A claim status as the templates' badge macro takes it: code, label and colour."""
    return {"code": code, "label": status_label(code, lang), "colour": STATUS_COLOURS.get(code, "#999999")}


def badge(code: str, lang: str) -> Markup:
    """A claim status as a badge (HTML)."""
    return macro("badge", b=status_badge(code, lang))
