"""
TOML and JSON text: parsed into plain data and written from it.

Whatever a parser refuses (bad syntax, a key given twice, nesting too deep
for Python, a number with more digits than Python reads) is a
`~hcc_report.errors.ValidationError`, never an exception from inside.
"""

from __future__ import annotations

import os
import re
import sys

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hcc_report.errors import ArgumentError, Problem, ValidationError
from hcc_report.serialization import json_text, path_text


class _Objects:
    """
    Builds JSON objects, noting each key given twice (json would keep the
    last silently).
    """

    def __init__(self) -> None:
        self.twice: list[tuple[dict[str, Any], str]] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                self.twice.append((result, key))
            result[key] = value
        return result


def _path_to(data: object, target: object) -> tuple[str | int, ...] | None:
    """
    The path from *data* to the object *target* in it, or ``None``.
    """
    if data is target:
        return ()
    items: Iterable[tuple[str | int, object]] = ()
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    for segment, value in items:
        if isinstance(value, (dict, list)):
            found = _path_to(value, target)
            if found is not None:
                return (segment, *found)
    return None


def _path_text(data: object, target: object) -> str:
    """
    The path to *target* in *data* as problems print it, its end only if
    it is long, or ``""`` if it is too deep to look for.
    """
    try:
        text = path_text(_path_to(data, target) or ())
    except RecursionError:
        return ""
    return text if len(text) <= _PATH else "…" + text[-_PATH:]


#: The most characters of a path a message quotes.
_PATH = 100


def _number_too_long(text: str) -> str:
    # A run of more digits than Python turns into a number, with TOML's
    # underscores (a Python that refused one has this limit).
    most = sys.get_int_max_str_digits()
    found = re.search(rf"[0-9](?:_?[0-9]){{{most},}}", text)
    if found is None:  # pragma: no cover (the parser found one)
        return "a number has more digits than Python reads"
    line = text.count("\n", 0, found.start()) + 1
    digits = len(found[0].replace("_", ""))
    return f"line {line}: a number of {digits} digits, more than Python reads"


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

    objects = _Objects()
    try:
        if format == "toml":
            return tomllib.loads(text)
        data = json.loads(text, object_pairs_hook=objects)
    except RecursionError:
        problem = Problem("", f"invalid {format.upper()}: nested too deeply")
    except ValueError as error:  # the decode errors are ValueErrors
        reason = str(error)
        if "integer string conversion" in reason:
            reason = _number_too_long(text)
        problem = Problem("", f"invalid {format.upper()}: {reason}")
    else:
        if not objects.twice:
            return data
        problems = [
            Problem(_path_text(data, where), f"{key!r} is given twice")
            for where, key in objects.twice
        ]
        raise ValidationError(problems, subject=subject, source=source)
    raise ValidationError([problem], subject=subject, source=source)


def dump_data(data: Mapping[str, Any], format: str) -> str:  # noqa: A002
    """
    *data* as TOML or JSON text; dates are written as ``YYYY-MM-DD``.
    """
    if format == "toml":
        return _toml_text(data)
    return json_text(data)


#: What stands in for a list of blocks while tomli_w writes the rest: a
#: control character, which no text of a report holds (tomli_w would write
#: one escaped), so it cannot be mistaken for a text's; and longer than a
#: line, so that tomli_w writes no table holding it as an inline table.
_BLOCKS = "\x7fblocks " + "." * 100 + " "


def _toml_text(data: Mapping[str, Any]) -> str:
    """
    *data* as TOML; every list of blocks in one syntax, an array with
    bullets as inline tables (tomli_w would write a list of long bullets
    as an array of tables, and a list that mixes paragraphs and bullets
    inline).
    """
    import tomli_w  # noqa: PLC0415

    lists: list[list[Any]] = []

    def marked(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {key: marked(item) for key, item in value.items()}
        if isinstance(value, list) and _is_blocks(value):
            lists.append(value)
            return f"{_BLOCKS}{len(lists) - 1}"
        if isinstance(value, list):
            return [marked(item) for item in value]
        return value

    text = tomli_w.dumps(marked(data))
    for index, blocks in enumerate(lists):
        mark = _toml_string(f"{_BLOCKS}{index}")
        text = text.replace(mark, _blocks_text(blocks), 1)
    return text


def _toml_string(text: str) -> str:
    """
    *text* as a TOML string, quoted and escaped as tomli_w writes it.
    """
    import tomli_w  # noqa: PLC0415

    return tomli_w.dumps({"v": text}).removeprefix("v = ").removesuffix("\n")


def _is_blocks(value: list[Any]) -> bool:
    """
    Whether *value* is a list of blocks with a bullet or an insertion in it.
    """
    return any(isinstance(item, Mapping) for item in value) and all(
        isinstance(item, str)
        or (isinstance(item, Mapping) and set(item) <= {"bullet", "insert"})
        for item in value
    )


def _blocks_text(blocks: list[Any]) -> str:
    lines = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(f"    {_toml_string(block)},")
        else:
            pairs = ", ".join(
                f"{key} = {_toml_string(text)}" for key, text in block.items()
            )
            lines.append(f"    {{ {pairs} }},")
    return "[\n" + "\n".join(lines) + "\n]"


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
