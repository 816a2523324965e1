"""Helpers for the Russia–North Korea data-journalism publication, laid out by stage.

Each stage imports only from the stages below it (``tests/test_layout.py`` checks it):

1. ``helpers.core``: what every stage shares: where things live, the FR/EN label catalogue,
   dates with a precision, HTML escaping;
2. ``helpers.raw``: read and validate the hand-curated tables of ``data/raw``;
3. ``helpers.model``: derive the published tables (pure functions the notebooks call), and load
   them back (:func:`helpers.model.published.load`);
4. ``helpers.charts``: every chart and map, their style and their exports in ``figures/``;
5. ``helpers.site``: what the Quarto pages call, the claim pages, the feeds, the templates;
6. ``helpers.publish``: the build (``python -m helpers build``): validation, notebooks, data
   package, figures and site files, published in one transaction; the command line.

The analyst's door, from a fresh clone, without running the build::

    from helpers import load
    data = load()               # every published table of data/processed, as DataFrames
    data.dictionary("claims")   # what each column means (datapackage.json)
"""

__version__ = "0.1.0"
__all__ = ["Published", "load"]


def __getattr__(name: str):
    # imported on first use, so that `import helpers.core.paths` (the command line, the build's
    # no-change check) does not load pandas and every table schema
    if name in __all__:
        from helpers.model import published

        return getattr(published, name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
