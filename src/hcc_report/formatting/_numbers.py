"""
Numbers and percentages: "10.078", "1.234,5", "99,79%".
"""

from __future__ import annotations

import re

from decimal import Decimal

from hcc_report._checks import check_whole
from hcc_report.errors import ArgumentError, ParseError
from hcc_report.formatting._text import (
    check_decimal_mark,
    check_number,
    clean,
    notation,
)


def format_number(
    value: int | Decimal,
    *,
    grouping: bool = True,
    zero_pad: bool = False,
    decimal_mark: str | None = None,
    lang: str = "vi",
) -> str:
    """
    Write a number the way Vietnamese official documents do, or in the
    notation of another language.

    A dot groups thousands and a comma marks decimals (Accounting Law
    2003, Art. 12.2). A `~decimal.Decimal` is written with exactly the
    digits it has: nothing is rounded here (use `hcc_report.rate` or
    `~decimal.Decimal.quantize` first). Zero is never written ``-0``.

    >>> format_number(10078)
    '10.078'
    >>> format_number(-1234567)
    '-1.234.567'
    >>> format_number(Decimal("1234.5"))
    '1.234,5'
    >>> format_number(Decimal("99.50"))
    '99,50'
    >>> format_number(3801, grouping=False)
    '3801'
    >>> format_number(5, zero_pad=True)
    '05'
    >>> format_number(Decimal("-0.00"))
    '0,00'
    >>> format_number(10078, lang="en")
    '10,078'
    >>> format_number(Decimal("1234.5"), lang="en")
    '1,234.5'

    Args:
        value: An `int` or a finite `~decimal.Decimal`.
        grouping: Group thousands; the seed's appendix rows print ``3801``.
        zero_pad: Write a count from 1 to 9 with a leading zero, as
            administrative prose does ("Tuy Phong: 05 hồ sơ", "STT 01").
            Other values are written as usual.
        decimal_mark: ``","`` (the default) or ``"."`` for Vietnamese
            documents that print ``99.66``; the other mark then groups
            thousands.
        lang: ``"vi"`` for this convention; ``"en"`` for English notation
            (a comma groups thousands, a dot marks decimals); any other
            language's notation is written by Babel from CLDR, the digits
            still exactly as given.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *value* is not an `int` or a
            `~decimal.Decimal` (a `float` cannot hold a figure exactly).
        ~hcc_report.errors.ArgumentError: *value* is not finite, or an option
            is wrong.
    """
    if lang == "vi" and decimal_mark is None and not zero_pad:
        # The common cases, kept fast: a count, or a figure with decimals
        # and no sign or exponent, in the default convention.
        if type(value) is int:
            return f"{value:,}".replace(",", ".") if grouping else str(value)
        if type(value) is Decimal:
            whole, point, fraction = str(value).partition(".")
            if whole.isdigit() and (fraction.isdigit() or not point):
                if grouping and len(whole) > 3:  # noqa: PLR2004
                    whole = f"{int(whole):,}".replace(",", ".")
                return f"{whole},{fraction}" if point else whole
    check_number("format_number", value)
    kind = notation(lang)
    if kind != "vi":
        _no_decimal_mark(decimal_mark, lang)
    if kind == "babel":
        from hcc_report.formatting import _babel  # noqa: PLC0415

        text = _babel.format_number(value, lang, grouping=grouping)
        padded = zero_pad and type(value) is int and 0 < value < 10  # noqa: PLR2004
        return "0" + text if padded else text
    return _vietnamese(
        value,
        grouping=grouping,
        zero_pad=zero_pad,
        mark="." if kind == "en" else check_decimal_mark(decimal_mark),
        places=None,
    )


def _no_decimal_mark(decimal_mark: str | None, lang: str) -> None:
    if decimal_mark is not None:
        msg = (
            "decimal_mark is for Vietnamese notation; "
            f"lang {lang!r} has its own"
        )
        raise ArgumentError(msg)


def _vietnamese(
    value: int | Decimal,
    *,
    grouping: bool,
    zero_pad: bool,
    mark: str,
    places: int | None,
) -> str:
    """
    Write a checked number with *mark* before its decimals.

    ``format()`` writes an int exactly ("d") and a Decimal with its own
    digits ("f"): neither rounds, and neither goes through a float.
    """
    if isinstance(value, int):
        whole, fraction = format(value, ",d" if grouping else "d"), ""
    else:
        text = format(value, ",f" if grouping else "f")
        whole, _, fraction = text.partition(".")
    if places is not None:
        if len(fraction) > places:
            msg = (
                f"{value!r} has {len(fraction)} decimal places, more than "
                f"places={places}; round it first "
                "(hcc_report.rate rounds half up)"
            )
            raise ArgumentError(msg)
        # Adding zeros is exact; this never rounds.
        fraction += "0" * (places - len(fraction))
    sign = ""
    if whole.startswith("-"):
        whole = whole[1:]
        sign = "" if value == 0 else "-"  # never "-0"
    if zero_pad and isinstance(value, int) and 0 < value < 10:  # noqa: PLR2004
        whole = "0" + whole
    if mark == ",":
        whole = whole.replace(",", ".")
    return f"{sign}{whole}{mark}{fraction}" if fraction else sign + whole


def format_percent(
    value: int | Decimal,
    *,
    places: int | None = 2,
    grouping: bool = True,
    decimal_mark: str | None = None,
    lang: str = "vi",
) -> str:
    """
    Write a percentage: the number, then ``%`` with no space before it.

    *value* is already a percentage (``99.79`` for 99,79 %), as
    `hcc_report.rate` returns it. It is written with *places* decimals:
    missing ones are filled with zeros, but a value with more decimals is
    an error, because a formatter must not round behind your back (Babel
    rounds half even; reports round half up, in `hcc_report.rate`).

    >>> format_percent(Decimal("99.79"))
    '99,79%'
    >>> format_percent(Decimal("100"))
    '100,00%'
    >>> format_percent(Decimal("99.66"), decimal_mark=".")
    '99.66%'
    >>> format_percent(Decimal("90.1"), places=1)
    '90,1%'
    >>> format_percent(Decimal("-0.00"))
    '0,00%'
    >>> format_percent(Decimal("99.79"), lang="en")
    '99.79%'
    >>> format_percent(Decimal("99.795"))
    Traceback (most recent call last):
        ...
    hcc_report.errors.ArgumentError: Decimal('99.795') has 3 decimal
    places, more than places=2; round it first (hcc_report.rate rounds half
    up)

    Args:
        value: An `int` or a finite `~decimal.Decimal` percentage.
        places: The number of decimals to write, or ``None`` for those of
            *value*.
        grouping, decimal_mark, lang: As for `format_number`.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *value* is not an `int` or a
            `~decimal.Decimal`.
        ~hcc_report.errors.ArgumentError: *value* has more decimals than
            *places*.
    """
    if (
        type(value) is Decimal
        and places == 2  # noqa: PLR2004
        and (
            (lang == "vi" and decimal_mark in (None, ",", "."))
            or (lang == "en" and decimal_mark is None)
        )
        and grouping
    ):
        # The common case, kept fast: a rate as hcc_report.rate returns it,
        # under 1000 % ("99.79"), needs no grouping.
        whole, _, fraction = str(value).partition(".")
        if (
            len(fraction) == 2  # noqa: PLR2004
            and len(whole) <= 3  # noqa: PLR2004
            and whole.isdigit()
            and fraction.isdigit()
        ):
            mark = "." if lang == "en" else decimal_mark or ","
            return f"{whole}{mark}{fraction}%"
    check_number("format_percent", value)
    if places is not None:
        check_whole("places", places)
    kind = notation(lang)
    if kind != "vi":
        _no_decimal_mark(decimal_mark, lang)
    if kind == "babel":
        from hcc_report.formatting import _babel  # noqa: PLC0415

        # Checked and padded the Vietnamese way; Babel writes the result.
        padded = _vietnamese(
            value, grouping=False, zero_pad=False, mark=".", places=places
        )
        return _babel.format_percent(Decimal(padded), lang, grouping=grouping)
    text = _vietnamese(
        value,
        grouping=grouping,
        zero_pad=False,
        mark="." if kind == "en" else check_decimal_mark(decimal_mark),
        places=places,
    )
    return text + "%"


def _number_pattern(mark: str) -> re.Pattern[str]:
    group = "." if mark == "," else ","
    g, m = re.escape(group), re.escape(mark)
    return re.compile(
        rf"(?P<sign>[-−]?)"
        rf"(?P<int>[1-9][0-9]{{0,2}}(?:{g}[0-9]{{3}})+|[0-9]+)"
        rf"(?:{m}(?P<frac>[0-9]+))?"
    )


_NUMBER = {mark: _number_pattern(mark) for mark in (",", ".")}
#: A character no number holds: not a digit, a separator, a sign or a space.
_STRAY = re.compile(r"[^0-9.,\-−+\s]")
_GROUP = 3  # digits between thousands separators


def _why_not_grouped(whole: str, group: str) -> str:
    groups = whole.split(group)
    if len(groups[0]) > _GROUP:
        return (
            f"at most three digits come before the first {group!r}, which "
            "groups thousands"
        )
    if any(len(part) != _GROUP for part in groups[1:]):
        return (
            f"a {group!r} groups thousands and must be followed by exactly "
            "three digits"
        )
    return "a grouped number cannot start with 0"


def _why_not_a_number(text: str, mark: str) -> str:
    """
    Say why *text*, which the pattern refused, is not a number.
    """
    group = "." if mark == "," else ","
    whole = text.split(mark, maxsplit=1)[0].lstrip("-−+")
    if not text:
        reason = "it is empty"
    elif text.startswith("+"):
        reason = "a number is written without a plus sign"
    elif stray := _STRAY.search(text):
        reason = (
            f"{stray[0]!r} is not part of a number (only digits, {group!r} "
            f"between thousands and {mark!r} before decimals are)"
        )
    elif group * 2 in text or mark * 2 in text:
        reason = "two separators in a row"
    elif text.count(mark) > 1:
        reason = f"more than one decimal mark {mark!r}"
    elif group in whole:
        reason = _why_not_grouped(whole, group)
    else:
        reason = (
            f"only digits, {group!r} between thousands and {mark!r} before "
            "decimals are allowed"
        )
    return reason


def parse_number(
    text: str, *, decimal_mark: str | None = None
) -> int | Decimal:
    """
    Read a number written the Vietnamese way; the inverse of
    `format_number`.

    Thousands are grouped by dots (all of them) or not at all; a comma
    marks decimals. A number without decimals is an `int`, one with
    decimals a `~decimal.Decimal` keeping every digit written. Anything
    else is an error: nothing is guessed.

    >>> parse_number("10.078")
    10078
    >>> parse_number("1.234,50")
    Decimal('1234.50')
    >>> parse_number("3801"), parse_number("05")
    (3801, 5)
    >>> parse_number("99.66", decimal_mark=".")
    Decimal('99.66')
    >>> parse_number("10.07")
    Traceback (most recent call last):
        ...
    hcc_report.errors.ParseError: cannot read '10.07' as a number: a '.'
    groups thousands and must be followed by exactly three digits

    Spaces around the number (also no-break and thin ones) are ignored;
    the minus may be ``-`` or ``−``; a plus sign is refused, as documents
    do not write one.

    Raises:
        ~hcc_report.errors.ParseError: *text* is not such a number.
    """
    mark = check_decimal_mark(decimal_mark)
    if not isinstance(text, str):
        raise ParseError(text, "a number", "it is not a string")
    cleaned = clean(text)
    match = _NUMBER[mark].fullmatch(cleaned)
    if match is None:
        raise ParseError(text, "a number", _why_not_a_number(cleaned, mark))
    group = "." if mark == "," else ","
    whole = match["int"].replace(group, "")
    negative = match["sign"] in {"-", "−"}
    if match["frac"] is None:
        try:
            number = int(whole)
        except ValueError:  # more digits than int() will read
            reason = "it has more digits than Python reads"
            raise ParseError(text, "a number", reason) from None
        return -number if negative else number
    result = Decimal(f"{whole}.{match['frac']}")
    # copy_negate() is exact (unary minus would round to the context), and
    # zero has no sign, as the formatters never write "-0".
    return result.copy_negate() if negative and result else result


def parse_percent(text: str, *, decimal_mark: str | None = None) -> Decimal:
    """
    Read a percentage such as ``99,79%``; the inverse of `format_percent`.

    The ``%`` is required; a space before it is allowed. The result keeps
    every digit written.

    >>> parse_percent("99,79%")
    Decimal('99.79')
    >>> parse_percent("100,00 %")
    Decimal('100.00')
    >>> parse_percent("99.49%", decimal_mark=".")
    Decimal('99.49')

    Raises:
        ~hcc_report.errors.ParseError: *text* is not such a percentage.
    """
    if not isinstance(text, str):
        raise ParseError(text, "a percentage", "it is not a string")
    cleaned = clean(text)
    if not cleaned.endswith("%"):
        raise ParseError(text, "a percentage", "it does not end with '%'")
    try:
        number = parse_number(cleaned[:-1], decimal_mark=decimal_mark)
    except ParseError as error:
        raise ParseError(text, "a percentage", error.reason) from None
    return Decimal(number)
