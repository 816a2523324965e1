"""The estimates chart: every figure over time, one menu entry per quantity, coloured by the
claimant's camp, whiskers for ranges, triangles for open bounds."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.style import CAMP_COLOURS, GRID, NEUTRAL, base_layout, title_text
from helpers.core.dates import chart_date, format_date
from helpers.core.escape import esc, wrap
from helpers.core.labels import colon, missing, t
from helpers.model.bibliography import WARRING_CAMPS, source_labels
from helpers.model.estimates import QUANTITY_UNITS, bound_type, format_bounds, precision


def estimates_figure(est: pd.DataFrame, actors: pd.DataFrame, sources: pd.DataFrame, lang: str = "fr",
                     quantities: list[str] | None = None) -> go.Figure:
    """Range chart over time: one dropdown entry per quantity, colour by claimant camp,
    whiskers for ranges, triangles for open bounds (▲ 'more than', ▼ 'up to')."""
    a = actors.set_index("actor_id")
    pubs = source_labels(sources, lang) if "tier" in sources else dict(zip(sources["source_id"], sources["publisher"]))
    quantities = quantities or [q for q in QUANTITY_UNITS if q in set(est["quantity"])]
    fig = go.Figure()
    owner = []
    for q in quantities:
        sub = est[est["quantity"] == q]
        for camp in CAMP_COLOURS:
            part = sub[sub["claimant_actor_id"].map(a["camp"]) == camp]
            if part.empty:
                continue
            y, lo_err, hi_err, symbols, hover = [], [], [], [], []
            for _, r in part.iterrows():
                kind = bound_type(r["value_low"], r["value_high"])
                low = None if missing(r["value_low"]) else float(r["value_low"])
                high = None if missing(r["value_high"]) else float(r["value_high"])
                mid = low if high is None else high if low is None else (low + high) / 2
                y.append(mid)
                lo_err.append(0 if low is None else mid - low)
                hi_err.append(0 if high is None else high - mid)
                symbols.append({"at least": "triangle-up", "at most": "triangle-down"}.get(kind, "circle"))
                warring = f" ({t('warring-party', lang)})" if camp in WARRING_CAMPS else ""
                hover.append(
                    f"<b>{esc(format_bounds(r['value_low'], r['value_high'], lang))}</b> · {esc(format_date(r['as_of_date'], precision(r), lang))}<br>"
                    f"{esc(a.loc[r['claimant_actor_id'], 'name_' + lang])}{esc(warring)}<br>"
                    f"{wrap(r['wording_' + lang], 50)}<br><i>{esc(t(r['method'], lang))}</i><br>"
                    f"{esc(t('source', lang))}{colon(lang)} {esc(pubs.get(r['source_id'], r['source_id']))}")
            fig.add_trace(go.Scatter(
                x=[chart_date(d, precision(r)) for d, (_, r) in zip(part["as_of_date"], part.iterrows())], y=y, mode="markers", name=t(camp, lang), legendgroup=camp,
                marker=dict(color=CAMP_COLOURS[camp], size=11, symbol=symbols, line=dict(width=1, color="white")),
                error_y=dict(type="data", symmetric=False, array=hi_err, arrayminus=lo_err, color=CAMP_COLOURS[camp], thickness=2, width=4),
                hovertext=hover, hoverinfo="text", visible=(q == quantities[0]),
            ))
            owner.append(q)
    for key, symbol in (("est:at-least", "triangle-up"), ("est:at-most", "triangle-down")):  # the marks' shapes, explained
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(key, lang), legendgroup="shape",
                                 marker=dict(symbol=symbol, color=NEUTRAL, size=11), hoverinfo="skip"))
        owner.append(None)
    buttons = []
    for q in quantities:
        buttons.append(dict(label=t(q, lang), method="update",
                            args=[{"visible": [o == q or o is None for o in owner]},
                                  {"yaxis.title.text": t(q, lang), "title.text": title_text(estimates_title(est, q, lang))}]))
    title = estimates_title(est, quantities[0], lang)
    fig.update_layout(**base_layout(lang, title, height=560))
    fig.layout.title.pad.b = 52  # room for the quantity menu between title and plot
    fig.update_layout(updatemenus=[dict(buttons=buttons, direction="down", x=0, xanchor="left", y=1.01, yanchor="bottom",
                                        showactive=True, bgcolor="white", font=dict(size=12))],
                      margin=dict(l=10, r=10, t=30, b=60), legend=dict(y=-0.16))
    fig.update_yaxes(title_text=t(quantities[0], lang), rangemode="tozero", gridcolor=GRID, separatethousands=True,
                     ticklabelposition="inside top")  # labels above their grid line: no clash with the dates
    fig.update_xaxes(type="date", showgrid=False, nticks=5, tickformat="%m/%Y")  # numeric months: no English month names on French pages
    return fig


def estimates_title(est: pd.DataFrame, quantity: str, lang: str) -> str:
    """The finding for one quantity (the menu swaps it with the data): the range of the figures and
    how many claimants give them. Only estimates of that one quantity are compared."""
    from helpers.core.labels import format_number

    part = est[est["quantity"] == quantity]
    values = pd.to_numeric(pd.concat([part["value_low"], part["value_high"]]), errors="coerce").dropna()
    n = len(part)
    lo, hi = format_number(values.min(), lang), format_number(values.max(), lang)
    if lo == hi:
        return {"fr": f"{t(quantity, lang)}\u00a0: {lo}, selon {n} estimation{'s' if n > 1 else ''}",
                "en": f"{t(quantity, lang)}: {lo}, in {n} estimate{'s' if n > 1 else ''}"}[lang]
    return {"fr": f"{t(quantity, lang)}\u00a0: de {lo} à {hi} selon {n} estimations",
            "en": f"{t(quantity, lang)}: from {lo} to {hi} across {n} estimates"}[lang]
