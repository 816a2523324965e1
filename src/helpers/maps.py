"""The publication's maps: one frame and projection per map, labels that do not collide, furniture.

Every map is drawn offline as plotly scatter shapes in projected kilometres (no tiles, no
topojson). Each map is a set of panels, each with its own projection and frame:

- ``overview``: Lambert conformal conic, Moscow to the Pacific;
- ``korea-primorye``: transverse Mercator on 131°E, the north-east Korea – Primorye detail, with a
  zoom on the Tumen mouth and a locator, both placed over the Sea of Japan;
- ``troops``: the Far East (embarkation, sea lanes, training grounds) and the Kursk front side by
  side, each in its own transverse Mercator, with a locator of the whole journey;
- ``munitions``: the loading and unloading ports and the depots behind the front, likewise.

Labels are placed by :func:`place_labels`: for every place, candidate anchors are tried around
its marker, at each of the widths the chart is read at (phone to desktop); a label that cannot
be placed without touching another label, a panel edge or the map furniture is left to the
hover and to the table under the chart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from helpers import geo
from helpers.htmltext import esc
from helpers.style import FONT, INK, MUTED, base_layout, colon, t

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

PROJECTIONS = {
    "conic": (geo.PROJ, {"fr": "conique conforme de Lambert (parallèles 40° N et 62° N)",
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


@dataclass(frozen=True)
class MapSpec:
    kind: str
    height: int
    phone_height: int
    panels: tuple[Panel, ...]
    route_kinds: frozenset | None


TITLES = {
    "overview": {"fr": "De Moscou à Pyongyang : les lieux et les routes de l'alliance", "en": "From Moscow to Pyongyang: the places and routes of the alliance"},
    "troops": {"fr": "Des ports nord-coréens au front de Koursk : le trajet des soldats", "en": "From North Korean ports to the Kursk front: the soldiers' journey"},
    "munitions": {"fr": "Obus et missiles : les routes maritimes et ferroviaires signalées", "en": "Shells and missiles: the reported sea and rail routes"},
    "korea-primorye": {"fr": "Rason, le Tumen et les ports du Primorié : là où passe l'alliance", "en": "Rason, the Tumen and the Primorye ports: where the alliance crosses"},
}
PANEL_TITLES = {
    "fareast": {"fr": "Extrême-Orient : embarquement et camps", "en": "Far East: embarkation and camps"},
    "kursk": {"fr": "Front de Koursk", "en": "Kursk front"},
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

SPECS = {
    "overview": MapSpec("overview", 560, 380, (Panel("main", "conic", None),), None),
    "korea-primorye": MapSpec("korea-primorye", 600, 760, (
        Panel("main", "east", (127.2, 39.5, 135.2, 44.7), ((0.0, 0.62), (0.0, 1.0)), ((0.0, 1.0), (0.38, 1.0)), base="east", ndigits=1),
        _frame("tumen", "east", (130.25, 42.18, 130.80, 42.50), ((0.65, 1.0), (0.42, 1.0)), ((0.0, 0.52), (0.0, 0.34)), ndigits=2),
        _locator((20.0, 30.0, 150.0, 68.0), ((0.65, 1.0), (0.0, 0.36)), ((0.55, 1.0), (0.0, 0.34))),
    ), None),
    "troops": MapSpec("troops", 620, 980, (
        _frame("fareast", "east", (126.0, 38.9, 137.4, 51.1), ((0.0, 0.5), (0.0, 1.0)), ((0.0, 1.0), (0.44, 1.0))),
        _frame("kursk", "west", (33.9, 50.3, 38.4, 52.4), ((0.53, 1.0), (0.40, 1.0)), ((0.0, 1.0), (0.17, 0.42))),
        _locator(JOURNEY, ((0.53, 1.0), (0.0, 0.36)), ((0.0, 1.0), (0.0, 0.15))),
    ), frozenset({"troop movement"})),
    "munitions": MapSpec("munitions", 640, 920, (
        _frame("ports", "east", (129.7, 41.8, 134.2, 43.6), ((0.0, 0.62), (0.36, 1.0)), ((0.0, 1.0), (0.60, 1.0))),
        _frame("depots", "west", (34.0, 43.2, 46.5, 51.0), ((0.65, 1.0), (0.36, 1.0)), ((0.0, 1.0), (0.20, 0.58)), ndigits=0),
        _locator(JOURNEY, ((0.0, 1.0), (0.0, 0.32)), ((0.0, 1.0), (0.0, 0.18))),
    ), frozenset({"arms shipment"})),
}
KINDS = tuple(SPECS)

ROUTE_STYLE = geo.ROUTE_STYLE
HOME = {"RU": "#f6e8e1", "KP": "#f4e6ef", "UA": "#f3efd6"}
SEA = "#d3e5f3"
ROUTE_NAMES = {"arms shipment": {"fr": "Livraisons d'armes signalées", "en": "Reported arms shipments"},
               "troop movement": {"fr": "Mouvements de troupes signalés", "en": "Reported troop movements"},
               "transport link": {"fr": "Liaisons de transport", "en": "Transport links"}}
BASIS = {"line": {"fr": "le long des voies ferrées", "en": "along the railway lines"},
         "sea lane": {"fr": "tracé en mer schématique", "en": "schematic lane at sea"},
         "great circle": {"fr": "orthodromie (vol)", "en": "great circle (flight)"},
         "schematic": {"fr": "tracé schématique (itinéraire non publié)", "en": "schematic (path not published)"}}
ROLE = {"capital": ("capitale", "capital"), "seat": ("siège", "seat"), "port": ("port", "port"),
        "rail crossing": ("passage ferroviaire", "rail crossing"), "launch site": ("site de lancement", "launch site"),
        "training ground": ("camp d'entraînement", "training ground"), "front area": ("zone du front", "front area"),
        "event venue": ("lieu de rencontre", "event venue"), "city": ("ville", "city"), "depot": ("dépôt", "depot"),
        "airport": ("aéroport", "airport"), "bridge": ("pont", "bridge")}


def imagery_lines(data, lang: str, prefix: bool = True) -> dict[str, list[str]]:
    """{place_id: ['Satellite imagery: CSIS, 5 October 2023 – what it shows']} from site_imagery.csv."""
    from helpers.dates import format_date

    frame = getattr(data, "site_imagery", None)
    if frame is None:
        return {}
    head = "Imagerie satellite" if lang == "fr" else "Satellite imagery"
    kinds = {"imagery": {"fr": "image du", "en": "image of"}, "publication": {"fr": "publié le", "en": "published"}}
    out: dict[str, list[str]] = {}
    for _, r in frame.sort_values(["place_id", "date", "imagery_id"]).iterrows():
        when = f"{kinds[r['date_kind']][lang]} {format_date(str(r['date'])[:10], 'day', lang)}"
        line = f"{r['analyst']}, {when} – {r['what_' + lang]}"
        out.setdefault(r["place_id"], []).append(f"{head}{colon(lang)} {line}" if prefix else line)
    return out


def _transformer(proj_key: str) -> Transformer:
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
        places = [f for f in places if geo.on_map(f, SPECS[kind].panels[0].view)]
    areas = [f for f in feats if f["properties"]["feature_type"] == "area"
             and (kind != "munitions" or f["properties"].get("iso_3166_2") == "KP-13")]
    return places, routes, areas


def labelled(feature: dict, kind: str) -> bool:
    """Which places ask for a label (placement may still leave a label to the hover and table)."""
    p = feature["properties"]
    if p["role"] == "seat":
        return False
    if kind == "overview":
        return p["role"] == "capital" or (p["event_count"] >= 3 and p["role"] not in ("city",))
    return True


#: Shorter map labels for long place names (the full name stays in the hover and the table).
SHORT_LABELS = {"khasan-tumangang": {"fr": "Khassan (pont)", "en": "Khasan (bridge)"},
                "sergeevsky-training-ground": {"fr": "Sergueïevka", "en": "Sergeevka"},
                "vostochny-port": {"fr": "Vostotchny", "en": "Vostochny"},
                "dunai-port": {"fr": "Dounaï", "en": "Dunai"},
                "tumangang-station": {"fr": "Tumangang", "en": "Tumangang"},
                "vostochny-cosmodrome": {"fr": "Cosmodrome Vostotchny", "en": "Vostochny Cosmodrome"}}
#: Places whose labels are placed first on the regional maps: the story's sites.
PRIORITY = ("khasan-tumangang", "tumangang-station", "rajin-port", "dunai-port", "vostochny-port", "vladivostok",
            "kursk-oblast", "sudzha", "tikhoretsk", "chongjin", "hamhung", "musudan")


def short(name: str) -> str:
    """Map labels: the name before any parenthesis."""
    return name.split(" (")[0]


def map_label(feature: dict, lang: str) -> str:
    override = SHORT_LABELS.get(feature["id"])
    return override[lang] if override else short(feature["properties"]["name_" + lang])


# ----------------------------------------------------------------------------- projection

def _rounder(ndigits: int):
    return (lambda v: round(v)) if ndigits == 0 else (lambda v: round(v, ndigits))


def project_geom(geom, tr: Transformer, ndigits: int, tolerance_km: float = 0.0) -> tuple[list, list]:
    """Rings and lines as x/y lists separated by None, in projected km, simplified and rounded."""
    xs, ys = [], []
    rnd = _rounder(ndigits)
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


# ----------------------------------------------------------------------------- labels

#: candidate anchors, in order of preference: (plotly textposition, dx sign, dy sign)
ANCHORS = (("middle right", 1, 0), ("middle left", -1, 0), ("top center", 0, 1), ("bottom center", 0, -1),
           ("top right", 1, 1), ("bottom right", 1, -1), ("top left", -1, 1), ("bottom left", -1, -1))


def label_box(px: float, py: float, text: str, radius: float, anchor: tuple) -> tuple[float, float, float, float]:
    """Pixel box (x0, y0, x1, y1; y down) of a label set at an anchor around a marker of that radius."""
    _, sx, sy = anchor
    w, h, gap = len(text) * CHAR_PX, LINE_PX, radius + 2
    x0 = px + gap if sx > 0 else px - gap - w if sx < 0 else px - w / 2
    y0 = py - gap - h if sy > 0 else py + gap if sy < 0 else py - h / 2
    return x0, y0, x0 + w, y0 + h


def _overlap(a, b, pad: float = 1.5) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def place_labels(items: list[dict], spec: MapSpec, panel: Panel, box, obstacles: dict[int, list] | None = None,
                 layout: str = "desktop") -> dict[str, str]:
    """Choose an anchor for each label (items in priority order: id, x, y km, text, radius px) so that,
    at every width, no two labels overlap, none leaves the panel and none touches an obstacle
    (pixel boxes per width); return {id: textposition} for the labels kept."""
    widths = LABEL_WIDTHS[layout]
    placed: dict[int, list] = {w: list((obstacles or {}).get(w, [])) for w in widths}
    geom = {w: panel_pixels(spec, panel, box, w, layout) for w in widths}
    chosen: dict[str, str] = {}
    for it in items:
        for anchor in ANCHORS:
            boxes = {}
            for w in widths:
                s, pw, ph, left, top = geom[w]
                px, py = left + (it["x"] - box[0]) * s, top + (box[3] - it["y"]) * s
                b = label_box(px, py, it["text"], it["radius"], anchor)
                if b[0] < left + 1 or b[2] > left + pw - 1 or b[1] < top + 1 or b[3] > top + ph - 1:
                    break
                if any(_overlap(b, o) for o in placed[w]):
                    break
                boxes[w] = b
            else:
                for w in widths:
                    placed[w].append(boxes[w])
                chosen[it["id"]] = anchor[0]
                break
    return chosen


# ----------------------------------------------------------------------------- drawing

def _scale_length(box) -> int:
    """A round scale-bar length close to a fifth of the frame's width."""
    target = (box[2] - box[0]) / 5
    exp = 10 ** math.floor(math.log10(target))
    return int(max(n * exp for n in (1, 2, 5) if n * exp <= target))


def _axis_names(i: int) -> tuple[str, str]:
    return ("x", "y") if i == 0 else (f"x{i + 1}", f"y{i + 1}")


def role_label(role: str, lang: str) -> str:
    return ROLE.get(role, (role, role))[0 if lang == "fr" else 1]


def _hover_place(p: dict, lang: str, dates: dict, imagery: dict) -> str:
    evs = [e for e in (p["event_ids"] or "").split(";") if e]
    when = ", ".join(sorted({dates[e][:7] for e in evs if e in dates}))
    n_label = "événement(s)" if lang == "fr" else "event(s)"
    role = role_label(p["role"], lang)
    text = f"<b>{esc(p['name_' + lang])}</b><br>{esc(role)} · {len(evs)} {n_label}" + (f"<br>{esc(when)}" if when else "")
    for line in imagery.get(p.get("place_id") or "", []):
        text += "<br>" + esc(line)
    return text


def map_figure(geography: dict, base: dict, lang: str = "fr", kind: str = "overview", timeline=None,
               detail: dict | None = None, imagery: dict | None = None) -> go.Figure:
    """One offline map (see the module docstring for the frames). ``detail`` is the finer basemap of
    the regional panels; ``imagery`` maps place ids to lines of satellite-imagery evidence."""
    spec = SPECS[kind]
    places, routes, areas_ = select(geography, kind)
    dates = dict(zip(timeline["event_id"], timeline["date"])) if timeline is not None else {}
    imagery = imagery or {}
    fig = go.Figure()
    fig.update_layout(**base_layout(lang, TITLES[kind][lang], height=spec.height))
    fig.update_layout(margin=MARGIN, plot_bgcolor="white", showlegend=True,
                      legend=dict(orientation="h", yanchor="top", y=-0.005, x=0, xanchor="left", font=dict(size=11),
                                  itemwidth=30, tracegroupgap=2))
    frames: dict[str, tuple] = {}
    shown_kinds: set = set()
    label_traces: list[dict] = []
    for i, panel in enumerate(spec.panels):
        xa, ya = _axis_names(i)
        tr = _transformer(panel.proj)
        if panel.view is None:
            pts = [tr.transform(*f["geometry"]["coordinates"]) for f in places if geo.on_map(f)]
            pts += [tr.transform(*c) for r in routes for c in r["geometry"]["coordinates"] if geo.on_map({"geometry": {"coordinates": c}})]
            box = view_box(panel, tr, pts)
        else:
            box = view_box(panel, tr)
        frames[panel.key] = box
        s_max = max(panel_pixels(spec, panel, box, w, lay)[0] for lay, ws in LABEL_WIDTHS.items() for w in ws)
        tol = (2.0 if panel.locator else 0.6) / s_max  # simplify to about half a pixel at the widest reading (2 px in a locator)
        clip_lonlat = shapely.box(*(panel.view or geo.BBOX)).buffer((8 if panel.locator else 0.5) if panel.view else 0)

        def lines(geom, tr=tr, clip_lonlat=clip_lonlat, nd=panel.ndigits, tol=tol):
            geom = geom.intersection(clip_lonlat)
            if geom.is_empty:
                return None
            xy = project_geom(geom, tr, nd, tol)
            return xy if xy[0] else None

        base_feats = base["features"] if panel.base == "coarse" or detail is None else \
            [f for f in detail["features"] if f["properties"].get("box") == panel.base]
        for f in base_feats:
            p = f["properties"]
            xy = lines(shape(f["geometry"]))
            if xy:
                fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", fill="toself",
                                         fillcolor=HOME.get(p["iso_a2"], "#f2f2f2"), line=dict(color="#b5b5b5", width=0.6),
                                         hoverinfo="text" if not panel.locator else "skip", hoveron="fills",
                                         text=esc(p["name_" + lang]), showlegend=False))
        if not panel.locator:
            for f in areas_:
                xy = lines(shape(f["geometry"]))
                if xy:
                    fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", fill="toself",
                                             fillcolor="rgba(136,34,85,0.10)", line=dict(color="#882255", width=1), hoveron="fills",
                                             hoverinfo="text", text=esc(f["properties"]["name_" + lang]), showlegend=False))
        for f in routes:
            p = f["properties"]
            colour, dash = ROUTE_STYLE[p["kind"]]
            xy = lines(shape(f["geometry"]))
            if not xy:
                continue
            line_name = p.get("line_" + lang) or ""
            how = BASIS.get(p.get("path_basis") or "schematic", BASIS["schematic"])[lang]
            hover = (f"<b>{esc(p['name_' + lang])}</b><br>{esc(t(p['status'], lang))} · {esc(p['first_reported'])}"
                     f"<br>{esc(how)}" + (f"{colon(lang)} {esc(line_name)}" if line_name else ""))
            fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines",
                                     line=dict(color=colour, width=1.6 if panel.locator else 2.4, dash=dash),
                                     name=ROUTE_NAMES[p["kind"]][lang], legendgroup=p["kind"],
                                     showlegend=p["kind"] not in shown_kinds, hoverinfo="text" if not panel.locator else "skip",
                                     text=hover))
            shown_kinds.add(p["kind"])
        if panel.locator:
            for other in spec.panels:
                if other.locator or other.view is None:
                    continue
                lon0, lat0, lon1, lat1 = other.view
                ring = shapely.Polygon([(lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1)]).segmentize(0.5)
                xy = project_geom(ring, tr, 0)
                fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", line=dict(color=INK, width=1.2),
                                         hoverinfo="skip", showlegend=False))
        else:
            drawn = _draw_places(fig, spec, panel, box, places, lang, kind, dates, imagery, xa, ya, i, tr)
            if drawn:
                label_traces.append(drawn)
        _style_axes(fig, spec, panel, box, i, lang)
    drawn_ids = {pid for t_ in label_traces for pid in t_["ids"]}
    off_map = sorted(f["properties"]["name_" + lang] for f in places if f["id"] not in drawn_ids)
    credit = _furniture(fig, spec, lang, off_map)
    fig.update_layout(meta=_layouts(fig, spec, label_traces, credit))
    return fig


def _layouts(fig, spec: MapSpec, label_traces: list[dict], credit: dict) -> dict:
    """The desktop and phone layouts (panel domains, height, labels), switched in the browser by
    assets/js/charts.js at PHONE_MAX px; the figure itself is drawn in the desktop layout."""
    out = {"phone_max": PHONE_MAX}
    for lay in ("desktop", "phone"):
        relayout = {"height": spec.phone_height if lay == "phone" else spec.height,
                    "margin.b": PHONE_MARGIN_B if lay == "phone" else MARGIN["b"],
                    f"annotations[{len(fig.layout.annotations) - 1}].yshift": CREDIT_SHIFT[lay],
                    f"annotations[{len(fig.layout.annotations) - 1}].text": credit[lay]}
        for i, panel in enumerate(spec.panels):
            xname, yname = ("xaxis", "yaxis") if i == 0 else (f"xaxis{i + 1}", f"yaxis{i + 1}")
            dx, dy = domain(panel, lay)
            relayout[f"{xname}.domain"], relayout[f"{yname}.domain"] = list(dx), list(dy)
        out[lay] = {"layout": relayout, "traces": [t_["index"] for t_ in label_traces],
                    "text": [t_[lay]["text"] for t_ in label_traces], "textposition": [t_[lay]["textposition"] for t_ in label_traces],
                    "marker.size": [t_[lay]["marker.size"] for t_ in label_traces]}
    return out


def _draw_places(fig, spec, panel, box, places, lang, kind, dates, imagery, xa, ya, i, tr) -> dict | None:
    """Markers and labels of a panel; returns the trace index and its labels in both layouts."""
    rnd = _rounder(panel.ndigits)
    inside, pts = [], []
    for f in places:
        if panel.view is None and not geo.on_map(f):
            continue
        x, y = (rnd(v) for v in tr.transform(*f["geometry"]["coordinates"]))
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            inside.append(f)
            pts.append((x, y))
    if not inside:
        return None
    sizes = [7 + 3 * min(f["properties"]["event_count"], 8) for f in inside]
    rank = {p: i for i, p in enumerate(PRIORITY)} if kind != "overview" else {}
    order = sorted(range(len(inside)), key=lambda k: (rank.get(inside[k]["id"], len(rank)), -(inside[k]["properties"]["role"] == "capital"),
                                                         -inside[k]["properties"]["event_count"], inside[k]["id"]))
    items = [{"id": inside[k]["id"], "x": pts[k][0], "y": pts[k][1], "text": map_label(inside[k], lang),
              "radius": sizes[k] / 2} for k in order if panel.labels and labelled(inside[k], kind)]
    out = {"index": len(fig.data), "ids": [f["id"] for f in inside]}
    for lay, widths in LABEL_WIDTHS.items():
        obstacles = {w: furniture_boxes(spec, panel, box, w, lay) for w in widths}
        for w in widths:  # markers are obstacles too: a label never covers another place's dot
            s, pw, ph, left, top = panel_pixels(spec, panel, box, w, lay)
            for (x, y), size in zip(pts, sizes):
                px, py, r = left + (x - box[0]) * s, top + (box[3] - y) * s, size * MARKER_SCALE[lay] / 2
                obstacles[w].append((px - r, py - r, px + r, py + r))
        scaled = [dict(it, radius=it["radius"] * MARKER_SCALE[lay]) for it in items]
        chosen = place_labels(scaled, spec, panel, box, obstacles, lay)
        out[lay] = {"text": [esc(map_label(f, lang)) if f["id"] in chosen else "" for f in inside],
                    "textposition": [chosen.get(f["id"], "top center") for f in inside],
                    "marker.size": [round(z * MARKER_SCALE[lay], 1) for z in sizes]}
    hover = [_hover_place(f["properties"] | {"place_id": f["id"]}, lang, dates, imagery) for f in inside]
    fig.add_trace(go.Scatter(
        x=[x for x, _ in pts], y=[y for _, y in pts], xaxis=xa, yaxis=ya, mode="markers+text",
        marker=dict(size=sizes, color="#332288", opacity=0.85, line=dict(width=1, color="white")),
        text=out["desktop"]["text"], textposition=out["desktop"]["textposition"],
        textfont=dict(size=LABEL_FONT, color=INK, family=FONT), hovertext=hover, hoverinfo="text",
        cliponaxis=False, name={"fr": "Lieux (taille : nombre d'événements)", "en": "Places (size: number of events)"}[lang],
        legendgroup="places", showlegend=not any(tr_.legendgroup == "places" for tr_ in fig.data)))
    return out


def furniture_boxes(spec: MapSpec, panel: Panel, box, width: int, layout: str = "desktop") -> list[tuple]:
    """Pixel boxes a label must avoid in a panel: the panel title and the scale bar."""
    s, pw, ph, left, top = panel_pixels(spec, panel, box, width, layout)
    bar = _scale_length(box) * s  # the scale bar sits 4 % in from the bottom-left corner, its label right of it
    out = [(left, top + ph * 0.96 - 18, left + pw * 0.04 + bar + 56, top + ph)]
    if panel.title:
        out.append((left, top, left + max(len(v) for v in panel.title.values()) * 7.5 + 16, top + 22))
    return out


def _style_axes(fig, spec: MapSpec, panel: Panel, box, i: int, lang: str) -> None:
    xa, ya = _axis_names(i)
    xname, yname = ("xaxis", "yaxis") if i == 0 else (f"xaxis{i + 1}", f"yaxis{i + 1}")
    fig.update_layout(**{
        xname: dict(domain=list(panel.domain[0]), range=[box[0], box[2]], visible=False, constrain="domain",
                    anchor=ya, fixedrange=panel.locator),
        yname: dict(domain=list(panel.domain[1]), range=[box[1], box[3]], visible=False, constrain="domain",
                    anchor=xa, scaleanchor=xa, scaleratio=1, fixedrange=panel.locator),
    })
    ref = "" if i == 0 else str(i + 1)
    fig.add_shape(type="rect", xref=f"x{ref} domain", yref=f"y{ref} domain", x0=0, y0=0, x1=1, y1=1, layer="below",
                  line=dict(color=MUTED if len(spec.panels) > 1 else "rgba(0,0,0,0)", width=1), fillcolor=SEA)
    if panel.title:
        fig.add_annotation(xref=f"x{ref} domain", yref=f"y{ref} domain", x=0.01, y=0.99, xanchor="left", yanchor="top",
                           showarrow=False, text=f"<b>{esc(panel.title[lang])}</b>", font=dict(size=11, color=INK),
                           bgcolor="rgba(255,255,255,0.85)")
    if panel.locator:
        return
    km = _scale_length(box)
    x0, y0 = box[0] + (box[2] - box[0]) * 0.04, box[1] + (box[3] - box[1]) * 0.04
    fig.add_trace(go.Scatter(x=[x0, x0, x0 + km, x0 + km], y=[y0 + (box[3] - box[1]) * 0.012, y0, y0, y0 + (box[3] - box[1]) * 0.012],
                             xaxis=xa, yaxis=ya, mode="lines", line=dict(color=INK, width=1.5), hoverinfo="skip", showlegend=False))
    fig.add_annotation(x=x0 + km, y=y0, xref=xa, yref=ya, xanchor="left", yanchor="bottom", showarrow=False,
                       text=f"{km:,} km".replace(",", "\u202f"), font=dict(size=10, color=INK), xshift=3)


def projection_names(kind: str, lang: str) -> list[str]:
    """The projections a map uses, named for the caption."""
    seen = []
    for p in SPECS[kind].panels:
        name = PROJECTIONS[p.proj][1][lang]
        if name not in seen:
            seen.append(name)
    return seen


def _furniture(fig, spec: MapSpec, lang: str, off_map: list[str]) -> dict:
    """The borders note and credit line under the legend; returns its text in both layouts."""
    borders = {"fr": ["Frontières internationalement reconnues", "(la Crimée fait partie de l'Ukraine)."],
               "en": ["Internationally recognised borders", "(Crimea is part of Ukraine)."]}[lang]
    credit = {"fr": ["Fond : Natural Earth", "Tracés et lieux : route_paths.csv, places.csv (sources citées)"],
              "en": ["Base: Natural Earth", "Paths and places: route_paths.csv, places.csv (cited sources)"]}[lang]
    extra = [("Hors carte : " if lang == "fr" else "Off the map: ") + ", ".join(off_map)] if off_map else []
    projections = projection_names(spec.kind, lang)
    head = "Projection" + ("s" if len(projections) > 1 else "") + colon(lang) + " "
    text = {"desktop": "<br>".join(esc(x) for x in [" ".join(borders), " · ".join(credit), head + " ; ".join(projections) if lang == "fr"
                                                     else head + "; ".join(projections), *extra]),
            "phone": "<br>".join(esc(x) for x in [*borders, *credit, head.strip(), *projections, *extra])}
    fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=CREDIT_SHIFT["desktop"],
                       showarrow=False, align="left", text=text["desktop"], font=dict(size=9, color=MUTED, family=FONT))
    return text
