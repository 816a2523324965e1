"""The rows of the lazy tables (issue 22): a long table shows its first rows in the page and
loads the others from ``tables/<table_id>.json`` when the reader asks for them (opens the table,
searches it, or follows a permalink to one of its rows), so a page does not grow with the data.

The build writes those files (:func:`write_table_files`) from the same frames the pages render:
the events table of the story pages and the table under every chart. Each cell is the escaped
HTML the table template would write, set by its language's typography.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from helpers.charts.figures import CHART_IDS
from helpers.core.labels import LANGS
from helpers.core.typeset import typeset_markup
from helpers.model.published import Published
from helpers.site.chart_blocks import chart_table
from helpers.site.fragments import frame_rows
from helpers.site.story import events_frame
from helpers.site.urls import TABLES_DIR


#: the lazy tables of the site: the events table of each story page, the table under each chart
LAZY_TABLE_IDS = tuple(f"events-{lang}" for lang in LANGS) + tuple(f"table-{c}-{lang}" for lang in LANGS for c in CHART_IDS)


def lazy_frames(data: Published) -> dict[str, tuple[pd.DataFrame, list | None, str]]:
    """{table_id: (frame, row ids, language)} of every lazy table of the site."""
    out = {}
    for lang in LANGS:
        df, ids = events_frame(data, lang)
        out[f"events-{lang}"] = (df, ids, lang)
        for chart_id in CHART_IDS:
            out[f"table-{chart_id}-{lang}"] = (chart_table(data, chart_id, lang), None, lang)
    return out


def _cell(value, lang: str) -> str:
    html = str(value) if isinstance(value, Markup) else str(escape(value))
    return typeset_markup(html, lang, attributes=False)


def table_json(df: pd.DataFrame, ids: list | None, lang: str) -> str:
    rows = [{"id": r["id"], "cells": [_cell(c, lang) for c in r["cells"]]} for r in frame_rows(df, ids)]
    return json.dumps({"columns": list(df.columns), "rows": rows}, ensure_ascii=False, separators=(",", ":"))


def table_files(table_ids) -> list[str]:
    return [f"{TABLES_DIR}/{table_id}.json" for table_id in sorted(table_ids)]


def write_table_files(data: Published, out: Path) -> list[Path]:
    """Write every lazy table's rows under ``out/tables/`` (the staging folder during a build)."""
    folder = out / TABLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    frames = lazy_frames(data)
    for old in folder.glob("*.json"):
        if old.stem not in frames:
            old.unlink()
    for table_id, (df, ids, lang) in sorted(frames.items()):
        path = folder / f"{table_id}.json"
        text = table_json(df, ids, lang)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
