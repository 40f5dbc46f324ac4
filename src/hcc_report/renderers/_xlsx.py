"""
The ``xlsx`` renderer: the appendix as a workbook that a consolidating
office can recompute (extra ``hcc-report[xlsx]``, XlsxWriter).

The first sheet is the appendix table as `hcc_report.presentation` lays
it out: counts as numbers, totals and subtotals as ``SUM`` formulas, rates
as formulas from the figure catalogue, each formula with its computed
result cached, so that a reader that does not compute formulas still sees
the figures the other outputs print. The second sheet identifies the
report. The layout is described in :doc:`/reference/xlsx-output`.

Every text is written as text, never as a formula, and the same report
gives the same bytes.

>>> import io, openpyxl
>>> from hcc_report import render
>>> from hcc_report.examples import binh_thuan_2023_02
>>> data = render(binh_thuan_2023_02(), "xlsx")
>>> sheet = openpyxl.load_workbook(io.BytesIO(data))["Phụ lục"]
>>> sheet["B26"].value, sheet["C26"].value
('Tổng cộng', '=SUM(C7:C25)')
>>> sheet["G26"].value
'=IF(D26=0,"-",ROUND(E26/D26,4))'
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import textwrap

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import xlsxwriter  # type: ignore[import-untyped]

from xlsxwriter.utility import (  # type: ignore[import-untyped]
    xl_col_to_name,
    xl_rowcol_to_cell,
)

from hcc_report import figures
from hcc_report.errors import RendererError
from hcc_report.formatting import format_period
from hcc_report.languages import NP_, is_vietnamese, translations
from hcc_report.model import Report
from hcc_report.presentation import (
    AppendixRowView,
    AppendixView,
    Cell,
    ReportView,
    present,
)
from hcc_report.renderers._registry import NoOptions
from hcc_report.rounding import Rounding, ZeroPolicy
from hcc_report.styles import DECREE_30, Style


#: The words the workbook writes itself, as messages of the catalogue
#: (`labels` gives them in a language).
LABELS: Mapping[str, str] = MappingProxyType(
    {
        "info_sheet": NP_("workbook", "Information"),
        "no_appendix": NP_("workbook", "The report has no appendix."),
        "number": NP_("workbook", "Number and symbol"),
        "issued": NP_("workbook", "Date of issue"),
        "place_date": NP_("workbook", "Place and date"),
        "issuer": NP_("workbook", "Issuer"),
        "parent": NP_("workbook", "Parent body"),
        "type": NP_("workbook", "Document type"),
        "title": NP_("workbook", "Summary"),
        "period": NP_("workbook", "Reporting period"),
        "period_start": NP_("workbook", "From"),
        "period_end": NP_("workbook", "To"),
        "appendix": NP_("workbook", "Appendix"),
        "basis": NP_("workbook", "Figures of the appendix"),
        "style": NP_("workbook", "Style"),
    }
)


@functools.lru_cache(maxsize=8)
def labels(lang: str) -> Mapping[str, str]:
    """
    Return the words the workbook writes itself, in *lang*.

    >>> labels("vi")["info_sheet"], labels("en")["info_sheet"]
    ('Thông tin', 'Information')
    """
    catalogue = translations(lang)
    return MappingProxyType(
        {
            key: catalogue.pgettext("workbook", message)
            for key, message in LABELS.items()
        }
    )


#: The font of every cell (Decree 30/2020: Times New Roman).
FONT = "Times New Roman"
#: Type sizes: the table, the label "Phụ lục", the title and its lines.
TABLE_SIZE = 12
LABEL_SIZE = 14
TITLE_SIZE = 13
#: The format of dates: day and month with two digits, as Vietnam writes
#: them.
DATE_FORMAT = "dd/mm/yyyy"
#: Margins in millimetres: Decree 30/2020's on a portrait page (the
#: second sheet), and turned with the page on a landscape one (the table),
#: as the ``html`` renderer's wide pages have them.
PORTRAIT_MARGINS_MM: Mapping[str, int] = MappingProxyType(
    {"top": 20, "bottom": 20, "left": 30, "right": 15}
)
LANDSCAPE_MARGINS_MM: Mapping[str, int] = MappingProxyType(
    {"top": 30, "bottom": 15, "left": 20, "right": 20}
)
#: A4 in Excel's paper codes.
A4 = 9

#: Excel's limits: characters in a cell and in a sheet's name, arguments
#: of a function, characters in a formula and in a text inside one,
#: significant digits of a number, and the first date a cell can hold.
MAX_TEXT = 32_767
MAX_SHEET_NAME = 31
MAX_ARGUMENTS = 255
MAX_FORMULA = 8_192
MAX_FORMULA_TEXT = 255
MAX_COUNT = 10**15 - 1
FIRST_DATE = dt.date(1900, 1, 1)
#: Rates with more places than this are written as values: past it,
#: Excel's binary floating point cannot round every rate as exactly as
#: hcc_report does.
MAX_FORMULA_PLACES = 4

#: Widths, in Excel's units (a digit of the default font): a character of
#: the table's font, the padding of a column, the widest name column
#: before names wrap, and the narrowest figure column, in characters.
CHAR_WIDTH = 1.15
PADDING = 2
MAX_NAME_CHARS = 40
MIN_FIGURE_CHARS = 7
#: The most lines a figure column's heading wraps to.
HEADING_LINES = 3
#: Heights of a line of text, in points, by type size.
LINE_HEIGHT: Mapping[int, float] = MappingProxyType(
    {TABLE_SIZE: 16.0, TITLE_SIZE: 17.5, LABEL_SIZE: 19.0}
)

_INVALID_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


# Cells and formulas ---------------------------------------------------------


def _length(text: str) -> int:
    """
    The length of *text* as Excel counts it, in UTF-16 units.
    """
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _check_text(text: str) -> str:
    """
    *text* if a cell can hold it.

    Raises:
        ~hcc_report.errors.RendererError: It is longer than Excel allows.
    """
    length = _length(text)
    if length > MAX_TEXT:
        msg = (
            f"a cell of the workbook would hold {length} characters, more "
            f"than Excel's {MAX_TEXT}: {text[:40]!r}..."
        )
        raise RendererError(msg)
    return text


def _check_count(value: int, where: str) -> int:
    """
    *value* if Excel keeps every digit of it.

    Raises:
        ~hcc_report.errors.RendererError: It has more than 15 digits.
    """
    if value > MAX_COUNT:
        msg = (
            f"the count {value} ({where}) has more digits than Excel "
            "keeps (15)"
        )
        raise RendererError(msg)
    return value


def sheet_name(
    label: str, taken: Iterable[str] = (), *, lang: str = "vi"
) -> str:
    """
    Return a worksheet name for *label*: without the characters Excel
    refuses, at most 31 characters, and none of *taken*; ``"Phụ lục"``
    (the word "Appendix" in *lang*) when nothing is left.

    >>> sheet_name("PHỤ LỤC")
    'PHỤ LỤC'
    >>> sheet_name("Phụ lục [I]: kết quả/tháng 02 năm 2023")
    'Phụ lục I kết quả tháng 02 năm'
    >>> sheet_name("'?'", taken=["Thông tin"])
    'Phụ lục'
    >>> sheet_name("Thông tin", taken=["Thông tin"])
    'Phụ lục'
    """
    name = " ".join(label.translate(_INVALID_SHEET_CHARS).split())
    name = name.strip("'")
    while _length(name) > MAX_SHEET_NAME:
        name = name[:-1]
    name = name.strip().strip("'")
    used = {t.casefold() for t in taken}
    if not name or name.casefold() in used:
        name = labels(lang)["appendix"]
    return name


def percent_format(places: int) -> str:
    """
    Return the number format of a rate with *places* decimals.

    >>> percent_format(2), percent_format(0)
    ('0.00%', '0%')
    """
    return "0" + ("." + "0" * places if places else "") + "%"


def _ranges(column: int, rows: Sequence[int]) -> list[str]:
    """
    The cells of *column* in *rows*, as few contiguous ranges.

    >>> _ranges(2, [7, 8, 9, 11, 13, 14])
    ['C8:C10', 'C12', 'C14:C15']
    """
    found: list[str] = []
    ordered = sorted(rows)
    start = 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
            first, last = ordered[start], ordered[i - 1]
            cell = xl_rowcol_to_cell(first, column)
            if last != first:
                cell += ":" + xl_rowcol_to_cell(last, column)
            found.append(cell)
            start = i
    return found


def sum_formula(column: int, rows: Sequence[int]) -> str | None:
    """
    Return a ``SUM`` of the cells of *column* in *rows* (from 0), or
    ``None`` if Excel could not hold it.

    Contiguous rows become one range; more than 255 ranges are summed in
    nested ``SUM``\\ s, as Excel takes at most 255 arguments.

    >>> sum_formula(2, [7, 8, 9, 11])
    '=SUM(C8:C10,C12)'
    """
    arguments = _ranges(column, rows)
    if not arguments:
        return None
    while len(arguments) > MAX_ARGUMENTS:
        arguments = [
            "SUM(" + ",".join(arguments[i : i + MAX_ARGUMENTS]) + ")"
            for i in range(0, len(arguments), MAX_ARGUMENTS)
        ]
    formula = "=SUM(" + ",".join(arguments) + ")"
    return formula if len(formula) <= MAX_FORMULA else None


def _formula_text(text: str) -> str | None:
    """
    *text* as a string in a formula, or ``None`` if too long for one.
    """
    if len(text) > MAX_FORMULA_TEXT:
        return None
    return '"' + text.replace('"', '""') + '"'


def _zero_result(policy: ZeroPolicy, style: Style) -> str | None:
    """
    What a rate's formula gives over zero dossiers.
    """
    if policy is ZeroPolicy.AS_100:
        return "1"
    if policy is ZeroPolicy.AS_0:
        return "0"
    return _formula_text(style.not_applicable)


def _terms(
    keys: Sequence[str],
    row: int,
    columns: Mapping[str, int],
    cells: Mapping[str, Cell],
) -> list[str] | None:
    """
    The cells whose sum is the sum of the counts *keys* on *row*: a
    count's own column, or, when it is not a column of the table, the
    columns of its parts (``on_time`` is ``early`` + ``on_due_date``).
    ``None`` when a count is neither, or is not known on the row.
    """
    found: list[str] = []
    for key in keys:
        if key in columns:
            if not isinstance(cells[key].value, int):
                return None
            found.append(xl_rowcol_to_cell(row, columns[key]))
            continue
        parts = figures.count(key).parts
        inner = _terms(parts, row, columns, cells) if parts else None
        if inner is None:
            return None
        found.extend(inner)
    return found


def rate_formula(
    key: str,
    row: int,
    columns: Mapping[str, int],
    cells: Mapping[str, Cell],
    style: Style,
) -> str | None:
    """
    Return the formula of the rate *key* on *row* (from 0), from the
    columns of its counts (by key, from 0) and the row's *cells* (by key),
    in *style*; ``None`` when it cannot be a formula that gives exactly
    the rate the style prints.

    The rate is a fraction rounded to the style's places (``99,79%`` is
    ``0.9979``); over zero dossiers it is what the style's zero policy
    says, like the rate the other outputs print.

    >>> cells = {k: Cell("", 1, k) for k in ("processed", "on_time")}
    >>> rate_formula("on_time_rate", 6, {"processed": 3, "on_time": 4},
    ...              cells, DECREE_30)
    '=IF(D7=0,"-",ROUND(E7/D7,4))'
    """
    if (
        style.rounding is not Rounding.HALF_UP
        or style.rate_places > MAX_FORMULA_PLACES
    ):
        return None  # Excel's ROUND rounds halves up, to a float
    rate = figures.rate(key)
    numerator = _terms(rate.numerator, row, columns, cells)
    denominator = _terms(rate.denominator, row, columns, cells)
    zero = _zero_result(rate.zero_policy(style.zero), style)
    if numerator is None or denominator is None or zero is None:
        return None
    over = "+".join(numerator)
    under = "+".join(denominator)
    if len(numerator) > 1:
        over = f"({over})"
    quotient = (
        f"{over}/({under})" if len(denominator) > 1 else f"{over}/{under}"
    )
    return f"=IF({under}=0,{zero},ROUND({quotient},{style.rate_places + 2}))"


def rate_value(value: Decimal) -> float:
    """
    Return a rate in % as the fraction a cell holds, rounded as printed.

    >>> rate_value(Decimal("99.79"))
    0.9979
    """
    return float(value / 100)


# The appendix sheet ---------------------------------------------------------


def _lines(text: str, width: float) -> int:
    """
    About how many lines *text* wraps to in *width* characters.
    """
    return max(1, len(textwrap.wrap(text, width=max(1, round(width)))))


def _fit(text: str, lines: int) -> int:
    """
    The fewest characters a line must hold for *text* to wrap to at most
    *lines* lines, never breaking a word.

    >>> _fit("Trực tiếp, bưu chính", 3)
    9
    """
    width = max([math.ceil(len(text) / lines), *map(len, text.split())])
    while _lines(text, width) > lines:
        width += 1
    return width


def _chars(width: float) -> float:
    """
    How many characters of the table's font a column of *width* holds.
    """
    return (width - PADDING) / CHAR_WIDTH


@attrs.define
class _Formats:
    """
    The workbook's cell formats, made once each.
    """

    workbook: Any
    made: dict[tuple[tuple[str, Any], ...], Any] = attrs.Factory(dict)

    def get(self, **properties: Any) -> Any:
        """
        The format with *properties*, in the table's font and size unless
        they say otherwise, centred vertically.
        """
        properties = {
            "font_name": FONT,
            "font_size": TABLE_SIZE,
            "valign": "vcenter",
            **properties,
        }
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]

    def cell(self, kind: str, *, bold: bool, **properties: Any) -> Any:
        """
        A format of the table's body: bordered, bold on totals.
        """
        return self.get(
            border=1, bold=bold, **_CELL_FORMATS[kind], **properties
        )


#: The table's kinds of cell.
_CELL_FORMATS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "heading": {"align": "center", "text_wrap": True},
        "number": {"align": "center"},
        "name": {"align": "left", "text_wrap": True},
        "figure": {"align": "right"},
    }
)


#: Rows of the table: each row's line on the sheet (from 0), beside it.
_Rows = Sequence[tuple[int, AppendixRowView]]


@attrs.define
class _AppendixSheet:
    """
    Writes the appendix table on a worksheet.
    """

    sheet: Any
    formats: _Formats
    appendix: AppendixView
    style: Style
    #: The widths of the columns, in Excel's units.
    widths: list[float] = attrs.Factory(list)

    @property
    def last_column(self) -> int:
        """
        The last column of the table, from 0.
        """
        return 1 + len(self.appendix.columns)

    def write(self) -> None:
        """
        The title lines, the headings, the rows and the total, and the
        page setup.
        """
        appendix = self.appendix
        self._set_widths()
        first = self._title_lines() + 1  # a blank line before the table
        self._headings(first)
        data = first + 2
        start = data + 1 if appendix.total_first else data
        rows = [(start + i, shown) for i, shown in enumerate(appendix.rows)]
        # The rows of each group, which its line or subtotal adds up.
        groups: dict[str | None, list[tuple[int, AppendixRowView]]] = {}
        for row, shown in rows:
            if shown.kind == "row":
                groups.setdefault(shown.group, []).append((row, shown))
        for row, shown in rows:
            members = []
            if shown.kind in {"group", "subtotal"}:
                members = groups.get(shown.group, [])
            self._row(row, shown, members)
        total = data if appendix.total_first else start + len(rows)
        # The total adds up the rows, never the subtotals.
        self._row(
            total,
            appendix.total,
            [(r, m) for r, m in rows if m.kind == "row"],
            bold=True,
        )
        self._page(first, data, data + len(rows))

    # Layout --------------------------------------------------------------

    def _set_widths(self) -> None:
        """
        Each column as wide as its longest text (names wrap past
        `MAX_NAME_CHARS`, headings on about three lines at most).
        """
        appendix = self.appendix
        shown = [*appendix.rows, appendix.total]
        numbers = [appendix.number_heading, *(r.number for r in shown)]
        name_chars = max(
            12,
            *(len(word) for word in appendix.name_heading.split()),
            *(min(MAX_NAME_CHARS, len(r.name)) for r in shown),
        )
        self.widths = [
            max(map(len, numbers)) * CHAR_WIDTH + PADDING,
            name_chars * CHAR_WIDTH + PADDING,
        ]
        for i, heading in enumerate(appendix.columns):
            chars = max(
                MIN_FIGURE_CHARS,
                *(len(r.cells[i].text) for r in shown),
                _fit(heading, HEADING_LINES),
            )
            self.widths.append(chars * CHAR_WIDTH + PADDING)
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, round(width, 2))

    def _line(self, row: int, text: str, size: int, **properties: Any) -> None:
        """
        A line across the table, merged, as high as its wrapped text.
        """
        fmt = self.formats.get(
            align="center", text_wrap=True, font_size=size, **properties
        )
        self.sheet.merge_range(
            row, 0, row, self.last_column, _check_text(text), fmt
        )
        chars = sum(self.widths) / CHAR_WIDTH * TABLE_SIZE / size
        self.sheet.set_row(row, _lines(text, chars) * LINE_HEIGHT[size] + 2)

    def _title_lines(self) -> int:
        """
        The label, the title, the reference line, and the heading over
        the column groups (which the table then leaves out, as the
        ``html`` renderer does); returns the next row.
        """
        appendix = self.appendix
        self._line(0, appendix.label, LABEL_SIZE, bold=True)
        self._line(1, appendix.title, TITLE_SIZE, bold=True)
        self._line(2, appendix.reference, TITLE_SIZE, italic=True)
        if appendix.column_groups:
            self._line(3, appendix.group_heading, TABLE_SIZE)
            return 4
        return 3

    def _heading_spans(self) -> list[tuple[int, int, str | None]]:
        """
        The first heading row over the figure columns: (first column,
        last column, heading), the heading ``None`` for a column under
        no heading, which spans both rows.
        """
        appendix = self.appendix
        count = len(appendix.columns)
        if not appendix.column_groups:
            if not count:
                return []
            return [(2, 1 + count, appendix.group_heading)]
        spans: list[tuple[int, int, str | None]] = []
        column = 0
        for group in appendix.column_groups:
            spans.extend(
                (2 + i, 2 + i, None) for i in range(column, group.start)
            )
            spans.append(
                (2 + group.start, 1 + group.start + group.span, group.heading)
            )
            column = group.start + group.span
        spans.extend((2 + i, 2 + i, None) for i in range(column, count))
        return spans

    def _headings(self, first: int) -> None:
        """
        The two heading rows: Stt and the name down both, the figure
        columns under their heading, or down both under none.
        """
        appendix = self.appendix
        fmt = self.formats.cell("heading", bold=True)
        sheet = self.sheet
        second = first + 1
        width = [_chars(w) for w in self.widths]
        # Lines of text in the first row, in the second, and down both.
        top, bottom, both = [1], [1], [1]

        def down(column: int, text: str) -> None:
            sheet.merge_range(
                first, column, second, column, _check_text(text), fmt
            )
            both.append(_lines(text, width[column]))

        down(0, appendix.number_heading)
        down(1, appendix.name_heading)
        for start, end, heading in self._heading_spans():
            if heading is None:
                down(start, appendix.columns[start - 2])
                continue
            if end > start:
                sheet.merge_range(
                    first, start, first, end, _check_text(heading), fmt
                )
            else:
                sheet.write_string(first, start, _check_text(heading), fmt)
            top.append(_lines(heading, sum(width[start : end + 1])))
            for column in range(start, end + 1):
                text = appendix.columns[column - 2]
                sheet.write_string(second, column, _check_text(text), fmt)
                bottom.append(_lines(text, width[column]))
        line = LINE_HEIGHT[TABLE_SIZE]
        top_lines = max(top)
        sheet.set_row(first, top_lines * line + 4)
        sheet.set_row(second, max(*bottom, max(both) - top_lines) * line + 4)

    def _page(self, first: int, data: int, last: int) -> None:
        """
        Headings frozen and repeated on every page, the print setup, and
        no warnings on the numbers written as text (Stt) or on sums that
        skip the lines of groups.
        """
        sheet = self.sheet
        sheet.freeze_panes(data, 2)
        sheet.repeat_rows(first, first + 1)
        sheet.print_area(0, 0, last, self.last_column)
        _print_setup(sheet, landscape=True)
        ignored = {"number_stored_as_text": f"A{data + 1}:B{last + 1}"}
        if self.appendix.columns:
            last_name = xl_col_to_name(self.last_column)
            ignored["formula_range"] = f"C{data + 1}:{last_name}{last + 1}"
        sheet.ignore_errors(ignored)

    # Rows ----------------------------------------------------------------

    def _row(
        self,
        row: int,
        shown: AppendixRowView,
        members: _Rows,
        *,
        bold: bool = False,
    ) -> None:
        """
        A line of the table; *members* are the rows it adds up, if it is
        a total or a subtotal.
        """
        sheet = self.sheet
        bold = bold or shown.kind != "row"
        number_fmt = self.formats.cell("number", bold=bold)
        if shown.number:
            sheet.write_string(row, 0, _check_text(shown.number), number_fmt)
        else:
            sheet.write_blank(row, 0, None, number_fmt)
        name_fmt = self.formats.cell("name", bold=bold)
        sheet.write_string(row, 1, _check_text(shown.name), name_fmt)
        if shown.kind == "group" and self.style.subtotals != "first":
            # A group's own line, its subtotal on the line "Cộng" below.
            blank = self.formats.cell("figure", bold=bold)
            for column in range(2, self.last_column + 1):
                sheet.write_blank(row, column, None, blank)
            return
        columns = {
            cell.field: 2 + i
            for i, cell in enumerate(shown.cells)
            if cell.field is not None
        }
        by_field = {
            cell.field: cell for cell in shown.cells if cell.field is not None
        }
        for i, cell in enumerate(shown.cells):
            if isinstance(cell.value, int):
                # A SUM only of known counts: else the total is unknown.
                known = [
                    r for r, m in members if isinstance(m.cells[i].value, int)
                ]
                where = f"row {shown.name!r}, column {cell.field!r}"
                self._count(
                    row,
                    2 + i,
                    _check_count(cell.value, where),
                    known if members and len(known) == len(members) else [],
                    bold=bold,
                    total=bool(members),
                )
            else:
                self._rate(row, 2 + i, cell, columns, by_field, bold=bold)

    def _count(
        self,
        row: int,
        column: int,
        value: int,
        members: Sequence[int],
        *,
        bold: bool,
        total: bool,
    ) -> None:
        """
        A count: a number, or the ``SUM`` of the rows *members* with
        *value* cached.
        """
        grouped = self.style.group_row_counts or total
        fmt = self.formats.cell(
            "figure", bold=bold, num_format="#,##0" if grouped else "0"
        )
        formula = sum_formula(column, members) if members else None
        if formula is None:
            self.sheet.write_number(row, column, value, fmt)
        else:
            self.sheet.write_formula(row, column, formula, fmt, value)

    def _rate(
        self,
        row: int,
        column: int,
        cell: Cell,
        columns: Mapping[str, int],
        by_field: Mapping[str, Cell],
        *,
        bold: bool,
    ) -> None:
        """
        A rate, or a figure that is not shown: a rate is a formula where
        it can be (over zero dossiers too, where it may not apply), else
        its value; anything else unknown is its text.
        """
        formula = None
        if cell.field is not None and figures.get(cell.field).kind == "rate":
            formula = rate_formula(
                cell.field, row, columns, by_field, self.style
            )
        percent = self.formats.cell(
            "figure",
            bold=bold,
            num_format=percent_format(self.style.rate_places),
        )
        shown: float | str = (
            rate_value(cell.value)
            if isinstance(cell.value, Decimal)
            else _check_text(cell.text)
        )
        if formula is not None:
            self.sheet.write_formula(row, column, formula, percent, shown)
        elif isinstance(shown, float):
            self.sheet.write_number(row, column, shown, percent)
        elif shown:
            fmt = self.formats.cell("figure", bold=bold)
            self.sheet.write_string(row, column, shown, fmt)
        else:
            fmt = self.formats.cell("figure", bold=bold)
            self.sheet.write_blank(row, column, None, fmt)


def _print_setup(sheet: Any, *, landscape: bool) -> None:
    """
    A4, one page wide, the Decree's margins, page numbers at the top.
    """
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
        margins = LANDSCAPE_MARGINS_MM
    else:
        sheet.set_portrait()
        margins = PORTRAIT_MARGINS_MM
    sheet.set_margins(**{side: mm / 25.4 for side, mm in margins.items()})
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    # Decree 30/2020: page numbers centred in the top margin.
    sheet.set_header(
        f'&C&"{FONT},Regular"&{TABLE_SIZE}&P', {"margin": 10 / 25.4}
    )


def _no_appendix(sheet: Any, formats: _Formats, label: str, lang: str) -> None:
    """
    The first sheet of a report without an appendix: its label and a line
    that says so.
    """
    sheet.set_column(0, 0, 40)
    sheet.write_string(
        0, 0, label, formats.get(bold=True, font_size=LABEL_SIZE)
    )
    sheet.write_string(
        1, 0, labels(lang)["no_appendix"], formats.get(italic=True)
    )
    _print_setup(sheet, landscape=True)


# The identification sheet ---------------------------------------------------


def identification(
    report: Report, view: ReportView
) -> list[tuple[str, str | dt.date]]:
    """
    Return the lines of the identification sheet: (label, value), a value
    being a text or a date.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> report = binh_thuan_2023_02()
    >>> lines = dict(identification(report, present(report)))
    >>> lines["Số, ký hiệu"], lines["Ngày ban hành"], lines["Kỳ báo cáo"]
    ('04/BC-TTHCC', datetime.date(2023, 3, 2), 'tháng 02 năm 2023')
    >>> lines["Số liệu của phụ lục"]
    'Lũy kế từ năm 2023'
    >>> english = dict(identification(report, present(report, lang="en")))
    >>> english["Reporting period"], english["Place and date"]
    ('February 2023', 'Bình Thuận, 2 March 2023')
    """
    issuer = report.issuer
    words = labels(view.lang)
    english = not is_vietnamese(view.lang)
    long_name, parent = issuer.long_name, issuer.parent
    if english:
        long_name = issuer.long_name_en or long_name
        parent = issuer.parent_en or parent
    lines: list[tuple[str, str | dt.date]] = [
        (words["number"], str(report.number)),
        (words["issued"], report.issued),
        (words["place_date"], view.header.place_date),
        (words["issuer"], long_name),
    ]
    if parent is not None:
        lines.append((words["parent"], parent))
    lines += [
        (words["type"], view.type_name.capitalize()),
        (words["title"], view.title),
        (words["period"], format_period(report.period, lang=view.lang)),
        (words["period_start"], report.period.start),
        (words["period_end"], report.period.end),
    ]
    appendix = view.appendix
    if appendix is None:
        lines.append((words["appendix"], words["no_appendix"]))
    else:
        lines += [
            (words["appendix"], appendix.title),
            (words["basis"], appendix.group_heading),
        ]
    lines.append((words["style"], view.style.name))
    return lines


def _identification_sheet(
    sheet: Any, formats: _Formats, lines: list[tuple[str, str | dt.date]]
) -> None:
    label_fmt = formats.get(bold=True, border=1, text_wrap=True)
    text_fmt = formats.get(border=1, text_wrap=True, align="left")
    date_fmt = formats.get(border=1, align="left", num_format=DATE_FORMAT)
    widest = max(len(text) for _, text in lines if isinstance(text, str))
    sheet.set_column(0, 0, max(len(label) for label, _ in lines) + PADDING)
    sheet.set_column(1, 1, min(80, widest * CHAR_WIDTH + PADDING))
    for row, (label, value) in enumerate(lines):
        sheet.write_string(row, 0, label, label_fmt)
        if isinstance(value, dt.date) and value >= FIRST_DATE:
            sheet.write_datetime(row, 1, value, date_fmt)
        elif isinstance(value, dt.date):  # before Excel's first date
            text = f"{value.day:02}/{value.month:02}/{value.year:04}"
            sheet.write_string(row, 1, text, text_fmt)
        else:
            sheet.write_string(row, 1, _check_text(value), text_fmt)
    _print_setup(sheet, landscape=False)


# The workbook ---------------------------------------------------------------


def workbook_bytes(report: Report, style: Style, lang: str = "vi") -> bytes:
    """
    Return the workbook of *report* in *style* and *lang*.

    Raises:
        ~hcc_report.errors.RendererError: A text or a count does not fit
            in a cell.
    """
    view = present(report, style, lang=lang)
    words = labels(view.lang)
    lines = identification(report, view)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    # Same report, same bytes: the document's date is its issue date.
    workbook.set_properties(
        {
            "title": translations(view.lang)
            .pgettext("workbook", "{type} No. {number}")
            .format(type=view.type_name.capitalize(), number=report.number),
            "subject": view.title,
            "author": dict(lines)[words["issuer"]],
            "created": dt.datetime.combine(
                max(report.issued, FIRST_DATE), dt.time()
            ),
        }
    )
    formats = _Formats(workbook)
    info_name = words["info_sheet"]
    label = (
        view.appendix.label
        if view.appendix is not None
        else translations(view.lang).pgettext(
            "appendix", view.style.appendix_label
        )
    )
    name = sheet_name(label, taken=[info_name], lang=view.lang)
    first = workbook.add_worksheet(name)
    if view.appendix is None:
        _no_appendix(first, formats, _check_text(label), view.lang)
    else:
        _AppendixSheet(first, formats, view.appendix, view.style).write()
    info = workbook.add_worksheet(info_name)
    _identification_sheet(info, formats, lines)
    workbook.close()
    return output.getvalue()


_NO_OPTIONS = NoOptions()


@attrs.frozen
class XlsxRenderer:
    """
    Writes the appendix and the report's identification as an Excel
    workbook (see `workbook_bytes`); it takes no options.
    """

    name: str = "xlsx"
    media_type: str = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    suffix: str = ".xlsx"

    @property
    def options(self) -> type[NoOptions]:
        """
        `NoOptions`.
        """
        return NoOptions

    def render(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: NoOptions = _NO_OPTIONS,
        lang: str = "vi",
    ) -> bytes:
        """
        Render *report* in *style* and *lang* as the bytes of an ``.xlsx``
        file.
        """
        del options
        return workbook_bytes(report, style, lang)


XLSX = XlsxRenderer()
