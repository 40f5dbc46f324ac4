"""
Exact rates and rounding.

Rates are computed from integer counts as exact fractions and rounded once,
with an explicit rounding mode, to a `~decimal.Decimal` with a fixed number
of places. No float ever touches a figure, so ``289/290`` is ``99.66`` and
not ``99.65`` or ``99.65517241379311``.

This module is pure; from the package it imports only the exceptions.
"""

from __future__ import annotations

import enum

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from hcc_report._checks import check_whole
from hcc_report.errors import ArgumentError, ArgumentTypeError


__all__ = [
    "MAX_PLACES",
    "Rounding",
    "ZeroPolicy",
    "apportion",
    "rate",
    "rate_with",
    "round_fraction",
]


#: The most decimal places a rate is rounded to, more than any document
#: prints and as many as a JSON number holds exactly.
MAX_PLACES = 10


def check_places(places: object) -> int:
    """
    Return *places*, a number of decimal places from 0 to `MAX_PLACES`.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: It is not an `int`.
        ~hcc_report.errors.ArgumentError: It is negative or above
            `MAX_PLACES`.
    """
    places = check_whole("places", places)
    if places > MAX_PLACES:
        msg = f"places must be at most {MAX_PLACES}, got {places}"
        raise ArgumentError(msg)
    return places


class Rounding(enum.Enum):
    """
    How a value exactly halfway between two results is rounded.

    Values that are not exactly halfway always go to the nearest result;
    nothing is ever truncated.
    """

    #: Halves go up, away from zero, as in Vietnamese school rounding and
    #: published reports. ``99.655 -> 99.66``, ``0.125 -> 0.13``.
    HALF_UP = "half-up"
    #: Halves go to the even neighbour, as in banker's rounding and Babel.
    #: ``0.125 -> 0.12``, ``0.135 -> 0.14``.
    HALF_EVEN = "half-even"


class ZeroPolicy(enum.Enum):
    """
    What a rate is when its denominator is zero (for example ``0/0``).
    """

    #: The rate does not apply and `rate` returns ``None``. The default, and
    #: what the QĐ 766 calculation spec means by "N/A".
    NOT_APPLICABLE = "not-applicable"
    #: The rate is 100 %, the seed report's convention for the on-time rate
    #: of an agency that processed nothing (nothing was late).
    AS_100 = "as-100"
    #: The rate is 0 %.
    AS_0 = "as-0"


def _count(name: str, value: object) -> int:
    return check_whole(name, value, what="an int count")


def _check_rounding(rounding: object) -> None:
    if not isinstance(rounding, Rounding):
        msg = f"rounding must be a Rounding, got {rounding!r}"
        raise ArgumentTypeError(msg)


def _decimal(units: int, places: int) -> Decimal:
    # Built from a string so no decimal context can round it.
    return Decimal(f"{units}E-{places}")


def round_fraction(
    value: Fraction | int,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> Decimal:
    """
    Round an exact number to *places* decimal places.

    The result has exactly *places* digits after the point.

    >>> round_fraction(Fraction(28900, 290))
    Decimal('99.66')
    >>> round_fraction(Fraction(1, 8))
    Decimal('0.13')
    >>> round_fraction(Fraction(1, 8), rounding=Rounding.HALF_EVEN)
    Decimal('0.12')
    >>> round_fraction(Fraction(-1, 8))
    Decimal('-0.13')
    >>> round_fraction(3, places=1)
    Decimal('3.0')

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *value* is not an `int` or a
            `~fractions.Fraction` (a `TypeError`).
        ~hcc_report.errors.ArgumentError: *places* is negative (a
            `ValueError`).
    """
    check_places(places)
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        msg = f"value must be an int or a Fraction, got {value!r}"
        raise ArgumentTypeError(msg)
    _check_rounding(rounding)
    scaled = Fraction(value) * 10**places
    return _decimal(
        _whole(scaled.numerator, scaled.denominator, rounding), places
    )


def _whole(numerator: int, denominator: int, rounding: Rounding) -> int:
    """
    *numerator* / *denominator* (above 0) rounded to a whole number.
    """
    sign = -1 if numerator < 0 else 1
    units, remainder = divmod(abs(numerator), denominator)
    twice = 2 * remainder
    if twice > denominator or (
        twice == denominator
        and (rounding is Rounding.HALF_UP or units % 2 == 1)
    ):
        units += 1
    return sign * units


def rate(
    part: int | None,
    whole: int | None,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE,
) -> Decimal | None:
    """
    Return *part* as a percentage of *whole*, rounded to *places* places.

    The percentage is computed exactly, then rounded once with *rounding*.
    An unknown count (``None``) gives an unknown rate (``None``). When
    *whole* is zero, *zero* decides (by default the rate does not apply and
    the result is ``None``). *part* may exceed *whole*: a completion rate
    can pass 100 % when dossiers were carried over.

    >>> rate(9705, 9725)
    Decimal('99.79')
    >>> rate(289, 290)
    Decimal('99.66')
    >>> rate(172, 191, places=1)
    Decimal('90.1')
    >>> rate(1, 8, places=1), rate(1, 8, places=1, rounding=Rounding.HALF_EVEN)
    (Decimal('12.5'), Decimal('12.5'))
    >>> rate(1, 800), rate(1, 800, rounding=Rounding.HALF_EVEN)
    (Decimal('0.13'), Decimal('0.12'))
    >>> rate(0, 0) is None
    True
    >>> rate(0, 0, zero=ZeroPolicy.AS_100)
    Decimal('100.00')
    >>> rate(None, 10) is None
    True

    Raises:
        ~hcc_report.errors.ArgumentTypeError: A count is not an `int`, or
            an option has the wrong type (a `TypeError`).
        ~hcc_report.errors.ArgumentError: A count or *places* is negative,
            or *places* is above `~hcc_report.rounding.MAX_PLACES` (10)
            (a `ValueError`).
    """
    return rate_with(places=places, rounding=rounding, zero=zero)(part, whole)


def rate_with(
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE,
) -> Callable[[int | None, int | None], Decimal | None]:
    """
    Return `hcc_report.rate` with these options, checked once, for many
    rates.

    >>> on_time = rate_with(places=1)
    >>> on_time(172, 191), on_time(0, 0)
    (Decimal('90.1'), None)

    Raises:
        ~hcc_report.errors.ArgumentTypeError: An option has the wrong type
            (a `TypeError`).
        ~hcc_report.errors.ArgumentError: *places* is negative or above
            `~hcc_report.rounding.MAX_PLACES` (a `ValueError`).
    """
    check_places(places)
    if not isinstance(zero, ZeroPolicy):
        msg = f"zero must be a ZeroPolicy, got {zero!r}"
        raise ArgumentTypeError(msg)
    _check_rounding(rounding)
    scale = 10 ** (places + 2)
    if zero is ZeroPolicy.AS_100:
        over_zero: Decimal | None = _decimal(100 * 10**places, places)
    elif zero is ZeroPolicy.AS_0:
        over_zero = _decimal(0, places)
    else:
        over_zero = None

    def rate_of(part: int | None, whole: int | None) -> Decimal | None:
        if part is not None:
            _count("part", part)
        if whole is not None:
            _count("whole", whole)
        if part is None or whole is None:
            return None
        if whole == 0:
            return over_zero
        # part / whole in % with *places* decimals, as a whole number of
        # units of the last place: as rounding the Fraction, without one.
        return _decimal(_whole(part * scale, whole, rounding), places)

    return rate_of


def apportion(parts: Sequence[int], *, places: int = 2) -> tuple[Decimal, ...]:
    """
    Split 100 % among *parts* so that the rounded shares add up to exactly 100.

    Uses the largest-remainder method: every share starts as its exact value
    rounded down to *places* places, and the units still missing go, one
    each, to the shares with the largest remainders; equal remainders go to
    the earlier item. Every share is therefore within one unit of the last
    place of its exact value.

    >>> apportion([1, 1, 1])
    (Decimal('33.34'), Decimal('33.33'), Decimal('33.33'))
    >>> apportion([2786, 3441])
    (Decimal('44.74'), Decimal('55.26'))
    >>> apportion([1, 2, 3, 4], places=0)
    (Decimal('10'), Decimal('20'), Decimal('30'), Decimal('40'))
    >>> sum(apportion([1, 1, 1, 1, 1, 1, 1]))
    Decimal('100.00')

    Raises:
        ~hcc_report.errors.ArgumentTypeError: A part is not an `int`.
        ~hcc_report.errors.ArgumentError: There are no parts, a part is
            negative, or they add up to zero (there is nothing to share).
    """
    check_places(places)
    if not isinstance(parts, Sequence) or isinstance(parts, str):
        msg = f"parts must be a sequence of counts, got {parts!r}"
        raise ArgumentTypeError(msg)
    counts = [_count(f"parts[{i}]", part) for i, part in enumerate(parts)]
    whole = sum(counts)
    if whole == 0:
        msg = (
            "cannot apportion: no parts"
            if not counts
            else "cannot apportion: the parts add up to 0"
        )
        raise ArgumentError(msg)
    target = 100 * 10**places
    units = []
    remainders = []
    for count in counts:
        quotient, remainder = divmod(count * target, whole)
        units.append(quotient)
        remainders.append(remainder)
    missing = target - sum(units)
    by_remainder = sorted(range(len(counts)), key=lambda i: -remainders[i])
    for i in by_remainder[:missing]:
        units[i] += 1
    return tuple(_decimal(unit, places) for unit in units)
