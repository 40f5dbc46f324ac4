"""
Tests for hcc_report.auditing: the audit of published figures.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc_report import Basis, Period, Severity, audit, rate
from hcc_report.auditing import Finding, FindingKind, Location, describe
from hcc_report.examples import (
    binh_thuan_2023_02,
    binh_thuan_2023_02_appendix,
    binh_thuan_2023_02_published,
)
from hcc_report.formatting import format_percent
from hcc_report.presentation import printed_figures as as_published
from hcc_report.published import (
    PublishedFigures,
    PublishedReport,
    PublishedRow,
    PublishedTable,
)
from hcc_report.styles import FORM_06
from strategies import reports


def errors(findings):
    return [f for f in findings if f.severity is Severity.ERROR]


def summary(findings):
    return [
        (
            f.severity.value,
            f.kind.value,
            f.location.row_name,
            f.printed,
            f.expected,
        )
        for f in findings
    ]


class TestSeed:
    @pytest.mark.parametrize(
        "published",
        [binh_thuan_2023_02_published, binh_thuan_2023_02_appendix],
    )
    def test_one_error_and_two_notes(self, published):
        """
        The published February 2023 report has one wrong figure, the total
        on-time rate, and two rates over zero dossiers shown as 100.00%.
        """
        findings = audit(published())

        assert [
            (
                "note",
                "zero-rate",
                "Sở Thông tin và Truyền thông",
                "100.00%",
                "",
            ),
            ("note", "zero-rate", "Công an tỉnh", "100.00%", ""),
            ("error", "rate", "Tổng cộng", "99.49%", "99.79%"),
        ] == summary(findings)
        assert [11, 17, None] == [f.location.row for f in findings]
        assert "9.705 / 9.725" == findings[-1].detail

    def test_processed_above_received_is_not_flagged(self):
        """
        Nine rows processed more than they received: that is carry-over.
        """
        table = binh_thuan_2023_02_published().table
        above = [
            row.name
            for row in table.rows
            if row.counts["processed"] > row.counts["received"]
        ]

        flagged = {f.location.row_name for f in audit(table)}

        assert 9 == len(above)
        assert not flagged & set(above)

    @pytest.mark.parametrize("style", ["decree-30", "binh-thuan"])
    def test_what_hcc_report_prints_adds_up(self, style):
        """
        The example as rendered has no error or warning, only notes.
        """
        findings = audit(as_published(binh_thuan_2023_02(), style))

        assert {Severity.NOTE} == {f.severity for f in findings}

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(
        report=reports(),
        style=st.sampled_from(
            [
                "decree-30",
                "binh-thuan",
                "form-06",
                attrs.evolve(
                    FORM_06, subtotals="last", total_first=True, name="mine"
                ),
            ]
        ),
    )
    def test_any_rendered_report_adds_up(self, report, style):
        """
        Whatever report hcc_report renders, in any preset, with subtotals
        first or last and the total first or last, its printed figures
        pass the audit without error or warning.
        """
        findings = audit(as_published(report, style))

        assert [] == [f for f in findings if f.severity is not Severity.NOTE]


# Consistent published tables, and one change to them ---------------------------


@st.composite
def published_tables(draw):
    """
    Draw a published table whose figures add up, with rates rounded half
    up in one convention, and its total row.
    """
    mark = draw(st.sampled_from([",", "."]))
    places = draw(st.sampled_from([1, 2]))
    zero_text = draw(
        st.sampled_from(
            [format_percent(100, places=places, decimal_mark=mark), "-"]
        )
    )

    def printed_rate(on_time, processed):
        if processed == 0:
            return zero_text
        value = rate(on_time, processed, places=places)
        return format_percent(value, places=places, decimal_mark=mark)

    rows = []
    names = draw(
        st.lists(
            st.text(alphabet="ABCDĐEGHƯƠ ", min_size=1, max_size=8).filter(
                lambda n: n.strip() and n.strip().casefold() != "tổng cộng"
            ),
            min_size=1,
            max_size=8,
            unique_by=lambda n: n.strip(),
        )
    )
    for i, name in enumerate(names, start=1):
        on_time = draw(st.integers(0, 5000))
        late = draw(st.integers(0, 300))
        counts = {
            "received": draw(st.integers(0, 6000)),
            "processed": on_time + late,
            "on_time": on_time,
            "late": late,
        }
        rows.append(
            PublishedRow(
                name=name.strip(),
                number=f"{i:02d}",
                counts=counts,
                rates={"on_time_rate": printed_rate(on_time, on_time + late)},
            )
        )
    sums = {
        column: sum(row.counts[column] for row in rows)
        for column in ("received", "processed", "on_time", "late")
    }
    total = PublishedRow(
        name="Tổng cộng",
        counts=sums,
        rates={
            "on_time_rate": printed_rate(sums["on_time"], sums["processed"])
        },
    )
    return PublishedTable(rows=rows, total=total), mark, places


class TestProperties:
    @settings(max_examples=150)
    @given(published_tables())
    def test_consistent_tables_pass(self, drawn):
        """
        A table whose figures add up and whose rates are rounded half up
        gives no error and no warning, in either convention, with 1 or 2
        decimals.
        """
        table, _, _ = drawn

        findings = audit(table)

        assert [] == [f for f in findings if f.severity is not Severity.NOTE]

    @settings(max_examples=300)
    @given(drawn=published_tables(), data=st.data())
    def test_any_changed_figure_is_an_error(self, drawn, data):
        """
        Changing any one printed count or rate to another value gives an
        error that names its row or the total row.
        """
        table, mark, places = drawn
        rows = [*table.rows, table.total]
        index = data.draw(st.integers(0, len(rows) - 1))
        row = rows[index]
        column = data.draw(
            st.sampled_from(
                ["received", "processed", "on_time", "late", "rate"]
            )
        )
        if column == "rate":
            processed = row.counts["processed"]
            if processed:
                right = rate(row.counts["on_time"], processed, places=places)
                unit = Decimal(1).scaleb(-places)
                step = data.draw(st.integers(-50, 50).filter(bool))
                new = max(right + step * unit, Decimal(0))
                if new == right:
                    new = right + unit
            else:
                # Over zero dossiers, 0 % and 100 % are both conventions.
                new = data.draw(
                    st.decimals(1, 99, places=places).filter(lambda d: d != 0)
                )
            text = format_percent(new, places=places, decimal_mark=mark)
            changed = attrs.evolve(row, rates={"on_time_rate": text})
        else:
            old = row.counts[column]
            new = data.draw(
                st.integers(0, old + 100).filter(lambda v: v != old)
            )
            changed = attrs.evolve(row, counts={**row.counts, column: new})
        rows[index] = changed
        mutated = PublishedTable(rows=rows[:-1], total=rows[-1])

        named = {f.location.row_name for f in errors(audit(mutated))}

        assert named & {row.name, table.total.name}, (column, changed)


# The checks, one by one ---------------------------------------------------------


def row(name="A", rate_text=None, **counts):
    rates = {} if rate_text is None else {"on_time_rate": rate_text}
    return PublishedRow(name=name, counts=counts, rates=rates)


class TestChecks:
    @pytest.mark.parametrize(
        "texts",
        [
            ["99,66%", "90,05%", "99.66%"],
            ["99.655%", "90.052%", "99,655%"],
            ["99,7", "90,1", "99.7%"],
        ],
    )
    def test_correct_rates_in_any_convention(self, texts):
        """
        A correct rate is never an error, whatever mark or places it shows:
        each is read with its own mark and checked at its own places.
        """
        counts = [(289, 290), (172, 191), (289, 290)]
        table = PublishedTable(
            rows=[
                row(f"R{i}", text, processed=whole, on_time=part)
                for i, (text, (part, whole)) in enumerate(
                    zip(texts, counts, strict=True)
                )
            ]
        )

        findings = audit(table)

        assert [] == errors(findings)

    def test_split_in_a_row(self):
        """
        on_time + late must be processed; the row and column are named.
        """
        findings = audit(
            PublishedTable(rows=[row(processed=10, on_time=8, late=1)])
        )

        assert [
            ("error", "split", "A", "10", "9"),
        ] == summary(findings)
        assert "processed" == findings[0].location.column
        assert ("8 + 1", ("on_time", "late")) == (
            findings[0].detail,
            findings[0].parts,
        )

    def test_online_above_received(self):
        """
        Known parts cannot exceed their whole.
        """
        findings = audit(
            PublishedTable(rows=[row(received=5, received_online=6)])
        )

        assert [("error", "split", "A", "5", ">= 6")] == summary(findings)

    def test_total_row(self):
        """
        Each printed total is the sum of its column.
        """
        table = PublishedTable(
            rows=[row("A", received=1), row("B", received=2)],
            total=row("Tổng cộng", received=4),
        )

        assert [("error", "total", "Tổng cộng", "4", "3")] == summary(
            audit(table)
        )

    @pytest.mark.parametrize(
        ("printed", "reason"),
        [
            ("12%", "half-even"),
            ("99,65%", "truncated"),
        ],
    )
    def test_how_a_rate_went_wrong(self, printed, reason):
        """
        A rate rounded half even, or truncated, says so.
        """
        part, whole = (1, 8) if printed == "12%" else (289, 290)
        table = PublishedTable(
            rows=[row(rate_text=printed, processed=whole, on_time=part)]
        )

        (finding,) = audit(table)

        assert reason == finding.reason

    def test_zero_rate_conventions(self):
        """
        Over zero dossiers, 100 %, 0 % and "-" are notes; 50 % is an error.
        """
        table = PublishedTable(
            rows=[
                row("A", "100,00%", processed=0, on_time=0),
                row("B", "0,00%", processed=0, on_time=0),
                row("C", "-", processed=0, on_time=0),
                row("D", "50,00%", processed=0, on_time=0),
            ]
        )

        assert ["note", "note", "note", "error"] == [
            f.severity.value for f in audit(table)
        ]

    def test_rate_not_shown(self):
        """
        A rate that applies but is not printed is a warning.
        """
        (finding,) = audit(
            PublishedTable(rows=[row(rate_text="-", processed=4, on_time=3)])
        )

        assert ("warning", "rate-not-shown", "75,00%") == (
            finding.severity.value,
            finding.kind.value,
            finding.expected,
        )

    def test_mixed_conventions(self):
        """
        Rates written with both marks warn; "75.0%" beside "75,00%" is the
        same rate with a trailing zero dropped, a convention.
        """
        table = PublishedTable(
            rows=[
                row("A", "75,00%", processed=4, on_time=3),
                row("B", "75.0%", processed=4, on_time=3),
                row("C", "75,00%", processed=4, on_time=3),
            ]
        )

        findings = audit(table)

        assert [("convention", "decimal-mark")] == [
            (f.kind.value, f.reason) for f in findings
        ]

    def test_stated_convention(self):
        """
        A stated decimal mark and precision are used, not guessed.
        """
        table = PublishedTable(
            rows=[row("A", "75.0%", processed=4, on_time=3)],
            decimal_mark=".",
            places=1,
        )

        assert () == audit(table)


class TestReports:
    def february(self, **changes):
        """
        The published February figures, with the total rate corrected.
        """
        published = binh_thuan_2023_02_published()
        table = published.table
        total = attrs.evolve(table.total, rates={"on_time_rate": "99.79%"})
        fixed = attrs.evolve(published, table=attrs.evolve(table, total=total))
        return attrs.evolve(fixed, **changes)

    def test_paragraph_against_the_table(self):
        """
        The cumulative figures of the body are those of the table's total.
        """
        cumulative = PublishedFigures(
            counts={
                "received": 10079,
                "processed": 9725,
                "on_time": 9705,
                "late": 20,
            }
        )

        findings = audit(self.february(cumulative_figures=cumulative))

        assert ("error", "paragraph", None, "10.079", "10.078") in summary(
            findings
        )

    def test_period_exceeds_cumulative(self):
        """
        The period's figures are part of the cumulative ones.
        """
        period = PublishedFigures(
            counts={
                "received": 20000,
                "processed": 5488,
                "on_time": 5475,
                "late": 13,
            }
        )

        findings = audit(self.february(period_figures=period))

        assert (
            "error",
            "period-exceeds-cumulative",
            None,
            "10.078",
            ">= 20.000",
        ) in summary(findings)

    def january(self, **cumulative):
        counts = {
            "received": 3851,
            "received_online": 1970,
            "processed": 4237,
            "on_time": 4230,
            "late": 7,
        } | cumulative
        return PublishedReport(
            period=Period.month(2023, 1),
            period_figures=PublishedFigures(counts=counts),
            cumulative_figures=PublishedFigures(counts=counts),
        )

    def test_consistent_with_the_previous_report(self):
        """
        January's cumulative + February = February's cumulative.
        """
        findings = audit(self.february(), self.january())

        assert [] == errors(findings)

    def test_cumulative_sum(self):
        """
        A cumulative figure that is not previous + period is an error.
        """
        findings = audit(self.february(), self.january(late=8))

        assert [("error", "cumulative-sum", None, "20", "21")] == summary(
            errors(findings)
        )

    def test_cumulative_decreased(self):
        """
        Cumulative figures never go down.
        """
        findings = audit(self.february(), self.january(received=20000))

        kinds = {f.kind for f in errors(findings)}
        assert FindingKind.CUMULATIVE_DECREASED in kinds

    def test_rows_never_go_down(self):
        """
        An agency's cumulative row cannot fall below the previous report's.
        """
        table = binh_thuan_2023_02_published().table
        earlier_rows = list(table.rows)
        earlier_rows[1] = attrs.evolve(
            earlier_rows[1],
            counts={**earlier_rows[1].counts, "received": 4000},
        )
        previous = PublishedReport(
            table=attrs.evolve(
                table, rows=earlier_rows, basis=Basis.CUMULATIVE
            )
        )

        findings = audit(self.february(), previous)

        assert (
            "error",
            "cumulative-decreased",
            "Sở Công thương",
            "3801",
            ">= 4000",
        ) in [
            (
                f.severity.value,
                f.kind.value,
                f.location.row_name,
                f.printed.replace(".", ""),
                f.expected.replace(".", ""),
            )
            for f in findings
        ]

    def test_only_the_period_just_before_is_compared(self):
        """
        A report compared with itself, or with a later one, is not
        compared: a note says so.
        """
        february = self.february()

        (finding,) = audit(february, february)[-1:]

        assert (
            "note",
            "not-compared",
            "tháng 02 năm 2023",
            "",
        ) == (
            finding.severity.value,
            finding.kind.value,
            finding.printed,
            finding.expected,
        )

    def test_an_earlier_report_gives_a_lower_bound(self):
        """
        January against March, February left out: a note says so, figures
        that went down are errors, and this cumulative must be at least
        January's plus March's own figures.
        """
        march = attrs.evolve(self.february(), period=Period.month(2023, 3))
        january = self.january(received=20000, late=8)

        findings = audit(march, january)

        kinds = {(f.severity.value, f.kind.value) for f in findings}
        assert ("note", "not-consecutive") in kinds
        assert ("error", "cumulative-decreased") in kinds
        (bound,) = [
            f
            for f in findings
            if f.kind.value == "cumulative-sum"
            and f.location.column == "received"
        ]
        # 20.000 in January and 6.227 in March alone.
        assert (">= 26.227", "10.078") == (bound.expected, bound.printed)

    def test_new_year(self):
        """
        December is not compared with January: cumulative figures restart.
        """
        january = attrs.evolve(self.january(), period=Period.month(2023, 1))
        december = attrs.evolve(
            self.january(received=99999), period=Period.month(2022, 12)
        )

        findings = audit(january, december)

        assert [("note", "not-compared", "new-year")] == [
            (f.severity.value, f.kind.value, f.reason) for f in findings
        ]

    def test_nothing_to_compare(self):
        """
        Two tables of unknown basis compare nothing, and say so.
        """
        table = binh_thuan_2023_02_appendix()

        findings = audit(table, table)

        assert "not-compared" == findings[-1].kind.value

    def test_another_year_is_not_compared(self):
        """
        Cumulative figures restart on 1 January.
        """
        previous = attrs.evolve(
            self.january(late=8), period=Period.month(2022, 12)
        )

        assert [] == errors(audit(self.february(), previous))


class TestDescribe:
    finding = Finding(
        kind=FindingKind.TOTAL,
        severity=Severity.ERROR,
        location=Location(
            part="table", row_name="Tổng cộng", column="received"
        ),
        printed="4",
        expected="3",
        detail="2 rows",
    )

    def test_vietnamese(self):
        """
        One line: severity, place, what, printed and expected.
        """
        assert (
            "LỖI      Phụ lục, dòng Tổng cộng, cột Đã tiếp nhận: dòng tổng cộng "
            "khác tổng các dòng (2 rows); in 4, đúng là 3"
        ) == describe(self.finding)

    def test_english(self):
        """
        The same in English.
        """
        assert (
            "ERROR    appendix, row Tổng cộng, column received: the total row "
            "differs from the sum of the rows (2 rows); printed 4, expected 3"
        ) == describe(self.finding, "en")

    def test_every_kind_and_column_has_words(self):
        """
        No finding can lack a translation.
        """
        for kind in FindingKind:
            for severity in Severity:
                for lang in ("vi", "en"):
                    describe(
                        attrs.evolve(
                            self.finding, kind=kind, severity=severity
                        ),
                        lang,
                    )

    def test_other_language(self):
        """
        A language without a catalogue gets the English words, its counts
        in its own notation; a code that is no language is refused.
        """
        finding = attrs.evolve(self.finding, detail="9.705 / 9.725")

        french = describe(finding, "fr")

        assert french.startswith("ERROR")
        assert "(9\u202f705 / 9\u202f725)" in french
        with pytest.raises(ValueError, match="lang must be"):
            describe(self.finding, "français!")

    def test_english_notation(self):
        """
        The arithmetic is written in English notation in English, as the
        document writes it otherwise only where the message is Vietnamese.
        """
        finding = attrs.evolve(self.finding, detail="1.278 + 0")

        assert "(1,278 + 0)" in describe(finding, "en")
        assert "(1.278 + 0)" in describe(finding, "vi")
