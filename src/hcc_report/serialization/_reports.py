"""
The parts of a report file that are not written as their class is: a
document number as text, counts and periods by their keys, blocks as
text or small tables, and the appendix's rows with the agency and its
counts side by side (see :doc:`/reference/report-format`).
"""

from __future__ import annotations

import functools

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from hcc_report import figures
from hcc_report.errors import ParseError, ValidationError
from hcc_report.model import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Block,
    Bullet,
    Counts,
    DocumentNumber,
    FiguresParagraph,
    Paragraph,
    Period,
    PeriodKind,
)
from hcc_report.serialization._reading import (
    Collector,
    Invalid,
    Path,
    build,
    date,
    invalid,
    mapping_of,
    member,
    member_of,
    model_problems,
    sequence,
    table,
)


# Reading ---------------------------------------------------------------------


def document_number(value: object) -> DocumentNumber:
    """
    A number and symbol as text: "04/BC-TTHCC".
    """
    return DocumentNumber.parse(value)  # type: ignore[arg-type]


def authority(value: object) -> Authority:
    """
    An authority as files write it: "KT", "KT." or "kt".
    """
    if isinstance(value, str):
        try:
            return Authority.parse(value)
        except ParseError:
            pass
    return member(Authority, value)


def counts(value: object) -> Counts:
    """
    Counts by their keys in the figure catalogue.
    """
    keys = [count.key for count in figures.counts()]
    return build(Counts, **table(value, optional=keys))


def period(value: object) -> Period:
    """
    A period by its kind and, for a calendar period, its year and number
    (``{kind = "month", year = 2023, month = 2}``), or its first and last
    day.
    """
    raw = mapping_of(value)
    if "kind" not in raw:
        raise invalid("is required", ("kind",))
    collector = Collector()
    kind = collector.read(("kind",), raw["kind"], member_of(PeriodKind))
    collector.done()
    if kind is PeriodKind.RANGE:
        raw = table(raw, required=("kind", "start", "end"))
        start = collector.read(("start",), raw["start"], date)
        end = collector.read(("end",), raw["end"], date)
        collector.done()
        return build(Period.between, start=start, end=end)
    number = kind.number_key  # type: ignore[union-attr]
    raw = table(raw, required=("kind", "year", *filter(None, [number])))
    # Period.calendar names its problems after the number's key ("month").
    return build(
        Period.calendar,
        kind=kind,
        year=raw["year"],
        number=None if number is None else raw[number],
    )


_BLOCK_FORMS = (
    'must be a paragraph (a string), a bullet ({bullet = "..."}) or an '
    'insert ({insert = "figures"})'
)


def block(value: object) -> Block:
    """
    A paragraph as text, a bullet as ``{bullet = "..."}``, the paragraph
    of figures as ``{insert = "figures"}``.
    """
    # The text of a paragraph is the string itself, a bullet's its value.
    if isinstance(value, str):
        return _with_text(Paragraph, value, ())
    if isinstance(value, Mapping) and "bullet" in value:
        raw = table(value, required=("bullet",))
        return _with_text(Bullet, raw["bullet"], ("bullet",))
    if isinstance(value, Mapping) and "insert" in value:
        raw = table(value, required=("insert",))
        if raw["insert"] != "figures":
            msg = f"must be 'figures', got {raw['insert']!r}"
            raise invalid(msg, ("insert",))
        return FiguresParagraph()
    msg = f"{_BLOCK_FORMS}, got {value!r}"
    raise invalid(msg)


def _with_text(
    cls: Callable[..., Paragraph | Bullet], value: object, path: Path
) -> Paragraph | Bullet:
    try:
        return cls(text=value)
    except ValidationError as error:
        raise Invalid((path, p.message) for p in error.problems) from None


_AGENCY_KEYS = tuple(field.name for field in attrs.fields(Agency))


def appendix_row(value: object) -> AppendixRow:
    """
    A row: the agency's fields and its counts side by side.
    """
    keys = [count.key for count in figures.counts()]
    raw = table(value, required=("name",), optional=(*_AGENCY_KEYS[1:], *keys))
    collector = Collector()
    agency = collector.read(
        (),
        {k: v for k, v in raw.items() if k in _AGENCY_KEYS},
        lambda fields: Agency(**fields),  # type: ignore[arg-type]
    )
    row_counts = collector.read(
        (),
        {k: v for k, v in raw.items() if k not in _AGENCY_KEYS},
        lambda fields: Counts(**fields),  # type: ignore[arg-type]
    )
    collector.done()
    assert agency is not None  # noqa: S101  (no problem, so read)
    assert row_counts is not None  # noqa: S101
    return AppendixRow(agency=agency, counts=row_counts)


def appendix(value: object) -> Appendix:
    """
    The appendix: its title, basis and rows.
    """
    collector = Collector()
    raw = collector.table(
        value, required=("title", "rows"), optional=("basis",)
    )
    rows = collector.read(
        ("rows",),
        raw.get("rows"),
        functools.partial(sequence, read_item=appendix_row),
    )
    basis = collector.read(
        ("basis",), raw.get("basis", Basis.CUMULATIVE.value), member_of(Basis)
    )
    collector.done()
    try:
        return Appendix(title=raw["title"], basis=basis, rows=rows)  # type: ignore[arg-type]  # read, so not None
    except ValidationError as error:
        # A row's agency sits in the row itself in the file.
        raise Invalid(
            (_row_path(path), message)
            for path, message in model_problems(error)
        ) from None


def _row_path(path: Path) -> Path:
    match path:
        case ("rows", int(index), "agency" | "counts", *rest):
            return ("rows", index, *rest)
    return path


# Writing ---------------------------------------------------------------------


def block_data(block: Block) -> object:
    """
    A block as a file writes it.
    """
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Bullet):
        return {"bullet": block.text}
    return {"insert": "figures"}


def period_data(period: Period) -> dict[str, Any]:
    """
    A period as a file writes it.
    """
    if period.kind is PeriodKind.RANGE:
        return {"kind": "range", "start": period.start, "end": period.end}
    data: dict[str, Any] = {"kind": period.kind.value, "year": period.end.year}
    if period.kind.number_key is not None:
        data[period.kind.number_key] = period.number
    return data


def row_data(row: AppendixRow) -> dict[str, Any]:
    """
    A row as a file writes it: the agency's fields, then its counts.
    """
    agency = {
        key: value
        for key in _AGENCY_KEYS
        if (value := getattr(row.agency, key)) is not None
    }
    return agency | row.counts.known()


def appendix_data(appendix: Appendix) -> dict[str, Any]:
    """
    The appendix as a file writes it, its basis always.
    """
    return {
        "title": appendix.title,
        "basis": appendix.basis.value,
        "rows": [row_data(row) for row in appendix.rows],
    }
