"""Source quality: the tier of each source's domain, who a copy comes from, independent-source
counts and the bibliography summary shown on the methodology pages.

A source's *domain* is looked up in ``data/raw/publishers.csv`` (the most specific listed domain
wins: ``world.kbs.co.kr`` is covered by ``kbs.co.kr``). Its *independence key* is the agency or
body its story comes from: the ``original_publisher`` for a copy (a Korea Herald copy of Yonhap
counts as Yonhap), else the curated publisher of its domain. Sources sharing a key are one
independent source.
"""
from __future__ import annotations

import urllib.parse

import pandas as pd

from helpers.tables import schema, split_ids

#: Tiers in the order of the bibliography summary, declared once in the publishers schema.
TIERS: tuple[str, ...] = tuple(next(f for f in schema("publishers")["fields"] if f["name"] == "tier")["constraints"]["enum"])
AGGREGATOR, REFUSED = "aggregator/reprint", "refused"
#: an original_publisher starting so ('not named on the page') is unknown: the copy counts as its own source
UNNAMED = "not named"
#: Targets of issue 12, printed in notebook 01 and asserted in tests/test_bibliography_targets.py.
TARGETS = {"refused": 0, "aggregator_share_max": 0.03, "titles_share_min": 0.95, "dates_share_min": 0.95}


def host_of(url: str) -> str:
    """Host of a URL, lower case, without a leading 'www.' and without a port."""
    host = (urllib.parse.urlsplit(str(url)).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def domain_of(host: str, domains) -> str | None:
    """The most specific listed domain covering ``host`` (itself or a parent), else None."""
    known = set(domains)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in known:
            return candidate
    return None


#: names of one agency or body written in several ways (after lower-casing, qualifiers removed)
ALIASES = {"associated press": "ap", "agence france-presse": "afp", "yonhap news agency": "yonhap", "kyodo news": "kyodo",
           "kyodo news agency": "kyodo", "tass news agency": "tass", "ria novosti": "ria", "kuwait news agency": "kuna",
           "korean central news agency": "kcna", "interfax news agency": "interfax",
           "csis": "center for strategic and international studies", "csis beyond parallel": "center for strategic and international studies"}


def normalise(name: str) -> str:
    """Independence key of a publisher name: lower case, without 'The', a parenthesised or
    'via ...' qualifier and known aliases ('Yonhap News Agency (Seoul)' -> 'yonhap')."""
    text = str(name).split(" via ")[0].split(" (")[0].replace("The ", "")
    key = " ".join(text.split()).casefold()
    return ALIASES.get(key, key)


def with_tiers(sources: pd.DataFrame, publishers: pd.DataFrame) -> pd.DataFrame:
    """Sources with ``domain``, ``tier``, ``publisher_country`` and ``independence_key``.
    A domain missing from the publishers table leaves those fields empty (validation reports it)."""
    pub = publishers.set_index("domain")
    out = sources.copy()
    out["domain"] = [domain_of(host_of(u), pub.index) for u in out["url"]]
    out["tier"] = out["domain"].map(pub["tier"])
    out["publisher_country"] = out["domain"].map(pub["country"]).replace("", None)
    curated = out["domain"].map(pub["publisher"]).fillna(out["publisher"])
    original = out["original_publisher"].fillna("")
    known = [o if o and not o.casefold().startswith(UNNAMED) else "" for o in original]
    out["independence_key"] = [normalise(o if o else c) for o, c in zip(known, curated)]
    return out


def independent_count(source_ids, keys: dict[str, str]) -> int:
    """Number of independent sources among ``source_ids`` (';'-list or list): copies of one
    original count once. ``keys`` maps source_id to its independence key."""
    ids = split_ids(source_ids) if isinstance(source_ids, str) else list(source_ids)
    return len({keys.get(i, i) for i in ids})


def source_label(row, lang: str = "fr") -> str:
    """'Korea Herald (d'après Yonhap) · média établi': publisher, original and tier (plain text)."""
    from helpers.style import t

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
    """Counts by tier, type and language; shares of primary and wire sources, of aggregators,
    of rows with a title and with a publication date. ``sources`` must carry ``tier``."""
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
        "primary_share": share(int(by_tier["primary"])),
        "wire_share": share(int(by_tier["wire"])),
        "primary_or_wire_share": share(int(by_tier["primary"] + by_tier["wire"])),
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
    }


def summary_table(summary: dict, lang: str = "fr") -> pd.DataFrame:
    """The tier counts as a two-column table with FR/EN labels (for the methodology pages)."""
    from helpers.style import t

    n = summary["sources"] or 1
    rows = [(t("tier:" + k, lang), v, round(100 * v / n, 1)) for k, v in summary["by_tier"].items()]
    head = {"fr": ("Rang", "Sources", "Part (%)"), "en": ("Tier", "Sources", "Share (%)")}[lang]
    return pd.DataFrame(rows, columns=list(head))
