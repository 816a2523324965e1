"""Numeric estimates: bounds, units and the 'what the numbers say' summary (the range chart is
:mod:`helpers.charts.estimates_chart`)."""
from __future__ import annotations

import pandas as pd

from helpers.core.dates import latest_day
from helpers.core.labels import format_number, missing
from helpers.model.bibliography import WARRING_CAMPS
from helpers.raw.cells import QUANTITY_UNITS


def bound_type(low, high) -> str:
    """exact, range, 'at least' (no high bound) or 'at most' (no low bound)."""
    has_low, has_high = not missing(low), not missing(high)
    if not has_low and not has_high:
        raise ValueError("an estimate needs at least one bound")
    if has_low and has_high:
        if float(low) > float(high):
            raise ValueError(f"low bound {low} is above high bound {high}")
        return "exact" if float(low) == float(high) else "range"
    return "at least" if has_low else "at most"


def precision(row) -> str:
    """An estimate's date precision ('day' when the row has none)."""
    return row["date_precision"] if "date_precision" in row and isinstance(row["date_precision"], str) else "day"


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
        sub = sub.assign(_d=[latest_day(d, precision(r)) for d, (_, r) in zip(sub["as_of_date"], sub.iterrows())])
        sub = sub.sort_values(["_d", "estimate_id"], kind="stable")  # 'January 2025' is not before 5 January
        latest = sub.iloc[-1]
        lows = pd.to_numeric(sub["value_low"], errors="coerce").dropna()
        highs = pd.to_numeric(sub["value_high"], errors="coerce").dropna()
        values = pd.concat([lows, highs])
        positive = values[values > 0]
        # who gave the lowest and the highest figure, and when (the first to give it, on a tie)
        by = pd.concat([sub.assign(_v=pd.to_numeric(sub["value_low"], errors="coerce")),
                        sub.assign(_v=pd.to_numeric(sub["value_high"], errors="coerce"))]).dropna(subset=["_v"])
        lo_row = by.sort_values(["_v", "_d"], kind="stable").iloc[0] if len(by) else None
        hi_row = by.sort_values(["_v", "_d"], ascending=[False, True], kind="stable").iloc[0] if len(by) else None
        rows.append(dict(
            quantity=q, unit=latest["unit"], estimates=len(sub), claimants=sub["claimant_actor_id"].nunique(),
            latest_date=latest["as_of_date"], latest_precision=latest.get("date_precision", "day"),
            latest_claimant=latest["claimant_actor_id"],
            latest_low=latest["value_low"], latest_high=latest["value_high"],
            smallest=values.min() if len(values) else None, largest=values.max() if len(values) else None,
            spread_ratio=round(float(positive.max() / positive.min()), 1) if len(positive) else None,
            smallest_claimant=None if lo_row is None else lo_row["claimant_actor_id"],
            smallest_date=None if lo_row is None else lo_row["as_of_date"],
            smallest_precision=None if lo_row is None else lo_row.get("date_precision", "day"),
            largest_claimant=None if hi_row is None else hi_row["claimant_actor_id"],
            largest_date=None if hi_row is None else hi_row["as_of_date"],
            largest_precision=None if hi_row is None else hi_row.get("date_precision", "day"),
        ))
    return pd.DataFrame(rows)


def format_bounds(low, high, lang: str = "fr") -> str:
    kind = bound_type(low, high)
    lo, hi = format_number(low, lang), format_number(high, lang)
    return {"exact": lo, "range": f"{lo}–{hi}",
            "at least": ("plus de " if lang == "fr" else "more than ") + lo,
            "at most": ("jusqu'à " if lang == "fr" else "up to ") + hi}[kind]
