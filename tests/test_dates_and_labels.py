"""Dates with precision, bilingual labels, sorting of the timeline."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.core.dates import days_between, format_date, parse_date
from helpers.core.labels import LABELS, check_lang, status_label, t
from helpers.model.timeline import CATEGORIES, sort_events


def test_format_day_and_month_in_both_languages():
    assert format_date("2024-11-04", "day", "fr") == "4 novembre 2024"
    assert format_date("2024-11-04", "day", "en") == "4 November 2024"
    assert format_date("2024-06-01", "month", "fr") == "juin 2024"
    assert format_date("2024-06-01", "month", "en") == "June 2024"
    assert format_date("2025-04-01", "day", "fr") == "1er avril 2025"


@pytest.mark.parametrize("bad", ["2024-02-30", "04/11/2024", "2024-11", "", "2024-1-4", "tomorrow"])
def test_bad_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


def test_month_precision_must_be_first_of_month():
    with pytest.raises(ValueError, match="first day of the month"):
        parse_date("2024-06-19", "month")
    with pytest.raises(ValueError, match="precision"):
        parse_date("2024-06-01", "year")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_iso_round_trip_and_labels_contain_year(d):
    assert parse_date(d.isoformat()) == d
    for lang in ("fr", "en"):
        assert str(d.year) in format_date(d.isoformat(), "day", lang)
        assert format_date(d.replace(day=1), "month", lang).endswith(str(d.year))


@given(st.dates(), st.dates())
def test_days_between_is_antisymmetric(a, b):
    assert days_between(a, b) == -days_between(b, a)


def test_every_category_and_status_has_both_labels():
    for code in CATEGORIES + ("official", "reported", "alleged", "denied", "acknowledged"):
        fr, en = LABELS[code]
        assert fr and en and t(code, "fr") == fr and t(code, "en") == en
    assert status_label("alleged", "en") == "Alleged by one side"
    with pytest.raises(ValueError):
        check_lang("de")


def test_sort_events_puts_day_before_month_and_is_stable():
    df = pd.DataFrame({"event_id": ["ev-b", "ev-a", "ev-c", "ev-d"],
                       "date": ["2024-06-01", "2024-06-01", "2023-01-05", "2024-06-19"],
                       "date_precision": ["month", "day", "day", "day"]})
    assert list(sort_events(df)["event_id"]) == ["ev-c", "ev-a", "ev-b", "ev-d"]
