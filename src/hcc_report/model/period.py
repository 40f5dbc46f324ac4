"""
Reporting periods: a month, a quarter, a half year, the first N months, a
year, or any range of dates.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from hcc_report._calendar import is_month_end, month_end
from hcc_report.formatting import parse_period
from hcc_report.model._checks import Checker


__all__ = ["Period", "PeriodKind"]


class PeriodKind(str, enum.Enum):
    """
    The kind of a `Period`; it decides how the period is named in a report.

    Its value is the name used in report files (``kind = "month"``).
    """

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    #: The first N months of a year ("6 tháng đầu năm", "9 tháng").
    FIRST_MONTHS = "first-months"
    YEAR = "year"
    #: Any range of dates ("từ ngày ... đến ngày ...").
    RANGE = "range"

    def __str__(self) -> str:
        return self.value


def _check_int(
    checker: Checker, name: str, value: object, low: int, high: int
) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        checker.add(name, f"must be an int, got {value!r}")
        return False
    if not low <= value <= high:
        checker.add(name, f"must be from {low} to {high}, got {value!r}")
        return False
    return True


def _months_span(kind: PeriodKind, number: int) -> tuple[int, int]:
    """
    Return the first and last month of a calendar period of *kind*.
    """
    if kind is PeriodKind.MONTH:
        return number, number
    if kind is PeriodKind.QUARTER:
        return 3 * number - 2, 3 * number
    if kind is PeriodKind.HALF:
        return 6 * number - 5, 6 * number
    if kind is PeriodKind.FIRST_MONTHS:
        return 1, number
    return 1, 12


_NUMBER_RANGE = {
    PeriodKind.MONTH: ("month", 12),
    PeriodKind.QUARTER: ("quarter", 4),
    PeriodKind.HALF: ("half", 2),
    PeriodKind.FIRST_MONTHS: ("months", 12),
}


@attrs.frozen(kw_only=True, repr=False)
class Period:
    """
    A reporting period: a kind and the first and last day it covers.

    Build one with a named constructor; the kind decides how the period is
    named (a quarter and the first three months cover the same days but
    are written differently).

    >>> Period.month(2023, 2)
    Period.month(2023, 2)
    >>> Period.month(2023, 2).start, Period.month(2023, 2).end
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    >>> Period.quarter(2023, 1).end
    datetime.date(2023, 3, 31)
    >>> Period.half(2023, 2).start
    datetime.date(2023, 7, 1)
    >>> Period.first_months(2023, 9).end
    datetime.date(2023, 9, 30)
    >>> Period.year(2024).end
    datetime.date(2024, 12, 31)
    >>> Period.between(dt.date(2023, 1, 1), dt.date(2023, 2, 15)).kind
    <PeriodKind.RANGE: 'range'>
    >>> Period.month(2023, 2).year_to_date() == Period.first_months(2023, 2)
    True
    """

    kind: PeriodKind
    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        checker = Checker("Period")
        kind_ok = checker.instance("kind", self.kind, PeriodKind)
        dates_ok = checker.date("start", self.start)
        dates_ok = checker.date("end", self.end) and dates_ok
        if dates_ok and self.start > self.end:
            checker.add(
                "end", f"must not be before start {self.start}, got {self.end}"
            )
        elif dates_ok and kind_ok and self.kind is not PeriodKind.RANGE:
            self._check_shape(checker)
        checker.raise_if_any()

    def __repr__(self) -> str:
        # The named constructor that gives this period back.
        if self.kind is PeriodKind.RANGE:
            return f"Period.between({self.start!r}, {self.end!r})"
        if self.kind is PeriodKind.YEAR:
            return f"Period.year({self.end.year})"
        name = _NUMBER_RANGE[self.kind][0]
        constructor = "first_months" if name == "months" else name
        return f"Period.{constructor}({self.end.year}, {self.number})"

    def _check_shape(self, checker: Checker) -> None:
        start, end = self.start, self.end
        if start.year == end.year and start.day == 1:
            if self.kind is PeriodKind.YEAR:
                shape = (start.month, end.month) == (1, 12)
            else:
                shape = any(
                    (start.month, end.month) == _months_span(self.kind, n)
                    for n in range(1, _NUMBER_RANGE[self.kind][1] + 1)
                )
            if shape and is_month_end(end):
                return
        checker.add(
            "kind",
            f"a {self.kind.value} period cannot run from {start} to {end}",
        )

    # Named constructors ---------------------------------------------------

    @classmethod
    def _calendar(cls, kind: PeriodKind, year: int, number: int) -> Period:
        checker = Checker("Period")
        _check_int(checker, "year", year, dt.MINYEAR, dt.MAXYEAR)
        if kind is not PeriodKind.YEAR:
            name, high = _NUMBER_RANGE[kind]
            _check_int(checker, name, number, 1, high)
        checker.raise_if_any()
        first, last = _months_span(kind, number)
        return cls(
            kind=kind,
            start=dt.date(year, first, 1),
            end=month_end(year, last),
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """
        Return one calendar month (tháng).
        """
        return cls._calendar(PeriodKind.MONTH, year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """
        Return one quarter (quý), numbered 1 to 4.
        """
        return cls._calendar(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """
        Return one half year (6 tháng), numbered 1 or 2.
        """
        return cls._calendar(PeriodKind.HALF, year, half)

    @classmethod
    def first_months(cls, year: int, months: int) -> Period:
        """
        Return the first *months* months of *year* ("9 tháng đầu năm").
        """
        return cls._calendar(PeriodKind.FIRST_MONTHS, year, months)

    @classmethod
    def year(cls, year: int) -> Period:
        """
        Return a calendar year (năm).
        """
        return cls._calendar(PeriodKind.YEAR, year, 1)

    @classmethod
    def parse(cls, text: str) -> Period:
        """
        Read a period as reports name it; see
        `~hcc_report.formatting.format_period`.

        >>> Period.parse("tháng 02 năm 2023")
        Period.month(2023, 2)
        >>> Period.parse("quý I/2023")
        Period.quarter(2023, 1)

        Raises:
            ~hcc_report.errors.ParseError: *text* names no period.
        """
        kind, start, end = parse_period(text)
        return cls(kind=PeriodKind(kind), start=start, end=end)

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> Period:
        """
        Return the range of dates from *start* to *end*, both included.
        """
        return cls(kind=PeriodKind.RANGE, start=start, end=end)

    # Derived values -------------------------------------------------------

    @property
    def number(self) -> int | None:
        """
        The month, quarter, half or month count; ``None`` for a year or range.

        >>> Period.quarter(2023, 3).number
        3
        """
        if self.kind is PeriodKind.MONTH:
            return self.start.month
        if self.kind is PeriodKind.QUARTER:
            return self.end.month // 3
        if self.kind is PeriodKind.HALF:
            return self.end.month // 6
        if self.kind is PeriodKind.FIRST_MONTHS:
            return self.end.month
        return None

    def __contains__(self, day: object) -> bool:
        """
        Tell whether a date falls within the period.

        >>> dt.date(2023, 2, 28) in Period.month(2023, 2)
        True
        """
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            return False
        return self.start <= day <= self.end

    def year_to_date(self) -> Period:
        """
        Return the period from 1 January of the end's year to the end.

        This is what cumulative figures (lũy kế từ đầu năm) cover. It is a
        calendar period when the end falls on the last day of a month.

        >>> Period.month(2023, 1).year_to_date()
        Period.month(2023, 1)
        >>> Period.month(2023, 5).year_to_date()
        Period.first_months(2023, 5)
        >>> Period.quarter(2023, 4).year_to_date() == Period.year(2023)
        True
        """
        end = self.end
        if not is_month_end(end):
            return Period.between(dt.date(end.year, 1, 1), end)
        if end.month == 1:
            return Period.month(end.year, 1)
        if end.month == 12:  # noqa: PLR2004
            return Period.year(end.year)
        return Period.first_months(end.year, end.month)
