"""Where things live: the project folders and the package's own files. Every function takes the
project root, so tests can work on a copy."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

OUTPUT_ENV = "RPK_OUTPUT_DIR"


def project_root(start: Path | None = None) -> Path:
    """The nearest folder above ``start`` (default: cwd) holding ``_quarto.yml`` and ``data/raw``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_quarto.yml").is_file() and (folder / "data" / "raw").is_dir():
            return folder
    raise FileNotFoundError(f"no project root (a folder with _quarto.yml and data/raw) above {here}")


def raw_dir(root: Path) -> Path:
    return root / "data" / "raw"


def processed_dir(root: Path) -> Path:
    return root / "data" / "processed"


def output_dir(root: Path) -> Path:
    """Where a notebook writes: the build's temporary folder when run by ``build``, else processed."""
    override = os.environ.get(OUTPUT_ENV)
    return Path(override) if override else processed_dir(root)


def figures_dir(root: Path) -> Path:
    return root / "figures"


def package_files() -> list[Path]:
    """The helpers package's own code, schemas and templates (sorted): what builds and pages depend on."""
    pkg = Path(__file__).resolve().parents[1]
    return sorted(p for p in pkg.rglob("*") if p.is_file() and p.suffix in (".py", ".json", ".j2"))


def package_digest() -> str:
    """One sha256 of the package's files, each named by its path inside the package: what the
    notebooks' cache, the chart exports and the freezer stamp all record of the code."""
    pkg = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in package_files():
        h.update(p.relative_to(pkg).as_posix().encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()
