"""Stage 6 of 6 — publish: the build, ``python -m helpers build`` (Quarto's pre-render step), and the
command line.

- :mod:`~helpers.publish.build`: ``build``, ``run`` and ``run_figures``: validate, run the
  notebooks, check the data package, export the figures, publish in one transaction, then
  write the site files, the README's generated sections and clear the frozen pages whose inputs changed;
- :mod:`~helpers.publish.notebooks`: which notebooks run, their digests, running one headless;
- :mod:`~helpers.publish.transaction`: staging, the journal, the lock, recovery after a kill;
- :mod:`~helpers.publish.datapackage`: the Frictionless Data Package (``build_package``,
  ``validate_package``);
- :mod:`~helpers.publish.freeze`: Quarto's freezer never serves a page computed from old data, and re-executes no other;
- :mod:`~helpers.publish.readme`: the README sections generated from the schemas;
- :mod:`~helpers.publish.postrender`: Quarto's post-render step, every rendered page set by the
  typography of its language (``python -m helpers typeset``);
- :mod:`~helpers.publish.cli`: the command line.

May import from every stage below.
"""
