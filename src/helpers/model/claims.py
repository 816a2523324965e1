"""The claim ledger: status of each claim of the source article, derived from its attributions
(its charts are drawn by :mod:`helpers.charts.claim_charts`).

Status rules (documented on the methodology page), applied to the attributions dated on or
before a given day:

1. No attribution yet -> ``not-yet-claimed``.
2. The claim's *settling camps* (``settled_by``: usually Russia and North Korea, whose own
   word settles a claim about what they did) are read through their latest stance: asserts,
   acknowledges or corroborates count as confirmation, a denial as denial; "declines to
   comment" counts as confirmation only for claims about the Kremlin's reticence (topic
   ``kremlin position``), and is ignored otherwise.
   Russia and/or North Korea confirming -> ``acknowledged-both`` / ``-russia`` /
   ``-north-korea``; another settling camp confirming (e.g. Western governments about their
   own concern) -> ``on-record``.
3. A settling camp that confirmed and later denied, with none confirming now -> ``disputed``.
4. Physical or documentary evidence (:data:`HARD_EVIDENCE`) from a claimant that is neither a
   party to the war nor an ally of one (the ``independent`` and ``un`` camps), or support from
   both of those camps -> ``corroborated`` ("corroborated by independent evidence").
5. Support from two or more named camps otherwise, e.g. Ukraine and its allies -> ``several-sides``
   ("asserted by several sides"): more than one voice, none of them independent.
6. Otherwise a denial by a settling camp -> ``denied``; support from one named camp ->
   ``alleged``; anonymous support only -> ``unverified``.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.core.dates import days_between_precise, latest_day
from helpers.model.bibliography import independent_count
from helpers.raw.tables import split_ids

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}

ARTICLE_DATE = dt.date(2024, 11, 4)
PARTY_CAMPS = ("russia", "north-korea")
SUPPORT = {"asserts", "acknowledges", "corroborates"}
HARD_EVIDENCE = {"imagery", "debris analysis", "prisoner testimony", "trade or shipping records", "document", "media investigation"}
EVIDENCE_RANK = {
    "imagery": 5, "debris analysis": 5, "prisoner testimony": 5, "trade or shipping records": 5, "document": 5,
    "media investigation": 4, "official statement": 3, "intelligence briefing": 2, "interview": 2, "news reporting": 2,
    "unstated": 1,
}
ACKNOWLEDGED = ("acknowledged-both", "acknowledged-russia", "acknowledged-north-korea")
#: the published verdict scale, best established first: each level is one or more statuses (rules above)
SCALE = (("acknowledged-both",), ("acknowledged-russia", "acknowledged-north-korea", "on-record"), ("corroborated",),
         ("several-sides",), ("disputed",), ("alleged", "denied"), ("unverified",), ("not-yet-claimed",))
#: status -> rating on that scale, from 1 (worst established) to len(SCALE) (best), as ClaimReview gives it
RATING = {code: len(SCALE) - i for i, level in enumerate(SCALE) for code in level}
#: the timeline categories each claim topic is about: a claim page's related events are of these
#: categories (and share a source with the claim or take place at one of its places)
_DIPLOMACY = ("diplomacy",)
TOPIC_CATEGORIES = {
    "meeting": _DIPLOMACY, "greetings": _DIPLOMACY, "ties": ("diplomacy", "treaty"), "treaty": ("treaty",),
    "shells": ("military aid",), "missiles": ("missiles", "military aid"), "troops": ("troops",),
    "military and security contacts": ("diplomacy", "military aid", "troops"), "kremlin position": _DIPLOMACY,
    "western reaction": ("diplomacy", "sanctions and UN"), "sanctions": ("sanctions and UN",),
    "escalation": ("troops", "diplomacy"), "diplomat quote": _DIPLOMACY, "condemnation": ("diplomacy", "sanctions and UN"),
}
#: camps that are neither a party to the war nor an ally of one: only they make evidence "independent"
INDEPENDENT_CAMPS = ("independent", "un")
#: the camp a state-media outlet speaks for, by its publisher's country: its reports evidence that
#: state's own position only (issue 24)
STATE_MEDIA_CAMPS = {"RU": "russia", "KP": "north-korea", "UA": "ukraine"}
#: camps each article attribution names
ATTRIBUTION_CAMPS = {
    "none": None, "unnamed many": None,
    "anonymous source close to the matter": {"anonymous"},
    "anonymous european diplomat": {"anonymous"},
    "western and ukrainian sources": {"allies", "ukraine"},
}


def confirming_stances(topic: str) -> set[str]:
    """Stances that support a claim: for the Kremlin's reticence, its refusals to comment too."""
    return set(SUPPORT) | ({"declines to comment"} if topic == "kremlin position" else set())


def date_precisions(df: pd.DataFrame) -> list[str]:
    return list(df["date_precision"]) if "date_precision" in df else ["day"] * len(df)


def _latest(df: pd.DataFrame, col: str = "date") -> pd.Series:
    """Last possible day of each date (a month-precision date is not read as the 1st)."""
    return pd.Series([latest_day(str(d)[:10], p) for d, p in zip(df[col], date_precisions(df))], index=df.index, dtype=object)


def _ordered(att: pd.DataFrame) -> pd.DataFrame:
    """Chronological by last possible day; at equal days, day-precision rows first; then id."""
    return att.assign(_d=_latest(att), _p=[PRECISION_ORDER[p] for p in date_precisions(att)]).sort_values(
        ["_d", "_p", "attribution_id"], kind="stable").drop(columns="_p")


def derive_status(att: pd.DataFrame, settled_by: list[str] | tuple[str, ...] = PARTY_CAMPS,
                  topic: str = "", as_of: dt.date | None = None) -> str:
    """Status of one claim from its attributions (columns: attribution_id, date, stance,
    claimant_camp, evidence_type), counting those dated on or before ``as_of``."""
    if as_of is not None:
        att = att[_latest(att) <= as_of]
    if att.empty:
        return "not-yet-claimed"
    att = _ordered(att)
    confirms = confirming_stances(topic)
    confirming, denied_after_confirming, denying = [], [], []
    for camp in settled_by:
        own = att[(att["claimant_camp"] == camp) & att["stance"].isin(confirms | {"denies"})]
        if own.empty:
            continue
        latest = own.iloc[-1]["stance"]
        if latest in confirms:
            confirming.append(camp)
        else:
            denying.append(camp)
            if own["stance"].isin(confirms).any():
                denied_after_confirming.append(camp)
    parties = [c for c in PARTY_CAMPS if c in confirming]
    if len(parties) == 2:
        return "acknowledged-both"
    if parties:
        return f"acknowledged-{parties[0]}"
    if confirming:
        return "on-record"
    if denied_after_confirming:
        return "disputed"
    support = att[att["stance"].isin(SUPPORT) & ~att["claimant_camp"].isin(settled_by)]
    named = support[support["claimant_camp"] != "anonymous"]
    independent = named[named["claimant_camp"].isin(INDEPENDENT_CAMPS)]
    if not independent[independent["evidence_type"].isin(HARD_EVIDENCE)].empty or \
            set(INDEPENDENT_CAMPS) <= set(independent["claimant_camp"]):
        return "corroborated"
    if named["claimant_camp"].nunique() >= 2:
        return "several-sides"
    if denying:
        return "denied"
    if not named.empty:
        return "alleged"
    return "unverified" if not support.empty else "not-yet-claimed"


def first_acknowledgement(att: pd.DataFrame, settled_by=PARTY_CAMPS, topic: str = "") -> tuple[str, str] | None:
    """(date, precision) of the attribution with which the status became an acknowledgement by
    Russia or North Korea; a month-precision attribution counts from the end of its month."""
    latest = _latest(att)
    for d in sorted(set(latest)):
        if derive_status(att, settled_by, topic, as_of=d) in ACKNOWLEDGED:
            tipping = _ordered(att[latest == d]).iloc[0]
            return str(tipping["date"])[:10], tipping.get("date_precision", "day")
    return None


def restricted_sources(sources: pd.DataFrame) -> dict[str, str]:
    """{source_id: the one camp whose own position it may evidence} for sources that cannot be the
    strongest evidence of what another party did: a party's state media speak for that state
    only; a partisan outlet for no one (''). ``sources`` carries ``tier`` and ``publisher_country``
    (:func:`helpers.raw.publishers.with_tiers`)."""
    out = {}
    for sid, tier, country in zip(sources["source_id"], sources["tier"], sources["publisher_country"]):
        if tier == "state media":
            out[sid] = STATE_MEDIA_CAMPS.get(country or "", "")
        elif tier == "partisan outlet":
            out[sid] = ""
    return out


def strongest(att: pd.DataFrame, settled_by=PARTY_CAMPS, restricted: dict[str, str] | None = None) -> pd.Series | None:
    """The strongest supporting attribution: an acknowledgement by a settling camp, then hard
    evidence, then official statements...; ties go to the earliest. A source in ``restricted``
    (:func:`restricted_sources`) counts only for its own camp's statements."""
    support = att[att["stance"].isin(SUPPORT)]
    if restricted:
        support = support[[restricted.get(s, c) == c for s, c in zip(support["source_id"], support["claimant_camp"])]]
    if support.empty:
        return None
    ranked = support.assign(
        _rank=[10 if (s == "acknowledges" and c in settled_by) else EVIDENCE_RANK.get(e, 0)
               for s, c, e in zip(support["stance"], support["claimant_camp"], support["evidence_type"])],
        _d=_latest(support),
    ).sort_values(["_rank", "_d", "attribution_id"], ascending=[False, True, True], kind="stable")
    return ranked.iloc[0]


def enrich_attributions(att: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Add the claimant's camp and type from the actors table."""
    a = actors.set_index("actor_id")
    out = att.copy()
    out["claimant_camp"] = out["claimant_actor_id"].map(a["camp"])
    out["claimant_type"] = out["claimant_actor_id"].map(a["actor_type"])
    return out.sort_values(["claim_id", "date", "attribution_id"], kind="stable").reset_index(drop=True)


def largest_estimate(estimates: pd.DataFrame, quantities: list[str], as_of: dt.date) -> float | None:
    """The largest bound (low or high) among estimates of these quantities dated on or before ``as_of``."""
    if estimates is None or not quantities:
        return None
    sub = estimates[estimates["quantity"].isin(quantities)]
    sub = sub[_latest(sub, "as_of_date") <= as_of]  # a figure dated 'November 2024' is not known on 4 November
    values = pd.concat([pd.to_numeric(sub["value_low"], errors="coerce"), pd.to_numeric(sub["value_high"], errors="coerce")]).dropna()
    return None if values.empty else float(values.max())


def build_claims(claims: pd.DataFrame, att: pd.DataFrame, article_date: dt.date = ARTICLE_DATE,
                 estimates: pd.DataFrame | None = None, independence: dict[str, str] | None = None,
                 restricted: dict[str, str] | None = None) -> pd.DataFrame:
    """Claims with first claim, status at publication and today, acknowledgement, audit fields and,
    where the article gives a figure, whether estimates available on its date supported it.
    ``att`` must already carry ``claimant_camp`` (see :func:`enrich_attributions`); ``restricted``
    (:func:`restricted_sources`) keeps state media and partisan outlets from being the strongest
    evidence about another party."""
    rows = []
    for _, c in claims.iterrows():
        settled = split_ids(c.get("settled_by", "")) or list(PARTY_CAMPS)
        mine = att[att["claim_id"] == c["claim_id"]]
        row = c.to_dict()
        row["attribution_count"] = len(mine)
        row["independent_source_count"] = independent_count(list(mine["source_id"]), independence or {})
        support = _ordered(mine[mine["stance"].isin(confirming_stances(c["topic"]))]) if not mine.empty else mine
        first = support.iloc[0] if not support.empty else None
        row["first_claimed"] = first["date"] if first is not None else None
        row["first_claimed_precision"] = first.get("date_precision", "day") if first is not None else None
        row["first_claimant_actor_id"] = first["claimant_actor_id"] if first is not None else None
        row["earliest_camp"] = first["claimant_camp"] if first is not None else None
        row["status_at_publication"] = derive_status(mine, settled, c["topic"], as_of=article_date)
        row["status_today"] = derive_status(mine, settled, c["topic"])
        ack = first_acknowledgement(mine, settled, c["topic"]) if not mine.empty else None
        row["acknowledged_on"], row["acknowledged_on_precision"] = ack if ack else (None, None)
        row["days_to_acknowledgement"] = (days_between_precise(row["first_claimed"], row["first_claimed_precision"], *ack)
                                          if ack and row["first_claimed"] else None)
        best = strongest(mine, settled, restricted)
        row["strongest_evidence_type"] = None if best is None else ("acknowledgement" if best["_rank"] == 10 else best["evidence_type"])
        row["strongest_source_id"] = None if best is None else best["source_id"]
        camps = ATTRIBUTION_CAMPS[c["article_attribution"]]
        row["attribution_matches_earliest"] = None if camps is None or first is None else first["claimant_camp"] in camps
        row["attribution_matches_strongest"] = None if camps is None or best is None else best["claimant_camp"] in camps
        largest = largest_estimate(estimates, split_ids(c.get("article_quantities", "")), article_date)
        minimum = c.get("article_min")
        has_min = minimum is not None and not pd.isna(minimum) and minimum != ""
        row["largest_estimate_at_publication"] = largest
        row["magnitude_supported_at_publication"] = (None if not has_min else (largest is not None and largest >= float(minimum)))
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in ("attribution_matches_earliest", "attribution_matches_strongest", "magnitude_supported_at_publication"):
        out[col] = out[col].astype("boolean")
    for col in ("days_to_acknowledgement", "attribution_count", "independent_source_count"):
        out[col] = out[col].astype("Int64")
    return out


def status_history(claims: pd.DataFrame, att: pd.DataFrame) -> pd.DataFrame:
    """Every change of each claim's derived status: one row per (claim, date) on which the status
    at the end of the day differs from the day before, with the attribution that changed it
    (of that day's attributions, in id order, the first after which the day's final status holds).
    ``att`` must carry ``claimant_camp`` (see :func:`enrich_attributions`)."""
    rows = []
    for _, c in claims.iterrows():
        settled = split_ids(c.get("settled_by", "")) or list(PARTY_CAMPS)
        mine = att[att["claim_id"] == c["claim_id"]]
        if mine.empty:
            continue
        mine = _ordered(mine)
        previous = "not-yet-claimed"
        for day in sorted(mine["_d"].unique()):
            before, today = mine[mine["_d"] < day], mine[mine["_d"] == day]
            status = derive_status(pd.concat([before, today]), settled, c["topic"])
            if status == previous:
                continue
            cause = today.iloc[-1]
            for k in range(len(today)):
                if derive_status(pd.concat([before, today.iloc[:k + 1]]), settled, c["topic"]) == status:
                    cause = today.iloc[k]
                    break
            rows.append({"claim_id": c["claim_id"], "date": cause["date"], "status": status, "previous_status": previous,
                         "attribution_id": cause["attribution_id"], "claimant_actor_id": cause["claimant_actor_id"],
                         "source_id": cause["source_id"]})
            previous = status
    cols = ["claim_id", "date", "status", "previous_status", "attribution_id", "claimant_actor_id", "source_id"]
    return pd.DataFrame(rows, columns=cols)
