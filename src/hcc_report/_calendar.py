"""
Calendar arithmetic shared by the model and the formatters.

Like `hcc_report.errors`, it imports nothing from the package, so every
layer may use it.
"""

from __future__ import annotations

import calendar
import datetime as dt

from typing import NamedTuple


def month_end(year: int, month: int) -> dt.date:
    """
    Return the last day of a month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def is_month_end(day: dt.date) -> bool:
    """
    Tell whether *day* is the last day of its month.

    >>> is_month_end(dt.date(2023, 2, 28)), is_month_end(dt.date(2023, 3, 15))
    (True, False)
    """
    return day == month_end(day.year, day.month)


class Numbering(NamedTuple):
    """
    How the periods of a calendar kind are numbered within a year.
    """

    #: The number's name ("quarter"), as constructors and files name it.
    key: str
    #: The named constructor of `hcc_report.Period` ("first_months").
    constructor: str
    #: The highest number.
    highest: int
    #: How many months each number adds: a quarter 3, a half 6; the first
    #: months all start in January, so 0.
    months: int

    def span(self, number: int) -> tuple[int, int]:
        """
        The first and last month of the period with this number.

        >>> NUMBERING["quarter"].span(2), NUMBERING["first-months"].span(9)
        ((4, 6), (1, 9))
        """
        if not self.months:
            return 1, number
        return self.months * (number - 1) + 1, self.months * number

    def number(self, last_month: int) -> int:
        """
        The number of the period that ends with *last_month*.

        >>> NUMBERING["half"].number(12), NUMBERING["month"].number(2)
        (2, 2)
        """
        return last_month // (self.months or 1)


#: The calendar kinds of periods that are numbered, by their kind's value
#: (`hcc_report.PeriodKind`); a year is January to December, a range has
#: no number.
NUMBERING = {
    "month": Numbering("month", "month", 12, 1),
    "quarter": Numbering("quarter", "quarter", 4, 3),
    "half": Numbering("half", "half", 2, 6),
    "first-months": Numbering("months", "first_months", 12, 0),
}
