"""
Reading plain data (from TOML, JSON or CSV) into model objects, collecting
every problem with its path instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import os
import re
import sys

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from hcc_report.errors import Problem, ValidationError, join_path


if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover (only on 3.10)
    import tomli as tomllib

__all__ = ["Reader", "parse_data", "read_text"]


T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Reader:
    """
    Walks plain data, collecting every problem with its path.

    Each ``read_*`` function below takes the reader, a value and its path,
    and returns the model object, or ``None`` after recording why not.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mark(self) -> int:
        return len(self.problems)

    def clean_since(self, mark: int) -> bool:
        return len(self.problems) == mark

    def table(
        self,
        value: object,
        path: str,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        strict: bool = True,
    ) -> Mapping[str, Any] | None:
        """
        Return *value* if it is a table with only the keys allowed and all
        the required ones; else record every problem and return ``None``.

        When not *strict*, a table with wrong keys is returned anyway, so
        that the caller can go on and find the problems of its values.
        """
        if not isinstance(value, Mapping):
            self.add(path, f"must be a table, got {value!r}")
            return None
        mark = self.mark()
        required = tuple(required)
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                self.add(join_path(path, str(key)), f"unknown key{suggestion}")
        for key in required:
            if key not in value:
                self.add(join_path(path, key), "is required")
        return value if self.clean_since(mark) or not strict else None

    def array(self, value: object, path: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.add(path, f"must be an array (list), got {value!r}")
            return None
        return value

    def date(self, value: object, path: str) -> dt.date | None:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            # (fromisoformat alone also takes "20230302" from Python 3.11.)
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.add(path, f"must be a date (YYYY-MM-DD), got {value!r}")
        return None

    def choice(self, value: object, path: str, cls: type[E]) -> E | None:
        for member in cls:
            if value == member.value:
                return member
        names = ", ".join(repr(member.value) for member in cls)
        self.add(path, f"must be one of {names}, got {value!r}")
        return None

    def build(
        self,
        path: str,
        factory: Callable[..., T],
        /,
        *,
        rename: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> T | None:
        """
        Call a model constructor, moving its problems under *path*.

        *rename* maps the model's field names to the file's keys where
        they differ.
        """
        try:
            return factory(**kwargs)
        except ValidationError as error:
            for problem in error.problems:
                local = problem.path
                if rename and local in rename:
                    local = rename[local]
                self.add(join_path(path, local), problem.message)
            return None


# Files -----------------------------------------------------------------------


def read_text(path: str | os.PathLike[str], *, subject: str) -> str:
    """
    The text of a UTF-8 file (a byte order mark is dropped).

    Raises:
        ~hcc_report.errors.ValidationError: The file is not UTF-8.
        OSError: The file cannot be read.
    """
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1]
        problem = Problem(
            "", f"is not UTF-8 text (byte {error.start}: {byte!r})"
        )
        raise ValidationError(
            [problem], subject=subject, source=str(path)
        ) from None


class _DuplicateKeyError(ValueError):
    """
    A JSON object names a key twice (json would keep the last silently).
    """


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            msg = f"duplicate key {key!r} in a JSON object"
            raise _DuplicateKeyError(msg)
        result[key] = value
    return result


def parse_data(text: str, format: str, *, subject: str, source: str) -> object:  # noqa: A002
    """
    The plain data of TOML or JSON text.

    Whatever the parser refuses (bad syntax, a key given twice, nesting too
    deep for Python, a number with more digits than Python reads) is a
    `~hcc_report.errors.ValidationError`, never an exception from inside.
    """
    try:
        if format == "toml":
            return tomllib.loads(text)
        return json.loads(text, object_pairs_hook=_reject_duplicates)
    except _DuplicateKeyError as error:
        problem = Problem("", str(error))
    except RecursionError:
        problem = Problem("", f"invalid {format.upper()}: nested too deeply")
    except ValueError as error:  # the decode errors are ValueErrors
        reason = str(error)
        if "integer string conversion" in reason:
            reason = "a number has more digits than Python reads"
        problem = Problem("", f"invalid {format.upper()}: {reason}")
    raise ValidationError([problem], subject=subject, source=source)
