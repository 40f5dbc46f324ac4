"""
Totals, cumulative figures, rates and the consolidation of many centres'
reports, computed exactly from counts.

Every function here is pure. Which figures add up over time and how each
rate is computed is the figure catalogue's (`hcc_report.figures`); rates
go through `hcc_report.rate`: exact fractions, one rounding with an
explicit mode, and an explicit policy for a zero denominator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal, Protocol, TypeAlias, runtime_checkable

from hcc_report import figures
from hcc_report._checks import Checker, check_type
from hcc_report.errors import (
    ArgumentError,
    ArgumentTypeError,
    Problem,
    ValidationError,
)
from hcc_report.model import (
    Agency,
    Appendix,
    AppendixRow,
    Basis,
    Counts,
    Report,
)
from hcc_report.rounding import Rounding, ZeroPolicy


__all__ = [
    "ConsolidateBy",
    "CountsLike",
    "HasCounts",
    "RateFunction",
    "accumulate",
    "completion_rate",
    "consolidate",
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


#: How `consolidate` makes the rows of its table: one per centre (its
#: report's total), one per agency, or one per agency group.
ConsolidateBy: TypeAlias = Literal["centre", "agency", "group"]

#: The heading of the column of row names, for each way of consolidating:
#: the reporting unit ("Đơn vị báo cáo", as Biểu 06/VPCP/KSTT heads it),
#: the agency (the appendix's own default), the group.
_ROW_HEADINGS: dict[str, str] = {
    "centre": "Đơn vị báo cáo",
    "agency": "Tên đơn vị",
    "group": "Nhóm đơn vị",
}


def consolidate(
    reports: Iterable[Report],
    *,
    by: ConsolidateBy = "centre",
    title: str | None = None,
    row_heading: str | None = None,
) -> Appendix:
    """
    Return the provincial table of many centres' reports, their appendices
    added up.

    The reports must be of one period (the same `~hcc_report.Period`: a
    quarter and the first three months are not), their appendices of one
    `~hcc_report.Basis`, and each from another issuer:
    a centre is known by its issuer's full name (`Issuer.long_name
    <hcc_report.Issuer.long_name>`: many centres share the short name
    "Trung tâm Hành chính công"), and two reports from one would count
    its dossiers twice. The rows are,
    by *by*:

    - ``"centre"``: one per report, in their order, named after its
      issuer, with the total of its appendix;
    - ``"agency"``: one per agency, matched by `Agency.name
      <hcc_report.Agency>` across the centres, in order of first
      appearance, keeping the first `~hcc_report.Agency` seen (its short
      name, code and group);
    - ``"group"``: one per `Agency.group <hcc_report.Agency>`, in order of
      first appearance. Every row must have a group: a row without one
      is refused rather than put under a name the reports never used.

    Counts are added exactly (`~hcc_report.total`): a figure unknown in
    any centre is unknown in the sum. The table has the basis of the
    appendices; its title is *title*, by default the first report's
    appendix title; its *row_heading* is by default "Đơn vị báo cáo" (a
    centre, the reporting unit of Biểu 06/VPCP/KSTT), "Tên đơn vị" (an
    agency) or "Nhóm đơn vị" (a group).

    >>> import attrs
    >>> from hcc_report import Issuer
    >>> from hcc_report.calculation import consolidate
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> february = binh_thuan_2023_02()
    >>> other = attrs.evolve(february, issuer=Issuer(name="Trung tâm B"))
    >>> table = consolidate([february, other])
    >>> [(row.agency.name, row.counts.received) for row in table.rows]
    [('Trung tâm Hành chính công tỉnh Bình Thuận', 10078), ('Trung tâm B',
    10078)]
    >>> table.row_heading, table.basis
    ('Đơn vị báo cáo', <Basis.CUMULATIVE: 'cumulative'>)
    >>> by_agency = consolidate([february, other], by="agency")
    >>> by_agency.rows[9].agency.name, by_agency.rows[9].counts
    ('Sở Tư pháp', Counts(received=3240, processed=2558, on_time=2558,
                          late=0))
    >>> consolidate([february, february])
    Traceback (most recent call last):
        ...
    hcc_report.errors.ValidationError: invalid reports to consolidate:
    reports[1].issuer: 'Trung tâm Hành chính công tỉnh Bình Thuận' is already
    reports[0]: its dossiers would be counted twice

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *reports* is not an iterable
            of `~hcc_report.Report` (a `TypeError`).
        ~hcc_report.errors.ArgumentError: *by* is not one of the three.
        ~hcc_report.errors.ValidationError: There is no report, or the
            reports cannot be added up: another period or basis, no
            appendix, an issuer twice, a row without a group (by group);
            listing every problem, each naming the report by its index
            and issuer. Or *title* or *row_heading* is blank.
    """
    items = tuple(check_type("reports", reports, Iterable))
    for index, report in enumerate(items):
        check_type(f"reports[{index}]", report, Report)
    if by not in _ROW_HEADINGS:
        msg = f"by must be 'centre', 'agency' or 'group', got {by!r}"
        raise ArgumentError(msg)
    tables = _tables(items, by)
    parts: dict[str, tuple[Agency, list[Counts]]] = {}
    for issuer, appendix in tables:
        for row in appendix.rows:
            agency = _unit(issuer, row, by)
            parts.setdefault(agency.name, (agency, []))[1].append(row.counts)
    return Appendix(
        title=tables[0][1].title if title is None else title,
        basis=tables[0][1].basis,
        rows=[
            AppendixRow(agency=agency, counts=total(counts))
            for agency, counts in parts.values()
        ],
        row_heading=_ROW_HEADINGS[by] if row_heading is None else row_heading,
    )


def _unit(issuer: str, row: AppendixRow, by: str) -> Agency:
    """
    The row of the consolidated table that *row* of *issuer*'s report
    goes into.
    """
    if by == "centre":
        return Agency(name=issuer)
    if by == "group" and row.agency.group is not None:
        return Agency(name=row.agency.group)
    return row.agency  # by agency (by group, every row has one: checked)


def _tables(
    reports: tuple[Report, ...], by: str
) -> list[tuple[str, Appendix]]:
    """
    Each report's issuer and appendix, when they can be added up.

    Raises:
        ~hcc_report.errors.ValidationError: They cannot, listing why.
    """
    checker = Checker("reports to consolidate")
    if not reports:
        checker.add("reports", "must have at least one report")
        checker.raise_if_any()
    first = f"reports[0] from {reports[0].issuer.long_name!r}"
    basis: tuple[str, Basis] | None = None  # the first appendix's
    seen: dict[str, int] = {}
    tables = []
    for index, report in enumerate(reports):
        where, issuer = f"reports[{index}]", report.issuer.long_name
        if issuer in seen:
            checker.add(
                f"{where}.issuer",
                f"{issuer!r} is already reports[{seen[issuer]}]: its "
                "dossiers would be counted twice",
            )
        seen.setdefault(issuer, index)
        if report.period != reports[0].period:
            checker.add(
                f"{where}.period",
                f"must be {reports[0].period!r} as in {first}, got "
                f"{report.period!r} from {issuer!r}",
            )
        appendix = report.appendix
        if appendix is None:
            checker.add(
                f"{where}.appendix",
                f"is missing in the report from {issuer!r}: there is no "
                "table to add up",
            )
            continue
        if basis is None:
            basis = (f"{where} from {issuer!r}", appendix.basis)
        elif appendix.basis is not basis[1]:
            checker.add(
                f"{where}.appendix.basis",
                f"must be {basis[1].value!r} as in {basis[0]}, got "
                f"{appendix.basis.value!r} from {issuer!r}",
            )
        if by == "group":
            _check_groups(checker, where, issuer, appendix)
        tables.append((issuer, appendix))
    checker.raise_if_any()
    return tables


def _check_groups(
    checker: Checker, where: str, issuer: str, appendix: Appendix
) -> None:
    """
    Every row of *appendix* has a group, to be consolidated by group.
    """
    for i, row in enumerate(appendix.rows):
        if row.agency.group is None:
            checker.add(
                f"{where}.appendix.rows[{i}].agency.group",
                f"is missing for {row.agency.name!r} in the report from "
                f"{issuer!r}: consolidating by group needs every row's group",
            )


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
