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
"""

from __future__ import annotations

import datetime as dt
import enum

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from hcc_report import figures
from hcc_report._checks import check_type
from hcc_report._messages import WORDS
from hcc_report.calculation import accumulate
from hcc_report.errors import ArgumentError, ParseError
from hcc_report.formatting import (
    format_number,
    format_percent,
    format_period,
    format_short_date,
    parse_percent,
)
from hcc_report.model import Basis, split_mismatches, sum_figures
from hcc_report.published import (
    NOT_SHOWN,
    PublishedFigures,
    PublishedReport,
    PublishedRow,
    PublishedTable,
)
from hcc_report.rounding import Rounding, rate, round_fraction


__all__ = [
    "Finding",
    "FindingKind",
    "Location",
    "Severity",
    "audit",
    "describe",
]


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
    #: Nothing of the previous report could be compared.
    NOT_COMPARED = "not-compared"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Location:
    """
    Where a finding is.
    """

    #: ``"table"``, ``"period"`` (the body's figures of the period),
    #: ``"cumulative"`` (the body's cumulative figures) or ``"previous"``
    #: (the previous report, as a whole).
    part: str
    #: The row's position in the table, from 1; ``None`` for the total row
    #: or outside a table.
    row: int | None = None
    #: The row's name as printed (``"Tổng cộng"`` for the total row).
    row_name: str | None = None
    #: The column, a count or rate field name.
    column: str | None = None


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
    #: differs, and ``"new-year"`` why a previous report is not compared.
    reason: str = ""


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
    mark: str
    places: int


def _convention(
    texts: list[str], mark: str | None, places: int | None
) -> tuple[_Convention, list[Finding]]:
    """
    The decimal mark and places of a table's rates: stated, or the most
    common; a warning where they differ.
    """
    findings = []
    marks = Counter(m for text in texts if (m := _rate_mark(text)[0]))
    seen = Counter(_rate_mark(text)[1] for text in texts)
    chosen = _Convention(
        mark or (marks.most_common(1)[0][0] if marks else ","),
        places
        if places is not None
        # The most common; on a tie, the most decimals.
        else max(seen, key=lambda p: (seen[p], p))
        if seen
        else 2,
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
    if len(seen) > 1 or (places is not None and set(seen) - {places}):
        findings.append(
            Finding(
                kind=FindingKind.CONVENTION,
                severity=Severity.WARNING,
                location=Location(part="table"),
                printed=" ".join(str(p) for p in sorted(seen)),
                expected=str(chosen.places),
                reason="decimal-places",
            )
        )
    return chosen, findings


# Checks ----------------------------------------------------------------------


def _splits(
    counts: Mapping[str, int], location: Location
) -> Iterator[Finding]:
    for mismatch in split_mismatches(counts):
        total = format_number(mismatch.parts_sum)
        yield Finding(
            kind=FindingKind.SPLIT,
            severity=Severity.ERROR,
            location=attrs.evolve(location, column=mismatch.whole),
            printed=format_number(mismatch.value),
            expected=total if mismatch.complete else f">= {total}",
            detail=" + ".join(map(format_number, mismatch.part_values)),
            parts=mismatch.parts,
        )


def _rates(
    row: PublishedRow | PublishedFigures,
    location: Location,
    convention: _Convention,
) -> Iterator[Finding]:
    for field, text in row.rates.items():
        part, whole = figures.rate(field).terms(row.counts)
        if part is None or whole is None:
            continue  # the counts are not printed: nothing to compare
        where = attrs.evolve(location, column=field)
        if whole == 0:
            yield _zero_rate(text, where)
            continue
        shown = text.strip() not in NOT_SHOWN
        mark, places = _rate_mark(text) if shown else (None, convention.places)
        expected = rate(part, whole, places=places)
        assert expected is not None  # noqa: S101  (whole > 0)
        expected_text = format_percent(
            expected, places=places, decimal_mark=mark or convention.mark
        )
        detail = f"{format_number(part)} / {format_number(whole)}"
        printed = _read_rate(text) if shown else None
        if not shown:
            yield Finding(
                kind=FindingKind.RATE_NOT_SHOWN,
                severity=Severity.WARNING,
                location=where,
                printed=text.strip(),
                expected=expected_text,
                detail=detail,
            )
        elif printed != expected:
            yield Finding(
                kind=FindingKind.RATE,
                severity=Severity.ERROR,
                location=where,
                printed=text.strip(),
                expected=expected_text,
                detail=detail,
                reason=_how_rounded(printed, part, whole, places),
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


def _table(table: PublishedTable) -> list[Finding]:
    rows = [*table.rows, *(() if table.total is None else (table.total,))]
    convention, findings = _convention(
        _shown(text for row in rows for text in row.rates.values()),
        table.decimal_mark,
        table.places,
    )
    for index, row in enumerate(table.rows, start=1):
        where = Location(part="table", row=index, row_name=row.name)
        findings.extend(_splits(row.counts, where))
        findings.extend(_rates(row, where, convention))
    if table.total is not None:
        where = Location(part="table", row_name=table.total.name)
        findings.extend(_totals(table))
        findings.extend(_splits(table.total.counts, where))
        findings.extend(_rates(table.total, where, convention))
    return findings


def _totals(table: PublishedTable) -> Iterator[Finding]:
    assert table.total is not None  # noqa: S101  (checked by the caller)
    sums = sum_figures(row.counts for row in table.rows)
    for column, printed in table.total.counts.items():
        expected = sums.get(column)
        if expected is not None and expected != printed:
            yield Finding(
                kind=FindingKind.TOTAL,
                severity=Severity.ERROR,
                location=Location(
                    part="table", row_name=table.total.name, column=column
                ),
                printed=format_number(printed),
                expected=format_number(expected),
            )


def _table_total(table: PublishedTable) -> dict[str, int]:
    """
    The table's total as printed, or else as the rows add up.
    """
    if table.total is not None:
        return dict(table.total.counts)
    return sum_figures(row.counts for row in table.rows)


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
                printed=format_number(value),
                expected=(
                    f">= {format_number(expected[column])}"
                    if at_least
                    else format_number(expected[column])
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
    convention = _Convention(
        ","
        if table is None or table.decimal_mark is None
        else table.decimal_mark,
        2 if table is None or table.places is None else table.places,
    )
    for part, stated in paragraphs:
        yield from _splits(stated.counts, Location(part=part))
        yield from _rates(stated, Location(part=part), convention)
    # The cumulative figures include the period's (as flows, within a year).
    yield from _compare(
        Location(part="cumulative"),
        _flows(published.cumulative_figures),
        _flows(published.period_figures),
        FindingKind.PERIOD_EXCEEDS_CUMULATIVE,
        at_least=True,
    )
    if table is not None and table.basis is not None:
        body = (
            published.cumulative_figures
            if table.basis is Basis.CUMULATIVE
            else published.period_figures
        )
        if body is not None:
            yield from _compare(
                Location(part=str(table.basis)),
                body.counts,
                _table_total(table),
                FindingKind.PARAGRAPH,
            )


def _previous_findings(
    published: PublishedReport, previous: PublishedReport
) -> tuple[list[Finding], bool, bool]:
    """
    What the periods of *published* and *previous* allow: the findings
    about them, whether "never goes down" can be checked, and whether
    "previous + period = cumulative" can.
    """
    now, before = published.period, previous.period
    if now is None or before is None:
        return [], True, True  # the caller says they follow each other
    if before.end + dt.timedelta(days=1) != now.start:
        warning = Finding(
            kind=FindingKind.NOT_CONSECUTIVE,
            severity=Severity.WARNING,
            location=Location(part="previous"),
            printed=format_period(before),
            expected=format_short_date(now.start - dt.timedelta(days=1)),
        )
        # An earlier report of the same year still never exceeds this one.
        earlier = before.end < now.start and before.end.year == now.end.year
        return [warning], earlier, False
    if before.end.year != now.end.year:
        note = Finding(
            kind=FindingKind.NOT_COMPARED,
            severity=Severity.NOTE,
            location=Location(part="previous"),
            printed=format_period(before),
            expected="",
            reason="new-year",
        )
        return [note], False, False
    return [], True, True


def _against_previous(
    published: PublishedReport, previous: PublishedReport
) -> list[Finding]:
    findings, growing, adding = _previous_findings(published, previous)
    if not growing:
        return findings
    before = _flows(previous.cumulative_figures)
    now = _flows(published.cumulative_figures)
    period = _flows(published.period_figures)
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
    if adding:
        findings.extend(
            _compare(
                Location(part="cumulative"),
                now,
                _flows(accumulate(before, period)),
                FindingKind.CUMULATIVE_SUM,
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
) -> tuple[Finding, ...]:
    """
    Check published figures and return every finding, in document order.

    *previous* is the previous report of the same year, compared in full
    when its period ends the day before this one starts (or when either
    period is unknown). An earlier report of the same year gets a warning
    and is only checked for cumulative figures that went down; one of
    another year is not compared (cumulative figures restart on 1 January).

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
    if isinstance(published, PublishedTable):
        published = PublishedReport(table=published)
    findings = list(_paragraphs(published))
    if published.table is not None:
        findings.extend(_table(published.table))
    if previous is not None:
        findings.extend(_against_previous(published, previous))
    return tuple(findings)


# Describing findings ---------------------------------------------------------


def _heading(key: str, lang: str) -> str:
    figure = figures.get(key)
    return figure.heading if lang == "vi" else figure.heading_en


def describe(finding: Finding, lang: str = "vi") -> str:
    """
    Write *finding* on one line, in Vietnamese (``"vi"``) or English.

    >>> print(describe(Finding(
    ...     kind=FindingKind.RATE, severity=Severity.ERROR,
    ...     location=Location(part="table", row_name="Tổng cộng",
    ...                       column="on_time_rate"),
    ...     printed="99.49%", expected="99.79%", detail="9.705 / 9.725")))
    LỖI  Phụ lục, dòng Tổng cộng, cột Tỷ lệ đúng hẹn: tỷ lệ khác tỷ lệ
    tính lại từ số liệu đã in (9.705 / 9.725); in 99.49%, đúng là 99.79%

    Raises:
        ~hcc_report.errors.ArgumentError: *lang* is neither ``"vi"`` nor
            ``"en"``.
    """
    check_type("finding", finding, Finding)
    if lang not in WORDS:
        msg = f"lang must be 'vi' or 'en', got {lang!r}"
        raise ArgumentError(msg)
    words = WORDS[lang]
    location = finding.location
    where = [words[location.part]]
    if location.row_name is not None:
        row = location.row_name
        if location.row is not None:
            row = f"{location.row:02d} ({row})"
        where.append(f"{words['row']} {row}")
    if location.column is not None:
        where.append(f"{words['column']} {_heading(location.column, lang)}")
    severity = words[f"severity-{finding.severity.value}"]
    text = f"{severity:<9}{', '.join(where)}: {words[finding.kind.value]}"
    if finding.parts:
        names = " + ".join(_heading(part, lang) for part in finding.parts)
        text += f" ({names} = {finding.detail})"
    elif finding.detail:
        text += f" ({finding.detail})"
    if finding.reason:
        text += f", {words['reason-' + finding.reason]}"
    if finding.printed or finding.expected:
        text += f"; {words['printed']} {finding.printed or words['empty']}"
    if finding.expected:
        text += f", {words['expected']} {finding.expected}"
    return text
