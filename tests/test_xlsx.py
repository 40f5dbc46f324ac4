"""
Tests for the ``xlsx`` renderer: the workbook, read back with openpyxl.

The module is skipped without XlsxWriter (the extra ``hcc-report[xlsx]``)
or openpyxl, so that the core suite runs without them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import sys

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hcc_report

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Counts,
    figures,
    present,
    render,
    total,
)
from hcc_report.errors import (
    MissingDependencyError,
    RendererError,
    ValidationError,
)
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.model import MAX_COUNT, MAX_NAME
from hcc_report.presentation import AppendixRowView, AppendixView
from hcc_report.renderers import RendererRegistry, get_renderer
from hcc_report.rounding import Rounding, ZeroPolicy, round_fraction
from hcc_report.styles import (
    BINH_THUAN,
    DECREE_30,
    FORM_06,
    ColumnGroup,
    Style,
)
from strategies import reports


pytest.importorskip("xlsxwriter")
openpyxl = pytest.importorskip("openpyxl")
escape = pytest.importorskip("openpyxl.utils.escape")

from hcc_report.renderers import _xlsx  # noqa: E402  (needs xlsxwriter)


STYLES = ["decree-30", "binh-thuan", "form-06"]
#: The example's total row on the first sheet of decree-30 and binh-thuan.
TOTAL = 26
#: A reference to a cell or a range of cells of a formula.
REFERENCE = re.compile(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?")
#: The rate formulas the renderer writes.
RATE_FORMULA = re.compile(
    r'=IF\((?P<under>[A-Z0-9+]+)=0,(?P<zero>"(?:[^"]|"")*"|1|0),'
    r"ROUND\((?P<over>[()A-Z0-9+]+)/(?P<base>[()A-Z0-9+]+),(?P<places>\d+)\)\)"
)


def workbooks(data: bytes):
    """
    The workbook as written (formulas) and as a reader that does not
    compute sees it (cached values).
    """
    assert data.startswith(b"PK")
    return (
        openpyxl.load_workbook(io.BytesIO(data)),
        openpyxl.load_workbook(io.BytesIO(data), data_only=True),
    )


def sheets(report, style="decree-30"):
    """
    The first sheet, with formulas and with values.
    """
    formulas, values = workbooks(render(report, "xlsx", style=style))
    return formulas.worksheets[0], values.worksheets[0]


def in_print_order(appendix: AppendixView) -> list[AppendixRowView]:
    """
    The rows as printed, the total first or last.
    """
    rows = list(appendix.rows)
    if appendix.total_first:
        return [appendix.total, *rows]
    return [*rows, appendix.total]


def first_data_row(sheet) -> int:
    """
    The first row under the headings (from 1): where the panes freeze.
    """
    return int(REFERENCE.fullmatch(sheet.freeze_panes)[2])


def column_index(letters: str) -> int:
    return openpyxl.utils.column_index_from_string(letters)


def referenced(formula: str) -> list[tuple[int, int]]:
    """
    The cells a formula refers to, as (row, column) from 1.
    """
    cells = []
    for first_col, first_row, last_col, last_row in REFERENCE.findall(formula):
        rows = range(int(first_row), int(last_row or first_row) + 1)
        columns = range(
            column_index(first_col), column_index(last_col or first_col) + 1
        )
        cells.extend((row, col) for row in rows for col in columns)
    return cells


def add_up(values, terms: str) -> int:
    """
    The sum of the cached counts a term of a rate formula refers to.
    """
    return sum(values.cell(r, c).value for r, c in referenced(terms))


def evaluate_rate(values, formula: str):
    """
    What a rate formula gives, computed exactly from the cached counts.
    """
    match = RATE_FORMULA.fullmatch(formula)
    assert match is not None, formula
    assert match["under"] == match["base"].strip("()")
    under = add_up(values, match["under"])
    if under == 0:
        zero = match["zero"]
        return (
            zero[1:-1].replace('""', '"')
            if zero.startswith('"')
            else int(zero)
        )
    over = add_up(values, match["over"])
    return round_fraction(Fraction(over, under), places=int(match["places"]))


def member_rows(appendix: AppendixView, shown: AppendixRowView, first: int):
    """
    The sheet rows (from 1) a total or a subtotal adds up.
    """
    printed = in_print_order(appendix)
    at = {id(r): first + i for i, r in enumerate(printed)}
    if shown is appendix.total:
        return {at[id(r)] for r in appendix.rows if r.kind == "row"}
    return {
        at[id(r)]
        for r in appendix.rows
        if r.kind == "row" and r.group == shown.group
    }


def check_sheet(report, style: Style | str) -> None:
    """
    Every cell of the table agrees with the presentation view: the texts
    as printed, counts exactly, rates as printed, each formula gives its
    cached value, and each SUM covers exactly the rows it adds up.
    """
    style = hcc_report.styles.get_style(style)
    appendix = present(report, style).appendix
    formulas, values = sheets(report, style)
    first = first_data_row(formulas)
    for i, shown in enumerate(in_print_order(appendix)):
        row = first + i
        assert (shown.number or None) == formulas.cell(row, 1).value
        assert same_text(shown.name, formulas.cell(row, 2).value)
        assert "s" == formulas.cell(row, 2).data_type
        is_total = shown is appendix.total or shown.kind != "row"
        for j, cell in enumerate(shown.cells):
            written = formulas.cell(row, 3 + j)
            cached = values.cell(row, 3 + j).value
            if shown.kind == "group" and style.subtotals == "last":
                assert None is written.value  # the line "Cộng" has them
                continue
            check_value(cell, written, cached, style, is_total=is_total)
            formula = written.value
            if isinstance(formula, str) and formula.startswith("=SUM"):
                assert is_total
                cells = referenced(formula)
                assert {3 + j} == {c for _, c in cells}
                assert member_rows(appendix, shown, first) == {
                    r for r, _ in cells
                }
                assert cached == sum(values.cell(r, c).value for r, c in cells)
            elif isinstance(formula, str) and formula.startswith("="):
                check_rate_formula(cell, formula, cached, values)
            elif is_total and isinstance(cell.value, int):
                # A total is a SUM whenever its rows are all known.
                pytest.fail(f"{written.coordinate} is not a SUM: {formula!r}")


def check_value(cell, written, cached, style: Style, *, is_total: bool):
    """
    A reader that does not compute sees what the view prints.
    """
    if isinstance(cell.value, int):
        assert type(cached) is int
        assert cell.value == cached
        grouped = style.group_row_counts or is_total
        assert ("#,##0" if grouped else "0") == written.number_format
    elif isinstance(cell.value, Decimal):
        # A whole fraction (100 %) reads back as an int.
        assert type(cached) in {int, float}
        places = style.rate_places
        assert percent_format(places) == written.number_format
        shown = (Decimal(repr(cached)) * 100).quantize(
            Decimal(1).scaleb(-places)
        )
        assert cell.value == shown
    elif cell.text:
        assert same_text(cell.text, cached)
    else:
        assert None is cached


def check_rate_formula(cell, formula: str, cached, values) -> None:
    """
    A rate's formula gives, computed exactly, the rate the view prints.
    """
    assert "rate" == figures.get(cell.field).kind
    result = evaluate_rate(values, formula)
    if isinstance(result, str):  # over zero, where it does not apply
        assert cell.text == cached == result
    else:
        assert cell.value / 100 == result


def same_text(expected: str, read: str) -> bool:
    """
    Whether openpyxl read *expected* back: Excel's escapes of characters
    XML cannot hold (``_xFFFF_``) are left to undo.
    """
    return read in (expected, escape.escape(expected)) or (
        escape.unescape(read) == expected
    )


def percent_format(places: int) -> str:
    return "0" + ("." + "0" * places if places else "") + "%"


def grouped_report(*, ungrouped: bool = True):
    """
    The example with its rows in two groups, one row in none.
    """
    report = binh_thuan_2023_02()
    rows = list(report.appendix.rows)
    grouped = [
        attrs.evolve(
            row,
            agency=attrs.evolve(
                row.agency,
                group="Sở, ban, ngành" if i % 3 else "Cơ quan ngành dọc",
            ),
        )
        for i, row in enumerate(rows[1:] if ungrouped else rows)
    ]
    appendix = attrs.evolve(
        report.appendix, rows=[rows[0], *grouped] if ungrouped else grouped
    )
    return attrs.evolve(report, appendix=appendix)


def report_with_names(*names: str):
    """
    The example with its first agencies renamed.
    """
    report = binh_thuan_2023_02()
    rows = list(report.appendix.rows)
    for i, name in enumerate(names):
        rows[i] = attrs.evolve(rows[i], agency=Agency(name=name))
    return attrs.evolve(
        report, appendix=attrs.evolve(report.appendix, rows=rows)
    )


# The example ------------------------------------------------------------------


class TestExample:
    @pytest.mark.parametrize("style", STYLES)
    def test_renders_a_workbook(self, style):
        """
        The example renders to the bytes of a workbook of two sheets: the
        appendix, named after its label, and the identification.
        """
        data = render(binh_thuan_2023_02(), "xlsx", style=style)

        assert isinstance(data, bytes)
        formulas, _ = workbooks(data)
        label = present(binh_thuan_2023_02(), style).appendix.label
        assert [label, "Thông tin"] == formulas.sheetnames

    def test_renderer(self):
        """
        The renderer says what it writes and takes no options.
        """
        renderer = get_renderer("xlsx")

        assert "xlsx" == renderer.name
        assert (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            == renderer.media_type
        )
        assert ".xlsx" == renderer.suffix
        assert hcc_report.renderers.NoOptions is renderer.options
        with pytest.raises(hcc_report.renderers.RendererOptionError):
            render(binh_thuan_2023_02(), "xlsx", template_dir=".")

    @pytest.mark.parametrize("style", STYLES)
    def test_every_cell_agrees_with_the_view(self, style):
        """
        Every cell is what the other outputs print.
        """
        check_sheet(binh_thuan_2023_02(), style)

    def test_total_row_is_sums_of_the_rows(self):
        """
        The total row holds SUM formulas over the rows, and a reader that
        does not compute sees the computed totals (10.078 received ...).
        """
        formulas, values = sheets(binh_thuan_2023_02())
        table = total(binh_thuan_2023_02().appendix.rows)

        assert "Tổng cộng" == formulas[f"B{TOTAL}"].value
        assert [
            "=SUM(C7:C25)",
            "=SUM(D7:D25)",
            "=SUM(E7:E25)",
            "=SUM(F7:F25)",
        ] == [formulas[f"{c}{TOTAL}"].value for c in "CDEF"]
        assert [
            table.received,
            table.processed,
            table.on_time,
            table.late,
        ] == [values[f"{c}{TOTAL}"].value for c in "CDEF"]
        assert [10078, 9725, 9705, 20] == [
            values[f"{c}{TOTAL}"].value for c in "CDEF"
        ]

    def test_rows_hold_numbers(self):
        """
        Counts are numbers, Stt and names text, in the printed order.
        """
        formulas, _ = sheets(binh_thuan_2023_02())

        assert ["1", "Ban Quản lý các KCN", 8, 7, 7, 0] == [
            formulas[f"{c}7"].value for c in "ABCDEF"
        ]
        assert ("9", 191, 172) == (
            formulas["A15"].value,
            formulas["D15"].value,
            formulas["E15"].value,
        )
        assert "#,##0" == formulas["C8"].number_format

    def test_rates_are_formulas_with_the_computed_rate(self):
        """
        The on-time rate is a formula over the row's cells, rounded to the
        style's places, cached as the computed rate: 99,79% is 0.9979.
        """
        formulas, values = sheets(binh_thuan_2023_02())

        assert '=IF(D26=0,"-",ROUND(E26/D26,4))' == formulas["G26"].value
        assert 0.9979 == values["G26"].value
        assert "0.00%" == formulas["G26"].number_format
        # Sở Tài nguyên và Môi trường: 172 / 191 = 90,05%.
        assert '=IF(D15=0,"-",ROUND(E15/D15,4))' == formulas["G15"].value
        assert 0.9005 == values["G15"].value

    def test_a_rate_over_zero_follows_the_style(self):
        """
        Sở Thông tin và Truyền thông processed nothing: its on-time rate
        does not apply in decree-30 ("-", still a formula), and is 100 %
        in binh-thuan, as each prints it.
        """
        formulas, values = sheets(binh_thuan_2023_02())
        seed_formulas, seed_values = sheets(binh_thuan_2023_02(), "binh-thuan")

        assert "Sở Thông tin và Truyền thông" == formulas["B17"].value
        assert '=IF(D17=0,"-",ROUND(E17/D17,4))' == formulas["G17"].value
        assert "-" == values["G17"].value
        assert "=IF(D17=0,1,ROUND(E17/D17,4))" == seed_formulas["G17"].value
        assert 1 == seed_values["G17"].value

    def test_binh_thuan_conventions(self):
        """
        binh-thuan's Stt "01" is text, its row counts are not grouped and
        its totals are.
        """
        formulas, _ = sheets(binh_thuan_2023_02(), "binh-thuan")

        assert ("01", "s") == (formulas["A7"].value, formulas["A7"].data_type)
        assert "0" == formulas["C8"].number_format
        assert "#,##0" == formulas["C26"].number_format
        assert "PHỤ LỤC" == formulas["A1"].value

    def test_form_06_unknown_counts_are_their_text(self):
        """
        Counts the example does not give are "-", as printed, and so are
        their totals; the known ones add up.
        """
        formulas, values = sheets(binh_thuan_2023_02(), "form-06")

        assert ("-", "s") == (formulas["C8"].value, formulas["C8"].data_type)
        assert "-" == formulas["C27"].value
        assert "=SUM(G8:G26)" == formulas["G27"].value
        assert 9725 == values["G27"].value

    def test_title_lines(self):
        """
        The label, the title and the reference line, each merged across
        the table.
        """
        formulas, _ = sheets(binh_thuan_2023_02())

        assert "Phụ lục" == formulas["A1"].value
        assert formulas["A2"].value.startswith("KẾT QUẢ GIẢI QUYẾT")
        assert formulas["A3"].value.startswith("(Kèm theo Báo cáo số 04/BC")
        assert formulas["A1"].font.b
        assert formulas["A3"].font.i
        assert "Times New Roman" == formulas["C7"].font.name

    def test_merged_headings(self):
        """
        Stt and the name go down both heading rows; the figures are under
        the heading of the basis, as the HTML prints them.
        """
        formulas, _ = sheets(binh_thuan_2023_02())

        assert {"A1:G1", "A2:G2", "A3:G3", "A5:A6", "B5:B6", "C5:G5"} == {
            str(r) for r in formulas.merged_cells.ranges
        }
        assert ["Stt", "Tên đơn vị", "Lũy kế từ năm 2023"] == [
            formulas[c].value for c in ("A5", "B5", "C5")
        ]
        assert ["Đã tiếp nhận", "Tỷ lệ đúng hẹn (%)"] == [
            formulas["C6"].value,
            formulas["G6"].value,
        ]

    def test_form_06_headings_in_two_levels(self):
        """
        form-06's groups merge over their columns; the heading of the basis
        is a line above the table.
        """
        formulas, _ = sheets(binh_thuan_2023_02(), "form-06")

        assert {
            "A1:M1",
            "A2:M2",
            "A3:M3",
            "A4:M4",
            "A6:A7",
            "B6:B7",
            "C6:F6",
            "G6:J6",
            "K6:M6",
        } == {str(r) for r in formulas.merged_cells.ranges}
        assert "Lũy kế từ năm 2023" == formulas["A4"].value
        assert "Số hồ sơ đã giải quyết" == formulas["G6"].value
        assert ["Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn"] == [
            formulas[f"{c}7"].value for c in "GHIJ"
        ]

    def test_a_column_under_no_group_goes_down_both_rows(self):
        """
        A column outside every group is merged down the heading rows.
        """
        style = attrs.evolve(FORM_06, columns=(*FORM_06.columns, "late_rate"))

        formulas, _ = sheets(binh_thuan_2023_02(), style)

        assert "N6:N7" in {str(r) for r in formulas.merged_cells.ranges}
        assert "Tỷ lệ trễ hẹn (%)" == formulas["N6"].value

    def test_a_group_of_one_column(self):
        """
        A group over one column is a heading over it, not a merge.
        """
        style = attrs.evolve(
            DECREE_30,
            column_groups=[ColumnGroup("Kết quả", ["on_time_rate"])],
        )

        formulas, _ = sheets(binh_thuan_2023_02(), style)

        assert ("Kết quả", "Tỷ lệ đúng hẹn (%)") == (
            formulas["G6"].value,
            formulas["G7"].value,
        )
        assert "G6:G7" not in {str(r) for r in formulas.merged_cells.ranges}
        check_sheet(binh_thuan_2023_02(), style)

    def test_no_figure_columns(self):
        """
        A style without figure columns gives a table of Stt and names.
        """
        style = attrs.evolve(DECREE_30, columns=())

        formulas, _ = sheets(binh_thuan_2023_02(), style)

        assert {"A1:B1", "A2:B2", "A3:B3", "A5:A6", "B5:B6"} == {
            str(r) for r in formulas.merged_cells.ranges
        }
        assert ("Tổng cộng", None) == (
            formulas["B26"].value,
            formulas["C26"].value,
        )

    def test_frozen_headings_and_print_setup(self):
        """
        The panes freeze below the headings and right of the names; the
        page is A4 landscape, one page wide, the heading rows repeated.
        """
        formulas, _ = sheets(binh_thuan_2023_02())
        setup = formulas.page_setup

        assert "C7" == formulas.freeze_panes
        assert "$5:$6" == formulas.print_title_rows
        assert ("9", "landscape") == (str(setup.paperSize), setup.orientation)
        # One page wide (1, the attribute's default, is left out), as many
        # pages high as it takes.
        assert (1, 0) == (setup.fitToWidth or 1, setup.fitToHeight)
        assert formulas.sheet_properties.pageSetUpPr.fitToPage
        assert pytest.approx(30 / 25.4, abs=0.01) == formulas.page_margins.top
        assert "'Phụ lục'!$A$1:$G$26" == formulas.print_area

    def test_columns_fit(self):
        """
        The names' column is wider than the figures', each figure column
        wide enough for its figures.
        """
        formulas, _ = sheets(binh_thuan_2023_02())
        widths = {c: formulas.column_dimensions[c].width for c in "ABCDEFG"}

        assert widths["B"] > widths["C"] > len("10.078")
        assert widths["A"] < widths["C"]
        assert formulas["B7"].alignment.wrap_text

    def test_identification(self):
        """
        The second sheet identifies the report: number, dates, period,
        issuer, titles and the basis of the appendix.
        """
        formulas, _ = workbooks(render(binh_thuan_2023_02(), "xlsx"))
        info = formulas["Thông tin"]
        lines = {row[0].value: row[1] for row in info.iter_rows()}

        assert "04/BC-TTHCC" == lines["Số, ký hiệu"].value
        assert dt.datetime(2023, 3, 2) == lines["Ngày ban hành"].value
        assert "dd/mm/yyyy" == lines["Ngày ban hành"].number_format
        assert (
            "Bình Thuận, ngày 02 tháng 3 năm 2023"
            == lines["Địa danh, ngày tháng năm"].value
        )
        assert "tháng 02 năm 2023" == lines["Kỳ báo cáo"].value
        assert dt.datetime(2023, 2, 1) == lines["Từ ngày"].value
        assert dt.datetime(2023, 2, 28) == lines["Đến ngày"].value
        assert "Lũy kế từ năm 2023" == lines["Số liệu của phụ lục"].value
        assert (
            "Trung tâm Hành chính công tỉnh Bình Thuận"
            == lines["Cơ quan ban hành"].value
        )
        assert lines["Trích yếu"].value.startswith("Tình hình hoạt động")
        assert "decree-30" == lines["Kiểu trình bày"].value

    def test_period_basis(self):
        """
        An appendix of the period's figures says so in words.
        """
        report = binh_thuan_2023_02()
        report = attrs.evolve(
            report,
            appendix=attrs.evolve(report.appendix, basis="period"),
            figures=report.cumulative,
            cumulative=None,
        )
        formulas, _ = workbooks(render(report, "xlsx"))
        lines = {
            row[0].value: row[1].value
            for row in formulas["Thông tin"].iter_rows()
        }

        assert "Tháng 02 năm 2023" == lines["Số liệu của phụ lục"]

    def test_document_properties(self):
        """
        The document is dated on the report's issue date, not today.
        """
        formulas, _ = workbooks(render(binh_thuan_2023_02(), "xlsx"))

        assert dt.datetime(2023, 3, 2) == formulas.properties.created
        assert dt.datetime(2023, 3, 2) == formulas.properties.modified
        assert "Báo cáo số 04/BC-TTHCC" == formulas.properties.title


# Same report, same bytes ---------------------------------------------------------


class TestDeterministic:
    def test_two_renders_are_identical(self):
        """
        The same report renders to the same bytes.
        """
        report = binh_thuan_2023_02()

        assert render(report, "xlsx") == render(report, "xlsx")

    def test_across_processes(self):
        """
        Another process writes the same bytes: no time and no id of the
        process gets in (zip entries carry a fixed date).
        """
        code = (
            "import hashlib, hcc_report\n"
            "from hcc_report.examples import binh_thuan_2023_02\n"
            "data = hcc_report.render(binh_thuan_2023_02(), 'xlsx',"
            " style='form-06')\n"
            "print(hashlib.sha256(data).hexdigest())\n"
        )
        runs = {
            subprocess.run(
                [sys.executable, "-c", code],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONHASHSEED": seed, "TZ": zone},
            ).stdout.strip()
            for seed, zone in (("1", "UTC"), ("2", "Asia/Ho_Chi_Minh"))
        }
        here = hashlib.sha256(
            render(binh_thuan_2023_02(), "xlsx", style="form-06")
        ).hexdigest()

        assert {here} == runs


# Text stays text ------------------------------------------------------------------


class TestTextStaysText:
    NAMES = ("=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x")')

    def test_formula_looking_names_are_text(self):
        """
        An agency named "=1+1" (or "+1", "-1", "@SUM(A1)") is stored as
        text, not as a formula.
        """
        formulas, values = sheets(report_with_names(*self.NAMES))

        for row, name in enumerate(self.NAMES, start=7):
            assert (name, "s") == (
                formulas.cell(row, 2).value,
                formulas.cell(row, 2).data_type,
            )
            assert name == values.cell(row, 2).value

    @pytest.mark.parametrize("mark", ["=0", "@x", "+1", "-x"])
    def test_formula_marks_are_text(self, mark):
        """
        A text that starts as a formula would (here the style's mark of an
        unknown figure) is text too; a style refuses tabs and carriage
        returns in it (tests/test_styles.py).
        """
        style = attrs.evolve(FORM_06, not_applicable=mark)

        formulas, _ = sheets(binh_thuan_2023_02(), style)

        assert "s" == formulas["C8"].data_type
        assert mark == escape.unescape(formulas["C8"].value)

    def test_an_empty_mark_is_an_empty_cell(self):
        """
        A style that marks unknown figures with nothing leaves their cells
        empty.
        """
        style = attrs.evolve(FORM_06, not_applicable="")

        formulas, _ = sheets(binh_thuan_2023_02(), style)

        assert None is formulas["C8"].value
        assert "thin" == formulas["C8"].border.left.style
        check_sheet(binh_thuan_2023_02(), style)

    def test_formula_looking_heading_and_titles(self):
        """
        Headings, the title and the identification are text as well.
        """
        report = binh_thuan_2023_02()
        report = attrs.evolve(
            report,
            title="=cmd|' /C calc'!A0",
            appendix=attrs.evolve(
                report.appendix, title="+SUM(1)", row_heading="-Tên"
            ),
        )

        formulas, _ = workbooks(render(report, "xlsx"))
        sheet, info = formulas.worksheets

        assert ("+SUM(1)", "s") == (sheet["A2"].value, sheet["A2"].data_type)
        assert ("-Tên", "s") == (sheet["B5"].value, sheet["B5"].data_type)
        assert "s" == info["B7"].data_type
        assert "=cmd|' /C calc'!A0" == info["B7"].value


# Groups, subtotals, the total first ------------------------------------------


class TestGroups:
    @pytest.mark.parametrize("subtotals", ["first", "last"])
    @pytest.mark.parametrize("total_first", [False, True])
    @pytest.mark.parametrize("base", [DECREE_30, FORM_06, BINH_THUAN])
    def test_every_cell_agrees(self, base, subtotals, total_first):
        """
        Grouped rows with subtotals first or last, the total first or
        last: every cell agrees with the view, every SUM covers its rows.
        """
        style = attrs.evolve(
            base, subtotals=subtotals, total_first=total_first
        )

        check_sheet(grouped_report(), style)

    def test_subtotals_first(self):
        """
        A group's line holds its subtotal, the SUM of its rows; the total
        adds up the rows only, skipping the groups' lines.
        """
        formulas, values = sheets(grouped_report())

        # 7: row in no group; 8: group I; 9-14 its rows; 15: II; 16-27.
        assert ("1", "Ban Quản lý các KCN") == (
            formulas["A7"].value,
            formulas["B7"].value,
        )
        assert ("I", "Cơ quan ngành dọc") == (
            formulas["A8"].value,
            formulas["B8"].value,
        )
        assert "=SUM(C9:C14)" == formulas["C8"].value
        assert "=SUM(C16:C27)" == formulas["C15"].value
        assert "=SUM(C7,C9:C14,C16:C27)" == formulas["C28"].value
        assert 10078 == values["C28"].value
        assert '=IF(D8=0,"-",ROUND(E8/D8,4))' == formulas["G8"].value
        assert formulas["B8"].font.b

    def test_subtotals_last_and_total_first(self):
        """
        With "Cộng" after each group and the total first, the total still
        adds up the rows only.
        """
        style = attrs.evolve(DECREE_30, subtotals="last", total_first=True)

        formulas, values = sheets(grouped_report(ungrouped=False), style)

        # 7: total; 8: group I; 9-15 its rows; 16: Cộng; 17: II; 18-29; 30.
        assert "Tổng cộng" == formulas["B7"].value
        assert "=SUM(C9:C15,C18:C29)" == formulas["C7"].value
        assert 10078 == values["C7"].value
        assert None is formulas["C8"].value
        assert ("Cộng", "=SUM(C9:C15)") == (
            formulas["B16"].value,
            formulas["C16"].value,
        )
        assert "C7" == formulas.freeze_panes


# Styles: places, rounding, rates from parts ----------------------------------


class TestRates:
    def test_places(self):
        """
        Three places round the fraction to five and show three.
        """
        style = attrs.evolve(DECREE_30, rate_places=3)

        formulas, values = sheets(binh_thuan_2023_02(), style)

        assert '=IF(D26=0,"-",ROUND(E26/D26,5))' == formulas["G26"].value
        assert "0.000%" == formulas["G26"].number_format
        assert 0.99794 == values["G26"].value
        check_sheet(binh_thuan_2023_02(), style)

    def test_no_places(self):
        """
        No places: whole percentages.
        """
        style = attrs.evolve(DECREE_30, rate_places=0)

        formulas, values = sheets(binh_thuan_2023_02(), style)

        assert "0%" == formulas["G26"].number_format
        assert 1 == values["G26"].value

    @pytest.mark.parametrize(
        "changes",
        [{"rounding": Rounding.HALF_EVEN}, {"rate_places": 5}],
    )
    def test_values_where_excel_would_round_otherwise(self, changes):
        """
        Excel's ROUND rounds halves up, on floats: a style that rounds
        halves to even, or to more places than floats round exactly, gets
        the rates as values.
        """
        style = attrs.evolve(DECREE_30, **changes)

        formulas, values = sheets(binh_thuan_2023_02(), style)

        assert isinstance(formulas["G26"].value, float)
        assert values["G26"].value == formulas["G26"].value
        assert "-" == formulas["G17"].value
        check_sheet(binh_thuan_2023_02(), style)

    def test_zero_as_0(self):
        """
        A style whose rate over zero is 0 % writes 0 in the formula.
        """
        style = attrs.evolve(DECREE_30, zero=ZeroPolicy.AS_0)

        formulas, values = sheets(binh_thuan_2023_02(), style)

        assert "=IF(D17=0,0,ROUND(E17/D17,4))" == formulas["G17"].value
        assert 0 == values["G17"].value

    def test_quotes_in_the_mark(self):
        """
        The style's mark goes into a formula with its quotes doubled.
        """
        style = attrs.evolve(DECREE_30, not_applicable='"-"')

        formulas, values = sheets(binh_thuan_2023_02(), style)

        assert '=IF(D17=0,"""-""",ROUND(E17/D17,4))' == formulas["G17"].value
        assert '"-"' == values["G17"].value

    def test_a_mark_too_long_for_a_formula(self):
        """
        A mark longer than a formula's text can be is written as the
        text, without a formula.
        """
        style = attrs.evolve(DECREE_30, not_applicable="x" * 256)

        formulas, _ = sheets(binh_thuan_2023_02(), style)

        assert "x" * 256 == formulas["G17"].value
        assert isinstance(formulas["G26"].value, float)

    def test_a_rate_from_the_parts_of_its_counts(self):
        """
        When a rate's count is not a column but its parts are, the
        formula adds them up: on time is early plus on the due date.
        """
        style = attrs.evolve(
            DECREE_30,
            columns=(
                "processed",
                "early",
                "on_due_date",
                "on_time_rate",
                "on_time_rate_766",
                "pending",
                "pending_in_time",
            ),
        )
        report = levels_report()

        formulas, _ = sheets(report, style)

        assert '=IF(C7=0,"-",ROUND((D7+E7)/C7,4))' == formulas["F7"].value
        assert (
            '=IF(C7+H7=0,"-",ROUND((D7+E7+I7)/(C7+H7),4))'
            == formulas["G7"].value
        )
        check_sheet(report, style)

    def test_a_rate_without_its_counts_is_a_value(self):
        """
        A rate whose counts are not columns is its value.
        """
        style = attrs.evolve(DECREE_30, columns=("received", "on_time_rate"))

        formulas, values = sheets(binh_thuan_2023_02(), style)

        assert 0.9979 == formulas["D26"].value == values["D26"].value
        check_sheet(binh_thuan_2023_02(), style)


def levels_report():
    """
    A report whose rows give every count.
    """
    report = binh_thuan_2023_02()
    rows = [
        AppendixRow(
            agency=Agency(name=name),
            counts=Counts(
                received_online=online,
                received_offline=offline,
                carried_over=1,
                early=early,
                on_due_date=due,
                late=late,
                pending_in_time=2,
                pending_overdue=0,
            ),
        )
        for name, online, offline, early, due, late in [
            ("Sở Tư pháp", 40, 60, 70, 20, 2),
            ("Sở Y tế", 8, 2, 6, 3, 0),
            ("Huyện Tuy Phong", 0, 0, 0, 0, 0),
        ]
    ]
    appendix = Appendix(title="Kết quả", basis="period", rows=rows)
    return attrs.evolve(
        report,
        appendix=appendix,
        figures=Counts.sum(r.counts for r in rows),
        cumulative=None,
    )


# Without an appendix, and what does not fit ------------------------------------


class TestEdges:
    def test_a_report_without_an_appendix(self):
        """
        The first sheet says there is no appendix; the identification
        sheet is there as always.
        """
        report = attrs.evolve(binh_thuan_2023_02(), appendix=None)

        formulas, _ = workbooks(render(report, "xlsx"))
        first, info = formulas.worksheets
        lines = {row[0].value: row[1].value for row in info.iter_rows()}

        assert ["Phụ lục", "Thông tin"] == formulas.sheetnames
        assert "Phụ lục" == first["A1"].value
        assert "Báo cáo không có phụ lục." == first["A2"].value
        assert "Báo cáo không có phụ lục." == lines["Phụ lục"]
        assert "Số liệu của phụ lục" not in lines

    @pytest.mark.parametrize(
        ("label", "name"),
        [
            ("PHỤ LỤC", "PHỤ LỤC"),
            ("Thông tin", "Phụ lục"),
            ("Phụ lục [I]: 2023/02", "Phụ lục I 2023 02"),
            ("'*'", "Phụ lục"),
            ("Phụ lục " + "x" * 40, "Phụ lục " + "x" * 23),
        ],
    )
    def test_sheet_names(self, label, name):
        """
        The sheet is named after the label, as far as Excel allows.
        """
        style = attrs.evolve(DECREE_30, appendix_label=label)

        formulas, _ = workbooks(
            render(binh_thuan_2023_02(), "xlsx", style=style)
        )

        assert [name, "Thông tin"] == formulas.sheetnames
        assert label == formulas.worksheets[0]["A1"].value

    def test_an_issue_date_before_excel_dates(self):
        """
        A date Excel cannot hold (before 1900) is written as text.
        """
        report = attrs.evolve(
            binh_thuan_2023_02(), issued=dt.date(1899, 12, 30)
        )

        formulas, _ = workbooks(render(report, "xlsx"))
        lines = {
            r[0].value: r[1].value for r in formulas["Thông tin"].iter_rows()
        }

        assert "30/12/1899" == lines["Ngày ban hành"]

    def test_too_long_a_name(self):
        """
        A text longer than a cell holds cannot be in a report: the model
        refuses a name over MAX_NAME characters, far below Excel's 32767,
        and one of MAX_NAME is written whole.
        """
        with pytest.raises(ValidationError, match="at most 500 characters"):
            report_with_names("x" * 32_768)

        _, values = sheets(report_with_names("x" * MAX_NAME))

        texts = {cell.value for row in values.iter_rows() for cell in row}
        assert "x" * MAX_NAME in texts

    def test_too_large_a_count(self):
        """
        A total with more digits than Excel keeps is refused (a count
        itself is at most hcc_report.model.MAX_COUNT, 12 digits).
        """
        report = binh_thuan_2023_02()
        big = Counts(received=MAX_COUNT)
        rows = [
            AppendixRow(agency=Agency(name=f"Đơn vị {i}"), counts=big)
            for i in range(1001)
        ]
        report = attrs.evolve(
            report,
            appendix=attrs.evolve(report.appendix, rows=rows),
            cumulative=total(rows),
        )

        with pytest.raises(RendererError, match="more digits than Excel"):
            render(report, "xlsx")

    def test_long_formulas_are_split_or_given_up(self):
        """
        More ranges than a function takes are summed in nested SUMs; a
        formula longer than Excel allows is not written.
        """
        rows = list(range(0, 600, 2))
        nested = _xlsx.sum_formula(2, rows)

        assert nested.startswith("=SUM(SUM(C1,C3,")
        assert 2 == nested.count("SUM(SUM") + nested.count(",SUM(")
        assert None is _xlsx.sum_formula(2, list(range(0, 4000, 2)))
        assert None is _xlsx.sum_formula(2, [])

    def test_missing_xlsxwriter(self, monkeypatch):
        """
        Without XlsxWriter, asking for the renderer names the extra.
        """
        monkeypatch.setitem(sys.modules, "xlsxwriter", None)
        monkeypatch.delitem(sys.modules, "hcc_report.renderers._xlsx")
        registry = RendererRegistry(entry_points=False)
        registry.register(
            "xlsx", "hcc_report.renderers._xlsx:XLSX", extra="xlsx"
        )

        with pytest.raises(MissingDependencyError) as info:
            registry.get("xlsx")

        assert 'pip install "hcc-report[xlsx]"' in str(info.value)
        assert "xlsxwriter" in str(info.value)


# Any report -------------------------------------------------------------------------

any_style = st.sampled_from(
    [
        DECREE_30,
        BINH_THUAN,
        FORM_06,
        attrs.evolve(FORM_06, subtotals="last", total_first=True),
        attrs.evolve(DECREE_30, zero=ZeroPolicy.AS_0, rate_places=1),
        attrs.evolve(
            BINH_THUAN,
            rate_places=0,
            columns=(
                "received",
                "received_online",
                "online_share",
                "processed",
                "handled",
                "completion_rate",
                "on_time_rate_766",
                "late_rate",
            ),
        ),
        attrs.evolve(DECREE_30, rounding=Rounding.HALF_EVEN),
    ]
)


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=reports().filter(lambda r: r.appendix is not None), style=any_style
)
def test_any_report_agrees_with_the_view(report, style):
    """
    For any report with an appendix, in any style, every cached value is
    what the view prints, every formula gives its cached value, every SUM
    covers exactly the rows it adds up, and the identification's dates are
    the report's.
    """
    check_sheet(report, style)
    formulas, _ = workbooks(render(report, "xlsx", style=style))
    lines = {r[0].value: r[1].value for r in formulas["Thông tin"].iter_rows()}
    issued = lines["Ngày ban hành"]
    assert report.issued == (
        issued.date()
        if isinstance(issued, dt.datetime)
        else dt.date(*map(int, reversed(issued.split("/"))))
    )
    assert str(report.number) == lines["Số, ký hiệu"]
