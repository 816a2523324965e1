"""Validation of the hand-curated tables in ``data/raw``.

Every problem names the file, the row (the line in the file; 1 is the header), the column and
the reason, so an editor can open the CSV and fix it. It runs in three stages:

1. file level (:mod:`helpers.raw.csvfile`): encoding, empty or header-only files, delimiter, quotes,
   line breaks in cells, ragged rows. A file that fails here is named once and left out of
   every later check, so its absence is not blamed on the tables that cite it;
2. each table on its own: Frictionless against its schema (types, required, enums, patterns,
   uniqueness), then the cell rules declared in the schemas (:mod:`helpers.raw.cells`: strict
   dates and numbers, text hygiene, lengths, plausible ranges, spreadsheet-safe text);
3. across tables: references through ids and ';'-separated lists, cycles, coordinates inside
   the named country (:mod:`helpers.raw.geography`), duplicated URLs, dates that must be
   possible and ids that meet in one place (:mod:`helpers.raw.consistency`) and the sourcing
   rules of the desk (:mod:`helpers.raw.sourcing_rules`); plus the geography snapshot in
   ``data/raw/geo``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from helpers.core.escape import url_problem
from helpers.core.paths import raw_dir
from helpers.raw import cells, consistency, csvfile, geography, sourcing_rules, tables
from helpers.raw.cells import QUANTITY_UNITS
from helpers.raw.problems import Problem, ValidationError


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
    dup = sorted({c for c in found if found.count(c) > 1})
    if dup:
        return [Problem(rel, 1, c, "column appears twice in the header") for c in dup]
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
    hints = {f["name"]: f["x-pattern-hint"] for f in tables.schema(name)["fields"] if "x-pattern-hint" in f}
    for row, field, kind, note, cell in report.flatten(["rowNumber", "fieldName", "type", "note", "cell"]):
        if kind == "primary-key":
            continue  # the unique constraint on the same field already says it
        if kind == "blank-row":
            continue  # blank lines at the end are tolerated; one inside the table is named by csvfile
        if kind == "constraint-error" and '"maxLength"' in note:
            continue  # cells.text_problem says it without echoing the whole text
        cell = cells.show(cell) if cell is not None else cell
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
                if field in hints:
                    reason += f": {hints[field]}"
            else:
                reason = f"'{cell}' breaks a constraint: {note}"
        problems.append(Problem(rel, int(row or 0), field or (pk if kind == "primary-key" else "-"), reason or f"{kind}: {note}"))
    return problems


# ----------------------------------------------------------------------------- rules

class _Rules:
    def __init__(self, frames: dict[str, pd.DataFrame], rels: dict[str, str], today: dt.date,
                 flagged: dict[str, set] | None = None):
        self.frames, self.rels, self.today = frames, rels, today
        self.flagged = flagged or {}  # {table: {(index, column)}} cells Frictionless already rejected
        self.bad_cells: set = set()
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
            if not self.ok(name, idx, col):
                continue  # already reported (malformed list, control characters...)
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
        for name, idx, col, why in consistency.date_problems(self.frames) + consistency.id_problems(self.frames):
            if self.ok(name, idx, col):
                self.add(name, idx, col, why)
        return self.problems

    def generic(self, name: str, df: pd.DataFrame) -> None:
        flagged = self.flagged.get(name, set())
        for idx, col, why in cells.cell_problems(name, df, self.today, skip=flagged):
            self.add(name, idx, col, why)
            self.bad_cells.add((name, idx, col))

    def ok(self, name: str, idx: int, *cols: str) -> bool:
        """Whether these cells passed the per-table checks (so cross checks can trust them)."""
        flagged = self.flagged.get(name, set())
        return not any((idx, c) in flagged or (name, idx, c) in self.bad_cells for c in cols)

    # -- per table
    def rules_sources(self) -> None:
        for idx, row in self.each("sources"):
            if row["url"].startswith("https://") and (why := url_problem(row["url"])):
                self.add("sources", idx, "url", why)
            if row["published_date"] and row["accessed_date"] and row["published_date"] > row["accessed_date"]:
                self.add("sources", idx, "published_date", "published after it was accessed")
        for idx, col, why in cells.duplicate_url_problems(self.frames["sources"]):
            self.add("sources", idx, col, why)

    def rules_places(self) -> None:
        for idx, row in self.each("places"):
            if row["coord_source"] == "geonames" and not row["gazetteer_id"]:
                self.add("places", idx, "gazetteer_id", "coordinates from geonames need the GeoNames id")
            if row["coord_source"] == "source" and not row["source_id"]:
                self.add("places", idx, "source_id", "coordinates from a source need the source_id that gives them")
            if self.ok("places", idx, "lat", "lon", "country") and row["country"] and row["lat"] and row["lon"]:
                lat, lon = float(row["lat"]), float(row["lon"])
                if -90 <= lat <= 90 and -180 <= lon <= 180 and (why := geography.country_problem(row["country"], lat, lon)):
                    self.add("places", idx, "lat", why)

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
        for idx, row in self.each("timeline"):  # two independent sources per allegation: helpers.raw.sourcing_rules
            if row["date_precision"] == "month" and not row["date"].endswith("-01"):
                self.add("timeline", idx, "date", "a month-precision date must be the first day of the month")
            if row["event_id"][3:11] != row["date"].replace("-", "")[:8] and row["date_precision"] == "day":
                self.add("timeline", idx, "event_id", f"event_id date part should match the date {row['date']}")

    def rules_estimates(self) -> None:
        for idx, col, why in cells.estimate_range_problems(self.frames["estimates"]):
            if self.ok("estimates", idx, col):
                self.add("estimates", idx, col, why)
        for idx, row in self.each("estimates"):
            low, high = row["value_low"], row["value_high"]
            if not low and not high:
                self.add("estimates", idx, "value_low", "an estimate needs at least one bound")
            try:
                if low and high and self.ok("estimates", idx, "value_low", "value_high") and float(low) > float(high):
                    self.add("estimates", idx, "value_low", f"low bound {low} is above high bound {high}")
            except ValueError:
                pass  # reported as a type error
            want = QUANTITY_UNITS.get(row["quantity"])
            if want and row["unit"] != want:
                self.add("estimates", idx, "unit", f"unit for '{row['quantity']}' must be '{want}', not '{row['unit']}'")
            if row["quantity"] == "artillery shells" and row["method"] == "count" and "container" in row["notes"].lower():
                self.add("estimates", idx, "method", "a shell figure derived from containers is a capacity-based conversion, not a count")

    def rules_claims(self) -> None:
        for idx, row in self.each("claims"):
            for q in tables.split_ids(row["article_quantities"]):
                if q not in QUANTITY_UNITS:
                    self.add("claims", idx, "article_quantities", f"'{q}' is not a quantity of estimates.csv")
            if bool(row["article_min"]) != bool(row["article_quantities"]):
                self.add("claims", idx, "article_min", "article_min and article_quantities go together")

    def rules_waypoints(self) -> None:
        for idx, row in self.each("waypoints"):
            if row["coord_source"] == "geonames" and not row["gazetteer_id"]:
                self.add("waypoints", idx, "gazetteer_id", "coordinates from geonames need the GeoNames id")
            if (row["kind"] != "station") != (row["coord_source"] == "desk"):
                self.add("waypoints", idx, "coord_source", "points at sea and bends are placed by the desk ('desk'); towns come from 'geonames'")

    def rules_route_paths(self) -> None:
        if not {"routes", "waypoints"} <= set(self.frames) or "places" not in self.keys:
            return  # a broken or emptied table is reported once, not again through the paths that cite it
        stops = {r["route_id"]: tables.split_ids(r["place_ids"]) for _, r in self.frames["routes"].iterrows()}
        places = self.keys.get("places", set())
        kinds = dict(zip(self.frames["waypoints"]["waypoint_id"], self.frames["waypoints"]["kind"])) if "waypoints" in self.frames else {}
        drawn = set()
        for idx, row in self.each("route_paths"):
            path, want = tables.split_ids(row["path"]), stops.get(row["route_id"])
            drawn.add(row["route_id"])
            for p in path:
                if p not in places and p not in kinds:
                    self.add("route_paths", idx, "path", f"unknown id '{p}' (neither a place nor a waypoint)")
            if want is None:
                continue
            if path[:1] != want[:1] or path[-1:] != want[-1:]:
                self.add("route_paths", idx, "path", f"must start at '{want[0]}' and end at '{want[-1]}', the route's first and last places")
            it = iter(path)
            if not all(stop in it for stop in want):
                self.add("route_paths", idx, "path", "must pass the route's places in their order (" + " → ".join(want) + ")")
            inner = [kinds[p] for p in path[1:-1] if p in kinds]
            if row["path_basis"] == "sea lane" and set(inner) - {"sea"}:
                self.add("route_paths", idx, "path", "a sea lane passes points at sea only")
            if row["path_basis"] == "line" and "sea" in inner:
                self.add("route_paths", idx, "path", "a rail line cannot pass a point at sea")
        for idx, row in self.each("routes"):
            if "route_paths" in self.frames and row["route_id"] not in drawn:
                self.add("routes", idx, "route_id", "no drawn path for this route in data/raw/route_paths.csv")

    def rules_corrections(self) -> None:
        for idx, row in self.each("corrections"):
            target = row["table"]
            if target in self.keys and row["record_id"] not in self.keys[target]:
                self.add("corrections", idx, "record_id", f"unknown {target} id '{row['record_id']}'")


# ----------------------------------------------------------------------------- entry point

def load_raw(root: Path) -> tuple[dict[str, pd.DataFrame], list[Problem], dict[str, set]]:
    """Read every raw table that is readable as a table.

    Returns the frames, the problems found so far (file level and Frictionless) and, per table,
    the cells Frictionless rejected. A table with a file-level problem has no frame.
    """
    frames, problems, flagged = {}, [], {}
    for name in tables.TABLES:
        path = raw_dir(root) / f"{name}.csv"
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.append(Problem(rel, 0, "-", "is a symbolic link; data/raw holds the files themselves (copy the file in)"))
            continue
        if not path.is_file():
            problems.append(Problem(rel, 0, "-", "file missing"))
            continue
        if found := check_encoding(path, rel):
            problems += found
            continue
        text = path.read_bytes().decode("utf-8")
        rows, _, file_problems = csvfile.read_rows(text)
        if file_problems:
            problems += [Problem(rel, p.line, p.column, p.reason) for p in file_problems]
            continue
        df = pd.DataFrame(rows[1:], columns=rows[0], dtype=str) if rows[1:] else pd.DataFrame(columns=rows[0], dtype=str)
        if found := check_header(df, name, rel):
            problems += found
            continue
        if len(df) < cells.min_rows(name):
            problems.append(Problem(rel, 2, "-", f"the table has a header but no rows; {name} must hold at least "
                                                 f"{cells.min_rows(name)} row(s) (emptied by mistake? restore it from git)"))
            continue
        if "\x00" not in text:  # Frictionless stops reading silently at a NUL byte; the domain rules name it
            found = frictionless_problems(path, name, rel)
            problems += found
            flagged[name] = {(p.row - 2, p.column) for p in found}
        frames[name] = df
    return frames, problems, flagged


def validate_raw(root: Path, today: dt.date | None = None) -> list[Problem]:
    """Every problem in ``data/raw`` (empty list when the data are clean)."""
    frames, problems, flagged = load_raw(root)
    rels = {n: (raw_dir(root) / f"{n}.csv").relative_to(root).as_posix() for n in frames}
    problems += _Rules(frames, rels, today or dt.date.today(), flagged).run()
    problems += [Problem(p.relative_to(root).as_posix(), 0, "-", "is a symbolic link; data/raw holds the files themselves "
                         "(copy the file in)") for p in raw_dir(root).rglob("*") if p.is_symlink() and p.parent != raw_dir(root)]
    problems += geography.geo_problems(root)
    problems += sourcing_rules.check(frames, rels)  # tiers, reprints, date precision, independence
    return sorted({Problem(p.path, p.row, _printable(p.column), _printable(p.reason)) for p in problems})


def _printable(text: str, width: int = 400) -> str:
    """A message safe to print: control and bidi characters escaped, and cut when very long."""
    text = str(text)
    if not all(ch.isprintable() and ch not in cells.BIDI for ch in text):
        text = "".join(ch if ch.isprintable() and ch not in cells.BIDI else ch.encode("unicode_escape").decode("ascii")
                       for ch in text)
    return text if len(text) <= width else text[:width] + "…"


def require_valid(root: Path) -> None:
    """Raise ValidationError listing every problem; return quietly when the raw data are clean."""
    problems = validate_raw(root)
    if problems:
        raise ValidationError(problems)
