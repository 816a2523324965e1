"""Stage 4 of 6 — every chart and map of the publication, drawn from the published data.

- :mod:`~helpers.charts.figures`: the catalogue ``CHARTS`` (id, data files, alt text, caption),
  ``build_figure`` (each text typeset for its language) and ``export_all`` (``figures/<chart>-<lang>.html|json|png``);
- :mod:`~helpers.charts.timeline_chart`, :mod:`~helpers.charts.claim_charts`,
  :mod:`~helpers.charts.estimates_chart`: the charts;
- :mod:`~helpers.charts.maps` (drawing), :mod:`~helpers.charts.mapframes` (frames, projections,
  what each map shows), :mod:`~helpers.charts.maplabels` (labels that never collide),
  :mod:`~helpers.charts.mapnames` (country and sea names, highlighted regions, inset frames);
- :mod:`~helpers.charts.style`: the one style: colours, fonts, the shared layout;
- :mod:`~helpers.charts.colours`: how far apart two colours look, in normal vision and with
  deuteranopia or protanopia (CIEDE2000);
- :mod:`~helpers.charts.exports`: whether ``figures/`` is current (without importing plotly).
- :mod:`~helpers.charts.images`: the PNG images, drawn by Chromium in a child process watched by a deadline.

Imports from ``helpers.core``, ``helpers.raw`` and ``helpers.model`` only.
"""
