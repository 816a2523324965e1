"""Quarto's freezer must never serve a page computed from old data.

With ``execute: freeze: auto`` Quarto re-executes a page only when its own ``.qmd`` changes.
Pages read more than that: the published data, the chart exports, this package (code and
templates) and ``CHANGELOG.md``. The build (Quarto's pre-render step) records a digest of all
of them in ``_freeze/rpk-inputs.sha256``; when it differs, the whole freezer is removed, so
the render that follows executes every page again. Pages must read nothing else.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from helpers.core.paths import figures_dir, package_digest, processed_dir

FREEZE_DIR = "_freeze"
DIGEST_FILE = "rpk-inputs.sha256"


def page_inputs(root: Path) -> list[Path]:
    """Every project file a page's code may read (the helpers package aside: see inputs_digest)."""
    files = [p for p in processed_dir(root).rglob("*") if p.is_file()]
    files += [p for p in figures_dir(root).glob("*.json") if p.is_file()]
    changelog = root / "CHANGELOG.md"
    return sorted(files + ([changelog] if changelog.is_file() else []))


def inputs_digest(root: Path) -> str:
    """The page inputs and the helpers package (code, schemas, templates), as one digest."""
    h = hashlib.sha256(package_digest().encode())
    for p in page_inputs(root):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def invalidate_stale_freeze(root: Path) -> bool:
    """Remove ``_freeze/`` when the pages' inputs changed since it was filled; True if removed."""
    freezer = root / FREEZE_DIR
    digest = inputs_digest(root)
    stamp = freezer / DIGEST_FILE
    removed = False
    if freezer.is_dir() and (not stamp.is_file() or stamp.read_text().strip() != digest):
        shutil.rmtree(freezer)
        removed = True
    freezer.mkdir(exist_ok=True)
    stamp.write_text(digest + "\n")
    return removed
