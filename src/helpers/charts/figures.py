"""Every chart of the publication, built from ``data/processed``, and its exports.

``CHARTS`` is the catalogue: each chart's id, the published files it is drawn from, its
function, alt text and caption. ``figure_html`` gives the fragment a standalone export embeds
(pages load plotly.js once, see :func:`helpers.site.chart_blocks.chart_scripts`); ``export_all`` writes ``figures/<chart>-<lang>.html``
(standalone, referencing a local ``plotly-basic.min.js``, so it draws offline and can be embedded
like an iframe) and ``figures/<chart>-<lang>.png`` (for social cards and print).
"""
from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import plotly.graph_objects as go

from helpers.charts import exports, maps
from helpers.charts.claim_charts import claims_figure, status_history_figure
from helpers.charts.estimates_chart import estimates_figure
from helpers.charts.images import ImageExportError, write_pngs
from helpers.charts.mapframes import projection_names
from helpers.charts.timeline_chart import timeline_figure
from helpers.core.escape import esc
from helpers.core.labels import check_lang
from helpers.core.paths import figures_dir, processed_dir
from helpers.core.typeset import typeset_markup
from helpers.model.published import Published, load, restrict


class FigureError(Exception):
    """A chart could not be drawn from the published data."""


#: Run after each inline chart is drawn (standalone exports): its phone layout (assets/js/charts.js).
RESPONSIVE_SCRIPT = ("var gd = document.getElementById('{plot_id}'); "
                     "Promise.resolve(window.rpkResponsive && window.rpkResponsive(gd)).then(function () { window.rpkTooltips && window.rpkTooltips(gd); });")
PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "displayModeBar": False}  # no toolbar over the titles


@dataclass(frozen=True)
class Chart:
    chart_id: str
    data_files: tuple[str, ...]
    build: Callable[[Published, str], go.Figure]
    alt: dict
    caption: dict
    #: layout changes that charts.js applies when the chart is narrower than 560 px (a phone)
    narrow: dict = field(default_factory=dict)


def _map_caption(kind: str, extra: dict) -> dict:
    """Map captions name the projection(s) and say how the routes are drawn."""
    fr = ", ".join(projection_names(kind, "fr"))
    en = ", ".join(projection_names(kind, "en"))
    return {"fr": f"{extra['fr']} Projection : {fr}. Voies ferrées tracées par les villes des lignes (GeoNames) ; "
                  "routes maritimes schématiques en mer ; vols en orthodromie ; « schématique » là où les sources ne donnent pas d'itinéraire. "
                  "Fond : Natural Earth.",
            "en": f"{extra['en']} Projection: {en}. Railways drawn through the towns on the lines (GeoNames); "
                  "sea lanes schematic, at sea; flights as great circles; 'schematic' where the sources give no path. "
                  "Base: Natural Earth."}


def _map_chart(kind: str, alt: dict, caption: dict) -> Chart:
    files = ("actor_geography.geojson", "basemap.geojson", "timeline.csv", "site_imagery.csv")
    if kind != "overview":
        files += ("basemap_detail.geojson",)
    return Chart(f"map-{kind}", files,
                 lambda d, lang: maps.map_figure(d.geography, d.basemap, lang, kind, d.timeline,
                                                 detail=d.basemap_detail if kind != "overview" else None,
                                                 imagery=maps.imagery_lines(d, lang)),
                 alt, _map_caption(kind, caption))


CHARTS = (
    Chart("timeline", ("timeline.csv", "sources.csv"),
          lambda d, lang: timeline_figure(d.timeline, d.sources, lang),
          {"fr": "Frise chronologique : chaque point est un événement sourcé des relations russo-nord-coréennes depuis 2019, rangé par catégorie ; une ligne pointillée marque la rencontre du 4 novembre 2024.",
           "en": "Timeline: each dot is a sourced event of Russia–North Korea relations since 2019, in lanes by category; a dotted line marks the 4 November 2024 meeting."},
          {"fr": "Points pleins : événements officiels ou rapportés ; points creux : allégations.",
           "en": "Filled dots: official or reported events; hollow dots: allegations."}),
    Chart("claims", ("claims.csv", "claim_sources.csv", "actors.csv", "sources.csv"),
          lambda d, lang: claims_figure(d.claims, d.claim_sources, d.actors, d.sources, lang),
          {"fr": "Chaque ligne est une affirmation de l'article ; chaque marque, une prise de position datée (couleur : camp ; forme : affirme, corrobore, reconnaît, dément). Une barre grise va de la première allégation à la confirmation officielle.",
           "en": "Each row is a claim of the article; each mark a dated statement (colour: camp; shape: asserts, corroborates, acknowledges, denies). A grey bar runs from the first allegation to official confirmation."},
          {"fr": "Ligne pointillée : date de l'article. Touchez ou pointez une marque pour sa source.",
           "en": "Dotted line: the article's date. Tap or point at a mark for its source."},
          narrow={"xaxis.dtick": "M24"}),
    # issue 13: status over time (claim_status_history.csv)
    Chart("status-history", ("claim_status_history.csv", "claims.csv", "claim_sources.csv"),
          lambda d, lang: status_history_figure(d.claims, d.claim_status_history, d.claim_sources, lang),
          {"fr": "Chaque ligne est une affirmation de l'article ; sa bande change de couleur à chaque changement de statut (allégué, démenti, affirmé par plusieurs camps, corroboré par des preuves indépendantes, confirmé par la Russie ou la Corée du Nord), de la première prise de position à la dernière source datée.",
           "en": "Each row is a claim of the article; its band changes colour at each change of status (alleged, denied, asserted by several sides, corroborated by independent evidence, confirmed by Russia or North Korea), from the first statement to the latest dated source."},
          {"fr": "Ligne pointillée : date de l'article. Touchez ou pointez une bande pour son statut et sa date.",
           "en": "Dotted line: the article's date. Tap or point at a band for its status and date."}),
    Chart("estimates", ("estimates.csv", "actors.csv", "sources.csv"),
          lambda d, lang: estimates_figure(d.estimates, d.actors, d.sources, lang),
          {"fr": "Estimations chiffrées dans le temps, par quantité (menu), couleur selon le camp de qui les donne ; les barres verticales montrent les fourchettes, les triangles les bornes ouvertes.",
           "en": "Numeric estimates over time, by quantity (menu), coloured by the claimant's camp; vertical bars show ranges, triangles open bounds."},
          {"fr": "▲ « plus de » ; ▼ « jusqu'à ». Les chiffres des parties au conflit sont signalés dans la fiche de chaque point.",
           "en": "▲ 'more than'; ▼ 'up to'. Figures from warring parties are flagged in each point's details."},
          narrow={"xaxis.nticks": 3}),
    _map_chart("overview",
               {"fr": "Carte de l'Europe de l'Est à l'Extrême-Orient : lieux cités (taille selon le nombre d'événements) et routes signalées entre la Russie et la Corée du Nord.",
                "en": "Map from Eastern Europe to the Far East: places cited (sized by number of events) and reported routes between Russia and North Korea."},
               {"fr": "Les lieux situés hors de la région cartographiée sont nommés au bas de la carte.",
                "en": "Places outside the mapped region are named at the foot of the map."}),
    _map_chart("korea-primorye",
               {"fr": "Carte détaillée du nord-est de la Corée du Nord et du Primorié russe : frontière du Tumen, passage ferroviaire Tumangang–Khassan, port de Rajin, ports de Dounaï et de Vostotchny, avec un zoom sur l'embouchure du Tumen et une carte de situation.",
                "en": "Detail map of north-east North Korea and Russia's Primorsky krai: the Tumen border, the Tumangang–Khasan rail crossing, Rajin port, the Dunai and Vostochny ports, with a zoom on the Tumen mouth and a locator."},
               {"fr": "Touchez ou pointez un lieu : les images satellite publiées (CSIS, RUSI, Open Source Centre) y sont datées.",
                "en": "Tap or point at a place: published satellite imagery (CSIS, RUSI, Open Source Centre) is listed with its date."}),
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
    """A chart in one language, its every text set by that language's typography."""
    check_lang(lang)
    spec = chart(chart_id)
    return typeset_figure(with_narrow(spec.build(data, lang), spec.narrow), lang)


#: the keys of a plotly figure whose strings a reader sees (``title.text`` style keys too, as in
#: the arguments of a menu's buttons)
TEXT_KEYS = {"text", "hovertext", "hovertemplate", "texttemplate", "name", "title", "label", "ticktext", "customdata",
             "x", "y", "categoryarray"}


def _typeset_value(value, lang: str, visible: bool):
    if isinstance(value, dict):
        return {k: _typeset_value(v, lang, k in TEXT_KEYS or k.endswith(".text") or k.endswith("ticktext")) for k, v in value.items()}
    if visible and hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays of labels
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_typeset_value(v, lang, visible) for v in value]
    if visible and isinstance(value, str):
        return typeset_markup(value, lang, attributes=False)
    return value


def typeset_figure(fig: go.Figure, lang: str) -> go.Figure:
    """Every text of a chart (titles, labels, legends, menus, hover texts, categories, the phone
    layout in ``layout.meta``) set by the rules of ``lang`` (:mod:`helpers.core.typeset`)."""
    spec = fig.to_plotly_json()
    return go.Figure(_typeset_value(spec, lang, False), skip_invalid=False)


def figure_html(fig: go.Figure, chart_id: str, lang: str) -> str:
    """The embeddable fragment: a labelled region with the chart (plotly.js not included)."""
    alt = chart(chart_id).alt[lang]
    body = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{chart_id}-{lang}", config=PLOTLY_CONFIG,
                       post_script=RESPONSIVE_SCRIPT)
    return f'<div class="rpk-chart" role="figure" aria-label="{esc(alt)}">{body}</div>'


def with_narrow(fig: go.Figure, narrow: dict) -> go.Figure:
    """Record a chart's phone changes in layout.meta.narrow (applied by assets/js/charts.js)."""
    if narrow and not (fig.layout.meta and "phone" in fig.layout.meta):
        fig.update_layout(meta={**(fig.layout.meta or {}), "narrow": narrow})
    return fig


def figure_json(fig: go.Figure) -> str:
    """What a page fetches to draw a chart: data, layout (with its phone changes) and config."""
    import plotly.io as pio

    spec = json.loads(pio.to_json(fig, validate=False, pretty=False))
    spec["config"] = PLOTLY_CONFIG
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def standalone_html(fig: go.Figure, chart_id: str, lang: str, plotly_src: str = "plotly-basic.min.js") -> str:
    c = chart(chart_id)
    title = html.unescape((fig.layout.title.text or chart_id).replace("<br>", " "))
    data_links = " · ".join(f'<a href="../data/processed/{esc(f)}">{esc(f)}</a>' for f in c.data_files)
    credit = "Données et code : CC BY 4.0 / MIT" if lang == "fr" else "Data and code: CC BY 4.0 / MIT"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f'<script src="{esc(plotly_src)}"></script>\n<script src="charts.js"></script>\n'
        '<style>body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a}'
        'main{max-width:1280px;margin:0 auto;padding:8px}p{font-size:14px;margin:6px 0}.rpk-chart{width:100%}'
        'h1{font-size:1px;position:absolute;left:-9999px}a{color:#1a4f8a}</style>\n</head>\n<body>\n<main>\n'
        f'<h1>{esc(title)}</h1>\n<figure style="margin:0">\n{figure_html(fig, chart_id, lang)}\n'
        f'<figcaption><p>{esc(c.caption[lang])}</p><p>{esc(c.alt[lang])}</p>'
        f'<p>{credit} · {data_links}</p></figcaption>\n</figure>\n</main>\n</body>\n</html>\n'
    )


def plotly_js_path(root: Path) -> Path:
    """Plotly's partial 'basic' bundle, vendored in assets/js (see assets/js/VENDOR.json)."""
    return root / "assets" / "js" / "plotly-basic.min.js"


def expected_files(png: bool = True) -> list[str]:
    return [f for c in CHART_IDS for f in chart_files(c, png)]


def chart_files(chart_id: str, png: bool = True) -> list[str]:
    """The exports of one chart: standalone HTML, JSON and PNG, in both languages."""
    return [f"{chart_id}-{lang}.{ext}" for lang in ("fr", "en") for ext in (("html", "json", "png") if png else ("html", "json"))]


def chart_inputs() -> dict[str, tuple[str, ...]]:
    """Each chart and the published files it is drawn from (its ``data_files``)."""
    return {c.chart_id: c.data_files for c in CHARTS}


def figures_current(out: Path, processed: Path, png: bool = True) -> bool:
    """True when ``out`` holds every export, each drawn from its chart's current inputs and this code."""
    return exports.current(out, processed, chart_inputs(), {c: chart_files(c, png) for c in CHART_IDS})


def _copy_if_changed(src: Path, dest: Path) -> None:
    if not dest.is_file() or dest.read_bytes() != src.read_bytes():
        shutil.copyfile(src, dest)


def export_all(root: Path, force: bool = False, png: bool = True, out: Path | None = None,
               processed: Path | None = None, data: Published | None = None) -> tuple[int, int]:
    """Write figures/ (HTML, JSON and PNG per chart and language), re-drawing only the charts whose
    inputs changed (:mod:`helpers.charts.exports`); returns (files written, files unchanged).

    ``out`` and ``processed`` default to ``figures/`` and ``data/processed``; the build passes its
    staging folders so that data and charts are published together (see
    :mod:`helpers.publish.transaction`), and the data it loaded from them (``data``), so that they
    are read once. Each chart is drawn from its declared ``data_files`` only (reading anything
    else raises). A chart that cannot be drawn raises ``FigureError`` naming it.
    """
    out = out or figures_dir(root)
    processed = processed or processed_dir(root)
    out.mkdir(exist_ok=True)
    _copy_if_changed(plotly_js_path(root), out / "plotly-basic.min.js")
    _copy_if_changed(root / "assets" / "js" / "charts.js", out / "charts.js")
    (out / "plotly.min.js").unlink(missing_ok=True)
    inputs, files = chart_inputs(), {c: chart_files(c, png) for c in CHART_IDS}
    stale = list(CHART_IDS) if force else exports.stale_charts(out, processed, inputs, files)
    total = sum(len(f) for f in files.values())
    if not stale:
        return 0, total
    data = data if data is not None else load(root, processed)
    written, figs, pngs = 0, [], []
    for c in CHARTS:
        if c.chart_id not in stale:
            continue
        view = restrict(data, c.data_files, f"chart {c.chart_id}", "its data_files (helpers.charts.figures.CHARTS)")
        for lang in ("fr", "en"):
            try:
                fig = build_figure(view, c.chart_id, lang)
            except Exception as err:  # name the chart; the build reports it as the figures stage
                raise FigureError(f"chart {c.chart_id}-{lang}: {type(err).__name__}: {err}") from err
            (out / f"{c.chart_id}-{lang}.html").write_text(typeset_markup(standalone_html(fig, c.chart_id, lang), lang),
                                                          encoding="utf-8")
            (out / f"{c.chart_id}-{lang}.json").write_text(figure_json(fig), encoding="utf-8")
            written += 2
            figs.append(fig)
            pngs.append(out / f"{c.chart_id}-{lang}.png")
    if png:  # one browser session for every image, in a watched child process (helpers.charts.images)
        try:
            write_pngs(figs, pngs)
        except ImageExportError as err:
            raise FigureError(str(err)) from err
        written += len(pngs)
    exports.write_manifest(out, processed, inputs, expected_files(png))
    return written, total - written
