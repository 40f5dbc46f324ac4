"""
Reporting periods in words: "tháng 02 năm 2023", "quý I/2023".

This module does not know `hcc_report.Period` (formatting sits below the
model): it formats anything with a ``kind``, a ``start`` and an ``end``,
and parses text into `PeriodParts`, from which `hcc_report.Period.parse`
builds a period.
"""

from __future__ import annotations

import datetime as dt
import re

from typing import NamedTuple, Protocol

from hcc_report._calendar import NUMBERING, is_month_end, month_end
from hcc_report.errors import ArgumentError, ArgumentTypeError, ParseError
from hcc_report.formatting._dates import (
    format_date,
    format_short_date,
    month_name,
    month_text,
    parse_short_date,
)
from hcc_report.formatting._text import clean
from hcc_report.languages import is_vietnamese, translations


class PeriodLike(Protocol):
    """
    **Protocol:** a period as `format_period` reads it, such as a
    `hcc_report.Period`.
    """

    @property
    def kind(self) -> str:
        """
        ``"month"``, ``"quarter"``, ``"half"``, ``"first-months"``,
        ``"year"`` or ``"range"``.
        """
        ...

    @property
    def start(self) -> dt.date:
        """
        The first day.
        """
        ...

    @property
    def end(self) -> dt.date:
        """
        The last day.
        """
        ...


class PeriodParts(NamedTuple):
    """
    A period read from text: its kind and its first and last day.
    """

    kind: str
    start: dt.date
    end: dt.date


ROMAN = ("I", "II", "III", "IV")
#: The halves of a year, in words: "6 tháng đầu năm", "6 tháng cuối năm".
HALVES = ("đầu", "cuối")


def _kind(period: object) -> str:
    kind = getattr(period, "kind", None)
    start = getattr(period, "start", None)
    end = getattr(period, "end", None)
    value = getattr(kind, "value", kind)
    if not (
        isinstance(value, str)
        and isinstance(start, dt.date)
        and isinstance(end, dt.date)
    ):
        msg = (
            "format_period() takes a period with kind, start and end, "
            f"got {period!r}"
        )
        raise ArgumentTypeError(msg)
    return value


def format_period(  # noqa: PLR0911  (one return a kind)
    period: PeriodLike, *, short: bool = False, lang: str = "vi"
) -> str:
    """
    Name a reporting period as reports do.

    >>> from hcc_report import Period
    >>> format_period(Period.month(2023, 2))
    'tháng 02 năm 2023'
    >>> format_period(Period.month(2023, 3))
    'tháng 3 năm 2023'
    >>> format_period(Period.quarter(2023, 1))
    'quý I năm 2023'
    >>> format_period(Period.quarter(2023, 1), short=True)
    'quý I/2023'
    >>> format_period(Period.half(2023, 1))
    '6 tháng đầu năm 2023'
    >>> format_period(Period.half(2023, 2))
    '6 tháng cuối năm 2023'
    >>> format_period(Period.first_months(2023, 9))
    '9 tháng năm 2023'
    >>> format_period(Period.year(2023))
    'năm 2023'
    >>> format_period(
    ...     Period.between(dt.date(2023, 1, 1), dt.date(2023, 2, 28))
    ... )
    'từ ngày 01/01/2023 đến ngày 28/02/2023'

    In English, and in the words of the English catalogue for a language
    without a catalogue of its own:

    >>> format_period(Period.month(2023, 2), lang="en")
    'February 2023'
    >>> format_period(Period.quarter(2024, 1), lang="en")
    'Q1 2024'
    >>> format_period(Period.first_months(2023, 9), lang="en")
    'the first 9 months of 2023'

    *short* gives the forms used in running text and titles: ``tháng
    02/2023``, ``quý I/2023``, ``từ 01/01/2023 đến 28/02/2023``; the others
    have no shorter form, nor has a period in another language.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *period* has no kind, start and
            end.
        ~hcc_report.errors.ArgumentError: Its kind is unknown.
    """
    kind = _kind(period)
    if not is_vietnamese(lang):
        return _period_words(kind, period, lang)
    start, end = period.start, period.end
    year = f"{end.year:04d}"
    joint = "/" if short else " năm "
    if kind == "month":
        return f"tháng {month_text(start.month)}{joint}{year}"
    if kind == "quarter":
        number = NUMBERING[kind].number(end.month)
        return f"quý {ROMAN[number - 1]}{joint}{year}"
    if kind == "half":
        which = HALVES[NUMBERING[kind].number(end.month) - 1]
        return f"6 tháng {which} năm {year}"
    if kind == "first-months":
        return f"{end.month} tháng năm {year}"
    if kind == "year":
        return f"năm {year}"
    if kind == "range":
        day = "" if short else "ngày "
        return (
            f"từ {day}{format_short_date(start)} "
            f"đến {day}{format_short_date(end)}"
        )
    msg = f"unknown period kind {kind!r}"
    raise ArgumentError(msg)


def _period_words(kind: str, period: PeriodLike, lang: str) -> str:
    """
    *period* in the words of *lang*'s catalogue (English's for a language
    without one).
    """
    words = translations(lang)
    start, end = period.start, period.end
    year = f"{end.year:04d}"
    if kind == "month":
        text = words.pgettext("period", "{month} {year}")
        return text.format(month=month_name(start.month, lang), year=year)
    if kind == "range":
        text = words.pgettext("period", "from {start} to {end}")
        return text.format(
            start=format_date(start, lang=lang),
            end=format_date(end, lang=lang),
        )
    if kind not in NUMBERING and kind not in {"first-months", "year"}:
        msg = f"unknown period kind {kind!r}"
        raise ArgumentError(msg)
    phrases = {
        "quarter": words.pgettext("period", "Q{number} {year}"),
        "half": words.pgettext("period", "the first half of {year}")
        if end.month <= 6  # noqa: PLR2004
        else words.pgettext("period", "the second half of {year}"),
        "first-months": words.pgettext(
            "period", "the first {number} months of {year}"
        ),
        "year": words.pgettext("period", "{year}"),
    }
    number = (
        NUMBERING[kind].number(end.month) if kind in NUMBERING else end.month
    )
    return phrases[kind].format(number=number, year=year)


def format_cumulative(period: PeriodLike, *, lang: str = "vi") -> str:
    """
    Name the cumulative span that ends with *period*, as reports do.

    Cumulative figures (lũy kế) run from 1 January to the end of the
    period; the phrase names that end.

    >>> from hcc_report import Period
    >>> format_cumulative(Period.month(2023, 2))
    'lũy kế từ đầu năm đến hết tháng 02 năm 2023'
    >>> format_cumulative(Period.half(2023, 1))
    'lũy kế từ đầu năm đến hết tháng 6 năm 2023'
    >>> format_cumulative(Period.quarter(2023, 4))
    'lũy kế từ đầu năm đến hết năm 2023'
    >>> format_cumulative(Period.between(dt.date(2023, 3, 1),
    ...                                  dt.date(2023, 3, 15)))
    'lũy kế từ đầu năm đến ngày 15/3/2023'
    >>> format_cumulative(Period.month(2023, 2), lang="en")
    'cumulative from the start of the year to the end of February 2023'
    """
    if not is_vietnamese(lang):
        text = translations(lang).gettext(
            "cumulative from the start of the year {until}"
        )
        return text.format(until=format_period_end(period, lang=lang))
    return f"lũy kế từ đầu năm {format_period_end(period)}"


def format_period_end(period: PeriodLike, *, lang: str = "vi") -> str:
    """
    Name the end of a period, as cumulative figures are dated.

    >>> from hcc_report import Period
    >>> format_period_end(Period.month(2023, 2))
    'đến hết tháng 02 năm 2023'
    >>> format_period_end(Period.half(2023, 2))
    'đến hết năm 2023'
    >>> format_period_end(Period.between(dt.date(2023, 3, 1),
    ...                                  dt.date(2023, 3, 15)))
    'đến ngày 15/3/2023'
    >>> format_period_end(Period.month(2023, 2), lang="en")
    'to the end of February 2023'
    """
    _kind(period)
    end = period.end
    if not is_vietnamese(lang):
        words = translations(lang)
        if not is_month_end(end):
            text = words.gettext("to {date}")
            return text.format(date=format_date(end, lang=lang))
        if end.month == 12:  # noqa: PLR2004
            return words.gettext("to the end of {year}").format(
                year=f"{end.year:04d}"
            )
        return words.gettext("to the end of {month} {year}").format(
            month=month_name(end.month, lang), year=f"{end.year:04d}"
        )
    if not is_month_end(end):
        return f"đến ngày {format_short_date(end)}"
    if end.month == 12:  # noqa: PLR2004
        return f"đến hết năm {end.year:04d}"
    return f"đến hết tháng {month_text(end.month)} năm {end.year:04d}"


_Y = r"(?P<year>[0-9]{4})"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("month", rf"tháng (?P<n>[0-9]{{1,2}})(?: năm |/){_Y}"),
        ("quarter", rf"quý (?P<n>I{{1,3}}|IV|[1-4])(?: năm |/){_Y}"),
        ("half", rf"6 tháng (?P<n>đầu|cuối) năm {_Y}"),
        ("first-months", rf"(?P<n>[0-9]{{1,2}}) tháng(?: đầu)? năm {_Y}"),
        ("year", rf"năm {_Y}"),
        # The ISO-like forms systems write: 2024-02, 2024-Q1, 2024-H1, 2024.
        ("month", rf"{_Y}-(?P<n>0[1-9]|1[0-2])"),
        ("quarter", rf"{_Y}-Q(?P<n>[1-4])"),
        ("half", rf"{_Y}-H(?P<n>[12])"),
        ("year", rf"{_Y}"),
        (
            "range",
            (
                r"từ (?:ngày )?(?P<start>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}) "
                r"đến (?:ngày )?(?P<end>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
            ),
        ),
    )
)


def _parts(kind: str, match: re.Match[str]) -> PeriodParts:
    if kind == "range":
        start = parse_short_date(match["start"])
        end = parse_short_date(match["end"])
        if start > end:
            msg = "it ends before it starts"
            raise ValueError(msg)
        return PeriodParts(kind, start, end)
    year = int(match["year"])
    if kind == "year":
        return PeriodParts(kind, dt.date(year, 1, 1), month_end(year, 12))
    n = match["n"].lower()
    if kind == "half":
        number = int(n) if n.isdigit() else HALVES.index(n) + 1
    elif kind == "quarter":
        number = ROMAN.index(n.upper()) + 1 if n.upper() in ROMAN else int(n)
    else:
        # ("6 tháng đầu năm" matched "half" first: it is the first half.)
        number = int(n)
    first, last = NUMBERING[kind].span(number)
    if not 1 <= first <= last <= 12:  # noqa: PLR2004
        msg = f"there is no month {last}"
        raise ValueError(msg)
    return PeriodParts(kind, dt.date(year, first, 1), month_end(year, last))


def parse_period(text: str) -> PeriodParts:
    """
    Read a period written as `format_period` writes it, long or short.

    Returns its kind and days; `hcc_report.Period.parse` gives the period.

    >>> parse_period("tháng 02 năm 2023")
    PeriodParts(kind='month', start=datetime.date(2023, 2, 1),
                end=datetime.date(2023, 2, 28))
    >>> parse_period("quý I/2023").kind
    'quarter'
    >>> parse_period("9 tháng đầu năm 2023").end
    datetime.date(2023, 9, 30)

    The ISO-like forms other systems write are read too: ``2024-02``,
    ``2024-Q1``, ``2024-H1`` and ``2024``.

    >>> parse_period("2024-Q1").end, parse_period("2024-H2").start
    (datetime.date(2024, 3, 31), datetime.date(2024, 7, 1))

    Raises:
        ~hcc_report.errors.ParseError: *text* names no period.
    """
    expected = "a period"
    if not isinstance(text, str):
        raise ParseError(text, expected, "it is not a string")
    cleaned = clean(text)
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is not None:
            try:
                return _parts(kind, match)
            except (ValueError, ParseError) as error:
                reason = getattr(error, "reason", None) or str(error)
                raise ParseError(text, expected, reason) from None
    raise ParseError(
        text,
        expected,
        "write it as 'tháng 02 năm 2023', 'quý I/2023', "
        "'6 tháng đầu năm 2023', '9 tháng năm 2023', 'năm 2023', "
        "'từ ngày 01/01/2023 đến ngày 28/02/2023', or '2023-02', "
        "'2023-Q1', '2023-H1', '2023'",
    )
