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

from helpers import claims, estimates, geo, timeline
from helpers.data import Published, load
from helpers.htmltext import esc
from helpers.paths import figures_dir, processed_dir
from helpers.style import check_lang


class FigureError(Exception):
    """A chart could not be drawn from the published data."""


PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass(frozen=True)
class Chart:
    chart_id: str
    data_files: tuple[str, ...]
    build: Callable[[Published, str], go.Figure]
    alt: dict
    caption: dict


SCHEMATIC = {"fr": "Tracés schématiques entre les lieux cités par les sources ; zoom sur le nord-est de la Corée du Nord et le Primorié.",
             "en": "Schematic lines between the places named by sources; zoom on north-east North Korea and Primorsky krai."}


def _map_chart(kind: str, alt: dict, caption: dict) -> Chart:
    return Chart(f"map-{kind}", ("actor_geography.geojson", "basemap.geojson", "timeline.csv"),
                 lambda d, lang: geo.map_figure(d.geography, d.basemap, lang, kind, d.timeline), alt, caption)


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
    _map_chart("troops",
               {"fr": "Carte du déploiement signalé des soldats nord-coréens : ports de départ, camps d'entraînement de l'Extrême-Orient russe, puis région de Koursk.",
                "en": "Map of the reported deployment of North Korean soldiers: ports of departure, training grounds in the Russian Far East, then the Kursk region."},
               SCHEMATIC),
    _map_chart("munitions",
               {"fr": "Carte des routes signalées des munitions : port de Rajin, ports russes du Pacifique, passage ferroviaire de Khassan, dépôts vers l'Ukraine.",
                "en": "Map of the reported munitions routes: Rajin port, Russian Pacific ports, the Khasan rail crossing, depots towards Ukraine."},
               SCHEMATIC),
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
    body = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{chart_id}-{lang}", config=PLOTLY_CONFIG)
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


def _inputs_digest(processed: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(processed.glob("*")) + sorted(Path(__file__).resolve().parent.glob("*.py")):
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


def export_all(root: Path, force: bool = False, png: bool = True, out: Path | None = None,
               processed: Path | None = None) -> tuple[int, int]:
    """Write figures/ (HTML + PNG per chart and language); skip when inputs are unchanged.

    ``out`` and ``processed`` default to ``figures/`` and ``data/processed``; the build passes its
    staging folders so that data and charts are published together (see :mod:`helpers.transaction`).
    A chart that cannot be drawn raises ``FigureError`` naming it.
    """
    vendor_plotly(root)
    out = out or figures_dir(root)
    processed = processed or processed_dir(root)
    out.mkdir(exist_ok=True)
    manifest_path = out / "manifest.json"
    digest = _inputs_digest(processed)
    expected = [f"{c}-{lang}.{ext}" for c in CHART_IDS for lang in ("fr", "en") for ext in (("html", "png") if png else ("html",))]
    if not force and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("inputs") == digest and all((out / f).is_file() for f in expected):
            return 0, len(expected)
    shutil.copyfile(plotly_js_path(), out / "plotly.min.js")
    data = load(root, processed)
    written, figs, pngs = 0, [], []
    for c in CHARTS:
        for lang in ("fr", "en"):
            try:
                fig = build_figure(data, c.chart_id, lang)
            except Exception as err:  # name the chart; the build reports it as the figures stage
                raise FigureError(f"chart {c.chart_id}-{lang}: {type(err).__name__}: {err}") from err
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
