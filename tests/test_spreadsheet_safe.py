"""Downloads are safe to open in a spreadsheet (CSV formula injection, OWASP).

A spreadsheet that opens a CSV reads a cell starting with '=', '+', '-' or '@' (or a tab or
carriage return before one) as a formula, unless the whole cell is a number. Text cells that
would start so are rejected when data/raw is validated (`helpers.raw.cells.text_problem`), so
no published cell is ever a formula; this test reads every published CSV that way.
"""
from __future__ import annotations

import csv
import re

import pytest

from conftest import ROOT
from helpers.raw import tables
from helpers.model.published import PUBLISHED

NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_reading(cell: str) -> str:
    """What a spreadsheet makes of a CSV cell: 'formula', 'number' or 'text'."""
    stripped = cell.lstrip("\t\r ")
    if NUMBER.match(cell):
        return "number"
    if cell.startswith(TRIGGERS) or stripped.startswith(("=", "+", "-", "@")):
        return "formula"
    return "text"


def test_the_reading_rule_itself():
    assert spreadsheet_reading('=HYPERLINK("https://evil.example","x")') == "formula"
    assert spreadsheet_reading("+cmd|' /C calc'!A0") == "formula"
    assert spreadsheet_reading("@SUM(1+1)") == "formula"
    assert spreadsheet_reading("-2+3") == "formula"
    assert spreadsheet_reading("\t=1+1") == "formula"
    assert spreadsheet_reading("-73.96806") == "number"
    assert spreadsheet_reading("Moscou") == "text"


@pytest.mark.parametrize("name", PUBLISHED)
def test_no_published_cell_is_a_formula(built, name):
    path = ROOT / "data/processed" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header == tables.field_names(name)
    formulas = [(n + 1, header[i], cell[:40]) for n, row in enumerate(rows[1:], start=1)
                for i, cell in enumerate(row) if spreadsheet_reading(cell) == "formula"]
    assert not formulas, formulas


def test_every_text_field_is_checked_at_validation():
    """The rule covers every text column of every raw table (no column is left out)."""
    from helpers.raw.cells import text_problem

    for name in tables.TABLES:
        for field in tables.raw_schema(name)["fields"]:
            if field["type"] == "string":
                assert text_problem("=1+1", False, field.get("constraints", {}).get("maxLength")), (name, field["name"])
