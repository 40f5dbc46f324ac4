"""
A CSV of a published table: its headings recognised through the figure
catalogue, its rows sorted into units, groups, subtotals and the total, its
cells turned into the plain data of published figures.

The headings may be the document's own ("Đã tiếp nhận", "Tỷ lệ đúng hẹn
(%)"), their variants, keys (``received``, ``on_time_rate``), and two lines
of them: a group heading ("Số hồ sơ đã giải quyết") over its columns
("Tổng số | Trước hạn | Đúng hạn | Quá hạn"). A bare "Tỷ lệ" or "%" after a
count is that count's share of its whole. A group heading that says what
span of time its columns cover ("Trong tháng", "Lũy kế") splits the table
into the period's and the cumulative one. A heading the library does not
know is kept, and its cells with it. Problems are named by the line of the
file and the column's heading.
"""

from __future__ import annotations

import re

from collections.abc import Mapping
from typing import Any

import attrs

from hcc_report import figures
from hcc_report.errors import Problem, UnknownFigureError, ValidationError
from hcc_report.figures import heading_key
from hcc_report.published import NOT_SHOWN, PublishedReport
from hcc_report.serialization import published_from_dict


#: Headings of the columns that are not figures: the row's number and name.
_NUMBER_HEADINGS = frozenset(
    map(
        heading_key,
        ("Stt", "Số thứ tự", "TT", "Số TT", "#", "No", "No.", "number"),
    )
)
_NAME_HEADINGS = frozenset(
    map(
        heading_key,
        (
            "Tên đơn vị",
            "Đơn vị",
            "Cơ quan",
            "Tên cơ quan",
            "Cơ quan, đơn vị",
            "Cấp",
            "Cấp hành chính",
            "Lĩnh vực",
            "Tên lĩnh vực",
            "Thủ tục",
            "Tháng",
            "Kỳ",
            "Mức độ",
            "Nội dung",
            "name",
            "agency",
        ),
    )
)

#: The names of a total row (the whole table), printed first or last.
_TOTAL_NAMES = frozenset(
    map(
        heading_key,
        (
            "Tổng cộng",
            "Tổng",
            "Cộng",
            "Tổng số",
            "Toàn tỉnh",
            "Toàn huyện",
            "Toàn thành phố",
            "Tổng cộng toàn tỉnh",
            "Lũy kế",
            "Total",
        ),
    )
)

#: The name of a total that, after a group's rows, may be its subtotal.
_SUBTOTAL_NAMES = frozenset(map(heading_key, ("Cộng",)))

#: The start of a subtotal row's name: "Cộng cấp huyện", "Tổng cộng khối
#: Sở" (not "Tổng cục Thuế", an agency).
_SUBTOTAL_START = re.compile(r"^(?:tổng cộng|cộng)\b\s*", re.IGNORECASE)

#: The headings of a bare rate column, the share of the count before it.
_BARE_RATE = frozenset(map(heading_key, ("Tỷ lệ", "%", "Tỷ lệ (%)", "TL")))

#: A group row's number: a Roman numeral or a capital letter ("I", "B").
_GROUP_NUMBER = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")

#: A row named as a period: "Tháng 1", "Tháng 02/2023", "Quý I".
_PERIOD_NAME = re.compile(r"^(?:tháng|quý|month|quarter)\s+\S+", re.IGNORECASE)

#: A line of column numbers under the headings: "1;2;3" or "(1);(2)".
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$|^[A-Z]$")

#: A whole is read from at least two of its parts beside it.
_TWO = 2

#: A printed figure: a count or a rate.
_FIGURE = re.compile(r"^[\d.,\s]+%?$")


def _lines(text: str, source: str) -> list[tuple[int, list[str]]]:
    """
    The non-empty lines of a CSV, each with the number in the file of the
    line it starts on; lines may end in CR LF, LF or CR alone (old Mac
    spreadsheets).

    Raises:
        ~hcc_report.errors.ValidationError: The text is not CSV, naming the
            line.
    """
    # Imported here: only reading a CSV needs it.
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    text = text.removeprefix("\ufeff")
    # The delimiter is the one the first lines, where the headings are, use
    # most; Vietnamese spreadsheets write ";" as "," is their decimal mark.
    start = "\n".join(text.splitlines()[:3])
    delimiter = max(";\t,", key=start.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[tuple[int, list[str]]] = []
    first = 1  # the line the row being read starts on (a cell may span lines)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                lines.append((first, cells))
            first = reader.line_num + 1
    except csv.Error as error:
        problem = Problem(f"line {first}", f"cannot be read as CSV: {error}")
        raise ValidationError(
            [problem], subject="published table", source=source
        ) from None
    return lines


def _widened(cells: list[str], width: int) -> list[str]:
    """
    *cells* trimmed (`_trimmed`), and a group's line or a note, with
    nothing after its first two cells, filled up to *width*; a line with a
    cell quoted over several lines is left as it is.
    """
    kept = _trimmed(cells, width)
    if (
        len(kept) < width
        and not any("\n" in cell or "\r" in cell for cell in kept)
        and not any(cell.strip() for cell in kept[2:])
    ):
        kept += [""] * (width - len(kept))
    return kept


def _trimmed(cells: list[str], keep: int = 0) -> list[str]:
    """
    *cells* without the empty cells spreadsheets often add at the end of a
    line (";;"), keeping at least *keep* of them.
    """
    end = len(cells)
    while end > keep and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _is_figure(cell: str) -> bool:
    return bool(_FIGURE.fullmatch(cell.strip()))


# Headings --------------------------------------------------------------------


class _Heading:
    """
    One column's headings as printed: the group over it, if any, and its
    own.
    """

    __slots__ = ("group", "text")

    def __init__(self, text: str, group: str | None) -> None:
        self.text = text.strip()
        self.group = group.strip() if group and group.strip() else None

    @property
    def printed(self) -> str:
        """
        "Đã giải quyết / Quá hạn", or the heading alone.
        """
        if self.group and self.text:
            return f"{self.group} / {self.text}"
        return self.text or self.group or ""


#: Group headings that say what span of time their columns cover.
_BASIS_STARTS = {
    "period": (
        "trong tháng",
        "trong kỳ",
        "trong quý",
        "trong năm",
        "kỳ báo cáo",
        "kỳ này",
        "tháng ",
        "quý ",
        "số liệu trong",
    ),
    "cumulative": ("lũy kế", "từ đầu năm", "tính từ đầu năm", "cộng dồn"),
}


def _basis_of(group: str | None) -> str | None:
    """
    ``"period"`` or ``"cumulative"`` when a group heading says what span of
    time its columns cover ("Trong tháng", "Lũy kế từ năm 2023").
    """
    if not group:
        return None
    normal = heading_key(group)
    for basis, starts in _BASIS_STARTS.items():
        if normal.startswith(starts):
            return basis
    return None


def _two_lines(top: list[str], bottom: list[str]) -> list[_Heading]:
    """
    Merge a line of group headings over a line of headings.

    A merged group heading is written once over its first column (the
    others empty) or over each of them; a column with nothing under its
    top heading is headed by that alone (a heading over two lines).
    """
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    headings = []
    group: str | None = None
    for upper, lower in zip(top, bottom, strict=True):
        if not lower.strip():
            headings.append(_Heading(upper, None))
            group = None
            continue
        if upper.strip():
            group = upper
        headings.append(_Heading(lower, group))
    return headings


def _is_heading_line(cells: list[str]) -> bool:
    """
    Whether a line holds headings rather than a row: none of its cells is
    a figure.
    """
    filled = [cell.strip() for cell in cells if cell.strip()]
    return bool(filled) and not any(map(_is_figure, filled))


def _is_numbering(cells: list[str]) -> bool:
    """
    Whether a line numbers the columns: "A;B;1;2;3" or "(1);(2);(3)".
    """
    filled = [cell.strip() for cell in cells if cell.strip()]
    if not all(_COLUMN_NUMBER.fullmatch(cell) for cell in filled):
        return False
    numbers = [
        int(cell.strip("()")) for cell in filled if cell.strip("()").isdigit()
    ]
    return len(numbers) > 2 and numbers == list(  # noqa: PLR2004
        range(numbers[0], numbers[0] + len(numbers))
    )


class _Columns:
    """
    The columns of a table read from its headings: the key of each (or
    ``None`` for the number and name), the columns declared for rates the
    catalogue does not have, and the headings the library does not know.
    """

    def __init__(self, headings: list[_Heading]) -> None:
        # A group heading that says what span of time its columns cover
        # ("Trong tháng", "Lũy kế từ đầu năm") is their basis.
        self.bases = [_basis_of(heading.group) for heading in headings]
        self.headings = [
            _Heading(heading.text, None) if basis else heading
            for heading, basis in zip(headings, self.bases, strict=True)
        ]
        self.keys: list[str | None] = []
        self.roles: list[str] = []  # "number", "name", "figure", "unknown"
        self.declared: dict[str, dict[str, Any]] = {}
        self.problems: list[tuple[int, str]] = []  # (column, message)
        #: "Tổng" columns read as the whole of the columns beside them.
        self.guessed = 0
        self._read()

    def _read(self) -> None:
        pending_totals = []
        for i, heading in enumerate(self.headings):
            normal = heading_key(heading.text)
            if heading.group is None and (
                normal in _NUMBER_HEADINGS
                # An empty heading first is that of the row numbers.
                or (i == 0 and not heading.text and len(self.headings) > 1)
            ):
                self._add(None, "number")
            elif heading.group is None and (
                normal in _NAME_HEADINGS
                or (
                    ("name" not in self.roles and not self._figure_before(i))
                    and figures.find(heading.text) is None
                    and normal not in figures.TOTAL_HEADINGS
                )
            ):
                self._add(None, "name")
            else:
                key = self._figure(heading)
                if (
                    key is None
                    and heading.group is None
                    and (normal in figures.TOTAL_HEADINGS)
                ):
                    pending_totals.append(i)
                    self._add(None, "total")
                else:
                    self._add(key, "figure" if key else "unknown")
        for i in pending_totals:
            self._resolve_total(i)

    def _figure_before(self, index: int) -> bool:
        return any(role == "figure" for role in self.roles[:index])

    def _beside(self) -> list[str]:
        """
        The keys read so far, of the span of time of the next column.
        """
        basis = self.bases[len(self.keys)]
        return [
            key
            for key, other in zip(self.keys, self.bases, strict=False)
            if key and other == basis
        ]

    def _add(self, key: str | None, role: str) -> None:
        if key is not None and key in self._beside():
            index = len(self.keys)
            printed = self.headings[index].printed
            first = next(
                i
                for i, other in enumerate(self.keys)
                if other == key and self.bases[i] == self.bases[index]
            )
            message = f"{printed!r} repeats column {first + 1}"
            self.problems.append((index, message))
        self.keys.append(key)
        self.roles.append(role)

    def cell_key(self, index: int) -> str | None:
        """
        The key of column *index* in a row: its figure's, and its span of
        time where a group heading gives one ("received@period").
        """
        key, basis = self.keys[index], self.bases[index]
        return key if key is None or basis is None else f"{key}@{basis}"

    def _figure(self, heading: _Heading) -> str | None:
        beside = self._beside()
        within = None
        if heading.group is not None:
            group = figures.find(heading.group, beside)
            if group is not None and figures.get(group).kind == "count":
                within = group
        if heading.text and heading_key(heading.text) in _BARE_RATE:
            return self._share(within)
        text = heading.text or heading.group or ""
        found = figures.find(text, beside, within)
        if found is None and heading.group is not None and heading.text:
            # "Tỷ lệ đúng hạn" under "Kết quả": the heading alone names it.
            found = figures.find(heading.printed, beside)
        return found

    def _share(self, within: str | None) -> str | None:
        """
        A bare rate column: the share of the count just before it.
        """
        previous = self.keys[-1] if self.keys else None
        counts = {count.key for count in figures.counts()}
        if previous not in counts:
            return None  # after a rate, a name, or nothing
        # Under "Đã giải quyết", a share of the dossiers processed; under
        # "Trước hạn: Tổng | %", of what the early dossiers are part of.
        of = within if within != previous else None
        try:
            rate = figures.CATALOGUE.share(previous, of)
        except UnknownFigureError:
            return None
        if rate.key not in {r.key for r in figures.rates()}:
            self.declared[rate.key] = {
                "numerator": list(rate.numerator),
                "denominator": list(rate.denominator),
            }
        return rate.key

    def _resolve_total(self, index: int) -> None:
        """
        "Tổng" printed over no group: the whole of the columns beside it
        ("Tổng | Đã xử lý | Chưa xử lý").
        """
        # Its parts are printed beside it, not under a group heading.
        beside = {
            key
            for key, heading, basis in zip(
                self.keys, self.headings, self.bases, strict=False
            )
            if key and heading.group is None and basis == self.bases[index]
        }
        best = None
        for count in figures.counts():
            covered = len(beside.intersection(count.parts))
            if (
                covered >= _TWO
                and count.key not in beside
                and (best is None or covered > best[0])
            ):
                best = (covered, count.key)
        if best is not None:
            self.keys[index] = best[1]
            self.roles[index] = "figure"
            self.guessed += 1
        else:
            self.roles[index] = "unknown"

    @property
    def known(self) -> int:
        return sum(role == "figure" for role in self.roles)


def _headings(
    lines: list[tuple[int, list[str]]],
) -> tuple[int, list[_Heading], int]:
    """
    Where the headings are: the index of their last line, the headings,
    and how many lines they take (one or two).

    The headings are the line, among the first four, that names most known
    columns, alone or under the line before it (two known at least); a
    title or a line such as "Lũy kế từ năm 2023" may come before.
    """
    best: tuple[float, int, list[_Heading], int] | None = None
    for index in range(min(4, len(lines))):
        cells = _trimmed(lines[index][1])
        if not _is_heading_line(cells):
            break
        candidates = [(1, [_Heading(cell, None) for cell in cells])]
        if index > 0 and _is_heading_line(lines[index - 1][1]):
            top = _trimmed(lines[index - 1][1])
            candidates.append((2, _two_lines(top, cells)))
        for count, headings in candidates:
            read = _Columns(headings)
            # Known columns count, repeated ones count against, and a
            # "Tổng" read from its neighbours counts half: a line of group
            # headings must make more columns known, or known surely, or
            # say what span of time they cover.
            score = read.known - 2 * len(read.problems) - read.guessed / 2
            # A line that says what span of time the columns cover is read.
            score += 0.25 * any(read.bases)
            if read.known >= 2 and (best is None or score > best[0]):  # noqa: PLR2004
                best = (score, index, headings, count)
    if best is None:
        return 0, [_Heading(cell, None) for cell in lines[0][1]], 1
    return best[1], best[2], best[3]


# Rows ------------------------------------------------------------------------


#: A row of a table: its line in the file and its cells by key.
_Row = tuple[int, dict[str, Any]]


def _kind_of(
    name: str,
    number: str,
    *,
    at_an_end: bool,
    in_group: bool,
    groups_close: bool = False,
) -> str:
    """
    "total", "subtotal", "group" (a group's heading row) or "row".

    "Tổng cộng" first or last is the total, and in a group, where it is
    not the table's total, its subtotal; "Cộng cấp huyện" is a subtotal
    anywhere.
    """
    normal = heading_key(name)
    if normal in _TOTAL_NAMES:
        # "Cộng" last in a table whose groups each end with one is the
        # last group's; else the table's total.
        closing = normal in _SUBTOTAL_NAMES and groups_close
        if in_group and (not at_an_end or closing):
            return "subtotal"
        return "total"
    if _GROUP_NUMBER.fullmatch(number.strip()):
        return "group"
    if _SUBTOTAL_START.match(name.strip()):
        return "subtotal"
    return "row"


class _Rows:
    """
    Sort the lines under the headings into rows, groups with their
    subtotals (printed on the group's own line or on a "Cộng ..." line
    after its rows), and the total (first or last).
    """

    def __init__(
        self, lines: list[tuple[int, list[str]]], columns: _Columns
    ) -> None:
        self.columns = columns
        self.rows: list[_Row] = []
        self.total: _Row | None = None
        self.total_first = False
        self.problems: list[tuple[int, Problem]] = []
        # The group open, its own line (where it goes, and the line), how
        # many rows it has, and where the rows in no group yet start.
        self._group: str | None = None
        self._header: tuple[int, _Row] | None = None
        self._members = 0
        self._since = 0
        # Whether groups end with a line "Cộng".
        self._closed_by_cong = False
        self._read(lines)

    def _cells(self, line: int, cells: list[str]) -> dict[str, Any] | None:
        width = len(self.columns.keys)
        kept = _widened(cells, width)
        if len(kept) != width:
            message = f"has {len(kept)} cells where the headings have {width}"
            if any("\n" in cell or "\r" in cell for cell in kept):
                message += (
                    ": a quoted cell runs on from here over the lines after "
                    "it; is a quote not closed?"
                )
            self.problems.append((line, Problem(f"line {line}", message)))
            return None
        row: dict[str, Any] = {"name": "", "number": ""}
        other = {}
        for i, (role, heading, cell) in enumerate(
            zip(self.columns.roles, self.columns.headings, kept, strict=True)
        ):
            key = self.columns.cell_key(i)
            value = cell.strip()
            if role in ("number", "name"):
                row[role] = value
            elif role == "unknown":
                if value:
                    printed = heading.printed
                    while printed in other:  # two columns of one heading
                        printed += " "
                    other[printed] = value
            elif key is not None and value and value not in NOT_SHOWN:
                row[key] = value
        if other:
            row["other"] = other
        return row

    def _read(self, lines: list[tuple[int, list[str]]]) -> None:
        read = self._figure_lines(lines)
        last = len(read) - 1
        for position, (line, row) in enumerate(read):
            kind = _kind_of(
                row["name"],
                row["number"],
                # The total is printed first or last, once.
                at_an_end=position in (0, last) and self.total is None,
                in_group=self._group is not None,
                groups_close=self._closed_by_cong,
            )
            if kind == "total":
                if self.total is not None:
                    message = "is a second total row"
                    self.problems.append(
                        (line, Problem(f"line {line}", message))
                    )
                    continue
                self._close()
                self.total = (line, row)
                self.total_first = position == 0
            elif kind == "group":
                self._close(outer=True)
                self._group = row["name"]
                self._header = (len(self.rows), (line, row))
            elif kind == "subtotal":
                self._subtotal(line, row)
            else:
                if self._group is not None:
                    row["group"] = self._group
                    self._members += 1
                self.rows.append((line, row))
        self._close()

    def _figure_lines(self, lines: list[tuple[int, list[str]]]) -> list[_Row]:
        """
        The lines that are rows: with figures, or a group's line.
        """
        read = []
        for line, cells in lines:
            row = self._cells(line, cells)
            if row is None:
                continue
            if not row["name"] and not _GROUP_NUMBER.fullmatch(row["number"]):
                # "Tổng cộng" merged over the number and the name.
                row["name"], row["number"] = row["number"], ""
            if _has_figures(row) or _GROUP_NUMBER.fullmatch(row["number"]):
                read.append((line, row))  # (a line of no figures is a note)
        return read

    def _subtotal(self, line: int, row: dict[str, Any]) -> None:
        """
        A subtotal: of the open group, or of the rows since the last group.
        """
        if heading_key(row["name"]) in _SUBTOTAL_NAMES:
            self._closed_by_cong = True
        name = self._group
        if name is None:
            # "Cộng Sở, ngành" closes the rows printed since the last
            # group: they are its group.
            name = _SUBTOTAL_START.sub("", row["name"]).strip() or row["name"]
            for _, earlier in self.rows[self._since :]:
                earlier["group"] = name
        self.rows.append((line, {**row, "group": name, "subtotal": True}))
        self._close()

    def _close(self, *, outer: bool = False) -> None:
        """
        End the open group. Its own line is its subtotal when it has
        figures and rows under it, and a row like the others when nothing
        is under it, unless another group follows (*outer*): then it heads
        groups ("A. Khối tỉnh" over "I. Sở ..."), and its figures, which a
        table of one level of groups cannot check, are kept out of the
        sums.
        """
        if self._header is not None:
            index, (line, row) = self._header
            if not self._members and outer:
                outer_row = {**row, "group": row["name"], "subtotal": True}
                self.rows.insert(index, (line, outer_row))
            elif not self._members:
                self.rows.insert(index, (line, row))
            elif _has_figures(row):
                subtotal = {**row, "group": row["name"], "subtotal": True}
                self.rows.insert(index, (line, subtotal))
        self._group, self._header, self._members = None, None, 0
        self._since = len(self.rows)


def _has_figures(row: Mapping[str, Any]) -> bool:
    return any(
        key not in {"name", "number", "group", "subtotal", "other"}
        for key in row
    )


def _rows_are(rows: list[_Row]) -> str:
    names = [row["name"] for _, row in rows if not row.get("subtotal")]
    if names and all(_PERIOD_NAME.match(name) for name in names):
        return "periods"
    return "units"


def _plain(line: int, row: dict[str, Any]) -> dict[str, Any]:
    """
    A row as plain data; a row printed without a name is named by its
    number, or its line.
    """
    data = {k: v for k, v in row.items() if v not in ("", None)}
    data.setdefault("name", row.get("number") or f"line {line}")
    return data


# The table -------------------------------------------------------------------


_ROW_PATH = re.compile(r"(period_)?table\.(?:rows\[(\d+)\]|total)(?:\.(\w+))?")


def published_from_csv(
    text: str,
    *,
    decimal_mark: str | None,
    places: int | str | None,
    basis: str | None,
    notation: str | None = None,
    source: str,
) -> PublishedReport:
    """
    Read a CSV of a table: one or two lines of headings (among its first
    four lines), the rows, groups and subtotals, and a total row
    named "Tổng cộng" (or "Tổng", "Cộng", "Tổng số", "Toàn tỉnh" ...),
    first or last. A table that prints the period's columns next to the
    cumulative ones is read as two tables, the cumulative one and the
    period's.

    Raises:
        ~hcc_report.errors.ValidationError: Every problem, named by its
            line and column.
    """
    lines = _lines(text, source)
    if not lines:
        raise _error([(0, Problem("", "the table is empty"))], source)
    end, headings, count = _headings(lines)
    heading_line = lines[end][0]
    columns = _Columns(headings)
    problems = _heading_problems(columns, heading_line)
    if problems:
        raise _error(problems, source)
    body = lines[end + 1 :]
    if body and _is_numbering(body[0][1]):
        body = body[1:]  # (1) (2) (3) ... under the headings
    rows = _Rows(body, columns)
    problems.extend(rows.problems)
    if not rows.rows:
        if not problems:
            problems.append((0, Problem("", "the table has no rows")))
        raise _error(problems, source)
    stated = {
        "decimal_mark": decimal_mark,
        "places": places,
        "basis": basis,
        "notation": notation,
    }
    tables = {}
    for name, data in _tables_data(rows, columns, count).items():
        # What the caller states, but not against the table's own headings.
        given = {k: v for k, v in stated.items() if v is not None}
        tables[name] = {**data, **given, **_only_basis(data)}
    try:
        published = published_from_dict(tables)
    except ValidationError as error:
        printed = {
            columns.cell_key(i): heading.printed
            for i, heading in enumerate(columns.headings)
        }
        problems.extend(
            _by_line(problem, rows.rows, rows.total, printed)
            for problem in error.problems
        )
    if problems:
        raise _error(problems, source)
    seen = _notations_of(rows, columns)
    # Findings write counts as the table does: "10,078" in English.
    found = seen[0] if len(seen) == 1 else None
    published = attrs.evolve(
        published,
        **{
            name: attrs.evolve(
                table,
                notation=table.notation or found,
                count_notations=seen,
            )
            for name in tables
            if (table := getattr(published, name)) is not None
        },
    )
    return published


def _tables_data(
    rows: _Rows, columns: _Columns, lines: int
) -> dict[str, dict[str, Any]]:
    """
    The table read, as the plain data of published figures: one table, or,
    where it prints the period's columns next to the cumulative ones, the
    cumulative table and the period's.
    """
    bases = {basis for basis in columns.bases if basis}
    both = bases == {"period", "cumulative"}
    parts: dict[str, str | None] = (
        {"table": "cumulative", "period_table": "period"}
        if both
        else {"table": None}
    )
    result = {}
    for name, basis in parts.items():
        # The columns of no span of time go with the cumulative ones.
        keep = [
            i
            for i, other in enumerate(columns.bases)
            if not both
            or other == basis
            or (other is None and basis == "cumulative")
        ]

        def plain(
            line: int, row: dict[str, Any], keep: list[int] = keep
        ) -> dict[str, Any]:
            return _plain(line, _only(row, columns, keep))

        data: dict[str, Any] = {
            "rows": [plain(line, row) for line, row in rows.rows],
            "heading_lines": lines,
            "rows_are": _rows_are(rows.rows),
            "columns": _declared_columns(columns, keep),
        }
        if rows.total is not None:
            data["total"] = plain(*rows.total)
            data["total_first"] = rows.total_first
        if basis is not None or len(bases) == 1:
            data["basis"] = basis or next(iter(bases))
        result[name] = data
    return result


def _only_basis(data: dict[str, Any]) -> dict[str, Any]:
    return {"basis": data["basis"]} if "basis" in data else {}


def _only(
    row: dict[str, Any], columns: _Columns, keep: list[int]
) -> dict[str, Any]:
    """
    A row with the figures of the columns *keep* only, by their keys.
    """
    figure_keys = {columns.cell_key(i) for i in range(len(columns.keys))}
    result = {k: v for k, v in row.items() if k not in figure_keys}
    for i in keep:
        cell = columns.cell_key(i)
        if cell is not None and cell in row:
            result[columns.keys[i]] = row[cell]  # type: ignore[index]
    return result


#: A count grouped by dots ("10.078") or by commas ("10,078").
_GROUPED = {
    "vi": re.compile(r"\d{1,3}(?:\.\d{3})+"),
    "en": re.compile(r"\d{1,3}(?:,\d{3})+"),
}


def _notations_of(rows: _Rows, columns: _Columns) -> tuple[str, ...]:
    """
    The notations the table's counts show: none (no count of a thousand or
    more), one, or both.
    """
    counts = {count.key for count in figures.counts()}
    cells = [
        columns.cell_key(i)
        for i, key in enumerate(columns.keys)
        if key in counts
    ]
    texts = [
        row[cell]
        for _, row in (*rows.rows, *((rows.total,) if rows.total else ()))
        for cell in cells
        if cell in row
    ]
    seen = {
        notation
        for notation, grouped in _GROUPED.items()
        for text in texts
        if grouped.fullmatch(text)
    }
    return tuple(sorted(seen))


def _heading_problems(
    columns: _Columns, line: int
) -> list[tuple[int, Problem]]:
    """
    What makes the headings unusable: a column repeated, no column of
    names, no column of counts.
    """
    problems = [
        (line, Problem(f"line {line}, column {i + 1}", message))
        for i, message in columns.problems
    ]
    if "name" not in columns.roles:
        message = "has no column of names (Tên đơn vị, Cấp, Lĩnh vực ...)"
        problems.append((line, Problem(f"line {line}", message)))
    if {c.key for c in figures.counts()}.isdisjoint(columns.keys):
        problems.append(
            (line, Problem(f"line {line}", "has no column of counts"))
        )
    return problems


def _declared_columns(
    columns: _Columns, keep: list[int]
) -> dict[str, dict[str, Any]]:
    """
    How each column of *keep* was printed: its heading and group, the
    terms of a rate the catalogue lacks, and the columns the library does
    not know.
    """
    result: dict[str, dict[str, Any]] = {}
    for i in keep:
        key, role = columns.keys[i], columns.roles[i]
        heading = columns.headings[i]
        if role == "figure" and key is not None:
            entry: dict[str, Any] = {"heading": heading.text or heading.group}
            if heading.group:
                entry["group"] = heading.group
            entry.update(columns.declared.get(key, {}))
            result[key] = entry
        elif role == "unknown" and heading.printed:
            result[heading.printed] = {
                "heading": heading.printed,
                "known": False,
            }
    return result


def _error(
    problems: list[tuple[int, Problem]], source: str
) -> ValidationError:
    problems.sort(key=lambda item: item[0])
    return ValidationError(
        [problem for _, problem in problems],
        subject="published table",
        source=source,
    )


def _by_line(
    problem: Problem,
    rows: list[_Row],
    total: _Row | None,
    columns: Mapping[str | None, str],
) -> tuple[int, Problem]:
    """
    Name a problem of a row by its line and heading: "line 5, column 'Đã
    xử lý'".
    """
    match = _ROW_PATH.fullmatch(problem.path)
    if match is None:  # the table as a whole (the convention stated)
        path = problem.path.removeprefix("period_").removeprefix("table.")
        return 0, Problem(path, problem.message)
    period, index, key = match.groups()
    row = rows[int(index)] if index is not None else total
    assert row is not None  # noqa: S101  (a total row's problem)
    line = row[0]
    where = f"line {line}"
    if key is not None:
        printed = (
            columns.get(f"{key}@period")
            if period
            else columns.get(key) or columns.get(f"{key}@cumulative")
        )
        where += f", column {printed or key!r}"
    return line, Problem(where, problem.message)
