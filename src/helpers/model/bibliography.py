"""Sources and actors as published: who cites what, how many independent sources back a row, who
is a warring party, how each source is labelled for readers, and the bibliography summary of
the methodology pages (with the sourcing targets of issue 12).

Tiers and independence keys come from :mod:`helpers.raw.publishers` (validation needs them
too); copies of one original story share a key and count once.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from helpers.core.labels import t
from helpers.raw.publishers import AGGREGATOR, REFUSED, TIERS, with_tiers
from helpers.raw.tables import list_fields, raw_schema, split_ids

#: Camps whose statements and figures are those of a party to the war.
WARRING_CAMPS = ("russia", "north-korea", "ukraine")
#: Targets of issue 12, printed in notebook 01 and asserted in tests/test_bibliography_targets.py.
TARGETS = {"refused": 0, "aggregator_share_max": 0.03, "titles_share_min": 1.0, "dates_share_min": 0.95,
           "primary_share_min": 0.15, "korean_or_russian_min": 20}


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


def independent_count(source_ids, keys: dict[str, str]) -> int:
    """Number of independent sources among ``source_ids`` (';'-list or list): copies of one
    original count once. ``keys`` maps source_id to its independence key."""
    ids = split_ids(source_ids) if isinstance(source_ids, str) else list(source_ids)
    return len({keys.get(i, i) for i in ids})


def source_label(row, lang: str = "fr") -> str:
    """'Korea Herald (d'après Yonhap) · média établi': publisher, original and tier (plain text)."""
    text = str(row["publisher"])
    original = row.get("original_publisher") or ""
    if original and original.casefold() not in text.casefold():
        named = t("org:" + original, lang)  # institutions have a French name in the catalogue
        text += f" ({t('after-original', lang)} {original if named.startswith('org:') else named})"
    tier = row.get("tier")
    if isinstance(tier, str) and tier:
        text += f" · {t('tier:' + tier, lang)}"
    return text


def source_labels(sources: pd.DataFrame, lang: str = "fr") -> dict[str, str]:
    """{source_id: label} for hovers and tables."""
    return {r["source_id"]: source_label(r, lang) for _, r in sources.iterrows()}


def bibliography_summary(sources: pd.DataFrame) -> dict:
    """Counts by tier, type, language and kind of title; shares of primary sources (the ``primary``
    column, :func:`helpers.raw.publishers.with_tiers`), wire sources, aggregators, rows with a
    title and with a publication date. ``sources`` must carry ``tier`` and ``primary``."""
    n = len(sources)
    share = (lambda k: round(k / n, 4)) if n else (lambda k: 0.0)
    untitled = int((sources["title"].fillna("") == "").sum())
    undated = int((sources["published_date"].fillna("").astype(str) == "").sum())
    by_tier = sources["tier"].value_counts().reindex(list(TIERS), fill_value=0)
    return {
        "sources": n,
        "by_tier": {k: int(v) for k, v in by_tier.items()},
        "by_type": {k: int(v) for k, v in sources["source_type"].value_counts().sort_index().items()},
        "by_language": {k: int(v) for k, v in sources["language"].value_counts().sort_index().items()},
        "reprints": int((sources["original_publisher"].fillna("") != "").sum()),
        "primary": int(sources["primary"].fillna(False).astype(bool).sum()),
        "primary_share": share(int(sources["primary"].fillna(False).astype(bool).sum())),
        "wire_share": share(int(by_tier["wire"])),
        "by_title_kind": {k: int(v) for k, v in sources["title_kind"].fillna("").replace("", "none").value_counts().sort_index().items()},
        "korean_or_russian": int(sources["language"].isin(["ko", "ru"]).sum()),
        "refused": int(by_tier[REFUSED]),
        "aggregator_share": share(int(by_tier[AGGREGATOR])),
        "untitled": untitled, "undated": undated,
        "titles_share": share(n - untitled),
        "dates_share": share(n - undated),
    }


def target_checks(summary: dict) -> dict[str, bool]:
    """Which targets of issue 12 the bibliography meets."""
    return {
        "refused": summary["refused"] <= TARGETS["refused"],
        "aggregator_share": summary["aggregator_share"] <= TARGETS["aggregator_share_max"],
        "titles_share": summary["titles_share"] >= TARGETS["titles_share_min"],
        "dates_share": summary["dates_share"] >= TARGETS["dates_share_min"],
        "primary_share": summary["primary_share"] >= TARGETS["primary_share_min"],
        "korean_or_russian": summary["korean_or_russian"] >= TARGETS["korean_or_russian_min"],
    }
