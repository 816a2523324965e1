"""The parts of README.md that are facts of the schemas: the list of tables and the bounds that
validation enforces. The build writes them between their markers, so they cannot drift from
``helpers/schemas/*.json``; a test checks that the committed README equals what is generated.

A section sits between ``<!-- BEGIN generated: NAME ... -->`` and ``<!-- END generated: NAME -->``;
everything else in the README is written by hand.
"""
from __future__ import annotations

import re
from pathlib import Path

from helpers.raw import tables
from helpers.raw.cells import QUANTITY_UNITS, plausible_ranges
from helpers.raw.geography import tolerance_deg

README = "README.md"
NOTE = "written by `python -m helpers build` from src/helpers/schemas; edit the schemas, not this table"


def _code(names) -> str:
    return ", ".join(f"`{n}`" for n in names)


def tables_section() -> str:
    """Every table: its key, whether editors curate it in data/raw or the notebooks derive it, what it holds."""
    lines = ["| Table | Key | Curated in `data/raw` | What it holds |", "|---|---|---|---|"]
    for name in tables.TABLES + tables.DERIVED_TABLES:
        s = tables.schema(name)
        derived = [f["name"] for f in s["fields"] if f.get("x-derived")]
        if name in tables.DERIVED_TABLES:
            curated = "no: derived by the notebooks"
        else:
            curated = f"yes; the notebooks add {_code(derived)}" if derived else "yes"
        key = ", ".join(f"`{k}`" for k in s["primaryKey"])
        lines.append(f"| `{name}` | {key} | {curated} | {s['description']} |")
    return "\n".join(lines)


def _grouped(values: dict[str, object]) -> str:
    """{column: bound} as 'bound: col, col; bound: col', bounds in increasing order (a table's bounds of one
    kind are all dates or all integers)."""
    by_value: dict[object, list[str]] = {}
    for col, value in values.items():
        by_value.setdefault(value, []).append(col)
    return "; ".join(f"{value}: {_code(cols)}" for value, cols in sorted(by_value.items()))


def bounds_section() -> str:
    """The bounds declared in the schemas: earliest dates, longest texts, minimum rows, plausible figures."""
    lines = ["| Table | Earliest date | Longest text (characters) | At least |", "|---|---|---|---|"]
    for name in tables.TABLES:
        fields = tables.raw_schema(name)["fields"]
        earliest = {f["name"]: f["constraints"]["minimum"] for f in fields if f["type"] == "date" and f.get("constraints", {}).get("minimum")}
        longest = {f["name"]: f["constraints"]["maxLength"] for f in fields if f.get("constraints", {}).get("maxLength")}
        rows = int(tables.schema(name).get("x-min-rows", 0))
        lines.append(f"| `{name}` | {_grouped(earliest) or '–'} | {_grouped(longest) or '–'} | {f'{rows} row' + ('s' if rows > 1 else '') if rows else '–'} |")
    lines += ["", "Plausible figures (`x-plausible-range` on `estimates.quantity`), in the quantity's unit (`x-units`):", "",
              "| Quantity | Unit | From | To |", "|---|---|---|---|"]
    for quantity, (low, high) in plausible_ranges().items():
        lines.append(f"| {quantity} | {QUANTITY_UNITS.get(quantity, '–')} | {low:,} | {high:,} |")
    lines += ["", f"A place may lie up to {tolerance_deg():g}° outside the country it names (`x-inside-basemap` on "
                  "`places.country`), for ports and coastal places."]
    return "\n".join(lines)


SECTIONS = {"tables": tables_section, "bounds": bounds_section}


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- BEGIN generated: {name}\b[^>]*-->\n)(.*?)(<!-- END generated: {name} -->)", re.S)


def generated(text: str) -> str:
    """The README text with every generated section written afresh from the schemas."""
    for name, make in SECTIONS.items():
        begin = f"<!-- BEGIN generated: {name} ({NOTE}) -->\n"
        text = _pattern(name).sub(lambda m, make=make, begin=begin: begin + make() + "\n" + m.group(3), text)
    return text


def missing_sections(text: str) -> list[str]:
    return [name for name in SECTIONS if not _pattern(name).search(text)]


def write_readme(root: Path) -> bool:
    """Rewrite the generated sections of ``root/README.md`` if they differ; True when it was written.
    A project copy without a README (tests, benchmarks) is left alone."""
    path = root / README
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    new = generated(text)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True
