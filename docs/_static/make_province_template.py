"""
Write ``province-template.docx``: a small Word template for
``render(report, "docx", template=...)``, as a province would make it in
Word (its own letterhead, its own table), with docxtpl's tags.

Run ``python docs/_static/make_province_template.py`` to write it again.
The template gets what every built-in template gets: ``view`` (a
`hcc_report.presentation.ReportView`) and ``style``.
"""

from __future__ import annotations

import io
import sys
import zipfile

from pathlib import Path

import docx

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


HERE = Path(__file__).parent


def build() -> docx.document.Document:
    """
    The template as a python-docx document.
    """
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)

    def line(text: str, *, bold: bool = False, center: bool = True) -> None:
        paragraph = document.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold

    # The province's own letterhead.
    line("UỶ BAN NHÂN DÂN TỈNH KON TUM", bold=True)
    line("{{ view.header.issuer }}", bold=True)
    line("{{ view.header.number }} — {{ view.header.place_date }}")
    line("{{ view.type_name }}", bold=True)
    line("{{ view.title }}", bold=True)
    # The body: every section and its lines.
    line("{%p for section in view.sections %}", center=False)
    line("{{ section.label }} {{ section.heading }}", bold=True, center=False)
    line("{%p for item in section.lines %}", center=False)
    line(
        "{{ '- ' if item.kind == 'bullet' else '' }}{{ item.text }}",
        center=False,
    )
    line("{%p endfor %}", center=False)
    line("{%p for point in section.subsections %}", center=False)
    line("{{ point.label }} {{ point.heading }}", center=False)
    line("{%p for item in point.lines %}", center=False)
    line(
        "{{ '- ' if item.kind == 'bullet' else '' }}{{ item.text }}",
        center=False,
    )
    line("{%p endfor %}", center=False)
    line("{%p endfor %}", center=False)
    line("{%p endfor %}", center=False)
    # The appendix table: one row per agency, then the total.
    line("{{ view.appendix.title }}", bold=True)
    # docxtpl repeats the row between the {%tr for %} and {%tr endfor %}
    # rows, and drops those two.
    table = document.add_table(rows=5, cols=4)
    table.style = document.styles["Table Grid"]
    heading, start, body, end, total = table.rows
    for cell, text in zip(
        heading.cells,
        [
            "{{ view.appendix.number_heading }}",
            "{{ view.appendix.name_heading }}",
            "{{ view.appendix.columns[0] }}",
            "{{ view.appendix.columns[-1] }}",
        ],
        strict=True,
    ):
        cell.text = text
    start.cells[0].text = "{%tr for row in view.appendix.rows %}"
    for cell, text in zip(
        body.cells,
        [
            "{{ row.number }}",
            "{{ row.name }}",
            "{{ row.cells[0].text }}",
            "{{ row.cells[-1].text }}",
        ],
        strict=True,
    ):
        cell.text = text
    end.cells[0].text = "{%tr endfor %}"
    total.cells[1].text = "{{ view.appendix.total.name }}"
    total.cells[2].text = "{{ view.appendix.total.cells[0].text }}"
    total.cells[3].text = "{{ view.appendix.total.cells[-1].text }}"
    line("{{ view.signature.titles | join(' / ') }}", bold=True)
    line("{{ view.signature.name }}", bold=True)
    return document


def main(argv: list[str]) -> None:
    """
    Write the template, the same bytes every time (its archive's entries
    carry a fixed date).
    """
    default = HERE / "province-template.docx"
    buffer = io.BytesIO()
    build().save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    Path(argv[1] if len(argv) > 1 else default).write_bytes(out.getvalue())


if __name__ == "__main__":
    main(sys.argv)
