"""The claim charts: every dated statement on each claim of the article, and each claim's status
over time. Claims are rows (article order), dates run along x, the article's date is a dotted rule."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.style import CAMP_COLOURS, GRID, HIGHLIGHT, INK, NEUTRAL, STANCE_SYMBOLS, STATUS_COLOURS, STATUS_LEGEND, base_layout
from helpers.core.dates import chart_date, format_date
from helpers.core.escape import esc, wrap
from helpers.core.labels import colon, format_number, status_label, t
from helpers.model.bibliography import source_labels
from helpers.model.claims import ACKNOWLEDGED, ARTICLE_DATE, date_precisions


def _claim_rows_layout(fig, title: str, ypos: dict, short: dict, lang: str, article_date: dt.date) -> None:
    """Layout shared by the claim charts: one row per claim (article order), dates as x, the
    article's date as a dotted rule."""
    fig.update_layout(**base_layout(lang, title, height=640))
    # row names sit above their row, inside the plot, so the dates keep the whole width on a phone
    fig.update_yaxes(tickmode="array", tickvals=list(ypos.values()), showticklabels=False, gridcolor=GRID,
                     range=[0.6, len(ypos) + 0.8], fixedrange=True)
    for cid, y in ypos.items():
        fig.add_annotation(x=0, xref="paper", xanchor="left", y=y + 0.45, yanchor="middle", text=esc(short[cid]),
                           showarrow=False, font=dict(size=11, color=INK), bgcolor="rgba(255,255,255,0.85)")
    fig.update_xaxes(type="date", showgrid=False, tickformat="%Y", dtick="M12")  # years: no English month names on French pages
    fig.add_vline(x=article_date.isoformat(), line=dict(color=HIGHLIGHT, width=2, dash="dot"))
    fig.add_annotation(x=article_date.isoformat(), y=1.0, yref="paper", text=esc(t("article-date", lang)), showarrow=False,
                       xanchor="right", yanchor="bottom", font=dict(color=HIGHLIGHT, size=11))


def claims_figure(claims: pd.DataFrame, att: pd.DataFrame, actors: pd.DataFrame, sources: pd.DataFrame,
                  lang: str = "fr", article_date: dt.date = ARTICLE_DATE):
    """Claims as rows, time as x: one mark per attribution (colour: claimant camp, shape: stance),
    a grey bar from first claim to acknowledgement, the article's date as a vertical rule."""
    names = actors.set_index("actor_id")["name_" + lang]
    pubs = source_labels(sources, lang) if "tier" in sources else dict(zip(sources["source_id"], sources["publisher"]))
    order = list(claims["claim_id"])
    short = {r["claim_id"]: f"{r['claim_id'][3:]} · {t('topic:' + r['topic'], lang)}" for _, r in claims.iterrows()}
    ypos = {cid: len(order) - i for i, cid in enumerate(order)}
    fig = go.Figure()
    bars = 0
    for _, c in claims.iterrows():
        if c["acknowledged_on"] and c["first_claimed"] and c["acknowledged_on"] != c["first_claimed"]:
            fig.add_trace(go.Scatter(x=[chart_date(c["first_claimed"], c["first_claimed_precision"]),
                                        chart_date(c["acknowledged_on"], c["acknowledged_on_precision"])], y=[ypos[c["claim_id"]]] * 2, mode="lines",
                                     line=dict(color=WAIT_BAR, width=6), hoverinfo="skip", name=t("cl:wait", lang), legendgroup="wait",
                                     showlegend=bars == 0))
            bars += 1
    offsets = mark_offsets(att)
    for camp, colour in CAMP_COLOURS.items():
        sub = att[att["claimant_camp"] == camp]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(camp, lang), legendgroup=camp,
                                 marker=dict(symbol="circle", color=colour, size=10)))  # legend entry: colour only
        fig.add_trace(go.Scatter(
            x=[chart_date(d, p) for d, p in zip(sub["date"], date_precisions(sub))],
            y=[ypos[c] + offsets[i] for c, i in zip(sub["claim_id"], sub.index)], mode="markers", name=t(camp, lang), legendgroup=camp, showlegend=False,
            marker=dict(color=colour, size=9, symbol=[STANCE_SYMBOLS[s] for s in sub["stance"]], line=dict(width=1, color="white")),
            hovertext=[f"<b>{esc(short[r['claim_id']])}</b><br>{esc(format_date(r['date'], r.get('date_precision', 'day'), lang))} · {esc(names.get(r['claimant_actor_id'], r['claimant_actor_id']))} "
                       f"<i>{esc(t(r['stance'], lang))}</i><br>{wrap(r['note_' + lang], 50)}<br>"
                       f"{esc(t('evidence', lang))}{colon(lang)} {esc(t(r['evidence_type'], lang))} · {esc(pubs.get(r['source_id'], r['source_id']))}"
                       for _, r in sub.iterrows()],
            hoverinfo="text"))
    for stance, symbol in STANCE_SYMBOLS.items():  # shape legend
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(stance, lang), legendgroup="stance",
                                 marker=dict(symbol=symbol, color=NEUTRAL, size=10), hoverinfo="skip"))
    done = int(claims["status_today"].isin(ACKNOWLEDGED).sum())
    title = {"fr": f"{done} affirmation{'s' if done > 1 else ''} sur {len(claims)} {'ont' if done > 1 else 'a'} depuis été "
                   f"confirmée{'s' if done > 1 else ''} par Moscou ou Pyongyang",
             "en": f"{done} of {len(claims)} claims have since been confirmed by Moscow or Pyongyang"}[lang]
    _claim_rows_layout(fig, title, ypos, short, lang, article_date)
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=40),
                      legend=dict(orientation="h", y=-0.08, yanchor="top", x=0, xanchor="left", traceorder="grouped"))
    fig.update_layout(height=780)
    return fig


#: the grey bar from a claim's first allegation to its confirmation
WAIT_BAR = "#BDBDBD"
#: marks of one claim closer than this are set side by side (a mark is ~10 px: about a month on a phone)
MARK_GAP_DAYS = 40
MARK_LANES = (0.0, -0.18, 0.18, -0.36, 0.32)  # below first: the row's name sits above it


def mark_offsets(att: pd.DataFrame) -> dict:
    """{index: vertical offset} so that the marks of one claim do not sit on one another: each mark
    takes the first lane (of :data:`MARK_LANES`) whose last mark is at least
    :data:`MARK_GAP_DAYS` earlier, or the lane left longest ago."""
    out = {}
    for _, rows in att.groupby("claim_id", sort=False):
        dates = pd.to_datetime([chart_date(d, p) for d, p in zip(rows["date"], date_precisions(rows))])
        last = [None] * len(MARK_LANES)
        for i, day in sorted(zip(rows.index, dates), key=lambda x: (x[1], x[0])):
            free = [k for k, d in enumerate(last) if d is None or (day - d).days >= MARK_GAP_DAYS]
            lane = free[0] if free else min(range(len(last)), key=lambda k: last[k])
            last[lane] = day
            out[i] = MARK_LANES[lane]
    return out


def status_history_figure(claims: pd.DataFrame, history: pd.DataFrame, att: pd.DataFrame, lang: str = "fr",
                          article_date: dt.date = ARTICLE_DATE):
    """Claims as rows, time as x: a band coloured by the claim's status from each change to the
    next (the last one runs to the latest attribution in the ledger), a dot at each change, the
    article's date as a vertical rule."""
    end = pd.to_datetime(att["date"]).max().date().isoformat() if not att.empty else article_date.isoformat()
    order = list(claims["claim_id"])
    short = {r["claim_id"]: f"{r['claim_id'][3:]} · {t('topic:' + r['topic'], lang)}" for _, r in claims.iterrows()}
    ypos = {cid: len(order) - i for i, cid in enumerate(order)}
    segments: dict[str, dict[str, list]] = {}
    for cid, rows in history.groupby("claim_id", sort=False):
        rows = rows.sort_values("date", kind="stable")
        dates = [str(d)[:10] for d in rows["date"]]
        for i, (d, status) in enumerate(zip(dates, rows["status"])):
            stop = dates[i + 1] if i + 1 < len(dates) else end
            seg = segments.setdefault(status, {"x": [], "y": [], "text": [], "size": []})
            label = f"<b>{esc(short[cid])}</b><br>{esc(status_label(status, lang))}<br>{esc(format_date(d, 'day', lang))}"
            if i:
                days = (dt.date.fromisoformat(d) - dt.date.fromisoformat(dates[0])).days
                label += "<br>" + esc(t("sh:days", lang).format(n=format_number(days, lang)))
            seg["x"] += [d, stop, None]
            seg["y"] += [ypos[cid]] * 2 + [None]
            seg["text"] += [label, label, None]
            seg["size"] += [8, 0, 0]  # a dot where the status changed, none where the band stops
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        if status not in segments:
            continue
        seg = segments[status]
        group = STATUS_LEGEND.get(status, status)  # statuses of one colour: one legend entry
        first = not any(tr.legendgroup == group for tr in fig.data)
        fig.add_trace(go.Scatter(x=seg["x"], y=seg["y"], mode="lines+markers", legendgroup=group, showlegend=first,
                                 name=t(group, lang) if group != status else status_label(status, lang),
                                 line=dict(color=colour, width=9), marker=dict(size=seg["size"], color=colour, line=dict(width=1, color="white")),
                                 hovertext=seg["text"], hoverinfo="text", connectgaps=False))
    then = int(claims["status_at_publication"].isin(ACKNOWLEDGED).sum())
    now = int(claims["status_today"].isin(ACKNOWLEDGED).sum())
    title = {"fr": f"Confirmées par Moscou ou Pyongyang\u00a0: {then} affirmation{'s' if then > 1 else ''} sur {len(claims)} le jour de l’article, "
                   f"{now} aujourd’hui",
             "en": f"Confirmed by Moscow or Pyongyang: {then} of {len(claims)} claims on the article's date, {now} today"}[lang]
    _claim_rows_layout(fig, title, ypos, short, lang, article_date)
    fig.update_layout(margin=dict(l=10, r=10, t=30, b=40), height=720,
                      legend=dict(orientation="h", y=-0.08, yanchor="top", x=0, xanchor="left"))
    return fig
