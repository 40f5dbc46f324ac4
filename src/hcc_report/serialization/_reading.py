"""
Reading plain data: the readers of single values, and the problems found,
each with its path, collected so that every one is reported in the order
of the data.

A reader takes a value and returns what it reads, or raises `Invalid`
with paths relative to the value; a `Collector` reads the parts of a
value and puts their problems under their keys.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from hcc_report._checks import as_enum
from hcc_report.errors import Problem, ValidationError


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: A place in plain data: keys of tables and indexes of arrays.
Path = tuple[str | int, ...]


class Invalid(Exception):  # noqa: N818  (a signal between readers)
    """
    What a reader found wrong, with paths relative to the value it read.
    """

    def __init__(self, problems: Iterable[tuple[Path, str]]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)


def invalid(message: str, path: Path = ()) -> Invalid:
    """
    One problem, at *path* of the value read.
    """
    return Invalid([(path, message)])


# Paths -----------------------------------------------------------------------

_SEGMENT = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def parse_path(text: str) -> Path:
    """
    The segments of a path as the model writes it: ``rows[3].agency.name``.
    """
    return tuple(
        int(index) if index else key for index, key in _SEGMENT.findall(text)
    )


def path_text(path: Path) -> str:
    """
    A path as problems print it: ``appendix.rows[8].late``.
    """
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            text += f".{segment}" if text else segment
    return text


def model_problems(error: ValidationError) -> list[tuple[Path, str]]:
    """
    The problems a model's constructor found, as paths and messages.
    """
    return [(parse_path(p.path), p.message) for p in error.problems]


def _position(data: object, path: Path) -> tuple[int, ...]:
    """
    Where *path* is in *data*, for listing problems in the data's order: a
    key that is not there (a missing one) comes after those that are.
    """
    positions = []
    for segment in path:
        if isinstance(data, Mapping):
            keys = list(data)
            positions.append(
                keys.index(segment) if segment in keys else len(keys)
            )
            data = data.get(segment)
        elif isinstance(data, list) and isinstance(segment, int):
            positions.append(segment)
            data = data[segment] if segment < len(data) else None
        else:
            positions.append(0)
            data = None
    return tuple(positions)


# Collecting problems ---------------------------------------------------------


def unknown_keys(
    value: Mapping[str, Any], allowed: Iterable[str]
) -> list[tuple[Path, str]]:
    """
    A problem for each key of *value* that is not *allowed*, with the
    closest allowed key as a suggestion.
    """
    allowed = list(allowed)
    known = set(allowed)
    if all(key in known for key in value):
        return []
    # Imported here: difflib is only needed when a key is wrong.
    import difflib  # noqa: PLC0415

    problems: list[tuple[Path, str]] = []
    for key in value:
        if key not in known:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(((key,), f"unknown key{hint}"))
    return problems


def mapping_of(value: object) -> Mapping[str, Any]:
    """
    *value*, if it is a table (a mapping).
    """
    if not isinstance(value, Mapping):
        msg = f"must be a table, got {value!r}"
        raise invalid(msg)
    return value


def problems_of(error: Exception, value: object) -> list[tuple[Path, str]]:
    """
    The problems of a failed reading of *value*, with relative paths.

    *error* is what a reader raised, a model's `ValidationError`, or what
    cattrs raised (a group of those, each noted with its attribute or
    index); anything else is a bug and is raised again.
    """
    from cattrs.errors import (  # noqa: PLC0415
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(error, Invalid):
        return error.problems
    if isinstance(error, ValidationError):
        return model_problems(error)
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        result: list[tuple[Path, str]] = []
        noted, others = error.group_exceptions()
        for sub, note in noted:
            at = (
                note.name
                if isinstance(note, AttributeValidationNote)
                else note.index
            )
            inner = value.get(at) if isinstance(value, Mapping) else None
            result.extend(
                ((at, *path), m) for path, m in problems_of(sub, inner)
            )
        for sub in others:
            result.extend(problems_of(sub, value))
        return result
    if isinstance(error, ForbiddenExtraKeysError):
        names = [field.name for field in attrs.fields(error.cl)]
        extra = {k: None for k in mapping_of(value) if k in error.extra_fields}
        return unknown_keys(extra, names)
    if isinstance(error, KeyError):  # cattrs: a required key is missing
        return [((), "is required")]
    raise error


class Collector:
    """
    Reads the parts of a value, collecting every problem under its place.
    """

    def __init__(self) -> None:
        self.problems: list[tuple[Path, str]] = []

    def read(
        self,
        at: Path,
        value: object,
        read: Callable[[object], T],
    ) -> T | None:
        """
        Return ``read(value)``, or ``None`` after noting its problems as
        those of *at*.
        """
        try:
            return read(value)
        except Exception as error:  # noqa: BLE001  (problems_of raises bugs)
            self.problems.extend(
                ((*at, *path), message)
                for path, message in problems_of(error, value)
            )
        return None

    def table(
        self,
        value: object,
        *,
        required: Sequence[str] = (),
        optional: Iterable[str] = (),
    ) -> Mapping[str, Any]:
        """
        *value* as a table, noting its unknown and missing keys; the
        caller goes on reading the keys that are there.
        """
        raw = mapping_of(value)
        self.problems.extend(unknown_keys(raw, [*required, *optional]))
        self.problems.extend(
            ((key,), "is required") for key in required if key not in raw
        )
        return raw

    def done(self) -> None:
        """
        Raise every problem noted, if any.
        """
        if self.problems:
            raise Invalid(self.problems)

    def result(self, value: T | None) -> T:
        """
        Raise every problem noted, if any; else return *value*, which was
        read since nothing went wrong.
        """
        self.done()
        assert value is not None  # noqa: S101  (no problem, so read)
        return value


def build(factory: Callable[..., T], /, **kwargs: Any) -> T:
    """
    Call a model constructor, turning its problems into relative paths.
    """
    try:
        return factory(**kwargs)
    except ValidationError as error:
        raise Invalid(model_problems(error)) from None


def read_all(
    data: object,
    read: Callable[[object], T],
    *,
    subject: str,
    source: str,
) -> T:
    """
    Return ``read(data)``, or raise every problem in the data's order as
    one `~hcc_report.errors.ValidationError`.
    """
    collector = Collector()
    result = collector.read((), data, read)
    if not collector.problems:
        return result  # type: ignore[return-value]
    problems = sorted(collector.problems, key=lambda p: _position(data, p[0]))
    raise ValidationError(
        (Problem(path_text(path), message) for path, message in problems),
        subject=subject,
        source=source,
    )


# Single values ---------------------------------------------------------------


def sequence(value: object, read_item: Callable[[object], T]) -> tuple[T, ...]:
    """
    *value*, an array, with each item read; every item's problems.
    """
    if not isinstance(value, (list, tuple)):
        msg = f"must be an array (list), got {value!r}"
        raise invalid(msg)
    collector = Collector()
    items = [
        collector.read((i,), item, read_item) for i, item in enumerate(value)
    ]
    collector.done()
    return tuple(items)  # type: ignore[arg-type]  # no None: no problem


def date(value: object) -> dt.date:
    """
    A date: a TOML date, or ``YYYY-MM-DD`` text (JSON).
    """
    if isinstance(value, str) and re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value
    ):
        # (fromisoformat alone also takes "20230302" from Python 3.11.)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    msg = f"must be a date (YYYY-MM-DD), got {value!r}"
    raise invalid(msg)


def member(cls: type[E], value: object) -> E:
    """
    The member of the enum *cls* whose value *value* is.
    """
    found = as_enum(cls, value)
    if isinstance(found, cls):
        return found
    names = ", ".join(repr(choice.value) for choice in cls)
    msg = f"must be one of {names}, got {value!r}"
    raise invalid(msg)


def member_of(cls: type[E]) -> Callable[[object], E]:
    """
    A reader of the members of *cls*.
    """
    return functools.partial(member, cls)


def text(value: object) -> str:
    """
    *value*, if it is text.
    """
    if not isinstance(value, str):
        msg = f"must be text, got {value!r}"
        raise invalid(msg)
    return value
