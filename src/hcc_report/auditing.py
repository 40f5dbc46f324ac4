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

import contextlib
import enum

from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from hcc_report._messages import COLUMNS, WORDS
from hcc_report.errors import ParseError
from hcc_report.formatting import format_number, format_percent, parse_percent
from hcc_report.model import FLOW_FIELDS, SPLITS, Basis
from hcc_report.published import (
    NOT_SHOWN,
    RATE_FIELDS,
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

    def __str__(self) -> str:
        return self.value


@attrs.frozen(kw_only=True)
class Location:
    """
    Where a finding is.
    """

    #: ``"table"``, ``"period"`` (the body's figures of the period),
    #: ``"cumulative"`` (the body's cumulative figures) or ``"report"``.
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
    """

    kind: FindingKind
    severity: Severity
    location: Location
    #: The value as printed ("99.49%", "20").
    printed: str
    #: What it should be, written the way the document writes figures.
    expected: str
    #: How the expected value was found ("9.705 / 9.725").
    detail: str = ""


# Conventions of a table -----------------------------------------------------


@attrs.frozen
class _Convention:
    mark: str
    places: int


def _mark_of(text: str) -> str | None:
    """
    The decimal mark a printed rate shows, if it shows one unambiguously.
    """
    digits = text.strip().rstrip("%").strip()
    for mark in (",", "."):
        if mark in digits:
            after = digits.rpartition(mark)[2]
            # Three digits after a mark could be a thousands group.
            if after.isdigit() and len(after) != 3:  # noqa: PLR2004
                return mark
    return None


def _shown_rates(table: PublishedTable) -> Iterator[str]:
    for row in (*table.rows, *(() if table.total is None else (table.total,))):
        for text in row.rates.values():
            if text.strip() not in NOT_SHOWN:
                yield text.strip()


def _places_of(text: str, mark: str) -> int:
    digits = text.rstrip("%").strip()
    if mark not in digits:
        return 0
    return len(digits.rpartition(mark)[2])


def _convention(table: PublishedTable) -> tuple[_Convention, list[Finding]]:
    findings = []
    texts = list(_shown_rates(table))
    marks = Counter(mark for text in texts if (mark := _mark_of(text)))
    if table.decimal_mark is not None:
        mark = table.decimal_mark
    elif marks:
        mark = marks.most_common(1)[0][0]
    else:
        mark = ","
    if len(marks) > 1:
        findings.append(
            Finding(
                kind=FindingKind.CONVENTION,
                severity=Severity.WARNING,
                location=Location(part="table"),
                printed=" ".join(sorted(marks)),
                expected=mark,
                detail="decimal mark",
            )
        )
    places_seen = Counter(_places_of(text, mark) for text in texts)
    if table.places is not None:
        places = table.places
    elif places_seen:
        # The most common; on a tie, the most decimals.
        places = max(places_seen, key=lambda p: (places_seen[p], p))
    else:
        places = 2
    if len(places_seen) > 1 or (
        table.places is not None and set(places_seen) - {table.places}
    ):
        findings.append(
            Finding(
                kind=FindingKind.CONVENTION,
                severity=Severity.WARNING,
                location=Location(part="table"),
                printed=" ".join(str(p) for p in sorted(places_seen)),
                expected=str(places),
                detail="decimal places",
            )
        )
    return _Convention(mark, places), findings


# Checks ----------------------------------------------------------------------


def _splits(
    counts: Mapping[str, int], location: Location
) -> Iterator[Finding]:
    effective = dict(counts)
    if "on_time" not in effective and {"early", "on_due_date"} <= set(counts):
        effective["on_time"] = counts["early"] + counts["on_due_date"]
    for whole, parts in SPLITS:
        if whole not in counts:
            continue
        known = [part for part in parts if part in effective]
        if not known:
            continue
        parts_sum = sum(effective[part] for part in known)
        complete = len(known) == len(parts)
        if (complete and parts_sum != counts[whole]) or parts_sum > counts[
            whole
        ]:
            yield Finding(
                kind=FindingKind.SPLIT,
                severity=Severity.ERROR,
                location=attrs.evolve(location, column=whole),
                printed=format_number(counts[whole]),
                expected=(
                    format_number(parts_sum)
                    if complete
                    else f">= {format_number(parts_sum)}"
                ),
                detail=" + ".join(
                    f"{part} {format_number(effective[part])}"
                    for part in known
                ),
            )


def _rates(
    row: PublishedRow | PublishedFigures,
    location: Location,
    convention: _Convention,
) -> Iterator[Finding]:
    for field, text in row.rates.items():
        numerator, denominator = RATE_FIELDS[field]
        part = row.counts.get(numerator)
        whole = row.counts.get(denominator)
        where = attrs.evolve(location, column=field)
        shown = text.strip() not in NOT_SHOWN
        if part is None or whole is None:
            continue  # the counts are not printed: nothing to compare
        if whole == 0:
            yield from _zero_rate(text, where, convention)
            continue
        places = (
            _places_of(text, convention.mark) if shown else convention.places
        )
        expected = rate(part, whole, places=places)
        assert expected is not None  # noqa: S101  (whole > 0)
        expected_text = format_percent(
            expected, places=places, decimal_mark=convention.mark
        )
        detail = f"{format_number(part)} / {format_number(whole)}"
        if not shown:
            yield Finding(
                kind=FindingKind.RATE_NOT_SHOWN,
                severity=Severity.WARNING,
                location=where,
                printed=text,
                expected=expected_text,
                detail=detail,
            )
            continue
        printed = _read_rate(text, convention.mark)
        if printed != expected:
            yield Finding(
                kind=FindingKind.RATE,
                severity=Severity.ERROR,
                location=where,
                printed=text.strip(),
                expected=expected_text,
                detail=detail + _how_rounded(printed, part, whole, places),
            )


def _read_rate(text: str, mark: str) -> Decimal | None:
    """
    A printed rate's value, in the table's convention or else the other.
    """
    percent = text if "%" in text else text + "%"
    values = []
    for candidate in (mark, "," if mark == "." else "."):
        with contextlib.suppress(ParseError):
            values.append(parse_percent(percent, decimal_mark=candidate))
    return values[0] if values else None


def _how_rounded(
    printed: Decimal | None, part: int, whole: int, places: int
) -> str:
    """
    Say how a wrong rate may have come about, when that can be told.
    """
    if printed is None:
        return ""
    exact = Fraction(100 * part, whole)
    if printed == round_fraction(
        exact, places=places, rounding=Rounding.HALF_EVEN
    ):
        return "; rounded half to even instead of half up"
    scale = 10**places
    if Fraction(printed) == Fraction(int(exact * scale), scale):
        return "; truncated instead of rounded"
    return ""


def _zero_rate(
    text: str, location: Location, convention: _Convention
) -> Iterator[Finding]:
    """
    A rate over zero dossiers: 100 %, 0 % or a mark are conventions.
    """
    value = (
        None
        if text.strip() in NOT_SHOWN
        else _read_rate(text, convention.mark)
    )
    usual = value is None or value in (0, 100)
    yield Finding(
        kind=FindingKind.ZERO_RATE if usual else FindingKind.RATE,
        severity=Severity.NOTE if usual else Severity.ERROR,
        location=location,
        printed=text.strip(),
        expected="" if usual else "100% / 0% / -",
        detail="0 / 0",
    )


def _table(table: PublishedTable) -> list[Finding]:
    convention, findings = _convention(table)
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


def _column_sum(table: PublishedTable, column: str) -> int | None:
    values = [row.counts.get(column) for row in table.rows]
    if any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


def _totals(table: PublishedTable) -> Iterator[Finding]:
    assert table.total is not None  # noqa: S101  (checked by the caller)
    for column, printed in table.total.counts.items():
        expected = _column_sum(table, column)
        if expected is not None and expected != printed:
            yield Finding(
                kind=FindingKind.TOTAL,
                severity=Severity.ERROR,
                location=Location(
                    part="table", row_name=table.total.name, column=column
                ),
                printed=format_number(printed),
                expected=format_number(expected),
                detail=f"{len(table.rows)} rows",
            )


def _table_total(table: PublishedTable) -> dict[str, int]:
    """
    The table's total as printed, or else as the rows add up.
    """
    if table.total is not None:
        return dict(table.total.counts)
    sums = {}
    for column in {c for row in table.rows for c in row.counts}:
        value = _column_sum(table, column)
        if value is not None:
            sums[column] = value
    return sums


def _compare(
    part: str,
    printed: Mapping[str, int],
    expected: Mapping[str, int],
    kind: FindingKind,
    detail: str,
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
                location=Location(part=part, column=column),
                printed=format_number(value),
                expected=(
                    f">= {format_number(expected[column])}"
                    if at_least
                    else format_number(expected[column])
                ),
                detail=detail,
            )


def _flows(figures: PublishedFigures | None) -> dict[str, int]:
    if figures is None:
        return {}
    return {k: v for k, v in figures.counts.items() if k in FLOW_FIELDS}


def _paragraphs(published: PublishedReport) -> Iterator[Finding]:
    for part, figures in (
        ("period", published.period_figures),
        ("cumulative", published.cumulative_figures),
    ):
        if figures is not None:
            yield from _splits(figures.counts, Location(part=part))
            yield from _rates(
                figures, Location(part=part), _Convention(",", 2)
            )
    period = _flows(published.period_figures)
    cumulative = _flows(published.cumulative_figures)
    # The cumulative figures include the period's (as a flow, within a year).
    yield from _compare(
        "cumulative",
        cumulative,
        period,
        FindingKind.PERIOD_EXCEEDS_CUMULATIVE,
        "the period's figure",
        at_least=True,
    )
    table = published.table
    if table is not None and table.basis is not None:
        figures = (
            published.cumulative_figures
            if table.basis is Basis.CUMULATIVE
            else published.period_figures
        )
        if figures is not None:
            yield from _compare(
                str(table.basis),
                figures.counts,
                _table_total(table),
                FindingKind.PARAGRAPH,
                "the table's total",
            )


def _against_previous(
    published: PublishedReport, previous: PublishedReport
) -> Iterator[Finding]:
    if (
        published.period is not None
        and previous.period is not None
        and published.period.end.year != previous.period.end.year
    ):
        return  # cumulative figures restart on 1 January
    before = _flows(previous.cumulative_figures)
    now = _flows(published.cumulative_figures)
    period = _flows(published.period_figures)
    yield from _compare(
        "cumulative",
        now,
        before,
        FindingKind.CUMULATIVE_DECREASED,
        "the previous report's cumulative figure",
        at_least=True,
    )
    expected = {
        column: before[column] + period[column]
        for column in before.keys() & period.keys()
    }
    yield from _compare(
        "cumulative",
        now,
        expected,
        FindingKind.CUMULATIVE_SUM,
        "previous cumulative + this period",
    )
    if (
        published.table is not None
        and previous.table is not None
        and published.table.basis is Basis.CUMULATIVE
        and previous.table.basis is Basis.CUMULATIVE
    ):
        earlier = {row.name: row for row in previous.table.rows}
        for index, row in enumerate(published.table.rows, start=1):
            if row.name in earlier:
                for finding in _compare(
                    "table",
                    _flows(row.figures),
                    _flows(earlier[row.name].figures),
                    FindingKind.CUMULATIVE_DECREASED,
                    "the previous report's cumulative figure",
                    at_least=True,
                ):
                    yield attrs.evolve(
                        finding,
                        location=attrs.evolve(
                            finding.location, row=index, row_name=row.name
                        ),
                    )


def audit(
    published: PublishedReport | PublishedTable,
    previous: PublishedReport | None = None,
) -> tuple[Finding, ...]:
    """
    Check published figures and return every finding, in document order.

    *previous* is the previous report of the same year, if it is to be
    compared.

    >>> from hcc_report.examples import binh_thuan_2023_02_published
    >>> findings = audit(binh_thuan_2023_02_published())
    >>> [(f.severity.value, f.location.row_name, f.printed, f.expected)
    ...  for f in findings if f.severity is Severity.ERROR]
    [('error', 'Tổng cộng', '99.49%', '99.79%')]
    >>> sorted(f.location.row_name for f in findings
    ...        if f.severity is Severity.NOTE)
    ['Công an tỉnh', 'Sở Thông tin và Truyền thông']
    """
    if isinstance(published, PublishedTable):
        published = PublishedReport(table=published)
    findings = list(_paragraphs(published))
    if published.table is not None:
        findings.extend(_table(published.table))
    if previous is not None:
        findings.extend(_against_previous(published, previous))
    return tuple(findings)


# Describing findings -------------------------------------------------------


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
        ValueError: *lang* is neither ``"vi"`` nor ``"en"``.
    """
    if lang not in WORDS:
        msg = f"lang must be 'vi' or 'en', got {lang!r}"
        raise ValueError(msg)
    words = WORDS[lang]
    columns = COLUMNS[lang]
    location = finding.location
    where = [words[location.part]]
    if location.row_name is not None:
        row = location.row_name
        if location.row is not None:
            row = f"{location.row:02d} ({row})"
        where.append(f"{words['row']} {row}")
    if location.column is not None:
        column = columns.get(location.column, location.column)
        where.append(f"{words['column']} {column}")
    severity = words[f"severity-{finding.severity.value}"]
    text = f"{severity:<9}{', '.join(where)}: {words[finding.kind.value]}"
    if finding.detail:
        text += f" ({finding.detail})"
    empty = "(trống)" if lang == "vi" else "(empty)"
    text += f"; {words['printed']} {finding.printed or empty}"
    if finding.expected:
        text += f", {words['expected']} {finding.expected}"
    return text
