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


def load(root: Path | None = None, folder: Path | None = None) -> Published:
    """The published datasets of ``root`` (default: the project holding the working directory), or
    of ``folder`` (a build's staging copy of ``data/processed``)."""
    folder = folder or processed_dir(root or project_root())
    frames = {name: read_table(folder / f"{name}.csv", name, raw=False) for name in PUBLISHED}
    geo = json.loads((folder / "actor_geography.geojson").read_text(encoding="utf-8"))
    base = json.loads((folder / "basemap.geojson").read_text(encoding="utf-8"))
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    detail_path = folder / "basemap_detail.geojson"
    detail = json.loads(detail_path.read_text(encoding="utf-8")) if detail_path.is_file() else None
    return Published(**frames, geography=geo, basemap=base, package=package, basemap_detail=detail)


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
