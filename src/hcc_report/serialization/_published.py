"""
Published figures and styles from plain data.

Published figures are what a document printed (see
:doc:`/reference/published-format`): counts as ints or as printed text
("10.078"), rates as the text printed ("99,79%"). A style file names a
preset to start from and what differs.
"""

from __future__ import annotations

import enum
import functools

from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs

from hcc_report import figures
from hcc_report.errors import (
    ArgumentTypeError,
    ParseError,
    UnknownStyleError,
)
from hcc_report.formatting import parse_number
from hcc_report.model import Basis, Period
from hcc_report.published import (
    AS_PRINTED,
    NOT_SHOWN,
    PublishedColumn,
    PublishedFigures,
    PublishedReport,
    PublishedRow,
    PublishedTable,
    rate_text_problem,
)
from hcc_report.serialization._reading import (
    Collector,
    build,
    date,
    invalid,
    mapping_of,
    member_of,
    sequence,
    text,
    unknown_keys,
)
from hcc_report.styles import DECREE_30, Style, get_style


#: The notations of printed numbers: the mark grouping a count's
#: thousands, by name.
NOTATIONS = {"vi": ".", "en": ","}


def _count(value: object, notation: str | None = None) -> int:
    """
    A printed count: an int, or text read strictly ("3801", "10.078", or
    "5,000" in English notation).

    Without a stated *notation* a count may be grouped either way: a
    count is whole, so "5,000" can only be five thousand.
    """
    if isinstance(value, str):
        marks = [NOTATIONS[notation]] if notation in NOTATIONS else [".", ","]
        number: object = None
        error: ParseError | None = None
        for group in marks:
            try:
                number = parse_number(
                    value, decimal_mark="," if group == "." else "."
                )
            except ParseError as problem:
                error = error or problem
                continue
            if isinstance(number, int):
                break
        if number is None and error is not None:
            msg = (
                f"must be a count: {error}"
                if notation in NOTATIONS
                else f"must be a count such as 3801, 10.078 or (in English "
                f"notation) 10,078, got {value!r}"
            )
            raise invalid(msg)
        if not isinstance(number, int):
            msg = f"must be a whole count, got {number} (a decimal)"
            raise invalid(msg)
        value = number
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"must be a count, got {value!r}"
        raise invalid(msg)
    return value


def _rate(value: object) -> str:
    """
    A printed rate: the text of a percentage, or a mark.
    """
    problem = rate_text_problem(value)
    if problem is not None:
        raise invalid(problem)
    return text(value)


#: The keys of a row that are not figures.
_ROW_KEYS = ("name", "number", "group", "subtotal", "other")


def row(
    value: object,
    *,
    declared: Collection[str] = (),
    notation: str | None = None,
) -> PublishedRow:
    """
    A row: its name and number as printed, its group, and its figures by
    key; *declared* are the keys of rates the table declares. A key that
    is no figure is kept as a column the library does not know.
    """
    count_keys = [count.key for count in figures.counts()]
    rate_keys = [rate.key for rate in figures.rates()] + [
        key for key in declared if key not in count_keys
    ]
    collector = Collector()
    raw = _by_key(mapping_of(value), {*count_keys, *rate_keys})
    collector.table(raw, required=("name",), optional=raw.keys())
    counts = {
        key: collector.read(
            (key,), raw[key], functools.partial(_count, notation=notation)
        )
        for key in count_keys
        # An empty cell or a mark such as "-" is an unknown figure.
        if raw.get(key) is not None
        and not (isinstance(raw[key], str) and raw[key].strip() in NOT_SHOWN)
    }
    rates = {
        key: collector.read((key,), raw[key], _rate)
        for key in rate_keys
        if raw.get(key) is not None
    }
    other = dict(
        collector.read(("other",), raw.get("other", {}), _texts) or {}
    )
    for key, item in raw.items():
        if key not in (*count_keys, *rate_keys, *_ROW_KEYS):
            other[key] = str(item)
    number = raw.get("number")
    if isinstance(number, int) and not isinstance(number, bool):
        number = str(number)  # a row number written as a number
    if number not in (None, "") and not isinstance(number, str):
        msg = f"must be text or a whole number, got {number!r}"
        collector.problems.append((("number",), msg))
    collector.done()
    return build(
        PublishedRow,
        name=raw["name"],
        number=number or None,
        counts=counts,
        rates=rates,
        other=other,
        group=raw.get("group"),
        subtotal=raw.get("subtotal", False),
    )


def _by_key(raw: Mapping[str, Any], keys: set[str]) -> dict[str, Any]:
    """
    A row's figures by key, written under their keys or under the headings
    the document prints ("Đã tiếp nhận", and "Đang giải quyết / Quá hạn"
    for a heading under a group heading); a heading that names no figure
    stays as it is.
    """
    result: dict[str, Any] = {}
    beside = [key for key in raw if key in keys]
    for key, item in raw.items():
        if key in keys or key in _ROW_KEYS:
            result[key] = item
            continue
        group, _, heading = str(key).rpartition(" / ")
        within = figures.find(group) if group else None
        if within is not None and figures.get(within).kind != "count":
            within = None
        found = figures.find(heading, beside, within)
        if found is not None and (found in raw or found in result):
            msg = f"names the same figure as {found!r}"
            raise invalid(msg, (key,))
        if found is None:
            result[key] = item
        else:
            result[found] = item
            beside.append(found)
    return result


def _texts(value: object) -> dict[str, str]:
    raw = mapping_of(value)
    return {str(key): text(item) for key, item in raw.items()}


def _named(name: str, **options: Any) -> Callable[[object], PublishedRow]:
    """
    Read a row that need not print a name: a total row, or a paragraph's
    figures.
    """

    def read(value: object) -> PublishedRow:
        if isinstance(value, Mapping):
            value = {"name": name, **value}
        return row(value, **options)

    return read


def _keys(value: object) -> tuple[str, ...]:
    items = sequence(value, read_item=text)
    return tuple(items)


def column(key: str, value: object) -> PublishedColumn:
    """
    A column's declaration: its heading and group as printed, a rate's
    numerator and denominator, its places, whether the library knows it.
    """
    collector = Collector()
    raw = collector.table(
        value,
        optional=(
            "heading",
            "group",
            "numerator",
            "denominator",
            "places",
            "known",
        ),
    )
    terms = {
        name: collector.read((name,), raw[name], _keys)
        for name in ("numerator", "denominator")
        if name in raw
    }
    collector.done()
    return build(
        PublishedColumn,
        key=key,
        heading=raw.get("heading"),
        group=raw.get("group"),
        places=raw.get("places"),
        known=raw.get("known", True),
        **terms,
    )


def columns(value: object) -> tuple[PublishedColumn, ...]:
    """
    The columns declared, by key.
    """
    raw = mapping_of(value)
    collector = Collector()
    read = [
        collector.read((key,), item, functools.partial(column, key))
        for key, item in raw.items()
    ]
    collector.done()
    return tuple(c for c in read if c is not None)


def _notation(value: object) -> str:
    if value not in NOTATIONS:
        msg = f"must be 'vi' or 'en', got {value!r}"
        raise invalid(msg)
    return str(value)


def _stated_places(value: object) -> int | str:
    if value == AS_PRINTED:
        return AS_PRINTED
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"must be an int >= 0 or {AS_PRINTED!r}, got {value!r}"
        raise invalid(msg)
    return value


#: The keys of a table besides its rows.
_TABLE_KEYS = (
    "title",
    "basis",
    "decimal_mark",
    "places",
    "notation",
    "total",
    "columns",
    "rows_are",
    "heading_lines",
    "total_first",
)


def table_of_rows(value: object) -> PublishedTable:
    """
    A table: its columns, its rows, its total row, and what it says of its
    rates.
    """
    collector = Collector()
    raw = collector.table(value, required=("rows",), optional=_TABLE_KEYS)
    notation = None
    if "notation" in raw:
        notation = collector.read(("notation",), raw["notation"], _notation)
    declared: tuple[PublishedColumn, ...] = ()
    if "columns" in raw:
        declared = collector.read(("columns",), raw["columns"], columns) or ()
    rate_keys = [c.key for c in declared if c.numerator]
    rows = None
    if "rows" in raw:
        read_row = functools.partial(
            row, declared=rate_keys, notation=notation
        )
        rows = collector.read(
            ("rows",),
            raw["rows"],
            functools.partial(sequence, read_item=read_row),
        )
    total = None
    if "total" in raw:
        total = collector.read(
            ("total",),
            raw["total"],
            _named("Tổng cộng", declared=rate_keys, notation=notation),
        )
    basis = None
    if "basis" in raw:
        basis = collector.read(("basis",), raw["basis"], member_of(Basis))
    places = None
    if "places" in raw:
        places = collector.read(("places",), raw["places"], _stated_places)
    collector.done()
    decimal_mark = raw.get("decimal_mark")
    if decimal_mark is None and notation is not None:
        decimal_mark = "," if notation == "vi" else "."
    stated = {
        key: raw[key]
        for key in ("rows_are", "heading_lines", "total_first")
        if key in raw
    }
    return build(
        PublishedTable,
        rows=rows,
        total=total,
        title=raw.get("title"),
        basis=basis,
        decimal_mark=decimal_mark,
        places=places,
        columns=declared,
        notation=notation,
        **stated,
    )


def _paragraph(value: object, notation: str | None = None) -> PublishedFigures:
    """
    The figures a paragraph states, with the rates it declares.
    """
    collector = Collector()
    raw = mapping_of(value)
    declared: tuple[PublishedColumn, ...] = ()
    if "columns" in raw:
        declared = collector.read(("columns",), raw["columns"], columns) or ()
    keys = [
        *(figure.key for figure in figures.CATALOGUE.figures),
        *(c.key for c in declared),
        "columns",
    ]
    # A body states figures: an unknown key is a mistake ("recieved").
    collector.problems.extend(unknown_keys(raw, keys))
    figures_row = collector.read(
        (),
        {k: v for k, v in raw.items() if k in keys and k != "columns"},
        _named(
            "-",
            declared=[c.key for c in declared if c.numerator],
            notation=notation,
        ),
    )
    collector.done()
    assert figures_row is not None  # noqa: S101  (read without a problem)
    return build(
        PublishedFigures,
        counts=figures_row.counts,
        rates=figures_row.rates,
        columns=declared,
    )


def _period(value: object) -> Period:
    # The period as the document names it: "tháng 02 năm 2023".
    try:
        return Period.parse(value)  # type: ignore[arg-type]
    except ParseError as error:
        raise invalid(str(error)) from None


def published(value: object) -> PublishedReport:
    """
    Published figures: the table, the figures of the body's paragraphs,
    the period, the number and the day of issue.
    """
    collector = Collector()
    # Unknown keys do not stop the rest from being read.
    raw = collector.table(
        value,
        optional=(
            "number",
            "issued",
            "period",
            "paragraph",
            "table",
            "period_table",
            "notation",
        ),
    )
    parts: dict[str, Any] = {}
    notation = None
    if "notation" in raw:
        notation = collector.read(("notation",), raw["notation"], _notation)
        parts["notation"] = notation
    for key in ("table", "period_table"):
        if key in raw:
            table = raw[key]
            if notation is not None and isinstance(table, Mapping):
                table = {"notation": notation, **table}
            parts[key] = collector.read((key,), table, table_of_rows)
    paragraphs: Mapping[str, Any] = {}
    if "paragraph" in raw:
        paragraphs = (
            collector.read(("paragraph",), raw["paragraph"], mapping_of) or {}
        )
        collector.problems.extend(
            (("paragraph", *path), message)
            for path, message in unknown_keys(
                paragraphs, ("period", "cumulative")
            )
        )
    for key, field in (
        ("period", "period_figures"),
        ("cumulative", "cumulative_figures"),
    ):
        if key in paragraphs:
            parts[field] = collector.read(
                ("paragraph", key),
                paragraphs[key],
                functools.partial(_paragraph, notation=notation),
            )
    readers: dict[str, Callable[[object], object]] = {
        "period": _period,
        "number": text,
        "issued": date,
    }
    for key, read in readers.items():
        if key in raw:
            parts[key] = collector.read((key,), raw[key], read)
    collector.done()
    return PublishedReport(**parts)


def _preset(name: object) -> Style:
    try:
        return get_style(name)  # type: ignore[arg-type]
    except (UnknownStyleError, ArgumentTypeError) as error:
        raise invalid(str(error)) from None


def style(value: object) -> Style:
    """
    A style: ``base``, a preset's name, and the fields that differ.
    """
    raw = mapping_of(value)
    fields = [field.name for field in attrs.fields(Style)]
    collector = Collector()
    collector.table(raw, optional=("base", *fields))
    base = collector.read(("base",), raw.get("base", DECREE_30), _preset)
    changes: dict[str, Any] = {}
    for key, item in raw.items():
        if key not in fields:
            continue
        default = getattr(DECREE_30, key)
        if isinstance(default, enum.Enum):
            # Rounding and zero policy, by their values ("half-up").
            changes[key] = collector.read(
                (key,), item, member_of(type(default))
            )
        else:
            changes[key] = tuple(item) if isinstance(item, list) else item
    # Fields that could not be read are left as the preset has them, and
    # an unknown preset is checked against the default: every other
    # problem is found all the same.
    known = {key: value for key, value in changes.items() if value is not None}
    built = collector.read(
        (), known, functools.partial(_evolved, base or DECREE_30)
    )
    return collector.result(built)


def _evolved(base: Style, changes: object) -> Style:
    return attrs.evolve(base, **changes)  # type: ignore[arg-type]
