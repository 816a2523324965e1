"""Dates with a precision (day, month or year), parsed strictly and written in French or English.

A month-precision date is written as the 1st of its month and a year-precision one as 1 January,
but neither is ever read as that day: comparisons use the period's last possible day
(:func:`latest_day`, so an "October 2024" figure does not count as known on 4 October), charts
place it in the middle of the period (:func:`chart_date`), labels name the month or the year, and
day counts need two day-precision dates (:func:`days_between_precise`).
"""
from __future__ import annotations

import datetime as dt

from helpers.core.labels import MONTHS_EN, MONTHS_FR, check_lang, missing

PRECISIONS = ("day", "month", "year")


def parse_date(value: str, precision: str = "day") -> dt.date:
    """Parse an ISO date; a month-precision date must be the first of the month."""
    if precision not in PRECISIONS:
        raise ValueError(f"unknown date precision {precision!r}; expected one of {PRECISIONS}")
    try:
        d = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO date (YYYY-MM-DD)") from None
    if len(str(value).strip()) != 10:
        raise ValueError(f"'{value}' is not an ISO date (YYYY-MM-DD)")
    if precision == "month" and d.day != 1:
        raise ValueError(f"'{value}' has month precision and must be the first day of the month")
    if precision == "year" and (d.month, d.day) != (1, 1):
        raise ValueError(f"'{value}' has year precision and must be written as 1 January (YYYY-01-01)")
    return d


def format_date(value: dt.date | str, precision: str = "day", lang: str = "fr") -> str:
    """'4 novembre 2024' / '4 November 2024'; 'novembre 2024' / 'November 2024' at month precision."""
    check_lang(lang)
    d = parse_date(value, precision) if isinstance(value, str) else value
    if precision == "year":
        return str(d.year)
    month = (MONTHS_FR if lang == "fr" else MONTHS_EN)[d.month - 1]
    if precision == "month":
        return f"{month} {d.year}"
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{day} {month} {d.year}"


def format_day(value, lang: str = "fr") -> str:
    """A day-precision date written out ('4 novembre 2024'); '' when there is none."""
    return "" if missing(value) or value == "" else format_date(str(value)[:10], "day", lang)


def days_between(start: dt.date | str, end: dt.date | str) -> int:
    s = parse_date(start) if isinstance(start, str) else start
    e = parse_date(end) if isinstance(end, str) else end
    return (e - s).days


def period(value: dt.date | str, precision: str = "day") -> tuple[dt.date, dt.date]:
    """First and last possible day of a date with its precision."""
    d = parse_date(value, precision) if isinstance(value, str) else value
    if precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if precision == "month":
        nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    return d, d


def latest_day(value: dt.date | str, precision: str = "day") -> dt.date:
    """The last day the date can mean: what 'on or before' comparisons use."""
    return period(value, precision)[1]


def chart_date(value: dt.date | str, precision: str = "day") -> str:
    """Where a chart places the date (ISO): the day itself, or the middle of the month or year."""
    start, end = period(value, precision)
    return (start + (end - start) / 2).isoformat()


def days_between_precise(start: str, start_precision: str, end: str, end_precision: str) -> int | None:
    """Days between two dates, or None unless both are precise to the day."""
    if start_precision != "day" or end_precision != "day":
        return None
    return days_between(start, end)
