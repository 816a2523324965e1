"""Ten times the data, for the growth benchmark (``python benchmarks/run.py --scale 10``).

``scale_project(copy, factor)`` rewrites the hand-curated tables of a throwaway copy of the project
with ``factor`` times the sources, events, claims, attributions and estimates: each real row is
repeated ``factor - 1`` times under a new id, its references pointing into its own copy (an
event's sources, an attribution's claim and sources, an estimate's source). Copies of a source
keep their publisher, so copies of one original story still count once; their addresses differ by
a query parameter. The rows are synthetic but valid (the build validates them like any other);
they are never committed: the script writes only into the copy it is given.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

TABLES = ("sources", "timeline", "claims", "claim_sources", "estimates")


def _read(root: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(root / "data" / "raw" / f"{name}.csv", dtype=str, keep_default_na=False)


def _write(root: Path, name: str, df: pd.DataFrame) -> None:
    (root / "data" / "raw" / f"{name}.csv").write_text(df.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def _ids(value: str, k: int) -> str:
    return ";".join(f"{v}-x{k}" for v in value.split(";") if v) if value else value


def _claim(claim_id: str, k: int) -> str:
    return f"cl-{k * 100 + int(claim_id[3:]):03d}" if k else claim_id


def _estimate(estimate_id: str, k: int) -> str:
    return f"es-{k * 100 + int(estimate_id[3:]):03d}" if k else estimate_id


def scale_project(root: Path, factor: int) -> dict[str, int]:
    """Multiply the rows of ``root``'s data/raw by ``factor``; returns the new row counts."""
    if factor < 2:
        return {name: len(_read(root, name)) for name in TABLES}
    if factor > 10:
        raise ValueError("at most 9 copies of the claims fit the claim ids (cl-NN, cl-NNN)")
    src, tl, cl, att, est = (_read(root, n) for n in TABLES)
    copies = {n: [] for n in TABLES}
    for k in range(1, factor):
        s = src.copy()
        s["source_id"] = s["source_id"] + f"-x{k}"
        s["url"] = [u + ("&" if "?" in u else "?") + f"rpk-copy={k}" for u in s["url"]]
        copies["sources"].append(s)
        t = tl.copy()
        t["event_id"] = t["event_id"] + f"-x{k}"
        t["source_ids"] = [_ids(v, k) for v in t["source_ids"]]
        copies["timeline"].append(t)
        c = cl.copy()
        c["claim_id"] = [_claim(v, k) for v in c["claim_id"]]
        copies["claims"].append(c)
        a = att.copy()
        a["attribution_id"] = a["attribution_id"] + f"-x{k}"
        a["claim_id"] = [_claim(v, k) for v in a["claim_id"]]
        for col in ("source_id", "original_source_id"):
            a[col] = [_ids(v, k) for v in a[col]]
        copies["claim_sources"].append(a)
        e = est.copy()
        e["estimate_id"] = [_estimate(v, k) for v in e["estimate_id"]]
        for col in ("source_id", "original_source_id"):
            e[col] = [_ids(v, k) for v in e[col]]
        copies["estimates"].append(e)
    out = {}
    for name, base in zip(TABLES, (src, tl, cl, att, est)):
        df = pd.concat([base, *copies[name]], ignore_index=True)
        if name in ("sources", "estimates"):  # these tables are kept sorted by id
            df = df.sort_values(df.columns[0], kind="stable")
        _write(root, name, df)
        out[name] = len(df)
    return out
