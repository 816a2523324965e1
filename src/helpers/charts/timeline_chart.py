"""The timeline chart: one lane per category, one marker per event, the phases of the story."""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.style import GRID, HIGHLIGHT, INK, MUTED, NEUTRAL, base_layout
from helpers.core.dates import chart_date, format_date
from helpers.core.escape import esc, wrap
from helpers.core.labels import colon, t
from helpers.model.bibliography import source_labels
from helpers.model.timeline import CATEGORIES, MEETING_DATE
from helpers.raw.tables import split_ids

#: Phases of the story, each opened by an event of the timeline (its date comes from the data).
PHASES = (
    ("ev-20190425-vladivostok-summit", "Sommet de Vladivostok", "Vladivostok summit"),
    ("ev-20220224-full-scale-invasion", "Invasion de l'Ukraine", "Invasion of Ukraine"),
    ("ev-20230913-vostochny-summit", "Sommet de Vostotchny", "Vostochny summit"),
    ("ev-20240619-treaty-signed", "Traité de défense", "Defence treaty"),
    ("ev-20241018-nis-special-forces", "Troupes en Russie", "Troops in Russia"),
)


def _hover(row, publishers: dict, lang: str) -> str:
    pubs = sorted({publishers.get(s, s) for s in split_ids(row["source_ids"])})
    independent = row.get("independent_source_count")
    count = "" if independent is None or pd.isna(independent) else f" ({int(independent)} {t('independent-sources', lang)})"
    return (f"<b>{esc(format_date(row['date'], row['date_precision'], lang))}</b><br>"
            f"{wrap(row['title_' + lang], 50)}<br>"
            f"<i>{esc(t(row['category'], lang))} · {esc(t(row['status'], lang))}</i><br>"
            f"{esc(t('sources', lang))}{esc(count)}{colon(lang)} {esc('; '.join(pubs))}")


def timeline_figure(timeline: pd.DataFrame, sources: pd.DataFrame, lang: str = "fr") -> go.Figure:
    """One lane per category, one marker per event; the 4 Nov 2024 meeting highlighted."""
    publishers = source_labels(sources, lang) if "tier" in sources else dict(zip(sources["source_id"], sources["publisher"]))
    present = [c for c in CATEGORIES if c in set(timeline["category"])]
    lanes = {c: i for i, c in enumerate(reversed(present))}
    fig = go.Figure()
    for cat in present:
        sub = timeline[timeline["category"] == cat]
        fig.add_trace(go.Scatter(
            x=[chart_date(d, p) for d, p in zip(sub["date"], sub["date_precision"])], y=[lanes[cat]] * len(sub),
            mode="markers", name=t(cat, lang),
            marker=dict(size=11, color=NEUTRAL, line=dict(width=1.5, color=NEUTRAL), opacity=0.8,
                        symbol=["circle" if s in ("official", "reported", "acknowledged") else "circle-open" for s in sub["status"]]),
            customdata=sub[["event_id"]].to_numpy(),
            hovertext=[_hover(r, publishers, lang) for _, r in sub.iterrows()], hoverinfo="text",
        ))
    title = timeline_title(timeline, lang)
    fig.update_layout(**base_layout(lang, title, height=600))
    # lane names sit above their lane, inside the plot, so the dates keep the whole width on a phone
    fig.update_yaxes(tickmode="array", tickvals=list(lanes.values()), showticklabels=False,
                     range=[-0.6, len(lanes) - 0.35], showgrid=True, gridcolor=GRID, zeroline=False, fixedrange=True)
    for cat, y in lanes.items():
        fig.add_annotation(x=0, xref="paper", xanchor="left", y=y + 0.5, yanchor="middle", text=esc(t(cat, lang)),
                           showarrow=False, font=dict(size=11, color=INK), bgcolor="rgba(255,255,255,0.85)")
    fig.update_xaxes(showgrid=False, type="date", tickformat="%Y")
    fig.add_vline(x=MEETING_DATE, line=dict(color=HIGHLIGHT, width=2, dash="dot"))
    fig.add_annotation(x=MEETING_DATE, y=1.0, yref="paper", text=esc(t("meeting", lang)), showarrow=False,
                       xanchor="right", yanchor="bottom", font=dict(color=HIGHLIGHT, size=11), bgcolor="rgba(255,255,255,0.8)")
    first, last = pd.Timestamp(timeline["date"].min()), pd.Timestamp(timeline["date"].max())
    dates = dict(zip(timeline["event_id"], timeline["date"]))
    key = []
    for event_id, fr, en in PHASES:  # numbered rules under the axis; their key is printed below
        start = dates.get(event_id)
        if start is None:
            continue
        n = len(key) + 1
        fig.add_vline(x=start, line=dict(color=MUTED, width=1))
        fig.add_annotation(x=start, y=0, yref="paper", yanchor="top", yshift=-24, text=str(n), showarrow=False,
                           font=dict(size=11, color=INK))
        key.append(f"{n} {fr if lang == 'fr' else en}")
    marks = f"● {t('tl:filled', lang)} · ○ {t('tl:hollow', lang)}"  # the two marks, explained under the phases
    fig.add_annotation(x=0, xref="paper", xanchor="left", y=0, yref="paper", yanchor="top", yshift=-46,
                       text="<br>".join(esc(line) for line in textwrap.wrap(" · ".join(key), 44) + [marks]), align="left",
                       showarrow=False, font=dict(size=11, color=MUTED))
    fig.update_xaxes(range=[(first - pd.DateOffset(months=4)).date().isoformat(), (last + pd.DateOffset(months=3)).date().isoformat()])
    fig.update_layout(showlegend=False, margin=dict(l=10, r=10, t=30, b=128))
    return fig


def timeline_title(timeline: pd.DataFrame, lang: str) -> str:
    """The finding of the timeline, from the data: where the events concentrate (the busiest year,
    with the year beside it when it comes close), against the first year."""
    per_year = timeline["year"].value_counts().sort_index()
    first, peak = int(per_year.index.min()), int(per_year.idxmax())
    n_first = int(per_year.loc[first])
    years = [peak]
    for other in (peak - 1, peak + 1):
        if other in per_year.index and per_year.loc[other] >= 0.8 * per_year.loc[peak]:
            years = sorted([peak, other])
            break
    counts = [int(per_year.loc[y]) for y in years]
    span = "–".join(str(y) for y in years)
    if peak == first:
        return {"fr": f"{len(timeline)} événements depuis {first}, dont {counts[0]} la première année",
                "en": f"{len(timeline)} events since {first}, {counts[0]} of them in the first year"}[lang]
    n_fr = " et ".join(str(n) for n in counts) + (" événements" if len(counts) > 1 or counts[0] > 1 else " événement")
    n_en = " and ".join(str(n) for n in counts)
    return {"fr": f"Les événements se concentrent en {span}\u00a0: {n_fr}, contre {n_first} en {first}",
            "en": f"Most events fall in {span}: {n_en}, against {n_first} in {first}"}[lang]
