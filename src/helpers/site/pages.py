"""What the Quarto pages call: every name a page's cells use, in one place.

A page loads the published data once and calls one function per block::

    from helpers import load
    from helpers.site import pages

    data = load()
    pages.chart(data, "timeline", "fr")

Pages stay thin: every figure in their prose is computed from the published data, never typed
by hand, and every block comes from an autoescaping template. The blocks live by page:
:mod:`~helpers.site.chart_blocks` (charts and their tables), :mod:`~helpers.site.story` (story
and claims pages), :mod:`~helpers.site.reference` (data, methodology and corrections pages).
"""
from __future__ import annotations

from helpers.site.chart_blocks import chart, chart_scripts, chart_table
from helpers.site.fragments import Fragment, Prose, table_scripts
from helpers.site.reference import (bibliography_block, changelog, corrections_list, dictionary_table, downloads, figure_links,
                                    register, report_channel, verdict_scale)
from helpers.site.story import (arms_sentence, audited_article, claim_status, claims_list, date_text, events_table, facts,
                                key_facts, magnitude_sentence, numbers_summary, status_changes)

__all__ = [
    "Fragment", "Prose", "arms_sentence", "audited_article", "bibliography_block", "changelog", "chart", "chart_scripts",
    "chart_table", "claim_status", "claims_list", "corrections_list", "date_text", "dictionary_table", "downloads",
    "events_table", "facts", "figure_links", "key_facts", "magnitude_sentence", "numbers_summary", "register", "report_channel",
    "status_changes",
    "table_scripts", "verdict_scale",
]
