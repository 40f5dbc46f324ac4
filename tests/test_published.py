"""
Tests for hcc_report.published: figures as printed, and their files.
"""

from __future__ import annotations

import json

import pytest

from hcc_report import ValidationError
from hcc_report.examples import (
    binh_thuan_2023_02_appendix,
    binh_thuan_2023_02_published,
    example_text,
)
from hcc_report.loaders import load_published, loads_published
from hcc_report.published import (
    PublishedFigures,
    PublishedRow,
    PublishedTable,
)
from hcc_report.serialization import published_from_dict


HEADINGS = (
    "Stt;Tên đơn vị;Đã tiếp nhận;Đã xử lý;Đúng hẹn;Trễ hẹn;Tỷ lệ đúng hẹn (%)"
)


def problems(text, fmt="csv"):
    with pytest.raises(ValidationError) as info:
        loads_published(text, fmt, source=f"table.{fmt}")
    assert str(info.value).startswith(f"table.{fmt}: invalid published")
    return [str(problem) for problem in info.value.problems]


class TestExamples:
    def test_toml_and_csv_hold_the_same_table(self):
        """
        The shipped TOML and CSV of the seed's appendix agree.
        """
        toml = binh_thuan_2023_02_published().table
        csv = binh_thuan_2023_02_appendix().table

        assert toml.rows == csv.rows
        assert toml.total == csv.total

    def test_as_printed(self):
        """
        Bare counts in the rows, dotted totals, dot-decimal rates: read as
        printed, the misprinted total rate kept.
        """
        published = binh_thuan_2023_02_published()
        table = published.table

        assert 19 == len(table.rows)
        assert {
            "received": 3801,
            "processed": 3807,
            "on_time": 3807,
            "late": 0,
        } == dict(table.rows[1].counts)
        assert "99.49%" == table.total.rates["on_time_rate"]
        assert 10078 == table.total.counts["received"]
        assert 2786 == published.period_figures.counts["received_online"]
        assert (2023, 2) == (
            published.period.end.year,
            published.period.end.month,
        )


class TestCsv:
    @pytest.mark.parametrize("delimiter", [";", ",", "\t"])
    def test_delimiters(self, delimiter):
        """
        Semicolons, commas or tabs separate the cells.
        """
        text = (
            HEADINGS.replace(";", delimiter)
            + "\n"
            + delimiter.join(
                ["01", "Sở Y tế", "244", "290", "290", "0", "100%"]
            )
            + "\n"
        )

        (row,) = loads_published(text, "csv").table.rows

        assert ("01", "Sở Y tế", 290) == (
            row.number,
            row.name,
            row.counts["processed"],
        )

    def test_field_names_as_headings(self):
        """
        Field names work as headings too, in any case.
        """
        text = "name,PROCESSED,on_time,late,on_time_rate\nA,4,3,1,75%\n"

        (row,) = loads_published(text, "csv").table.rows

        assert "75%" == row.rates["on_time_rate"]

    def test_total_row_and_bom(self, tmp_path):
        """
        A row named "Tổng cộng" is the total; a BOM is ignored.
        """
        path = tmp_path / "t.csv"
        path.write_bytes(
            "\ufeff".encode()
            + (
                HEADINGS + "\n01;A;1;1;1;0;100%\n;Tổng cộng;1;1;1;0;100%\n"
            ).encode()
        )

        table = load_published(path).table

        assert ["A"] == [row.name for row in table.rows]
        assert "Tổng cộng" == table.total.name

    def test_line_numbers_count_every_line(self):
        """
        Problems name the line of the file, counting the BOM's line, a
        line of merged headings and blank lines.
        """
        text = (
            "\ufeff;;Lũy kế từ năm 2023;;;;\n"
            + HEADINGS
            + "\n\n01;A;1;1;1;0;100%\n\n;;\n02;B;1;1a;1;0;100%\n"
        )

        assert [
            "line 7, column 'Đã xử lý': must be a count such as 3801, 10.078 "
            "or (in English notation) 10,078, got '1a'"
        ] == problems(text)

    def test_title_line_before_the_headings(self):
        """
        A title line with commas does not hide the headings' delimiter.
        """
        text = (
            "Kết quả, lũy kế từ năm 2023\n"
            + HEADINGS
            + "\n01;A;1;1;1;0;100%\n"
        )

        (row,) = loads_published(text, "csv").table.rows

        assert ("A", 1) == (row.name, row.counts["processed"])

    def test_trailing_empty_cells(self):
        """
        Empty cells a spreadsheet adds at the end of a row are dropped.
        """
        text = HEADINGS + ";;\n01;A;1;1;1;0;100%;;\n02;B;2;2;2;0;100%\n"

        rows = loads_published(text, "csv").table.rows

        assert [1, 2] == [row.counts["processed"] for row in rows]

    def test_form_06_headings(self):
        """
        In Biểu 06 "Đúng hạn" beside "Trước hạn" is on the due date, and
        "Quá hạn" after "Trong hạn" is the pending overdue dossiers.
        """
        text = (
            "Tên đơn vị;Đã xử lý;Trước hạn;Đúng hạn;Quá hạn;"
            "Đang giải quyết;Trong hạn;Quá hạn\n"
            "A;10;3;5;2;4;3;1\n"
        )

        (row,) = loads_published(text, "csv").table.rows

        assert {
            "processed": 10,
            "early": 3,
            "on_due_date": 5,
            "late": 2,
            "pending": 4,
            "pending_in_time": 3,
            "pending_overdue": 1,
        } == row.counts

    def test_stated_convention(self):
        """
        The caller can state the decimal mark and places of a CSV.
        """
        table = loads_published(
            HEADINGS + "\n01;A;1;1;1;0;100.0\n",
            "csv",
            decimal_mark=".",
            places=1,
        ).table

        assert (".", 1) == (table.decimal_mark, table.places)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                HEADINGS + "\n01;A;1;7,5;1;0;100%\n",
                [
                    "line 2, column 'Đã xử lý': must be a whole count, got 7.5 (a decimal)"
                ],
            ),
            (
                HEADINGS + "\n01;A;1;1;1;0;cao\n",
                [
                    "line 2, column 'Tỷ lệ đúng hẹn (%)': must be a percentage "
                    "such as '99,79%' or a mark such as '-', got 'cao'"
                ],
            ),
            (
                HEADINGS + "\n01;A;10.07;1;1;0;100%\n",
                # Neither "10.078" nor "10,078": in English notation it
                # would be a decimal.
                [
                    "line 2, column 'Đã tiếp nhận': must be a whole count, "
                    "got 10.07 (a decimal)"
                ],
            ),
            (
                HEADINGS + "\n01;A;1;1\n",
                ["line 2: has 4 cells where the headings have 7"],
            ),
            (
                "Stt;Đã xử lý\n01;5\n",
                [
                    "line 1: has no column of names (Tên đơn vị, Cấp, Lĩnh vực ...)"
                ],
            ),
            (
                "Stt;Tên đơn vị;Màu\n01;A;xanh\n",
                # An unknown heading is kept, but a table needs counts.
                ["line 1: has no column of counts"],
            ),
            (
                "Tên đơn vị;Đã xử lý;Đã giải quyết\nA;1;1\n",
                ["line 1, column 3: 'Đã giải quyết' repeats column 2"],
            ),
            (
                HEADINGS
                + "\n01;A;1;1;1;0;100%\n;Tổng cộng;1;1;1;0;100%\n"
                + ";Tổng cộng;1;1;1;0;100%\n",
                ["line 4: is a second total row"],
            ),
            ("", ["the table is empty"]),
            (HEADINGS + "\n", ["the table has no rows"]),
            (
                HEADINGS + "\n;Tổng cộng;1;1;1;0;100%\n",
                ["the table has no rows"],
            ),
        ],
    )
    def test_bad_tables(self, text, expected):
        """
        Bad input names the line and the column, never a traceback.
        """
        assert expected == problems(text)


class TestDicts:
    def test_json_has_the_toml_layout(self):
        """
        JSON holds the same layout as TOML.
        """
        text = json.dumps(
            {
                "period": "tháng 02 năm 2023",
                "paragraph": {"cumulative": {"received": "10.078"}},
                "table": {
                    "basis": "cumulative",
                    "rows": [{"name": "A", "received": 10078}],
                    "total": {"received": "10.078"},
                },
            }
        )

        published = loads_published(text, "json")

        assert 10078 == published.cumulative_figures.counts["received"]
        assert "Tổng cộng" == published.table.total.name

    def test_every_problem_with_its_path(self):
        """
        Unknown keys, bad counts, bad rates and bad periods are all named,
        in the order of the file.
        """
        data = {
            "period": "tuần 5",
            "colour": "red",
            "paragraph": {"period": {"recieved": "1"}},
            "table": {
                "rows": [
                    {"name": "A", "received": "1,5", "on_time_rate": "cao"},
                    {"received": 1},
                ],
                "basis": "weekly",
            },
        }

        with pytest.raises(ValidationError) as info:
            published_from_dict(data, source="p.toml")

        texts = [str(p) for p in info.value.problems]
        assert [
            "period",
            "colour: unknown key",
            "paragraph.period.recieved: unknown key (did you mean 'received'?)",
            "table.rows[0].received: must be a whole count, got 1.5 (a decimal)",
            "table.rows[0].on_time_rate: must be a percentage such as '99,79%' "
            "or a mark such as '-', got 'cao'",
            "table.rows[1].name: is required",
            "table.basis: must be one of 'period', 'cumulative', got 'weekly'",
        ] == [info.value.problems[0].path, *texts[1:]]

    def test_empty_table(self):
        """
        A table needs rows.
        """
        assert ["table.rows: must be an array (list), got []"] != problems(
            "[table]\nrows = []\n", "toml"
        )
        assert ["table.rows: must have at least one row"] == problems(
            "[table]\nrows = []\n", "toml"
        )

    @pytest.mark.parametrize(
        ("text", "fmt", "expected"),
        [
            (
                '{"number": "1", "number": "2"}',
                "json",
                "'number' is given twice",
            ),
            (
                '{"places": ' + "1" * 5000 + "}",
                "json",
                "line 1: a number of 5000 digits",
            ),
            ("[" * 100_000, "json", "nested too deeply"),
        ],
    )
    def test_unreadable_text(self, text, fmt, expected):
        """
        What the parser refuses is a ValidationError, as for report files.
        """
        assert expected in problems(text, fmt)[0]

    def test_not_utf8(self, tmp_path):
        """
        A file in another encoding is named, with the byte.
        """
        path = tmp_path / "t.csv"
        path.write_bytes(b"T\xean \xf0\xf5n v\xf2;\xd0\xe3 x\xec\n")

        with pytest.raises(ValidationError, match=r"t\.csv: .*not UTF-8"):
            load_published(path)

    def test_bad_syntax_and_suffix(self, tmp_path):
        """
        Unreadable files and unknown suffixes are clear errors.
        """
        assert problems("a = ", "toml")[0].startswith("invalid TOML: ")
        path = tmp_path / "t.xls"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(ValueError, match=r"use \.toml, \.json or \.csv"):
            load_published(path)


class TestModel:
    @pytest.mark.parametrize(
        ("make", "expected"),
        [
            (
                lambda: PublishedRow(name="A", counts={"received": -1}),
                ["received: must not be negative, got -1"],
            ),
            (
                lambda: PublishedRow(name="A", counts={"colour": 1}),
                ["colour: is not a count"],
            ),
            (
                lambda: PublishedRow(name="A", rates={"on_time_rate": 99.5}),
                ["on_time_rate: must be the printed text, got 99.5"],
            ),
            (
                lambda: PublishedTable(rows=[], decimal_mark=";"),
                [
                    "rows: must have at least one row",
                    "decimal_mark: must be ',' or '.', got ';'",
                ],
            ),
            (
                lambda: PublishedFigures(rates={"speed": "1%"}),
                ["speed: is not a rate (declare it in columns)"],
            ),
            (
                lambda: PublishedTable(rows=5),
                ["rows: must be a tuple, got 5"],
            ),
        ],
    )
    def test_checks(self, make, expected):
        """
        Published figures are checked for what they are, not for adding up.
        """
        with pytest.raises(ValidationError) as info:
            make()

        assert expected == [str(p) for p in info.value.problems]

    def test_inconsistent_figures_are_allowed(self):
        """
        Figures that do not add up can be held: finding them is the audit's
        job.
        """
        row = PublishedRow(name="A", counts={"processed": 10, "on_time": 1})

        assert 10 == row.counts["processed"]

    def test_example_text_of_other_files(self):
        """
        The CSV example is shipped too.
        """
        assert example_text("binh_thuan_2023_02_appendix", ".csv").startswith(
            "Stt;"
        )


class TestPrintedValues:
    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (
                {"table": {"rows": [{"name": "A", "received": True}]}},
                "table.rows[0].received: must be a count, got True",
            ),
            (
                {"table": {"rows": [{"name": "A", "received": 1.5}]}},
                "table.rows[0].received: must be a count, got 1.5",
            ),
            ({"number": 4}, "number: must be text, got 4"),
            ({"paragraph": []}, "paragraph: must be a table, got []"),
            ([], "must be a table, got []"),
        ],
    )
    def test_values_as_printed(self, data, expected):
        """
        Counts are ints or printed text, a number is text, parts are
        tables.
        """
        with pytest.raises(ValidationError) as info:
            published_from_dict(data)

        assert [expected] == [str(p) for p in info.value.problems]

    def test_a_stated_convention_is_checked(self):
        """
        What the caller states for the table is checked, naming the file.
        """
        with pytest.raises(ValidationError) as info:
            loads_published(
                '[table]\nrows = [{name = "A", received = 1}]\n',
                "toml",
                source="t.toml",
                decimal_mark=";",
            )

        assert str(info.value).startswith("t.toml: invalid published")
        assert "decimal_mark: must be ',' or '.'" in str(info.value)
        with pytest.raises(ValidationError) as info:
            loads_published(
                HEADINGS + "\n01;A;1;1;1;0;100%\n", "csv", places=-1
            )
        assert ["places: must be an int >= 0 or 'as-printed', got -1"] == [
            str(p) for p in info.value.problems
        ]

    def test_headings_on_the_first_line_by_default(self):
        """
        A table whose first lines name no two known columns is read with
        its first line as headings; an unknown one is kept, so the problem
        is that no count is left.
        """
        assert ["line 1: has no column of counts"] == problems(
            "Tên đơn vị;Xa\nA;1\n"
        )


class TestCsvAsSpreadsheetsWriteIt:
    def test_lines_ending_in_cr_alone(self):
        """
        Old Mac spreadsheets end lines with CR alone.
        """
        text = HEADINGS + "\r01;A;1;1;1;0;100%\r02;B;2;2;2;0;100%\r"

        rows = loads_published(text, "csv").table.rows

        assert ["A", "B"] == [row.name for row in rows]

    def test_a_cell_too_long(self):
        """
        A cell longer than the CSV reader takes is a problem of its line.
        """
        text = HEADINGS + "\n01;" + "A" * 150_000 + ";1;1;1;0;100%\n"

        assert problems(text)[0].startswith(
            "line 2: cannot be read as CSV: field larger than field limit"
        )

    def test_what_the_library_prints_reads_back(self):
        """
        "Đúng hẹn", the library's heading of on_time, is on_time beside
        "Trước hạn" too (only "Đúng hạn" is Biểu 06's due date).
        """
        text = "Tên đơn vị;Đã xử lý;Trước hạn;Đúng hẹn;Trễ hẹn\nA;10;3;9;1\n"

        (row,) = loads_published(text, "csv").table.rows

        assert {"processed": 10, "early": 3, "on_time": 9, "late": 1} == dict(
            row.counts
        )
