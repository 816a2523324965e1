"""Validation of the hand-curated tables in ``data/raw``.

Every problem names the file, the row (the line in the file; 1 is the header), the column and
the reason, so an editor can open the CSV and fix it. Frictionless checks each table against
its schema (types, required, enums, patterns, uniqueness); the rules below add what a Table
Schema cannot say: references through ';'-separated lists, dates in the future, URLs that do
not parse, cycles, bounds, and the sourcing rules of the desk.
"""
from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import tables, validate_sources
from helpers.paths import raw_dir


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.row}:{self.column}: {self.reason}"


class ValidationError(Exception):
    """Raised with every problem found; nothing is written when it is."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# ----------------------------------------------------------------------------- file level

def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_encoding(path: Path, rel: str) -> list[Problem]:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = _line_of_offset(data, err.start)
        return [Problem(rel, line, "-", f"file is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); save it as UTF-8")]
    if data.startswith(b"\xef\xbb\xbf"):
        return [Problem(rel, 1, "-", "file starts with a byte-order mark; save it as UTF-8 without BOM")]
    return []


def check_header(df: pd.DataFrame, name: str, rel: str) -> list[Problem]:
    expected = tables.field_names(name, raw=True)
    found = list(df.columns)
    problems = [Problem(rel, 1, c, "missing column") for c in expected if c not in found]
    problems += [Problem(rel, 1, c, "unexpected column (not in the schema)") for c in found if c not in expected]
    if not problems and found != expected:
        for i, (got, want) in enumerate(zip(found, expected), start=1):
            if got != want:
                problems.append(Problem(rel, 1, got, f"column {i} should be '{want}' (columns must follow the schema's order)"))
                break
    return problems


def frictionless_problems(path: Path, name: str, rel: str) -> list[Problem]:
    from frictionless import Resource, Schema  # imported late: slow import

    descriptor = tables.raw_schema(name)
    descriptor.pop("foreignKeys", None)  # references across tables: checked by _Rules, with clearer messages
    resource = Resource(path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor), encoding="utf-8")
    report = resource.validate()
    problems = []
    pk = tables.primary_key(name)
    for row, field, kind, note, cell in report.flatten(["rowNumber", "fieldName", "type", "note", "cell"]):
        if kind == "primary-key":
            continue  # the unique constraint on the same field already says it
        reason = {
            "type-error": f"'{cell}' is not a valid {note.split('type is')[-1].strip().strip(chr(34)).split('/')[0]}",
            "unique-error": f"duplicated id '{cell}' ({note})",
            "missing-cell": "cell missing (the row has fewer cells than the header: truncated or unquoted comma?)",
            "extra-cell": "extra cell (the row has more cells than the header: unquoted comma?)",
        }.get(kind)
        if reason is None and kind == "constraint-error":
            if '"required"' in note:
                reason = "required value is empty"
            elif '"enum"' in note:
                reason = f"'{cell}' is not an allowed value; allowed: {note.split(' is ', 1)[1]}"
            elif '"minimum"' in note or '"maximum"' in note:
                reason = f"'{cell}' is out of range ({note.split(' ', 1)[1].replace(chr(34), '')})"
            elif '"pattern"' in note:
                reason = f"'{cell}' does not match the expected pattern {note.split(' is ', 1)[1]}"
            else:
                reason = f"'{cell}' breaks a constraint: {note}"
        problems.append(Problem(rel, int(row or 0), field or (pk if kind == "primary-key" else "-"), reason or f"{kind}: {note}"))
    return problems


# ----------------------------------------------------------------------------- rules

def _dates(df: pd.DataFrame, col: str) -> pd.Series:
    return pd.to_datetime(df[col].where(df[col] != ""), format="%Y-%m-%d", errors="coerce").dt.date


def _https_problem(url: str) -> str | None:
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as err:
        return f"malformed URL ({err})"
    if parts.scheme != "https":
        return "URL must use https"
    host = parts.hostname or ""
    if "." not in host or any(ch in url for ch in ' "<>\\^`{|}') or parts.username or parts.password:
        return f"malformed URL '{url}'"
    return None


class _Rules:
    def __init__(self, frames: dict[str, pd.DataFrame], rels: dict[str, str], today: dt.date):
        self.frames, self.rels, self.today = frames, rels, today
        self.problems: list[Problem] = []
        self.keys = {n: set(df[tables.primary_key(n)]) for n, df in frames.items()}

    def add(self, name: str, idx: int, col: str, reason: str) -> None:
        self.problems.append(Problem(self.rels[name], int(idx) + 2, col, reason))

    def each(self, name: str):
        df = self.frames.get(name)
        return [] if df is None else df.iterrows()

    def ref(self, name: str, col: str, target: str, many: bool) -> None:
        if name not in self.frames or target not in self.keys:
            return
        known = self.keys[target]
        for idx, row in self.each(name):
            values = tables.split_ids(row[col]) if many else ([row[col]] if row[col] else [])
            for value in values:
                if value not in known:
                    self.add(name, idx, col, f"unknown {target} id '{value}' (not in data/raw/{target}.csv)")
            if many and len(values) != len(set(values)):
                self.add(name, idx, col, "the same id is listed twice")

    def run(self) -> list[Problem]:
        for name, df in self.frames.items():
            self.generic(name, df)
        for name in self.frames:
            schema = tables.raw_schema(name)
            for col, target in tables.list_fields(name).items():
                self.ref(name, col, target, many=True)
            for fk in schema.get("foreignKeys", []):
                self.ref(name, fk["fields"][0], fk["reference"]["resource"], many=False)
        for name in self.frames:
            getattr(self, f"rules_{name}", lambda: None)()
        return self.problems

    def generic(self, name: str, df: pd.DataFrame) -> None:
        for col in df.columns:
            for idx in df.index[df[col].str.contains("\n|\r", regex=True)]:
                self.add(name, idx, col, "line break inside a cell; keep each row on one line")
        for col in tables.fields_of_type(name, "date"):
            dates = _dates(df, col)
            for idx, d in dates.items():
                if d is not None and not pd.isna(d) and d > self.today:
                    self.add(name, idx, col, f"date {d.isoformat()} is in the future (today is {self.today.isoformat()})")

    # -- per table
    def rules_sources(self) -> None:
        for idx, row in self.each("sources"):
            if row["url"].startswith("https://") and (why := _https_problem(row["url"])):
                self.add("sources", idx, "url", why)
            if row["published_date"] and row["accessed_date"] and row["published_date"] > row["accessed_date"]:
                self.add("sources", idx, "published_date", "published after it was accessed")

    def rules_places(self) -> None:
        for idx, row in self.each("places"):
            if row["coord_source"] == "geonames" and not row["gazetteer_id"]:
                self.add("places", idx, "gazetteer_id", "coordinates from geonames need the GeoNames id")
            if row["coord_source"] == "source" and not row["source_id"]:
                self.add("places", idx, "source_id", "coordinates from a source need the source_id that gives them")

    def rules_actors(self) -> None:
        df = self.frames["actors"]
        parent = dict(zip(df["actor_id"], df["parent_actor_id"]))
        for idx, row in df.iterrows():
            seen, node = [row["actor_id"]], parent.get(row["actor_id"])
            while node:
                if node in seen:
                    self.add("actors", idx, "parent_actor_id", "circular reference: " + " -> ".join(seen + [node]))
                    break
                seen.append(node)
                node = parent.get(node)
            if row["in_office_from"] and row["in_office_to"] and row["in_office_from"] > row["in_office_to"]:
                self.add("actors", idx, "in_office_to", "leaves office before taking it")

    def rules_timeline(self) -> None:
        for idx, row in self.each("timeline"):  # two independent sources per allegation: helpers.validate_sources
            if row["date_precision"] == "month" and not row["date"].endswith("-01"):
                self.add("timeline", idx, "date", "a month-precision date must be the first day of the month")
            if row["event_id"][3:11] != row["date"].replace("-", "")[:8] and row["date_precision"] == "day":
                self.add("timeline", idx, "event_id", f"event_id date part should match the date {row['date']}")

    def rules_estimates(self) -> None:
        from helpers.estimates import QUANTITY_UNITS

        for idx, row in self.each("estimates"):
            low, high = row["value_low"], row["value_high"]
            if not low and not high:
                self.add("estimates", idx, "value_low", "an estimate needs at least one bound")
            try:
                if low and high and float(low) > float(high):
                    self.add("estimates", idx, "value_low", f"low bound {low} is above high bound {high}")
            except ValueError:
                pass  # reported as a type error
            want = QUANTITY_UNITS.get(row["quantity"])
            if want and row["unit"] != want:
                self.add("estimates", idx, "unit", f"unit for '{row['quantity']}' must be '{want}', not '{row['unit']}'")
            if row["quantity"] == "artillery shells" and row["method"] == "count" and "container" in row["notes"].lower():
                self.add("estimates", idx, "method", "a shell figure derived from containers is a capacity-based conversion, not a count")

    def rules_claims(self) -> None:
        from helpers.estimates import QUANTITY_UNITS

        for idx, row in self.each("claims"):
            for q in tables.split_ids(row["article_quantities"]):
                if q not in QUANTITY_UNITS:
                    self.add("claims", idx, "article_quantities", f"'{q}' is not a quantity of estimates.csv")
            if bool(row["article_min"]) != bool(row["article_quantities"]):
                self.add("claims", idx, "article_min", "article_min and article_quantities go together")

    def rules_corrections(self) -> None:
        for idx, row in self.each("corrections"):
            target = row["table"]
            if target in self.keys and row["record_id"] not in self.keys[target]:
                self.add("corrections", idx, "record_id", f"unknown {target} id '{row['record_id']}'")


# ----------------------------------------------------------------------------- entry point

def load_raw(root: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read every raw table that is readable; return the frames and the file-level problems."""
    frames, problems = {}, []
    for name in tables.TABLES:
        path = raw_dir(root) / f"{name}.csv"
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            problems.append(Problem(rel, 0, "-", "file missing"))
            continue
        if found := check_encoding(path, rel):
            problems += found
            continue
        try:
            df = tables.read_csv(path)
        except Exception as err:  # pandas' parser errors carry the line
            problems.append(Problem(rel, 0, "-", f"cannot parse as CSV: {err}"))
            continue
        if found := check_header(df, name, rel):
            problems += found
            continue
        if found := frictionless_problems(path, name, rel):
            problems += found
        frames[name] = df
    return frames, problems


def validate_raw(root: Path, today: dt.date | None = None) -> list[Problem]:
    """Every problem in ``data/raw`` (empty list when the data are clean)."""
    frames, problems = load_raw(root)
    rels = {n: (raw_dir(root) / f"{n}.csv").relative_to(root).as_posix() for n in frames}
    problems += _Rules(frames, rels, today or dt.date.today()).run()
    problems += validate_sources.check(frames, rels, Problem)  # tiers, reprints, date precision, independence
    return sorted(set(problems))


def require_valid(root: Path) -> None:
    """Raise ValidationError listing every problem; return quietly when the raw data are clean."""
    problems = validate_raw(root)
    if problems:
        raise ValidationError(problems)
