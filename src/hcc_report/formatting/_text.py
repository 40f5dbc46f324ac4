"""
Cleaning text before it is parsed, and checking arguments.
"""

from __future__ import annotations

import re
import unicodedata

from decimal import Decimal

from hcc_report.errors import ArgumentError, ArgumentTypeError
from hcc_report.languages import primary_language


#: Spaces that real documents contain: no-break, thin, narrow no-break,
#: figure and ideographic spaces, and tabs.
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u3000]+")


def clean(text: str) -> str:
    """
    Return *text* in NFC with every run of spaces made one plain space,
    and no space at either end.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


#: The languages whose numbers and dates this library writes by its own
#: rules; any other, even one with a catalogue of its own, by Babel's.
_OWN_NOTATIONS = ("vi", "en")


def notation(lang: str) -> str:
    """
    Tell how numbers and dates are written in *lang*: ``"vi"`` by this
    library's Vietnamese rules, ``"en"`` by its English ones, ``"babel"``
    by Babel from CLDR.
    """
    if lang in _OWN_NOTATIONS:
        return lang
    primary = primary_language(lang)
    return primary if primary in _OWN_NOTATIONS else "babel"


def check_number(function: str, value: object) -> int | Decimal:
    """
    Check that *value* is an int or a finite Decimal; never a float.
    """
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        kind = type(value).__name__
        msg = (
            f"{function}() takes an int or a Decimal, got {value!r} (a {kind})"
        )
        if isinstance(value, float):
            msg += "; a float cannot hold a figure exactly"
        raise ArgumentTypeError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"{function}() takes a finite number, got {value!r}"
        raise ArgumentError(msg)
    return value


def check_decimal_mark(mark: str | None) -> str:
    if mark is None:
        return ","
    if not isinstance(mark, str) or mark not in {",", "."}:
        msg = f"decimal_mark must be ',' or '.', got {mark!r}"
        raise ArgumentError(msg)
    return mark
