"""
Tests for hcc_report.presentation: the strings every output shows.
"""

from __future__ import annotations

import attrs
import pytest

from hypothesis import HealthCheck, given, settings

from hcc_report import (
    Authority,
    Basis,
    Bullet,
    Counts,
    FiguresParagraph,
    Paragraph,
    Period,
    Section,
    Signer,
    ZeroPolicy,
    present,
)
from hcc_report.errors import ArgumentError, UnknownFigureError
from hcc_report.presentation import (
    _paragraph_of_figures,
    _Words,
    groups_in_order,
    printed_figures,
    row_number,
)
from hcc_report.presentation import _rate_cell as rate_cell
from hcc_report.styles import DECREE_30
from strategies import reports


def figures_lines(report, lang="vi"):
    return _paragraph_of_figures(report, _Words(lang))


def texts(lines):
    return [(line.kind, line.text) for line in lines]


class TestFiguresParagraph:
    def test_unknown_figures_are_left_out(self, seed):
        """
        Only known figures are stated; the sentence ends accordingly.
        """
        report = attrs.evolve(
            seed, figures=Counts(received=10), cumulative=None
        )

        assert [
            (
                "paragraph",
                "Tổng số lượng hồ sơ tiếp nhận trong tháng là 10 hồ sơ.",
            )
        ] == texts(figures_lines(report))

    def test_period_nouns(self, seed):
        """
        "trong tháng", "trong quý", "trong năm", "trong kỳ".
        """
        for period, noun in (
            (Period.quarter(2023, 1), "quý"),
            (Period.half(2023, 1), "6 tháng"),
            (Period.first_months(2023, 9), "9 tháng"),
            (Period.year(2023), "năm"),
            (Period.between(seed.issued, seed.issued), "kỳ"),
        ):
            report = attrs.evolve(seed, period=period, cumulative=None)
            first = figures_lines(report)[0].text
            assert first.startswith(
                f"Tổng số lượng hồ sơ tiếp nhận trong {noun} là"
            )

    def test_cumulative_end_of_a_range(self, seed):
        """
        A period ending mid-month dates the cumulative figures by its day.
        """
        report = attrs.evolve(
            seed,
            period=Period.between(
                seed.period.start, seed.period.end.replace(day=15)
            ),
        )

        assert figures_lines(report)[4].text.startswith(
            "Lũy kế đến ngày 15/02/2023,"
        )

    @pytest.mark.parametrize(
        "period",
        [
            Period.month(2023, 1),
            Period.quarter(2023, 1),
            Period.half(2023, 1),
            Period.first_months(2023, 9),
            Period.year(2023),
        ],
    )
    def test_a_period_from_1_january_states_its_figures_once(
        self, seed, period
    ):
        """
        A period that starts on 1 January is its own cumulative span: its
        figures are stated once, without a "Lũy kế" paragraph that repeats
        them.
        """
        report = attrs.evolve(
            seed, period=period, figures=seed.cumulative, appendix=None
        )

        lines = texts(figures_lines(report))

        assert 4 == len(lines)
        assert not any("Lũy kế" in text for _, text in lines)
        assert "10.078" in lines[0][1]

    def test_cumulative_figures_that_say_more_are_stated(self, seed):
        """
        January's cumulative figures that know more counts than its own
        are stated in their paragraph: nothing the report holds is lost.
        """
        report = attrs.evolve(
            seed,
            period=Period.month(2023, 1),
            figures=Counts(received=100),
            cumulative=Counts(received=100, processed=90, on_time=88, late=2),
            appendix=None,
        )

        lines = texts(figures_lines(report))

        assert lines[1][1].startswith("Lũy kế đến hết tháng 01 năm 2023")
        assert "90 hồ sơ" in lines[2][1]

    def test_a_later_period_states_both(self, seed):
        """
        February states its own figures, then those since 1 January.
        """
        lines = texts(figures_lines(seed))

        assert 8 == len(lines)
        assert lines[4][1].startswith("Lũy kế đến hết tháng 02 năm 2023")


class TestBody:
    def test_end_mark(self, seed):
        """
        The last line gets "./." and only it.
        """
        view = present(seed)
        last = view.sections[-1].lines[-1].text

        assert last.endswith("hành chính./.")
        assert 1 == sum(
            line.text.endswith("./.")
            for section in view.sections
            for line in section.lines
        )

    @pytest.mark.parametrize(
        ("sections", "tasks", "opening", "where"),
        [
            (
                (Section(heading="A", blocks=[Paragraph(text="x")]),),
                None,
                (),
                "section",
            ),
            (
                (
                    Section(
                        heading="A",
                        subsections=[
                            Section(heading="p", blocks=[Bullet(text="y")])
                        ],
                    ),
                ),
                None,
                (),
                "point",
            ),
            ((), None, (Paragraph(text="only"),), "opening"),
        ],
    )
    def test_end_mark_goes_to_the_last_line(
        self, seed, sections, tasks, opening, where
    ):
        """
        Wherever the last line is, it is marked; text without a full stop
        gets one.
        """
        view = present(
            attrs.evolve(seed, sections=sections, tasks=tasks, opening=opening)
        )

        if where == "section":
            assert "x./." == view.sections[0].lines[-1].text
        elif where == "point":
            assert "y./." == view.sections[0].subsections[0].lines[-1].text
        else:
            assert "only./." == view.opening[-1].text

    def test_numbering(self, seed):
        """
        Sections are 1., 2. ...; points follow the Vietnamese alphabet.
        """
        points = [Section(heading=str(i)) for i in range(25)]
        report = attrs.evolve(
            seed, sections=[Section(heading="A", subsections=points)]
        )

        labels = [p.label for p in present(report).sections[0].subsections]

        assert ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"] == labels[:7]
        assert "f)" not in labels
        assert ["y)", "aa)", "bb)"] == labels[22:25]
        assert ["1.", "2."] == [s.label for s in present(report).sections]

    def test_figures_paragraph_is_generated(self, seed):
        """
        A FiguresParagraph anywhere becomes the generated lines.
        """
        report = attrs.evolve(
            seed, opening=[FiguresParagraph()], sections=(), tasks=None
        )

        assert "6.227" in present(report).opening[0].text


class TestParts:
    @pytest.mark.parametrize(
        ("signer", "titles"),
        [
            (
                Signer(
                    authority=Authority.KT,
                    on_behalf_of="Giám đốc",
                    title="Phó Giám đốc",
                    name="A",
                ),
                ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
            ),
            (
                Signer(
                    authority=Authority.TM,
                    on_behalf_of="Ủy ban nhân dân",
                    title="Chủ tịch",
                    name="A",
                ),
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            ),
            (
                Signer(authority=Authority.Q, title="Giám đốc", name="A"),
                ("Q. GIÁM ĐỐC",),
            ),
            (Signer(title="Giám đốc", name="A"), ("GIÁM ĐỐC",)),
        ],
    )
    def test_signature(self, seed, signer, titles):
        """
        Authority and titles in upper case, as Decree 30/2020 writes them.
        """
        view = present(attrs.evolve(seed, signer=signer))

        assert titles == view.signature.titles

    def test_addressees(self, seed):
        """
        One addressee on the line; several as a list.
        """
        one = present(attrs.evolve(seed, addressees=["UBND tỉnh"]))
        two = present(
            attrs.evolve(seed, addressees=["UBND tỉnh", "Sở Nội vụ"])
        )

        assert ("UBND tỉnh.",) == one.addressees
        assert ("- UBND tỉnh;", "- Sở Nội vụ.") == two.addressees

    def test_no_archive(self, seed):
        """
        Without an archive there is no "Lưu" line.
        """
        view = present(attrs.evolve(seed, archive=[]))

        assert not any("Lưu" in line for line in view.recipients)

    def test_period_appendix(self, seed):
        """
        An appendix of the period's figures is headed by the period.
        """
        appendix = attrs.evolve(seed.appendix, basis=Basis.PERIOD)

        view = present(
            attrs.evolve(
                seed,
                appendix=appendix,
                figures=seed.cumulative,
                cumulative=None,
            )
        )

        assert "Tháng 02 năm 2023" == view.appendix.group_heading

    def test_cells_keep_their_figures(self, seed):
        """
        Each cell has its text and the figure behind it.
        """
        row = present(seed, "binh-thuan").appendix.rows[8]

        assert ["197", "191", "172", "19", "90.05%"] == [
            c.text for c in row.cells
        ]
        assert [197, 191, 172, 19] == [c.value for c in row.cells[:4]]
        assert "90.05" == str(row.cells[4].value)

    def test_unknown_figures_show_the_style_mark(self, seed):
        """
        An unknown count, or a rate that does not apply, shows "-".
        """
        rows = list(seed.appendix.rows)
        rows[0] = attrs.evolve(rows[0], counts=Counts(received=8))
        report = attrs.evolve(
            seed, appendix=attrs.evolve(seed.appendix, rows=rows)
        )

        cells = present(report).appendix.rows[0].cells

        assert ["8", "-", "-", "-", "-"] == [c.text for c in cells]
        total = [c.text for c in present(report).appendix.total.cells]
        assert ["10.078", "-", "-", "-", "-"] == total


class TestRateCell:
    @pytest.mark.parametrize(
        ("zero", "on_time", "late"),
        [
            (ZeroPolicy.AS_100, "100,00%", "0,00%"),
            (ZeroPolicy.AS_0, "0,00%", "100,00%"),
            (ZeroPolicy.NOT_APPLICABLE, "-", "-"),
        ],
    )
    def test_zero_dossiers(self, zero, on_time, late):
        """
        Over zero dossiers the late rate is the complement of the on-time
        rate, so the two still add up to 100%.
        """
        style = attrs.evolve(DECREE_30, zero=zero)
        nothing = Counts(processed=0, on_time=0, late=0)

        assert (on_time, late) == (
            rate_cell(nothing, "on_time_rate", style).text,
            rate_cell(nothing, "late_rate", style).text,
        )

    @pytest.mark.parametrize("field", ["online_share", "completion_rate"])
    def test_other_rates_over_zero_do_not_apply(self, field):
        """
        Only the on-time and late rates follow the style's zero policy.
        """
        style = attrs.evolve(DECREE_30, zero=ZeroPolicy.AS_100)
        nothing = Counts(received=0, received_online=0, processed=0)

        cell = rate_cell(nothing, field, style)

        assert ("-", None, field) == (cell.text, cell.value, cell.field)

    def test_unknown_rate(self):
        """
        A name that is not a rate is a clear error, naming the figures.
        """
        with pytest.raises(
            UnknownFigureError,
            match=r"no figure has the key 'speed'.*late_rate",
        ):
            rate_cell(Counts(), "speed", DECREE_30)


class TestEndMark:
    @pytest.mark.parametrize(
        ("text", "marked"),
        [
            ("Xong", "Xong./."),
            ("Xong.", "Xong./."),
            ("Xong./.", "Xong./."),
            ("Vì sao?", "Vì sao?/."),
            ("Tiếp tục…", "Tiếp tục…/."),
        ],
    )
    def test_last_point(self, seed, text, marked):
        """
        A report ending in a point ends it with "./.", never doubled.
        """
        sections = (
            Section(
                heading="Nhiệm vụ",
                blocks=[Paragraph(text="Trong tháng tới:"), Bullet(text=text)],
            ),
        )

        view = present(attrs.evolve(seed, sections=sections, tasks=None))

        assert marked == view.sections[-1].lines[-1].text


class TestRowNumber:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports().filter(lambda report: report.appendix))
    def test_agrees_with_the_printed_table(self, report):
        """
        The number `row_number` gives each row is the one the appendix
        prints it under: its own number, after its group's Roman numeral
        when it is in a group.
        """
        printed = []
        group = ""
        for row in present(report).appendix.rows:
            if row.kind == "group":
                group = row.number
            elif row.kind == "row":
                printed.append(
                    f"{group}.{row.number}" if row.group else row.number
                )
        rows = report.appendix.rows
        groups = [row.agency.group for row in rows]
        numbers = {
            id(row): row_number(groups, i) for i, row in enumerate(rows)
        }

        in_print_order = [
            numbers[id(row)]
            for members in groups_in_order(rows).values()
            for row in members
        ]
        assert printed == in_print_order

    @pytest.mark.parametrize("index", [-1, 3])
    def test_an_index_out_of_the_rows(self, index):
        """
        An index that is not a row's is refused.
        """
        with pytest.raises(ArgumentError, match="index must"):
            row_number([None, None, None], index)


class TestPrintedFigures:
    def test_the_body_figures_only_where_the_body_states_them(self, seed):
        """
        A report whose body has no paragraph of figures prints no body
        figures for the audit to compare; the example's body has one.
        """
        plain = attrs.evolve(
            seed,
            sections=[
                attrs.evolve(
                    section,
                    blocks=[
                        b
                        for b in section.blocks
                        if not isinstance(b, FiguresParagraph)
                    ],
                    subsections=[
                        attrs.evolve(
                            sub,
                            blocks=[
                                b
                                for b in sub.blocks
                                if not isinstance(b, FiguresParagraph)
                            ],
                        )
                        for sub in section.subsections
                    ],
                )
                for section in seed.sections
            ],
        )

        stated = printed_figures(seed)
        not_stated = printed_figures(plain)

        assert 10078 == stated.cumulative_figures.counts["received"]
        assert 6227 == stated.period_figures.counts["received"]
        assert not_stated.period_figures is None
        assert not_stated.cumulative_figures is None
        assert not_stated.table == stated.table
