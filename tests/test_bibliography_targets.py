"""Targets of issue 12 for the published bibliography.

RESEARCH-DEPENDENT: these tests measure the data, not the code. A failure names how far the
data is from each target; the same figures are printed in the "show your work" cell of
notebook 01. After the second round of research (2026-12-01) two targets are still missed (titles,
dates: the stored copies of those pages show neither); those tests are marked ``xfail(strict=True)`` with the figures of that day, so they turn into
failures (and the mark must go) as soon as the bibliography meets the target.
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


@pytest.mark.xfail(strict=True, reason="RESEARCH-DEPENDENT: 53.5% of sources have a title after the second round of research (2026-12-01): the stored copies of the others show no headline")
def test_titles_at_least_95_percent(summary):
    assert summary["titles_share"] >= TARGETS["titles_share_min"], f"titles {summary['titles_share']:.1%}"


@pytest.mark.xfail(strict=True, reason="RESEARCH-DEPENDENT: 87.0% of sources have a publication date after the second round of research (2026-12-01): the stored copies of the others show none")
def test_dates_at_least_95_percent(summary):
    assert summary["dates_share"] >= TARGETS["dates_share_min"], f"dates {summary['dates_share']:.1%}"
