"""The computed bibliography summary of the methodology pages (FR and EN), from an
autoescaping Jinja2 template (``templates/bibliography_summary.html.j2``)."""
from __future__ import annotations

import pandas as pd

from helpers.estimates import format_number
from helpers.sourcing import bibliography_summary
from helpers.style import check_lang, colon, t


def _percent(share: float, lang: str) -> str:
    text = f"{100 * share:.1f}"
    return (text.replace(".", ",") + "\u202f%") if lang == "fr" else text + "%"


def bibliography_block(sources: pd.DataFrame, lang: str) -> str:
    """Counts by tier, type and language, and the shares of primary and wire sources."""
    check_lang(lang)
    s = bibliography_summary(sources)
    n = s["sources"]
    pct = lambda share: _percent(share, lang)  # noqa: E731
    sentence = {
        "fr": (f"La bibliographie compte {format_number(n, lang)} sources : {pct(s['primary_share'])} de sources primaires et "
               f"{pct(s['wire_share'])} d'agences de presse ; {s['reprints']} reprises nomment leur éditeur d'origine ; "
               f"{pct(s['aggregator_share'])} sont des agrégateurs et {s['refused']} viennent d'un domaine refusé."),
        "en": (f"The bibliography holds {format_number(n, lang)} sources: {pct(s['primary_share'])} primary sources and "
               f"{pct(s['wire_share'])} wire agencies; {s['reprints']} copies name their original publisher; "
               f"{pct(s['aggregator_share'])} are aggregators and {s['refused']} come from a refused domain."),
    }[lang]
    from helpers.templating import render

    return render("bibliography_summary.html.j2",
        sentence=sentence,
        caption={"fr": "Sources par rang (calculé depuis sources.csv et publishers.csv)",
                 "en": "Sources by tier (computed from sources.csv and publishers.csv)"}[lang],
        head={"fr": ("Rang", "Sources", "Part"), "en": ("Tier", "Sources", "Share")}[lang],
        tiers=[(t("tier:" + k, lang), v, pct(v / n if n else 0)) for k, v in s["by_tier"].items()],
        type_title={"fr": "Par type de document", "en": "By type of document"}[lang],
        types=[(t("stype:" + k, lang), v) for k, v in s["by_type"].items()],
        language_title={"fr": "Par langue (code ISO 639-1)", "en": "By language (ISO 639-1 code)"}[lang],
        languages=list(s["by_language"].items()), colon=colon(lang))
