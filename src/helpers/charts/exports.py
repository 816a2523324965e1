"""Whether figures/ is current, without importing the chart code (plotly, geopandas): the
no-change build must stay fast. figures/manifest.json records, for each chart, the digest of the
inputs it was drawn from (the helpers package and the published files the chart declares), and
the files written: a build re-draws only the charts whose inputs changed."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers.core.paths import package_digest

MANIFEST = "manifest.json"


def chart_digest(processed: Path, files, code: str | None = None) -> str:
    """The helpers package and the published files one chart is drawn from."""
    h = hashlib.sha256((code or package_digest()).encode())
    for name in sorted(files):
        p = processed / name
        h.update(name.encode() + b"\0" + (hashlib.sha256(p.read_bytes()).digest() if p.is_file() else b"missing"))
    return h.hexdigest()


def read_manifest(out: Path) -> dict:
    try:
        manifest = json.loads((out / MANIFEST).read_text())
        return manifest if isinstance(manifest, dict) else {}
    except (OSError, ValueError):
        return {}


def stale_charts(out: Path, processed: Path, inputs: dict[str, tuple[str, ...]], expected: dict[str, list[str]]) -> list[str]:
    """The charts whose exports are missing or were drawn from other inputs. ``inputs``: chart id ->
    its published files; ``expected``: chart id -> the export files it writes."""
    recorded = read_manifest(out).get("charts") or {}
    code = package_digest()
    return [c for c, files in inputs.items()
            if recorded.get(c) != chart_digest(processed, files, code) or not all((out / f).is_file() for f in expected[c])]


def current(out: Path, processed: Path, inputs: dict | None = None, expected: dict | None = None) -> bool:
    """True when every chart's exports are in ``out``, drawn from these inputs (default: the charts
    and files the manifest records)."""
    manifest = read_manifest(out)
    if not manifest.get("charts"):
        return False
    if inputs is None:
        inputs = {c: tuple(v) for c, v in (manifest.get("inputs") or {}).items()}
        expected = {c: [f for f in manifest.get("files", []) if f.startswith(c + "-")] for c in inputs}
    return bool(inputs) and not stale_charts(out, processed, inputs, expected)


def write_manifest(out: Path, processed: Path, inputs: dict[str, tuple[str, ...]], files: list[str]) -> None:
    code = package_digest()
    charts = {c: chart_digest(processed, f, code) for c, f in inputs.items()}
    (out / MANIFEST).write_text(json.dumps({"charts": charts, "inputs": {c: list(f) for c, f in inputs.items()},
                                            "files": files}, indent=1))
