"""We paraphrase the source article, never copy it: no run of 8 words of the article appears in
any text field of the curated data or in any page. The article's text is not in the repository;
tests/article_fingerprint.json holds salted hashes of its 8-word shingles
(scripts/fingerprint_article.py)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import ROOT
from helpers.raw.paraphrase import fingerprint

PRINT = json.loads((ROOT / "tests" / "article_fingerprint.json").read_text(encoding="utf-8"))
HASHES = set(PRINT["hashes"])


def copied(text: str) -> bool:
    return bool(fingerprint(text, PRINT["salt"], PRINT["shingle_words"]) & HASHES)


def test_the_check_catches_a_copied_sentence():
    # a run of the article's words is recognised whatever its case and punctuation
    sample = "La Corée du Nord, un allié de poids pour la Russie ; Moscou et Pyongyang"
    assert len(HASHES) > 500
    assert copied(sample.upper().replace(",", "")) == copied(sample)
    assert not copied("Vladimir Putin received North Korea's foreign minister at the Kremlin on 4 November 2024.")


@pytest.mark.parametrize("csv", sorted(p.name for p in (ROOT / "data" / "raw").glob("*.csv")))
def test_no_text_field_copies_the_article(csv):
    df = pd.read_csv(ROOT / "data" / "raw" / csv, dtype=str, keep_default_na=False)
    bad = [(i + 2, col) for col in df.columns for i, v in enumerate(df[col]) if len(v) > 30 and copied(v)]
    assert bad == [], f"data/raw/{csv}: rows and columns that copy the article: {bad[:10]}"


def test_no_page_copies_the_article():
    pages = sorted(ROOT.glob("*.qmd")) + sorted((ROOT / "en").glob("*.qmd"))
    assert len(pages) >= 10
    bad = [p.name for p in pages if copied(p.read_text(encoding="utf-8"))]
    assert bad == []


def test_claims_cite_a_paragraph_of_the_article():
    claims = pd.read_csv(ROOT / "data" / "raw" / "claims.csv")
    assert claims["paragraph"].between(1, PRINT["paragraphs"]).all()
