"""Typography by language, in one place: the rules a French and an English desk apply to every
text a reader sees.

One function, :func:`typeset`, holds the rules; :func:`typeset_markup` applies them to the text
between the tags of HTML (and of Plotly's pseudo-HTML), leaving tags, code, scripts and styles
untouched. Every output goes through them: the rendered pages (``python -m helpers typeset``, the
post-render step of ``_quarto.yml``), the chart texts (:func:`helpers.charts.figures.build_figure`)
and the feeds. Applying them twice changes nothing.

French (Imprimerie nationale, as Le Monde or Les Échos set it):
- a no-break space (U+00A0) before ``:``; a narrow no-break space (U+202F) before ``;``, ``!``,
  ``?`` and ``%``, inside « », and between the groups of a number (``12 000``);
- ’ for the apostrophe; ``"…"`` becomes « … »;
- ``~12`` becomes ``environ 12``.

English: ’ ‘ “ ” for apostrophes and quotes, no space before ``: ; ! ?``, ``~12`` becomes
``about 12``. Both: ``...`` becomes …, a spaced hyphen between words becomes a spaced en dash.

URLs, e-mail addresses, file names and Plotly placeholders (``%{y:,.0f}``) are never changed.
"""
from __future__ import annotations

import html
import re

NBSP = "\u00a0"
NNBSP = "\u202f"
LETTER = r"[^\W\d_]"
#: what the rules never touch: links, addresses, files, Plotly placeholders and date formats
PROTECTED = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|%\{[^}]*\}|\b[\w-]+\.(?:csv|json|geojson|xml|html|qmd|ipynb|py|png)\b")
_SPACES = f"[ \t{NBSP}{NNBSP}]"


def _quotes(text: str, before: str, lang: str) -> str:
    """Straight quotes made typographic, each by the character before it (opening after a space,
    a bracket or the start; an apostrophe between letters)."""
    out = []
    prev = before
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == "'":
            if re.match(LETTER, prev or "") and (re.match(LETTER, nxt) or lang == "en"):
                ch = "’"  # an apostrophe (l'article, Russia's; English: the end of a quote)
            elif lang == "en" and (not prev or prev.isspace() or prev in "([{“—–-"):
                ch = "‘"
            else:
                ch = "’"
        elif ch == '"':
            opening = not prev or prev.isspace() or prev in "([{‘—–-"
            if lang == "fr":
                ch = ("«" + NNBSP) if opening else (NNBSP + "»")
            else:
                ch = "“" if opening else "”"
        out.append(ch)
        prev = ch[-1]
    return "".join(out)


def _plain(text: str, lang: str, before: str) -> str:
    if not text:
        return text
    text = text.replace("...", "…")
    text = re.sub(rf"(?<=\w){_SPACES}-{_SPACES}(?=\w)", lambda m: m.group(0).replace("-", "–"), text)
    text = _quotes(text, before, lang)
    if lang == "fr":
        text = re.sub(rf"~{_SPACES}?(?=\d)", "environ ", text)
        text = re.sub(rf"«{_SPACES}*", "«" + NNBSP, text)
        text = re.sub(rf"{_SPACES}*»", NNBSP + "»", text)
        text = re.sub(rf"{_SPACES}+([;!?])", NNBSP + r"\1", text)
        text = re.sub(r"(?<=[^\s;!?(\[«])([;!?])(?=\s|$|[»)\]])", NNBSP + r"\1", text)
        text = re.sub(rf"{_SPACES}+:", NBSP + ":", text)
        text = re.sub(r"(?<=[^\s:/])(:)(?=\s|$)", NBSP + r"\1", text)
        text = re.sub(rf"(?<=\d){_SPACES}?%", NNBSP + "%", text)
        text = re.sub(rf"(?<![\d.,]){{1}}(\d{{1,3}})((?:{_SPACES}\d{{3}})+)(?!\d)",
                      lambda m: m.group(1) + re.sub(_SPACES, NNBSP, m.group(2)), text)
        if before and not before.isspace() and text[0] in ";!?:":
            text = (NBSP if text[0] == ":" else NNBSP) + text
    else:
        text = re.sub(rf"~{_SPACES}?(?=\d)", "about ", text)
        text = re.sub(rf"(?<=\S)[ {NBSP}{NNBSP}]+([:;!?])(?=\s|$)", r"\1", text)
    return text


def typeset(text: str, lang: str, before: str = "") -> str:
    """``text`` set by the rules of ``lang`` ('fr' or 'en'); ``before`` is the character that
    precedes it (when it follows a tag), which decides the direction of a quote."""
    if lang not in ("fr", "en"):
        raise ValueError(f"unknown language {lang!r}: expected 'fr' or 'en'")
    if not text:
        return text
    out, last, prev = [], 0, before
    for m in PROTECTED.finditer(text):
        chunk = text[last:m.start()]
        out.append(_plain(chunk, lang, prev))
        out.append(m.group(0))
        prev, last = m.group(0)[-1], m.end()
    out.append(_plain(text[last:], lang, prev if last else before))
    return "".join(out)


_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?/]?[A-Za-z][^>]*>", re.S)
_SKIP = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "math", "svg"}
_LANG_ATTR = re.compile(r'\slang="([A-Za-z-]+)"')
_ATTRS = re.compile(r'\b(alt|title|aria-label|placeholder)="([^"]*)"')
_META = re.compile(r'<meta\b[^>]*\b(?:name|property)="(?:description|og:description|og:title|twitter:title|twitter:description)"')
_CONTENT = re.compile(r'\bcontent="([^"]*)"')


def _attr(value: str, lang: str) -> str:
    return html.escape(typeset(html.unescape(value), lang), quote=True)


def _tag(tag: str, lang: str) -> str:
    tag = _ATTRS.sub(lambda m: f'{m.group(1)}="{_attr(m.group(2), lang)}"', tag)
    if _META.match(tag):
        tag = _CONTENT.sub(lambda m: f'content="{_attr(m.group(1), lang)}"', tag)
    return tag


def typeset_markup(markup: str, lang: str, attributes: bool = True) -> str:
    """The text of an HTML document or fragment (or a Plotly label with ``<br>``, ``<b>``) set by
    the rules of ``lang``; tags stay as they are, and so does everything inside script, style,
    code, pre, kbd, samp, textarea, math and svg. An element with a ``lang`` attribute is set by
    its own language's rules (a Russian or Korean title by none). With ``attributes``, alt,
    title, aria-label, placeholder and the description meta tags are set too."""
    out, last, skip, prev = [], 0, [], ""
    langs = [["", lang, 1]]  # elements with a lang attribute: [tag, language, open count]; the innermost rules
    for m in _TOKEN.finditer(markup):
        text = markup[last:m.start()]
        here = langs[-1][1]
        if text:
            if skip or here not in ("fr", "en"):
                out.append(text)
            else:
                plain = typeset(html.unescape(text), here, before=prev)
                out.append(html.escape(plain, quote=False))
                prev = plain[-1]
        tag = m.group(0)
        name = re.match(r"</?([A-Za-z][\w-]*)", tag)
        if name:
            lower = name.group(1).lower()
            declared = _LANG_ATTR.search(tag)
            if declared and not tag.startswith("</") and not tag.endswith("/>"):
                langs.append([lower, declared.group(1).lower()[:2], 0])
            if lower == langs[-1][0]:
                langs[-1][2] += -1 if tag.startswith("</") else 1
                if langs[-1][2] == 0 and len(langs) > 1:
                    langs.pop()
            if lower in _SKIP and not tag.endswith("/>"):
                if tag.startswith("</"):
                    if skip and skip[-1] == lower:
                        skip.pop()
                else:
                    skip.append(lower)
            elif lower in ("br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"):
                prev = " "  # a line or a block starts: a quote after it opens
        out.append(_tag(tag, here) if attributes and not skip and here in ("fr", "en") else tag)
        last = m.end()
    text, here = markup[last:], langs[-1][1]
    if text:
        out.append(text if skip or here not in ("fr", "en") else html.escape(typeset(html.unescape(text), here, before=prev), quote=False))
    return "".join(out)
