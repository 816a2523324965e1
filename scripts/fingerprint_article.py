"""Fingerprint the source article so tests can prove we paraphrase it without shipping its text.

    python scripts/fingerprint_article.py PATH/TO/article-fr.txt > tests/article_fingerprint.json

Writes the number of paragraphs and the salted SHA-256 of every 8-word shingle of the article
(words lower-cased, punctuation dropped). tests/test_paraphrase.py checks that no text field of
the data and no page contains one of them. The article's text itself stays out of the repository.
"""
from __future__ import annotations

import json
import sys

from helpers.raw.paraphrase import SHINGLE, fingerprint

SALT = "rpk-2024-11-04"


def main(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    paragraphs = [p for p in text.splitlines() if p.strip()]
    out = {"salt": SALT, "shingle_words": SHINGLE, "paragraphs": len(paragraphs),
           "hashes": sorted(fingerprint(text, SALT))}
    json.dump(out, sys.stdout, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
