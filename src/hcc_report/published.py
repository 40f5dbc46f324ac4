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

import re

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from hcc_report import figures
from hcc_report._checks import Checker, as_enum, as_tuple
from hcc_report.model import Basis, Period


__all__ = [
    "NOT_SHOWN",
    "PublishedFigures",
    "PublishedReport",
    "PublishedRow",
    "PublishedTable",
    "rate_text_problem",
]

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


def _check_rates(checker: Checker, rates: object) -> None:
    if not isinstance(rates, Mapping):
        checker.add("rates", f"must be a mapping, got {rates!r}")
        return
    keys = {rate.key for rate in figures.rates()}
    for name, value in rates.items():
        if name not in keys:
            checker.add(name, "is not a rate")
        elif (problem := rate_text_problem(value)) is not None:
            checker.add(name, problem)


@attrs.frozen(kw_only=True)
class PublishedFigures:
    """
    Figures as printed: counts by field name, rates as their text.
    """

    #: Counts by key (see `hcc_report.figures`).
    counts: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen)
    #: Printed rates by key, as the text printed (``"99.49%"``).
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


def _basis(value: object) -> Any:
    return as_enum(Basis, value)


def _as_rows(rows: Iterable[PublishedRow]) -> tuple[PublishedRow, ...]:
    # A typed converter: with the generic one, type checkers lose the type.
    return as_tuple(rows)


@attrs.frozen(kw_only=True)
class PublishedTable:
    """
    A published table of figures per agency, with its printed total row.
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
    #: The decimals of its rates, if stated; else the audit detects them.
    places: int | None = None

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
