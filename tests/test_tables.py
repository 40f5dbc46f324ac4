"""
Tables of any shape: the columns and rows a style prints, and the printed
tables the loaders read (two lines of headings, bare rates, groups,
subtotals, totals first or last, months, unknown columns, notations).
"""

from __future__ import annotations

import json

import attrs
import pytest

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Counts,
    Period,
    Severity,
    audit,
    describe,
    render,
)
from hcc_report.cli import main
from hcc_report.errors import ArgumentError, ValidationError
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.loaders import load_style, loads_published
from hcc_report.presentation import present
from hcc_report.published import PublishedReport
from hcc_report.renderers import available
from hcc_report.styles import DECREE_30, FORM_06, ColumnGroup, Style


FORM_06_HEADINGS = (
    "Số hồ sơ nhận giải quyết",
    "Số hồ sơ đã giải quyết",
    "Số hồ sơ đang giải quyết",
)


def levels_report(style_rows: str = "grouped"):
    """
    The example with its appendix by administrative level, each agency in
    its group.
    """
    report = binh_thuan_2023_02()
    rows = [
        AppendixRow(
            agency=Agency(name="Sở Tư pháp", group="Sở, ban, ngành"),
            counts=Counts(
                received_online=40,
                received_offline=60,
                carried_over=5,
                early=70,
                on_due_date=20,
                late=2,
                pending_in_time=10,
                pending_overdue=3,
            ),
        ),
        AppendixRow(
            agency=Agency(name="Huyện Tuy Phong", group="UBND cấp huyện"),
            counts=Counts(
                received_online=15,
                received_offline=30,
                carried_over=0,
                early=20,
                on_due_date=20,
                late=1,
                pending_in_time=4,
                pending_overdue=0,
            ),
        ),
        AppendixRow(
            agency=Agency(name="Sở Y tế", group="Sở, ban, ngành"),
            counts=Counts(
                received_online=8,
                received_offline=2,
                carried_over=1,
                early=6,
                on_due_date=3,
                late=0,
                pending_in_time=2,
                pending_overdue=0,
            ),
        ),
    ]
    if style_rows == "plain":
        rows = [
            attrs.evolve(row, agency=attrs.evolve(row.agency, group=None))
            for row in rows
        ]
    appendix = Appendix(
        title="Kết quả giải quyết hồ sơ theo cấp",
        basis="period",
        rows=rows,
        row_heading="Cơ quan, đơn vị",
    )
    return attrs.evolve(
        report, appendix=appendix, figures=Counts.sum(r.counts for r in rows)
    )


class TestColumnsOfTheStyle:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
    def test_form_06_in_every_format(self, fmt):
        """
        form-06 prints Biểu 06's group headings and columns in every
        built-in format.
        """
        assert fmt in available()
        text = render(binh_thuan_2023_02(), fmt, style="form-06")

        for heading in (*FORM_06_HEADINGS, "Trong hạn", "Từ kỳ trước"):
            assert heading in text

    def test_a_wide_table_is_printed_landscape(self):
        """
        Biểu 06's eleven columns go on a landscape page in HTML; the
        seed's five stay on the portrait one.
        """
        wide = render(binh_thuan_2023_02(), "html", style="form-06")
        narrow = render(binh_thuan_2023_02(), "html")

        assert '<section class="page appendix wide">' in wide
        assert "@page wide { size: A4 landscape;" in wide
        assert "landscape" not in narrow

    def test_form_06_columns(self):
        """
        Columns 3 to 13 of Biểu 06, under three group headings.
        """
        appendix = present(binh_thuan_2023_02(), "form-06").appendix

        assert [
            ("Số hồ sơ nhận giải quyết", 0, 4),
            ("Số hồ sơ đã giải quyết", 4, 4),
            ("Số hồ sơ đang giải quyết", 8, 3),
        ] == [(g.heading, g.start, g.span) for g in appendix.column_groups]
        assert [
            "Tổng số",
            "Trực tuyến",
            "Trực tiếp, bưu chính",
            "Từ kỳ trước",
            "Tổng số",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Trong hạn",
            "Quá hạn",
        ] == list(appendix.columns)
        # The example's total: what it knows, and "-" for what it does not.
        assert ["-", "-", "-", "-", "9.725", "-", "-", "20"] == [
            cell.text for cell in appendix.total.cells[:8]
        ]

    def test_a_style_file_chooses_the_columns(self, tmp_path):
        """
        A style file's columns are exactly the columns printed, in order.
        """
        path = tmp_path / "style.toml"
        path.write_text(
            'base = "decree-30"\n'
            'columns = ["received", "received_online", "processed", '
            '"early", "on_due_date", "late", "on_time_rate"]\n',
            encoding="utf-8",
        )
        style = load_style(path)

        text = render(levels_report(), "markdown", style=style)

        header = next(
            line for line in text.splitlines() if line.startswith("| Stt")
        )
        assert [
            "Stt",
            "Cơ quan, đơn vị",
            "Đã tiếp nhận",
            "Trực tuyến",
            "Đã xử lý",
            "Trước hạn",
            "Đúng ngày hẹn",
            "Trễ hẹn",
            "Tỷ lệ đúng hẹn (%)",
        ] == [cell.strip() for cell in header.strip("|").split("|")]

    def test_a_style_file_with_groups(self, tmp_path):
        """
        Groups of columns come from a style file's tables.
        """
        path = tmp_path / "style.toml"
        path.write_text(
            'columns = ["processed", "early", "late", "on_time_rate"]\n'
            "[[column_groups]]\n"
            'heading = "Kết quả"\n'
            'columns = ["processed", "early", "late"]\n'
            "[column_headings]\n"
            'processed = "Tổng số"\n',
            encoding="utf-8",
        )

        style = load_style(path)

        assert (ColumnGroup("Kết quả", ("processed", "early", "late")),) == (
            style.column_groups
        )
        assert "Tổng số" == style.column_headings["processed"]

    @pytest.mark.parametrize(
        ("changes", "problem"),
        [
            (
                {"column_groups": [ColumnGroup("A", ["late", "received"])]},
                "column_groups[0].columns: must be a run of the style's "
                "columns, in their order",
            ),
            (
                {"column_groups": [ColumnGroup("A", ["pending"])]},
                "column_groups[0].columns: ['pending'] are not among the "
                "style's columns",
            ),
            (
                {"column_headings": {"pending": "Tồn"}},
                "column_headings.pending: is not one of the columns",
            ),
            (
                {"subtotals": "middle"},
                "subtotals: must be 'first' or 'last', got 'middle'",
            ),
        ],
    )
    def test_bad_groups(self, changes, problem):
        """
        Groups must head runs of the columns; headings name columns.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(DECREE_30, **changes)

        assert [problem] == [str(p) for p in info.value.problems]


class TestRowsInGroups:
    def test_subtotals_first(self):
        """
        Each group under a line of its own, numbered I, II, with its
        subtotal; its rows numbered from 1; the groups in the order they
        first appear.
        """
        appendix = present(levels_report(), FORM_06).appendix

        assert [
            ("I", "Sở, ban, ngành", "group", "116"),
            ("1", "Sở Tư pháp", "row", "105"),
            ("2", "Sở Y tế", "row", "11"),
            ("II", "UBND cấp huyện", "group", "45"),
            ("1", "Huyện Tuy Phong", "row", "45"),
        ] == [
            (row.number, row.name, row.kind, row.cells[0].text)
            for row in appendix.rows
        ]
        assert "161" == appendix.total.cells[0].text

    def test_subtotals_last_and_the_total_first(self):
        """
        "Cộng" after a group's rows; the total before every row.
        """
        style = attrs.evolve(
            FORM_06, subtotals="last", total_first=True, total_name="Toàn tỉnh"
        )

        appendix = present(levels_report(), style).appendix
        text = render(levels_report(), "text", style=style)

        assert [
            ("I", "Sở, ban, ngành", ""),
            ("1", "Sở Tư pháp", "105"),
            ("2", "Sở Y tế", "11"),
            ("", "Cộng", "116"),
            ("II", "UBND cấp huyện", ""),
            ("1", "Huyện Tuy Phong", "45"),
            ("", "Cộng", "45"),
        ] == [(r.number, r.name, r.cells[0].text) for r in appendix.rows]
        assert appendix.total_first
        table = text[text.index("Toàn tỉnh") :]
        assert table.index("Sở Tư pháp") < table.index("Cộng")

    @pytest.mark.parametrize("subtotals", ["first", "last"])
    @pytest.mark.parametrize("total_first", [False, True])
    def test_a_printed_table_reads_back(self, subtotals, total_first):
        """
        A grouped table the library prints, written as CSV, reads back with
        its groups, subtotals and total, and passes the audit.
        """
        style = attrs.evolve(
            FORM_06, subtotals=subtotals, total_first=total_first
        )
        appendix = present(levels_report(), style).appendix
        lines = [
            ";".join(["Stt", "Tên đơn vị", *[""] * len(appendix.columns)]),
            ";".join(["", "", *appendix.columns]),
        ]
        groups = {g.start: g for g in appendix.column_groups}
        top = ["Stt", "Tên đơn vị"]
        for i in range(len(appendix.columns)):
            group = groups.get(i)
            top.append(group.heading if group else "")
        lines[0] = ";".join(top)
        rows = list(appendix.rows)
        rows = (
            [appendix.total, *rows] if total_first else [*rows, appendix.total]
        )
        lines.extend(
            ";".join([row.number, row.name, *(c.text for c in row.cells)])
            for row in rows
        )

        table = loads_published("\n".join(lines), "csv").table

        assert total_first == table.total_first
        assert 2 == table.heading_lines
        # Each group: its subtotal, and its rows.
        assert sorted(
            [
                ("Sở, ban, ngành", "subtotal"),
                ("Sở, ban, ngành", "row"),
                ("Sở, ban, ngành", "row"),
                ("UBND cấp huyện", "subtotal"),
                ("UBND cấp huyện", "row"),
            ]
        ) == sorted(
            (row.group, "subtotal" if row.subtotal else "row")
            for row in table.rows
        )
        assert [] == [
            f for f in audit(table) if f.severity is not Severity.NOTE
        ]

    def test_a_wrong_subtotal(self):
        """
        A subtotal that is not the sum of its group's rows is an error at
        its line.
        """
        text = (
            "Stt;Tên đơn vị;Đã tiếp nhận;Đã xử lý\n"
            "I;Cấp tỉnh;30;20\n"
            "1;Sở Y tế;10;10\n"
            "2;Sở Tư pháp;21;10\n"
            "II;Cấp huyện;5;5\n"
            ";Tổng cộng;36;25\n"
        )

        findings = audit(loads_published(text, "csv"))

        assert [
            ("subtotal", "Cấp tỉnh", "received", "30", "31"),
            ("total", "Tổng cộng", "received", "36", "36"),
        ][:1] == [
            (
                f.kind.value,
                f.location.row_name,
                f.location.column,
                f.printed,
                f.expected,
            )
            for f in findings
        ]

    def test_a_group_without_rows_is_a_row(self):
        """
        "III Cấp xã" with nothing under it is a row like the others.
        """
        text = (
            "Stt;Cấp;Đã tiếp nhận\n"
            "I;Cấp tỉnh;3\n"
            "1;Sở Y tế;1\n"
            "2;Sở Tư pháp;2\n"
            "II;Cấp xã;4\n"
            ";Tổng;7\n"
        )

        table = loads_published(text, "csv").table

        assert [
            ("Cấp tỉnh", True),
            ("Sở Y tế", False),
            ("Sở Tư pháp", False),
            ("Cấp xã", False),
        ] == [(row.name, row.subtotal) for row in table.rows]
        assert None is table.rows[-1].group
        assert () == audit(table)

    def test_cong_closes_the_rows_before_it(self):
        """
        Without numbered groups, "Cộng <group>" is the subtotal of the rows
        since the last one.
        """
        text = (
            "Tên đơn vị;Đã tiếp nhận\n"
            "Sở Y tế;1\n"
            "Sở Tư pháp;2\n"
            "Cộng khối Sở;3\n"
            "Huyện A;4\n"
            "Cộng cấp huyện;5\n"
            "Tổng cộng;7\n"
        )

        findings = audit(loads_published(text, "csv"))

        assert [("Cộng cấp huyện", "5", "4")] == [
            (f.location.row_name, f.printed, f.expected) for f in findings
        ]


class TestPrintedHeadings:
    def test_two_lines_and_what_was_read(self):
        """
        "Quá hạn" is late under "Đã giải quyết" and overdue under "Đang
        giải quyết"; notes say how each grouped heading was read.
        """
        text = (
            "Stt;Cấp;Đã giải quyết;;;;Đang giải quyết;;\n"
            ";;Tổng số;Trước hạn;Đúng hạn;Quá hạn;Tổng số;Trong hạn;Quá hạn\n"
            "1;Cấp tỉnh;10;3;5;2;4;3;1\n"
        )

        published = loads_published(text, "csv")

        assert [
            "processed",
            "early",
            "on_due_date",
            "late",
            "pending",
            "pending_in_time",
            "pending_overdue",
        ] == [column.key for column in published.table.columns]
        notes = [
            describe(f, "en")
            for f in audit(published)
            if f.kind.value == "heading"
        ]
        assert (
            "NOTE     appendix, column pending overdue: read the heading "
            "«Đang giải quyết / Quá hạn»"
        ) == notes[-1]

    def test_headings_as_keys_of_a_toml_row(self):
        """
        A TOML row may name its figures by the headings the document
        prints, a group heading before " / ".
        """
        text = (
            "[[table.rows]]\n"
            'name = "Cấp tỉnh"\n'
            '"Đã giải quyết" = "10"\n'
            '"Trước hạn" = "3"\n'
            '"Đúng hạn" = "5"\n'
            '"Đã giải quyết / Quá hạn" = "2"\n'
            '"Đang giải quyết / Quá hạn" = "1"\n'
        )

        (row,) = loads_published(text, "toml").table.rows

        assert {
            "processed": 10,
            "early": 3,
            "on_due_date": 5,
            "late": 2,
            "pending_overdue": 1,
        } == dict(row.counts)

    def test_a_line_of_column_numbers(self):
        """
        "(1) (2) (3) ..." under the headings is no row.
        """
        text = (
            "Stt;Tên đơn vị;Đã tiếp nhận;Đã xử lý\n"
            "(1);(2);(3);(4)\n"
            "1;Sở Y tế;3;2\n"
        )

        (row,) = loads_published(text, "csv").table.rows

        assert "Sở Y tế" == row.name

    def test_an_unknown_column_is_kept_and_noted(self):
        """
        A column the library does not know stays with its cells and is
        named once; the rest is audited.
        """
        text = (
            "Tên đơn vị;Đã tiếp nhận;Số lượt tư vấn;Đã xử lý;Đúng hẹn;Trễ hẹn\n"
            "Sở Y tế;3;12;2;1;0\n"
            "Sở Tư pháp;3;7;2;2;0\n"
        )

        published = loads_published(text, "csv")
        findings = audit(published)

        assert {"Số lượt tư vấn": "12"} == dict(published.table.rows[0].other)
        assert [
            ("note", "not-checked", "Số lượt tư vấn"),
            ("error", "split", "2"),
        ] == [(f.severity.value, f.kind.value, f.printed) for f in findings]

    def test_headings_typed_without_diacritics_or_abbreviated(self):
        """
        "Da xu ly", "Số HS đã GQ", "TL đúng hạn" name their figures.
        """
        text = "Don vi;So HS da GQ;Dung han;Tre han;TL đúng hạn\nA;2;1;1;50%\n"

        table = loads_published(text, "csv").table

        assert ["processed", "on_time", "late", "on_time_rate"] == [
            c.key for c in table.columns
        ]

    def test_months_as_rows(self):
        """
        Rows that are months: the total ("Lũy kế") adds the flows and
        takes what is pending from the last month.
        """
        text = (
            "Tháng;Tiếp nhận;Đã giải quyết;Đang giải quyết\n"
            "Tháng 1;100;90;10\n"
            "Tháng 2;120;125;5\n"
            "Lũy kế;220;215;15\n"
        )

        published = loads_published(text, "csv")
        findings = audit(published)

        assert "periods" == published.table.rows_are
        assert [("pending", "15", "5")] == [
            (f.location.column, f.printed, f.expected) for f in findings
        ]

    def test_months_and_what_was_to_handle(self):
        """
        What the whole span had to handle is what it received and what was
        carried into its first month, not the months' sum.
        """
        text = (
            "Tháng;Kỳ trước chuyển qua;Tiếp nhận;Tổng số hồ sơ phải giải quyết\n"
            "Tháng 1;5;100;105\n"
            "Tháng 2;10;120;130\n"
            "Lũy kế;5;220;235\n"
        )

        findings = audit(loads_published(text, "csv"))

        # 5 + 220 = 225, not the months' 105 + 130: the total's own
        # parts say so, and so does the sum of the months.
        assert [
            ("split", "handled", "235", "225"),
            ("total", "handled", "235", "225"),
        ] == sorted(
            (f.kind.value, f.location.column, f.printed, f.expected)
            for f in findings
        )


class TestNotations:
    def test_english_notation(self):
        """
        "5,000" and "98.5%" in an English edition.
        """
        text = (
            "Agency;Received;Processed;On time;Late;On-time rate\n"
            "A;5,000;4,000;3,940;60;98.5%\n"
        )

        table = loads_published(text, "csv").table

        assert 5000 == table.rows[0].counts["received"]
        assert "en" == table.notation  # as its counts show
        assert () == audit(table)

    def test_findings_in_the_tables_notation(self):
        """
        A finding of an English table writes its counts in English.
        """
        text = (
            "Agency;Received;Processed;On time;Late\nA;5,000;4,000;3,940;70\n"
        )

        (finding,) = audit(loads_published(text, "csv"))

        assert ("4,000", "4,010") == (finding.printed, finding.expected)

    def test_both_notations_in_one_table(self):
        """
        Counts written "3.425" and "1,758" in one table are each read as
        written, and a note says the table mixes them.
        """
        text = "Agency;Received;Processed\nA;3.425;1,758\nB;10;9\n"

        published = loads_published(text, "csv")
        (note,) = audit(published)

        assert (3425, 1758) == (
            published.table.rows[0].counts["received"],
            published.table.rows[0].counts["processed"],
        )
        assert ("notation", "note") == (note.kind.value, note.severity.value)
        assert ("en", "vi") == published.table.count_notations

    def test_a_stated_notation_reads_strictly(self):
        """
        In English notation "1.234" is no count.
        """
        with pytest.raises(ValidationError, match="must be a whole count"):
            loads_published(
                "Tên đơn vị;Đã tiếp nhận\nA;1.234\n", "csv", notation="en"
            )

    def test_as_printed(self):
        """
        Stated "as printed", each rate is checked at the decimals it shows.
        """
        text = (
            "Tên đơn vị;Đã xử lý;Trễ hẹn;Tỷ lệ trễ hẹn\n"
            "A;329596;5685;1,7%\n"
            "B;51780;708;1,37%\n"
        )

        assert () == audit(loads_published(text, "csv", places="as-printed"))
        (warning,) = audit(loads_published(text, "csv", places=2))
        assert ("convention", "decimal-places", "1,72%") == (
            warning.kind.value,
            warning.reason,
            warning.expected,
        )


class TestDeclaredRates:
    def test_a_rate_over_other_counts(self):
        """
        Late and pending overdue over the dossiers due, declared by its
        numerator and denominator, is checked like the catalogue's rates.
        """
        text = """
[table]
[table.columns.overdue]
heading = "Tỷ lệ chậm, quá hạn"
numerator = ["late", "pending_overdue"]
denominator = ["due"]

[[table.rows]]
name = "Huyện Lập Thạch"
processed = "1.200"
late = "2"
pending_overdue = "2"
overdue = "0,34%"
"""
        (finding,) = [
            f
            for f in audit(loads_published(text, "toml"))
            if f.severity is Severity.ERROR
        ]

        # 4 / 1.202 = 0,3328% → 0,33%.
        assert ("0,34%", "0,33%", "4 / 1.202") == (
            finding.printed,
            finding.expected,
            finding.detail,
        )

    def test_an_undeclared_rate_is_refused(self):
        """
        A body's figure that is neither the catalogue's nor declared is an
        error (a typo); a table's column is kept and noted.
        """
        with pytest.raises(ValidationError, match="my_rate: unknown key"):
            loads_published(
                '[paragraph.period]\nlate = "2"\nmy_rate = "1%"\n', "toml"
            )
        table = loads_published(
            '[[table.rows]]\nname = "A"\nlate = "2"\nmy_rate = "1%"\n',
            "toml",
        ).table
        assert {"my_rate": "1%"} == dict(table.rows[0].other)
        assert ["not-checked"] == [f.kind.value for f in audit(table)]


class TestReportsBetween:
    def report(self, month, *, cumulative, period):
        return PublishedReport(
            period=Period.month(2023, month),
            period_figures=loads_published(
                "[paragraph.period]\n"
                + "".join(f"{k} = {v}\n" for k, v in period.items()),
                "toml",
            ).period_figures,
            cumulative_figures=loads_published(
                "[paragraph.cumulative]\n"
                + "".join(f"{k} = {v}\n" for k, v in cumulative.items()),
                "toml",
            ).cumulative_figures,
        )

    def test_a_report_left_out_gives_a_bound(self):
        """
        February and April, not March: April's cumulative is at least
        February's plus April's own figures.
        """
        february = self.report(2, cumulative={"received": 200}, period={})
        april = self.report(
            4, cumulative={"received": 260}, period={"received": 70}
        )

        findings = audit(april, february)

        assert [
            ("note", "not-consecutive", "at-least"),
            ("error", "cumulative-sum", ">= 270"),
        ] == [
            (f.severity.value, f.kind.value, f.reason or f.expected)
            for f in findings
        ]

    def test_the_reports_between_are_added(self):
        """
        With March given, the sum is exact.
        """
        february = self.report(2, cumulative={"received": 200}, period={})
        march = self.report(
            3, cumulative={"received": 250}, period={"received": 50}
        )
        april = self.report(
            4, cumulative={"received": 330}, period={"received": 70}
        )

        (finding,) = audit(april, february, between=[march])

        assert ("cumulative-sum", "330", "320") == (
            finding.kind.value,
            finding.printed,
            finding.expected,
        )

    def test_between_on_the_command_line(self, tmp_path, capsys):
        """
        ``--between`` gives the reports in between.
        """
        files = {}
        for month, cumulative, period in [
            (2, 200, 100),
            (3, 250, 50),
            (4, 320, 70),
        ]:
            path = tmp_path / f"{month}.toml"
            path.write_text(
                f'period = "tháng {month:02d} năm 2023"\n'
                f"[paragraph.period]\nreceived = {period}\n"
                f"[paragraph.cumulative]\nreceived = {cumulative}\n",
                encoding="utf-8",
            )
            files[month] = str(path)

        status = main(
            [
                "check",
                files[4],
                files[2],
                "--between",
                files[3],
                "-f",
                "json",
            ]
        )

        assert 0 == status
        assert 0 == json.loads(capsys.readouterr().out)["errors"]


def test_style_is_a_style():
    """
    (The presets are styles.)
    """
    assert isinstance(FORM_06, Style)


class TestHowTablesAreReallyPrinted:
    """
    Layouts an independent review tried, each once misread.
    """

    def errors(self, text, fmt="csv", **options):
        findings = audit(loads_published(text, fmt, **options))
        return [
            (f.kind.value, f.location.row_name, f.printed, f.expected)
            for f in findings
            if f.severity is Severity.ERROR
        ]

    def test_a_total_merged_over_the_number_and_the_name(self):
        """
        "Tổng cộng" in the number's cell is the total row.
        """
        text = "STT;Tên đơn vị;Đã tiếp nhận\n1;A;10\n2;B;20\nTổng cộng;;99\n"

        assert [("total", "Tổng cộng", "99", "30")] == self.errors(text)

    def test_a_number_column_of_another_name(self):
        """
        "Số TT", or no heading at all, heads the row numbers.
        """
        for heading in ("Số TT", ""):
            text = (
                f"{heading};Tên đơn vị;Đã tiếp nhận\n"
                "I;Sở;30\n1;A;10\n2;B;20\n;Tổng cộng;30\n"
            )

            assert [] == self.errors(text)

    def test_groups_of_groups(self):
        """
        "A. Khối tỉnh" over "I. Sở": the outer line is kept out of the sums.
        """
        text = (
            "Stt;Tên đơn vị;Đã tiếp nhận\n"
            "A;Khối tỉnh;35\n"
            "I;Sở;35\n1;X;10\n2;Y;25\n"
            ";Tổng cộng;35\n"
        )

        assert [] == self.errors(text)

    def test_each_group_closed_by_cong_and_no_total(self):
        """
        "Cộng" after the last group's rows, as after every group's, is
        that group's subtotal, not a total of the table.
        """
        text = (
            "Stt;Tên đơn vị;Đã tiếp nhận\n"
            "I;Sở;\n1;X;10\n;Cộng;10\n"
            "II;Huyện;\n1;Z;20\n;Cộng;20\n"
        )

        table = loads_published(text, "csv").table

        assert table.total is None
        assert [] == self.errors(text)

    def test_a_note_under_the_table(self):
        """
        A line with no figures under the table is no row.
        """
        text = (
            "Stt;Tên đơn vị;Đã tiếp nhận;Đã xử lý\n"
            "1;A;10;9\n;Tổng cộng;10;9\n"
            "Ghi chú: số liệu đến ngày 14/3\n"
        )

        assert 1 == len(loads_published(text, "csv").table.rows)

    def test_a_mark_in_a_count_cell_is_unknown(self):
        """
        "-" where a count is not given is an unknown figure.
        """
        text = "Tên đơn vị;Đã tiếp nhận;Đã xử lý\nA;-;9\n"

        (row,) = loads_published(text, "csv").table.rows

        assert {"processed": 9} == dict(row.counts)

    def test_on_time_under_a_group_without_early(self):
        """
        "Đúng hạn" under "Đã giải quyết" is on time, early included, unless
        "Trước hạn" is printed beside it.
        """
        text = (
            "Stt;Tên đơn vị;Đã giải quyết;;\n"
            ";;Tổng số;Đúng hạn;Quá hạn\n"
            "1;A;10;8;2\n"
        )

        columns = loads_published(text, "csv").table.columns

        assert ["processed", "on_time", "late"] == [c.key for c in columns]

    def test_a_whole_percent_is_not_read_over_another_base(self):
        """
        "95%" for 9.500 / 9.800 is wrong, whatever base it might fit.
        """
        text = (
            "Tên đơn vị;Đã tiếp nhận;Đã xử lý;Đúng hẹn;Trễ hẹn;Tỷ lệ đúng hẹn\n"
            "A;10000;9800;9500;300;95%\n"
        )

        assert [("rate", "A", "95%", "97%")] == self.errors(text)

    def test_a_stated_notation_is_the_files(self):
        """
        The caller's notation is for a file that does not state one.
        """
        text = (
            'notation = "vi"\n[[table.rows]]\nname = "A"\nreceived = "1,234"\n'
        )

        with pytest.raises(ValidationError, match="whole count"):
            loads_published(text, "toml", notation="en")

    def test_a_figure_named_twice_in_toml(self):
        """
        A key and a heading of the same figure in one row is an error.
        """
        text = (
            '[[table.rows]]\nname = "A"\nreceived = 10\n"Đã tiếp nhận" = 11\n'
        )

        with pytest.raises(ValidationError, match="same figure as 'received'"):
            loads_published(text, "toml")

    def test_rows_in_no_group_are_printed_first(self):
        """
        A row in no group is printed before the groups, so that it reads
        back in no group.
        """
        report = levels_report()
        rows = (
            *report.appendix.rows,
            AppendixRow(
                agency=Agency(name="Công an tỉnh"), counts=Counts(received=3)
            ),
        )
        mixed = attrs.evolve(
            report,
            appendix=attrs.evolve(report.appendix, rows=rows),
            figures=Counts.sum(r.counts for r in rows),
        )
        style = attrs.evolve(DECREE_30, columns=("received",))
        appendix = present(mixed, style).appendix
        text = "Stt;Tên đơn vị;Đã tiếp nhận\n" + "".join(
            f"{r.number};{r.name};{r.cells[0].text}\n"
            for r in (*appendix.rows, appendix.total)
        )

        assert "Công an tỉnh" == appendix.rows[0].name
        assert [] == self.errors(text)

    def test_between_must_be_between(self):
        """
        A report in between that is not between is refused.
        """
        february = PublishedReport(period=Period.month(2023, 2))
        march = PublishedReport(period=Period.month(2023, 3))
        april = PublishedReport(period=Period.month(2023, 4))

        with pytest.raises(ArgumentError, match="does not come after"):
            audit(march, april, between=[february])


class TestPeriodNextToCumulative:
    TEXT = (
        "Stt;Tên đơn vị;Trong tháng;;;Lũy kế từ đầu năm;;\n"
        ";;Tiếp nhận;Đã giải quyết;Đúng hạn;Tiếp nhận;Đã giải quyết;Đúng hạn\n"
        "1;Sở Y tế;120;100;99;200;190;189\n"
        "2;Sở Tư pháp;50;40;40;45;80;80\n"
        ";Tổng cộng;170;140;139;245;270;269\n"
    )

    def test_read_as_two_tables(self):
        """
        The month's columns and the cumulative ones are two tables of the
        same rows, each with its basis.
        """
        published = loads_published(self.TEXT, "csv")

        assert ("cumulative", "period") == (
            published.table.basis.value,
            published.period_table.basis.value,
        )
        assert [200, 120] == [
            published.table.rows[0].counts["received"],
            published.period_table.rows[0].counts["received"],
        ]

    def test_the_month_never_exceeds_the_year_so_far(self):
        """
        Sở Tư pháp received 50 in the month but 45 since January.
        """
        (finding,) = audit(loads_published(self.TEXT, "csv"))

        assert (
            "period-exceeds-cumulative",
            "Sở Tư pháp",
            "received",
            "45",
            ">= 50",
        ) == (
            finding.kind.value,
            finding.location.row_name,
            finding.location.column,
            finding.printed,
            finding.expected,
        )

    def test_each_table_is_audited(self):
        """
        A wrong total of the month's columns is named as the period's.
        """
        text = self.TEXT.replace(";Tổng cộng;170;", ";Tổng cộng;171;")

        findings = [
            (f.kind.value, f.location.part, f.printed, f.expected)
            for f in audit(loads_published(text, "csv"))
        ]

        assert ("total", "period-table", "171", "170") in findings
        assert "Phụ lục, số liệu trong kỳ" in describe(
            next(
                f
                for f in audit(loads_published(text, "csv"))
                if f.location.part == "period-table"
            )
        )

    def test_one_span_of_time_over_every_column(self):
        """
        "Lũy kế từ năm 2023" over every column says the table's basis.
        """
        text = (
            ";;Lũy kế từ năm 2023;;\n"
            "Stt;Tên đơn vị;Đã tiếp nhận;Đã xử lý\n"
            "1;A;10;9\n"
        )

        published = loads_published(text, "csv")

        assert "cumulative" == published.table.basis.value
        assert published.period_table is None


@pytest.mark.parametrize(
    ("number", "error"), [(0, ArgumentError), ("II", TypeError)]
)
def test_roman_numerals_of_groups(number, error):
    """
    Groups are numbered from I; anything else is refused.
    """
    from hcc_report.presentation import roman  # noqa: PLC0415

    assert ["I", "II", "IV", "IX", "XL"] == [
        roman(n) for n in (1, 2, 4, 9, 40)
    ]
    with pytest.raises(error):
        roman(number)
