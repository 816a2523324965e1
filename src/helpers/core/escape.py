"""Curated text is data, never code: one function per language it passes through.

- :func:`esc`: HTML text and attribute values (``&<>"'`` escaped).
- :func:`url_problem` / :func:`safe_url`: an address for ``href``/``src``; only absolute ``https``
  URLs with a host, decided by the same function in validation (:mod:`helpers.raw.validate`) and
  in rendering, so a URL that passes the one is never dropped by the other.
- :func:`qmd_html`: HTML bound for a raw block of a ``.qmd`` page. Quarto runs shortcodes
  (``{{< env HOME >}}``) even inside raw HTML blocks and ``<script>``, so every ``{{`` becomes
  ``&#123;&#123;`` (``\\u007b\\u007b`` inside a script, where JSON decodes it) and no line can
  close the block's fence.
- :func:`meta_text`: a value for the YAML front matter. Pandoc reads it as Markdown and Quarto
  runs shortcodes in it, after entities are decoded, so no escape survives: the characters that
  make Markdown, HTML or a shortcode are left out and the remaining punctuation is
  backslash-escaped. Used for descriptions; the page body shows the full text.
- :func:`inline_html`: a value for Markdown prose (inline expressions): a raw HTML inline, so
  Pandoc parses nothing in it.
- :func:`code_text`: text shown in a code block (the notebooks' outputs): a word joiner (U+2060)
  between two ``{`` and inside a fence of backticks, the one form Quarto does not read as a
  shortcode or the end of the block.
"""
from __future__ import annotations

import html
import json
import re
import textwrap
import unicodedata
import urllib.parse

from markupsafe import Markup

from helpers.core.labels import missing

#: characters no address may hold (the URL syntax's unsafe characters and whitespace)
URL_UNSAFE = ' "\'<>\\^`{|}\n\r\t'
_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script>)", re.S | re.I)
#: what builds Markdown, HTML, math, citations or shortcodes: left out of front-matter values
_META_DROP = set("{}<>[]`$\\*_~^#@|&")
_WORD_JOINER = "\u2060"


def _spaces(text: str) -> str:
    """Runs of ASCII white space (line breaks included) as one space; no-break spaces are kept."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")


def one_line(value):
    """A template value on one line (line breaks as spaces); markup from another template is kept."""
    if isinstance(value, str) and not isinstance(value, Markup) and ("\n" in value or "\r" in value):
        return re.sub(r"[\r\n]+", " ", value)
    return value


def esc(text) -> str:
    """HTML-escape any value (None and NA become '')."""
    return "" if missing(text) else html.escape(str(text), quote=True)


def invisible(text: str) -> list[str]:
    """The invisible format characters (Unicode category Cf: zero-width space, BOM, joiners…) in text."""
    return sorted({ch for ch in text if unicodedata.category(ch) == "Cf"})


def url_problem(url) -> str | None:
    """Why a value cannot be a link of this site (None when it can): https only, a host with a
    dot, no credentials, none of the URL syntax's unsafe characters, no invisible characters."""
    if not isinstance(url, str) or not url:
        return "no URL"
    if hidden := invisible(url):
        return "the URL holds an invisible character (" + ", ".join(f"U+{ord(c):04X}" for c in hidden) + "); retype it"
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
    except ValueError as err:
        return f"malformed URL ({err})"
    if parts.scheme != "https":
        return "URL must use https"
    if "." not in host or parts.username or parts.password or any(ch in url for ch in URL_UNSAFE):
        return f"malformed URL '{url}'"
    return None


def safe_url(url) -> str | None:
    """The URL if :func:`url_problem` finds nothing wrong with it, else None."""
    return url if url_problem(url) is None else None


def link(url, text) -> Markup:
    """An escaped anchor to an https URL, or the escaped text alone when the URL is not safe."""
    target = safe_url(url)
    if target is None:
        return Markup(esc(text))
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(target, "" if text is None else text)


def keep_together(text: str) -> str:
    """Spaces a line must not break at, made no-break before lines are cut: inside a number
    ('5 000'), before ':', ';', '!', '?' and '»', after '«' (:mod:`helpers.core.typeset` then
    sets them as a French desk does)."""
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", text)
    text = re.sub(r" (?=[:;!?»])", "\u00a0", text)
    return re.sub(r"« ", "«\u00a0", text)


def wrap(text, width: int = 48) -> str:
    """Escape then break long text with <br> for plotly hover labels (never inside a number or
    before a colon: :func:`keep_together`)."""
    return "<br>".join(esc(line) for line in textwrap.wrap(keep_together(str(text or "")), width=width)) or ""


def qmd_html(markup: str, fences: bool = True) -> str:
    """HTML (already escaped) made inert for Quarto: no shortcode opener and, for the body of one
    raw block (``fences``), no line that closes it. A page that holds its own fences (a claim
    page) passes ``fences=False``: its values cannot start a line (:func:`one_line`)."""
    def script(m: re.Match) -> str:
        return m.group(1) + m.group(2).replace("{{", "\\u007b\\u007b") + m.group(3)

    markup = str(markup)  # a plain str: Markup.replace would escape the entities put in
    parts, last = [], 0
    for m in _SCRIPT.finditer(markup):
        parts += [markup[last:m.start()].replace("{{", "&#123;&#123;"), script(m)]
        last = m.end()
    parts.append(markup[last:].replace("{{", "&#123;&#123;"))
    if not fences:
        return "".join(parts)
    return re.sub(r"(^|\n)([ \t]*)(`{3,}|~{3,})", lambda m: m.group(1) + m.group(2) + "&#96;" * len(m.group(3))
                  if m.group(3)[0] == "`" else m.group(1) + m.group(2) + "&#126;" * len(m.group(3)), "".join(parts))


def meta_text(text) -> str:
    """A YAML double-quoted value Pandoc and Quarto read as plain text (see the module's notes)."""
    plain = "" if missing(text) else str(text)
    kept = _spaces("".join(ch for ch in plain if ch not in _META_DROP and unicodedata.category(ch)[0] != "C" or ch in "\t\n\r"))
    # quotes stay bare so that Pandoc curls them; every other ASCII mark is escaped (no list, no link)
    inert = "".join("\\" + ch if ch.isascii() and not ch.isalnum() and ch not in " '\"" else ch for ch in kept)
    return json.dumps(inert, ensure_ascii=False)


def inline_html(text) -> str:
    """Text for Markdown prose: escaped HTML in a raw inline (Pandoc parses nothing in it)."""
    body = qmd_html(esc(_spaces(str(text)) if not missing(text) else "")).replace("`", "&#96;")
    return f"`{body}`{{=html}}" if body else ""


def code_text(text: str) -> str:
    """Text for a code block Quarto renders: no shortcode opener, no run of backticks."""
    text = text.replace("{{", "{" + _WORD_JOINER + "{")
    return re.sub(r"`(?=``)", "`" + _WORD_JOINER, text)
