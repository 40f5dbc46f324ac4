"""
Collecting validation problems, so that every one of them is reported.

The model's classes, the published figures and the styles check all their
fields in ``__attrs_post_init__`` with a `Checker` and raise one
`~hcc_report.errors.ValidationError` at the end, instead of stopping at
the first bad field as attrs validators do.

Like `hcc_report.errors`, it sits below every layer, so all may use it.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import os
import re
import unicodedata

from collections.abc import Iterable
from typing import Any, TypeVar

from hcc_report.errors import (
    ArgumentError,
    ArgumentTypeError,
    MissingDependencyError,
    Problem,
    ValidationError,
    excerpt,
)


#: Code points that Unicode keeps out of text and XML 1.0 refuses.
_NOT_CHARACTERS = frozenset("\ufffe\uffff")


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def _kind(cls: type[Any] | tuple[type[Any], ...]) -> str:
    """
    Name a type or a choice of types in a message: "an Issuer".
    """
    names = [c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,))]
    text = (
        names[-1]
        if len(names) == 1
        else (", ".join(names[:-1]) + " or " + names[-1])
    )
    article = "an" if names[0][0] in "AEIOU" else "a"
    return f"{article} {text}"


#: Invisible characters that no report's text needs and that hide what it
#: says, as ranges: the soft hyphen, zero-width spaces, joiners and marks,
#: line and paragraph separators, bidirectional embeddings, overrides and
#: isolates, the word joiner and invisible operators, the byte order mark.
INVISIBLE_RANGES = (
    ("\u00ad", "\u00ad"),
    ("\u200b", "\u200f"),
    ("\u2028", "\u202e"),
    ("\u2060", "\u2064"),
    ("\u2066", "\u2069"),
    ("\ufeff", "\ufeff"),
)
_INVISIBLE = frozenset(
    chr(c)
    for first, last in INVISIBLE_RANGES
    for c in range(ord(first), ord(last) + 1)
)
#: Any character `line_problem` refuses: controls (category Cc), the
#: invisible ones, non-characters, lone surrogates. Most text has none, and
#: one search finds that; the character-by-character look says which.
_REFUSED = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    + "".join(f"{first}-{last}" for first, last in INVISIBLE_RANGES)
    + "]"
)


#: The most characters of a name, a title or a heading: ten times the
#: longest of the seed's (an appendix title of 63), and then some.
MAX_NAME = 500
#: The most characters of a paragraph or a bullet: a page of text.
MAX_TEXT = 10_000


def line_problem(value: object, limit: int = MAX_NAME) -> str | None:
    """
    What is wrong with *value* as one line of text of at most *limit*
    characters, blank or not, or ``None``.
    """
    if not isinstance(value, str):
        return f"must be a string, got {excerpt(value)}"
    if len(value) > limit:
        return f"must be at most {limit} characters, got {excerpt(value)}"
    if _REFUSED.search(value) is None:
        return None
    return _refused_character(value)


def _refused_character(value: str) -> str | None:
    """
    What is wrong with the first character `line_problem` refuses.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return (
            f"must be Unicode text, got {excerpt(value)} (a lone surrogate "
            f"at {error.start})"
        )
    for i, c in enumerate(value):
        category = unicodedata.category(c)
        if category == "Cc":
            # A line break or tab would break the layout of every output.
            return (
                f"must be one line of text, got {excerpt(value)} (a control "
                f"character at {i})"
            )
        if c in _INVISIBLE:
            return (
                f"must be visible text, got {excerpt(value)} (U+{ord(c):04X}, "
                f"an invisible {unicodedata.name(c, 'character').lower()}, "
                f"at {i})"
            )
        if c in _NOT_CHARACTERS:
            # XML cannot hold them: no Word or PDF document could.
            return (
                f"must be text, got {excerpt(value)} (U+{ord(c):04X}, not a "
                f"character, at {i})"
            )
    return None


def _text_problem(value: object, limit: int) -> str | None:
    """
    What is wrong with *value* as a line of text, or ``None``.
    """
    if isinstance(value, str) and not value.strip():
        return f"must not be blank, got {excerpt(value)}"
    return line_problem(value, limit)


class Checker:
    """
    Collects the problems of one object under construction.
    """

    __slots__ = ("problems", "subject")

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def text(
        self,
        path: str,
        value: object,
        *,
        optional: bool = False,
        limit: int = MAX_NAME,
    ) -> bool:
        """
        Check that *value* is a non-blank string of at most *limit*
        characters (or None if *optional*).
        """
        if value is None and optional:
            return True
        problem = _text_problem(value, limit)
        if problem is not None:
            self.add(path, problem)
        return problem is None

    def line(self, path: str, value: object) -> bool:
        """
        Check that *value* is one line of text, which may be blank.
        """
        problem = line_problem(value)
        if problem is not None:
            self.add(path, problem)
        return problem is None

    def instance(
        self,
        path: str,
        value: object,
        cls: type[Any] | tuple[type[Any], ...],
    ) -> bool:
        if not isinstance(value, cls):
            self.add(path, f"must be {_kind(cls)}, got {value!r}")
            return False
        return True

    def choice(self, path: str, value: object, cls: type[enum.Enum]) -> bool:
        """
        Check that *value* is a member of the enum *cls*.
        """
        if isinstance(value, cls):
            return True
        names = ", ".join(repr(member.value) for member in cls)
        self.add(path, f"must be one of {names}, got {value!r}")
        return False

    def date(self, path: str, value: object) -> bool:
        # datetime is a subclass of date; a report date has no time.
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.add(path, f"must be a date, got {value!r}")
            return False
        return True

    def items(
        self,
        path: str,
        values: Iterable[object],
        cls: type[Any] | tuple[type[Any], ...],
    ) -> None:
        for i, value in enumerate(values):
            self.instance(f"{path}[{i}]", value, cls)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems, subject=self.subject)


def check_type(
    name: str, value: T, cls: type[Any] | tuple[type[Any], ...]
) -> T:
    """
    Return *value*, an argument that must be of the type *cls*.

    >>> check_type("report", 5, str)
    Traceback (most recent call last):
    ...
    hcc_report.errors.ArgumentTypeError: report must be a str, got 5

    Raises:
        ~hcc_report.errors.ArgumentTypeError: It is not.
    """
    if not isinstance(value, cls):
        msg = f"{name} must be {_kind(cls)}, got {value!r}"
        raise ArgumentTypeError(msg)
    return value


def check_path(name: str, value: T) -> T:
    """
    Return *value*, an argument that must be a file's path.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: It is not text or a path.
    """
    if not isinstance(value, (str, os.PathLike)):
        msg = f"{name} must be a file's path, got {value!r}"
        raise ArgumentTypeError(msg)
    return value


def check_whole(name: str, value: object, *, what: str = "an int") -> int:
    """
    Return *value*, an argument that must be an `int` from 0, such as a
    number of places or a count.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: It is not an `int`.
        ~hcc_report.errors.ArgumentError: It is negative.
    """
    if type(value) is int and value >= 0:  # the usual case, kept fast
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{name} must be {what}, got {value!r}"
        raise ArgumentTypeError(msg)
    if value < 0:
        msg = f"{name} must not be negative, got {value!r}"
        raise ArgumentError(msg)
    return value


def as_enum(cls: type[E], value: object) -> E | object:
    """
    Return the member of *cls* whose value *value* is (``"month"``), as
    files give it; a value of no member is left for the checks.

    >>> from hcc_report import Basis
    >>> as_enum(Basis, "period")
    <Basis.PERIOD: 'period'>
    >>> as_enum(Basis, "weekly")
    'weekly'
    """
    if isinstance(value, cls):
        return value
    for member in cls:
        if value == member.value:
            return member
    return value


def nfc(value: str) -> str:
    """
    Normalise a string to Unicode NFC; leave anything else alone.

    Vietnamese text pasted from other systems is often decomposed (NFD);
    fonts without mark positioning show it badly, and it would not compare
    equal to the same text typed on a keyboard. Values that are not strings
    pass through, for the checks to report.
    """
    try:
        return unicodedata.normalize("NFC", value)
    except TypeError:
        return value


def nfc_optional(value: str | None) -> str | None:
    return None if value is None else nfc(value)


def as_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """
    Turn an iterable into a tuple; leave anything else for the checks.
    """
    if isinstance(value, (str, bytes)):
        return value  # type: ignore[return-value]  # reported by the checks
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]  # reported by the checks


def nfc_tuple(value: Iterable[str]) -> tuple[str, ...]:
    """
    Turn an iterable of strings into a tuple of NFC strings.
    """
    items = as_tuple(value)
    if not isinstance(items, tuple):
        return items  # reported by the checks
    return tuple(nfc(item) for item in items)


def import_optional(name: str, *, extra: str, purpose: str) -> Any:
    """
    Import the module *name* of an optional dependency, on first use.

    Raises:
        ~hcc_report.errors.MissingDependencyError: It is not installed; the
            message says what needs it (*purpose*) and which extra of
            hcc-report to install.
    """
    try:
        return importlib.import_module(name)
    except ImportError as error:
        msg = (
            f"{purpose} needs {name.partition('.')[0]}: "
            f'pip install "hcc-report[{extra}]"'
        )
        raise MissingDependencyError(msg, name=error.name) from error


#: Bits of the largest int whose digits are counted in a message (`str`
#: refuses ints of more than 4300 digits).
_COUNTED_BITS = 10_000


def too_big(value: int, maximum: int) -> str:
    """
    The problem of a number above *maximum*, quoting its size rather than
    its thousands of digits.

    >>> too_big(10**20, 999)
    'must be at most 999, got a number of 21 digits'
    """
    digits = (
        str(len(str(value)))
        if value.bit_length() < _COUNTED_BITS
        else "thousands of"
    )
    return f"must be at most {maximum}, got a number of {digits} digits"
