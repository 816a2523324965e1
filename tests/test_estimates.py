"""Bounds, open intervals, unit consistency and the computed summary."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.model.estimates import QUANTITY_UNITS, bound_type, check_units, format_bounds, summary
from helpers.raw.tables import schema


def test_bound_types():
    assert bound_type(10000, 10000) == "exact"
    assert bound_type(10000, 12000) == "range"
    assert bound_type(10000, None) == "at least"
    assert bound_type(pd.NA, 12000) == "at most"
    with pytest.raises(ValueError, match="above high"):
        bound_type(5, 4)
    with pytest.raises(ValueError, match="at least one bound"):
        bound_type(None, float("nan"))


def test_open_bounds_are_worded():
    assert format_bounds(10000, None, "en") == "more than 10,000"
    assert format_bounds(None, 12000, "fr") == "jusqu'à 12\u202f000"
    assert format_bounds(10000, 12000, "en") == "10,000–12,000"


def test_units_are_declared_once_in_the_schema():
    field = next(f for f in schema("estimates")["fields"] if f["name"] == "quantity")
    assert set(field["constraints"]["enum"]) == set(QUANTITY_UNITS)
    assert "killed" in QUANTITY_UNITS and "killed and wounded" in QUANTITY_UNITS


def test_check_units_flags_mixed_units():
    df = pd.DataFrame({"quantity": ["killed", "killed"], "unit": ["people", "shells"]})
    assert check_units(df) == ["killed: people, shells"]
    assert check_units(df.iloc[:1]) == []


def frame(rows):
    return pd.DataFrame([{"estimate_id": f"es-{i:03d}", "quantity": q, "value_low": lo, "value_high": hi,
                          "unit": QUANTITY_UNITS[q], "as_of_date": d, "claimant_actor_id": c}
                         for i, (q, lo, hi, d, c) in enumerate(rows)])


def test_summary_latest_and_spread():
    df = frame([("troops deployed", 1500, 1500, "2024-10-18", "kr-nis"),
                ("troops deployed", 10000, 12000, "2024-10-28", "us-dod"),
                ("troops deployed", 11000, None, "2024-12-01", "ua-gur"),
                ("killed", 600, 600, "2025-04-30", "kr-nis")])
    s = summary(df).set_index("quantity")
    assert s.loc["troops deployed", "latest_claimant"] == "ua-gur"
    assert s.loc["troops deployed", "latest_low"] == 11000 and pd.isna(s.loc["troops deployed", "latest_high"])
    assert s.loc["troops deployed", "spread_ratio"] == 8.0  # 12000 / 1500
    assert s.loc["troops deployed", "claimants"] == 3
    assert s.loc["killed", "estimates"] == 1


values = st.one_of(st.none(), st.integers(min_value=0, max_value=10**8))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(QUANTITY_UNITS)), values, values,
                          st.dates().map(lambda d: d.isoformat()), st.sampled_from(["a", "b", "c"])), min_size=1, max_size=20))
def test_summary_properties(rows):
    rows = [(q, lo, hi, d, c) for q, lo, hi, d, c in rows if not (lo is None and hi is None) and (lo is None or hi is None or lo <= hi)]
    if not rows:
        return
    df = frame(rows)
    s = summary(df)
    assert set(s["quantity"]) == set(df["quantity"])
    assert s["estimates"].sum() == len(df)
    for _, r in s.iterrows():
        if r["spread_ratio"] is not None and not (isinstance(r["spread_ratio"], float) and math.isnan(r["spread_ratio"])):
            assert r["spread_ratio"] >= 1
        assert r["smallest"] <= r["largest"]
