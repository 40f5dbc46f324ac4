"""
Tests for hcc_report.calculation: totals, cumulative figures, named rates.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from hypothesis import given
from hypothesis import strategies as st

from hcc_report import (
    Agency,
    AppendixRow,
    Counts,
    Rounding,
    ValidationError,
    ZeroPolicy,
    completion_rate,
    cumulative,
    figures,
    late_rate,
    on_time_rate,
    online_share,
    period_from_cumulative,
    rate,
    to_handle,
    total,
    totals_by_group,
)
from hcc_report.errors import ArgumentTypeError
from hcc_report.examples import binh_thuan_2023_02
from strategies import counts, seed_like_counts


FLOW_FIELDS = [c.key for c in figures.counts() if c.timing == "flow"]
CLOSING_FIELDS = [c.key for c in figures.counts() if c.timing == "closing"]


class TestSeed:
    def test_appendix_total(self, seed):
        """
        The 19 rows add up to the printed total row.
        """
        assert Counts(
            received=10078, processed=9725, on_time=9705, late=20
        ) == total(seed.appendix.rows)

    def test_total_rate_is_99_79_not_99_49(self, seed):
        """
        9.705 / 9.725 is 99,79 %; the published 99.49 % is wrong.
        """
        assert Decimal("99.79") == on_time_rate(total(seed.appendix.rows))

    def test_row_rates_equal_the_published_ones(self, seed):
        """
        Under the seed's zero policy every row rate is as published.
        """
        published = {
            "Sở Kế hoạch và Đầu tư": "99.66",
            "Sở Tài nguyên và Môi trường": "90.05",
        }

        for row in seed.appendix.rows:
            expected = published.get(row.agency.name, "100.00")
            assert expected == str(
                on_time_rate(row.counts, zero=ZeroPolicy.AS_100)
            ), row.agency.name

    def test_zero_rows_have_no_rate_by_default(self, seed):
        """
        Sở Thông tin và Truyền thông and Công an tỉnh processed nothing:
        their rate does not apply unless a policy says otherwise.
        """
        empty = [
            row.agency.name
            for row in seed.appendix.rows
            if on_time_rate(row.counts) is None
        ]

        assert ["Sở Thông tin và Truyền thông", "Công an tỉnh"] == empty

    def test_body_figures(self, seed):
        """
        The rates of the body paragraph: month and cumulative.
        """
        assert Decimal("99.76") == on_time_rate(seed.figures)
        assert Decimal("44.74") == online_share(seed.figures)
        assert Decimal("47.19") == online_share(seed.cumulative)
        assert Decimal("0.24") == late_rate(seed.figures)

    def test_january_from_two_cumulative_figures(self, seed):
        """
        January = cumulative to February - February.
        """
        january = period_from_cumulative(seed.cumulative, seed.figures)

        assert (
            Counts(
                received=3851,
                received_online=1970,
                processed=4237,
                on_time=4230,
                late=7,
            )
            == january
        )
        assert seed.cumulative == cumulative(january, seed.figures)


class TestCumulative:
    def test_first_period_of_the_year(self, seed):
        """
        With no previous cumulative figures, the period's are cumulative.
        """
        assert seed.figures == cumulative(None, seed.figures)

    @given(counts(), counts())
    def test_flows_add_and_stocks_carry(self, previous, period):
        """
        Flows add up; the year's carry-over stays, the pending is the last.
        """
        result = cumulative(previous, period)

        for name in FLOW_FIELDS:
            before, now = getattr(previous, name), getattr(period, name)
            expected = None if None in (before, now) else before + now
            assert expected == getattr(result, name)
        assert previous.carried_over == result.carried_over
        for name in CLOSING_FIELDS:
            assert getattr(period, name) == getattr(result, name)

    @given(seed_like_counts(), seed_like_counts())
    def test_period_from_cumulative_inverts_cumulative(self, previous, period):
        """
        Taking the previous cumulative figures off gives the period back.
        """
        assert period == period_from_cumulative(
            cumulative(previous, period), previous
        )

    def test_carry_over_is_the_previous_pending(self):
        """
        What a period carries over is what was pending before it.
        """
        previous = Counts(received=10, pending=4)
        now = Counts(received=15, pending=6)

        assert Counts(received=5, carried_over=4, pending=6) == (
            period_from_cumulative(now, previous)
        )

    def test_decreasing_cumulative_figures_are_listed(self):
        """
        A cumulative figure cannot go down; every one that does is named.
        """
        with pytest.raises(ValidationError) as info:
            period_from_cumulative(
                Counts(received=10, processed=3, late=0),
                Counts(received=12, processed=5, late=0),
            )

        assert [
            "received: the cumulative figure 10 is less than the previous "
            "cumulative figure 12",
            "processed: the cumulative figure 3 is less than the previous "
            "cumulative figure 5",
        ] == [str(p) for p in info.value.problems]


class TestGroups:
    @given(
        st.lists(
            st.tuples(st.sampled_from(["Sở", "Ngành dọc", None]), counts()),
            max_size=10,
        )
    )
    def test_groups_add_up_to_the_total(self, items):
        """
        The group totals add up to the table's total.
        """
        rows = [
            AppendixRow(agency=Agency(name=f"A{i}", group=group), counts=c)
            for i, (group, c) in enumerate(items)
        ]

        groups = totals_by_group(rows)

        assert total(rows) == total(groups.values())
        assert list(dict.fromkeys(g for g, _ in items)) == list(groups)

    def test_total_refuses_what_has_no_counts(self):
        """
        total() names the item that is not counts.
        """
        with pytest.raises(TypeError, match="item 1 is neither Counts"):
            total([Counts(received=1), 5])  # type: ignore[list-item]


class TestNamedRates:
    @given(
        seed_like_counts(),
        st.integers(0, 4),
        st.sampled_from(Rounding),
        st.sampled_from(ZeroPolicy),
    )
    def test_named_rates_are_their_formulas(self, c, places, rounding, zero):
        """
        Each named rate is rate() of its documented numerator and
        denominator.
        """
        options = {"places": places, "rounding": rounding, "zero": zero}

        assert rate(c.on_time, c.processed, **options) == on_time_rate(
            c, **options
        )
        assert rate(c.late, c.processed, **options) == late_rate(c, **options)
        assert rate(c.received_online, c.received, **options) == online_share(
            c, **options
        )

    @given(seed_like_counts(), st.integers(0, 4))
    def test_on_time_and_late_rates_add_up(self, c, places):
        """
        The on-time and late rates, each rounded once, add up to 100 within
        one unit of the last place.
        """
        on_time = on_time_rate(c, places=places)
        late = late_rate(c, places=places)

        if c.processed:
            unit = Fraction(1, 10**places)
            assert abs(Fraction(on_time + late) - 100) <= unit
        else:
            assert (on_time, late) == (None, None)

    def test_completion_rate(self):
        """
        Processed over received plus carried over; unknown without the
        carry-over.
        """
        assert Decimal("80.73") == completion_rate(
            Counts(received=5000, carried_over=650, processed=4561)
        )
        assert 5650 == to_handle(Counts(received=5000, carried_over=650))
        assert completion_rate(Counts(received=5, processed=5)) is None
        assert to_handle(Counts(received=5)) is None


def test_a_rate_of_a_row():
    """
    The named rates take an appendix row as total() does, and refuse what
    has no counts with the library's error.
    """
    row = binh_thuan_2023_02().appendix.rows[8]

    assert Decimal("90.05") == on_time_rate(row)
    assert late_rate(row) == late_rate(row.counts)
    with pytest.raises(ArgumentTypeError, match="got 5"):
        on_time_rate(5)
