"""
Totals, cumulative figures and rates, computed exactly from counts.

Every function here is pure. Which figures add up over time and how each
rate is computed is the figure catalogue's (`hcc_report.figures`); rates
go through `hcc_report.rate`: exact fractions, one rounding with an
explicit mode, and an explicit policy for a zero denominator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Protocol, TypeAlias, runtime_checkable

from hcc_report import figures
from hcc_report._checks import check_type
from hcc_report.errors import ArgumentTypeError, Problem, ValidationError
from hcc_report.model import AppendixRow, Counts
from hcc_report.rounding import Rounding, ZeroPolicy


__all__ = [
    "CountsLike",
    "HasCounts",
    "RateFunction",
    "accumulate",
    "completion_rate",
    "cumulative",
    "late_rate",
    "on_time_rate",
    "online_share",
    "period_from_cumulative",
    "rate_of",
    "to_handle",
    "total",
    "totals_by_group",
]


@runtime_checkable
class HasCounts(Protocol):
    """
    **Protocol:** anything with a `~hcc_report.Counts` as ``counts``, such
    as an `~hcc_report.AppendixRow`.
    """

    @property
    def counts(self) -> Counts:
        """
        The counts of this thing.
        """
        ...


#: What `hcc_report.total` accepts: counts, or things that have counts.
CountsLike: TypeAlias = Counts | HasCounts


def _counts_of(item: CountsLike, what: str) -> Counts:
    """
    *item*'s counts: itself, or its ``counts`` (an appendix row's).
    """
    if isinstance(item, Counts):
        return item
    counts = getattr(item, "counts", None)
    if isinstance(counts, Counts):
        return counts
    msg = (
        f"{what} is neither Counts nor has counts (an AppendixRow), "
        f"got {item!r}"
    )
    raise ArgumentTypeError(msg)


def total(items: Iterable[CountsLike]) -> Counts:
    """
    Return the total of a table: its counts added up figure by figure.

    *items* are `~hcc_report.Counts` or anything with a ``counts``
    attribute, such as the rows of an appendix. A figure unknown in any
    item is unknown in the total. The total of nothing is
    `Counts.zero() <hcc_report.Counts.zero>`.

    >>> from hcc_report import Counts
    >>> total([
    ...     Counts(received=279, processed=290, on_time=289, late=1),
    ...     Counts(received=197, processed=191, on_time=172, late=19),
    ... ])
    Counts(received=476, processed=481, on_time=461, late=20)
    >>> total([Counts(received=1, processed=1), Counts(received=2)])
    Counts(received=3)

    Raises:
        ~hcc_report.errors.ArgumentTypeError: An item has no counts (a
            `TypeError`).
    """
    check_type("items", items, Iterable)
    return Counts.sum(
        [
            item if type(item) is Counts else _counts_of(item, f"item {index}")
            for index, item in enumerate(items)
        ]
    )


def totals_by_group(
    rows: Iterable[AppendixRow],
) -> dict[str | None, Counts]:
    """
    Return the total of each agency group, in order of first appearance.

    Rows whose agency has no group are totalled under ``None``.

    >>> from hcc_report import Agency, AppendixRow, Counts
    >>> rows = [
    ...     AppendixRow(agency=Agency(name="Sở Tư pháp", group="Sở"),
    ...                 counts=Counts(received=1620)),
    ...     AppendixRow(agency=Agency(name="Công an tỉnh", group="Ngành dọc"),
    ...                 counts=Counts(received=0)),
    ...     AppendixRow(agency=Agency(name="Sở Y tế", group="Sở"),
    ...                 counts=Counts(received=244)),
    ... ]
    >>> totals_by_group(rows)
    {'Sở': Counts(received=1864), 'Ngành dọc': Counts(received=0)}
    """
    groups: dict[str | None, list[Counts]] = {}
    for row in check_type("rows", rows, Iterable):
        check_type("a row", row, AppendixRow)
        groups.setdefault(row.agency.group, []).append(row.counts)
    return {group: Counts.sum(counts) for group, counts in groups.items()}


def accumulate(
    previous: Mapping[str, int], period: Mapping[str, int]
) -> dict[str, int]:
    """
    Return cumulative figures by key: *previous* cumulative figures plus a
    *period*'s, for figures given as mappings (such as printed ones).

    Flows (received, processed ...) add up where both give them; what was
    carried over into the year is that of *previous*; what is pending is
    that at the end of *period*. Which is which is the figure catalogue's.

    >>> accumulate({"received": 3851, "pending": 9},
    ...            {"received": 6227, "carried_over": 9, "pending": 20})
    {'received': 10078, 'pending': 20}
    """
    result = {}
    for count in figures.counts():
        key = count.key
        if count.timing == "opening":
            value = previous.get(key)
        elif count.timing == "closing":
            value = period.get(key)
        elif count.timing == "mixed":
            value = None  # computed again from its parts
        elif key in previous and key in period:
            value = previous[key] + period[key]
        else:
            value = None
        if value is not None:
            result[key] = value
    return result


def cumulative(previous: Counts | None, period: Counts) -> Counts:
    """
    Return the cumulative figures after a period: *previous* + *period*.

    *previous* are the cumulative figures up to the end of the previous
    period (lũy kế kỳ trước), or ``None`` for the first period of the
    year, whose figures are then the cumulative ones. Flows (received,
    processed, on time, late ...) add up; stocks do not: what was carried
    over into the year stays that of *previous*, and what is pending is
    that at the end of *period* (see `~hcc_report.calculation.accumulate`).

    >>> from hcc_report import Counts
    >>> january = Counts(received=3851, received_online=1970,
    ...                  processed=4237, on_time=4230, late=7)
    >>> february = Counts(received=6227, received_online=2786,
    ...                   processed=5488, on_time=5475, late=13)
    >>> cumulative(january, february)
    Counts(received=10078, received_online=4756, processed=9725,
           on_time=9705, late=20)
    """
    check_type("previous", previous, (Counts, type(None)))
    check_type("period", period, Counts)
    if previous is None:
        return period
    return Counts(**accumulate(previous.known(), period.known()))


def period_from_cumulative(current: Counts, previous: Counts) -> Counts:
    """
    Return a period's figures from two cumulative ones: *current* - *previous*.

    The inverse of `cumulative`: ``period_from_cumulative(cumulative(p,
    x), p)`` gives back the flows of ``x``. What the period carried over is
    what was pending at the end of *previous*; what is pending is that of
    *current*.

    >>> from hcc_report import Counts
    >>> february = Counts(received=10078, processed=9725, on_time=9705,
    ...                   late=20)
    >>> january = Counts(received=3851, processed=4237, on_time=4230, late=7)
    >>> period_from_cumulative(february, january)
    Counts(received=6227, processed=5488, on_time=5475, late=13)

    Raises:
        ~hcc_report.errors.ValidationError: A cumulative figure decreased,
            or the differences are inconsistent (listing every problem).
    """
    check_type("current", current, Counts)
    check_type("previous", previous, Counts)
    problems = []
    values: dict[str, int | None] = {}
    for count in figures.counts():
        key = count.key
        now, before = getattr(current, key), getattr(previous, key)
        if count.timing == "opening":
            values[key] = previous.pending
        elif count.timing == "closing":
            values[key] = now
        elif count.timing == "mixed":
            values[key] = None  # computed again from its parts
        elif now is None or before is None:
            values[key] = None
        elif now < before:
            problems.append(
                Problem(
                    key,
                    f"the cumulative figure {now} is less than the previous "
                    f"cumulative figure {before}",
                )
            )
        else:
            values[key] = now - before
    if problems:
        raise ValidationError(problems, subject="cumulative figures")
    return Counts(**values)


def to_handle(counts: Counts) -> int | None:
    """
    Return the number of dossiers to handle (tổng số hồ sơ phải giải quyết).

    That is the dossiers received in the period plus those carried over
    from the previous one (column 3 of Biểu 06/VPCP/KSTT), the denominator
    of the completion rate; unknown if either is.

    >>> to_handle(Counts(received=5650, carried_over=120))
    5770
    """
    check_type("counts", counts, Counts)
    return counts.handled


def rate_of(
    counts: CountsLike,
    key: str,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE,
) -> Decimal | None:
    """
    Return the rate *key* of the figure catalogue for *counts* (counts, or
    a thing that has them, such as an `~hcc_report.AppendixRow`), in %.

    The options are those of `hcc_report.rate`; :doc:`/explanation/figures`
    lists the rates.

    >>> from hcc_report import Counts
    >>> rate_of(Counts(processed=191, early=100, on_due_date=72, late=19),
    ...         "early_share")
    Decimal('52.36')

    Raises:
        ~hcc_report.errors.UnknownFigureError: No rate has that key.
    """
    return figures.rate(key).of(
        _counts_of(counts, "counts"),
        places=places,
        rounding=rounding,
        zero=zero,
    )


class RateFunction(Protocol):
    """
    **Protocol:** a named rate of the catalogue, such as
    `hcc_report.on_time_rate`: ``rate(counts, places=..., rounding=...,
    zero=...)``, as `rate_of` takes them; *counts* may be a row that has
    counts.
    """

    def __call__(
        self,
        counts: CountsLike,
        *,
        places: int = 2,
        rounding: Rounding = Rounding.HALF_UP,
        zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE,
    ) -> Decimal | None:
        """
        Return the rate of *counts* in %.
        """
        ...


def _named_rate(key: str, doc: str) -> RateFunction:
    """
    The function of the catalogue's rate *key*, named after it.
    """

    def named(
        counts: CountsLike,
        *,
        places: int = 2,
        rounding: Rounding = Rounding.HALF_UP,
        zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE,
    ) -> Decimal | None:
        return rate_of(
            counts, key, places=places, rounding=rounding, zero=zero
        )

    named.__name__ = named.__qualname__ = key
    named.__doc__ = doc
    return named


on_time_rate = _named_rate(
    "on_time_rate",
    """
    Return the on-time rate (tỷ lệ đúng hạn): ``on_time / processed`` in %.

    ``on_time`` includes the dossiers resolved early ("trả đúng và sớm
    hẹn"), as in the seed report's appendix (9.705 / 9.725), Lâm Đồng's
    published 98,81 % and the QĐ 766/QĐ-TTg indicator 2.1, where a dossier
    is on time when it ends on or before its appointment date. The
    options are those of `hcc_report.rate`; the seed report
    prints ``0/0`` as 100 %, which is ``zero=ZeroPolicy.AS_100``.

    >>> from hcc_report import Counts, ZeroPolicy
    >>> on_time_rate(Counts(processed=9725, on_time=9705, late=20))
    Decimal('99.79')
    >>> on_time_rate(Counts(processed=0, on_time=0, late=0)) is None
    True
    >>> on_time_rate(Counts(processed=0, on_time=0, late=0),
    ...              zero=ZeroPolicy.AS_100)
    Decimal('100.00')
    """,
)

late_rate = _named_rate(
    "late_rate",
    """
    Return the late rate (tỷ lệ trễ hạn): ``late / processed`` in %.

    Used by Lâm Đồng (1,19 %) and Bến Tre (0,2 %). With nothing processed,
    nothing was late, so ``zero=ZeroPolicy.AS_0`` is the natural choice
    when a figure must be shown.

    >>> from hcc_report import Counts
    >>> late_rate(Counts(processed=9725, on_time=9705, late=20))
    Decimal('0.21')
    """,
)

online_share = _named_rate(
    "online_share",
    """
    Return the online share (tỷ lệ hồ sơ trực tuyến):
    ``received_online / received`` in %.

    The share of dossiers received online, as in QĐ 766/QĐ-TTg indicator
    3.3 (before its sync-rate factor). The seed's February figures give
    2.786 / 6.227.

    >>> from hcc_report import Counts
    >>> online_share(Counts(received=6227, received_online=2786))
    Decimal('44.74')
    >>> online_share(Counts(received=10078, received_online=4756))
    Decimal('47.19')
    """,
)

completion_rate = _named_rate(
    "completion_rate",
    """
    Return the completion rate (tỷ lệ giải quyết): ``processed /
    to_handle`` in %.

    The share of the dossiers to handle (received plus carried over, see
    `~hcc_report.to_handle`) that were processed, as in Bến Tre's 4.561 /
    5.650 = 80,7 %. It is unknown when the carried-over figure is.

    >>> from hcc_report import Counts
    >>> completion_rate(Counts(received=5000, carried_over=650,
    ...                        processed=4561), places=1)
    Decimal('80.7')
    >>> completion_rate(Counts(received=6227, processed=5488)) is None
    True
    """,
)
