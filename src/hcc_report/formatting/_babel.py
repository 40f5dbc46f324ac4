"""
Numbers, percentages and dates in locales other than Vietnamese, by Babel.

This module imports Babel; it is imported only when another locale is
asked for, so ``import hcc_report`` never loads Babel. The digits are
always those given: the fraction digits are fixed to the value's own, and
the decimal context rounds half up should Babel round anyway.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import get_month_names
from babel.numbers import format_decimal as babel_format_decimal
from babel.numbers import format_percent as babel_format_percent

from hcc_report.errors import ArgumentError


@functools.lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        msg = f"unknown language {name!r}: {error}"
        raise ArgumentError(msg) from None


#: The number part of a CLDR pattern: integer digits, then any fraction.
_NUMBER_PART = re.compile(r"[#,0]*0(?:\.[0#]*)?")


@functools.lru_cache(maxsize=256)
def _pattern(name: str, kind: str, places: int) -> str:
    """
    Return the locale's pattern with exactly *places* fraction digits.
    """
    locale = _locale(name)
    formats = (
        locale.percent_formats if kind == "percent" else locale.decimal_formats
    )
    pattern: str = formats[None].pattern.split(";")[0]
    integer = _NUMBER_PART.search(pattern)
    assert integer is not None  # noqa: S101  (every CLDR pattern has one)
    digits = integer[0].split(".")[0]
    fraction = "." + "0" * places if places else ""
    return (
        pattern[: integer.start()]
        + digits
        + fraction
        + pattern[integer.end() :]
    )


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101  (checked finite)
    return max(0, -exponent)


def _apply(
    value: Decimal, places: int, locale: str, kind: str, *, grouping: bool
) -> str:
    with localcontext() as context:
        # The pattern has the value's own places: nothing is rounded. The
        # precision fits every digit; half up is the rule should it round.
        # (Digits of the integer part, plus the places, plus room to spare.)
        context.prec = max(28, value.adjusted() + places + 8)
        context.rounding = ROUND_HALF_UP
        function = (
            babel_format_percent if kind == "percent" else babel_format_decimal
        )
        text: str = function(
            value,
            format=_pattern(locale, kind, places),
            locale=_locale(locale),
            group_separator=grouping,
        )
    return text


def format_number(value: int | Decimal, locale: str, *, grouping: bool) -> str:
    number = Decimal(value)
    if number == 0:
        number = number.copy_abs()
    return _apply(
        number, _places(number), locale, "decimal", grouping=grouping
    )


def format_percent(value: Decimal, locale: str, *, grouping: bool) -> str:
    number = value.copy_abs() if value == 0 else value
    # The pattern multiplies by 100, so it gets the value divided by 100,
    # built from the same digits (scaleb() would round to the context), and
    # shows the places of the percentage.
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101  (checked finite)
    return _apply(
        Decimal((sign, digits, exponent - 2)),
        _places(number),
        locale,
        "percent",
        grouping=grouping,
    )


def format_date(day: dt.date, locale: str) -> str:
    return babel_format_date(day, "long", locale=_locale(locale))


def month_name(month: int, locale: str) -> str:
    # The name as it stands alone ("mars"), not inside a date.
    names = get_month_names("wide", "stand-alone", locale=_locale(locale))
    return str(names[month])
