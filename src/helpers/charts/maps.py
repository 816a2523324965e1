"""The publication's maps, drawn: basemap, regions, routes, places and their labels, furniture.

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

import plotly.graph_objects as go
import shapely
from shapely.geometry import shape

from helpers.charts.mapframes import (CREDIT_SHIFT, LABEL_FONT, LABEL_WIDTHS, LINE_PX, MARGIN, MARKER_SCALE, PHONE_MARGIN_B, PHONE_MAX,
                                      SPECS, TITLES, MapSpec, Panel, domain, labelled, on_map, panel_pixels, project_geom,
                                      projection_names, rounder, scale_length, select, transformer, view_box)
from helpers.charts.maplabels import PRIORITY, furniture_boxes, map_label, place_labels
from helpers.charts.mapnames import draw_area_names, draw_inset_frames, draw_names, inset_views, within
from helpers.charts.style import FONT, INK, MUTED, PLACE_COLOUR, ROUTE_STYLE, base_layout
from helpers.core.dates import format_date
from helpers.core.escape import esc
from helpers.core.labels import colon, count_label, t
from helpers.model.geo import BBOX

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


def _axis_names(i: int) -> tuple[str, str]:
    return ("x", "y") if i == 0 else (f"x{i + 1}", f"y{i + 1}")


def role_label(role: str, lang: str) -> str:
    return ROLE.get(role, (role, role))[0 if lang == "fr" else 1]


def _hover_place(p: dict, lang: str, dates: dict, imagery: dict) -> str:
    evs = [e for e in (p["event_ids"] or "").split(";") if e]
    when = ", ".join(format_date(m + "-01", "month", lang) for m in sorted({dates[e][:7] for e in evs if e in dates}))
    role = role_label(p["role"], lang)
    text = f"<b>{esc(p['name_' + lang])}</b><br>{esc(role)} · {esc(count_label(len(evs), 'event', lang))}" + (f"<br>{esc(when)}" if when else "")
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
    owner: dict[str, list[int]] = {"traces": [], "annotations": [], "shapes": []}  # the panel each element belongs to
    for i, panel in enumerate(spec.panels):
        counts = (len(fig.data), len(fig.layout.annotations), len(fig.layout.shapes))
        xa, ya = _axis_names(i)
        tr = transformer(panel.proj)
        if panel.view is None:
            pts = [tr.transform(*f["geometry"]["coordinates"]) for f in places if on_map(f)]
            pts += [tr.transform(*c) for r in routes for c in r["geometry"]["coordinates"] if on_map({"geometry": {"coordinates": c}})]
            box = view_box(panel, tr, pts)
        else:
            box = view_box(panel, tr)
        frames[panel.key] = box
        s_max = max(panel_pixels(spec, panel, box, w, lay)[0] for lay, ws in LABEL_WIDTHS.items() for w in ws)
        tol = (2.0 if panel.locator else 0.6) / s_max  # simplify to about half a pixel at the widest reading (2 px in a locator)
        clip_lonlat = shapely.box(*(panel.view or BBOX)).buffer((8 if panel.locator else 0.5) if panel.view else 0)

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
        for f in areas_:
            xy = lines(shape(f["geometry"]))
            if xy:
                fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", fill="toself",
                                         fillcolor=AREA_FILL, line=dict(color=AREA_LINE, width=1), hoveron="fills",
                                         hoverinfo="skip" if panel.locator else "text", showlegend=False,
                                         text=esc(t("area:" + f["properties"].get("iso_3166_2", ""), lang))))
        for f in routes:
            p = f["properties"]
            colour, dash = ROUTE_STYLE[p["kind"]]
            xy = lines(shape(f["geometry"]))
            if not xy:
                continue
            line_name = p.get("line_" + lang) or ""
            how = BASIS.get(p.get("path_basis") or "schematic", BASIS["schematic"])[lang]
            hover = (f"<b>{esc(p['name_' + lang])}</b><br>{esc(t(p['status'], lang))} · "
                     f"{esc(format_date(str(p['first_reported'])[:10], 'day', lang))}"
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
            if panel.title:  # a titled overview panel names its regions (no place is labelled in it)
                draw_area_names(fig, areas_, panel, box, lang, xa, ya)
        else:
            draw_inset_frames(fig, spec, panel, xa, ya)
            draw_names(fig, spec, panel, box, lang, xa, ya)
            drawn = _draw_places(fig, spec, panel, box, places, lang, kind, dates, imagery, xa, ya, i, tr)
            if drawn:
                label_traces.append(drawn)
        _style_axes(fig, spec, panel, box, i, lang)
        owner["traces"] += [i] * (len(fig.data) - counts[0])
        owner["annotations"] += [i] * (len(fig.layout.annotations) - counts[1])
        owner["shapes"] += [i] * (len(fig.layout.shapes) - counts[2])
    in_area = {f["id"] for f in places if any(shape(a["geometry"]).contains(shapely.Point(f["geometry"]["coordinates"]))
                                             for a in areas_)}  # shown by the region highlighted around it
    off_map = {}
    for lay in ("desktop", "phone"):  # the places no panel of the layout shows are named under the map
        drawn_ids = {pid for t_ in label_traces if lay in spec.panels[t_["panel"]].layouts for pid in t_["ids"]} | in_area
        off_map[lay] = sorted(f["properties"]["name_" + lang] for f in places if f["id"] not in drawn_ids)
    credit = _furniture(fig, spec, lang, off_map)
    meta = _layouts(fig, spec, label_traces, credit, owner)
    if spec.fit:  # the desktop height follows the width: the frame fills the chart, no empty bands
        x0, y0, x1, y1 = frames[spec.panels[0].key]
        meta["fit"] = {"ratio": round((y1 - y0) / (x1 - x0), 4), "side": MARGIN["l"] + MARGIN["r"],
                       "pad": MARGIN["t"] + MARGIN["b"], "layout": "desktop"}
        fig.update_layout(height=round((FIT_WIDTH - meta["fit"]["side"]) * meta["fit"]["ratio"] + meta["fit"]["pad"]))
        meta["desktop"]["layout"]["height"] = fig.layout.height
    desktop = meta["desktop"]
    for k, trace in enumerate(fig.data):  # the figure itself is drawn in the desktop layout
        trace.visible, trace.showlegend = desktop["visible"][k], desktop["showlegend"][k]
    for key, value in desktop["layout"].items():
        if key.endswith(".visible"):
            fig.update_layout({key: value})
    fig.update_layout(meta=meta)
    return fig


#: the width at which a fitted map's desktop height is computed (the article column); the browser
#: recomputes it for the real width (assets/js/charts.js)
FIT_WIDTH = 800
#: lines of the credit the phone layout's bottom margin holds; each more adds a line of height
PHONE_CREDIT_LINES = 9
#: the highlighted regions: the colour of the troops' category, faint
AREA_FILL, AREA_LINE = "rgba(136,34,85,0.12)", "#882255"


def _layouts(fig, spec: MapSpec, label_traces: list[dict], credit: dict, owner: dict) -> dict:
    """The desktop and phone layouts (panel domains and visibility, height, labels, legend),
    switched in the browser by assets/js/charts.js at PHONE_MAX px."""
    out = {"phone_max": PHONE_MAX}
    for lay in ("desktop", "phone"):
        shown = [lay in spec.panels[o].layouts for o in owner["traces"]] + [True] * (len(fig.data) - len(owner["traces"]))
        legend, seen = [], set()
        for k, trace in enumerate(fig.data):  # the first shown trace of each legend group carries its entry
            first = bool(trace.legendgroup) and shown[k] and trace.legendgroup not in seen
            if first:
                seen.add(trace.legendgroup)
            legend.append(first)
        extra_lines = max(0, credit[lay].count("<br>") + 1 - PHONE_CREDIT_LINES) if lay == "phone" else 0
        relayout = {"height": (spec.phone_height if lay == "phone" else spec.height) + LINE_PX * extra_lines,
                    "margin.b": (PHONE_MARGIN_B if lay == "phone" else MARGIN["b"]) + LINE_PX * extra_lines,
                    f"annotations[{len(fig.layout.annotations) - 1}].yshift": CREDIT_SHIFT[lay],
                    f"annotations[{len(fig.layout.annotations) - 1}].text": credit[lay]}
        for i, panel in enumerate(spec.panels):
            xname, yname = ("xaxis", "yaxis") if i == 0 else (f"xaxis{i + 1}", f"yaxis{i + 1}")
            dx, dy = domain(panel, lay)
            relayout[f"{xname}.domain"], relayout[f"{yname}.domain"] = list(dx), list(dy)
        for kind in ("annotations", "shapes"):
            for k, o in enumerate(owner[kind]):
                if len(spec.panels[o].layouts) < 2:
                    relayout[f"{kind}[{k}].visible"] = lay in spec.panels[o].layouts
        out[lay] = {"layout": relayout, "visible": shown, "showlegend": legend, "traces": [t_["index"] for t_ in label_traces],
                    "text": [t_[lay]["text"] for t_ in label_traces], "textposition": [t_[lay]["textposition"] for t_ in label_traces],
                    "marker.size": [t_[lay]["marker.size"] for t_ in label_traces]}
    return out


def _draw_places(fig, spec, panel, box, places, lang, kind, dates, imagery, xa, ya, i, tr) -> dict | None:
    """Markers and labels of a panel; returns the trace index and its labels in both layouts."""
    rnd = rounder(panel.ndigits)
    inside, pts = [], []
    for f in places:
        if panel.view is None and not on_map(f):
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
    enlarged = inset_views(spec, panel)  # on a phone, places an inset of this map enlarges are named there only
    items = [{"id": inside[k]["id"], "x": pts[k][0], "y": pts[k][1], "text": map_label(inside[k], lang, kind),
              "radius": sizes[k] / 2, "enlarged": any(within(inside[k], v) for v in enlarged)}
             for k in order if panel.labels and labelled(inside[k], kind)]
    out = {"index": len(fig.data), "ids": [f["id"] for f in inside], "panel": i}
    for lay, widths in LABEL_WIDTHS.items():
        obstacles = {w: furniture_boxes(spec, panel, box, w, lay) for w in widths}
        markers = {}
        for w in widths:  # markers are obstacles too: a label never covers another place's dot
            s, pw, ph, left, top = panel_pixels(spec, panel, box, w, lay)
            markers[w] = [(left + (x - box[0]) * s, top + (box[3] - y) * s, size * MARKER_SCALE[lay] / 2) for (x, y), size in zip(pts, sizes)]
        scaled = [dict(it, radius=it["radius"] * MARKER_SCALE[lay]) for it in items if lay != "phone" or not it["enlarged"]]
        chosen = place_labels(scaled, spec, panel, box, obstacles, lay, markers)
        out[lay] = {"text": [esc(map_label(f, lang, kind)) if f["id"] in chosen else "" for f in inside],
                    "textposition": [chosen.get(f["id"], "top center") for f in inside],
                    "marker.size": [round(z * MARKER_SCALE[lay], 1) for z in sizes]}
    hover = [_hover_place(f["properties"] | {"place_id": f["id"]}, lang, dates, imagery) for f in inside]
    fig.add_trace(go.Scatter(
        x=[x for x, _ in pts], y=[y for _, y in pts], xaxis=xa, yaxis=ya, mode="markers+text",
        marker=dict(size=sizes, color=PLACE_COLOUR, opacity=0.85, line=dict(width=1, color="white")),
        text=out["desktop"]["text"], textposition=out["desktop"]["textposition"],
        textfont=dict(size=LABEL_FONT, color=INK, family=FONT), hovertext=hover, hoverinfo="text",
        cliponaxis=False, name={"fr": "Lieux (taille : nombre d'événements)", "en": "Places (size: number of events)"}[lang],
        legendgroup="places", showlegend=not any(tr_.legendgroup == "places" for tr_ in fig.data)))
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
    km = scale_length(box)
    x0, y0 = box[0] + (box[2] - box[0]) * 0.04, box[1] + (box[3] - box[1]) * 0.04
    fig.add_trace(go.Scatter(x=[x0, x0, x0 + km, x0 + km], y=[y0 + (box[3] - box[1]) * 0.012, y0, y0, y0 + (box[3] - box[1]) * 0.012],
                             xaxis=xa, yaxis=ya, mode="lines", line=dict(color=INK, width=1.5), hoverinfo="skip", showlegend=False))
    fig.add_annotation(x=x0 + km, y=y0, xref=xa, yref=ya, xanchor="left", yanchor="bottom", showarrow=False,
                       text=f"{km:,} km".replace(",", "\u202f"), font=dict(size=10, color=INK), xshift=3)


def wrap_list(lines: list[str], width: int = 52) -> list[str]:
    """Lines of the credit cut for a phone's width."""
    import textwrap

    return [part for line in lines for part in textwrap.wrap(line, width)]


def _furniture(fig, spec: MapSpec, lang: str, off_map: dict[str, list[str]]) -> dict:
    """The borders note and credit line under the legend; returns its text in both layouts."""
    borders = {"fr": ["Frontières internationalement reconnues", "(la Crimée fait partie de l'Ukraine)."],
               "en": ["Internationally recognised borders", "(Crimea is part of Ukraine)."]}[lang]
    credit = {"fr": ["Fond : Natural Earth", "Tracés et lieux : route_paths.csv, places.csv (sources citées)"],
              "en": ["Base: Natural Earth", "Paths and places: route_paths.csv, places.csv (cited sources)"]}[lang]
    extra = {lay: [("Hors carte : " if lang == "fr" else "Off the map: ") + ", ".join(names)] if names else []
             for lay, names in off_map.items()}
    proj = {lay: projection_names(spec.kind, lang, lay) for lay in ("desktop", "phone")}
    head = {lay: "Projection" + ("s" if len(names) > 1 else "") + colon(lang) + " " for lay, names in proj.items()}
    sep = " ; " if lang == "fr" else "; "
    text = {"desktop": "<br>".join(esc(x) for x in [" ".join(borders), " · ".join(credit), head["desktop"] + sep.join(proj["desktop"]),
                                                     *extra["desktop"]]),
            "phone": "<br>".join(esc(x) for x in [*borders, *credit, head["phone"].strip(), *proj["phone"], *wrap_list(extra["phone"])])}
    fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=CREDIT_SHIFT["desktop"],
                       showarrow=False, align="left", text=text["desktop"], font=dict(size=9, color=MUTED, family=FONT))
    return text
