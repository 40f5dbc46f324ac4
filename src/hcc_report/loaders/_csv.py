"""
A CSV of a published table: its headings recognised through the figure
catalogue, its cells turned into the plain data of published figures.

The headings may be the document's own ("Đã tiếp nhận", "Tỷ lệ đúng hẹn
(%)"), their variants, or keys (``received``, ``on_time_rate``). Problems
are named by the line of the file and the column's heading.
"""

from __future__ import annotations

import re

from collections.abc import Mapping
from typing import Any

from hcc_report import figures
from hcc_report.errors import Problem, ValidationError
from hcc_report.figures import heading_key
from hcc_report.published import PublishedTable
from hcc_report.serialization import published_from_dict


#: Headings of the columns that are not figures: the row's number and name.
_ROW_HEADINGS = {
    heading_key(heading): key
    for key, headings in (
        ("number", ("Stt", "Số thứ tự", "TT", "No", "number")),
        (
            "name",
            (
                "Tên đơn vị",
                "Đơn vị",
                "Cơ quan",
                "Tên cơ quan",
                "name",
                "agency",
            ),
        ),
    )
    for heading in headings
}

#: The names of a total row.
_TOTAL_NAMES = frozenset(
    heading_key(name)
    for name in ("Tổng cộng", "Tổng", "Cộng", "Tổng số", "Total")
)


def _key(heading: str, beside: list[str | None]) -> str | None:
    row = _ROW_HEADINGS.get(heading_key(heading))
    if row is not None:
        return row
    return figures.find(heading, [key for key in beside if key])


def _lines(text: str, source: str) -> list[tuple[int, list[str]]]:
    """
    The non-empty lines of a CSV, each with its number in the file; lines
    may end in CR LF, LF or CR alone (old Mac spreadsheets).

    Raises:
        ~hcc_report.errors.ValidationError: The text is not CSV, naming the
            line.
    """
    # Imported here: only reading a CSV needs it.
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    text = text.removeprefix("\ufeff")
    # The delimiter is the one the first lines, where the headings are, use
    # most; Vietnamese spreadsheets write ";" as "," is their decimal mark.
    start = "\n".join(text.splitlines()[:3])
    delimiter = max(";\t,", key=start.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[tuple[int, list[str]]] = []
    try:
        # (A cell quoted across lines makes the reader's count its end.)
        lines.extend(
            (reader.line_num, cells)
            for cells in reader
            if any(cell.strip() for cell in cells)
        )
    except csv.Error as error:
        problem = Problem(
            f"line {reader.line_num}", f"cannot be read as CSV: {error}"
        )
        raise ValidationError(
            [problem], subject="published table", source=source
        ) from None
    return lines


def _heading_line(lines: list[tuple[int, list[str]]]) -> int:
    """
    The index of the line of column headings: the first of the first lines
    that names two known columns (a line of merged headings such as "Lũy
    kế từ năm 2023" may come before it).
    """
    for index, (_, cells) in enumerate(lines[:3]):
        if sum(_key(cell, []) is not None for cell in cells) >= 2:  # noqa: PLR2004
            return index
    return 0


def _trimmed(cells: list[str], keep: int = 0) -> list[str]:
    """
    *cells* without the empty cells spreadsheets often add at the end of a
    line (";;"), keeping at least *keep* of them.
    """
    end = len(cells)
    while end > keep and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _columns(
    headings: list[str], line: int, problems: list[tuple[int, Problem]]
) -> list[str | None]:
    keys: list[str | None] = []
    for i, heading in enumerate(headings, start=1):
        key = _key(heading, keys)
        where = f"line {line}, column {i}"
        if key is None and heading.strip():
            problems.append(
                (line, Problem(where, f"unknown heading {heading!r}"))
            )
        elif key is not None and key in keys:
            problems.append(
                (
                    line,
                    Problem(
                        where,
                        f"{heading!r} repeats column {keys.index(key) + 1}",
                    ),
                )
            )
        keys.append(key)
    counts = {count.key for count in figures.counts()}
    if "name" not in keys:
        problems.append(
            (
                line,
                Problem(
                    f"line {line}",
                    "has no column of agency names (Tên đơn vị)",
                ),
            )
        )
    if counts.isdisjoint(keys):
        problems.append(
            (line, Problem(f"line {line}", "has no column of counts"))
        )
    return keys


_ROW_PATH = re.compile(r"table\.(?:rows\[(\d+)\]|total)(?:\.(\w+))?")


#: A row of a table: its line in the file and its cells by key.
_Row = tuple[int, dict[str, str]]


def table_from_csv(
    text: str,
    *,
    decimal_mark: str | None,
    places: int | None,
    basis: str | None,
    source: str,
) -> PublishedTable:
    """
    Read a CSV of a table: a line of headings (after at most two lines of
    titles or merged headings), the rows, and a total row named "Tổng
    cộng" (or "Tổng", "Cộng", "Tổng số", "Total").

    Raises:
        ~hcc_report.errors.ValidationError: Every problem, named by its
            line and column.
    """
    problems: list[tuple[int, Problem]] = []
    lines = _lines(text, source)
    if not lines:
        raise _error([(0, Problem("", "the table is empty"))], source)
    start = _heading_line(lines)
    heading_line, cells = lines[start]
    headings = _trimmed(cells)
    keys = _columns(headings, heading_line, problems)
    if problems:
        raise _error(problems, source)
    rows, total = _rows(lines[start + 1 :], keys, problems)
    if not rows:
        if not problems:
            problems.append((0, Problem("", "the table has no rows")))
        raise _error(problems, source)
    data: dict[str, Any] = {"rows": [row for _, row in rows]}
    if total is not None:
        data["total"] = total[1]
    stated = {"decimal_mark": decimal_mark, "places": places, "basis": basis}
    data.update({k: v for k, v in stated.items() if v is not None})
    try:
        table = published_from_dict({"table": data}).table
    except ValidationError as error:
        columns = dict(zip(keys, headings, strict=True))
        problems.extend(
            _by_line(problem, rows, total, columns)
            for problem in error.problems
        )
    if problems:
        raise _error(problems, source)
    assert table is not None  # noqa: S101  (a table was read)
    return table


def _error(
    problems: list[tuple[int, Problem]], source: str
) -> ValidationError:
    problems.sort(key=lambda item: item[0])
    return ValidationError(
        [problem for _, problem in problems],
        subject="published table",
        source=source,
    )


def _rows(
    lines: list[tuple[int, list[str]]],
    keys: list[str | None],
    problems: list[tuple[int, Problem]],
) -> tuple[list[_Row], _Row | None]:
    """
    The rows of the table, and its total row if it has one.
    """
    rows: list[_Row] = []
    total = None
    for line, cells in lines:
        kept = _trimmed(cells, len(keys))
        if len(kept) != len(keys):
            message = (
                f"has {len(kept)} cells where the headings have {len(keys)}"
            )
            problems.append((line, Problem(f"line {line}", message)))
            continue
        row = {
            key: cell.strip()
            for key, cell in zip(keys, kept, strict=True)
            if key is not None
        }
        if heading_key(row["name"]) not in _TOTAL_NAMES:
            rows.append((line, row))
        elif total is None:
            total = (line, row)
        else:
            message = "is a second total row"
            problems.append((line, Problem(f"line {line}", message)))
    return rows, total


def _by_line(
    problem: Problem,
    rows: list[_Row],
    total: _Row | None,
    columns: Mapping[str | None, str],
) -> tuple[int, Problem]:
    """
    Name a problem of a row by its line and heading: "line 5, column 'Đã
    xử lý'".
    """
    match = _ROW_PATH.fullmatch(problem.path)
    if match is None:  # the table as a whole (the convention stated)
        return 0, Problem(problem.path.removeprefix("table."), problem.message)
    index, key = match.groups()
    row = rows[int(index)] if index is not None else total
    assert row is not None  # noqa: S101  (a total row's problem)
    line = row[0]
    where = f"line {line}"
    if key is not None:
        where += f", column {columns.get(key, key)!r}"
    return line, Problem(where, problem.message)
