"""
Tests for hcc_report.figures: the catalogue, and that everything reads it.
"""

from __future__ import annotations

import datetime as dt

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from hypothesis import given
from hypothesis import strategies as st

import hcc_report

from hcc_report import Counts, ZeroPolicy, audit, figures, render
from hcc_report.errors import ArgumentError, UnknownFigureError
from hcc_report.figures import Catalogue, Count, Rate, heading_key
from hcc_report.loaders import loads_published
from hcc_report.published import PublishedRow, PublishedTable
from hcc_report.rounding import round_fraction
from hcc_report.styles import DECREE_30
from strategies import counts


class TestEntries:
    def test_on_time_rate(self):
        """
        The on-time rate is on time over processed; received is a count.
        """
        on_time = figures.get("on_time_rate")

        assert ("rate", ("on_time",), ("processed",)) == (
            on_time.kind,
            on_time.numerator,
            on_time.denominator,
        )
        assert "count" == figures.get("received").kind
        assert "Tỷ lệ đúng hẹn" == on_time.heading == on_time.headings[0]
        assert "on-time rate" == on_time.heading_en

    def test_unknown_key_names_the_closest(self):
        """
        An unknown key is a LookupError of the library naming close keys.
        """
        with pytest.raises(UnknownFigureError) as info:
            figures.get("ontime_rate")

        assert isinstance(info.value, LookupError)
        assert isinstance(info.value, hcc_report.HccReportError)
        assert "did you mean 'on_time_rate'" in str(info.value)

    def test_count_or_rate(self):
        """
        count() and rate() refuse a figure of the other kind.
        """
        with pytest.raises(UnknownFigureError, match="is a rate, not a count"):
            figures.count("on_time_rate")
        with pytest.raises(UnknownFigureError, match="is a count, not a rate"):
            figures.rate("on_time")

    def test_counts_are_the_fields_of_counts(self):
        """
        Counts has exactly the catalogue's counts, in its order.
        """
        keys = [count.key for count in figures.counts()]

        assert keys == list(Counts.zero().known())
        assert keys == [
            field.alias for field in attrs.fields(Counts) if field.init
        ]

    def test_every_figure_of_domain_md(self):
        """
        The rates of DOMAIN.md §2-3 and the issue are all there.
        """
        assert {
            "on_time_rate",
            "late_rate",
            "online_share",
            "early_share",
            "on_due_share",
            "completion_rate",
            "pending_overdue_share",
            "on_time_rate_766",
            "on_time_rate_due",
            "returned_withdrawn_rate",
            "overdue_rate_due",
            "returned_share",
            "withdrawn_share",
        } == {rate.key for rate in figures.rates()}
        assert ("on_time", "pending_in_time") == figures.rate(
            "on_time_rate_766"
        ).numerator
        assert ("processed", "pending") == figures.rate(
            "on_time_rate_766"
        ).denominator

    def test_splits_inner_first(self):
        """
        A split comes before the split it is a part of.
        """
        order = [split.whole for split in figures.splits()]

        assert order.index("on_time") < order.index("processed")
        for split in figures.splits():
            assert figures.count(split.whole).parts == split.parts


class TestCatalogueChecks:
    def test_two_figures_of_one_key(self):
        """
        A key names one figure.
        """
        with pytest.raises(ArgumentError, match="two figures 'received'"):
            Catalogue([*figures.FIGURES, figures.get("received")])

    def test_a_heading_names_one_figure(self):
        """
        A heading that would name two figures is refused.
        """
        rate = Rate(
            key="x_rate",
            doc="x",
            headings=("Tỷ lệ đúng hạn",),
            heading_en="x",
            numerator=("late",),
            denominator=("received",),
        )

        with pytest.raises(ArgumentError, match="names both"):
            Catalogue([*figures.FIGURES, rate])

    def test_a_part_heading_is_no_figures_own(self):
        """
        A heading that names a part only beside its split cannot be a
        figure's canonical heading: what the library prints reads back.
        """
        figures_with = [
            attrs.evolve(f, part_headings=("Đúng hẹn",))
            if f.key == "on_due_date"
            else f
            for f in figures.FIGURES
        ]

        with pytest.raises(ArgumentError, match="own heading"):
            Catalogue(figures_with)

    def test_the_librarys_own_headings_read_back(self):
        """
        Every canonical heading names its figure beside any other columns.
        """
        every = [figure.key for figure in figures.FIGURES]
        for figure in figures.FIGURES:
            assert figure.key == figures.find(figure.heading, every)

    def test_terms_are_counts(self):
        """
        A rate or split over a count the catalogue lacks is refused.
        """
        rate = Rate(
            key="x_rate",
            doc="x",
            headings=("X",),
            heading_en="x",
            numerator=("speed",),
            denominator=("received",),
        )
        count = Count(
            key="x", doc="x", headings=("X",), heading_en="x", parts=("y",)
        )

        with pytest.raises(ArgumentError, match="unknown counts"):
            Catalogue([*figures.FIGURES, rate])
        with pytest.raises(ArgumentError, match="unknown counts"):
            Catalogue([*figures.FIGURES, count])


class TestHeadings:
    @pytest.mark.parametrize(
        "figure", figures.FIGURES, ids=lambda figure: figure.key
    )
    def test_every_heading_is_found(self, figure):
        """
        Every heading of a figure, its key and its English heading name it,
        in any case and spacing, "(%)" or not.
        """
        for heading in (*figure.headings, figure.key, figure.heading_en):
            assert figure.key == figures.find(heading)
            assert figure.key == figures.find(f"  {heading.upper()} (%)")

    def test_a_heading_is_read_with_its_neighbours(self):
        """
        Biểu 06's "Đúng hạn" beside "Trước hạn" is the due date's; "Quá
        hạn" beside "Trong hạn" is the pending dossiers'.
        """
        assert "on_time" == figures.find("Đúng hạn")
        assert "on_due_date" == figures.find("Đúng hạn", ["early"])
        assert "late" == figures.find("Quá hạn", ["early", "on_due_date"])
        assert "pending_overdue" == figures.find(
            "Quá hạn", ["pending_in_time"]
        )
        assert figures.find("Màu") is None

    @given(st.text(max_size=30))
    def test_heading_key_is_idempotent(self, text):
        """
        Normalising a heading twice changes nothing more.
        """
        assert heading_key(text) == heading_key(heading_key(text))


def _exact(part, whole):
    """
    The rate as an independent oracle computes it: Fraction, half up.
    """
    if part is None or whole is None or whole == 0:
        return None
    return round_fraction(Fraction(100 * part, whole))


class TestRates:
    @given(counts(max_value=10**6))
    def test_every_rate_agrees_with_fractions(self, values):
        """
        Every rate of the catalogue is its numerator over its denominator,
        exactly, as the sums of their counts.
        """
        for rate in figures.rates():
            parts = [getattr(values, key) for key in rate.numerator]
            wholes = [getattr(values, key) for key in rate.denominator]
            part = None if None in parts else sum(parts)
            whole = None if None in wholes else sum(wholes)

            assert _exact(part, whole) == rate.of(values)
            assert _exact(part, whole) == hcc_report.rate_of(values, rate.key)
            assert rate.of(values) == rate.of(values.known())

    @pytest.mark.parametrize(
        ("key", "style", "expected"),
        [
            ("on_time_rate", ZeroPolicy.AS_100, ZeroPolicy.AS_100),
            ("late_rate", ZeroPolicy.AS_100, ZeroPolicy.AS_0),
            ("late_rate", ZeroPolicy.AS_0, ZeroPolicy.AS_100),
            (
                "late_rate",
                ZeroPolicy.NOT_APPLICABLE,
                ZeroPolicy.NOT_APPLICABLE,
            ),
            ("online_share", ZeroPolicy.AS_100, ZeroPolicy.NOT_APPLICABLE),
        ],
    )
    def test_zero_policy(self, key, style, expected):
        """
        Over zero, the on-time rate follows the style, the late rate its
        complement, the others do not apply.
        """
        assert expected == figures.rate(key).zero_policy(style)

    def test_seed_rates(self, seed):
        """
        The seed's figures: 99,79 %, 44,74 % and 47,19 %.
        """
        table = hcc_report.total(seed.appendix.rows)

        assert Decimal("99.79") == hcc_report.rate_of(table, "on_time_rate")
        assert Decimal("44.74") == hcc_report.rate_of(
            seed.figures, "online_share"
        )
        assert Decimal("47.19") == hcc_report.rate_of(
            seed.cumulative, "online_share"
        )


class TestOneNewEntry:
    """
    Adding a rate is adding one entry: computed, rendered as a column and
    audited with no other change.
    """

    @pytest.fixture
    def late_share(self, monkeypatch):
        rate = Rate(
            key="test_late_share",
            doc="Late dossiers over those received (a test's own rate).",
            headings=("Tỷ lệ trễ trên tiếp nhận",),
            heading_en="late share of received",
            numerator=("late",),
            denominator=("received",),
        )
        monkeypatch.setattr(
            figures, "CATALOGUE", Catalogue([*figures.FIGURES, rate])
        )
        return rate

    def test_computed(self, late_share, seed):
        """
        rate_of() computes it: the seed's 20 late of 10.078 received.
        """
        table = hcc_report.total(seed.appendix.rows)

        assert Decimal("0.20") == hcc_report.rate_of(table, late_share.key)

    def test_rendered_as_a_column(self, late_share, seed):
        """
        A style that names it prints it, headed by its heading.
        """
        style = attrs.evolve(
            DECREE_30,
            name="with-late-share",
            columns=(*DECREE_30.columns, late_share.key),
        )

        text = render(seed, "text", style=style)
        html = render(seed, "html", style=style)

        total_line = next(
            line for line in text.splitlines() if "Tổng cộng" in line
        )
        assert ["99,79%", "0,20%"] == total_line.split()[-2:]
        assert "Tỷ lệ trễ trên tiếp nhận (%)" in html

    def test_audited(self, late_share):
        """
        A printed table with the new column is read through its heading and
        its rates are checked: a wrong one is an error.
        """
        published = loads_published(
            "Tên đơn vị;Đã tiếp nhận;Đã xử lý;Đúng hẹn;Trễ hẹn;"
            "Tỷ lệ trễ trên tiếp nhận (%)\n"
            "A;200;190;188;2;1,00%\nB;100;100;99;1;2,00%\n"
            "Tổng cộng;300;290;287;3;1,00%\n",
            "csv",
        )

        findings = audit(published)

        assert [("B", "1,00%")] == [
            (f.location.row_name, f.expected)
            for f in findings
            if f.location.column == late_share.key
        ]

    def test_held_by_published_figures(self, late_share):
        """
        Published figures accept the new rate by its key.
        """
        row = PublishedRow(name="A", rates={late_share.key: "1,00%"})

        assert PublishedTable(rows=[row]).rows[0].rates


def test_everything_reads_the_catalogue_at_call_time(monkeypatch):
    """
    Nothing keeps its own copy: with the catalogue replaced, a rate it
    lacks is unknown everywhere.
    """
    smaller = Catalogue(
        [figure for figure in figures.FIGURES if figure.key != "late_rate"]
    )
    monkeypatch.setattr(figures, "CATALOGUE", smaller)

    with pytest.raises(UnknownFigureError):
        hcc_report.late_rate(Counts(processed=1, on_time=1, late=0))
    with pytest.raises(hcc_report.ValidationError, match="late_rate"):
        PublishedTable(
            rows=[PublishedRow(name="A", rates={"late_rate": "0%"})]
        )
    assert figures.find("Tỷ lệ trễ hẹn") is None


def test_period_arithmetic_reads_timing():
    """
    Flows add up, the carried over is the first period's and the pending the
    last's, as the catalogue says.
    """
    january = Counts(
        received=5, carried_over=2, pending=3, processed=4, on_time=4, late=0
    )
    february = Counts(
        received=6, carried_over=3, pending=1, processed=8, on_time=7, late=1
    )

    both = hcc_report.cumulative(january, february)

    assert (11, 2, 1, 12) == (
        both.received,
        both.carried_over,
        both.pending,
        both.processed,
    )
    assert dt.date(2023, 1, 1)  # the period's dates play no part


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("Hoà sơ", "Hòa sơ"),
        ("Thuỷ lợi", "Thủy lợi"),
        ("Khoẻ", "Khỏe"),
        ("Số HS đã GQ:", "Đã giải quyết"),
        ("TL đúng hạn (%)", "Tỷ lệ đúng hạn"),
        ("Tỉ lệ đúng hẹn", "Tỷ lệ đúng hẹn"),
    ],
)
def test_headings_compare_as_written_either_way(printed, canonical):
    """
    A tone on either vowel of "oa", "oe", "uy", the usual abbreviations
    and "Số hồ sơ" before a name compare as the heading written out.
    """
    assert heading_key(canonical) == heading_key(printed)


def test_quy_keeps_its_tone():
    """
    In "quý" the "u" belongs to "qu": its tone stays where it is.
    """
    assert "quý i" == heading_key("Quý I")
