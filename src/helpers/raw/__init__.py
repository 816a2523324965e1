"""Stage 2 of 6 — read and validate the hand-curated tables of ``data/raw``.

- :mod:`~helpers.raw.tables`: the schemas (``helpers/schemas/*.json``, declared once) and
  deterministic CSV reading and writing: ``read_table``, ``write_table``, ``schema``, ``split_ids``;
- :mod:`~helpers.raw.validate`: ``validate_raw`` (every problem as ``path:row:column: reason``)
  and ``require_valid``; it runs the checks of
  :mod:`~helpers.raw.csvfile` (the file as a table), :mod:`~helpers.raw.cells` (each cell
  against the bounds its schema declares), :mod:`~helpers.raw.geography` (places inside their
  country; the admin-1 snapshot), :mod:`~helpers.raw.consistency` (dates that must be possible,
  ids that meet in one place) and :mod:`~helpers.raw.sourcing_rules` (tiers, reprints, two
  independent sources per allegation);
- :mod:`~helpers.raw.problems`: ``Problem`` and ``ValidationError``;
- :mod:`~helpers.raw.publishers`: each source's domain, tier and independence key (``with_tiers``);
- :mod:`~helpers.raw.naturalearth`: the shipped Natural Earth basemap and its provenance;
- :mod:`~helpers.raw.paraphrase`: word shingles, to check that our text does not copy the article.

Imports from ``helpers.core`` only.
"""
