"""Word shingles: the check that our text paraphrases the source article instead of copying it."""
from __future__ import annotations

import hashlib
import re
import unicodedata

SHINGLE = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    norm = unicodedata.normalize("NFKC", str(text)).replace("’", "'").lower()
    return _WORD.findall(norm)


def fingerprint(text: str, salt: str, size: int = SHINGLE) -> set[str]:
    """Salted SHA-256 of every run of ``size`` consecutive words of ``text``."""
    w = words(text)
    return {hashlib.sha256((salt + "\0" + " ".join(w[i:i + size])).encode()).hexdigest() for i in range(len(w) - size + 1)}
