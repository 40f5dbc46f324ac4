"""
Figures counted from dossier records, at any scale.

A one-stop-shop information system records every dossier (hồ sơ): when
it was received and by which channel, when it is due, when and how it
ended. `aggregate` counts a period's figures per unit from such records
with the rules of `RULES`, written once:

- from `Dossier` records, in plain Python: one streaming pass in
  constant memory, no dependency;
- from a dataframe of any engine narwhals reads (pandas, Polars eager or
  lazy, PyArrow, DuckDB, Dask, PySpark), with the same rules as narwhals
  expressions, so that the engine does the work where the data is: a
  Dask dataframe of a Parquet dataset runs on the Dask cluster it
  belongs to. Install ``hcc-report[records]`` (or ``[dask]``).

`fill_report` puts the counts into a report: its body's figures of the
period and from 1 January, and its appendix rows. Every rate, the
Decision 766 indicators among them, then comes from the figure catalogue
(`hcc_report.rate_of`).

>>> import datetime as dt
>>> from hcc_report import Period, rate_of
>>> day = dt.date
>>> records = [
...     Dossier(agency="Sở Tư pháp", received=day(2023, 2, 1),
...             due=day(2023, 2, 6), finished=day(2023, 2, 3), online=True),
...     Dossier(agency="Sở Tư pháp", received=day(2023, 1, 30),
...             due=day(2023, 2, 2), finished=day(2023, 2, 7), online=False),
...     Dossier(agency="Sở Y tế", received=day(2023, 2, 20),
...             due=day(2023, 3, 6), finished=None, online=True),
... ]
>>> counts = aggregate(records, period=Period.month(2023, 2))
>>> justice = counts["Sở Tư pháp"]
>>> justice.received, justice.carried_over, justice.processed, justice.late
(1, 1, 2, 1)
>>> rate_of(justice, "on_time_rate")
Decimal('50.00')
>>> rate_of(counts["Sở Y tế"], "on_time_rate_766")
Decimal('100.00')
"""

from __future__ import annotations

import enum
import itertools

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from hcc_report._checks import check_type
from hcc_report.errors import ArgumentError, ArgumentTypeError
from hcc_report.model import (
    Agency,
    AppendixRow,
    Basis,
    Counts,
    Period,
    Report,
)
from hcc_report.records._dossier import (
    FIELDS,
    TIME_FIELDS,
    Channel,
    Dossier,
    Outcome,
)
from hcc_report.records._frames import (
    count_frame,
    frame_rows,
    is_frame,
)
from hcc_report.records._rules import (
    CHANNEL_KEYS,
    RULES,
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Equals,
    Flag,
    Missing,
    Rule,
    count_records,
)


__all__ = [
    "FIELDS",
    "GROUP_FIELDS",
    "RULES",
    "TIME_FIELDS",
    "AllOf",
    "AnyOf",
    "Channel",
    "Compare",
    "Condition",
    "Dossier",
    "Equals",
    "Flag",
    "Missing",
    "Outcome",
    "Rule",
    "aggregate",
    "fill_report",
]

#: The fields records can be grouped by.
GROUP_FIELDS = (
    "agency",
    "level",
    "field",
    "procedure",
    "channel",
    "online",
    "outcome",
)


def _group_fields(by: str | Sequence[str]) -> tuple[str, ...]:
    if not isinstance(by, (str, Sequence)):
        msg = f"by must be a field's name or a sequence of them, got {by!r}"
        raise ArgumentTypeError(msg)
    fields = (by,) if isinstance(by, str) else tuple(by)
    if not fields:
        msg = "by must name at least one field"
        raise ArgumentError(msg)
    for field in fields:
        if field not in GROUP_FIELDS:
            names = ", ".join(map(repr, GROUP_FIELDS))
            msg = f"by must name fields among {names}, got {field!r}"
            raise ArgumentError(msg)
    if len(set(fields)) != len(fields):
        msg = f"by names a field twice: {fields!r}"
        raise ArgumentError(msg)
    return fields


def _columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    if columns is None:
        return {}
    check_type("columns", columns, Mapping)
    for field, column in columns.items():
        if field not in FIELDS:
            names = ", ".join(map(repr, FIELDS))
            msg = f"columns must map fields among {names}, got {field!r}"
            raise ArgumentError(msg)
        check_type(f"columns[{field!r}]", column, str)
    return dict(columns)


def _value(value: object) -> object:
    """
    A record's value as a unit is keyed by: an enum by its value.
    """
    return value.value if isinstance(value, enum.Enum) else value


def _key_of(fields: tuple[str, ...]) -> Callable[[Dossier], Any]:
    def key_of(record: Dossier) -> tuple[object, ...]:
        return tuple(_value(getattr(record, field)) for field in fields)

    return key_of


def _as_counts(values: list[int]) -> Counts:
    """
    The counts of one unit, in the order of ``(*RULES, NO_CHANNEL)``;
    the counts by channel are unknown where a dossier received gives no
    channel.
    """
    known = dict(zip((rule.key for rule in RULES), values, strict=False))
    if values[len(RULES)]:  # NO_CHANNEL
        for key in CHANNEL_KEYS:
            del known[key]
    return Counts(**known)


def _order(key: tuple[object, ...]) -> tuple[tuple[bool, object], ...]:
    # Missing values last; values of one field are of one type.
    return tuple(
        (value is None, "" if value is None else value) for value in key
    )


def _count(
    source: object,
    periods: Sequence[Period],
    by: tuple[str, ...],
    columns: Mapping[str, str],
) -> list[dict[tuple[object, ...], Counts]]:
    """
    The counts of each unit for each of *periods*, in one pass over
    *source*, units in order.
    """
    for period in periods:
        check_type("period", period, Period)
    if is_frame(source):
        tables = count_frame(source, periods, by, columns)
    elif isinstance(source, Iterable) and not isinstance(
        source, (str, bytes, Mapping)
    ):
        items = iter(source)
        first = next(items, _NOTHING)
        records = () if first is _NOTHING else itertools.chain([first], items)
        if first is not _NOTHING and is_frame(first):
            tables = _count_batches(records, periods, by, columns)
        elif columns:
            msg = "columns is for a dataframe, not for Dossier records"
            raise ArgumentError(msg)
        else:
            tables = count_records(records, periods, _key_of(by))
    else:
        msg = (
            "records must be Dossier records, a dataframe (pandas, "
            "Polars, PyArrow, DuckDB, Dask ...) or an iterable of "
            f"dataframes, got {source!r}"
        )
        raise ArgumentTypeError(msg)
    return [
        {key: _as_counts(table[key]) for key in sorted(table, key=_order)}
        for table in tables
    ]


#: What an empty iterable gives first.
_NOTHING = object()


def _count_batches(
    batches: Iterable[object],
    periods: Sequence[Period],
    by: tuple[str, ...],
    columns: Mapping[str, str],
) -> list[dict[Any, list[int]]]:
    """
    Count a stream of dataframes batch by batch and add the counts up:
    counts are a monoid, so any split of the records gives the same sum.
    """
    tables: list[dict[Any, list[int]]] = [{} for _ in periods]
    offset: int | None = 0  # unknown after a lazy batch
    for index, batch in enumerate(batches):
        if not is_frame(batch):
            msg = f"batch {index} must be a dataframe, got {batch!r}"
            raise ArgumentTypeError(msg)
        parts = count_frame(batch, periods, by, columns, offset)
        for table, part in zip(tables, parts, strict=True):
            for key, values in part.items():
                known = table.get(key)
                if known is None:
                    table[key] = values
                else:
                    table[key] = [
                        a + b for a, b in zip(known, values, strict=True)
                    ]
        rows = frame_rows(batch)
        offset = None if offset is None or rows is None else offset + rows
    return tables


def aggregate(
    source: Iterable[Dossier] | Any,
    *,
    period: Period,
    by: str | Sequence[str] = "agency",
    columns: Mapping[str, str] | None = None,
) -> dict[Any, Counts]:
    """
    Count the figures of *period* from dossier records, for each unit.

    *source* is an iterable of `Dossier` records, read once, or a
    dataframe of any engine narwhals reads, whose columns are named
    after the fields of `Dossier` (or mapped to them by *columns*:
    ``{"agency": "MaDonVi"}``): ``agency``, ``received``, ``due``,
    ``finished`` and ``online`` (or ``channel``, which then says it) are
    needed, ``channel``, ``level``, ``field``, ``procedure``, ``outcome``
    and ``id`` are optional; time columns hold dates or datetimes without
    a zone, ``online`` true or false, ``channel`` and ``outcome`` the
    values of `Channel` and `Outcome`.

    The units are the values of the field *by* names (``"agency"``), or
    tuples of the values of several (``("level", "field")``), text in
    Unicode NFC, in order, missing values last; a unit with records in
    none of the period's counts has counts of zero. The counts of
    channels (in person, by post) are unknown for a unit where a dossier
    received gives no channel. Counts add up: the counts of all the
    records are the sum of those of any split of them
    (`hcc_report.Counts` is a monoid).

    Cumulative figures (lũy kế) are the same call with the period from
    1 January: ``period.year_to_date()``.

    >>> import datetime as dt
    >>> from hcc_report import Period
    >>> records = [Dossier(agency="Sở Y tế", received=dt.date(2023, 1, 9),
    ...                    due=None, finished=None, online=False)]
    >>> aggregate(records, period=Period.month(2023, 2))["Sở Y tế"].known()
    ... # doctest: +ELLIPSIS
    {'received': 0, ..., 'carried_over': 1, 'processed': 0, ...,
     'pending': 1, 'pending_in_time': 1, 'pending_overdue': 0, ...}

    Raises:
        ~hcc_report.errors.ValidationError: A record of a dataframe is
            wrong (finished before it was received, an unknown channel
            ...); the first wrong records are named by position or id.
        ~hcc_report.errors.ArgumentError: *by* or *columns* names an
            unknown field, or the dataframe lacks a needed column.
        ~hcc_report.errors.ArgumentTypeError: *source* is neither records
            nor a dataframe, or an item is not a `Dossier`.
        ~hcc_report.errors.MissingDependencyError: *source* is a dataframe
            and narwhals is not installed.
    """
    fields = _group_fields(by)
    table = _count(source, [period], fields, _columns(columns))[0]
    if isinstance(by, str):
        return {key[0]: counts for key, counts in table.items()}
    return dict(table)


def _row_counts(agency: Agency, table: dict[object, Counts]) -> list[Counts]:
    """
    Take from *table* the counts of the units that are *agency*: those
    keyed by its code, its name or its short name.
    """
    keys = dict.fromkeys((agency.code, agency.name, agency.short_name))
    return [table.pop(key) for key in keys if key is not None and key in table]


def fill_report(
    report: Report,
    source: Iterable[Dossier] | Any,
    *,
    columns: Mapping[str, str] | None = None,
) -> Report:
    """
    Return *report* with its figures counted from dossier records: the
    body's figures of its period and from 1 January (``figures`` and
    ``cumulative``), and its appendix rows on the appendix's basis.

    *source* is read once, as `aggregate` reads it, counting every
    period in the same pass. Records are counted under their ``agency``,
    matched to an appendix row by the agency's code, name or short name
    (records that use several of them are added up); the rows keep their
    order, names and groups, a row with no records counts zero, and a
    unit of the records that no row names gets a row of its own, without
    a group, after the others. The report's text, header, period and
    signature stay as they are; the result is checked as any report is.

    >>> import datetime as dt
    >>> from hcc_report import examples
    >>> template = examples.binh_thuan_2023_02()
    >>> records = [Dossier(agency="Sở Tư pháp", received=dt.date(2023, 2, 1),
    ...                    due=dt.date(2023, 2, 6),
    ...                    finished=dt.date(2023, 2, 3), online=True)]
    >>> report = fill_report(template, records)
    >>> report.figures.received, report.appendix.rows[9].counts.on_time
    (1, 1)

    Raises:
        ~hcc_report.errors.ValidationError: A record is wrong (see
            `aggregate`).
    """
    check_type("report", report, Report)
    periods = [report.period]
    if not report.period.is_year_to_date:
        periods.append(report.period.year_to_date())
    tables = _count(source, periods, ("agency",), _columns(columns))
    units = [{key[0]: c for key, c in table.items()} for table in tables]
    figures = Counts.sum(units[0].values())
    cumulative = Counts.sum(units[-1].values())
    appendix = report.appendix
    if appendix is not None:
        table = units[0] if appendix.basis is Basis.PERIOD else units[-1]
        zero = Counts(**dict.fromkeys(figures.known(), 0))
        rows = []
        for row in appendix.rows:
            found = _row_counts(row.agency, table)
            counts = Counts.sum(found) if found else zero
            rows.append(attrs.evolve(row, counts=counts))
        rows.extend(
            AppendixRow(agency=Agency(name=str(unit)), counts=counts)
            for unit, counts in table.items()
        )
        appendix = attrs.evolve(appendix, rows=rows)
    return attrs.evolve(
        report, figures=figures, cumulative=cumulative, appendix=appendix
    )
