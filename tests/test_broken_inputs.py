"""Issue 15: every broken input a hostile editor tried, one row each of tests/data/broken_inputs.csv.

Each case breaks a fresh copy of today's data/raw, runs `python -m helpers build`, and asserts:
exit 1; the expected message naming file, row and column; when the fault is a whole file,
that it is named once and nothing else is blamed on the files that cite it; and data/processed
and figures/ byte-for-byte as before, with no staging folder left behind.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, tree_digest

PROBLEM_LINE = re.compile(r"^data/raw/\S+:\d+:[^:]*: ")


def rows_of(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path, rows, delimiter=",", ends="\n"):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=ends, delimiter=delimiter).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def line_of(root, table, column, value):
    """File line (1 = header) of the first row whose `column` is `value`."""
    rows = rows_of(root / f"data/raw/{table}.csv")
    i = rows[0].index(column)
    return next(n for n, r in enumerate(rows) if n and r[i] == value) + 1


def decode(value: str) -> str:
    """A cell of the case table: backslash escapes (\\x00, \\u202e, \\t, \\r) and '*N:x' for x repeated N times."""
    if value.startswith("*") and ":" in value:
        count, text = value[1:].split(":", 1)
        return text * int(count)
    return value.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _set(root, c, ends="\n"):
    path = root / f"data/raw/{c['table']}.csv"
    rows = rows_of(path)
    if c["line"].isdigit():
        line = int(c["line"])
    else:  # a row found by its value: the place id, or the unit of an estimate
        line = line_of(root, c["table"], "place_id" if c["table"] == "places" else "unit", c["line"])
    for col, value in zip(c["column"].split(";"), c["value"].split(";")):
        rows[line - 1][rows[0].index(col)] = decode(value)
    write_rows(path, rows, ends=ends)  # with CRLF line ends, a cell holding a CR is quoted
    return line


def _header_only(root, c):
    path = root / f"data/raw/{c['table']}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _duplicate_url(root, c):
    path = root / "data/raw/sources.csv"
    rows = rows_of(path)
    copy = list(rows[5])
    copy[0] = "copy-20241104-same-page"
    url = rows[0].index("url")
    copy[url] = copy[url].replace("https://www.", "https://") + "/"
    rows.append(copy)
    write_rows(path, rows)
    return len(rows)


def _semicolons(root, c):
    path = root / f"data/raw/{c['table']}.csv"
    write_rows(path, rows_of(path), delimiter=";")


def _unbalanced_quote(root, c):
    path = root / f"data/raw/{c['table']}.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = int(c["line"]) - 1
    lines[n] = lines[n].replace(",", ',"', 1)  # opens a quote in the 2nd cell that no comma follows
    path.write_text("\n".join(lines), encoding="utf-8")


def _geo(edit):
    def action(root, c):
        path = root / "data/raw/geo" / c["table"]
        if edit is None:
            path.unlink()
        else:
            path.write_text(edit(path.read_text(encoding="utf-8"), c["value"]), encoding="utf-8")
    return action


def _sep_hint(root, c):
    path = root / f"data/raw/{c['table']}.csv"
    path.write_text("sep=,\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def _symlink(root, c):
    """The table replaced by a link to a file outside the project (same content)."""
    path = root / f"data/raw/{c['table']}.csv"
    outside = root.parent / f"outside-{c['table']}.csv"
    shutil.copy2(path, outside)
    path.unlink()
    path.symlink_to(outside)


ACTIONS = {
    "set": _set, "set_row": _set, "set_crlf": lambda root, c: _set(root, c, ends="\r\n"),
    "header_only": _header_only, "duplicate_url": _duplicate_url, "semicolons": _semicolons,
    "unbalanced_quote": _unbalanced_quote, "geo_delete": _geo(None), "geo_write": _geo(lambda text, v: v),
    "geo_truncate": _geo(lambda text, v: text[: len(text) // 2]),
    "geo_replace": _geo(lambda text, v: text.replace(*v.split("|"))),
    "sep_hint": _sep_hint, "symlink": _symlink,
}

with (Path(__file__).parent / "data" / "broken_inputs.csv").open(encoding="utf-8", newline="") as fh:
    CASES = list(csv.DictReader(fh))


@pytest.fixture
def project_with_figures(project_copy):
    """A copy of the project with its published figures/ too (built by the `built` fixture)."""
    if (ROOT / "figures").is_dir():
        shutil.copytree(ROOT / "figures", project_copy / "figures")
    else:
        (project_copy / "figures").mkdir()
    (project_copy / "figures" / "sentinel.txt").write_text("figures/ must not change\n", encoding="utf-8")
    return project_copy


def test_the_case_table_covers_the_issue():
    assert len(CASES) >= 35 and len({c["case"] for c in CASES}) == len(CASES)
    assert {c["action"] for c in CASES} <= set(ACTIONS)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_broken_input_is_stopped_and_nothing_is_published(built, project_with_figures, case):
    root = project_with_figures
    before = {"data/processed": tree_digest(root / "data/processed"), "figures": tree_digest(root / "figures"),
              "notebooks": tree_digest(root / "notebooks")}
    line = ACTIONS[case["action"]](root, case)
    where, reason, named_once = case["expected"].format(line=line), case["reason"], case["named_once"] == "yes"
    result = run_cli(root, "build")
    err = result.stderr
    assert result.returncode == 1, result.stdout + err
    assert "Traceback" not in err, err
    lines = [l for l in err.splitlines() if l.startswith(where)]
    assert lines, f"no message starting {where!r} in:\n{err[:3000]}"
    assert any(reason in l for l in lines), f"{reason!r} not in {lines}"
    if named_once:  # the broken file is the one cause given: nothing blamed on the files that cite it
        problems = [l for l in err.splitlines() if PROBLEM_LINE.match(l)]
        assert problems == lines[:1], problems[:20]
    assert "nothing published: data/processed left unchanged, figures/ left unchanged" in err
    for folder, digest in before.items():
        assert tree_digest(root / folder) == digest, f"{folder} changed"
    assert not list((root / "data").glob(".build-*"))


def test_crlf_files_are_read_as_they_should_be(tmp_path):
    from conftest import copy_project
    from helpers.raw.validate import validate_raw

    root = copy_project(tmp_path / "p")
    for name in ("timeline", "sources", "corrections"):
        path = root / f"data/raw/{name}.csv"
        write_rows(path, rows_of(path), ends="\r\n")
        assert b"\r\n" in path.read_bytes()
    assert validate_raw(root) == []


def test_the_real_data_validates_under_every_rule():
    result = run_cli(ROOT, "validate")
    assert result.returncode == 0, result.stdout


def test_every_quantity_has_a_plausible_range_and_unit():
    from helpers.raw import cells
    from helpers.raw.cells import QUANTITY_UNITS

    ranges = cells.plausible_ranges()
    assert set(ranges) == set(QUANTITY_UNITS)
    assert ranges["share of Russian artillery ammunition"] == [0, 100]
    assert ranges["troops deployed"][1] <= 10**6 and ranges["artillery shells"][1] <= 10**8
