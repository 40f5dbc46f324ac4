"""
Figures as a document printed them, kept apart from the report model.

A `hcc_report.Report` computes its own figures and cannot hold a wrong
total; a published document can, and that is what an audit looks for. So
the figures here are only what was printed: counts (read strictly from
"3801" or "10.078"), and rates as the text printed ("99.49%"), checked to
be percentages but not recomputed. `hcc_report.audit` compares them.

The counts and rates are those of the figure catalogue
(`hcc_report.figures`), by key. Published figures are read from files by
`hcc_report.load_published`.
"""

from __future__ import annotations

import datetime as dt
import re

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

import attrs

from hcc_report import figures
from hcc_report._checks import Checker, as_enum, as_tuple, too_big
from hcc_report.errors import UnknownFigureError
from hcc_report.model import MAX_COUNT, Basis, Period
from hcc_report.rounding import MAX_PLACES


__all__ = [
    "AS_PRINTED",
    "NOT_SHOWN",
    "PublishedColumn",
    "PublishedFigures",
    "PublishedReport",
    "PublishedRow",
    "PublishedTable",
    "RowKind",
    "rate_text_problem",
]

#: The precision of a table whose rates are each checked at the decimals
#: they show.
AS_PRINTED = "as-printed"

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

    >>> rate_text_problem("99,79%") is None, rate_text_problem("N/A") is None
    (True, True)
    >>> print(rate_text_problem("about 99"))
    must be a percentage such as '99,79%' or a mark such as '-', got 'about 99'
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
    keys = {count.key for count in figures.counts()}
    for name, value in counts.items():
        if name not in keys:
            checker.add(name, "is not a count")
        elif isinstance(value, bool) or not isinstance(value, int):
            checker.add(name, f"must be a count (int), got {value!r}")
        elif value < 0:
            checker.add(name, f"must not be negative, got {value!r}")
        elif value > MAX_COUNT:
            checker.add(name, too_big(value, MAX_COUNT))


def _check_rates(
    checker: Checker, rates: object, declared: Iterable[str] = ()
) -> None:
    if not isinstance(rates, Mapping):
        checker.add("rates", f"must be a mapping, got {rates!r}")
        return
    keys = {rate.key for rate in figures.rates()} | set(declared)
    for name, value in rates.items():
        if name not in keys:
            checker.add(name, "is not a rate (declare it in columns)")
        elif (problem := rate_text_problem(value)) is not None:
            checker.add(name, problem)


def _keys(keys: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(keys)


@attrs.frozen(kw_only=True)
class PublishedColumn:
    """
    What a printed column is: its key, the heading it was printed under,
    and, for a rate that is not the catalogue's, what it divides.

    A column whose heading the library does not know has no figure
    (``known`` is false): its cells are kept as printed, and the audit
    names it in a note instead of checking it.

    >>> PublishedColumn(key="late_or_overdue_rate",
    ...                 numerator=("late", "pending_overdue"),
    ...                 denominator=("due",)).kind
    'rate'
    """

    #: The figure's key in the catalogue, or the key of a rate declared
    #: here, or the printed heading of a column the library does not know.
    key: str
    #: The heading as printed, if known.
    heading: str | None = None
    #: The heading printed over it and its neighbours, if any.
    group: str | None = None
    #: A rate's counts over the line, by key; empty for a catalogue
    #: figure, which has its own.
    numerator: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    #: A rate's counts under the line, by key.
    denominator: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    #: The decimals its rates print, if stated (else the table's).
    places: int | None = None
    #: Whether the library knows what the column holds.
    known: bool = True

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedColumn")
        checker.text("key", self.key)
        checker.text("heading", self.heading, optional=True)
        checker.text("group", self.group, optional=True)
        counts = {count.key for count in figures.counts()}
        for name in ("numerator", "denominator"):
            for i, key in enumerate(getattr(self, name)):
                if key not in counts:
                    checker.add(f"{name}[{i}]", f"{key!r} is not a count")
        if bool(self.numerator) != bool(self.denominator):
            checker.add(
                "denominator",
                "a declared rate needs both a numerator and a denominator",
            )
        _check_places(checker, self.places)
        checker.raise_if_any()

    @property
    def kind(self) -> str:
        """
        ``"count"``, ``"rate"``, or ``"unknown"`` for a column the library
        does not know.
        """
        if not self.known:
            return "unknown"
        if self.numerator:
            return "rate"
        try:
            return figures.get(self.key).kind
        except UnknownFigureError:
            return "unknown"

    def rate(self) -> figures.Rate:
        """
        The rate this column prints: the catalogue's, or the one it
        declares.

        Raises:
            ~hcc_report.errors.UnknownFigureError: It is no rate.
        """
        if not self.numerator:
            return figures.rate(self.key)
        return figures.Rate(
            key=self.key,
            doc=f"The rate printed under {self.heading or self.key!r}.",
            headings=(self.heading or self.key,),
            heading_en=self.key,
            numerator=self.numerator,
            denominator=self.denominator,
        )


def _check_places(checker: Checker, places: object) -> None:
    if places is not None and (
        isinstance(places, bool)
        or not isinstance(places, int)
        or not 0 <= places <= MAX_PLACES
    ):
        checker.add(
            "places", f"must be an int from 0 to {MAX_PLACES}, got {places!r}"
        )


def _columns(
    columns: Iterable[PublishedColumn],
) -> tuple[PublishedColumn, ...]:
    return as_tuple(columns)


def _declared(columns: object) -> list[str]:
    if not isinstance(columns, tuple):
        return []
    return [
        column.key
        for column in columns
        if isinstance(column, PublishedColumn) and column.numerator
    ]


@attrs.frozen(kw_only=True)
class PublishedFigures:
    """
    Figures as printed: counts by key, rates as their text.

    A body's sentence states a rate over figures it may not print
    ("Trả trước và đúng hạn 2.310 hồ sơ, đạt 98,76%"): the rate is checked
    against the counts given with it. A rate the catalogue does not have
    is declared in *columns* with its numerator and denominator.
    """

    #: Counts by key (see `hcc_report.figures`).
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    #: Printed rates by key, as the text printed (``"99.49%"``).
    rates: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    #: The rates declared here, by their numerator and denominator.
    columns: tuple[PublishedColumn, ...] = attrs.field(
        default=(), converter=_columns
    )

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedFigures")
        _check_counts(checker, self.counts)
        if checker.instance("columns", self.columns, tuple):
            checker.items("columns", self.columns, PublishedColumn)
        _check_rates(checker, self.rates, _declared(self.columns))
        checker.raise_if_any()

    def rate(self, key: str) -> figures.Rate:
        """
        The rate printed under *key*: declared here, or the catalogue's.
        """
        return _rate(self.columns, key)


def _rate(columns: tuple[PublishedColumn, ...], key: str) -> figures.Rate:
    for column in columns:
        if column.key == key and column.numerator:
            return column.rate()
    return figures.rate(key)


@attrs.frozen(kw_only=True)
class PublishedRow:
    """
    A row of a published table: its name as printed (an agency, a level
    such as "Cấp huyện", a field, a month) and its figures.

    A row may belong to a group ("Sở, ban, ngành"); the printed subtotal
    of a group is a row of that group with ``subtotal`` set.
    """

    #: The name as printed.
    name: str
    #: The row number as printed ("01", "I"), if any.
    number: str | None = None
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    #: Printed rates by column key.
    rates: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    #: The cells of columns the library does not know, by heading.
    other: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    #: The group the row is in, if the table groups its rows.
    group: str | None = None
    #: Whether the row is the printed subtotal of its group.
    subtotal: bool = False

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedRow")
        checker.text("name", self.name)
        if self.number is not None:
            checker.instance("number", self.number, str)
        checker.text("group", self.group, optional=True)
        checker.instance("subtotal", self.subtotal, bool)
        if self.subtotal and self.group is None:
            checker.add("subtotal", "a subtotal row needs its group")
        _check_counts(checker, self.counts)
        if isinstance(self.rates, Mapping):
            for name, value in self.rates.items():
                if (problem := rate_text_problem(value)) is not None:
                    checker.add(name, problem)
        checker.instance("other", self.other, Mapping)
        checker.raise_if_any()

    @property
    def figures(self) -> PublishedFigures:
        """
        The row's counts and rates (rates of the catalogue only; a table's
        declared rates are the table's).
        """
        return PublishedFigures(counts=self.counts, rates=self.rates)


def _basis(value: object) -> Any:
    return as_enum(Basis, value)


def _as_rows(rows: Iterable[PublishedRow]) -> tuple[PublishedRow, ...]:
    # A typed converter: with the generic one, type checkers lose the type.
    return as_tuple(rows)


#: What a table's rows are: units (agencies, levels, fields), or periods
#: in order (months), whose total adds flows up and takes stocks from the
#: first and the last.
RowKind: TypeAlias = Literal["units", "periods"]


@attrs.frozen(kw_only=True)
class PublishedTable:
    """
    A published table of figures per row, with its printed total row.
    """

    rows: tuple[PublishedRow, ...] = attrs.field(converter=_as_rows)
    #: The total row as printed, if the table has one.
    total: PublishedRow | None = None
    title: str | None = None
    #: Whether the rows are cumulative or the period's, if known; a
    #: `hcc_report.Basis` or its value.
    basis: Basis | None = attrs.field(default=None, converter=_basis)
    #: The decimal mark of its rates, if stated; else the audit detects it.
    decimal_mark: str | None = None
    #: The decimals of its rates if stated, a number or ``"as-printed"``
    #: to check each rate at the precision it shows; else the audit
    #: detects them.
    places: int | str | None = None
    #: The columns as printed, in order, where known, with their headings,
    #: the rates they declare, and the columns the library does not know.
    columns: tuple[PublishedColumn, ...] = attrs.field(
        default=(), converter=_columns
    )
    #: What the rows are, ``"units"`` or ``"periods"``.
    rows_are: RowKind = "units"
    #: How many lines of headings the table printed over its columns.
    heading_lines: int = 1
    #: Whether the total row was printed first, before the rows.
    total_first: bool = False
    #: The notation of its numbers if stated, ``"vi"`` ("10.078",
    #: "99,79%") or ``"en"`` ("10,078", "99.79%").
    notation: str | None = None
    #: The notations its printed counts show as they were read, ``"vi"``
    #: or ``"en"``, both when it writes some counts one way and some the
    #: other.
    count_notations: tuple[str, ...] = attrs.field(default=(), converter=_keys)

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedTable")
        if checker.instance("rows", self.rows, tuple):
            if not self.rows:
                checker.add("rows", "must have at least one row")
            checker.items("rows", self.rows, PublishedRow)
        if self.total is not None:
            checker.instance("total", self.total, PublishedRow)
        if self.basis is not None:
            checker.choice("basis", self.basis, Basis)
        if self.decimal_mark not in {None, ",", "."}:
            checker.add(
                "decimal_mark",
                f"must be ',' or '.', got {self.decimal_mark!r}",
            )
        if self.places != AS_PRINTED:
            _check_places(checker, self.places)
        if checker.instance("columns", self.columns, tuple):
            checker.items("columns", self.columns, PublishedColumn)
        _check_notation(checker, self.notation)
        if self.rows_are not in {"units", "periods"}:
            checker.add(
                "rows_are",
                f"must be 'units' or 'periods', got {self.rows_are!r}",
            )
        self._check_rates_declared(checker)
        checker.raise_if_any()

    def _check_rates_declared(self, checker: Checker) -> None:
        """
        Every rate of a row is the catalogue's or declared in the columns.
        """
        known = {rate.key for rate in figures.rates()}
        known.update(_declared(self.columns))
        rows = self.rows if isinstance(self.rows, tuple) else ()
        for i, row in enumerate(rows):
            if not isinstance(row, PublishedRow):
                continue
            for key in row.rates:
                if key not in known:
                    checker.add(
                        f"rows[{i}].{key}",
                        "is not a rate (declare it in columns)",
                    )

    def rate(self, key: str) -> figures.Rate:
        """
        The rate printed in the column *key*: declared by the table, or the
        catalogue's.

        Raises:
            ~hcc_report.errors.UnknownFigureError: No rate has that key.
        """
        return _rate(self.columns, key)

    def column(self, key: str) -> PublishedColumn | None:
        """
        The printed column *key*, if the table says how it was printed.
        """
        return next((c for c in self.columns if c.key == key), None)


@attrs.frozen(kw_only=True)
class PublishedReport:
    """
    What a report published: its table, and the figures its body states.
    """

    table: PublishedTable | None = None
    #: The period's columns of a table that prints them next to the
    #: cumulative ones ("Trong tháng" beside "Lũy kế"), as a table of
    #: their own; *table* is then the cumulative columns.
    period_table: PublishedTable | None = None
    #: The period's figures stated in the body ("trong tháng").
    period_figures: PublishedFigures | None = None
    #: The cumulative figures stated in the body ("lũy kế").
    cumulative_figures: PublishedFigures | None = None
    #: The period reported on, if known (to compare two reports).
    period: Period | None = None
    #: The document's number and symbol as printed, if known.
    number: str | None = None
    #: The day the report was issued, if known (a report issued before
    #: its period ends is warned of).
    issued: dt.date | None = None
    #: The notation of its numbers, if stated (see
    #: `PublishedTable.notation`).
    notation: str | None = None

    def __attrs_post_init__(self) -> None:
        checker = Checker("PublishedReport")
        _check_notation(checker, self.notation)
        if self.issued is not None:
            checker.date("issued", self.issued)
        checker.raise_if_any()


def _check_notation(checker: Checker, notation: object) -> None:
    if notation not in {None, "vi", "en"}:
        checker.add("notation", f"must be 'vi' or 'en', got {notation!r}")
