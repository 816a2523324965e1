"""Every chart of the publication, built from ``data/processed``, and its exports.

``figure_html`` gives the fragment a page embeds (plotly.js is loaded once per page by
:func:`helpers.pages.plotly_script`); ``export_all`` writes ``figures/<chart>-<lang>.html``
(standalone, referencing a local ``plotly.min.js``, so it draws offline and can be embedded
like an iframe) and ``figures/<chart>-<lang>.png`` (for social cards and print).
"""
from __future__ import annotations

import hashlib
import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import plotly.graph_objects as go

from helpers import claims, estimates, maps, timeline
from helpers.data import Published, load
from helpers.htmltext import esc
from helpers.paths import figures_dir, processed_dir
from helpers.style import check_lang

PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass(frozen=True)
class Chart:
    chart_id: str
    data_files: tuple[str, ...]
    build: Callable[[Published, str], go.Figure]
    alt: dict
    caption: dict


def _map_caption(kind: str, extra: dict) -> dict:
    """Map captions name the projection(s) and say how the routes are drawn."""
    fr = ", ".join(maps.projection_names(kind, "fr"))
    en = ", ".join(maps.projection_names(kind, "en"))
    return {"fr": f"{extra['fr']} Projection : {fr}. Voies ferrées tracées par les villes des lignes (GeoNames) ; "
                  "routes maritimes schématiques en mer ; vols en orthodromie ; « schématique » là où les sources ne donnent pas d'itinéraire. "
                  "Fond : Natural Earth.",
            "en": f"{extra['en']} Projection: {en}. Railways drawn through the towns on the lines (GeoNames); "
                  "sea lanes schematic, at sea; flights as great circles; 'schematic' where the sources give no path. "
                  "Base: Natural Earth."}


def _map_chart(kind: str, alt: dict, caption: dict) -> Chart:
    files = ("actor_geography.geojson", "basemap.geojson", "timeline.csv")
    if kind != "overview":
        files += ("basemap_detail.geojson",)
    return Chart(f"map-{kind}", files,
                 lambda d, lang: maps.map_figure(d.geography, d.basemap, lang, kind, d.timeline, detail=d.basemap_detail,
                                                 imagery=maps.imagery_lines(d, lang)),
                 alt, _map_caption(kind, caption))


CHARTS = (
    Chart("timeline", ("timeline.csv", "sources.csv"),
          lambda d, lang: timeline.timeline_figure(d.timeline, d.sources, lang),
          {"fr": "Frise chronologique : chaque point est un événement sourcé des relations russo-nord-coréennes depuis 2019, rangé par catégorie ; une ligne pointillée marque la rencontre du 4 novembre 2024.",
           "en": "Timeline: each dot is a sourced event of Russia–North Korea relations since 2019, in lanes by category; a dotted line marks the 4 November 2024 meeting."},
          {"fr": "Points pleins : événements officiels ou rapportés ; points creux : allégations.",
           "en": "Filled dots: official or reported events; hollow dots: allegations."}),
    Chart("claims", ("claims.csv", "claim_sources.csv", "actors.csv", "sources.csv"),
          lambda d, lang: claims.claims_figure(d.claims, d.claim_sources, d.actors, d.sources, lang),
          {"fr": "Chaque ligne est une affirmation de l'article ; chaque marque, une prise de position datée (couleur : camp ; forme : affirme, corrobore, reconnaît, dément). Une barre grise va de la première allégation à la confirmation officielle.",
           "en": "Each row is a claim of the article; each mark a dated statement (colour: camp; shape: asserts, corroborates, acknowledges, denies). A grey bar runs from the first allegation to official confirmation."},
          {"fr": "Ligne pointillée : date de l'article. Survolez une marque pour la source.",
           "en": "Dotted line: the article's date. Hover a mark for its source."}),
    Chart("estimates", ("estimates.csv", "actors.csv", "sources.csv"),
          lambda d, lang: estimates.estimates_figure(d.estimates, d.actors, d.sources, lang),
          {"fr": "Estimations chiffrées dans le temps, par quantité (menu), couleur selon le camp de qui les donne ; les barres verticales montrent les fourchettes, les triangles les bornes ouvertes.",
           "en": "Numeric estimates over time, by quantity (menu), coloured by the claimant's camp; vertical bars show ranges, triangles open bounds."},
          {"fr": "▲ « plus de » ; ▼ « jusqu'à ». Les chiffres des parties au conflit sont signalés au survol.",
           "en": "▲ 'more than'; ▼ 'up to'. Figures from warring parties are flagged on hover."}),
    _map_chart("overview",
               {"fr": "Carte de l'Europe de l'Est à l'Extrême-Orient : lieux cités (taille selon le nombre d'événements) et routes signalées entre la Russie et la Corée du Nord.",
                "en": "Map from Eastern Europe to the Far East: places cited (sized by number of events) and reported routes between Russia and North Korea."},
               {"fr": "Les lieux situés hors de la région cartographiée sont nommés au bas de la carte.",
                "en": "Places outside the mapped region are named at the foot of the map."}),
    _map_chart("korea-primorye",
               {"fr": "Carte détaillée du nord-est de la Corée du Nord et du Primorié russe : frontière du Tumen, passage ferroviaire Tumangang–Khassan, port de Rajin, ports de Dounaï et de Vostotchny, avec un zoom sur l'embouchure du Tumen et une carte de situation.",
                "en": "Detail map of north-east North Korea and Russia's Primorsky krai: the Tumen border, the Tumangang–Khasan rail crossing, Rajin port, the Dunai and Vostochny ports, with a zoom on the Tumen mouth and a locator."},
               {"fr": "Survolez un lieu : les images satellite publiées (CSIS, RUSI, Open Source Centre) y sont datées.",
                "en": "Hover a place: published satellite imagery (CSIS, RUSI, Open Source Centre) is listed with its date."}),
    _map_chart("troops",
               {"fr": "Carte du déploiement signalé des soldats nord-coréens : ports de départ, camps d'entraînement de l'Extrême-Orient russe, puis région de Koursk.",
                "en": "Map of the reported deployment of North Korean soldiers: ports of departure, training grounds in the Russian Far East, then the Kursk region."},
               {"fr": "Deux cadres : l'Extrême-Orient et le front de Koursk ; la carte de situation montre le trajet entier.",
                "en": "Two frames: the Far East and the Kursk front; the locator shows the whole journey."}),
    _map_chart("munitions",
               {"fr": "Carte des routes signalées des munitions : port de Rajin, ports russes du Pacifique, passage ferroviaire de Khassan, dépôts vers l'Ukraine.",
                "en": "Map of the reported munitions routes: Rajin port, Russian Pacific ports, the Khasan rail crossing, depots towards Ukraine."},
               {"fr": "Deux cadres : les ports de chargement et de déchargement, et les dépôts derrière le front ; la carte de situation montre la voie ferrée entière.",
                "en": "Two frames: the loading and unloading ports, and the depots behind the front; the locator shows the whole rail route."}),
)
CHART_IDS = tuple(c.chart_id for c in CHARTS)


def chart(chart_id: str) -> Chart:
    for c in CHARTS:
        if c.chart_id == chart_id:
            return c
    raise KeyError(f"unknown chart {chart_id!r}; known: {', '.join(CHART_IDS)}")


def build_figure(data: Published, chart_id: str, lang: str) -> go.Figure:
    check_lang(lang)
    return chart(chart_id).build(data, lang)


def figure_html(fig: go.Figure, chart_id: str, lang: str) -> str:
    """The embeddable fragment: a labelled region with the chart (plotly.js not included)."""
    alt = chart(chart_id).alt[lang]
    post = maps.PHONE_SCRIPT if chart_id.startswith("map-") else None
    body = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{chart_id}-{lang}", config=PLOTLY_CONFIG,
                       post_script=post)
    return f'<div class="rpk-chart" role="figure" aria-label="{esc(alt)}">{body}</div>'


def standalone_html(fig: go.Figure, chart_id: str, lang: str, plotly_src: str = "plotly.min.js") -> str:
    c = chart(chart_id)
    title = html.unescape((fig.layout.title.text or chart_id).replace("<br>", " "))
    data_links = " · ".join(f'<a href="../data/processed/{esc(f)}">{esc(f)}</a>' for f in c.data_files)
    credit = "Données et code : CC BY 4.0 / MIT" if lang == "fr" else "Data and code: CC BY 4.0 / MIT"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f'<script src="{esc(plotly_src)}"></script>\n'
        '<style>body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a}'
        'main{max-width:1280px;margin:0 auto;padding:8px}p{font-size:14px;margin:6px 0}.rpk-chart{width:100%}'
        'h1{font-size:1px;position:absolute;left:-9999px}a{color:#1a4f8a}</style>\n</head>\n<body>\n<main>\n'
        f'<h1>{esc(title)}</h1>\n<figure style="margin:0">\n{figure_html(fig, chart_id, lang)}\n'
        f'<figcaption><p>{esc(c.caption[lang])}</p><p>{esc(c.alt[lang])}</p>'
        f'<p>{credit} · {data_links}</p></figcaption>\n</figure>\n</main>\n</body>\n</html>\n'
    )


def _inputs_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(processed_dir(root).glob("*")) + sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(p.name.encode() + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def plotly_js_path() -> Path:
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def vendor_plotly(root: Path) -> Path:
    """Copy the installed plotly.js into assets/vendor/, where every page loads it once (no CDN)."""
    target = root / "assets" / "vendor" / "plotly.min.js"
    source = plotly_js_path()
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target


def export_all(root: Path, force: bool = False, png: bool = True) -> tuple[int, int]:
    """Write figures/ (HTML + PNG per chart and language); skip when inputs are unchanged."""
    vendor_plotly(root)
    out = figures_dir(root)
    out.mkdir(exist_ok=True)
    manifest_path = out / "manifest.json"
    digest = _inputs_digest(root)
    expected = [f"{c}-{lang}.{ext}" for c in CHART_IDS for lang in ("fr", "en") for ext in (("html", "png") if png else ("html",))]
    if not force and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("inputs") == digest and all((out / f).is_file() for f in expected):
            return 0, len(expected)
    shutil.copyfile(plotly_js_path(), out / "plotly.min.js")
    data = load(root)
    written, figs, pngs = 0, [], []
    for c in CHARTS:
        for lang in ("fr", "en"):
            fig = build_figure(data, c.chart_id, lang)
            (out / f"{c.chart_id}-{lang}.html").write_text(standalone_html(fig, c.chart_id, lang), encoding="utf-8")
            written += 1
            figs.append(fig)
            pngs.append(out / f"{c.chart_id}-{lang}.png")
    if png:  # one browser session for every image (kaleido drives the machine's Chromium)
        import plotly.io as pio

        pio.write_images(figs, pngs, width=1280, height=[f.layout.height or 560 for f in figs], scale=1)
        written += len(pngs)
    manifest_path.write_text(json.dumps({"inputs": digest, "files": expected}, indent=1))
    return written, 0
