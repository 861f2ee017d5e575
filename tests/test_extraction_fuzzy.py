"""The fuzzy date field: what editors type, and the range and precision they get."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from timeline.extraction.daterange import DateRange, Precision
from timeline.extraction.fuzzy import (
    DateOutOfRangeError,
    FuzzyDateError,
    format_for_editing,
    parse_date_filter,
    parse_fuzzy_date,
)
from timeline.forms import FuzzyDateField

D = date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("7 March 2025", D(2025, 3, 7), D(2025, 3, 7), "day"),
        ("March 7, 2025", D(2025, 3, 7), D(2025, 3, 7), "day"),
        ("7th March 2025", D(2025, 3, 7), D(2025, 3, 7), "day"),
        ("2025-03-07", D(2025, 3, 7), D(2025, 3, 7), "day"),
        ("29/01/2025", D(2025, 1, 29), D(2025, 1, 29), "day"),
        ("Mar 2025", D(2025, 3, 1), D(2025, 3, 31), "month"),
        ("February 2024", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28), "month"),
        ("Q1 2025", D(2025, 1, 1), D(2025, 3, 31), "quarter"),
        ("the third quarter of 2024", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("early March 2025", D(2025, 3, 1), D(2025, 3, 10), "approximate"),
        ("mid-March 2025", D(2025, 3, 11), D(2025, 3, 20), "approximate"),
        ("late Feb 2025", D(2025, 2, 21), D(2025, 2, 28), "approximate"),
        ("week of 27 Jan 2025", D(2025, 1, 27), D(2025, 2, 2), "week"),
        ("week of 29 Jan 2025", D(2025, 1, 27), D(2025, 2, 2), "week"),
        ("week of 27 Jan 2025 to 29 Jan 2025", D(2025, 1, 27), D(2025, 1, 29), "week"),
        ("2025-W05", D(2025, 1, 27), D(2025, 2, 2), "week"),
        ("3–7 March 2025", D(2025, 3, 3), D(2025, 3, 7), "approximate"),
        ("c. late Feb – mid Mar 2025", D(2025, 2, 21), D(2025, 3, 20), "approximate"),
        ("c. 2025-02-18 to 2025-03-18", D(2025, 2, 18), D(2025, 3, 18), "approximate"),
        ("c. March 2025", D(2025, 3, 1), D(2025, 3, 31), "approximate"),
        ("H1 2025", D(2025, 1, 1), D(2025, 6, 30), "approximate"),
        ("the 1990s", D(1990, 1, 1), D(1999, 12, 31), "approximate"),
    ],
)
def test_editor_input_gives_range_and_precision(text, start, end, precision):
    assert parse_fuzzy_date(text) == DateRange(start, end, Precision(precision))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a date"),
        ("03/04/2025", "day-first or month-first"),
        ("7 March", "has no year"),
        ("32 March 2025", "not a date I can read"),
        ("2025-02-30", "February 2025 has no day 30; it runs from 1 to 28"),
        ("2025-13", "There is no month 13"),
        ("2025-13-01", "There is no month 13; months run from 1 to 12"),
        ("Q5 2025", "not a date I can read"),
        ("next Tuesday", "not a date I can read"),
        ("7 March 2025 – 1 March 2025", "ends before it starts"),
        ("week of 27 Jan 2025 to 5 Feb 2025", "is not in the week of"),
        ("2025-W54", "has no week 54"),
    ],
)
def test_ambiguous_or_unreadable_input_is_refused_with_a_reason(text, message):
    with pytest.raises(FuzzyDateError, match=message):
        parse_fuzzy_date(text)


@pytest.mark.parametrize(
    "date_range",
    [
        DateRange.day(D(2025, 1, 29)),
        DateRange.month(2025, 1),
        DateRange.quarter(2025, 1),
        DateRange.year(2025),
        DateRange.week_of(D(2025, 1, 29)),
        DateRange(D(2025, 1, 27), D(2025, 1, 29), Precision.WEEK),
        DateRange(D(2025, 2, 18), D(2025, 3, 18), Precision.APPROXIMATE),
        DateRange(D(2025, 3, 3), D(2025, 3, 7), Precision.APPROXIMATE),
        DateRange(D(2024, 12, 30), D(2025, 1, 2), Precision.APPROXIMATE),
        DateRange.part_of_month(2025, 3, "late"),
    ],
)
def test_a_stored_date_reads_back_unchanged_from_its_editing_text(date_range):
    """Saving an untouched admin form never shifts or coarsens a date."""
    assert parse_fuzzy_date(format_for_editing(date_range)) == date_range


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("since January 2025", D(2025, 1, 1), D(2026, 11, 23)),
        ("last 90 days", D(2026, 8, 26), D(2026, 11, 23)),
        ("this year", D(2026, 1, 1), D(2026, 12, 31)),
        ("last month", D(2026, 10, 1), D(2026, 10, 31)),
        ("before March 2025", D(1, 1, 1), D(2025, 3, 31)),
        ("Q1 2025", D(2025, 1, 1), D(2025, 3, 31)),
    ],
)
def test_date_filters_accept_relative_periods(text, start, end):
    result = parse_date_filter(text, today=D(2026, 11, 23))
    assert (result.start, result.end) == (start, end)


def test_form_field_turns_parse_errors_into_form_errors():
    field = FuzzyDateField()
    with pytest.raises(ValidationError, match="day-first or month-first"):
        field.clean("03/04/2025")
    assert field.clean("Q1 2025") == DateRange.quarter(2025, 1)
    with pytest.raises(ValidationError, match="at most 100 characters"):
        field.clean("2025 " * 30)


@pytest.mark.parametrize(
    ("date_range", "shown"),
    [
        (DateRange.day(D(2025, 1, 29)), "29 Jan 2025"),
        (DateRange.week_of(D(2025, 1, 29)), "week of 27 Jan 2025"),
        (DateRange.month(2025, 1), "Jan 2025"),
        (DateRange.quarter(2025, 1), "Q1 2025"),
        (DateRange.year(2025), "2025"),
        (
            DateRange(D(2025, 2, 21), D(2025, 3, 20), Precision.APPROXIMATE),
            "c. late Feb – mid Mar 2025",
        ),
        (DateRange(D(2025, 3, 3), D(2025, 3, 7), Precision.APPROXIMATE), "c. 3–7 Mar 2025"),
        (DateRange(D(2025, 9, 1), D(2025, 12, 31), Precision.APPROXIMATE), "c. Sep – Dec 2025"),
    ],
)
def test_dates_are_shown_by_precision(date_range, shown):
    assert str(date_range) == shown


@pytest.mark.parametrize(
    "text",
    [
        "last 2100 years",
        "the previous 30000 months",
        "last 99999999999 days",
        "week of 27 Dec 9999",
        "since week of 27 Dec 9999",
        "0000",
        "Q1 0000",
        "Jan 10000",
    ],
)
def test_dates_beyond_the_years_1_to_9999_are_refused_with_a_message(text):
    with pytest.raises(DateOutOfRangeError, match="outside the years 1 to 9999"):
        parse_date_filter(text, today=D(2026, 12, 6))


def test_the_last_days_of_9999_are_dates_like_any_other():
    assert parse_fuzzy_date("31 Dec 9999") == DateRange.day(D(9999, 12, 31))
    assert parse_fuzzy_date("week of 20 Dec 9999").end == D(9999, 12, 26)
    assert parse_date_filter("last 7 days", today=D(1, 1, 7)).start == D(1, 1, 1)


def test_an_out_of_range_date_is_a_form_error():
    field = FuzzyDateField()
    with pytest.raises(ValidationError, match="outside the years 1 to 9999"):
        field.clean("week of 27 Dec 9999")


@given(
    quantity=st.integers(min_value=0, max_value=10**15),
    unit=st.sampled_from(["day", "days", "week", "weeks", "month", "months", "year", "years"]),
    word=st.sampled_from(["last", "past", "the previous"]),
    today=st.dates(),
)
def test_a_relative_period_is_a_range_of_real_days_or_a_date_error(quantity, unit, word, today):
    """Whatever the count and unit, a relative filter ends on today or is refused with a
    message; arithmetic never overflows."""
    try:
        result = parse_date_filter(f"{word} {quantity} {unit}", today=today)
    except FuzzyDateError as error:
        assert quantity == 0 or isinstance(error, DateOutOfRangeError)
        return
    assert result.start <= result.end == today


@given(
    text=st.sampled_from(["today", "yesterday", "this week", "last week", "this month"])
    | st.sampled_from(["last month", "this year", "last year", "week of 27 Dec 9999"]),
    today=st.dates(),
)
def test_a_named_period_near_the_ends_of_the_calendar_is_a_range_or_a_date_error(text, today):
    try:
        result = parse_date_filter(text, today=today)
    except DateOutOfRangeError as error:
        assert "outside the years 1 to 9999" in str(error)
        return
    assert result.start <= result.end


def test_the_last_partial_week_of_9999_reads_back_from_its_editing_text():
    """Its Monday is 27 Dec 9999; the full week would end in the year 10000."""
    last_week = DateRange(D(9999, 12, 27), D(9999, 12, 31), Precision.WEEK)

    shown = format_for_editing(last_week)

    assert shown == "week of 27 Dec 9999 to 31 Dec 9999"
    assert parse_fuzzy_date(shown) == last_week
