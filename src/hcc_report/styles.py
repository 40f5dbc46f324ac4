"""
Styles: the conventions that decide how a report's figures and labels look.

A style never changes a figure; it decides how figures are written (dot or
comma decimals, grouped or bare counts), how rates are rounded and what a
rate over zero dossiers shows, and a few labels that documents write
differently. Three presets ship:

- ``decree-30`` (the default) follows Decree 30/2020/NĐ-CP and the
  Accounting Law: dot thousands everywhere, comma decimals, "Phụ lục",
  "(Kèm theo Báo cáo số … ngày … của …)", "Lưu: VT, …".
- ``binh-thuan`` reproduces the seed report's own conventions: bare counts in
  the appendix rows but dotted totals, rates such as ``100.00%``, STT ``01``,
  "PHỤ LỤC", "(Ban hành kèm theo Báo cáo số …)", "Lưu: VT. …", and the
  on-time rate of an agency with nothing processed shown as 100.00%.
- ``form-06`` prints the appendix with the columns of Biểu số
  06/VPCP/KSTT (Circular 01/2020/TT-VPCP) under their two-level headings:
  the dossiers to handle (online, in person or by post, carried over), those
  processed (early, on the due date, late) and those pending (in time,
  overdue), in the conventions of ``decree-30``.

A style chooses the table's columns (`Style.columns`), as keys of the
figure catalogue, and may put group headings over runs of them
(`Style.column_groups`); its rows are the appendix's, grouped with
subtotals when the rows name their group.

A style's labels (`Style.appendix_label`, `Style.total_name`, the column
headings ...) are messages of the library's catalogue, written in English
and printed in the report's language (`hcc_report.languages`): the
presets' ``"Appendix"`` prints "Phụ lục" in Vietnamese. A label the
catalogue does not have is printed as it is written, in every language,
so a style of your own can write its labels in Vietnamese.

Make your own with `attrs.evolve` on a preset, or from a TOML file with
`hcc_report.load_style`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from hcc_report import figures
from hcc_report._checks import Checker, as_tuple
from hcc_report.errors import (
    ArgumentTypeError,
    UnknownFigureError,
    UnknownStyleError,
)
from hcc_report.languages import NP_
from hcc_report.rounding import MAX_PLACES, Rounding, ZeroPolicy


__all__ = [
    "BINH_THUAN",
    "DECREE_30",
    "FORM_06",
    "STYLES",
    "ColumnGroup",
    "Style",
    "get_style",
]


def _keys(keys: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(keys)


@attrs.frozen
class ColumnGroup:
    """
    A heading printed over a run of a table's columns, as Biểu 06 prints
    "Số hồ sơ đã giải quyết" over "Tổng số | Trước hạn | Đúng hạn | Quá
    hạn".

    >>> ColumnGroup("Số hồ sơ đang giải quyết",
    ...             ["pending", "pending_in_time", "pending_overdue"]).columns
    ('pending', 'pending_in_time', 'pending_overdue')
    """

    #: The heading over the run.
    heading: str
    #: The keys of the columns under it, a run of the style's columns.
    columns: tuple[str, ...] = attrs.field(converter=_keys)


def _groups(groups: Iterable[ColumnGroup | Mapping[str, Any]]) -> Any:
    """
    Column groups, from groups or from the tables of a style file
    (``{heading = ..., columns = [...]}``).
    """
    if isinstance(groups, (str, bytes)) or not isinstance(groups, Iterable):
        return groups
    return tuple(
        ColumnGroup(**group)
        if isinstance(group, Mapping)
        and set(group) <= {"heading", "columns"}
        and "columns" in group
        else group
        for group in groups
    )


def _headings(headings: Mapping[str, str] | None) -> Any:
    if isinstance(headings, Mapping):
        return MappingProxyType(dict(headings))
    return headings


@attrs.frozen(kw_only=True)
class Style:
    """
    The conventions a report is written in.

    >>> DECREE_30.rate_decimal_mark, BINH_THUAN.rate_decimal_mark
    (',', '.')
    >>> mine = attrs.evolve(DECREE_30, name="mine", rate_places=1)
    >>> mine.rate_places
    1
    """

    #: The style's name, shown by tools.
    name: str
    #: Decimals of every rate.
    rate_places: int = 2
    #: How exact halves are rounded; half up is school rounding.
    rounding: Rounding = Rounding.HALF_UP
    #: What the on-time rate over zero dossiers is (see
    #: `hcc_report.ZeroPolicy`); the late rate takes the complement, and the
    #: other rates over zero do not apply.
    zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE
    #: What is shown for a rate that does not apply or an unknown figure.
    not_applicable: str = "-"
    #: The decimal mark of rates, ``","`` (Accounting Law) or ``"."``.
    rate_decimal_mark: str = ","
    #: Group thousands in the appendix rows ("3.801") or not ("3801").
    group_row_counts: bool = True
    #: Write row numbers with two digits ("01") rather than plainly ("1").
    pad_row_numbers: bool = False
    #: The word over the appendix title, a label (see the module's notes).
    appendix_label: str = NP_("appendix", "Appendix")
    #: Write the appendix title in upper case, as Decree 30/2020 does.
    appendix_title_upper: bool = True
    #: How the appendix refers to the report ("Kèm theo", "Ban hành kèm
    #: theo"), a label.
    appendix_reference: str = NP_("appendix", "Attached to")
    #: What separates the places a copy is filed at (", " in "Lưu VT,
    #: Tuyền.").
    archive_separator: str = ", "
    #: The figure columns of the appendix table in print order, as keys of
    #: the figure catalogue (`hcc_report.figures`), counts or rates.
    columns: tuple[str, ...] = attrs.field(
        default=("received", "processed", "on_time", "late", "on_time_rate"),
        converter=_keys,
    )
    #: The rates given with every set of figures where an output gives the
    #: figures as data (the ``json`` renderer), by catalogue key.
    rates: tuple[str, ...] = attrs.field(
        default=(
            "on_time_rate",
            "late_rate",
            "online_share",
            "completion_rate",
        ),
        converter=_keys,
    )

    #: Headings printed over runs of the columns, left to right, as Biểu 06
    #: prints "Số hồ sơ đã giải quyết" over processed, early, on due, late.
    column_groups: tuple[ColumnGroup, ...] = attrs.field(
        default=(), converter=_groups
    )
    #: Headings that replace the catalogue's for some columns, by key, such
    #: as "Tổng số" under a group for the group's whole, or "Quá hạn" for
    #: what is overdue; labels, as are the groups' headings.
    column_headings: Mapping[str, str] = attrs.field(
        factory=dict, converter=_headings
    )
    #: Where a group's subtotal is printed, on the group's own line before
    #: its rows (``"first"``) or on a line "Cộng" after them (``"last"``).
    subtotals: str = "first"
    #: Print the total row before the rows rather than after them.
    total_first: bool = False
    #: The name of the total row, a label.
    total_name: str = NP_("table", "Total")

    def __attrs_post_init__(self) -> None:
        checker = Checker("Style")
        checker.text("name", self.name)
        for name in (
            "not_applicable",
            "appendix_label",
            "appendix_reference",
            "archive_separator",
        ):
            # Printed as they are: one line, as report text is.
            checker.line(name, getattr(self, name))
        places = self.rate_places
        if (
            isinstance(places, bool)
            or not isinstance(places, int)
            or not 0 <= places <= MAX_PLACES
        ):
            checker.add(
                "rate_places",
                f"must be an int from 0 to {MAX_PLACES}, got {places!r}",
            )
        checker.instance("rounding", self.rounding, Rounding)
        checker.instance("zero", self.zero, ZeroPolicy)
        if self.rate_decimal_mark not in {",", "."}:
            checker.add(
                "rate_decimal_mark",
                f"must be ',' or '.', got {self.rate_decimal_mark!r}",
            )
        for name in (
            "group_row_counts",
            "pad_row_numbers",
            "appendix_title_upper",
        ):
            checker.instance(name, getattr(self, name), bool)
        _check_keys(checker, "columns", self.columns, figures.get)
        _check_keys(checker, "rates", self.rates, figures.rate)
        self._check_groups(checker)
        if checker.instance("column_headings", self.column_headings, Mapping):
            for key, heading in self.column_headings.items():
                if isinstance(self.columns, tuple) and key not in self.columns:
                    checker.add(
                        f"column_headings.{key}", "is not one of the columns"
                    )
                checker.text(f"column_headings.{key}", heading)
        if self.subtotals not in {"first", "last"}:
            checker.add(
                "subtotals",
                f"must be 'first' or 'last', got {self.subtotals!r}",
            )
        checker.instance("total_first", self.total_first, bool)
        checker.text("total_name", self.total_name)
        checker.raise_if_any()

    def _check_groups(self, checker: Checker) -> None:
        """
        Each group heads a run of the columns, and no column has two.
        """
        if not checker.instance("column_groups", self.column_groups, tuple):
            return
        columns = self.columns if isinstance(self.columns, tuple) else ()
        taken: set[str] = set()
        for i, group in enumerate(self.column_groups):
            where = f"column_groups[{i}]"
            if not isinstance(group, ColumnGroup):
                checker.add(
                    where,
                    "must be a ColumnGroup or a table of heading and "
                    f"columns, got {group!r}",
                )
                continue
            checker.text(f"{where}.heading", group.heading)
            keys = group.columns
            if not keys:
                checker.add(f"{where}.columns", "must name a column")
                continue
            missing = [key for key in keys if key not in columns]
            if missing:
                checker.add(
                    f"{where}.columns",
                    f"{missing} are not among the style's columns",
                )
                continue
            start = columns.index(keys[0])
            if columns[start : start + len(keys)] != keys:
                checker.add(
                    f"{where}.columns",
                    "must be a run of the style's columns, in their order",
                )
            if taken.intersection(keys):
                checker.add(
                    f"{where}.columns",
                    f"{sorted(taken.intersection(keys))} are under another "
                    "group already",
                )
            taken.update(keys)


def _check_keys(
    checker: Checker,
    name: str,
    keys: object,
    lookup: Callable[[str], object],
) -> None:
    if not checker.instance(name, keys, tuple):
        return
    assert isinstance(keys, tuple)  # noqa: S101  (just checked)
    for i, key in enumerate(keys):
        try:
            lookup(key)
        except UnknownFigureError as error:  # noqa: PERF203  (checked once)
            checker.add(f"{name}[{i}]", str(error))


#: The default style, after Decree 30/2020/NĐ-CP and the Accounting Law.
DECREE_30 = Style(name="decree-30")

#: The seed report's own conventions (Bình Thuận, February 2023).
BINH_THUAN = Style(
    name="binh-thuan",
    zero=ZeroPolicy.AS_100,
    rate_decimal_mark=".",
    group_row_counts=False,
    pad_row_numbers=True,
    appendix_label=NP_("appendix", "APPENDIX"),
    appendix_title_upper=False,
    appendix_reference=NP_("appendix", "Issued with"),
    archive_separator=". ",
)

#: The columns of Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP) under its
#: two-level headings, in the conventions of Decree 30.
FORM_06 = Style(
    name="form-06",
    columns=(
        "handled",
        "received_online",
        "received_offline",
        "carried_over",
        "processed",
        "early",
        "on_due_date",
        "late",
        "pending",
        "pending_in_time",
        "pending_overdue",
    ),
    column_groups=(
        ColumnGroup(
            NP_("column", "Dossiers to handle"),
            ("handled", "received_online", "received_offline", "carried_over"),
        ),
        ColumnGroup(
            NP_("column", "Dossiers processed"),
            ("processed", "early", "on_due_date", "late"),
        ),
        ColumnGroup(
            NP_("column", "Dossiers pending"),
            ("pending", "pending_in_time", "pending_overdue"),
        ),
    ),
    column_headings={
        "handled": NP_("column", "Total"),
        "received_online": NP_("column", "Online"),
        "received_offline": NP_("column", "In person or by post"),
        "carried_over": NP_("column", "Carried over"),
        "processed": NP_("column", "Total"),
        "early": NP_("column", "Early"),
        "on_due_date": NP_("column", "On the due date"),
        "late": NP_("column", "Late"),
        "pending": NP_("column", "Total"),
        "pending_in_time": NP_("column", "Not yet due"),
        "pending_overdue": NP_("column", "Overdue"),
    },
)

#: The presets, by name.
STYLES: Mapping[str, Style] = MappingProxyType(
    {style.name: style for style in (DECREE_30, BINH_THUAN, FORM_06)}
)


def get_style(style: Style | str) -> Style:
    """
    Return *style* itself, or the preset of that name.

    >>> get_style("binh-thuan") is BINH_THUAN
    True

    Raises:
        ~hcc_report.errors.UnknownStyleError: No preset has that name (the
            message lists them); it is a `ValueError` and a `LookupError`.
        ~hcc_report.errors.ArgumentTypeError: *style* is neither a style
            nor a name.
    """
    if isinstance(style, Style):
        return style
    if isinstance(style, str):
        try:
            return STYLES[style]
        except KeyError:
            names = ", ".join(sorted(STYLES))
            msg = f"unknown style {style!r}; the presets are {names}"
            raise UnknownStyleError(msg) from None
    msg = f"style must be a Style or a preset's name, got {style!r}"
    raise ArgumentTypeError(msg)
