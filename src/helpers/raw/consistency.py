"""Rules that tie the tables together beyond their references: dates that must be possible, and
ids that meet in one place.

* **Dates that must be possible.** A statement (``claim_sources.date``), an estimate
  (``estimates.as_of_date``) or a satellite image (``site_imagery.date``) cannot be later than
  the publication of the source that reports it, nor of the original cited beside it; an event cannot be later than the latest of its
  sources unless ``date_note`` explains why (a date announced in advance). Dates are compared
  with their precision: a month-dated source allows any day of its month, a statement dated to
  the month is placed at the month's first day. Undated sources are not compared.
* **Ids that meet in one place.** A route path lists places and waypoints in one column, so a
  ``place_id`` must not also be a ``waypoint_id``; ``corrections.field`` names columns of the
  table the correction is about (or a table whose rows refer to it, for a removed row).

Every rule returns ``(table, index, column, reason)`` tuples; the row in the file is ``index + 2``.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.core.dates import latest_day, period
from helpers.raw import tables

#: table -> (date column, precision column or None): rows dated no later than their source
REPORTED = {"claim_sources": ("date", "date_precision"), "estimates": ("as_of_date", "date_precision"),
            "site_imagery": ("date", None)}


def _start(value: str, precision: str | None) -> dt.date | None:
    try:
        return period(value, precision or "day")[0]
    except (ValueError, TypeError, KeyError):
        return None  # a malformed date or precision is reported by the cell rules


def _published(sources: pd.DataFrame) -> dict[str, dt.date]:
    """{source_id: last day its publication date can mean}, for dated sources."""
    out = {}
    for sid, value, precision in zip(sources["source_id"], sources["published_date"], sources["date_precision"]):
        if value:
            try:
                out[sid] = latest_day(value, precision or "day")
            except (ValueError, TypeError, KeyError):
                continue
    return out


def date_problems(frames: dict[str, pd.DataFrame]) -> list[tuple[str, int, str, str]]:
    sources = frames.get("sources")
    if sources is None:
        return []
    published = _published(sources)
    out = []
    for name, (col, prec) in REPORTED.items():
        df = frames.get(name)
        if df is None:
            continue
        for idx, row in df.iterrows():
            start = _start(row[col], row[prec] if prec else None)
            for ref in ("source_id", "original_source_id"):  # the report and the original alike
                last = published.get(row.get(ref, ""))
                if start and last and start > last:
                    out.append((name, idx, col, f"{row[col]} is after the publication of its source '{row[ref]}' "
                                                f"({last.isoformat()}): a source cannot report what had not happened; "
                                                "check the date, or cite the source that reports it"))
    timeline = frames.get("timeline")
    if timeline is not None:
        for idx, row in timeline.iterrows():
            lasts = [published[s] for s in tables.split_ids(row["source_ids"]) if s in published]
            start = _start(row["date"], row["date_precision"])
            if lasts and start and start > max(lasts) and not row["date_note"]:
                out.append(("timeline", idx, "date", f"{row['date']} is after the publication of every source of the event "
                                                     f"(latest {max(lasts).isoformat()}); check the date, or explain it in date_note"))
    return out


def id_problems(frames: dict[str, pd.DataFrame]) -> list[tuple[str, int, str, str]]:
    out = []
    places, waypoints = frames.get("places"), frames.get("waypoints")
    if places is not None and waypoints is not None:
        place_ids = set(places["place_id"])
        for idx, wid in waypoints["waypoint_id"].items():
            if wid in place_ids:
                out.append(("waypoints", idx, "waypoint_id", f"'{wid}' is also a place_id; route paths list both in one "
                                                             "column, so the ids must differ"))
    corrections = frames.get("corrections")
    if corrections is not None:
        for idx, row in corrections.iterrows():
            if row["table"] not in tables.TABLES:
                continue  # reported by the schema's enum
            allowed = set(tables.field_names(row["table"], raw=True)) | referring_tables(row["table"])
            for name in tables.split_ids(row["field"]):
                if name not in allowed:
                    out.append(("corrections", idx, "field", f"'{name}' is not a column of data/raw/{row['table']}.csv "
                                                             "(nor a table whose rows refer to it)"))
    return out


def referring_tables(name: str) -> set[str]:
    """Tables with a reference to ``name`` (a correction that removed one of their rows names them)."""
    out = set()
    for other in tables.TABLES:
        s = tables.raw_schema(other)
        refs = {fk["reference"]["resource"] for fk in s.get("foreignKeys", [])} | set(tables.list_fields(other).values())
        if name in refs:
            out.add(other)
    return out
