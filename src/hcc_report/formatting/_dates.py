"""
Dates as Decree 30/2020 writes them: "ngày 02 tháng 3 năm 2023", "09/3/2023".
"""

from __future__ import annotations

import datetime as dt
import re

from hcc_report.errors import ArgumentError, ArgumentTypeError, ParseError
from hcc_report.formatting._text import clean, notation
from hcc_report.languages import NP_, translations


def _check_date(function: str, day: object) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        msg = f"{function}() takes a datetime.date, got {day!r}"
        raise ArgumentTypeError(msg)
    return day


#: Days and months as Decree 30/2020 writes them, by number.
_DAYS = tuple(f"{day:02d}" for day in range(32))
#: Years up to this get leading zeros: a year always has four digits, so
#: that a parser never has to guess a century.
_YEAR_PAD = 999
_MONTHS = tuple(f"{m:02d}" if m < 3 else str(m) for m in range(13))  # noqa: PLR2004


def _year_text(year: int) -> str:
    # Four digits, written plainly when it has them (the common case).
    return str(year) if year > _YEAR_PAD else f"{year:04d}"


def month_text(month: int) -> str:
    """
    Write a month number as Decree 30/2020 does: 01 and 02, then 3 to 12.

    The leading zero of January and February keeps "1" and "2" from being
    turned into "11" or "12" by a later hand (Appendix I, §II.4).

    >>> [month_text(m) for m in (1, 2, 3, 12)]
    ['01', '02', '3', '12']

    Raises:
        ~hcc_report.errors.ArgumentError: *month* is not a month number from 1
            to 12.
    """
    if (
        isinstance(month, bool)
        or not isinstance(month, int)
        or not 1 <= month <= 12  # noqa: PLR2004
    ):
        msg = f"month must be an int from 1 to 12, got {month!r}"
        raise ArgumentError(msg)
    return _MONTHS[month]


#: The months' names, for the languages with a catalogue but Vietnamese.
MONTH_NAMES = (
    NP_("month", "January"),
    NP_("month", "February"),
    NP_("month", "March"),
    NP_("month", "April"),
    NP_("month", "May"),
    NP_("month", "June"),
    NP_("month", "July"),
    NP_("month", "August"),
    NP_("month", "September"),
    NP_("month", "October"),
    NP_("month", "November"),
    NP_("month", "December"),
)


def month_name(month: int, lang: str) -> str:
    """
    Return the name of *month* (1 to 12) in *lang*: from its catalogue, or
    from CLDR (by Babel) for a language without one.

    >>> month_name(3, "en"), month_name(3, "fr")
    ('March', 'mars')
    """
    month_text(month)  # checks it
    if notation(lang) == "babel":
        from hcc_report.formatting import _babel  # noqa: PLC0415

        return _babel.month_name(month, lang)
    return translations(lang).pgettext("month", MONTH_NAMES[month - 1])


def format_date(day: dt.date, *, lang: str = "vi") -> str:
    """
    Write a date in full, as the date line of an official document.

    Days below 10 and the months 1 and 2 get a leading zero; months 3 to
    12 do not (Decree 30/2020, Appendix I, §II.4b). CLDR has no pattern
    for this rule, so it is written here, not by Babel.

    >>> format_date(dt.date(2023, 3, 2))
    'ngày 02 tháng 3 năm 2023'
    >>> format_date(dt.date(2020, 1, 5))
    'ngày 05 tháng 01 năm 2020'
    >>> format_date(dt.date(2019, 12, 25))
    'ngày 25 tháng 12 năm 2019'
    >>> format_date(dt.date(2023, 3, 2), lang="en")
    '2 March 2023'
    >>> format_date(dt.date(2023, 3, 2), lang="fr")
    '2 mars 2023'

    English puts the day first, as the English versions of Vietnamese
    documents do; other languages get their CLDR long date, from Babel.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *day* is not a `datetime.date` (a
            `datetime.datetime`
            is refused: a document date has no time).
    """
    if type(day) is not dt.date:
        _check_date("format_date", day)
    if lang != "vi":
        kind = notation(lang)
        if kind == "babel":
            from hcc_report.formatting import _babel  # noqa: PLC0415

            return _babel.format_date(day, lang)
        if kind == "en":
            return (
                translations(lang)
                .pgettext("date", "{day} {month} {year}")
                .format(
                    day=day.day,
                    month=month_name(day.month, lang),
                    year=_year_text(day.year),
                )
            )
    # Table lookups: this runs once per date of a report, so it is fast.
    return (
        f"ngày {_DAYS[day.day]} tháng {_MONTHS[day.month]} "
        f"năm {_year_text(day.year)}"
    )


def format_place_date(place: str, day: dt.date, *, lang: str = "vi") -> str:
    """
    Write the place and date line of a document.

    >>> format_place_date("Bình Thuận", dt.date(2023, 3, 2))
    'Bình Thuận, ngày 02 tháng 3 năm 2023'
    >>> format_place_date("Bình Thuận", dt.date(2023, 3, 2), lang="en")
    'Bình Thuận, 2 March 2023'

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *place* is not a string or *day*
            not a date.
        ~hcc_report.errors.ArgumentError: *place* is blank.
    """
    if not isinstance(place, str):
        msg = f"format_place_date() takes the place as a str, got {place!r}"
        raise ArgumentTypeError(msg)
    if not place.strip():
        msg = "format_place_date() needs a place name, got a blank one"
        raise ArgumentError(msg)
    return f"{clean(place)}, {format_date(day, lang=lang)}"


def format_short_date(day: dt.date) -> str:
    """
    Write a date in figures, with the same padding as `format_date`.

    >>> format_short_date(dt.date(2023, 3, 9))
    '09/3/2023'
    >>> format_short_date(dt.date(2023, 2, 28))
    '28/02/2023'
    """
    if type(day) is not dt.date:
        _check_date("format_short_date", day)
    return f"{_DAYS[day.day]}/{_MONTHS[day.month]}/{_year_text(day.year)}"


_LONG = re.compile(
    r"ngày (?P<day>[0-9]{1,2}) tháng (?P<month>[0-9]{1,2}) "
    r"năm (?P<year>[0-9]{4})",
    re.IGNORECASE,
)
_SHORT = re.compile(
    r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})"
)
# The place may hold commas ("Phường 1, Quận 3"): the date is what follows
# the last comma before "ngày".
_PLACE_DATE = re.compile(
    r"(?P<place>.*\S), ?(?P<date>ngày [^,]*)", re.IGNORECASE
)


def _to_date(text: object, match: re.Match[str], expected: str) -> dt.date:
    year, month, day = (int(match[k]) for k in ("year", "month", "day"))
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ParseError(text, expected, str(error)) from None


def parse_date(text: str) -> dt.date:
    """
    Read a date written in full; the inverse of `format_date`.

    Days and months may be written with or without a leading zero; the
    year has four digits. An impossible date is an error.

    >>> parse_date("ngày 02 tháng 3 năm 2023")
    datetime.date(2023, 3, 2)
    >>> parse_date("Ngày 5 tháng 01 năm 2020")
    datetime.date(2020, 1, 5)
    >>> parse_date("ngày 32 tháng 1 năm 2023")
    Traceback (most recent call last):
        ...
    hcc_report.errors.ParseError: cannot read 'ngày 32 tháng 1 năm 2023'
    as a date: day is out of range for month

    Raises:
        ~hcc_report.errors.ParseError: *text* is not such a date.
    """
    if not isinstance(text, str):
        raise ParseError(text, "a date", "it is not a string")
    match = _LONG.fullmatch(clean(text))
    if match is None:
        raise ParseError(
            text, "a date", "write it as 'ngày 02 tháng 3 năm 2023'"
        )
    return _to_date(text, match, "a date")


def parse_short_date(text: str) -> dt.date:
    """
    Read a date written in figures; the inverse of `format_short_date`.

    >>> parse_short_date("09/3/2023")
    datetime.date(2023, 3, 9)
    >>> parse_short_date("28/02/2023")
    datetime.date(2023, 2, 28)

    Raises:
        ~hcc_report.errors.ParseError: *text* is not such a date (a
            two-digit year is refused rather than guessed).
    """
    if not isinstance(text, str):
        raise ParseError(text, "a date", "it is not a string")
    match = _SHORT.fullmatch(clean(text))
    if match is None:
        raise ParseError(
            text, "a date", "write it as '09/3/2023', with a 4-digit year"
        )
    return _to_date(text, match, "a date")


def parse_place_date(text: str) -> tuple[str, dt.date]:
    """
    Read a place and date line; the inverse of `format_place_date`.

    >>> parse_place_date("Bình Thuận, ngày 02 tháng 3 năm 2023")
    ('Bình Thuận', datetime.date(2023, 3, 2))

    Raises:
        ~hcc_report.errors.ParseError: *text* is not such a line.
    """
    expected = "a place and date"
    if not isinstance(text, str):
        raise ParseError(text, expected, "it is not a string")
    match = _PLACE_DATE.fullmatch(clean(text))
    if match is None:
        raise ParseError(
            text,
            expected,
            "write it as 'Bình Thuận, ngày 02 tháng 3 năm 2023'",
        )
    try:
        return match["place"], parse_date(match["date"])
    except ParseError as error:
        raise ParseError(text, expected, error.reason) from None
