"""Quarto's freezer never serves a page computed from old data, and re-executes nothing else.

With ``execute: freeze: auto`` Quarto re-executes a page only when its own ``.qmd`` changes. Our
pages read more than that: the published data, the chart exports, this package (code and
templates), ``CHANGELOG.md`` and ``_quarto.yml``. Each computed page declares what it reads in its
front matter (``rpk-reads``, :mod:`helpers.core.reads`, enforced while the page runs); the build
(Quarto's pre-render step) keeps one digest per page of its declared inputs and of the
``helpers`` package, in ``_freeze/rpk-pages.json``, and removes the frozen results of exactly
the pages whose digest changed, so that the render which follows executes them, and only them,
again. A computed page without a declaration counts as reading every input.
"""
from __future__ import annotations

import glob
import hashlib
import json
import shutil
from pathlib import Path

from helpers.core.paths import figures_dir, package_digest, processed_dir
from helpers.core.reads import PROJECT_FILES, declared, input_files

FREEZE_DIR = "_freeze"
STATE_FILE = "rpk-pages.json"
#: the stamp of the freezer before pages declared their inputs (one digest for the whole site)
OLD_STAMP = "rpk-inputs.sha256"
CODE_CELL = "```{python"


def computed_pages(root: Path) -> list[Path]:
    """The ``.qmd`` pages of the project's render list that run code (claim pages and the
    notebooks' index run none)."""
    import yaml

    config = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8")) or {}
    listed = (config.get("project") or {}).get("render") or ["**/*.qmd"]
    pages = sorted({Path(p) for pattern in listed for p in glob.glob(str(root / pattern), recursive=True) if p.endswith(".qmd")})
    return [p for p in pages if CODE_CELL in p.read_text(encoding="utf-8")]


def every_input(root: Path) -> list[Path]:
    """Every file a page may read: what an undeclared page is taken to read."""
    files = [p for p in processed_dir(root).rglob("*") if p.is_file()]
    files += [p for p in figures_dir(root).glob("*.json") if p.is_file()]
    return sorted(files + [root / f for f in PROJECT_FILES if (root / f).is_file()])


def page_inputs(root: Path, page: Path) -> list[Path]:
    """The files behind a page's declared inputs (every input when it declares none)."""
    reads = declared(page)
    if reads is None:
        return every_input(root)
    return sorted({f for name in reads for f in input_files(name, root)})


def page_digest(root: Path, page: Path, code: str | None = None) -> str:
    """The package's digest, the page's declaration and the bytes of each input, as one digest."""
    h = hashlib.sha256((code or package_digest()).encode())
    h.update(json.dumps(declared(page)).encode())
    for f in page_inputs(root, page):
        content = hashlib.sha256(f.read_bytes()).digest() if f.is_file() else b"missing"
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + content)
    return h.hexdigest()


def frozen_results(root: Path, page: Path) -> Path:
    """Where Quarto keeps a page's frozen results: ``_freeze/<path without extension>/``."""
    return root / FREEZE_DIR / page.relative_to(root).with_suffix("")


def invalidate_stale_pages(root: Path) -> list[str]:
    """Remove the frozen results of every computed page whose inputs changed since they were
    frozen; returns those pages (project-relative paths)."""
    freezer = root / FREEZE_DIR
    freezer.mkdir(exist_ok=True)
    state_path = freezer / STATE_FILE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
        state = state if isinstance(state, dict) else {}
    except (ValueError, OSError):
        state = {}  # a damaged record: every page is re-executed
    (freezer / OLD_STAMP).unlink(missing_ok=True)
    code = package_digest()
    fresh, stale = {}, []
    for page in computed_pages(root):
        rel = page.relative_to(root).as_posix()
        fresh[rel] = page_digest(root, page, code)
        if state.get(rel) != fresh[rel]:
            stale.append(rel)
            shutil.rmtree(frozen_results(root, page), ignore_errors=True)
    state_path.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return stale
