"""
The English edition: the whole report in English in every format, the
report's own English texts, notes on the texts without one, and other
languages through Babel.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import subprocess
import sys
import threading

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from hypothesis import HealthCheck, given, settings

import hcc_report

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Bullet,
    Counts,
    FiguresParagraph,
    Issuer,
    Paragraph,
    Period,
    Signer,
    present,
    render,
)
from hcc_report.cli import main
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.formatting import parse_number, parse_percent
from hcc_report.loaders import dumps_report, loads_report
from hcc_report.presentation import collect_notes
from hcc_report.styles import DECREE_30, FORM_06
from strategies import reports


ROOT = Path(__file__).parent
GOLDEN = ROOT / "golden"
UPDATE = os.environ.get("HCC_REPORT_UPDATE_GOLDEN") == "1"
TEXT_FORMATS = ["text", "markdown", "html", "json"]
STYLES = ["decree-30", "binh-thuan", "form-06"]


@pytest.fixture(scope="module")
def seed():
    return binh_thuan_2023_02()


def _golden(name: str, rendered: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


class TestDoneWhen:
    def test_the_example_in_english(self, seed):
        """
        The issue's test: English words and notation, none of the
        Vietnamese ones.
        """
        text = render(seed, "text", lang="en")

        for expected in (
            "10,078",
            "99.79%",
            "2 March 2023",
            "February 2023",
            "SOCIALIST REPUBLIC OF VIET NAM",
            "Independence - Freedom - Happiness",
            "No.: 04/BC-TTHCC",
            "Bình Thuận, 2 March 2023",
            "REPORT",
            "Recipients:",
            "p.p. GIÁM ĐỐC",
            "Total",
            "On-time rate (%)",
        ):
            assert expected in text, expected
        for absent in ("ngày 02 tháng 3", "10.078", "99,79%", "Nơi nhận"):
            assert absent not in text, absent

    @pytest.mark.parametrize("fmt", TEXT_FORMATS)
    @pytest.mark.parametrize("style", ["decree-30", "binh-thuan"])
    def test_the_default_is_unchanged(self, seed, fmt, style):
        """
        Without lang, and with lang="vi", the output is the reviewed
        Vietnamese one, byte for byte.
        """
        suffix = hcc_report.renderers.get_renderer(fmt).suffix
        golden = GOLDEN / f"binh_thuan_2023_02.{style}{suffix}"
        expected = golden.read_text(encoding="utf-8")

        assert expected == render(seed, fmt, style=style)
        assert expected == render(seed, fmt, style=style, lang="vi")


class TestGolden:
    @pytest.mark.parametrize("fmt", TEXT_FORMATS)
    @pytest.mark.parametrize("style", STYLES)
    def test_text_formats(self, seed, fmt, style):
        """
        The English edition of the example, in each text format and
        style, is the reviewed one (HCC_REPORT_UPDATE_GOLDEN=1 rewrites
        the files).
        """
        suffix = hcc_report.renderers.get_renderer(fmt).suffix
        rendered = render(seed, fmt, style=style, lang="en")
        assert isinstance(rendered, str)

        _golden(f"binh_thuan_2023_02.{style}.en{suffix}", rendered)

    def test_docx(self, seed):
        """
        The Word document's text, paragraph by paragraph and cell by
        cell, is the reviewed one; Word checks its spelling in English.
        """
        from docx import Document  # noqa: PLC0415  (the docx extra)
        from docx.oxml.ns import qn  # noqa: PLC0415

        data = render(seed, "docx", lang="en")
        document = Document(io.BytesIO(data))
        lines = [
            "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            for paragraph in document.element.body.iter(qn("w:p"))
        ]
        styles = document.styles.element.xml

        _golden("binh_thuan_2023_02.decree-30.en.docx.txt", "\n".join(lines))
        assert 'w:val="en-GB"' in styles
        assert "vi-VN" not in styles

    def test_xlsx(self, seed):
        """
        The workbook's sheets and cells are the reviewed ones.
        """
        import openpyxl  # noqa: PLC0415  (a test dependency)

        data = render(seed, "xlsx", lang="en")
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        lines = []
        for sheet in workbook.worksheets:
            lines.append(f"[{sheet.title}]")
            lines.extend(
                f"{cell.coordinate}\t{cell.value}"
                for row in sheet.iter_rows()
                for cell in row
                if cell.value is not None
            )

        _golden("binh_thuan_2023_02.decree-30.en.xlsx.txt", "\n".join(lines))
        assert ["Appendix", "Information"] == workbook.sheetnames

    def test_pdf(self, seed, times):
        """
        The PDF's words, page by page, are the reviewed ones (their lines
        break where Times New Roman's widths break them).
        """
        pypdf = pytest.importorskip("pypdf")

        data = render(seed, "pdf", lang="en")
        pages = pypdf.PdfReader(io.BytesIO(data)).pages
        words = [" ".join(page.extract_text().split()) for page in pages]

        _golden("binh_thuan_2023_02.decree-30.en.pdf.txt", "\n".join(words))


#: Counts and rates as English writes them.
ENGLISH_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*")
ENGLISH_RATE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?%")


class TestAnyReport:
    @given(reports())
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    def test_renders_in_english_in_every_text_format(self, report):
        """
        Any report renders in English in every text format, with the
        national title in English and none in Vietnamese.
        """
        for fmt in TEXT_FORMATS:
            for style in STYLES:
                rendered = render(report, fmt, style=style, lang="en")
                assert isinstance(rendered, str)
                assert "SOCIALIST REPUBLIC OF VIET NAM" in rendered
                assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" not in rendered

    @given(reports())
    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    def test_renders_in_english_in_every_office_format(self, report):
        """
        Any report renders in English as DOCX, XLSX and PDF.
        """
        for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
            data = render(report, fmt, lang="en")
            assert isinstance(data, bytes)
            assert data.startswith(magic)

    @given(reports())
    @settings(max_examples=60, deadline=None)
    def test_both_editions_show_the_same_figures(self, report):
        """
        The English edition shows the figures of the Vietnamese one, each
        in English notation: read back, they are the same numbers.
        """
        for style in (DECREE_30, FORM_06):
            vi = present(report, style)
            en = present(report, style, lang="en")
            if vi.appendix is None:
                assert en.appendix is None
                continue
            assert en.appendix is not None
            pairs = [
                (a, b)
                for row_vi, row_en in zip(
                    (*vi.appendix.rows, vi.appendix.total),
                    (*en.appendix.rows, en.appendix.total),
                    strict=True,
                )
                for a, b in zip(row_vi.cells, row_en.cells, strict=True)
            ]
            for cell_vi, cell_en in pairs:
                assert cell_vi.value == cell_en.value
                if cell_en.value is None:
                    assert cell_vi.text == cell_en.text
                elif isinstance(cell_en.value, int):
                    assert ENGLISH_COUNT.fullmatch(cell_en.text)
                    assert cell_en.value == parse_number(
                        cell_en.text, decimal_mark="."
                    )
                else:
                    assert ENGLISH_RATE.fullmatch(cell_en.text)
                    assert Decimal(cell_en.value) == parse_percent(
                        cell_en.text, decimal_mark="."
                    )

    @given(reports())
    @settings(max_examples=60, deadline=None)
    def test_untranslated_names_what_has_no_english(self, report):
        """
        The texts noted as without English are exactly those printed as
        written: a report with every English text has none.
        """
        view = present(report, lang="en")

        assert (report.title_en is None) == ("title_en" in view.untranslated)
        assert view.title == (report.title_en or report.title)
        assert present(report).untranslated == ()


def _english(seed):
    """
    The example with an English version of every text.
    """

    def blocks(section):
        return tuple(
            attrs.evolve(block, text_en=f"EN {block.text}")
            if isinstance(block, Paragraph | Bullet)
            else block
            for block in section
        )

    def section(part):
        return attrs.evolve(
            part,
            heading_en=f"EN {part.heading}",
            blocks=blocks(part.blocks),
            subsections=tuple(section(sub) for sub in part.subsections),
        )

    appendix = seed.appendix
    return attrs.evolve(
        seed,
        issuer=attrs.evolve(
            seed.issuer,
            name_en="Public Administration Service Centre",
            parent_en="Office of the Provincial People's Committee",
            full_name_en="the Public Administration Service Centre of "
            "Bình Thuận",
        ),
        title_en="Activities of the centre in February 2023",
        opening=blocks(seed.opening),
        sections=tuple(section(part) for part in seed.sections),
        tasks=section(seed.tasks),
        recipients_en=tuple(f"EN {r}" for r in seed.recipients),
        signer=attrs.evolve(
            seed.signer, title_en="Deputy Director", on_behalf_of_en="Director"
        ),
        appendix=attrs.evolve(
            appendix,
            title_en="Administrative procedures settled to the end of "
            "February 2023",
            rows=tuple(
                attrs.evolve(
                    row,
                    agency=attrs.evolve(row.agency, name_en=f"Agency {i}"),
                )
                for i, row in enumerate(appendix.rows, start=1)
            ),
        ),
    )


class TestEnglishTexts:
    def test_every_text_in_english(self, seed):
        """
        A report with English texts prints them, and notes nothing.
        """
        report = _english(seed)
        view = present(report, lang="en")
        text = render(report, "text", lang="en")

        assert () == view.untranslated
        assert () == view.notes
        assert (
            "OFFICE OF THE PROVINCIAL PEOPLE'S COMMITTEE" == view.header.parent
        )
        assert "PUBLIC ADMINISTRATION SERVICE CENTRE" in text
        assert "p.p. DIRECTOR" in text
        assert "DEPUTY DIRECTOR" in text
        assert "ADMINISTRATIVE PROCEDURES SETTLED" in text
        assert "Agency 19" in text
        assert view.appendix is not None
        assert view.appendix.reference.endswith(
            "of the Public Administration Service Centre of Bình Thuận)"
        )
        assert "Võ Lý Hoài Vũ" in text  # a name stays as written
        assert "Tình hình hoạt động" not in text
        # The Vietnamese edition is the same as without English texts.
        assert render(seed, "text") == render(report, "text")

    def test_the_note_names_the_texts_without_english(self, seed):
        """
        A text without English is printed as written and named by its
        field.
        """
        report = _english(seed)
        report = attrs.evolve(
            report,
            title_en=None,
            signer=attrs.evolve(report.signer, title_en=None),
        )
        view = present(report, lang="en")

        assert ("title_en", "signer.title_en") == view.untranslated
        assert (
            "no English version of 2 texts, printed as written: title_en, "
            "signer.title_en",
        ) == view.notes
        assert view.title == seed.title

    def test_the_notes_are_logged(self, seed, caplog):
        """
        Each presentation in English logs its notes once, at INFO, on the
        logger hcc_report.presentation; nothing in Vietnamese, nor when
        every text has its English version.
        """
        caplog.set_level("INFO", logger="hcc_report.presentation")

        view = present(seed, lang="en")
        logged = [
            (r.name, r.levelname, r.getMessage()) for r in caplog.records
        ]
        caplog.clear()
        present(seed)
        present(_english(seed), lang="en")

        assert view.notes
        assert [
            ("hcc_report.presentation", "INFO", note) for note in view.notes
        ] == logged
        assert [] == caplog.records

    def test_collect_notes(self, seed):
        """
        collect_notes gets each edition's notes, in order, also in an
        enclosing collection; nothing outside.
        """
        present(seed, lang="en")  # outside: collected nowhere

        with collect_notes() as outer:
            present(seed, lang="fr")
            with collect_notes() as inner:
                render(seed, "json", lang="en")
                present(_english(seed), lang="en")
                present(seed)

        english = present(seed, lang="en").notes
        assert [english, (), ()] == inner
        assert [present(seed, lang="fr").notes, english, (), ()] == outer
        assert "there is no message catalogue for 'fr'" in outer[0][0]

    def test_collect_notes_in_its_own_thread_only(self, seed):
        """
        A collection in one thread gets nothing of another's editions.
        """
        with collect_notes() as editions:
            worker = threading.Thread(
                target=present, args=(seed,), kwargs={"lang": "en"}
            )
            worker.start()
            worker.join()

        assert [] == editions

    def test_the_report_file_keeps_english_texts(self, seed):
        """
        The English texts are read from and written to report files, in
        TOML and JSON.
        """
        report = _english(seed)
        for fmt in ("toml", "json"):
            text = dumps_report(report, fmt)
            assert "paragraph_en" in text or "bullet_en" in text
            assert report == loads_report(text, fmt)

    def test_english_texts_are_checked(self):
        """
        English texts are checked as the texts are, and must go with one.
        """
        with pytest.raises(ValueError, match="group_en: is given without"):
            Agency(name="Sở Y tế", group_en="Departments")
        with pytest.raises(ValueError, match="name_en: must not be blank"):
            Agency(name="Sở Y tế", name_en=" ")
        with pytest.raises(ValueError, match="must have one for each"):
            attrs.evolve(binh_thuan_2023_02(), recipients_en=("As above",))
        with pytest.raises(ValueError, match="on_behalf_of_en"):
            Signer(title="Giám đốc", name="A", on_behalf_of_en="Director")
        with pytest.raises(ValueError, match="parent_en"):
            Issuer(name="Trung tâm", parent_en="Office")
        with pytest.raises(ValueError, match="in the same group"):
            Appendix(
                title="Kết quả",
                rows=[
                    AppendixRow(
                        agency=Agency(name=name, group="Sở", group_en=english),
                        counts=Counts(),
                    )
                    for name, english in (("A", "Departments"), ("B", "Depts"))
                ],
            )

    def test_groups_print_their_english_names(self):
        """
        Rows in groups print under the groups' English names, with the
        subtotal line in English.
        """
        rows = [
            AppendixRow(
                agency=Agency(
                    name=name,
                    group="Sở",
                    name_en=english,
                    group_en="Departments",
                ),
                counts=Counts(received=n, processed=n, on_time=n, late=0),
            )
            for name, english, n in (
                ("Sở Y tế", "Department of Health", 1200),
                ("Sở Tư pháp", "Department of Justice", 30),
            )
        ]
        report = attrs.evolve(
            binh_thuan_2023_02(),
            figures=Counts(received=1230),
            cumulative=Counts(received=1230, processed=1230),
            appendix=Appendix(title="Kết quả", rows=rows),
        )
        style = attrs.evolve(DECREE_30, subtotals="last")

        view = present(report, style, lang="en")

        assert view.appendix is not None
        names = [row.name for row in view.appendix.rows]
        assert ["Departments", "Department of Health"] == names[:2]
        assert "Subtotal" == names[-1]
        assert "1,230" == view.appendix.rows[-1].cells[0].text


class TestStyleLabels:
    def test_presets_print_their_labels_in_english(self, seed):
        """
        The presets' labels are messages: "PHỤ LỤC" and "Ban hành kèm
        theo" of binh-thuan, Biểu 06's headings.
        """
        binh_thuan = present(seed, "binh-thuan", lang="en")
        form_06 = present(seed, "form-06", lang="en")

        assert binh_thuan.appendix is not None
        assert "APPENDIX" == binh_thuan.appendix.label
        assert binh_thuan.appendix.reference.startswith("(Issued with Report")
        assert form_06.appendix is not None
        assert [
            "Dossiers to handle",
            "Dossiers processed",
            "Dossiers pending",
        ] == [group.heading for group in form_06.appendix.column_groups]
        assert "Overdue" == form_06.appendix.columns[-1]

    def test_a_presets_label_written_in_vietnamese(self, seed):
        """
        A style file that writes a preset's label in Vietnamese ("Tổng
        cộng", "PHỤ LỤC") gets the label's English.
        """
        style = attrs.evolve(
            DECREE_30, total_name="Tổng cộng", appendix_label="PHỤ LỤC"
        )

        view = present(seed, style, lang="en")

        assert view.appendix is not None
        assert "Total" == view.appendix.total.name
        assert "APPENDIX" == view.appendix.label
        assert not any(text.startswith("style.") for text in view.untranslated)

    def test_a_label_of_ones_own_is_printed_as_written(self, seed):
        """
        A label the catalogue does not have is printed as written, in
        every language, and noted in English.
        """
        style = attrs.evolve(DECREE_30, total_name="Cộng toàn tỉnh")

        vi = present(seed, style)
        en = present(seed, style, lang="en")

        assert vi.appendix is not None
        assert en.appendix is not None
        assert "Cộng toàn tỉnh" == vi.appendix.total.name
        assert "Cộng toàn tỉnh" == en.appendix.total.name
        assert "style.total_name" in en.untranslated
        assert "style.total_name" not in vi.untranslated


class TestPeriods:
    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (Period.month(2023, 2), "February 2023"),
            (Period.quarter(2024, 1), "Q1 2024"),
            (Period.half(2023, 1), "the first half of 2023"),
            (Period.half(2023, 2), "the second half of 2023"),
            (Period.first_months(2023, 9), "the first 9 months of 2023"),
            (Period.year(2023), "2023"),
        ],
    )
    def test_periods_in_english(self, period, expected):
        """
        Periods as English writes them.
        """
        assert expected == hcc_report.formatting.format_period(
            period, lang="en"
        )

    def test_the_paragraph_of_figures_in_english(self, seed):
        """
        The paragraph of figures, in English, with its plurals.
        """
        report = attrs.evolve(
            seed,
            period=Period.quarter(2023, 1),
            figures=Counts(received=1, processed=2, on_time=2, late=0),
            cumulative=None,
            appendix=None,
            opening=(FiguresParagraph(),),
        )

        lines = [line.text for line in present(report, lang="en").opening]

        assert [
            "In the quarter, the centre received 1 dossier. Of these:",
            "Dossiers processed and results returned: 2 dossiers;",
            "Dossiers returned on time or early: 2 dossiers;",
            "Dossiers returned late: 0 dossiers.",
        ] == lines


class TestVietnameseCodes:
    @pytest.mark.parametrize("lang", ["vi-VN", "vi_VN", "VI"])
    @pytest.mark.parametrize("fmt", TEXT_FORMATS)
    def test_any_vietnamese_code_is_vietnamese(self, seed, lang, fmt):
        """
        "vi-VN" and its kin write the Vietnamese edition, byte for byte:
        periods by the Vietnamese rules, not the catalogue's words.
        """
        quarter = attrs.evolve(
            seed, period=Period.quarter(2023, 2), appendix=None
        )
        for report in (seed, quarter):
            expected = render(report, fmt)
            rendered = render(report, fmt, lang=lang)
            if fmt == "json":  # the view says the code it was given
                rendered = json.loads(rendered)
                assert lang == rendered["document"].pop("lang")
                expected = json.loads(expected)
            if fmt == "html":  # and so does the page
                tag = f'<html lang="{lang.replace("_", "-")}">'
                expected = expected.replace('<html lang="vi">', tag)
            assert expected == rendered


class TestOtherLanguages:
    def test_a_language_without_a_catalogue(self, seed):
        """
        French: English words, French notation, and a note; no crash.
        """
        view = present(seed, lang="fr")
        text = render(seed, "text", lang="fr")

        assert view.notes[0].startswith(
            "there is no message catalogue for 'fr'"
        )
        assert "SOCIALIST REPUBLIC OF VIET NAM" in text
        assert "Bình Thuận, 2 mars 2023" in text
        assert "10\u202f078" in text
        assert "99,79\u00a0%" in text

    def test_a_catalogue_of_its_own_keeps_cldrs_notation(self, monkeypatch):
        """
        A language added with a catalogue of its own (as the how-to adds
        one) still writes its numbers and dates by Babel: only Vietnamese
        and English have the library's own rules.
        """
        monkeypatch.setattr(
            hcc_report.languages, "CATALOGUES", ("vi", "en", "fr")
        )

        assert "10\u202f078" == hcc_report.formatting.format_number(
            10078, lang="fr"
        )
        assert "99,79\u00a0%" == hcc_report.formatting.format_percent(
            Decimal("99.79"), lang="fr"
        )
        assert "2 mars 2023" == hcc_report.formatting.format_date(
            dt.date(2023, 3, 2), lang="fr-FR"
        )

    def test_a_wrong_language_code(self, seed):
        """
        A value that is no language code, or a code CLDR does not know, is
        refused before anything is rendered.
        """
        with pytest.raises(ValueError, match="lang must be a language code"):
            render(seed, "text", lang="english")
        with pytest.raises(TypeError, match="lang must be"):
            render(seed, "text", lang=None)
        with pytest.raises(ValueError, match="unknown language 'zz'"):
            render(seed, "text", lang="zz")

    def test_a_renderer_written_before_lang(self, seed):
        """
        A renderer whose render() takes no lang still renders Vietnamese;
        asked for another language, it is refused, named.
        """

        class Old:
            name = "old"
            media_type = "text/plain"
            suffix = ".txt"
            options = hcc_report.renderers.NoOptions

            def render(self, report, *, style, options):
                return hcc_report.present(report, style).title

        hcc_report.renderers.register("old", Old(), replace=True)

        assert seed.title == render(seed, "old")
        assert seed.title == render(seed, "old", lang="vi-VN")
        with pytest.raises(
            hcc_report.errors.RendererError, match="writes Vietnamese only"
        ):
            render(seed, "old", lang="en")

    def test_the_audit_names_periods_in_english(self):
        """
        A finding about the previous report names its period in English.
        """
        finding = hcc_report.Finding(
            kind=hcc_report.auditing.FindingKind.NOT_CONSECUTIVE,
            severity=hcc_report.Severity.NOTE,
            location=hcc_report.auditing.Location(part="previous"),
            printed="tháng 01 năm 2023",
            expected="28/02/2023",
            reason="at-least",
        )

        assert "printed January 2023" in hcc_report.describe(finding, "en")
        assert "in tháng 01 năm 2023" in hcc_report.describe(finding)


class TestTemplates:
    def test_a_template_can_use_the_catalogue(self, tmp_path):
        """
        A user's template writes the catalogue's words with {% trans %}
        and _(), in the language rendered, its variables escaped in HTML.
        """
        (tmp_path / "report.html.j2").write_text(
            "<p>{{ _('Recipients:') }} {{ lang }}</p>"
            "{% trans name='<b>' %}Total{% endtrans %} "
            "{{ pgettext('table', 'Total') }} "
            "{{ ngettext('{count} dossier', '{count} dossiers', 2) }}",
            encoding="utf-8",
        )
        seed = binh_thuan_2023_02()

        vi = render(seed, "html", template_dir=tmp_path)
        en = render(seed, "html", template_dir=tmp_path, lang="en")

        assert "<p>Nơi nhận: vi</p>Total Tổng cộng {count} hồ sơ" == vi
        assert "<p>Recipients: en</p>Total Total {count} dossiers" == en

    def test_macros_imported_with_the_context(self, tmp_path):
        """
        A file of macros imported with the context writes the catalogue's
        words in the language rendered, as the docs say.
        """
        (tmp_path / "macros.j2").write_text(
            "{% macro to() %}{{ _('Recipients:') }}{% endmacro %}",
            encoding="utf-8",
        )
        (tmp_path / "report.txt.j2").write_text(
            '{% import "macros.j2" as m with context %}{{ m.to() }}',
            encoding="utf-8",
        )
        seed = binh_thuan_2023_02()

        assert "Nơi nhận:" == render(seed, "text", template_dir=tmp_path)
        assert "Recipients:" == render(
            seed, "text", template_dir=tmp_path, lang="en"
        )

    def test_the_catalogues_words_are_bounded(self):
        """
        A translation's "%" is bounded as the sandbox's own: no width that
        would make a text of gigabytes.
        """
        (Path(self.folder) / "report.txt.j2").write_text(
            "{{ _('%(a)50000000s', a=1) | length }}", encoding="utf-8"
        )

        with pytest.raises(
            hcc_report.errors.TemplateError, match="longer than"
        ):
            render(binh_thuan_2023_02(), "text", template_dir=self.folder)

    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path):
        self.folder = tmp_path

    def test_the_html_page_names_its_language(self, seed):
        """
        The page says its language, for screen readers and hyphenation.
        """
        assert '<html lang="en">' in render(seed, "html", lang="en")
        assert '<html lang="vi">' in render(seed, "html")


class TestCommandLine:
    def run(self, capsys, *argv):
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    def test_render_in_english(self, capsys):
        """
        ``render --lang en`` writes the English edition, and notes the
        texts without English on standard error.
        """
        status, out, err = self.run(
            capsys, "render", "--example", "--lang", "en"
        )

        assert 0 == status
        assert out == render(binh_thuan_2023_02(), "text", lang="en")
        assert err.startswith("hcc-report: note: no English version of 33")

    @pytest.mark.parametrize(
        "fmt", ["text", "markdown", "html", "json", "docx", "xlsx", "pdf"]
    )
    def test_render_notes_in_every_format(self, capsys, caplog, tmp_path, fmt):
        """
        Every built-in format notes the texts without English, once: the
        notes come from the one presentation the document is made from.
        """
        out = tmp_path / "out"
        view = present(binh_thuan_2023_02(), lang="en")
        caplog.set_level("INFO", logger="hcc_report.presentation")

        status, _, err = self.run(
            capsys, "render", "--example", "-f", fmt, "-o", str(out), "--lang",
            "en",
        )  # fmt: skip

        assert 0 == status
        assert [f"hcc-report: note: {note}" for note in view.notes] == (
            err.splitlines()
        )
        assert list(view.notes) == [r.getMessage() for r in caplog.records]

    def test_render_notes_whatever_the_renderer(self, capsys):
        """
        A renderer that makes its document without `present` (a third
        party's) gets the notes of the report's presentation.
        """

        class Plain:
            name = "plain"
            media_type = "text/plain"
            suffix = ".txt"
            options = hcc_report.renderers.NoOptions

            def render(self, report, *, style, options, lang):
                return report.title

        hcc_report.renderers.register("plain", Plain(), replace=True)
        notes = present(binh_thuan_2023_02(), lang="en").notes

        status, out, err = self.run(
            capsys, "render", "--example", "-f", "plain", "--lang", "en"
        )

        assert (0, binh_thuan_2023_02().title) == (status, out)
        assert [f"hcc-report: note: {note}" for note in notes] == (
            err.splitlines()
        )

    def test_render_notes_whatever_the_logging(self, capsys):
        """
        The notes do not go through logging: logging switched off, or set
        up by the program that runs the command, changes nothing.
        """
        expected = self.run(capsys, "render", "--example", "--lang", "en")
        logging.disable(logging.CRITICAL)
        try:
            disabled = self.run(capsys, "render", "--example", "--lang", "en")
        finally:
            logging.disable(logging.NOTSET)

        assert expected == disabled
        assert "note:" in disabled[2]

    def test_render_notes_nothing_in_vietnamese(self, capsys):
        status, _, err = self.run(capsys, "render", "--example")

        assert (0, "") == (status, err)

    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_a_batch_notes_each_file(self, capsys, tmp_path, jobs):
        """
        A batch in English notes the texts without English of each file,
        named, in the order of the files, also from worker processes; a
        file that has them all has no note.
        """
        seed = binh_thuan_2023_02()
        folder = tmp_path / "in"
        folder.mkdir()
        for i in range(20):
            report = _english(seed) if i % 2 else seed
            (folder / f"r{i:02}.toml").write_text(
                dumps_report(report, "toml"), "utf-8"
            )
        note = present(seed, lang="en").notes[0]

        status, _, err = self.run(
            capsys, "render", str(folder), "-o", str(tmp_path / "out"),
            "-f", "json", "-j", jobs, "--lang", "en",
        )  # fmt: skip

        assert 0 == status
        assert [
            f"hcc-report: note: {folder / f'r{i:02}.toml'}: {note}"
            for i in range(0, 20, 2)
        ] + [f"hcc-report: 20 of 20 files rendered to {tmp_path / 'out'}"] == (
            err.splitlines()
        )

    def test_a_batch_notes_a_languages_note_once(self, capsys, tmp_path):
        """
        That a language has no catalogue is noted once for a batch, not
        for each file.
        """
        folder = tmp_path / "in"
        folder.mkdir()
        for name in ("a.toml", "b.toml", "c.toml"):
            (folder / name).write_text(
                dumps_report(binh_thuan_2023_02(), "toml"), "utf-8"
            )
        fallback, english = present(binh_thuan_2023_02(), lang="fr").notes

        status, _, err = self.run(
            capsys, "render", str(folder), "-o", str(tmp_path / "out"),
            "-f", "text", "-j", "1", "--lang", "fr",
        )  # fmt: skip

        assert 0 == status
        assert [
            f"hcc-report: note: {fallback}",
            f"hcc-report: note: {folder / 'a.toml'}: {english}",
            f"hcc-report: note: {folder / 'b.toml'}: {english}",
            f"hcc-report: note: {folder / 'c.toml'}: {english}",
        ] == err.splitlines()[:-1]

    def test_check_in_english_notation(self, capsys):
        """
        ``check --lang en`` writes its arithmetic in English notation and
        its last line with English plurals.
        """
        status, out, _ = self.run(capsys, "check", "--example", "--lang", "en")

        assert 1 == status
        assert "(9,705 / 9,725)" in out
        assert "9.705" not in out
        assert out.endswith("1 error, 0 warnings, 2 notes\n")

    def test_help_in_the_language(self, capsys):
        """
        The help is in the language of --lang, Vietnamese by default.
        """
        with pytest.raises(SystemExit):
            main(["check", "--help"])
        vietnamese = capsys.readouterr().out
        with pytest.raises(SystemExit):
            main(["check", "--lang", "en", "--help"])
        english = capsys.readouterr().out

        assert vietnamese.startswith("cách dùng: hcc-report check")
        assert "tùy chọn:" in vietnamese
        assert english.startswith("usage: hcc-report check")
        assert "show this help message and exit" in english

    def test_the_command_in_a_process(self, tmp_path):
        """
        The installed command writes an English Word document.
        """
        out = tmp_path / "report.docx"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "hcc_report",
                "render",
                "--example",
                "--lang=en",
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
        )

        assert out.read_bytes() == render(
            binh_thuan_2023_02(), "docx", lang="en"
        )

    def test_json_output_in_english(self, seed):
        """
        The JSON output's labels and rates' texts are in English; its
        data is the same.
        """
        vi = json.loads(render(seed, "json"))
        en = json.loads(render(seed, "json", lang="en"))

        assert "February 2023" == en["computed"]["period"]["label"]
        assert (
            "99.79%"
            == en["computed"]["appendix"]["total"]["rates"]["on_time"]["text"]
        )
        assert "en" == en["document"]["lang"]
        assert vi["report"] == en["report"]
        assert "lang" not in vi["document"]
