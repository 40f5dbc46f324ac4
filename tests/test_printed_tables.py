"""
Tables as provinces print them, generated and read back as CSV: any shape
of columns and rows, either notation, one or two decimals, trailing zeros
dropped or not, bare rate columns, subtotals, the total first or last.

The audit finds nothing wrong in a table whose figures add up, and an error
at the row and column of any one printed figure changed.
"""

from __future__ import annotations

import math

from decimal import Decimal
from fractions import Fraction

import attrs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc_report import Severity, audit
from hcc_report.formatting import format_number
from hcc_report.loaders import loads_published


@attrs.frozen
class Column:
    """
    A printed column: its group heading, its heading, and what it holds
    (a count's key, or a rate as (key, numerator, denominator)).
    """

    group: str
    heading: str
    key: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator)


def count(group: str, heading: str, key: str) -> Column:
    return Column(group, heading, key)


def share(group: str, heading: str, key: str, of: str, whole: str) -> Column:
    return Column(group, heading, key, (of,), (whole,))


#: Shapes of tables real reports print (see tests/data/published).
LAYOUTS = {
    # The seed's: one line of headings, the on-time rate last.
    "seed": [
        count("", "Đã tiếp nhận", "received"),
        count("", "Đã xử lý", "processed"),
        count("", "Đúng hẹn", "on_time"),
        count("", "Trễ hẹn", "late"),
        share(
            "", "Tỷ lệ đúng hẹn (%)", "on_time_rate", "on_time", "processed"
        ),
    ],
    # Biểu 06/VPCP/KSTT under its two lines of headings.
    "form-06": [
        count("Số hồ sơ nhận giải quyết", "Tổng số", "handled"),
        count("Số hồ sơ nhận giải quyết", "Trực tuyến", "received_online"),
        count(
            "Số hồ sơ nhận giải quyết",
            "Trực tiếp, bưu chính",
            "received_offline",
        ),
        count("Số hồ sơ nhận giải quyết", "Từ kỳ trước", "carried_over"),
        count("Số hồ sơ đã giải quyết", "Tổng số", "processed"),
        count("Số hồ sơ đã giải quyết", "Trước hạn", "early"),
        count("Số hồ sơ đã giải quyết", "Đúng hạn", "on_due_date"),
        count("Số hồ sơ đã giải quyết", "Quá hạn", "late"),
        count("Số hồ sơ đang giải quyết", "Tổng số", "pending"),
        count("Số hồ sơ đang giải quyết", "Trong hạn", "pending_in_time"),
        count("Số hồ sơ đang giải quyết", "Quá hạn", "pending_overdue"),
    ],
    # The Thừa Thiên Huế portal's: "Tổng" first, then each part with its
    # share under the part's own heading.
    "hue": [
        count("", "Tổng", "processed_or_pending"),
        count("", "Đã xử lý", "processed"),
        count("", "Chưa xử lý", "pending"),
        count("Trước hạn", "Tổng", "early"),
        share("Trước hạn", "%", "early_share", "early", "processed"),
        count("Đúng hạn", "Tổng", "on_due_date"),
        share("Đúng hạn", "%", "on_due_share", "on_due_date", "processed"),
        count("Trễ hạn", "Tổng", "late"),
        share("Trễ hạn", "%", "late_rate", "late", "processed"),
    ],
    # Bare "Tỷ lệ" columns after counts, on one line of headings.
    "bare": [
        count("", "Đã giải quyết", "processed"),
        count("", "Trước hạn", "early"),
        share("", "Tỷ lệ", "early_share", "early", "processed"),
        count("", "Đúng hạn", "on_due_date"),
        share("", "Tỷ lệ (%)", "on_due_share", "on_due_date", "processed"),
        count("", "Quá hạn", "late"),
        share("", "%", "late_rate", "late", "processed"),
        count("", "Đang giải quyết", "pending"),
        count("", "Trong hạn", "pending_in_time"),
        count("", "Quá hạn", "pending_overdue"),
    ],
}

#: The counts every row is made of; the others are their sums.
BASIC = (
    "received_online",
    "received_offline",
    "carried_over",
    "early",
    "on_due_date",
    "late",
    "pending_in_time",
    "pending_overdue",
)


def complete(basic: dict[str, int]) -> dict[str, int]:
    """
    Every count from the basic ones, by the definitions of the catalogue
    written out again here.
    """
    c = dict(basic)
    c["received"] = c["received_online"] + c["received_offline"]
    c["handled"] = c["received"] + c["carried_over"]
    c["on_time"] = c["early"] + c["on_due_date"]
    c["processed"] = c["on_time"] + c["late"]
    c["pending"] = c["pending_in_time"] + c["pending_overdue"]
    c["processed_or_pending"] = c["processed"] + c["pending"]
    return c


@attrs.frozen
class Convention:
    """
    How a table writes its figures.
    """

    #: The mark grouping a count's thousands.
    group: str
    #: The decimal mark of its rates.
    mark: str
    places: int
    drop_zeros: bool

    def count(self, value: int) -> str:
        return format_number(value).replace(".", self.group)

    def rate(self, part: int, whole: int) -> str:
        if whole == 0:
            return "-"
        # Half up, worked out here rather than by the library.
        scaled = Fraction(100 * part, whole) * 10**self.places
        value = Decimal(math.floor(scaled + Fraction(1, 2))).scaleb(
            -self.places
        )
        return self.percent(value)

    def percent(self, value: Decimal) -> str:
        text = f"{value:.{self.places}f}"
        if self.drop_zeros and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", self.mark) + "%"


#: Vietnamese notation, English, and the seed's own (dotted counts, dot
#: decimals), with one or two decimals, trailing zeros dropped or not.
conventions = st.sampled_from([(".", ","), (",", "."), (".", ".")]).flatmap(
    lambda marks: st.builds(
        Convention,
        group=st.just(marks[0]),
        mark=st.just(marks[1]),
        places=st.sampled_from([1, 2]),
        drop_zeros=st.booleans(),
    )
)


@attrs.frozen
class Printed:
    """
    A generated table: its CSV text, and where each printed figure is.
    """

    text: str
    #: (line in the file, row name, column key, cell index) of each
    #: printed figure.
    cells: tuple[tuple[int, str, str, int], ...]
    lines: tuple[tuple[str, ...], ...]
    convention: Convention
    total_name: str


row_counts = st.fixed_dictionaries(
    {key: st.integers(0, 3000) for key in BASIC}
).map(complete)

names = st.lists(
    st.sampled_from(
        [
            "Sở Tư pháp",
            "Sở Y tế",
            "Cấp tỉnh",
            "Cấp huyện",
            "Cấp xã",
            "Đất đai",
            "Hộ tịch",
            "Huyện Tuy Phong",
            "Thành phố Phan Thiết",
            "Sở Công thương",
        ]
    ),
    min_size=1,
    max_size=6,
    unique=True,
)


@st.composite
def printed_tables(draw):
    """
    Draw a table whose figures add up, printed in one convention.
    """
    columns = LAYOUTS[draw(st.sampled_from(sorted(LAYOUTS)))]
    convention = draw(conventions)
    total_first = draw(st.booleans())
    total_name = draw(
        st.sampled_from(["Tổng cộng", "Tổng", "Cộng", "Tổng số", "Toàn tỉnh"])
    )
    grouped = draw(st.booleans())
    units = draw(names)
    figures = {name: draw(row_counts) for name in units}

    def cells(counts):
        return [
            convention.rate(
                sum(counts[k] for k in column.numerator),
                sum(counts[k] for k in column.denominator),
            )
            if column.is_rate
            else convention.count(counts[column.key])
            for column in columns
        ]

    def added(names_):
        return {
            key: sum(figures[name][key] for name in names_)
            for key in figures[units[0]]
        }

    body = []  # (number, name, counts)
    if grouped:
        half = max(1, len(units) // 2)
        groups = [("I", "Sở, ban, ngành", units[:half])]
        if units[half:]:
            groups.append(("II", "UBND cấp huyện", units[half:]))
        for number, group, members in groups:
            body.append((number, group, added(members)))
            body.extend(
                (str(i), name, figures[name])
                for i, name in enumerate(members, start=1)
            )
    else:
        body = [
            (f"{i:02d}", name, figures[name])
            for i, name in enumerate(units, start=1)
        ]
    total = ("", total_name, added(units))
    ordered = [total, *body] if total_first else [*body, total]
    two_lines = any(column.group for column in columns)
    heading_lines = []
    if two_lines:
        heading_lines.append(["", "", *(c.group for c in columns)])
        heading_lines.append(
            ["Stt", "Tên đơn vị", *(c.heading for c in columns)]
        )
        # A heading over no group spans both lines: written on the first.
        top, bottom = heading_lines
        for i, column in enumerate(columns, start=2):
            if not column.group:
                top[i], bottom[i] = column.heading, ""
        top[0], top[1], bottom[0], bottom[1] = "Stt", "Tên đơn vị", "", ""
    else:
        heading_lines.append(
            ["Stt", "Tên đơn vị", *(c.heading for c in columns)]
        )
    lines = [tuple(line) for line in heading_lines]
    where = []
    for number, name, counts in ordered:
        line_number = len(lines) + 1
        where.extend(
            (line_number, name, column.key, i + 2)
            for i, column in enumerate(columns)
        )
        lines.append((number, name, *cells(counts)))
    text = "\n".join(";".join(line) for line in lines) + "\n"
    return Printed(text, tuple(where), tuple(lines), convention, total_name)


def read(text: str):
    return loads_published(text, "csv", source="table.csv")


class TestPrintedTables:
    @settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
    @given(printed_tables())
    def test_a_table_that_adds_up_passes(self, printed):
        """
        No error and no warning, whatever the shape and the convention.
        """
        findings = audit(read(printed.text))

        assert [] == [
            (f.kind.value, f.location, f.printed, f.expected)
            for f in findings
            if f.severity is not Severity.NOTE
        ], printed.text

    @settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
    @given(printed=printed_tables(), data=st.data())
    def test_any_changed_figure_is_named(self, printed, data):
        """
        Changing one printed figure gives an error at its row and column:
        the row itself, or the subtotal or total row its sum is checked
        in; the column itself, or the whole it is a part of.

        A changed rate that equals its numerator over another base is a
        warning with both readings rather than an error (a table cannot
        tell the two apart); a changed rate over zero dossiers is an error
        unless it is one of the usual marks.
        """
        line, name, key, index = data.draw(st.sampled_from(printed.cells))
        cells = list(printed.lines[line - 1])
        old = cells[index]
        convention = printed.convention
        if old.endswith("%") or old == "-":
            if old == "-":
                new = convention.percent(Decimal(50))  # not 0 nor 100
            else:
                value = Decimal(old.rstrip("%").replace(convention.mark, "."))
                # By whole percents: a rate may show fewer decimals than the
                # table's ("98%" for 98,05 is right at none), so a change of
                # a tenth could make another right rate.
                step = data.draw(st.integers(-40, 40).filter(bool))
                new_value = value + step
                if new_value < 0:
                    new_value = value + abs(step)
                new = convention.percent(new_value)
        else:
            value = int(old.replace(convention.group, ""))
            step = data.draw(st.integers(-value, 500).filter(bool))
            new = convention.count(value + step)
        cells[index] = new
        lines = list(printed.lines)
        lines[line - 1] = tuple(cells)
        text = "\n".join(";".join(line_) for line_ in lines) + "\n"

        findings = audit(read(text))

        named = [
            f
            for f in findings
            if f.location.row_name in {name, printed.total_name}
            or f.kind.value == "subtotal"
        ]
        assert any(
            (key == f.location.column or key in f.parts)
            and (f.severity is Severity.ERROR or f.kind.value == "rate-base")
            for f in named
        ), (text, [(f.kind.value, f.location) for f in findings])
