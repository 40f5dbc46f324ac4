"""
The ``figure-catalogue`` directive: the tables of `hcc_report.figures`,
generated from the catalogue itself so that the docs cannot restate it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from hcc_report import figures


def _code(keys: tuple[str, ...]) -> str:
    return " + ".join(f"``{key}``" for key in keys)


def _cell(text: str) -> str:
    # A list-table cell is one line here; keep it so.
    return " ".join(text.split()) or "\\-"


def _table(
    title: str, widths: str, header: list[str], rows: list[list[str]]
) -> list[str]:
    lines = [
        f".. list-table:: {title}",
        "   :header-rows: 1",
        f"   :widths: {widths}",
        "",
    ]
    for row in [header, *rows]:
        lines.append(f"   * - {_cell(row[0])}")
        lines.extend(f"     - {_cell(cell)}" for cell in row[1:])
    return [*lines, ""]


class FigureCatalogue(SphinxDirective):
    """
    Write the counts and the rates of the catalogue as two tables.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        counts = [
            [
                f"``{count.key}``",
                count.heading,
                ", ".join(count.headings[1:])
                + (
                    " (beside the other parts: "
                    f"{', '.join(count.part_headings)})"
                    if count.part_headings
                    else ""
                ),
                count.heading_en,
                _code(count.parts),
                count.timing,
                count.doc,
            ]
            for count in figures.counts()
        ]
        rates = [
            [
                f"``{rate.key}``",
                rate.heading,
                ", ".join(rate.headings[1:]),
                rate.heading_en,
                f"{_code(rate.numerator)} / {_code(rate.denominator)}",
                rate.zero,
                rate.doc,
            ]
            for rate in figures.rates()
        ]
        text = [
            *_table(
                "Counts",
                "12 12 18 10 16 7 25",
                [
                    "Key",
                    "Heading",
                    "Other headings",
                    "English",
                    "Sum of",
                    "Over time",
                    "What it counts",
                ],
                counts,
            ),
            *_table(
                "Rates (in %)",
                "12 12 18 10 16 7 25",
                [
                    "Key",
                    "Heading",
                    "Other headings",
                    "English",
                    "Numerator / denominator",
                    "Over zero",
                    "What it measures",
                ],
                rates,
            ),
        ]
        container = nodes.container()
        self.state.nested_parse(
            StringList(text), self.content_offset, container
        )
        return container.children


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("figure-catalogue", FigureCatalogue)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
