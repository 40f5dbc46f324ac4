"""
Tests for hcc_report.schema: the JSON Schemas of report files and of
published figures accept every file the loaders read, and refuse the
files the loaders refuse for their shape.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from importlib import resources
from pathlib import Path

import attrs
import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Counts,
    Paragraph,
    Period,
    Signer,
    ValidationError,
    dumps_report,
    loads_published,
    loads_report,
    schema,
    total,
)
from hcc_report.errors import ArgumentError, ParseError
from hcc_report.examples import binh_thuan_2023_02, example_text
from hcc_report.published import (
    NOT_SHOWN,
    PublishedColumn,
    PublishedFigures,
    PublishedReport,
    PublishedRow,
    PublishedTable,
    rate_text_problem,
)
from hcc_report.schema import published_schema, report_schema, schema_text
from hcc_report.serialization import json_text
from strategies import reports


if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover (only on 3.10)
    import tomli as tomllib


TESTS = Path(__file__).parent
NAMES = ["report", "published"]


def validator(schema_data):
    # Formats asserted too: a date must be a real day.
    return Draft202012Validator(
        schema_data, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


REPORT = validator(report_schema())
PUBLISHED = validator(published_schema())
TEXT = validator(report_schema()["$defs"]["text"])
AUTHORITY = validator(report_schema()["$defs"]["authority"])
RATE = validator(published_schema()["$defs"]["rate"])


def schema_errors(checker, data) -> list[str]:
    return [
        f"{error.json_path}: {error.message}"
        for error in checker.iter_errors(data)
    ]


def toml_as_json(text: str) -> object:
    """
    A TOML file as the JSON of the same layout: dates as YYYY-MM-DD.
    """
    return json.loads(json_text(tomllib.loads(text)))


def seed_data() -> dict:
    return json.loads(dumps_report(binh_thuan_2023_02(), "json"))


def published_seed_data() -> dict:
    return toml_as_json(example_text("binh_thuan_2023_02_published"))


def reads_report(data) -> bool:
    try:
        loads_report(json.dumps(data), "json")
    except ValidationError:
        return False
    return True


def reads_published(data) -> bool:
    try:
        loads_published(json.dumps(data), "json")
    except ValidationError:
        return False
    return True


class TestFiles:
    @pytest.mark.parametrize("name", NAMES)
    def test_shipped_files_are_generated(self, name):
        """
        The schemas the package ships are those the model generates.
        """
        shipped = (
            resources.files("hcc_report")
            .joinpath(f"schemas/{name}.schema.json")
            .read_text(encoding="utf-8")
        )

        assert schema_text(name) == shipped, (
            f"hcc_report/schemas/{name}.schema.json is out of date: run "
            "`python -m hcc_report.schema` to write it again"
        )

    def test_write_gives_the_shipped_files(self, tmp_path):
        """
        Writing the schemas gives the files the package ships, byte for
        byte.
        """
        schema._write(tmp_path)

        for name in NAMES:
            path = tmp_path / f"{name}.schema.json"
            assert schema_text(name).encode() == path.read_bytes()

    @pytest.mark.parametrize("name", NAMES)
    def test_are_valid_draft_2020_12(self, name):
        """
        Each schema is a valid JSON Schema of draft 2020-12, with its own
        address.
        """
        data = json.loads(schema_text(name))

        Draft202012Validator.check_schema(data)
        assert (
            "https://json-schema.org/draft/2020-12/schema" == data["$schema"]
        )
        assert (
            f"https://hcc-report.readthedocs.io/schema/{name}.schema.json"
            == data["$id"]
        )

    def test_text_is_utf8_json(self):
        """
        The text keeps Vietnamese letters as they are and ends with a
        newline.
        """
        text = schema_text("report")

        assert "Tên đơn vị" in text
        assert text.endswith("}\n")

    def test_each_call_gives_a_new_dict(self):
        """
        A caller may change what it gets without changing the next one.
        """
        first = report_schema()
        first["$defs"].clear()

        assert report_schema()["$defs"]

    def test_unknown_name(self):
        """
        Only the two schemas have names.
        """
        with pytest.raises(ArgumentError, match="'report' or 'published'"):
            schema_text("style")  # type: ignore[arg-type]

    def test_public_names_are_documented(self):
        """
        __all__ names functions with docstrings.
        """
        for name in schema.__all__:
            assert getattr(schema, name).__doc__


# Report files -----------------------------------------------------------------


def _grouped_report():
    """
    A report whose appendix has groups, codes, its own row heading and
    the period's figures.
    """
    rows = [
        AppendixRow(
            agency=Agency(
                name="Sở Tư pháp",
                short_name="STP",
                code="000.00.05.H08",
                group="Sở, ban, ngành",
            ),
            counts=Counts(
                received_online=40,
                received_offline=60,
                carried_over=5,
                early=70,
                on_due_date=20,
                late=2,
                pending_in_time=10,
                pending_overdue=3,
            ),
        ),
        AppendixRow(
            agency=Agency(name="Huyện Tuy Phong", group="UBND cấp huyện"),
            counts=Counts(
                received_online=1,
                received_offline=2,
                carried_over=0,
                early=1,
                on_due_date=1,
                late=0,
                pending_in_time=1,
                pending_overdue=0,
            ),
        ),
    ]
    seed = binh_thuan_2023_02()
    return attrs.evolve(
        seed,
        figures=total([row.counts for row in rows]),
        cumulative=None,
        appendix=Appendix(
            title="Kết quả theo cơ quan",
            basis="period",
            row_heading="Cơ quan, đơn vị",
            rows=rows,
        ),
    )


def _with_period(period):
    return lambda seed: attrs.evolve(seed, period=period, cumulative=None)


REPORT_VARIANTS = {
    "example": lambda seed: seed,
    "no cumulative": lambda seed: attrs.evolve(seed, cumulative=None),
    "quarter": _with_period(Period.quarter(2023, 1)),
    "half": _with_period(Period.half(2023, 2)),
    "first months": _with_period(Period.first_months(2023, 9)),
    "year": _with_period(Period.year(2023)),
    "range": _with_period(
        Period.between(dt.date(2023, 2, 15), dt.date(2023, 3, 14))
    ),
    "bare": lambda seed: attrs.evolve(
        seed,
        appendix=None,
        tasks=None,
        sections=(),
        opening=(),
        recipients=(),
        archive=(),
    ),
    "addressees": lambda seed: attrs.evolve(
        seed, addressees=("Ủy ban nhân dân tỉnh",)
    ),
    "acting head": lambda seed: attrs.evolve(
        seed, signer=Signer(authority="Q", title="Giám đốc", name="Võ Vũ")
    ),
    "no authority": lambda seed: attrs.evolve(
        seed, signer=Signer(title="Giám đốc", name="Võ Vũ")
    ),
    "groups": lambda seed: _grouped_report(),
}


def _set(path: str, value):
    """
    A change of the report's data: *value* at *path* ("a.b.0.c").
    """

    def change(data):
        *parents, last = path.split(".")
        for key in parents:
            data = data[int(key) if key.isdigit() else key]
        data[int(last) if last.isdigit() else last] = value

    return change


def _delete(path: str):
    def change(data):
        *parents, last = path.split(".")
        for key in parents:
            data = data[int(key) if key.isdigit() else key]
        del data[int(last) if last.isdigit() else last]

    return change


#: Changes of the example's JSON that the loader reads all the same.
READ_ALL_THE_SAME = {
    "no schema_version": _delete("schema_version"),
    "null cumulative": _set("cumulative", None),
    "null tasks": _set("tasks", None),
    "null appendix": _set("appendix", None),
    "null parent": _set("issuer.parent", None),
    "null count": _set("figures.pending", None),
    "null short_name": _set("appendix.rows.0.short_name", None),
    "authority with a dot": _set("signer.authority", " kt. "),
    "number with Số": _set("number", "Số: 04/BC-TTHCC"),
    "empty subsections": _set("sections.0.subsections.0.subsections", []),
    "basis given": _set("appendix.basis", "cumulative"),
    "row heading": _set("appendix.row_heading", "Cơ quan"),
    "no archive": _set("archive", []),
    "insert and bullets": _set(
        "opening", [{"insert": "figures"}, {"bullet": "Một"}, "Hai"]
    ),
}

#: Changes of the example's JSON the loader refuses for their shape.
REFUSED = {
    "unknown key at the top": _set("titel", "x"),
    "unknown key in the issuer": _set("issuer.nam", "x"),
    "unknown key in a row": _set("appendix.rows.0.recieved", 8),
    "unknown key in the period": _set("period.day", 1),
    "unknown key in a section": _set("sections.0.headng", "x"),
    "unknown key in the signer": _set("signer.rank", "x"),
    "unknown key in the appendix": _set("appendix.total", {}),
    "unknown count": _set("figures.recieved", 1),
    "missing place": _delete("place"),
    "missing issuer name": _delete("issuer.name"),
    "missing signer title": _delete("signer.title"),
    "missing row name": _delete("appendix.rows.0.name"),
    "missing appendix rows": _delete("appendix.rows"),
    "missing appendix title": _delete("appendix.title"),
    "missing period kind": _delete("period.kind"),
    "missing period month": _delete("period.month"),
    "missing section heading": _delete("sections.0.heading"),
    "a string for the issuer": _set("issuer", "Trung tâm Hành chính công"),
    "a list for the figures": _set("figures", [6227]),
    "a table for the sections": _set("sections", {}),
    "a string for the recipients": _set("recipients", "Như trên"),
    "a string for a row": _set("appendix.rows.3", "Sở Giao thông vận tải"),
    "null for a list": _set("opening", None),
    "null for the basis": _set("appendix.basis", None),
    "null for the row heading": _set("appendix.row_heading", None),
    "null for the place": _set("place", None),
    "a negative count": _set("figures.late", -1),
    "a negative count in a row": _set("appendix.rows.0.late", -1),
    "a count with decimals": _set("figures.received", 6227.5),
    "a count as text": _set("appendix.rows.8.late", "19"),
    "a count as true": _set("figures.late", True),
    "an unknown period kind": _set("period", {"kind": "week", "year": 2023}),
    "a period kind in capitals": _set("period.kind", "MONTH"),
    "a month 13": _set("period.month", 13),
    "a year as text": _set("period.year", "2023"),
    "a quarter 5": _set(
        "period", {"kind": "quarter", "year": 2023, "quarter": 5}
    ),
    "a half 3": _set("period", {"kind": "half", "year": 2023, "half": 3}),
    "no months": _set(
        "period", {"kind": "first-months", "year": 2023, "months": 0}
    ),
    "a year with a month": _set(
        "period", {"kind": "year", "year": 2023, "month": 2}
    ),
    "a quarter with a month": _set(
        "period", {"kind": "quarter", "year": 2023, "month": 2}
    ),
    "a range with a year": _set(
        "period",
        {
            "kind": "range",
            "start": "2023-02-01",
            "end": "2023-02-28",
            "year": 2023,
        },
    ),
    "a range without its end": _set(
        "period", {"kind": "range", "start": "2023-02-01"}
    ),
    "an unknown basis": _set("appendix.basis", "weekly"),
    "an unknown authority": _set("signer.authority", "XX"),
    "a block with an unknown key": _set(
        "sections.0.subsections.3.blocks.1", {"bulet": "x"}
    ),
    "a bullet and an insert": _set(
        "opening.0", {"bullet": "x", "insert": "figures"}
    ),
    "an insert of a table": _set("opening.0", {"insert": "table"}),
    "an insert with more": _set("opening.0", {"insert": "figures", "x": 1}),
    "a number for a block": _set("opening.0", 5),
    "a bullet that is a number": _set("opening.0", {"bullet": 5}),
    "a blank paragraph": _set("opening.0", " "),
    "a blank place": _set("place", "  "),
    "a line break in a title": _set("title", "Báo cáo\ntháng 02"),
    "a tab in a name": _set("signer.name", "Võ\tVũ"),
    "a blank recipient": _set("recipients.0", ""),
    "a date in words": _set("issued", "2 March 2023"),
    "a date without dashes": _set("issued", "20230302"),
    "a date that is no day": _set("issued", "2023-02-30"),
    "a date with a line break": _set("issued", "2023-03-02\n"),
    "schema version 2": _set("schema_version", 2),
    "schema version as text": _set("schema_version", "1"),
    "no rows": _set("appendix.rows", []),
    "three levels of sections": _set(
        "sections.0.subsections.0.subsections",
        [{"heading": "Ba", "blocks": []}],
    ),
    "a number for the document number": _set("number", 4),
    "a table for a recipient": _set("recipients.0", {"name": "x"}),
    "a number for a short name": _set("appendix.rows.0.short_name", 5),
    "numbers for the archive": _set("archive", [1, 2]),
}


class TestReportSchema:
    @pytest.mark.parametrize("name", REPORT_VARIANTS)
    def test_reports_the_model_accepts(self, name):
        """
        Reports of every shape the model builds, written as JSON, are
        valid.
        """
        report = REPORT_VARIANTS[name](binh_thuan_2023_02())
        data = json.loads(dumps_report(report, "json"))

        assert [] == schema_errors(REPORT, data)

    def test_example_file(self):
        """
        The example as shipped (TOML), with its dates as text, is valid.
        """
        data = toml_as_json(example_text("binh_thuan_2023_02"))

        assert [] == schema_errors(REPORT, data)

    @pytest.mark.parametrize(
        "path", sorted(TESTS.glob("golden/*.json")), ids=lambda p: p.name
    )
    def test_reports_in_the_json_output(self, path):
        """
        The report the JSON output holds (golden files of the tests) is
        valid.
        """
        data = json.loads(path.read_text(encoding="utf-8"))

        assert [] == schema_errors(REPORT, data["report"])

    @pytest.mark.parametrize("name", READ_ALL_THE_SAME)
    def test_what_the_loader_reads(self, name):
        """
        What the loader reads besides what the library writes (nulls,
        authorities as typed, the defaults written) is valid.
        """
        data = seed_data()
        READ_ALL_THE_SAME[name](data)

        assert reads_report(data)
        assert [] == schema_errors(REPORT, data)

    @pytest.mark.parametrize("name", REFUSED)
    def test_what_the_loader_refuses(self, name):
        """
        A file the loader refuses for its shape or a value is invalid.
        """
        data = seed_data()
        REFUSED[name](data)

        assert not reads_report(data)
        assert not REPORT.is_valid(data)

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports())
    def test_any_valid_report(self, report):
        """
        Any valid report, written as JSON, is valid.
        """
        data = json.loads(dumps_report(report, "json"))

        assert [] == schema_errors(REPORT, data)

    @given(
        text=st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
        | st.sampled_from([" ", "\u00a0", "a\n", "\u3000x", "\x85", "é"])
    )
    def test_text_as_the_model_checks_it(self, text):
        """
        A text is valid where the model takes it: not blank, and no
        control character.
        """
        try:
            Paragraph(text=text)
        except ValidationError:
            taken = False
        else:
            taken = True

        assert taken == TEXT.is_valid(text)

    @given(text=st.text("TMKQLUtmkqlu. \u00a0", max_size=6))
    def test_authority_as_the_reader_reads_it(self, text):
        """
        An authority is valid where the reader reads it.
        """
        try:
            Authority.parse(text)
        except ParseError:
            read = False
        else:
            read = True

        assert read == AUTHORITY.is_valid(text)


# Published figures -------------------------------------------------------------


#: Published figures as the tests write them, beyond the example.
PUBLISHED_FILES = {
    "counts as numbers": {
        "period": "tháng 02 năm 2023",
        "paragraph": {"cumulative": {"received": "10.078"}},
        "table": {
            "basis": "cumulative",
            "rows": [{"name": "A", "received": 10078}],
            "total": {"received": "10.078"},
        },
    },
    "headings as keys": {
        "table": {
            "rows": [
                {
                    "name": "Cấp tỉnh",
                    "Đã giải quyết": "10",
                    "Trước hạn": "3",
                    "Đúng hạn": "5",
                    "Đã giải quyết / Quá hạn": "2",
                    "Đang giải quyết / Quá hạn": "1",
                }
            ]
        }
    },
    "a declared rate": {
        "table": {
            "columns": {
                "overdue": {
                    "heading": "Tỷ lệ chậm, quá hạn",
                    "numerator": ["late", "pending_overdue"],
                    "denominator": ["due"],
                    "places": 2,
                },
                "on_time_rate": {"heading": "Đúng hạn (%)", "group": "Tỷ lệ"},
                "notes": {"known": False},
            },
            "rows": [
                {
                    "name": "Huyện Lập Thạch",
                    "processed": "1.200",
                    "late": "2",
                    "pending_overdue": "2",
                    "overdue": "0,34%",
                    "notes": "x",
                }
            ],
        }
    },
    "a rate declared in a paragraph": {
        "paragraph": {
            "period": {
                "pending_overdue": "689",
                "due": "19.944",
                "of_due": "3,45 %",
                "columns": {
                    "of_due": {
                        "numerator": ["pending_overdue"],
                        "denominator": ["due"],
                    }
                },
            }
        }
    },
    "a column the library does not know": {
        "table": {"rows": [{"name": "A", "late": "2", "my_rate": "1%"}]}
    },
    "marks and nulls": {
        "table": {
            "rows": [
                {
                    "number": 1,
                    "name": "A",
                    "received": "-",
                    "processed": None,
                    "late": "",
                    "on_time_rate": "N/A",
                    "late_rate": None,
                    "group": None,
                }
            ],
            "decimal_mark": None,
            "title": None,
        }
    },
    "groups and a subtotal": {
        "table": {
            "rows_are": "units",
            "total_first": True,
            "heading_lines": 2,
            "places": "as-printed",
            "notation": "vi",
            "rows": [
                {"number": "I", "name": "Sở", "group": "Sở", "subtotal": True},
                {"number": "01", "name": "Sở Y tế", "group": "Sở"},
            ],
        }
    },
    "a period table": {
        "notation": "en",
        "table": {"rows": [{"name": "A", "received": "5,000"}]},
        "period_table": {"rows": [{"name": "A", "received": "1,000"}]},
    },
    "other cells": {
        "table": {"rows": [{"name": "A", "other": {"Ghi chú": ""}}]}
    },
    "nothing": {},
}

#: Changes of the example's published figures the loader refuses for
#: their shape or a value.
PUBLISHED_REFUSED = {
    "unknown key at the top": _set("colour", "red"),
    "unknown part of the body": _set("paragraph.periodic", {}),
    "unknown figure in the body": _set("paragraph.period.recieved", 6227),
    "unknown rate in the body": _set("paragraph.period.my_rate", "1%"),
    "name in the body": _set("paragraph.period.name", "A"),
    "unknown key in the table": _set("table.titel", "x"),
    "unknown key in a column": _set("table.columns", {"x": {"headng": "x"}}),
    "missing rows": _delete("table.rows"),
    "missing row name": _delete("table.rows.0.name"),
    "a string for the table": _set("table", "x"),
    "a list for the body": _set("paragraph", []),
    "a table for the rows": _set("table.rows", {}),
    "a string for a row": _set("table.rows.0", "Sở Y tế"),
    "null for the table": _set("table", None),
    "null for the total": _set("table.total", None),
    "null for the notation": _set("notation", None),
    "null for the places": _set("table.places", None),
    "null for a subtotal": _set("table.rows.0.subtotal", None),
    "a negative count": _set("table.rows.0.late", -1),
    "a negative count as text": _set("table.rows.0.late", "-1"),
    "a count with decimals": _set("table.rows.0.received", 8.5),
    "a count as text with decimals": _set("table.rows.0.received", "1,5"),
    "a count in words": _set("paragraph.period.received", "sáu nghìn"),
    "a count as true": _set("table.rows.0.received", True),
    "a rate as a number": _set("table.rows.0.on_time_rate", 99.5),
    "a rate in words": _set("table.total.on_time_rate", "cao"),
    "an unknown basis": _set("table.basis", "weekly"),
    "an unknown notation": _set("notation", "fr"),
    "an unknown decimal mark": _set("table.decimal_mark", ";"),
    "negative places": _set("table.places", -1),
    "places in words": _set("table.places", "two"),
    "rows of months": _set("table.rows_are", "months"),
    "no rows": _set("table.rows", []),
    "a subtotal without its group": _set("table.rows.0.subtotal", True),
    "a subtotal as text": _set("table.rows.0.subtotal", "yes"),
    "a row number as true": _set("table.rows.0.number", True),
    "a row number with decimals": _set("table.rows.0.number", 1.5),
    "a blank row name": _set("table.rows.0.name", " "),
    "a number for the period": _set("period", 202302),
    "a number for the document number": _set("number", 4),
    "a numerator alone": _set("table.columns", {"x": {"numerator": ["late"]}}),
    "a denominator alone": _set(
        "table.columns", {"x": {"denominator": ["due"]}}
    ),
    "a numerator of no count": _set(
        "table.columns",
        {"x": {"numerator": ["lat"], "denominator": ["due"]}},
    ),
    "a blank column key": _set("table.columns", {" ": {}}),
    "null for a column": _set("table.columns", {"x": None}),
    "a number among other cells": _set("table.rows.0.other", {"x": 1}),
}


class TestPublishedSchema:
    def test_example(self):
        """
        The example's published figures are valid.
        """
        assert [] == schema_errors(PUBLISHED, published_seed_data())

    @pytest.mark.parametrize(
        "path",
        sorted(TESTS.glob("data/published/*.toml")),
        ids=lambda p: p.name,
    )
    def test_real_tables(self, path):
        """
        The real figures of other provinces in the tests are valid.
        """
        data = toml_as_json(path.read_text(encoding="utf-8"))

        assert [] == schema_errors(PUBLISHED, data)

    @pytest.mark.parametrize("name", PUBLISHED_FILES)
    def test_what_the_loader_reads(self, name):
        """
        Published figures in every layout the loader reads are valid.
        """
        data = PUBLISHED_FILES[name]

        assert reads_published(data)
        assert [] == schema_errors(PUBLISHED, data)

    @pytest.mark.parametrize("name", PUBLISHED_REFUSED)
    def test_what_the_loader_refuses(self, name):
        """
        Published figures the loader refuses for their shape or a value
        are invalid.
        """
        data = published_seed_data()
        data["table"]["columns"] = {}
        PUBLISHED_REFUSED[name](data)

        assert not reads_published(data)
        assert not PUBLISHED.is_valid(data)

    @given(
        text=st.text("0123456789.,+ %\u00a0", max_size=12)
        | st.sampled_from(sorted(NOT_SHOWN))
        | st.sampled_from([" - ", "x ", "X", "1.000.000", "+5", "05"])
    )
    def test_count_text_as_the_reader_reads_it(self, text):
        """
        A printed count is valid where the reader reads it.
        """
        data = {"paragraph": {"period": {"received": text}}}

        assert reads_published(data) == PUBLISHED.is_valid(data)

    @given(
        text=st.text("0123456789.,% -xN/Ak\u00a0", max_size=12)
        | st.sampled_from(sorted(NOT_SHOWN))
        | st.sampled_from(["99,79%", "1.234,5 %", "100.00", "1,2,3%"])
    )
    def test_rate_text_as_the_model_checks_it(self, text):
        """
        A printed rate is valid where the model takes it.
        """
        assert (rate_text_problem(text) is None) == RATE.is_valid(text)

    @pytest.mark.parametrize(
        ("definition", "cls", "besides"),
        [
            (None, PublishedReport, {"paragraph"}),
            ("table", PublishedTable, set()),
            ("row", PublishedRow, set()),
            ("column", PublishedColumn, set()),
            ("paragraph", PublishedFigures, set()),
        ],
    )
    def test_keys_are_fields_of_the_model(self, definition, cls, besides):
        """
        The keys the schema writes out for published figures are fields
        of the classes they are read into, but for the body's
        ``paragraph`` (a field renamed is noticed).
        """
        data = published_schema()
        if definition is not None:
            data = data["$defs"][definition]

        fields = {field.name for field in attrs.fields(cls)}
        assert set(data["properties"]) - besides <= fields


def test_json_integers_with_a_zero_fraction():
    """
    What JSON Schema cannot tell apart: 5.0 is an integer to it, a float
    to the loader, which refuses it as a count.
    """
    data = seed_data()
    data["figures"]["late"] = 13.0

    assert not reads_report(data)
    assert REPORT.is_valid(data)
