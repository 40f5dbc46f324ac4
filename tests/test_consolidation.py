"""
Tests for the consolidation of many centres' reports: consolidate() and
audit_consolidation().
"""

from __future__ import annotations

import unicodedata

from collections import Counter

import attrs
import pytest

from hypothesis import given
from hypothesis import strategies as st

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Basis,
    Counts,
    Issuer,
    Period,
    Severity,
    ValidationError,
    total,
)
from hcc_report.auditing import (
    Finding,
    FindingKind,
    Location,
    audit_consolidation,
    describe,
)
from hcc_report.calculation import ConsolidateBy, consolidate
from hcc_report.errors import ArgumentError, ArgumentTypeError
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.published import PublishedReport, PublishedRow, PublishedTable
from strategies import VIETNAMESE, counts, periods


FEBRUARY = Period.month(2023, 2)
BASE = binh_thuan_2023_02()
BY: tuple[ConsolidateBy, ...] = ("centre", "agency", "group")


def centre(name, rows, *, period=FEBRUARY, basis=Basis.PERIOD):
    """
    A centre's report for *period* whose appendix has *rows*, its body
    stating their total.
    """
    appendix = Appendix(
        title="Kết quả giải quyết thủ tục hành chính tháng 02 năm 2023",
        basis=basis,
        rows=rows,
    )
    table = total(appendix.rows)
    return attrs.evolve(
        BASE,
        issuer=Issuer(name=name),
        period=period,
        figures=table,
        cumulative=table if basis is Basis.CUMULATIVE else None,
        appendix=appendix,
    )


def row(name, group=None, short_name=None, **figures):
    return AppendixRow(
        agency=Agency(name=name, group=group, short_name=short_name),
        counts=Counts(**figures),
    )


def two_centres():
    """
    Two district centres of February 2023 that share an agency.
    """
    a = centre(
        "Bộ phận Một cửa huyện Tuy Phong",
        [
            row(
                "Sở Tư pháp",
                "Sở, ban, ngành",
                received=120,
                processed=110,
                on_time=108,
                late=2,
            ),
            row(
                "Công an tỉnh",
                "Ngành dọc",
                received=45,
                processed=40,
                on_time=40,
                late=0,
            ),
        ],
    )
    b = centre(
        "Bộ phận Một cửa huyện Phú Quý",
        [
            row(
                "Sở Y tế",
                "Sở, ban, ngành",
                received=7,
                processed=9,
                on_time=9,
                late=0,
            ),
            row(
                "Sở Tư pháp",
                "Sở, ban, ngành",
                short_name="STP",
                received=30,
                processed=31,
                on_time=30,
                late=1,
            ),
        ],
    )
    return a, b


def table_of(appendix):
    """
    *appendix* as a table would print it, names and counts, with its total.
    """
    return [
        (row.agency.name, row.counts.received, row.counts.on_time)
        for row in appendix.rows
    ]


class TestConsolidate:
    def test_by_centre(self):
        """
        One row per report, named after its issuer, with its total.
        """
        a, b = two_centres()

        table = consolidate([a, b])

        assert [
            ("Bộ phận Một cửa huyện Tuy Phong", 165, 148),
            ("Bộ phận Một cửa huyện Phú Quý", 37, 39),
        ] == table_of(table)
        assert [total(a.appendix.rows), total(b.appendix.rows)] == [
            r.counts for r in table.rows
        ]
        assert "Đơn vị báo cáo" == table.row_heading

    def test_by_agency(self):
        """
        One row per agency name, in order of first appearance, figure by
        figure the sum of the centres' rows; the first agency seen is kept.
        """
        a, b = two_centres()

        table = consolidate([a, b], by="agency")

        assert [
            ("Sở Tư pháp", 150, 138),
            ("Công an tỉnh", 45, 40),
            ("Sở Y tế", 7, 9),
        ] == table_of(table)
        assert (
            Counts(received=150, processed=141, on_time=138, late=3)
            == table.rows[0].counts
        )
        assert (None, "Sở, ban, ngành") == (
            table.rows[0].agency.short_name,
            table.rows[0].agency.group,
        )
        assert "Tên đơn vị" == table.row_heading

    def test_by_group(self):
        """
        One row per agency group, in order of first appearance.
        """
        a, b = two_centres()

        table = consolidate([a, b], by="group")

        assert [
            ("Sở, ban, ngành", 157, 147),
            ("Ngành dọc", 45, 40),
        ] == table_of(table)
        assert "Nhóm đơn vị" == table.row_heading

    @pytest.mark.parametrize("by", BY)
    def test_title_basis_and_heading(self, by):
        """
        The title is the first appendix's unless given, the basis theirs,
        the row heading as given.
        """
        a, b = two_centres()

        default = consolidate([a, b], by=by)
        given_ = consolidate(
            [a, b], by=by, title="Toàn tỉnh", row_heading="Địa phương"
        )

        assert (a.appendix.title, Basis.PERIOD) == (
            default.title,
            default.basis,
        )
        assert ("Toàn tỉnh", "Địa phương") == (
            given_.title,
            given_.row_heading,
        )

    def test_unknown_stays_unknown(self):
        """
        A figure one centre did not report is unknown in the sum.
        """
        a = centre("A", [row("X", received=5, received_online=2)])
        b = centre("B", [row("X", received=7)])

        (only,) = consolidate([a, b], by="agency").rows

        assert Counts(received=12) == only.counts

    def test_other_periods_are_refused(self):
        """
        The message names the report by its index and issuer, and both
        periods.
        """
        a, b = two_centres()
        b = attrs.evolve(b, period=Period.month(2023, 3))

        with pytest.raises(ValidationError) as info:
            consolidate([a, b])

        (problem,) = info.value.problems
        assert "reports[1].period" == problem.path
        assert (
            "must be Period.month(2023, 2) as in reports[0] from 'Bộ phận "
            "Một cửa huyện Tuy Phong', got Period.month(2023, 3) from 'Bộ "
            "phận Một cửa huyện Phú Quý'"
        ) == problem.message

    def test_a_quarter_is_not_the_first_three_months(self):
        """
        Periods are compared as periods, not as days.
        """
        rows = [row("X", received=1)]
        a = centre("A", rows, period=Period.quarter(2023, 1))
        b = centre("B", rows, period=Period.first_months(2023, 3))

        with pytest.raises(ValidationError, match=r"reports\[1\]\.period"):
            consolidate([a, b])

    def test_other_bases_are_refused(self):
        """
        The period's figures and cumulative ones do not add up together.
        """
        rows = [row("X", received=1)]
        a = centre("A", rows)
        b = centre("B", rows, basis=Basis.CUMULATIVE)

        with pytest.raises(ValidationError) as info:
            consolidate([a, b])

        assert [
            "reports[1].appendix.basis: must be 'period' as in reports[0] "
            "from 'A', got 'cumulative' from 'B'"
        ] == [str(p) for p in info.value.problems]

    def test_an_issuer_twice_is_refused(self):
        """
        Two reports from one centre would count its dossiers twice.
        """
        a, b = two_centres()

        with pytest.raises(ValidationError) as info:
            consolidate([a, b, a])

        assert [
            "reports[2].issuer: 'Bộ phận Một cửa huyện Tuy Phong' is "
            "already reports[0]: its dossiers would be counted twice"
        ] == [str(p) for p in info.value.problems]

    def test_every_problem_is_listed(self):
        """
        A report without an appendix, another period, a row without a
        group: all in one error.
        """
        a, b = two_centres()
        c = attrs.evolve(a, issuer=Issuer(name="C"), appendix=None)
        d = centre("D", [row("X", received=1)], period=Period.month(2023, 1))

        with pytest.raises(ValidationError) as info:
            consolidate([a, b, c, d], by="group")

        assert [
            "reports[2].appendix",
            "reports[3].period",
            "reports[3].appendix.rows[0].agency.group",
        ] == [p.path for p in info.value.problems]
        assert "in the report from 'D'" in info.value.problems[2].message

    def test_nothing_to_consolidate(self):
        """
        An empty list of reports is refused.
        """
        with pytest.raises(ValidationError, match="at least one report"):
            consolidate([])

    @pytest.mark.parametrize("reports", [[BASE, "report"], BASE, None])
    def test_not_reports(self, reports):
        """
        Anything but reports is a type error.
        """
        with pytest.raises(ArgumentTypeError):
            consolidate(reports)

    def test_unknown_by(self):
        """
        Only by centre, agency or group.
        """
        with pytest.raises(ArgumentError, match="by must be"):
            consolidate([BASE], by="province")  # type: ignore[arg-type]

    def test_the_seed_by_agency_is_its_appendix(self):
        """
        One report consolidated by agency is its own table.
        """
        assert BASE.appendix == consolidate([BASE], by="agency")


# Properties ----------------------------------------------------------------------

GROUPS = ("Sở, ban, ngành", "Ngành dọc", "Cấp huyện")

names = st.text(alphabet=VIETNAMESE, min_size=1, max_size=15).filter(
    lambda name: name.strip() != ""
)


def nfc(name):
    return unicodedata.normalize("NFC", name)


@st.composite
def centres(draw, *, max_centres=4):
    """
    Draw reports of distinct centres for one period and basis, whose rows
    are drawn from one set of agencies, each in a group.
    """
    period = draw(periods())
    basis = draw(st.sampled_from(Basis))
    agencies = draw(
        st.lists(
            st.tuples(names, st.sampled_from(GROUPS)),
            min_size=1,
            max_size=6,
            unique_by=lambda agency: nfc(agency[0]),
        )
    )
    issuers = draw(
        st.lists(names, min_size=1, max_size=max_centres, unique_by=nfc)
    )
    return [
        centre(
            issuer,
            [
                AppendixRow(
                    agency=Agency(name=name, group=group),
                    counts=draw(counts(max_value=10**6)),
                )
                for name, group in draw(
                    st.lists(
                        st.sampled_from(agencies),
                        min_size=1,
                        unique_by=lambda agency: nfc(agency[0]),
                    )
                )
            ],
            period=period,
            basis=basis,
        )
        for issuer in issuers
    ]


def oracle_total(reports):
    """
    The total of every row of every report, figure by figure, in plain
    ints: a figure is known when every row knows it.
    """
    rows = [row.counts.known() for r in reports for row in r.appendix.rows]
    known = set(rows[0]).intersection(*rows[1:])
    return {key: sum(row[key] for row in rows) for key in known}


class TestProperties:
    @given(centres())
    def test_every_way_has_the_same_total(self, reports):
        """
        By centre, agency or group, the consolidated table's total is that
        of every row of every report.
        """
        expected = oracle_total(reports)

        for by in BY:
            assert expected == total(consolidate(reports, by=by).rows).known()

    @given(centres())
    def test_a_centre_row_is_its_report_total(self, reports):
        """
        By centre, each row is its report's appendix total, in order.
        """
        table = consolidate(reports)

        assert [(r.issuer.name, total(r.appendix.rows)) for r in reports] == [
            (row.agency.name, row.counts) for row in table.rows
        ]

    @given(data=st.data(), reports=centres())
    def test_the_order_of_reports_does_not_matter(self, data, reports):
        """
        Reordering the reports gives the same rows, as a multiset.
        """
        shuffled = data.draw(st.permutations(reports))

        for by in BY:
            assert Counter(
                (row.agency.name, row.counts)
                for row in consolidate(reports, by=by).rows
            ) == Counter(
                (row.agency.name, row.counts)
                for row in consolidate(shuffled, by=by).rows
            )


# Auditing a consolidated table ---------------------------------------------------


def printed(appendix, *, total_row=True):
    """
    *appendix* as a document prints it: names as shown, every known
    count, and the total row.
    """
    rows = [
        PublishedRow(
            name=row.agency.display_name,
            number=f"{i:02d}",
            counts=row.counts.known(),
        )
        for i, row in enumerate(appendix.rows, start=1)
    ]
    total_ = PublishedRow(
        name="Tổng cộng", counts=total(appendix.rows).known()
    )
    return PublishedTable(rows=rows, total=total_ if total_row else None)


def changed(table, index, **counts):
    """
    *table* with the counts of its row *index* (``None``: the total) changed.
    """
    if index is None:
        new = attrs.evolve(
            table.total, counts={**table.total.counts, **counts}
        )
        return attrs.evolve(table, total=new)
    rows = list(table.rows)
    rows[index] = attrs.evolve(
        rows[index], counts={**rows[index].counts, **counts}
    )
    return attrs.evolve(table, rows=rows)


def summary(findings):
    return [
        (
            f.severity.value,
            f.kind.value,
            f.location.row,
            f.location.row_name,
            f.location.column,
            f.printed,
            f.expected,
            f.detail,
        )
        for f in findings
    ]


class TestAuditConsolidation:
    @pytest.mark.parametrize("by", BY)
    def test_the_consolidation_as_printed_passes(self, by):
        """
        A table that prints the consolidation has no finding.
        """
        reports = two_centres()

        table = printed(consolidate(reports, by=by))

        assert () == audit_consolidation(table, reports, by=by)

    def test_a_wrong_count(self):
        """
        One wrong count is one error, naming the row and the column, with
        the sum and each centre's term.
        """
        reports = two_centres()
        table = changed(
            printed(consolidate(reports, by="agency")), 0, received=1500
        )

        findings = audit_consolidation(table, reports, by="agency")

        assert [
            (
                "error",
                "consolidation",
                1,
                "Sở Tư pháp",
                "received",
                "1.500",
                "150",
                "120 + 30",
            )
        ] == summary(findings)

    def test_a_centre_row_adds_its_rows(self):
        """
        By centre, the terms of a row are the centre's rows.
        """
        reports = two_centres()
        table = changed(printed(consolidate(reports)), 1, on_time=40)

        (finding,) = audit_consolidation(table, reports)

        assert ("Bộ phận Một cửa huyện Phú Quý", "40", "39", "9 + 30") == (
            finding.location.row_name,
            finding.printed,
            finding.expected,
            finding.detail,
        )

    def test_the_total_row(self):
        """
        The printed total against the consolidation's, each centre's total
        a term.
        """
        reports = two_centres()
        table = changed(printed(consolidate(reports)), None, late=4)

        assert [
            (
                "error",
                "consolidation",
                None,
                "Tổng cộng",
                "late",
                "4",
                "3",
                "2 + 1",
            )
        ] == summary(audit_consolidation(table, reports))

    def test_a_row_in_no_report(self):
        """
        A printed row no centre reported is an error.
        """
        reports = two_centres()
        table = printed(consolidate(reports, by="agency"))
        table = attrs.evolve(
            table, rows=[*table.rows, PublishedRow(name="Sở Xây dựng")]
        )

        assert [("error", "consolidation-extra-row", 4, "Sở Xây dựng")] == [
            s[:4]
            for s in summary(audit_consolidation(table, reports, by="agency"))
        ]

    def test_a_row_not_printed(self):
        """
        A row left out is an error, or a warning when it is all zeros.
        """
        a, b = two_centres()
        c = centre("C", [row("Sở Nội vụ", "Sở, ban, ngành", received=0)])
        reports = [a, b, c]
        table = printed(consolidate(reports, by="agency"), total_row=False)
        table = attrs.evolve(table, rows=table.rows[1:3])

        assert [
            ("error", "consolidation-missing-row", None, "Sở Tư pháp"),
            ("warning", "consolidation-missing-row", None, "Sở Nội vụ"),
        ] == [
            s[:4]
            for s in summary(audit_consolidation(table, reports, by="agency"))
        ]

    def test_names_are_matched_in_nfc_and_by_short_name(self):
        """
        A decomposed name, or the short name a table prints, matches.
        """
        b = centre(
            "B",
            [
                row(
                    "Sở Nông nghiệp và Phát triển nông thôn",
                    short_name="Sở Nông nghiệp và PTNT",
                    received=3,
                ),
                row("Sở Tư pháp", received=5),
            ],
        )
        table = PublishedTable(
            rows=[
                PublishedRow(
                    name="Sở Nông nghiệp và PTNT", counts={"received": 3}
                ),
                PublishedRow(
                    name=unicodedata.normalize("NFD", "Sở Tư pháp"),
                    counts={"received": 5},
                ),
            ]
        )

        assert () == audit_consolidation(table, [b], by="agency")

    def test_counts_written_in_english_notation(self):
        """
        Counts are written as the document writes them.
        """
        reports = [
            centre("A", [row("X", received=6000)]),
            centre("B", [row("X", received=4078)]),
        ]
        table = attrs.evolve(
            changed(
                printed(consolidate(reports, by="agency")), 0, received=10087
            ),
            notation="en",
        )

        (finding,) = audit_consolidation(table, reports, by="agency")

        assert ("10,087", "10,078", "6,000 + 4,078") == (
            finding.printed,
            finding.expected,
            finding.detail,
        )

    def test_a_report_without_a_table(self):
        """
        There must be a printed table to check.
        """
        with pytest.raises(ArgumentError, match="no table"):
            audit_consolidation(PublishedReport(), two_centres())

    def test_reports_that_cannot_be_consolidated(self):
        """
        The reports' problems are consolidate()'s.
        """
        a, _ = two_centres()
        table = printed(consolidate([a]))

        with pytest.raises(ValidationError, match="counted twice"):
            audit_consolidation(table, [a, a])

    @given(data=st.data(), reports=centres(max_centres=3))
    def test_any_changed_count_is_one_error(self, data, reports):
        """
        Changing any one printed count of a row gives exactly one error,
        on that row and column, expecting the sum.
        """
        by = data.draw(st.sampled_from(BY))
        consolidated = consolidate(reports, by=by)
        table = printed(consolidated)
        index = data.draw(st.integers(0, len(table.rows) - 1))
        known = table.rows[index].counts
        if not known:
            return  # a row with no figure known in every centre
        column = data.draw(st.sampled_from(sorted(known)))
        old = known[column]
        new = data.draw(st.integers(0, old + 100).filter(lambda v: v != old))

        findings = audit_consolidation(
            changed(table, index, **{column: new}), reports, by=by
        )

        assert [
            (
                "error",
                "consolidation",
                index + 1,
                table.rows[index].name,
                column,
            )
        ] == [s[:5] for s in summary(findings)]
        assert str(old) == findings[0].expected.replace(".", "")


class TestDescribe:
    finding = Finding(
        kind=FindingKind.CONSOLIDATION,
        severity=Severity.ERROR,
        location=Location(
            part="table", row=1, row_name="Sở Tư pháp", column="received"
        ),
        printed="1.500",
        expected="150",
        detail="120 + 30",
    )

    def test_vietnamese(self):
        """
        One line, with the terms of the sum.
        """
        assert (
            "LỖI      Phụ lục, dòng 01 (Sở Tư pháp), cột Đã tiếp nhận: số liệu "
            "khác tổng số liệu trong báo cáo của các đơn vị (120 + 30); in "
            "1.500, đúng là 150"
        ) == describe(self.finding)

    def test_english(self):
        """
        The same in English.
        """
        assert (
            "ERROR    appendix, row 01 (Sở Tư pháp), column received: the "
            "figure differs from the sum of the centres' reports (120 + 30); "
            "printed 1.500, expected 150"
        ) == describe(self.finding, "en")

    @pytest.mark.parametrize(
        ("kind", "vi", "en"),
        [
            (
                FindingKind.CONSOLIDATION_MISSING_ROW,
                "CẢNH BÁO Phụ lục, dòng Sở Nội vụ: dòng có trong báo cáo của "
                "các đơn vị nhưng không được in",
                "WARNING  appendix, row Sở Nội vụ: a row of the centres' "
                "reports is not printed",
            ),
            (
                FindingKind.CONSOLIDATION_EXTRA_ROW,
                "CẢNH BÁO Phụ lục, dòng Sở Nội vụ: dòng không có trong báo "
                "cáo nào của các đơn vị",
                "WARNING  appendix, row Sở Nội vụ: the row is in none of the "
                "centres' reports",
            ),
        ],
    )
    def test_rows(self, kind, vi, en):
        """
        A row missing or in excess is named, in either language.
        """
        finding = Finding(
            kind=kind,
            severity=Severity.WARNING,
            location=Location(part="table", row_name="Sở Nội vụ"),
            printed="",
            expected="",
        )

        assert (vi, en) == (describe(finding), describe(finding, "en"))
