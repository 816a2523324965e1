"""The README says each thing once, its generated sections are the schemas' own facts, and what it
promises analysts runs as written."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, tree_digest

README = ROOT / "README.md"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def test_generated_sections_match_the_schemas():
    from helpers.publish.readme import generated, missing_sections

    text = README.read_text(encoding="utf-8")
    assert missing_sections(text) == []
    assert generated(text) == text, "README.md is stale: run `python -m helpers build` (it rewrites the generated sections)"


def test_a_changed_schema_changes_the_readme(tmp_path, monkeypatch):
    """The check above can fail: a hand edit inside a generated section is undone by the build."""
    from helpers.publish import readme

    (tmp_path / "README.md").write_text(README.read_text(encoding="utf-8").replace("| `timeline` | `event_id` |", "| `timeline` | `id` |"),
                                        encoding="utf-8")
    assert readme.write_readme(tmp_path) is True
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == README.read_text(encoding="utf-8")
    assert readme.write_readme(tmp_path) is False  # nothing to do the second time


def test_each_heading_and_each_path_once():
    text = README.read_text(encoding="utf-8")
    headings = re.findall(r"^#+ .*$", text, re.M)
    assert len(headings) == len(set(headings))
    rows = re.findall(r"^\| `([^`|]+)`[^|]*\|", section("What is where"), re.M)
    assert rows and len(rows) == len(set(rows))
    steps = re.findall(r"^(\d+)\. ", section("For editors: correct a row, add an event"), re.M)
    assert steps == [str(i) for i in range(1, len(steps) + 1)]  # one numbered list, not two


def test_the_analyst_snippets_run_as_written():
    blocks = re.findall(r"```python\n(.*?)```", section("For analysts"), re.S)
    assert len(blocks) == 2
    code = "\n".join(blocks) + "\nassert len(data.timeline) == len(events) and len(claims) == len(data.claims)\n" \
                               "assert set(data.dictionary('claims').iloc[:, 1]) == set(data.claims.columns)\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_notebooks_run_top_to_bottom_without_the_build(tmp_path, monkeypatch):
    """Opened from a clone (working directory notebooks/, no build), each notebook runs and writes
    what the build published, byte for byte."""
    import nbformat
    from nbclient import NotebookClient

    root = copy_project(tmp_path / "clone")
    before = tree_digest(root / "data" / "processed")
    monkeypatch.delenv("RPK_OUTPUT_DIR", raising=False)  # what the build sets; JupyterLab does not
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    assert tree_digest(root / "data" / "processed") == before
