"""
Tests for the docx renderer, read back with python-docx.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import zipfile

from pathlib import Path

import attrs
import pytest

from hypothesis import HealthCheck, given, settings

from hcc_report import Agency, get_style, render
from hcc_report.errors import ArgumentError, TemplateError
from hcc_report.presentation import present
from strategies import reports


docx = pytest.importorskip("docx")
pytest.importorskip("docxtpl")

from docx.shared import Mm, Pt  # noqa: E402


ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "docs" / "_static" / "province-template.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def text_of(document: docx.document.Document) -> str:
    """
    Every text of the document: paragraphs, then tables' cells.
    """
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


@pytest.fixture(scope="module", params=["decree-30", "binh-thuan", "form-06"])
def rendered(request, seed):
    return request.param, render(seed, "docx", style=request.param)


@pytest.fixture(scope="module")
def bold(times):
    """
    The advance width of each character, in twips at one point, in the
    bold font fontconfig gives for Times New Roman.
    """
    fonttools = pytest.importorskip("fontTools.ttLib")
    path = subprocess.run(
        ["fc-match", "-f", "%{file}", "Times New Roman:bold"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    font = fonttools.TTFont(path)
    advance, glyphs = font["hmtx"], font.getBestCmap()
    em = font["head"].unitsPerEm
    return lambda char: advance[glyphs[ord(char)]][0] * 20 / em


class TestLayout:
    def test_page_and_margins(self, rendered):
        """
        A4 with Decree 30's margins: top and bottom 20 mm, left 30 mm,
        right 15 mm.
        """
        _, data = rendered
        body = read(data).sections[0]

        assert (round(body.page_width.mm), round(body.page_height.mm)) == (
            210,
            297,
        )
        assert [
            round(body.top_margin.mm),
            round(body.bottom_margin.mm),
            round(body.left_margin.mm),
            round(body.right_margin.mm),
        ] == [20, 20, 30, 15]

    def test_times_new_roman_in_every_script(self, rendered):
        """
        The defaults and the Normal style name Times New Roman in the four
        slots of w:rFonts.
        """
        _, data = rendered
        document = read(data)
        styles = document.styles.element
        defaults = styles.find(
            f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts"
        )
        normal = document.styles["Normal"].element.rPr.rFonts

        for fonts in (defaults, normal):
            assert {
                fonts.get(f"{W}{slot}")
                for slot in ("ascii", "hAnsi", "cs", "eastAsia")
            } == {"Times New Roman"}

    def test_the_widths_of_bold_are_the_fonts(self, bold):
        """
        The renderer's table of bold widths is the font's.
        """
        from hcc_report.renderers._docx import _BOLD_WIDTHS  # noqa: PLC0415

        assert [
            round(bold(chr(32 + i)) * 1000 / 20)
            for i in range(len(_BOLD_WIDTHS))
        ] == list(_BOLD_WIDTHS)

    @pytest.mark.parametrize("style", ["decree-30", "form-06"])
    def test_no_heading_word_is_broken(self, seed, bold, style):
        """
        Each figure column is wide enough for the longest word of its
        heading in bold Times New Roman ("Processed", "Overdue") with the
        cell's margins (2 × 108 twips): no word is broken in two in
        English; the Vietnamese columns stay equal.
        """
        for lang in ("en", "vi"):
            view = present(seed, style, lang=lang).appendix
            data = render(seed, "docx", style=style, lang=lang)
            grid = read(data).tables[-1]._tbl.tblGrid.findall(f"{W}gridCol")
            widths = [int(col.get(f"{W}w")) for col in grid][2:]
            size = 11 if len(view.columns) > 8 else 12
            for width, heading in zip(widths, view.columns, strict=True):
                for word in heading.split():
                    needed = sum(bold(c) for c in word) * size + 216
                    assert width >= needed, (word, width)
            if lang == "vi":
                assert len(set(widths)) == 1

    def test_sizes_by_part(self, rendered):
        """
        Each part's style has the size and emphasis Decree 30 gives it.
        """
        _, data = rendered
        styles = read(data).styles

        def look(name):
            font = styles[name].font
            return font.size.pt, bool(font.bold), bool(font.italic)

        assert look("HCC Nation") == (12, True, False)
        assert look("HCC Motto") == (14, True, False)
        assert look("HCC Parent") == (12, False, False)
        assert look("HCC Place Date") == (14, False, True)
        assert look("HCC Recipients Label") == (12, True, True)
        assert look("HCC Recipients") == (11, False, False)
        assert look("HCC Body")[0] == 14
        assert styles["HCC Body"].paragraph_format.first_line_indent == (
            Mm(12.7)
        )
        assert look("HCC Appendix Label") == (14, True, False)
        assert look("HCC Page Number")[0] == 13

    def test_header_table(self, rendered, seed):
        """
        The header: issuer and number left, national title and place and
        date right, the number and the date on one row.
        """
        _, data = rendered
        header = read(data).tables[0]

        assert len(header.rows) == 2
        issuer, nation = header.rows[0].cells
        number, place_date = header.rows[1].cells
        assert issuer.text.split("\n")[:2] == [
            "VĂN PHÒNG UBND TỈNH",
            "TRUNG TÂM HÀNH CHÍNH CÔNG",
        ]
        assert nation.text.split("\n")[:2] == [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ]
        assert number.text == "Số: 04/BC-TTHCC"
        assert place_date.text == "Bình Thuận, ngày 02 tháng 3 năm 2023"
        assert place_date.paragraphs[0].style.name == "HCC Place Date"

    def test_page_numbers_from_page_2(self, rendered):
        """
        A PAGE field centred in the header of every page but the first; the
        appendix's pages are numbered from 1.
        """
        _, data = rendered
        document = read(data)

        for section in document.sections:
            assert section.different_first_page_header_footer
            field = section.header._element.xml
            assert " PAGE " in field
            assert " PAGE " not in section.first_page_header._element.xml
        appendix = document.sections[1]._sectPr
        assert appendix.find(f"{W}pgNumType").get(f"{W}start") == "1"

    def test_figures_as_the_style_prints_them(self, rendered):
        """
        Numbers are text as the style prints them.
        """
        style, data = rendered
        text = text_of(read(data))

        assert "10.078" in text
        assert "9.705" in text
        if style == "binh-thuan":
            assert "99.79%" in text
        elif style == "decree-30":
            assert "99,79%" in text
        assert "Võ Lý Hoài Vũ" in text
        assert "Nơi nhận:" in text

    def test_appendix_on_a_new_page(self, rendered):
        """
        The appendix is a section of its own starting on a new page,
        landscape for form-06's wide table; its heading rows repeat.
        """
        style, data = rendered
        document = read(data)
        appendix = document.sections[1]
        table = document.tables[-1]

        assert appendix.start_type == 2  # WD_SECTION.NEW_PAGE
        landscape = appendix.page_width > appendix.page_height
        assert landscape == (style == "form-06")
        for row in table.rows[:2]:
            assert row._tr.trPr.find(f"{W}tblHeader") is not None
        assert table.rows[2]._tr.trPr.find(f"{W}tblHeader") is None

    def test_group_headings_are_merged(self, seed):
        """
        form-06's three group headings span their columns.
        """
        document = read(render(seed, "docx", style="form-06"))
        table = document.tables[-1]
        spans = [
            (cell.text, int(span.get(f"{W}val")))
            for cell in table.rows[0].cells
            if (span := cell._tc.tcPr.find(f"{W}gridSpan")) is not None
        ]
        view = present(seed, "form-06").appendix

        expected = [(g.heading, g.span) for g in view.column_groups]
        assert list(dict.fromkeys(spans)) == expected


class TestReviewed:
    def test_defaults_name_the_font_not_a_theme(self, seed):
        """
        No theme font overrides Times New Roman in the defaults, and the
        text's language is Vietnamese.
        """
        styles = read(render(seed, "docx")).styles.element
        run = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        fonts = run.find(f"{W}rFonts")

        assert not [name for name in fonts.attrib if "heme" in name]
        assert run.find(f"{W}lang").get(f"{W}val") == "vi-VN"

    def test_the_basis_over_grouped_columns(self, seed):
        """
        With column groups, the appendix says above the table what its
        figures cover, as the other formats do.
        """
        document = read(render(seed, "docx", style="form-06"))
        texts = [p.text for p in document.paragraphs]

        assert "Lũy kế từ năm 2023" in texts

    def test_a_style_without_columns_of_figures(self, seed):
        """
        A style that prints no figure column still renders: Stt and the
        names.
        """
        style = attrs.evolve(get_style("decree-30"), columns=(), rates=())
        table = read(render(seed, "docx", style=style)).tables[-1]

        assert len(table.columns) == 2
        assert table.rows[2].cells[1].text == "Ban Quản lý các KCN"

    def test_no_thumbnail_and_our_own_properties(self, seed):
        with zipfile.ZipFile(io.BytesIO(render(seed, "docx"))) as archive:
            names = archive.namelist()
            app = archive.read("docProps/app.xml")

        assert "docProps/thumbnail.jpeg" not in names
        assert b"<Application>hcc-report</Application>" in app


class TestDeterminism:
    def test_same_report_same_bytes(self, seed):
        assert render(seed, "docx") == render(seed, "docx")

    def test_across_processes(self, seed):
        """
        Another process gives the same bytes: no clock, no random ids.
        """
        code = (
            "import sys, hcc_report; "
            "r = hcc_report.examples.binh_thuan_2023_02(); "
            "sys.stdout.buffer.write(hcc_report.render(r, 'docx'))"
        )
        other = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True
        ).stdout

        assert other == render(seed, "docx")

    def test_dated_by_the_issue(self, seed):
        """
        The archive's entries and the document's dates are the issue date.
        """
        data = render(seed, "docx")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            stamps = {info.date_time for info in archive.infolist()}
        core = read(data).core_properties

        assert stamps == {(2023, 3, 2, 0, 0, 0)}
        assert core.created.date() == seed.issued
        assert core.modified.date() == seed.issued


class TestText:
    def test_hostile_text_stays_text(self, seed):
        """
        XML's special characters in a name reach the document as written.
        """
        name = 'Sở A & B <x> "q"'
        row = seed.appendix.rows[0]
        changed = attrs.evolve(
            seed,
            appendix=attrs.evolve(
                seed.appendix,
                rows=[
                    attrs.evolve(row, agency=Agency(name=name)),
                    *seed.appendix.rows[1:],
                ],
            ),
        )

        assert name in text_of(read(render(changed, "docx")))

    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports())
    def test_the_appendix_prints_what_the_view_says(self, report):
        """
        Any report renders, and its appendix table holds the view's rows,
        cell by cell, in order.
        """
        document = read(render(report, "docx"))
        view = present(report).appendix
        if view is None:
            assert len(document.sections) == 1
            return
        table = document.tables[-1]
        shown = [view.total] if view.total_first else []
        shown += list(view.rows)
        if not view.total_first:
            shown.append(view.total)

        assert [
            [cell.text for cell in row.cells] for row in table.rows[2:]
        ] == [
            [row.number, row.name, *(cell.text for cell in row.cells)]
            for row in shown
        ]


class TestTemplate:
    def test_the_example_template(self, seed):
        """
        The docs' example template is filled with the view: its letterhead
        stays, its tags become the report's texts and rows.
        """
        document = read(render(seed, "docx", template=TEMPLATE))
        text = text_of(document)
        table = document.tables[0]

        assert "UỶ BAN NHÂN DÂN TỈNH KON TUM" in text
        assert "Số: 04/BC-TTHCC — Bình Thuận, ngày 02 tháng 3 năm 2023" in text
        assert "{{" not in text
        assert "{%" not in text
        assert len(table.rows) == 1 + 19 + 1
        assert [c.text for c in table.rows[9].cells] == [
            "9",
            "Sở Tài nguyên và Môi trường",
            "197",
            "90,05%",
        ]
        assert [c.text for c in table.rows[-1].cells][1:] == [
            "Tổng cộng",
            "10.078",
            "99,79%",
        ]

    def test_the_shipped_template_is_what_the_script_makes(self, tmp_path):
        """
        province-template.docx is what make_province_template.py writes (by
        its document's text and tables).
        """
        spec = importlib.util.spec_from_file_location(
            "make_template", TEMPLATE.with_name("make_province_template.py")
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        path = tmp_path / "t.docx"
        module.build().save(path)

        assert text_of(docx.Document(path)) == text_of(docx.Document(TEMPLATE))

    def test_values_are_escaped(self, seed):
        """
        Values are XML-escaped (docxtpl's default is not to).
        """
        changed = attrs.evolve(
            seed,
            appendix=attrs.evolve(
                seed.appendix,
                rows=[
                    attrs.evolve(
                        seed.appendix.rows[0],
                        agency=Agency(name="Sở A & B <x>"),
                    ),
                    *seed.appendix.rows[1:],
                ],
            ),
        )

        table = read(render(changed, "docx", template=TEMPLATE)).tables[0]

        assert table.rows[1].cells[1].text == "Sở A & B <x>"

    def test_the_sandbox(self, seed, tmp_path):
        """
        A template cannot reach Python's internals.
        """
        document = docx.Document()
        document.add_paragraph("{{ view.__class__.__mro__ }}")
        path = tmp_path / "evil.docx"
        document.save(path)

        with pytest.raises(TemplateError, match=r"evil\.docx.*unsafe"):
            render(seed, "docx", template=path)

    def test_a_missing_value(self, seed, tmp_path):
        """
        A tag naming what the view does not have is an error naming it.
        """
        document = docx.Document()
        document.add_paragraph("{{ view.no_such_thing }}")
        path = tmp_path / "typo.docx"
        document.save(path)

        with pytest.raises(TemplateError, match="no_such_thing"):
            render(seed, "docx", template=path)

    def test_not_a_word_file(self, seed, tmp_path):
        path = tmp_path / "report.docx"
        path.write_text("not a zip", encoding="utf-8")

        with pytest.raises(TemplateError, match="not a Word document"):
            render(seed, "docx", template=path)

    def test_a_missing_file(self, seed, tmp_path):
        with pytest.raises(ArgumentError, match="does not exist"):
            render(seed, "docx", template=tmp_path / "none.docx")

    def test_deterministic(self, seed):
        assert render(seed, "docx", template=TEMPLATE) == render(
            seed, "docx", template=TEMPLATE
        )

    def test_dated_by_the_issue(self, seed, tmp_path):
        """
        A filled template's properties are dated by the issue, whatever
        the template's own dates, and say the issuer.
        """
        core = read(render(seed, "docx", template=TEMPLATE)).core_properties

        assert core.created.date() == seed.issued
        assert core.modified.date() == seed.issued
        assert core.last_modified_by == "TRUNG TÂM HÀNH CHÍNH CÔNG"

    def test_properties_are_escaped_once(self, seed, tmp_path):
        """
        A tag in the document's title property gives the text, escaped
        once (docxtpl's escape, then python-docx's).
        """
        document = docx.Document()
        document.core_properties.title = "{{ view.title }} & co"
        document.add_paragraph("{{ view.type_name }}")
        path = tmp_path / "titled.docx"
        document.save(path)

        core = read(render(seed, "docx", template=path)).core_properties

        assert core.title == f"{seed.title} & co"

    @pytest.mark.parametrize("kind", ["xlsx", "broken-xml"])
    def test_not_a_word_document(self, seed, tmp_path, kind):
        """
        A workbook, or a Word file whose XML is broken, is a clear error.
        """
        path = tmp_path / "t.docx"
        if kind == "xlsx":
            xlsx = pytest.importorskip("xlsxwriter")
            book = xlsx.Workbook(str(path))
            book.add_worksheet()
            book.close()
        else:
            with (
                zipfile.ZipFile(TEMPLATE) as source,
                zipfile.ZipFile(path, "w") as target,
            ):
                for name in source.namelist():
                    data = source.read(name)
                    if name == "word/document.xml":
                        data = data.replace(b"</w:body>", b"<w:p>", 1)
                    target.writestr(name, data)

        with pytest.raises(TemplateError, match=r"t\.docx"):
            render(seed, "docx", template=path)


def test_sizes_are_points(seed):
    """
    The body's default size is 14 pt, Decree 30's body size.
    """
    normal = read(render(seed, "docx")).styles["Normal"]

    assert normal.font.size == Pt(14)
