"""
Calendar arithmetic shared by the model and the formatters.

Like `hcc_report.errors`, it imports nothing from the package, so every
layer may use it.
"""

from __future__ import annotations

import calendar
import datetime as dt


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
