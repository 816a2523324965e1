"""Stage 1 of 6 — what every stage shares.

- :mod:`~helpers.core.paths`: where things live (``project_root``, ``raw_dir``, ``processed_dir``,
  ``figures_dir``, ``output_dir``) and the package's own files;
- :mod:`~helpers.core.labels`: the one catalogue of reader-facing labels in French and English
  (``t``, ``code_label``, ``status_label``), ``colon`` and ``format_number``;
- :mod:`~helpers.core.dates`: dates with a precision (day, month, year): ``parse_date``,
  ``latest_day``, ``chart_date``, ``format_date``;
- :mod:`~helpers.core.escape`: curated text made safe for HTML (``esc``, ``link``, ``safe_url``, ``wrap``);
- :mod:`~helpers.core.reads`: what each page reads (``rpk-reads`` in its front matter), enforced
  while it runs;
- :mod:`~helpers.core.typeset`: the typography of each language (``typeset``, ``typeset_markup``):
  French no-break spaces, « », ’ and ``12 000``; English curly quotes.

Imports nothing from the other stages.
"""
