"""The published Frictionless Data Package: ``data/processed/datapackage.json``.

It is the data dictionary: every resource has a title and description, every field a
description (from the schemas in ``helpers/schemas``), plus licences, sources, sizes and
sha256 hashes. The geometry resources record where their shapes came from.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers.raw import tables

NAME = "russia-north-korea-rapprochement"
LICENSES = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}]
CODE_LICENSE = {"name": "MIT", "title": "MIT License", "path": "https://opensource.org/license/mit"}
#: published CSV resources, in the order readers meet them
CSV_RESOURCES = ("timeline", "claims", "claim_sources", "claim_status_history", "estimates", "actors", "places", "routes",
                 "route_paths", "waypoints", "site_imagery", "sources", "publishers", "corrections")


def _file_facts(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def csv_resource(out_dir: Path, name: str) -> dict:
    s = tables.schema(name)
    about = ("title", "x-title-fr", "description", "x-description-fr")
    schema = {k: v for k, v in s.items() if k not in about}
    return {"name": name.replace("_", "-"), "path": f"{name}.csv", **{k: s[k] for k in about},
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
            "licenses": LICENSES, **_file_facts(out_dir / f"{name}.csv"), "schema": schema}


def geo_resource(out_dir: Path, filename: str, titles: tuple[str, str], description: str, sources: list[dict], extra: dict) -> dict:
    """A GeoJSON resource; ``titles`` is (French, English)."""
    return {"name": filename.split(".")[0].replace("_", "-"), "path": filename, "title": titles[1], "x-title-fr": titles[0],
            "description": description,
            "format": "geojson", "mediatype": "application/geo+json", "encoding": "utf-8", "licenses": LICENSES,
            **_file_facts(out_dir / filename), "sources": sources, **extra}


def build_package(out_dir: Path, geo_resources: list[dict]) -> Path:
    package = {
        "name": NAME,
        "title": "Russie–Corée du Nord : le rapprochement, sourcé / Russia–North Korea: the rapprochement, sourced",
        "description": ("Chronologie, registre des affirmations, estimations et géographie du rapprochement entre Moscou et "
                        "Pyongyang depuis 2019, chaque ligne adossée à une source. / Timeline, claim ledger, estimates and "
                        "geography of the Moscow–Pyongyang rapprochement since 2019, every row backed by a source. "
                        "Lists inside a cell are separated by ';'. Dates are ISO 8601. Borders are internationally "
                        "recognised ones (Crimea is part of Ukraine)."),
        "version": "1.1.0",
        "licenses": LICENSES + [dict(CODE_LICENSE, scope="code (src/, notebooks/, tests/)")],
        "keywords": ["Russia", "North Korea", "Ukraine", "war", "fact-checking", "OSINT"],
        "sources": [{"title": "Sources listed row by row in sources.csv", "path": "sources.csv"}],
        "resources": [csv_resource(out_dir, n) for n in CSV_RESOURCES] + geo_resources,
    }
    path = out_dir / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def validate_package(path: Path) -> list[str]:
    """Frictionless validation of the package (schemas, types, keys, hashes); [] when valid."""
    from frictionless import Package, system

    if not path.is_file():
        return [f"{path.name}: missing"]
    with system.use_context(trusted=True):
        report = Package(str(path)).validate()
    problems = []
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            field = getattr(err, "field_name", None)
            problems.append(f"{task.name}:{row or '-'}:{field or '-'}: {err.message}")
    problems += [f"package: {err.message}" for err in report.errors]
    return problems
