"""
The counting rules on a dataframe of records, through narwhals.

One implementation for every engine narwhals reads (pandas, Polars eager
and lazy, PyArrow, DuckDB, Dask, PySpark ...): the rules of `_rules`
become expressions, summed per unit in one ``group_by``. The frame is
checked in the same pass; only when a record is wrong is it read again,
to name the first wrong records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hcc_report.errors import (
    ArgumentError,
    MissingDependencyError,
    Problem,
    ValidationError,
)
from hcc_report.records._dossier import TIME_FIELDS, Channel, Outcome
from hcc_report.records._rules import (
    NO_CHANNEL,
    RULES,
    AllOf,
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

__all__ = ["FIELDS", "count_frame", "is_frame"]

#: The columns a frame of records may have, by record field.
FIELDS = (
    "agency",
    "received",
    "due",
    "finished",
    "online",
    "channel",
    "level",
    "field",
    "procedure",
    "outcome",
    "id",
)
_REQUIRED = ("agency", "received", "online")
#: Rows quoted in an error, at most.
_EXAMPLES = 5


def _narwhals() -> Any:
    try:
        import narwhals.stable.v2 as nw  # noqa: PLC0415
    except ImportError as error:
        msg = (
            "counting a dataframe of records needs narwhals: "
            'pip install "hcc-report[records]"'
        )
        raise MissingDependencyError(msg, name=error.name) from error
    return nw


def is_frame(source: object) -> bool:
    """
    Whether *source* is a dataframe that narwhals reads, without
    importing an engine that *source* cannot be.
    """
    module = type(source).__module__.partition(".")[0]
    if module not in {
        "pandas",
        "polars",
        "pyarrow",
        "duckdb",
        "dask",
        "dask_expr",
        "pyspark",
        "modin",
        "cudf",
        "ibis",
        "sqlframe",
        "narwhals",
    }:
        return False
    nw = _narwhals()
    try:
        nw.from_native(source)
    except TypeError:
        return False
    return True


def _expression(
    condition: Condition, values: Mapping[str, Any], datetimes: bool
) -> Any:
    """
    *condition* as a narwhals expression that is never null, with the
    period's bounds *values* (`bound_names`).
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
    if isinstance(condition, Equals):
        column = nw.col(condition.field)
        return ~column.is_null() & (column == condition.value)
    parts = [_expression(term, values, datetimes) for term in condition.terms]
    combined = parts[0]
    for part in parts[1:]:
        combined = (
            combined & part
            if isinstance(condition, AllOf)
            else combined | part
        )
    return combined


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


def _select(frame: Any, columns: Mapping[str, str]) -> Any:
    """
    The record fields of *frame*, renamed from its *columns*; an optional
    field it lacks is null.
    """
    nw = _narwhals()
    names = list(frame.collect_schema().names())
    wanted = {field: columns.get(field, field) for field in FIELDS}
    missing = [
        f"{field!r}" if column == field else f"{column!r} (for {field})"
        for field, column in wanted.items()
        if column not in names and field in (*_REQUIRED, "due", "finished")
    ]
    if missing:
        msg = (
            f"the records have no column {', '.join(missing)}; "
            f"their columns are {', '.join(map(repr, names))}"
        )
        raise ArgumentError(msg)
    return frame.select(
        [
            nw.col(column).alias(field)
            if column in names
            else nw.lit(None, dtype=nw.String()).alias(field)
            for field, column in wanted.items()
        ]
    )


def _time_kind(frame: Any) -> bool:
    """
    Whether the time fields of *frame* hold datetimes (else dates); each
    must be of one kind, local times without a zone.
    """
    nw = _narwhals()
    schema = frame.collect_schema()
    kinds = {}
    problems = []
    for field in TIME_FIELDS:
        dtype = schema[field]
        if dtype == nw.Date:
            kinds[field] = "date"
        elif dtype == nw.Datetime:
            if getattr(dtype, "time_zone", None) is not None:
                problems.append(
                    Problem(
                        field,
                        "must hold local times without a zone, got a "
                        f"zone {dtype.time_zone!r}",
                    )
                )
            kinds[field] = "datetime"
        elif field != "received" and dtype in (nw.Unknown, nw.String):
            continue  # all null, as a column of no values may be
        else:
            problems.append(
                Problem(field, f"must hold dates or datetimes, got {dtype}")
            )
    if len(set(kinds.values())) > 1:
        given = ", ".join(f"{f} {kind}s" for f, kind in kinds.items())
        problems.append(
            Problem("", f"must give all dates or all datetimes, got {given}")
        )
    if problems:
        raise ValidationError(problems, subject="records")
    return kinds.get("received") == "datetime"


def _plain(value: object) -> Any:
    """
    A key's value as a plain Python value: ``None`` for any kind of null.
    """
    nw = _narwhals()
    value = nw.to_py_scalar(value)
    if value is None or value != value:  # NaN  # noqa: PLR0124
        return None
    return value


def count_frame(
    source: object,
    periods: Sequence[Period],
    by: tuple[str, ...],
    columns: Mapping[str, str],
    offset: int = 0,
) -> list[dict[Any, list[int]]]:
    """
    Count the records of the dataframe *source* for each of *periods*, as
    `_rules.count_records` counts `Dossier` records: for each period, a
    mapping from each unit (a tuple of the *by* fields' values) to its
    counts in the order of ``(*RULES, NO_CHANNEL)``. A wrong record is
    named by its position plus *offset* (that of a batch in a stream).
    """
    nw = _narwhals()
    native = nw.from_native(source)
    eager = native if isinstance(native, nw.DataFrame) else None
    frame = _select(native.lazy() if eager is not None else native, columns)
    datetimes = _time_kind(frame)
    rules = (*RULES, NO_CHANNEL)
    # One 0-or-1 column a count, then plain sums: every engine sums
    # columns per group fast, and some take nothing more complex.
    flags = {}
    for i, period in enumerate(periods):
        values = bound_names(period)
        for rule in rules:
            flags[f"_{i}{rule.key}"] = _expression(
                rule.condition, values, datetimes
            )
    checks = _problem_checks()
    for name, (_, _, expression) in checks.items():
        flags[name] = expression
    names = list(flags)
    flagged = frame.select(
        *[nw.col(field) for field in by],
        *[flag.cast(nw.Int64()).alias(name) for name, flag in flags.items()],
    )
    sums = nw.col(*names).sum()
    grouped = flagged.group_by(*by).agg(sums) if by else flagged.select(sums)
    result = grouped.collect()
    rows = result.rows(named=True)
    failed = {
        name: sum(int(row[name] or 0) for row in rows) for name in checks
    }
    if any(failed.values()):
        _raise_problems(eager, frame, columns, failed, offset)
    tables: list[dict[Any, list[int]]] = [{} for _ in periods]
    for row in rows:
        key = tuple(_plain(row[field]) for field in by)
        for i, table in enumerate(tables):
            table[key] = [int(row[f"_{i}{rule.key}"] or 0) for rule in rules]
    return tables


def _raise_problems(
    eager: Any,
    frame: Any,
    columns: Mapping[str, str],
    failed: Mapping[str, int],
    offset: int,
) -> None:
    """
    Name the first wrong records of each failed check: by their position
    (``records[4]``) when the source is eager and so has an order, else
    by their id or values.
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
            if eager is not None:
                where += f"[{record['_index'] + offset}]"
            value = _plain(record[column])
            shown = "missing" if value is None else str(value)
            said = f"{message}, got {shown}"
            if column in ("finished", "due"):
                said = f"{message} ({_plain(record['received'])}), got {shown}"
            ident = _plain(record["id"])
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


def frame_rows(source: object) -> int:
    """
    How many rows the eager dataframe *source* has (0 for a lazy one,
    whose records are then named by id, not position).
    """
    nw = _narwhals()
    frame = nw.from_native(source)
    return len(frame) if isinstance(frame, nw.DataFrame) else 0
