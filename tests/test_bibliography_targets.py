"""Targets of issue 12 for the published bibliography.

RESEARCH-DEPENDENT: these tests measure the data, not the code. A failure names how far the
data is from each target; the same figures are printed in the "show your work" cell of
notebook 01. After the third round of research (2026-12-07) one target is still missed: dates (the
stored copies of those pages show none). That test is marked ``xfail(strict=True)`` with the figures of that day, so it
turns into a failure (and the mark must go) as soon as the bibliography meets the target. Issue 24 added the
targets of titles (every source), primary sources (15%) and sources in Korean or Russian (20).
"""
from __future__ import annotations

import pytest

from helpers.model.bibliography import TARGETS, bibliography_summary


@pytest.fixture(scope="module")
def summary(published):
    return bibliography_summary(published.sources)


def test_no_refused_source(summary, published):
    refused = published.sources.loc[published.sources["tier"] == "refused", "source_id"].tolist()
    assert summary["refused"] == TARGETS["refused"], f"{len(refused)} refused-tier sources: {refused[:10]}"


def test_aggregators_at_most_3_percent(summary):
    assert summary["aggregator_share"] <= TARGETS["aggregator_share_max"], f"aggregator share {summary['aggregator_share']:.1%}"


def test_every_source_has_a_title(summary):
    """Issue 24: a headline as the page shows it, or a title devised by the desk in brackets."""
    assert summary["titles_share"] >= TARGETS["titles_share_min"], f"titles {summary['titles_share']:.1%}"
    assert set(summary["by_title_kind"]) <= {"headline", "devised"}, summary["by_title_kind"]


def test_at_least_15_percent_primary(summary):
    """Issue 24: documents published by the body whose statement they carry (or its state media in its own name)."""
    assert summary["primary_share"] >= TARGETS["primary_share_min"], f"primary {summary['primary_share']:.1%}"


def test_at_least_20_sources_in_korean_or_russian(summary):
    assert summary["korean_or_russian"] >= TARGETS["korean_or_russian_min"], summary["by_language"]


@pytest.mark.xfail(strict=True, reason="RESEARCH-DEPENDENT: 85.7% of sources (486 of 567) have a publication date after the third round of research (2026-12-07; 87.0%, 415 of 477, on 2026-12-01): the stored copies of the others, many of the new Korean, Russian and UN originals among them, show none")
def test_dates_at_least_95_percent(summary):
    assert summary["dates_share"] >= TARGETS["dates_share_min"], f"dates {summary['dates_share']:.1%}"
