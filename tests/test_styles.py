"""
Tests for hcc_report.styles.
"""

from __future__ import annotations

import attrs
import pytest

from hcc_report import Rounding, ValidationError, ZeroPolicy
from hcc_report.loaders import load_style
from hcc_report.serialization import style_from_dict
from hcc_report.styles import (
    BINH_THUAN,
    DECREE_30,
    FORM_06,
    STYLES,
    Style,
    get_style,
)


def test_presets():
    """
    The three presets, by name.
    """
    assert {
        "decree-30": DECREE_30,
        "binh-thuan": BINH_THUAN,
        "form-06": FORM_06,
    } == dict(STYLES)
    assert (ZeroPolicy.NOT_APPLICABLE, ZeroPolicy.AS_100) == (
        DECREE_30.zero,
        BINH_THUAN.zero,
    )


def test_get_style():
    """
    A name gives its preset, a style itself; anything else is refused.
    """
    mine = attrs.evolve(DECREE_30, name="mine")

    assert mine is get_style(mine)
    assert BINH_THUAN is get_style("binh-thuan")
    with pytest.raises(ValueError, match="presets are binh-thuan, decree-30"):
        get_style("nd30")
    with pytest.raises(TypeError, match="must be a Style"):
        get_style(None)


def test_every_bad_field_is_listed():
    """
    A style checks all its fields at once.
    """
    with pytest.raises(ValidationError) as info:
        Style(
            name="",
            rate_places=-1,
            rounding="half-up",
            rate_decimal_mark=";",
            pad_row_numbers="yes",
        )

    assert [
        "name",
        "rate_places",
        "rounding",
        "rate_decimal_mark",
        "pad_row_numbers",
    ] == [problem.path for problem in info.value.problems]


@pytest.mark.parametrize(
    ("places", "valid"), [(0, True), (10, True), (11, False), (True, False)]
)
def test_rate_places_are_bounded(places, valid):
    """
    A rate shows 0 to 10 decimals; more is surely a mistake.
    """
    if valid:
        assert places == Style(name="x", rate_places=places).rate_places
    else:
        with pytest.raises(ValidationError, match="rate_places"):
            Style(name="x", rate_places=places)


def test_style_from_dict():
    """
    A style starts from a preset and changes what it names.
    """
    style = style_from_dict(
        {"base": "binh-thuan", "name": "x", "rounding": "half-even"}
    )

    assert (
        attrs.evolve(BINH_THUAN, name="x", rounding=Rounding.HALF_EVEN)
        == style
    )


def test_style_from_dict_problems():
    """
    Unknown keys, bad choices and bad values are all reported.
    """
    with pytest.raises(ValidationError) as info:
        style_from_dict(
            {"base": "nope", "colour": "red", "zero": "as-50"}, source="s.toml"
        )

    assert str(info.value).startswith("s.toml: invalid style, 3 problems")
    assert ["base", "colour", "zero"] == [p.path for p in info.value.problems]


def test_load_style(tmp_path):
    """
    A TOML file names its base and changes; its name defaults to the
    file's.
    """
    path = tmp_path / "tinh-x.toml"
    path.write_text('base = "decree-30"\nrate_places = 1\n', encoding="utf-8")

    style = load_style(path)

    assert ("tinh-x", 1) == (style.name, style.rate_places)


def test_load_style_errors(tmp_path):
    """
    Bad TOML and bad values name the file.
    """
    path = tmp_path / "bad.toml"
    path.write_text("rate_places = [", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"bad\.toml: invalid style"):
        load_style(path)
    path.write_text("rate_places = 'two'", encoding="utf-8")
    with pytest.raises(ValidationError, match="rate_places: must be an int"):
        load_style(path)
    path.write_bytes(b"name = 'B\xecnh Thu\xe2n'")
    with pytest.raises(ValidationError, match=r"bad\.toml: .*not UTF-8"):
        load_style(path)


def test_an_unknown_preset_hides_no_other_problem():
    """
    A style file with a wrong base still has its other fields checked.
    """
    with pytest.raises(ValidationError) as info:
        style_from_dict({"base": "nope", "rate_places": -1, "columns": ["x"]})

    assert ["base", "rate_places", "columns[0]"] == [
        p.path for p in info.value.problems
    ]
