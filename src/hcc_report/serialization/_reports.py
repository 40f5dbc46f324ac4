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


#: The keys of every count in the figure catalogue, in its order.
_COUNT_KEY_ORDER = tuple(count.key for count in figures.counts())
_COUNT_KEYS = frozenset(_COUNT_KEY_ORDER)


def counts(value: object) -> Counts:
    """
    Counts by their keys in the figure catalogue.
    """
    collector = Collector()
    raw = collector.table(value, optional=_COUNT_KEY_ORDER)
    built = collector.read((), _only(raw, _COUNT_KEYS), _counts_of)
    return collector.result(built)


def _only(raw: Mapping[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in raw.items() if key in keys}


def _counts_of(given: object) -> Counts:
    return Counts(**given)  # type: ignore[arg-type]


def _agency_of(given: object) -> Agency:
    return Agency(**given)  # type: ignore[arg-type]


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
    kind = collector.result(
        collector.read(("kind",), raw["kind"], member_of(PeriodKind))
    )
    if kind is PeriodKind.RANGE:
        collector.table(raw, required=("kind", "start", "end"))
        start = collector.read(("start",), raw.get("start"), date)
        end = collector.read(("end",), raw.get("end"), date)
        found = None
        if start is not None and end is not None:
            found = collector.read(
                (), None, lambda _: build(Period.between, start=start, end=end)
            )
        return collector.result(found)
    number = kind.number_key
    keys = ("kind", "year", *filter(None, [number]))
    collector.table(raw, required=keys)
    found = None
    if all(key in raw for key in keys):
        # Period.calendar names its problems after the number's key.
        found = collector.read(
            (),
            None,
            lambda _: build(
                Period.calendar,
                kind=kind,
                year=raw["year"],
                number=None if number is None else raw[number],
            ),
        )
    return collector.result(found)


_BLOCK_FORMS = (
    'must be a paragraph (a string, or {paragraph = "...", paragraph_en = '
    '"..."}), a bullet ({bullet = "...", bullet_en = "..."}) or an insert '
    '({insert = "figures"})'
)


def block(value: object) -> Block:
    """
    A paragraph as text, a bullet as ``{bullet = "..."}``, the paragraph
    of figures as ``{insert = "figures"}``; a paragraph with its English
    as ``{paragraph = "...", paragraph_en = "..."}``, a bullet's as
    ``bullet_en``.
    """
    # The text of a paragraph is the string itself, a bullet's its value.
    if isinstance(value, str):
        return _with_text(Paragraph, value, path=())
    for key, cls in (("paragraph", Paragraph), ("bullet", Bullet)):
        if isinstance(value, Mapping) and key in value:
            english = f"{key}_en"
            collector = Collector()
            collector.table(value, required=(key,), optional=(english,))
            collector.done()
            return _with_text(
                cls, value[key], path=(key,), english=value.get(english)
            )
    if isinstance(value, Mapping) and "insert" in value:
        collector = Collector()
        collector.table(value, required=("insert",))
        if value["insert"] != "figures":
            msg = f"must be 'figures', got {value['insert']!r}"
            collector.problems.append((("insert",), msg))
        collector.done()
        return FiguresParagraph()
    msg = f"{_BLOCK_FORMS}, got {value!r}"
    raise invalid(msg)


def _with_text(
    cls: Callable[..., Paragraph | Bullet],
    value: object,
    *,
    path: Path,
    english: object = None,
) -> Paragraph | Bullet:
    try:
        return cls(text=value, text_en=english)
    except ValidationError as error:
        # The model's text_en is the file's paragraph_en or bullet_en.
        raise Invalid(
            (
                (f"{path[0]}_en",) if p.path == "text_en" and path else path,
                p.message,
            )
            for p in error.problems
        ) from None


_AGENCY_KEYS = tuple(field.name for field in attrs.fields(Agency))
_AGENCY_KEY_SET = frozenset(_AGENCY_KEYS)
#: The optional keys of a row: the agency's but its name, and the counts'.
_ROW_KEYS = (*_AGENCY_KEYS[1:], *_COUNT_KEY_ORDER)
_ROW_KEY_SET = frozenset(("name", *_ROW_KEYS))


def appendix_row(value: object) -> AppendixRow:
    """
    A row: the agency's fields and its counts side by side.
    """
    if (
        type(value) is dict
        and "name" in value
        and _ROW_KEY_SET.issuperset(value)
    ):
        # The usual row, built straight; any problem is found again below,
        # where it is named.
        try:
            return AppendixRow(
                agency=Agency(**_only(value, _AGENCY_KEY_SET)),
                counts=Counts(**_only(value, _COUNT_KEYS)),
            )
        except (ValidationError, TypeError):
            pass
    collector = Collector()
    raw = collector.table(value, required=("name",), optional=_ROW_KEYS)
    agency = None
    if "name" in raw:
        agency = collector.read((), _only(raw, _AGENCY_KEY_SET), _agency_of)
    row_counts = collector.read((), _only(raw, _COUNT_KEYS), _counts_of)
    collector.done()
    return AppendixRow(
        agency=collector.result(agency), counts=collector.result(row_counts)
    )


def appendix(value: object) -> Appendix:
    """
    The appendix: its title, basis and rows.
    """
    collector = Collector()
    raw = collector.table(
        value,
        required=("title", "rows"),
        optional=("basis", "row_heading", "title_en", "row_heading_en"),
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
        return Appendix(
            title=raw["title"],
            basis=basis,
            rows=collector.result(rows),
            **{
                key: raw[key]
                for key in ("row_heading", "title_en", "row_heading_en")
                if key in raw
            },
        )
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
    if isinstance(block, Paragraph) and block.text_en is None:
        return block.text
    if isinstance(block, Paragraph):
        return {"paragraph": block.text, "paragraph_en": block.text_en}
    if isinstance(block, Bullet) and block.text_en is None:
        return {"bullet": block.text}
    if isinstance(block, Bullet):
        return {"bullet": block.text, "bullet_en": block.text_en}
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
    data: dict[str, Any] = {
        "title": appendix.title,
        "basis": appendix.basis.value,
    }
    if appendix.row_heading != "Tên đơn vị":
        data["row_heading"] = appendix.row_heading
    for key in ("title_en", "row_heading_en"):
        if getattr(appendix, key) is not None:
            data[key] = getattr(appendix, key)
    data["rows"] = [row_data(row) for row in appendix.rows]
    return data
