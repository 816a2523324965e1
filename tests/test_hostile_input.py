"""A corpus of broken raw tables: each is rejected with a clear message and no change to
data/processed. Built from the real tables, broken the way real files break."""
from __future__ import annotations

import csv
import io

import pytest

from conftest import run_cli, tree_digest


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def truncated(root):
    path = root / "data/raw/timeline.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")  # cut mid-row
    return "data/raw/timeline.csv:"


def windows_1252(root):
    path = root / "data/raw/claims.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    return "not valid UTF-8"


def utf8_bom(root):
    path = root / "data/raw/actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return "data/raw/actors.csv:1:-: file starts with a byte-order mark"


def swapped_columns(root):
    path = root / "data/raw/estimates.csv"
    rows = _rows(path)
    i, j = rows[0].index("value_low"), rows[0].index("unit")
    for r in rows:
        r[i], r[j] = r[j], r[i]
    _write(path, rows)
    return "data/raw/estimates.csv:1:unit: column 3 should be 'value_low'"


def swapped_values(root):
    path = root / "data/raw/claim_sources.csv"
    rows = _rows(path)
    i, j = rows[0].index("stance"), rows[0].index("evidence_type")
    rows[1][i], rows[1][j] = rows[1][j], rows[1][i]
    _write(path, rows)
    return "data/raw/claim_sources.csv:2:stance: "


def duplicated_ids(root):
    path = root / "data/raw/sources.csv"
    rows = _rows(path)
    rows.append(list(rows[3]))
    _write(path, rows)
    return f"data/raw/sources.csv:{len(rows)}:source_id: duplicated id"


def circular_reference(root):
    path = root / "data/raw/actors.csv"
    rows = _rows(path)
    h = rows[0]
    ids = {r[h.index("actor_id")]: n for n, r in enumerate(rows) if n}
    a, b = "ru-peskov", "ru-kremlin"
    rows[ids[b]][h.index("parent_actor_id")] = a  # ru-peskov -> ru-kremlin -> ru-peskov
    rows[ids[a]][h.index("parent_actor_id")] = b
    _write(path, rows)
    return "parent_actor_id: circular reference"


def dangling_place(root):
    path = root / "data/raw/routes.csv"
    rows = _rows(path)
    rows[1][rows[0].index("place_ids")] += ";atlantis"
    _write(path, rows)
    return "data/raw/routes.csv:2:place_ids: unknown places id 'atlantis'"


def dangling_correction(root):
    path = root / "data/raw/corrections.csv"
    rows = _rows(path)
    rows.append(["co-999", "2025-01-01", "timeline", "ev-20990101-nothing", "date", "x", "x", ""])
    _write(path, rows)
    return f"data/raw/corrections.csv:{len(rows)}:record_id: unknown timeline id"


def empty_file(root):
    (root / "data/raw/places.csv").write_text("", encoding="utf-8")
    return "data/raw/places.csv:"


def missing_file(root):
    (root / "data/raw/routes.csv").unlink()
    return "data/raw/routes.csv:0:-: file missing"


def injected_url(root):
    path = root / "data/raw/sources.csv"
    rows = _rows(path)
    rows[2][rows[0].index("url")] = "javascript:alert(1)"
    _write(path, rows)
    return "data/raw/sources.csv:3:url: "


def allegation_single_source(root):
    path = root / "data/raw/timeline.csv"
    rows = _rows(path)
    h = rows[0]
    n = next(i for i, r in enumerate(rows) if i and r[h.index("status")] == "alleged")
    rows[n][h.index("source_ids")] = rows[n][h.index("source_ids")].split(";")[0]
    _write(path, rows)
    return f"data/raw/timeline.csv:{n + 1}:source_ids: an allegation needs at least two independent sources"


CORPUS = [truncated, windows_1252, utf8_bom, swapped_columns, swapped_values, duplicated_ids, circular_reference,
          dangling_place, dangling_correction, empty_file, missing_file, injected_url, allegation_single_source]


@pytest.mark.parametrize("breaker", CORPUS, ids=[b.__name__ for b in CORPUS])
def test_broken_table_is_rejected(project_copy, breaker):
    before = tree_digest(project_copy / "data/processed")
    expected = breaker(project_copy)
    result = run_cli(project_copy, "build")
    assert result.returncode == 1, result.stdout
    assert expected in result.stderr, result.stderr
    assert "data/processed left unchanged" in result.stderr
    assert tree_digest(project_copy / "data/processed") == before
    assert not list((project_copy / "data").glob(".build-*"))


def test_failing_notebook_is_named_and_nothing_is_written(project_copy):
    """A broken notebook stops the build, naming the notebook and the cell."""
    import nbformat

    before = tree_digest(project_copy / "data/processed")
    path = project_copy / "notebooks/04_estimates.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    nb.cells[code[1]].source += "\nraise RuntimeError('deliberate failure')"
    nbformat.write(nb, path)
    result = run_cli(project_copy, "build", "--no-figures")
    assert result.returncode == 1
    assert f"notebooks/04_estimates.ipynb: cell {code[1] + 1}: RuntimeError: deliberate failure" in result.stderr
    assert tree_digest(project_copy / "data/processed") == before
