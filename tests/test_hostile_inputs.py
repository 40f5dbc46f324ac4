"""
Numbers from hostile or careless input get a clear error of bounded
length, never Python's own: signs documents do not write, places and
counts beyond the documented limits.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from hypothesis import given
from hypothesis import strategies as st

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Counts,
    Paragraph,
    rate,
    render,
)
from hcc_report.cli import main
from hcc_report.errors import (
    ArgumentError,
    ParseError,
    TemplateError,
    ValidationError,
)
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.formatting import parse_number, parse_percent
from hcc_report.model import MAX_COUNT
from hcc_report.published import PublishedTable
from hcc_report.rounding import MAX_PLACES
from hcc_report.styles import DECREE_30


class TestSigns:
    """
    A plus sign is refused: documents do not write one.
    """

    @pytest.mark.parametrize("text", ["+1", "+10.078", " +3 "])
    def test_parse_number_refuses_a_plus(self, text: str) -> None:
        """
        parse_number names the plus sign as the reason.
        """
        with pytest.raises(ParseError, match="without a plus sign"):
            parse_number(text)

    def test_parse_percent_refuses_a_plus(self) -> None:
        """
        So does parse_percent.
        """
        with pytest.raises(ParseError, match="without a plus sign"):
            parse_percent("+5%")

    def test_a_csv_count_with_a_plus_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """
        A published CSV table's "+10" is an error naming line and column.
        """
        path = tmp_path / "t.csv"
        path.write_text(
            "Stt;Tên đơn vị;Đã tiếp nhận;Đã xử lý;Đúng hẹn;Trễ hẹn\n"
            "1;Sở Y tế;+10;5;5;0\n",
            "utf-8",
        )

        assert 2 == main(["check", str(path)])
        assert "line 2, column 'Đã tiếp nhận'" in capsys.readouterr().err


class TestPlaces:
    """
    Rates have at most MAX_PLACES places, wherever places are given.
    """

    def test_rate_refuses_more_places_than_the_maximum(self) -> None:
        """
        rate(1, 3, places=5000) is refused at once, not computed.
        """
        assert 10 == MAX_PLACES
        assert "33.3333333333" == str(rate(1, 3, places=MAX_PLACES))
        with pytest.raises(ArgumentError, match="at most 10, got 5000"):
            rate(1, 3, places=5000)

    def test_the_command_refuses_more_places(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """
        --places 100000000 is a usage error, not a hang.
        """
        with pytest.raises(SystemExit) as stop:
            main(["check", "--example", "--places", "100000000"])

        assert 2 == stop.value.code
        assert "from 0 to 10" in capsys.readouterr().err

    def test_a_published_table_refuses_more_places(self) -> None:
        """
        places = 5000 in a file of published figures is a problem of the
        file.
        """
        with pytest.raises(ValidationError, match="places: must be an int"):
            PublishedTable(rows=[], places=5000)


class TestCounts:
    """
    Counts have a documented maximum, and a huge one is quoted by size.
    """

    @given(st.integers(min_value=MAX_COUNT + 1, max_value=10**5000))
    def test_a_count_above_the_maximum_is_refused_briefly(
        self, value: int
    ) -> None:
        """
        Any count above MAX_COUNT is refused with a short message.
        """
        with pytest.raises(ValidationError) as caught:
            Counts(received=value)

        assert len(str(caught.value)) < 120
        assert "must be at most 999999999999" in str(caught.value)

    def test_the_maximum_itself_is_a_count(self) -> None:
        """
        MAX_COUNT is accepted, and sums of counts may exceed it.
        """
        counts = Counts(received=MAX_COUNT)

        assert 2 * MAX_COUNT == (counts + counts).received


class TestText:
    """
    Text cannot hide what it says, nor change a document's structure.
    """

    @pytest.mark.parametrize(
        "name",
        ["\u200bSở Y tế", "Sở Y tế\u202e", "Sở\u2028Y tế", "Sở\u00adY tế"],
    )
    def test_invisible_characters_are_refused(self, name: str) -> None:
        """
        Zero-width, bidirectional and line-separating characters are
        named with their code point.
        """
        with pytest.raises(ValidationError, match="an invisible"):
            Agency(name=name)

    def test_names_differing_by_spaces_are_the_same_agency(self) -> None:
        """
        A trailing space does not make a second agency.
        """
        rows = [
            AppendixRow(agency=Agency(name=name), counts=Counts(received=1))
            for name in ("Sở Y tế", "Sở Y tế ", "Sở  Y tế")
        ]

        with pytest.raises(ValidationError) as caught:
            Appendix(title="Phụ lục", rows=rows)

        assert 2 == str(caught.value).count("is already in rows[0]")

    def test_a_long_bad_value_is_quoted_briefly(self) -> None:
        """
        A megabyte of text is quoted by its start and length.
        """
        with pytest.raises(ValidationError) as caught:
            Agency(name="x" * 1_000_000 + "\n")

        assert len(str(caught.value)) < 200
        assert "(1000001 characters)" in str(caught.value)
        with pytest.raises(ValidationError) as blank:
            Agency(name=" " * 1_000_000)
        assert len(str(blank.value)) < 200

    @pytest.mark.parametrize(
        "field", ["appendix_label", "appendix_reference", "not_applicable"]
    )
    def test_style_strings_are_one_line(self, field: str) -> None:
        """
        A style's printed strings refuse line breaks, as report text does.
        """
        with pytest.raises(ValidationError, match="one line of text"):
            attrs.evolve(DECREE_30, **{field: "PHỤ LỤC\n\n# INJECTED"})

    @pytest.mark.parametrize(
        "text", ["~~~", "```", "    code", "---", "- - -", "# x", "1. x"]
    )
    def test_a_paragraph_cannot_start_a_markdown_block(
        self, text: str
    ) -> None:
        """
        A paragraph of fence, rule, heading or indented code prints as
        text, and the appendix after it is still a table.
        """
        example = binh_thuan_2023_02()
        report = attrs.evolve(example, opening=(Paragraph(text=text),))

        def blocks(document: str | bytes) -> list[str]:
            assert isinstance(document, str)
            return [
                line
                for line in document.splitlines()
                if line.startswith(("~~~", "```", "    ", "#", "1."))
                or line.replace(" ", "") == "---"
            ]

        lines = render(report, "markdown")

        assert blocks(render(example, "markdown")) == blocks(lines)
        assert any(line.startswith("| 1 |") for line in lines.splitlines())


class TestTemplateFolders:
    """
    A user's template folder is read through its own files only.
    """

    def _folder(self, tmp_path: Path, target: Path) -> Path:
        folder = tmp_path / "templates"
        folder.mkdir()
        (folder / "report.txt.j2").write_text(
            "{% include 'part.txt' %}", "utf-8"
        )
        (folder / "part.txt").symlink_to(target)
        return folder

    def test_a_link_out_of_the_folder_is_not_followed(
        self, tmp_path: Path
    ) -> None:
        """
        {% include %} of a link to a file outside the folder fails as a
        missing template, without reading the file.
        """
        secret = tmp_path / "secret.txt"
        secret.write_text("SECRET", "utf-8")
        folder = self._folder(tmp_path, secret)

        with pytest.raises(TemplateError, match=r"'part\.txt' not found"):
            render(binh_thuan_2023_02(), "text", template_dir=folder)

    def test_a_link_within_the_folder_is_followed(
        self, tmp_path: Path
    ) -> None:
        """
        A link to another file of the folder is a template like any.
        """
        folder = self._folder(tmp_path, tmp_path / "templates" / "real.txt")
        (folder / "real.txt").write_text("ours", "utf-8")

        assert "ours" == render(
            binh_thuan_2023_02(), "text", template_dir=folder
        )
