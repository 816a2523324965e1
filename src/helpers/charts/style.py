"""One style for every chart: colours, fonts and the layout they share.

Palettes are colour-blind safe: Paul Tol's "muted" scheme for event categories and Okabe &
Ito's for claimant camps. Fonts are system fonts, so nothing is fetched. Words are not here:
every label is in :mod:`helpers.core.labels`.
"""
from __future__ import annotations

from helpers.core.labels import check_lang

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1a1a1a"
MUTED = "#5f5f5f"
GRID = "#e6e6e6"
HIGHLIGHT = "#b2182b"

CATEGORY_COLOURS = {
    "diplomacy": "#332288", "treaty": "#AA4499", "military aid": "#CC6677", "troops": "#882255",
    "missiles": "#117733", "sanctions and UN": "#88CCEE", "economy": "#44AA99",
    "space and technology": "#999933", "other": "#BBBBBB",
}
CAMP_COLOURS = {
    "russia": "#D55E00", "north-korea": "#CC79A7", "ukraine": "#0072B2", "allies": "#56B4E9",
    "independent": "#009E73", "un": "#E69F00", "other": "#999999", "anonymous": "#000000",
}
STANCE_SYMBOLS = {
    "asserts": "circle", "corroborates": "diamond", "acknowledges": "star",
    "denies": "x", "declines to comment": "square-open",
}
STATUS_COLOURS = {
    "acknowledged-both": "#1b7837", "acknowledged-russia": "#5aae61", "acknowledged-north-korea": "#5aae61",
    "on-record": "#4d9221", "corroborated": "#2166ac", "several-sides": "#92c5de", "disputed": "#b35806", "denied": "#b2182b",
    "alleged": "#e08214", "unverified": "#878787", "not-yet-claimed": "#bababa",
}


def title_text(title: str, width: int = 36) -> str:
    """A chart title escaped and broken into short lines (plotly does not wrap), so it fits 375 px."""
    import html
    import textwrap

    return "<br>".join(html.escape(line) for line in textwrap.wrap(title, width=width))


def base_layout(lang: str, title: str, height: int = 520) -> dict:
    """Layout shared by every chart: fonts, margins, a two-line title and the legend under the
    plot, so nothing overlaps at 375 px."""
    check_lang(lang)
    return dict(
        title=dict(text=title_text(title), x=0.01, xanchor="left", xref="container", y=1, yanchor="bottom", yref="paper",
                   automargin=True, pad=dict(b=12), font=dict(size=15, color=INK)),
        font=dict(family=FONT, size=13, color=INK), height=height,
        margin=dict(l=10, r=10, t=30, b=60), paper_bgcolor="white", plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.1, x=0, xanchor="left", font=dict(size=12)),
        hoverlabel=dict(font=dict(family=FONT, size=12), align="left"),
        separators=", " if lang == "fr" else ".,",
    )


