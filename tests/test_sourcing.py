"""Source tiers, reprints, date precision and independent-source counts (issue 12).

Validation is exercised on real copies of the project, broken the way an editor would break
them; the precision rules on the real derivation functions.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import ROOT, run_cli
from test_hostile_input import _rows, _write
from helpers.model.claims import build_claims, derive_status, largest_estimate
from helpers.core.dates import chart_date, days_between_precise, format_date, latest_day, parse_date
from helpers.raw.publishers import TIERS, domain_of, host_of, with_tiers
from helpers.model.bibliography import bibliography_summary, independent_count, source_label
from helpers.raw.tables import read_table
from helpers.raw.validate import validate_raw


def _edit(root, table, row_id, **values):
    """Set columns of one row (by its id in the first column); return the row's line number."""
    path = root / "data/raw" / f"{table}.csv"
    rows = _rows(path)
    line = next(i for i, r in enumerate(rows) if r[0] == row_id)
    for col, value in values.items():
        rows[line][rows[0].index(col)] = value
    _write(path, rows)
    return line + 1


def _add_source(root, **values):
    path = root / "data/raw/sources.csv"
    rows = _rows(path)
    base = dict(zip(rows[0], rows[1]))
    base.update(values)
    rows.append([base[c] for c in rows[0]])
    _write(path, rows)
    return len(rows)


def _problems(root):
    return [str(p) for p in validate_raw(root, today=dt.date(2026, 12, 7))]  # the day of the latest reading


# ----------------------------------------------------------------------------- publishers and tiers

def test_domain_lookup_takes_the_most_specific_listed_domain():
    domains = ["kbs.co.kr", "daily8.com", "test.daily8.com", "yahoo.com"]
    assert host_of("https://www.world.kbs.co.kr:443/x") == "world.kbs.co.kr"
    assert domain_of("world.kbs.co.kr", domains) == "kbs.co.kr"
    assert domain_of("test.daily8.com", domains) == "test.daily8.com"
    assert domain_of("au.news.yahoo.com", domains) == "yahoo.com"
    assert domain_of("notyahoo.com", domains) is None  # a suffix must be a whole label


def test_every_source_domain_is_in_the_publishers_table():
    sources = read_table(ROOT / "data/raw/sources.csv", "sources")
    publishers = read_table(ROOT / "data/raw/publishers.csv", "publishers")
    tiers = with_tiers(sources, publishers)
    assert tiers["domain"].notna().all(), sorted(host_of(u) for u in tiers.loc[tiers["domain"].isna(), "url"])
    assert set(tiers["tier"]) <= set(TIERS)


def test_refused_domain_is_rejected_with_file_row_column(project_copy):
    line = _add_source(project_copy, source_id="pledgetimes-20990101-test", url="https://pledgetimes.com/some-story/")
    problems = _problems(project_copy)
    assert f"data/raw/sources.csv:{line}:url: 'pledgetimes.com' is a refused domain" in "\n".join(problems)
    result = run_cli(project_copy, "validate")
    assert result.returncode == 1 and f"data/raw/sources.csv:{line}:url:" in result.stdout


def test_unknown_domain_is_rejected(project_copy):
    line = _add_source(project_copy, source_id="nowhere-20240101-test", url="https://news.example-unlisted.org/a")
    assert (f"data/raw/sources.csv:{line}:url: domain 'news.example-unlisted.org' is not in data/raw/publishers.csv"
            in "\n".join(_problems(project_copy)))


def test_aggregator_needs_original_publisher_and_a_note(project_copy):
    line = _add_source(project_copy, source_id="menafn-20990101-test", url="https://menafn.com/1", original_publisher="", notes="",
                       source_type="news report")
    text = "\n".join(_problems(project_copy))
    assert f"data/raw/sources.csv:{line}:original_publisher: 'menafn.com' is an aggregator/reprint: name the original publisher" in text
    assert f"data/raw/sources.csv:{line}:notes: an aggregator/reprint row needs a note" in text
    _edit(project_copy, "sources", "menafn-20990101-test", original_publisher="Ukrinform",
          notes="Original Ukrinform page not in the store.")
    assert f"data/raw/sources.csv:{line}:" not in "\n".join(_problems(project_copy))


def test_explicit_port_is_rejected(project_copy):
    line = _add_source(project_copy, source_id="reuters-20990101-port", url="https://www.reuters.com:443/world/x")
    assert f"data/raw/sources.csv:{line}:url: URL carries an explicit port (:443)" in "\n".join(_problems(project_copy))


def test_publishers_table_is_validated_against_its_schema(project_copy):
    line = _edit(project_copy, "publishers", "reuters.com", tier="wire service")
    assert any(p.startswith(f"data/raw/publishers.csv:{line}:tier: 'wire service' is not an allowed value") for p in _problems(project_copy))


# ----------------------------------------------------------------------------- precision validation

@pytest.mark.parametrize("table,row_id,col,value,precision,reason", [
    ("sources", "ajc-20240328-veto", "published_date", "2024-03-28", "month", "must be written as the first day of the month"),
    ("sources", "ajc-20240328-veto", "published_date", "2024-03-01", "year", "must be written as 1 January"),
    ("sources", "ajc-20240328-veto", "published_date", "2024-03-28", "", "needs its precision"),
    ("claim_sources", "at-01-c-01", "date", "2024-11-04", "month", "must be written as the first day of the month"),
    ("estimates", "es-001", "as_of_date", "2024-10-18", "year", "must be written as 1 January"),
])
def test_precision_is_validated_like_the_timeline(project_copy, table, row_id, col, value, precision, reason):
    line = _edit(project_copy, table, row_id, **{col: value, "date_precision": precision})
    text = "\n".join(_problems(project_copy))
    assert f"data/raw/{table}.csv:{line}:" in text and reason in text


def test_precision_without_a_date_is_rejected(project_copy):
    line = _edit(project_copy, "sources", "ajc-20240328-veto", published_date="", date_precision="day")
    assert f"data/raw/sources.csv:{line}:date_precision: a date precision without a date" in "\n".join(_problems(project_copy))


# ----------------------------------------------------------------------------- a month is never its 1st

def test_month_dates_are_periods_not_days():
    assert latest_day("2024-10-01", "month") == dt.date(2024, 10, 31)
    assert latest_day("2024-02-01", "month") == dt.date(2024, 2, 29)
    assert latest_day("2024-01-01", "year") == dt.date(2024, 12, 31)
    assert chart_date("2024-10-01", "month") == "2024-10-16"
    assert chart_date("2024-10-23", "day") == "2024-10-23"
    assert format_date("2024-10-01", "month", "fr") == "octobre 2024" and format_date("2024-01-01", "year", "en") == "2024"
    assert days_between_precise("2024-10-01", "month", "2024-10-23", "day") is None
    assert days_between_precise("2024-10-08", "day", "2025-04-26", "day") == 200
    with pytest.raises(ValueError):
        parse_date("2024-03-01", "year")


def _att(*rows):
    cols = ["attribution_id", "claim_id", "date", "date_precision", "claimant_actor_id", "stance", "evidence_type", "source_id", "claimant_camp"]
    return pd.DataFrame([(f"a{i:02d}", "cl-99", d, p, f"{camp}-actor", stance, "official statement", src, camp)
                         for i, (d, p, camp, stance, src) in enumerate(rows)], columns=cols)


CLAIM = pd.DataFrame([{"claim_id": "cl-99", "paragraph": 8, "claim_fr": "x", "claim_en": "x", "topic": "troops",
                       "article_attribution": "western and ukrainian sources", "settled_by": "russia;north-korea", "place_ids": "",
                       "article_quantities": "troops deployed", "article_min": 10000}])


def test_month_only_attribution_is_not_read_as_the_first():
    a = _att(("2024-10-01", "month", "allies", "asserts", "s1"),      # 'October 2024'
             ("2024-10-23", "day", "ukraine", "asserts", "s2"),
             ("2024-11-01", "month", "russia", "acknowledges", "s3"))  # 'November 2024'
    out = build_claims(CLAIM, a, article_date=dt.date(2024, 11, 4)).iloc[0]
    # the first claim is the precise 23 October one, not '1 October'
    assert (out["first_claimed"], out["first_claimed_precision"]) == ("2024-10-23", "day")
    # a November acknowledgement is not known on 4 November
    assert out["status_at_publication"] == "several-sides"  # allies and Ukraine: two sides, no independent evidence
    assert (out["acknowledged_on"], out["acknowledged_on_precision"]) == ("2024-11-01", "month")
    assert pd.isna(out["days_to_acknowledgement"])  # no day count from a month
    assert derive_status(a, as_of=dt.date(2024, 11, 30)) == "acknowledged-russia"


def test_month_only_estimate_is_not_known_on_the_first_days_of_its_month():
    est = pd.DataFrame({"quantity": ["troops deployed"] * 2, "value_low": [3000, 12000], "value_high": [3000, 12000],
                        "as_of_date": ["2024-10-23", "2024-11-01"], "date_precision": ["day", "month"]})
    assert largest_estimate(est, ["troops deployed"], dt.date(2024, 11, 4)) == 3000
    assert largest_estimate(est, ["troops deployed"], dt.date(2024, 11, 30)) == 12000
    out = build_claims(CLAIM, _att(("2024-10-23", "day", "allies", "asserts", "s1")), estimates=est).iloc[0]
    assert out["largest_estimate_at_publication"] == 3000 and bool(out["magnitude_supported_at_publication"]) is False


def test_published_charts_place_month_dates_mid_month(published):
    from helpers.charts.figures import build_figure

    fig = build_figure(published, "timeline", "en")
    months = published.timeline[published.timeline["date_precision"] == "month"]
    assert not months.empty
    placed = {cd[0]: str(x)[:10] for trace in fig.data if trace.customdata is not None
              for x, cd in zip(trace.x, trace.customdata)}
    for event_id, d in zip(months["event_id"], months["date"]):
        assert placed[event_id] == chart_date(d, "month") != d  # mid-month, never the 1st


# ----------------------------------------------------------------------------- independence

def _sources(*rows):
    return pd.DataFrame([dict(source_id=i, url=u, publisher=p, original_publisher=o) for i, u, p, o in rows])


PUBS = pd.DataFrame([("koreaherald.com", "The Korea Herald", "established outlet", "KR", ""),
                     ("joins.com", "Korea JoongAng Daily", "established outlet", "KR", ""),
                     ("yna.co.kr", "Yonhap", "wire", "KR", ""), ("menafn.com", "MENAFN", "aggregator/reprint", "JO", "")],
                    columns=["domain", "publisher", "tier", "country", "notes"])


def test_copies_of_one_wire_story_count_once():
    s = with_tiers(_sources(("kh", "https://www.koreaherald.com/a", "The Korea Herald (Yonhap)", "Yonhap"),
                            ("jd", "https://koreajoongangdaily.joins.com/b", "Korea JoongAng Daily", "Yonhap"),
                            ("yn", "https://en.yna.co.kr/c", "Yonhap", ""),
                            ("jd2", "https://koreajoongangdaily.joins.com/d", "Korea JoongAng Daily", "")), PUBS)
    keys = dict(zip(s["source_id"], s["independence_key"]))
    assert independent_count("kh;jd;yn", keys) == 1
    assert independent_count("kh;jd2", keys) == 2
    assert source_label(s.iloc[0], "fr") == "The Korea Herald (Yonhap) · média établi"
    assert source_label(s.iloc[1], "en") == "Korea JoongAng Daily (after Yonhap) · established outlet"


def test_allegation_resting_on_two_copies_of_one_story_is_rejected(project_copy):
    tl = read_table(project_copy / "data/raw/timeline.csv", "timeline")
    event = tl[tl["status"] == "alleged"].iloc[0]["event_id"]
    _add_source(project_copy, source_id="koreaherald-20990101-copy", url="https://www.koreaherald.com/x",
                    publisher="The Korea Herald (Yonhap)", original_publisher="Yonhap", notes="")
    _add_source(project_copy, source_id="joongang-20990101-copy", url="https://koreajoongangdaily.joins.com/x",
                publisher="Korea JoongAng Daily (Yonhap)", original_publisher="Yonhap", notes="")
    line = _edit(project_copy, "timeline", event, source_ids="koreaherald-20990101-copy;joongang-20990101-copy")
    text = "\n".join(_problems(project_copy))
    assert f"data/raw/timeline.csv:{line}:source_ids: an allegation needs at least two independent sources" in text


def test_published_counts_and_tiers(published):
    tl, c, s = published.timeline, published.claims, published.sources
    assert (tl["independent_source_count"] <= tl["source_count"]).all()
    alleged = tl[tl["status"].isin(["alleged", "denied", "acknowledged"])]
    assert (alleged["independent_source_count"] >= 2).all()
    assert (c["independent_source_count"] <= c["attribution_count"]).all()
    assert s["tier"].isin(TIERS).all() and s["domain"].notna().all()
    summary = bibliography_summary(s)
    assert sum(summary["by_tier"].values()) == len(s) == summary["sources"]


def test_bibliography_summary_block_in_both_languages(published):
    from helpers.site.reference import bibliography_block

    s = bibliography_summary(published.sources)
    fr, en = bibliography_block(published.sources, "fr"), bibliography_block(published.sources, "en")
    assert f"<td>source primaire</td><td>{s['by_tier']['primary']}</td>" in fr
    assert f"<td>wire agency</td><td>{s['by_tier']['wire']}</td>" in en
    assert f"{100 * s['primary_share']:.1f}".replace(".", ",") + "\u202f%" in fr
    for english in ("wire", "news report", "established outlet", "Share"):
        assert english not in fr
    hostile = published.sources.assign(source_type="<script>x</script>")
    assert "<script>" not in bibliography_block(hostile, "en")


def test_chart_tables_label_month_dates_and_name_tier(published):
    from helpers.site import pages

    est = published.estimates
    row = est[est["date_precision"] == "month"].iloc[0]
    table = pages.chart_table(published, "estimates", "fr")
    shown = table.loc[est.index[est["estimate_id"] == row["estimate_id"]][0]]
    assert shown["Date"] == format_date(row["as_of_date"], "month", "fr") and not shown["Date"][0].isdigit()
    tier = published.sources.set_index("source_id").at[row["source_id"], "tier"]
    from helpers.core.labels import t

    assert shown["Source"].endswith(t("tier:" + tier, "fr"))


# ----------------------------------------------------------------------------- issue 24: sources a fact-checker can defend

def test_no_state_media_or_partisan_outlet_is_the_strongest_evidence_about_another_party(published):
    """A party's state media evidence that state's own position only; a partisan outlet is never the
    strongest evidence of a claim."""
    from helpers.model.claims import STATE_MEDIA_CAMPS

    src = published.sources.set_index("source_id")
    att = published.claim_sources
    for _, c in published.claims.iterrows():
        sid = c["strongest_source_id"]
        if not isinstance(sid, str):
            continue
        tier, country = src.at[sid, "tier"], src.at[sid, "publisher_country"]
        assert tier != "partisan outlet", f"{c['claim_id']}: strongest evidence from a partisan outlet ({sid})"
        if tier == "state media":
            camps = set(att[(att["claim_id"] == c["claim_id"]) & (att["source_id"] == sid)]["claimant_camp"])
            assert camps == {STATE_MEDIA_CAMPS.get(country)}, f"{c['claim_id']}: {sid} speaks for {country}, not for {camps}"


def test_strongest_evidence_skips_a_state_outlet_reporting_another_party():
    from helpers.model.claims import restricted_sources, strongest

    sources = pd.DataFrame({"source_id": ["rt", "kyodo", "kcna"], "tier": ["state media", "wire", "state media"],
                            "publisher_country": ["RU", "JP", "KP"]})
    att = pd.DataFrame({"attribution_id": ["a1", "a2", "a3"], "date": ["2024-01-01"] * 3, "date_precision": ["day"] * 3,
                        "stance": ["asserts"] * 3, "claimant_camp": ["ukraine", "ukraine", "north-korea"],
                        "evidence_type": ["imagery", "official statement", "official statement"], "source_id": ["rt", "kyodo", "kcna"]})
    restricted = restricted_sources(sources)
    assert restricted == {"rt": "russia", "kcna": "north-korea"}
    assert strongest(att, restricted=restricted)["source_id"] == "kyodo"  # RT's report of Ukraine's imagery does not count
    assert strongest(att)["source_id"] == "rt"  # (without the rule it would)
    assert strongest(att[att["source_id"] == "kcna"], restricted=restricted)["source_id"] == "kcna"  # KCNA for North Korea


def test_every_source_shows_a_title_of_one_kind(published):
    s = published.sources
    assert (s["title"].fillna("") != "").all()
    assert s["title_kind"].isin(["headline", "devised"]).all()
    devised = s[s["title_kind"] == "devised"]
    assert devised["title"].str.startswith("[").all() and devised["title"].str.endswith("]").all()
    other = s[~s["language"].isin(["fr", "en"])]
    assert (other["title_fr"].fillna("") != "").all() and (other["title_en"].fillna("") != "").all()


def test_no_statement_is_dated_after_its_source_or_original(published):
    """A source cannot report what had not happened: each attribution and estimate is dated no later
    than the publication of its source and of the original cited beside it (dates with their precision)."""
    from helpers.core.dates import period

    src = published.sources.set_index("source_id")
    late = []
    for frame, key, col in ((published.claim_sources, "attribution_id", "date"), (published.estimates, "estimate_id", "as_of_date")):
        for _, r in frame.iterrows():
            first = period(str(r[col])[:10], r["date_precision"] or "day")[0]
            for ref in ("source_id", "original_source_id"):
                sid, published_on = r[ref], None
                if isinstance(sid, str) and sid and isinstance(src.at[sid, "published_date"], str) and src.at[sid, "published_date"]:
                    published_on = latest_day(str(src.at[sid, "published_date"])[:10], src.at[sid, "date_precision"] or "day")
                if published_on and first > published_on:
                    late.append((r[key], ref, sid))
    assert not late, late[:10]
    assert (published.claim_sources["original_source_id"].fillna("") != "").sum() > 20


def test_claim_pages_show_the_original_beside_the_report(published):
    from helpers.site.claim_pages import claim_context, claim_qmd

    att = published.claim_sources
    row = att[att["original_source_id"].notna() & (att["original_source_id"] != "")].iloc[0]
    original = published.sources.set_index("source_id").loc[row["original_source_id"]]
    for lang in ("fr", "en"):
        ctx = claim_context(published, row["claim_id"], lang)
        shown = next(e for e in ctx["evidence"] if e["id"] == row["attribution_id"])
        assert shown["original"]["id"] == row["original_source_id"]
        page = claim_qmd(ctx)
        from markupsafe import escape

        assert str(escape(original["title"])) in page
        if original["language"] not in ("fr", "en"):
            assert str(escape(original["title_" + lang])) in page and f'lang="{original["language"]}"' in page
