"""
Reporting periods: a month, a quarter, a half year, the first N months, a
year, or any range of dates.
"""

from __future__ import annotations

import datetime as dt
import enum

from typing import Any

import attrs

from hcc_report._calendar import NUMBERING, is_month_end, month_end
from hcc_report._checks import Checker, as_enum
from hcc_report.formatting import parse_period


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

    @property
    def number_key(self) -> str | None:
        """
        The name of the number of a period of this kind (``"month"``,
        ``"quarter"``, ``"half"`` or ``"months"``), the argument of its
        constructor and the key in report files; ``None`` for a year or a
        range.

        >>> PeriodKind.FIRST_MONTHS.number_key
        'months'
        """
        numbering = NUMBERING.get(self.value)
        return None if numbering is None else numbering.key


def _kind(value: object) -> Any:
    return as_enum(PeriodKind, value)


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


@attrs.frozen(kw_only=True, repr=False)
class Period:
    """
    A reporting period: a kind and the first and last day it covers.

    Build one with a named constructor; the kind decides how the period is
    named (a quarter and the first three months cover the same days but
    are written differently). The kind may be given by its value
    (``kind="month"``), as in report files.

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

    kind: PeriodKind = attrs.field(converter=_kind)
    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        checker = Checker("Period")
        kind_ok = checker.choice("kind", self.kind, PeriodKind)
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
        constructor = NUMBERING[self.kind.value].constructor
        return f"Period.{constructor}({self.end.year}, {self.number})"

    def _check_shape(self, checker: Checker) -> None:
        start, end = self.start, self.end
        if start.year == end.year and start.day == 1:
            numbering = NUMBERING.get(self.kind.value)
            if numbering is None:  # a year
                shape = (start.month, end.month) == (1, 12)
            else:
                shape = any(
                    (start.month, end.month) == numbering.span(n)
                    for n in range(1, numbering.highest + 1)
                )
            if shape and is_month_end(end):
                return
        checker.add(
            "kind",
            f"a {self.kind.value} period cannot run from {start} to {end}",
        )

    # Named constructors ---------------------------------------------------

    @classmethod
    def calendar(
        cls, kind: PeriodKind | str, year: int, number: int | None = None
    ) -> Period:
        """
        Return the calendar period of *kind* in *year* with *number* (see
        `PeriodKind.number_key`; none for a year), as report files give it.

        >>> Period.calendar("quarter", 2023, 1)
        Period.quarter(2023, 1)
        >>> Period.calendar(PeriodKind.YEAR, 2023)
        Period.year(2023)

        Raises:
            ~hcc_report.errors.ValidationError: There is no such period;
                the problems are named after the arguments.
        """
        checker = Checker("Period")
        member = _kind(kind)
        numbering = None
        if checker.choice("kind", member, PeriodKind):
            numbering = NUMBERING.get(member.value)
            if member is PeriodKind.RANGE:
                checker.add("kind", "a range has no number; use between()")
        _check_int(checker, "year", year, dt.MINYEAR, dt.MAXYEAR)
        first, last = 1, 12
        if numbering is not None:
            if _check_int(
                checker, numbering.key, number, 1, numbering.highest
            ):
                first, last = numbering.span(number)  # type: ignore[arg-type]
        elif number is not None:
            checker.add("number", f"a year has no number, got {number!r}")
        checker.raise_if_any()
        return cls(
            kind=member,
            start=dt.date(year, first, 1),
            end=month_end(year, last),
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """
        Return one calendar month (tháng).
        """
        return cls.calendar(PeriodKind.MONTH, year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """
        Return one quarter (quý), numbered 1 to 4.
        """
        return cls.calendar(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """
        Return one half year (6 tháng), numbered 1 or 2.
        """
        return cls.calendar(PeriodKind.HALF, year, half)

    @classmethod
    def first_months(cls, year: int, months: int) -> Period:
        """
        Return the first *months* months of *year* ("9 tháng đầu năm").
        """
        return cls.calendar(PeriodKind.FIRST_MONTHS, year, months)

    @classmethod
    def year(cls, year: int) -> Period:
        """
        Return a calendar year (năm).
        """
        return cls.calendar(PeriodKind.YEAR, year)

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
        return cls(kind=kind, start=start, end=end)

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
        numbering = NUMBERING.get(self.kind.value)
        if numbering is None:
            return None
        return numbering.number(self.end.month)

    def __contains__(self, day: object) -> bool:
        """
        Tell whether a date falls within the period.

        >>> dt.date(2023, 2, 28) in Period.month(2023, 2)
        True
        """
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            return False
        return self.start <= day <= self.end

    @property
    def is_year_to_date(self) -> bool:
        """
        Whether the period runs from 1 January of its end's year, and so
        is its own cumulative span (lũy kế từ đầu năm).

        >>> Period.quarter(2024, 1).is_year_to_date
        True
        >>> Period.month(2023, 2).is_year_to_date
        False
        """
        return self.start == dt.date(self.end.year, 1, 1)

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
