"""
TOML and JSON text: parsed into plain data and written from it.

Whatever a parser refuses (bad syntax, a key given twice, nesting too deep
for Python, a number with more digits than Python reads) is a
`~hcc_report.errors.ValidationError`, never an exception from inside.
"""

from __future__ import annotations

import os
import sys

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hcc_report.errors import ArgumentError, Problem, ValidationError
from hcc_report.serialization import json_text


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

    Raises:
        ~hcc_report.errors.ValidationError: The parser refused the text;
            the message says where (TOML gives the line and column).
    """
    # Imported here: only reading a file needs a parser.
    import json  # noqa: PLC0415

    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415
    else:  # pragma: no cover (only on 3.10)
        import tomli as tomllib  # noqa: PLC0415

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


def dump_data(data: Mapping[str, Any], format: str) -> str:  # noqa: A002
    """
    *data* as TOML or JSON text; dates are written as ``YYYY-MM-DD``.
    """
    if format == "toml":
        import tomli_w  # noqa: PLC0415

        return tomli_w.dumps(data)
    return json_text(data)


def format_of(
    path: str | os.PathLike[str],
    format: str | None,  # noqa: A002
    formats: tuple[str, ...],
) -> str:
    """
    The format asked for, or the one *path*'s suffix names.

    Raises:
        ~hcc_report.errors.ArgumentError: The suffix names none of
            *formats*.
    """
    if format is not None:
        return check_format(format, formats)
    suffix = Path(path).suffix.lower()
    if suffix.removeprefix(".") in formats:
        return suffix.removeprefix(".")
    choices = ", ".join(f".{name}" for name in formats[:-1])
    msg = (
        f"{os.fspath(path)}: cannot tell the format from the suffix "
        f"{suffix!r}; use {choices} or .{formats[-1]}, or pass format="
    )
    raise ArgumentError(msg)


def check_format(format: str, formats: tuple[str, ...]) -> str:  # noqa: A002
    """
    *format* if it is one of *formats*.

    Raises:
        ~hcc_report.errors.ArgumentError: It is not.
    """
    if format not in formats:
        choices = " or ".join(
            [", ".join(map(repr, formats[:-1])), repr(formats[-1])]
        )
        msg = f"format must be {choices}, got {format!r}"
        raise ArgumentError(msg)
    return format
