"""Stage 5 of 6 — the website's content: what the Quarto pages call, the claim pages, the feeds.

- :mod:`~helpers.site.pages`: the one door for the ``.qmd`` pages (``pages.chart``,
  ``pages.facts``, ``pages.claims_list``, ``pages.register``…);
- :mod:`~helpers.site.chart_blocks`, :mod:`~helpers.site.story`, :mod:`~helpers.site.reference`:
  the blocks of the chart embeds, of the story and claims pages, of the data, methodology and
  corrections pages;
- :mod:`~helpers.site.claim_pages`: one page per claim with its ClaimReview, and
  ``write_site_files`` (claim pages, ``claimreview.json``, feeds, lazy tables' rows);
- :mod:`~helpers.site.feeds`: the Atom feeds of corrections, status changes and new events;
- :mod:`~helpers.site.lazy_tables`: the rows of the long tables, written to ``tables/`` and loaded
  on demand, so a page does not grow with the data;
- :mod:`~helpers.site.fragments` (``Fragment``, ``Prose``, tables, badges),
  :mod:`~helpers.site.render` (the autoescaping templates in ``templates/``),
  :mod:`~helpers.site.urls` (where each page and file lives).

Imports from the stages below only (core, raw, model, charts).
"""
