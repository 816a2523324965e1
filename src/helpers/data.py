"""Load the published datasets (what pages, figures and tests read)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.paths import processed_dir
from helpers.tables import read_table

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


def load(root: Path, folder: Path | None = None) -> Published:
    """The published datasets of ``root`` (or of ``folder``, e.g. a build's staging copy)."""
    folder = folder or processed_dir(root)
    frames = {name: read_table(folder / f"{name}.csv", name, raw=False) for name in PUBLISHED}
    geo = json.loads((folder / "actor_geography.geojson").read_text(encoding="utf-8"))
    base = json.loads((folder / "basemap.geojson").read_text(encoding="utf-8"))
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    detail_path = folder / "basemap_detail.geojson"
    detail = json.loads(detail_path.read_text(encoding="utf-8")) if detail_path.is_file() else None
    return Published(**frames, geography=geo, basemap=base, package=package, basemap_detail=detail)
