"""Issue 15: every broken input a hostile editor tried, one row each.

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

import pytest

from conftest import ROOT, run_cli, tree_digest

PROBLEM_LINE = re.compile(r"^data/raw/\S+:\d+:[^:]*: ")


def rows_of(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path, rows, delimiter=",", quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n", delimiter=delimiter, quoting=quoting).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def line_of(root, table, column, value):
    """File line (1 = header) of the first row whose `column` is `value`."""
    rows = rows_of(root / f"data/raw/{table}.csv")
    i = rows[0].index(column)
    return next(n for n, r in enumerate(rows) if n and r[i] == value) + 1


def set_cells(table, line, **cells):
    """Breaker: set cells of file line `line` (2 = first data row)."""
    def breaker(root):
        path = root / f"data/raw/{table}.csv"
        rows = rows_of(path)
        for col, value in cells.items():
            rows[line - 1][rows[0].index(col)] = value
        write_rows(path, rows)
    return breaker


def header_only(table):
    def breaker(root):
        path = root / f"data/raw/{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return breaker


def moscow(**cells):
    def breaker(root):
        set_cells("places", line_of(root, "places", "place_id", "moscow"), **cells)(root)
    return breaker


def percent_estimate(root):
    line = line_of(root, "estimates", "unit", "percent")
    set_cells("estimates", line, value_low="200", value_high="250")(root)
    return line


def percent_breaker(root):
    percent_estimate(root)


def duplicate_url(root):
    path = root / "data/raw/sources.csv"
    rows = rows_of(path)
    copy = list(rows[5])
    copy[0] = "copy-20241104-same-page"
    copy[rows[0].index("url")] = copy[rows[0].index("url")].replace("https://www.", "https://") + "/"
    rows.append(copy)
    write_rows(path, rows)


def stray_cr(root):
    path = root / "data/raw/timeline.csv"
    rows = rows_of(path)
    rows[3][rows[0].index("summary_en")] = "First half\rsecond half"
    write_rows(path, rows, quoting=csv.QUOTE_ALL)  # the CR sits inside a quoted cell


def semicolons(root):
    path = root / "data/raw/actors.csv"
    write_rows(path, rows_of(path), delimiter=";")


def unbalanced_quote(root):
    path = root / "data/raw/claims.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[5] = lines[5].replace(",", ',"', 1)  # opens a quote in the 2nd cell of line 6 that no comma follows
    path.write_text("\n".join(lines), encoding="utf-8")


def geo_file(name, content):
    def breaker(root):
        path = root / "data/raw/geo" / name
        if content is None:
            path.unlink()
        else:
            path.write_text(content(path.read_text(encoding="utf-8")), encoding="utf-8")
    return breaker


# (id, breaker, expected "path:row:column: " prefix, reason substring, file named once?)
# A row of None means: computed by `line_of` at run time through the lambda.
CASES = [
    # published by halves on main
    ("estimate date not zero-padded", set_cells("estimates", 2, as_of_date="2024-1-4"),
     "data/raw/estimates.csv:2:as_of_date: ", "is not a zero-padded ISO date", False),
    ("estimates header only", header_only("estimates"),
     "data/raw/estimates.csv:2:-: ", "has a header but no rows", True),
    # accepted as data on main
    ("coordinates swapped", moscow(lat="37.6", lon="55.75"),
     ("places", "moscow"), "lies in Iran (IR), not in Russia (RU): latitude and longitude swapped?", False),
    ("longitude sign flipped", moscow(lon="-37.6"),
     ("places", "moscow"), "outside every country (at sea?), not in Russia (RU): a sign flipped?", False),
    ("value 1e15", set_cells("estimates", 3, value_high="1e15"),
     "data/raw/estimates.csv:3:value_high: ", "is not a plain decimal number", False),
    ("value INF", set_cells("estimates", 4, value_high="INF"),
     "data/raw/estimates.csv:4:value_high: ", "is not a plain decimal number", False),
    ("value beyond plausible", set_cells("estimates", 5, value_high="1000000000000000"),
     "data/raw/estimates.csv:5:value_high: ", "outside the plausible range for", False),
    ("percent of 200-250", percent_breaker,
     ("estimates", "percent"), "200 is outside the plausible range for 'share of Russian artillery ammunition' (0 to 100 percent)", False),
    ("date 0001-01-01", set_cells("claim_sources", 2, date="0001-01-01"),
     "data/raw/claim_sources.csv:2:date: ", "2019-01-01", False),
    ("required text of three spaces", set_cells("timeline", 3, title_en="   "),
     "data/raw/timeline.csv:3:title_en: ", "only spaces; this value is required", False),
    ("NUL byte in a title", set_cells("timeline", 4, title_fr="Sommet\x00 de Vladivostok"),
     "data/raw/timeline.csv:4:title_fr: ", "control character U+0000", False),
    ("right-to-left override in a title", set_cells("sources", 3, title="\u202eevil title"),
     "data/raw/sources.csv:3:title: ", "bidirectional control U+202E", False),
    ("2 MB summary", set_cells("timeline", 5, summary_en="x" * (2 * 1024 * 1024)),
     "data/raw/timeline.csv:5:summary_en: ", "text is 2,097,152 characters long; this column takes at most 2,000", False),
    ("10,000-character title", set_cells("timeline", 6, title_en="y" * 10_000),
     "data/raw/timeline.csv:6:title_en: ", "text is 10,000 characters long; this column takes at most 300", False),
    ("same URL under a new source_id", duplicate_url,
     "data/raw/sources.csv:443:url: ", "same address as source", False),
    ("routes header only", header_only("routes"),
     "data/raw/routes.csv:2:-: ", "routes must hold at least 1 row", True),
    # caught late or blamed on the wrong file on main
    ("geo snapshot missing", geo_file("admin1_regions.geojson", None),
     "data/raw/geo/admin1_regions.geojson:0:-: ", "file missing", False),
    ("geo snapshot empty", geo_file("admin1_regions.geojson", lambda text: ""),
     "data/raw/geo/admin1_regions.geojson:1:-: ", "file is empty", False),
    ("geo snapshot garbled", geo_file("admin1_regions.geojson", lambda text: text[: len(text) // 2]),
     "data/raw/geo/admin1_regions.geojson:1:-: ", "not valid JSON", False),
    ("geo snapshots.json missing", geo_file("snapshots.json", None),
     "data/raw/geo/snapshots.json:0:-: ", "file missing", False),
    ("geo snapshots.json garbled", geo_file("snapshots.json", lambda text: text.replace("}", "", 1)),
     "data/raw/geo/snapshots.json:", "not valid JSON", False),
    ("number written 1_500", set_cells("estimates", 6, value_low="1_500"),
     "data/raw/estimates.csv:6:value_low: ", "is not a plain decimal number", False),
    ("claim_sources date not zero-padded", set_cells("claim_sources", 7, date="2024-11-4"),
     "data/raw/claim_sources.csv:7:date: ", "is not a zero-padded ISO date", False),
    ("timeline header only", header_only("timeline"),
     "data/raw/timeline.csv:2:-: ", "has a header but no rows", True),
    ("sources emptied", header_only("sources"),
     "data/raw/sources.csv:2:-: ", "has a header but no rows", True),
    ("places emptied", header_only("places"),
     "data/raw/places.csv:2:-: ", "has a header but no rows", True),
    ("claims emptied", header_only("claims"),
     "data/raw/claims.csv:2:-: ", "has a header but no rows", True),
    ("stray CR in a quoted cell", stray_cr,
     "data/raw/timeline.csv:4:summary_en: ", "carriage return (CR) inside a quoted cell", True),
    ("semicolon-delimited file", semicolons,
     "data/raw/actors.csv:1:-: ", "separated by semicolons (;), not commas", True),
    ("unbalanced quote", unbalanced_quote,
     "data/raw/claims.csv:6:-: ", "unbalanced double quote in this row", True),
    # published verbatim into spreadsheets on main
    ("formula =HYPERLINK", set_cells("timeline", 7, title_en='=HYPERLINK("https://example.org","click")'),
     "data/raw/timeline.csv:7:title_en: ", "starts with '=': a spreadsheet would run the cell as a formula", False),
    ("formula +cmd", set_cells("places", 3, name_en="+cmd|' /C calc'!A0"),
     "data/raw/places.csv:3:name_en: ", "starts with '+'", False),
    ("formula @SUM", set_cells("estimates", 7, wording_en="@SUM(1+1)*cmd|' /C calc'!A0"),
     "data/raw/estimates.csv:7:wording_en: ", "starts with '@'", False),
    ("formula -", set_cells("routes", 2, description_en="-2+3+cmd|' /C calc'!A0"),
     "data/raw/routes.csv:2:description_en: ", "starts with '-'", False),
    ("leading tab", set_cells("sources", 4, notes="\t=1+1"),
     "data/raw/sources.csv:4:notes: ", "control character U+0009", False),
]


@pytest.fixture
def project_with_figures(project_copy):
    """A copy of the project with its published figures/ too (built by the `built` fixture)."""
    if (ROOT / "figures").is_dir():
        shutil.copytree(ROOT / "figures", project_copy / "figures")
    else:
        (project_copy / "figures").mkdir()
    (project_copy / "figures" / "sentinel.txt").write_text("figures/ must not change\n", encoding="utf-8")
    return project_copy


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_is_stopped_and_nothing_is_published(built, project_with_figures, case):
    _, breaker, where, reason, named_once = case
    root = project_with_figures
    before = {"data/processed": tree_digest(root / "data/processed"), "figures": tree_digest(root / "figures"),
              "notebooks": tree_digest(root / "notebooks")}
    breaker(root)
    if isinstance(where, tuple):  # (table, value) -> the line of the row that was broken
        table, value = where
        column = "lat" if table == "places" else "value_low"
        key = "place_id" if table == "places" else "unit"
        where = f"data/raw/{table}.csv:{line_of(ROOT, table, key, value)}:{column}: "
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


def test_the_real_data_validates_under_every_rule():
    result = run_cli(ROOT, "validate")
    assert result.returncode == 0, result.stdout


def test_every_quantity_has_a_plausible_range_and_unit():
    from helpers import domain
    from helpers.estimates import QUANTITY_UNITS

    ranges = domain.plausible_ranges()
    assert set(ranges) == set(QUANTITY_UNITS)
    assert ranges["share of Russian artillery ammunition"] == [0, 100]
    assert ranges["troops deployed"][1] <= 10**6 and ranges["artillery shells"][1] <= 10**8
