"""Helpers for the Russia–North Korea data-journalism publication.

Small modules by concern: ``tables`` (schemas and loading), ``validate`` (raw-data checks),
``build`` (notebook runner), ``style`` (colours and FR/EN labels), ``dates``, ``timeline``,
``claims``, ``estimates``, ``geo``, ``figures`` (exports), ``datapackage`` and ``pages``.
"""

__version__ = "0.1.0"
