"""
The audit of published figures: every sum, rate and period that does not
add up.

`audit` takes figures as a document printed them
(`~hcc_report.published.PublishedReport`) and returns `Finding` objects:
what is wrong, where, what was printed and what it should be. It checks

- each row and paragraph: its splits add up (``on_time + late ==
  processed``, the online dossiers do not exceed those received ...);
- the printed total row against the sum of the rows, column by column;
- each printed rate against the rate recomputed from the printed counts,
  with the precision and decimal mark the table uses (stated, or detected
  from its rates), half up; a rate over zero dossiers is a convention and
  gets a note;
- the paragraph figures against the table where both give the same thing;
- against the previous report of the same year: previous cumulative plus
  this period is this cumulative, and nothing cumulative goes down; and
  in every report, the period never exceeds the cumulative figures.

``processed > received`` is never flagged: cumulative figures include the
dossiers carried over from the previous year.

`audit_consolidation` checks a provincial table as printed against the
reports of the centres it adds up (`hcc_report.consolidate`).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import itertools
import re

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from hcc_report import figures
from hcc_report._checks import check_type, nfc
from hcc_report._messages import words as audit_words
from hcc_report.calculation import (
    ConsolidateBy,
    accumulate,
    consolidate,
    total,
)
from hcc_report.errors import (
    ArgumentError,
    HccReportError,
    ParseError,
    UnknownFigureError,
)
from hcc_report.formatting import (
    format_number,
    format_percent,
    format_period,
    format_short_date,
    parse_percent,
)
from hcc_report.languages import check_lang, is_vietnamese, translations
from hcc_report.model import (
    Appendix,
    Basis,
    Counts,
    Period,
    Report,
    split_mismatches,
    sum_figures,
)
from hcc_report.published import (
    AS_PRINTED,
    NOT_SHOWN,
    PublishedColumn,
    PublishedFigures,
    PublishedReport,
    PublishedRow,
    PublishedTable,
)
from hcc_report.rounding import Rounding, round_fraction


__all__ = [
    "Finding",
    "FindingKind",
    "Location",
    "Severity",
    "audit",
    "audit_consolidation",
    "describe",
]


#: The notation of the document being audited: its counts are written in
#: the findings as it writes them ("10.078", or "10,078" in English).
_NOTATION: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "notation", default=None
)


def _number(value: int) -> str:
    text = format_number(value)
    if _NOTATION.get() == "en":
        return text.replace(".", ",")
    return text


class Severity(str, enum.Enum):
    """
    How much a finding matters.
    """

    #: A figure is wrong.
    ERROR = "error"
    #: Something is inconsistent or unusual but not provably wrong.
    WARNING = "warning"
    #: Worth knowing; a convention rather than a mistake.
    NOTE = "note"

    def __str__(self) -> str:
        return self.value


class FindingKind(str, enum.Enum):
    """
    What a finding is about.
    """

    #: The parts of a split do not add up to their whole.
    SPLIT = "split"
    #: The printed total differs from the sum of the rows.
    TOTAL = "total"
    #: A printed rate differs from the rate of the printed counts.
    RATE = "rate"
    #: A printed rate is right over another base than its heading's (the
    #: dossiers due rather than those processed).
    RATE_BASE = "rate-base"
    #: A printed subtotal differs from the sum of its group's rows.
    SUBTOTAL = "subtotal"
    #: How a heading was read, under a group heading or as a bare "Tỷ lệ".
    HEADING = "heading"
    #: A column the library does not know, kept but not checked.
    NOT_CHECKED = "not-checked"
    #: Counts written in both notations ("10.078" and "10,078"), each read
    #: as it is written.
    NOTATION = "notation"
    #: A rate over zero dossiers, printed by a convention.
    ZERO_RATE = "zero-rate"
    #: A rate that applies is not shown.
    RATE_NOT_SHOWN = "rate-not-shown"
    #: Rates of one table printed with different decimal marks or places.
    CONVENTION = "convention"
    #: A figure of the body differs from the table's.
    PARAGRAPH = "paragraph"
    #: A period's figure exceeds the cumulative one.
    PERIOD_EXCEEDS_CUMULATIVE = "period-exceeds-cumulative"
    #: Previous cumulative plus this period is not this cumulative.
    CUMULATIVE_SUM = "cumulative-sum"
    #: A cumulative figure went down since the previous report.
    CUMULATIVE_DECREASED = "cumulative-decreased"
    #: The previous report is not of the period just before, so only
    #: figures that went down are checked (for an earlier report of the
    #: same year).
    NOT_CONSECUTIVE = "not-consecutive"
    #: The report is dated before its period ends, so its figures cannot
    #: be the whole period's.
    ISSUED_EARLY = "issued-early"
    #: Nothing of the previous report could be compared.
    NOT_COMPARED = "not-compared"
    #: A printed figure of a consolidated table differs from the sum of
    #: the centres' reports.
    CONSOLIDATION = "consolidation"
    #: A row of the centres' reports that a consolidated table does not
    #: print.
    CONSOLIDATION_MISSING_ROW = "consolidation-missing-row"
    #: A row of a consolidated table that is in none of the centres'
    #: reports.
    CONSOLIDATION_EXTRA_ROW = "consolidation-extra-row"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Location:
    """
    Where a finding is.
    """

    #: ``"table"``, ``"period-table"`` (the period's columns printed next
    #: to the cumulative ones), ``"period"`` (the body's figures of the
    #: period), ``"cumulative"`` (the body's cumulative figures) or
    #: ``"previous"`` (the previous report, as a whole) or ``"header"``
    #: (the document's number and date).
    part: str
    #: The row's position in the table, from 1; ``None`` for the total row
    #: or outside a table.
    row: int | None = None
    #: The row's name as printed (``"Tổng cộng"`` for the total row).
    row_name: str | None = None
    #: The column, a count or rate field name.
    column: str | None = None
    #: The column's heading as printed, for a rate the document declares
    #: (the catalogue names the others).
    heading: str | None = None


@attrs.frozen(kw_only=True)
class Finding:
    """
    One thing that does not add up, or is worth a note.

    Its fields hold no words of any language, only figures and codes;
    `hcc_report.describe` writes it in Vietnamese or English.
    """

    kind: FindingKind
    severity: Severity
    location: Location
    #: The value as printed ("99.49%", "20").
    printed: str
    #: What it should be, written the way the document writes figures.
    expected: str
    #: The arithmetic behind the expected value ("9.705 / 9.725", "8 + 1").
    detail: str = ""
    #: The fields the terms of *detail* are, for a split ("on_time",
    #: "late").
    parts: tuple[str, ...] = ()
    #: A code saying more about the finding, or ``""``. ``"half-even"`` and
    #: ``"truncated"`` say how a wrong rate may have been rounded,
    #: ``"decimal-mark"`` and ``"decimal-places"`` which convention
    #: differs, ``"as-printed"`` that rates were checked at the decimals
    #: each shows, ``"new-year"`` why a previous report is not compared,
    #: and ``"at-least"`` that only a bound could be checked.
    reason: str = ""
    #: The counts of the denominator that a printed rate matches where its
    #: heading's does not (``("due",)``), or, for a heading read, the
    #: rate's denominator.
    base: tuple[str, ...] = ()
    #: The arithmetic over that base ("4.157 / 4.169").
    base_detail: str = ""


# Printed rates ---------------------------------------------------------------


def _rate_mark(text: str) -> tuple[str | None, int]:
    """
    The decimal mark a printed rate shows, and its number of decimals.

    A rate is a percentage, so one separator, or the last of two kinds, is
    its decimal mark; one kind repeated ("1.234.567%") only groups.
    """
    digits = text.strip().rstrip("%").strip().lstrip("-−")
    marks = [c for c in digits if c in ",."]
    if not marks or (len(marks) > 1 and len(set(marks)) == 1):
        return None, 0
    mark = marks[-1]
    return mark, len(digits.rpartition(mark)[2])


def _read_rate(text: str) -> Decimal | None:
    """
    A printed rate's value, read with the decimal mark it shows.
    """
    mark, _ = _rate_mark(text)
    percent = text if "%" in text else text + "%"
    try:
        return parse_percent(percent, decimal_mark=mark or ",")
    except ParseError:
        return None


def _shown(texts: Iterable[str]) -> list[str]:
    return [text.strip() for text in texts if text.strip() not in NOT_SHOWN]


@attrs.frozen
class _Convention:
    """
    How a table writes its rates: its decimal mark, and its decimals
    (``None``: each rate as it shows; ``stated``: the document says so).
    """

    mark: str
    places: int | None
    stated: bool = False


def _convention(
    texts: list[str], mark: str | None, places: int | str | None
) -> tuple[_Convention, list[Finding]]:
    """
    The decimal mark and places of a table's rates: stated, or detected.

    Detected places are the most any rate shows: a rate that shows fewer
    is right when the figure at those places ends in zeros ("40%" for
    39,97 at one decimal), the convention of dropping trailing zeros.
    """
    findings = []
    marks = Counter(m for text in texts if (m := _rate_mark(text)[0]))
    seen = {_rate_mark(text)[1] for text in texts}
    stated = isinstance(places, int)
    chosen = _Convention(
        mark or (marks.most_common(1)[0][0] if marks else ","),
        None
        if places == AS_PRINTED
        else places
        if isinstance(places, int)
        else max(seen, default=2),
        stated=stated,
    )
    if len(marks) > 1 or (mark is not None and set(marks) - {mark}):
        findings.append(
            Finding(
                kind=FindingKind.CONVENTION,
                severity=Severity.WARNING,
                location=Location(part="table"),
                printed=" ".join(sorted(marks)),
                expected=chosen.mark,
                reason="decimal-mark",
            )
        )
    return chosen, findings


#: The bases reports print rates over besides a rate's own: the dossiers
#: due (Vĩnh Phúc) and those to handle (Kon Tum, Bến Tre).
_BASES = ("due", "handled")


def _other_bases(
    rate: figures.Rate, counts: Mapping[str, int]
) -> Iterator[tuple[tuple[str, ...], int]]:
    """
    Other denominators a printed rate may have been computed over: those of
    the catalogue's rates of the same numerator, then the usual bases;
    *counts* are what the rate check worked out from the printed ones.
    """
    seen = {rate.denominator}
    candidates = [
        other.denominator
        for other in figures.rates()
        if other.numerator == rate.numerator
    ] + [(base,) for base in _BASES]
    for denominator in candidates:
        if denominator in seen:
            continue
        seen.add(denominator)
        values = [counts.get(key) for key in denominator]
        if None not in values and (whole := sum(v or 0 for v in values)):
            yield denominator, whole


class _RateCheck:
    """
    Checks printed rates against the printed counts, at the precision the
    table's convention gives, and says what it assumed.
    """

    def __init__(self, convention: _Convention) -> None:
        self.convention = convention
        #: The rates shown at a precision other than the table's, which
        #: were right at their own.
        self.own_precision: list[str] = []

    def check(
        self,
        text: str,
        rate: figures.Rate,
        counts: Mapping[str, int],
        where: Location,
        places: int | None = None,
    ) -> Iterator[Finding]:
        shown = text.strip() not in NOT_SHOWN
        if not shown and None in rate.terms(counts):
            return  # not shown, and its counts are not all printed either
        # What a reader works out: 12.970 processed, 102 late, so 12.868
        # on time.
        counts = figures.CATALOGUE.derive(counts, differences=True)
        part, whole = rate.terms(counts)
        if part is None or whole is None:
            return  # the counts are not printed: nothing to compare
        if whole == 0:
            yield _zero_rate(text, where)
            return
        convention = self.convention
        target = places if places is not None else convention.places
        stated = places is not None or convention.stated
        detail = f"{_number(part)} / {_number(whole)}"
        mark, own = _rate_mark(text) if shown else (None, target or 2)
        target = own if target is None else target
        exact = Fraction(100 * part, whole)
        expected = round_fraction(exact, places=target)

        def written(value: Decimal, at: int) -> str:
            return format_percent(
                value, places=at, decimal_mark=mark or convention.mark
            )

        if not shown:
            yield Finding(
                kind=FindingKind.RATE_NOT_SHOWN,
                severity=Severity.WARNING,
                location=where,
                printed=text.strip(),
                expected=written(expected, target),
                detail=detail,
            )
            return
        printed = _read_rate(text)
        if printed is not None and own <= target and printed == expected:
            return  # right, trailing zeros dropped or not
        if printed is not None and printed == round_fraction(
            exact, places=own
        ):
            if stated:
                yield Finding(
                    kind=FindingKind.CONVENTION,
                    severity=Severity.WARNING,
                    location=where,
                    printed=text.strip(),
                    expected=written(expected, target),
                    reason="decimal-places",
                )
            else:
                self.own_precision.append(text.strip())
            return
        yield from self._wrong(
            text, rate, counts, where, (part, whole, own, target)
        )

    def _wrong(
        self,
        text: str,
        rate: figures.Rate,
        counts: Mapping[str, int],
        where: Location,
        figures_: tuple[int, int, int, int],
    ) -> Iterator[Finding]:
        part, whole, own, target = figures_
        printed = _read_rate(text)
        mark = _rate_mark(text)[0] or self.convention.mark
        expected = round_fraction(Fraction(100 * part, whole), places=target)
        expected_text = format_percent(
            expected, places=target, decimal_mark=mark
        )
        detail = f"{_number(part)} / {_number(whole)}"
        # Another base is a reading only for a rate that shows decimals: a
        # whole percent matches too many by chance.
        bases = _other_bases(rate, counts) if own else iter(())
        for base, other in bases:
            if printed is not None and printed == round_fraction(
                Fraction(100 * part, other), places=own
            ):
                yield Finding(
                    kind=FindingKind.RATE_BASE,
                    severity=Severity.WARNING,
                    location=where,
                    printed=text.strip(),
                    expected=expected_text,
                    detail=detail,
                    parts=rate.denominator,
                    base=base,
                    base_detail=f"{_number(part)} / {_number(other)}",
                )
                return
        yield Finding(
            kind=FindingKind.RATE,
            severity=Severity.ERROR,
            location=where,
            printed=text.strip(),
            expected=expected_text,
            detail=detail,
            reason=_how_rounded(printed, part, whole, own),
        )

    def notes(self) -> Iterator[Finding]:
        """
        The note of what was assumed: rates checked at their own precision.
        """
        if self.own_precision:
            yield Finding(
                kind=FindingKind.CONVENTION,
                severity=Severity.NOTE,
                location=Location(part="table"),
                printed="; ".join(self.own_precision),
                expected="",
                reason="as-printed",
            )


# Checks ----------------------------------------------------------------------


def _splits(
    counts: Mapping[str, int], location: Location
) -> Iterator[Finding]:
    for mismatch in split_mismatches(counts):
        total = _number(mismatch.parts_sum)
        yield Finding(
            kind=FindingKind.SPLIT,
            severity=Severity.ERROR,
            location=attrs.evolve(location, column=mismatch.whole),
            printed=_number(mismatch.value),
            expected=total if mismatch.complete else f">= {total}",
            detail=" + ".join(map(_number, mismatch.part_values)),
            parts=mismatch.parts,
        )


def _how_rounded(
    printed: Decimal | None, part: int, whole: int, places: int
) -> str:
    """
    Say how a wrong rate may have come about, when that can be told.
    """
    if printed is None:
        return ""
    exact = Fraction(100 * part, whole)
    half_even = round_fraction(
        exact, places=places, rounding=Rounding.HALF_EVEN
    )
    if printed == half_even:
        return "half-even"
    scale = 10**places
    if Fraction(printed) == Fraction(int(exact * scale), scale):
        return "truncated"
    return ""


def _zero_rate(text: str, location: Location) -> Finding:
    """
    A rate over zero dossiers: 100 %, 0 % or a mark are conventions.
    """
    value = None if text.strip() in NOT_SHOWN else _read_rate(text)
    usual = value is None or value in (0, 100)
    return Finding(
        kind=FindingKind.ZERO_RATE if usual else FindingKind.RATE,
        severity=Severity.NOTE if usual else Severity.ERROR,
        location=location,
        printed=text.strip(),
        expected="" if usual else "100% / 0% / -",
        detail="0 / 0",
    )


def _row_checks(
    row: PublishedRow,
    where: Location,
    table: PublishedTable,
    rates: _RateCheck,
) -> Iterator[Finding]:
    yield from _splits(row.counts, where)
    for key, text in row.rates.items():
        column = table.column(key)
        yield from rates.check(
            text,
            table.rate(key),
            row.counts,
            attrs.evolve(where, column=key, heading=_declared(column)),
            None if column is None else column.places,
        )


def _declared(column: PublishedColumn | None) -> str | None:
    """
    The heading of a column that declares its rate, to name it by.
    """
    if column is None or not column.numerator:
        return None
    return column.heading or column.key


def _reading(table: PublishedTable) -> Iterator[Finding]:
    """
    Notes of how the headings were read where that took judgement (under a
    group heading, or a bare "Tỷ lệ"), and of the columns not checked.
    """
    for column in table.columns:
        if column.kind == "unknown":
            yield Finding(
                kind=FindingKind.NOT_CHECKED,
                severity=Severity.NOTE,
                location=Location(part="table"),
                printed=column.heading or column.key,
                expected="",
            )
        elif column.group is not None or column.numerator:
            printed = column.heading or ""
            if column.group:
                printed = f"{column.group} / {printed}".rstrip(" /")
            rate = table.rate(column.key) if column.kind == "rate" else None
            yield Finding(
                kind=FindingKind.HEADING,
                severity=Severity.NOTE,
                location=Location(
                    part="table",
                    column=column.key,
                    heading=_declared(column),
                ),
                printed=printed,
                expected="",
                parts=() if rate is None else rate.numerator,
                base=() if rate is None else rate.denominator,
            )
    seen = {column.key for column in table.columns}
    other = [
        key
        for row in (*table.rows, *((table.total,) if table.total else ()))
        for key in row.other
    ]
    for key in dict.fromkeys(other):
        if key not in seen:
            yield Finding(
                kind=FindingKind.NOT_CHECKED,
                severity=Severity.NOTE,
                location=Location(part="table"),
                printed=key,
                expected="",
            )


def _table(table: PublishedTable) -> list[Finding]:
    rows = [*table.rows, *(() if table.total is None else (table.total,))]
    convention, findings = _convention(
        _shown(text for row in rows for text in row.rates.values()),
        table.decimal_mark,
        table.places,
    )
    findings[:0] = _reading(table)
    if len(table.count_notations) > 1:
        findings.insert(
            0,
            Finding(
                kind=FindingKind.NOTATION,
                severity=Severity.NOTE,
                location=Location(part="table"),
                printed=" / ".join(table.count_notations),
                expected="",
            ),
        )
    rates = _RateCheck(convention)
    for index, row in enumerate(table.rows, start=1):
        where = Location(part="table", row=index, row_name=row.name)
        findings.extend(_row_checks(row, where, table, rates))
    findings.extend(_subtotals(table))
    if table.total is not None:
        where = Location(part="table", row_name=table.total.name)
        findings.extend(_totals(table))
        findings.extend(_row_checks(table.total, where, table, rates))
    findings.extend(rates.notes())
    return findings


def _leaves(table: PublishedTable) -> list[PublishedRow]:
    return [row for row in table.rows if not row.subtotal]


def _add_rows(
    table: PublishedTable, rows: list[PublishedRow]
) -> dict[str, int]:
    """
    The figures of *rows* together: summed for units; for periods in
    order, flows summed, the opening stock the first's and the closing
    stock the last's.
    """
    if table.rows_are == "periods":
        result: dict[str, int] = dict(rows[0].counts) if rows else {}
        for row in rows[1:]:
            result = accumulate(result, row.counts)
        # The dossiers to handle, due ... of the whole span, from its parts.
        return figures.CATALOGUE.derive(result)
    return sum_figures(row.counts for row in rows)


def _subtotals(table: PublishedTable) -> Iterator[Finding]:
    """
    Each printed subtotal against the rows of its group.
    """
    for index, row in enumerate(table.rows, start=1):
        if not row.subtotal:
            continue
        members = [r for r in _leaves(table) if r.group == row.group]
        if not members:
            continue
        sums = _add_rows(table, members)
        yield from _compare(
            Location(part="table", row=index, row_name=row.name),
            row.counts,
            sums,
            FindingKind.SUBTOTAL,
        )


def _totals(table: PublishedTable) -> Iterator[Finding]:
    assert table.total is not None  # noqa: S101  (checked by the caller)
    sums = _add_rows(table, _leaves(table))
    yield from _compare(
        Location(part="table", row_name=table.total.name),
        table.total.counts,
        sums,
        FindingKind.TOTAL,
    )


def _period_within_cumulative(
    published: PublishedReport,
) -> Iterator[Finding]:
    """
    A table's period columns never exceed its cumulative ones, row by row
    and in the total (for what adds up over time, within a year).
    """
    table, period = published.table, published.period_table
    if table is None or period is None:
        return
    same_year = published.period is None or (
        published.period.start.year == published.period.end.year
    )
    if not same_year:
        return
    by_name = {row.name: row for row in period.rows}
    for index, row in enumerate(table.rows, start=1):
        if row.name in by_name:
            yield from _compare(
                Location(part="table", row=index, row_name=row.name),
                _flows(row),
                _flows(by_name[row.name]),
                FindingKind.PERIOD_EXCEEDS_CUMULATIVE,
                at_least=True,
            )
    if table.total is not None and period.total is not None:
        yield from _compare(
            Location(part="table", row_name=table.total.name),
            _flows(table.total),
            _flows(period.total),
            FindingKind.PERIOD_EXCEEDS_CUMULATIVE,
            at_least=True,
        )


def _table_total(table: PublishedTable) -> dict[str, int]:
    """
    The table's total as printed, or else as the rows add up.
    """
    if table.total is not None:
        return dict(table.total.counts)
    return _add_rows(table, _leaves(table))


def _compare(
    location: Location,
    printed: Mapping[str, int],
    expected: Mapping[str, int],
    kind: FindingKind,
    *,
    at_least: bool = False,
) -> Iterator[Finding]:
    for column, value in printed.items():
        if column not in expected:
            continue
        wrong = (
            value < expected[column] if at_least else value != expected[column]
        )
        if wrong:
            yield Finding(
                kind=kind,
                severity=Severity.ERROR,
                location=attrs.evolve(location, column=column),
                printed=_number(value),
                expected=(
                    f">= {_number(expected[column])}"
                    if at_least
                    else _number(expected[column])
                ),
            )


def _flows(
    printed: PublishedFigures | PublishedRow | Mapping[str, int] | None,
) -> dict[str, int]:
    """
    The printed figures that add up over time.
    """
    if printed is None:
        return {}
    counts = printed if isinstance(printed, Mapping) else printed.counts
    return {
        count.key: counts[count.key]
        for count in figures.counts()
        if count.timing == "flow" and count.key in counts
    }


def _paragraphs(published: PublishedReport) -> Iterator[Finding]:
    paragraphs = [
        (part, stated)
        for part, stated in (
            ("period", published.period_figures),
            ("cumulative", published.cumulative_figures),
        )
        if stated is not None
    ]
    table = published.table
    # A body's rates are each checked at the decimals it shows.
    convention = _Convention(
        ","
        if table is None or table.decimal_mark is None
        else table.decimal_mark,
        None,
    )
    rates = _RateCheck(convention)
    for part, stated in paragraphs:
        where = Location(part=part)
        yield from _splits(stated.counts, where)
        declared = {column.key: column for column in stated.columns}
        for key, text in stated.rates.items():
            yield from rates.check(
                text,
                stated.rate(key),
                stated.counts,
                attrs.evolve(
                    where, column=key, heading=_declared(declared.get(key))
                ),
            )
    # The cumulative figures include the period's (as flows, within a year).
    yield from _compare(
        Location(part="cumulative"),
        _flows(published.cumulative_figures),
        _flows(published.period_figures),
        FindingKind.PERIOD_EXCEEDS_CUMULATIVE,
        at_least=True,
    )
    for shown in (table, published.period_table):
        if shown is None or shown.basis is None:
            continue
        body = (
            published.cumulative_figures
            if shown.basis is Basis.CUMULATIVE
            else published.period_figures
        )
        if body is not None:
            yield from _compare(
                Location(part=str(shown.basis)),
                body.counts,
                _table_total(shown),
                FindingKind.PARAGRAPH,
            )


def _follow(reports: list[PublishedReport]) -> bool | None:
    """
    Whether each report's period starts the day after the one before it
    ends; ``None`` when a period is unknown (the caller says they follow).
    """
    periods = [report.period for report in reports]
    if any(period is None for period in periods):
        return None
    return all(
        before.end + dt.timedelta(days=1) == after.start  # type: ignore[union-attr]
        for before, after in itertools.pairwise(periods)
    )


def _previous_findings(
    published: PublishedReport,
    previous: PublishedReport,
    between: tuple[PublishedReport, ...],
) -> tuple[list[Finding], bool, bool]:
    """
    What the periods of the reports allow: the findings about them,
    whether the cumulative figures can be compared at all, and whether
    "previous + the periods since = cumulative" holds exactly (or, with a
    period missing between them, only as a lower bound).
    """
    now, before = published.period, previous.period
    follow = _follow([previous, *between, published])
    if (
        now is not None
        and before is not None
        and (before.end.year != now.end.year or not before.end < now.start)
    ):
        note = Finding(
            kind=FindingKind.NOT_COMPARED,
            severity=Severity.NOTE,
            location=Location(part="previous"),
            printed=format_period(before),
            expected="",
            reason="new-year" if before.end.year != now.end.year else "",
        )
        return [note], False, False
    if follow is False:
        assert now is not None  # noqa: S101  (periods known)
        assert before is not None  # noqa: S101
        note = Finding(
            kind=FindingKind.NOT_CONSECUTIVE,
            severity=Severity.NOTE,
            location=Location(part="previous"),
            printed=format_period(before),
            expected=format_short_date(now.start - dt.timedelta(days=1)),
            reason="at-least",
        )
        return [note], True, False
    return [], True, True


def _issued(published: PublishedReport) -> list[Finding]:
    """
    A warning if the report is dated before its period ends.
    """
    issued, period = published.issued, published.period
    if issued is None or period is None or issued >= period.end:
        return []
    return [
        Finding(
            kind=FindingKind.ISSUED_EARLY,
            severity=Severity.WARNING,
            location=Location(part="header"),
            printed=format_short_date(issued),
            expected="",
            detail=(
                f"{format_short_date(period.start)} – "
                f"{format_short_date(period.end)}"
            ),
        )
    ]


def _check_between(
    published: PublishedReport,
    previous: PublishedReport | None,
    between: tuple[PublishedReport, ...],
) -> None:
    """
    The reports between must be of periods after *previous* and before
    *published*, in order.
    """
    ends = [
        report.period
        for report in (previous, *between, published)
        if report is not None
    ]
    if any(period is None for period in ends):
        return  # the caller says they are in order
    for before, after in itertools.pairwise(ends):
        assert before is not None  # noqa: S101  (checked above)
        assert after is not None  # noqa: S101
        if not before.end < after.start:
            msg = (
                "between must be the reports after the previous one and "
                f"before this one, in order: {format_period(after)} does "
                f"not come after {format_period(before)}"
            )
            raise ArgumentError(msg)


def _periods_between(
    between: tuple[PublishedReport, ...], *, exact: bool
) -> dict[str, int]:
    """
    The flows of the reports between, added up: where one of them lacks a
    figure, it is unknown (*exact*) or counted as nothing (a lower bound).
    """
    result: dict[str, int] = {}
    flows = [_flows(report.period_figures) for report in between]
    keys = {count.key for count in figures.counts() if count.timing == "flow"}
    for key in keys:
        values = [figures_.get(key) for figures_ in flows]
        if exact and None in values:
            continue
        result[key] = sum(value or 0 for value in values)
    return result


def _against_previous(
    published: PublishedReport,
    previous: PublishedReport,
    between: tuple[PublishedReport, ...] = (),
) -> list[Finding]:
    findings, growing, exact = _previous_findings(published, previous, between)
    if not growing:
        return findings
    before = _flows(previous.cumulative_figures)
    now = _flows(published.cumulative_figures)
    period = _flows(published.period_figures)
    since = _periods_between(between, exact=exact)
    compared = len(now.keys() & before.keys())
    findings.extend(
        _compare(
            Location(part="cumulative"),
            now,
            before,
            FindingKind.CUMULATIVE_DECREASED,
            at_least=True,
        )
    )
    expected = {
        key: before[key] + since[key] + period[key]
        for key in before.keys() & since.keys() & period.keys()
    }
    if not between:
        expected = {
            key: before[key] + period[key]
            for key in before.keys() & period.keys()
        }
    findings.extend(
        _compare(
            Location(part="cumulative"),
            now,
            expected,
            FindingKind.CUMULATIVE_SUM,
            at_least=not exact,
        )
    )
    table, earlier_table = published.table, previous.table
    if (
        table is not None
        and earlier_table is not None
        and table.basis is Basis.CUMULATIVE
        and earlier_table.basis is Basis.CUMULATIVE
    ):
        earlier = {row.name: row for row in earlier_table.rows}
        for index, row in enumerate(table.rows, start=1):
            if row.name in earlier:
                old = _flows(earlier[row.name])
                compared += len(_flows(row).keys() & old.keys())
                findings.extend(
                    _compare(
                        Location(part="table", row=index, row_name=row.name),
                        _flows(row),
                        old,
                        FindingKind.CUMULATIVE_DECREASED,
                        at_least=True,
                    )
                )
    if not compared:
        findings.append(
            Finding(
                kind=FindingKind.NOT_COMPARED,
                severity=Severity.NOTE,
                location=Location(part="previous"),
                printed="",
                expected="",
            )
        )
    return findings


def audit(
    published: PublishedReport | PublishedTable,
    previous: PublishedReport | None = None,
    *,
    between: Iterable[PublishedReport] = (),
) -> tuple[Finding, ...]:
    """
    Check published figures and return every finding, in document order.

    *previous* is an earlier report of the same year. When it is the one
    just before (its period ends the day before this one starts, or a
    period is unknown), this cumulative must be its cumulative plus this
    period. When reports were left out, *between* gives them, and their
    periods are added too; without them the sum is a lower bound, noted
    as such, and still checked: this cumulative is at least the earlier
    one plus this period, for every figure that adds up over time. A
    report of another year is not compared (cumulative figures restart on
    1 January).

    >>> from hcc_report.examples import binh_thuan_2023_02_published
    >>> findings = audit(binh_thuan_2023_02_published())
    >>> [(f.severity.value, f.location.row_name, f.printed, f.expected)
    ...  for f in findings if f.severity is Severity.ERROR]
    [('error', 'Tổng cộng', '99.49%', '99.79%')]
    >>> sorted(f.location.row_name for f in findings
    ...        if f.severity is Severity.NOTE)
    ['Công an tỉnh', 'Sở Thông tin và Truyền thông']
    """
    check_type("published", published, (PublishedReport, PublishedTable))
    check_type("previous", previous, (PublishedReport, type(None)))
    reports = tuple(check_type("between", between, Iterable))
    for report in reports:
        check_type("each of between", report, PublishedReport)
    if reports and previous is None:
        msg = "between needs the previous report they follow"
        raise ArgumentError(msg)
    if reports and isinstance(published, PublishedReport):
        _check_between(published, previous, reports)
    if isinstance(published, PublishedTable):
        published = PublishedReport(table=published)
    table = published.table
    notation = published.notation or (table.notation if table else None)
    token = _NOTATION.set(notation)
    try:
        findings = _issued(published)
        findings.extend(_paragraphs(published))
        if table is not None:
            findings.extend(_table(table))
        if published.period_table is not None:
            findings.extend(
                attrs.evolve(
                    f, location=attrs.evolve(f.location, part="period-table")
                )
                for f in _table(published.period_table)
            )
            findings.extend(_period_within_cumulative(published))
        if previous is not None:
            findings.extend(_against_previous(published, previous, reports))
    finally:
        _NOTATION.reset(token)
    return tuple(findings)


# A consolidated table --------------------------------------------------------


def audit_consolidation(
    published: PublishedReport | PublishedTable,
    reports: Iterable[Report],
    *,
    by: ConsolidateBy = "centre",
) -> tuple[Finding, ...]:
    """
    Check a consolidated table as printed against the centres' reports.

    The *reports* are consolidated *by* centre, agency or group (see
    `hcc_report.consolidate`), and each printed row is matched
    to a row of the consolidation by its name, in Unicode NFC with its
    spaces as one and in the case printed: an agency's name or its short
    name, a centre's issuer name, a group's name. The findings are, row
    by row, then for the rows not printed, then for the total row:

    - ``consolidation`` (an error) for each printed count that differs
      from the sum, with the terms added in ``detail`` ("1.620 + 1.620",
      each centre's figure; for a centre's row, its rows' figures);
    - ``consolidation-extra-row`` (an error) for a printed row that is in
      none of the reports;
    - ``consolidation-missing-row`` for a row of the consolidation that is
      not printed: an error, or a warning when all its figures are zero;
    - ``consolidation`` for each count of the printed total row that
      differs from the total of the consolidation (the terms are each
      centre's total).

    A figure unknown in a centre's report is not compared, and printed
    subtotals are left to `hcc_report.audit`, as are the table's own
    checks (its splits, rates and total row against its rows): run it too
    for those.

    >>> import attrs
    >>> from hcc_report import Issuer
    >>> from hcc_report.calculation import consolidate
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> from hcc_report.published import PublishedRow, PublishedTable
    >>> february = binh_thuan_2023_02()
    >>> other = attrs.evolve(february, issuer=Issuer(name="Trung tâm B"))
    >>> rows = [
    ...     PublishedRow(name=row.agency.display_name,
    ...                  counts={"received": row.counts.received})
    ...     for row in consolidate([february, other], by="agency").rows
    ... ]
    >>> rows[9] = attrs.evolve(rows[9], counts={"received": 3420})
    >>> printed = PublishedTable(rows=rows)
    >>> for finding in audit_consolidation(printed, [february, other],
    ...                                    by="agency"):
    ...     print(describe(finding, "en"))
    ERROR    appendix, row 10 (Sở Tư pháp), column received: the figure
    differs from the sum of the centres' reports (1,620 + 1,620); printed
    3.420, expected 3.240

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *published* is not a
            `~hcc_report.published.PublishedReport` or
            `~hcc_report.published.PublishedTable`, or *reports* not
            reports (a `TypeError`).
        ~hcc_report.errors.ArgumentError: *published* has no table, or
            *by* is not one of the three.
        ~hcc_report.errors.ValidationError: The reports cannot be
            consolidated (see `hcc_report.consolidate`).
    """
    check_type("published", published, (PublishedReport, PublishedTable))
    centres = tuple(check_type("reports", reports, Iterable))
    consolidated = consolidate(centres, by=by)
    if isinstance(published, PublishedTable):
        published = PublishedReport(table=published)
    table = published.table
    if table is None:
        msg = "published has no table to compare with the reports"
        raise ArgumentError(msg)
    token = _NOTATION.set(published.notation or table.notation)
    try:
        findings = list(_consolidated_rows(table, consolidated, centres, by))
        if table.total is not None:
            per_centre = consolidate(centres).rows
            findings.extend(
                _sums(
                    Location(part="table", row_name=table.total.name),
                    table.total.counts,
                    total(consolidated.rows),
                    [row.counts for row in per_centre],
                )
            )
    finally:
        _NOTATION.reset(token)
    return tuple(findings)


def _consolidated_rows(
    table: PublishedTable,
    consolidated: Appendix,
    reports: tuple[Report, ...],
    by: ConsolidateBy,
) -> Iterator[Finding]:
    """
    Each printed row against the row of the consolidation of its name,
    then the rows of the consolidation that are not printed.
    """
    rows = consolidated.rows
    names: dict[str, int] = {}
    for index, row in enumerate(rows):
        names.setdefault(_name_key(row.agency.name), index)
    for index, row in enumerate(rows):
        if row.agency.short_name is not None:
            names.setdefault(_name_key(row.agency.short_name), index)
    terms = _terms(reports, by)
    printed: set[int] = set()
    for number, line in enumerate(table.rows, start=1):
        if line.subtotal:
            continue  # the sum of its printed rows: audit() checks it
        where = Location(part="table", row=number, row_name=line.name)
        match = names.get(_name_key(line.name))
        if match is None:
            yield Finding(
                kind=FindingKind.CONSOLIDATION_EXTRA_ROW,
                severity=Severity.ERROR,
                location=where,
                printed="",
                expected="",
            )
            continue
        printed.add(match)
        row = rows[match]
        yield from _sums(
            where, line.counts, row.counts, terms[row.agency.name]
        )
    for index, row in enumerate(rows):
        if index not in printed:
            yield Finding(
                kind=FindingKind.CONSOLIDATION_MISSING_ROW,
                severity=(
                    Severity.ERROR
                    if any(row.counts.known().values())
                    else Severity.WARNING
                ),
                location=Location(
                    part="table", row_name=row.agency.display_name
                ),
                printed="",
                expected="",
            )


def _name_key(name: str) -> str:
    """
    A row's name to match by: in NFC, its spaces as one, its case kept.
    """
    return " ".join(nfc(name).split())


def _terms(
    reports: tuple[Report, ...], by: ConsolidateBy
) -> dict[str, list[Counts]]:
    """
    What each row of the consolidation adds up, by its name: a centre's
    rows, or each centre's figures of an agency or a group.
    """
    terms: dict[str, list[Counts]] = {}
    for report in reports:
        own = consolidate([report], by="agency" if by == "centre" else by)
        for row in own.rows:
            name = (
                report.issuer.long_name if by == "centre" else row.agency.name
            )
            terms.setdefault(name, []).append(row.counts)
    return terms


def _sums(
    location: Location,
    printed: Mapping[str, int],
    expected: Counts,
    terms: list[Counts],
) -> Iterator[Finding]:
    """
    Each printed count that differs from the sum, with the terms added.
    """
    sums = expected.known()
    for column, value in printed.items():
        if column not in sums or value == sums[column]:
            continue  # unknown in a centre's report, or right
        yield Finding(
            kind=FindingKind.CONSOLIDATION,
            severity=Severity.ERROR,
            location=attrs.evolve(location, column=column),
            printed=_number(value),
            expected=_number(sums[column]),
            detail=" + ".join(_number(term.known()[column]) for term in terms),
        )


# Describing findings ---------------------------------------------------------


def _heading(key: str, lang: str) -> str:
    try:
        figure = figures.get(key)
    except UnknownFigureError:
        return key  # a rate the table declared
    if is_vietnamese(lang):
        return figure.heading
    return translations(lang).gettext(figure.heading_en)


#: A count with its thousands grouped, by dots or by commas: the terms of
#: a finding's arithmetic.
_GROUPED = re.compile(r"\b\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*\b")


def _period_in(text: str, lang: str) -> str:
    """
    A period the audit wrote in Vietnamese ("tháng 01 năm 2023"), in
    *lang* ("January 2023").
    """
    try:
        period = Period.parse(text)
    except HccReportError:
        return text
    return format_period(period, lang=lang)


def _arithmetic(text: str, lang: str) -> str:
    """
    The counts of a finding's arithmetic ("1.278 + 0") in *lang*'s
    notation ("1,278 + 0" in English).
    """
    return _GROUPED.sub(
        lambda match: format_number(
            int(match[0].replace(".", "").replace(",", "")), lang=lang
        ),
        text,
    )


def _names(keys: tuple[str, ...], lang: str) -> str:
    return " + ".join(_heading(key, lang) for key in keys)


def describe(finding: Finding, lang: str = "vi") -> str:
    """
    Write *finding* on one line, in Vietnamese (``"vi"``), English or
    another language (`hcc_report.languages`). In a language other than
    Vietnamese the counts of its arithmetic are written in that language's
    notation; what was printed and what was expected are quoted as the
    document writes them.

    >>> print(describe(Finding(
    ...     kind=FindingKind.RATE, severity=Severity.ERROR,
    ...     location=Location(part="table", row_name="Tổng cộng",
    ...                       column="on_time_rate"),
    ...     printed="99.49%", expected="99.79%", detail="9.705 / 9.725")))
    LỖI  Phụ lục, dòng Tổng cộng, cột Tỷ lệ đúng hẹn: tỷ lệ khác tỷ lệ
    tính lại từ số liệu đã in (9.705 / 9.725); in 99.49%, đúng là 99.79%

    Raises:
        ~hcc_report.errors.ArgumentError: *lang* is not a language code.
    """
    check_type("finding", finding, Finding)
    words = audit_words(check_lang(lang))
    severity = words[f"severity-{finding.severity.value}"]
    text = (
        f"{severity:<9}{_where(finding.location, lang)}: "
        f"{words[finding.kind.value]}"
    )
    kind = finding.kind
    if kind is FindingKind.HEADING:
        text += f" «{finding.printed}»"
        if finding.base:
            text += (
                f" ({_names(finding.parts, lang)} / "
                f"{_names(finding.base, lang)})"
            )
        return text
    if kind is FindingKind.NOT_CHECKED:
        return text + f" «{finding.printed}»"
    return text + _explained(finding, lang)


def _where(location: Location, lang: str) -> str:
    """
    "Phụ lục, dòng 09 (Sở Tài nguyên và Môi trường), cột Trễ hẹn".
    """
    words = audit_words(lang)
    where = [words[location.part]]
    if location.row_name is not None:
        row = location.row_name
        if location.row is not None:
            row = f"{location.row:02d} ({row})"
        where.append(f"{words['row']} {row}")
    if location.column is not None:
        name = location.heading or _heading(location.column, lang)
        where.append(f"{words['column']} {name}")
    return ", ".join(where)


def _explained(finding: Finding, lang: str) -> str:
    """
    The arithmetic, the reason, and what was printed and expected.
    """
    words = audit_words(lang)
    detail, base_detail = finding.detail, finding.base_detail
    printed = finding.printed
    if not is_vietnamese(lang):
        detail = _arithmetic(detail, lang)
        base_detail = _arithmetic(base_detail, lang)
        if finding.location.part == "previous":
            printed = _period_in(printed, lang)
    text = ""
    if finding.kind is FindingKind.RATE_BASE:
        text += (
            f" {_names(finding.base, lang)} "
            f"({base_detail}), "
            f"{words['not-over']} {_names(finding.parts, lang)} "
            f"({detail})"
        )
    elif finding.parts:
        text += f" ({_names(finding.parts, lang)} = {detail})"
    elif detail:
        text += f" ({detail})"
    if finding.reason:
        text += f", {words['reason-' + finding.reason]}"
    if printed or finding.expected:
        text += f"; {words['printed']} {printed or words['empty']}"
    if finding.expected:
        text += f", {words['expected']} {finding.expected}"
    return text
