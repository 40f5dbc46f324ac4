"""
Built-in example reports, shipped as data files inside the package.

Each is read with `hcc_report.load_report`'s own reader, the one users use
for their files, so the examples also show the file format.
"""

from __future__ import annotations

from hcc_report.loaders import loads_published, loads_report
from hcc_report.model import Report
from hcc_report.published import PublishedReport


__all__ = [
    "binh_thuan_2023_02",
    "binh_thuan_2023_02_appendix",
    "binh_thuan_2023_02_published",
    "example_text",
]


def example_text(name: str, suffix: str = ".toml") -> str:
    """
    Return the text of the built-in example file *name*.

    >>> example_text("binh_thuan_2023_02").startswith("# The monthly report")
    True
    """
    # Imported here: importlib.resources costs more to import than the
    # whole model, and only reading an example needs it.
    from importlib import resources  # noqa: PLC0415

    return (
        resources.files(__package__)
        .joinpath(f"{name}{suffix}")
        .read_text(encoding="utf-8")
    )


def binh_thuan_2023_02() -> Report:
    """
    Return the report of Bình Thuận's centre for February 2023.

    This is the reference example of the library (Số: 04/BC-TTHCC, issued
    on 2 March 2023): every figure, narrative paragraph, recipient and the
    signer of the published report, with its appendix of 19 agencies in
    the published order.

    >>> from hcc_report import on_time_rate, total
    >>> report = binh_thuan_2023_02()
    >>> str(report.number), report.issued
    ('04/BC-TTHCC', datetime.date(2023, 3, 2))
    >>> len(report.appendix.rows), report.appendix.rows[8].agency.name
    (19, 'Sở Tài nguyên và Môi trường')
    >>> on_time_rate(total(report.appendix.rows))
    Decimal('99.79')
    """
    name = "binh_thuan_2023_02"
    return loads_report(example_text(name), "toml", source=f"<example {name}>")


def binh_thuan_2023_02_published() -> PublishedReport:
    """
    Return the figures of the February 2023 report as it printed them.

    The table, its total row with the misprinted 99.49%, and the figures of
    the body, read from a file shipped with the package; see
    `hcc_report.audit`.

    >>> published = binh_thuan_2023_02_published()
    >>> published.table.total.rates["on_time_rate"]
    '99.49%'
    """
    name = "binh_thuan_2023_02_published"
    return loads_published(
        example_text(name), "toml", source=f"<example {name}>"
    )


def binh_thuan_2023_02_appendix() -> PublishedReport:
    """
    Return the appendix of the February 2023 report, read from a CSV file
    as a provincial system would export it.

    >>> len(binh_thuan_2023_02_appendix().table.rows)
    19
    """
    name = "binh_thuan_2023_02_appendix"
    return loads_published(
        example_text(name, ".csv"), "csv", source=f"<example {name}>"
    )
