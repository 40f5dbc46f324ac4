"""
Tests for hcc_report.Report: the document and its parts.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import attrs
import pytest

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Bullet,
    Counts,
    DocumentNumber,
    FiguresParagraph,
    Issuer,
    Paragraph,
    Period,
    Report,
    Section,
    Signer,
    ValidationError,
)
from hcc_report.examples import binh_thuan_2023_02


def problems(make) -> list[str]:
    with pytest.raises(ValidationError) as info:
        make()
    return [str(problem) for problem in info.value.problems]


class TestDocumentNumber:
    @pytest.mark.parametrize(
        ("number", "text"),
        [
            (DocumentNumber(number=4, issuer_code="TTHCC"), "04/BC-TTHCC"),
            (DocumentNumber(number=15, issuer_code="TTHCC"), "15/BC-TTHCC"),
            (
                DocumentNumber(
                    number=569, type_code="BC", issuer_code="UBND-NCKSTTHC"
                ),
                "569/BC-UBND-NCKSTTHC",
            ),
            (
                DocumentNumber(number=1, type_code="QĐ", issuer_code="UBND"),
                "01/QĐ-UBND",
            ),
        ],
    )
    def test_str_and_parse(self, number, text):
        """
        Numbers below 10 get a leading zero, and parsing gives them back.
        """
        assert text == str(number)
        assert number == DocumentNumber.parse(text)

    @pytest.mark.parametrize(
        ("make", "expected"),
        [
            (
                lambda: DocumentNumber(number=0, issuer_code="TTHCC"),
                ["number: must be from 1 to 999999999, got 0"],
            ),
            (
                lambda: DocumentNumber(
                    number="4", type_code="bc", issuer_code="TT HCC"
                ),
                [
                    "number: must be an int, got '4'",
                    "type_code: must be a capital followed by letters, as "
                    "the abbreviations of Decree 30/2020 (BC, QĐ, TTr), "
                    "got 'bc'",
                    "issuer_code: must be groups of letters and digits, each "
                    "starting with a capital or a digit, joined by hyphens "
                    "without spaces, got 'TT HCC'",
                ],
            ),
            (
                lambda: DocumentNumber.parse("Số 04 BC TTHCC"),
                [
                    "must be a number and symbol such as '04/BC-TTHCC', "
                    "got 'Số 04 BC TTHCC'"
                ],
            ),
            (
                lambda: DocumentNumber.parse("04/BC - TTHCC"),
                [
                    "must be a number and symbol such as '04/BC-TTHCC', "
                    "got '04/BC - TTHCC'"
                ],
            ),
            (
                lambda: DocumentNumber.parse("04/bc-TTHCC"),
                [
                    "must be a number and symbol such as '04/BC-TTHCC', "
                    "got '04/bc-TTHCC' (type_code must be a capital followed "
                    "by letters, as the abbreviations of Decree 30/2020 (BC, "
                    "QĐ, TTr), got 'bc')"
                ],
            ),
        ],
    )
    def test_bad_numbers(self, make, expected):
        """
        Every problem of a number is listed.
        """
        assert expected == problems(make)


class TestSigner:
    def test_deputy_for_the_director(self):
        """
        The seed's signer: KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC.
        """
        signer = Signer(
            authority=Authority.KT,
            on_behalf_of="Giám đốc",
            title="Phó Giám đốc",
            name="Võ Lý Hoài Vũ",
        )

        assert "KT." == signer.authority.prefix

    @pytest.mark.parametrize("authority", ["TM", "KT", "TL", "TUQ"])
    def test_signing_for_someone_names_them(self, authority):
        """
        TM., KT., TL. and TUQ. sign for someone, who must be named.
        """
        assert [
            f"on_behalf_of: is required when signing as {authority}."
        ] == problems(
            lambda: Signer(
                authority=Authority(authority), title="Phó Giám đốc", name="A"
            )
        )

    @pytest.mark.parametrize("authority", [None, Authority.Q])
    def test_own_signature_names_nobody(self, authority):
        """
        A head or an acting head signs in their own name.
        """
        assert [
            "on_behalf_of: is only for TM., KT., TL. or TUQ. signatures, "
            "got 'Giám đốc'"
        ] == problems(
            lambda: Signer(
                authority=authority,
                on_behalf_of="Giám đốc",
                title="Giám đốc",
                name="A",
            )
        )


class TestText:
    def test_text_is_normalised_to_nfc(self):
        """
        Decomposed Vietnamese (NFD) becomes composed (NFC).
        """
        nfd = unicodedata.normalize("NFD", "Sở Tài nguyên và Môi trường")

        agency = Agency(name=nfd)

        assert "Sở Tài nguyên và Môi trường" == agency.name
        assert agency == Agency(name="Sở Tài nguyên và Môi trường")

    @pytest.mark.parametrize(
        ("make", "expected"),
        [
            (lambda: Agency(name="  "), ["name: must not be blank, got '  '"]),
            (
                lambda: Agency(name=5, short_name=""),
                [
                    "name: must be a string, got 5",
                    "short_name: must not be blank, got ''",
                ],
            ),
            (lambda: Paragraph(text=""), ["text: must not be blank, got ''"]),
            (
                lambda: Paragraph(text="a\ud800"),
                [
                    "text: must be Unicode text, got 'a\\ud800' (a lone "
                    "surrogate at 1)"
                ],
            ),
            (
                lambda: Paragraph(text="dòng một\ndòng hai"),
                [
                    "text: must be one line of text, got 'dòng một\\ndòng "
                    "hai' (a control character at 8)"
                ],
            ),
            (
                lambda: Issuer(name="Trung\ttâm"),
                [
                    "name: must be one line of text, got 'Trung\\ttâm' (a "
                    "control character at 5)"
                ],
            ),
            (lambda: Bullet(text=None), ["text: must be a string, got None"]),
            (
                lambda: Issuer(name="Trung tâm", parent=" "),
                ["parent: must not be blank, got ' '"],
            ),
        ],
    )
    def test_blank_or_wrong_text(self, make, expected):
        """
        Names and paragraphs must be non-blank strings.
        """
        assert expected == problems(make)


class TestSections:
    def test_two_levels_only(self):
        """
        A subsection cannot have subsections: 1. then a), nothing deeper.
        """
        inner = Section(heading="a", subsections=[Section(heading="i")])

        assert [
            "subsections[0].subsections: only two levels of sections are "
            "allowed"
        ] == problems(lambda: Section(heading="1", subsections=[inner]))

    def test_blocks_are_paragraphs_bullets_or_figures(self):
        """
        Anything else in a section is refused with its index.
        """
        assert [
            "blocks[1]: must be a Paragraph, Bullet or FiguresParagraph, "
            "got 'text'"
        ] == problems(
            lambda: Section(heading="1", blocks=[FiguresParagraph(), "text"])
        )

    def test_lists_become_tuples(self):
        """
        Lists given for sequences are stored as tuples (hashable).
        """
        section = Section(heading="1", blocks=[Paragraph(text="x")])

        assert (Paragraph(text="x"),) == section.blocks
        hash(section)


class TestAppendix:
    def row(self, name: str) -> AppendixRow:
        return AppendixRow(agency=Agency(name=name), counts=Counts(received=1))

    def test_agencies_are_distinct(self):
        """
        An agency appears once in the table.
        """
        assert [
            "rows[2].agency.name: 'Sở Y tế' is already in rows[0]"
        ] == problems(
            lambda: Appendix(
                title="T",
                rows=[
                    self.row("Sở Y tế"),
                    self.row("Sở Nội vụ"),
                    self.row("Sở Y tế"),
                ],
            )
        )

    def test_not_empty(self):
        """
        An appendix has at least one row.
        """
        assert ["rows: must have at least one row"] == problems(
            lambda: Appendix(title="T", rows=[])
        )


class TestReport:
    def make(self, **changes):
        values = {
            "issuer": Issuer(name="Trung tâm Hành chính công"),
            "number": DocumentNumber(number=4, issuer_code="TTHCC"),
            "place": "Bình Thuận",
            "issued": dt.date(2023, 3, 2),
            "title": "Tình hình hoạt động",
            "period": Period.month(2023, 2),
            "figures": Counts(
                received=6227, processed=5488, on_time=5475, late=13
            ),
            "signer": Signer(name="A", title="Giám đốc"),
        }
        return Report(**(values | changes))

    def test_cumulative_includes_the_period(self):
        """
        The period's flows cannot exceed the cumulative ones.
        """
        assert [
            "cumulative.received: must be at least the period's received = "
            "6227, got 6000"
        ] == problems(
            lambda: self.make(cumulative=Counts(received=6000, processed=9725))
        )

    def test_stocks_are_not_compared(self):
        """
        What is pending or carried over is a stock, not a running total.
        """
        report = self.make(
            figures=Counts(received=5, carried_over=500, pending=40),
            cumulative=Counts(received=10, carried_over=10, pending=40),
        )

        assert 500 == report.figures.carried_over

    def test_every_wrong_part_is_listed(self):
        """
        Wrong types anywhere in the report are all reported.
        """
        assert [
            "issuer: must be an Issuer, got 'Trung tâm'",
            "issued: must be a date, got '2023-03-02'",
            "recipients[1]: must not be blank, got ''",
            "signer: must be a Signer, got None",
        ] == problems(
            lambda: self.make(
                issuer="Trung tâm",
                issued="2023-03-02",
                recipients=["Như trên", ""],
                signer=None,
            )
        )

    def test_archive_defaults_to_the_archive(self):
        """
        Copies are filed at the archive (VT) unless said otherwise.
        """
        assert ("VT",) == self.make().archive

    def test_evolve_revalidates(self):
        """
        attrs.evolve builds a new, checked report.
        """
        report = self.make()

        with pytest.raises(ValidationError):
            attrs.evolve(report, cumulative=Counts(received=1))


class TestWrongContainers:
    @pytest.mark.parametrize(
        ("make", "expected"),
        [
            (
                lambda: Appendix(title="T", rows=5),
                ["rows: must be a tuple, got 5"],
            ),
            (
                lambda: Appendix(title="T", rows=[Counts(received=1)]),
                ["rows[0]: must be an AppendixRow, got Counts(received=1)"],
            ),
            (
                lambda: Section(heading="1", blocks="text"),
                ["blocks: must be a tuple, got 'text'"],
            ),
            (
                lambda: AppendixRow(agency="Sở Y tế", counts=None),
                [
                    "agency: must be an Agency, got 'Sở Y tế'",
                    "counts: must be a Counts, got None",
                ],
            ),
        ],
    )
    def test_wrong_containers(self, make, expected):
        """
        A string or a number where a list belongs is named, not iterated.
        """
        assert expected == problems(make)

    def test_recipients_given_as_one_string(self):
        """
        A string is not split into letters.
        """
        assert ["recipients: must be a tuple, got 'Như trên'"] == problems(
            lambda: TestReport().make(recipients="Như trên")
        )


def test_issuer_long_name():
    """
    Running text uses the full name when there is one.
    """
    assert "Trung tâm" == Issuer(name="Trung tâm").long_name
    assert "Trung tâm tỉnh X" == (
        Issuer(name="Trung tâm", full_name="Trung tâm tỉnh X").long_name
    )


def test_enums_print_as_their_file_values():
    """
    Authority and Basis print as the values report files use.
    """
    assert "KT" == str(Authority.KT)
    assert "cumulative" == str(Basis.CUMULATIVE)


class TestFileForms:
    """
    Constructors take what report files take, where it is unambiguous.
    """

    def test_evolve_with_a_number_as_text(self, seed):
        """
        A number given as text is read into a DocumentNumber.
        """
        report = attrs.evolve(seed, number="05/BC-TTHCC")

        assert isinstance(report.number, DocumentNumber)
        assert (5, "BC", "TTHCC") == (
            report.number.number,
            report.number.type_code,
            report.number.issuer_code,
        )

    def test_evolve_with_a_basis_by_value(self, seed):
        """
        An enum is taken by its value.
        """
        appendix = attrs.evolve(seed.appendix, basis="period")

        assert appendix.basis is Basis.PERIOD

    @pytest.mark.parametrize("text", ["KT", "KT.", "kt", " Kt. "])
    def test_authority_as_written(self, text):
        """
        An authority is read with or without its dot, in any case.
        """
        signer = Signer(
            authority=text, on_behalf_of="Giám đốc", title="Phó", name="A"
        )

        assert signer.authority is Authority.KT

    def test_what_cannot_be_read_says_what_is_expected(self, seed):
        """
        A value of no form is a problem naming the forms.
        """
        assert [
            "number: must be a number and symbol such as '04/BC-TTHCC', "
            "got '4/BC'",
        ] == problems(lambda: attrs.evolve(seed, number="4/BC"))
        assert [
            "basis: must be one of 'period', 'cumulative', got 'yearly'"
        ] == problems(lambda: attrs.evolve(seed.appendix, basis="yearly"))
        assert [
            "authority: must be one of 'TM', 'KT', 'Q', 'TL', 'TUQ', got 'PT'",
        ] == problems(lambda: Signer(authority="PT", title="Phó", name="A"))


@pytest.mark.parametrize(
    "period",
    [
        Period.month(2023, 1),
        Period.half(2023, 1),
        Period.first_months(2023, 9),
        Period.year(2023),
    ],
)
def test_a_period_from_new_year_is_its_own_cumulative(period):
    """
    January, a first half, the first 9 months or a year: the cumulative
    figures are the period's, so figures that differ are refused (a report
    would print "trong năm là 6.227" beside "Lũy kế ... 10.078").
    """
    report = binh_thuan_2023_02()

    with pytest.raises(ValidationError) as info:
        attrs.evolve(report, period=period)
    assert (
        "cumulative.received: must equal the period's, which starts on "
        "1 January: received = 6227, got 10078"
    ) == str(info.value.problems[0])
    same = attrs.evolve(
        report, period=period, cumulative=report.figures, appendix=None
    )
    assert same.cumulative == same.figures


@pytest.mark.parametrize("text", ["Sở\ufffe", "\uffffSở"])
def test_text_refuses_what_is_not_a_character(text):
    """
    U+FFFE and U+FFFF are not characters: no XML (Word, PDF) could hold
    them, so no text may.
    """
    with pytest.raises(ValidationError, match="not a character"):
        Agency(name=text)
