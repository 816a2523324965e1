"""Dates with a precision (day or month), parsed strictly and written in French or English."""
from __future__ import annotations

import datetime as dt

from helpers.style import MONTHS_EN, MONTHS_FR, check_lang

PRECISIONS = ("day", "month")


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
    return d


def format_date(value: dt.date | str, precision: str = "day", lang: str = "fr") -> str:
    """'4 novembre 2024' / '4 November 2024'; 'novembre 2024' / 'November 2024' at month precision."""
    check_lang(lang)
    d = parse_date(value, precision) if isinstance(value, str) else value
    month = (MONTHS_FR if lang == "fr" else MONTHS_EN)[d.month - 1]
    if precision == "month":
        return f"{month} {d.year}"
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{day} {month} {d.year}"


def days_between(start: dt.date | str, end: dt.date | str) -> int:
    s = parse_date(start) if isinstance(start, str) else start
    e = parse_date(end) if isinstance(end, str) else end
    return (e - s).days
