"""What the maps name and frame besides the places: countries and seas in the page's language
(:data:`helpers.charts.mapframes.MAP_NAMES`), the highlighted regions with their names, and the
frame of each inset drawn on the panel it enlarges.

Each name is an annotation at a fixed point of its panel; :func:`name_boxes` gives the pixels it
covers so that :func:`helpers.charts.maplabels.place_labels` keeps place labels off it.
"""
from __future__ import annotations

import plotly.graph_objects as go
import shapely
from shapely.geometry import shape

from helpers.charts.mapframes import CHAR_PX, LINE_PX, MAP_NAMES, MapSpec, Panel, panel_pixels, project_geom, transformer
from helpers.charts.style import INK, MUTED
from helpers.core.escape import esc
from helpers.core.labels import t

SEA_INK = "#4F7391"
NAME_FONT = 10


def name_text(key: str, lang: str) -> str:
    """A country in capitals, a sea as written."""
    text = t(key, lang)
    return text.upper() if key.startswith("map:") else text


def name_points(spec: MapSpec, panel: Panel) -> list[tuple[str, float, float]]:
    """(label key, x km, y km) of the names a panel shows, inside its lon/lat box."""
    tr = transformer(panel.proj)
    out = []
    for key, lon, lat in MAP_NAMES.get((spec.kind, panel.key), ()):
        view = panel.view
        if view and not (view[0] <= lon <= view[2] and view[1] <= lat <= view[3]):
            continue
        x, y = tr.transform(lon, lat)
        out.append((key, x, y))
    return out


def name_boxes(spec: MapSpec, panel: Panel, box, width: int, layout: str) -> list[tuple]:
    """Pixel boxes of the panel's names at a chart width (the longer of the French and English)."""
    s, pw, ph, left, top = panel_pixels(spec, panel, box, width, layout)
    out = []
    for key, x, y in name_points(spec, panel):
        w = max(len(name_text(key, lang)) for lang in ("fr", "en")) * CHAR_PX * 1.08
        px, py = left + (x - box[0]) * s, top + (box[3] - y) * s
        out.append((px - w / 2, py - LINE_PX / 2, px + w / 2, py + LINE_PX / 2))
    return out


def draw_names(fig: go.Figure, spec: MapSpec, panel: Panel, box, lang: str, xa: str, ya: str) -> None:
    for key, x, y in name_points(spec, panel):
        if not (box[0] <= x <= box[2] and box[1] <= y <= box[3]):
            continue
        sea = key.startswith("sea:")
        text = f"<i>{esc(name_text(key, lang))}</i>" if sea else esc(name_text(key, lang))
        fig.add_annotation(x=x, y=y, xref=xa, yref=ya, text=text, showarrow=False, xanchor="center", yanchor="middle",
                           font=dict(size=NAME_FONT, color=SEA_INK if sea else MUTED))


def draw_area_names(fig: go.Figure, areas: list, panel: Panel, box, lang: str, xa: str, ya: str) -> None:
    """Each highlighted region named at a point inside it (in a locator, where no place is labelled)."""
    tr = transformer(panel.proj)
    for f in areas:
        point = shape(f["geometry"]).representative_point()
        x, y = tr.transform(point.x, point.y)
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            iso = f["properties"].get("iso_3166_2", "")
            name = t("area:" + iso, lang)
            fig.add_annotation(x=x, y=y, xref=xa, yref=ya, text=esc(name if name != "area:" + iso else f["properties"]["name_" + lang]),
                               showarrow=False, xanchor="left", yanchor="bottom", xshift=4, yshift=2,
                               font=dict(size=NAME_FONT, color=INK), bgcolor="rgba(255,255,255,0.8)")


def inset_views(spec: MapSpec, panel: Panel) -> list[tuple]:
    """The lon/lat boxes of the other panels that enlarge part of this one (insets)."""
    if panel.view is None or panel.locator:
        return []
    lon0, lat0, lon1, lat1 = panel.view
    return [o.view for o in spec.panels if o is not panel and not o.locator and o.view is not None
            and lon0 <= o.view[0] and o.view[2] <= lon1 and lat0 <= o.view[1] and o.view[3] <= lat1]


def within(feature: dict, view: tuple) -> bool:
    lon, lat = feature["geometry"]["coordinates"]
    return view[0] <= lon <= view[2] and view[1] <= lat <= view[3]


def draw_inset_frames(fig: go.Figure, spec: MapSpec, panel: Panel, xa: str, ya: str) -> None:
    """The frame of every inset on the panel it enlarges: where the inset is."""
    tr = transformer(panel.proj)
    for a0, b0, a1, b1 in inset_views(spec, panel):
        ring = shapely.Polygon([(a0, b0), (a1, b0), (a1, b1), (a0, b1)]).segmentize(0.05)
        xy = project_geom(ring, tr, 1)
        fig.add_trace(go.Scatter(x=xy[0], y=xy[1], xaxis=xa, yaxis=ya, mode="lines", line=dict(color=INK, width=1.2),
                                 hoverinfo="skip", showlegend=False))
