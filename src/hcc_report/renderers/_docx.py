"""
The ``docx`` renderer: the whole report as a Word document, laid out by
Decree 30/2020/NĐ-CP, or a province's own Word template filled in.

The built-in layout:

- A4 with the Decree's margins (top and bottom 20 mm, left 30 mm, right
  15 mm), Times New Roman in every script slot (``w:rFonts`` ascii, hAnsi,
  cs and eastAsia), at the sizes the Decree gives each part, each part a
  paragraph style of its own ("HCC Issuer", "HCC Body" ...) that a
  province can change in Word.
- The header in two columns, issuer left and national title right with
  their short rules, the number and the place and date on one line.
- The title; the body justified with first-line indents; "Nơi nhận" and
  the signature side by side.
- Page numbers centred at the top from page 2 on (a PAGE field; none on
  page 1).
- The appendix in a section of its own, on a new page, landscape when the
  table is wide, its pages numbered from 1 (Decree 30 numbers an
  appendix's pages on their own). Its heading rows repeat on every page,
  and group headings are merged over their columns.

Every text comes from the presentation step, so the document prints the
figures exactly as the other formats do ("10.078", "99,79%").

python-docx makes the package once (styles, headers, settings); each
report's body is then written as WordprocessingML directly, which is many
times faster than python-docx's objects for tables (python-docx #174,
#1209) and renders thousands of reports in minutes.

With ``template=``, a ``.docx`` file written as a docxtpl template
(Jinja2 tags inside Word) is filled with the same ``view`` and ``style``
the built-in templates get, in Jinja2's immutable sandbox and with every
value XML-escaped, so a province keeps its letterhead and layout.

The same report gives the same bytes: the document's dates are its issue
date and the archive's entries carry that date too.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import os
import re
import unicodedata
import zipfile

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

import attrs
import docx
import jinja2

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from hcc_report.errors import ArgumentError, TemplateError
from hcc_report.model import Report
from hcc_report.presentation import (
    AppendixRowView,
    AppendixView,
    Line,
    ReportView,
    present,
)
from hcc_report.renderers._html import WIDE_TABLE
from hcc_report.renderers._templates import (
    FILTERS,
    Sandbox,
    bounded_work,
    gettext_functions,
)
from hcc_report.styles import DECREE_30, Style


if TYPE_CHECKING:
    from docx.document import Document


#: The font of Decree 30/2020, in every script slot.
FONT = "Times New Roman"

_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_LEFT = WD_ALIGN_PARAGRAPH.LEFT
_RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
_JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@attrs.frozen
class _Part:
    """
    How a part of the document is set: a paragraph style of its own.
    """

    #: The style's name, as Word lists it.
    name: str
    #: The type size in points (Decree 30/2020, Appendix I, Part I §V).
    size: float
    bold: bool = False
    italic: bool = False
    align: Any = _CENTER
    before: Any = None
    after: Any = None
    indent: Any = None


#: Every part's style. A province can restyle a part in Word by its name.
PARTS = {
    part.name: part
    for part in (
        _Part("HCC Parent", 12),
        _Part("HCC Issuer", 12, bold=True),
        _Part("HCC Nation", 12, bold=True),
        _Part("HCC Motto", 14, bold=True),
        _Part("HCC Number", 13, before=Pt(6)),
        _Part("HCC Place Date", 14, italic=True, before=Pt(6)),
        _Part("HCC Type", 14, bold=True, before=Pt(18)),
        _Part("HCC Title", 14, bold=True),
        _Part("HCC Addressees", 14, before=Pt(12), after=Pt(12)),
        _Part("HCC Body", 14, align=_JUSTIFY, after=Pt(6), indent=Cm(1.27)),
        _Part(
            "HCC Heading",
            14,
            bold=True,
            align=_JUSTIFY,
            after=Pt(6),
            indent=Cm(1.27),
        ),
        _Part(
            "HCC Recipients Label",
            12,
            bold=True,
            italic=True,
            align=_LEFT,
            before=Pt(12),
        ),
        _Part("HCC Recipients", 11, align=_LEFT),
        _Part("HCC Signature", 14, bold=True),
        _Part("HCC Signer", 14, bold=True, before=Mm(25)),
        _Part("HCC Appendix Label", 14, bold=True),
        _Part("HCC Appendix Title", 14, bold=True),
        _Part("HCC Reference", 14, italic=True, after=Pt(12)),
        _Part("HCC Basis", 13, after=Pt(6)),
        _Part("HCC Page Number", 13),
        _Part("HCC Cell", 12),
        _Part("HCC Cell Name", 12, align=_LEFT),
        _Part("HCC Cell Figure", 12, align=_RIGHT),
        _Part("HCC Cell Heading", 12, bold=True),
        _Part("HCC Wide Cell", 11),
        _Part("HCC Wide Cell Name", 11, align=_LEFT),
        _Part("HCC Wide Cell Figure", 11, align=_RIGHT),
        _Part("HCC Wide Cell Heading", 11, bold=True),
        _Part("HCC Rule", 2, before=Pt(2)),
    )
}

#: Lengths in twentieths of a point (twips), WordprocessingML's unit.
_MM = 1440 / 25.4
#: The widths of Times New Roman Bold's characters from the space to "~"
#: (Adobe's Times-Bold metrics, which Liberation Serif Bold has too), in
#: thousandths of an em: a table's headings are measured with them.
_BOLD_WIDTHS = (
    250,
    333,
    555,
    500,
    500,
    1000,
    833,
    278,
    333,
    333,
    500,
    570,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    333,
    333,
    570,
    570,
    570,
    500,
    930,
    722,
    667,
    722,
    722,
    667,
    611,
    778,
    778,
    389,
    500,
    778,
    667,
    944,
    722,
    778,
    611,
    778,
    722,
    556,
    667,
    722,
    722,
    1000,
    722,
    722,
    667,
    333,
    278,
    333,
    581,
    500,
    333,
    500,
    556,
    444,
    556,
    444,
    333,
    500,
    556,
    278,
    333,
    556,
    278,
    833,
    556,
    500,
    556,
    556,
    444,
    389,
    333,
    556,
    500,
    722,
    500,
    500,
    444,
    394,
    220,
    394,
    520,
)
#: What a table cell takes besides its text: its margins, left and right
#: (Word's default, 0.19 cm), and 3 points for its borders and rounding
#: (LibreOffice broke "Carried" in a cell exactly as wide as the word).
_CELL_MARGINS = 2 * 108 + 60
#: A4, and the margins of Decree 30/2020 (top and bottom 20-25 mm, left
#: 30-35 mm, right 15-20 mm).
_A4 = (round(210 * _MM), round(297 * _MM))
_MARGINS = {
    "top": round(20 * _MM),
    "bottom": round(20 * _MM),
    "left": round(30 * _MM),
    "right": round(15 * _MM),
}
#: From the page's edge to the page number.
_HEADER = round(10 * _MM)


def _template_path(value: object) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)):
        msg = f"template must be the path of a .docx file, got {value!r}"
        raise ArgumentError(msg)
    path = Path(value)
    if not path.is_file():
        msg = f"Word template {str(path)!r} does not exist"
        raise ArgumentError(msg)
    return path


@attrs.frozen(kw_only=True)
class DocxOptions:
    """
    The options of the ``docx`` renderer.

    >>> DocxOptions().template is None
    True
    """

    #: A ``.docx`` file written as a docxtpl template, filled instead of
    #: the built-in layout.
    template: Path | None = attrs.field(default=None, converter=_template_path)


# The package, made once with python-docx ------------------------------------


def _set_fonts(run_properties: Any, size: float | None = None) -> None:
    """
    Times New Roman in all four script slots of *run_properties* (a
    ``w:rPr``), and *size* if given: python-docx's ``Font.name`` sets only
    two of them.
    """
    fonts = run_properties.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    # A theme's font would win over the name.
    for theme in (
        "w:asciiTheme",
        "w:hAnsiTheme",
        "w:eastAsiaTheme",
        "w:cstheme",
    ):
        fonts.attrib.pop(qn(theme), None)
    if size is not None:
        half_points = str(round(size * 2))
        run_properties.get_or_add_sz().set(qn("w:val"), half_points)
        complex_size = run_properties.find(qn("w:szCs"))
        if complex_size is None:
            complex_size = OxmlElement("w:szCs")
            run_properties.sz.addnext(complex_size)
        complex_size.set(qn("w:val"), half_points)


def _defaults(document: Document) -> None:
    """
    Times New Roman in every script slot, at the body's size, as the
    document's defaults and in the styles it uses, so that every run of
    text has them; paragraphs single-spaced with no space after.
    """
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults, 14)
    # Vietnamese, so that Word checks the spelling of Vietnamese.
    language = run_defaults.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "vi-VN")
    for name in ("Normal", "Table Grid"):
        _set_fonts(document.styles[name].element.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _styles(document: Document) -> dict[str, str]:
    """
    Add every part's paragraph style to *document*; return their ids by
    name.
    """
    styles = document.styles
    ids = {}
    for part in PARTS.values():
        style = styles.add_style(part.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = False
        style.font.size = Pt(part.size)
        style.font.bold = part.bold
        style.font.italic = part.italic
        layout = style.paragraph_format
        layout.alignment = part.align
        layout.space_before = part.before or Pt(0)
        layout.space_after = part.after or Pt(0)
        layout.line_spacing = Pt(1) if part.name == "HCC Rule" else 1.0
        if part.indent is not None:
            layout.first_line_indent = part.indent
        ids[part.name] = style.style_id
    return ids


def _page_number(document: Document, style_id: str) -> None:
    """
    A PAGE field, centred, in the header of every page but the first.
    """
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph._p.style = style_id  # noqa: SLF001
    run = paragraph.add_run()._r  # noqa: SLF001
    for kind in ("begin", "instr", "end"):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)


#: The document's extended properties: the program that made it.
_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/extended-properties"><Application>hcc-report</Application>'
    b"</Properties>"
)


@attrs.frozen
class _Package:
    """
    The parts every document shares, and where a report's go.
    """

    #: Every part of the package by name, in order.
    parts: Mapping[str, bytes]
    #: The part's ids of each style, by name.
    styles: Mapping[str, str]
    #: The document part up to its body, and the headers' references.
    opening: str
    headers: str


@functools.cache
def _package() -> _Package:
    """
    The empty document every rendering starts from, made once with
    python-docx: the defaults, the parts' styles and the page-number
    headers.
    """
    document = docx.Document()
    _defaults(document)
    styles = _styles(document)
    _page_number(document, styles["HCC Page Number"])
    parts = _parts(document)
    # python-docx's default document brings a picture of an empty page and
    # the statistics of another program: not ours to ship.
    del parts["docProps/thumbnail.jpeg"]
    parts["_rels/.rels"] = re.sub(
        rb"<Relationship [^>]*thumbnail[^>]*/>", b"", parts["_rels/.rels"]
    )
    parts["docProps/app.xml"] = _APP
    xml = parts["word/document.xml"].decode("utf-8")
    opening = xml[: xml.index("<w:body>")]
    headers = "".join(re.findall(r"<w:headerReference [^>]*/>", xml))
    return _Package(
        MappingProxyType(parts), MappingProxyType(styles), opening, headers
    )


# WordprocessingML ----------------------------------------------------------


def _run(text: str, *, bold: bool = False) -> str:
    emphasis = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:r>{emphasis}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _p(
    part: str, text: str = "", *, bold: bool = False, layout: str = ""
) -> str:
    """
    A paragraph of *part*'s style; *layout* is more of its properties, in
    the schema's order.
    """
    style = _package().styles[part]
    runs = _run(text, bold=bold) if text else ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{layout}</w:pPr>{runs}</w:p>'
    )


def _rule(width: int, fraction: float, *, after: int = 0) -> str:
    """
    A short solid rule, centred, *fraction* of *width* long: the line under
    the issuer, the motto and the title; *after* twips of space below it.
    """
    margin = round(width * (1 - fraction) / 2)
    space = f'<w:spacing w:after="{after}"/>' if after else ""
    return _p(
        "HCC Rule",
        layout=(
            '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" '
            f'w:color="000000"/></w:pBdr>{space}'
            f'<w:ind w:left="{margin}" w:right="{margin}"/>'
        ),
    )


def _cell(
    width: int,
    content: str,
    *,
    span: int = 1,
    merge: str | None = None,
) -> str:
    """
    A table cell *width* twips wide holding *content* (paragraphs),
    spanning *span* columns; *merge* is ``"restart"`` for the top of a
    vertical merge, ``"continue"`` below it.
    """
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def _table(
    widths: Sequence[int],
    rows: Iterable[str],
    *,
    borders: bool,
    indent: int | None = None,
) -> str:
    """
    A table of fixed column *widths*, with the grid's borders or none;
    centred, or *indent* from the left margin.
    """
    style = '<w:tblStyle w:val="TableGrid"/>' if borders else ""
    edges = (
        ""
        if borders
        else "<w:tblBorders>"
        + "".join(
            f'<w:{edge} w:val="nil"/>'
            for edge in (
                "top",
                "left",
                "bottom",
                "right",
                "insideH",
                "insideV",
            )
        )
        + "</w:tblBorders>"
    )
    place = (
        '<w:jc w:val="center"/>'
        if indent is None
        else f'<w:tblInd w:w="{indent}" w:type="dxa"/>'
    )
    properties = (
        f'{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'{place}{edges}<w:tblLayout w:type="fixed"/>'
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f"<w:tbl><w:tblPr>{properties}</w:tblPr>"
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _row(cells: Iterable[str], *, heading: bool = False) -> str:
    """
    A table row kept on one page; a heading row repeats on every page.
    """
    properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if heading else "")
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def _section(
    headers: str, *, landscape: bool = False, restart: bool = False
) -> str:
    """
    A section's properties: A4 with the Decree's margins (turned with a
    landscape page), page numbers in the headers but the first page's,
    from 1 when *restart*.
    """
    width, height = _A4
    if landscape:
        size = f'<w:pgSz w:w="{height}" w:h="{width}" w:orient="landscape"/>'
        top, right, bottom, left = (
            _MARGINS["left"],
            _MARGINS["bottom"],
            _MARGINS["right"],
            _MARGINS["top"],
        )
    else:
        size = f'<w:pgSz w:w="{width}" w:h="{height}"/>'
        top, right, bottom, left = (
            _MARGINS["top"],
            _MARGINS["right"],
            _MARGINS["bottom"],
            _MARGINS["left"],
        )
    margins = (
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" '
        f'w:left="{left}" w:header="{_HEADER}" w:footer="{_HEADER}" '
        'w:gutter="0"/>'
    )
    numbering = '<w:pgNumType w:start="1"/>' if restart else ""
    return (
        f'<w:sectPr>{headers}<w:type w:val="nextPage"/>{size}{margins}'
        f'{numbering}<w:cols w:space="720"/><w:titlePg/>'
        '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def _text_width(*, landscape: bool = False) -> int:
    if landscape:
        return _A4[1] - _MARGINS["top"] - _MARGINS["bottom"]
    return _A4[0] - _MARGINS["left"] - _MARGINS["right"]


# The document's parts --------------------------------------------------------


def _header(view: ReportView, width: int) -> str:
    """
    The two-column header: issuer and number left, national title and
    place and date right, the number and the date on one line.
    """
    h = view.header
    # The header reaches 10 mm into the left margin, as documents set it,
    # so that the national title fits on one line.
    outset = round(10 * _MM)
    left = round((width + outset) * 0.45)
    right = width + outset - left
    issuer = (_p("HCC Parent", h.parent) if h.parent else "") + _p(
        "HCC Issuer", h.issuer
    )
    issuer += _rule(left, 0.4)
    nation = _p("HCC Nation", h.nation) + _p("HCC Motto", h.motto)
    nation += _rule(right, 0.62)
    return _table(
        [left, right],
        [
            _row([_cell(left, issuer), _cell(right, nation)]),
            _row(
                [
                    _cell(left, _p("HCC Number", h.number)),
                    _cell(right, _p("HCC Place Date", h.place_date)),
                ]
            ),
        ],
        borders=False,
        indent=-outset,
    )


def _title(view: ReportView, width: int) -> str:
    xml = _p("HCC Type", view.type_name) + _p("HCC Title", view.title)
    xml += _rule(width, 0.3, after=240)
    if view.addressees:
        first, *others = view.addressees
        runs = _run(f"{view.addressees_label} {first}")
        runs += "".join(f"<w:r><w:br/></w:r>{_run(line)}" for line in others)
        style = _package().styles["HCC Addressees"]
        xml += f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'
    return xml


def _lines(lines: Iterable[Line]) -> str:
    return "".join(
        _p(
            "HCC Body",
            f"- {line.text}" if line.kind == "bullet" else line.text,
        )
        for line in lines
    )


def _body(view: ReportView) -> str:
    xml = _lines(view.opening)
    for section in view.sections:
        xml += _p("HCC Heading", f"{section.label} {section.heading}")
        xml += _lines(section.lines)
        for point in section.subsections:
            xml += _p("HCC Body", f"{point.label} {point.heading}")
            xml += _lines(point.lines)
    return xml


def _closing(view: ReportView, width: int) -> str:
    """
    "Nơi nhận" and the signature side by side.
    """
    left = round(width * 0.5)
    right = width - left
    recipients = _p("HCC Recipients Label", view.recipients_label)
    recipients += "".join(
        _p("HCC Recipients", line) for line in view.recipients
    )
    signature = "".join(
        _p(
            "HCC Signature",
            title,
            layout='<w:spacing w:before="240"/>' if i == 0 else "",
        )
        for i, title in enumerate(view.signature.titles)
    )
    # The name, below room for the signature and the seal.
    signature += _p("HCC Signer", view.signature.name)
    return _table(
        [left, right],
        [_row([_cell(left, recipients), _cell(right, signature)])],
        borders=False,
    )


# The appendix ----------------------------------------------------------------


def _heading_rows(
    appendix: AppendixView, widths: Sequence[int], family: str
) -> str:
    """
    The two heading rows: Stt and the name over both, then each figure
    column under its group's heading (or under the table's group heading),
    merged as printed.
    """
    heading = f"{family} Heading"
    figures = widths[2:]
    top = [
        _cell(
            widths[0], _p(heading, appendix.number_heading), merge="restart"
        ),
        _cell(widths[1], _p(heading, appendix.name_heading), merge="restart"),
    ]
    bottom = [
        _cell(widths[0], "", merge="continue"),
        _cell(widths[1], "", merge="continue"),
    ]
    if not figures:
        return _row(top, heading=True) + _row(bottom, heading=True)
    if not appendix.column_groups:
        top.append(
            _cell(
                sum(figures),
                _p(heading, appendix.group_heading),
                span=len(figures),
            )
        )
        bottom += [
            _cell(width, _p(heading, text))
            for width, text in zip(figures, appendix.columns, strict=True)
        ]
        return _row(top, heading=True) + _row(bottom, heading=True)
    group_of = {
        i: group
        for group in appendix.column_groups
        for i in range(group.start, group.start + group.span)
    }
    for i, (width, text) in enumerate(
        zip(figures, appendix.columns, strict=True)
    ):
        group = group_of.get(i)
        if group is None:
            top.append(_cell(width, _p(heading, text), merge="restart"))
            bottom.append(_cell(width, "", merge="continue"))
            continue
        if i == group.start:
            spanned = sum(figures[group.start : group.start + group.span])
            top.append(
                _cell(spanned, _p(heading, group.heading), span=group.span)
            )
        bottom.append(_cell(width, _p(heading, text)))
    return _row(top, heading=True) + _row(bottom, heading=True)


def _table_row(
    shown: AppendixRowView, widths: Sequence[int], family: str, *, bold: bool
) -> str:
    cells = [
        _cell(widths[0], _p(family, shown.number, bold=bold)),
        _cell(widths[1], _p(f"{family} Name", shown.name, bold=bold)),
    ]
    cells += [
        _cell(width, _p(f"{family} Figure", cell.text, bold=bold))
        for width, cell in zip(widths[2:], shown.cells, strict=True)
    ]
    return _row(cells)


def _column_widths(
    headings: Sequence[str], width: int, *, wide: bool, size: float
) -> list[int]:
    """
    The widths of the appendix's columns: the number, the name, and the
    figures in equal shares, each wide enough for the longest word of its
    heading (*size* points, bold) at the name's expense ("Processed" is
    never broken into "Processe" and "d").
    """
    number = round(12 * _MM)
    if not headings:
        return [number, width - number]
    name = round(width * (0.30 if wide else 0.34))
    share = (width - number - name) // len(headings)
    figures = [max(share, _heading_width(text, size)) for text in headings]
    narrower = name - (sum(figures) - share * len(headings))
    if narrower < width * _NARROWEST_NAME:  # the names matter more
        return [number, name, *[share] * len(headings)]
    return [number, narrower, *figures]


#: The narrowest the column of names becomes to fit the headings' words,
#: as a share of the table's width.
_NARROWEST_NAME = 0.2


#: Letters with a stroke, which Unicode does not decompose, as their base.
_BASE_LETTERS = str.maketrans("đĐ", "dD")


def _heading_width(text: str, size: float) -> int:
    """
    The width in twips of a cell that holds the longest word of *text*
    in bold Times New Roman at *size* points; a letter with diacritics is
    as wide as its base letter, any other character an em.

    >>> _heading_width("Processed", 12), _heading_width("Trước hạn", 11)
    (1290, 851)
    """
    widest = 0
    for word in text.translate(_BASE_LETTERS).split():
        thousandths = 0
        for char in unicodedata.normalize("NFD", word):
            if unicodedata.combining(char):
                continue
            index = ord(char) - ord(" ")
            in_table = 0 <= index < len(_BOLD_WIDTHS)
            thousandths += _BOLD_WIDTHS[index] if in_table else 1000
        widest = max(widest, thousandths)
    # Thousandths of an em of size points, in twips, rounded up.
    return -(-widest * round(size * 20) // 1000) + _CELL_MARGINS


def _appendix(appendix: AppendixView) -> tuple[str, bool]:
    """
    The appendix's title lines and table, and whether its page is
    landscape.
    """
    wide = len(appendix.columns) > WIDE_TABLE
    width = _text_width(landscape=wide)
    xml = _p("HCC Appendix Label", appendix.label)
    xml += _p("HCC Appendix Title", appendix.title)
    xml += _p("HCC Reference", appendix.reference)
    if appendix.column_groups:
        # The groups head the columns; what the figures cover goes above.
        xml += _p("HCC Basis", appendix.group_heading)
    shown = [appendix.total] if appendix.total_first else []
    shown += list(appendix.rows)
    if not appendix.total_first:
        shown.append(appendix.total)
    family = "HCC Wide Cell" if wide else "HCC Cell"
    widths = _column_widths(
        appendix.columns,
        width,
        wide=wide,
        size=PARTS[f"{family} Heading"].size,
    )
    rows = [_heading_rows(appendix, widths, family)]
    rows += [
        _table_row(
            row,
            widths,
            family,
            bold=row is appendix.total or row.kind != "row",
        )
        for row in shown
    ]
    # Word wants a paragraph between a table and the section's end.
    return xml + _table(widths, rows, borders=True) + _p("HCC Rule"), wide


# The document ----------------------------------------------------------------


def _core(report: Report, view: ReportView) -> bytes:
    """
    The document's properties, dated by the report's issue.
    """
    issued = f"{report.issued.isoformat()}T00:00:00Z"
    title = f"{view.type_name} {view.header.number}: {view.title}"
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title>"
        f"<dc:creator>{escape(view.header.issuer)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(view.header.issuer)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{issued}'
        "</dcterms:created>"
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{issued}'
        "</dcterms:modified></cp:coreProperties>"
    ).encode()


def _document_xml(view: ReportView) -> str:
    """
    The document part of *view*: the body, and the appendix in a section
    of its own.
    """
    package = _package()
    width = _text_width()
    body = _header(view, width) + _title(view, width) + _body(view)
    body += _closing(view, width)
    first = _section(package.headers)
    if view.appendix is None:
        body += first
    else:
        appendix, wide = _appendix(view.appendix)
        # A section's properties end its last paragraph.
        style = package.styles["HCC Rule"]
        body += (
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{first}</w:pPr></w:p>'
            f"{appendix}"
        )
        body += _section(package.headers, landscape=wide, restart=True)
    return f"{package.opening}<w:body>{body}</w:body></w:document>"


def _parts(document: Any) -> dict[str, bytes]:
    """
    The parts of *document* (python-docx's or docxtpl's) by name, in order,
    as it saves them.
    """
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _archive(parts: Mapping[str, bytes], issued: dt.date) -> bytes:
    """
    The parts as a ZIP archive, every entry dated *issued*.
    """
    stamp = (max(issued.year, 1980), issued.month, issued.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def language_tag(lang: str) -> str:
    """
    The language tag a Word document is marked with for *lang*, so that
    Word checks its spelling in that language.

    >>> language_tag("vi"), language_tag("en"), language_tag("fr_CA")
    ('vi-VN', 'en-GB', 'fr-CA')
    """
    return {"vi": "vi-VN", "en": "en-GB"}.get(lang, lang.replace("_", "-"))


def _built(report: Report, style: Style, lang: str) -> bytes:
    view = present(report, style, lang=lang)
    parts = dict(_package().parts)
    if lang != "vi":
        parts["word/styles.xml"] = parts["word/styles.xml"].replace(
            b'w:val="vi-VN"', f'w:val="{language_tag(lang)}"'.encode()
        )
    parts["word/document.xml"] = _document_xml(view).encode("utf-8")
    parts["docProps/core.xml"] = _core(report, view)
    return _archive(parts, report.issued)


def _fill(template: Path, report: Report, style: Style, lang: str) -> bytes:
    """
    The user's Word template filled with the report's view, in the
    sandbox, every value escaped for XML; its properties dated by the
    report's issue.
    """
    # Imported here: only a province's own template needs docxtpl.
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]  # noqa: PLC0415

    not_word = (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    )
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except not_word as error:
        msg = (
            f"Word template {template.name} is not a Word document "
            f"(.docx; save a .dotx as a document): {error}"
        )
        raise TemplateError(msg) from error
    environment = Sandbox(undefined=jinja2.StrictUndefined, autoescape=True)
    environment.filters.update(FILTERS)
    view = present(report, style, lang=lang)
    context = {
        "view": view,
        "style": style,
        "lang": view.lang.replace("_", "-"),
        "wide_table": WIDE_TABLE,
        **gettext_functions(view.lang),
    }
    try:
        with bounded_work():
            document.render(context, jinja_env=environment, autoescape=True)
    except jinja2.TemplateError as error:
        # docxtpl says which text of the document the tag is in.
        near = getattr(error, "docx_context", None)
        where = f" near {' '.join(near)[:120]!r}" if near else ""
        msg = f"Word template {template.name}{where}: {error.message or error}"
        raise TemplateError(msg) from error
    except etree.XMLSyntaxError as error:
        msg = (
            f"Word template {template.name}: its tags break the document's "
            f"XML (a tag across a paragraph or a table cell?): {error}"
        )
        raise TemplateError(msg) from error
    except Exception as error:
        # A template's own mistake ({{ 1 / 0 }}, a filter given text ...).
        msg = f"Word template {template.name}: {type(error).__name__}: {error}"
        raise TemplateError(msg) from error
    _dated(document.docx, report, view)
    return _archive(_parts(document), report.issued)


def _dated(document: Document, report: Report, view: ReportView) -> None:
    """
    Date *document* by the report's issue, never the clock, and undo the
    double escape of its properties (docxtpl renders them with the
    escaping environment, and python-docx escapes again).
    """
    core = document.core_properties
    for name in (
        "author",
        "category",
        "comments",
        "content_status",
        "identifier",
        "keywords",
        "language",
        "last_modified_by",
        "subject",
        "title",
        "version",
    ):
        value = getattr(core, name)
        if value:
            setattr(core, name, html.unescape(value))
    utc = dt.timezone.utc  # dt.UTC is from Python 3.11
    issued = dt.datetime.combine(report.issued, dt.time(), tzinfo=utc)
    core.created = core.modified = issued
    core.last_modified_by = view.header.issuer
    core.revision = 1


@attrs.frozen
class DocxRenderer:
    """
    The ``docx`` renderer; its options are `DocxOptions`.
    """

    name: str = "docx"
    media_type: str = (
        "application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document"
    )
    suffix: str = ".docx"

    @property
    def options(self) -> type[DocxOptions]:
        """
        `DocxOptions`.
        """
        return DocxOptions

    def render(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: DocxOptions = DocxOptions(),
        lang: str = "vi",
    ) -> bytes:
        """
        Render *report* in *style* and *lang* as the bytes of a ``.docx``
        file.

        >>> from hcc_report.examples import binh_thuan_2023_02
        >>> data = DOCX.render(binh_thuan_2023_02())
        >>> data[:2]
        b'PK'
        """
        if options.template is not None:
            return _fill(options.template, report, style, lang)
        return _built(report, style, lang)


DOCX = DocxRenderer()
