"""
The counting rules: which dossiers each count of a period counts.

The rules are written once, below, as small conditions on a record's
fields and the period's bounds. Two interpreters read them: one writes a
plain Python loop over `Dossier` records (`count_records`), the other
builds narwhals expressions for any dataframe engine (`_frames`). Neither
restates a rule.

A record's times are compared with each other as given: dates with
dates, datetimes with datetimes. The period is made of days, so a time is
compared with its first or last day by the day it falls on. A comparison
with a missing value (no deadline, not finished) is false.

The loop is generated as source and compiled once, at import, as attrs
writes its classes' methods and `hcc_report.Counts` its constructor: one
``if`` a rule with the fields as local names runs several times faster
than walking the conditions for every record.
"""

from __future__ import annotations

import datetime as dt
import linecache

from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeAlias

import attrs

from hcc_report._checks import check_type
from hcc_report.errors import ArgumentTypeError
from hcc_report.model import Period
from hcc_report.records._dossier import Channel, Dossier, Outcome


__all__ = [
    "RULES",
    "AllOf",
    "AnyOf",
    "Compare",
    "Condition",
    "Equals",
    "Flag",
    "Missing",
    "Rule",
    "count_records",
]

#: A comparison's sign.
Sign: TypeAlias = Literal["<", "<=", "==", ">", ">="]
#: The period's first and last day, as a condition names them.
_BOUNDS = ("start", "end")
#: How a datetime compares with a bound, a day, by the day it falls on:
#: its sign, and whether it compares with midnight after the day (else
#: with midnight before it). ``x <= end`` is ``x < midnight after end``.
_BY_DAY = {
    "<": ("<", False),
    ">=": (">=", False),
    "<=": ("<", True),
    ">": (">=", True),
}


@attrs.frozen
class Compare:
    """
    A record's time field compared with another or with a bound of the
    period; false when a value is missing.
    """

    #: A time field (``"finished"``).
    left: str
    #: The comparison.
    op: Sign
    #: Another time field, or a bound of the period (``"start"`` or
    #: ``"end"``).
    right: str

    def __str__(self) -> str:
        sign = {"<=": "≤", ">=": "≥", "==": "="}.get(self.op, self.op)
        return f"{self.left} {sign} {self.right}"


@attrs.frozen
class Missing:
    """
    The field has no value (no deadline, not finished, no outcome).
    """

    field: str

    def __str__(self) -> str:
        return f"{self.field} is missing"


@attrs.frozen
class Flag:
    """
    A true-or-false field has the value *value*.
    """

    field: str
    value: bool = True

    def __str__(self) -> str:
        return self.field if self.value else f"not {self.field}"


@attrs.frozen
class Equals:
    """
    A field holds the value *value* (an enum's value).
    """

    field: str
    value: str

    def __str__(self) -> str:
        return f"{self.field} = {self.value}"


@attrs.frozen
class AllOf:
    """
    Every one of *terms* holds.
    """

    terms: tuple[Condition, ...]

    def __str__(self) -> str:
        return " and ".join(_inner(term) for term in self.terms)


@attrs.frozen
class AnyOf:
    """
    At least one of *terms* holds.
    """

    terms: tuple[Condition, ...]

    def __str__(self) -> str:
        return " or ".join(_inner(term) for term in self.terms)


#: A condition on one record.
Condition: TypeAlias = Compare | Missing | Flag | Equals | AllOf | AnyOf


def _inner(term: Condition) -> str:
    return f"({term})" if isinstance(term, (AllOf, AnyOf)) else str(term)


def _all(*terms: Condition) -> AllOf:
    flat: list[Condition] = []
    for term in terms:
        flat.extend(term.terms if isinstance(term, AllOf) else (term,))
    return AllOf(tuple(flat))


@attrs.frozen
class Rule:
    """
    One count of the figure catalogue and the dossiers it counts.
    """

    #: The count's key in the catalogue (``"processed"``).
    key: str
    #: The dossiers it counts, in a period.
    condition: Condition
    #: Where the rule comes from.
    source: str

    def __str__(self) -> str:
        return f"{self.key}: {self.condition}"


def _within(field: str) -> AllOf:
    return AllOf((Compare(field, ">=", "start"), Compare(field, "<=", "end")))


_RECEIVED = _within("received")
_ENDED = _within("finished")
_PROCESSED = _all(_ENDED, Missing("outcome"))
_PENDING = AllOf(
    (
        Compare("received", "<=", "end"),
        AnyOf((Missing("finished"), Compare("finished", ">", "end"))),
    )
)
_BIEU_06 = "Biểu 06/VPCP/KSTT (Circular 01/2020/TT-VPCP)"

#: The counting rules, in the catalogue's order. Every dossier received
#: by the end of the period and not ended before it starts is counted
#: once on each side of ``received + carried_over = processed + withdrawn
#: + returned + pending``.
RULES: tuple[Rule, ...] = (
    Rule("received", _RECEIVED, f"{_BIEU_06}, column 3"),
    Rule(
        "received_online",
        _all(_RECEIVED, Flag("online")),
        f"{_BIEU_06}, column 4; QĐ 766/QĐ-TTg indicator 3.3",
    ),
    Rule(
        "received_offline",
        _all(_RECEIVED, Flag("online", value=False)),
        f"{_BIEU_06}, column 5",
    ),
    Rule(
        "received_in_person",
        _all(_RECEIVED, Equals("channel", "in_person")),
        "newer layouts of column 5 (trực tiếp)",
    ),
    Rule(
        "received_postal",
        _all(_RECEIVED, Equals("channel", "postal")),
        "newer layouts of column 5 (BCCI)",
    ),
    Rule(
        "carried_over",
        AllOf(
            (
                Compare("received", "<", "start"),
                AnyOf(
                    (Missing("finished"), Compare("finished", ">=", "start"))
                ),
            )
        ),
        f"{_BIEU_06}, column 6",
    ),
    Rule("processed", _PROCESSED, f"{_BIEU_06}, column 7"),
    Rule(
        "early",
        _all(_PROCESSED, Compare("finished", "<", "due")),
        f"{_BIEU_06}, column 8",
    ),
    Rule(
        "on_due_date",
        _all(
            _PROCESSED,
            AnyOf((Missing("due"), Compare("finished", "==", "due"))),
        ),
        f"{_BIEU_06}, column 9; a dossier without a deadline is on time",
    ),
    Rule(
        "late",
        _all(_PROCESSED, Compare("finished", ">", "due")),
        f"{_BIEU_06}, column 10",
    ),
    Rule("pending", _PENDING, f"{_BIEU_06}, column 11"),
    Rule(
        "pending_in_time",
        _all(_PENDING, AnyOf((Missing("due"), Compare("due", ">=", "end")))),
        f"{_BIEU_06}, column 12",
    ),
    Rule(
        "pending_overdue",
        _all(_PENDING, Compare("due", "<", "end")),
        f"{_BIEU_06}, column 13",
    ),
    Rule(
        "withdrawn",
        _all(_ENDED, Equals("outcome", "withdrawn")),
        "QĐ 766/QĐ-TTg indicator 2.1: withdrawal ends processing",
    ),
    Rule(
        "returned",
        _all(_ENDED, Equals("outcome", "returned")),
        "older provincial layouts (hồ sơ trả lại)",
    ),
)

#: The counts by channel, known only where every dossier received gives
#: its channel.
CHANNEL_KEYS = ("received_in_person", "received_postal")
#: The hidden count that says whether they are known.
NO_CHANNEL = Rule("_no_channel", _all(_RECEIVED, Missing("channel")), "")


def bound_names(period: Period) -> dict[str, dt.date]:
    """
    The values a condition compares with, by name: the bounds as days
    (``start``, ``end``) and, for datetimes, midnight before each
    (``start_midnight``) and after it (``start_next``).
    """
    values: dict[str, dt.date] = {}
    for name, day in (("start", period.start), ("end", period.end)):
        values[name] = day
        values[f"{name}_midnight"] = dt.datetime.combine(day, dt.time())
        values[f"{name}_next"] = dt.datetime.combine(
            day + dt.timedelta(days=1), dt.time()
        )
    return values


def against_bound(op: str, bound: str, datetimes: bool) -> tuple[str, str]:
    """
    The sign and the name of the value (in `bound_names`) with which to
    compare a record's time to the period's *bound*: a datetime compares
    by the day it falls on, so ``received <= end`` is ``received <
    end_next``.
    """
    if not datetimes:
        return op, bound
    sign, after = _BY_DAY[op]
    return sign, f"{bound}_next" if after else f"{bound}_midnight"


# The Python interpreter ------------------------------------------------------


def _python(condition: Condition, datetimes: bool) -> str:
    """
    *condition* as a Python expression on the locals of `_LOOP`.
    """
    if isinstance(condition, Compare):
        if condition.right in _BOUNDS:
            op, right = against_bound(condition.op, condition.right, datetimes)
            maybe_missing = [condition.left]
        else:
            op, right = condition.op, condition.right
            maybe_missing = [condition.left, right]
        guard = "".join(
            f"{name} is not None and "
            for name in maybe_missing
            if name != "received"
        )
        return f"({guard}{condition.left} {op} {right})"
    if isinstance(condition, Missing):
        return f"({condition.field} is None)"
    if isinstance(condition, Flag):
        return f"({'' if condition.value else 'not '}{condition.field})"
    if isinstance(condition, Equals):
        constant = f"{condition.field}_{condition.value}".upper()
        return f"({condition.field} is {constant})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    terms = joiner.join(_python(t, datetimes) for t in condition.terms)
    return f"({terms})"


_LOOP = """\
def count_records(records, periods, key_of):
    tables = [{{}} for _ in periods]
    for index, record in enumerate(records):
        if record.__class__ is not Dossier:
            check_record(index, record)
        received = record.received
        due = record.due
        finished = record.finished
        online = record.online
        channel = record.channel
        outcome = record.outcome
        key = key_of(record)
        datetimes = isinstance(received, datetime)
        for table, (
            start, end, start_midnight, start_next, end_midnight, end_next
        ) in zip(tables, periods):
            counts = table.get(key)
            if counts is None:
                counts = table[key] = [0] * {size}
            if datetimes:
{datetime_checks}
            else:
{date_checks}
    return tables
"""


def _compile() -> Callable[..., list[dict[Any, list[int]]]]:
    """
    Write the loop of `count_records` for `RULES`, one ``if`` a rule, for
    records of dates and of datetimes, and compile it.
    """
    rules = (*RULES, NO_CHANNEL)

    def checks(datetimes: bool) -> str:
        return "".join(
            f"                if {_python(rule.condition, datetimes)}:\n"
            f"                    counts[{i}] += 1  # {rule.key}\n"
            for i, rule in enumerate(rules)
        )

    source = _LOOP.format(
        size=len(rules),
        datetime_checks=checks(datetimes=True),
        date_checks=checks(datetimes=False),
    )
    namespace: dict[str, Any] = {
        "Dossier": Dossier,
        "datetime": dt.datetime,
        "check_record": _check_record,
        **{f"CHANNEL_{c.value.upper()}": c for c in Channel},
        **{f"OUTCOME_{o.value.upper()}": o for o in Outcome},
    }
    filename = "<hcc_report.records: count_records>"
    linecache.cache[filename] = (
        len(source),
        None,
        source.splitlines(keepends=True),
        filename,
    )
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102
    loop: Callable[..., list[dict[Any, list[int]]]]
    loop = namespace["count_records"]
    return loop


def _check_record(index: int, record: object) -> None:
    if not isinstance(record, Dossier):
        msg = f"records[{index}] must be a Dossier, got {record!r}"
        raise ArgumentTypeError(msg)


_count_records = _compile()


def count_records(
    records: Iterable[Dossier],
    periods: Iterable[Period],
    key_of: Callable[[Dossier], Any],
) -> list[dict[Any, list[int]]]:
    """
    Count *records* for each of *periods* in one pass: for each period, a
    mapping from each unit (``key_of(record)``) to its counts in the
    order of ``(*RULES, NO_CHANNEL)``.
    """
    check_type("records", records, Iterable)
    order = (
        "start",
        "end",
        "start_midnight",
        "start_next",
        "end_midnight",
        "end_next",
    )
    spans = []
    for period in periods:
        values = bound_names(period)
        spans.append(tuple(values[name] for name in order))
    return _count_records(records, spans, key_of)
