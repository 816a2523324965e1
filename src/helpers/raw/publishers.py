"""Who publishes each source: its domain's row in ``publishers.csv`` (tier, country) and the
story it comes from (its independence key). Validation needs it (refused domains, reprints, two
independent sources per allegation); :mod:`helpers.model.bibliography` publishes it.

A source's *domain* is looked up in ``data/raw/publishers.csv`` (the most specific listed domain
wins: ``world.kbs.co.kr`` is covered by ``kbs.co.kr``). Its *independence key* is the agency or
body its story comes from: the ``original_publisher`` for a copy (a Korea Herald copy of Yonhap
counts as Yonhap), else the curated publisher of its domain. Sources sharing a key are one
independent source.
"""
from __future__ import annotations

import urllib.parse

import pandas as pd

from helpers.raw.tables import schema

#: Tiers in the order of the bibliography summary, declared once in the publishers schema.
TIERS: tuple[str, ...] = tuple(next(f for f in schema("publishers")["fields"] if f["name"] == "tier")["constraints"]["enum"])
AGGREGATOR, REFUSED = "aggregator/reprint", "refused"
#: tiers whose documents are primary sources when they speak in their own name (not relaying another outlet)
PRIMARY_TIERS = ("primary", "research/OSINT", "state media")
#: an original_publisher starting so ('not named on the page') is unknown: the copy counts as its own source
UNNAMED = "not named"


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
    """Sources with ``domain``, ``tier``, ``publisher_country``, ``independence_key`` and ``primary``
    (published by the body whose statement, decision or report it carries: a government's or the
    UN's own site, a research group's own report, a party's state media in its own name).
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
    out["primary"] = [t in PRIMARY_TIERS and not o for t, o in zip(out["tier"], original)]
    return out
