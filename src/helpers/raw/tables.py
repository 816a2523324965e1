"""Table schemas (declared once, in ``helpers/schemas/*.json``) and deterministic CSV reading/writing.

Each schema is a Frictionless Table Schema. Fields marked ``"x-derived": true`` are computed by
the notebooks and absent from ``data/raw``; ``"x-list-separator"`` and ``"x-references"`` mark
';'-separated lists of ids pointing at another table's primary key.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

#: Tables in dependency order: a table only references tables before it (claims ↔ claim_sources aside).
TABLES = ("publishers", "sources", "places", "actors", "timeline", "claims", "claim_sources", "estimates", "routes", "waypoints",
          "route_paths", "site_imagery", "corrections")

#: Published tables computed by the notebooks only (no data/raw file).
DERIVED_TABLES = ("claim_status_history",)

LIST_SEP = ";"


@lru_cache(maxsize=None)
def _schema_text(name: str) -> str:
    return resources.files("helpers").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")


def schema(name: str) -> dict:
    """The full (published) schema of a table, with derived fields."""
    if name not in TABLES + DERIVED_TABLES:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES + DERIVED_TABLES)}")
    return json.loads(_schema_text(name))


def raw_schema(name: str) -> dict:
    """The schema of the hand-curated table: the published one without derived fields."""
    s = copy.deepcopy(schema(name))
    s["fields"] = [f for f in s["fields"] if not f.get("x-derived")]
    return s


def field_names(name: str, raw: bool = False) -> list[str]:
    return [f["name"] for f in (raw_schema(name) if raw else schema(name))["fields"]]


def fields_of_type(name: str, type_: str, raw: bool = True) -> list[str]:
    s = raw_schema(name) if raw else schema(name)
    return [f["name"] for f in s["fields"] if f["type"] == type_]


def list_fields(name: str) -> dict[str, str]:
    """{field: referenced table} for ';'-separated id lists."""
    return {f["name"]: f["x-references"] for f in raw_schema(name)["fields"] if f.get("x-references")}


def primary_key(name: str) -> str:
    return schema(name)["primaryKey"][0]


def split_ids(value) -> list[str]:
    """'a;b' -> ['a', 'b']; empty or missing -> []."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [part for part in str(value).split(LIST_SEP) if part]


def read_csv(path: Path) -> pd.DataFrame:
    """Read a table as strings (empty cells are ''), so nothing is silently converted."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def read_table(path: Path, name: str, raw: bool = True) -> pd.DataFrame:
    """Read a table and give number/integer/boolean columns their types (empty -> NA)."""
    df = read_csv(path)
    s = raw_schema(name) if raw else schema(name)
    for f in s["fields"]:
        col = f["name"]
        if col not in df:
            continue
        if f["type"] == "number":
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("Float64")
        elif f["type"] == "integer":
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
        elif f["type"] == "boolean":
            df[col] = df[col].map({"true": True, "false": False, "": pd.NA}).astype("boolean")
    return df


def _format_cell(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool) or type(value).__name__ in ("bool", "bool_"):  # numpy's bool is not a bool
        return "true" if value else "false"
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        value = float(value)
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def write_table(df: pd.DataFrame, path: Path, name: str) -> Path:
    """Write the published table with exactly the schema's columns, in order, byte-stable."""
    cols = field_names(name)
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: cannot write {path.name}, columns missing: {', '.join(missing)}")
    out = df[cols].copy()
    for c in cols:
        out[c] = [_format_cell(v) for v in out[c]]
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path
