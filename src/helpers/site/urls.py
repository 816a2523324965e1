"""Where each page and file of the site lives, from the project root, and the site's address.

Claim pages, feeds and ClaimReview link to one another through these paths (relative to the
site's root); ``site_url`` makes them absolute once ``website.site-url`` is set in _quarto.yml.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from helpers.core.labels import check_lang
from helpers.core.reads import require

#: where each language's claim pages live, from the project root
CLAIM_DIRS = {"fr": "claims", "en": "en/claims"}
STORY = {"fr": "index.html", "en": "en/index.html"}
DATA_PAGE = {"fr": "donnees.html", "en": "en/data.html"}
AUDIT_PAGE = {"fr": "affirmations.html", "en": "en/claims.html"}
CORRECTIONS_PAGE = {"fr": "corrections.html", "en": "en/corrections.html"}
CLAIMREVIEW_FILE = "claimreview.json"
FEED_FILES = {"fr": "updates-fr.xml", "en": "updates-en.xml"}
#: the rows of the long tables, loaded on demand (helpers.site.lazy_tables)
TABLES_DIR = "tables"


def claim_path(claim_id: str, lang: str, ext: str = "html") -> str:
    return f"{CLAIM_DIRS[check_lang(lang)]}/{claim_id}.{ext}"


def site_url(root: Path) -> str:
    """``website.site-url`` from _quarto.yml (with a trailing slash), or '' when it is not set."""
    url = (_config(root).get("website") or {}).get("site-url") or ""
    return url.rstrip("/") + "/" if url else ""


def _config(root: Path) -> dict:
    import yaml

    require("_quarto.yml")  # a page that reads the project's settings declares it (helpers.core.reads)
    return yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8")) or {}


def published_on(root: Path) -> str:
    """The day the publication first came out (``rpk-published`` in _quarto.yml, ISO)."""
    return str(_config(root).get("rpk-published", ""))


#: an e-mail address as the reporting channel takes it (no spaces, one @, a dotted domain)
_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def report_address(root: Path) -> str:
    """Where readers report an error (``rpk-report`` in _quarto.yml): an e-mail address."""
    address = str(_config(root).get("rpk-report", "")).strip()
    if not _ADDRESS.fullmatch(address):
        raise ValueError(f"_quarto.yml: rpk-report must be the e-mail address readers write to, not {address!r}")
    return address


def report_href(address: str, subject: str) -> str:
    """A mailto: link to ``address`` with the subject filled in (percent-encoded)."""
    if not _ADDRESS.fullmatch(address):
        raise ValueError(f"not an e-mail address: {address!r}")
    return f"mailto:{address}?subject={quote(subject, safe='')}"
