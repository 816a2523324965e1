"""Bad input gets a clear error (file, row, column, reason), a non-zero exit, and
data/processed stays byte-for-byte as it was. Each case edits one raw table in a copy."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from conftest import run_cli, tree_digest


def rewrite(path: Path, edit) -> None:
    """Read a CSV as rows (header first), let `edit` change them, write it back."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(table: str, row: int, column: str, value: str):
    """Edit data row `row` (1 = first data row, i.e. file line 2)."""
    def edit(rows):
        rows[row][rows[0].index(column)] = value
    return table, edit, row + 1, column


def col_value(root: Path, table: str, row: int, column: str) -> str:
    with (root / "data/raw" / f"{table}.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[row][rows[0].index(column)]


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()

CASES = {
    "unparseable date": (set_cell("timeline", 3, "date", "2024-02-30"), "is not a valid date"),
    "date in the future": (set_cell("estimates", 2, "as_of_date", TOMORROW), "is in the future"),
    "unknown source id": (set_cell("claim_sources", 5, "source_id", "nobody-20240101-nothing"), "unknown sources id 'nobody-20240101-nothing'"),
    "non-https url": (set_cell("sources", 4, "url", "http://example.org/article"), "does not match the expected pattern"),
    "malformed url": (set_cell("sources", 6, "url", "https://exa mple"), "does not match the expected pattern"),
    "malformed host": (set_cell("sources", 7, "url", "https://localhost/page"), "malformed URL"),
    "empty required field": (set_cell("timeline", 2, "title_en", ""), "required value is empty"),
    "unknown enum value": (set_cell("timeline", 1, "category", "gossip"), "'gossip' is not an allowed value"),
    "latitude out of range": (set_cell("places", 2, "lat", "91.5"), "'91.5' is out of range (maximum is 90)"),
    "longitude out of range": (set_cell("places", 3, "lon", "-181"), "'-181' is out of range (minimum is -180)"),
    "low above high": (set_cell("estimates", 1, "value_low", "99999999"), "is above high bound"),
    "unknown list reference": (set_cell("timeline", 4, "actor_ids", "ru-putin;nobody"), "unknown actors id 'nobody'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_cell_is_named_and_nothing_is_written(project_copy, case):
    (table, edit, line, column), reason = CASES[case]
    before = tree_digest(project_copy / "data/processed")
    rewrite(project_copy / "data/raw" / f"{table}.csv", edit)
    result = run_cli(project_copy, "build")
    assert result.returncode == 1
    expected = f"data/raw/{table}.csv:{line}:{column}: "
    lines = [l for l in result.stderr.splitlines() if l.startswith(expected)]
    assert lines, f"no error naming {expected!r} in:\n{result.stderr}"
    assert any(reason in l for l in lines), f"{reason!r} not in {lines}"
    assert tree_digest(project_copy / "data/processed") == before


def test_duplicated_id(project_copy):
    before = tree_digest(project_copy / "data/processed")
    first_id = col_value(project_copy, "estimates", 1, "estimate_id")
    rewrite(project_copy / "data/raw/estimates.csv", lambda rows: rows[5].__setitem__(0, first_id))
    result = run_cli(project_copy, "build")
    assert result.returncode == 1
    assert f"data/raw/estimates.csv:6:estimate_id: duplicated id '{first_id}'" in result.stderr
    assert tree_digest(project_copy / "data/processed") == before


def test_missing_column(project_copy):
    before = tree_digest(project_copy / "data/processed")
    def drop(rows):
        i = rows[0].index("evidence_type")
        for r in rows:
            del r[i]
    rewrite(project_copy / "data/raw/claim_sources.csv", drop)
    result = run_cli(project_copy, "build")
    assert result.returncode == 1
    assert "data/raw/claim_sources.csv:1:evidence_type: missing column" in result.stderr
    assert tree_digest(project_copy / "data/processed") == before


def test_not_utf8(project_copy):
    before = tree_digest(project_copy / "data/processed")
    path = project_copy / "data/raw/timeline.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    result = run_cli(project_copy, "build")
    assert result.returncode == 1
    assert "data/raw/timeline.csv:" in result.stderr and "not valid UTF-8" in result.stderr
    line = [l for l in result.stderr.splitlines() if "not valid UTF-8" in l][0]
    assert int(line.split(":")[1]) >= 2  # the line of the first accented character, not the header
    assert tree_digest(project_copy / "data/processed") == before


def test_validate_command_lists_every_problem(project_copy):
    rewrite(project_copy / "data/raw/timeline.csv", lambda rows: (rows[1].__setitem__(1, "not a date"),
                                                                  rows[2].__setitem__(3, "gossip")))
    result = run_cli(project_copy, "validate")
    assert result.returncode == 1
    assert "data/raw/timeline.csv:2:date:" in result.stdout
    assert "data/raw/timeline.csv:3:category:" in result.stdout


def test_clean_data_validates():
    from conftest import ROOT
    result = run_cli(ROOT, "validate")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("blank", ["\n", "\n\n\n", "\r\n"])
def test_blank_lines_at_the_end_of_a_file_are_tolerated(project_copy, blank):
    from helpers.raw.validate import validate_raw

    path = project_copy / "data/raw/estimates.csv"
    path.write_bytes(path.read_bytes().rstrip(b"\n") + b"\n" + blank.encode())
    assert [str(p) for p in validate_raw(project_copy)] == []


def test_a_blank_line_inside_a_table_is_named_once_with_its_reason(project_copy):
    from helpers.raw.validate import validate_raw

    path = project_copy / "data/raw/estimates.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(lines[:5] + ["", ""] + lines[5:]), encoding="utf-8")
    found = [str(p) for p in validate_raw(project_copy)]
    assert found == ["data/raw/estimates.csv:6:-: empty line inside the table; delete it"], found
