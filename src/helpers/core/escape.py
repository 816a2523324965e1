"""Curated text ends up in hover labels, tables, pages and feeds: escape it, and link only https."""
from __future__ import annotations

import html
import textwrap
import urllib.parse

from markupsafe import Markup

from helpers.core.labels import missing


def esc(text) -> str:
    """HTML-escape any value (None and NA become '')."""
    return "" if missing(text) else html.escape(str(text), quote=True)


def safe_url(url) -> str | None:
    """The URL if it is an absolute https URL with a host, else None (javascript:, data:, http: refused)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    try:
        parts = urllib.parse.urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname or "." not in parts.hostname:
        return None
    if any(ch in candidate for ch in ' "\'<>\\`\n\r\t'):
        return None
    return candidate


def link(url, text) -> Markup:
    """An escaped anchor to an https URL, or the escaped text alone when the URL is not safe."""
    target = safe_url(url)
    if target is None:
        return Markup(esc(text))
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(target, "" if text is None else text)


def wrap(text, width: int = 48) -> str:
    """Escape then break long text with <br> for plotly hover labels."""
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text or ""), width=width)) or ""
