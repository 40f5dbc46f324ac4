"""
The counting rules on a dataframe of records, through narwhals.

One implementation for every engine narwhals reads (pandas, Polars eager
and lazy, PyArrow, DuckDB, Dask, PySpark ...): the rules of `_rules`
become expressions, summed per unit in one ``group_by``. The frame is
checked in the same pass; only when a record is wrong is it read again,
to name the first wrong records.
"""

from __future__ import annotations

import functools
import operator
import unicodedata
import warnings

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hcc_report._checks import import_optional
from hcc_report.errors import (
    ArgumentError,
    HccReportError,
    MissingDependencyError,
    Problem,
    ValidationError,
)
from hcc_report.records._dossier import FIELDS, TIME_FIELDS, Channel, Outcome
from hcc_report.records._rules import (
    NO_CHANNEL,
    RULES,
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Equals,
    Flag,
    Missing,
    against_bound,
    bound_names,
)


if TYPE_CHECKING:
    from hcc_report.model import Period

__all__ = ["count_frame", "frame_rows", "is_frame"]

#: The fields a frame of records must have a column for.
_REQUIRED = ("agency", "received", "due", "finished")
#: Rows quoted in an error, at most.
_EXAMPLES = 5


def _narwhals() -> Any:
    return import_optional(
        "narwhals.stable.v2",
        extra="records",
        purpose="counting a dataframe of records",
    )


#: The packages whose dataframes narwhals reads, by the top-level name of
#: their types' modules, to name the missing extra when narwhals is not
#: installed.
_ENGINES = frozenset(
    {
        "pandas",
        "polars",
        "pyarrow",
        "duckdb",
        "_duckdb",
        "dask",
        "dask_expr",
        "pyspark",
        "modin",
        "cudf",
        "ibis",
        "sqlframe",
    }
)


def is_frame(source: object) -> bool:
    """
    Whether *source* is a dataframe (eager or lazy) that narwhals reads.

    Raises:
        ~hcc_report.errors.MissingDependencyError: *source* is a dataframe
            of a known engine and narwhals is not installed.
    """
    if isinstance(source, (list, tuple, dict, set, str, bytes)):
        return False
    try:
        nw = _narwhals()
    except MissingDependencyError:
        if type(source).__module__.partition(".")[0] in _ENGINES:
            raise
        return False
    frame = nw.from_native(source, pass_through=True)
    return isinstance(frame, (nw.DataFrame, nw.LazyFrame))


class _Terms:
    """
    The rules' conditions as narwhals expressions, each simple condition
    (a comparison, a missing value ...) a column of its own, computed once
    however many rules use it: engines without a query optimiser (pandas,
    PyArrow) would otherwise compute ``received >= start`` once a rule.
    """

    def __init__(self, datetimes: bool) -> None:
        self.datetimes = datetimes
        #: The columns of the simple conditions, by name.
        self.columns: dict[str, Any] = {}
        self._names: dict[tuple[Condition, int], str] = {}

    def of(
        self, condition: Condition, values: Mapping[str, Any], period: int
    ) -> Any:
        """
        *condition* over the columns of its simple conditions, for the
        period *period* (an index) of bounds *values*.
        """
        nw = _narwhals()
        if isinstance(condition, (AllOf, AnyOf)):
            join = (
                operator.and_ if isinstance(condition, AllOf) else operator.or_
            )
            return functools.reduce(
                join, (self.of(t, values, period) for t in condition.terms)
            )
        bounded = isinstance(condition, Compare) and condition.right in (
            "start",
            "end",
        )
        key = (condition, period if bounded else -1)
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = f"_term{len(self._names)}"
            self.columns[name] = _expression(condition, values, self.datetimes)
        return nw.col(name)


def _expression(
    condition: Compare | Missing | Flag | Equals,
    values: Mapping[str, Any],
    datetimes: bool,
) -> Any:
    """
    The simple *condition* as a narwhals expression that is never null,
    with the period's bounds *values* (`bound_names`); `_Terms` combines
    them.
    """
    nw = _narwhals()
    if isinstance(condition, Compare):
        left = nw.col(condition.left)
        guard = ~left.is_null()
        if condition.right in ("start", "end"):
            op, name = against_bound(condition.op, condition.right, datetimes)
            right = nw.lit(values[name])
        else:
            op = condition.op
            right = nw.col(condition.right)
            guard = guard & ~right.is_null()
        compared = {
            "<": left < right,
            "<=": left <= right,
            "==": left == right,
            ">": left > right,
            ">=": left >= right,
        }[op]
        return guard & compared
    if isinstance(condition, Missing):
        return nw.col(condition.field).is_null()
    if isinstance(condition, Flag):
        column = nw.col(condition.field)
        return column if condition.value else ~column
    column = nw.col(condition.field)  # Equals
    return ~column.is_null() & (column == condition.value)


def _problem_checks() -> dict[str, tuple[str, str, Any]]:
    """
    The checks of a record, each a hidden count of the records that fail
    it: its name, the column it is about and the message.
    """
    nw = _narwhals()
    received, due, finished = (nw.col(n) for n in TIME_FIELDS)
    channels = [c.value for c in Channel]
    outcomes = [o.value for o in Outcome]
    return {
        "_no_agency": (
            "agency",
            "must not be missing",
            nw.col("agency").is_null(),
        ),
        "_no_received": (
            "received",
            "must not be missing",
            received.is_null(),
        ),
        "_no_online": (
            "online",
            "must be true or false",
            nw.col("online").is_null(),
        ),
        "_finished_early": (
            "finished",
            "must not be before received",
            ~finished.is_null() & ~received.is_null() & (finished < received),
        ),
        "_due_early": (
            "due",
            "must not be before received",
            ~due.is_null() & ~received.is_null() & (due < received),
        ),
        "_channel": (
            "channel",
            f"must be one of {', '.join(map(repr, channels))}",
            ~nw.col("channel").is_null() & ~nw.col("channel").is_in(channels),
        ),
        "_channel_online": (
            "channel",
            "must agree with online",
            ~nw.col("channel").is_null()
            & ~nw.col("online").is_null()
            & ((nw.col("channel") == "online") != nw.col("online")),
        ),
        "_outcome": (
            "outcome",
            f"must be one of {', '.join(map(repr, outcomes))}",
            ~nw.col("outcome").is_null() & ~nw.col("outcome").is_in(outcomes),
        ),
        "_outcome_unfinished": (
            "finished",
            "must give the day the dossier was withdrawn or returned",
            ~nw.col("outcome").is_null() & finished.is_null(),
        ),
    }


def _select(
    frame: Any, columns: Mapping[str, str], by: Sequence[str] = ()
) -> Any:
    """
    The record fields of *frame*, renamed from its *columns*: an optional
    field it lacks is null, ``online`` is read from ``channel`` when only
    that is given, and a time column of no values takes the type of
    ``received``.

    Raises:
        ~hcc_report.errors.ArgumentError: A needed column is missing, or
            one that *by* names.
        ~hcc_report.errors.ValidationError: A column holds values of a
            type its field cannot take.
    """
    nw = _narwhals()
    schema = frame.collect_schema()
    names = list(schema.names())
    wanted = {field: columns.get(field, field) for field in FIELDS}
    needed = [*_REQUIRED, *by]
    if wanted["channel"] not in names:
        needed.append("online")
    missing = [
        f"{field!r}" if column == field else f"{column!r} (for {field})"
        for field, column in wanted.items()
        if column not in names and field in needed
    ]
    if missing:
        msg = (
            f"the records have no column {', '.join(missing)}; "
            f"their columns are {', '.join(map(repr, names))}"
        )
        raise ArgumentError(msg)
    types = {f: schema[c] for f, c in wanted.items() if c in names}
    time = _time_type(types)
    selected = []
    for field, column in wanted.items():
        if column not in names:
            value = (
                nw.col(wanted["channel"]) == Channel.ONLINE.value
                if field == "online"
                else nw.lit(None, dtype=nw.String())
            )
        elif field in TIME_FIELDS and types[field] == nw.Unknown:
            value = nw.lit(None, dtype=time)  # a column of no values
        else:
            value = nw.col(column)
        selected.append(value.alias(field))
    return frame.select(selected)


#: What each kind of column may hold, as a message says it.
_HOLDS = {
    "online": "true or false (a Boolean column)",
    "channel": "text",
    "outcome": "text",
}


def _time_type(types: Mapping[str, Any]) -> Any:
    """
    The type of the time columns: dates, or datetimes without a zone,
    the same for all of them (a column of no values may be of no type).

    Raises:
        ~hcc_report.errors.ValidationError: A column holds something
            else, a zone, or a kind of time the others do not.
    """
    nw = _narwhals()
    problems = []
    kinds = {}
    for field in TIME_FIELDS:
        dtype = types[field]
        if dtype in (nw.Date, nw.Datetime):
            kinds[field] = dtype
            zone = getattr(dtype, "time_zone", None)
            if zone is not None:
                problems.append(
                    Problem(
                        field,
                        "must hold local times without a zone, got times "
                        f"in {zone!r}",
                    )
                )
        elif field == "received" or dtype != nw.Unknown:
            hint = (
                " (convert text or Python dates first, with pandas's "
                "to_datetime or Polars's str.to_date)"
                if dtype in (nw.String, nw.Object)
                else ""
            )
            problems.append(
                Problem(
                    field, f"must hold dates or datetimes, got {dtype}{hint}"
                )
            )
    if (
        len({nw.Date if k == nw.Date else nw.Datetime for k in kinds.values()})
        > 1
    ):
        given = ", ".join(
            f"{f} {'dates' if k == nw.Date else 'datetimes'}"
            for f, k in kinds.items()
        )
        problems.append(
            Problem("", f"must give all dates or all datetimes, got {given}")
        )
    for field, holds in _HOLDS.items():
        dtype = types.get(field)
        allowed = (
            (nw.Boolean, nw.Unknown)
            if field == "online"
            else (nw.String, nw.Categorical, nw.Enum, nw.Unknown)
        )
        if dtype is not None and not any(dtype == a for a in allowed):
            problems.append(Problem(field, f"must hold {holds}, got {dtype}"))
    if problems:
        raise ValidationError(problems, subject="records")
    return kinds.get("received", nw.Date())


def _scalar(value: object) -> Any:
    """
    A value of a frame as a plain Python value: ``None`` for any kind of
    null, text in NFC.
    """
    nw = _narwhals()
    value = nw.to_py_scalar(value)
    if value is None or value != value:  # NaN  # noqa: PLR0124
        return None
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


@contextmanager
def _engine_errors() -> Iterator[None]:
    """
    Turn an engine's own error while counting into the library's, and
    keep narwhals's notice that its Dask support moves to a package of
    its own (narwhals-dask, not yet published) out of the user's output.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Dask support is moving out", FutureWarning
        )
        try:
            yield
        except HccReportError:
            raise
        except Exception as error:  # any engine's own error
            first = (str(error).strip().splitlines() or [""])[0]
            problem = Problem(
                "",
                f"cannot be counted: {type(error).__name__}: {first}",
            )
            raise ValidationError([problem], subject="records") from error


def count_frame(
    source: object,
    periods: Sequence[Period],
    by: tuple[str, ...],
    columns: Mapping[str, str],
    offset: int | None = 0,
) -> list[dict[Any, list[int]]]:
    """
    Count the records of the dataframe *source* for each of *periods*, as
    `_rules.count_records` counts `Dossier` records: for each period, a
    mapping from each unit (a tuple of the *by* fields' values, text in
    NFC) to its counts in the order of ``(*RULES, NO_CHANNEL)``. A wrong
    record of an eager frame is named by its position plus *offset*
    (that of a batch in a stream; ``None`` when unknown).
    """
    nw = _narwhals()
    with _engine_errors():
        native = nw.from_native(source)
        eager = native if isinstance(native, nw.DataFrame) else None
        lazy = native.lazy() if eager is not None else native
        frame = _select(lazy, columns, by)
        datetimes = frame.collect_schema()["received"] == nw.Datetime
        rules = (*RULES, NO_CHANNEL)
        # One 0-or-1 column a count, then plain sums: every engine sums
        # columns per group fast, and some take nothing more complex.
        terms = _Terms(datetimes)
        flags = {}
        for i, period in enumerate(periods):
            values = bound_names(period)
            for rule in rules:
                flags[f"_{i}{rule.key}"] = terms.of(rule.condition, values, i)
        checks = _problem_checks()
        for name, (_, _, expression) in checks.items():
            flags[name] = expression
        keys = [nw.col(field) for field in by]
        flagged = frame.select(
            *keys,
            *[term.alias(name) for name, term in terms.columns.items()],
            *[check.alias(name) for name, (_, _, check) in checks.items()],
        ).select(
            *keys,
            *[
                (nw.col(name) if name in checks else flag)
                .cast(nw.Int64())
                .alias(name)
                for name, flag in flags.items()
            ],
        )
        sums = nw.col(*flags).sum()
        grouped = (
            flagged.group_by(*by).agg(sums) if by else flagged.select(sums)
        )
        # Polars's streaming engine reads a scan in bounded memory.
        streaming = grouped.implementation is nw.Implementation.POLARS
        result = grouped.collect(
            **({"engine": "streaming"} if streaming else {})
        )
        rows = result.rows(named=True)
        failed = {
            name: sum(int(row[name] or 0) for row in rows) for name in checks
        }
        if any(failed.values()):
            _raise_problems(eager, frame, columns, failed, offset)
    tables: list[dict[Any, list[int]]] = [{} for _ in periods]
    for row in rows:
        key = tuple(_scalar(row[field]) for field in by)
        for i, table in enumerate(tables):
            counts = [int(row[f"_{i}{rule.key}"] or 0) for rule in rules]
            known = table.get(key)  # the same text, composed otherwise
            table[key] = (
                counts
                if known is None
                else [a + b for a, b in zip(known, counts, strict=True)]
            )
    return tables


def _raise_problems(
    eager: Any,
    frame: Any,
    columns: Mapping[str, str],
    failed: Mapping[str, int],
    offset: int | None,
) -> None:
    """
    Name the first wrong records of each failed check: by their position
    (``records[4]``) when the source is eager and so has an order, and by
    their id when they have one.
    """
    checks = _problem_checks()
    if eager is not None:
        frame = _select(eager, columns).with_row_index("_index").lazy()
    problems = []
    for name, count in failed.items():
        if not count:
            continue
        column, message, expression = checks[name]
        found = frame.filter(expression).head(_EXAMPLES).collect()
        for record in found.rows(named=True):
            where = "records"
            if eager is not None and offset is not None:
                where += f"[{record['_index'] + offset}]"
            value = _scalar(record[column])
            shown = "missing" if value is None else str(value)
            said = f"{message}, got {shown}"
            if column in ("finished", "due"):
                received = _scalar(record["received"])
                said = f"{message} ({received}), got {shown}"
            ident = _scalar(record["id"])
            problems.append(
                Problem(
                    f"{where}.{column}",
                    said,
                    row="" if ident is None else f"id {ident}",
                )
            )
        if count > _EXAMPLES:
            problems.append(
                Problem(
                    f"records.{column}",
                    f"{count - _EXAMPLES} more records fail: {message}",
                )
            )
    raise ValidationError(problems, subject="records")


def frame_rows(source: object) -> int | None:
    """
    How many rows the eager dataframe *source* has; ``None`` for a lazy
    one, whose records are then named by id, not position.
    """
    nw = _narwhals()
    frame = nw.from_native(source)
    return len(frame) if isinstance(frame, nw.DataFrame) else None
