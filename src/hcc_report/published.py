"""
Figures as a document printed them, kept apart from the report model.

A `hcc_report.Report` computes its own figures and cannot hold a wrong
total; a published document can, and that is what an audit looks for. So
the figures here are only what was printed: counts (read strictly from
"3801" or "10.078"), and rates as the text printed ("99.49%"), checked to
be percentages but not recomputed. `hcc_report.audit` compares them.

Published figures are read from TOML or JSON (the appendix table, its
total row, and the figures stated in the body) or from a CSV of the
appendix table, whose headings may be the document's own ("Đã tiếp nhận",
"Tỷ lệ đúng hẹn (%)") or field names (``received``, ``on_time_rate``).
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import attrs

from hcc_report._messages import COLUMNS
from hcc_report._reading import Reader, parse_data, read_text
from hcc_report.errors import ParseError, Problem, ValidationError, join_path
from hcc_report.formatting import parse_number
from hcc_report.model import COUNT_FIELDS, Basis, Period
from hcc_report.model._checks import Checker


__all__ = [
    "NOT_SHOWN",
    "RATE_FIELDS",
    "PublishedFigures",
    "PublishedReport",
    "PublishedRow",
    "PublishedTable",
    "load_published",
    "loads_published",
    "published_from_dict",
    "rate_text_problem",
]

#: The printed rates by field name, with the counts each divides.
RATE_FIELDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "on_time_rate": ("on_time", "processed"),
        "late_rate": ("late", "processed"),
        "online_share": ("received_online", "received"),
    }
)

#: What documents print where a rate is not given.
NOT_SHOWN = frozenset({"", "-", "–", "—", "x", "n/a", "N/A", "k/a"})

#: A printed percentage: digits, thousands grouped by one mark or not at all,
#: decimals after the other mark, then "%" if printed.
_PERCENT = re.compile(
    r"(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:[.,][0-9]+)?\s*%?"
)


def _frozen(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


def rate_text_problem(text: object) -> str | None:
    """
    Say what is wrong with a printed rate, or ``None`` if it is readable:
    a percentage ("99,79%", "99.49", "100 %") or a mark ("-", "N/A").
    """
    if not isinstance(text, str):
        return f"must be the printed text, got {text!r}"
    if text.strip() in NOT_SHOWN or _PERCENT.fullmatch(text.strip()):
        return None
    return (
        "must be a percentage such as '99,79%' or a mark such as '-', "
        f"got {text!r}"
    )


def _check_counts(checker: Checker, counts: object) -> None:
    if not isinstance(counts, Mapping):
        checker.add("counts", f"must be a mapping, got {counts!r}")
        return
    for name, value in counts.items():
        if name not in COUNT_FIELDS:
            checker.add(name, "is not a count")
        elif isinstance(value, bool) or not isinstance(value, int):
            checker.add(name, f"must be a count (int), got {value!r}")
        elif value < 0:
            checker.add(name, f"must not be negative, got {value!r}")


def _check_rates(checker: Checker, rates: object) -> None:
    if not isinstance(rates, Mapping):
        checker.add("rates", f"must be a mapping, got {rates!r}")
        return
    for name, value in rates.items():
        if name not in RATE_FIELDS:
            checker.add(name, "is not a rate")
        elif (problem := rate_text_problem(value)) is not None:
            checker.add(name, problem)


@attrs.frozen(kw_only=True)
class PublishedFigures:
    """
    Figures as printed: counts by field name, rates as their text.
    """

    #: Counts by `~hcc_report.Counts` field name.
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    #: Printed rates by name (see `RATE_FIELDS`), such as ``"99.49%"``.
    rates: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedFigures")
        _check_counts(checker, self.counts)
        _check_rates(checker, self.rates)
        checker.raise_if_any()


@attrs.frozen(kw_only=True)
class PublishedRow:
    """
    A row of a published table: the agency as printed and its figures.
    """

    #: The name as printed.
    name: str
    #: The row number as printed ("01"), if any.
    number: str | None = None
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    rates: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedRow")
        checker.text("name", self.name)
        if self.number is not None:
            checker.instance("number", self.number, str)
        _check_counts(checker, self.counts)
        _check_rates(checker, self.rates)
        checker.raise_if_any()

    @property
    def figures(self) -> PublishedFigures:
        """
        The row's counts and rates.
        """
        return PublishedFigures(counts=self.counts, rates=self.rates)


def _as_rows(rows: Iterable[PublishedRow]) -> tuple[PublishedRow, ...]:
    # A typed converter: with plain tuple, type checkers lose the rows' type.
    return tuple(rows)


@attrs.frozen(kw_only=True)
class PublishedTable:
    """
    A published table of figures per agency, with its printed total row.
    """

    rows: tuple[PublishedRow, ...] = attrs.field(converter=_as_rows)
    #: The total row as printed, if the table has one.
    total: PublishedRow | None = None
    title: str | None = None
    #: Whether the rows are cumulative or the period's, if known.
    basis: Basis | None = None
    #: The decimal mark of its rates, if stated; else the audit detects it.
    decimal_mark: str | None = None
    #: The decimals of its rates, if stated; else the audit detects them.
    places: int | None = None

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedTable")
        if not self.rows:
            checker.add("rows", "must have at least one row")
        checker.items("rows", self.rows, PublishedRow)
        if self.total is not None:
            checker.instance("total", self.total, PublishedRow)
        if self.decimal_mark not in {None, ",", "."}:
            checker.add(
                "decimal_mark",
                f"must be ',' or '.', got {self.decimal_mark!r}",
            )
        places = self.places
        if places is not None and (
            isinstance(places, bool)
            or not isinstance(places, int)
            or places < 0
        ):
            checker.add("places", f"must be an int >= 0, got {places!r}")
        checker.raise_if_any()


@attrs.frozen(kw_only=True)
class PublishedReport:
    """
    What a report published: its table, and the figures its body states.
    """

    table: PublishedTable | None = None
    #: The period's figures stated in the body ("trong tháng").
    period_figures: PublishedFigures | None = None
    #: The cumulative figures stated in the body ("lũy kế").
    cumulative_figures: PublishedFigures | None = None
    #: The period reported on, if known (to compare two reports).
    period: Period | None = None
    #: The document's number and symbol as printed, if known.
    number: str | None = None


# Reading files ---------------------------------------------------------------

#: Headings a published table may use, by field (compared without case,
#: accents kept, spaces collapsed, "(%)" dropped).
_HEADINGS: Mapping[str, tuple[str, ...]] = {
    "number": ("stt", "số thứ tự", "tt", "no", "number"),
    "name": (
        "tên đơn vị",
        "đơn vị",
        "cơ quan",
        "tên cơ quan",
        "name",
        "agency",
    ),
    "received": ("đã tiếp nhận", "tiếp nhận", "hồ sơ tiếp nhận", "received"),
    "received_online": (
        "trực tuyến",
        "tiếp nhận trực tuyến",
        "received_online",
    ),
    "received_in_person": ("trực tiếp", "received_in_person"),
    "received_postal": ("bưu chính", "received_postal"),
    "carried_over": ("kỳ trước chuyển qua", "từ kỳ trước", "carried_over"),
    "processed": ("đã xử lý", "đã giải quyết", "processed"),
    "early": ("trước hạn", "sớm hẹn", "early"),
    "on_due_date": ("đúng ngày hẹn", "on_due_date", "on the due date"),
    "on_time": ("đúng hẹn", "đúng hạn", "on_time", "on time"),
    "late": ("trễ hẹn", "trễ hạn", "quá hạn", "late"),
    "pending": ("đang giải quyết", "pending"),
    "pending_in_time": ("trong hạn", "pending_in_time"),
    "pending_overdue": ("đang quá hạn", "pending_overdue"),
    "withdrawn": ("rút hồ sơ", "withdrawn"),
    "returned": ("trả lại", "returned"),
    "on_time_rate": (
        "tỷ lệ đúng hẹn",
        "tỷ lệ đúng hạn",
        "tỉ lệ đúng hẹn",
        "tỉ lệ đúng hạn",
        "on_time_rate",
        "on-time rate",
    ),
    "late_rate": ("tỷ lệ trễ hẹn", "tỷ lệ trễ hạn", "late_rate", "late rate"),
    "online_share": ("tỷ lệ trực tuyến", "online_share", "online share"),
}

_TOTAL_NAMES = frozenset({"tổng cộng", "tổng", "cộng", "total", "tổng số"})


def _key(heading: str) -> str:
    text = unicodedata.normalize("NFC", heading).casefold()
    text = text.replace("(%)", "").replace("%", "")
    return " ".join(text.split())


_BY_HEADING = {
    _key(heading): field
    for field, headings in _HEADINGS.items()
    for heading in headings
} | {
    # The labels the library itself writes, in both languages.
    _key(label): field
    for labels in COLUMNS.values()
    for field, label in labels.items()
    if field not in ("on_due_date", "pending_overdue")
}


def _count(r: Reader, value: object, path: str) -> int | None:
    """
    A printed count: an int, or text read strictly ("3801", "10.078").
    """
    if isinstance(value, str):
        try:
            value = parse_number(value)
        except ParseError as error:
            r.add(path, f"must be a count: {error}")
            return None
        if not isinstance(value, int):
            r.add(path, f"must be a whole count, got {value} (a decimal)")
            return None
    if isinstance(value, bool) or not isinstance(value, int):
        r.add(path, f"must be a count, got {value!r}")
        return None
    return value


_ROW_KEYS = ("number", *COUNT_FIELDS, *RATE_FIELDS)


def _read_row(r: Reader, value: object, path: str) -> PublishedRow | None:
    raw = r.table(value, path, required=("name",), optional=_ROW_KEYS)
    if raw is None:
        return None
    mark = r.mark()
    counts = {}
    for field in COUNT_FIELDS:
        if raw.get(field) not in (None, ""):
            count = _count(r, raw[field], join_path(path, field))
            if count is not None:
                counts[field] = count
    rates = {}
    for field in RATE_FIELDS:
        if raw.get(field) is not None:
            problem = rate_text_problem(raw[field])
            if problem is None:
                rates[field] = raw[field]
            else:
                r.add(join_path(path, field), problem)
    number = raw.get("number")
    if not r.clean_since(mark):
        return None
    return r.build(
        path,
        PublishedRow,
        name=raw["name"],
        number=None if number in (None, "") else str(number),
        counts=counts,
        rates=rates,
    )


def _read_figures(
    r: Reader, value: object, path: str
) -> PublishedFigures | None:
    if isinstance(value, Mapping):
        value = {"name": "-", **value}  # a paragraph's figures have no name
    row = _read_row(r, value, path)
    return None if row is None else row.figures


def _read_table(r: Reader, value: object, path: str) -> PublishedTable | None:
    raw = r.table(
        value,
        path,
        required=("rows",),
        optional=("title", "basis", "decimal_mark", "places", "total"),
    )
    if raw is None:
        return None
    mark = r.mark()
    rows = []
    items = r.array(raw["rows"], join_path(path, "rows")) or []
    for i, item in enumerate(items):
        row = _read_row(r, item, join_path(path, f"rows[{i}]"))
        if row is not None:
            rows.append(row)
    total = None
    if "total" in raw:
        value = raw["total"]
        if isinstance(value, Mapping):
            value = {"name": "Tổng cộng", **value}
        total = _read_row(r, value, join_path(path, "total"))
    basis = None
    if "basis" in raw:
        basis = r.choice(raw["basis"], join_path(path, "basis"), Basis)
    if not r.clean_since(mark):
        return None
    return r.build(
        path,
        PublishedTable,
        rows=rows,
        total=total,
        title=raw.get("title"),
        basis=basis,
        decimal_mark=raw.get("decimal_mark"),
        places=raw.get("places"),
    )


def published_from_dict(data: object, *, source: str = "") -> PublishedReport:
    """
    Build published figures from plain data (a TOML or JSON file's).

    The layout is in :doc:`/reference/published-format`.

    Raises:
        ~hcc_report.errors.ValidationError: Every problem, with its place.
    """
    r = Reader()
    raw = r.table(
        data,
        "",
        optional=("number", "period", "paragraph", "table"),
        strict=False,
    )
    parts: dict[str, Any] = {}
    if raw is not None:
        if "table" in raw:
            parts["table"] = _read_table(r, raw["table"], "table")
        paragraphs = r.table(
            raw.get("paragraph", {}),
            "paragraph",
            optional=("period", "cumulative"),
        )
        for key, field in (
            ("period", "period_figures"),
            ("cumulative", "cumulative_figures"),
        ):
            if paragraphs is not None and key in paragraphs:
                parts[field] = _read_figures(
                    r, paragraphs[key], f"paragraph.{key}"
                )
        if "period" in raw:
            # The period as the document names it: "tháng 02 năm 2023".
            try:
                parts["period"] = Period.parse(raw["period"])
            except ParseError as error:
                r.add("period", str(error))
        if "number" in raw:
            if isinstance(raw["number"], str):
                parts["number"] = raw["number"]
            else:
                r.add("number", f"must be text, got {raw['number']!r}")
    if r.problems:
        raise ValidationError(
            r.problems, subject="published figures", source=source
        )
    return PublishedReport(**parts)


def _csv_lines(text: str) -> list[tuple[int, list[str]]]:
    """
    The non-empty lines of a CSV, each with its number in the file.
    """
    text = text.removeprefix("\ufeff")
    # The delimiter is the one the first lines, where the headings are, use
    # most; Vietnamese spreadsheets write ";" as "," is their decimal mark.
    start = "\n".join(text.split("\n", 3)[:3])
    delimiter = max(";\t,", key=start.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    # (A cell quoted across lines makes the reader's count its end.)
    return [
        (reader.line_num, cells)
        for cells in reader
        if any(cell.strip() for cell in cells)
    ]


#: Headings whose meaning depends on the columns around them, in Biểu 06:
#: "Đúng hạn" beside "Trước hạn" excludes the early dossiers, and "Quá
#: hạn" after "Trong hạn" counts the pending ones.
_AFTER = {
    ("on_time", "early"): "on_due_date",
    ("late", "pending_in_time"): "pending_overdue",
}


def _field(heading: str, fields: list[str | None]) -> str | None:
    field = _BY_HEADING.get(_key(heading))
    for (meant, beside), instead in _AFTER.items():
        if field == meant and beside in fields:
            return instead
    return field


def _csv_fields(headings: list[str], line: int, r: Reader) -> list[str | None]:
    fields: list[str | None] = []
    for i, heading in enumerate(headings, start=1):
        field = _field(heading, fields)
        if field is None and heading.strip():
            r.add(f"line {line}, column {i}", f"unknown heading {heading!r}")
        elif field is not None and field in fields:
            r.add(
                f"line {line}, column {i}",
                f"{heading!r} repeats column {fields.index(field) + 1}",
            )
        fields.append(field)
    if "name" not in fields:
        r.add(f"line {line}", "has no column of agency names (Tên đơn vị)")
    if not any(field in COUNT_FIELDS for field in fields):
        r.add(f"line {line}", "has no column of counts")
    return fields


def _heading_line(lines: list[tuple[int, list[str]]]) -> int:
    """
    The index of the line of column headings: the first of the first lines
    that names two known columns (a line of merged headings such as "Lũy
    kế từ năm 2023" may come before it).
    """
    for index, (_, cells) in enumerate(lines[:3]):
        if sum(_key(cell) in _BY_HEADING for cell in cells) >= 2:  # noqa: PLR2004
            return index
    return 0


def _by_column(
    problems: list[Problem], columns: Mapping[str, str]
) -> list[Problem]:
    """
    Name a problem's place by line and heading: "line 5, column 'Đã xử lý'".
    """
    named = []
    for problem in problems:
        where, _, field = problem.path.partition(".")
        if field:
            where = f"{where}, column {columns.get(field, field)!r}"
        named.append(Problem(where, problem.message))
    return named


def _trimmed(cells: list[str], keep: int = 0) -> list[str]:
    """
    *cells* without the empty cells spreadsheets often add at the end of a
    line (";;"), keeping at least *keep* of them.
    """
    end = len(cells)
    while end > keep and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _csv_row(
    r: Reader, cells: list[str], fields: list[str | None], where: str
) -> PublishedRow | None:
    cells = _trimmed(cells, len(fields))
    if len(cells) != len(fields):
        r.add(
            where,
            f"has {len(cells)} cells where the headings have {len(fields)}",
        )
        return None
    raw = {
        field: cell.strip()
        for field, cell in zip(fields, cells, strict=True)
        if field is not None
    }
    return _read_row(r, raw, where)


def _table_from_csv(
    text: str,
    *,
    decimal_mark: str | None,
    places: int | None,
    basis: Basis | None,
) -> PublishedTable:
    """
    Read a CSV of a table: a heading row, the rows, and a total row named
    "Tổng cộng" (or "Total"). Problems are named by line and column.
    """
    r = Reader()
    lines = _csv_lines(text)
    if not lines:
        r.add("", "the table is empty")
        raise ValidationError(r.problems, subject="published table")
    start = _heading_line(lines)
    heading_line, headings = lines[start]
    headings = _trimmed(headings)
    fields = _csv_fields(headings, heading_line, r)
    if r.problems:
        raise ValidationError(r.problems, subject="published table")
    columns = {f: h for f, h in zip(fields, headings, strict=True) if f}
    rows: list[PublishedRow] = []
    total = None
    for line, cells in lines[start + 1 :]:
        row = _csv_row(r, cells, fields, f"line {line}")
        if row is None:
            continue
        if _key(row.name) not in _TOTAL_NAMES:
            rows.append(row)
        elif total is None:
            total = row
        else:
            r.add(f"line {line}", "is a second total row")
    if not rows and not r.problems:
        r.add("", "the table has no rows")
    if r.problems:
        raise ValidationError(
            _by_column(r.problems, columns), subject="published table"
        )
    return PublishedTable(
        rows=rows,
        total=total,
        basis=basis,
        decimal_mark=decimal_mark,
        places=places,
    )


def _state(
    published: PublishedReport,
    decimal_mark: str | None,
    places: int | None,
    basis: Basis | None,
) -> PublishedReport:
    """
    Fill in what the table does not say with what the caller states.
    """
    table = published.table
    if table is None:
        return published
    table = attrs.evolve(
        table,
        decimal_mark=table.decimal_mark or decimal_mark,
        places=table.places if table.places is not None else places,
        basis=table.basis or basis,
    )
    return attrs.evolve(published, table=table)


Format = Literal["toml", "json", "csv"]
_SUFFIXES: Mapping[str, Format] = {
    ".toml": "toml",
    ".json": "json",
    ".csv": "csv",
}


def loads_published(
    text: str,
    format: Format,  # noqa: A002
    *,
    source: str = "",
    decimal_mark: str | None = None,
    places: int | None = None,
    basis: Basis | None = None,
) -> PublishedReport:
    """
    Read published figures from TOML, JSON or CSV text.

    *decimal_mark*, *places* and *basis* state what the table does not say
    (a CSV says none of them); the audit detects the first two when they
    are not given.

    Raises:
        ~hcc_report.errors.ValidationError: The text is not readable as
            published figures; every problem is named with its place.
        ValueError: *format* is not one of the three.
    """
    if format not in {"toml", "json", "csv"}:
        msg = f"format must be 'toml', 'json' or 'csv', got {format!r}"
        raise ValueError(msg)
    if format == "csv":
        try:
            table = _table_from_csv(
                text, decimal_mark=decimal_mark, places=places, basis=basis
            )
        except ValidationError as error:
            raise ValidationError(
                error.problems, subject="published table", source=source
            ) from None
        return PublishedReport(table=table)
    data = parse_data(text, format, subject="published figures", source=source)
    return _state(
        published_from_dict(data, source=source), decimal_mark, places, basis
    )


def load_published(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,  # noqa: A002
    decimal_mark: str | None = None,
    places: int | None = None,
    basis: Basis | None = None,
) -> PublishedReport:
    """
    Read published figures from a ``.toml``, ``.json`` or ``.csv`` file.

    See `loads_published` for the options.

    Raises:
        ~hcc_report.errors.ValidationError: The file is not readable as
            published figures (every problem is named).
        ValueError: The format cannot be told from the suffix.
        OSError: The file cannot be read.
    """
    source = Path(path)
    kind = format or _SUFFIXES.get(source.suffix.lower())
    if kind is None:
        msg = (
            f"{source}: cannot tell the format from the suffix "
            f"{source.suffix!r}; use .toml, .json or .csv"
        )
        raise ValueError(msg)
    text = read_text(source, subject="published figures")
    return loads_published(
        text,
        kind,
        source=str(source),
        decimal_mark=decimal_mark,
        places=places,
        basis=basis,
    )
