"""Whether figures/ is current, without importing the chart code (plotly, geopandas): the
no-change build must stay fast. figures/manifest.json records the digest of the inputs the
exports were drawn from and the files written."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers.core.paths import package_digest

MANIFEST = "manifest.json"


def inputs_digest(processed: Path) -> str:
    """The published data and the helpers package (code, schemas, templates): what the charts are drawn from."""
    h = hashlib.sha256(package_digest().encode())
    for p in sorted(processed.glob("*")):
        h.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def current(out: Path, processed: Path, expected: list[str] | None = None) -> bool:
    """True when ``out`` holds every export listed (default: the manifest's own list), drawn from these inputs."""
    path = out / MANIFEST
    if not path.is_file():
        return False
    manifest = json.loads(path.read_text())
    files = expected if expected is not None else manifest.get("files", [])
    return bool(files) and manifest.get("inputs") == inputs_digest(processed) and all((out / f).is_file() for f in files)


def write_manifest(out: Path, digest: str, files: list[str]) -> None:
    (out / MANIFEST).write_text(json.dumps({"inputs": digest, "files": files}, indent=1))
