"""Numeric estimates: bounds, units, the 'what the numbers say' summary and the range chart."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from helpers.dates import chart_date, format_date, latest_day
from helpers.htmltext import esc, wrap
from helpers.sourcing import source_labels
from helpers.style import CAMP_COLOURS, GRID, base_layout, colon, t
from helpers.tables import schema

#: One unit per quantity, declared once in the estimates schema (field quantity, "x-units").
QUANTITY_UNITS: dict[str, str] = next(f for f in schema("estimates")["fields"] if f["name"] == "quantity")["x-units"]
WARRING_CAMPS = ("russia", "north-korea", "ukraine")


def bound_type(low, high) -> str:
    """exact, range, 'at least' (no high bound) or 'at most' (no low bound)."""
    has_low, has_high = not _missing(low), not _missing(high)
    if not has_low and not has_high:
        raise ValueError("an estimate needs at least one bound")
    if has_low and has_high:
        if float(low) > float(high):
            raise ValueError(f"low bound {low} is above high bound {high}")
        return "exact" if float(low) == float(high) else "range"
    return "at least" if has_low else "at most"


def _precision(row) -> str:
    return row["date_precision"] if "date_precision" in row and isinstance(row["date_precision"], str) else "day"


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def build_estimates(est: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    camp = actors.set_index("actor_id")["camp"]
    out = est.sort_values(["quantity", "as_of_date", "estimate_id"], kind="stable").reset_index(drop=True)
    out["bound_type"] = [bound_type(lo, hi) for lo, hi in zip(out["value_low"], out["value_high"])]
    out["claimant_is_warring_party"] = out["claimant_actor_id"].map(camp).isin(WARRING_CAMPS).astype("boolean")
    return out


def check_units(est: pd.DataFrame) -> list[str]:
    """Quantities whose rows use more than one unit, or not the declared one."""
    bad = []
    for q, sub in est.groupby("quantity"):
        units = set(sub["unit"])
        if len(units) > 1 or (q in QUANTITY_UNITS and units != {QUANTITY_UNITS[q]}):
            bad.append(f"{q}: {', '.join(sorted(units))}")
    return bad


def summary(est: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per quantity: number of estimates and claimants, the latest estimate's bounds and date,
    and how far claimants disagree (ratio of the highest to the lowest bound given, all dates)."""
    rows = []
    for q, sub in est.groupby("quantity", sort=True):
        sub = sub.assign(_d=[latest_day(d, _precision(r)) for d, (_, r) in zip(sub["as_of_date"], sub.iterrows())])
        sub = sub.sort_values(["_d", "estimate_id"], kind="stable")  # 'January 2025' is not before 5 January
        latest = sub.iloc[-1]
        lows = pd.to_numeric(sub["value_low"], errors="coerce").dropna()
        highs = pd.to_numeric(sub["value_high"], errors="coerce").dropna()
        values = pd.concat([lows, highs])
        positive = values[values > 0]
        rows.append(dict(
            quantity=q, unit=latest["unit"], estimates=len(sub), claimants=sub["claimant_actor_id"].nunique(),
            latest_date=latest["as_of_date"], latest_precision=latest.get("date_precision", "day"),
            latest_claimant=latest["claimant_actor_id"],
            latest_low=latest["value_low"], latest_high=latest["value_high"],
            smallest=values.min() if len(values) else None, largest=values.max() if len(values) else None,
            spread_ratio=round(float(positive.max() / positive.min()), 1) if len(positive) else None,
        ))
    return pd.DataFrame(rows)


def format_number(value, lang: str = "fr") -> str:
    if _missing(value):
        return "–"
    v = float(value)
    text = f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def format_bounds(low, high, lang: str = "fr") -> str:
    kind = bound_type(low, high)
    lo, hi = format_number(low, lang), format_number(high, lang)
    return {"exact": lo, "range": f"{lo}–{hi}",
            "at least": ("plus de " if lang == "fr" else "more than ") + lo,
            "at most": ("jusqu'à " if lang == "fr" else "up to ") + hi}[kind]


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
                low = None if _missing(r["value_low"]) else float(r["value_low"])
                high = None if _missing(r["value_high"]) else float(r["value_high"])
                mid = low if high is None else high if low is None else (low + high) / 2
                y.append(mid)
                lo_err.append(0 if low is None else mid - low)
                hi_err.append(0 if high is None else high - mid)
                symbols.append({"at least": "triangle-up", "at most": "triangle-down"}.get(kind, "circle"))
                warring = f" ({t('warring-party', lang)})" if camp in WARRING_CAMPS else ""
                hover.append(
                    f"<b>{esc(format_bounds(r['value_low'], r['value_high'], lang))}</b> · {esc(format_date(r['as_of_date'], _precision(r), lang))}<br>"
                    f"{esc(a.loc[r['claimant_actor_id'], 'name_' + lang])}{esc(warring)}<br>"
                    f"{wrap(r['wording_' + lang], 50)}<br><i>{esc(t(r['method'], lang))}</i><br>"
                    f"{esc(t('source', lang))}{colon(lang)} {esc(pubs.get(r['source_id'], r['source_id']))}")
            fig.add_trace(go.Scatter(
                x=[chart_date(d, _precision(r)) for d, (_, r) in zip(part["as_of_date"], part.iterrows())], y=y, mode="markers", name=t(camp, lang), legendgroup=camp,
                marker=dict(color=CAMP_COLOURS[camp], size=11, symbol=symbols, line=dict(width=1, color="white")),
                error_y=dict(type="data", symmetric=False, array=hi_err, arrayminus=lo_err, color=CAMP_COLOURS[camp], thickness=2, width=4),
                hovertext=hover, hoverinfo="text", visible=(q == quantities[0]),
            ))
            owner.append(q)
    buttons = []
    for q in quantities:
        buttons.append(dict(label=t(q, lang), method="update",
                            args=[{"visible": [o == q for o in owner]}, {"yaxis.title.text": t(q, lang)}]))
    title = {"fr": "Les estimations divergent : qui compte quoi, et quand",
             "en": "Estimates diverge: who counts what, and when"}[lang]
    fig.update_layout(**base_layout(lang, title, height=560))
    fig.layout.title.pad.b = 52  # room for the quantity menu between title and plot
    fig.update_layout(updatemenus=[dict(buttons=buttons, direction="down", x=0, xanchor="left", y=1.01, yanchor="bottom",
                                        showactive=True, bgcolor="white", font=dict(size=12))],
                      margin=dict(l=10, r=10, t=30, b=60), legend=dict(y=-0.16))
    fig.update_yaxes(title_text=t(quantities[0], lang), rangemode="tozero", gridcolor=GRID, separatethousands=True,
                     ticklabelposition="inside top")  # labels above their grid line: no clash with the dates
    fig.update_xaxes(type="date", showgrid=False, nticks=5, tickformat="%m/%Y")  # numeric months: no English month names on French pages
    return fig
