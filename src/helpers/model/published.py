"""The published datasets, loaded back: what the charts, the pages, the feeds and analysts read.

``load()`` reads every table of ``data/processed`` (types from the schemas), the GeoJSON
layers and ``datapackage.json`` into one :class:`Published` object. The build loads it once and
hands it to the charts, the claim pages and the feeds; each page loads it once. An analyst gets
the same object from a fresh clone, without running the build::

    from helpers import load
    data = load()                   # finds the project from the working directory
    data.timeline                   # one DataFrame per table
    data.dictionary("timeline")     # what each column means, from datapackage.json
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core.labels import t
from helpers.core.paths import processed_dir, project_root
from helpers.core.reads import LAYERS, UndeclaredRead, current_page, page_reads
from helpers.raw.tables import read_table

PUBLISHED = ("sources", "places", "actors", "timeline", "claims", "claim_sources", "estimates", "routes", "waypoints",
             "route_paths", "site_imagery", "corrections", "claim_status_history")


@dataclass
class Published:
    sources: pd.DataFrame
    places: pd.DataFrame
    actors: pd.DataFrame
    timeline: pd.DataFrame
    claims: pd.DataFrame
    claim_sources: pd.DataFrame
    estimates: pd.DataFrame
    routes: pd.DataFrame
    waypoints: pd.DataFrame
    route_paths: pd.DataFrame
    site_imagery: pd.DataFrame
    corrections: pd.DataFrame
    claim_status_history: pd.DataFrame
    geography: dict
    basemap: dict
    package: dict
    basemap_detail: dict | None = None

    def dictionary(self, table: str | None = None, lang: str = "en") -> pd.DataFrame:
        """Every published column (of one table, or of all): file, column, type and description."""
        out = data_dictionary(self.package, lang)
        return out if table is None else out[out.iloc[:, 0] == f"{table}.csv"].reset_index(drop=True)


class Restricted(Published):
    """The published data as one reader may use it: a page (the inputs its front matter declares,
    :mod:`helpers.core.reads`) or a chart (its ``data_files``). Reading any other table or layer
    raises :class:`helpers.core.reads.UndeclaredRead`, naming the reader and where to declare it."""

    def __init__(self, reads, who: str, where: str, **fields):
        object.__setattr__(self, "_rpk", (frozenset(reads), who, where))
        super().__init__(**fields)

    def __getattribute__(self, name: str):
        if name in FIELDS:
            reads, who, where = object.__getattribute__(self, "_rpk")
            if name not in reads:
                raise UndeclaredRead(f"{who} reads '{name}' but does not declare it in {where}")
        return object.__getattribute__(self, name)

    def __repr__(self) -> str:
        reads, who, _ = object.__getattribute__(self, "_rpk")
        return f"Restricted({who}: {', '.join(sorted(reads))})"


FIELDS = (*PUBLISHED, *LAYERS)
#: published file name -> the field of Published that holds it
FILE_FIELDS = {**{f"{name}.csv": name for name in PUBLISHED}, **{file: name for name, file in LAYERS.items()}}


def restrict(data: Published, files, who: str, where: str) -> Restricted:
    """``data`` limited to the published files a reader declares (``timeline.csv``, ``basemap.geojson``…)."""
    reads = {FILE_FIELDS[f] for f in files}
    return Restricted(reads, who, where, **{f: object.__getattribute__(data, f) if f in reads else None for f in FIELDS})


def load(root: Path | None = None, folder: Path | None = None) -> Published:
    """The published datasets of ``root`` (default: the project holding the working directory), or
    of ``folder`` (a build's staging copy of ``data/processed``). Run by a page during a render, only
    the inputs the page declares (``rpk-reads``) are read, and only they may be used."""
    reads = page_reads() if folder is None and root is None else None  # a page's own load()
    folder = folder or processed_dir(root or project_root())
    wanted = set(FIELDS) if reads is None else set(reads) & set(FIELDS)

    def layer(name: str):
        path = folder / LAYERS[name]
        return json.loads(path.read_text(encoding="utf-8")) if name in wanted and path.is_file() else None

    fields = {name: read_table(folder / f"{name}.csv", name, raw=False) if name in wanted else None for name in PUBLISHED}
    fields.update({name: layer(name) for name in LAYERS})
    if reads is None:
        return Published(**fields)
    return Restricted(reads, current_page().name, "rpk-reads in its front matter (the freezer re-executes a page only "
                                                  "when a declared input changes)", **fields)


def described(item: dict, lang: str, key: str = "description") -> str:
    """A resource's or field's title or description in ``lang`` (French ones are ``x-<key>-fr``)."""
    return item.get(f"x-{key}-fr" if lang == "fr" else key) or item.get(key, "")


def data_dictionary(package: dict, lang: str = "en") -> pd.DataFrame:
    """One row per published column: file, column, type, description (from datapackage.json),
    in the page's language (French descriptions are the schemas' ``x-description-fr``)."""
    cols = [t("col:" + k, lang) for k in ("file", "column", "type", "description")]
    rows = [(res["path"], f["name"], t("ftype:" + f["type"], lang), described(f, lang))
            for res in package["resources"] for f in res.get("schema", {}).get("fields", [])]
    return pd.DataFrame(rows, columns=cols)
