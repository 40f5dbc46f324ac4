"""
Tests for hcc_report.rounding: exact rates, rounding modes, apportionment.
"""

from __future__ import annotations

import math

from decimal import Decimal
from fractions import Fraction

import pytest

from hypothesis import given
from hypothesis import strategies as st

from hcc_report.rounding import (
    Rounding,
    ZeroPolicy,
    apportion,
    rate,
    round_fraction,
)


places = st.integers(min_value=0, max_value=6)
counts = st.integers(min_value=0, max_value=10**12)
positive = st.integers(min_value=1, max_value=10**12)


def oracle(value: Fraction, places: int, rounding: Rounding) -> Decimal:
    """
    Round with exact rational arithmetic, independently of the library.

    Half up is floor(x + 1/2) for non-negative x; Fraction's own round()
    is half even.
    """
    scaled = value * 10**places
    if rounding is Rounding.HALF_UP:
        units = math.floor(scaled + Fraction(1, 2))
    else:
        units = round(scaled)
    return Decimal(units).scaleb(-places)


class TestRate:
    @pytest.mark.parametrize(
        ("part", "whole", "expected"),
        [
            (9705, 9725, "99.79"),  # the seed's total, printed 99.49
            (289, 290, "99.66"),  # 99.655..., not truncated to 99.65
            (172, 191, "90.05"),
            (5475, 5488, "99.76"),
            (2786, 6227, "44.74"),
            (4756, 10078, "47.19"),
            (7, 7, "100.00"),
            (0, 5, "0.00"),
            (3, 2, "150.00"),
        ],
    )
    def test_seed_figures(self, part, whole, expected):
        """
        Rates of the seed report and a few edges, to two places.
        """
        assert Decimal(expected) == rate(part, whole)
        assert expected == str(rate(part, whole))

    @given(
        part=counts,
        whole=positive,
        places=places,
        rounding=st.sampled_from(Rounding),
    )
    def test_agrees_with_fraction_oracle(self, part, whole, places, rounding):
        """
        rate() equals the exact percentage rounded by an independent oracle,
        with exactly `places` digits after the point.
        """
        result = rate(part, whole, places=places, rounding=rounding)

        expected = oracle(Fraction(100 * part, whole), places, rounding)
        assert expected == result
        assert -places == result.as_tuple().exponent

    @given(k=st.integers(min_value=0, max_value=10**9), places=places)
    def test_exact_ties(self, k, places):
        """
        A percentage exactly halfway between two results goes up with
        HALF_UP and to the even neighbour with HALF_EVEN.
        """
        # 100 * (2k+1) / (200 * 10**places) = (k + 1/2) units of the last place
        part, whole = 2 * k + 1, 200 * 10**places
        unit = Decimal(1).scaleb(-places)

        up = rate(part, whole, places=places, rounding=Rounding.HALF_UP)
        even = rate(part, whole, places=places, rounding=Rounding.HALF_EVEN)

        assert (k + 1) * unit == up
        assert (k + (k % 2)) * unit == even

    @given(part=counts, whole=positive, places=places)
    def test_never_further_than_half_a_unit(self, part, whole, places):
        """
        The rounded rate is within half a unit of the last place.
        """
        result = rate(part, whole, places=places)

        exact = Fraction(100 * part, whole)
        assert abs(Fraction(result) - exact) <= Fraction(1, 2 * 10**places)

    @given(part=counts, places=places)
    def test_zero_policies(self, part, places):
        """
        A zero denominator gives None, 100 or 0 by policy, never an error.
        """
        assert rate(part, 0, places=places) is None
        assert (
            rate(part, 0, places=places, zero=ZeroPolicy.NOT_APPLICABLE)
            is None
        )
        assert Decimal(100) == rate(
            part, 0, places=places, zero=ZeroPolicy.AS_100
        )
        assert Decimal(0) == rate(part, 0, places=places, zero=ZeroPolicy.AS_0)
        assert (
            -places
            == rate(part, 0, places=places, zero=ZeroPolicy.AS_100)
            .as_tuple()
            .exponent
        )

    @given(known=st.none() | counts)
    def test_unknown_stays_unknown(self, known):
        """
        An unknown count on either side gives an unknown rate.
        """
        assert rate(None, known) is None
        assert rate(known, None) is None

    def test_arguments_are_checked_even_when_unknown(self):
        """
        A bad count or option is refused even when the rate is unknown or
        over zero.
        """
        with pytest.raises(ValueError, match="part must not be negative"):
            rate(-1, None)
        with pytest.raises(TypeError, match="rounding must be a Rounding"):
            rate(1, 0, rounding="x")

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            (
                {"part": 1.5, "whole": 2},
                TypeError,
                "part must be an int count, got 1.5",
            ),
            ({"part": True, "whole": 2}, TypeError, "part must be an int"),
            ({"part": 1, "whole": "2"}, TypeError, "whole must be an int"),
            (
                {"part": -1, "whole": 2},
                ValueError,
                "part must not be negative, got -1",
            ),
            (
                {"part": 1, "whole": 2, "places": -1},
                ValueError,
                "places must not be negative",
            ),
            (
                {"part": 1, "whole": 2, "places": 2.0},
                TypeError,
                "places must be an int",
            ),
            (
                {"part": 1, "whole": 0, "zero": "as-100"},
                TypeError,
                "zero must be a ZeroPolicy",
            ),
            (
                {"part": 1, "whole": 2, "rounding": "half-up"},
                TypeError,
                "rounding must be a Rounding",
            ),
        ],
    )
    def test_bad_arguments(self, kwargs, error, message):
        """
        Bad arguments raise an error that names the argument and its value.
        """
        with pytest.raises(error, match=message.replace("(", r"\(")):
            rate(**kwargs)


class TestRoundFraction:
    @given(
        value=st.fractions(max_denominator=10**6).filter(
            lambda f: abs(f) < 10**9
        ),
        places=places,
        rounding=st.sampled_from(Rounding),
    )
    def test_symmetric_around_zero(self, value, places, rounding):
        """
        Rounding -x gives -(rounding x): half up means away from zero.
        """
        assert -round_fraction(value, places=places, rounding=rounding) == (
            round_fraction(-value, places=places, rounding=rounding)
        )

    @given(value=st.fractions(max_denominator=10**6), places=places)
    def test_idempotent(self, value, places):
        """
        Rounding a rounded value changes nothing.
        """
        once = round_fraction(value, places=places)

        assert once == round_fraction(Fraction(once), places=places)

    def test_rejects_floats(self):
        """
        A float is refused: no float touches a figure.
        """
        with pytest.raises(TypeError, match="int or a Fraction"):
            round_fraction(0.5)  # type: ignore[arg-type]


class TestApportion:
    parts = st.lists(
        st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30
    ).filter(lambda parts: sum(parts) > 0)

    @given(parts=parts, places=places)
    def test_sums_to_exactly_100(self, parts, places):
        """
        The shares add up to exactly 100.
        """
        shares = apportion(parts, places=places)

        assert Decimal(100) == sum(shares)
        assert len(parts) == len(shares)
        assert all(-places == s.as_tuple().exponent for s in shares)

    @given(parts=parts, places=places)
    def test_each_share_within_one_unit(self, parts, places):
        """
        Each share is its exact value rounded down or up to the last place.
        """
        unit = Fraction(1, 10**places)
        whole = sum(parts)

        for part, share in zip(
            parts, apportion(parts, places=places), strict=True
        ):
            exact = Fraction(100 * part, whole)
            assert exact - unit < Fraction(share) < exact + unit

    @given(parts=parts, places=places)
    def test_largest_remainders_get_the_units(self, parts, places):
        """
        A share rounded up never has a smaller remainder than one rounded
        down; on equal remainders the earlier item is the one rounded up.
        """
        whole = sum(parts)
        scale = 100 * 10**places
        remainders = [Fraction(p * scale, whole) % 1 for p in parts]
        shares = apportion(parts, places=places)
        up = [
            Fraction(s) * 10**places > Fraction(p * scale, whole)
            for p, s in zip(parts, shares, strict=True)
        ]

        for i in range(len(parts)):
            for j in range(len(parts)):
                if up[i] and not up[j] and remainders[j] > 0:
                    assert remainders[i] > remainders[j] or (
                        remainders[i] == remainders[j] and i < j
                    )

    def test_ties_go_to_the_earlier_item(self):
        """
        Three equal parts: the first gets the missing hundredth.
        """
        assert (
            Decimal("33.34"),
            Decimal("33.33"),
            Decimal("33.33"),
        ) == apportion([1, 1, 1])

    def test_seed_online_split(self):
        """
        The seed's February reception: 2.786 online of 6.227.
        """
        assert (Decimal("44.74"), Decimal("55.26")) == apportion(
            [2786, 6227 - 2786]
        )

    @pytest.mark.parametrize(
        ("parts", "error", "message"),
        [
            ([], ValueError, "no parts"),
            ([0, 0], ValueError, "add up to 0"),
            ([1, -1], ValueError, r"parts\[1\] must not be negative"),
            ([1, 1.5], TypeError, r"parts\[1\] must be an int"),
        ],
    )
    def test_bad_parts(self, parts, error, message):
        """
        Nothing to share, or a bad part, is a clear error.
        """
        with pytest.raises(error, match=message):
            apportion(parts)
