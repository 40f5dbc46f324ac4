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

from collections.abc import Callable, Mapping
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
    PublishedReport,
    PublishedRow,
    PublishedTable,
    rate_text_problem,
)
from hcc_report.serialization._reading import (
    Collector,
    build,
    invalid,
    mapping_of,
    member_of,
    sequence,
    text,
    unknown_keys,
)
from hcc_report.styles import DECREE_30, Style, get_style


def _count(value: object) -> int:
    """
    A printed count: an int, or text read strictly ("3801", "10.078").
    """
    if isinstance(value, str):
        try:
            value = parse_number(value)
        except ParseError as error:
            msg = f"must be a count: {error}"
            raise invalid(msg) from None
        if not isinstance(value, int):
            msg = f"must be a whole count, got {value} (a decimal)"
            raise invalid(msg)
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


def row(value: object) -> PublishedRow:
    """
    A row: its name and number as printed, and its figures by key.
    """
    count_keys = [count.key for count in figures.counts()]
    rate_keys = [rate.key for rate in figures.rates()]
    collector = Collector()
    raw = collector.table(
        value, required=("name",), optional=("number", *count_keys, *rate_keys)
    )
    counts = {
        key: collector.read((key,), raw[key], _count)
        for key in count_keys
        if raw.get(key) not in (None, "")
    }
    rates = {
        key: collector.read((key,), raw[key], _rate)
        for key in rate_keys
        if raw.get(key) is not None
    }
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
    )


def _named(name: str) -> Callable[[object], PublishedRow]:
    """
    Read a row that need not print a name: a total row, or a paragraph's
    figures.
    """

    def read(value: object) -> PublishedRow:
        if isinstance(value, Mapping):
            value = {"name": name, **value}
        return row(value)

    return read


def table_of_rows(value: object) -> PublishedTable:
    """
    A table: its rows, its total row, and what it says of its rates.
    """
    collector = Collector()
    raw = collector.table(
        value,
        required=("rows",),
        optional=("title", "basis", "decimal_mark", "places", "total"),
    )
    rows = None
    if "rows" in raw:
        rows = collector.read(
            ("rows",), raw["rows"], functools.partial(sequence, read_item=row)
        )
    total = None
    if "total" in raw:
        total = collector.read(("total",), raw["total"], _named("Tổng cộng"))
    basis = None
    if "basis" in raw:
        basis = collector.read(("basis",), raw["basis"], member_of(Basis))
    collector.done()
    return build(
        PublishedTable,
        rows=rows,
        total=total,
        title=raw.get("title"),
        basis=basis,
        decimal_mark=raw.get("decimal_mark"),
        places=raw.get("places"),
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
    the period and the number.
    """
    collector = Collector()
    # Unknown keys do not stop the rest from being read.
    raw = collector.table(
        value, optional=("number", "period", "paragraph", "table")
    )
    parts: dict[str, Any] = {}
    if "table" in raw:
        parts["table"] = collector.read(
            ("table",), raw["table"], table_of_rows
        )
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
            figures_row = collector.read(
                ("paragraph", key), paragraphs[key], _named("-")
            )
            parts[field] = None if figures_row is None else figures_row.figures
    if "period" in raw:
        parts["period"] = collector.read(("period",), raw["period"], _period)
    if "number" in raw:
        parts["number"] = collector.read(("number",), raw["number"], text)
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
