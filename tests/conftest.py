"""Shared fixtures: the real project, copies of it for destructive tests, and the CLI."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
COPY_ITEMS = ("_quarto.yml", "data/raw", "data/processed", "notebooks", "CHANGELOG.md", "assets/js")


def run_cli(root: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=root)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_project(dest: Path) -> Path:
    for item in COPY_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item)
        else:
            (dest / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / item)
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's data and notebooks (the helpers package is shared)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built() -> Path:
    """Make sure data/processed and figures/ are current (fast when nothing changed)."""
    result = run_cli(ROOT, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return ROOT


@pytest.fixture(scope="session")
def published(built):
    from helpers import load

    return load(built)


# ----------------------------------------------------------------------------- the rendered site
# One real `quarto render` of a throwaway copy per session, shared by tests/test_site.py and
# tests/test_reading.py (tests/rendered.py).

@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    import rendered

    return rendered.render_copy(tmp_path_factory.mktemp("render") / "project")


@pytest.fixture(scope="session")
def base(site):
    import rendered

    with rendered.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    import rendered

    with rendered.chromium() as b:
        yield b
