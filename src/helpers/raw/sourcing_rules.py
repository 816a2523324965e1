"""Sourcing rules of the desk (issue 12), checked on the raw tables by :func:`helpers.raw.validate.validate_raw`.

* Every source's domain is listed in ``publishers.csv``; a ``refused`` domain (content farm,
  wiki mirror, AI rewrite) is never cited.
* A source on an ``aggregator/reprint`` domain names its ``original_publisher`` and says in
  ``notes`` why the original could not be cited (the note must mention the original).
* Dates carry their precision (``day``/``month``/``year``) in sources, attributions and
  estimates: a month is written as its 1st, a year as 1 January; a source with a date needs
  its precision, one without a date has none.
* An allegation of the timeline rests on at least two *independent* sources: copies of one
  original story count once.
* URLs carry no explicit port.
* Every source shows a title: its headline (``title_kind`` ``headline``, never in brackets) or a
  title devised by the desk in square brackets (``devised``); a title in a language other than
  French and English has its French and English translations (``title_fr``, ``title_en``), and
  only then.
* A source's type fits its publisher: ``state media`` exactly on the state-media tier; an
  ``official statement`` or a ``UN document`` on a primary domain (a news site is not an official
  statement).
* A statement's original (``original_source_id``) is another source than its report; a media
  outlet, an OSINT group or a think tank does not make official statements or intelligence
  briefings (name the official who did, or say ``news reporting``).
"""
from __future__ import annotations

import urllib.parse

import pandas as pd

from helpers.raw.problems import Problem
from helpers.raw.publishers import AGGREGATOR, REFUSED, host_of, with_tiers
from helpers.raw.tables import split_ids

#: table -> (date column, precision column) checked like the timeline's
PRECISION_COLUMNS = {"sources": ("published_date", "date_precision"), "claim_sources": ("date", "date_precision"),
                     "estimates": ("as_of_date", "date_precision")}  # the timeline's own rule is in validate.py
ALLEGATION_STATUSES = ("alleged", "denied", "acknowledged")
STATE_MEDIA, PRIMARY = "state media", "primary"
#: source types only the issuing body's own site carries
OFFICIAL_TYPES = ("official statement", "UN document")
#: claimants who report or investigate, and the evidence only officials give
REPORTING_CLAIMANTS = ("independent media", "OSINT group", "think tank")
OFFICIALS_ONLY = ("official statement", "intelligence briefing")
BILINGUAL = ("fr", "en")


def precision_problem(value: str, precision: str, required: bool = True) -> tuple[str, str] | None:
    """(column kind, reason) when a date and its precision disagree; None when they fit."""
    if not value:
        return ("precision", "a date precision without a date; leave it empty") if precision else None
    if not precision:
        return ("precision", "the date needs its precision: day, month or year") if required else None
    if precision == "month" and not value.endswith("-01"):
        return "date", "a month-precision date must be written as the first day of the month (YYYY-MM-01)"
    if precision == "year" and not value[4:] == "-01-01":
        return "date", "a year-precision date must be written as 1 January (YYYY-01-01)"
    return None


def check(frames: dict[str, pd.DataFrame], rels: dict[str, str]) -> list[Problem]:
    """Every sourcing problem of the raw tables ``frames`` (``rels``: each table's path, for the messages)."""
    out = []

    def add(name: str, idx, col: str, reason: str) -> None:
        out.append(Problem(rels[name], int(idx) + 2, col, reason))

    for name, (date_col, prec_col) in PRECISION_COLUMNS.items():
        df = frames.get(name)
        if df is None or prec_col not in df or date_col not in df:
            continue
        for idx, (value, precision) in zip(df.index, zip(df[date_col], df[prec_col])):
            found = precision_problem(value, precision)
            if found:
                add(name, idx, date_col if found[0] == "date" else prec_col, found[1])

    sources, publishers = frames.get("sources"), frames.get("publishers")
    if sources is None:
        return out
    for idx, url in sources["url"].items():
        try:
            port = urllib.parse.urlsplit(url).port
        except ValueError:
            port = None  # reported by the URL rule
        if port is not None:
            add("sources", idx, "url", f"URL carries an explicit port (:{port}); cite the address without it")
    if publishers is None or publishers["domain"].duplicated().any():
        return out  # a domain listed twice is reported by the schema (unique key); tiers need one row per domain
    tiers = with_tiers(sources, publishers)
    for idx, row in tiers.iterrows():
        if pd.isna(row["domain"]):
            add("sources", idx, "url", f"domain '{host_of(row['url'])}' is not in data/raw/publishers.csv; add it with its tier")
            continue
        if row["tier"] == REFUSED:
            add("sources", idx, "url", f"'{row['domain']}' is a refused domain (content farm, wiki mirror or AI rewrite): "
                                       "cite the original instead, or drop the source")
        elif row["tier"] == AGGREGATOR:
            if not row["original_publisher"]:
                add("sources", idx, "original_publisher", f"'{row['domain']}' is an aggregator/reprint: name the original publisher")
            if "original" not in row["notes"].lower():
                add("sources", idx, "notes", "an aggregator/reprint row needs a note saying why the original could not be cited "
                                             "(mention the original)")
        if row["source_type"] == STATE_MEDIA and row["tier"] != STATE_MEDIA:
            add("sources", idx, "source_type", f"'{row['domain']}' is not a state-media domain (tier {row['tier']}): "
                                               "a report of state media is a news report naming its original_publisher")
        if row["tier"] == STATE_MEDIA and row["source_type"] != STATE_MEDIA:
            add("sources", idx, "source_type", f"'{row['domain']}' is state media: its documents are typed 'state media'")
        if row["source_type"] in OFFICIAL_TYPES and row["tier"] != PRIMARY:
            add("sources", idx, "source_type", f"'{row['source_type']}' is for the issuing body's own site; '{row['domain']}' "
                                               f"is {row['tier']}: type it as what it is (a news report of the statement)")
    out += [Problem(rels["sources"], int(idx) + 2, col, why) for idx, col, why in title_problems(sources)]
    out += attribution_problems(frames, rels)
    keys = dict(zip(tiers["source_id"], tiers["independence_key"]))
    timeline = frames.get("timeline")
    if timeline is not None:
        for idx, row in timeline.iterrows():
            if row["status"] not in ALLEGATION_STATUSES:
                continue
            known = [i for i in split_ids(row["source_ids"]) if i in keys]
            independent = {keys[i] for i in known}
            if len(independent) < 2:
                add("timeline", idx, "source_ids", f"an allegation needs at least two independent sources (copies of one original "
                                                   f"count once); found {len(independent)}")
    return out



def title_problems(sources: pd.DataFrame) -> list[tuple[int, str, str]]:
    """A headline as shown, a devised title in brackets, translations for other languages."""
    out = []
    for idx, row in sources.iterrows():
        title, kind = row["title"], row["title_kind"]
        bracketed = title.startswith("[") and title.endswith("]")
        if kind == "devised" and title and not bracketed:
            out.append((idx, "title", "a devised title is written in square brackets, [like this]"))
        if kind == "headline" and bracketed:
            out.append((idx, "title_kind", "a title in square brackets is one the desk devised: title_kind 'devised'"))
        other = row["language"] not in BILINGUAL
        for col in ("title_fr", "title_en"):
            if other and title and not row[col]:
                out.append((idx, col, f"a title in '{row['language']}' needs its translation in {col}"))
            if not other and row[col]:
                out.append((idx, col, f"a title in '{row['language']}' is shown as it is: leave {col} empty"))
    return out


def attribution_problems(frames: dict[str, pd.DataFrame], rels: dict[str, str]) -> list[Problem]:
    """An original is another source; reporters and investigators do not issue official statements."""
    out = []
    actors = frames.get("actors")
    kinds = dict(zip(actors["actor_id"], actors["actor_type"])) if actors is not None else {}
    for name in ("claim_sources", "estimates"):
        df = frames.get(name)
        if df is None or "original_source_id" not in df:
            continue
        for idx, row in df.iterrows():
            if row["original_source_id"] and row["original_source_id"] == row["source_id"]:
                out.append(Problem(rels[name], int(idx) + 2, "original_source_id",
                                   "the original is the cited source itself: leave original_source_id empty"))
            if name == "claim_sources" and kinds.get(row["claimant_actor_id"]) in REPORTING_CLAIMANTS \
                    and row["evidence_type"] in OFFICIALS_ONLY:
                out.append(Problem(rels[name], int(idx) + 2, "evidence_type",
                                   f"'{row['claimant_actor_id']}' is {kinds[row['claimant_actor_id']]}: it does not issue an "
                                   f"{row['evidence_type']}; name the official as the claimant, or use 'news reporting'"))
    return out
