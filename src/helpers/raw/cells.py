"""Rules for each cell of ``data/raw``, read from the schemas (declared once, in ``helpers/schemas/*.json``).

What a Table Schema's types let through but no editor means: ``2024-1-4`` as a date, ``INF``,
``1e15`` or ``1_500`` as a number, a title of three spaces, a NUL byte or a right-to-left
override, a 2 MB summary, a cell that a spreadsheet would run as a formula. The bounds live
in the schemas, not here:

* ``constraints.maxLength`` on text fields: the longest text a column takes;
* ``constraints.minimum`` on date fields: the earliest date (2019-01-01 for events; earlier
  only for background dates such as a document's publication or a term of office);
* ``x-plausible-range`` on ``estimates.quantity``: ``[min, max]`` per quantity, in its unit;
* ``x-min-rows`` on a table: it must not be empty.

Every rule returns ``(index, column, reason)`` tuples; the row in the file is ``index + 2``.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import urllib.parse

import pandas as pd

from helpers.raw import tables

DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
INTEGER_RE = re.compile(r"^-?[0-9]+$")
#: Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: What UTF-8 text decoded as Latin-1 or Windows-1252 looks like ("PÃ©kin", "â€™", "Â ").
MOJIBAKE = re.compile("[\u00c3\u00c2][\u0080-\u00bf]|\u00e2\u20ac")
#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Query parameters that only track the reader; two URLs differing by them are the same page.
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid)$", re.I)


def show(cell: str, width: int = 60) -> str:
    """A cell as it can be printed in a message: escaped, and cut when long."""
    text = str(cell)
    cut = len(text) > width
    text = text[:width].encode("unicode_escape").decode("ascii") if any(
        not ch.isprintable() for ch in text[:width]) else text[:width]
    return text + ("…" if cut else "")


CONTROL_NAMES = {0: "NUL", 8: "BACKSPACE", 9: "TAB", 10: "LF", 11: "VERTICAL TAB", 12: "FORM FEED", 13: "CR", 27: "ESC", 127: "DEL"}


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, None) or CONTROL_NAMES.get(ord(ch), 'control')})"


def text_problem(cell: str, required: bool, max_length: int | None, text: bool = True) -> str | None:
    """The first thing wrong with a text cell, or None."""
    for ch in cell:
        if ch in "\r\n":
            return "line break inside a cell; keep each row on one line"
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            return f"control character {_char_name(ch)} in the text; delete it"
        if ch in BIDI:
            return f"bidirectional control {_char_name(ch)} in the text (it reorders what readers see); delete it"
        if unicodedata.category(ch) == "Cf":
            return (f"invisible character {_char_name(ch)} in the text (it defeats searches and duplicate checks); "
                    "delete it")
    if (m := MOJIBAKE.search(cell)):
        return (f"'{m.group(0)}' looks like text decoded with the wrong encoding (mojibake, e.g. 'PÃ©kin' for 'Pékin'); "
                "re-type it, or re-save the file as UTF-8")
    if cell and not cell.strip():
        return "only spaces; " + ("this value is required" if required else "leave the cell empty")
    if cell != cell.strip():
        return "leading or trailing spaces; delete them"
    if text and cell.startswith(FORMULA_START):
        return (f"starts with '{cell[0]}': a spreadsheet would run the cell as a formula (CSV injection); "
                "reword it so that it starts with a letter or a digit")
    if max_length is not None and len(cell) > max_length:
        return f"text is {len(cell):,} characters long; this column takes at most {max_length:,}"
    return None


def number_problem(cell: str, integer: bool = False) -> str | None:
    if not cell:
        return None
    if not (INTEGER_RE if integer else NUMBER_RE).match(cell):
        kind = "a whole number" if integer else "a plain decimal number"
        return (f"'{show(cell)}' is not {kind}: write digits, with an optional '-'" + ("" if integer else " and '.'")
                + " (no spaces, '_', thousands separators, exponent, INF or NaN)")
    if not math.isfinite(float(cell)):
        return f"'{show(cell)}' is not a finite number"
    return None


def date_problem(cell: str, earliest: str | None, today: dt.date, precision: str = "day") -> str | None:
    if not cell:
        return None
    if not DATE_RE.match(cell):
        return f"'{show(cell)}' is not a zero-padded ISO date (YYYY-MM-DD, e.g. 2024-01-04)"
    try:
        d = dt.date.fromisoformat(cell)
    except ValueError:
        return f"'{show(cell)}' is not a valid date"
    if earliest and d < dt.date.fromisoformat(earliest):
        return f"date {cell} is before {earliest}, the earliest this column takes"
    latest = today.replace(day=1) if precision == "month" else today
    if d > latest:
        what = "month" if precision == "month" else "date"
        return f"{what} {cell[:7] if precision == 'month' else cell} is in the future (today is {today.isoformat()})"
    return None


def _quantity_field() -> dict:
    return next(f for f in tables.schema("estimates")["fields"] if f["name"] == "quantity")


#: One unit per quantity, declared once in the estimates schema (field quantity, "x-units").
QUANTITY_UNITS: dict[str, str] = _quantity_field()["x-units"]


def plausible_ranges() -> dict[str, list[float]]:
    """{quantity: [min, max]} as declared in the estimates schema."""
    return _quantity_field()["x-plausible-range"]


def min_rows(name: str) -> int:
    return int(tables.schema(name).get("x-min-rows", 0))


def cell_problems(name: str, df: pd.DataFrame, today: dt.date, skip: set[tuple[int, str]] = frozenset()) -> list[tuple[int, str, str]]:
    """Text, number and date rules for every cell of a raw table (cells in ``skip`` already have a problem)."""
    out = []
    precision = df["date_precision"] if "date_precision" in df else None
    for field in tables.raw_schema(name)["fields"]:
        col, kind = field["name"], field["type"]
        if col not in df:
            continue
        cons = field.get("constraints", {})
        for idx, cell in df[col].items():
            if (idx, col) in skip:
                continue
            why = text_problem(cell, cons.get("required", False), cons.get("maxLength"), text=kind == "string")
            if why is None and kind in ("number", "integer"):
                why = number_problem(cell, integer=kind == "integer")
            elif why is None and kind == "date":
                prec = precision[idx] if precision is not None and col == "date" else "day"
                why = date_problem(cell, cons.get("minimum"), today, prec if prec in ("day", "month") else "day")
            if why:
                out.append((idx, col, why))
    return out


def estimate_range_problems(df: pd.DataFrame) -> list[tuple[int, str, str]]:
    ranges = plausible_ranges()
    out = []
    for idx, row in df.iterrows():
        bounds = ranges.get(row["quantity"])
        if not bounds:
            continue
        for col in ("value_low", "value_high"):
            cell = row[col]
            if not cell or number_problem(cell):
                continue
            v = float(cell)
            if not bounds[0] <= v <= bounds[1]:
                out.append((idx, col, f"{show(cell)} is outside the plausible range for '{row['quantity']}' "
                                      f"({bounds[0]:g} to {bounds[1]:g} {row['unit']}); check the figure and its unit"))
    return out


def normalise_url(url: str) -> str:
    """The address that identifies a page: no scheme, 'www.', fragment, trailing slash or tracking parameters."""
    url = "".join(ch for ch in unicodedata.normalize("NFC", url) if unicodedata.category(ch) != "Cf")  # invisible ones aside
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = urllib.parse.unquote(parts.path).rstrip("/")
    query = sorted((k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k))
    return host + path + ("?" + urllib.parse.urlencode(query) if query else "")


def duplicate_url_problems(df: pd.DataFrame) -> list[tuple[int, str, str]]:
    seen: dict[str, tuple[int, str]] = {}
    out = []
    for idx, row in df.iterrows():
        key = normalise_url(row["url"])
        if not key:
            continue
        if key in seen:
            first_idx, first_id = seen[key]
            out.append((idx, "url", f"same address as source '{first_id}' (line {first_idx + 2}) once normalised; "
                                    "cite the existing source_id instead of adding the page twice"))
        else:
            seen[key] = (idx, row["source_id"])
    return out
