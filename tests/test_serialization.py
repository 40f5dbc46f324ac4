"""
Tests for hcc_report.serialization: TOML and JSON files of reports.
"""

from __future__ import annotations

import json
import os
import re

import attrs
import pytest

from hypothesis import HealthCheck, given, settings

from hcc_report import (
    Bullet,
    Paragraph,
    Section,
    ValidationError,
    dumps_report,
    load_report,
    loads_report,
    report_from_dict,
    report_to_dict,
    save_report,
)
from hcc_report.examples import example_text
from hcc_report.serialization._reading import parse_path, path_text
from strategies import reports


FORMATS = ["toml", "json"]


@pytest.mark.parametrize(
    ("prefix", "path", "expected"),
    [
        ("", "", ""),
        ("a", "", "a"),
        ("", "b", "b"),
        ("a", "b", "a.b"),
        ("a", "[0]", "a[0]"),
        ("a[0]", "b.c", "a[0].b.c"),
        ("appendix.rows", "[8].late", "appendix.rows[8].late"),
    ],
)
def test_paths_join(prefix, path, expected):
    """
    Paths join with dots, and indexes attach directly.
    """
    assert expected == path_text((*parse_path(prefix), *parse_path(path)))


class TestRoundTrip:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports())
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_text_round_trip(self, fmt, report):
        """
        Any valid report written as TOML or JSON reads back equal, and
        writing it again gives the same text.
        """
        text = dumps_report(report, fmt)

        again = loads_report(text, fmt)
        assert report == again
        assert text == dumps_report(again, fmt)

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports())
    def test_blocks_in_one_syntax(self, report):
        """
        Every list of blocks is one TOML array, its bullets inline tables,
        whatever their length: never an array of tables.
        """
        text = dumps_report(report, "toml")

        assert not re.search(
            r"^\[\[.*(blocks|opening)\]\]$", text, re.MULTILINE
        )
        # A section with such a list stays a table of its own: the array is
        # never put inside an inline table.
        assert not re.search(r"\{[^}\n]*= \[\n", text)

    def test_short_sections_of_bullets_stay_tables(self, seed):
        """
        Sections whose headings and blocks are short are still written as
        tables of their own, their blocks as an array inside them.
        """
        report = attrs.evolve(
            seed,
            sections=[
                Section(
                    heading=heading,
                    blocks=[Bullet(text="Một việc."), Paragraph(text="Hai.")],
                )
                for heading in ("Thuận lợi", "Khó khăn")
            ],
        )

        text = dumps_report(report, "toml")

        assert 2 == text.count("\n[[sections]]\nheading = ")
        assert (
            '[[sections]]\nheading = "Khó khăn"\nblocks = [\n'
            '    { bullet = "Một việc." },\n    "Hai.",\n]\n'
        ) in text
        assert report == loads_report(text, "toml")

    def test_the_examples_long_bullets_are_inline(self, seed):
        """
        The example's bullets of more than 100 characters (which tomli_w
        would write as an array of tables) are written inline, as its
        short ones are.
        """
        text = dumps_report(seed, "toml")

        assert "[[sections.subsections.blocks]]" not in text
        assert '\n    { bullet = "Triển khai tuyên truyền đẩy mạnh' in text
        assert '\n    { bullet = "Công tác an ninh' in text

    @given(report=reports())
    def test_dict_round_trip(self, report):
        """
        The plain-data form reads back equal.
        """
        assert report == report_from_dict(report_to_dict(report))

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_seed_round_trip(self, seed, fmt):
        """
        The example survives both formats.
        """
        assert seed == loads_report(dumps_report(seed, fmt), fmt)

    def test_json_is_readable_and_ordered(self, seed):
        """
        JSON keeps Vietnamese letters as they are and a stable key order.
        """
        text = dumps_report(seed, "json")

        assert '"place": "Bình Thuận"' in text
        assert list(json.loads(text))[:4] == [
            "schema_version",
            "issuer",
            "number",
            "place",
        ]

    def test_unknown_figures_are_left_out(self, seed):
        """
        A figure that was not reported is not written as zero.
        """
        data = report_to_dict(seed)

        assert "received_online" not in data["appendix"]["rows"][0]
        assert "pending" not in data["figures"]


class TestFiles:
    @pytest.mark.parametrize("suffix", [".toml", ".json", ".TOML"])
    def test_save_and_load(self, seed, tmp_path, suffix):
        """
        The suffix decides the format; the report reads back equal.
        """
        path = tmp_path / f"report{suffix}"

        save_report(seed, path)

        assert seed == load_report(path)
        assert [path.name] == [p.name for p in tmp_path.iterdir()]

    def test_unknown_suffix(self, seed, tmp_path):
        """
        A file of unknown kind is refused before anything is written.
        """
        with pytest.raises(ValueError, match=r"suffix '\.txt'"):
            save_report(seed, tmp_path / "report.txt")
        assert [] == list(tmp_path.iterdir())

    def test_failed_save_leaves_the_old_file(
        self, seed, tmp_path, monkeypatch
    ):
        """
        If writing fails, the old file is untouched and no temporary file
        is left behind.
        """
        path = tmp_path / "report.toml"
        path.write_text("old", encoding="utf-8")

        def fail(*args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(os, "fsync", fail)
        with pytest.raises(OSError, match="disk full"):
            save_report(seed, path)

        assert "old" == path.read_text(encoding="utf-8")
        assert ["report.toml"] == [p.name for p in tmp_path.iterdir()]

    def test_byte_order_mark_is_accepted(self, seed, tmp_path):
        """
        A UTF-8 file saved with a BOM by a Windows editor reads fine.
        """
        path = tmp_path / "report.json"
        path.write_bytes(b"\xef\xbb\xbf" + dumps_report(seed, "json").encode())

        assert seed == load_report(path)

    def test_format_can_be_given(self, seed, tmp_path):
        """
        A file without a known suffix is read in the format given.
        """
        path = tmp_path / "report.txt"
        path.write_text(dumps_report(seed, "json"), encoding="utf-8")

        assert seed == load_report(path, format="json")

    def test_not_utf8(self, tmp_path):
        """
        A file in a legacy encoding is refused with its name and the byte.
        """
        path = tmp_path / "report.toml"
        path.write_bytes("place = 'Bình Thuận'".encode("utf-16"))

        with pytest.raises(
            ValidationError, match=r"report\.toml: .*not UTF-8"
        ):
            load_report(path)


def problems(text: str, fmt: str = "toml") -> list[str]:
    with pytest.raises(ValidationError) as info:
        loads_report(text, fmt, source="report." + fmt)
    assert str(info.value).startswith(f"report.{fmt}: invalid report")
    return [str(problem) for problem in info.value.problems]


def example() -> str:
    return example_text("binh_thuan_2023_02")


class TestErrors:
    def test_every_problem_with_its_path(self):
        """
        Wrong types, unknown keys and bad values anywhere in the file are
        all reported in one error, each with its path, in file order.
        """
        text = (
            example()
            .replace("late = 19", 'late = "19"')
            .replace("received = 8\n", "recieved = 8\n")
            .replace('authority = "KT"', 'authority = "XX"')
            .replace("month = 2", "month = 14")
            .replace("issued = 2023-03-02", 'issued = "2 March 2023"')
        )

        assert [
            "issued: must be a date (YYYY-MM-DD), got '2 March 2023'",
            "period.month: must be from 1 to 12, got 14",
            "signer.authority: must be one of 'TM', 'KT', 'Q', 'TL', 'TUQ', "
            "got 'XX'",
            "appendix.rows[0].recieved (Stt 1, Ban Quản lý các KCN): unknown key (did you mean "
            "'received'?)",
            "appendix.rows[8].late (Stt 9, Sở Tài nguyên và Môi trường): must be a whole number of dossiers "
            "(int), got '19'",
        ] == problems(text)

    def test_failed_identity_in_a_row(self):
        """
        A row whose figures do not add up is named with its index.
        """
        text = example().replace("on_time = 172", "on_time = 173")

        assert [
            "appendix.rows[8].processed (Stt 9, Sở Tài nguyên và Môi trường): must equal on_time + late = "
            "173 + 19 = 192, got 191"
        ] == problems(text)

    def test_report_level_checks(self):
        """
        Once the parts are valid, the report's own checks run.
        """
        text = example().replace(
            "[figures]\nreceived = 6227", "[figures]\nreceived = 60000"
        )

        assert [
            "cumulative.received: must be at least the period's received = "
            "60000, got 10078"
        ] == problems(text)

    def test_missing_keys(self):
        """
        Missing required keys are listed by path.
        """
        assert [
            "issuer: is required",
            "number: is required",
            "place: is required",
            "issued: is required",
            "title: is required",
            "period: is required",
            "figures: is required",
            "signer: is required",
        ] == problems("schema_version = 1\n")

    def test_nested_structure_errors(self):
        """
        Sections, blocks, periods and rows report their own paths.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["sections"][0]["subsections"][3]["blocks"][1] = {"bulet": "x"}
        data["sections"][0]["subsections"][0]["blocks"][0] = {
            "insert": "table"
        }
        data["tasks"]["blocks"][0] = {"bullet": " "}
        data["period"] = {"kind": "quarter", "year": 2023, "month": 2}
        data["appendix"]["rows"][3] = "Sở Giao thông vận tải"
        data["recipients"] = "Như trên"

        with pytest.raises(ValidationError) as info:
            report_from_dict(data)

        assert [
            "period.month: unknown key",
            "period.quarter: is required",
            "sections[0].subsections[0].blocks[0].insert: must be 'figures', "
            "got 'table'",
            "sections[0].subsections[3].blocks[1]: must be a paragraph "
            '(a string, or {paragraph = "...", paragraph_en = "..."}), a '
            'bullet ({bullet = "...", bullet_en = "..."}) or an insert '
            "({insert = \"figures\"}), got {'bulet': 'x'}",
            "tasks.blocks[0].bullet: must not be blank, got ' '",
            "appendix.rows[3]: must be a table, got 'Sở Giao thông vận tải'",
            "recipients: must be an array (list), got 'Như trên'",
        ] == [str(p) for p in info.value.problems]

    @pytest.mark.parametrize(
        ("text", "fmt", "expected"),
        [
            ("a = [", "toml", "invalid TOML: "),
            ("{", "json", "invalid JSON: "),
            ('{"place": 1, "place": 2}', "json", "'place' is given twice"),
            ("[1, 2]", "json", "must be a table, got [1, 2]"),
            ("schema_version = 2", "toml", "schema_version: this version"),
            ("schema_version = true", "toml", "schema_version: this version"),
            (
                '{"a": ' + "1" * 5000 + "}",
                "json",
                "line 1: a number of 5000 digits",
            ),
            ("a = " + "1" * 5000, "toml", "line 1: a number of 5000 digits"),
            ("[" * 100_000, "json", "nested too deeply"),
        ],
    )
    def test_unreadable_text(self, text, fmt, expected):
        """
        Syntax errors and foreign documents are a ValidationError too.
        """
        assert any(expected in problem for problem in problems(text, fmt))

    @pytest.mark.parametrize("issued", ["20230302", "2023-W09-4", "2023-3-2"])
    def test_dates_are_iso_dates_only(self, issued):
        """
        Only YYYY-MM-DD is read as a date, on every Python.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["issued"] = issued

        with pytest.raises(ValidationError, match="issued: must be a date"):
            report_from_dict(data)

    def test_period_kinds(self):
        """
        Every period kind reads from its own keys.
        """
        base = report_to_dict(loads_report(example(), "toml"))
        # (Periods from 1 January have no cumulative figures of their own.)
        del base["cumulative"]
        for period in (
            {"kind": "year", "year": 2023},
            {"kind": "range", "start": "2023-01-01", "end": "2023-02-28"},
            {"kind": "first-months", "year": 2023, "months": 2},
            {"kind": "half", "year": 2023, "half": 1},
        ):
            report = report_from_dict(base | {"period": period})
            assert period["kind"] == report.period.kind.value

        with pytest.raises(
            ValidationError, match=r"period\.kind: must be one"
        ):
            report_from_dict(base | {"period": {"kind": "week"}})
        with pytest.raises(
            ValidationError, match=r"period\.kind: is required"
        ):
            report_from_dict(base | {"period": {"year": 2023}})
        with pytest.raises(
            ValidationError, match=r"period\.end: must be a date"
        ):
            report_from_dict(
                base
                | {
                    "period": {
                        "kind": "range",
                        "start": "2023-01-01",
                        "end": "soon",
                    }
                }
            )

    def test_bad_format_name(self, seed):
        """
        Only TOML and JSON are formats of report files.
        """
        with pytest.raises(
            ValueError, match="format must be 'toml' or 'json'"
        ):
            dumps_report(seed, "yaml")  # type: ignore[arg-type]
        with pytest.raises(
            ValueError, match="format must be 'toml' or 'json'"
        ):
            loads_report("", "yaml")  # type: ignore[arg-type]


class TestConverter:
    """
    What the cattrs converter reads, beyond what the example exercises.
    """

    def test_unknown_keys_of_generated_classes(self):
        """
        An unknown key anywhere is named, with a suggestion, and does not
        stop the rest from being read.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["titel"] = "x"
        data["sections"][0]["headng"] = "y"
        data["issued"] = "soon"

        with pytest.raises(ValidationError) as info:
            report_from_dict(data)

        assert [
            "issued: must be a date (YYYY-MM-DD), got 'soon'",
            "sections[0].headng: unknown key (did you mean 'heading'?)",
            "titel: unknown key (did you mean 'title'?)",
        ] == [str(p) for p in info.value.problems]

    def test_schema_version_with_other_problems(self):
        """
        A file of another version is named first, and its other problems
        after.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["schema_version"] = 9
        del data["place"]

        with pytest.raises(ValidationError) as info:
            report_from_dict(data)

        assert [
            "schema_version: this version of hcc-report reads version 1, "
            "got 9",
            "place: is required",
        ] == [str(p) for p in info.value.problems]

    def test_model_paths_become_file_paths(self):
        """
        A row's agency sits in the row in the file: a repeated name is
        named where the file has it.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["appendix"]["rows"][3]["name"] = data["appendix"]["rows"][0][
            "name"
        ]
        data["opening"] = [" "]

        with pytest.raises(ValidationError) as info:
            report_from_dict(data)

        assert [
            "opening[0]: must not be blank, got ' '",
            "appendix.rows[3].name (Stt 4, Ban Quản lý các khu công nghiệp): 'Ban Quản lý các khu công nghiệp' is "
            "already in rows[0]",
        ] == [str(p) for p in info.value.problems]

    def test_a_row_is_named_by_its_name_when_its_short_name_is_bad(self):
        """
        A row whose short name is not text is named by its name.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["appendix"]["rows"][7]["short_name"] = 5
        data["appendix"]["rows"][7]["late"] = -1

        with pytest.raises(ValidationError) as info:
            report_from_dict(data)

        assert [
            "appendix.rows[7].late (Stt 8, Sở Tài chính): must not be negative, got -1",
            "appendix.rows[7].short_name (Stt 8, Sở Tài chính): must be a string, got 5",
        ] == [str(p) for p in info.value.problems]

    def test_basis_is_checked_with_the_rows(self):
        """
        A bad basis is reported with a bad row, not after it is fixed.
        """
        data = report_to_dict(loads_report(example(), "toml"))
        data["appendix"]["basis"] = "weekly"
        data["appendix"]["rows"][0]["late"] = -1

        with pytest.raises(ValidationError) as info:
            report_from_dict(data)

        assert [
            "appendix.basis: must be one of 'period', 'cumulative', "
            "got 'weekly'",
            "appendix.rows[0].late (Stt 1, Ban Quản lý các KCN): must not be negative, got -1",
        ] == [str(p) for p in info.value.problems]


def test_wholes_follow_their_parts_after_a_round_trip(seed):
    """
    A report read back behaves as the one written: a whole with known
    parts is derived in both.
    """
    again = loads_report(dumps_report(seed, "toml"), "toml")
    row = again.appendix.rows[8].counts

    assert row == seed.appendix.rows[8].counts
    assert 193 == attrs.evolve(row, late=21).processed


@pytest.mark.parametrize("key", ["cumulative", "appendix", "tasks"])
def test_json_null_leaves_an_optional_part_out(seed, key):
    """
    In JSON, null for a part that may be left out leaves it out.
    """
    data = json.loads(dumps_report(seed, "json"))
    data[key] = None

    assert getattr(loads_report(json.dumps(data), "json"), key) is None
