"""
Hostile or careless input gets a clear error of bounded length, never
Python's own: signs documents do not write, places, counts and text beyond
the documented limits, templates that would work without end.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata

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
    Report,
    Severity,
    audit,
    describe,
    dumps_report,
    load_published,
    load_report,
    loads_published,
    loads_report,
    rate,
    render,
)
from hcc_report._checks import INVISIBLE_RANGES, line_problem
from hcc_report.auditing import FindingKind
from hcc_report.cli import main
from hcc_report.errors import (
    ArgumentError,
    ParseError,
    TemplateError,
    ValidationError,
)
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.formatting import parse_number, parse_percent
from hcc_report.model import MAX_COUNT, MAX_NAME, MAX_TEXT
from hcc_report.presentation import printed_figures
from hcc_report.published import PublishedTable
from hcc_report.renderers import _templates
from hcc_report.renderers._templates import md
from hcc_report.rounding import MAX_PLACES
from hcc_report.styles import DECREE_30


#: The loop budget of the documented limit, and the smaller one the tests
#: of template work use.
REAL_BUDGET = _templates.MAX_TEMPLATE_LOOPS
BUDGET = 200_000


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


class TestTemplateWork:
    """
    A template's work is bounded: its loops go round at most
    MAX_TEMPLATE_LOOPS times in all, and ``*`` and ``**`` make nothing
    bigger than MAX_TEMPLATE_ITEMS.
    """

    NESTED = (
        "{% for i in range(99999) %}{% for j in range(99999) %}"
        "{% endfor %}{% endfor %}"
    )

    @pytest.fixture(autouse=True)
    def small_budget(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """
        A budget of 200,000 turns: the real one, 10,000,000, takes a
        second to use up, and many seconds under coverage.
        """
        monkeypatch.setattr(_templates, "MAX_TEMPLATE_LOOPS", BUDGET)

    def test_the_budget_is_ten_million_turns(self) -> None:
        """
        The budget the tests here make smaller is the documented one.
        """
        assert 10_000_000 == REAL_BUDGET

    @pytest.mark.parametrize(
        ("fmt", "name"),
        [
            ("text", "report.txt.j2"),
            ("markdown", "report.md.j2"),
            ("html", "report.html.j2"),
        ],
    )
    def test_nested_loops_stop_with_a_clear_error(
        self, tmp_path: Path, fmt: str, name: str
    ) -> None:
        """
        Ten billion turns of two nested loops end at the limit, naming
        the template and its line.
        """
        (tmp_path / name).write_text("\n" + self.NESTED, encoding="utf-8")

        with pytest.raises(TemplateError) as caught:
            render(binh_thuan_2023_02(), fmt, template_dir=tmp_path)

        assert f"{name}, line 2: " in str(caught.value)
        assert "more than 200,000 times" in str(caught.value)

    def test_loops_over_the_views_are_counted_too(
        self, tmp_path: Path
    ) -> None:
        """
        Not only range(): a loop over the rows inside loops over the rows
        counts each turn.
        """
        rows = "{% for a in view.appendix.rows %}"
        (tmp_path / "report.txt.j2").write_text(
            rows * 6 + "{% endfor %}" * 6, encoding="utf-8"
        )

        with pytest.raises(TemplateError, match="more than 200,000 times"):
            render(binh_thuan_2023_02(), "text", template_dir=tmp_path)

    @pytest.mark.parametrize(
        ("expression", "message"),
        [
            ('"x" * 1000000000', "a text or list longer than 10,000,000"),
            ("[1] * 100000000", "a text or list longer than 10,000,000"),
            ("10 ** 100000000", "more than 10,000,000 digits"),
        ],
    )
    def test_huge_values_are_refused(
        self, tmp_path: Path, expression: str, message: str
    ) -> None:
        (tmp_path / "report.txt.j2").write_text(
            "{{ " + expression + " }}", encoding="utf-8"
        )

        with pytest.raises(TemplateError, match=message):
            render(binh_thuan_2023_02(), "text", template_dir=tmp_path)

    @pytest.mark.parametrize(
        "source",
        [
            # Doubling a text: 40 turns would make a terabyte.
            '{% set ns = namespace(s="x") %}{% for i in range(40) %}'
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            '{% set ns = namespace(s=["x"]) %}{% for i in range(40) %}'
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            '{{ "%0999999999d" % 1 }}',
            '{{ "{:>999999999}".format(1) }}',
            '{{ "%0999999999d" | format(1) }}',
            '{{ "x" | center(999999999) }}',
            "{{ [1, 2] | slice(999999999) | list }}",
            "{{ [1, 2] | batch(999999999, 0) | list }}",
            "{{ lipsum(999999999) }}",
            '{{ ("x" * 9999999) | replace("", "yy") }}',
        ],
    )
    def test_memory_bombs_are_refused(
        self, tmp_path: Path, source: str
    ) -> None:
        """
        Doubling a text or list, and any format, filter or global that
        would make a huge one, end with the limit's error.
        """
        (tmp_path / "report.txt.j2").write_text(source, encoding="utf-8")

        with pytest.raises(TemplateError) as caught:
            render(binh_thuan_2023_02(), "text", template_dir=tmp_path)

        assert re.search(
            r"longer than 10,000,000|at most 100,000", str(caught.value)
        )

    def test_small_values_still_work(self, tmp_path: Path) -> None:
        (tmp_path / "report.txt.j2").write_text(
            '{{ "ab" * 3 }} {{ 2 ** 10 }} {{ 3 * 4 }} '
            "{% for row in view.appendix.rows %}{{ loop.length }}"
            '{% endfor %} {{ "%05d" % 7 }} {{ "{:>4}".format(1) }} '
            '{{ "x" | center(5) }}|{{ [1, 2, 3] | batch(2) | list }} '
            '{{ "a" ~ "b" }} {{ [1] + [2] }} {{ "ab" | replace("a", "c") }}',
            encoding="utf-8",
        )

        text = render(binh_thuan_2023_02(), "text", template_dir=tmp_path)

        assert text == (
            "ababab 1024 12 " + "19" * 19 + " 00007    1   x  |[[1, 2], [3]] "
            "ab [1, 2] cb"
        )

    def test_each_rendering_has_its_own_budget(self, tmp_path: Path) -> None:
        """
        Renderings one after the other do not use up a shared budget.
        """
        (tmp_path / "report.txt.j2").write_text(
            "{% for i in range(2000) %}{% for j in range(60) %}"
            "{% endfor %}{% endfor %}done",
            encoding="utf-8",
        )

        for _ in range(3):  # 122,000 turns each, 366,000 in all
            assert "done" == render(
                binh_thuan_2023_02(), "text", template_dir=tmp_path
            )

    @pytest.mark.parametrize(
        "expression",
        [
            "view.__class__",
            "view.header.__init__",
            "style.rounding.__class__.__mro__",
            "view.appendix.rows.__len__",
        ],
    )
    def test_reading_fields_fast_keeps_the_sandbox(
        self, tmp_path: Path, expression: str
    ) -> None:
        """
        Fields of the views are read straight away; nothing else is.
        """
        (tmp_path / "report.txt.j2").write_text(
            "{{ " + expression + " }}", encoding="utf-8"
        )

        with pytest.raises(TemplateError, match=r"unsafe|undefined"):
            render(binh_thuan_2023_02(), "text", template_dir=tmp_path)

    def test_a_word_template_is_bounded(self, tmp_path: Path) -> None:
        """
        docxtpl's Word templates run in the same bounded sandbox.
        """
        docx = pytest.importorskip("docx")
        pytest.importorskip("docxtpl")
        document = docx.Document()
        document.add_paragraph(self.NESTED)
        path = tmp_path / "loops.docx"
        document.save(path)

        with pytest.raises(TemplateError, match=r"loops\.docx.*200,000"):
            render(binh_thuan_2023_02(), "docx", template=path)

    def test_the_command_line_reports_it(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (tmp_path / "report.txt.j2").write_text(self.NESTED, encoding="utf-8")

        status = main(["render", "--example", "--template-dir", str(tmp_path)])

        assert 2 == status
        assert "more than 200,000 times" in capsys.readouterr().err


class TestTextLength:
    """
    Names, titles and headings hold at most MAX_NAME characters, a
    paragraph or a bullet MAX_TEXT.
    """

    def test_a_name_at_the_limit_is_a_name(self) -> None:
        assert MAX_NAME == len(Agency(name="x" * MAX_NAME).name)

    @pytest.mark.parametrize("size", [MAX_NAME + 1, 1_000_000])
    def test_a_longer_name_is_refused_briefly(self, size: int) -> None:
        with pytest.raises(ValidationError) as caught:
            Agency(name="x" * size)

        message = str(caught.value)
        assert f"must be at most {MAX_NAME} characters" in message
        assert f"({size} characters)" in message
        assert len(message) < 250

    def test_a_paragraph_holds_a_page(self) -> None:
        assert MAX_TEXT == len(Paragraph(text="x" * MAX_TEXT).text)
        with pytest.raises(ValidationError, match="at most 10000 characters"):
            Paragraph(text="x" * (MAX_TEXT + 1))

    def test_a_report_file_names_the_long_field(self, tmp_path: Path) -> None:
        path = tmp_path / "r.toml"
        text = dumps_report(binh_thuan_2023_02(), "toml")
        path.write_text(
            text.replace('name = "Sở Tài chính"', f'name = "{"x" * 600}"'),
            encoding="utf-8",
        )

        with pytest.raises(ValidationError) as caught:
            load_report(path)

        assert "appendix.rows[7].name" in str(caught.value)
        assert "at most 500 characters" in str(caught.value)


class TestFastPaths:
    """
    What was made fast for big reports gives what the plain way gives.
    """

    def test_one_search_finds_what_the_character_look_refuses(self) -> None:
        """
        The pattern that lets most text through at once refuses exactly
        the characters that line_problem names, over all of Unicode.
        """
        refused = [
            chr(c)
            for c in range(sys.maxunicode + 1)
            if line_problem(chr(c)) is not None
        ]

        assert refused == [
            chr(c)
            for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)) in {"Cc", "Cs"}
            or chr(c) in "\ufffe\uffff"
            or any(a <= chr(c) <= b for a, b in INVISIBLE_RANGES)
        ]

    @given(st.text(alphabet=st.sampled_from("1.) -#+*~\n a\x1c\u00a0")))
    def test_md_leaves_as_it_is_only_what_needs_nothing(
        self, text: str
    ) -> None:
        assert md(text) == slow_md(text)

    @given(st.text())
    def test_md_on_any_text(self, text: str) -> None:
        assert md(text) == slow_md(text)


def slow_md(text: str) -> str:
    """
    md without its shortcut, as it was written first.
    """
    escaped = re.sub(
        r"^-(?=[-\s]*$)",
        r"\\-",
        re.sub(r"([\\`*_~\[\]<>|&])", r"\\\1", str(text).lstrip()),
    )
    return re.sub(
        r"^(\s*)([#+-]|\d+[.)])(?=\s|$)",
        lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1],
        escaped,
    )


class TestIssuedEarly:
    """
    A report dated before its period ends is warned of: its figures
    cannot be the whole period's.
    """

    def early(self) -> Report:
        return attrs.evolve(binh_thuan_2023_02(), issued=dt.date(2023, 1, 15))

    def test_the_audit_warns(self) -> None:
        findings = audit(printed_figures(self.early()))

        warnings = [f for f in findings if f.severity is Severity.WARNING]
        assert [FindingKind.ISSUED_EARLY] == [f.kind for f in warnings]
        assert (
            "CẢNH BÁO Số, ký hiệu và ngày ban hành: báo cáo ban hành trước "
            "khi hết kỳ báo cáo (01/02/2023 – 28/02/2023); in 15/01/2023"
            == describe(warnings[0])
        )
        assert "the report is dated before its period ends" in describe(
            warnings[0], lang="en"
        )

    @pytest.mark.parametrize(
        "day", [dt.date(2023, 2, 28), dt.date(2023, 3, 2)]
    )
    def test_on_the_last_day_or_after_is_fine(self, day: dt.date) -> None:
        report = attrs.evolve(binh_thuan_2023_02(), issued=day)

        kinds = {f.kind for f in audit(printed_figures(report))}

        assert FindingKind.ISSUED_EARLY not in kinds

    def test_check_of_a_report_file_warns(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "early.toml"
        path.write_text(dumps_report(self.early(), "toml"), encoding="utf-8")

        status = main(["check", str(path), "--lang", "en"])

        out = capsys.readouterr().out
        assert 0 == status
        assert (
            "WARNING  number, symbol and date: the report is dated before"
            in out
        )

    def test_published_figures_say_the_day(self) -> None:
        published = loads_published(
            'issued = 2023-01-15\nperiod = "2023-02"\n', "toml"
        )

        assert dt.date(2023, 1, 15) == published.issued
        assert FindingKind.ISSUED_EARLY in {f.kind for f in audit(published)}


class TestMessages:
    """
    Messages name the place and the cause.
    """

    def test_a_key_given_twice_is_named_with_its_path(
        self, tmp_path: Path
    ) -> None:
        text = dumps_report(binh_thuan_2023_02(), "json").replace(
            '"name": "Sở Tài chính",', '"name": "Sở Tài chính", "name": "X",'
        )
        path = tmp_path / "r.json"
        path.write_text(text, encoding="utf-8")

        with pytest.raises(ValidationError) as caught:
            load_report(path)

        assert "appendix.rows[7]: 'name' is given twice" in str(caught.value)

    @pytest.mark.parametrize("depth", [500, 980])
    def test_a_key_given_twice_deep_down_is_named_briefly(
        self, depth: int
    ) -> None:
        text = '{"a":' * depth + '{"k": 1, "k": 2}' + "}" * depth

        with pytest.raises(ValidationError) as caught:
            loads_report(text, "json")

        assert len(str(caught.value)) < 250

    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_a_number_of_5000_digits_is_named_by_its_line(
        self, tmp_path: Path, fmt: str
    ) -> None:
        text = dumps_report(binh_thuan_2023_02(), fmt)
        lines = text.splitlines()
        line = next(i for i, x in enumerate(lines, 1) if "55" in x)
        path = tmp_path / f"r.{fmt}"
        path.write_text(text.replace("55", "1" * 5000, 1), encoding="utf-8")

        with pytest.raises(ValidationError) as caught:
            load_report(path)

        assert (
            f"line {line}: a number of 5000 digits, more than Python reads"
            in str(caught.value)
        )
        assert len(str(caught.value)) < 200

    def test_an_unclosed_quote_is_named_where_it_opens(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "t.csv"
        path.write_text(
            "Tên đơn vị;Đã tiếp nhận;Đã giải quyết;Đúng hạn;Trễ hạn\n"
            'Sở A;10;10;10;0\n"Sở B;5;5;5;0\nSở C;5;5;5;0\nSở D;5;5;5;0\n',
            encoding="utf-8",
        )

        with pytest.raises(ValidationError) as caught:
            load_published(path)

        assert "line 3: has 1 cells" in str(caught.value)
        assert "is a quote not closed?" in str(caught.value)

    @pytest.mark.parametrize(
        ("text", "blamed"),
        [("10.078đ", "'đ'"), ("10.078 đ", "'đ'"), ("99,79x", "'x'")],
    )
    def test_parse_number_blames_the_stray_character(
        self, text: str, blamed: str
    ) -> None:
        with pytest.raises(ParseError) as caught:
            parse_number(text)

        assert f"{blamed} is not part of a number" in str(caught.value)

    def test_a_blocked_include_names_where_it_is(self, tmp_path: Path) -> None:
        (tmp_path / "report.txt.j2").write_text(
            "a\nb\n{% include '../../etc/passwd' %}\n", encoding="utf-8"
        )

        with pytest.raises(TemplateError) as caught:
            render(binh_thuan_2023_02(), "text", template_dir=tmp_path)

        assert (
            "report.txt.j2, line 3: template '../../etc/passwd' not found"
            == str(caught.value)
        )
