"""
The ``text`` renderer: the document as plain text.

Layout helpers do what plain text needs: wrapping, centring, two blocks
side by side (the header, the recipients and the signature), and an
aligned table. They are given to the template, so a user's own
``report.txt.j2`` can use them too.
"""

from __future__ import annotations

import textwrap

from collections.abc import Sequence

from hcc_report.presentation import AppendixRowView, AppendixView
from hcc_report.renderers._templates import TemplateRenderer


#: The width of a line of body text.
WIDTH = 80


def wrap(
    text: str, width: int = WIDTH, indent: str = "", hang: str = ""
) -> list[str]:
    """
    Wrap *text* at *width*, never inside a word or a hyphenated symbol.

    *indent* starts the first line, *hang* the others.
    """
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def side_by_side(
    left: Sequence[str],
    right: Sequence[str],
    widths: tuple[int, int] = (36, 44),
    *,
    center: tuple[bool, bool] = (True, True),
) -> list[str]:
    """
    Put two blocks of lines side by side, each in its own column.

    Lines longer than their column are wrapped within it.
    """
    columns = []
    for lines, width, centred in zip(
        (left, right), widths, center, strict=True
    ):
        wrapped = [
            part for line in lines for part in wrap(line, width, hang="  ")
        ]
        columns.append(
            [
                part.center(width) if centred else part.ljust(width)
                for part in wrapped
            ]
        )
    height = max(len(column) for column in columns)
    for column, width in zip(columns, widths, strict=True):
        column.extend([" " * width] * (height - len(column)))
    return [
        (left_part + right_part).rstrip()
        for left_part, right_part in zip(*columns, strict=True)
    ]


def _widths(appendix: AppendixView, rows: list[AppendixRowView]) -> list[int]:
    """
    Each figure column's width: its heading's and its cells', widened so
    that a group's heading fits over its columns.
    """
    widths = [
        max(len(heading), *(len(row.cells[i].text) for row in rows))
        for i, heading in enumerate(appendix.columns)
    ]
    gap = len(_GAP)
    for group in appendix.column_groups:
        span = range(group.start, group.start + group.span)
        room = sum(widths[i] for i in span) + gap * (group.span - 1)
        if len(group.heading) > room:
            widths[span[-1]] += len(group.heading) - room
    return widths


_GAP = "  "


def _group_line(appendix: AppendixView, widths: list[int]) -> str:
    """
    The line of headings over the columns: one over them all, or one over
    each group.
    """
    if not appendix.column_groups:
        total = sum(widths) + len(_GAP) * (len(widths) - 1)
        return appendix.group_heading.center(total)
    parts = []
    column = 0
    for group in appendix.column_groups:
        if group.start > column:
            parts.append(
                " "
                * (
                    sum(widths[column : group.start])
                    + len(_GAP) * (group.start - column)
                )
            )
        span = widths[group.start : group.start + group.span]
        parts.append(
            group.heading.center(sum(span) + len(_GAP) * (len(span) - 1))
        )
        column = group.start + group.span
    return _GAP.join(parts)


def table(appendix: AppendixView) -> list[str]:
    """
    Lay the appendix table out in aligned columns, with its headings.
    """
    rows: list[AppendixRowView] = [*appendix.rows, appendix.total]
    number_width = max(
        len(appendix.number_heading), *(len(row.number) for row in rows)
    )
    name_width = max(
        len(appendix.name_heading), *(len(row.name) for row in rows)
    )
    widths = _widths(appendix, rows)
    figures_width = sum(widths) + len(_GAP) * (len(widths) - 1)
    lead = " " * (number_width + len(_GAP) + name_width + len(_GAP))
    rule = "-" * (len(lead) + figures_width)
    lines = []
    if appendix.column_groups:
        # The span of time the figures cover, over the table.
        lines.append(appendix.group_heading.center(len(rule)).rstrip())
    lines += [
        rule,
        (lead + _group_line(appendix, widths)).rstrip(),
        appendix.number_heading.ljust(number_width)
        + _GAP
        + appendix.name_heading.ljust(name_width)
        + _GAP
        + _GAP.join(
            h.rjust(w) for h, w in zip(appendix.columns, widths, strict=True)
        ),
        rule,
    ]

    def line(row: AppendixRowView) -> str:
        return (
            row.number.rjust(number_width)
            + _GAP
            + row.name.ljust(name_width)
            + _GAP
            + _GAP.join(
                cell.text.rjust(w)
                for cell, w in zip(row.cells, widths, strict=True)
            )
        ).rstrip()

    if appendix.total_first:
        lines.extend((line(appendix.total), rule))
    lines.extend(line(row) for row in appendix.rows)
    if not appendix.total_first:
        lines.extend((rule, line(appendix.total)))
    lines.append(rule)
    return lines


TEXT = TemplateRenderer(
    name="text",
    media_type="text/plain; charset=utf-8",
    suffix=".txt",
    template="report.txt.j2",
    helpers={
        "wrap": wrap,
        "side_by_side": side_by_side,
        "table": table,
        "width": WIDTH,
    },
)
