"""The published timeline: events in order, with their source counts (all, and independent)."""
from __future__ import annotations

import pandas as pd

from helpers.core.dates import parse_date
from helpers.model.bibliography import independent_count
from helpers.raw.tables import schema, split_ids

#: Event categories in the order of the schema's enum (the chart's lanes, the tables' columns).
CATEGORIES: tuple[str, ...] = tuple(next(f for f in schema("timeline")["fields"] if f["name"] == "category")["constraints"]["enum"])
MEETING_DATE = "2024-11-04"


def sort_events(df: pd.DataFrame) -> pd.DataFrame:
    """Chronological; day-precision events before month-precision ones sharing the date; then id."""
    key = df.assign(_d=[parse_date(d, p) for d, p in zip(df["date"], df["date_precision"])],
                    _p=df["date_precision"].map({"day": 0, "month": 1, "year": 2}))
    return key.sort_values(["_d", "_p", "event_id"], kind="stable").drop(columns=["_d", "_p"]).reset_index(drop=True)


def build_timeline(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Published timeline: sorted, with year, source counts (all, and independent: copies of one
    original count once; ``sources`` must carry ``independence_key``) and source URLs."""
    urls = dict(zip(sources["source_id"], sources["url"]))
    keys = dict(zip(sources["source_id"], sources["independence_key"]))
    out = sort_events(events)
    out["year"] = [int(d[:4]) for d in out["date"]]
    out["source_count"] = [len(split_ids(s)) for s in out["source_ids"]]
    out["independent_source_count"] = [independent_count(s, keys) for s in out["source_ids"]]
    out["source_urls"] = [" | ".join(urls[i] for i in split_ids(s)) for s in out["source_ids"]]
    return out


def counts_by_year_and_category(timeline: pd.DataFrame) -> pd.DataFrame:
    table = pd.crosstab(timeline["year"], timeline["category"]).reindex(columns=[c for c in CATEGORIES if c in set(timeline["category"])])
    table["total"] = table.sum(axis=1)
    return table
