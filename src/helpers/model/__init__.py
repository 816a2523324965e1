"""Stage 3 of 6 — derive the published tables from the raw ones, and load them back.

Pure functions that take and return DataFrames (the notebooks call them):

- :mod:`~helpers.model.bibliography`: ``build_sources``, ``build_actors``, ``independent_count``,
  ``source_labels``, ``bibliography_summary`` and the sourcing targets;
- :mod:`~helpers.model.timeline`: ``build_timeline``, ``sort_events``, ``CATEGORIES``;
- :mod:`~helpers.model.claims`: the claim ledger: ``derive_status``, ``build_claims``,
  ``status_history`` (the status rules of the methodology page);
- :mod:`~helpers.model.estimates`: ``build_estimates``, ``bound_type``, ``summary``, ``format_bounds``;
- :mod:`~helpers.model.geo`: basemaps, places, routes and regions as GeoJSON;
- :mod:`~helpers.model.published`: ``load`` (every published table as one ``Published`` object,
  with its data dictionary), what the charts, pages, feeds and analysts read.

Imports from ``helpers.core`` and ``helpers.raw`` only.
"""
