"""Map labels that never collide: short names, and an anchor for each label chosen around its
marker so that, at every width the chart is read at (phone to desktop), no two labels overlap,
none leaves its panel and none touches a marker or the map furniture. A label that cannot be
placed is left to the hover and to the table under the chart.
"""
from __future__ import annotations

from helpers.charts.mapframes import CHAR_PX, LABEL_WIDTHS, LINE_PX, MapSpec, Panel, panel_pixels, scale_length
from helpers.charts.mapnames import name_boxes

#: Shorter map labels for long place names (the full name stays in the hover and the table).
SHORT_LABELS = {"khasan-tumangang": {"fr": "Khassan (pont)", "en": "Khasan (bridge)"},
                "sergeevsky-training-ground": {"fr": "Sergueïevka", "en": "Sergeevka"},
                "vostochny-port": {"fr": "Port de Vostotchny", "en": "Vostochny port"},
                "dunai-port": {"fr": "Dounaï", "en": "Dunai"},
                "tumangang-station": {"fr": "Tumangang", "en": "Tumangang"},
                "vostochny-cosmodrome": {"fr": "Cosmodrome Vostotchny", "en": "Vostochny Cosmodrome"}}
#: Places whose labels are placed first on the regional maps: the story's sites.
PRIORITY = ("khasan-tumangang", "tumangang-station", "rajin-port", "dunai-port", "vostochny-port", "vladivostok",
            "kursk-oblast", "sudzha", "tikhoretsk", "chongjin", "hamhung", "musudan")


def short(name: str) -> str:
    """Map labels: the name before any parenthesis."""
    return name.split(" (")[0]


#: shorter names where a map has no other place they could be taken for (the regional maps do not
#: show the Vostochny cosmodrome, so the port may be 'Vostotchny' there)
REGIONAL_LABELS = {"vostochny-port": {"fr": "Vostotchny", "en": "Vostochny"}}


def map_label(feature: dict, lang: str, kind: str = "overview") -> str:
    regional = REGIONAL_LABELS.get(feature["id"]) if kind != "overview" else None
    override = regional or SHORT_LABELS.get(feature["id"])
    return override[lang] if override else short(feature["properties"]["name_" + lang])


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
                 layout: str = "desktop", markers: dict[int, list] | None = None) -> dict[str, str]:
    """Choose an anchor for each label (items in priority order: id, x, y km, text, radius px) so that,
    at every width, no two labels overlap, none leaves the panel and none touches an obstacle
    (pixel boxes per width) or a place's marker (``markers``: (x, y, radius) px per width) other than
    those on the labelled place's own spot (dots that touch it: two names of one site, such as a
    port in a town's bay); return {id: textposition} for the labels kept."""
    widths = LABEL_WIDTHS[layout]
    placed: dict[int, list] = {w: list((obstacles or {}).get(w, [])) for w in widths}
    geom = {w: panel_pixels(spec, panel, box, w, layout) for w in widths}
    chosen: dict[str, str] = {}
    for it in items:
        dots = {}
        for w in widths:
            s, pw, ph, left, top = geom[w]
            px, py = left + (it["x"] - box[0]) * s, top + (box[3] - it["y"]) * s
            dots[w] = [(mx - r, my - r, mx + r, my + r) for mx, my, r in (markers or {}).get(w, [])
                       if ((mx - px) ** 2 + (my - py) ** 2) ** 0.5 > r + it["radius"] + 1]
        for anchor in ANCHORS:
            boxes = {}
            for w in widths:
                s, pw, ph, left, top = geom[w]
                px, py = left + (it["x"] - box[0]) * s, top + (box[3] - it["y"]) * s
                b = label_box(px, py, it["text"], it["radius"], anchor)
                if b[0] < left + 1 or b[2] > left + pw - 1 or b[1] < top + 1 or b[3] > top + ph - 1:
                    break
                if any(_overlap(b, o) for o in placed[w]) or any(_overlap(b, o) for o in dots[w]):
                    break
                boxes[w] = b
            else:
                for w in widths:
                    placed[w].append(boxes[w])
                chosen[it["id"]] = anchor[0]
                break
    return chosen


def furniture_boxes(spec: MapSpec, panel: Panel, box, width: int, layout: str = "desktop") -> list[tuple]:
    """Pixel boxes a label must avoid in a panel: the panel title, the scale bar, the country and
    sea names."""
    s, pw, ph, left, top = panel_pixels(spec, panel, box, width, layout)
    bar = scale_length(box) * s  # the scale bar sits 4 % in from the bottom-left corner, its label right of it
    out = [(left, top + ph * 0.96 - 18, left + pw * 0.04 + bar + 56, top + ph)]
    if panel.title:
        out.append((left, top, left + max(len(v) for v in panel.title.values()) * 7.5 + 16, top + 22))
    return out + name_boxes(spec, panel, box, width, layout)
