"""
Tests for hcc_report.Period.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hypothesis import given

from hcc_report import Period, PeriodKind, ValidationError
from hcc_report.errors import ParseError
from strategies import periods


class TestConstructors:
    @pytest.mark.parametrize(
        ("period", "start", "end", "number"),
        [
            (Period.month(2023, 2), (2023, 2, 1), (2023, 2, 28), 2),
            (Period.month(2024, 2), (2024, 2, 1), (2024, 2, 29), 2),
            (Period.month(2023, 12), (2023, 12, 1), (2023, 12, 31), 12),
            (Period.quarter(2023, 1), (2023, 1, 1), (2023, 3, 31), 1),
            (Period.quarter(2023, 4), (2023, 10, 1), (2023, 12, 31), 4),
            (Period.half(2023, 1), (2023, 1, 1), (2023, 6, 30), 1),
            (Period.half(2023, 2), (2023, 7, 1), (2023, 12, 31), 2),
            (Period.first_months(2023, 9), (2023, 1, 1), (2023, 9, 30), 9),
            (Period.year(2023), (2023, 1, 1), (2023, 12, 31), None),
            (
                Period.between(dt.date(2023, 1, 5), dt.date(2023, 2, 3)),
                (2023, 1, 5),
                (2023, 2, 3),
                None,
            ),
        ],
    )
    def test_days_covered(self, period, start, end, number):
        """
        Each kind covers the calendar days it names.
        """
        assert dt.date(*start) == period.start
        assert dt.date(*end) == period.end
        assert number == period.number

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (
                lambda: Period.month(2023, 13),
                "month: must be from 1 to 12, got 13",
            ),
            (
                lambda: Period.month(2023, 0),
                "month: must be from 1 to 12, got 0",
            ),
            (
                lambda: Period.quarter(2023, 5),
                "quarter: must be from 1 to 4, got 5",
            ),
            (lambda: Period.half(2023, 3), "half: must be from 1 to 2, got 3"),
            (
                lambda: Period.first_months(2023, 13),
                "months: must be from 1 to 12",
            ),
            (lambda: Period.year("2023"), "year: must be an int, got '2023'"),
            (
                lambda: Period.month(2023, True),
                "month: must be an int, got True",
            ),
            (
                lambda: Period.between(
                    dt.date(2023, 2, 1), dt.date(2023, 1, 1)
                ),
                "end: must not be before start 2023-02-01, got 2023-01-01",
            ),
            (
                lambda: Period.between(
                    dt.datetime(2023, 1, 1, 8), dt.date(2023, 1, 2)
                ),
                "start: must be a date",
            ),
            (
                lambda: Period(
                    kind=PeriodKind.QUARTER,
                    start=dt.date(2023, 2, 1),
                    end=dt.date(2023, 4, 30),
                ),
                "kind: a quarter period cannot run "
                "from 2023-02-01 to 2023-04-30",
            ),
            (
                lambda: Period(
                    kind=PeriodKind.MONTH,
                    start=dt.date(2023, 2, 1),
                    end=dt.date(2023, 2, 27),
                ),
                "kind: a month period cannot run",
            ),
            (
                lambda: Period(
                    kind="week",
                    start=dt.date(2023, 2, 1),
                    end=dt.date(2023, 2, 28),
                ),
                "kind: must be one of 'month', 'quarter', 'half', "
                "'first-months', 'year', 'range', got 'week'",
            ),
        ],
    )
    def test_bad_periods(self, make, message):
        """
        Impossible periods are refused with the field and the value.
        """
        with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
            make()

    @given(periods())
    def test_repr_is_the_constructor_call(self, period):
        """
        A period's repr is the named constructor call that gives it back.
        """
        namespace = {"Period": Period, "datetime": dt}

        assert period == eval(repr(period), namespace)  # noqa: S307

    @given(periods())
    def test_rebuilding_from_days_gives_the_same_period(self, period):
        """
        A period is determined by its kind and its days.
        """
        assert period == Period(
            kind=period.kind, start=period.start, end=period.end
        )


class TestDerived:
    @given(periods())
    def test_year_to_date_starts_on_1_january(self, period):
        """
        The cumulative period runs from 1 January to the period's end.
        """
        cumulative = period.year_to_date()

        assert dt.date(period.end.year, 1, 1) == cumulative.start
        assert period.end == cumulative.end

    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (Period.month(2023, 2), Period.first_months(2023, 2)),
            (Period.month(2023, 1), Period.month(2023, 1)),
            (Period.quarter(2023, 4), Period.year(2023)),
            (Period.half(2023, 1), Period.first_months(2023, 6)),
            (
                Period.between(dt.date(2023, 3, 1), dt.date(2023, 3, 15)),
                Period.between(dt.date(2023, 1, 1), dt.date(2023, 3, 15)),
            ),
        ],
    )
    def test_year_to_date_is_a_calendar_period_when_it_can_be(
        self, period, expected
    ):
        """
        Ending on a month's last day, the cumulative period is named.
        """
        assert expected == period.year_to_date()

    def test_contains(self):
        """
        A period contains its first and last day and nothing outside.
        """
        february = Period.month(2023, 2)

        assert dt.date(2023, 2, 1) in february
        assert dt.date(2023, 2, 28) in february
        assert dt.date(2023, 3, 1) not in february
        assert "2023-02-10" not in february
        assert dt.datetime(2023, 2, 10, 9) not in february

    def test_kind_prints_as_its_file_name(self):
        """
        A kind prints as the name report files use.
        """
        assert "first-months" == str(PeriodKind.FIRST_MONTHS)


class TestCalendar:
    @pytest.mark.parametrize(
        ("kind", "number", "expected"),
        [
            ("month", 2, Period.month(2023, 2)),
            (PeriodKind.QUARTER, 4, Period.quarter(2023, 4)),
            ("half", 2, Period.half(2023, 2)),
            ("first-months", 9, Period.first_months(2023, 9)),
            ("year", None, Period.year(2023)),
        ],
    )
    def test_every_numbered_kind(self, kind, number, expected):
        """
        A period from its kind (or the kind's value), year and number, as
        files give them.
        """
        assert expected == Period.calendar(kind, 2023, number)
        if number is not None:
            assert expected.kind.number_key is not None
            assert number == expected.number

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("range", 2023), "kind: a range has no number; use between()"),
            (("year", 2023, 1), "number: a year has no number, got 1"),
            (("week", 2023, 1), "kind: must be one of 'month'"),
            (("quarter", 2023, 5), "quarter: must be from 1 to 4, got 5"),
            (("month", 2023), "month: must be an int, got None"),
        ],
    )
    def test_impossible_periods(self, args, message):
        """
        What no period is, is named after the argument.
        """
        with pytest.raises(ValidationError, match=re.escape(message)):
            Period.calendar(*args)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02", Period.month(2024, 2)),
        ("2024-Q1", Period.quarter(2024, 1)),
        ("2024-q4", Period.quarter(2024, 4)),
        ("2024-H1", Period.half(2024, 1)),
        ("2024-H2", Period.half(2024, 2)),
        ("2024", Period.year(2024)),
    ],
)
def test_iso_like_forms(text, expected):
    """
    The forms other systems write are read as the periods they name.
    """
    assert expected == Period.parse(text)


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "2024-Q5", "2024-H3"])
def test_iso_like_forms_out_of_range(text):
    """
    A month, quarter or half that does not exist is refused.
    """
    with pytest.raises(ParseError, match="2023-Q1"):
        Period.parse(text)
