"""
The ``hcc-report`` command line.

This is the only module that reads arguments, prints, or exits.
"""

from __future__ import annotations

import argparse
import sys

from collections.abc import Sequence
from decimal import Decimal
from typing import TextIO

from hcc_report.calculation import on_time_rate, online_share, total
from hcc_report.errors import HccReportError
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.formatting import (
    format_doc_number,
    format_number,
    format_percent,
    format_period,
    format_place_date,
)
from hcc_report.model import Counts, Report
from hcc_report.serialization import dumps_report, load_report


__all__ = ["main"]


def _load(args: argparse.Namespace) -> Report:
    if args.example:
        return binh_thuan_2023_02()
    return load_report(args.input)


def _count(value: int | None) -> str:
    return "-" if value is None else format_number(value)


def _rate(value: Decimal | None) -> str:
    return "-" if value is None else format_percent(value)


def _summary(report: Report) -> str:
    """
    Return a plain-text summary of the report's figures.
    """
    doc = report.number
    lines = [
        format_doc_number(doc.number, doc.type_code, doc.issuer_code),
        format_place_date(report.place, report.issued),
        report.title,
        f"Kỳ báo cáo: {format_period(report.period)}",
        "",
    ]
    columns: list[tuple[str, Counts | None]] = [
        ("Trong kỳ", report.figures),
        ("Lũy kế", report.cumulative),
    ]
    shown = [(name, counts) for name, counts in columns if counts is not None]
    rows: list[tuple[str, list[str]]] = [
        ("", [name for name, _ in shown]),
    ]
    for label, field in (
        ("Tiếp nhận", "received"),
        ("  trong đó trực tuyến", "received_online"),
        ("Đã xử lý", "processed"),
        ("Đúng hạn", "on_time"),
        ("Trễ hạn", "late"),
    ):
        rows.append((label, [_count(getattr(c, field)) for _, c in shown]))
    rows.append(("Tỷ lệ đúng hạn", [_rate(on_time_rate(c)) for _, c in shown]))
    rows.append(
        ("Tỷ lệ trực tuyến", [_rate(online_share(c)) for _, c in shown])
    )
    width = max(len(label) for label, _ in rows)
    lines.extend(
        f"{label:<{width}}" + "".join(f"{v:>10}" for v in values)
        for label, values in rows
    )
    appendix = report.appendix
    if appendix is not None:
        lines += ["", f"Phụ lục: {appendix.title}"]
        table = [
            (
                format_number(i, zero_pad=True),
                row.agency.display_name,
                row.counts,
            )
            for i, row in enumerate(appendix.rows, start=1)
        ]
        table.append(("", "Tổng cộng", total(appendix.rows)))
        name_width = max(len(name) for _, name, _ in table)
        header = (
            "Đã tiếp nhận",
            "Đã xử lý",
            "Đúng hạn",
            "Trễ hạn",
            "Tỷ lệ",
        )
        lines.append(
            " " * (name_width + 4) + "".join(f"{h:>13}" for h in header)
        )
        for number, name, counts in table:
            figures = [
                _count(counts.received),
                _count(counts.processed),
                _count(counts.on_time),
                _count(counts.late),
                _rate(on_time_rate(counts)),
            ]
            lines.append(
                f"{number:>2}  {name:<{name_width}}"
                + "".join(f"{f:>13}" for f in figures)
            )
    return "\n".join(lines) + "\n"


def _command_summary(args: argparse.Namespace, out: TextIO) -> int:
    out.write(_summary(_load(args)))
    return 0


def _command_example(args: argparse.Namespace, out: TextIO) -> int:
    out.write(dumps_report(binh_thuan_2023_02(), args.format))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hcc-report",
        description=(
            "Periodic reports of public administration service centres "
            "(Trung tâm Hành chính công)."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)

    summary = commands.add_parser(
        "summary",
        help="print the figures of a report",
        description="Print the figures and rates of a report file.",
    )
    source = summary.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "input", nargs="?", help="a report file (.toml or .json)"
    )
    source.add_argument(
        "--example",
        action="store_true",
        help="use the built-in example (Bình Thuận, February 2023)",
    )
    summary.set_defaults(handler=_command_summary)

    example = commands.add_parser(
        "example",
        help="print the built-in example report file",
        description=(
            "Print the built-in example report (Bình Thuận, February 2023) "
            "as a file to start from."
        ),
    )
    example.add_argument("--format", choices=("toml", "json"), default="toml")
    example.set_defaults(handler=_command_example)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 1 when the input is invalid or
    cannot be read, 2 for a wrong command line.
    """
    args = _parser().parse_args(argv)
    try:
        status: int = args.handler(args, sys.stdout)
    except (HccReportError, OSError) as error:
        print(f"hcc-report: error: {error}", file=sys.stderr)  # noqa: T201
        return 1
    return status
