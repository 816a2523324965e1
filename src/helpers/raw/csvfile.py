"""File-level reading of a hand-curated CSV, before any cell is looked at.

A file that cannot be read as one comma-separated table (empty, separated by
semicolons, an unbalanced quote, a line break or stray carriage return inside a quoted cell, a
row with more or fewer cells than the header, a blank line in the middle) is named here, once,
with the line where it goes wrong. The checks of cells and across tables only run on tables
that pass: an emptied ``sources.csv`` is reported as empty, not as hundreds of unknown ids in
the other files.

Line numbers are physical lines counted on ``\\n`` (what an editor shows), so a carriage
return inside a quoted cell does not shift them.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    line: int
    reason: str
    column: str = "-"


def _lines(text: str):
    """Split on '\\n' only (keeping it), so a lone CR stays inside its line."""
    parts = text.split("\n")
    for i, part in enumerate(parts):
        if i < len(parts) - 1:
            yield part + "\n"
        elif part:
            yield part


def _pretty(message: str) -> str:
    """The csv module's wording, in an editor's words."""
    if "unexpected end of data" in message:
        return "unbalanced double quote in this row: the quoted cell that starts here is never closed"
    if "expected after" in message:
        return ("unbalanced double quote in this row: a quoted cell must close just before a comma, "
                "and a quote inside a cell is written twice (\"\")")
    if "new-line character seen in unquoted field" in message:
        return "stray carriage return (CR) outside quotes; save the file with plain line ends"
    return message


def read_rows(text: str) -> tuple[list[list[str]], list[int], list[FileProblem]]:
    """Rows (header first), the line each row starts on, and file-level problems ([] when readable).

    Only the first structural problem is returned: what follows it cannot be trusted.
    """
    if not text.strip():
        return [], [], [FileProblem(1, "file is empty (no header, no rows); restore it from git or re-export it")]
    if text.lower().startswith("sep="):
        return [], [], [FileProblem(1, "the first line is a spreadsheet's 'sep=' hint, not the header; delete that line")]
    reader = csv.reader(_lines(text), strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []
    blank_at = None
    prev_end = 0
    try:
        for row in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if not row or row == [""]:
                blank_at = blank_at or start
                continue
            if blank_at is not None:
                return rows, starts, [FileProblem(blank_at, "empty line inside the table; delete it")]
            rows.append(row)
            starts.append(start)
    except csv.Error as err:
        return rows, starts, [FileProblem(prev_end + 1, _pretty(str(err)))]
    header = rows[0]
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "semicolons (;)" if ";" in header[0] else "tabs"
        return rows, starts, [FileProblem(1, f"the file is separated by {sep}, not commas; save it as comma-separated CSV (UTF-8)")]
    for row, line in zip(rows[1:], starts[1:]):
        if len(row) != len(header):
            more = len(row) > len(header)
            why = "unquoted comma inside a cell?" if more else "truncated row or a missing comma?"
            return rows, starts, [FileProblem(line, f"row has {len(row)} cells, the header has {len(header)} ({why})")]
    for row, line in zip(rows, starts):
        for name, cell in zip(header, row):
            if "\r" in cell or "\n" in cell:
                what = "carriage return (CR)" if "\r" in cell and "\n" not in cell else "line break"
                shown = cell[:40].encode("unicode_escape").decode()
                return rows, starts, [FileProblem(line, f"{what} inside a quoted cell ('{shown}…'); keep each row on one line", name)]
    return rows, starts, []
