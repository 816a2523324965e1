"""One style for every chart: colours, fonts and the layout they share.

One colour, one meaning, across the site: three palettes that share no colour.

- **Camps** (who speaks: Russia, North Korea, Ukraine, its allies, independents, the UN…):
  Okabe & Ito's palette, with a dark grey for other states and black for anonymous sources;
  the claims and estimates charts and the camp chips of the claim pages.
- **Statuses** (the verdict scale): greens for confirmations by Russia or North Korea, blues for
  independent corroboration and several sides, orange for an allegation, red for a denial; the
  status chart and every status badge. Confirmed by Russia and confirmed by North Korea are one
  level of the scale and one colour, named once in the legend (:data:`STATUS_LEGEND`).
- **Categories** of activity (arms, troops, transport…): Paul Tol's "muted" scheme, drawn on the
  maps as the routes of each kind (:data:`ROUTE_STYLE`). The timeline's events are ink: their
  category is their lane.

Within a chart, every two colours differ by ΔE00 ≥ 10 in normal vision and in simulated
deuteranopia and protanopia (:mod:`helpers.charts.colours`). Reference rules (the article's date)
are ink, so red means a denial only. Fonts are system fonts, so nothing is fetched. Words are
not here: every label is in :mod:`helpers.core.labels`.
"""
from __future__ import annotations

from helpers.core.escape import keep_together
from helpers.core.labels import check_lang

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1a1a1a"
MUTED = "#5f5f5f"
GRID = "#e6e6e6"
#: reference rules and their labels (the article's date, the meeting): ink, not a palette colour
HIGHLIGHT = INK
#: neutral marks, in no palette: the legend keys of shapes (a stance, an open bound), the timeline's events
NEUTRAL = "#3D3D3D"
#: places on the maps: ink dots (a mid grey would be too close to the troops' wine for deuteranopes)
PLACE_COLOUR = INK

CATEGORY_COLOURS = {
    "diplomacy": "#332288", "treaty": "#AA4499", "military aid": "#CC6677", "troops": "#882255",
    "missiles": "#117733", "sanctions and UN": "#88CCEE", "economy": "#44AA99",
    "space and technology": "#999933", "other": "#BBBBBB",
}
CAMP_COLOURS = {
    "russia": "#D55E00", "north-korea": "#CC79A7", "ukraine": "#0072B2", "allies": "#56B4E9",
    "independent": "#009E73", "un": "#E69F00", "other": "#6A6A6A", "anonymous": "#000000",
}
#: routes on the maps, by kind: the colour of the activity category they belong to, and a dash
ROUTE_STYLE = {"arms shipment": (CATEGORY_COLOURS["military aid"], "solid"), "troop movement": (CATEGORY_COLOURS["troops"], "dash"),
               "transport link": (CATEGORY_COLOURS["economy"], "dot")}
STANCE_SYMBOLS = {
    "asserts": "circle", "corroborates": "diamond", "acknowledges": "star",
    "denies": "x", "declines to comment": "square-open",
}
STATUS_COLOURS = {
    "acknowledged-both": "#1D6212", "acknowledged-russia": "#8CB680", "acknowledged-north-korea": "#8CB680",
    "on-record": "#4C8993", "corroborated": "#114876", "several-sides": "#C59DE3", "disputed": "#5C5C5C", "denied": "#BA393E",
    "alleged": "#F39035", "unverified": "#A3A3A3", "not-yet-claimed": "#D9D9D9",
}
#: statuses that share a colour share one legend entry, named by this label
STATUS_LEGEND = {"acknowledged-russia": "acknowledged-one", "acknowledged-north-korea": "acknowledged-one"}


def title_text(title: str, width: int = 36) -> str:
    """A chart title escaped and broken into short lines (plotly does not wrap), so it fits 375 px."""
    import html
    import textwrap

    return "<br>".join(html.escape(line) for line in textwrap.wrap(keep_together(title), width=width))


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
        # French numbers: decimal comma, a narrow no-break space between thousands ("30 000"); no SI
        # suffix on any axis ("30k" is English notation)
        separators=",\u202f" if lang == "fr" else ".,",
        xaxis=dict(exponentformat="none", separatethousands=True),
        yaxis=dict(exponentformat="none", separatethousands=True),
    )


