"""Property-based tests (hypothesis): arbitrary rows for every schema never give a traceback.

For each raw table, hypothesis writes a row built from real values of that column, hostile
strings and arbitrary unicode into a copy of data/raw, and runs the validation in process
(a full build per example would take minutes). Either every problem names a file, a row and
a column of that table, or the data are valid and then read back as the notebooks read them
(types converted, dates parsed) without an exception. Bounded: a few dozen examples in all,
derandomised so that CI runs the same examples every time.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from helpers.raw import tables
from helpers.core.dates import parse_date
from helpers.raw.problems import Problem
from helpers.raw.validate import validate_raw

HOSTILE = ["", " ", "   ", "2024-1-4", "0001-01-01", "9999-12-31", "1_500", "INF", "NaN", "-inf", "1e15", "-0", "0",
           "=HYPERLINK(\"x\")", "+cmd", "@SUM(1)", "-2+3", "\tx", "a\x00b", "\u202eevil", "x" * 3000, "a;b", ";",
           "https://example.org/x", "javascript:alert(1)", "<script>alert(1)</script>", "\"", "\"\"", "é", "🙂",
           "1,5", "12.", ".5", "true", "ru-putin", "cl-01", "es-001"]

SETTINGS = settings(max_examples=5, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("props")
    shutil.copytree(ROOT / "data/raw", root / "data/raw")
    (root / "_quarto.yml").write_text("project:\n  type: website\n", encoding="utf-8")
    return root


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def row_strategy(name: str):
    header = tables.field_names(name, raw=True)
    real = _read(ROOT / f"data/raw/{name}.csv")[1:]
    columns = []
    for i, _ in enumerate(header):
        seen = sorted({r[i] for r in real}) or [""]
        columns.append(st.one_of(st.sampled_from(seen), st.sampled_from(seen), st.sampled_from(HOSTILE),
                                 st.text(max_size=12)))
    return st.tuples(*columns).map(list)


def _check(root: Path, name: str, row: list[str]) -> None:
    path = root / f"data/raw/{name}.csv"
    original = (ROOT / f"data/raw/{name}.csv").read_text(encoding="utf-8")
    rows = _read(ROOT / f"data/raw/{name}.csv")
    rows.insert(1, row) if len(rows) == 1 else rows.__setitem__(1, row)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        problems = validate_raw(root)
        header = rows[0]
        for p in problems:
            assert isinstance(p, Problem) and p.path.startswith("data/raw/") and p.row >= 0, p
            assert p.reason and "Traceback" not in p.reason, p
            if p.path == f"data/raw/{name}.csv" and p.row > 1:
                assert p.column in header or p.column == "-", p
            printable = str(p)
            assert "\x00" not in printable and "\u202e" not in printable, repr(printable)
        if not problems:  # valid: the notebooks' way of reading it works
            for table in tables.TABLES:
                df = tables.read_table(root / f"data/raw/{table}.csv", table)
                for col in tables.fields_of_type(table, "date"):
                    for value in df[col]:
                        if value:
                            parse_date(value)
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("name", tables.TABLES)
def test_arbitrary_rows_give_clean_errors_or_valid_data(scratch, name):
    @SETTINGS
    @given(row=row_strategy(name))
    def prop(row):
        _check(scratch, name, row)

    prop()


def test_a_real_row_round_trips_as_valid(scratch):
    """The property can pass with no problem at all: a real row rewritten as is stays valid."""
    for name in ("estimates", "places", "timeline"):
        _check(scratch, name, _read(ROOT / f"data/raw/{name}.csv")[1])
    assert validate_raw(scratch) == []


@pytest.mark.slow
@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(row=row_strategy("estimates"))
def test_arbitrary_estimate_rows_through_the_full_build(built, tmp_path_factory, row):
    """A few full builds (figures included, where main once published by halves): either a clean
    error naming file, row and column with nothing published, or a complete, consistent build."""
    from conftest import copy_project, run_cli, tree_digest
    from helpers.charts.figures import figures_current

    root = copy_project(tmp_path_factory.mktemp("full"))
    shutil.copytree(ROOT / "figures", root / "figures")
    before = {f: tree_digest(root / f) for f in ("data/processed", "figures")}
    path = root / "data/raw/estimates.csv"
    rows = _read(path)
    rows[1] = row
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    result = run_cli(root, "build")
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:
        assert figures_current(root / "figures", root / "data/processed")
    else:
        assert result.returncode == 1
        lines = [l for l in result.stderr.splitlines() if l.startswith("data/raw/")]
        assert lines and all(len(l.split(":", 3)) == 4 for l in lines), result.stderr
        assert {f: tree_digest(root / f) for f in before} == before
    assert not list((root / "data").glob(".build-*"))
