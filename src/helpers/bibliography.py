"""Sources and actors as published: who cites what, and who is a warring party."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from helpers.estimates import WARRING_CAMPS
from helpers.sourcing import with_tiers
from helpers.tables import list_fields, raw_schema, split_ids


def count_citations(sources: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.Series:
    """How many rows of the other tables cite each source (through source_id or source_ids)."""
    counts: Counter = Counter()
    for name, df in frames.items():
        refs = [c for c, target in list_fields(name).items() if target == "sources"]
        refs += [fk["fields"][0] for fk in raw_schema(name).get("foreignKeys", []) if fk["reference"]["resource"] == "sources"]
        for col in refs:
            for value in df[col]:
                counts.update(set(split_ids(value)))
    return sources["source_id"].map(lambda s: counts.get(s, 0)).astype("Int64")


def build_sources(sources: pd.DataFrame, frames: dict[str, pd.DataFrame], publishers: pd.DataFrame) -> pd.DataFrame:
    """Published bibliography: citation counts, and each source's domain, tier, country and
    independence key from the publishers table."""
    out = sources.sort_values("source_id", kind="stable").reset_index(drop=True)
    out["cited_by"] = count_citations(out, {n: df for n, df in frames.items() if n != "publishers"})
    return with_tiers(out, publishers)


def build_actors(actors: pd.DataFrame) -> pd.DataFrame:
    out = actors.sort_values("actor_id", kind="stable").reset_index(drop=True)
    out["is_warring_party"] = out["camp"].isin(WARRING_CAMPS).astype("boolean")
    return out
