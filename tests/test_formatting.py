"""
Tests for hcc_report.formatting: Vietnamese administrative formatting and
its strict parsers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import unicodedata

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import babel.dates
import babel.numbers
import pytest

from hypothesis import assume, example, given
from hypothesis import strategies as st

from hcc_report import Period
from hcc_report.formatting import (
    DocumentType,
    ParseError,
    format_cumulative,
    format_date,
    format_doc_number,
    format_number,
    format_percent,
    format_period,
    format_place_date,
    format_short_date,
    month_text,
    parse_date,
    parse_doc_number,
    parse_number,
    parse_percent,
    parse_period,
    parse_place_date,
    parse_short_date,
)
from strategies import periods


integers = st.integers(min_value=-(10**40), max_value=10**40)
decimals = st.decimals(
    allow_nan=False,
    allow_infinity=False,
    min_value=-(10**15),
    max_value=10**15,
)
percentages = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=4),
)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
#: Decimals of up to 60 digits, with any exponent from 10^-30 to 10^30.
wide_decimals = st.builds(
    lambda units, exponent: Decimal(units).scaleb(exponent, Context(prec=100)),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.integers(min_value=-30, max_value=30),
)


def babel_vi_pattern(value: Decimal, *, percent: bool = False) -> str:
    places = max(0, -value.as_tuple().exponent)
    fraction = "." + "0" * places if places else ""
    return "#,##0" + fraction + ("%" if percent else "")


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "options", "expected"),
        [
            (10078, {}, "10.078"),
            (-1234567, {}, "-1.234.567"),
            (Decimal("1234.5"), {}, "1.234,5"),
            (0, {}, "0"),
            (999, {}, "999"),
            (1000, {}, "1.000"),
            (117367, {}, "117.367"),
            (3801, {"grouping": False}, "3801"),
            (5, {"zero_pad": True}, "05"),
            (0, {"zero_pad": True}, "0"),
            (9, {"zero_pad": True}, "09"),
            (19, {"zero_pad": True}, "19"),
            (-5, {"zero_pad": True}, "-5"),
            (Decimal("5.5"), {"zero_pad": True}, "5,5"),
            (Decimal("-0"), {}, "0"),
            (Decimal("-0.00"), {}, "0,00"),
            (Decimal("1E+3"), {}, "1.000"),
            (Decimal("1234.5"), {"decimal_mark": "."}, "1,234.5"),
            (Decimal("0.000001"), {}, "0,000001"),
            (10078, {"lang": "en"}, "10,078"),
            (Decimal("1234.50"), {"lang": "en"}, "1,234.50"),
            (Decimal("-0.0"), {"lang": "en"}, "0.0"),
            (5, {"lang": "en", "zero_pad": True}, "05"),
            (1234, {"lang": "en", "grouping": False}, "1234"),
            (10078, {"lang": "de"}, "10.078"),
            (7, {"lang": "de", "zero_pad": True}, "07"),
        ],
    )
    def test_examples(self, value, options, expected):
        """
        Dot thousands, comma decimals, the digits given, never -0.
        """
        assert expected == format_number(value, **options)

    @given(integers)
    def test_integers_match_babel_vi(self, value):
        """
        An int is written as Babel writes it for vi (given the precision
        it needs for large ones).
        """
        with localcontext() as context:
            context.prec = 80
            expected = babel.numbers.format_decimal(value, locale="vi")

        assert expected == format_number(value)

    @given(decimals)
    def test_decimals_match_babel_vi_half_up(self, value):
        """
        A Decimal is written as Babel writes it for vi, with its own number
        of places and half-up rounding pinned (so nothing rounds).
        """
        assume(value != 0)
        with localcontext() as context:
            context.rounding = ROUND_HALF_UP
            # Room for every digit: Babel rounds to the context.
            context.prec = len(value.as_tuple().digits) + 10
            expected = babel.numbers.format_decimal(
                value, format=babel_vi_pattern(value), locale="vi"
            )

        assert expected == format_number(value)

    @given(integers)
    def test_no_float_artefact(self, value):
        """
        The digits of an int are all there, however large.
        """
        text = format_number(value)

        assert str(abs(value)) == text.lstrip("-").replace(".", "")

    @given(
        st.integers(min_value=-10, max_value=10)
        | st.decimals(
            min_value=-1, max_value=1, allow_nan=False, allow_infinity=False
        )
    )
    @example(Decimal("-0.00"))
    def test_minus_only_below_zero(self, value):
        """
        A minus sign is written exactly for negative values: never -0.
        """
        assert (value < 0) == format_number(value).startswith("-")
        assert (value < 0) == format_percent(value, places=None).startswith(
            "-"
        )

    @pytest.mark.parametrize(
        ("value", "error", "message"),
        [
            (1.5, TypeError, "a float cannot hold a figure exactly"),
            (True, TypeError, "takes an int or a Decimal, got True"),
            ("10078", TypeError, "got '10078'"),
            (Decimal("NaN"), ValueError, "finite"),
            (Decimal("Infinity"), ValueError, "finite"),
        ],
    )
    def test_bad_values(self, value, error, message):
        """
        Floats and other non-figures are refused with the value.
        """
        with pytest.raises(error, match=message):
            format_number(value)

    @given(st.decimals(allow_nan=False, allow_infinity=False))
    @example(Decimal("1E+30"))
    @example(Decimal("12345678901234567890123456789.5"))
    def test_other_languages_keep_every_digit(self, value):
        """
        English, and Babel for other languages, write exactly the digits
        given, whatever the caller's decimal context.
        """
        plain = format(value.copy_abs(), "f")
        for lang in ("en", "ja"):
            with localcontext() as context:
                context.prec = 3
                text = format_number(value, lang=lang)
                percent = format_percent(value, places=None, lang=lang)

            assert plain == text.replace(",", "").lstrip("-")
            assert plain == percent.replace(",", "").lstrip("-").rstrip("%")

    @given(
        st.integers(min_value=-(10**15), max_value=10**15)
        | st.decimals(min_value=-(10**12), max_value=10**12, places=3)
    )
    def test_english_agrees_with_babel(self, value):
        """
        The library's own English notation is Babel's for ``en``: a comma
        groups thousands, a dot marks decimals.
        """
        from hcc_report.formatting import _babel  # noqa: PLC0415

        assert _babel.format_number(value, "en", grouping=True) == (
            format_number(value, lang="en")
        )
        if isinstance(value, Decimal):
            assert _babel.format_percent(value, "en", grouping=True) == (
                format_percent(value, places=3, lang="en")
            )

    def test_vietnamese_ignores_the_decimal_context(self):
        """
        The caller's decimal context changes nothing.
        """
        with localcontext() as context:
            context.prec = 2
            assert "12.345,67" == format_number(Decimal("12345.67"))
            assert "12.345,67%" == format_percent(Decimal("12345.67"))
            assert Decimal("12345.67") == parse_number("12.345,67")

    def test_bad_options(self):
        """
        Unknown marks, and Vietnamese options with another locale, are
        refused.
        """
        with pytest.raises(ValueError, match="decimal_mark must be"):
            format_number(1, decimal_mark=" ")
        with pytest.raises(ValueError, match="for Vietnamese notation"):
            format_number(1, lang="en", decimal_mark=",")
        with pytest.raises(ValueError, match="unknown language 'xx'"):
            format_number(1, lang="xx")
        with pytest.raises(TypeError, match="lang must be a language code"):
            format_number(1, lang=None)
        with pytest.raises(ValueError, match="lang must be a language code"):
            format_number(1, lang="")
        with pytest.raises(ValueError, match="decimal_mark must be"):
            parse_number("1", decimal_mark=[","])


class TestFormatPercent:
    @pytest.mark.parametrize(
        ("value", "options", "expected"),
        [
            (Decimal("99.79"), {}, "99,79%"),
            (Decimal(100), {}, "100,00%"),
            (Decimal("99.8"), {}, "99,80%"),
            (100, {}, "100,00%"),
            (Decimal("99.66"), {"decimal_mark": "."}, "99.66%"),
            (Decimal("100.00"), {"decimal_mark": "."}, "100.00%"),
            (Decimal("90.1"), {"places": 1}, "90,1%"),
            (Decimal(40), {"places": 0}, "40%"),
            (Decimal("99.795"), {"places": None}, "99,795%"),
            (Decimal("-0.00"), {}, "0,00%"),
            (Decimal("1234.5"), {}, "1.234,50%"),
            (Decimal("99.79"), {"lang": "en"}, "99.79%"),
            (Decimal("0.125"), {"lang": "en", "places": None}, "0.125%"),
            (Decimal("1234.5"), {"lang": "en"}, "1,234.50%"),
            (Decimal("99.79"), {"lang": "fr"}, "99,79\u00a0%"),
        ],
    )
    def test_examples(self, value, options, expected):
        """
        No space before %, missing places filled, never -0,00%.
        """
        assert expected == format_percent(value, **options)

    @given(percentages)
    def test_matches_babel_vi_half_up(self, value):
        """
        A percentage is written as Babel's vi pattern writes it, with
        half-up rounding pinned.
        """
        places = max(0, -value.as_tuple().exponent)
        assume(value != 0)
        with localcontext() as context:
            context.rounding = ROUND_HALF_UP
            expected = babel.numbers.format_percent(
                value.scaleb(-2),
                format=babel_vi_pattern(value, percent=True),
                locale="vi",
            )

        assert expected == format_percent(value, places=places)

    def test_never_rounds(self):
        """
        More decimals than asked for is an error, not a silent rounding.
        """
        with pytest.raises(ValueError, match="has 3 decimal places"):
            format_percent(Decimal("99.795"))
        with pytest.raises(ValueError, match="has 1 decimal places"):
            format_percent(Decimal("90.1"), places=0)

    @pytest.mark.parametrize(
        ("options", "error"),
        [
            ({"places": -1}, ValueError),
            ({"places": 1.0}, TypeError),
            ({"lang": "en", "decimal_mark": ","}, ValueError),
        ],
    )
    def test_bad_options(self, options, error):
        """
        Options are checked.
        """
        with pytest.raises(error):
            format_percent(Decimal(1), **options)


class TestDates:
    @pytest.mark.parametrize(
        ("day", "long", "short"),
        [
            ((2023, 3, 2), "ngày 02 tháng 3 năm 2023", "02/3/2023"),
            ((2020, 1, 5), "ngày 05 tháng 01 năm 2020", "05/01/2020"),
            ((2023, 2, 28), "ngày 28 tháng 02 năm 2023", "28/02/2023"),
            ((2019, 12, 25), "ngày 25 tháng 12 năm 2019", "25/12/2019"),
            ((2023, 3, 9), "ngày 09 tháng 3 năm 2023", "09/3/2023"),
            ((2016, 10, 19), "ngày 19 tháng 10 năm 2016", "19/10/2016"),
        ],
    )
    def test_decree_30_padding(self, day, long, short):
        """
        Days below 10 and months 1 and 2 get a leading zero, no others.
        """
        assert long == format_date(dt.date(*day))
        assert short == format_short_date(dt.date(*day))

    def test_place_date(self):
        """
        The place and date line of the seed.
        """
        assert "Bình Thuận, ngày 02 tháng 3 năm 2023" == format_place_date(
            "Bình Thuận", dt.date(2023, 3, 2)
        )

    def test_other_languages(self):
        """
        English puts the day first, as English versions of Vietnamese
        documents do; other languages get their CLDR long date.
        """
        day = dt.date(2023, 3, 2)

        assert "2 March 2023" == format_date(day, lang="en")
        assert "2 March 2023" == format_date(day, lang="en-US")
        assert "2 mars 2023" == format_date(day, lang="fr")
        assert "Bình Thuận, 2 March 2023" == format_place_date(
            "Bình Thuận", day, lang="en"
        )

    @given(dates)
    def test_months_3_to_12_agree_with_babel_pattern(self, day):
        """
        Where CLDR can express the rule (months 3 to 12), Babel agrees.
        """
        assume(day.month >= 3)

        assert babel.dates.format_date(
            day, "'ngày' dd 'tháng' M 'năm' y", locale="vi"
        ) == format_date(day)

    @given(dates)
    def test_round_trips(self, day):
        """
        Every date from 1900 to 2100 reads back from each form.
        """
        assert day == parse_date(format_date(day))
        assert day == parse_short_date(format_short_date(day))
        assert ("Bình Thuận", day) == parse_place_date(
            format_place_date("Bình Thuận", day)
        )

    @pytest.mark.parametrize(
        "bad",
        [dt.datetime(2023, 3, 2, 9), "2023-03-02", None],
    )
    def test_only_dates(self, bad):
        """
        A datetime, a string or None is not a date.
        """
        with pytest.raises(TypeError, match=r"takes a datetime\.date"):
            format_date(bad)
        with pytest.raises(TypeError, match=r"takes a datetime\.date"):
            format_short_date(bad)

    def test_place_with_commas(self):
        """
        A place whose name holds a comma reads back whole.
        """
        line = format_place_date("Phường 1, Quận 3", dt.date(2023, 3, 2))

        assert ("Phường 1, Quận 3", dt.date(2023, 3, 2)) == parse_place_date(
            line
        )

    @pytest.mark.parametrize("month", [0, 13, -1, True, 3.0, "3"])
    def test_month_text_needs_a_month(self, month):
        """
        Only 1 to 12 are months.
        """
        with pytest.raises(
            ValueError, match="month must be an int from 1 to 12"
        ):
            month_text(month)

    def test_blank_place(self):
        """
        A place line needs a place.
        """
        with pytest.raises(ValueError, match="needs a place"):
            format_place_date(" ", dt.date(2023, 3, 2))
        with pytest.raises(TypeError, match="place as a str"):
            format_place_date(None, dt.date(2023, 3, 2))


class TestPeriods:
    @pytest.mark.parametrize(
        ("period", "long", "short"),
        [
            (Period.month(2023, 2), "tháng 02 năm 2023", "tháng 02/2023"),
            (Period.month(2023, 3), "tháng 3 năm 2023", "tháng 3/2023"),
            (Period.quarter(2023, 1), "quý I năm 2023", "quý I/2023"),
            (Period.quarter(2023, 4), "quý IV năm 2023", "quý IV/2023"),
            (Period.half(2023, 1), "6 tháng đầu năm 2023", None),
            (Period.half(2023, 2), "6 tháng cuối năm 2023", None),
            (Period.first_months(2023, 9), "9 tháng năm 2023", None),
            (Period.first_months(2023, 6), "6 tháng năm 2023", None),
            (Period.year(2023), "năm 2023", None),
            (
                Period.between(dt.date(2023, 1, 1), dt.date(2023, 2, 28)),
                "từ ngày 01/01/2023 đến ngày 28/02/2023",
                "từ 01/01/2023 đến 28/02/2023",
            ),
        ],
    )
    def test_names(self, period, long, short):
        """
        Each kind is named as reports name it, long and short.
        """
        assert long == format_period(period)
        assert (short or long) == format_period(period, short=True)

    @given(periods(), st.booleans())
    def test_round_trip(self, period, short):
        """
        Every period of every kind reads back from its name.
        """
        assert period == Period.parse(format_period(period, short=short))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Tháng 02 năm 2023", Period.month(2023, 2)),
            ("quý 1/2023", Period.quarter(2023, 1)),
            ("Quý iv năm 2023", Period.quarter(2023, 4)),
            ("9 tháng đầu năm 2023", Period.first_months(2023, 9)),
            ("6 tháng đầu năm 2023", Period.half(2023, 1)),
        ],
    )
    def test_tolerated_variants(self, text, expected):
        """
        Capitals, arabic quarter numbers and "N tháng đầu năm" are read.
        """
        assert expected == Period.parse(text)

    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (
                Period.month(2023, 2),
                "lũy kế từ đầu năm đến hết tháng 02 năm 2023",
            ),
            (
                Period.quarter(2023, 1),
                "lũy kế từ đầu năm đến hết tháng 3 năm 2023",
            ),
            (Period.year(2023), "lũy kế từ đầu năm đến hết năm 2023"),
            (
                Period.between(dt.date(2023, 3, 1), dt.date(2023, 3, 15)),
                "lũy kế từ đầu năm đến ngày 15/3/2023",
            ),
        ],
    )
    def test_cumulative_phrase(self, period, expected):
        """
        Cumulative figures are named by the end of their span.
        """
        assert expected == format_cumulative(period)

    @pytest.mark.parametrize(
        "text",
        [
            "tháng 13 năm 2023",
            "tháng 0 năm 2023",
            "quý V/2023",
            "từ ngày 01/03/2023 đến ngày 01/02/2023",
            "từ ngày 31/02/2023 đến ngày 01/03/2023",
            "tuần 5 năm 2023",
        ],
    )
    def test_no_such_period(self, text):
        """
        Impossible or unknown periods are errors quoting the text.
        """
        with pytest.raises(ParseError, match=f"cannot read '{text}'"):
            parse_period(text)

    def test_not_a_period(self):
        """
        format_period needs a kind, a start and an end.
        """
        with pytest.raises(TypeError, match="kind, start and end"):
            format_period("tháng 02 năm 2023")


class TestDocumentNumbers:
    def test_seed_number(self):
        """
        Numbers below 10 get a leading zero, the symbol no spaces.
        """
        assert "Số: 04/BC-TTHCC" == format_doc_number(
            4, DocumentType.BAO_CAO, "TTHCC"
        )
        assert "15/KH-UBND" == format_doc_number(
            15, DocumentType.KE_HOACH, "UBND", label=False
        )
        assert "123/TTr-SNV" == format_doc_number(
            123, DocumentType.TO_TRINH, "SNV", label=False
        )

    @given(
        number=st.integers(min_value=1, max_value=10**6),
        kind=st.sampled_from(DocumentType),
        issuer=st.from_regex(
            r"[A-ZĐ0-9][A-Za-zĐđ0-9]{0,7}(-[A-ZĐ0-9][A-Za-zĐđ0-9]{0,7}){0,2}",
            fullmatch=True,
        ),
        label=st.booleans(),
    )
    def test_round_trip(self, number, kind, issuer, label):
        """
        Every number and symbol reads back.
        """
        text = format_doc_number(number, kind, issuer, label=label)

        assert (number, kind.value, issuer) == parse_doc_number(text)

    def test_abbreviations_of_decree_30(self):
        """
        The named values are the Decree's abbreviations.
        """
        assert {
            "BC",
            "KH",
            "TB",
            "QĐ",
            "NQ",
            "CT",
            "TTr",
            "CTr",
            "QyĐ",
            "HĐ",
        } <= {kind.value for kind in DocumentType}
        assert "BC" == str(DocumentType.BAO_CAO)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((0, "BC", "TTHCC"), "number: must be from 1 to 999999999"),
            ((4, "bc", "TTHCC"), "type_code: must be a capital"),
            ((4, "BC", "TT HCC"), "issuer_code: must be groups of letters"),
            ((10**9, "BC", "TTHCC"), "got 1000000000"),
        ],
    )
    def test_bad_parts(self, args, message):
        """
        Bad parts are refused with the part named.
        """
        with pytest.raises(ValueError, match=message):
            format_doc_number(*args)


class TestParseNumber:
    @pytest.mark.parametrize(
        ("text", "options", "expected"),
        [
            ("10.078", {}, 10078),
            ("3801", {}, 3801),
            ("05", {}, 5),
            ("-1.234.567", {}, -1234567),
            ("−5", {}, -5),
            ("1.234,5", {}, Decimal("1234.5")),
            ("99,79", {}, Decimal("99.79")),
            ("\u00a010.078\u2009", {}, 10078),
            ("99.66", {"decimal_mark": "."}, Decimal("99.66")),
            ("1,234.5", {"decimal_mark": "."}, Decimal("1234.5")),
        ],
    )
    def test_examples(self, text, options, expected):
        """
        Grouped or plain numbers, with or without decimals.
        """
        result = parse_number(text, **options)

        assert expected == result
        assert type(expected) is type(result)

    @pytest.mark.parametrize(
        "text",
        [
            "10.07",
            "1.2345",
            "10..078",
            "",
            " ",
            "1.2.3",
            "0.078",
            "1,2,3",
            "10,078.5",
            "1 234",
            "12a",
            "١٢",
            "1e5",
            "--1",
            ".5",
            "5,",
        ],
    )
    def test_refuses_what_it_would_have_to_guess(self, text):
        """
        Malformed numbers raise ParseError quoting the text; Babel's lenient
        parser would read "10.07" as 1007.
        """
        with pytest.raises(ParseError) as info:
            parse_number(text)

        assert repr(text) in str(info.value)
        assert text == info.value.text

    @given(
        integers | decimals | wide_decimals,
        st.sampled_from([",", "."]),
        st.booleans(),
    )
    @example(Decimal("-0.0"), ",", True)
    def test_round_trip(self, value, mark, grouping):
        """
        What format_number writes, parse_number reads back exactly, with
        every decimal place (a Decimal without places reads as an int).
        """
        text = format_number(value, decimal_mark=mark, grouping=grouping)

        result = parse_number(text, decimal_mark=mark)
        assert value == result
        places = 0 if isinstance(value, int) else -value.as_tuple().exponent
        if places > 0:
            assert -places == result.as_tuple().exponent
        else:
            assert isinstance(result, int)

    @given(percentages, st.sampled_from([",", "."]))
    def test_percent_round_trip_two_places(self, value, mark):
        """
        With the default two places, what is written reads back as the
        value with two places.
        """
        assume(-value.as_tuple().exponent <= 2)

        text = format_percent(value, decimal_mark=mark)

        result = parse_percent(text, decimal_mark=mark)
        assert value == result
        assert -2 == result.as_tuple().exponent

    @given(percentages, st.sampled_from([",", "."]))
    def test_percent_round_trip(self, value, mark):
        """
        What format_percent writes, parse_percent reads back, digits and all.
        """
        text = format_percent(value, places=None, decimal_mark=mark)

        result = parse_percent(text, decimal_mark=mark)
        assert value == result
        assert abs(value).as_tuple() == abs(result).as_tuple()

    @pytest.mark.parametrize(
        ("text", "options", "expected"),
        [
            ("99,79%", {}, Decimal("99.79")),
            ("99,79 %", {}, Decimal("99.79")),
            ("99,79\u00a0%", {}, Decimal("99.79")),
            ("100.00%", {"decimal_mark": "."}, Decimal("100.00")),
        ],
    )
    def test_percent_examples(self, text, options, expected):
        """
        A space before % is tolerated, the seed's dot decimals on request.
        """
        assert expected == parse_percent(text, **options)

    @pytest.mark.parametrize("text", ["-0,00", "-0", "−0,0"])
    def test_no_negative_zero(self, text):
        """
        Zero is read without a sign, as the formatters write it.
        """
        result = parse_number(text)

        assert 0 == result
        assert "-" not in str(result)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("1234.567", "at most three digits come before the first '.'"),
            ("1.23", "must be followed by exactly three digits"),
        ],
    )
    def test_reasons(self, text, reason):
        """
        The error says what is wrong with the grouping.
        """
        with pytest.raises(ParseError, match=reason):
            parse_number(text)

    @pytest.mark.parametrize("text", ["99,79", "99.49%", "%", "abc%", ""])
    def test_percent_refusals(self, text):
        """
        No %, or a dot decimal in the comma convention, is an error.
        """
        with pytest.raises(ParseError, match="as a percentage"):
            parse_percent(text)


class TestParsers:
    @pytest.mark.parametrize(
        ("function", "text"),
        [
            (parse_date, "ngày 32 tháng 1 năm 2023"),
            (parse_date, "ngày 29 tháng 02 năm 2023"),
            (parse_date, "ngày 02 tháng 3 năm 23"),
            (parse_date, "02/3/2023"),
            (parse_short_date, "9/3/23"),
            (parse_short_date, "31/4/2023"),
            (parse_short_date, "2023-03-09"),
            (parse_place_date, "ngày 02 tháng 3 năm 2023"),
            (parse_place_date, "Bình Thuận, ngày 30 tháng 02 năm 2023"),
            (parse_doc_number, "04-BC-TTHCC"),
            (parse_doc_number, "Số: 04/bc-TTHCC"),
        ],
    )
    def test_malformed_dates_and_numbers(self, function, text):
        """
        Impossible or malformed text is a ParseError quoting it.
        """
        with pytest.raises(ParseError, match="cannot read"):
            function(text)

    def test_tolerates_real_documents(self):
        """
        NFD text, no-break spaces and unpadded figures are read.
        """
        nfd = unicodedata.normalize("NFD", "ngày 02 tháng 3 năm 2023")

        assert dt.date(2023, 3, 2) == parse_date(nfd)
        assert dt.date(2023, 3, 2) == parse_date(
            "ngày\u00a02 tháng 3 năm 2023"
        )
        assert dt.date(2023, 3, 9) == parse_short_date(" 9/03/2023 ")
        assert (4, "BC", "TTHCC") == parse_doc_number("Số:04/BC-TTHCC")

    @given(st.text() | st.binary() | st.none() | st.integers())
    def test_only_parse_errors(self, text):
        """
        On arbitrary input the parsers raise ParseError and nothing else.
        """
        for parse in (
            parse_number,
            parse_percent,
            parse_date,
            parse_short_date,
            parse_place_date,
            parse_period,
            parse_doc_number,
        ):
            with contextlib.suppress(ParseError):
                parse(text)

    @pytest.mark.parametrize(
        ("function", "text"),
        [
            (parse_number, "1" * 5000),
            (parse_doc_number, "1" * 5000 + "/BC-TTHCC"),
        ],
    )
    def test_too_many_digits(self, function, text):
        """
        Python's limit on int digits surfaces as a ParseError too.
        """
        with pytest.raises(ParseError, match="cannot read"):
            function(text)

    def test_parse_error_is_a_value_error(self):
        """
        Callers catching ValueError catch parse errors.
        """
        with pytest.raises(ValueError, match="cannot read"):
            parse_number("10.07")


def test_babel_is_imported_only_for_other_locales():
    """
    Vietnamese and English formatting never import Babel; another
    language does.
    """
    code = (
        "import sys, datetime, decimal\n"
        "from hcc_report.formatting import format_number, format_date\n"
        "format_number(10078); format_date(datetime.date(2023, 3, 2))\n"
        "print('babel' in sys.modules)\n"
        "format_number(10078, lang='en'); format_date(datetime.date(2023, 3, 2), lang='en')\n"
        "print('babel' in sys.modules)\n"
        "format_number(10078, lang='fr')\n"
        "print('babel' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )

    assert ["False", "False", "True"] == result.stdout.split()
