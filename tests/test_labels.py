"""One catalogue of reader-facing labels (helpers.core.labels.LABELS): every coded value of the
published data has a French and an English label, and none falls back to the raw code."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from helpers.core.labels import CODED_COLUMNS, LABELS, code_label, status_label


@pytest.mark.parametrize("table,column", sorted(CODED_COLUMNS))
def test_every_code_in_the_published_data_has_both_labels(table, column):
    df = pd.read_csv(ROOT / "data" / "processed" / f"{table}.csv", dtype=str, keep_default_na=False)
    assert column in df.columns, f"{table}.{column} is declared coded but not published"
    values = sorted(set(v for v in df[column] if v))
    assert values, f"{table}.{column} has no value"
    prefix = CODED_COLUMNS[(table, column)]
    for v in values:
        if prefix == "status":
            fr, en = status_label(v, "fr"), status_label(v, "en")
            assert fr != v, (table, column, v)  # a status without a label would print its code
        else:
            assert prefix + v in LABELS, f"{table}.{column}: no label for {v!r} (add it to helpers.core.labels.LABELS)"
            fr, en = LABELS[prefix + v]
        assert fr.strip() and en.strip()
        assert code_label(table, column, v, "fr") == fr and code_label(table, column, v, "en") == en


def test_french_labels_are_french():
    # the same word in both languages is fine for a few (Date, Route, Missiles...); a whole
    # catalogue of identical pairs is not
    same = [k for k, (fr, en) in LABELS.items() if fr == en and not k.startswith(("country:", "col:"))]
    assert len(same) < 0.15 * len(LABELS), same
