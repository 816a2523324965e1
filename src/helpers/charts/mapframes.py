"""The maps' frames: for each map its panels, their projections and lon/lat boxes, where they sit on
the chart at desktop and phone widths, and which places, routes and regions the map shows.

Geometry and selection only: :mod:`helpers.charts.maplabels` places the labels in these frames
and :mod:`helpers.charts.maps` draws them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from pyproj import Transformer

from helpers.model.geo import BBOX

#: Charts narrower than this get the phone layout (panels stacked, taller frame), applied in the
#: browser from ``layout.meta.phone`` by ``rpkResponsive`` in assets/js/charts.js.
PHONE_MAX = 600
#: Widths (px of the chart) at which labels must not collide, per layout: the standalone exports
#: at 375 and 1280 px, phones up to PHONE_MAX, the article column.
LABEL_WIDTHS = {"desktop": (600, 760, 960, 1264), "phone": (359, 420, 520, 599)}
LABEL_FONT = 10
CHAR_PX = 6.0  # generous average advance of a 10 px system sans-serif character
LINE_PX = 13
MARGIN = dict(l=4, r=4, t=30, b=104)
PHONE_MARGIN_B = 210
MARKER_SCALE = {"desktop": 1.0, "phone": 0.6}
CREDIT_SHIFT = {"desktop": -46, "phone": -104}

#: The overview's projection (Moscow to the Pacific).
PROJ = "+proj=lcc +lat_1=40 +lat_2=62 +lat_0=52 +lon_0=80 +datum=WGS84 +units=km +no_defs"
PROJECTIONS = {
    "conic": (PROJ, {"fr": "conique conforme de Lambert (parallèles 40° N et 62° N)",
                         "en": "Lambert conformal conic (parallels 40°N and 62°N)"}),
    "east": ("+proj=tmerc +lat_0=44 +lon_0=131 +k=1 +datum=WGS84 +units=km +no_defs",
             {"fr": "Mercator transverse centrée sur 131° E", "en": "transverse Mercator centred on 131°E"}),
    "west": ("+proj=tmerc +lat_0=48 +lon_0=38 +k=1 +datum=WGS84 +units=km +no_defs",
             {"fr": "Mercator transverse centrée sur 38° E", "en": "transverse Mercator centred on 38°E"}),
}


@dataclass(frozen=True)
class Panel:
    key: str
    proj: str
    view: tuple[float, float, float, float] | None  # lon/lat box shown; None: the data's extent
    domain: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 1.0), (0.0, 1.0))
    phone: tuple[tuple[float, float], tuple[float, float]] | None = None  # domain below PHONE_MAX px (None: same)
    base: str = "coarse"  # 'coarse' basemap, or the 'east'/'west' box of the detail basemap
    title: dict | None = None
    labels: bool = True
    locator: bool = False  # a small overview with the other panels' frames
    ndigits: int = 0  # decimals of the projected kilometres kept in the chart JSON
    layouts: tuple[str, ...] = ("desktop", "phone")  # the layouts the panel is drawn in


@dataclass(frozen=True)
class MapSpec:
    kind: str
    height: int
    phone_height: int
    panels: tuple[Panel, ...]
    route_kinds: frozenset | None
    #: the admin-1 regions the map highlights (ISO 3166-2), each named where it lies
    areas: frozenset = frozenset()
    #: a single-panel map whose height follows its width in the desktop layout (no empty bands)
    fit: bool = False


TITLES = {
    "overview": {"fr": "De Moscou à Pyongyang : les lieux et les routes de l'alliance", "en": "From Moscow to Pyongyang: the places and routes of the alliance"},
    "troops": {"fr": "Des ports nord-coréens au front de Koursk : le trajet des soldats", "en": "From North Korean ports to the Kursk front: the soldiers' journey"},
    "munitions": {"fr": "Obus et missiles : les routes maritimes et ferroviaires signalées", "en": "Shells and missiles: the reported sea and rail routes"},
    "korea-primorye": {"fr": "Rason, le Tumen et les ports du Primorié : là où passe l'alliance", "en": "Rason, the Tumen and the Primorye ports: where the alliance crosses"},
}
PANEL_TITLES = {
    "fareast": {"fr": "Extrême-Orient : embarquement et camps", "en": "Far East: embarkation and camps"},
    "west": {"fr": "Moscou, Koursk, Kyiv", "en": "Moscow, Kursk, Kyiv"},
    "east": {"fr": "Corée du Nord et Extrême-Orient russe", "en": "North Korea and the Russian Far East"},
    "journey": {"fr": "Le trajet jusqu’à Koursk", "en": "The journey to Kursk"},
    "ports": {"fr": "Chargement et déchargement", "en": "Loading and unloading"},
    "depots": {"fr": "Dépôts derrière le front", "en": "Depots behind the front"},
    "tumen": {"fr": "Embouchure du Tumen", "en": "Tumen mouth"},
    "locator": {"fr": "Situation", "en": "Locator"},
}

def _locator(view, desktop, phone) -> Panel:
    """A small conic overview showing where the other panels are."""
    return Panel("locator", "conic", view, desktop, phone, labels=False, locator=True)


def _frame(key: str, proj: str, view, desktop, phone, ndigits: int = 1) -> Panel:
    """A titled regional panel drawn on the finer basemap of its projection's box."""
    return Panel(key, proj, view, desktop, phone, base=proj, title=PANEL_TITLES[key], ndigits=ndigits)


JOURNEY = (30.0, 38.0, 142.0, 58.0)  # the locator of the regional maps: the Kursk front to the Pacific

#: the overview on a phone: its two ends, stacked (the steppe between them is a route, not a place)
OVERVIEW_WEST = (27.0, 46.0, 42.0, 57.5)
OVERVIEW_EAST = (122.5, 36.5, 135.5, 46.5)
SPECS = {
    "overview": MapSpec("overview", 400, 940, (
        Panel("main", "conic", None, layouts=("desktop",)),
        Panel("west", "west", OVERVIEW_WEST, ((0.0, 0.01), (0.0, 0.01)), ((0.0, 1.0), (0.44, 1.0)),
              title=PANEL_TITLES["west"], layouts=("phone",)),
        Panel("east", "east", OVERVIEW_EAST, ((0.0, 0.01), (0.0, 0.01)), ((0.0, 1.0), (0.0, 0.40)),
              title=PANEL_TITLES["east"], layouts=("phone",)),
    ), None, frozenset({"RU-KRS"}), fit=True),
    # on a phone the Tumen inset takes the whole width (its sites are named there, not on the main
    # panel) and the locator is left to the desktop
    "korea-primorye": MapSpec("korea-primorye", 600, 840, (
        Panel("main", "east", (127.2, 39.5, 135.2, 44.7), ((0.0, 0.62), (0.0, 1.0)), ((0.0, 1.0), (0.44, 1.0)), base="east", ndigits=1),
        _frame("tumen", "east", (130.25, 42.18, 130.80, 42.50), ((0.65, 1.0), (0.42, 1.0)), ((0.0, 1.0), (0.0, 0.40)), ndigits=2),
        Panel("locator", "conic", (20.0, 30.0, 150.0, 68.0), ((0.65, 1.0), (0.0, 0.36)), ((0.0, 0.01), (0.0, 0.01)), labels=False,
              locator=True, layouts=("desktop",)),
    ), None, frozenset({"KP-13"})),
    # no panel of the Kursk front: no front line or incursion area is in the data; the journey panel
    # shows where the soldiers went (the Kursk region, highlighted)
    "troops": MapSpec("troops", 620, 900, (
        _frame("fareast", "east", (126.0, 38.9, 137.4, 51.1), ((0.0, 0.5), (0.0, 1.0)), ((0.0, 1.0), (0.36, 1.0))),
        Panel("journey", "conic", JOURNEY, ((0.53, 1.0), (0.25, 0.85)), ((0.0, 1.0), (0.0, 0.30)),
              title=PANEL_TITLES["journey"], locator=True),
    ), frozenset({"troop movement"}), frozenset({"RU-KRS"})),
    "munitions": MapSpec("munitions", 640, 920, (
        _frame("ports", "east", (129.6, 41.1, 134.2, 44.1), ((0.0, 0.62), (0.36, 1.0)), ((0.0, 1.0), (0.56, 1.0))),
        _frame("depots", "west", (34.0, 43.2, 46.5, 51.0), ((0.65, 1.0), (0.36, 1.0)), ((0.0, 1.0), (0.20, 0.58)), ndigits=0),
        _locator(JOURNEY, ((0.0, 1.0), (0.0, 0.32)), ((0.0, 1.0), (0.0, 0.18))),
    ), frozenset({"arms shipment"}), frozenset({"KP-13"})),
}
#: country and sea names, in the page's language, where each panel has room for them:
#: (label key in helpers.core.labels, lon, lat); countries are set in capitals, seas in italics
MAP_NAMES = {
    ("overview", "main"): (("map:RU", 88.0, 60.5), ("map:CN", 104.0, 41.5), ("map:MN", 102.0, 47.6), ("map:KZ", 67.0, 47.5),
                           ("map:UA", 32.0, 47.6), ("sea:japan", 135.5, 41.6), ("sea:black", 34.2, 43.4), ("sea:caspian", 51.0, 44.8)),
    ("overview", "west"): (("map:RU", 40.3, 54.3), ("map:UA", 32.5, 48.3), ("map:BY", 28.7, 53.6), ("sea:black", 33.5, 46.3)),
    ("overview", "east"): (("map:RU", 133.0, 45.6), ("map:CN", 124.5, 43.9), ("map:KP", 126.6, 40.7), ("map:KR", 128.6, 36.85),
                           ("sea:japan", 132.5, 39.2), ("sea:yellow", 123.5, 37.3)),
    ("korea-primorye", "main"): (("map:RU", 134.0, 44.4), ("map:CN", 128.7, 43.4), ("map:KP", 128.4, 41.25), ("sea:japan", 132.0, 40.3)),
    ("troops", "fareast"): (("map:RU", 133.5, 49.8), ("map:CN", 128.0, 46.8), ("map:KP", 127.2, 40.3), ("sea:japan", 134.0, 41.0)),
    ("munitions", "ports"): (("map:RU", 133.0, 43.45), ("sea:japan", 132.2, 42.15)),
    ("munitions", "depots"): (("map:RU", 42.5, 49.8), ("map:UA", 35.4, 49.6), ("sea:black", 38.6, 43.75), ("sea:azov", 36.7, 46.15)),
}
KINDS = tuple(SPECS)


def on_map(feature: dict, bbox=BBOX) -> bool:
    """Whether a point feature falls inside a lon/lat box (by default the mapped region)."""
    lon, lat = feature["geometry"]["coordinates"]
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def transformer(proj_key: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", PROJECTIONS[proj_key][0], always_xy=True)


# ----------------------------------------------------------------------------- selection

def select(geography: dict, kind: str) -> tuple[list, list, list]:
    """Places, routes and regions a map shows."""
    spec = SPECS[kind]
    feats = geography["features"]
    routes = [f for f in feats if f["properties"]["feature_type"] == "route"
              and (spec.route_kinds is None or f["properties"]["kind"] in spec.route_kinds)]
    on_route = {p for r in routes for p in r["properties"]["place_ids"].split(";")}
    places = [f for f in feats if f["properties"]["feature_type"] == "place"
              and (kind in ("overview", "korea-primorye") or f["id"] in on_route
                   or (kind == "troops" and f["properties"]["role"] in ("training ground", "front area"))
                   or (kind == "munitions" and f["properties"]["role"] == "depot"))]
    if kind == "korea-primorye":
        places = [f for f in places if on_map(f, SPECS[kind].panels[0].view)]
    areas = [f for f in feats if f["properties"]["feature_type"] == "area" and f["properties"].get("iso_3166_2") in spec.areas]
    return places, routes, areas


def labelled(feature: dict, kind: str) -> bool:
    """Which places ask for a label (placement may still leave a label to the hover and table)."""
    p = feature["properties"]
    if p["role"] == "seat":
        return False
    if kind == "overview":
        return p["role"] == "capital" or (p["event_count"] >= 3 and p["role"] not in ("city",))
    return True


# ----------------------------------------------------------------------------- projection

def rounder(ndigits: int):
    return (lambda v: round(v)) if ndigits == 0 else (lambda v: round(v, ndigits))


def project_geom(geom, tr: Transformer, ndigits: int, tolerance_km: float = 0.0) -> tuple[list, list]:
    """Rings and lines as x/y lists separated by None, in projected km, simplified and rounded."""
    xs, ys = [], []
    rnd = rounder(ndigits)
    parts = [geom] if geom.geom_type in ("Polygon", "LineString") else [g for g in getattr(geom, "geoms", [])]
    for part in parts:
        if part.is_empty or part.geom_type not in ("Polygon", "LineString"):
            continue
        rings = [part.exterior] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            lon, lat = zip(*ring.coords)
            x, y = tr.transform(lon, lat)
            line = shapely.LineString(list(zip(x, y)))
            if tolerance_km:
                if part.geom_type == "Polygon" and line.length < 8 * tolerance_km:
                    continue  # an islet smaller than a few pixels
                line = line.simplify(tolerance_km)
            last = None
            for px, py in line.coords:
                pt = (rnd(px), rnd(py))
                if pt != last:
                    xs.append(pt[0])
                    ys.append(pt[1])
                last = pt
            xs.append(None)
            ys.append(None)
    return xs, ys


def view_box(panel: Panel, tr: Transformer, data_xy: list[tuple[float, float]] | None = None) -> tuple[float, float, float, float]:
    """The panel's frame in projected km: the projected lon/lat box, or the data's extent padded."""
    if panel.view is None:
        xs, ys = zip(*data_xy)
        pad_x, pad_y = max((max(xs) - min(xs)) * 0.06, 200), max((max(ys) - min(ys)) * 0.10, 200)
        return min(xs) - pad_x, min(ys) - pad_y, max(xs) + pad_x, max(ys) + pad_y
    lon0, lat0, lon1, lat1 = panel.view
    edge = [(lon0 + (lon1 - lon0) * i / 20, lat) for i in range(21) for lat in (lat0, lat1)]
    edge += [(lon, lat0 + (lat1 - lat0) * i / 20) for i in range(21) for lon in (lon0, lon1)]
    x, y = tr.transform(*zip(*edge))
    if panel.locator:  # a locator shows all of its box: the outer rectangle
        return min(x), min(y), max(x), max(y)
    # the inner rectangle of the projected box: everything shown lies inside the lon/lat box
    xs_w = [a for a, (lon, _) in zip(x, edge) if lon == lon0]
    xs_e = [a for a, (lon, _) in zip(x, edge) if lon == lon1]
    ys_s = [b for b, (_, lat) in zip(y, edge) if lat == lat0]
    ys_n = [b for b, (_, lat) in zip(y, edge) if lat == lat1]
    return max(xs_w), max(ys_s), min(xs_e), min(ys_n)


def domain(panel: Panel, layout: str):
    return panel.phone if layout == "phone" and panel.phone else panel.domain


def plot_size(spec: MapSpec, width: int, layout: str) -> tuple[float, float]:
    bottom = PHONE_MARGIN_B if layout == "phone" else MARGIN["b"]
    height = spec.phone_height if layout == "phone" else spec.height
    return width - MARGIN["l"] - MARGIN["r"], height - MARGIN["t"] - bottom


def panel_pixels(spec: MapSpec, panel: Panel, box, width: int, layout: str = "desktop") -> tuple[float, float, float, float, float]:
    """(scale px per km, frame width px, height px, left px, top px) of a panel at a chart width;
    the panel's domain shrinks to the frame's aspect (constrain='domain'), centred."""
    plot_w, plot_h = plot_size(spec, width, layout)
    (dx0, dx1), (dy0, dy1) = domain(panel, layout)
    w, h = plot_w * (dx1 - dx0), plot_h * (dy1 - dy0)
    xr, yr = box[2] - box[0], box[3] - box[1]
    s = min(w / xr, h / yr)
    pw, ph = xr * s, yr * s
    left = MARGIN["l"] + plot_w * dx0 + (w - pw) / 2
    top = MARGIN["t"] + plot_h * (1 - dy1) + (h - ph) / 2
    return s, pw, ph, left, top


def scale_length(box) -> int:
    """A round scale-bar length close to a fifth of the frame's width."""
    target = (box[2] - box[0]) / 5
    exp = 10 ** math.floor(math.log10(target))
    return int(max(n * exp for n in (1, 2, 5) if n * exp <= target))


def projection_names(kind: str, lang: str, layout: str | None = None) -> list[str]:
    """The projections a map uses (in one layout, or in any), named for the caption and credit."""
    seen = []
    for p in SPECS[kind].panels:
        if layout and layout not in p.layouts:
            continue
        name = PROJECTIONS[p.proj][1][lang]
        if name not in seen:
            seen.append(name)
    return seen
