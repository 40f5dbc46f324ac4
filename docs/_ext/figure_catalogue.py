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
    return " + ".join(f"`{key}`" for key in keys)


def _cell(text: str) -> str:
    # A cell of a Markdown table: one line, no bar.
    return " ".join(text.replace("|", "\\|").split()) or "-"


def _table(title: str, header: list[str], rows: list[list[str]]) -> list[str]:
    lines = [
        f"**{title}**",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines.extend("| " + " | ".join(map(_cell, row)) + " |" for row in rows)
    return [*lines, ""]


def _also(figure: figures.Count | figures.Rate) -> str:
    text = ""
    if figure.headings[1:]:
        text += f" Also printed as: {', '.join(figure.headings[1:])}."
    if isinstance(figure, figures.Count) and figure.part_headings:
        beside = ", ".join(figure.part_headings)
        text += f" Beside the other parts of its split: {beside}."
    return text


def _count_row(count: figures.Count) -> list[str]:
    what = count.doc
    if count.parts:
        what += f" The sum of {_code(count.parts)}."
    if count.timing != "flow":
        what += f" A stock ({count.timing}), not a flow."
    return [
        f"`{count.key}`",
        f"{count.heading} ({count.heading_en})",
        what + _also(count),
    ]


def _rate_row(rate: figures.Rate) -> list[str]:
    zero = {
        "style": "the style's zero policy",
        "complement": "the complement of the style's zero policy",
        "not-applicable": "not applicable",
    }[rate.zero]
    return [
        f"`{rate.key}`",
        f"{rate.heading} ({rate.heading_en})",
        f"({_code(rate.numerator)}) / ({_code(rate.denominator)})",
        f"{rate.doc} Over zero dossiers: {zero}.{_also(rate)}",
    ]


class FigureCatalogue(SphinxDirective):
    """
    Write the counts and the rates of the catalogue as two tables (in the
    Markdown of the page that holds the directive).
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        text = [
            *_table(
                "Counts",
                ["Key", "Heading", "What it counts"],
                [_count_row(count) for count in figures.counts()],
            ),
            *_table(
                "Rates (in %)",
                ["Key", "Heading", "Computed as", "What it measures"],
                [_rate_row(rate) for rate in figures.rates()],
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
