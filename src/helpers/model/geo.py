"""Geography as published: basemaps, areas, places and routes as GeoJSON (RFC 7946).

Borders follow internationally recognised boundaries: the basemaps are cut from Natural Earth
10m admin-0 in its German point of view, in which Crimea is part of Ukraine
(:mod:`helpers.raw.naturalearth`). The maps are drawn from these collections by
:mod:`helpers.charts.maps`.
"""
from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, mapping, shape
from shapely.geometry.polygon import orient

from helpers.raw.naturalearth import ne_admin0_path
from helpers.raw.tables import split_ids
#: Region shown: from Ukraine's western neighbours to Japan, the Arctic coast to the Yellow Sea (lon, lat).
BBOX = (18.0, 30.0, 148.0, 70.0)
SIMPLIFY_DEG = 0.2
#: Boxes of the finer basemap used by the regional maps (lon, lat): the Russian Far East and north-east
#: Korea (Hamhung to Khabarovsk and Blagoveshchensk), and the Ukraine–Russia front with the depots behind it.
DETAIL_BOXES = {"east": (125.8, 38.8, 137.6, 51.2), "west": (33.0, 42.5, 47.0, 53.0)}
DETAIL_BBOX = DETAIL_BOXES["east"]
DETAIL_SIMPLIFY_DEG = 0.01


def round_geometry(geom, ndigits: int):
    return shapely.set_precision(geom, 10 ** -ndigits) if ndigits else geom


def orient_rfc7946(geom):
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6)."""
    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    if geom.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    return geom


def basemap(bbox=BBOX, tolerance: float = SIMPLIFY_DEG) -> gpd.GeoDataFrame:
    """Countries clipped to the region and simplified so that neighbours still share borders."""
    world = gpd.read_file(f"zip://{ne_admin0_path()}", encoding="utf-8")
    world = world[["ISO_A2_EH", "ADM0_A3", "NAME_FR", "NAME_EN", "geometry"]].rename(
        columns={"ISO_A2_EH": "iso_a2", "ADM0_A3": "adm0_a3", "NAME_FR": "name_fr", "NAME_EN": "name_en"})
    region = shapely.box(*bbox)
    world = world[world.intersects(region)].copy()
    world["geometry"] = world.geometry.intersection(region)
    world = world[~world.geometry.is_empty].sort_values("adm0_a3").reset_index(drop=True)
    simplified = shapely.coverage_simplify(world.geometry.values, tolerance)
    world["geometry"] = [orient_rfc7946(shapely.make_valid(round_geometry(g, 3))) for g in simplified]
    world = world[~world.geometry.is_empty & world.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    world["id"] = "country-" + world["adm0_a3"].str.lower()
    return world.reset_index(drop=True)


def detail_basemap(boxes: dict = DETAIL_BOXES, tolerance: float = DETAIL_SIMPLIFY_DEG) -> gpd.GeoDataFrame:
    """The finer basemap of the regional maps: countries clipped to each box (property 'box', id suffixed)."""
    parts = []
    for name, bbox in sorted(boxes.items()):
        part = basemap(bbox, tolerance)
        part["box"] = name
        part["id"] = part["id"] + "-" + name
        parts.append(part)
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)


def areas(admin1: gpd.GeoDataFrame, tolerance: float = 0.02) -> gpd.GeoDataFrame:
    """Admin-1 regions (snapshot from Natural Earth), simplified together so shared edges match."""
    out = admin1.sort_values("area_id").reset_index(drop=True).copy()
    simplified = shapely.coverage_simplify(out.geometry.values, tolerance)
    out["geometry"] = [orient_rfc7946(shapely.make_valid(round_geometry(g, 3))) for g in simplified]
    return out


def places_layer(places: pd.DataFrame, timeline: pd.DataFrame, claims: pd.DataFrame) -> gpd.GeoDataFrame:
    events = {p: [] for p in places["place_id"]}
    for _, e in timeline.iterrows():
        if e["place_id"]:
            events[e["place_id"]].append(e["event_id"])
    claimed = {p: [] for p in places["place_id"]}
    for _, c in claims.iterrows():
        for p in split_ids(c["place_ids"]):
            claimed[p].append(c["claim_id"])
    gdf = gpd.GeoDataFrame(places.copy(), geometry=[Point(round(float(x), 4), round(float(y), 4)) for x, y in zip(places["lon"], places["lat"])], crs="EPSG:4326")
    gdf["event_ids"] = [";".join(events[p]) for p in gdf["place_id"]]
    gdf["claim_ids"] = [";".join(claimed[p]) for p in gdf["place_id"]]
    gdf["event_count"] = [len(events[p]) for p in gdf["place_id"]]
    return gdf.sort_values("place_id").reset_index(drop=True)


#: spacing of the points of a drawn great circle (km)
GREAT_CIRCLE_STEP_KM = 100
_GEOD = Geod(ellps="WGS84")


def great_circle(a: tuple[float, float], b: tuple[float, float], step_km: float = GREAT_CIRCLE_STEP_KM) -> list[tuple[float, float]]:
    """The shortest path on the ellipsoid from a to b (lon, lat), one point every step_km."""
    dist = _GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000
    inner = _GEOD.npts(a[0], a[1], b[0], b[1], max(int(dist // step_km), 0))
    return [a, *inner, b]


def route_coords(path: list[str], basis: str, xy: dict) -> list[tuple[float, float]]:
    """Coordinates of a drawn route: its path through places and waypoints; flights as great circles."""
    points = [xy[p] for p in path]
    if basis == "great circle":
        out = [points[0]]
        for a, b in zip(points, points[1:]):
            out += great_circle(a, b)[1:]
        points = out
    return [(round(x, 3), round(y, 3)) for x, y in points]


def routes_layer(routes: pd.DataFrame, places: pd.DataFrame, waypoints: pd.DataFrame | None = None,
                 paths: pd.DataFrame | None = None) -> gpd.GeoDataFrame:
    """Routes as lines along their drawn path (route_paths.csv); without one, straight between their places."""
    xy = {r["place_id"]: (float(r["lon"]), float(r["lat"])) for _, r in places.iterrows()}
    if waypoints is not None:
        xy.update({r["waypoint_id"]: (float(r["lon"]), float(r["lat"])) for _, r in waypoints.iterrows()})
    drawn = {} if paths is None else {r["route_id"]: r for _, r in paths.iterrows()}
    out = routes.copy()
    geoms, basis, line_fr, line_en = [], [], [], []
    for _, r in out.iterrows():
        d = drawn.get(r["route_id"])
        path = split_ids(d["path"]) if d is not None else split_ids(r["place_ids"])
        b = d["path_basis"] if d is not None else "schematic"
        geoms.append(LineString(route_coords(path, b, xy)))
        basis.append(b)
        line_fr.append(d["line_fr"] if d is not None else "")
        line_en.append(d["line_en"] if d is not None else "")
    out["path_basis"], out["line_fr"], out["line_en"] = basis, line_fr, line_en
    return gpd.GeoDataFrame(out, geometry=geoms, crs="EPSG:4326").sort_values("route_id").reset_index(drop=True)


def _props(row: pd.Series, drop=("geometry",)) -> dict:
    out = {}
    for k, v in row.items():
        if k in drop:
            continue
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            out[k] = None
        elif hasattr(v, "item"):
            out[k] = v.item()
        else:
            out[k] = v
    return out


def feature_collection(layers: list[tuple[str, gpd.GeoDataFrame, str]], name: str, description: str) -> dict:
    """[(feature_type, gdf, id column)] -> a GeoJSON FeatureCollection with stable ids."""
    features = []
    for feature_type, gdf, id_col in layers:
        for _, row in gdf.iterrows():
            props = {"feature_type": feature_type, **_props(row, drop=("geometry", id_col))}
            features.append({"type": "Feature", "id": row[id_col], "properties": props, "geometry": mapping(row.geometry)})
    return {"type": "FeatureCollection", "name": name, "description": description, "features": features}


def dumps(collection: dict) -> str:
    """Deterministic, compact GeoJSON text (lists, not tuples; sorted keys)."""
    return json.dumps(json.loads(json.dumps(collection)), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def geojson_problems(collection: dict) -> list[str]:
    """RFC 7946 checks: ids unique, coordinates in range, geometries valid, exterior rings CCW."""
    problems, seen = [], set()
    for i, f in enumerate(collection["features"]):
        fid = f.get("id")
        if fid in seen or fid is None:
            problems.append(f"feature {i}: id {fid!r} missing or duplicated")
        seen.add(fid)
        geom = shape(f["geometry"])
        if not geom.is_valid:
            problems.append(f"feature {fid}: invalid geometry ({shapely.is_valid_reason(geom)})")
        minx, miny, maxx, maxy = geom.bounds
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            problems.append(f"feature {fid}: coordinates out of range")
        polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms) if geom.geom_type == "MultiPolygon" else []
        for p in polys:
            if not p.exterior.is_ccw or any(r.is_ccw for r in p.interiors):
                problems.append(f"feature {fid}: ring winding is not RFC 7946 (exterior counter-clockwise)")
                break
    return problems


def country_at(basemap_gdf: gpd.GeoDataFrame, lon: float, lat: float) -> str | None:
    hit = basemap_gdf[basemap_gdf.contains(Point(lon, lat))]
    return None if hit.empty else hit.iloc[0]["iso_a2"]
